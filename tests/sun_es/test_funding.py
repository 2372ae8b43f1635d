"""SUN-ES forfaits: grid, degression, reassignment, all-or-nothing, CRO bonus (rules digest, SUN-ES §2.4 [docs: explanation/rules/sun-es])."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique import Euro
from segur_numerique.errors import DegressionError, ForfaitGridError
from segur_numerique.sun_es import Domain
from segur_numerique.sun_es.funding import DomainPayment, forfait
from segur_numerique.sun_es.grid import SUN_ES_WINDOWS, ForfaitGrid

RULES = sn.illustrative_assumptions()
DOMAINS = [
    Domain.DISCHARGE_DOCUMENTS,
    Domain.BIOLOGY,
    Domain.IMAGING,
    Domain.MESSAGING,
]


@st.composite
def grids(draw: st.DrawFn) -> ForfaitGrid:
    n = draw(st.integers(1, 5))
    bounds = sorted(draw(st.sets(st.integers(0, 10**6), min_size=n, max_size=n)))
    amounts = {
        "imaging": tuple(draw(st.lists(st.integers(0, 10**9), min_size=n, max_size=n))),
    }
    coefficients = sorted(
        (draw(st.fractions(0, 1, max_denominator=1000)) for _ in SUN_ES_WINDOWS), reverse=True
    )
    return ForfaitGrid(
        tuple(bounds), amounts, dict(zip(SUN_ES_WINDOWS, coefficients, strict=False))
    )


@given(grids(), st.integers(0, 2 * 10**6))
def test_a_later_window_is_never_higher(grid: ForfaitGrid, activity: int) -> None:
    if activity < grid.activity_from[0]:
        return
    values = [grid.forfait_cents(activity, Domain.IMAGING, w) for w in SUN_ES_WINDOWS]
    assert values == sorted(values, reverse=True)


@given(
    st.sampled_from(DOMAINS),
    st.integers(0, 300_000),
    st.integers(0, 3),
    st.integers(1, 3),
    st.booleans(),
)
def test_a_reassigned_establishment_never_gets_more_than_on_time(
    domain: Domain, activity: int, chosen: int, later: int, cro: bool
) -> None:
    cro = cro and domain is Domain.DISCHARGE_DOCUMENTS
    on_time = forfait(
        activity=activity, domain=domain, window=SUN_ES_WINDOWS[chosen], cro_bonus=cro, rules=RULES
    )
    if chosen + later > 3:
        return
    moved = forfait(
        activity=activity,
        domain=domain,
        window=SUN_ES_WINDOWS[chosen],
        reassigned_to=SUN_ES_WINDOWS[chosen + later],
        cro_bonus=cro,
        rules=RULES,
    )
    assert moved.amount <= on_time.amount
    assert moved.window == SUN_ES_WINDOWS[chosen + later]
    assert "Missed deadline" in moved.explanation.render("en")


def test_worked_example_with_the_illustrative_grid() -> None:
    f1 = forfait(activity=25_000, domain="volet1.discharge_documents", window="F1", rules=RULES)
    f4 = forfait(activity=25_000, domain="volet1.discharge_documents", window="F4", rules=RULES)
    assert (f1.amount, f4.amount, f1.band) == (Euro("250000"), Euro("175000"), 2)
    text = f1.explanation.render("en")
    assert "illustrative, not official" in text
    assert "payment = all_or_nothing (defaulted)" in text


def test_all_or_nothing_is_switchable() -> None:
    met = {"discharge_letter": True, "prescription": False}
    aon = forfait(
        activity=0,
        domain=Domain.DISCHARGE_DOCUMENTS,
        window="F1",
        indicators_met=met,
        rules=RULES,
    )
    per = forfait(
        activity=0,
        domain=Domain.DISCHARGE_DOCUMENTS,
        window="F1",
        indicators_met=met,
        payment=DomainPayment.PER_INDICATOR,
        rules=RULES,
    )
    assert aon.amount == Euro("0")
    assert aon.at_stake == Euro("100000")
    assert per.amount == Euro("50000")
    assert "all or nothing" in aon.explanation.render("en")
    assert "pro rata of the indicators met" in per.explanation.render("en")


def test_cro_bonus() -> None:
    f = forfait(
        activity=200_000,
        domain=Domain.DISCHARGE_DOCUMENTS,
        window="F2",
        cro_bonus=True,
        rules=RULES,
    )
    assert (f.paid, f.cro_bonus, f.amount) == (Euro("450000"), Euro("45000"), Euro("495000"))
    with pytest.raises(sn.errors.InvalidInputError, match="CRO"):
        forfait(activity=1, domain=Domain.IMAGING, window="F1", cro_bonus=True, rules=RULES)


def test_missing_grid_names_the_parameter() -> None:
    with pytest.raises(sn.errors.MissingParameterError) as info:
        forfait(activity=1, domain=Domain.IMAGING, window="F1", rules=sn.load_rules())
    assert info.value.key == "sun_es.forfait_grid.band_count"


def _overlay(text: str) -> sn.RuleSet:
    head = 'format = "segur_numerique.rules/v1"\n[sources.s]\ntitle = "guide"\ndate = 2022-01-01\n'
    return RULES.with_overlay(sn.parse_parameter_text(head + text, file="mine.toml"))


def test_rising_degression_is_refused() -> None:
    rules = _overlay(
        '[values."sun_es.degression.F3"]\nlabel = { fr = "x", en = "x" }\nunit = "ratio"\n'
        '[[values."sun_es.degression.F3".versions]]\nsince = 2021-09-01\nvalue = "95 %"\n'
        'status = "confirmed"\nsources = ["s"]\n'
    )
    with pytest.raises(DegressionError) as info:
        forfait(activity=1, domain=Domain.IMAGING, window="F1", rules=rules)
    assert info.value.where == "sun_es.degression.F3"


def test_bad_input() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="window"):
        forfait(activity=1, domain=Domain.IMAGING, window="F9", rules=RULES)
    with pytest.raises(sn.errors.InvalidInputError, match="later window"):
        forfait(activity=1, domain=Domain.IMAGING, window="F2", reassigned_to="F1", rules=RULES)
    with pytest.raises(sn.errors.InvalidInputError, match="starts from window F1"):
        forfait(
            activity=1,
            domain=Domain.IMAGING,
            window="F2",
            reassigned_to=sn.sun_es.reassign("F1", dt.date(2023, 3, 1)),
            rules=RULES,
        )
    with pytest.raises(sn.errors.InvalidInputError, match="activity"):
        forfait(activity=-1, domain=Domain.IMAGING, window="F1", rules=RULES)
    with pytest.raises(sn.errors.InvalidInputError):
        forfait(activity=1, domain="volet1.nothing", window="F1", rules=RULES)
    with pytest.raises(ForfaitGridError):
        ForfaitGrid((10, 5), {}, {"F1": Fraction(1)})
    with pytest.raises(ForfaitGridError, match="below the first band"):
        ForfaitGrid((10,), {}, {"F1": Fraction(1)}).band(3)


def test_batch_table_matches_the_one_by_one_path() -> None:
    grid = ForfaitGrid.from_rules(RULES, domains=DOMAINS)
    activities = [0, 19_999, 20_000, 99_999, 100_000, 10**7]
    for domain in DOMAINS:
        for window in SUN_ES_WINDOWS:
            column = grid.forfait_cents_column(activities, domain, window)
            one_by_one = [
                forfait(
                    activity=a, domain=domain, window=window, grid=grid, rules=RULES
                ).amount.cents
                for a in activities
            ]
            assert column == one_by_one


def test_reassignment_from_reassign() -> None:
    moved = sn.sun_es.reassign("F1", dt.date(2023, 3, 1))
    f = forfait(
        activity=25_000, domain=Domain.IMAGING, window="F1", reassigned_to=moved, rules=RULES
    )
    assert (f.window, f.amount) == ("F3", Euro("64000"))
    assert f.explanation.children[0].rule == moved.explanation.rule
    stays = sn.sun_es.reassign("F1", dt.date(2022, 6, 1))
    same = forfait(activity=1, domain="imaging", window="F1", reassigned_to=stays, rules=RULES)
    assert same.window == "F1"
    with pytest.raises(sn.errors.InvalidInputError, match="no window"):
        forfait(
            activity=1,
            domain="imaging",
            window="F4",
            reassigned_to=sn.sun_es.reassign("F4", dt.date(2024, 6, 1)),
            rules=RULES,
        )


def test_reassignment_object_with_a_window_attribute() -> None:
    class Moved:
        new_window = "F3"

    f = forfait(activity=1, domain=Domain.IMAGING, window="F1", reassigned_to=Moved(), rules=RULES)
    assert f.window == "F3"
    assert f.to_json()["chosen_window"] == "F1"


@st.composite
def grids_with_rows(draw: st.DrawFn) -> ForfaitGrid:
    n = draw(st.integers(1, 4))
    bounds = sorted(draw(st.sets(st.integers(0, 10**6), min_size=n, max_size=n)))
    rows = {
        row: tuple(draw(st.lists(st.integers(0, 10**9), min_size=n, max_size=n)))
        for row in ("discharge_documents", "imaging", "cro_bonus")
    }
    coefficients = sorted(
        (draw(st.fractions(0, 1, max_denominator=10_000)) for _ in SUN_ES_WINDOWS), reverse=True
    )
    return ForfaitGrid(tuple(bounds), rows, dict(zip(SUN_ES_WINDOWS, coefficients, strict=True)))


@given(
    grids_with_rows(),
    st.integers(0, 2 * 10**6),
    st.integers(0, 3),
    st.integers(0, 3),
    st.booleans(),
)
def test_reassigned_never_more_than_on_time_for_any_valid_grid(
    grid: ForfaitGrid, activity: int, chosen: int, new: int, cro: bool
) -> None:
    if activity < grid.activity_from[0] or new < chosen:
        return
    domain = Domain.DISCHARGE_DOCUMENTS if cro else Domain.IMAGING
    window = SUN_ES_WINDOWS[chosen]
    on_time = forfait(
        activity=activity, domain=domain, window=window, cro_bonus=cro, grid=grid, rules=RULES
    )
    moved = forfait(
        activity=activity,
        domain=domain,
        window=window,
        cro_bonus=cro,
        grid=grid,
        reassigned_to=SUN_ES_WINDOWS[new],
        rules=RULES,
    )
    assert moved.amount <= on_time.amount


def test_indicators_not_given_are_shown_as_defaulted() -> None:
    at_stake = forfait(activity=25_000, domain="imaging", window="F1", rules=RULES)
    given = {i.name: i for i in at_stake.explanation.inputs}["indicators_met"]
    assert (given.value, given.defaulted) == (None, True)
    assert "targets assumed reached" in at_stake.explanation.outcome.en
    met = forfait(
        activity=25_000,
        domain="imaging",
        window="F1",
        indicators_met={"imaging": True},
        rules=RULES,
    )
    assert not {i.name: i for i in met.explanation.inputs}["indicators_met"].defaulted
