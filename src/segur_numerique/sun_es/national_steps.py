"""The steps of a national simulation, each the one-by-one function called once per group of rows.

Used by :func:`~segur_numerique.sun_es.national_simulation`: the eligibility step of
:func:`~segur_numerique.sun_es.simulate` per group of the criteria,
:func:`~segur_numerique.sun_es.evaluate_domain` per pattern of met indicators and
:func:`~segur_numerique.sun_es.forfait` per band, window pair, indicators met and bonus. Every
row of a group gets the group's result.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import narwhals as nw

from segur_numerique.core.explanation import Explanation
from segur_numerique.core.provenance import Origin
from segur_numerique.errors import BatchInputError, InvalidInputError
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.batch import _row_establishment
from segur_numerique.sun_es.cases import VOLET1_DOMAINS, SimulationCase
from segur_numerique.sun_es.domain_evaluation import evaluate_domain
from segur_numerique.sun_es.evaluation import EstablishmentProfile, IndicatorCounts
from segur_numerique.sun_es.funding import forfait
from segur_numerique.sun_es.indicators import domain_definition
from segur_numerique.sun_es.simulation import _eligibility


def _np() -> Any:
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    return np


def unique_rows(key: Any) -> tuple[Any, Any]:
    """The first row of each distinct row of an int64 matrix, and the group of every row.

    Each column is recoded to dense ranks and the ranks combined into one int64 (mixed radix), a
    1-d unique being much faster than ``np.unique(axis=0)``; the latter is the fallback when the
    combination could overflow.
    """
    np = _np()
    combined = np.zeros(key.shape[0], dtype=np.int64)
    size = 1
    for column in key.T:
        values, ranks = np.unique(column, return_inverse=True)
        size *= max(len(values), 1)
        if size >= 2**62:
            _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
            return first, inverse.reshape(-1)
        combined = combined * len(values) + ranks.reshape(-1)
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def _illustrative(explanation: Explanation, into: set[str]) -> None:
    into.update(p.key for p in explanation.all_parameters() if p.origin is Origin.ILLUSTRATIVE)


@attrs.frozen
class GroupEligibility:
    """Per group of the criteria and volet 1 domain: applied for, eligible, failed reason codes."""

    applied: Any
    eligible: Any
    reasons: Any
    cro_eligible: Any
    illustrative: frozenset[str]


def group_eligibility(
    frame: nw.DataFrame[Any],
    first: Any,
    ids: tuple[str, ...],
    *,
    rules: RuleSet,
    on: dt.date | None,
) -> GroupEligibility:
    """The eligibility step of :func:`~segur_numerique.sun_es.simulate`, once per group's first row."""
    np = _np()
    k, d = len(first), len(VOLET1_DOMAINS)
    applied, eligible = np.zeros((k, d), dtype=bool), np.zeros((k, d), dtype=bool)
    reasons, cro = np.full((k, d), "", dtype=object), np.zeros(k, dtype=bool)
    keys: set[str] = set()
    for g, row in enumerate(first):
        case = SimulationCase(_row_establishment(frame, int(row), ids), "F1", on=on)
        verdicts, by_domain, cro[g] = _eligibility(case, rules)
        for domain, verdict in zip(case.applied_domains(), verdicts, strict=False):
            j = VOLET1_DOMAINS.index(domain)
            applied[g, j], eligible[g, j] = True, by_domain[domain]
            reasons[g, j] = ",".join(r.code for r in verdict.failed)
        for verdict in verdicts:
            _illustrative(verdict.explanation, keys)
    return GroupEligibility(applied, eligible, reasons, cro, frozenset(keys))


@attrs.frozen
class Steps:
    """Per row and volet 1 domain, the simulation's outcome (arrays rows × domains)."""

    applied: Any
    eligible: Any
    reasons: Any
    met: Any
    """0: not evaluated (no counts, not eligible or no window), 1: met, 2: not met."""
    at_stake: Any
    paid: Any
    bonus: Any
    effective: Any
    illustrative: frozenset[str]


def _evaluate(
    frame: nw.DataFrame[Any],
    domain: str,
    rows: Any,
    *,
    key: Any,
    effective: Any,
    counts: dict[str, tuple[Any, Any]],
    rules: RuleSet,
    keys: set[str],
) -> tuple[Any, Any, Any, list[dict[str, bool]]]:
    """:func:`evaluate_domain` once per key: met state, met-map id and bonus met of each row."""
    np = _np()
    n = frame.shape[0]
    met, met_id, bonus = np.zeros(n, np.int8), np.full(n, -1, np.int64), np.zeros(n, bool)
    maps: dict[tuple[tuple[str, bool], ...], int] = {}
    if not rows.any():
        return met, met_id, bonus, []
    index = np.flatnonzero(rows)
    first, inverse = unique_rows(key[index])
    flags = [
        frame.get_column(c).to_numpy() for c in ("operating_theatre", "own_lab", "own_imaging")
    ]
    finess = frame.get_column("finess_geographique")
    wanted = domain_definition(domain).indicators
    group_met, group_id, group_bonus = [], [], []
    for row in index[first]:
        r = int(row)
        profile = EstablishmentProfile(str(finess.item(r)), *(bool(f[r]) for f in flags))
        given = [
            IndicatorCounts(i, int(counts[i][0][r]), int(counts[i][1][r]))
            for i in wanted
            if i in counts and counts[i][0][r] >= 0
        ]
        try:
            result = evaluate_domain(domain, profile, given, str(effective[r]), rules=rules)
        except InvalidInputError as exc:
            raise BatchInputError(f"{domain}: {exc}", where=f"row {r}") from None
        _illustrative(result.explanation, keys)
        met_map = tuple((x.indicator, x.met) for x in result.required)
        group_met.append(0 if result.met is None else (1 if result.met else 2))
        group_id.append(maps.setdefault(met_map, len(maps)) if met_map else -1)
        group_bonus.append(any(b.met for b in result.bonus))
    inverse = inverse.reshape(-1)
    met[index] = np.asarray(group_met, dtype=np.int8)[inverse]
    met_id[index] = np.asarray(group_id, dtype=np.int64)[inverse]
    bonus[index] = np.asarray(group_bonus, dtype=bool)[inverse]
    return met, met_id, bonus, [dict(m) for m in maps]


def _forfaits(
    frame: nw.DataFrame[Any],
    domain: str,
    rows: Any,
    *,
    key: Any,
    context: tuple[Any, Any, list[dict[str, bool]], Any, RuleSet, dt.date | None],
    keys: set[str],
) -> tuple[Any, Any, Any]:
    """:func:`forfait` once per key (band, window pair, met map, bonus): at stake, paid, bonus."""
    np = _np()
    windows, effective, maps, bonus_due, rules, on = context
    n = frame.shape[0]
    out = [np.zeros(n, dtype=np.int64) for _ in range(3)]
    if not rows.any():
        return out[0], out[1], out[2]
    index = np.flatnonzero(rows)
    first, inverse = unique_rows(key[index])
    activity = frame.get_column("activity_2019")
    values: list[tuple[int, int, int]] = []
    for row in index[first]:
        r = int(row)
        met_id = int(key[r, 2])
        chosen, new = str(windows[r]), str(effective[r])
        one = forfait(
            activity=int(activity.item(r)),
            domain=domain,
            window=chosen,
            indicators_met=maps[met_id] if met_id >= 0 else None,
            cro_bonus=bool(bonus_due[r]),
            reassigned_to=new if new != chosen else None,
            on=on,
            rules=rules,
        )
        _illustrative(one.explanation, keys)
        values.append(
            (one.at_stake.cents, one.paid.cents, one.cro_bonus.cents if bonus_due[r] else 0)
        )
    table = np.asarray(values, dtype=np.int64)[inverse.reshape(-1)]
    for i in range(3):
        out[i][index] = table[:, i]
    return out[0], out[1], out[2]


INDICATORS = tuple(i for d in VOLET1_DOMAINS for i in domain_definition(d).indicators)
"""The volet 1 indicators whose counts a table may give (``<indicator>_numerator`` ...)."""


def domain_steps(
    frame: nw.DataFrame[Any],
    *,
    group: Any,
    eligibility: GroupEligibility,
    windows: Any,
    pair_code: Any,
    pairs: list[tuple[str, str | None]],
    band: Any,
    states: Any,
    counts: dict[str, tuple[Any, Any]],
    rules: RuleSet,
    on: dt.date | None,
) -> Steps:
    """Per row and domain: eligibility, targets met, forfait at stake and paid, CRO bonus."""
    np = _np()
    n, width = frame.shape[0], len(VOLET1_DOMAINS)
    names = [e for _, e in pairs]
    effective = np.asarray([*names, None], dtype=object)[pair_code] if n else np.zeros(0, object)
    has_window = np.asarray([*(e is not None for e in names), False], dtype=bool)[pair_code]
    known = sorted({e for e in names if e is not None})
    eff_code = np.asarray([*(known.index(e) if e is not None else -1 for e in names), -1])[
        pair_code
    ]
    has_counts = np.zeros(n, dtype=bool)
    for numerator, _ in counts.values():
        has_counts |= numerator >= 0
    flags = [
        frame.get_column(c).to_numpy().astype(np.int64)
        for c in ("operating_theatre", "own_lab", "own_imaging")
    ]
    cro = eligibility.cro_eligible[group]
    met = np.zeros((n, width), dtype=np.int8)
    amounts = [np.zeros((n, width), dtype=np.int64) for _ in range(3)]
    keys: set[str] = set(eligibility.illustrative)
    for j, domain in enumerate(VOLET1_DOMAINS):
        open_ = eligibility.applied[group, j] & eligibility.eligible[group, j] & has_window
        evaluated = open_ & has_counts
        digits = [
            (states >> (2 * INDICATORS.index(i))) & 3 for i in domain_definition(domain).indicators
        ]
        key = np.stack([eff_code, *flags, *digits], axis=1)
        met[:, j], met_id, bonus_met, maps = _evaluate(
            frame,
            domain,
            evaluated,
            key=key,
            effective=effective,
            counts=counts,
            rules=rules,
            keys=keys,
        )
        bonus_due = cro & np.where(evaluated, bonus_met, domain == "discharge_documents")
        key = np.stack([band, pair_code, met_id, bonus_due.astype(np.int64)], axis=1)
        context = (windows, effective, maps, bonus_due, rules, on)
        found = _forfaits(frame, domain, open_, key=key, context=context, keys=keys)
        for i in range(3):
            amounts[i][:, j] = found[i]
    return Steps(
        applied=eligibility.applied[group],
        eligible=eligibility.eligible[group],
        reasons=eligibility.reasons[group],
        met=met,
        at_stake=amounts[0],
        paid=amounts[1],
        bonus=amounts[2],
        effective=effective,
        illustrative=frozenset(keys),
    )
