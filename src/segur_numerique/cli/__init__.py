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
import traceback
from collections.abc import Sequence

from segur_numerique.core.outputs import write_stdout
from segur_numerique.core.text import json_printable, printable
from segur_numerique.core.version import __version__
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
    "segur_numerique.cli.documents",
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
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {printable(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = _Parser(
        prog="segur-numerique",
        description="Rules of the Ségur Numérique funding programmes: rule values, calendars, "
        "indicators, funding simulations and vendor conformance checks.",
    )
    parser.add_argument(
        "--debug", action="store_true", help="on an error, also print the Python traceback"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--lang", default="fr", choices=("fr", "en"), help="language of the output (default fr)"
    )
    subparsers = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


MAX_MESSAGE_CHARS = 2000
"""The longest error line printed (a longer message is cut, saying how much was left out)."""


def error_line(message: str) -> str:
    r"""One printable line for an error message: controls escaped, newlines too, length capped.

    >>> error_line("bad name 'a\x1b[2Jb'\nsecond line")
    "segur-numerique: error: bad name 'a\\x1b[2Jb'\\x0asecond line"
    """
    line = printable(message)
    if len(line) > MAX_MESSAGE_CHARS:
        cut = len(line) - MAX_MESSAGE_CHARS
        line = f"{line[:MAX_MESSAGE_CHARS]}... ({cut} more characters)"
    return f"segur-numerique: error: {line}"


def emit(text: str) -> None:
    """Print ``text`` on standard output in one write, controls escaped (newlines and tabs kept)."""
    write_stdout(printable(text, keep_newlines=True))


def emit_json(text: str) -> None:
    r"""Print a JSON document in one write; C1 controls, DEL, bidi overrides escaped as ``\uNNNN``.

    ``json.dumps(..., ensure_ascii=False)`` already escapes C0 controls; the characters it leaves
    can only stand inside strings, where a ``\uNNNN`` escape keeps the document valid JSON.
    """
    write_stdout(json_printable(text))


def _report(message: str) -> int:
    print(error_line(message), file=sys.stderr)
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Every error is one line on standard error (exit 2); ``--debug`` adds the traceback of an
    unexpected one.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # a bare `segur-numerique` shows what it can do
        emit(parser.format_help())
        return EXIT_OK
    try:
        code: int = args.run(args)
    except SegurError as exc:
        if args.debug:
            traceback.print_exc()
        return _report(str(exc))
    except BrokenPipeError:  # pragma: no cover (piping into `head`; before OSError, its base)
        return EXIT_OK
    except OSError as exc:
        if args.debug:
            traceback.print_exc()
        name = exc.filename if exc.filename is not None else "<unknown file>"
        return _report(f"{name}: {exc.strerror or exc}")
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        return _report(
            f"internal error ({type(exc).__name__}: {exc}); please report it "
            "(run with --debug for the traceback)"
        )
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
