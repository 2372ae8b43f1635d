"""The ``segur-numerique`` command line.

Each sub-command lives in its own module (``_cli_<name>.py``) exposing ``register(subparsers)``;
this module wires them and owns the exit codes:

* ``0``: success;
* ``1``: the command ran and found a failure (e.g. ``verify`` found a mismatch);
* ``2``: bad input or usage (a one-line message on standard error, never a traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import re
import sys
from collections.abc import Sequence

from segur_numerique.errors import SegurError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2

_COMMAND_MODULES = (
    "segur_numerique.cli.rules",
    "segur_numerique.cli.verify",
    "segur_numerique.cli.simulate",
    "segur_numerique.cli.explain",
    "segur_numerique.cli.calendar",
    "segur_numerique.cli.indicators",
)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(text: str) -> dt.date:
    """An ``argparse`` type: a calendar date written ``YYYY-MM-DD`` (and nothing else).

    >>> iso_date("2021-09-01")
    datetime.date(2021, 9, 1)
    >>> iso_date("20210901")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not a date (YYYY-MM-DD): '20210901'
    """
    try:
        if _ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = _Parser(
        prog="segur-numerique",
        description="Rules of the Ségur Numérique funding programmes: rule values, calendars, "
        "indicators, funding simulations and vendor conformance checks.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except SegurError as exc:
        print(f"segur-numerique: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # pragma: no cover (piping into `head`; before OSError, its base)
        return EXIT_OK
    except OSError as exc:
        print(f"segur-numerique: error: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
