"""Rich HTML display for Jupyter: explanations, results, comparisons (escaped, bilingual)."""

from __future__ import annotations

import datetime as dt

import pytest

import segur_numerique as sn
from segur_numerique.core.display import comparison_html, explanation_html, result_html


def _simulation() -> sn.sun_es.Simulation:
    return sn.sun_es.simulate(sn.sun_es.sample_case().case, rules=sn.illustrative_assumptions())


def test_explanation_repr_html_is_collapsible_and_escaped() -> None:
    step = sn.Explanation(
        rule="demo<x>",
        title=sn.Text(fr="Titre <b>", en="Title <b>"),
        outcome=sn.Text(fr="ok & bien", en="ok & fine"),
    )
    html = step._repr_html_()
    assert "<details open>" in html
    assert "demo&lt;x&gt;" in html
    assert "Titre &lt;b&gt;" in html
    assert "ok &amp; bien" in explanation_html(step, "fr")
    assert "ok &amp; fine" in explanation_html(step, "en")


def test_simulation_html_shows_fields_and_illustrative_flags() -> None:
    sim = _simulation()
    html = sim._repr_html_()
    assert "<table>" in html
    assert "Simulation SUN-ES" in html
    assert "illustratif, non officiel" in html  # the status of the illustrative values
    assert "illustrative, not official" in result_html(sim, "en")


def test_results_of_other_modules_render() -> None:
    sim = _simulation()
    assert "EligibilityResult" in result_html(sim.eligibility[0])
    assert "Window" in result_html(sim.window, "en")  # its explanation is a method
    assert "VoletResult" in result_html(sim.indicators)


def test_comparison_html() -> None:
    base = sn.load_rules()
    variant = sn.whatif.with_overrides(
        {"sun_es.envelope.total": "1 €"}, accept_broken_sums=True, rules=base
    )
    table = sn.whatif.compare(
        base, variant, ["x"], outcome=lambda _e, r: {"total": r.get("sun_es.envelope.total")}
    )
    html = table._repr_html_()
    assert "<table>" in html
    assert "1,00\u00a0€" in html
    assert "delta" in comparison_html(table, "en")


RESULT_CLASSES = (
    "EligibilityResult",
    "calendar.Window",
    "sun_es.Reassignment",
    "sun_es.IndicatorResult",
    "sun_es.DomainResult",
    "sun_es.VoletResult",
    "sun_es.LogIndicators",
    "sun_es.Forfait",
    "funding_scaling.Allocation",
    "e_parcours.Forfait",
    "e_parcours.Payments",
    "sons.Ceiling",
    "sons.Payments",
    "avenant9.Amount",
)


@pytest.mark.parametrize("name", RESULT_CLASSES)
def test_every_result_type_displays_as_html_in_jupyter(name: str) -> None:
    obj: object = sn
    for part in name.split("."):
        obj = getattr(obj, part)
    assert callable(getattr(obj, "_repr_html_", None))


def test_results_render_html_with_their_explanation() -> None:
    shown = [
        sn.calendars.window("F1")._repr_html_(),
        sn.sun_es.reassign("F1", dt.date(2022, 10, 1))._repr_html_(),
        sn.funding_scaling.allocate(sn.Euro("100"), {"a": 1, "b": 1, "c": 1})._repr_html_(),
    ]
    for html in shown:
        assert html.startswith("<")
        assert "</" in html


def test_result_reprs_are_one_line_summaries() -> None:
    ceiling = sn.sons.ttc(sn.Euro("875"))
    assert repr(ceiling) == "Ceiling(ttc=€1,050.00 TTC, ht=€875.00 HT)"
    simulation = sn.sun_es.simulate(
        sn.sun_es.sample_case().case, rules=sn.illustrative_assumptions()
    )
    text = repr(simulation)
    assert "\n" not in text
    assert len(text) < 200
    assert text.startswith("Simulation(")
    assert "total=€319,500.00" in text
    assert text.endswith(", illustrative)")
