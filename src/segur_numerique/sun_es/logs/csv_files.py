"""CSV log files as vendors export them: separator, encoding and date format found and said.

A CSV log goes through the rules of the input boundary first
(:func:`segur_numerique.core.text_files.check_text_file`: size limit, no NUL byte, a decodable
text); then its header gives the separator (``,`` or ``;``: the one that splits it into the
required columns) and each date column its format, detected from its values. Every choice is
recorded in a :class:`CsvFormat`, which the result of the indicators shows; nothing is guessed
silently and a value that does not fit its column's format is a bad row, not an engine error.

Encodings: UTF-8 with or without a byte-order mark, or Windows-1252 / Latin-1 (declared with
``encoding``, or detected: a file that is not valid UTF-8 and has no byte-order mark is read as
Windows-1252, and the result says so). A non-UTF-8 file is transcoded to UTF-8 **in a streaming
way** (1 MiB chunks) into a temporary file that polars reads, then deleted: polars' own non-UTF-8
support decodes the whole file in Python memory, which a log of gigabytes cannot afford.

Dates: ISO (``2024-03-01``) or French (``01/03/2024``), optionally followed by a time; one format
per column, the one most of its values use. A value in the other format (a mixed column), or in
neither, or an impossible date (``31/02/2024``) is reported with its row and column. Row numbers
are those a spreadsheet shows (the header is row 1); a quoted field spanning lines shifts them.
Decimal commas: a ``;``-separated file is read with polars' ``decimal_comma`` (for numeric
columns beyond the required ones, which are all read as text).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import os
import tempfile
from pathlib import Path
from typing import Any

import attrs
import polars as pl

from segur_numerique.core.text import Text
from segur_numerique.core.text_files import check_text_file
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import InputFileError, UnknownChoiceError, UnreadableLogError

MAX_LOG_BYTES = 16 * 1024**3
"""The largest CSV log accepted (16 GiB: a national year of stays is about 2 GiB)."""
ROW = "__row"
"""The column holding each CSV row's number, as a spreadsheet shows it (the header is row 1)."""
INDEX = "__index"
"""The column holding each row's 0-based position (Parquet files, eager tables)."""
BAD_DATE = "__bad_"
"""The prefix of the columns holding, per date column, why a value is not a date (or null)."""
ENCODINGS = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "iso8859-1": "Latin-1"}
"""The encodings accepted (Python codec names, and how reports name them)."""
ISO, FRENCH = "YYYY-MM-DD", "DD/MM/YYYY"
_PATTERNS = {
    ISO: (r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", "%Y-%m-%d"),
    FRENCH: (r"^\d{2}/\d{2}/\d{4}(?: \d{2}:\d{2}(?::\d{2})?)?$", "%d/%m/%Y"),
}
_SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_ACCEPTED = (
    "a log CSV is UTF-8 (with or without a byte-order mark), Windows-1252 or Latin-1, "
    "separated by commas or semicolons"
)
_CHUNK = 1 << 20


def check_encoding(name: str) -> str:
    """The codec name of an accepted encoding (``"latin-1"`` → ``"iso8859-1"``).

    Raises:
        UnknownChoiceError: not one of UTF-8, Windows-1252 (cp1252), Latin-1 (ISO-8859-1).
    """
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        codec = ""
    if codec not in ENCODINGS:
        raise UnknownChoiceError(
            f"unsupported encoding {name!r}",
            allowed=("utf-8", "windows-1252", "latin-1"),
            where="encoding",
        )
    return codec


@attrs.frozen
class CsvFormat:
    """How a CSV log file was read: what was found, and whether it was declared or detected.

    Attributes:
        source: the table and the file (``"stays: path"``).
        encoding: the codec (``utf-8``, ``cp1252``, ``iso8859-1``).
        encoding_detected: ``True`` when found (not declared); ``detail`` says how.
        bom: the file starts with a UTF-8 byte-order mark.
        separator: ``","`` or ``";"``.
        date_formats: per date column, ``"YYYY-MM-DD"`` or ``"DD/MM/YYYY"``.
        detail: how the encoding was detected (e.g. the first byte that is not UTF-8).
    """

    source: str
    encoding: str
    encoding_detected: bool
    bom: bool
    separator: str
    date_formats: tuple[tuple[str, str], ...]
    detail: str = ""

    def describe(self) -> Text:
        """One line saying how the file was read, in French and English."""
        enc = ENCODINGS[self.encoding] + (" (BOM)" if self.bom else "")
        how_fr = f"détecté : {self.detail}" if self.encoding_detected else "déclaré"
        how_en = f"detected: {self.detail}" if self.encoding_detected else "declared"
        if self.encoding_detected and not self.detail:
            how_fr, how_en = "détecté", "detected"
        sep = {",": ("virgule", "comma"), ";": ("point-virgule", "semicolon")}[self.separator]
        dates = ", ".join(f"{c} {f}" for c, f in self.date_formats) or "—"
        return Text(
            fr=f"{self.source} : encodage {enc} ({how_fr}), séparateur {sep[0]} "
            f"({self.separator!r}), dates {dates}",
            en=f"{self.source}: encoding {enc} ({how_en}), separator {sep[1]} "
            f"({self.separator!r}), dates {dates}",
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The format as a JSON object."""
        return {
            "source": self.source,
            "encoding": self.encoding,
            "encoding_detected": self.encoding_detected,
            "bom": self.bom,
            "separator": self.separator,
            "date_formats": dict(self.date_formats),
            "detail": self.detail,
        }


def read_csv(
    path: Path, table: str, columns: tuple[str, ...], dates: frozenset[str], encoding: str | None
) -> tuple[pl.LazyFrame, CsvFormat]:
    """A CSV log as a polars lazy frame (required columns as text, dates parsed) and its format.

    The frame has the ``columns`` present in the file, :data:`ROW`, and per date column a
    :data:`BAD_DATE` column saying why a value is not a date (null when it is).

    Raises:
        UnreadableLogError: naming the table, the file and, where it applies, line and column.
    """
    where = f"{table}: {path}"
    with path.open("rb") as stream:
        bom = stream.read(3) == codecs.BOM_UTF8
    codec = check_encoding(encoding) if encoding is not None else None
    if bom and codec not in (None, "utf-8"):
        raise UnreadableLogError(
            f"the file starts with a UTF-8 byte-order mark, but the encoding given is {encoding}",
            where=where,
        )
    detail, line = "", None
    if codec is None and not bom:
        try:
            line = _check(path, table, "utf-8", None, hint="")
        except UnreadableLogError as exc:
            if "not valid UTF-8" not in exc.what:
                raise
            codec, detail = "cp1252", f"not UTF-8 at {(exc.where or '').removeprefix(where + ': ')}"
    codec = codec or "utf-8"
    if codec != "utf-8":
        with _transcoded(path, table, codec) as (utf8_path, line):
            separator, header = _header(line, columns, where)
            frame = _scan(utf8_path, separator, header, columns).collect().lazy()
    else:
        if line is None:
            hint = "; Latin-1 or Windows-1252? give its encoding, or save it as UTF-8"
            line = _check(path, table, codec, None, hint=hint)
        separator, header = _header(line, columns, where)
        frame = _scan(path, separator, header, columns)
    frame, formats = _parse_dates(frame, [c for c in columns if c in dates and c in header])
    found = CsvFormat(where, codec, encoding is None, bom, separator, formats, detail)
    return frame, found


def _check(path: Path, table: str, codec: str, sink: Any, *, hint: str) -> str:
    """The first line of the file, after the checks of the input boundary."""
    where = f"{table}: {path}"
    try:
        line = check_text_file(
            path,
            what=f"{table} log",
            max_bytes=MAX_LOG_BYTES,
            hint=hint,
            encoding=codec,
            sink=sink,
        )
    except InputFileError as exc:
        at = f"{where}: {exc.where}" if exc.where else where
        raise UnreadableLogError(exc.what, where=at) from exc
    if not line.strip():
        raise UnreadableLogError(
            "empty file: the first line must name the columns", where=f"{where}: line 1"
        )
    return line


@contextlib.contextmanager
def _transcoded(path: Path, table: str, codec: str) -> Any:
    """The file transcoded to UTF-8, chunk by chunk, in a temporary file deleted afterwards."""
    handle, name = tempfile.mkstemp(suffix=".csv", prefix="segur-log-")
    try:
        with os.fdopen(handle, "wb") as sink:
            line = _check(path, table, codec, sink, hint=f"; {_ACCEPTED}")
        yield Path(name), line
    finally:
        Path(name).unlink(missing_ok=True)


def _header(line: str, columns: tuple[str, ...], where: str) -> tuple[str, list[str]]:
    """The separator (the one that splits the header into the required columns) and the names."""
    parsed = {sep: next(csv.reader([line], delimiter=sep)) for sep in (",", ";")}
    fitting = [sep for sep, names in parsed.items() if set(columns) <= set(names)]
    if fitting:
        separator = fitting[0]
    else:
        separator = max(parsed, key=lambda sep: len(parsed[sep]))
        if len(parsed[separator]) == 1:
            for sep, name in _SEPARATORS.items():
                if sep in line and sep not in parsed:
                    raise UnreadableLogError(
                        f"the header is separated by {name}s ({sep!r}); {_ACCEPTED}",
                        where=f"{where}: line 1",
                    )
    header = parsed[separator]
    seen: dict[str, int] = {}
    for i, name in enumerate(header, start=1):
        if name and name in seen:
            raise UnreadableLogError(
                f"duplicate column {name!r} (also column {seen[name]}): each column once",
                where=f"{where}: line 1, column {i}",
            )
        seen[name] = i
    return separator, header


def _scan(path: Path, separator: str, header: list[str], columns: tuple[str, ...]) -> Any:
    overrides = {c: pl.String for c in header if c in columns}
    frame = pl.scan_csv(
        path,
        separator=separator,
        schema_overrides=overrides,
        decimal_comma=separator == ";",
        row_index_name=ROW,
        row_index_offset=2,  # the header is row 1, as a spreadsheet shows
    )
    return frame.select(ROW, *(c for c in columns if c in header))


def _parse_dates(
    frame: pl.LazyFrame, columns: list[str]
) -> tuple[pl.LazyFrame, tuple[tuple[str, str], ...]]:
    """Each date column parsed in the format most of its values use, and why others are not."""
    if not columns:
        return frame, ()
    values = {c: pl.col(c).str.strip_chars() for c in columns}
    counts = frame.select(
        *(
            values[c].str.contains(pattern).sum().alias(f"{c}|{name}")
            for c in columns
            for name, (pattern, _) in _PATTERNS.items()
        )
    ).collect()
    fixes, bads, formats = [], [], []
    for c in columns:
        chosen = FRENCH if counts[f"{c}|{FRENCH}"][0] > counts[f"{c}|{ISO}"][0] else ISO
        other = ISO if chosen == FRENCH else FRENCH
        pattern, fmt = _PATTERNS[chosen]
        parsed = values[c].str.slice(0, 10).str.to_date(fmt, strict=False)
        fits = values[c].str.contains(pattern)
        bads.append(
            pl.when(values[c].is_null() | (values[c] == ""))
            .then(None)
            .when(values[c].str.contains(_PATTERNS[other][0]))
            .then(pl.format(f"a {other} date in a {chosen} column: {{}}", values[c]))
            .when(~fits)
            .then(pl.format(f"not a date ({chosen}): {{}}", values[c]))
            .when(parsed.is_null())
            .then(pl.format(f"not a calendar date ({chosen}): {{}}", values[c]))
            .otherwise(None)
            .alias(f"{BAD_DATE}{c}")
        )
        fixes.append(pl.when(fits).then(parsed).otherwise(None).alias(c))
        formats.append((c, chosen))
    return frame.with_columns(*bads).with_columns(*fixes), tuple(formats)
