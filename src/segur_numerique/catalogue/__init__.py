"""The programme catalogue."""
