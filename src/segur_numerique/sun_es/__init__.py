"""SUN-ES (Ségur usage numérique en établissements de santé)."""
