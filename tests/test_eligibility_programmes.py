"""Eligibility for HOP'EN, ESMS numérique, SONS and e-parcours (rules digest, SONS §3, HOP'EN §4, ESMS numérique §5, e-parcours §7 [docs: explanation/rules])."""

from __future__ import annotations

import datetime as dt

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
