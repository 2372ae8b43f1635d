"""Amount parsing: every accepted form round-trips, every other string is refused, none misread.

The reference parser below is written from the specification in ``Euro.parse``'s docstring, not
from the implementation: it lists every reading a number admits under each accepted form and
accepts the text only when there is exactly one. The implementation must agree with it on every
string (refuse where it finds zero or two readings, give the same value where it finds one).
"""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from segur_numerique import CENT_HALF_UP, Euro, Price, TaxBasis
from segur_numerique.errors import AmountFormatError, InvalidInputError

SPACES = " \u00a0\u202f\u2009"  # normal, no-break, narrow no-break (and thin) spaces
S = f"[{SPACES}]"
MULTIPLIERS = {"k": 10**3, "K": 10**3, "M": 10**6, "Md": 10**9, "Mds": 10**9}
MULTIPLIERS |= {"Mrd": 10**9, "Mrds": 10**9}
# (pattern of the integer part, decimal mark), each one accepted form of the number
NUMBER_FORMS = [
    (r"[0-9]+", "."),  # plain, dot decimal: 1234.56
    (r"[0-9]+", ","),  # plain, comma decimal: 1234,56
    (rf"[1-9][0-9]{{0,2}}(?:{S}[0-9]{{3}})+", ","),  # 1 234,56
    (rf"[1-9][0-9]{{0,2}}(?:{S}[0-9]{{3}})+", "."),  # 1 234.56
    (r"[1-9][0-9]{0,2}(?:,[0-9]{3})+", "."),  # 1,234.56
    (r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+", ","),  # 1.234,56
]


def readings(number: str) -> set[Fraction]:
    """Every value ``number`` can mean under one of the accepted forms."""
    found = set()
    for integer, mark in NUMBER_FORMS:
        m = re.fullmatch(rf"({integer})(?:{re.escape(mark)}([0-9]+))?", number)
        if m:
            digits = re.sub(r"[^0-9]", "", m[1])
            fraction = m[2] or ""
            found.add(Fraction(int(digits + fraction), 10 ** len(fraction)))
    return found


def reference(text: str) -> tuple[Fraction, str | None] | None:
    """(value in euros, tax basis) as the specification reads ``text``, or None if refused."""
    n = rf"[0-9](?:[0-9.,{SPACES}]*[0-9.,])?"
    m = re.fullmatch(
        rf"\s*(?P<sign>[-−+]?)\s*(?:€\s*(?P<a>{n})|(?P<b>{n})\s*(?P<mult>[A-Za-z]+)?\s*"
        rf"(?:€|EUR|euro|euros))\s*(?P<tax>HT|TTC)?\s*",
        text,
    )
    if m is None or (m["mult"] and m["mult"] not in MULTIPLIERS):
        return None
    values = readings(m["a"] or m["b"])
    if len(values) != 1:
        return None
    value = values.pop() * MULTIPLIERS.get(m["mult"] or "", 1)
    if (value * 100).denominator != 1:
        return None
    return (-value if m["sign"] in "-−" and m["sign"] else value), m["tax"]


def assert_refusal_says_what_and_where(exc: InvalidInputError, text: str) -> None:
    assert exc.where == "amount"
    assert exc.what
    assert repr(text) in exc.what
    assert str(exc) == f"amount: {exc.what}"


def check_against_reference(text: str) -> None:
    expected = reference(text)
    try:
        got = Euro.parse(text)
    except AmountFormatError as exc:
        assert_refusal_says_what_and_where(exc, text)
        assert expected is None or expected[1] is not None, f"{text!r} refused, means {expected}"
        return
    assert expected is not None, f"{text!r} misread as {got!r}"
    assert expected[1] is None
    assert got.value == expected[0], f"{text!r} read as {got!r}, means {expected[0]}"


def grouped(whole: int, mark: str) -> str:
    return f"{whole:,}".replace(",", mark)


def forms(cents: int) -> list[str]:
    """The amount ``cents`` written in every accepted form (two decimals, so never ambiguous)."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    dec = f"{rest:02d}"
    written = [
        Euro.from_cents(cents).format("fr"),
        Euro.from_cents(cents).format("en"),
        f"{sign}{whole},{dec} €",
        f"{sign}{whole}.{dec} EUR",
        f"{sign}{whole},{dec} euros",
        f"−{whole},{dec}€" if cents < 0 else f"+{whole},{dec}€",
        f"{sign}{grouped(whole, '.')},{dec} €",
        f"{sign}{grouped(whole, ',')}.{dec} €",
        f"{sign}€{grouped(whole, ',')}.{dec}",
        f"{sign}€ {grouped(whole, ' ')},{dec}",
        f"  {sign}{grouped(whole, ' ')}.{dec}\u00a0€ ",
    ]
    written += [f"{sign}{grouped(whole, s)},{dec}{s}€" for s in SPACES[1:]]
    if rest == 0 and (whole < 1000 or whole >= 10**6):
        written += [f"{sign}{whole} €", f"{sign}{grouped(whole, ',')} €"]
        written += [f"{sign}{grouped(whole, '.')} €", f"{sign}{grouped(whole, ' ')} €"]
    return written


cents = st.integers(min_value=-(10**14), max_value=10**14)


@given(cents)
@example(0)
@example(-1)
@example(100_000)
@example(123_456_789)
def test_every_accepted_form_round_trips(c: int) -> None:
    amount = Euro.from_cents(c)
    for text in forms(c):
        assert Euro.parse(text) == amount, text
        assert reference(text) == (amount.value, None), text
    assert Euro(amount.to_json()) == amount
    assert Euro(str(amount.decimal)) == amount


@given(cents, st.sampled_from(["fr", "en"]), st.sampled_from(list(TaxBasis)))
def test_format_parse_round_trip_both_languages(c: int, lang: str, basis: TaxBasis) -> None:
    amount = Euro.from_cents(c)
    assert Euro.parse(amount.format(lang)) == amount  # type: ignore[arg-type]
    price = Price(amount, basis)
    assert Price.parse(price.format(lang)) == price  # type: ignore[arg-type]


@settings(max_examples=300)
@given(st.text(max_size=20))
def test_random_text_is_refused_or_read_as_the_specification_says(text: str) -> None:
    check_against_reference(text)


near_miss_number = st.text(alphabet="0123456789.,  \u00a0\u202f", min_size=1, max_size=12)
near_miss = st.builds(
    lambda sign, prefix, number, suffix: f"{sign}{prefix}{number}{suffix}",
    st.sampled_from(["", "-", "−", "+", " - "]),
    st.sampled_from(["", "", "€", "€ "]),
    near_miss_number,
    st.sampled_from(["", " €", "€", " EUR", " euros", " k€", " M€", " Md€", " kg€", " € HT"]),
)


@settings(max_examples=600)
@given(near_miss)
@example("1.500 €")
@example("1,500 €")
@example("1,234,5 €")
@example("0,500 €")
@example("1 234,567 €")
def test_near_miss_strings_are_refused_or_read_as_the_specification_says(text: str) -> None:
    check_against_reference(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1.500 €", "1.500"),
        ("1,500 €", "1,500"),
        ("1,234 €", "1,234"),
        ("-12.345 €", "12.345"),
        ("€999,999", "999,999"),
        ("1,500 k€", "1,500"),
        ("2.000 M€", "2.000"),
    ],
)
def test_ambiguous_separator_is_refused_and_named(text: str, number: str) -> None:
    with pytest.raises(AmountFormatError) as caught:
        Euro.parse(text)
    assert_refusal_says_what_and_where(caught.value, text)
    what = caught.value.what
    mark = "," if "," in number else "."
    assert f"is ambiguous: the {mark!r} in {number!r} followed by three digits" in what
    assert f"thousands separator ({number.replace(mark, '')})" in what
    assert f"decimal mark ({number.replace(mark, '.')})" in what
    assert "accepted forms: '1234,56 €', '1 234,56 €'" in what
    assert "'1.234,56 €', '€1,234.56', '1,234.56 €', '1234.56 EUR', '158 M€', '1,4 Md€'" in what


@pytest.mark.parametrize("text", ["1.500", "1,500", "-1.234", "+100.000", " 12.345 "])
def test_constructor_refuses_ambiguous_text(text: str) -> None:
    with pytest.raises(AmountFormatError) as caught:
        Euro(text)
    assert_refusal_says_what_and_where(caught.value, text)
    assert "is ambiguous" in caught.value.what
    assert "Euro() reads '1500' or '1.50'" in caught.value.what


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.125", None),
        ("0.500", "0.50"),
        ("1.5000", "1.50"),
        ("1234.567", None),
        ("1000.000", "1000.00"),
        (" -12.5 ", "-12.50"),
        ("+7", "7.00"),
        ("007.10", "7.10"),
    ],
)
def test_constructor_plain_numbers(text: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(AmountFormatError, match="is not exact to the cent; round it with"):
            Euro(text)
    else:
        assert repr(Euro(text)) == f"Euro('{expected}')"


@pytest.mark.parametrize(
    "text", ["1,5", "1 234", "1e5", "1_000", ".5", "5.", "NaN", "Infinity", "١٢", "", "€5", "--1"]
)
def test_constructor_refuses_other_notations(text: str) -> None:
    with pytest.raises(AmountFormatError) as caught:
        Euro(text)
    assert_refusal_says_what_and_where(caught.value, text)
    assert "as a plain number such as '1234.56' or '-12.5'; use Euro.parse" in caught.value.what


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("1 23 €", "misplaced grouping in"),
        ("1,2.5 €", "misplaced grouping in"),
        ("0.123.456 €", "misplaced grouping in"),
        ("1, €", "cannot read the number in"),
        ("1 234,5,6 €", "cannot read the number in"),
        ("12", "as a euro amount; accepted forms:"),
        ("1.2 kg€", "as a euro amount; accepted forms:"),
        ("0,001 €", "is not exact to the cent; name a rounding"),
    ],
)
def test_refusals_say_what_and_where(text: str, kind: str) -> None:
    with pytest.raises(AmountFormatError) as caught:
        Euro.parse(text)
    assert_refusal_says_what_and_where(caught.value, text)
    assert kind in caught.value.what


def test_rounding_is_named_for_more_than_two_decimals() -> None:
    assert Euro.parse("0,125 €", rounding=CENT_HALF_UP) == Euro("0.13")
    assert Euro.parse("-1 234,565 €", rounding=CENT_HALF_UP) == Euro("-1234.57")
    assert Euro.parse("1 234,567 €", rounding=CENT_HALF_UP) == Euro("1234.57")
    assert Euro.parse("1,2345 k€") == Euro("1234.50")
    assert Price.parse("0,125 € HT", rounding=CENT_HALF_UP) == Price(Euro("0.13"), TaxBasis.HT)
    with pytest.raises(AmountFormatError, match="ambiguous"):
        Euro.parse("1,234 €", rounding=CENT_HALF_UP)


def test_tax_basis_and_non_strings() -> None:
    with pytest.raises(AmountFormatError) as caught:
        Euro.parse("€1,050.00 TTC")
    assert (
        caught.value.what
        == "'€1,050.00 TTC' says TTC; read it with Price.parse to keep the tax basis"
    )
    with pytest.raises(AmountFormatError) as caught:
        Price.parse("1 050,00 €")
    assert caught.value.what == "'1 050,00 €' says neither HT nor TTC"
    assert caught.value.where == "amount"
    with pytest.raises(InvalidInputError) as error:
        Euro.parse(12)  # type: ignore[arg-type]
    assert (error.value.what, error.value.where) == ("expected a string, got int", "amount")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 k€", "2000"),
        ("2 K€", "2000"),
        ("2 M€", "2000000"),
        ("2 Md€", "2000000000"),
        ("2 Mds€", "2000000000"),
        ("2 Mrd €", "2000000000"),
        ("2 Mrds EUR", "2000000000"),
        ("2,5 euro", "2.5"),
        ("2,5euros", "2.5"),
        ("1\u2009234,5 €", "1234.5"),
    ],
)
def test_multipliers_and_currency_words(text: str, expected: str) -> None:
    assert Euro.parse(text) == Euro(expected)


FORMS = (
    "accepted forms: '1234,56 €', '1 234,56 €' (normal, no-break or narrow no-break spaces), "
    "'1.234,56 €', '€1,234.56', '1,234.56 €', '1234.56 EUR', '158 M€', '1,4 Md€'"
)


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("1 23 €", "misplaced grouping in '1 23 €'; " + FORMS),
        ("1,2 €x", "cannot read '1,2 €x' as a euro amount; " + FORMS),
        ("1 234,5,6 €", "cannot read the number in '1 234,5,6 €'; " + FORMS),
        (
            "0,001 €",
            "'0,001 €' is not exact to the cent; name a rounding, e.g. "
            "Euro.parse(text, rounding=CENT_HALF_UP)",
        ),
        (
            "-1.500 M€",
            "'-1.500 M€' is ambiguous: the '.' in '1.500' followed by three digits may be a "
            "thousands separator (1500) or a decimal mark (1.500); group thousands with spaces "
            "('1 500 €') or write two decimals; " + FORMS,
        ),
    ],
)
def test_parse_messages_in_full(text: str, what: str) -> None:
    with pytest.raises(AmountFormatError) as caught:
        Euro.parse(text)
    assert (caught.value.what, caught.value.where) == (what, "amount")


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (
            "-1.234",
            "'-1.234' is ambiguous: the '.' in '1.234' followed by three digits may be a "
            "thousands separator (1234) or a decimal mark (1.234); Euro() reads '1500' or "
            "'1.50'; use Euro.parse for notations like '1 500 €'",
        ),
        (
            "1,5",
            "cannot read '1,5' as a plain number such as '1234.56' or '-12.5'; use Euro.parse "
            "for notations like '1 234,56 €'",
        ),
    ],
)
def test_constructor_messages_in_full(text: str, what: str) -> None:
    with pytest.raises(AmountFormatError) as caught:
        Euro(text)
    assert (caught.value.what, caught.value.where) == (what, "amount")
