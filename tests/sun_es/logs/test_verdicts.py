"""Document verdicts: every reason from a minimal row, the optional columns, and the properties
(issue 12): the verdict table agrees with the counts, on every backend."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.cli import main
from segur_numerique.errors import (
    InvalidRowsError,
    OrphanDocumentError,
    OutputFileError,
    UnreadableLogError,
)
from segur_numerique.sun_es.logs.compute import indicators_from_logs
from segur_numerique.sun_es.logs.counts import document_verdicts
from segur_numerique.sun_es.logs.document_columns import DocumentCheck
from segur_numerique.sun_es.logs.exclusions import ExclusionReason as R

pl = pytest.importorskip("polars")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
duckdb = pytest.importorskip("duckdb")

D = dt.date
PARAMS = sn.sun_es.LogParameters.from_rules(sn.illustrative_assumptions(), "F1")
# illustrative F1: period 2022-01-01 → 2022-06-30, send delay 7 days, CRO on MCO stays only
FINESS = "750000001"
STAYS = [
    {"stay_id": "S1", "finess": FINESS, "activity": "MCO", "admission": D(2022, 2, 1), "discharge": D(2022, 2, 5)},
    {"stay_id": "S2", "finess": FINESS, "activity": "SSR", "admission": D(2022, 2, 1), "discharge": D(2022, 2, 5)},
    {"stay_id": "S3", "finess": FINESS, "activity": "MCO", "admission": D(2021, 12, 1), "discharge": D(2021, 12, 5)},
]  # fmt: skip
OPTIONAL = ("structured", "dmp_status", "set_id", "version", "author_finess")


def _doc(**changes: Any) -> dict[str, Any]:
    """A discharge letter of S1 that counts, with ``changes``."""
    row: dict[str, Any] = {
        "document_id": "X",
        "stay_id": "S1",
        "type": "discharge_letter",
        "produced": D(2022, 2, 5),
        "sent": D(2022, 2, 6),
        "ins_status": "qualified",
        "structured": None,
        "dmp_status": "accepted",
        "set_id": None,
        "version": None,
        "author_finess": FINESS,
    }
    row.update(changes)
    return row


BIO = {"type": "biology_report_structured", "structured": True}
# one minimal row per document reason (and the row that counts, reason None)
CASES: dict[R | None, list[dict[str, Any]]] = {
    None: [_doc(), _doc(**BIO)],
    R.NO_MATCHING_STAY: [_doc(stay_id="NOPE")],
    R.WRONG_TYPE: [_doc(type="other")],
    R.SUPERSEDED: [_doc(set_id="A", version=1), _doc(document_id="Y", set_id="A", version=2)],
    R.STAY_TYPE_NOT_COUNTED: [_doc(type="operative_report", stay_id="S2")],
    R.OUTSIDE_PERIOD: [_doc(stay_id="S3", produced=D(2021, 12, 5), sent=D(2021, 12, 6))],
    R.OTHER_ESTABLISHMENT: [_doc(author_finess="690000002")],
    R.NOT_DISCHARGE_DOCUMENT: [_doc(produced=D(2022, 1, 20), sent=D(2022, 1, 21))],
    R.BIOLOGY_NOT_STRUCTURED: [
        _doc(**{**BIO, "structured": False}),
        _doc(type="biology_report_unstructured"),
        _doc(**{**BIO, "structured": None}),
    ],
    R.NOT_SENT: [_doc(sent=None)],
    R.SENT_BEFORE_PRODUCED: [_doc(sent=D(2022, 2, 4))],
    R.NO_INS: [_doc(ins_status=None), _doc(ins_status="none")],
    R.TEST_INS: [_doc(ins_status="test")],
    R.NO_QUALIFIED_INS: [_doc(ins_status="provisional")],
    R.REJECTED_BY_DMP: [_doc(dmp_status="rejected")],
    R.SENT_AFTER_DEADLINE: [_doc(sent=D(2022, 2, 13))],
}


_BAD_ROWS = (R.NO_MATCHING_STAY, R.SENT_BEFORE_PRODUCED)
"""Rows the validation refuses first (a bad row, with its row and column): their reason is still
defined, for callers that skip validation (``validate=False``), so that they can never count."""


def _verdicts(
    docs: list[dict[str, Any]], *, validate: bool = True
) -> dict[str, tuple[str | None, str | None]]:
    frame = document_verdicts(STAYS, docs, PARAMS, validate=validate)
    frame = frame.collect() if hasattr(frame, "collect") else frame
    return {r["document_id"]: (r["indicator"], r["reason"]) for r in frame.iter_rows(named=True)}


@pytest.mark.parametrize(
    ("reason", "index"), [(r, i) for r, rows in CASES.items() for i in range(len(rows))]
)
def test_every_reason_from_a_minimal_row(reason: R | None, index: int) -> None:
    docs = CASES[reason]
    if reason is R.SUPERSEDED:
        assert _verdicts(docs) == {
            "X": ("discharge_letter", "superseded"),
            "Y": ("discharge_letter", None),
        }
        return
    row = docs[index]
    if reason in _BAD_ROWS:
        with pytest.raises(InvalidRowsError):
            _verdicts([row])
    indicator = _verdicts([row], validate=reason not in _BAD_ROWS)["X"]
    assert indicator[1] == (None if reason is None else reason.value)


def test_every_document_reason_is_exercised() -> None:
    assert {r for r in CASES if r is not None} == set(R) - {R.NO_QUALIFYING_DOCUMENT}


def test_stay_reasons_and_orphans_in_the_pipeline() -> None:
    result = indicators_from_logs(STAYS, [_doc(sent=None)], PARAMS)
    stays = {(x.id, x.reason) for x in result.exclusions or () if x.kind == "stay"}
    assert ("S1", R.NO_QUALIFYING_DOCUMENT) in stays
    assert ("S2", R.STAY_TYPE_NOT_COUNTED) in stays
    assert ("S3", R.OUTSIDE_PERIOD) in stays
    with pytest.raises(OrphanDocumentError):
        indicators_from_logs(STAYS, CASES[R.NO_MATCHING_STAY], PARAMS)


def test_sent_before_produced_never_counts() -> None:
    with pytest.raises(InvalidRowsError):  # a bad row, named by its row and column
        indicators_from_logs(STAYS, [_doc(sent=D(2022, 1, 1))], PARAMS)
    result = indicators_from_logs(STAYS, [_doc(sent=D(2022, 1, 1))], PARAMS, skip_invalid=True)
    assert result.establishment(FINESS).counts_for("discharge_letter").numerator == 0


def test_unchecked_columns_are_named() -> None:
    required = [{k: v for k, v in _doc().items() if k not in OPTIONAL}]
    result = indicators_from_logs(STAYS, required, PARAMS)
    assert result.unchecked == tuple(DocumentCheck)
    text = result.explanation.render("en")
    assert "Not checked: DMP answer" in text
    assert "Non vérifié" in result.explanation.render("fr")
    full = indicators_from_logs(STAYS, [_doc()], PARAMS)
    assert full.unchecked == ()
    assert "Not checked" not in full.explanation.render("en")
    only_set = [{**required[0], "set_id": "A"}]  # versions need both set_id and version
    assert DocumentCheck.VERSIONS in indicators_from_logs(STAYS, only_set, PARAMS).unchecked


def test_counts_by_reason_in_the_explanation() -> None:
    result = indicators_from_logs(STAYS, [_doc(ins_status="test")], PARAMS)
    assert result.exclusion_counts()[(FINESS, "document", "discharge_letter", R.TEST_INS)] == 1
    assert "test INS × 1" in result.establishment(FINESS).explanation.render("en")
    assert "INS de test × 1" in result.establishment(FINESS).explanation.render("fr")


def test_bad_optional_values_are_refused() -> None:
    with pytest.raises(UnreadableLogError, match="dmp_status"):
        indicators_from_logs(STAYS, [_doc(dmp_status="maybe")], PARAMS)
    with pytest.raises(UnreadableLogError, match="structured"):
        indicators_from_logs(STAYS, [_doc(structured="perhaps")], PARAMS)


def test_structured_text_values() -> None:
    docs = [
        _doc(**{**BIO, "structured": "true"}),
        _doc(document_id="Y", **{**BIO, "structured": "0"}),
    ]
    assert _verdicts(docs) == {
        "X": ("biology_report", None),
        "Y": ("biology_report", "biology_not_structured"),
    }


# ------------------------------------------------------------------ writing the table


def _files(tmp_path: Path, docs: list[dict[str, Any]]) -> tuple[Path, Path]:
    stays, documents = tmp_path / "stays.csv", tmp_path / "documents.csv"
    pl.DataFrame(STAYS).write_csv(stays)
    pl.DataFrame(docs, schema=_SCHEMA).write_csv(documents)
    return stays, documents


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_write_exclusions(tmp_path: Path, suffix: str) -> None:
    result = indicators_from_logs(STAYS, [_doc(sent=None)], PARAMS)
    path = result.write_exclusions(tmp_path / f"out.{suffix}")
    frame = getattr(pl, f"read_{suffix}")(path)
    assert frame.columns == ["kind", "id", "finess", "indicator", "reason"]
    assert frame.height == len(result.exclusions or ())
    with pytest.raises(OutputFileError, match="exists"):
        result.write_exclusions(path)
    with pytest.raises(OutputFileError, match="unsupported"):
        result.write_exclusions(tmp_path / "out.txt")


def test_cli_exclusions_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stays, documents = _files(tmp_path, [_doc(sent=None), _doc(document_id="Y")])
    out = tmp_path / "excluded.csv"
    argv = ["indicators", "--illustrative", "--stays", str(stays), "--documents", str(documents)]
    assert main([*argv, "--lang", "en", "--exclusions", str(out)]) == 0
    report = capsys.readouterr().out
    assert "Examples (" in report
    assert "not_sent" in out.read_text()
    assert main([*argv, "--exclusions", str(out)]) != 0  # exists
    assert main([*argv, "--exclusions", str(out), "--force"]) == 0
    assert main([*argv, "--exclusions", str(out), "--no-exclusions"]) != 0


# ------------------------------------------------------------------ properties

_SCHEMA = {
    "document_id": pl.String,
    "stay_id": pl.String,
    "type": pl.String,
    "produced": pl.Date,
    "sent": pl.Date,
    "ins_status": pl.String,
    "structured": pl.Boolean,
    "dmp_status": pl.String,
    "set_id": pl.String,
    "version": pl.Int64,
    "author_finess": pl.String,
}
_STAY_SCHEMA = {
    "stay_id": pl.String,
    "finess": pl.String,
    "activity": pl.String,
    "admission": pl.Date,
    "discharge": pl.Date,
}
_TYPES = [t.value for t in sn.sun_es.DocumentType]
_INS = [None, *(s.value for s in sn.sun_es.InsStatus)]


@st.composite
def logs(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    n = draw(st.integers(1, 5))
    stays: list[dict[str, Any]] = []
    for i in range(n):
        admission = D(2021, 12, 1) + dt.timedelta(days=draw(st.integers(0, 240)))
        stays.append(
            {
                "stay_id": f"S{i}",
                "finess": draw(st.sampled_from([FINESS, "690000002"])),
                "activity": draw(st.sampled_from(["MCO", "SSR", "OUTPATIENT"])),
                "admission": admission,
                "discharge": admission + dt.timedelta(days=draw(st.integers(0, 10))),
            }
        )
    docs = []
    for j in range(draw(st.integers(0, 10))):
        stay = draw(st.sampled_from(stays))
        produced = stay["discharge"] - dt.timedelta(days=draw(st.integers(-2, 12)))
        sent = draw(st.none() | st.integers(0, 10))  # sent before produced: a bad row
        docs.append(
            {
                "document_id": f"D{j}",
                "stay_id": stay["stay_id"],
                "type": draw(st.sampled_from(_TYPES)),
                "produced": produced,
                "sent": None if sent is None else produced + dt.timedelta(days=sent),
                "ins_status": draw(st.sampled_from(_INS)),
                "structured": draw(st.sampled_from([None, True, False])),
                "dmp_status": draw(st.sampled_from([None, "accepted", "rejected"])),
                "set_id": draw(st.sampled_from([None, "A", "B"])),
                "version": draw(st.sampled_from([None, 1, 2, 3])),
                "author_finess": draw(st.sampled_from([None, stay["finess"], "130000003"])),
            }
        )
    return stays, docs


def _frames(stays: list[dict[str, Any]], docs: list[dict[str, Any]]) -> tuple[Any, Any]:
    return (
        pl.DataFrame(stays, schema=_STAY_SCHEMA, orient="row"),
        pl.DataFrame(docs, schema=_SCHEMA, orient="row") if docs else pl.DataFrame(schema=_SCHEMA),
    )


BACKENDS: dict[str, Callable[[Any], Any]] = {
    "polars": lambda f: f,
    "pandas": lambda f: f.to_pandas(),
    "pyarrow": lambda f: f.to_arrow(),
    "duckdb": lambda f: duckdb.from_arrow(f.to_arrow()),
}


def _run(name: str, stays: Any, docs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return indicators_from_logs(BACKENDS[name](stays), BACKENDS[name](docs), PARAMS)


def _verdict_rows(result: Any) -> list[tuple[str, str, str | None, str | None]]:
    frame = pl.from_arrow(_arrow(result.document_verdicts()))
    rows = [
        (str(r["document_id"]), str(r["stay_id"]), r["indicator"], r["reason"])
        for r in frame.iter_rows(named=True)
    ]
    return sorted(rows)


def _arrow(native: Any) -> Any:
    import narwhals.stable.v2 as nw  # noqa: PLC0415 (test helper)

    frame = nw.from_native(native)
    frame = frame.collect() if isinstance(frame, nw.LazyFrame) else frame
    return frame.to_arrow()


@settings(max_examples=40, deadline=None)
@given(logs())
def test_verdict_table_agrees_with_the_counts(log: tuple[list[Any], list[Any]]) -> None:
    stays, docs = _frames(*log)
    result = _run("polars", stays, docs)
    finess_of = {s["stay_id"]: s["finess"] for s in log[0]}
    rows = _verdict_rows(result)
    for est in result.establishments:
        for c in est.counts:
            counted = [
                r
                for r in rows
                if r[2] == c.indicator and r[3] is None and finess_of[r[1]] == est.finess
            ]
            definition = sn.sun_es.indicator_definition(c.indicator)
            if definition.basis is sn.sun_es.Basis.STAY:
                assert len({r[1] for r in counted}) == c.numerator, c
            else:
                assert len(counted) == c.numerator, c
    by_set: dict[str, int] = {}
    for doc, row in zip(sorted(log[1], key=lambda d: d["document_id"]), rows, strict=True):
        # wrong_type is checked before superseded: a set's other documents are superseded
        if doc["set_id"] is not None and row[3] not in (R.SUPERSEDED.value, R.WRONG_TYPE.value):
            by_set[doc["set_id"]] = by_set.get(doc["set_id"], 0) + 1
    assert all(n <= 1 for n in by_set.values())  # superseded versions count once


@settings(max_examples=40, deadline=None)
@given(logs(), st.data())
def test_adding_a_qualifying_document_never_lowers_a_rate(
    log: tuple[list[Any], list[Any]], data: st.DataObject
) -> None:
    stays, docs = log
    before = _run("polars", *_frames(stays, docs))
    stay = data.draw(st.sampled_from(stays))
    new = {
        "document_id": "NEW",
        "stay_id": stay["stay_id"],
        "type": data.draw(st.sampled_from(["discharge_letter", "biology_report_structured"])),
        "produced": stay["discharge"],
        "sent": stay["discharge"],
        "ins_status": "qualified",
        "structured": True,
        "dmp_status": "accepted",
        "set_id": "NEW",
        "version": 1,
        "author_finess": stay["finess"],
    }
    after = _run("polars", *_frames(stays, [*docs, new]))
    for est in before.establishments:
        for c in est.counts:
            c2 = after.establishment(est.finess).counts_for(c.indicator)
            if c.denominator and c2.denominator:
                assert c2.numerator * c.denominator >= c.numerator * c2.denominator


@settings(max_examples=10, deadline=None)
@given(logs())
def test_identical_on_every_backend(log: tuple[list[Any], list[Any]]) -> None:
    stays, docs = _frames(*log)
    reference = _run("polars", stays, docs)
    for name in ("pandas", "pyarrow", "duckdb"):
        result = _run(name, stays, docs)
        assert result.establishments == reference.establishments, name
        assert result.exclusions == reference.exclusions, name
        assert result.reason_counts == reference.reason_counts, name
        assert _verdict_rows(result) == _verdict_rows(reference), name
