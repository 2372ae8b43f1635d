"""SUN-ES charts: rates against targets, the forfait by window (degression), from the rules."""

from __future__ import annotations

import datetime as dt

import pytest

import segur_numerique as sn
from segur_numerique.sun_es.plots import plot_degression

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

RULES = sn.illustrative_assumptions()


@pytest.fixture(autouse=True)
def _close_figures() -> object:
    yield
    plt.close("all")


def _simulation() -> sn.sun_es.Simulation:
    return sn.sun_es.simulate(sn.sun_es.sample_case().case, rules=RULES)


def test_volet_plot_shows_every_indicator_against_its_target() -> None:
    volet = _simulation().indicators
    assert volet is not None
    ax = volet.plot()
    names = [t.get_text() for t in ax.get_yticklabels()]
    expected = [
        r.indicator + (" (bonus)" if r.bonus else "")
        for d in volet.domains
        for r in d.required + d.bonus
    ]
    assert names == expected
    assert len(ax.collections) == len(expected)  # a target tick each
    assert any("illustratives" in t.get_text() for t in ax.texts)
    domain_ax = volet.domains[0].plot(lang="en")
    assert "rates and targets" in domain_ax.get_title()


def test_degression_plot_calls_the_forfait_rule() -> None:
    ax = plot_degression(activity=30_000, highlight="F2", rules=RULES, lang="en")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["F1", "F2", "F3", "F4"]
    expected = sn.sun_es.forfait(activity=30_000, domain="imaging", window="F3", rules=RULES)
    assert expected.at_stake.format("en") in [t.get_text() for t in ax.texts]
    assert any("not official" in t.get_text() for t in ax.texts)


def test_degression_needs_the_grid() -> None:
    with pytest.raises(sn.errors.MissingParameterError):
        plot_degression(activity=30_000, rules=sn.load_rules())


def test_log_rates_plot_places_the_window_targets() -> None:
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
    logs = sn.sun_es.indicators_from_logs(
        stays, documents, sn.sun_es.LogParameters.from_rules(RULES, "F1")
    )
    ax = logs.plot(targets=sn.sun_es.targets_from_rules(RULES))
    assert "750000001" in ax.get_title()
    assert len(ax.collections) == len(logs.establishments[0].counts)
    assert len(logs.plot(lang="en").collections) == 0  # no targets given: no ticks
    with pytest.raises(sn.errors.InvalidInputError, match="finess"):
        logs.plot(finess="nope")
