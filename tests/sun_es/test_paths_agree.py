"""The batch table, the one-by-one functions, ``simulate`` and ``compare`` agree (differential).

Random establishments and random rule sets (the illustrative assumptions with random overrides
of the grid, the CRO bonus and the bonus-or-required reading of the CRO): every column of
:func:`eligibility_table` equals the per-row result, and the totals of ``compare`` equal
the sums of the two tables.
"""

from __future__ import annotations

from typing import Any

import narwhals as nw
from hypothesis import given, settings
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.rules.overrides import with_overrides
from segur_numerique.sun_es.batch import (
    eligibility_table,
    eligible_column,
    establishments_table,
    forfait_column,
    reasons_column,
)
from segur_numerique.sun_es.cases import SimulationCase, sample_case
from segur_numerique.sun_es.funding import forfait
from segur_numerique.sun_es.simulation import simulate
from segur_numerique.whatif import compare

RULES = sn.illustrative_assumptions()
IDS = sn.sun_es.prerequisite_checklist().ids
D = sn.sun_es.Domain
VOLET1 = {D.DISCHARGE_DOCUMENTS: "discharge_documents", D.BIOLOGY: "biology", D.IMAGING: "imaging"}
GRID_ROW = {**VOLET1, D.MESSAGING: "secure_messaging"}
FAST = settings(max_examples=12, deadline=None)


@st.composite
def establishments(draw: st.DrawFn) -> list[sn.entities.Establishment]:
    n = draw(st.integers(1, 6))
    sites = draw(st.lists(st.integers(0, 9_999_999), min_size=n, max_size=n, unique=True))
    return [
        sn.entities.Establishment(
            finess_juridique=draw(st.sampled_from(["750712184", "2A0000014", "971234567"])),
            finess_geographique=f"13{site:07d}",
            legal_status=draw(st.sampled_from(["public", "private", "espic", "clcc"])),
            activities=draw(st.sets(st.sampled_from(list(sn.entities.Activity)), min_size=1)),
            activity_2019=draw(st.integers(0, 120_000)),
            own_lab=draw(st.booleans()),
            own_imaging=draw(st.booleans()),
            operating_theatre=draw(st.booleans()),
            sun_es_prerequisites=draw(st.sets(st.sampled_from(IDS)) | st.just(set(IDS))),
        )
        for site in sites
    ]


@st.composite
def rule_sets(draw: st.DrawFn) -> sn.RuleSet:
    """The illustrative assumptions with random overrides (amounts in whole euros)."""
    overrides: dict[str, object] = {}
    if draw(st.booleans()):
        overrides["sun_es.indicator.operative_report.is_bonus"] = draw(st.booleans())
    for band in (1, 2, 3):
        if draw(st.booleans()):
            overrides[f"sun_es.cro_bonus.band.{band}"] = f"{draw(st.integers(0, 99_999))} €"
        if draw(st.booleans()):
            row = draw(st.sampled_from(sorted(GRID_ROW.values())))
            amount = draw(st.integers(0, 999_999))
            overrides[f"sun_es.forfait_grid.{row}.band.{band}"] = f"{amount} €"
    return with_overrides(overrides, name="random", rules=RULES) if overrides else RULES


def _rows(table: Any) -> list[dict[str, Any]]:
    return list(nw.from_native(table, eager_only=True).iter_rows(named=True))


def _table(
    ests: list[sn.entities.Establishment], rules: sn.RuleSet, window: str
) -> list[dict[str, Any]]:
    native = establishments_table(ests, backend="polars")
    return _rows(eligibility_table(native, rules=rules, window=window, reasons=True))


def _expected_forfait(
    est: sn.entities.Establishment, domain: D, rules: sn.RuleSet, window: str
) -> int:
    if domain is D.CRO_BONUS:
        return forfait(
            activity=est.activity_2019, domain="discharge_documents", window=window,
            cro_bonus=True, rules=rules,
        ).cro_bonus.cents  # fmt: skip
    return forfait(
        activity=est.activity_2019, domain=GRID_ROW[domain], window=window, rules=rules
    ).amount.cents


def _volet1_total(row: dict[str, Any]) -> int:
    return sum(row[forfait_column(d)] for d in (*VOLET1, D.CRO_BONUS))


@FAST
@given(ests=establishments(), rules=rule_sets(), window=st.sampled_from(["F1", "F2", "F3", "F4"]))
def test_table_columns_equal_per_row_results(
    ests: list[sn.entities.Establishment], rules: sn.RuleSet, window: str
) -> None:
    for est, row in zip(ests, _table(ests, rules, window), strict=True):
        for domain in D:
            verdict = sn.sun_es.establishment_eligibility(est, domain, rules=rules)
            assert row[eligible_column(domain)] is verdict.eligible
            assert row[reasons_column(domain)] == ",".join(r.code for r in verdict.failed)
            expected = _expected_forfait(est, domain, rules, window) if verdict.eligible else 0
            assert row[forfait_column(domain)] == expected
        # The same forfaits and CRO bonus as a simulation without counts (the forfait at stake).
        result = simulate(est, rules=rules, window=window)
        for outcome in result.domains:
            domain = D(f"volet1.{outcome.domain}")
            assert (outcome.forfait or sn.Euro.zero()).cents == row[forfait_column(domain)]
        bonus = sum(o.cro_bonus.cents for o in result.domains if o.cro_bonus is not None)
        assert bonus == row[forfait_column(D.CRO_BONUS)]


@FAST
@given(ests=establishments(), variant=rule_sets())
def test_compare_totals_equal_table_sums(
    ests: list[sn.entities.Establishment], variant: sn.RuleSet
) -> None:
    cases = [SimulationCase(e, "F2") for e in ests]
    comparison = compare(RULES, variant, cases)
    totals = [r for r in comparison.rows if r.quantity == "total"]
    assert len(totals) == len(ests)
    for rules, side in ((RULES, "baseline"), (variant, "variant")):
        table_sum = sum(_volet1_total(row) for row in _table(ests, rules, "F2"))
        assert sum(getattr(r, side).cents for r in totals) == table_sum


def test_sample_establishment_cro_bonus_agrees() -> None:
    """The issue's case: the sample establishment in window F2 (22,500 € of CRO bonus)."""
    est = sample_case().case.establishment
    [row] = _table([est], RULES, "F2")
    at_stake = simulate(est, rules=RULES, window="F2")
    assert row[forfait_column(D.CRO_BONUS)] == 2_250_000
    assert [o.cro_bonus for o in at_stake.domains if o.cro_bonus] == [sn.Euro("22500")]
    assert at_stake.total.cents == _volet1_total(row)
    required = with_overrides({"sun_es.indicator.operative_report.is_bonus": False}, rules=RULES)
    [row] = _table([est], required, "F2")
    assert row[eligible_column(D.CRO_BONUS)] is False
    assert row[forfait_column(D.CRO_BONUS)] == 0
    assert simulate(est, rules=required, window="F2").total.cents == _volet1_total(row)
