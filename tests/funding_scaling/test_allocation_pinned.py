"""Allocation pinned to the cent and to the word (issue 11: the survivors of a mutation run).

The tie-break of the largest remainder, multi-round water-filling, the exported exact shares,
every refusal in full with its ``where``, and the explanations shown to the user.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from segur_numerique import Euro
from segur_numerique.core.rounding import RoundingMode
from segur_numerique.core.text import Text
from segur_numerique.errors import AllocationError
from segur_numerique.funding_scaling.allocation import (
    Share,
    allocate,
    scale_to_envelope,
    split_by_shares,
)
from segur_numerique.funding_scaling.remainders import TIE_BREAK, largest_remainder_cents

TIE_EN = (
    "largest remainder; for equal remainders, the larger weight first, then the "
    "beneficiary id in increasing order"
)
TIE_FR = (
    "plus fort reste ; à reste égal, le poids le plus élevé d'abord, puis l'identifiant "
    "du bénéficiaire par ordre croissant"
)


def test_equal_remainders_go_to_the_larger_weight() -> None:
    # exact cents: a 0.5, b 1.5; one cent left, equal remainders: b (weight 3) gets it
    assert allocate(Euro("0.02"), {"a": 1, "b": 3}).amounts == {
        "a": Euro("0.00"),
        "b": Euro("0.02"),
    }
    assert allocate(Euro("0.02"), {"b": 3, "a": 1}).amounts == {
        "a": Euro("0.00"),
        "b": Euro("0.02"),
    }


def test_the_larger_remainder_wins_over_the_larger_weight() -> None:
    # exact cents: a 2/3, b 4/3; the left cent goes to a (remainder 2/3 > 1/3)
    assert allocate(Euro("0.02"), {"a": 1, "b": 2}).amounts == {
        "a": Euro("0.01"),
        "b": Euro("0.01"),
    }


def test_largest_remainder_cents_directly() -> None:
    exact = {"a": Fraction(1, 2), "b": Fraction(3, 2)}
    assert largest_remainder_cents(2, exact, {"a": Fraction(1), "b": Fraction(3)}) == {
        "a": 0,
        "b": 2,
    }
    # equal remainders and weights: the smaller id first
    exact = {"y": Fraction(1, 2), "x": Fraction(1, 2)}
    assert largest_remainder_cents(1, exact, {"x": Fraction(1), "y": Fraction(1)}) == {
        "y": 0,
        "x": 1,
    }
    # nothing left over: floors unchanged
    assert largest_remainder_cents(5, {"a": Fraction(5)}, {"a": Fraction(1)}) == {"a": 5}


def test_largest_remainder_refusal_in_full() -> None:
    with pytest.raises(AllocationError) as info:
        largest_remainder_cents(10, {"a": Fraction(3)}, {"a": Fraction(1)})
    assert info.value.what == "the exact shares do not add up to the total"
    assert info.value.where == "largest remainder"


def test_tie_break_text() -> None:
    assert Text(fr=TIE_FR, en=TIE_EN) == TIE_BREAK


def test_exact_shares_are_exported_in_euros() -> None:
    result = allocate(Euro("100"), {"a": 1, "b": 1, "c": 1})
    assert [s.exact for s in result.shares] == [Fraction(100, 3)] * 3
    assert result.shares[0] == Share("a", Fraction(1), Fraction(100, 3), Euro("33.34"))
    assert result.shares[0].to_json() == {
        "beneficiary": "a",
        "weight": {"type": "fraction", "value": "1/1"},
        "exact": {"type": "fraction", "value": "100/3"},
        "amount": {"type": "euro", "value": "33.34"},
        "cap": None,
        "capped": False,
    }


def test_water_filling_over_several_rounds() -> None:
    # round 1: 33.33 each, a over its cap; round 2: 45 each for b and c, b over; c gets the rest
    result = allocate(
        Euro("100"), {"a": 1, "b": 1, "c": 1}, caps={"a": Euro("10"), "b": Euro("40")}
    )
    assert result.amounts == {"a": Euro("10"), "b": Euro("40"), "c": Euro("50")}
    assert [(s.exact, s.cap, s.capped) for s in result.shares] == [
        (Fraction(10), Euro("10"), True),
        (Fraction(40), Euro("40"), True),
        (Fraction(50), None, False),
    ]
    assert result.explanation.outcome == Text(
        fr="100,00\u00a0€ répartis entre 3 bénéficiaires, 2 plafonnés",
        en="€100.00 shared among 3 beneficiaries, 2 capped",
    )
    caps = next(i for i in result.explanation.inputs if i.name == "caps")
    assert (caps.value, caps.defaulted) == (("a: €10.00", "b: €40.00"), False)
    assert result.explanation.assumptions[1].en == (
        "Caps are applied by water-filling: what they leave is shared again "
        "pro rata among the other beneficiaries."
    )
    assert result.explanation.assumptions[1].fr.startswith("Les plafonds sont appliqués")


def test_a_cap_that_does_not_bind_is_not_capped() -> None:
    result = allocate(Euro("10"), {"a": 1, "b": 1}, caps={"a": Euro("5"), "b": Euro("9")})
    assert [(s.amount, s.capped) for s in result.shares] == [
        (Euro("5"), False),
        (Euro("5"), False),
    ]


def test_weights_may_be_euros_and_decimals() -> None:
    result = allocate(Euro("90"), {"a": Euro("10"), "b": Euro("20")})
    assert result.amounts == {"a": Euro("30"), "b": Euro("60")}
    assert [s.weight for s in result.shares] == [Fraction(10), Fraction(20)]
    assert allocate(Euro("1"), {"a": Decimal("0.25"), "b": Decimal("0.75")}).amounts == {
        "a": Euro("0.25"),
        "b": Euro("0.75"),
    }


@pytest.mark.parametrize(
    ("call", "where", "what"),
    [
        (lambda: allocate(100, {"a": 1}), "envelope", "expected a Euro amount, got int"),  # type: ignore[arg-type]
        (lambda: allocate(Euro("-1"), {"a": 1}), "envelope", "cannot be negative, got -€1.00"),
        (lambda: allocate(Euro("1"), {}), "weights", "at least one beneficiary is required"),
        (lambda: allocate(Euro("1"), [1]), "weights", "at least one beneficiary is required"),  # type: ignore[arg-type]
        (
            lambda: allocate(Euro("1"), {"": 1}),
            "weights",
            "a beneficiary id must be a non-empty string, got ''",
        ),
        (
            lambda: allocate(Euro("1"), {1: 1}),  # type: ignore[dict-item]
            "weights",
            "a beneficiary id must be a non-empty string, got 1",
        ),
        (
            lambda: allocate(Euro("1"), {"a": -2}),
            "weights['a']",
            "a weight cannot be negative, got -2",
        ),
        (
            lambda: allocate(Euro("1"), {"a": 0, "b": 0}),
            "weights",
            "all weights are zero: the envelope cannot be shared pro rata",
        ),
        (
            lambda: allocate(Euro("10"), {"a": 1}, caps={"z": Euro("1")}),
            "caps",
            "a cap is given for 'z', who has no weight",
        ),
        (
            lambda: allocate(Euro("10"), {"a": 1}, caps={"a": Euro("-1")}),
            "caps['a']",
            "cannot be negative, got -€1.00",
        ),
        (
            lambda: allocate(Euro("10"), {"a": 1, "b": 1}, caps={"a": Euro("1"), "b": Euro("2")}),
            "caps",
            "the caps cannot absorb the envelope: every beneficiary with a positive weight is "
            "at its cap and €7.00 is left",
        ),
        (
            lambda: scale_to_envelope({"a": Euro("1")}, 100),  # type: ignore[arg-type]
            "envelope",
            "expected a Euro amount, got int",
        ),
        (
            # the envelope is checked before the requests
            lambda: scale_to_envelope({"a": Euro("-1")}, Euro("-2")),
            "envelope",
            "cannot be negative, got -€2.00",
        ),
        (lambda: scale_to_envelope({}, Euro("1")), "requests", "at least one request is required"),
        (
            lambda: scale_to_envelope({"": Euro("1")}, Euro("1")),
            "requests",
            "a beneficiary id must be a non-empty string, got ''",
        ),
        (
            lambda: scale_to_envelope({"a": Euro("-1")}, Euro("1")),
            "requests['a']",
            "cannot be negative, got -€1.00",
        ),
        (
            lambda: scale_to_envelope({"a": Euro("1")}, Euro("-1")),
            "envelope",
            "cannot be negative, got -€1.00",
        ),
        (lambda: split_by_shares(Euro("1"), {}), "shares", "at least one share is required"),
        (
            lambda: split_by_shares(Euro("1"), {"": 1}),
            "shares",
            "a beneficiary id must be a non-empty string, got ''",
        ),
        (
            lambda: split_by_shares(Euro("1"), {"a": Fraction(-1), "b": 2}),
            "shares['a']",
            "a weight cannot be negative, got -1",
        ),
        (
            lambda: split_by_shares(Euro("1"), {"a": Fraction(1, 2), "b": Fraction(2, 5)}),
            "shares",
            "the shares must sum to 1, they sum to 9/10",
        ),
    ],
)
def test_refusals_in_full(call: object, where: str, what: str) -> None:
    with pytest.raises(AllocationError) as info:
        call()  # type: ignore[operator]
    assert (info.value.where, info.value.what) == (where, what)
    assert str(info.value) == f"{where}: {what}"


def test_allocation_lookup_total_and_json() -> None:
    result = allocate(Euro("1"), {"b": 1, "a": 3})
    assert result["a"] == Euro("0.75")
    assert result["b"] == Euro("0.25")
    with pytest.raises(KeyError):
        result["z"]
    assert result.total == Euro("1")
    assert [s.beneficiary for s in result.shares] == ["a", "b"]
    data: Any = result.to_json()
    assert data["envelope"] == {"type": "euro", "value": "1.00"}
    assert data["factor"] is None
    assert data["unallocated"] == {"type": "euro", "value": "0.00"}
    assert [s["beneficiary"] for s in data["shares"]] == ["a", "b"]
    assert data["explanation"] == result.explanation.to_json()


def test_allocation_explanation_in_full() -> None:
    result = allocate(Euro("100"), {"a": 1, "b": 1, "c": 1}, weight_name="activity")
    e = result.explanation
    assert e.rule == "funding.allocate"
    assert e.title == Text(
        fr="Répartition d'une enveloppe au prorata", en="Pro rata allocation of an envelope"
    )
    assert e.outcome == Text(
        fr="100,00\u00a0€ répartis entre 3 bénéficiaires, 0 plafonnés",
        en="€100.00 shared among 3 beneficiaries, 0 capped",
    )
    assert e.result == Euro("100")
    assert [(i.name, i.value, i.defaulted) for i in e.inputs] == [
        ("envelope", Euro("100"), False),
        ("activitys", ("a: 1", "b: 1", "c: 1"), False),
        ("caps", None, True),
    ]
    assert [
        (r.what.en, r.what.fr, r.exact, r.rounded, r.policy.mode, r.policy.step) for r in e.rounding
    ] == [
        (
            "share of a (whole cents, plus 1 cent by largest remainder)",
            "part de a (centimes entiers, plus 1 centime au plus fort reste)",
            Fraction(100, 3),
            Fraction(3334, 100),
            RoundingMode.UP,
            Fraction(1, 100),
        ),
        (
            "share of b (whole cents)",
            "part de b (centimes entiers)",
            Fraction(100, 3),
            Fraction(3333, 100),
            RoundingMode.DOWN,
            Fraction(1, 100),
        ),
        (
            "share of c (whole cents)",
            "part de c (centimes entiers)",
            Fraction(100, 3),
            Fraction(3333, 100),
            RoundingMode.DOWN,
            Fraction(1, 100),
        ),
    ]
    assert e.rounding[0].policy.basis == Text(
        fr="résumé des règles, Ségur Numérique §8 [docs : explanation/rules/segur] : "
        "une répartition doit tomber juste ; " + TIE_FR,
        en="rules digest, Ségur Numérique §8 [docs: explanation/rules/segur]: "
        "an allocation must add up exactly; " + TIE_EN,
    )
    assert e.rounding[1].policy.basis == e.rounding[0].policy.basis
    assert e.assumptions == (Text(fr=f"Arrondi : {TIE_FR}.", en=f"Rounding: {TIE_EN}."),)


def test_whole_cent_shares_have_no_rounding_step() -> None:
    assert allocate(Euro("1"), {"a": 1, "b": 3}).explanation.rounding == ()


def test_requests_that_fit_are_paid_in_full() -> None:
    result = scale_to_envelope({"b": Euro("10"), "a": Euro("30")}, Euro("50"))
    assert result.shares == (
        Share("a", Fraction(30), Fraction(30), Euro("30"), Euro("30"), False),
        Share("b", Fraction(10), Fraction(10), Euro("10"), Euro("10"), False),
    )
    assert (result.factor, result.unallocated, result.envelope) == (
        Fraction(1),
        Euro("10"),
        Euro("50"),
    )
    e = result.explanation
    assert e.rule == "funding.scale_to_envelope"
    assert e.title == Text(
        fr="Réduction des demandes à l'enveloppe", en="Scaling requests to an envelope"
    )
    assert e.outcome == Text(
        fr="Les demandes (40,00\u00a0€) tiennent dans l'enveloppe : servies en entier, "
        "10,00\u00a0€ non alloués",
        en="The requests (€40.00) fit the envelope: paid in full, €10.00 unallocated",
    )
    assert e.result == Euro("40")
    assert [(i.name, i.value) for i in e.inputs] == [
        ("envelope", Euro("50")),
        ("requests", ("a: €30.00", "b: €10.00")),
    ]


def test_requests_exactly_equal_to_the_envelope_are_paid_in_full() -> None:
    result = scale_to_envelope({"a": Euro("30"), "b": Euro("20")}, Euro("50"))
    assert (result.factor, result.unallocated) == (Fraction(1), Euro("0"))
    assert result.amounts == {"a": Euro("30"), "b": Euro("20")}


def test_requests_scaled_down() -> None:
    result = scale_to_envelope({"a": Euro("300"), "b": Euro("100")}, Euro("200"))
    assert result.amounts == {"a": Euro("150"), "b": Euro("50")}
    assert (result.factor, result.unallocated) == (Fraction(1, 2), Euro("0"))
    e = result.explanation
    assert e.rule == "funding.scale_to_envelope"
    assert e.title == Text(
        fr="Réduction des demandes à l'enveloppe", en="Scaling requests to an envelope"
    )
    assert e.outcome == Text(
        fr="Demandes (400,00\u00a0€) réduites au prorata par un facteur 1/2 pour tenir dans 200,00\u00a0€",
        en="Requests (€400.00) scaled pro rata by a factor 1/2 to fit €200.00",
    )
    assert [i.name for i in e.inputs] == ["envelope", "requests", "caps"]


def test_split_by_shares_explanation() -> None:
    extra = Text(fr="Hypothèse.", en="Assumption.")
    result = split_by_shares(
        Euro("1"), {"a": Fraction(1, 3), "b": Fraction(2, 3)}, assumptions=(extra,)
    )
    assert result.amounts == {"a": Euro("0.33"), "b": Euro("0.67")}
    e = result.explanation
    assert e.rule == "funding.split_by_shares"
    assert e.title == Text(
        fr="Partage d'une enveloppe par parts", en="Splitting an envelope by shares"
    )
    assert e.assumptions == (Text(fr=f"Arrondi : {TIE_FR}.", en=f"Rounding: {TIE_EN}."), extra)
    assert [i.name for i in e.inputs][1] == "shares"
