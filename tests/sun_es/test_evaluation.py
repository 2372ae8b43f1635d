"""Indicators evaluated from counts: rates, targets, margins, domains and the CRO bonus (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es])."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.sun_es.evaluation import EstablishmentProfile, IndicatorCounts

RULES = sn.illustrative_assumptions()


@st.composite
def counts_and_target(draw: st.DrawFn) -> tuple[IndicatorCounts, sn.sun_es.Target]:
    den = draw(st.integers(0, 10_000))
    num = draw(st.integers(0, den))
    target = draw(st.fractions(0, 1, max_denominator=1000))
    return IndicatorCounts("imaging_report", num, den), sn.sun_es.Target(
        "F1", "imaging_report", target
    )


@given(counts_and_target())
def test_rate_margin_and_missing(pair: tuple[IndicatorCounts, sn.sun_es.Target]) -> None:
    counts, target = pair
    result = sn.sun_es.evaluate_indicator(counts, target)
    if counts.denominator == 0:
        assert (result.rate, result.met, result.missing) == (None, False, 0)
        return
    assert result.rate is not None
    assert 0 <= result.rate <= 1
    assert result.rate == Fraction(counts.numerator, counts.denominator)
    assert result.met == (result.rate >= target.rate)
    assert result.margin == result.rate - target.rate
    # `missing` more qualifying units reach the target, one fewer does not.
    assert Fraction(counts.numerator + result.missing, counts.denominator) >= target.rate
    if result.missing:
        assert Fraction(counts.numerator + result.missing - 1, counts.denominator) < target.rate
    assert result.met == (result.missing == 0)


@given(counts_and_target())
def test_one_more_qualifying_unit_never_lowers_the_rate(
    pair: tuple[IndicatorCounts, sn.sun_es.Target],
) -> None:
    counts, _ = pair
    if counts.numerator < counts.denominator:
        more = IndicatorCounts(counts.indicator, counts.numerator + 1, counts.denominator)
        assert more.rate is not None
        assert counts.rate is not None
        assert more.rate > counts.rate
    added = IndicatorCounts(counts.indicator, counts.numerator + 1, counts.denominator + 1)
    assert added.rate is not None
    assert counts.rate is None or added.rate >= counts.rate


@pytest.mark.parametrize(
    ("numerator", "denominator", "match"),
    [(5, 4, "above the denominator"), (-1, 4, "negative"), (1, -4, "negative"), (True, 4, "whole")],
)
def test_bad_counts(numerator: object, denominator: object, match: str) -> None:
    with pytest.raises(sn.errors.IndicatorCountError, match=match):
        IndicatorCounts("discharge_letter", numerator, denominator)  # type: ignore[arg-type]


def test_worked_example_missing_stays() -> None:
    # 45 of 100 stays with a discharge letter; illustrative F1 target 50 %: 5 more stays needed.
    target = sn.sun_es.target_from_rules(RULES, "F1", "discharge_letter")
    result = sn.sun_es.evaluate_indicator(IndicatorCounts("discharge_letter", 45, 100), target)
    assert (result.rate, result.met, result.margin, result.missing) == (
        Fraction(9, 20),
        False,
        Fraction(-1, 20),
        5,
    )
    text = result.explanation.render("en")
    assert "5 more stays needed" in text
    assert "illustrative, not official" in text
    assert "il manque 5 séjours" in result.explanation.render("fr")
    assert result.to_json()["missing"] == 5


def _counts(**pairs: tuple[int, int]) -> list[IndicatorCounts]:
    return [IndicatorCounts(k, n, d) for k, (n, d) in pairs.items()]


FULL = EstablishmentProfile("750000001", True, True, True)


def test_domain_met_when_all_required_indicators_are() -> None:
    counts = _counts(
        discharge_letter=(50, 100),
        discharge_prescription=(40, 100),
        operative_report=(0, 10),  # bonus by default: does not decide the domain
        biology_report=(39, 100),
        imaging_report=(40, 100),
    )
    result = sn.sun_es.evaluate_volet1(FULL, counts, "F1", rules=RULES)
    assert result.met_domains == ("discharge_documents", "imaging")
    d1 = result.domain("discharge_documents")
    assert [r.indicator for r in d1.required] == ["discharge_letter", "discharge_prescription"]
    assert [(r.indicator, r.met, r.bonus) for r in d1.bonus] == [("operative_report", False, True)]
    assert result.domain("biology").met is False
    assert result.domain("biology").required[0].missing == 1
    text = result.explanation.render("en")
    assert "2 of 3 domains met" in text
    assert "sun_es.indicator.operative_report.is_bonus (bonus)" in text


def test_cro_required_alternative() -> None:
    counts = _counts(
        discharge_letter=(50, 100), discharge_prescription=(40, 100), operative_report=(0, 10)
    )
    result = sn.sun_es.evaluate_domain(
        "discharge_documents", FULL, counts, "F1", cro_alternative="required", rules=RULES
    )
    assert result.met is False
    assert [r.indicator for r in result.required][-1] == "operative_report"
    with pytest.raises(sn.errors.ConflictingValueError):
        sn.sun_es.evaluate_domain(
            "discharge_documents", FULL, counts, "F1", cro_alternative="x", rules=RULES
        )


def test_cro_does_not_apply_without_an_operating_theatre() -> None:
    profile = EstablishmentProfile("750000002", False, False, False)
    counts = _counts(discharge_letter=(1, 2), discharge_prescription=(1, 2))
    result = sn.sun_es.evaluate_volet1(
        profile, counts, "F1", cro_alternative="required", rules=RULES
    )
    assert [d.domain for d in result.domains] == ["discharge_documents"]
    assert result.met_domains == ("discharge_documents",)
    assert "no operating theatre" in result.explanation.render("en")


def test_domains_2_and_3_need_an_own_platform() -> None:
    profile = EstablishmentProfile("750000003", False, False, False)
    result = sn.sun_es.evaluate_volet1(
        profile, _counts(imaging_report=(1, 1)), "F1", domains=["imaging"], rules=RULES
    )
    imaging = result.domain("imaging")
    assert (imaging.applicable, imaging.met) == (False, None)


def test_missing_counts_and_targets_are_errors() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="discharge_prescription"):
        sn.sun_es.evaluate_domain(
            "discharge_documents", FULL, _counts(discharge_letter=(1, 2)), "F1", rules=RULES
        )
    with pytest.raises(
        sn.errors.MissingParameterError, match=r"sun_es\.target\.F1\.discharge_letter"
    ):
        sn.sun_es.evaluate_domain(
            "discharge_documents",
            FULL,
            _counts(discharge_letter=(1, 2), discharge_prescription=(1, 2)),
            "F1",
            rules=sn.load_rules(),
        )
    with pytest.raises(sn.errors.InvalidInputError, match="twice"):
        sn.sun_es.evaluate_volet1(FULL, [*_counts(imaging_report=(1, 2))] * 2, "F1", rules=RULES)


def test_caller_target_set_overrides_rules() -> None:
    targets = sn.sun_es.TargetSet.from_mapping({("F2", "imaging_report"): "1/2"})
    result = sn.sun_es.evaluate_domain(
        "imaging",
        FULL,
        _counts(imaging_report=(1, 2)),
        "F2",
        targets=targets,
        rules=sn.load_rules(),
    )
    assert result.met is True
    json = result.to_json()
    assert json["met"] is True
