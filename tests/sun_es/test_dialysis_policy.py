"""The cut of dialysis periods is a named policy chosen by the caller and shown in explanations."""

from __future__ import annotations

import datetime as dt

import pytest

import segur_numerique as sn
from segur_numerique.sun_es.dialysis import (
    DialysisPeriodPolicy,
    DialysisSession,
    dialysis_stays,
    rolling_periods,
)

D = dt.date

STRADDLING = [  # 10 and 20 April (calendar P1), 5 May (calendar P2): one rolling period
    DialysisSession("s1", "P", "E", D(2022, 4, 10)),
    DialysisSession("s2", "P", "E", D(2022, 4, 20)),
    DialysisSession("s3", "P", "E", D(2022, 5, 5)),
]


def test_the_policy_changes_the_count_on_sessions_straddling_two_calendar_periods() -> None:
    rules = sn.load_rules()
    fixed = dialysis_stays(STRADDLING, policy=DialysisPeriodPolicy.CALENDAR, rules=rules)
    rolling = dialysis_stays(STRADDLING, policy=DialysisPeriodPolicy.ROLLING, rules=rules)
    assert fixed.stays == ()
    assert [(g.period, g.sessions) for g in fixed.too_few] == [("2022-P1", 2), ("2022-P2", 1)]
    assert [(s.period, s.sessions, s.admission, s.discharge) for s in rolling.stays] == [
        ("R2022-04-10", 3, D(2022, 4, 10), D(2022, 5, 5))
    ]
    assert rolling.stays[0].stay_id == "DIA-E-P-R2022-04-10"


def test_rolling_periods_open_on_the_first_session_after_the_previous_period() -> None:
    days = [D(2022, 1, 31), D(2022, 5, 30), D(2022, 5, 31), D(2022, 9, 29), D(2022, 9, 30)]
    assert rolling_periods(days, 4) == {
        D(2022, 1, 31): "R2022-01-31",
        D(2022, 5, 30): "R2022-01-31",  # the period runs to 31 May, exclusive
        D(2022, 5, 31): "R2022-05-31",
        D(2022, 9, 29): "R2022-05-31",
        D(2022, 9, 30): "R2022-09-30",  # 31 May + 4 months, clamped to 30 September, exclusive
    }
    with pytest.raises(sn.errors.InvalidInputError, match="period_months"):
        rolling_periods(days, 0)


@pytest.mark.parametrize(
    ("policy", "fr", "en"),
    [
        (DialysisPeriodPolicy.CALENDAR, "périodes calendaires fixes", "fixed calendar"),
        (DialysisPeriodPolicy.ROLLING, "périodes glissantes", "rolling periods"),
    ],
)
def test_both_policies_are_explained_in_french_and_english(
    policy: DialysisPeriodPolicy, fr: str, en: str
) -> None:
    result = dialysis_stays(STRADDLING, policy=policy, rules=sn.load_rules())
    assert fr in result.explanation.render("fr")
    assert en in result.explanation.render("en")
    chosen = {i.name: i for i in result.explanation.inputs}["period_policy"]
    assert (chosen.value, chosen.defaulted) == (policy.value, False)
    assert f"period_policy = {policy.value}" in result.explanation.render("en")


def test_without_a_policy_the_calendar_cut_is_used_and_marked_defaulted() -> None:
    result = dialysis_stays(STRADDLING, rules=sn.load_rules())
    chosen = {i.name: i for i in result.explanation.inputs}["period_policy"]
    assert (chosen.value, chosen.defaulted) == ("calendar", True)
    assert "period_policy = calendar (valeur par défaut)" in result.explanation.render("fr")
    assert "period_policy = calendar (defaulted)" in result.explanation.render("en")
    root = result.explanation.to_json()["root"]
    assert isinstance(root, dict)
    assert {"name": "period_policy", "value": "calendar", "defaulted": True} in root["inputs"]


def test_a_policy_that_is_not_a_policy_is_refused() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="policy"):
        dialysis_stays(STRADDLING, policy="rolling", rules=sn.load_rules())  # type: ignore[arg-type]
