"""The readable report of a SUN-ES simulation, in French or English (``segur-numerique simulate``).

:func:`report` is what :meth:`Simulation.render <segur_numerique.sun_es.Simulation.render>` and the
``simulate`` sub-command print: the establishment, the window (and the window it ends up in
after a missed deadline), the eligibility of each domain, the indicators against their targets,
the forfaits, and a warning when illustrative, **not official**, values were used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from segur_numerique.calendar.windows import PhaseKind, Window
from segur_numerique.core.text import Lang, check_lang, counted
from segur_numerique.core.values import format_date, format_ratio, render_value
from segur_numerique.sun_es.domains import Domain
from segur_numerique.sun_es.evaluation import IndicatorResult

_USED_FR = ("valeur de règle utilisée vient", "valeurs de règle utilisées viennent")
_USED_EN = ("rule value used comes", "rule values used come")


if TYPE_CHECKING:  # the simulation module imports this one to render its result
    from segur_numerique.sun_es.simulation import Simulation

_DOMAIN_NAMES = {
    "discharge_documents": ("documents de sortie", "discharge documents"),
    "biology": ("biologie médicale", "medical biology"),
    "imaging": ("imagerie", "imaging"),
}


def _table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        indent + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    ]
    lines.insert(1, indent + "  ".join("-" * w for w in widths))
    return [line.rstrip() for line in lines]


def _scope_label(scope: str, lang: Lang) -> str:
    for member in Domain:
        if member.value == scope:
            return member.label.in_(lang)
    return scope


def _yes(value: bool | None, lang: Lang) -> str:
    return "—" if value is None else render_value(value, lang)


def _warnings(sim: Simulation, lang: Lang, *, sample: bool) -> list[str]:
    """The warnings under the title: a made-up sample, illustrative rule values."""
    fr = lang == "fr"
    if not sample and not sim.illustrative_keys:
        return []
    out = [""]
    if sample:
        out.append(
            "⚠ EXEMPLE ILLUSTRATIF : établissement inventé, chiffres inventés."
            if fr
            else "⚠ ILLUSTRATIVE SAMPLE: a made-up establishment with made-up counts."
        )
    if sim.illustrative_keys:
        out.append(
            "⚠ ILLUSTRATIF, NON OFFICIEL : "
            + counted(len(sim.illustrative_keys), lang, fr=_USED_FR, en=_USED_EN)
            + " des jeux d'hypothèses illustratifs (cibles, grille de forfaits, dégressivité), "
            "car les valeurs officielles n'ont été publiées dans aucune source. Les montants "
            "ci-dessous ne sont PAS des montants officiels."
            if fr
            else "⚠ ILLUSTRATIVE, NOT OFFICIAL: "
            + counted(len(sim.illustrative_keys), lang, fr=_USED_FR, en=_USED_EN)
            + " from the illustrative assumption sets (targets, forfait grid, degression), "
            "because the official values were never published. The amounts below are NOT "
            "official amounts."
        )
    return out


def _establishment_line(sim: Simulation, lang: Lang) -> str:
    """The establishment: name, legal status, activities, 2019 activity."""
    fr = lang == "fr"
    est = sim.case.establishment
    activities = ", ".join(sorted(a.value.upper() for a in est.activities))
    return (
        f"{'Établissement : ' if fr else 'Establishment: '}{est.render(lang)}, "
        f"{est.legal_status.value}, {activities}{' ; ' if fr else '; '}"
        f"{'activité 2019 : ' if fr else '2019 activity: '}{render_value(est.activity_2019, lang)}"
    )


def _deadline_flag(window: Window, lang: Lang) -> str:
    """`` [inferred]`` when the targets deadline is not a confirmed value (review 2, 1.6)."""
    realisation = window.phase(PhaseKind.REALISATION)
    reads = realisation.reads if realisation is not None else ()
    own = [r for r in reads if r.key.endswith("targets_deadline")] or list(reads)
    flags = sorted({r.status.label().in_(lang) for r in own if r.status.value != "confirmed"})
    return f" [{', '.join(flags)}]" if flags else ""


def _window_lines(sim: Simulation, lang: Lang) -> list[str]:
    """The window applied to, its dates, and where a ready date moves the establishment."""
    fr = lang == "fr"
    case, window = sim.case, sim.window
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
        f"{format_date(window.deadline, lang)}{_deadline_flag(window, lang)}"
    )
    out = [line]
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
    return out


def _eligibility_lines(sim: Simulation, lang: Lang) -> list[str]:
    """The eligibility table: one row per domain (and the CRO bonus), with the failed reasons."""
    fr = lang == "fr"
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
    return ["", "Éligibilité" if fr else "Eligibility", *_table(rows)]


def _indicator_row(result: IndicatorResult, lang: Lang) -> tuple[str, ...]:
    """One indicator: counts, rate, target, met, how many are missing."""
    return (
        result.indicator + (" (bonus)" if result.bonus else ""),
        render_value(result.counts.numerator, lang),
        render_value(result.counts.denominator, lang),
        "—" if result.rate is None else format_ratio(result.rate, lang),
        format_ratio(result.target.rate, lang),
        render_value(result.met, lang),
        render_value(result.missing, lang),
    )


def _indicator_lines(sim: Simulation, lang: Lang) -> list[str]:
    """The indicators table against the applicable window's targets (none without counts)."""
    if sim.indicators is None:
        return []
    fr = lang == "fr"
    rows: list[tuple[str, ...]] = [
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
    rows += [
        _indicator_row(result, lang)
        for domain in sim.indicators.domains
        for result in (*domain.required, *domain.bonus)
    ]
    return [
        "",
        f"{'Indicateurs (cibles de la fenêtre' if fr else 'Indicators (targets of window'} "
        f"{sim.effective_window})",
        *_table(rows),
    ]


def _funding_lines(sim: Simulation, lang: Lang) -> list[str]:
    """The funding table: the forfait and CRO bonus of each domain, and the total."""
    fr = lang == "fr"
    rows: list[tuple[str, ...]] = [
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
    out = ["", "Financement (forfaits)" if fr else "Funding (forfaits)", *_table(rows)]
    if sim.at_stake:
        out.append(
            "  (aucun décompte fourni : forfaits en jeu, si les cibles sont atteintes)"
            if fr
            else "  (no counts given: forfaits at stake, if the targets are reached)"
        )
    return out


def _illustrative_lines(sim: Simulation, lang: Lang) -> list[str]:
    """The illustrative (not official) rule values used, with their values."""
    if not sim.illustrative_keys:
        return []
    reads = {p.key: p for p in sim.explanation.all_parameters()}
    return [
        "",
        "Valeurs illustratives utilisées (NON OFFICIELLES)"
        if lang == "fr"
        else "Illustrative values used (NOT OFFICIAL)",
        *(f"  - {k} = {render_value(reads[k].value, lang)}" for k in sim.illustrative_keys),
    ]


def report(sim: Simulation, lang: Lang = "fr", *, sample: bool = False) -> str:
    """The readable report of a simulation, in French or English.

    ``sample`` adds the warning that the establishment is a made-up sample.
    """
    lang = check_lang(lang)
    fr = lang == "fr"
    label = sim.case.label
    title = f"Simulation SUN-ES volet 1 — {label}" if fr else f"SUN-ES volet 1 simulation — {label}"
    out = [title, "=" * len(title), *_warnings(sim, lang, sample=sample)]
    out += ["", _establishment_line(sim, lang), *_window_lines(sim, lang)]
    out += _eligibility_lines(sim, lang)
    out += _indicator_lines(sim, lang)
    out += _funding_lines(sim, lang)
    out += _illustrative_lines(sim, lang)
    out += [
        "",
        "Explication complète : segur-numerique explain FILE (ou --sample) ; JSON : --json"
        if fr
        else "Full explanation: segur-numerique explain FILE (or --sample); JSON: --json",
    ]
    return "\n".join(out)
