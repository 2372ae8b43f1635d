"""Funding-scaling computations: allocation, scaling, shares, pro rata temporis (rules digest, Ségur Numérique §1, §8 [docs: explanation/rules/segur])."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique import Euro, Period
from segur_numerique.catalogue.human_support import human_support_split
from segur_numerique.errors import AllocationError
from segur_numerique.funding_scaling.allocation import allocate, scale_to_envelope, split_by_shares
from segur_numerique.funding_scaling.pro_rata import pro_rata_temporis
from segur_numerique.funding_scaling.remainders import largest_remainder_cents
from segur_numerique.sun_es.volets import split_volets

ids = st.text(alphabet="abcdefghij", min_size=1, max_size=4)
weights = st.dictionaries(ids, st.integers(0, 10**6), min_size=1, max_size=12).filter(
    lambda w: sum(w.values()) > 0
)
envelopes = st.integers(0, 10**12).map(Euro.from_cents)


@given(envelopes, weights)
def test_allocation_sums_exactly_and_each_share_is_within_a_cent(
    envelope: Euro, w: dict[str, int]
) -> None:
    result = allocate(envelope, w)
    assert result.total == envelope
    total = sum(w.values())
    for share in result.shares:
        exact_cents = Fraction(envelope.cents * w[share.beneficiary], total)
        assert abs(share.amount.cents - exact_cents) < 1


@given(envelopes, weights)
def test_a_larger_weight_never_gets_less(envelope: Euro, w: dict[str, int]) -> None:
    amounts = allocate(envelope, w).amounts
    for a, wa in w.items():
        for b, wb in w.items():
            if wa > wb:
                assert amounts[a] >= amounts[b]


@given(envelopes, weights, st.randoms(use_true_random=False))
def test_order_of_beneficiaries_does_not_matter(
    envelope: Euro, w: dict[str, int], rnd: object
) -> None:
    items = list(w.items())
    rnd.shuffle(items)  # type: ignore[attr-defined]
    assert allocate(envelope, dict(items)).amounts == allocate(envelope, w).amounts


@given(envelopes, weights, st.data())
def test_caps_are_respected_and_redistributed(
    envelope: Euro, w: dict[str, int], data: st.DataObject
) -> None:
    caps = {
        k: Euro.from_cents(data.draw(st.integers(0, envelope.cents), label=f"cap {k}"))
        for k in w
        if data.draw(st.booleans(), label=f"capped {k}")
    }
    positive_uncapped = any(w[k] > 0 and k not in caps for k in w)
    reachable = sum(caps[k].cents for k in caps if w[k] > 0)
    if not positive_uncapped and reachable < envelope.cents:
        with pytest.raises(AllocationError) as info:
            allocate(envelope, w, caps=caps)
        assert info.value.where == "caps"
        return
    result = allocate(envelope, w, caps=caps)
    assert result.total == envelope
    for share in result.shares:
        if share.beneficiary in caps:
            assert share.amount <= caps[share.beneficiary]


def test_tie_break_is_documented_id_order() -> None:
    assert allocate(Euro("0.02"), {"b": 1, "a": 1, "c": 1}).amounts == {
        "a": Euro("0.01"),
        "b": Euro("0.01"),
        "c": Euro("0.00"),
    }


def test_cap_redistribution_worked_example() -> None:
    result = allocate(Euro("1000"), {"a": 1, "b": 1, "c": 2}, caps={"c": Euro("300")})
    assert result.amounts == {"a": Euro("350"), "b": Euro("350"), "c": Euro("300")}
    assert [s.capped for s in result.shares] == [False, False, True]
    assert "water-filling" in result.explanation.render("en")


@pytest.mark.parametrize(
    ("envelope", "w", "caps", "where"),
    [
        (Euro("-1"), {"a": 1}, None, "envelope"),
        (Euro("1"), {"a": -1}, None, "weights['a']"),
        (Euro("1"), {"a": 0, "b": 0}, None, "weights"),
        (Euro("1"), {}, None, "weights"),
        (Euro("10"), {"a": 1, "b": 1}, {"a": Euro("1"), "b": Euro("2")}, "caps"),
        (Euro("10"), {"a": 1}, {"z": Euro("1")}, "caps"),
        (Euro("10"), {"a": 1}, {"a": Euro("-1")}, "caps['a']"),
    ],
)
def test_bad_allocation_input_is_refused_with_where(
    envelope: Euro, w: dict[str, int], caps: dict[str, Euro] | None, where: str
) -> None:
    with pytest.raises(AllocationError) as info:
        allocate(envelope, w, caps=caps)
    assert info.value.where == where


def test_float_weight_is_refused() -> None:
    with pytest.raises(sn.errors.FloatRefusedError):
        allocate(Euro("1"), {"a": 0.5})  # type: ignore[dict-item]


def test_zero_envelope_with_zero_weights_is_fine() -> None:
    assert allocate(Euro("0"), {"a": 0}).amounts == {"a": Euro("0")}


def test_largest_remainder_refuses_inconsistent_shares() -> None:
    with pytest.raises(AllocationError):
        largest_remainder_cents(10, {"a": Fraction(3)}, {"a": Fraction(1)})


@given(
    st.dictionaries(ids, st.integers(0, 10**9).map(Euro.from_cents), min_size=1, max_size=10),
    envelopes,
)
def test_scaling_fits_the_envelope_and_never_exceeds_a_request(
    requests: dict[str, Euro], envelope: Euro
) -> None:
    result = scale_to_envelope(requests, envelope)
    requested = sum(r.cents for r in requests.values())
    if requested <= envelope.cents:
        assert result.amounts == dict(sorted(requests.items()))
        assert result.unallocated.cents == envelope.cents - requested
    else:
        assert result.total == envelope
    for k, amount in result.amounts.items():
        assert amount <= requests[k]


def test_split_by_shares_refuses_shares_not_summing_to_one() -> None:
    with pytest.raises(AllocationError, match="sum to 9/10") as info:
        split_by_shares(Euro("100"), {"a": Fraction(1, 2), "b": Fraction(2, 5)})
    assert info.value.where == "shares"


def test_sun_es_volet_split_without_envelope_gives_the_confirmed_envelopes() -> None:
    result = split_volets(rules=sn.load_rules())
    assert result.amounts == {"volet1": Euro.parse("158 M€"), "volet2": Euro.parse("52 M€")}
    assert result.total == Euro.parse("210 M€")
    keys = [p.key for p in result.explanation.parameters]
    assert keys == ["sun_es.volet1.envelope", "sun_es.volet2.envelope"]
    assert "confirmed envelopes read from the rules" in result.explanation.render("en")
    envelope = next(i for i in result.explanation.inputs if i.name == "envelope")
    assert (envelope.value, envelope.defaulted) == (None, True)


def test_sun_es_volet_split_of_a_given_envelope_uses_the_shares() -> None:
    result = split_volets(Euro.parse("210 M€"), rules=sn.load_rules())
    assert result.amounts == {"volet1": Euro.parse("157.5 M€"), "volet2": Euro.parse("52.5 M€")}
    keys = [p.key for p in result.explanation.parameters]
    assert keys == ["sun_es.volet_share.volet1", "sun_es.volet_share.volet2"]


def test_think_tank_two_thirds_add_up_exactly() -> None:
    result = human_support_split(Euro.parse("2 Md€"), rules=sn.load_rules())
    assert result.total == Euro.parse("2 Md€")
    assert result["human_support"] == Euro("1333333333.33")
    assert "proposal" in result.explanation.render("en")
    assert [p.key for p in result.explanation.parameters] == ["segur.human_support.share"]
    share = next(i for i in result.explanation.inputs if i.name == "share")
    assert (share.value, share.defaulted) == (Fraction(2, 3), True)


def test_a_given_human_support_share_overrides_the_rule_value() -> None:
    result = human_support_split(Euro("90"), Fraction(1, 3), rules=sn.load_rules())
    assert result.amounts == {"equipment": Euro("60"), "human_support": Euro("30")}
    assert result.explanation.parameters == ()
    share = next(i for i in result.explanation.inputs if i.name == "share")
    assert (share.value, share.defaulted) == (Fraction(1, 3), False)
    with pytest.raises(AllocationError, match="cannot exceed 1"):
        human_support_split(Euro("90"), Fraction(4, 3), rules=sn.load_rules())


def test_pro_rata_temporis_counts_days_exactly() -> None:
    year = Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    result = pro_rata_temporis(Euro("366"), Period(dt.date(2024, 2, 1), dt.date(2024, 2, 29)), year)
    assert (result.days, result.total_days, result.amount) == (29, 366, Euro("29"))
    outside = pro_rata_temporis(Euro("366"), Period(dt.date(2025, 1, 1), dt.date(2025, 2, 1)), year)
    assert outside.amount == Euro("0")


def test_allocation_json_and_render() -> None:
    result = allocate(Euro("100"), {"a": 1, "b": 2})
    assert result.shares[0].to_json()["amount"] == {"type": "euro", "value": "33.33"}
    assert result.to_json()["envelope"] == {"type": "euro", "value": "100.00"}
    assert "Répartition" in result.explanation.render("fr")
