"""``segur-numerique rules``: every rule value with its status and source."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from segur_numerique._errors import InvalidInputError
from segur_numerique._i18n import check_lang
from segur_numerique._rules import RuleSet, load_parameter_file, load_rules
from segur_numerique._values import render_value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(subparsers: Any) -> None:
    """Add the ``rules`` sub-command."""
    parser = subparsers.add_parser(
        "rules",
        help="list every rule value with its status and source",
        description="List every rule value with its key, value, unit, status and source.",
    )
    parser.add_argument("--json", action="store_true", help="one JSON document, for tools")
    parser.add_argument("--on", type=_date, help="values as known on this date (YYYY-MM-DD)")
    parser.add_argument("--parameters", metavar="FILE", help="overlay a caller parameter file")
    parser.add_argument("--lang", default="fr", choices=("fr", "en"), help="language (default fr)")
    parser.set_defaults(run=run)


def _rules(args: argparse.Namespace) -> RuleSet:
    return load_parameter_file(args.parameters) if args.parameters else load_rules()


def table(rules: RuleSet, on: dt.date | None, lang: str) -> str:
    """A readable table of the rule values as known on ``on``."""
    language = check_lang(lang)
    rows = [
        (
            "clé" if language == "fr" else "key",
            "valeur" if language == "fr" else "value",
            "statut" if language == "fr" else "status",
            "source",
        )
    ]
    for read in rules.reads(on):
        source = read.sources[0]
        more = f" (+{len(read.sources) - 1})" if len(read.sources) > 1 else ""
        status = read.status.label().in_(language)
        if read.alternative:
            status += f" [{read.alternative}]"
        rows.append(
            (
                read.key,
                render_value(read.value, language),
                status,
                f"{source.url or source.title}{more}",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(row))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  ------")
    return "\n".join(line.rstrip() for line in lines)


def run(args: argparse.Namespace) -> int:
    """Print the rule values."""
    rules = _rules(args)
    if args.on is not None and args.on.year < 2000:
        raise InvalidInputError(f"{args.on} is before any Ségur rule", where="--on")
    if args.json:
        print(json.dumps(rules.to_json(args.on), ensure_ascii=False, indent=2))
    else:
        print(table(rules, args.on, args.lang))
    return 0
