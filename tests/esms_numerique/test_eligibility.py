"""Eligibility for HOP'EN, ESMS numérique, SONS and e-parcours (rules digest, SONS §3, HOP'EN §4, ESMS numérique §5, e-parcours §7 [docs: explanation/rules])."""

from __future__ import annotations

import pytest

import segur_numerique as sn


def hospital(**kw: object) -> sn.entities.Establishment:
    return sn.entities.Establishment("750712184", "750100042", "public", ["mco"], 100, **kw)  # type: ignore[arg-type]


# ------------------------------------------------------------------ ESMS numérique


def grappe(n: int, dep: str = "75", **kw: object) -> sn.entities.Grappe:
    esms = [sn.entities.Esms(f"{dep}{i:07d}", "500") for i in range(n)]
    return sn.entities.Grappe("g", esms, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("size", "dep", "eligible", "level"),
    [
        (14, "75", False, None),
        (15, "75", True, "regional"),
        (49, "75", True, "regional"),
        (50, "75", True, "national"),
        (7, "2A", False, None),
        (8, "2A", True, "regional"),
        (8, "97", True, "regional"),
        (14, "97", True, "regional"),
        (50, "2B", True, "national"),
    ],
)
def test_grappe_thresholds(size: int, dep: str, eligible: bool, level: str | None) -> None:
    verdict = sn.esms_numerique.grappe_eligibility(grappe(size, dep))
    assert verdict.eligible is eligible
    assert (verdict.level.value if verdict.level else None) == level


def test_grappe_declared_territory_overrides_finess() -> None:
    verdict = sn.esms_numerique.grappe_eligibility(grappe(8, "75", corse_or_outre_mer=True))
    assert verdict.eligible
    assert not sn.esms_numerique.grappe_eligibility(
        grappe(8, "2A", corse_or_outre_mer=False)
    ).eligible


def test_grappe_explains_thresholds() -> None:
    verdict = sn.esms_numerique.grappe_eligibility(grappe(10))
    keys = {p.key for p in verdict.explanation.all_parameters()}
    assert {"esms_numerique.grappe.min_size", "esms_numerique.grappe.national_min_size"} <= keys
    assert "minimum 15" in verdict.reasons[0].text.en
    assert verdict.to_json()["level"] is None
