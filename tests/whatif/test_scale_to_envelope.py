"""Scaling a national simulation to an envelope is a what-if with a policy the caller names."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest

from segur_numerique.core.money import Euro
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.parameters import illustrative_assumptions
from segur_numerique.sun_es.national import national_simulation
from segur_numerique.sun_es.synthetic import synthetic_establishments
from segur_numerique.whatif import Comparison, Difference, scale_to_envelope

RULES = illustrative_assumptions()


def test_scaled_rows_add_up_to_the_envelope_and_name_the_policy() -> None:
    result = national_simulation(synthetic_establishments(200, rules=RULES), rules=RULES)
    national = result.envelopes[0]
    smaller = Euro.from_cents(national.simulated.cents // 3 + 7)
    scaled = scale_to_envelope(result, smaller, policy="pro_rata_largest_remainder")
    assert scaled.scaled
    column = scaled.table["scaled_total_cents"]
    assert column.sum() == smaller.cents
    assert (column <= scaled.table["total_cents"]).all()
    text = scaled.explanation.render("en")
    assert "pro_rata_largest_remainder" in text
    assert "chosen by the caller" in text


def test_an_envelope_that_fits_changes_nothing_and_regions_scale_alone() -> None:
    result = national_simulation(
        synthetic_establishments(100, rules=RULES).to_pandas(), rules=RULES
    )
    fits = scale_to_envelope(result, result.envelopes[0], policy="pro_rata_largest_remainder")
    assert not fits.scaled  # 100 establishments fit in 158 M€
    assert isinstance(fits.table, pd.DataFrame)
    assert str(fits.table["scaled_total_cents"].dtype) == "Int64"
    assert fits.table["scaled_total_cents"].tolist() == fits.table["total_cents"].tolist()
    region = next(g for g in result.envelopes[1:] if g.simulated.cents > 0)
    tight = Euro.from_cents(region.simulated.cents // 2)
    one = scale_to_envelope(result, Euro.from_cents(0), policy="pro_rata_largest_remainder")
    assert one.table["scaled_total_cents"].sum() == 0
    scaled = scale_to_envelope(result, region, policy="pro_rata_largest_remainder")
    outside = scaled.table[scaled.table["region"] != region.scope]["scaled_total_cents"]
    assert (outside == 0).all()
    assert tight.cents <= region.simulated.cents


def test_no_default_policy() -> None:
    result = national_simulation(synthetic_establishments(5, rules=RULES), rules=RULES)
    with pytest.raises(InvalidInputError, match="none is official"):
        scale_to_envelope(result, Euro("1"), policy="proportional")


def test_compare_frame_never_goes_through_float() -> None:
    big = Euro.from_cents(2**60 + 1)
    table = Comparison(
        (Difference("a", "x", big, big, Euro.zero()), Difference("a", "w", "F1", "F2"))
    )
    frame = table.to_frame("pandas")
    assert str(frame["baseline_cents"].dtype) == "Int64"
    assert frame["baseline_cents"].tolist()[0] == 2**60 + 1  # float64 would round it
    assert frame["delta_cents"].isna().tolist() == [False, True]
    assert pl.from_pandas(frame)["baseline_cents"].dtype == pl.Int64
    assert table.to_frame("polars")["variant_cents"].to_list() == [2**60 + 1, None]
