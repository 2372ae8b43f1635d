"""ESMS numérique (médico-social)."""
