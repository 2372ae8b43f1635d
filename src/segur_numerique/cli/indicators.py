"""``segur-numerique indicators``: SUN-ES volet 1 indicators from stay and document logs.

The unknown parts of the definitions (measurement period, stay types, send delays) and the targets
are caller-supplied: pass ``--parameters FILE``, or ``--illustrative`` for the illustrative, not
official, set. Without them the command stops naming the first missing parameter.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any, TextIO

from segur_numerique.cli import emit, emit_json
from segur_numerique.core.text import Lang, check_lang
from segur_numerique.core.values import format_ratio
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.parameters import illustrative_assumptions, load_parameter_file
from segur_numerique.sun_es.indicators import INDICATORS
from segur_numerique.sun_es.logs.counts import LogParameters
from segur_numerique.sun_es.logs.exclusions import ExclusionReason
from segur_numerique.sun_es.logs.results import LogIndicators, indicators_from_logs
from segur_numerique.sun_es.targets import WINDOWS, target_from_rules

_STAGES = ("validate", "count", "exclusions")
_SAMPLE = 10
"""How many rows of the exclusion table the report shows (all of them: ``--exclusions FILE``)."""


class _Progress:
    """A stage progress bar on standard error, drawn only when it is a terminal."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.start = time.monotonic()
        self.enabled = stream.isatty()

    def __call__(self, stage: str) -> None:
        self.done += 1
        self._draw(stage)

    def _draw(self, stage: str) -> None:
        if not self.enabled:
            return
        width = 20
        filled = width * self.done // self.total
        elapsed = time.monotonic() - self.start
        self.stream.write(
            f"\r[{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total} {stage:<12}"
            f" {elapsed:6.1f} s"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def register(subparsers: Any) -> None:
    """Add the ``indicators`` sub-command."""
    parser = subparsers.add_parser(
        "indicators",
        help="compute SUN-ES volet 1 indicators from stay and document logs",
        description="Compute every SUN-ES volet 1 indicator per establishment from a stays log "
        "and a documents log (CSV or Parquet), compare them with the targets of the window, and "
        "count the stays and documents that do not count, by reason.",
    )
    parser.add_argument("--stays", required=True, metavar="FILE", help="stays log (.csv/.parquet)")
    parser.add_argument(
        "--documents", required=True, metavar="FILE", help="documents log (.csv/.parquet)"
    )
    parser.add_argument(
        "--window", choices=WINDOWS, default=None, help="funding window (default F1, shown)"
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--parameters", metavar="FILE", help="caller parameter file (unknowns)")
    source.add_argument(
        "--illustrative",
        action="store_true",
        help="use the illustrative, NOT OFFICIAL, parameters and targets",
    )
    parser.add_argument(
        "--no-exclusions",
        action="store_true",
        help="do not compute the stays and documents that do not count",
    )
    parser.add_argument(
        "--exclusions",
        metavar="FILE",
        dest="exclusions_file",
        help="write every stay and document that does not count, with its reason, to FILE "
        "(.csv or .parquet), atomically",
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite the --exclusions file if it exists"
    )
    parser.add_argument(
        "--accept-broken-sums",
        action="store_true",
        help="accept a parameter file whose values break a sum check (158 + 52 = 210 M€...); "
        "the broken check is recorded and shown, not silenced",
    )
    parser.add_argument("--json", action="store_true", help="one JSON document, for tools")
    parser.add_argument(
        "--lang",
        default=argparse.SUPPRESS,  # the main parser holds the default, so it may come first
        choices=("fr", "en"),
        help="language (default fr; also accepted before the command)",
    )
    parser.set_defaults(run=run)


def _rules(args: argparse.Namespace) -> RuleSet:
    if args.parameters:
        return load_parameter_file(args.parameters, accept_broken_sums=args.accept_broken_sums)
    if args.illustrative:
        return illustrative_assumptions()
    return load_rules()


def _targets(rules: RuleSet, window: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for d in INDICATORS:
        key = d.target_key(window)
        out[d.id] = target_from_rules(rules, window, d.id) if rules.is_supplied(key) else None
    return out


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
    rules = _rules(args)
    parameters = LogParameters.from_rules(rules, window)
    if args.exclusions_file and args.no_exclusions:
        raise InvalidInputError(
            "--exclusions FILE needs the exclusions: drop --no-exclusions", where="--exclusions"
        )
    progress = _Progress(sys.stderr, len(_STAGES) - (1 if args.no_exclusions else 0))
    try:
        result = indicators_from_logs(
            args.stays,
            args.documents,
            parameters,
            exclusions=not args.no_exclusions,
            progress=progress,
        )
    finally:
        progress.close()
    targets = _targets(rules, window)
    if args.exclusions_file and result.reason_counts is not None:
        result.write_exclusions(args.exclusions_file, force=args.force)
    if args.json:
        document = result.to_json(exclusions=False)
        sample = [] if result.reason_counts is None else result.exclusion_sample(_SAMPLE)
        document = {
            **document,
            "exclusion_sample": [x.to_json() for x in sample],
            "window_defaulted": args.window is None,
            "targets": {k: (v.to_json() if v else None) for k, v in targets.items()},
        }
        emit_json(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        emit(_text(result, targets, window, args.window is None, lang))
    return 0
