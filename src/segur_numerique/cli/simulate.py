"""``segur-numerique simulate FILE`` (or ``--sample``): a readable SUN-ES report of one establishment.

The file describes an establishment and its application in TOML or JSON (format
``segur_numerique.simulation/v1``; see the tutorial). ``--sample`` simulates the embedded sample
establishment (illustrative). Exit codes: ``0`` simulated; ``2`` bad input or a value nobody could
source is missing (the message names it, and says how to supply it).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from segur_numerique._rules import (
    RuleSet,
    illustrative_assumptions,
    load_parameter_file,
    load_rules,
)
from segur_numerique.core.money import Euro
from segur_numerique.core.text import Lang, check_lang
from segur_numerique.core.values import format_date, format_ratio, render_value
from segur_numerique.errors import InvalidInputError, MissingParameterError
from segur_numerique.sun_es.simulation import (
    Simulation,
    SimulationInput,
    load_case,
    sample_case,
    simulate,
)

_DOMAIN_NAMES = {
    "discharge_documents": ("documents de sortie", "discharge documents"),
    "biology": ("biologie médicale", "medical biology"),
    "imaging": ("imagerie", "imaging"),
}


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments shared by ``simulate`` and ``explain``: FILE, --sample, rules choice."""
    parser.add_argument("file", nargs="?", metavar="FILE", help="establishment file (TOML or JSON)")
    parser.add_argument(
        "--sample", action="store_true", help="use the embedded sample establishment (illustrative)"
    )
    parser.add_argument(
        "--illustrative",
        action="store_true",
        help="fill the unknown values with the illustrative assumption sets (NOT official)",
    )
    parser.add_argument(
        "--parameters", metavar="FILE", help="a parameter file supplying unknown values"
    )
    parser.add_argument("--lang", default="fr", choices=("fr", "en"), help="language (default fr)")


def register(subparsers: Any) -> None:
    """Add the ``simulate`` sub-command."""
    parser = subparsers.add_parser(
        "simulate",
        help="simulate one establishment: eligibility, window, indicators, funding",
        description="Simulate an establishment's SUN-ES volet 1 application (eligibility, "
        "window, indicators from counts, forfaits), from a TOML or JSON file or the embedded "
        "sample (--sample). Exit codes: 0 simulated, 2 bad input or missing parameter.",
    )
    add_input_arguments(parser)
    parser.add_argument("--json", action="store_true", help="one JSON document, for tools")
    parser.add_argument(
        "--explain", action="store_true", help="append the full explanation to the report"
    )
    parser.set_defaults(run=run)


def read_input(args: argparse.Namespace) -> tuple[SimulationInput, RuleSet]:
    """The case and the rule set from ``FILE``/``--sample``, ``--illustrative``, ``--parameters``."""
    if args.sample == (args.file is not None):
        raise InvalidInputError("give either FILE or --sample", where="simulate")
    given = sample_case() if args.sample else load_case(args.file)
    illustrative = args.illustrative or given.rules == "illustrative"
    base = illustrative_assumptions() if illustrative else load_rules()
    rules = load_parameter_file(args.parameters, base=base) if args.parameters else base
    return given, rules


def run_simulation(given: SimulationInput, rules: RuleSet) -> Simulation:
    """:func:`simulate`, with a missing parameter turned into a message that says what to do."""
    try:
        return simulate(given.case, rules=rules)
    except MissingParameterError as exc:
        raise MissingParameterError(
            exc.key,
            needed_for=(exc.needed_for or "the simulation")
            + "; supply it with --parameters FILE, or use --illustrative for the illustrative "
            "(NOT official) assumption sets",
        ) from None


def _table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        indent + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    ]
    lines.insert(1, indent + "  ".join("-" * w for w in widths))
    return [line.rstrip() for line in lines]


def _scope_label(scope: str, lang: Lang) -> str:
    from segur_numerique._domains import SunEsDomain  # noqa: PLC0415

    for member in SunEsDomain:
        if member.value == scope:
            return member.label.in_(lang)
    return scope


def _yes(value: bool | None, lang: Lang) -> str:
    return "—" if value is None else render_value(value, lang)


def report(sim: Simulation, lang: Lang = "fr", *, sample: bool = False) -> str:
    """The readable report of a simulation, in French or English."""
    lang = check_lang(lang)
    fr = lang == "fr"
    case, est = sim.case, sim.case.establishment
    title = (
        f"Simulation SUN-ES volet 1 — {case.label}"
        if fr
        else f"SUN-ES volet 1 simulation — {case.label}"
    )
    out = [title, "=" * len(title)]
    if sample or sim.illustrative_keys:
        out.append("")
        if sample:
            out.append(
                "⚠ EXEMPLE ILLUSTRATIF : établissement inventé, chiffres inventés."
                if fr
                else "⚠ ILLUSTRATIVE SAMPLE: a made-up establishment with made-up counts."
            )
        if sim.illustrative_keys:
            out.append(
                f"⚠ ILLUSTRATIF, NON OFFICIEL : {len(sim.illustrative_keys)} valeur(s) de règle "
                "utilisée(s) viennent des jeux d'hypothèses illustratifs (cibles, grille de "
                "forfaits, dégressivité), car les valeurs officielles n'ont été publiées dans aucune "
                "source. Les montants ci-dessous ne sont PAS des montants officiels."
                if fr
                else f"⚠ ILLUSTRATIVE, NOT OFFICIAL: {len(sim.illustrative_keys)} rule value(s) "
                "used come from the illustrative assumption sets (targets, forfait grid, "
                "degression), because the official values were never published. The amounts "
                "below are NOT official amounts."
            )
    activities = ", ".join(sorted(a.value.upper() for a in est.activities))
    out += [
        "",
        f"{'Établissement : ' if fr else 'Establishment: '}{est.render(lang)}, "
        f"{est.legal_status.value}, {activities}{' ; ' if fr else '; '}"
        f"{'activité 2019 : ' if fr else '2019 activity: '}{render_value(est.activity_2019, lang)}",
    ]
    window = sim.window
    applications = window.applications
    line = f"{'Fenêtre : ' if fr else 'Window: '}{window.name}"
    if applications is not None:
        line += (
            f" — {'candidatures du' if fr else 'applications from'} "
            f"{format_date(applications.start, lang)} {'au' if fr else 'to'} "
            f"{format_date(applications.end, lang)}"
        )
    line += (
        f"{' ; ' if fr else '; '}{'cibles à atteindre au plus tard le' if fr else 'targets to reach by'} "
        f"{format_date(window.deadline, lang)}"
    )
    out.append(line)
    if case.ready_on is not None:
        ready = format_date(case.ready_on, lang)
        if sim.effective_window is None:
            out.append(
                f"Cibles atteignables à partir du {ready} : aucune fenêtre ne reste, rien n'est versé."
                if fr
                else f"Targets reachable from {ready}: no window is left, nothing is paid."
            )
        elif sim.effective_window != case.window:
            out.append(
                f"Cibles atteignables à partir du {ready}, après l'échéance : fenêtre retenue "
                f"{sim.effective_window} (son forfait, dégressif, s'applique)"
                if fr
                else f"Targets reachable from {ready}, after the deadline: moved to window "
                f"{sim.effective_window} (its lower, degressive forfait applies)"
            )
        else:
            out.append(
                f"Cibles atteignables à partir du {ready} : dans les temps."
                if fr
                else f"Targets reachable from {ready}: on time."
            )
    out += ["", "Éligibilité" if fr else "Eligibility"]
    rows: list[tuple[str, ...]] = [
        (
            "domaine" if fr else "domain",
            "éligible" if fr else "eligible",
            "motif" if fr else "reason",
        )
    ]
    for verdict in sim.eligibility:
        reasons = "; ".join(r.text.in_(lang) for r in verdict.failed) or "—"
        rows.append(
            (_scope_label(verdict.scope, lang), render_value(verdict.eligible, lang), reasons)
        )
    out += _table(rows)
    if sim.indicators is not None:
        out += [
            "",
            f"{'Indicateurs (cibles de la fenêtre' if fr else 'Indicators (targets of window'} "
            f"{sim.effective_window})",
        ]
        rows = [
            (
                "indicateur" if fr else "indicator",
                "num.",
                "dén." if fr else "den.",
                "taux" if fr else "rate",
                "cible" if fr else "target",
                "atteint" if fr else "met",
                "manque" if fr else "missing",
            )
        ]
        for domain in sim.indicators.domains:
            for result in (*domain.required, *domain.bonus):
                rows.append(
                    (
                        result.indicator + (" (bonus)" if result.bonus else ""),
                        render_value(result.counts.numerator, lang),
                        render_value(result.counts.denominator, lang),
                        "—" if result.rate is None else format_ratio(result.rate, lang),
                        format_ratio(result.target.rate, lang),
                        render_value(result.met, lang),
                        render_value(result.missing, lang),
                    )
                )
        out += _table(rows)
    out += ["", "Financement (forfaits)" if fr else "Funding (forfaits)"]
    rows = [
        (
            "domaine" if fr else "domain",
            "éligible" if fr else "eligible",
            "cibles atteintes" if fr else "targets met",
            "forfait",
            "bonus CRO" if fr else "CRO bonus",
        )
    ]
    for row in sim.domains:
        names = _DOMAIN_NAMES.get(row.domain, (row.domain, row.domain))
        rows.append(
            (
                names[0] if fr else names[1],
                render_value(row.eligible, lang),
                _yes(row.met, lang),
                "—" if row.forfait is None else row.forfait.format(lang),
                "—" if row.cro_bonus is None else row.cro_bonus.format(lang),
            )
        )
    rows.append(("total", "", "", sim.total.format(lang), ""))
    out += _table(rows)
    if sim.at_stake:
        out.append(
            "  (aucun décompte fourni : forfaits en jeu, si les cibles sont atteintes)"
            if fr
            else "  (no counts given: forfaits at stake, if the targets are reached)"
        )
    if sim.illustrative_keys:
        reads = {p.key: p for p in sim.explanation.all_parameters()}
        out += [
            "",
            "Valeurs illustratives utilisées (NON OFFICIELLES)"
            if fr
            else "Illustrative values used (NOT OFFICIAL)",
        ]
        out += [f"  - {k} = {render_value(reads[k].value, lang)}" for k in sim.illustrative_keys]
    out += [
        "",
        "Explication complète : segur-numerique explain FILE (ou --sample) ; JSON : --json"
        if fr
        else "Full explanation: segur-numerique explain FILE (or --sample); JSON: --json",
    ]
    return "\n".join(out)


def total_of(sim: Simulation) -> Euro:
    """The total (a helper for tests and scripts)."""
    return sim.total


def run(args: argparse.Namespace) -> int:
    """Simulate and print the report (or JSON)."""
    lang = check_lang(args.lang)
    given, rules = read_input(args)
    sim = run_simulation(given, rules)
    if args.json:
        print(json.dumps(sim.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(report(sim, lang, sample=given.illustrative))
    if args.explain:
        print()
        print(sim.explanation.render(lang))
    return 0
