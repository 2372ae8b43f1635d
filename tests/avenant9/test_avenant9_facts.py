"""Avenant 9 facts added from review-2 §1.4 and N14-N17."""

from __future__ import annotations

import datetime as dt

import segur_numerique as sn

RULES = sn.load_rules()


def test_signature_and_approval_dates() -> None:
    signature = RULES.read("avenant9.signature_date")
    assert (signature.value, signature.status) == (dt.date(2021, 7, 30), sn.Status.CONFIRMED)
    assert any("ameli.fr" in (s.url or "") for s in signature.sources)
    assert RULES.get("avenant9.approval.arrete_date") == dt.date(2021, 9, 22)
    assert RULES.get("avenant9.approval.jo_date") == dt.date(2021, 9, 25)


def test_volet2_maxima_by_period() -> None:
    value = RULES.value("avenant9.forfait_structure.volet2.max_points")
    first, second = value.versions
    assert (first.value, first.valid_until, first.status) == (
        605,
        dt.date(2021, 12, 31),
        sn.Status.SECONDARY,
    )
    assert (second.value, second.status) == (883, sn.Status.CONFIRMED)


def test_teleservices_indicator_is_a_secondary_100_points() -> None:
    read = RULES.read("avenant9.indicator.teleservices.points")
    assert (read.value, read.status) == (100, sn.Status.SECONDARY)
