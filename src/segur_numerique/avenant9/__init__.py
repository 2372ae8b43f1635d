"""Avenant 9 to the convention médicale (forfait structure)."""
