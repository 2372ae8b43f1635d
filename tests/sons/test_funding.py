"""SONS ceilings, advance and balance, maintenance (rules digest, SONS §3 [docs: explanation/rules/sons])."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique import Euro, Period
from segur_numerique.errors import CeilingRangeError
from segur_numerique.sons.funding import ceiling, payments, ttc
from segur_numerique.sons.maintenance import maintenance

RULES = sn.load_rules()
ILLUSTRATIVE = sn.illustrative_assumptions()


def test_worked_example_875_ht_is_1050_ttc() -> None:
    c = ttc(Euro("875"), rules=RULES)
    assert c.ttc.amount == Euro("1050.00")
    assert c.ttc.format("fr") == "1\u202f050,00\u00a0€ TTC"


def test_known_ceilings() -> None:
    assert ceiling("loinc", rules=RULES).ht.amount == Euro("3500")
    assert ceiling("lgo", turnover=Euro("2500000"), rules=ILLUSTRATIVE).ttc.amount == Euro("1050")
    assert ceiling("sgl", sites=1, rules=ILLUSTRATIVE).ht.amount == Euro("22500")
    assert ceiling("sgl", sites=12, rules=ILLUSTRATIVE).ttc.amount == Euro("46278")


def test_band_limits_are_unknown_officially() -> None:
    with pytest.raises(sn.errors.MissingParameterError) as info:
        ceiling("lgo", turnover=Euro("1"), rules=RULES)
    assert info.value.key == "sons.ceiling.lgo.band_count"


def test_band_amount_outside_the_known_range_is_refused() -> None:
    text = (
        'format = "segur_numerique.rules/v1"\n[sources.s]\ntitle = "AF"\ndate = 2022-01-01\n'
        '[values."sons.ceiling.sgl.band.1.amount"]\nlabel = { fr = "x", en = "x" }\nunit = "EUR"\n'
        '[[values."sons.ceiling.sgl.band.1.amount".versions]]\nsince = 2021-01-01\n'
        'value = "50 000 €"\nstatus = "confirmed"\nsources = ["s"]\n'
    )
    rules = ILLUSTRATIVE.with_overlay(sn.parse_parameter_text(text, file="af.toml"))
    with pytest.raises(CeilingRangeError) as info:
        ceiling("sgl", sites=1, rules=rules)
    assert info.value.where == "sons.ceiling.sgl.band.1.amount"


@given(st.integers(0, 10**9).map(Euro.from_cents))
def test_advance_and_balance_add_up(amount: Euro) -> None:
    p = payments(amount, installation_certified_on=dt.date(2023, 1, 1), rules=RULES)
    assert p.advance + p.balance == amount
    assert not p.pending


def test_balance_is_70_percent_and_advance_inferred() -> None:
    p = payments(ttc(Euro("875"), rules=RULES), installation_certified_on=None, rules=RULES)
    assert (p.advance, p.balance, p.pending) == (Euro("315"), Euro("735"), True)
    text = p.explanation.render("en")
    assert "inferred" in text
    assert "sons.payment.balance_share" in text


def test_maintenance_at_most_six_years() -> None:
    m = maintenance(Period(dt.date(2022, 3, 1), dt.date(2030, 2, 28)), rules=RULES)
    assert m.funded == Period(dt.date(2022, 3, 1), dt.date(2028, 2, 29))
    short = maintenance(Period(dt.date(2022, 3, 1), dt.date(2023, 2, 28)), rules=RULES)
    assert short.unfunded_days == 0


def test_bad_input() -> None:
    with pytest.raises(sn.errors.InvalidInputError):
        ceiling("dpi", rules=RULES)
    with pytest.raises(sn.errors.InvalidInputError):
        ceiling("sgl", sites=0, rules=ILLUSTRATIVE)
    with pytest.raises(sn.errors.InvalidInputError):
        ceiling("lgo", sites=2, rules=ILLUSTRATIVE)
    with pytest.raises(sn.errors.InvalidInputError):
        ttc(Euro("-1"), rules=RULES)
