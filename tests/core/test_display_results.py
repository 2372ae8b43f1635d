"""Every result type has a designed display: headline, badges, warning, tables, a short repr.

One instance of each result type of the library (built through the public API), then the same
checks on all: the Jupyter HTML names the type and shows the headline (the amount or verdict,
the window when there is one), the status badges of the rule values read, the illustrative
warning exactly when an illustrative value was read, the explanation folded in ``<details>``;
``repr`` is one line of fewer than 200 characters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

import segur_numerique as sn
from segur_numerique.core.display import result_html, summary_repr
from segur_numerique.core.headline import illustrative_keys, value_badges

ILLUSTRATIVE = sn.illustrative_assumptions()
OFFICIAL = sn.load_rules()


def _simulation() -> sn.sun_es.Simulation:
    return sn.sun_es.simulate(sn.sun_es.sample_case().case, rules=ILLUSTRATIVE)


def _logs() -> sn.sun_es.LogIndicators:
    day = dt.date(2022, 3, 1)
    stays = [
        {
            "stay_id": "S1",
            "finess": "750000001",
            "activity": "MCO",
            "admission": day,
            "discharge": day,
        }
    ]
    documents = [
        {
            "document_id": "D1",
            "stay_id": "S1",
            "type": "discharge_letter",
            "produced": day,
            "sent": day,
            "ins_status": "qualified",
        }
    ]
    parameters = sn.sun_es.LogParameters.from_rules(ILLUSTRATIVE, "F1")
    return sn.sun_es.indicators_from_logs(stays, documents, parameters)


def _scenario() -> sn.kit.ScenarioResult:
    first = sorted(sn.kit.shipped_scenarios().glob("*.toml"))[0]
    scenario = sn.kit.load_scenarios(first)[0]
    return sn.kit.run_scenario(scenario)


BUILDERS: dict[str, Callable[[], object]] = {
    "Simulation": _simulation,
    "EligibilityResult": lambda: _simulation().eligibility[0],
    "Window": lambda: sn.calendars.window("F1"),
    "Reassignment": lambda: sn.sun_es.reassign("F1", dt.date(2022, 10, 1)),
    "VoletResult": lambda: _simulation().indicators,
    "DomainResult": lambda: _simulation().indicators.domains[0],  # type: ignore[union-attr]
    "IndicatorResult": lambda: _simulation().indicators.domains[0].required[0],  # type: ignore[union-attr]
    "LogIndicators": _logs,
    "sun_es.Forfait": lambda: _simulation().forfaits[0],
    "Allocation": lambda: sn.funding_scaling.allocate(sn.Euro("100"), {"a": 1, "b": 2}),
    "e_parcours.Forfait": lambda: sn.e_parcours.forfait(
        "dac",
        population=450_000,
        scaling=sn.e_parcours.BassinScaling("per_full_bassin"),
        rules=OFFICIAL,
    ),
    "e_parcours.Payments": lambda: sn.e_parcours.payments(
        sn.Euro("100000"), start=dt.date(2022, 1, 1), targets_reached_on=None, rules=OFFICIAL
    ),
    "Ceiling": lambda: sn.sons.ttc(sn.Euro("875")),
    "sons.Payments": lambda: sn.sons.payments(
        sn.Euro("1000"), installation_certified_on=None, rules=OFFICIAL
    ),
    "Amount": lambda: sn.avenant9.points(100, rules=OFFICIAL),
    "AmorcageFunding": lambda: sn.esms_numerique.amorcage_funding("new_dui", 12, rules=OFFICIAL),
    "NationalGrappeFunding": lambda: sn.esms_numerique.national_grappe_funding(
        80, vendor_segur_referenced=True, regional_total=sn.Euro("50000"), rules=OFFICIAL
    ),
    "ScenarioResult": _scenario,
    "ComputationResult": lambda: sn.kit.compute("sons.ttc", {"amount_ht": "875 €"}),
    "avenant9.IndicatorResult": lambda: sn.avenant9.evaluate_indicator(
        "dmp", 21, 100, rules=OFFICIAL
    ),
    "VsmResult": lambda: sn.avenant9.evaluate_vsm(45, 50, rules=OFFICIAL),
    "ComputedDeadline": lambda: sn.e_parcours.usage_deadline(dt.date(2022, 3, 15), rules=OFFICIAL),
    "DaysLeft": lambda: sn.calendar.days_left(
        "sons.vague1.deadline.lgc_orders", dt.date(2022, 11, 1)
    ),
    "OnTimeCheck": lambda: sn.calendar.is_on_time(
        "sons.vague1.deadline.lgc_orders", dt.date(2022, 12, 1)
    ),
    "ProRata": lambda: sn.funding_scaling.pro_rata_temporis(
        sn.Euro("365"),
        sn.Period(dt.date(2022, 7, 1), dt.date(2023, 3, 1)),
        sn.Period(dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    ),
    "Maintenance": lambda: sn.sons.maintenance(
        sn.Period(dt.date(2022, 1, 1), dt.date(2029, 12, 31)), rules=OFFICIAL
    ),
    "DialysisStays": lambda: sn.sun_es.dialysis_stays(
        [
            sn.sun_es.DialysisSession("s1", "P1", "010000001", dt.date(2022, 1, 3)),
            sn.sun_es.DialysisSession("s2", "P1", "010000001", dt.date(2022, 2, 7)),
        ],
        policy=sn.sun_es.DialysisPeriodPolicy.CALENDAR,
        rules=OFFICIAL,
    ),
    "EstablishmentIndicators": lambda: _logs().establishments[0],
    "TargetTrendCheck": lambda: sn.sun_es.check_targets_rise(
        sn.sun_es.targets_from_rules(ILLUSTRATIVE)
    ),
}


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def result(request: pytest.FixtureRequest) -> object:
    return BUILDERS[request.param]()


def test_repr_is_one_short_line(result: object) -> None:
    text = repr(result)
    assert "\n" not in text
    assert len(text) < 200, text
    assert text.startswith(type(result).__name__ + "(")
    assert text == summary_repr(result)


def test_html_has_headline_badges_and_folded_explanation(result: object) -> None:
    html = result._repr_html_()  # type: ignore[attr-defined]
    head = result._headline()  # type: ignore[attr-defined]
    assert f"<span class='sn-type'>{type(result).__name__}</span>" in html
    assert head.title.fr.replace("'", "&#x27;") in html
    assert head.title.en.replace("'", "&#x27;") in result_html(result, "en")
    if head.window is not None:
        assert f"fenêtre {head.window}" in html
    if head.verdict is not None:
        assert "sn-ok" in html if head.verdict else "sn-ko" in html
    for kind in value_badges(result):
        assert f"sn-badge sn-b-{kind}" in html
    assert "<details class='sn-expl'><summary>Explication</summary>" in html
    assert "<script" not in html  # self-contained: inline CSS, no script


def test_illustrative_warning_exactly_when_an_illustrative_value_was_read(result: object) -> None:
    html = result._repr_html_()  # type: ignore[attr-defined]
    keys = illustrative_keys(result)
    assert ("class='sn-warn'" in html) == bool(keys)
    assert ("illustrative" in repr(result)) == bool(keys)
    if keys:
        assert "Résultat illustratif, non officiel" in html
        assert "Illustrative result, not official" in result_html(result, "en")
        assert all(key in html for key in keys)


def test_simulation_display_is_designed() -> None:
    sim = _simulation()
    html = sim._repr_html_()
    assert "Simulation SUN-ES" in html
    assert "319\u202f500,00\u00a0€" in html  # the total, as the headline amount
    assert "fenêtre F2" in html
    assert "<caption>Domaines</caption>" in html
    assert "illustratif, non officiel ×12" in html
    assert "SimulationCase(establishment=" not in html
    assert len(repr(sim)) < 200
    assert set(illustrative_keys(sim)) == set(sim.illustrative_keys)


def test_official_result_shows_confirmed_badge_and_no_warning() -> None:
    ceiling = sn.sons.ttc(sn.Euro("875"))
    html = ceiling._repr_html_()
    assert "officiel (confirmé) ×1" in html
    assert "class='sn-warn'" not in html
    assert repr(ceiling) == "Ceiling(ttc=€1,050.00 TTC, ht=€875.00 HT)"


def test_caller_supplied_values_get_their_badge() -> None:
    rules = sn.whatif.with_overrides({"sons.vat_rate": "20 %"}, rules=OFFICIAL)
    ceiling = sn.sons.ttc(sn.Euro("875"), rules=rules)
    assert value_badges(ceiling) == {"caller": ["sons.vat_rate"]}  # an override is the caller's
    assert "fourni par l&#x27;utilisateur ×1" in ceiling._repr_html_()


def test_long_tables_say_how_many_rows_are_shown() -> None:
    weights = {f"b{i:03d}": 1 for i in range(120)}
    html = sn.funding_scaling.allocate(sn.Euro("1200"), weights)._repr_html_()
    assert "50 lignes affichées sur 120" in html
