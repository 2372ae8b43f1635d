"""HOP'EN (Hôpital numérique ouvert sur son environnement)."""
