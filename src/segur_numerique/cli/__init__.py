"""The ``segur-numerique`` command line.

Each sub-command lives in its own module exposing ``register(subparsers)``; this module wires
them and owns the exit codes:

* ``0``: success;
* ``1``: the command ran and found a failure (e.g. ``verify`` found a mismatch);
* ``2``: bad input or usage (a one-line message on standard error, never a traceback).

Languages. The command line speaks French by default and English with ``--lang en``, given
before or after the sub-command: help, usage, ``argparse``'s messages, the error prefix and the
command line's own messages (see :mod:`segur_numerique.cli.parsing`). The language is read from
the command line *before* the parser is built, so help texts are plain strings chosen at build
time. To write (or convert) a ``register`` function::

    from segur_numerique.cli import cli_lang, tr


    def register(subparsers: Any) -> None:
        lang = cli_lang(subparsers)  # "fr" or "en"
        parser = subparsers.add_parser(
            "audit",
            help=tr(lang, fr="auditer les documents", en="audit the documents"),
            description=tr(lang, fr="...", en="..."),
        )
        parser.add_argument("--json", action="store_true", help=tr(lang, fr="...", en="..."))

that is: add ``lang = cli_lang(subparsers)`` and wrap each ``help=``/``description=`` string in
``tr(lang, fr=..., en=...)``. Do not add ``--lang`` to a sub-command: :func:`build_parser` adds
it to every sub-command that lacks one. A message of the command itself (an
``InvalidInputError`` raised in ``run``) is chosen the same way, from ``args.lang``. An
unconverted module keeps working (its English help shows in both languages).

Messages of the library's errors (:mod:`segur_numerique.errors`) stay in English: they are built
from plain strings at several hundred raise sites, often around the offending data, and
``errors`` sits below :mod:`segur_numerique.core.text` in the layers, so an error cannot carry a
:class:`~segur_numerique.core.text.Text`; the prefix around them (``erreur :``) is translated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import re
import sys
import traceback
from collections.abc import Sequence
from typing import cast

from segur_numerique.cli.parsing import (
    CommandParser,
    Commands,
    add_broken_sums_option,
    add_json_option,
    add_lang_option,
    cli_lang,
    requested_lang,
)
from segur_numerique.core.outputs import write_stdout
from segur_numerique.core.text import Lang, counted, json_printable, printable, tr
from segur_numerique.core.version import __version__
from segur_numerique.errors import SegurError

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FAILURE",
    "EXIT_OK",
    "add_broken_sums_option",
    "add_json_option",
    "build_parser",
    "cli_lang",
    "emit",
    "emit_json",
    "error_line",
    "iso_date",
    "main",
    "tr",
]

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
    "segur_numerique.cli.parameters",
    "segur_numerique.cli.serve",
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


def build_parser(lang: Lang = "fr") -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered, its help in ``lang``."""
    parser = CommandParser(
        prog="segur-numerique",
        lang=lang,
        description=tr(
            lang,
            fr="Les règles des programmes de financement du Ségur numérique : valeurs de règle, "
            "calendriers, indicateurs, simulations de financement et vérification de conformité "
            "des éditeurs.",
            en="Rules of the Ségur Numérique funding programmes: rule values, calendars, "
            "indicators, funding simulations and vendor conformance checks.",
        ),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help=tr(
            lang,
            fr="en cas d'erreur, afficher aussi la pile d'appels Python",
            en="on an error, also print the Python traceback",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=tr(
            lang,
            fr="afficher le numéro de version et quitter",
            en="show the version number and exit",
        ),
    )
    add_lang_option(parser, lang, top=True)
    subparsers = cast(
        Commands,
        parser.add_subparsers(dest="command", parser_class=CommandParser, action=Commands),
    )
    subparsers.lang = lang
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    for sub in subparsers.choices.values():
        if "--lang" not in sub._option_string_actions:
            add_lang_option(sub, lang)
    return parser


MAX_MESSAGE_CHARS = 2000
"""The longest error line printed (a longer message is cut, saying how much was left out)."""


def error_line(message: str, lang: Lang = "en") -> str:
    r"""One printable line for an error message: controls escaped, newlines too, length capped.

    >>> error_line("bad name 'a\x1b[2Jb'\nsecond line")
    "segur-numerique: error: bad name 'a\\x1b[2Jb'\\x0asecond line"
    >>> error_line("x.toml: not found", "fr")
    'segur-numerique : erreur : x.toml: not found'
    """
    line = printable(message)
    if len(line) > MAX_MESSAGE_CHARS:
        cut = len(line) - MAX_MESSAGE_CHARS
        more = counted(
            cut,
            lang,
            fr=("caractère de plus", "caractères de plus"),
            en=("more character", "more characters"),
        )
        line = f"{line[:MAX_MESSAGE_CHARS]}... ({more})"
    return f"segur-numerique{tr(lang, fr=' : erreur : ', en=': error: ')}{line}"


def emit(text: str) -> None:
    """Print ``text`` on standard output in one write, controls escaped (newlines and tabs kept)."""
    write_stdout(printable(text, keep_newlines=True))


def emit_json(text: str) -> None:
    r"""Print a JSON document in one write; C1 controls, DEL, bidi overrides escaped as ``\uNNNN``.

    ``json.dumps(..., ensure_ascii=False)`` already escapes C0 controls; the characters it leaves
    can only stand inside strings, where a ``\uNNNN`` escape keeps the document valid JSON.
    """
    write_stdout(json_printable(text))


def _report(message: str, lang: Lang) -> int:
    print(error_line(message, lang), file=sys.stderr)
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Every error is one line on standard error (exit 2); ``--debug`` adds the traceback of an
    unexpected one.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = requested_lang(arguments)
    parser = build_parser(lang)
    args = parser.parse_args(arguments)
    if args.command is None:  # a bare `segur-numerique` shows what it can do
        emit(parser.format_help())
        return EXIT_OK
    try:
        code: int = args.run(args)
    except SegurError as exc:
        if args.debug:
            traceback.print_exc()
        return _report(str(exc), lang)
    except BrokenPipeError:  # pragma: no cover (piping into `head`; before OSError, its base)
        return EXIT_OK
    except OSError as exc:
        if args.debug:
            traceback.print_exc()
        unknown = tr(lang, fr="<fichier inconnu>", en="<unknown file>")
        name = exc.filename if exc.filename is not None else unknown
        return _report(f"{name}: {exc.strerror or exc}", lang)
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        return _report(
            tr(
                lang,
                fr=f"erreur interne ({type(exc).__name__} : {exc}) ; merci de la signaler "
                "(--debug affiche la pile d'appels)",
                en=f"internal error ({type(exc).__name__}: {exc}); please report it "
                "(run with --debug for the traceback)",
            ),
            lang,
        )
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
