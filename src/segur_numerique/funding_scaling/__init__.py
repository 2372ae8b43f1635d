"""Funding-scaling computations: allocation, scaling, pro rata."""
