"""The library's version, in one place (read by the build and by exported documents)."""

__version__ = "0.1.0"
