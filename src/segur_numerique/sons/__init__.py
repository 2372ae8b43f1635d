"""SONS (Système ouvert et non sélectif), the vendor-side financing."""
