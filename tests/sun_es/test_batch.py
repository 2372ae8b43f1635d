"""The batch path gives the same results as the one-by-one path, on every backend."""

from __future__ import annotations

from typing import Any, Literal

import duckdb
import narwhals as nw
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.errors import BatchInputError
from segur_numerique.funding_scaling.batch import allocate_table
from segur_numerique.sun_es.batch import (
    eligibility_table,
    eligible_column,
    establishments_table,
    forfait_column,
)
from segur_numerique.sun_es.funding import forfait

RULES = sn.illustrative_assumptions()
IDS = sn.sun_es.prerequisite_checklist().ids
GRID_ROW = {
    sn.sun_es.Domain.DISCHARGE_DOCUMENTS: "discharge_documents",
    sn.sun_es.Domain.BIOLOGY: "biology",
    sn.sun_es.Domain.IMAGING: "imaging",
    sn.sun_es.Domain.MESSAGING: "secure_messaging",
}


@st.composite
def establishments(draw: st.DrawFn) -> list[sn.entities.Establishment]:
    n = draw(st.integers(1, 12))
    sites = draw(st.lists(st.integers(0, 9_999_999), min_size=n, max_size=n, unique=True))
    return [
        sn.entities.Establishment(
            finess_juridique=draw(st.sampled_from(["750712184", "2A0000014", "971234567"])),
            finess_geographique=f"13{site:07d}",
            legal_status=draw(st.sampled_from(["public", "private", "espic", "clcc"])),
            activities=draw(st.sets(st.sampled_from(list(sn.entities.Activity)), min_size=1)),
            activity_2019=draw(st.integers(0, 120_000)),
            own_lab=draw(st.booleans()),
            own_imaging=draw(st.booleans()),
            operating_theatre=draw(st.booleans()),
            sun_es_prerequisites=draw(st.sets(st.sampled_from(IDS)) | st.just(set(IDS))),
        )
        for site in sites
    ]


def _rows(table: Any) -> list[dict[str, Any]]:
    return list(nw.from_native(table, eager_only=True).iter_rows(named=True))


def _to_backend(ests: list[sn.entities.Establishment], backend: str) -> Any:
    if backend == "duckdb":
        return duckdb.from_arrow(establishments_table(ests, backend="pyarrow"))
    assert backend in {"polars", "pandas", "pyarrow"}
    return establishments_table(ests, backend=backend)  # type: ignore[arg-type]


@pytest.mark.parametrize("backend", ["polars", "pandas", "pyarrow", "duckdb"])
@settings(max_examples=25, deadline=None)
@given(ests=establishments(), window=st.sampled_from(["F1", "F2", "F3", "F4"]))
def test_batch_equals_one_by_one(
    backend: str, ests: list[sn.entities.Establishment], window: str
) -> None:
    result = eligibility_table(_to_backend(ests, backend), rules=RULES, window=window)
    rows = _rows(result)
    assert len(rows) == len(ests)
    for est, row in zip(ests, rows, strict=True):
        assert row["finess_geographique"] == est.finess_geographique.value
        for domain in sn.sun_es.Domain:
            verdict = sn.sun_es.establishment_eligibility(est, domain, rules=RULES)
            assert row[eligible_column(domain)] is verdict.eligible
            if not verdict.eligible:
                expected = 0
            elif domain is sn.sun_es.Domain.CRO_BONUS:
                expected = forfait(
                    activity=est.activity_2019, domain="discharge_documents",
                    window=window, cro_bonus=True, rules=RULES,
                ).cro_bonus.cents  # fmt: skip
            else:
                expected = forfait(
                    activity=est.activity_2019, domain=GRID_ROW[domain], window=window, rules=RULES
                ).amount.cents
            assert row[forfait_column(domain)] == expected


@settings(max_examples=50, deadline=None)
@given(
    weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=30),
    envelope=st.integers(0, 10**10),
    backend=st.sampled_from(["polars", "pandas", "pyarrow"]),
)
def test_allocation_equals_allocate(
    weights: list[int], envelope: int, backend: Literal["polars", "pandas", "pyarrow"]
) -> None:
    if sum(weights) == 0:
        weights[0] = 1
    ids = [f"{i:09d}" for i in range(len(weights))][::-1]  # ids not in row order
    table = nw.from_dict({"id": ids, "w": weights}, backend=backend).to_native()
    result = _rows(
        allocate_table(table, sn.Euro.from_cents(envelope), weight="w", beneficiary="id")
    )
    expected = sn.funding_scaling.allocate(
        sn.Euro.from_cents(envelope), dict(zip(ids, weights, strict=True))
    )
    got = {r["id"]: r["allocation_cents"] for r in result}
    assert got == {k: v.cents for k, v in expected.amounts.items()}
    assert sum(got.values()) == envelope


def test_allocation_ties_and_overflow_path() -> None:
    table = pl.DataFrame({"id": ["c", "a", "b"], "w": [1, 1, 1]})
    got = _rows(allocate_table(table, sn.Euro("100"), weight="w", beneficiary="id"))
    assert {r["id"]: r["allocation_cents"] for r in got} == {"a": 3334, "b": 3333, "c": 3333}
    big = pl.DataFrame({"id": ["a", "b"], "w": [3 * 10**12, 10**12]})
    got = _rows(allocate_table(big, sn.Euro.parse("2 Md€"), weight="w", beneficiary="id"))
    assert [r["allocation_cents"] for r in got] == [150_000_000_000, 50_000_000_000]


def test_allocation_bad_input() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="negative") as info:
        allocate_table(
            pl.DataFrame({"id": ["a", "b"], "w": [1, -1]}),
            sn.Euro("1"),
            weight="w",
            beneficiary="id",
        )
    assert info.value.where == "row 1, column 'w'"
    with pytest.raises(sn.errors.InvalidInputError, match="all weights are zero"):
        allocate_table(
            pl.DataFrame({"id": ["a"], "w": [0]}), sn.Euro("1"), weight="w", beneficiary="id"
        )


def _base_table() -> pl.DataFrame:
    ests = [
        sn.entities.Establishment(
            "750712184", f"7501000{i:02d}", "public", ["mco"], 100, sun_es_prerequisites=IDS
        )
        for i in range(3)
    ]
    table = establishments_table(ests, backend="polars")
    assert isinstance(table, pl.DataFrame)
    return table


@pytest.mark.parametrize(
    ("change", "where", "what"),
    [
        (
            pl.col("finess_juridique")
            .str.replace("750712184", "20071218X")
            .alias("finess_juridique"),
            "row 0, column 'finess_juridique'",
            "FINESS",
        ),
        (pl.lit("hospice").alias("legal_status"), "row 0, column 'legal_status'", "allowed values"),
        (pl.lit(-1).alias("activity_2019"), "row 0, column 'activity_2019'", "negative"),
        (pl.lit(False).alias("mco"), "row 0, columns", "at least one activity"),
        (pl.lit(None, dtype=pl.Boolean).alias("own_lab"), "row 0, column 'own_lab'", "null"),
        (
            pl.lit("750100000").alias("finess_geographique"),
            "row 0, column 'finess_geographique'",
            "more than once",
        ),
        (pl.lit(1).alias("own_lab"), "column 'own_lab'", "boolean"),
        (
            pl.lit(True).alias("prerequisite_rniv"),
            "column 'prerequisite_rniv'",
            "unknown prerequisite",
        ),
    ],
)
def test_bad_tables_name_row_and_column(change: pl.Expr, where: str, what: str) -> None:
    with pytest.raises(BatchInputError, match=what) as info:
        eligibility_table(_base_table().with_columns(change))
    assert info.value.where is not None
    assert info.value.where.startswith(where)


def test_missing_column() -> None:
    with pytest.raises(BatchInputError) as info:
        eligibility_table(_base_table().drop("prerequisite_cyber_audit"))
    assert info.value.where == "column 'prerequisite_cyber_audit'"


def test_status_aliases_are_normalised() -> None:
    table = _base_table().with_columns(pl.lit(" Privé ").alias("legal_status"))
    out = eligibility_table(table)
    assert out["legal_status"].to_list() == ["private"] * 3
    assert out[eligible_column(sn.sun_es.Domain.DISCHARGE_DOCUMENTS)].to_list() == [True] * 3


def test_forfaits_need_the_grid() -> None:
    with pytest.raises(sn.errors.MissingParameterError):
        eligibility_table(_base_table(), window="F1")


def test_not_a_table() -> None:
    with pytest.raises(BatchInputError, match="dataframe"):
        eligibility_table([1, 2, 3])
