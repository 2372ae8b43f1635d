"""``segur-numerique indicators``: SUN-ES volet 1 indicators from stay and document logs.

The unknown parts of the definitions (measurement period, stay types, send delays) and the targets
are caller-supplied: pass ``--parameters FILE``, or ``--illustrative`` for the illustrative, not
official, set. Without them the command stops naming the first missing parameter.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from segur_numerique.cli import (
    add_json_option,
    cli_lang,
    emit,
    emit_json,
    tr,
)
from segur_numerique.cli.log_inputs import (
    StageProgress,
    add_log_input_arguments,
    add_rules_options,
    input_lines,
    log_parameters_needed,
    log_rules,
    rejected_path,
    report_bad_rows,
    write_rejected,
)
from segur_numerique.cli.missing import report_missing
from segur_numerique.core.text import Lang, check_lang, plural_word
from segur_numerique.core.values import format_ratio
from segur_numerique.errors import (
    InvalidInputError,
    InvalidRowsError,
    MissingParameterError,
    NotYetKnownError,
)
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.documents.audit import log_rows
from segur_numerique.sun_es.documents.reading import read_documents
from segur_numerique.sun_es.documents.submissions import read_submissions
from segur_numerique.sun_es.logs.compute import indicators_from_logs
from segur_numerique.sun_es.logs.counts import LogParameters
from segur_numerique.sun_es.logs.document import indicators_document, window_targets
from segur_numerique.sun_es.logs.exclusions import ExclusionReason
from segur_numerique.sun_es.logs.results import (
    LogIndicators,
)
from segur_numerique.sun_es.targets import WINDOWS

_STAGES = ("read", "validate", "count", "exclusions")
_SAMPLE = 10
"""How many rows of the exclusion table the report shows (all of them: ``--exclusions FILE``)."""


def register(subparsers: Any) -> None:
    """Add the ``indicators`` sub-command."""
    lang = cli_lang(subparsers)
    parser = subparsers.add_parser(
        "indicators",
        help=tr(
            lang,
            fr="calculer les indicateurs SUN-ES volet 1 depuis les journaux de séjours et de "
            "documents",
            en="compute SUN-ES volet 1 indicators from stay and document logs",
        ),
        description=tr(
            lang,
            fr="Calcule chaque indicateur SUN-ES volet 1 par établissement depuis un journal des "
            "séjours et un journal des documents (CSV ou Parquet) ou des documents CDA R2, les "
            "compare aux cibles de la fenêtre et compte, par motif, les séjours et documents qui "
            "ne comptent pas.",
            en="Compute every SUN-ES volet 1 indicator per establishment from a stays log and a "
            "documents log (CSV or Parquet) or CDA R2 documents, compare them with the targets of "
            "the window, and count the stays and documents that do not count, by reason.",
        ),
    )
    _input_options(parser, lang)
    _output_options(parser, lang)
    parser.set_defaults(run=run)


def _input_options(parser: argparse.ArgumentParser, lang: Lang) -> None:
    parser.add_argument(
        "--stays",
        required=True,
        metavar="FILE",
        help=tr(lang, fr="journal des séjours (.csv/.parquet)", en="stays log (.csv/.parquet)"),
    )
    documents = parser.add_mutually_exclusive_group(required=True)
    documents.add_argument(
        "--documents",
        metavar="FILE",
        help=tr(
            lang, fr="journal des documents (.csv/.parquet)", en="documents log (.csv/.parquet)"
        ),
    )
    documents.add_argument(
        "--cda",
        metavar="DIR",
        help=tr(
            lang,
            fr="documents CDA R2 (dossier, zip) au lieu d'un journal des documents",
            en="CDA R2 documents (folder, zip) instead of a documents log",
        ),
    )
    parser.add_argument(
        "--submissions",
        metavar="FILE",
        help=tr(
            lang,
            fr="avec --cda : le journal des envois au DMP (CSV)",
            en="with --cda: the DMP submission log (CSV)",
        ),
    )
    parser.add_argument(
        "--window",
        choices=WINDOWS,
        default=None,
        help=tr(
            lang,
            fr="fenêtre de financement (F1 par défaut, indiqué)",
            en="funding window (default F1, shown)",
        ),
    )
    add_rules_options(parser, lang)
    add_log_input_arguments(parser, lang)


def _output_options(parser: argparse.ArgumentParser, lang: Lang) -> None:
    parser.add_argument(
        "--no-exclusions",
        action="store_true",
        help=tr(
            lang,
            fr="ne pas calculer les séjours et documents qui ne comptent pas",
            en="do not compute the stays and documents that do not count",
        ),
    )
    parser.add_argument(
        "--exclusions",
        metavar="FILE",
        dest="exclusions_file",
        help=tr(
            lang,
            fr="écrire chaque séjour et document qui ne compte pas, avec son motif, dans FILE "
            "(.csv ou .parquet), de façon atomique",
            en="write every stay and document that does not count, with its reason, to FILE "
            "(.csv or .parquet), atomically",
        ),
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=tr(
            lang,
            fr="remplacer le fichier --exclusions s'il existe",
            en="overwrite the --exclusions file if it exists",
        ),
    )
    add_json_option(parser, lang)


def _text(
    result: LogIndicators, targets: dict[str, Any], window: str, defaulted: bool, lang: Lang
) -> str:
    fr = lang == "fr"
    lines = []
    period = result.parameters.period.render(lang)
    default = (" (par défaut)" if fr else " (default)") if defaulted else ""
    lines.append(
        f"{'Fenêtre' if fr else 'Window'} {window}{default}, "
        f"{'période de mesure' if fr else 'measurement period'} {period}"
    )
    if any(r.origin.value == "illustrative" for r in result.parameters.reads):
        lines.append(
            "ATTENTION : paramètres illustratifs, NON OFFICIELS"
            if fr
            else "WARNING: illustrative parameters, NOT OFFICIAL"
        )
    by_finess: dict[str, list[tuple[str, str, str, int]]] = {}
    kinds = {"stay": "séjour" if fr else "stay", "document": "document"}
    labels = {r: r.label().in_(lang) for r in ExclusionReason}
    for finess, kind, ind, reason, n in result.reason_counts or ():
        by_finess.setdefault(finess, []).append((ind or "—", kinds[kind], labels[reason], n))
    for est in result.establishments:
        lines.append("")
        lines.append(f"FINESS {est.finess}")
        header = (
            ("indicateur", "num.", "dén.", "taux", "cible", "atteinte")
            if fr
            else ("indicator", "num.", "den.", "rate", "target", "met")
        )
        rows = [header]
        for c in est.counts:
            target = targets.get(c.indicator)
            rate = c.rate
            met = "—"
            if target is not None and rate is not None:
                met = ("oui" if fr else "yes") if rate >= target.rate else ("non" if fr else "no")
            rows.append(
                (
                    c.indicator,
                    str(c.numerator),
                    str(c.denominator),
                    "—" if rate is None else format_ratio(rate, lang),
                    "—" if target is None else format_ratio(target.rate, lang),
                    met,
                )
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        lines += [
            "  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip()
            for r in rows
        ]
        mine = sorted(by_finess.get(est.finess, ()))
        if mine:
            lines.append("  " + ("Non comptés :" if fr else "Not counted:"))
            lines += [f"    {ind}, {kind}: {reason} × {n}" for ind, kind, reason, n in mine]
    lines += _sample_lines(result, lang)
    return "\n".join(lines)


def cda_log(args: argparse.Namespace, rules: RuleSet) -> list[dict[str, Any]]:
    """The documents log of ``--cda`` (and ``--submissions``): every file must be read."""
    reading = read_documents([args.cda], rules=rules)
    if reading.errors:
        raise reading.errors[0]
    submissions = read_submissions(args.submissions) if args.submissions else ()
    joined = log_rows(reading, stays=args.stays, submissions=submissions)
    unmatched = sum(1 for stay in joined.matched if stay is None)
    if unmatched:
        what = plural_word(unmatched, "en", "CDA document matches", "CDA documents match")
        sys.stderr.write(f"{unmatched} {what} no stay: not counted\n")
    return [dict(r) for r in joined.rows]


def _sample_lines(result: LogIndicators, lang: Lang) -> list[str]:
    """The first rows of the exclusion table (a capped sample; all of it: --exclusions FILE)."""
    if result.reason_counts is None:
        return []
    total = sum(r[4] for r in result.reason_counts)
    sample = result.exclusion_sample(_SAMPLE)
    if not sample:
        return []
    fr = lang == "fr"
    head = (
        f"Exemples ({len(sample)} sur {total} ; tous : --exclusions FICHIER) :"
        if fr
        else f"Examples ({len(sample)} of {total}; all of them: --exclusions FILE):"
    )
    return [
        "",
        head,
        *(
            f"  {x.kind} {x.id} ({x.finess}), {x.indicator or '—'}: {x.reason.value}"
            for x in sample
        ),
    ]


def run(args: argparse.Namespace) -> int:
    """Compute and print the indicators."""
    lang = check_lang(args.lang)
    window = args.window or "F1"
    rules = log_rules(args)
    try:
        parameters = LogParameters.from_rules(rules, window)
    except NotYetKnownError:
        raise
    except MissingParameterError:  # every missing value at once, not one a run
        return report_missing(log_parameters_needed(rules, window), lang, "--all")
    if args.submissions and not args.cda:
        raise InvalidInputError("--submissions goes with --cda", where="--submissions")
    if args.exclusions_file and args.no_exclusions:
        raise InvalidInputError(
            "--exclusions FILE needs the exclusions: drop --no-exclusions", where="--exclusions"
        )
    documents = cda_log(args, rules) if args.cda else args.documents
    stages = len(_STAGES) - (1 if args.no_exclusions else 0) + (1 if args.skip_invalid else 0)
    rejected = rejected_path(args) if args.skip_invalid else None
    try:
        with StageProgress(stages, lang) as progress:
            result = indicators_from_logs(
                args.stays,
                documents,
                parameters,
                exclusions=not args.no_exclusions,
                progress=progress,
                skip_invalid=args.skip_invalid,
                encoding=args.encoding,
            )
    except InvalidRowsError as error:
        return report_bad_rows(error, lang)
    if rejected is not None:
        write_rejected(rejected, result.rejected)
    if args.exclusions_file and result.reason_counts is not None:
        result.write_exclusions(args.exclusions_file, force=args.force)
    if args.json:
        document = {
            **indicators_document(
                result, rules, window, window_defaulted=args.window is None, sample=_SAMPLE
            ),
            "rejected_file": None if rejected is None else str(rejected),
        }
        emit_json(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for line in input_lines(result.formats, len(result.rejected), rejected, lang):
            emit(line)
        emit(_text(result, dict(window_targets(rules, window)), window, args.window is None, lang))
    return 0
