"""Issue 12: logs as vendors export them (a French CSV export), and every bad row reported.

A French export: ``;``-separated, Windows-1252 or UTF-8 with a byte-order mark, dd/mm/yyyy dates.
Each kind of bad row is reported with its file, its row as a spreadsheet shows it (the header is
row 1) and its column; ``skip_invalid`` leaves them out and lists them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

import segur_numerique as sn
from segur_numerique.cli import main
from segur_numerique.sun_es.logs.inputs import DOCUMENT_COLUMNS
from segur_numerique.sun_es.logs.validation import BadRow

PARAMS = sn.sun_es.LogParameters.from_rules(sn.illustrative_assumptions(), "F1")
STAYS = (
    "stay_id;finess;activity;admission;discharge\r\n"
    "S1;750000001;mco;01/02/2022;05/02/2022\r\n"
    "S2;750000001;Médecine;01/02/2022;06/02/2022\r\n"
)
DOCUMENTS = (
    "document_id;stay_id;type;produced;sent;ins_status\r\n"
    "D1;S1;discharge_letter;05/02/2022;05/02/2022;qualified\r\n"
)


def _write(tmp_path: Path, stays: bytes, documents: bytes) -> tuple[Path, Path]:
    s, d = tmp_path / "séjours.csv", tmp_path / "documents.csv"
    s.write_bytes(stays)
    d.write_bytes(documents)
    return s, d


@pytest.mark.parametrize(
    ("encode", "encoding", "found", "detected"),
    [
        (lambda t: t.encode("cp1252"), None, "cp1252", True),
        (lambda t: t.encode("cp1252"), "windows-1252", "cp1252", False),
        (lambda t: t.encode("latin-1"), "latin-1", "iso8859-1", False),
        (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), None, "utf-8", True),
        (lambda t: t.encode("utf-8"), "utf-8", "utf-8", False),
    ],
    ids=["cp1252-detected", "cp1252-declared", "latin1-declared", "utf8-bom", "utf8-declared"],
)
def test_a_french_export_is_read_and_said(
    tmp_path: Path, encode: object, encoding: str | None, found: str, detected: bool
) -> None:
    assert callable(encode)
    stays, documents = _write(tmp_path, encode(STAYS), encode(DOCUMENTS))
    result = sn.sun_es.indicators_from_logs(stays, documents, PARAMS, encoding=encoding)
    counts = result.establishment("750000001").counts_for("discharge_letter")
    assert (counts.numerator, counts.denominator) == (1, 1)  # "mco" is MCO, counted
    fmt = result.formats[0]
    assert (fmt.encoding, fmt.encoding_detected, fmt.separator) == (found, detected, ";")
    assert dict(fmt.date_formats) == {"admission": "DD/MM/YYYY", "discharge": "DD/MM/YYYY"}
    said = fmt.describe().in_("fr")
    assert "séparateur point-virgule" in said
    assert "dates admission DD/MM/YYYY" in said
    assert said in {a.fr for a in result.explanation.assumptions}


BAD_STAYS = (
    "stay_id;finess;activity;admission;discharge\n"
    "S1;750000001;MCO;01/02/2022;05/02/2022\n"  # row 2: good
    "S2;7500001;MCO;01/02/2022;06/02/2022\n"  # row 3: a 7-digit FINESS
    "S3;750000001;MCO;05/02/2022;01/02/2022\n"  # row 4: discharge before admission
    "S4;750000001;;01/02/2022;06/02/2022\n"  # row 5: empty activity
    "S5;750000001;MCO;2022-02-01;06/02/2022\n"  # row 6: ISO in a dd/mm/yyyy column
    "S6;750000001;MCO;01/02/2022;31/02/2022\n"  # row 7: no such day
    "S1;750000001;MCO;01/02/2022;05/02/2022\n"  # row 8: S1 again
    "S7;750000001;MCO;01/02/2022;05/02/2022\n"  # row 9: good
)
BAD_DOCUMENTS = (
    "document_id;stay_id;type;produced;sent;ins_status\n"
    "D1;S2;discharge_letter;05/02/2022;05/02/2022;qualified\n"  # row 2: stay S2 is bad
    "D2;S9;discharge_letter;05/02/2022;05/02/2022;qualified\n"  # row 3: no stay S9
    "D3;S1;lettre;05/02/2022;05/02/2022;qualified\n"  # row 4: unknown type
    "D4;S1;discharge_letter;05/02/2022;04/02/2022;qualified\n"  # row 5: sent before produced
    "D5;S1;discharge_letter;05/02/2022;05/02/2022;ok\n"  # row 6: unknown INS status
    "D6;S1;discharge_letter;le 5 février;05/02/2022;qualified\n"  # row 7: not a date
    "D7;S1;discharge_letter;05/02/2022;05/02/2022;qualified\n"  # row 8: good
)
EXPECTED = [
    ("stays", 2, "stay_id", "on several rows"),
    ("stays", 3, "finess", "a FINESS number has 9 characters, got 7"),
    ("stays", 4, "discharge", "discharge before admission"),
    ("stays", 5, "activity", "empty value"),
    ("stays", 6, "admission", "a YYYY-MM-DD date in a DD/MM/YYYY column: 2022-02-01"),
    ("stays", 7, "discharge", "not a calendar date (DD/MM/YYYY): 31/02/2022"),
    ("stays", 8, "stay_id", "on several rows"),
    ("documents", 3, "stay_id", "no stay with this stay_id"),
    ("documents", 4, "type", "unknown document type"),
    ("documents", 5, "sent", "sent to the DMP before it was produced"),
    ("documents", 6, "ins_status", "unknown INS status"),
    ("documents", 7, "produced", "not a date (DD/MM/YYYY): le 5 février"),
]


def _matches(rows: tuple[object, ...]) -> list[tuple[str, int, str]]:
    bad = [r for r in rows if isinstance(r, BadRow)]
    return [(r.source.split(":")[0], r.row or 0, r.column) for r in bad]


def test_every_bad_row_is_reported_with_its_row_and_column(tmp_path: Path) -> None:
    stays, documents = _write(tmp_path, BAD_STAYS.encode(), BAD_DOCUMENTS.encode())
    with pytest.raises(sn.errors.InvalidRowsError) as info:
        sn.sun_es.indicators_from_logs(stays, documents, PARAMS)
    rows = info.value.rows
    assert _matches(rows) == [(t, r, c) for t, r, c, _ in EXPECTED]
    for row, (_, _, _, reason) in zip(rows, EXPECTED, strict=True):
        assert reason in row.reason  # type: ignore[attr-defined]
    assert str(stays) in str(info.value)
    assert "séjours.csv: row 3, stay_id 'S2', column finess" in str(info.value)


def test_skip_invalid_leaves_them_out_with_the_documents_of_a_bad_stay(tmp_path: Path) -> None:
    stays, documents = _write(tmp_path, BAD_STAYS.encode(), BAD_DOCUMENTS.encode())
    result = sn.sun_es.indicators_from_logs(stays, documents, PARAMS, skip_invalid=True)
    cascade = [r for r in result.rejected if r.reason.startswith("its stay is an invalid row")]
    assert [(r.row, r.row_id) for r in cascade] == [(2, "D1"), (8, "D7")]
    assert len(result.rejected) == len(EXPECTED) + 2
    counts = result.establishment("750000001").counts_for("discharge_letter")
    assert (counts.numerator, counts.denominator) == (0, 1)  # S7 only: S1 is twice, left out
    assert "invalid values: their rows are left out" in result.explanation.assumptions[2].en


def test_one_kind_raises_its_class_and_in_memory_rows_are_0_based() -> None:
    stays = pl.DataFrame(
        {
            "stay_id": ["S1", "S2"],
            "finess": ["750000001", "75000001"],
            "activity": ["MCO", "MCO"],
            "admission": ["2022-02-01", "2022-02-01"],
            "discharge": ["2022-02-05", "2022-02-05"],
        }
    )
    documents = pl.DataFrame(
        {c: [] for c in DOCUMENT_COLUMNS}, schema=dict.fromkeys(DOCUMENT_COLUMNS, pl.String)
    )
    with pytest.raises(sn.errors.LogFinessError, match="index 1, stay_id 'S2', column finess"):
        sn.sun_es.indicators_from_logs(stays, documents, PARAMS)


def test_a_comma_file_and_an_unsupported_encoding(tmp_path: Path) -> None:
    stays, documents = _write(
        tmp_path, STAYS.replace(";", ",").encode(), DOCUMENTS.replace(";", ",").encode()
    )
    result = sn.sun_es.indicators_from_logs(stays, documents, PARAMS)
    assert result.formats[1].separator == ","
    with pytest.raises(sn.errors.UnknownChoiceError, match="unsupported encoding 'ebcdic'"):
        sn.sun_es.indicators_from_logs(stays, documents, PARAMS, encoding="ebcdic")


def test_cli_lists_bad_rows_then_skips_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stays, documents = _write(tmp_path, BAD_STAYS.encode(), BAD_DOCUMENTS.encode())
    args = ["indicators", "--stays", str(stays), "--documents", str(documents), "--illustrative"]
    assert main(["--lang", "en", *args]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("segur-numerique: error: 12 invalid values in the logs")
    assert len(err) == 13
    assert "row 3, stay_id 'S2', column finess" in err[2]
    rejected = tmp_path / "out" / "rejected.csv"
    rejected.parent.mkdir()
    assert main([*args, "--skip-invalid", "--rejected", str(rejected), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["rejected_file"] == str(rejected)
    assert len(doc["rejected"]) == 14
    lines = rejected.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "source,row,id_column,id,column,reason,value"
    assert len(lines) == 15
    assert main([*args, "--skip-invalid", "--rejected", str(rejected)]) == 2  # exists: refused
    assert "rejected-rows file exists" in capsys.readouterr().err
    assert main([*args, "--skip-invalid"]) == 0  # the default name, next to the stays file
    out = capsys.readouterr().out
    assert "Lignes invalides exclues : 14" in out
    assert (tmp_path / "séjours.rejected.csv").exists()


def test_a_million_rows_are_checked_fast(tmp_path: Path) -> None:
    n = 1_000_000
    ids = [f"S{i}" for i in range(n)]
    pl.DataFrame(
        {
            "stay_id": ids,
            "finess": ["750000001"] * n,
            "activity": ["MCO"] * n,
            "admission": ["01/02/2022"] * n,
            "discharge": ["05/02/2022"] * n,
        }
    ).write_csv(tmp_path / "stays.csv", separator=";")
    pl.DataFrame(
        {
            "document_id": [f"D{i}" for i in range(n)],
            "stay_id": ids,
            "type": ["discharge_letter"] * n,
            "produced": ["05/02/2022"] * n,
            "sent": ["05/02/2022"] * n,
            "ins_status": ["qualified"] * n,
        }
    ).write_csv(tmp_path / "documents.csv", separator=";")
    start = time.monotonic()
    result = sn.sun_es.indicators_from_logs(
        tmp_path / "stays.csv", tmp_path / "documents.csv", PARAMS, exclusions=False
    )
    elapsed = time.monotonic() - start
    assert result.establishment("750000001").counts_for("discharge_letter").numerator == n
    print(f"1e6 stays + 1e6 documents (CSV ;, dd/mm/yyyy): {elapsed:.1f} s")
    assert elapsed < 60  # the bound is for a loaded CI machine


PLAIN_INSTALL = """
import sys
sys.modules["pyarrow"] = None  # the plain install has no pyarrow: CSV must not need it
import segur_numerique as sn
from pathlib import Path
p = sn.sun_es.LogParameters.from_rules(sn.illustrative_assumptions(), "F1")
r = sn.sun_es.indicators_from_logs(Path(sys.argv[1]), Path(sys.argv[2]), p)
print(r.establishment("750000001").counts_for("discharge_letter").numerator)
"""


def test_the_plain_install_reads_csv_without_pyarrow(tmp_path: Path) -> None:
    stays, documents = _write(tmp_path, STAYS.encode("cp1252"), DOCUMENTS.encode("cp1252"))
    out = subprocess.run(
        [sys.executable, "-c", PLAIN_INSTALL, str(stays), str(documents)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(Path(sn.__file__).parents[1])},
    )
    assert out.stdout.strip() == "1"
