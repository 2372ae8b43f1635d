"""e-parcours (services numériques de coordination des parcours)."""
