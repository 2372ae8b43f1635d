"""ESMS numérique facts added from review-2 §1.4 and Part 2 (envelopes, calls, rules in words)."""

from __future__ import annotations

import datetime as dt

import pytest

import segur_numerique as sn

RULES = sn.load_rules()
S = sn.Status


@pytest.mark.parametrize(
    ("key", "value", "status"),
    [
        ("esms_numerique.amorcage.forfait.new_dui", sn.Euro("25000"), S.SECONDARY),
        ("esms_numerique.amorcage.forfait.conformity", sn.Euro("10000"), S.SECONDARY),
        ("esms_numerique.amorcage.forfait.equipment", sn.Euro("20000"), S.SECONDARY),
        ("esms_numerique.amorcage.max_essms_per_project", 30, S.SECONDARY),
        ("esms_numerique.national_2022.forfait.moa", sn.Euro("2000"), S.SECONDARY),
        ("esms_numerique.national_2022.forfait.vendor_max", sn.Euro("1000"), S.SECONDARY),
        ("esms_numerique.national_2022.forfait.vendor_segur_bonus", sn.Euro("3000"), S.SECONDARY),
        ("esms_numerique.national_2022.regional_amount_essms", 49, S.SECONDARY),
        ("esms_numerique.national_2021.credits", sn.Euro("12199648"), S.SECONDARY),
        ("esms_numerique.envelope.direct_support", sn.Euro.parse("405 M€"), S.SECONDARY),
        ("esms_numerique.envelope.year_2024", sn.Euro.parse("87 M€"), S.SECONDARY),
        ("esms_numerique.envelope.year_2025", sn.Euro.parse("76,5 M€"), S.SECONDARY),
        ("esms_numerique.region.grand_est.amorcage_2021", sn.Euro("18230000"), S.CONFIRMED),
        ("esms_numerique.goal.active_dui_end_2024", 410_000, S.CONFIRMED),
    ],
    ids=str,
)
def test_value_and_status(key: str, value: object, status: sn.Status) -> None:
    read = RULES.read(key)
    assert (read.value, read.status) == (value, status)
    assert read.sources
    assert all(s.url for s in read.sources)


def test_the_2025_envelope_was_cut_in_september() -> None:
    key = "esms_numerique.envelope.year_2025"
    assert RULES.get(key, on=dt.date(2025, 6, 1)) == sn.Euro.parse("83 M€")


def test_amorcage_envelopes_conflict_with_a_documented_default() -> None:
    temps1 = RULES.read("esms_numerique.envelope.amorcage.temps1")
    assert (temps1.status, temps1.alternative, temps1.value) == (
        S.CONFLICTING,
        "cnsa",
        sn.Euro.parse("30 M€"),
    )
    nexem = RULES.get("esms_numerique.envelope.amorcage.temps2", alternative="nexem")
    assert nexem == sn.Euro.parse("75 M€")


def test_the_calls_deadlines_are_in_the_esms_calendar() -> None:
    keys = {d.key: d for d in sn.calendars.deadlines("esms_numerique")}
    assert keys["esms_numerique.national_2022.deadline.applications"].due() == dt.date(2022, 7, 18)
    assert keys["esms_numerique.regional_2022.deadline.applications"].due() == dt.date(2022, 9, 30)
    assert "esms_numerique.regional_2024.deadline.applications" in keys


def test_the_regional_amount_of_the_first_49_stays_unknown() -> None:
    with pytest.raises(sn.errors.MissingParameterError):
        RULES.read("esms_numerique.amount.regional_per_essms")
