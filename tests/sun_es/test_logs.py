"""Indicators from stay and document logs, on every backend (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es]; issue 4)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.cli import main
from segur_numerique.sun_es.logs.exclusions import ExclusionReason as R

pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
duckdb = pytest.importorskip("duckdb")

# The worked example: establishment 750000001, window F1 with the illustrative (not official)
# parameters (period 2022-01-01 → 2022-06-30, send delay 7 days, CRO on MCO stays only); every
# reason for not counting appears.
D = dt.date

STAYS: list[dict[str, Any]] = [
    {"stay_id": "S1", "finess": "750000001", "activity": "MCO", "admission": D(2022, 2, 1), "discharge": D(2022, 2, 5)},
    {"stay_id": "S2", "finess": "750000001", "activity": "MCO", "admission": D(2022, 3, 1), "discharge": D(2022, 3, 3)},
    {"stay_id": "S3", "finess": "750000001", "activity": "MCO", "admission": D(2021, 12, 1), "discharge": D(2021, 12, 10)},
    {"stay_id": "S4", "finess": "750000001", "activity": "SSR", "admission": D(2022, 4, 1), "discharge": D(2022, 4, 20)},
    {"stay_id": "S5", "finess": "750000001", "activity": "OUTPATIENT", "admission": D(2022, 5, 2), "discharge": D(2022, 5, 2)},
    {"stay_id": "S6", "finess": "750000001", "activity": "MCO", "admission": D(2022, 6, 28), "discharge": D(2022, 6, 30)},
    {"stay_id": "T1", "finess": "690000002", "activity": "MCO", "admission": D(2022, 1, 10), "discharge": D(2022, 1, 12)},
]  # fmt: skip

DOCUMENTS: list[dict[str, Any]] = [
    {"document_id": "D01", "stay_id": "S1", "type": "discharge_letter", "produced": D(2022, 2, 5), "sent": D(2022, 2, 6), "ins_status": "qualified"},
    {"document_id": "D02", "stay_id": "S1", "type": "discharge_prescription", "produced": D(2022, 2, 5), "sent": D(2022, 2, 20), "ins_status": "qualified"},
    {"document_id": "D03", "stay_id": "S1", "type": "operative_report", "produced": D(2022, 2, 2), "sent": D(2022, 2, 5), "ins_status": "provisional"},
    {"document_id": "D04", "stay_id": "S2", "type": "discharge_letter", "produced": D(2022, 3, 3), "sent": None, "ins_status": "qualified"},
    {"document_id": "D05", "stay_id": "S2", "type": "discharge_prescription", "produced": D(2022, 3, 3), "sent": D(2022, 3, 4), "ins_status": "qualified"},
    {"document_id": "D06", "stay_id": "S3", "type": "discharge_letter", "produced": D(2021, 12, 10), "sent": D(2021, 12, 11), "ins_status": "qualified"},
    {"document_id": "D07", "stay_id": "S4", "type": "discharge_letter", "produced": D(2022, 4, 20), "sent": D(2022, 4, 21), "ins_status": "qualified"},
    {"document_id": "D08", "stay_id": "S4", "type": "operative_report", "produced": D(2022, 4, 2), "sent": D(2022, 4, 3), "ins_status": "qualified"},
    {"document_id": "D09", "stay_id": "S5", "type": "biology_report_structured", "produced": D(2022, 5, 2), "sent": D(2022, 5, 3), "ins_status": "qualified"},
    {"document_id": "D10", "stay_id": "S5", "type": "biology_report_unstructured", "produced": D(2022, 5, 2), "sent": D(2022, 5, 3), "ins_status": "qualified"},
    {"document_id": "D11", "stay_id": "S5", "type": "imaging_report", "produced": D(2022, 5, 2), "sent": None, "ins_status": None},
    {"document_id": "D12", "stay_id": "S5", "type": "other", "produced": D(2022, 5, 2), "sent": D(2022, 5, 2), "ins_status": "qualified"},
    {"document_id": "D13", "stay_id": "S6", "type": "imaging_report", "produced": D(2022, 7, 2), "sent": D(2022, 7, 3), "ins_status": "qualified"},
    {"document_id": "D14", "stay_id": "T1", "type": "discharge_letter", "produced": D(2022, 1, 12), "sent": D(2022, 1, 12), "ins_status": "qualified"},
]  # fmt: skip

EXPECTED_COUNTS: dict[str, dict[str, tuple[int, int]]] = {
    "750000001": {
        "discharge_letter": (2, 4),
        "discharge_prescription": (1, 4),
        "operative_report": (0, 3),
        "biology_report": (1, 2),
        "imaging_report": (0, 1),
    },
    "690000002": {
        "discharge_letter": (1, 1),
        "discharge_prescription": (0, 1),
        "operative_report": (0, 1),
        "biology_report": (0, 0),
        "imaging_report": (0, 0),
    },
}

RULES = sn.illustrative_assumptions()
PARAMS = sn.sun_es.LogParameters.from_rules(RULES, "F1")
Records = list[dict[str, Any]]


def _polars(rows: Records, table: str) -> Any:
    columns = sn.sun_es.STAY_COLUMNS if table == "stays" else sn.sun_es.DOCUMENT_COLUMNS
    schema = {
        c: pl.Date if c in {"admission", "discharge", "produced", "sent"} else pl.String
        for c in columns
    }
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


BACKENDS: dict[str, Callable[[Records, str], Any]] = {
    "records": lambda rows, _t: rows,
    "polars": _polars,
    "polars-lazy": lambda rows, t: _polars(rows, t).lazy(),
    "pandas": lambda rows, t: _polars(rows, t).to_pandas(),
    "pyarrow": lambda rows, t: _polars(rows, t).to_arrow(),
    "duckdb": lambda rows, t: duckdb.from_arrow(_polars(rows, t).to_arrow()),
}


def _dask(rows: Records, table: str) -> Any:
    dd = pytest.importorskip("dask.dataframe")
    return dd.from_pandas(_polars(rows, table).to_pandas(), npartitions=2)


def _run(
    backend: Callable[[Records, str], Any], stays: Records, docs: Records
) -> sn.sun_es.LogIndicators:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # narwhals suggests an optional Dask plug-in
        return sn.sun_es.indicators_from_logs(
            backend(stays, "stays"), backend(docs, "documents"), PARAMS
        )


def _counts(result: sn.sun_es.LogIndicators) -> dict[str, dict[str, tuple[int, int]]]:
    return {
        e.finess: {c.indicator: (c.numerator, c.denominator) for c in e.counts}
        for e in result.establishments
    }


# ------------------------------------------------------------------ the worked example


def test_worked_example_counts_and_every_reason() -> None:
    result = _run(BACKENDS["records"], STAYS, DOCUMENTS)
    assert _counts(result) == EXPECTED_COUNTS
    assert result.exclusions is not None
    documents = {(x.id, x.indicator, x.reason) for x in result.exclusions if x.kind == "document"}
    assert documents == {
        ("D02", "discharge_prescription", R.SENT_AFTER_DEADLINE),
        ("D03", "operative_report", R.NO_QUALIFIED_INS),
        ("D04", "discharge_letter", R.NOT_SENT),
        ("D06", "discharge_letter", R.OUTSIDE_PERIOD),
        ("D08", "operative_report", R.STAY_TYPE_NOT_COUNTED),
        ("D10", "biology_report", R.BIOLOGY_NOT_STRUCTURED),
        ("D11", "imaging_report", R.NOT_SENT),
        ("D12", None, R.WRONG_TYPE),
        ("D13", "imaging_report", R.OUTSIDE_PERIOD),
    }
    # every reason this log can trigger without the optional columns (the others:
    # tests/sun_es/logs/test_verdicts.py)
    assert {x.reason for x in result.exclusions} == {
        R.SENT_AFTER_DEADLINE, R.NO_QUALIFIED_INS, R.NOT_SENT, R.OUTSIDE_PERIOD,
        R.STAY_TYPE_NOT_COUNTED, R.BIOLOGY_NOT_STRUCTURED, R.WRONG_TYPE, R.NO_QUALIFYING_DOCUMENT,
    }  # fmt: skip
    stays = {(x.id, x.indicator, x.reason) for x in result.exclusions if x.kind == "stay"}
    assert ("S3", "discharge_letter", R.OUTSIDE_PERIOD) in stays
    assert ("S5", "discharge_letter", R.STAY_TYPE_NOT_COUNTED) in stays
    assert ("S2", "discharge_letter", R.NO_QUALIFYING_DOCUMENT) in stays
    counts = result.exclusion_counts()
    assert counts[("750000001", "document", "imaging_report", R.NOT_SENT)] == 1
    text = result.explanation.render("en")
    assert "sun_es.measurement_period.F1" in text
    assert "illustrative, not official" in text
    assert result.to_json()["window"] == "F1"


def test_worked_example_evaluated_against_targets() -> None:
    result = _run(BACKENDS["records"], STAYS, DOCUMENTS)
    profile = sn.sun_es.EstablishmentProfile("750000001", True, True, True)
    volet = result.evaluate(profile, RULES)
    assert volet.met_domains == ("biology",)
    letter = volet.domain("discharge_documents").required[0]
    assert (letter.rate, letter.met) == (letter.target.rate, True)  # 2/4 = 50 % target
    assert volet.domain("discharge_documents").required[1].missing == 1  # 1/4 → 40 % of 4 = 2


@pytest.mark.parametrize("name", [*BACKENDS, "dask"])
def test_worked_example_identical_on_every_backend(name: str) -> None:
    backend = _dask if name == "dask" else BACKENDS[name]
    reference = _run(BACKENDS["records"], STAYS, DOCUMENTS)
    result = _run(backend, STAYS, DOCUMENTS)
    assert _counts(result) == EXPECTED_COUNTS
    assert result.exclusions == reference.exclusions


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_files(tmp_path: Path, suffix: str) -> None:
    paths = {}
    for table, rows in (("stays", STAYS), ("documents", DOCUMENTS)):
        frame = _polars(rows, table)
        paths[table] = tmp_path / f"{table}.{suffix}"
        getattr(frame, f"write_{suffix}")(paths[table])
    result = sn.sun_es.indicators_from_logs(str(paths["stays"]), paths["documents"], PARAMS)
    assert _counts(result) == EXPECTED_COUNTS


def test_integer_ids_and_datetime_columns() -> None:
    stays = [
        {**s, "stay_id": i, "discharge": dt.datetime.combine(s["discharge"], dt.time(18, 30))}
        for i, s in enumerate(STAYS)
    ]
    index = {s["stay_id"]: i for i, s in enumerate(STAYS)}
    docs = [{**d, "stay_id": index[d["stay_id"]]} for d in DOCUMENTS]
    frame_s = pl.DataFrame(stays)
    frame_d = pl.DataFrame(docs)
    for native in ((frame_s, frame_d), (frame_s.to_pandas(), frame_d.to_pandas())):
        result = sn.sun_es.indicators_from_logs(*native, PARAMS, exclusions=False)
        assert _counts(result) == EXPECTED_COUNTS
        assert result.exclusions is None


# ------------------------------------------------------------------ bad input


def _with(rows: Records, index: int, **changes: object) -> Records:
    out = copy.deepcopy(rows)
    out[index].update(changes)
    return out


BAD: list[tuple[str, Records, Records, type[Exception], str]] = [
    ("duplicate stay", [*STAYS, STAYS[0]], DOCUMENTS, sn.errors.DuplicateIdError, "stay_id 'S1'"),
    ("duplicate document", STAYS, [*DOCUMENTS, DOCUMENTS[1]], sn.errors.DuplicateIdError, "document_id 'D02'"),
    ("unknown type", STAYS, _with(DOCUMENTS, 3, type="lettre"), sn.errors.UnknownDocumentTypeError, "document_id 'D04', column type"),
    ("unknown INS", STAYS, _with(DOCUMENTS, 3, ins_status="ok"), sn.errors.UnknownInsStatusError, "document_id 'D04', column ins_status"),
    ("orphan", STAYS, _with(DOCUMENTS, 4, stay_id="ZZ"), sn.errors.OrphanDocumentError, "document_id 'D05', column stay_id"),
    ("reversed", _with(STAYS, 1, admission=dt.date(2022, 3, 4)), DOCUMENTS, sn.errors.DischargeBeforeAdmissionError, "stay_id 'S2', column discharge"),
    ("empty", _with(STAYS, 2, activity=None), DOCUMENTS, sn.errors.EmptyValueError, "stay_id 'S3', column activity"),
]  # fmt: skip


@pytest.mark.parametrize("backend", ["records", "polars", "pandas", "duckdb"])
@pytest.mark.parametrize(("label", "stays", "docs", "error", "where"), BAD, ids=[b[0] for b in BAD])
def test_bad_input(
    backend: str, label: str, stays: Records, docs: Records, error: type[Exception], where: str
) -> None:
    with pytest.raises(error, match=where.replace("(", r"\(")) as info:
        _run(BACKENDS[backend], stays, docs)
    assert isinstance(info.value, sn.errors.InvalidInputError)


def test_missing_column() -> None:
    stays = [{k: v for k, v in s.items() if k != "finess"} for s in STAYS]
    with pytest.raises(sn.errors.MissingColumnError, match="stays: row 0, column finess"):
        _run(BACKENDS["records"], stays, DOCUMENTS)
    with pytest.raises(sn.errors.MissingColumnError, match="stays: column finess"):
        sn.sun_es.indicators_from_logs(pl.DataFrame(stays), pl.DataFrame(DOCUMENTS), PARAMS)


def test_unreadable_inputs(tmp_path: Path) -> None:
    with pytest.raises(sn.errors.UnreadableLogError, match="no such file"):
        sn.sun_es.indicators_from_logs(tmp_path / "nope.csv", DOCUMENTS, PARAMS)
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(sn.errors.UnreadableLogError, match="unsupported file type"):
        sn.sun_es.indicators_from_logs(tmp_path / "x.json", DOCUMENTS, PARAMS)
    with pytest.raises(sn.errors.UnreadableLogError, match="row 0, column admission"):
        sn.sun_es.indicators_from_logs(_with(STAYS, 0, admission="01/02/2022"), DOCUMENTS, PARAMS)
    bad_csv = tmp_path / "stays.csv"
    bad_csv.write_text(
        "stay_id,finess,activity,admission,discharge\nS1,750000001,MCO,2022-02-01,05/02/2022\n"
        "S2,750000001,MCO,2022-02-01,2022-02-06\nS3,750000001,MCO,2022-02-01,2022-02-07\n"
    )
    with pytest.raises(sn.errors.LogDateError, match="row 2, stay_id 'S1', column discharge"):
        sn.sun_es.indicators_from_logs(bad_csv, DOCUMENTS[:0], PARAMS)
    with pytest.raises(sn.errors.UnreadableLogError, match="expected a dataframe"):
        sn.sun_es.indicators_from_logs(42, DOCUMENTS, PARAMS)


def test_parameters_are_required_and_validated() -> None:
    with pytest.raises(sn.errors.MissingParameterError, match="measurement_period"):
        sn.sun_es.LogParameters.from_rules(sn.load_rules(), "F1")
    with pytest.raises(sn.errors.InvalidInputError, match="one entry per indicator"):
        sn.sun_es.LogParameters(
            PARAMS.period, {"discharge_letter": {"MCO"}}, dict(PARAMS.send_delay_days), True
        )
    with pytest.raises(sn.errors.InvalidInputError, match="whole number of days"):
        sn.sun_es.LogParameters(
            PARAMS.period,
            dict(PARAMS.stay_types),
            {**dict(PARAMS.send_delay_days), "imaging_report": -1},
            True,
        )


# ------------------------------------------------------------------ properties

START = dt.date(2021, 12, 1)
ACTIVITIES = ["MCO", "SSR", "PSY", "HAD", "DIALYSIS", "OUTPATIENT"]
TYPES = [t.value for t in sn.sun_es.DocumentType]
INS = [*(s.value for s in sn.sun_es.InsStatus), None]


@st.composite
def logs(draw: st.DrawFn) -> tuple[Records, Records]:
    n_stays = draw(st.integers(1, 8))
    stays: Records = []
    for i in range(n_stays):
        admission = START + dt.timedelta(days=draw(st.integers(0, 240)))
        stays.append(
            {
                "stay_id": f"S{i}",
                "finess": draw(st.sampled_from(["750000001", "690000002"])),
                "activity": draw(st.sampled_from(ACTIVITIES)),
                "admission": admission,
                "discharge": admission + dt.timedelta(days=draw(st.integers(0, 15))),
            }
        )
    docs: Records = []
    for j in range(draw(st.integers(0, 16))):
        stay = draw(st.sampled_from(stays))
        produced = stay["discharge"] - dt.timedelta(days=draw(st.integers(0, 3)))
        delay = draw(st.none() | st.integers(0, 12))
        sent = None if delay is None else produced + dt.timedelta(days=delay)
        docs.append(
            {
                "document_id": f"D{j}",
                "stay_id": stay["stay_id"],
                "type": draw(st.sampled_from(TYPES)),
                "produced": produced,
                "sent": sent,
                "ins_status": draw(st.sampled_from(INS)),
            }
        )
    return stays, docs


def _reference(
    stays: Records, docs: Records, p: sn.sun_es.LogParameters
) -> dict[str, dict[str, tuple[int, int]]]:
    """The definitions of `segur_numerique.sun_es.indicators`, counted in plain Python."""
    period = p.period
    out: dict[str, dict[str, list[int]]] = {}
    by_stay = {s["stay_id"]: s for s in stays}
    for s in stays:
        out.setdefault(str(s["finess"]), {d.id: [0, 0] for d in sn.sun_es.INDICATORS})
    for d in sn.sun_es.INDICATORS:
        delay = dt.timedelta(days=p.delay_of(d.id))
        types = p.types_of(d.id)
        numerator_types = {t.value for t in d.numerator_types}

        def qualifies(
            doc: dict[str, Any],
            ref: dt.date,
            types: set[str] = numerator_types,
            delay: dt.timedelta = delay,
        ) -> bool:
            return bool(
                doc["type"] in types
                and doc["sent"] is not None
                and doc["ins_status"] == "qualified"
                and doc["sent"] <= ref + delay
            )

        if d.basis is sn.sun_es.Basis.STAY:
            for s in stays:
                if s["activity"] in types and s["discharge"] in period:
                    cell = out[str(s["finess"])][d.id]
                    cell[1] += 1
                    if any(  # a document produced before the stay began is not one of its own
                        qualifies(doc, s["discharge"]) and doc["produced"] >= s["admission"]
                        for doc in docs
                        if doc["stay_id"] == s["stay_id"]
                    ):
                        cell[0] += 1
        else:
            den_types = {
                t.value
                for t in d.denominator_types
                if t in d.numerator_types or p.unstructured_in_denominator
            }
            for doc in docs:
                s = by_stay[doc["stay_id"]]
                if (
                    doc["type"] in den_types
                    and doc["produced"] in period
                    and s["activity"] in types
                ):
                    cell = out[str(s["finess"])][d.id]
                    cell[1] += 1
                    cell[0] += qualifies(doc, doc["produced"])
    return {f: {k: (v[0], v[1]) for k, v in m.items()} for f, m in out.items()}


@given(logs())
def test_log_path_matches_the_definitions_and_rates_lie_in_0_1(
    log: tuple[Records, Records],
) -> None:
    stays, docs = log
    result = _run(BACKENDS["records"], stays, docs)
    assert _counts(result) == _reference(stays, docs, PARAMS)
    for e in result.establishments:
        for c in e.counts:
            assert c.rate is None or 0 <= c.rate <= 1


@given(logs())
def test_log_path_and_counts_path_agree(log: tuple[Records, Records]) -> None:
    stays, docs = log
    result = _run(BACKENDS["records"], stays, docs)
    profile = sn.sun_es.EstablishmentProfile(result.establishments[0].finess, True, True, True)
    from_logs = result.evaluate(profile, RULES)
    reference = _reference(stays, docs, PARAMS)[profile.finess]
    from_counts = sn.sun_es.evaluate_volet1(
        profile,
        [sn.sun_es.IndicatorCounts(k, n, d) for k, (n, d) in reference.items()],
        "F1",
        rules=RULES,
    )
    assert from_logs.met_domains == from_counts.met_domains
    assert from_logs.to_json() == from_counts.to_json()


@given(logs(), st.data())
def test_adding_a_qualifying_document_never_lowers_a_rate(
    log: tuple[Records, Records], data: st.DataObject
) -> None:
    stays, docs = log
    before = _counts(_run(BACKENDS["records"], stays, docs))
    stay = data.draw(st.sampled_from(stays))
    doc_type = data.draw(
        st.sampled_from([t.value for d in sn.sun_es.INDICATORS for t in d.numerator_types])
    )
    new = {
        "document_id": "NEW",
        "stay_id": stay["stay_id"],
        "type": doc_type,
        "produced": stay["discharge"],
        "sent": stay["discharge"],
        "ins_status": "qualified",
    }
    after = _counts(_run(BACKENDS["records"], stays, [*docs, new]))
    for finess, indicators in before.items():
        for indicator, (n, d) in indicators.items():
            n2, d2 = after[finess][indicator]
            if d and d2:
                assert n2 * d >= n * d2, (indicator, (n, d), (n2, d2))


@settings(max_examples=15)
@given(logs())
def test_identical_on_every_backend(log: tuple[Records, Records]) -> None:
    stays, docs = log
    reference = _run(BACKENDS["records"], stays, docs)
    for name in ("polars", "pandas", "pyarrow", "duckdb"):
        result = _run(BACKENDS[name], stays, docs)
        assert _counts(result) == _counts(reference), name
        assert result.exclusions == reference.exclusions, name


@settings(max_examples=2)
@given(logs())
def test_identical_on_dask(log: tuple[Records, Records]) -> None:
    stays, docs = log
    assert _counts(_run(_dask, stays, docs)) == _counts(_run(BACKENDS["records"], stays, docs))


# ------------------------------------------------------------------ command line


def _files(tmp_path: Path) -> tuple[str, str]:
    s, d = tmp_path / "stays.csv", tmp_path / "documents.csv"
    _polars(STAYS, "stays").write_csv(s)
    _polars(DOCUMENTS, "documents").write_csv(d)
    return str(s), str(d)


def test_cli_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s, d = _files(tmp_path)
    assert (
        main(["indicators", "--stays", s, "--documents", d, "--illustrative", "--lang", "en"]) == 0
    )
    out = capsys.readouterr().out
    assert "Window F1 (default)" in out
    assert "NOT OFFICIAL" in out
    assert "discharge_letter        2     4     50%   50%     yes" in out
    assert "imaging_report, document: not sent to the DMP × 1" in out
    assert (
        main(
            [
                "indicators",
                "--stays",
                s,
                "--documents",
                d,
                "--illustrative",
                "--json",
                "--window",
                "F1",
            ]
        )
        == 0
    )
    document = json.loads(capsys.readouterr().out)
    assert document["window_defaulted"] is False
    assert document["targets"]["discharge_letter"]["rate"] == {"type": "fraction", "value": "1/2"}


def test_cli_needs_parameters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s, d = _files(tmp_path)
    assert main(["indicators", "--stays", s, "--documents", d]) == 2
    assert "sun_es.measurement_period.F1" in capsys.readouterr().err


SPELLINGS = {"MCO": "mco", "SSR": " smr "}


def test_stay_types_have_one_spelling_rule() -> None:
    """`mco`, ` MCO ` and `smr` (the spellings simulation files accept) count as MCO and SSR."""
    respelled = [{**s, "activity": SPELLINGS.get(str(s["activity"]), s["activity"])} for s in STAYS]
    assert _counts(_run(_polars, respelled, DOCUMENTS)) == EXPECTED_COUNTS
    lower = sn.sun_es.LogParameters(
        period=PARAMS.period,
        stay_types={k: {t.lower() for t in v} for k, v in PARAMS.stay_types},
        send_delay_days=dict(PARAMS.send_delay_days),
        unstructured_in_denominator=PARAMS.unstructured_in_denominator,
    )
    assert lower.stay_types == PARAMS.stay_types
