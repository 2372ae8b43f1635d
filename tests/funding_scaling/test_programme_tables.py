"""Every programme's amounts over a table equal the one-by-one API, row by row, to the cent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import dask.dataframe as dd
import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from segur_numerique.avenant9.funding import points as points_amount
from segur_numerique.avenant9.funding import vsm_forfait
from segur_numerique.avenant9.tables import amounts_table
from segur_numerique.core.money import Euro
from segur_numerique.e_parcours.funding import (
    BassinScaling,
)
from segur_numerique.e_parcours.funding import (
    forfait as ep_forfait,
)
from segur_numerique.e_parcours.payments import (
    payments as ep_payments,
)
from segur_numerique.e_parcours.tables import forfait_table
from segur_numerique.e_parcours.tables import payments_table as ep_payments_table
from segur_numerique.errors import BatchInputError, CentsOverflowError
from segur_numerique.esms_numerique.funding import national_grappe_funding
from segur_numerique.esms_numerique.tables import funding_table
from segur_numerique.rules.loading import load_rules
from segur_numerique.sons.funding import payments as sons_payments
from segur_numerique.sons.funding import ttc
from segur_numerique.sons.tables import payments_table, ttc_table

RULES = load_rules()
AMOUNTS = st.lists(st.integers(0, 10**13), min_size=1, max_size=30)


@given(AMOUNTS)
def test_sons_ttc_and_payments(cents: list[int]) -> None:
    out = pl.from_arrow(ttc_table(pa.table({"amount_ht_cents": cents}), rules=RULES))
    assert isinstance(out, pl.DataFrame)
    assert out["amount_ttc_cents"].to_list() == [
        ttc(Euro.from_cents(c), rules=RULES).ttc.amount.cents for c in cents
    ]
    split = payments_table(pl.DataFrame({"amount_cents": cents}), rules=RULES)
    one = [
        sons_payments(Euro.from_cents(c), installation_certified_on=None, rules=RULES)
        for c in cents
    ]
    assert split["advance_cents"].to_list() == [p.advance.cents for p in one]
    assert split["balance_cents"].to_list() == [p.balance.cents for p in one]


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(st.sampled_from(["dac", "collectif"]), st.integers(0, 10**8)),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from(list(BassinScaling)),
)
def test_e_parcours_forfaits(rows: list[tuple[str, int]], scaling: BassinScaling) -> None:
    frame = pd.DataFrame(rows, columns=["beneficiary", "population"])
    out = forfait_table(frame, scaling=scaling, rules=RULES)
    assert str(out["forfait_cents"].dtype) == "Int64"
    expected = [
        ep_forfait(b, population=p, scaling=scaling, rules=RULES).amount.cents for b, p in rows
    ]
    assert out["forfait_cents"].tolist() == expected


DAYS = st.dates(dt.date(2019, 6, 1), dt.date(2024, 12, 31))


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(st.integers(0, 10**10), DAYS, st.none() | st.integers(0, 1500)),
        min_size=1,
        max_size=20,
    )
)
def test_e_parcours_payments(rows: list[tuple[int, dt.date, int | None]]) -> None:
    data: dict[str, list[Any]] = {
        "forfait_cents": [r[0] for r in rows],
        "start": [r[1] for r in rows],
        "targets_reached_on": [
            None if r[2] is None else r[1] + dt.timedelta(days=r[2]) for r in rows
        ],
    }
    out = ep_payments_table(pl.DataFrame(data), rules=RULES)
    for i, (cents, start, _) in enumerate(rows):
        one = ep_payments(
            Euro.from_cents(cents),
            start=start,
            targets_reached_on=data["targets_reached_on"][i],
            rules=RULES,
        )
        row = out.row(i, named=True)
        assert (row["start_payment_cents"], row["usage_payment_cents"], row["lost_cents"]) == (
            one.start_payment.cents,
            one.usage_payment.cents,
            one.lost.cents,
        )
        assert (row["deadline"], row["pending"]) == (one.deadline, one.pending)


@given(
    st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(1, 10**6), st.integers(0, 10**6)),
        min_size=1,
        max_size=30,
    )
)
def test_avenant9_points_and_vsm(rows: list[tuple[int, int, int]]) -> None:
    ald = [r[1] for r in rows]
    with_vsm = [min(r[2], r[1]) for r in rows]
    frame = pd.DataFrame(
        {"points": [r[0] for r in rows], "patients_with_vsm": with_vsm, "ald_patients": ald}
    )
    out = amounts_table(frame, rules=RULES)
    assert str(out["points_amount_cents"].dtype) == "Int64"
    assert out["points_amount_cents"].tolist() == [
        points_amount(r[0], rules=RULES).amount.cents for r in rows
    ]
    assert out["vsm_forfait_cents"].tolist() == [
        vsm_forfait(patients_with_vsm=v, ald_patients=a, rules=RULES).amount.cents
        for v, a in zip(with_vsm, ald, strict=True)
    ]


def test_vsm_share_thresholds_inclusive() -> None:
    out = amounts_table(
        pl.DataFrame({"patients_with_vsm": [4999, 5000, 8999, 9000], "ald_patients": [10000] * 4}),
        points=None,
        rules=RULES,
    )
    expected = [
        vsm_forfait(Decimal(s), rules=RULES).amount.cents
        for s in ("0.4999", "0.5", "0.8999", "0.9")
    ]
    assert out["vsm_forfait_cents"].to_list() == expected == [0, 150000, 150000, 300000]


@given(
    st.lists(
        st.tuples(
            st.integers(50, 10**5), st.booleans(), st.integers(0, 10**9), st.integers(0, 100000)
        ),
        min_size=1,
        max_size=20,
    )
)
def test_esms_numerique_funding(rows: list[tuple[int, bool, int, int]]) -> None:
    frame = pl.DataFrame(
        {
            "essms": [r[0] for r in rows],
            "vendor_segur_referenced": [r[1] for r in rows],
            "regional_total_cents": [r[2] for r in rows],
            "vendor_cents_per_essms": [r[3] for r in rows],
        }
    )
    out = funding_table(
        frame,
        regional_total="regional_total_cents",
        vendor_per_essms="vendor_cents_per_essms",
        rules=RULES,
    )
    for i, (essms, referenced, regional, vendor) in enumerate(rows):
        one = national_grappe_funding(
            essms,
            vendor_segur_referenced=referenced,
            vendor_per_essms=Euro.from_cents(vendor),
            regional_total=Euro.from_cents(regional),
            rules=RULES,
        )
        row = out.row(i, named=True)
        assert row["total_cents"] == one.total.cents
        assert row["moa_start_payment_cents"] == one.moa_start_payment.cents
        assert row["moa_targets_payment_cents"] == one.moa_targets_payment.cents
        assert row["segur_bonus_cents"] == one.segur_bonus.cents


def _backends(data: dict[str, list[Any]]) -> list[Any]:
    pdf = pd.DataFrame(data)
    return [
        pdf,
        pl.DataFrame(data),
        pa.table(data),
        duckdb.from_df(pdf),
        dd.from_pandas(pdf, npartitions=2),  # type: ignore[no-untyped-call]
    ]


@pytest.mark.parametrize("index", range(5))
def test_cents_dtypes_on_every_backend(index: int) -> None:
    table = _backends({"amount_ht_cents": [87500, 1], "amount_cents": [105000, 3]})[index]
    out = ttc_table(table, rules=RULES)
    if isinstance(out, pd.DataFrame):
        assert str(out["amount_ttc_cents"].dtype) == "Int64"
    elif isinstance(out, pl.DataFrame):
        assert out.schema["amount_ttc_cents"] == pl.Int64
    else:
        assert isinstance(out, pa.Table)
        assert out.schema.field("amount_ttc_cents").type == pa.int64()
    column = out["amount_ttc_cents"]
    values = column.to_pylist() if isinstance(column, pa.ChunkedArray) else list(column)
    assert values == [105000, 1]


def test_errors_name_the_row() -> None:
    with pytest.raises(BatchInputError, match="row 1, column 'amount_ht_cents'"):
        ttc_table(pl.DataFrame({"amount_ht_cents": [1, -1]}), rules=RULES)
    with pytest.raises(BatchInputError, match="integer column"):
        ttc_table(pl.DataFrame({"amount_ht_cents": [1.5]}), rules=RULES)
    with pytest.raises(CentsOverflowError):
        ttc_table(pl.DataFrame({"amount_ht_cents": [2**62]}), rules=RULES)
    with pytest.raises(BatchInputError, match="row 0, column 'beneficiary'"):
        forfait_table(
            pl.DataFrame({"beneficiary": ["x"], "population": [1]}),
            scaling=BassinScaling.PROPORTIONAL,
            rules=RULES,
        )
    with pytest.raises(BatchInputError, match="no ALD patient"):
        amounts_table(
            pl.DataFrame({"points": [1], "patients_with_vsm": [0], "ald_patients": [0]}),
            rules=RULES,
        )
