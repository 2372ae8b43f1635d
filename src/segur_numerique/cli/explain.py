"""``segur-numerique explain FILE``: render an explanation in French or English.

``FILE`` is either a saved explanation (JSON in the format ``segur_numerique.explanation/v1``, e.g.
from ``Explanation.to_json_text()`` or the ``explanation`` member of ``simulate --json``), which is
rendered as it is, or an establishment file, which is simulated and whose full explanation is
printed. Exit codes: ``0`` rendered; ``2`` bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from segur_numerique.cli import emit, emit_json
from segur_numerique.cli.simulate import add_input_arguments, read_input, run_simulation
from segur_numerique.core.explanation import EXPLANATION_FORMAT
from segur_numerique.core.inputs import parse_json, read_text
from segur_numerique.core.money import Euro
from segur_numerique.core.periods import Period
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.values import render_number, render_value
from segur_numerique.errors import InvalidInputError


def register(subparsers: Any) -> None:
    """Add the ``explain`` sub-command."""
    parser = subparsers.add_parser(
        "explain",
        help="render a saved explanation, or simulate a file and print its full explanation",
        description="Render an explanation JSON file (format segur_numerique.explanation/v1), or "
        "simulate an establishment file (or --sample) and print its full explanation. "
        "Exit codes: 0 rendered, 2 bad input.",
    )
    add_input_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the explanation as JSON")
    parser.set_defaults(run=run)


def _text(node: object, where: str) -> Text:
    if (
        not isinstance(node, Mapping)
        or not isinstance(node.get("fr"), str)
        or not isinstance(node.get("en"), str)
    ):
        raise InvalidInputError("expected {fr, en} texts", where=where)
    return Text(fr=node["fr"], en=node["en"])


def _value(encoded: object) -> object:
    """Decode the tagged values of an exported explanation into what ``render_value`` shows."""
    if isinstance(encoded, list):
        return tuple(_value(v) for v in encoded)
    if not isinstance(encoded, Mapping):
        return encoded
    kind = encoded.get("type")
    raw = encoded.get("value")
    try:
        if kind == "euro" and isinstance(raw, str):
            return Euro(raw)
        if kind == "fraction" and isinstance(raw, str):
            if re.fullmatch(r"\s*[+-]?\d+\s*/\s*0+\s*", raw):
                raise InvalidInputError(
                    f"a fraction with a zero denominator: {raw!r}", where="fraction value"
                )
            return Fraction(raw)
        if kind == "date" and isinstance(raw, str):
            return dt.date.fromisoformat(raw)
        if kind == "text":
            return _text(encoded, "value")
        if kind == "period":
            return Period(
                dt.date.fromisoformat(str(encoded["start"])),
                dt.date.fromisoformat(str(encoded["end"])),
            )
    except InvalidInputError as exc:
        if exc.where == "fraction value":
            raise
    except (ValueError, KeyError, ZeroDivisionError):
        pass
    if kind is not None and raw is not None:
        return raw
    return json.dumps(encoded, ensure_ascii=False)


def _number(encoded: object, lang: Lang) -> str:
    """A rounding step's number as the explanation renders it (a decimal, not a percentage)."""
    value = _value(encoded)
    return render_number(value, lang) if isinstance(value, Fraction) else str(value)


def _items(node: Mapping[str, Any], name: str, where: str) -> list[Any]:
    """The list member ``name`` of a step (absent: empty); anything else is a typed error."""
    items = node.get(name, [])
    if not isinstance(items, list):
        raise InvalidInputError(
            f"{name} must be a list, got {type(items).__name__}", where=f"{where}.{name}"
        )
    return items


def render_saved(document: Mapping[str, Any], lang: Lang, *, where: str) -> str:
    """Render a saved explanation JSON document (validated for its shape)."""
    if document.get("format") != EXPLANATION_FORMAT:
        raise InvalidInputError(
            f"not an explanation: format must be {EXPLANATION_FORMAT!r}, got "
            f"{document.get('format')!r}",
            where=f"{where}: format",
        )
    fr = lang == "fr"

    def step(node: object, path: str, depth: int) -> list[str]:
        if not isinstance(node, Mapping):
            raise InvalidInputError("expected a step object", where=f"{where}: {path}")
        pad = "  " * depth
        title = _text(node.get("title"), f"{where}: {path}.title").in_(lang)
        outcome = _text(node.get("outcome"), f"{where}: {path}.outcome").in_(lang)

        result = node.get("result")
        shown = "" if result is None else f"{render_value(_value(result), lang)} — "
        lines = [
            f"{pad}{title} [{node.get('rule')}]",
            f"{pad}  {'Résultat' if fr else 'Result'}{' ' if fr else ''}: {shown}{outcome}",
        ]
        inputs = [
            f"{i.get('name')} = {render_value(_value(i.get('value')), lang)}"
            + ((" (valeur par défaut)" if fr else " (defaulted)") if i.get("defaulted") else "")
            for i in _items(node, "inputs", f"{where}: {path}")
            if isinstance(i, Mapping)
        ]
        params = []
        for p in _items(node, "parameters", f"{where}: {path}"):
            if not isinstance(p, Mapping):
                continue
            flags = [str(p.get("status"))]
            # "official" is how documents written before 0.2.0 name the shipped data.
            if p.get("origin") not in ("shipped", "official", p.get("status")):
                flags.append(str(p.get("origin")))
            params.append(
                f"{p.get('key')} = {render_value(_value(p.get('value')), lang)} [{', '.join(flags)}]"
            )
        assumptions = [
            _text(a, f"{where}: {path}.assumptions").in_(lang)
            for a in _items(node, "assumptions", f"{where}: {path}")
        ]
        basis = [
            f"{b.get('title')} ({b.get('date')})" + (f", {b['url']}" if b.get("url") else "")
            for b in _items(node, "basis", f"{where}: {path}")
            if isinstance(b, Mapping)
        ]
        rounding = [
            f"{_text(r.get('what'), f'{where}: {path}.rounding').in_(lang)}: "
            f"{_number(r.get('exact'), lang)} → {_number(r.get('rounded'), lang)}"
            for r in _items(node, "rounding", f"{where}: {path}")
            if isinstance(r, Mapping)
        ]
        for name, items in (
            ("Base" if fr else "Basis", basis),
            ("Entrées" if fr else "Inputs", inputs),
            ("Valeurs de règle lues" if fr else "Rule values read", params),
            ("Arrondis" if fr else "Rounding", rounding),
            ("Hypothèses" if fr else "Assumptions", assumptions),
        ):
            if items:
                lines.append(f"{pad}  {name}{' ' if fr else ''}:")
                lines.extend(f"{pad}    - {item}" for item in items)
        children = node.get("children", [])
        if not isinstance(children, list):
            raise InvalidInputError("children must be a list", where=f"{where}: {path}.children")
        if children:
            lines.append(f"{pad}  {'Étapes' if fr else 'Steps'}{' ' if fr else ''}:")
            for i, child in enumerate(children):
                lines.extend(step(child, f"{path}.children[{i}]", depth + 2))
        return lines

    try:
        return "\n".join(step(document.get("root"), "root", 0))
    except InvalidInputError as exc:
        if exc.where and exc.where.startswith(where):
            raise
        raise InvalidInputError(exc.what, where=f"{where}: {exc.where}") from None


def _saved_document(path: Path) -> Mapping[str, Any] | None:
    """The JSON document if ``path`` is a saved explanation (or holds one), else ``None``."""
    if path.suffix != ".json":
        return None
    data = parse_json(read_text(path, what="explanation file"), where=str(path))
    if isinstance(data, Mapping):
        if data.get("format") == EXPLANATION_FORMAT:
            return data
        nested = data.get("explanation")
        if isinstance(nested, Mapping) and nested.get("format") == EXPLANATION_FORMAT:
            return nested
    return None


def run(args: argparse.Namespace) -> int:
    """Render the explanation."""
    lang = check_lang(args.lang)
    if args.file is not None and not args.sample:
        saved = _saved_document(Path(args.file))
        if saved is not None:
            if args.json:
                emit_json(json.dumps(saved, ensure_ascii=False, indent=2))
            else:
                emit(render_saved(saved, lang, where=args.file))
            return 0
    given, rules = read_input(args)
    sim = run_simulation(given, rules)
    if args.json:
        emit_json(sim.explanation.to_json_text())
    else:
        emit(sim.explanation.render(lang))
    return 0
