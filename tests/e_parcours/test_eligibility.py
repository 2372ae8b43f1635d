"""Eligibility for HOP'EN, ESMS numérique, SONS and e-parcours (rules digest, SONS §3, HOP'EN §4, ESMS numérique §5, e-parcours §7 [docs: explanation/rules])."""

from __future__ import annotations

import datetime as dt

import pytest

import segur_numerique as sn


def hospital(**kw: object) -> sn.entities.Establishment:
    return sn.entities.Establishment("750712184", "750100042", "public", ["mco"], 100, **kw)  # type: ignore[arg-type]


# ------------------------------------------------------------------ e-parcours


@pytest.mark.parametrize(
    ("kind", "day", "eligible"),
    [
        ("dac", dt.date(2020, 12, 31), True),
        ("dac", dt.date(2021, 1, 1), False),
        ("collectif", dt.date(2021, 12, 31), True),
        ("collectif", dt.date(2022, 1, 1), False),
    ],
)
def test_e_parcours_deadlines(kind: str, day: dt.date, eligible: bool) -> None:
    verdict = sn.e_parcours.project_eligibility(sn.e_parcours.Project("projet", kind, day))
    assert verdict.eligible is eligible
    read = verdict.explanation.all_parameters()[0]
    assert (
        read.key
        == {
            "dac": "e_parcours.deadline.dac_submission",
            "collectif": "e_parcours.deadline.collectifs_submission",
        }[kind]
    )
    assert read.sources


def test_e_parcours_unknown_kind() -> None:
    with pytest.raises(sn.errors.UnknownChoiceError, match="dac, collectif"):
        sn.e_parcours.Project("p", "cpts", dt.date(2020, 1, 1))
