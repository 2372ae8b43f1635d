"""The national simulation over a table equals sun_es.simulate on each establishment, to the cent."""

from __future__ import annotations

from typing import Any

import dask.dataframe as dd
import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segur_numerique.errors import BatchInputError, MissingParameterError
from segur_numerique.funding_scaling.batch import _frame
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.parameters import illustrative_assumptions
from segur_numerique.sun_es.batch import _row_establishment
from segur_numerique.sun_es.cases import SimulationCase
from segur_numerique.sun_es.evaluation import IndicatorCounts
from segur_numerique.sun_es.national import national_simulation
from segur_numerique.sun_es.national_steps import INDICATORS
from segur_numerique.sun_es.prerequisites import prerequisite_checklist
from segur_numerique.sun_es.simulation import simulate
from segur_numerique.sun_es.synthetic import synthetic_establishments

RULES = illustrative_assumptions()
IDS = prerequisite_checklist(rules=RULES).ids


def _one_by_one(table: pl.DataFrame, row: int) -> Any:
    frame = _frame(table)
    values = table.row(row, named=True)
    counts = tuple(
        IndicatorCounts(i, values[f"{i}_numerator"], values[f"{i}_denominator"])
        for i in INDICATORS
        if f"{i}_numerator" in values and values[f"{i}_numerator"] is not None
    )
    case = SimulationCase(
        _row_establishment(frame, row, IDS),
        values["window"],
        counts=counts,
        ready_on=values["ready_on"],
    )
    return simulate(case, rules=RULES)


def _check(table: pl.DataFrame) -> None:
    result = national_simulation(table, rules=RULES)
    out = result.table
    assert isinstance(out, pl.DataFrame)
    position = 0
    total = 0
    for row in range(table.shape[0]):
        sim = _one_by_one(table, row)
        forfaits = iter(sim.forfaits)
        for outcome in sim.domains:
            got = out.row(position, named=True)
            position += 1
            assert got["finess_geographique"] == table["finess_geographique"][row]
            assert got["domain"] == outcome.domain
            assert got["effective_window"] == sim.effective_window
            assert got["eligible"] == outcome.eligible
            assert got["met"] == outcome.met
            at_stake = paid = bonus = 0
            if outcome.eligible and sim.effective_window is not None:
                one = next(forfaits)
                at_stake, paid = one.at_stake.cents, one.paid.cents
                bonus = outcome.cro_bonus.cents if outcome.cro_bonus is not None else 0
            assert (
                got["forfait_at_stake_cents"],
                got["forfait_paid_cents"],
                got["cro_bonus_cents"],
            ) == (
                at_stake,
                paid,
                bonus,
            )
        total += sim.total.cents
    assert position == out.shape[0]
    assert result.envelopes[0].simulated.cents == total


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 25),
    st.integers(0, 2**32 - 1),
    st.booleans(),
    st.lists(
        st.tuples(st.integers(0, 24), st.sampled_from(INDICATORS), st.integers(0, 3)), max_size=10
    ),
)
def test_table_equals_simulate_row_by_row(
    rows: int, seed: int, counts: bool, edits: list[tuple[int, str, int]]
) -> None:
    table = synthetic_establishments(rows, seed=seed, counts=counts, rules=RULES)
    if counts:  # edge cases: nothing counted, exactly a typical target, none or all qualifying
        for row, indicator, kind in edits:
            if row >= rows:
                continue
            den = table[f"{indicator}_denominator"][row]
            num = {0: 0, 1: den, 2: (den * 3) // 4, 3: 0}[kind]
            den = 0 if kind == 3 else den
            table = table.with_columns(
                pl.when(pl.int_range(pl.len()) == row)
                .then(num)
                .otherwise(pl.col(f"{indicator}_numerator"))
                .alias(f"{indicator}_numerator"),
                pl.when(pl.int_range(pl.len()) == row)
                .then(den)
                .otherwise(pl.col(f"{indicator}_denominator"))
                .alias(f"{indicator}_denominator"),
            )
    _check(table)


def test_dtypes_on_every_backend() -> None:
    table = synthetic_establishments(40, rules=RULES)
    for native in (table, table.to_pandas(), table.to_arrow()):
        out = national_simulation(native, rules=RULES).table
        if isinstance(out, pd.DataFrame):
            assert {str(out[c].dtype) for c in ("forfait_paid_cents", "total_cents")} == {"Int64"}
            assert str(out["met"].dtype) == "boolean"
        elif isinstance(out, pl.DataFrame):
            assert out.schema["total_cents"] == pl.Int64
        else:
            assert isinstance(out, pa.Table)
            assert out.schema.field("total_cents").type == pa.int64()
    totals = national_simulation(table.to_pandas(), rules=RULES).totals("domain")
    assert str(totals["total_cents"].dtype) == "Int64"


def test_envelopes_are_the_sourced_ones() -> None:
    result = national_simulation(synthetic_establishments(30, rules=RULES), rules=RULES)
    national = result.envelopes[0]
    assert national.scope == "national"
    assert national.envelope.key == "sun_es.volet1.envelope"
    assert national.amount.cents == 158_000_000_00
    assert national.gap == national.simulated - national.amount
    assert {g.scope for g in result.envelopes[1:]} <= {
        "ara",
        "idf",
        "occitanie",
        "hdf",
        "bfc",
        "dom",
    }
    assert all(g.envelope.sources for g in result.envelopes)


def test_official_rules_name_the_missing_value() -> None:
    with pytest.raises(MissingParameterError):
        national_simulation(synthetic_establishments(5, counts=False), rules=load_rules())


def test_bad_window_names_the_row() -> None:
    table = synthetic_establishments(3, rules=RULES).with_columns(
        window=pl.Series(["F1", "F9", "F2"])
    )
    with pytest.raises(BatchInputError, match="row 1, column 'window'"):
        national_simulation(table, rules=RULES)


def test_window_keyword_and_no_optional_columns() -> None:
    table = synthetic_establishments(10, counts=False, rules=RULES).drop(
        "window", "ready_on", "region"
    )
    result = national_simulation(table, rules=RULES, window="F2")
    assert set(result.table["window"].to_list()) == {"F2"}
    assert result.table["met"].null_count() == result.table.shape[0]
    assert [g.scope for g in result.envelopes] == ["national"]


def test_duckdb_and_dask_inputs_give_the_same_table() -> None:
    table = synthetic_establishments(30, rules=RULES)
    expected = national_simulation(table, rules=RULES).table["total_cents"].to_list()
    relation = duckdb.from_arrow(table.to_arrow())
    lazy = dd.from_pandas(table.to_pandas(), npartitions=2)  # type: ignore[no-untyped-call]
    for native in (relation, lazy):
        out = national_simulation(native, rules=RULES).table
        column = out["total_cents"]
        values = column.to_pylist() if isinstance(column, pa.ChunkedArray) else list(column)
        assert values == expected


def test_a_variant_rule_set_is_read_by_every_step() -> None:
    from segur_numerique.whatif import with_overrides  # noqa: PLC0415 (whatif sits above sun_es)

    steeper = with_overrides(
        {
            "sun_es.degression.F2": "80 %",
            "sun_es.degression.F3": "60 %",
            "sun_es.degression.F4": "40 %",
        },
        name="steeper",
        rules=RULES,
    )
    table = synthetic_establishments(60, seed=7, rules=RULES)
    base = national_simulation(table, rules=RULES).envelopes[0].simulated
    variant = national_simulation(table, rules=steeper)
    assert variant.envelopes[0].simulated < base
    frame = _frame(table)
    expected = 0
    for row in range(table.shape[0]):
        values = table.row(row, named=True)
        counts = tuple(
            IndicatorCounts(i, values[f"{i}_numerator"], values[f"{i}_denominator"])
            for i in INDICATORS
        )
        case = SimulationCase(
            _row_establishment(frame, row, IDS),
            values["window"],
            counts=counts,
            ready_on=values["ready_on"],
        )
        expected += simulate(case, rules=steeper).total.cents
    assert variant.envelopes[0].simulated.cents == expected
