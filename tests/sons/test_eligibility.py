"""Eligibility for HOP'EN, ESMS numérique, SONS and e-parcours (rules digest, SONS §3, HOP'EN §4, ESMS numérique §5, e-parcours §7 [docs: explanation/rules])."""

from __future__ import annotations

import datetime as dt

import pytest

import segur_numerique as sn


def hospital(**kw: object) -> sn.entities.Establishment:
    return sn.entities.Establishment("750712184", "750100042", "public", ["mco"], 100, **kw)  # type: ignore[arg-type]


# ------------------------------------------------------------------ SONS

DPI = sn.entities.ReferencedSolution(
    "DPI X", "hopital", "HOP-DPI-VA1", "1.2", dt.date(2022, 5, 1), True
)


def test_sons_120_days_boundary() -> None:
    complete = dt.date(2022, 5, 1)
    at_limit = sn.sons.Order("750100042", "HOP-DPI-VA1", complete - dt.timedelta(days=120))
    one_more = sn.sons.Order("750100042", "HOP-DPI-VA1", complete - dt.timedelta(days=121))
    after = sn.sons.Order("750100042", "HOP-DPI-VA1", complete + dt.timedelta(days=30))
    assert sn.sons.order_eligibility(at_limit, DPI).eligible
    assert sn.sons.order_eligibility(after, DPI).eligible
    verdict = sn.sons.order_eligibility(one_more, DPI)
    assert [r.code for r in verdict.failed] == ["sons.order_timing"]
    assert "121 days" in verdict.failed[0].text.en


def test_sons_one_prestation_per_client_per_dispositif() -> None:
    order = sn.sons.Order("750100042", "HOP-DPI-VA1", dt.date(2022, 6, 1))
    verdict = sn.sons.order_eligibility(order, DPI, funded_orders=[order])
    assert [r.code for r in verdict.failed] == ["sons.one_prestation_per_client"]
    other_client = sn.sons.Order("920000650", "HOP-DPI-VA1", dt.date(2022, 6, 1))
    assert sn.sons.order_eligibility(order, DPI, funded_orders=[other_client]).eligible


def test_sons_referenced_solution_required() -> None:
    pending = sn.entities.ReferencedSolution("DPI Y", "hopital", "HOP-DPI-VA1", "1.2", None, False)
    order = sn.sons.Order("750100042", "HOP-DPI-VA1", dt.date(2022, 6, 1))
    verdict = sn.sons.order_eligibility(order, pending)
    assert {r.code for r in verdict.failed} == {"sons.referenced_solution", "sons.order_timing"}
    wrong = sn.sons.Order("750100042", "HOP-PFI-VA1", dt.date(2022, 6, 1))
    assert [r.code for r in sn.sons.order_eligibility(wrong, DPI).failed] == [
        "sons.referenced_solution"
    ]


def test_sons_bad_input() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="date"):
        sn.sons.Order("750100042", "HOP-DPI-VA1", "2022-06-01")  # type: ignore[arg-type]
    with pytest.raises(sn.errors.InvalidInputError):
        sn.sons.order_eligibility("order", DPI)  # type: ignore[arg-type]
