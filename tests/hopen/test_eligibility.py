"""Eligibility for HOP'EN, ESMS numérique, SONS and e-parcours (rules digest, SONS §3, HOP'EN §4, ESMS numérique §5, e-parcours §7 [docs: explanation/rules])."""

from __future__ import annotations

import pytest

import segur_numerique as sn


def hospital(**kw: object) -> sn.entities.Establishment:
    return sn.entities.Establishment("750712184", "750100042", "public", ["mco"], 100, **kw)  # type: ignore[arg-type]


# ------------------------------------------------------------------ HOP'EN


def test_hopen_all_four_prerequisites() -> None:
    verdict = sn.hopen.prerequisites_met(hospital(hopen_prerequisites=["P1", "P2", "P3", "P4"]))
    assert verdict.eligible
    assert [r.code for r in verdict.reasons] == [f"hopen.prerequisite.P{i}" for i in range(1, 5)]


def test_hopen_missing_prerequisites_are_reasons() -> None:
    verdict = sn.hopen.prerequisites_met(hospital(hopen_prerequisites=["P2"]))
    assert [r.code for r in verdict.failed] == [
        "hopen.prerequisite.P1", "hopen.prerequisite.P3", "hopen.prerequisite.P4",
    ]  # fmt: skip
    assert "Identités" in verdict.render("fr")


def test_hopen_unknown_prerequisite() -> None:
    with pytest.raises(sn.errors.UnknownChoiceError, match="P1, P2, P3, P4"):
        sn.hopen.prerequisites_met(hospital(hopen_prerequisites=["P5"]))
