"""``segur-numerique simulate FILE`` (or ``--sample``): a readable SUN-ES report of one establishment.

The file describes an establishment and its application in TOML or JSON (format
``segur_numerique.simulation/v1``; see the tutorial). ``--sample`` simulates the embedded sample
establishment (illustrative). Exit codes: ``0`` simulated; ``2`` bad input or values nobody could
source are missing (every one is listed, once, with how to supply them).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from segur_numerique.cli import (
    add_broken_sums_option,
    add_json_option,
    cli_lang,
    emit,
    emit_json,
    tr,
)
from segur_numerique.cli.missing import report_missing
from segur_numerique.core.money import Euro
from segur_numerique.core.text import Lang, check_lang
from segur_numerique.errors import InvalidInputError, MissingParameterError, NotYetKnownError
from segur_numerique.rules.compact import NeededValue, needed_values
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.parameters import illustrative_assumptions, load_parameter_file
from segur_numerique.sun_es.cases import SimulationInput, load_case, sample_case
from segur_numerique.sun_es.report import report
from segur_numerique.sun_es.simulation import Simulation, simulate


def add_input_arguments(parser: argparse.ArgumentParser, lang: Lang = "fr") -> None:
    """The arguments shared by ``simulate`` and ``explain``: FILE, --sample, rules choice."""
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help=tr(
            lang,
            fr="fichier de l'établissement (TOML ou JSON)",
            en="establishment file (TOML or JSON)",
        ),
    )
    parser.add_argument(
        "--sample",
        action="store_true",
        help=tr(
            lang,
            fr="utiliser l'établissement d'exemple intégré (illustratif)",
            en="use the embedded sample establishment (illustrative)",
        ),
    )
    parser.add_argument(
        "--illustrative",
        action="store_true",
        help=tr(
            lang,
            fr="compléter les valeurs inconnues par les jeux d'hypothèses illustratifs (NON "
            "officiels)",
            en="fill the unknown values with the illustrative assumption sets (NOT official)",
        ),
    )
    parser.add_argument(
        "--parameters",
        metavar="FILE",
        help=tr(
            lang,
            fr="un fichier de paramètres fournissant les valeurs inconnues",
            en="a parameter file supplying unknown values",
        ),
    )
    add_broken_sums_option(parser, lang)


def register(subparsers: Any) -> None:
    """Add the ``simulate`` sub-command."""
    lang = cli_lang(subparsers)
    parser = subparsers.add_parser(
        "simulate",
        help=tr(
            lang,
            fr="simuler un établissement : éligibilité, fenêtre, indicateurs, financement",
            en="simulate one establishment: eligibility, window, indicators, funding",
        ),
        description=tr(
            lang,
            fr="Simuler la candidature SUN-ES volet 1 d'un établissement (éligibilité, fenêtre, "
            "indicateurs à partir des comptes, forfaits), à partir d'un fichier TOML ou JSON ou "
            "de l'exemple intégré (--sample). Codes de sortie : 0 simulé, 2 entrée invalide ou "
            "paramètre manquant.",
            en="Simulate an establishment's SUN-ES volet 1 application (eligibility, "
            "window, indicators from counts, forfaits), from a TOML or JSON file or the embedded "
            "sample (--sample). Exit codes: 0 simulated, 2 bad input or missing parameter.",
        ),
    )
    add_input_arguments(parser, lang)
    add_json_option(parser, lang)
    parser.add_argument(
        "--explain",
        action="store_true",
        help=tr(
            lang,
            fr="ajouter l'explication complète au rapport",
            en="append the full explanation to the report",
        ),
    )
    parser.set_defaults(run=run)


def read_input(args: argparse.Namespace) -> tuple[SimulationInput, RuleSet]:
    """The case and the rule set from ``FILE``/``--sample``, ``--illustrative``, ``--parameters``."""
    if args.sample == (args.file is not None):
        raise InvalidInputError(
            tr(args.lang, fr="donner FILE ou --sample", en="give either FILE or --sample"),
            where=args.command,
        )
    given = sample_case() if args.sample else load_case(args.file)
    illustrative = args.illustrative or given.rules == "illustrative"
    base = illustrative_assumptions() if illustrative else load_rules()
    rules = (
        load_parameter_file(args.parameters, base=base, accept_broken_sums=args.accept_broken_sums)
        if args.parameters
        else base
    )
    return given, rules


def run_simulation(given: SimulationInput, rules: RuleSet) -> Simulation:
    """:func:`simulate`, with a missing parameter turned into a message that says what to do."""
    try:
        return simulate(given.case, rules=rules)
    except NotYetKnownError:
        raise
    except MissingParameterError as exc:
        raise MissingParameterError(
            exc.key,
            needed_for=(exc.needed_for or "the simulation")
            + "; supply it with --parameters FILE, or use --illustrative for the illustrative "
            "(NOT official) assumption sets",
        ) from None


def total_of(sim: Simulation) -> Euro:
    """The total (a helper for tests and scripts)."""
    return sim.total


def needed_for_case(given: SimulationInput, rules: RuleSet) -> tuple[NeededValue, ...]:
    """Every unknown value the simulation of ``given`` needs under ``rules``, found in one go."""
    return needed_values(
        lambda probed: simulate(given.case, rules=probed), rules, illustrative_assumptions()
    )


def run(args: argparse.Namespace) -> int:
    """Simulate and print the report (or JSON); a missing value lists every one missing."""
    lang = check_lang(args.lang)
    given, rules = read_input(args)
    try:
        sim = run_simulation(given, rules)
    except NotYetKnownError:
        raise
    except MissingParameterError:
        return report_missing(needed_for_case(given, rules), lang, args.file)
    if args.json:
        emit_json(json.dumps(sim.to_json(), ensure_ascii=False, indent=2))
        return 0
    emit(report(sim, lang, sample=given.illustrative))
    if args.explain:
        emit("")
        emit(sim.explanation.render(lang))
    return 0
