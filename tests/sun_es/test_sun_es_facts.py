"""SUN-ES facts added from review-2 §1.4: window rules, F1 validation, outcomes, document goal."""

from __future__ import annotations

import datetime as dt

import pytest

import segur_numerique as sn

RULES = sn.load_rules()
S = sn.Status


@pytest.mark.parametrize(
    ("key", "fragment", "status"),
    [
        ("sun_es.rule.establishment_chooses_window", "choisissent la fenêtre", S.CONFIRMED),
        ("sun_es.rule.one_application_per_window", "une candidature par fenêtre", S.SECONDARY),
        ("sun_es.rule.application_channels", "oSIS", S.CONFIRMED),
        ("sun_es.rule.cpom_indicators", "CPOM", S.CONFIRMED),
        ("sun_es.rule.payment_delay", "délégation de crédit", S.CONFIRMED),
    ],
)
def test_rules_in_words(key: str, fragment: str, status: sn.Status) -> None:
    read = RULES.read(key)
    assert fragment in str(read.value)
    assert read.status is status


def test_f1_validation_is_a_sun_es_deadline() -> None:
    (deadline,) = sn.calendars.deadlines("sun_es")
    assert deadline.key == "sun_es.deadline.f1_ars_validation"
    assert deadline.due() == dt.date(2021, 12, 31)
    assert any(s.seed == "000_efe25b006a721351" for s in deadline.read().sources)


@pytest.mark.parametrize(
    ("key", "value", "status"),
    [
        ("sun_es.region.idf.outcome.F1.selected", 166, S.SECONDARY),
        ("sun_es.region.idf.outcome.F2.applications", 168, S.SECONDARY),
        ("sun_es.region.idf.outcome.F2.selected", 159, S.SECONDARY),
        ("sun_es.region.ara.outcome.applications", 360, S.CONFIRMED),
        ("sun_es.region.ara.outcome.es_engaged", 248, S.CONFIRMED),
        ("sun_es.region.ara.outcome.volet1.domain1.selected", 247, S.CONFIRMED),
        ("sun_es.region.ara.outcome.volet1.domain2.selected", 23, S.CONFIRMED),
        ("sun_es.region.ara.outcome.volet1.domain3.selected", 41, S.CONFIRMED),
    ],
)
def test_regional_outcomes(key: str, value: int, status: sn.Status) -> None:
    read = RULES.read(key)
    assert (read.value, read.status) == (value, status)


def test_the_document_goal_conflicts_and_defaults_to_250_million() -> None:
    read = RULES.read("segur.goal.documents_per_year_2023")
    assert (read.status, read.value) == (S.CONFLICTING, 250_000_000)
    assert any("senat.fr" in (s.url or "") for s in read.sources)
    assert RULES.get("segur.goal.documents_per_year_2023", alternative="500_million") == 500_000_000
