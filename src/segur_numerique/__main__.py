"""``python -m segur_numerique``: the ``segur-numerique`` command line."""

from segur_numerique.cli import main

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
