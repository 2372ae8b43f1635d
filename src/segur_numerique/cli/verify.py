"""``segur-numerique verify PATH...``: run conformance scenarios and print each mismatch.

Exit codes: ``0`` every scenario passed; ``1`` at least one scenario failed (a mismatch, or an
error the scenario did not expect); ``2`` bad input (a missing path, a malformed scenario file).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from segur_numerique.cli import add_json_option, cli_lang, emit, emit_json, tr
from segur_numerique.core.text import check_lang, counted
from segur_numerique.errors import InvalidInputError
from segur_numerique.kit.registry import computations
from segur_numerique.kit.scenarios import shipped_scenarios
from segur_numerique.kit.verify import verification_document, verify_paths


def register(subparsers: Any) -> None:
    """Add the ``verify`` sub-command."""
    lang = cli_lang(subparsers)
    parser = subparsers.add_parser(
        "verify",
        help=tr(
            lang,
            fr="exécuter des scénarios de conformité et montrer chaque écart",
            en="run conformance scenarios and show each mismatch",
        ),
        description=tr(
            lang,
            fr="Exécuter les scénarios de fichiers et dossiers de scénarios (scenario_*.toml, "
            "*.scenario.json...) : comparer exactement les sorties attendues aux sorties "
            "calculées, et afficher pour chaque écart la différence et l'explication. "
            "Codes de sortie : 0 tout réussi, 1 un scénario en échec, 2 entrée invalide.",
            en="Run the scenarios of scenario files and folders (scenario_*.toml, "
            "*.scenario.json...): compare the expected outputs with the computed ones, exactly, "
            "and print for each mismatch the difference and the explanation. "
            "Exit codes: 0 all passed, 1 a scenario failed, 2 bad input.",
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=tr(lang, fr="fichiers ou dossiers de scénarios", en="scenario files or folders"),
    )
    parser.add_argument(
        "--shipped",
        action="store_true",
        help=tr(
            lang,
            fr="exécuter aussi les scénarios livrés avec le paquet",
            en="also run the scenarios shipped with the package",
        ),
    )
    parser.add_argument(
        "--list",
        action="store_true",
        help=tr(
            lang,
            fr="lister les calculs qu'un scénario peut nommer, et quitter",
            en="list the computations a scenario may name, and exit",
        ),
    )
    add_json_option(parser, lang)
    parser.add_argument(
        "--no-explain",
        action="store_true",
        help=tr(
            lang,
            fr="ne pas afficher l'explication des échecs",
            en="do not print the explanation of failures",
        ),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Verify the scenarios; return 0 if all pass, 1 otherwise."""
    lang = check_lang(args.lang)
    if args.list:
        for computation in computations().values():
            emit(computation.describe(lang))
        return 0
    paths = list(args.paths) + ([str(shipped_scenarios())] if args.shipped else [])
    if not paths:
        raise InvalidInputError(
            tr(
                lang,
                fr="donner au moins un fichier ou dossier de scénarios (ou --shipped)",
                en="give at least one scenario file or folder (or --shipped)",
            ),
            where="verify",
        )
    results = verify_paths(paths)
    failed = [r for r in results if not r.passed]
    if args.json:
        emit_json(json.dumps(verification_document(results), ensure_ascii=False, indent=2))
    else:
        for result in results:
            emit(result.render(lang, explain=not args.no_explain))
        passed = counted(
            len(results) - len(failed), lang, fr=("réussi", "réussis"), en=("passed", "passed")
        )
        emit(
            f"{passed}, {counted(len(failed), lang, fr=('en échec', 'en échec'), en=('failed', 'failed'))}"
        )
    return 1 if failed else 0
