"""``segur-numerique explain FILE``: render an explanation in French or English.

``FILE`` is either a saved explanation (JSON in the format ``segur_numerique.explanation/v1``, e.g.
from ``Explanation.to_json_text()`` or the ``explanation`` member of ``simulate --json``), which is
rendered as it is, or an establishment file, which is simulated and whose full explanation is
printed. Exit codes: ``0`` rendered; ``2`` bad input.
"""

from __future__ import annotations

import argparse
import difflib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from segur_numerique.cli import cli_lang, emit, emit_json, tr
from segur_numerique.cli.saved import SAVED_SHAPE, filtered, render_saved, saved_document
from segur_numerique.cli.simulate import add_input_arguments, read_input, run_simulation
from segur_numerique.core.text import Lang, check_lang
from segur_numerique.errors import InvalidInputError


def register(subparsers: Any) -> None:
    """Add the ``explain`` sub-command."""
    lang = cli_lang(subparsers)
    parser = subparsers.add_parser(
        "explain",
        help=tr(
            lang,
            fr="afficher une explication enregistrée, ou simuler un fichier et afficher son "
            "explication complète",
            en="render a saved explanation, or simulate a file and print its full explanation",
        ),
        description=tr(
            lang,
            fr="Afficher un fichier JSON d'explication (format segur_numerique.explanation/v1), "
            "ou simuler un fichier d'établissement (ou --sample) et afficher son explication "
            "complète. Une étape répétée est écrite une fois, numérotée (§1), puis rappelée. "
            "Codes de sortie : 0 affichée, 2 entrée invalide.",
            en="Render an explanation JSON file (format segur_numerique.explanation/v1), or "
            "simulate an establishment file (or --sample) and print its full explanation. A "
            "repeated step is written once, numbered (§1), then referred back to. "
            "Exit codes: 0 rendered, 2 bad input.",
        ),
    )
    add_input_arguments(parser, lang)
    parser.add_argument(
        "--json",
        action="store_true",
        help=tr(lang, fr="afficher l'explication en JSON", en="print the explanation as JSON"),
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="KEY",
        help=tr(
            lang,
            fr="seulement les étapes dont l'identifiant de règle ou le titre contient KEY (sans "
            "tenir compte de la casse), avec leurs étapes parentes ; peut être répété",
            en="only the steps whose rule id or title contains KEY (ignoring case), with the "
            "steps above them; may be repeated",
        ),
    )
    parser.add_argument(
        "--depth",
        type=_depth,
        metavar="N",
        help=tr(
            lang,
            fr="seulement N niveaux sous la racine (0 : la racine seule) ; les étapes masquées "
            "sont comptées",
            en="only N levels below the root (0: the root alone); the hidden steps are counted",
        ),
    )
    parser.set_defaults(run=run)


def _depth(text: str) -> int:
    """An ``argparse`` type: a whole number, 0 or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number, 0 or more: {text!r}")
    return int(text)


def _no_match(patterns: list[str], rules: list[str], lang: Lang) -> InvalidInputError:
    near = sorted({r for p in patterns for r in difflib.get_close_matches(p, rules, n=3)})
    hint = tr(lang, fr=f" ; proches : {', '.join(near)}", en=f"; close: {', '.join(near)}")
    return InvalidInputError(
        tr(
            lang,
            fr=f"aucune étape ne correspond à {', '.join(map(repr, patterns))}",
            en=f"no step matches {', '.join(map(repr, patterns))}",
        )
        + (hint if near else ""),
        where="--only",
    )


def _run_saved(args: argparse.Namespace, saved: Mapping[str, Any], lang: Lang) -> int:
    document = filtered(saved, only=tuple(args.only), depth=args.depth)
    if document is None:
        rules = [str(n.get("rule")) for n in _walk(saved.get("root"))]
        raise _no_match(args.only, rules, lang)
    if args.json:
        emit_json(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        emit(render_saved(document, lang, where=args.file))
    return 0


def _walk(node: object) -> list[Mapping[str, Any]]:
    if not isinstance(node, Mapping):
        return []
    return [node] + [n for c in SAVED_SHAPE.children(node) for n in _walk(c)]


def run(args: argparse.Namespace) -> int:
    """Render the explanation (filtered by ``--only`` and ``--depth``)."""
    lang = check_lang(args.lang)
    if args.file is not None and not args.sample:
        saved = saved_document(Path(args.file))
        if saved is not None:
            return _run_saved(args, saved, lang)
    given, rules = read_input(args)
    explanation = run_simulation(given, rules).explanation
    if args.only:
        matching = explanation.only(*args.only)
        if matching is None:
            raise _no_match(args.only, [s.rule for s in explanation.walk()], lang)
        explanation = matching
    if args.depth is not None:
        explanation = explanation.truncated(args.depth)
    if args.json:
        emit_json(explanation.to_json_text())
    else:
        emit(explanation.render(lang))
    return 0
