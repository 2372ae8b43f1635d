"""``segur-numerique verify PATH...``: run conformance scenarios and print each mismatch.

Exit codes: ``0`` every scenario passed; ``1`` at least one scenario failed (a mismatch, or an
error the scenario did not expect); ``2`` bad input (a missing path, a malformed scenario file).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from segur_numerique.cli import emit, emit_json
from segur_numerique.core.text import check_lang
from segur_numerique.errors import InvalidInputError
from segur_numerique.kit.registry import computations
from segur_numerique.kit.scenarios import shipped_scenarios
from segur_numerique.kit.verify import verification_document, verify_paths


def register(subparsers: Any) -> None:
    """Add the ``verify`` sub-command."""
    parser = subparsers.add_parser(
        "verify",
        help="run conformance scenarios and show each mismatch",
        description="Run the scenarios of scenario files and folders (scenario_*.toml, "
        "*.scenario.json...): compare the expected outputs with the computed ones, exactly, "
        "and print for each mismatch the difference and the explanation. "
        "Exit codes: 0 all passed, 1 a scenario failed, 2 bad input.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="scenario files or folders")
    parser.add_argument(
        "--shipped", action="store_true", help="also run the scenarios shipped with the package"
    )
    parser.add_argument(
        "--list", action="store_true", help="list the computations a scenario may name, and exit"
    )
    parser.add_argument("--json", action="store_true", help="one JSON document, for tools")
    parser.add_argument(
        "--no-explain", action="store_true", help="do not print the explanation of failures"
    )
    parser.add_argument(
        "--lang",
        default=argparse.SUPPRESS,  # the main parser holds the default, so it may come first
        choices=("fr", "en"),
        help="language (default fr; also accepted before the command)",
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
            "give at least one scenario file or folder (or --shipped)", where="verify"
        )
    results = verify_paths(paths)
    failed = [r for r in results if not r.passed]
    if args.json:
        emit_json(json.dumps(verification_document(results), ensure_ascii=False, indent=2))
    else:
        for result in results:
            emit(result.render(lang, explain=not args.no_explain))
        fr = lang == "fr"
        emit(
            f"{len(results) - len(failed)} {'réussi(s)' if fr else 'passed'}, "
            f"{len(failed)} {'en échec' if fr else 'failed'}"
        )
    return 1 if failed else 0
