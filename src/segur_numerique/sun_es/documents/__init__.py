"""Reading the CDA R2 documents vendors send to the DMP, and whether each counts for SUN-ES."""
