"""``segur-numerique rules``: every rule value with its status and source."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import fnmatch
import json
import textwrap
from typing import Any

from segur_numerique.cli import (
    add_broken_sums_option,
    add_json_option,
    cli_lang,
    emit,
    emit_json,
    iso_date,
    tr,
)
from segur_numerique.core.provenance import Origin
from segur_numerique.core.text import check_lang
from segur_numerique.core.values import JsonValue, render_value
from segur_numerique.errors import InvalidInputError, UnknownRuleError
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.parameters import load_parameter_file
from segur_numerique.rules.sums import CheckStatus


def register(subparsers: Any) -> None:
    """Add the ``rules`` sub-command."""
    lang = cli_lang(subparsers)
    parser = subparsers.add_parser(
        "rules",
        help=tr(
            lang,
            fr="lister chaque valeur de règle avec son statut et sa source",
            en="list every rule value with its status and source",
        ),
        description=tr(
            lang,
            fr="Lister chaque valeur de règle : clé, valeur, unité, statut et source.",
            en="List every rule value with its key, value, unit, status and source.",
        ),
    )
    add_json_option(parser, lang)
    parser.add_argument(
        "--on",
        type=iso_date,
        help=tr(
            lang,
            fr="les valeurs connues à cette date (AAAA-MM-JJ)",
            en="values as known on this date (YYYY-MM-DD)",
        ),
    )
    parser.add_argument(
        "--parameters",
        metavar="FILE",
        help=tr(
            lang,
            fr="superposer un fichier de paramètres de l'appelant",
            en="overlay a caller parameter file",
        ),
    )
    add_broken_sums_option(parser, lang)
    parser.add_argument(
        "--key",
        default="",
        metavar="PREFIX",
        help=tr(
            lang,
            fr="seulement les valeurs dont la clé commence par PREFIX (ex. sun_es.outcome)",
            en="only the values whose key starts with PREFIX (e.g. sun_es.outcome)",
        ),
    )
    parser.set_defaults(run=run)


def _rules(args: argparse.Namespace) -> RuleSet:
    if not args.parameters:
        return load_rules()
    return load_parameter_file(args.parameters, accept_broken_sums=args.accept_broken_sums)


_VALUE_WIDTH = 48


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def table(
    rules: RuleSet, on: dt.date | None, lang: str, *, prefix: str = "", unknowns: bool = True
) -> str:
    """A readable table of the rule values as known on ``on`` (long values are wrapped).

    Args:
        rules: the rule set.
        on: as known on this date (latest versions when ``None``).
        lang: ``"fr"`` or ``"en"`` (headers, values and statuses).
        prefix: only the keys starting with this prefix.
        unknowns: list the declared unknowns after the values.
    """
    language = check_lang(lang)
    fr = language == "fr"
    header = ("clé" if fr else "key", "valeur" if fr else "value", "statut" if fr else "status")
    rows: list[tuple[str, list[str], str, str]] = []
    for read in rules.reads(on=on):
        if not read.key.startswith(prefix):
            continue
        source = next((s for s in read.sources if s.url), read.sources[0])
        more = f" (+{len(read.sources) - 1})" if len(read.sources) > 1 else ""
        status = read.status.label().in_(language)
        if read.alternative:
            status += f" [{read.alternative}]"
        if read.origin is not Origin.SHIPPED:
            status += f" ({read.origin.label().in_(language)})"
        value = _wrap(render_value(read.value, language), _VALUE_WIDTH)
        cited = source.url or (
            f"{source.title} (seed {source.seed})" if source.seed else source.cite()
        )
        rows.append((read.key, value, status, f"{cited}{more}"))
    widths = [
        max([len(header[0]), *(len(r[0]) for r in rows)]),
        max([len(header[1]), *(len(line) for r in rows for line in r[1])]),
        max([len(header[2]), *(len(r[2]) for r in rows)]),
    ]

    def line(cells: tuple[str, str, str, str]) -> str:
        return "  ".join(
            cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(cells)
        ).rstrip()

    lines = [line((*header, "source")), "  ".join("-" * w for w in widths) + "  ------"]
    for key, value, status, cited in rows:
        lines.append(line((key, value[0], status, cited)))
        lines.extend(line(("", more, "", "")) for more in value[1:])
    shown = [u for u in rules.unknowns if unknown_matches(u.pattern, prefix)] if unknowns else []
    if shown:
        lines += [
            "",
            "Valeurs inconnues (à fournir dans un fichier de paramètres) :"
            if fr
            else "Unknown values (supply them in a parameter file):",
        ]
        width = max(len(u.pattern) for u in shown)
        lines += [f"  {u.pattern.ljust(width)}  {u.label.in_(language)}" for u in shown]
    flagged = [r for r in rules.check_results if r.status is not CheckStatus.PASSED]
    if flagged:
        lines += ["", "Contrôles de somme :" if fr else "Sum checks:"]
        lines += [f"  {r.describe().in_(language)}" for r in flagged]
    return "\n".join(lines)


def _prefixes(key: str) -> list[str]:
    """``a.b.c`` gives ``a``, ``a.b`` and ``a.b.c``."""
    parts = key.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def unknown_matches(pattern: str, prefix: str) -> bool:
    """Whether the declared unknown ``pattern`` (``sun_es.target.*.*``) has keys starting with ``prefix``."""
    if pattern.startswith(prefix):
        return True
    head = ".".join(pattern.split(".")[: prefix.count(".") + 1])
    return fnmatch.fnmatchcase(prefix, head)


def check_prefix(rules: RuleSet, prefix: str) -> None:
    """Refuse a ``--key`` prefix that no rule value or declared unknown starts with.

    Raises:
        UnknownRuleError: nothing matches; the error suggests the nearest keys.
    """
    if not prefix:
        return
    keys = [v.key for v in rules]
    patterns = [u.pattern for u in rules.unknowns]
    if any(k.startswith(prefix) for k in keys) or any(unknown_matches(p, prefix) for p in patterns):
        return
    candidates = sorted({p for k in (*keys, *patterns) for p in _prefixes(k)})
    close = tuple(difflib.get_close_matches(prefix, candidates, n=3, cutoff=0.6))
    raise UnknownRuleError(prefix, suggestions=close)


def json_document(rules: RuleSet, on: dt.date | None, prefix: str = "") -> dict[str, JsonValue]:
    """:meth:`RuleSet.to_json`, keeping only the values and unknowns whose key starts with ``prefix``."""
    document = rules.to_json(on=on)
    if not prefix:
        return document
    for part, keep in (("values", str.startswith), ("unknowns", unknown_matches)):
        items = document[part]
        assert isinstance(items, list)
        document[part] = [
            item
            for item in items
            if isinstance(item, dict) and keep(str(item.get("key", "")), prefix)
        ]
    document["key_prefix"] = prefix
    return document


def run(args: argparse.Namespace) -> int:
    """Print the rule values."""
    rules = _rules(args)
    if args.on is not None and args.on.year < 2000:
        raise InvalidInputError(f"{args.on} is before any Ségur rule", where="--on")
    check_prefix(rules, args.key)
    if args.json:
        emit_json(json.dumps(json_document(rules, args.on, args.key), ensure_ascii=False, indent=2))
    else:
        emit(table(rules, args.on, args.lang, prefix=args.key))
    return 0
