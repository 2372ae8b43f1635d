"""SUN-ES indicator definitions, targets, dialysis stays and avenant 9 indicators (rules digest, SUN-ES §2.1, avenant 9 §6 [docs: explanation/rules])."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

import segur_numerique as sn
from segur_numerique import Status
from segur_numerique.sun_es import INDICATORS, VOLET1, VOLET2
from segur_numerique.sun_es.indicators import Basis, DocumentType


def test_every_indicator_has_sourced_wording_and_declared_unknowns() -> None:
    rules = sn.load_rules()
    for d in INDICATORS:
        read = rules.read(d.definition_key)
        assert read.status is Status.CONFIRMED
        assert read.sources
        for key in (d.stay_types_key, d.send_delay_key, d.target_key("F1")):
            with pytest.raises(sn.errors.MissingParameterError) as info:
                rules.read(key)
            assert info.value.key == key
    with pytest.raises(sn.errors.MissingParameterError):
        rules.read("sun_es.measurement_period.F1")


def test_domains_follow_seed_002() -> None:
    assert [(dom.number, dom.indicators) for dom in VOLET1.domains] == [
        (1, ("discharge_letter", "discharge_prescription", "operative_report")),
        (2, ("biology_report",)),
        (3, ("imaging_report",)),
    ]
    assert {d.id: d.basis for d in INDICATORS} == {
        "discharge_letter": Basis.STAY,
        "discharge_prescription": Basis.STAY,
        "operative_report": Basis.STAY,
        "biology_report": Basis.DOCUMENT,
        "imaging_report": Basis.DOCUMENT,
    }
    assert sn.sun_es.indicator_definition("biology_report").numerator_types == (
        DocumentType.BIOLOGY_REPORT_STRUCTURED,
    )
    assert not VOLET2.indicators_known
    with pytest.raises(sn.errors.MissingParameterError):
        sn.load_rules().read(VOLET2.unknown_key or "")


def test_unknown_indicator_and_domain_are_errors() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="unknown indicator"):
        sn.sun_es.indicator_definition("lettre")
    with pytest.raises(sn.errors.InvalidInputError, match="unknown domain"):
        sn.sun_es.domain_definition("radiology")


def test_cro_bonus_is_conflicting_with_a_default() -> None:
    rules = sn.load_rules()
    default = rules.read("sun_es.indicator.operative_report.is_bonus")
    assert default.status is Status.CONFLICTING
    assert (default.alternative, default.value) == ("bonus", True)
    required = rules.read("sun_es.indicator.operative_report.is_bonus", alternative="required")
    assert required.value is False


# ------------------------------------------------------------------ targets


def test_illustrative_targets_rise_and_are_labelled() -> None:
    rules = sn.illustrative_assumptions()
    targets = sn.sun_es.targets_from_rules(rules)
    assert len(targets.targets) == 20
    assert sn.sun_es.check_targets_rise(targets).rising
    read = targets.get("F4", "discharge_letter").read
    assert read is not None
    assert read.origin is sn.Origin.ILLUSTRATIVE
    assert "illustrative" in read.render("en")
    assert "NOT OFFICIAL" in read.sources[0].title


def test_a_falling_target_is_reported() -> None:
    targets = sn.sun_es.TargetSet.from_mapping(
        {
            ("F1", "discharge_letter"): "60 %",
            ("F2", "discharge_letter"): "55 %",
            ("F3", "discharge_letter"): "70 %",
            ("F1", "imaging_report"): Fraction(1, 2),
            ("F3", "imaging_report"): Fraction(2, 5),
        }
    )
    check = sn.sun_es.check_targets_rise(targets)
    assert [(f.indicator, f.earlier.window, f.later.window) for f in check.falls] == [
        ("discharge_letter", "F1", "F2"),
        ("imaging_report", "F1", "F3"),
    ]
    assert "2 target falls" in check.explanation.render("en")
    assert "baisse" in check.explanation.render("fr")


@pytest.mark.parametrize("bad", ["120 %", "-1/2", Fraction(3, 2), 2, "abc"])
def test_targets_are_rates_in_0_1(bad: object) -> None:
    with pytest.raises(sn.errors.InvalidInputError):
        sn.sun_es.Target("F1", "discharge_letter", bad)


def test_targets_refuse_floats_unknown_windows_and_duplicates() -> None:
    with pytest.raises(sn.errors.FloatRefusedError):
        sn.sun_es.Target("F1", "discharge_letter", 0.5)
    with pytest.raises(sn.errors.InvalidInputError, match="unknown window"):
        sn.sun_es.Target("F5", "discharge_letter", "50 %")
    t = sn.sun_es.Target("F1", "discharge_letter", "50 %")
    with pytest.raises(sn.errors.InvalidInputError, match="twice"):
        sn.sun_es.TargetSet((t, t))
    with pytest.raises(sn.errors.MissingParameterError):
        sn.sun_es.TargetSet((t,)).get("F2", "discharge_letter")


def test_caller_targets_from_a_parameter_file() -> None:
    text = """
format = "segur_numerique.rules/v1"
[sources.guide]
title = "Guide des indicateurs"
date = 2022-05-20
[values."sun_es.target.F2.imaging_report"]
label = { fr = "Cible F2 imagerie", en = "Target F2 imaging" }
unit = "ratio"
[[values."sun_es.target.F2.imaging_report".versions]]
since = 2022-03-01
value = "65 %"
status = "confirmed"
sources = ["guide"]
"""
    rules = sn.load_rules().with_overlay(sn.parse_parameter_text(text))
    target = sn.sun_es.target_from_rules(rules, "F2", "imaging_report")
    assert target.rate == Fraction(13, 20)
    assert target.read is not None
    assert target.read.origin is sn.Origin.CALLER


# ------------------------------------------------------------------ dialysis


def _s(i: int, patient: str, entity: str, day: dt.date) -> sn.sun_es.DialysisSession:
    return sn.sun_es.DialysisSession(f"s{i}", patient, entity, day)


def test_dialysis_stays_by_calendar_four_month_period_and_legal_entity() -> None:
    d = dt.date
    sessions = [
        _s(1, "P1", "E1", d(2022, 1, 3)),
        _s(2, "P1", "E1", d(2022, 1, 5)),
        _s(3, "P1", "E1", d(2022, 4, 29)),
        _s(4, "P1", "E1", d(2022, 5, 1)),  # next period
        _s(5, "P1", "E2", d(2022, 1, 7)),  # same patient, other legal entity
        _s(6, "P1", "E2", d(2022, 1, 9)),
        _s(7, "P2", "E1", d(2022, 9, 1)),
        _s(8, "P2", "E1", d(2022, 10, 1)),
        _s(9, "P2", "E1", d(2022, 12, 31)),
    ]
    result = sn.sun_es.dialysis_stays(sessions, rules=sn.load_rules())
    assert [(s.legal_entity, s.patient_id, s.period, s.sessions) for s in result.stays] == [
        ("E1", "P1", "2022-P1", 3),
        ("E1", "P2", "2022-P3", 3),
    ]
    assert {(g.legal_entity, g.period, g.sessions) for g in result.too_few} == {
        ("E1", "2022-P2", 1),
        ("E2", "2022-P1", 2),
    }
    record = result.stays[0].to_record()
    assert record["activity"] == "DIALYSIS"
    assert (record["admission"], record["discharge"]) == (d(2022, 1, 3), d(2022, 4, 29))
    keys = {p.key for p in result.explanation.parameters}
    assert keys == {"sun_es.dialysis.period_months", "sun_es.dialysis.min_sessions"}
    assert "calendar four-month periods" in result.explanation.render("en")


def test_dialysis_bad_input() -> None:
    with pytest.raises(sn.errors.DuplicateIdError, match="row 1"):
        sn.sun_es.dialysis_stays(
            [_s(1, "P", "E", dt.date(2022, 1, 1)), _s(1, "P", "E", dt.date(2022, 1, 2))],
            rules=sn.load_rules(),
        )
    with pytest.raises(sn.errors.MissingColumnError, match="row 0, column legal_entity"):
        sn.sun_es.dialysis_stays(
            [{"session_id": "a", "patient_id": "P", "date": "2022-01-01"}], rules=sn.load_rules()
        )


# ------------------------------------------------------------------ avenant 9


@pytest.mark.parametrize(
    ("indicator", "numerator", "denominator", "met"),
    [
        ("dmp", 20, 100, True),
        ("dmp", 19, 100, False),
        ("patient_messaging", 5, 100, True),
        ("e_prescription", 49, 100, False),
        ("e_prescription", 1, 2, True),
        ("vitale_app", 1, 20, True),
        ("vitale_app", 0, 0, False),
    ],
)
def test_avenant9_thresholds(indicator: str, numerator: int, denominator: int, met: bool) -> None:
    result = sn.avenant9.evaluate_indicator(
        indicator, numerator, denominator, rules=sn.load_rules()
    )
    assert result.met is met
    assert result.explanation.parameters[0].status is Status.SECONDARY


@pytest.mark.parametrize(
    ("with_vsm", "ald", "tier"),
    [(49, 100, "none"), (50, 100, "lower"), (89, 100, "lower"), (9, 10, "upper"), (0, 0, "none")],
)
def test_vsm_tiers(with_vsm: int, ald: int, tier: str) -> None:
    assert sn.avenant9.evaluate_vsm(with_vsm, ald, rules=sn.load_rules()).tier.value == tier


def test_avenant9_bad_counts() -> None:
    with pytest.raises(sn.errors.IndicatorCountError, match="above the denominator"):
        sn.avenant9.evaluate_indicator("dmp", 3, 2, rules=sn.load_rules())
    with pytest.raises(sn.errors.IndicatorCountError, match="negative"):
        sn.avenant9.evaluate_vsm(-1, 2, rules=sn.load_rules())
    with pytest.raises(sn.errors.InvalidInputError, match="unknown avenant 9 indicator"):
        sn.avenant9.evaluate_indicator("fax", 1, 2, rules=sn.load_rules())
