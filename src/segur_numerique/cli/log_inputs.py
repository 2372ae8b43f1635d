"""What the log commands share: how log files are read, their bad rows, and a progress bar.

The progress bar is drawn by rich when standard error is a terminal, and not at all otherwise (a
pipe, a CI log). rich is **optional**: it is not a core dependency (a bar is a convenience, and the
plain install stays small), so without it the commands run the same, without a bar.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from segur_numerique.cli import EXIT_BAD_INPUT, add_broken_sums_option, error_line
from segur_numerique.core.outputs import write_atomically
from segur_numerique.core.text import Lang, Text, counted, group_digits, plural_word, printable, tr
from segur_numerique.errors import InvalidRowsError, OutputFileError
from segur_numerique.rules.compact import NeededValue, needed_values
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.parameters import illustrative_assumptions, load_parameter_file
from segur_numerique.sun_es.logs.counts import LogParameters
from segur_numerique.sun_es.logs.csv_files import CsvFormat
from segur_numerique.sun_es.logs.validation import MAX_LISTED, BadRow, show_value

REJECTED_SUFFIX = ".rejected.csv"
"""The default rejected-rows file is the stays file's name with this suffix, next to it."""
_STAGES = {
    "read": Text(fr="lecture", en="reading"),
    "validate": Text(fr="vérification", en="checking"),
    "exclude": Text(fr="lignes invalides", en="invalid rows"),
    "count": Text(fr="comptage", en="counting"),
    "exclusions": Text(fr="non comptés", en="not counted"),
}


def add_log_input_arguments(parser: argparse.ArgumentParser, lang: Lang = "en") -> None:
    """``--encoding``, ``--skip-invalid`` and ``--rejected FILE``, their help in ``lang``."""
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help=tr(
            lang,
            fr="encodage des fichiers CSV : utf-8, windows-1252 ou latin-1 (par défaut : "
            "détecté, UTF-8 sinon Windows-1252 ; le rapport dit lequel)",
            en="encoding of the CSV files: utf-8, windows-1252 or latin-1 (default: detected, "
            "UTF-8 else Windows-1252; the report says which)",
        ),
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help=tr(
            lang,
            fr="exclure les lignes invalides (et les documents d'un séjour exclu) au lieu "
            "d'échouer ; elles sont écrites dans le fichier des lignes rejetées",
            en="leave the invalid rows out (and the documents of a left-out stay) instead of "
            "failing; they are written to the rejected-rows file",
        ),
    )
    parser.add_argument(
        "--rejected",
        metavar="FILE",
        help=tr(
            lang,
            fr="fichier des lignes rejetées (CSV) pour --skip-invalid (par défaut : le nom du "
            f"fichier des séjours avec {REJECTED_SUFFIX}, à côté) ; refusé s'il existe",
            en="rejected-rows file (CSV) for --skip-invalid (default: the stays file's name "
            f"with {REJECTED_SUFFIX}, next to it); refused if it exists",
        ),
    )


def rejected_path(args: argparse.Namespace) -> Path:
    """The rejected-rows file: ``--rejected``, else next to the stays file; it must not exist.

    Raises:
        OutputFileError: it exists (checked before the computation, not after).
    """
    stays = Path(args.stays)
    path = Path(args.rejected) if args.rejected else stays.with_name(stays.stem + REJECTED_SUFFIX)
    if path.exists():
        raise OutputFileError(
            "the rejected-rows file exists: remove it or give --rejected FILE", file=str(path)
        )
    return path


def write_rejected(path: Path, rows: tuple[BadRow, ...]) -> Path:
    """Write the rejected rows as CSV (file, row, id, column, reason, value), atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("source", "row", "id_column", "id", "column", "reason", "value"))
    for r in rows:
        writer.writerow(
            (
                r.source,
                "" if r.row is None else r.row,
                r.id_column,
                r.row_id or "",
                r.column,
                r.reason,
                r.value or "",
            )
        )
    return write_atomically(path, buffer.getvalue())


def input_lines(
    formats: tuple[CsvFormat, ...], rejected: int, where: Path | None, lang: Lang
) -> list[str]:
    """How each CSV file was read and, with ``--skip-invalid``, how many rows were left out."""
    lines = [f.describe().in_(lang) for f in formats]
    if where is not None:
        lines.append(
            Text(
                fr=f"Lignes invalides exclues : {rejected} (liste : {where})",
                en=f"Invalid rows left out: {rejected} (list: {where})",
            ).in_(lang)
        )
    return lines


def report_bad_rows(error: InvalidRowsError, lang: Lang, stream: TextIO | None = None) -> int:
    """Print the bad rows of ``error`` on standard error, one a line (at most 20); return 2."""
    rows: tuple[BadRow, ...] = tuple(r for r in error.rows if isinstance(r, BadRow))
    out = stream or sys.stderr
    count = counted(
        len(rows),
        lang,
        fr=("valeur invalide", "valeurs invalides"),
        en=("invalid value", "invalid values"),
    )
    head = tr(
        lang,
        fr=f"{count} dans les journaux (corrigez-les, ou passez --skip-invalid pour exclure "
        "ces lignes) :",
        en=f"{count} in the logs (fix them, or pass --skip-invalid to leave those rows out):",
    )
    lines = [error_line(head, lang)]
    lines += [printable(f"  {r.where()}: {r.reason}{show_value(r)}") for r in rows[:MAX_LISTED]]
    if len(rows) > MAX_LISTED:
        more = len(rows) - MAX_LISTED
        lines.append(
            tr(
                lang,
                fr=f"  ... et {group_digits(more, lang)} {plural_word(more, lang, 'autre', 'autres')}",
                en=f"  ... and {group_digits(more, lang)} more",
            )
        )
    out.write("\n".join(lines) + "\n")
    return EXIT_BAD_INPUT


class StageProgress:
    """A progress bar of the stages of a computation on standard error (rich), if a terminal."""

    def __init__(self, stages: int, lang: Lang, stream: TextIO | None = None) -> None:
        self.lang = lang
        self._bar: Any = None
        self._task: Any = None
        out = stream or sys.stderr
        if not out.isatty():
            return
        try:
            from rich.console import Console  # noqa: PLC0415 (optional: no bar without it)
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: PLC0415
        except ImportError:  # pragma: no cover
            return
        self._bar = Progress(
            TextColumn("{task.description:<16}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=Console(file=out),
            transient=True,
        )
        self._task = self._bar.add_task("", total=stages)

    def __call__(self, stage: str) -> None:
        """A stage starts (the previous one is done)."""
        if self._bar is None:
            return
        label = _STAGES[stage].in_(self.lang) if stage in _STAGES else stage
        if self._bar.tasks[0].description:
            self._bar.advance(self._task)
        self._bar.update(self._task, description=label)

    def __enter__(self) -> StageProgress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()


def log_parameters_needed(rules: RuleSet, window: str) -> tuple[NeededValue, ...]:
    """Every unknown the log definitions of ``window`` need under ``rules``, found in one go."""
    return needed_values(
        lambda probed: LogParameters.from_rules(probed, window), rules, illustrative_assumptions()
    )


def add_rules_options(parser: argparse.ArgumentParser, lang: Lang) -> None:
    """The rules of a log command (``indicators``, ``documents audit``); see :func:`log_rules`.

    ``--parameters FILE | --illustrative``, and ``--accept-broken-sums``.
    """
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--parameters",
        metavar="FILE",
        help=tr(
            lang,
            fr="fichier de paramètres de l'appelant (valeurs inconnues)",
            en="caller parameter file (unknowns)",
        ),
    )
    source.add_argument(
        "--illustrative",
        action="store_true",
        help=tr(
            lang,
            fr="utiliser les paramètres et cibles illustratifs, NON OFFICIELS",
            en="use the illustrative, NOT OFFICIAL, parameters and targets",
        ),
    )
    add_broken_sums_option(parser, lang)


def log_rules(args: argparse.Namespace) -> RuleSet:
    """The rules :func:`add_rules_options` asked for.

    A parameter file over the shipped rules, the illustrative sets, or the shipped rules.
    """
    if args.parameters:
        return load_parameter_file(args.parameters, accept_broken_sums=args.accept_broken_sums)
    if args.illustrative:
        return illustrative_assumptions()
    return load_rules()
