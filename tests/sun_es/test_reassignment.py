"""The missed-deadline rule (rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es]; the ARS Occitanie SUN-ES FAQ): worked examples and properties."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.sun_es.reassignment import Route

D = dt.date


@pytest.mark.parametrize(
    ("chosen", "ready_on", "route", "expected"),
    [
        ("F1", D(2022, 6, 30), Route.STAYS, "F1"),  # on the deadline day: on time
        ("F1", D(2022, 7, 1), Route.NEXT_WINDOW, "F2"),  # a day late
        ("F1", D(2022, 12, 31), Route.NEXT_WINDOW, "F2"),
        (
            "F1",
            D(2023, 1, 1),
            Route.REAPPLY,
            "F3",
        ),  # F2 ends too early; F3 applications open in Sept 2022
        ("F1", D(2023, 7, 1), Route.REAPPLY, "F4"),
        ("F1", D(2024, 1, 1), Route.NONE, None),
        ("F2", D(2023, 6, 30), Route.NEXT_WINDOW, "F3"),
        ("F2", D(2023, 7, 1), Route.REAPPLY, "F4"),
        ("F3", D(2023, 12, 31), Route.NEXT_WINDOW, "F4"),
        ("F4", D(2024, 1, 1), Route.NONE, None),
        ("F4", D(2021, 9, 1), Route.STAYS, "F4"),  # ready early
    ],
)
def test_worked_examples(
    chosen: str, ready_on: dt.date, route: Route, expected: str | None
) -> None:
    result = sn.sun_es.reassign(chosen, ready_on)
    assert result.route is route
    assert (result.window.name if result.window else None) == expected
    assert result.forfait_window == result.window
    assert result.moved == (expected != chosen)


def test_reapply_needs_applications_open_after_the_missed_deadline() -> None:
    # F2 misses 31 Dec 2022; F3's applications closed on 31 Oct 2022, so it cannot re-apply there.
    result = sn.sun_es.reassign("F2", D(2023, 7, 1))
    assert result.window is not None
    assert result.window.name == "F4"
    steps = {c.title.en: c.result for c in result.explanation.children}
    assert steps == {"Window F2": False, "Window F3": False, "Window F4": True}


def test_idf_alternative_moves_the_f1_deadline() -> None:
    assert sn.sun_es.reassign("F1", D(2022, 9, 30), alternative="idf").route is Route.STAYS
    assert sn.sun_es.reassign("F1", D(2022, 9, 30)).route is Route.NEXT_WINDOW


def test_accepts_a_window_object() -> None:
    f2 = sn.calendars.window("F2")
    assert sn.sun_es.reassign(f2, D(2023, 1, 15)).window == sn.calendars.window("F3")


def test_explanation_cites_the_rule_and_the_forfait() -> None:
    result = sn.sun_es.reassign("F1", D(2022, 10, 1))
    text = result.explanation.render("fr")
    assert "forfait de la fenêtre F2" in text
    assert "sun_es.rule.missed_deadline" in text
    assert result.explanation.basis
    doc = result.to_json()
    assert doc["forfait_window"] == "F2"
    explained: Any = result.explanation.to_json()
    assert explained["root"]["result"] == "F2"


def test_ready_date_before_the_programme_is_refused() -> None:
    with pytest.raises(sn.errors.ReadyDateError) as info:
        sn.sun_es.reassign("F1", D(2021, 8, 31))
    assert info.value.where == "ready_on"


def test_unknown_window_is_refused() -> None:
    with pytest.raises(sn.errors.UnknownWindowError):
        sn.sun_es.reassign("F7", D(2022, 1, 1))


@given(st.sampled_from(["F1", "F2", "F3", "F4"]), st.dates(D(2021, 9, 1), D(2025, 12, 31)))
def test_result_deadline_is_on_or_after_the_ready_date(chosen: str, ready_on: dt.date) -> None:
    result = sn.sun_es.reassign(chosen, ready_on)
    if result.window is None:
        assert result.route is Route.NONE
        assert ready_on > max(w.deadline for w in sn.calendars.windows())
    else:
        assert result.window.deadline >= ready_on
        assert result.window.start >= sn.calendars.window(chosen).start
