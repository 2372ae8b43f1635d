"""SUN-ES volet 1 indicators computed from stay and document logs."""
