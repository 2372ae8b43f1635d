"""What-if: overrides validated before use, immutable variants, comparison tables."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.rules.overrides import overridden_keys

TARGET = "sun_es.target.F1.discharge_letter"


def test_bare_value_replaces_every_version_and_is_marked() -> None:
    base = sn.load_rules()
    variant = sn.whatif.with_overrides(
        {"sun_es.envelope.total": "250 M€"}, name="big", accept_broken_sums=True, rules=base
    )
    assert variant.get("sun_es.envelope.total") == sn.Euro("250000000")
    assert base.get("sun_es.envelope.total") == sn.Euro("210000000")
    read = variant.read("sun_es.envelope.total")
    assert read.origin is sn.Origin.CALLER
    assert read.status is sn.Status.INFERRED
    assert "big" in read.render("fr")
    assert "what-if" in read.render("en")
    assert overridden_keys(variant) == ("sun_es.envelope.total",)
    assert overridden_keys(base) == ()


def test_dated_override_keeps_earlier_versions() -> None:
    base = sn.illustrative_assumptions()
    variant = sn.whatif.with_overrides({TARGET: {"2022-01-01": "70 %"}}, rules=base)
    first_since = base.value(TARGET).versions[0].since
    assert variant.get(TARGET, on=first_since) == base.get(TARGET, on=first_since)
    assert variant.get(TARGET, on=dt.date(2022, 1, 1)) == Fraction(7, 10)


def test_bounded_override_restores_the_base_value_after_the_period() -> None:
    base = sn.load_rules()
    variant = sn.whatif.with_overrides(
        {"sun_es.envelope.total": {"2022-01-01.2022-12-31": sn.Euro("1")}},
        accept_broken_sums=True,
        rules=base,
    )
    assert variant.get("sun_es.envelope.total", on=dt.date(2022, 6, 1)) == sn.Euro("1")
    assert variant.get("sun_es.envelope.total", on=dt.date(2023, 1, 1)) == base.get(
        "sun_es.envelope.total", on=dt.date(2023, 1, 1)
    )
    assert variant.read("sun_es.envelope.total", on=dt.date(2023, 1, 1)).origin is sn.Origin.SHIPPED


def test_override_supplies_an_unknown() -> None:
    variant = sn.whatif.with_overrides({TARGET: "3/5"}, rules=sn.load_rules())
    assert variant.get(TARGET, on=dt.date(2022, 1, 1)) == Fraction(3, 5)
    with pytest.raises(sn.errors.MissingParameterError):
        sn.load_rules().read(TARGET)


@pytest.mark.parametrize(
    ("overrides", "where", "what"),
    [
        ({"sun_es.envelope.totl": "1 €"}, 'overrides["sun_es.envelope.totl"]', "neither"),
        ({"sun_es.envelope.total": 1.5}, 'overrides["sun_es.envelope.total"]', "float"),
        ({"sun_es.envelope.total": "abc"}, 'overrides["sun_es.envelope.total"]', "unit EUR"),
        ({TARGET: "150 %"}, f'overrides["{TARGET}"]', "[0, 1]"),
        ({TARGET: Fraction(3, 2)}, f'overrides["{TARGET}"]', "[0, 1]"),
        ({TARGET: {"2022-13-01": "1/2"}}, f'overrides["{TARGET}"]["2022-13-01"]', "period key"),
        (
            {TARGET: {"2022-06-01.2022-01-01": "1/2"}},
            f'overrides["{TARGET}"]["2022-06-01.2022-01-01"]',
            "before it starts",
        ),
        (
            {TARGET: {"2022-01-01.2022-12-31": "1/2", "2022-06-01": "3/5"}},
            f'overrides["{TARGET}"]',
            "overlap",
        ),
        ({TARGET: {}}, f'overrides["{TARGET}"]', "no period"),
        (
            {"sun_es.target.F3.discharge_letter": {"2022-01-01.2022-12-31": "1/2"}},
            'overrides["sun_es.target.F3.discharge_letter"]["2022-01-01.2022-12-31"]',
            "open period",
        ),
    ],
)
def test_bad_overrides_are_refused_with_their_path(
    overrides: dict[str, object], where: str, what: str
) -> None:
    with pytest.raises(sn.errors.OverrideError) as info:
        sn.whatif.with_overrides(overrides, rules=sn.load_rules())
    assert info.value.where == where
    assert what in info.value.what


def test_nothing_is_built_when_one_override_is_bad() -> None:
    base = sn.load_rules()
    with pytest.raises(sn.errors.OverrideError):
        sn.whatif.with_overrides({"sun_es.envelope.total": "1 €", "nope.nope": "1 €"}, rules=base)
    assert base.get("sun_es.envelope.total") == sn.Euro("210000000")


def test_overrides_must_be_a_mapping() -> None:
    with pytest.raises(sn.errors.OverrideError):
        sn.whatif.parse_overrides(["x"], rules=sn.load_rules())  # type: ignore[arg-type]
    with pytest.raises(sn.errors.OverrideError):
        sn.whatif.with_overrides({}, name=" ", rules=sn.load_rules())


@given(
    start=st.dates(dt.date(2020, 1, 1), dt.date(2025, 12, 31)),
    days=st.integers(0, 800),
    probe=st.dates(dt.date(2019, 1, 1), dt.date(2028, 12, 31)),
)
def test_a_bounded_override_holds_exactly_on_its_period(
    start: dt.date, days: int, probe: dt.date
) -> None:
    base = sn.load_rules()
    end = start + dt.timedelta(days=days)
    key = "sun_es.envelope.total"
    first = base.value(key).versions[0].since
    if end + dt.timedelta(days=1) < first:  # nothing to come back to after the period
        with pytest.raises(sn.errors.OverrideError, match="open period"):
            sn.whatif.with_overrides(
                {key: {f"{start}.{end}": "1 €"}}, accept_broken_sums=True, rules=base
            )
        return
    variant = sn.whatif.with_overrides(
        {key: {f"{start}.{end}": "1 €"}}, accept_broken_sums=True, rules=base
    )
    if start <= probe <= end:
        assert variant.get(key, on=probe) == sn.Euro("1")
    elif probe >= first:
        assert variant.get(key, on=probe) == base.get(key, on=probe)


@given(cents=st.integers(min_value=0, max_value=10**12))
def test_any_amount_round_trips(cents: int) -> None:
    amount = sn.Euro.from_cents(cents)
    variant = sn.whatif.with_overrides(
        {"sun_es.envelope.total": amount}, accept_broken_sums=True, rules=sn.load_rules()
    )
    assert variant.get("sun_es.envelope.total") == amount


def _envelope_outcome(establishment: object, rules: sn.RuleSet) -> dict[str, object]:
    total = rules.get("sun_es.envelope.total")
    assert isinstance(total, sn.Euro)
    return {"envelope": total, "share": total.scale(Fraction(1, 3)), "label": "x"}


def test_compare_gives_a_table_of_differences() -> None:
    base = sn.load_rules()
    variant = sn.whatif.with_overrides(
        {"sun_es.envelope.total": "300 M€"}, accept_broken_sums=True, rules=base
    )
    table = sn.whatif.compare(base, variant, ["a", "b"], outcome=_envelope_outcome)
    assert len(table) == 6
    assert len(table.changes) == 4
    row = table.changes[0]
    assert row.delta == sn.Euro("90000000")
    assert "90\u202f000\u202f000,00\u00a0€" in table.render("fr")
    assert table.to_json()["format"] == "segur_numerique.comparison/v1"
    frame = table.to_frame("pandas")
    assert list(frame["delta_cents"])[:2] == [9_000_000_000, 3_000_000_000]
    pl = table.to_frame("polars")
    assert pl.shape == (6, 8)


@given(
    window=st.sampled_from(["F1", "F2", "F3", "F4"]),
    activity=st.integers(1, 200_000),
    coefficient=st.fractions(min_value=0, max_value=1, max_denominator=100),
)
def test_a_lower_degression_never_pays_more(
    window: str, activity: int, coefficient: Fraction
) -> None:
    rules = sn.illustrative_assumptions()
    sample = sn.sun_es.sample_case().case
    establishment = sn.entities.Establishment(
        sample.establishment.finess_juridique,
        sample.establishment.finess_geographique,
        "public",
        ["mco"],
        activity,
        sun_es_prerequisites=sample.establishment.sun_es_prerequisites,
    )
    case = sn.sun_es.SimulationCase(establishment, window)
    same = sn.whatif.compare(rules, rules, [case])
    assert same.changes == ()
    lower: dict[str, object] = {}
    for w in ("F1", "F2", "F3", "F4"):
        current = rules.get(f"sun_es.degression.{w}")
        assert isinstance(current, Fraction)
        lower[f"sun_es.degression.{w}"] = coefficient * current
    variant = sn.whatif.with_overrides(lower, name="lower", rules=rules)
    table = sn.whatif.compare(rules, variant, [case])
    total = next(r for r in table.rows if r.quantity == "total")
    assert isinstance(total.delta, sn.Euro)
    assert total.delta <= sn.Euro("0")


def test_override_source_says_it_has_no_document_date() -> None:
    variant = sn.whatif.with_overrides(
        {"sun_es.target.F1.discharge_letter": "70 %"},
        name="harder",
        rules=sn.illustrative_assumptions(),
    )
    source = variant.read("sun_es.target.F1.discharge_letter").sources[0]
    assert source.date_precision is sn.DatePrecision.NONE
    assert "no document date" in source.cite()
    assert source.to_json()["date_precision"] == "none"


def test_pandas_cents_are_nullable_integers_never_floats() -> None:
    rules = sn.illustrative_assumptions()
    variant = sn.whatif.with_overrides({"sun_es.degression.F2": "80 %"}, rules=rules)
    case = sn.sun_es.sample_case().case
    frame = sn.whatif.compare(rules, variant, [case]).to_frame("pandas")
    for name in ("baseline_cents", "variant_cents", "delta_cents"):
        assert str(frame[name].dtype) == "Int64"
    polars_frame = sn.whatif.compare(rules, variant, [case]).to_frame("polars")
    assert str(polars_frame.schema["delta_cents"]) == "Int64"
