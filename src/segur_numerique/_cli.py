"""The ``segur-numerique`` command line.

Each sub-command lives in its own module (``_cli_<name>.py``) exposing ``register(subparsers)``;
this module wires them and owns the exit codes:

* ``0``: success;
* ``1``: the command ran and found a failure (e.g. ``verify`` found a mismatch);
* ``2``: bad input or usage (a one-line message on standard error, never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from segur_numerique._errors import SegurError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2

_COMMAND_MODULES = ("segur_numerique._cli_rules",)


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
    except OSError as exc:
        print(f"segur-numerique: error: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # pragma: no cover (piping into `head`)
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
