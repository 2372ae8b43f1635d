"""``segur-numerique parameters template [FILE | --all] [-o OUT]``: a parameter file to fill.

The template lists every unknown value the case ``FILE`` needs (found in one go, see
:func:`segur_numerique.rules.compact.needed_values`), or with ``--all`` every unknown of the
library, in the compact format (one TOML table a value), each field marked ``TO FILL``; a file
still holding a placeholder is refused when loaded, naming each one. Without ``-o`` it is printed.
"""

from __future__ import annotations

import argparse
from typing import Any

from segur_numerique.cli import cli_lang, emit, tr
from segur_numerique.cli.parsing import add_lang_option
from segur_numerique.cli.simulate import needed_for_case
from segur_numerique.core.outputs import write_atomically
from segur_numerique.core.text import check_lang, counted
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.compact import NeededValue, template
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.parameters import illustrative_assumptions, load_parameter_file
from segur_numerique.sun_es.cases import load_case


def register(subparsers: Any) -> None:
    """Add the ``parameters`` sub-command (``parameters template``)."""
    lang = cli_lang(subparsers)
    parser = subparsers.add_parser(
        "parameters",
        help=tr(
            lang,
            fr="fichiers de paramètres : écrire un modèle des valeurs inconnues à remplir",
            en="parameter files: write a template of the unknown values to fill",
        ),
        description=tr(
            lang,
            fr="Écrire un fichier de paramètres listant les valeurs inconnues (sans source "
            "officielle) dont un cas a besoin, ou toutes les inconnues de la bibliothèque, chaque "
            "champ à remplir.",
            en="Write a parameter file listing the unknown values (no official source) that a "
            "case needs, or every unknown of the library, each field to fill.",
        ),
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    tpl = actions.add_parser(
        "template",
        lang=lang,
        help=tr(
            lang,
            fr="un fichier de paramètres à remplir des valeurs inconnues dont un cas (ou la "
            "bibliothèque) a besoin",
            en="a parameter file to fill with the unknown values a case (or the library) needs",
        ),
        description=tr(
            lang,
            fr="Toutes les valeurs inconnues dont le cas FILE a besoin (toutes à la fois), ou "
            "toutes les inconnues de la bibliothèque (--all), en fichier de paramètres compact "
            "dont les champs sont marqués TO FILL (un fichier qui en contient encore un est "
            "refusé au chargement).",
            en="Every unknown value the case FILE needs (all of them at once), or every "
            "unknown of the library (--all), as a compact parameter file whose fields are marked "
            "TO FILL (a file still holding one is refused when loaded).",
        ),
    )
    what = tpl.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help=tr(
            lang,
            fr="fichier d'établissement (TOML ou JSON)",
            en="establishment file (TOML or JSON)",
        ),
    )
    what.add_argument(
        "--all",
        action="store_true",
        help=tr(
            lang, fr="toutes les inconnues de la bibliothèque", en="every unknown of the library"
        ),
    )
    tpl.add_argument(
        "--parameters",
        metavar="FILE",
        help=tr(
            lang,
            fr="valeurs déjà fournies (laissées hors du modèle)",
            en="values already supplied (left out of the template)",
        ),
    )
    tpl.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=tr(
            lang,
            fr="l'écrire là (refusé si le fichier existe)",
            en="write it there (refused if it exists)",
        ),
    )
    add_lang_option(tpl, lang)
    tpl.set_defaults(run=run)


def library_unknowns(rules: RuleSet) -> tuple[NeededValue, ...]:
    """Every declared unknown not supplied, one entry per instance the illustrative sets hold.

    A pattern without any instance there is kept as it is, its ``*`` to replace.
    """
    probe = illustrative_assumptions()
    out: list[NeededValue] = []
    for unknown in sorted(rules.unknowns, key=lambda u: u.pattern):
        keys = (
            sorted(k for k in probe.values if unknown.matches(k)) if "*" in unknown.pattern else []
        )
        why = unknown.why.en
        if not keys:
            keys = [unknown.pattern]
            if "*" in unknown.pattern:
                why += " (replace each * by one key segment)"
        out += [
            NeededValue(k, unknown.label, unknown.unit, why)
            for k in keys
            if not rules.is_supplied(k)
        ]
    return tuple(out)


def run(args: argparse.Namespace) -> int:
    """Write (or print) the template."""
    lang = check_lang(args.lang)
    base = load_rules()
    rules = load_parameter_file(args.parameters, base=base) if args.parameters else base
    if args.all:
        needed = library_unknowns(rules)
        title = "Every unknown value of segur_numerique (no official source): fill them"
    else:
        given = load_case(args.file)
        if given.rules == "illustrative":
            raise InvalidInputError(
                tr(
                    lang,
                    fr="le cas demande les règles illustratives : il n'a besoin d'aucun fichier "
                    "de paramètres",
                    en="the case asks for the illustrative rules: it needs no parameter file",
                ),
                where=args.file,
            )
        needed = needed_for_case(given, rules)
        title = f"The unknown values (no official source) that {args.file} needs: fill them"
    text = template(needed, title=title)
    if args.output is None:
        emit(text.rstrip("\n"))
        return 0
    path = write_atomically(args.output, text)
    count = counted(
        len(needed), lang, fr=("valeur à remplir", "valeurs à remplir"), en=("value", "values")
    )
    emit(tr(lang, fr=f"{count} : {path}", en=f"{count} to fill: {path}"))
    return 0
