"""DMP submission logs: which documents were sent to the DMP, when, and the DMP's answer.

Whether and when a document was sent is not in the CDA: it is in the vendor's submission log
(XDS submission, with its own time and acknowledgement). The log is a UTF-8 CSV file with a
header row and the columns:

* ``document_id`` (the CDA ``id``, ``root`` or ``root^extension``) **or** both ``set_id`` and
  ``version`` (the CDA ``setId`` and ``versionNumber``);
* ``submitted_at``: an ISO date (``2024-03-01``) or date-time (``2024-03-01T10:15:00+01:00``);
* ``dmp_status``: ``accepted`` or ``rejected``, empty when the DMP has not answered.

A document submitted several times was sent on its first accepted submission (``dmp_status``
``accepted``); without an accepted one, on its first submission, with the status of that one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path

import attrs

from segur_numerique.core.inputs import read_text
from segur_numerique.errors import SubmissionLogError

DMP_STATUSES = ("accepted", "rejected")
"""The answers of the DMP to a submission."""
MAX_SUBMISSION_LOG_BYTES = 1024**3
"""The largest submission log read (1 GiB)."""


@attrs.frozen
class Submission:
    """One row of a submission log (``row`` counts the header as row 1)."""

    row: int
    document_id: str | None
    set_id: str | None
    version: int | None
    submitted_at: dt.date
    dmp_status: str | None


def _cell(record: dict[str, str | None], column: str) -> str | None:
    value = record.get(column)
    return value.strip() or None if value is not None else None


def _day(text: str | None, file: str, where: str) -> dt.date:
    if text is None:
        raise SubmissionLogError("empty value", file=file, where=where)
    try:
        return (
            dt.datetime.fromisoformat(text).date()
            if "T" in text or " " in text
            else (dt.date.fromisoformat(text))
        )
    except ValueError:
        raise SubmissionLogError(
            f"not an ISO date or date-time: {text!r}", file=file, where=where
        ) from None


def _row(record: dict[str, str | None], row: int, file: str) -> Submission:
    at = f"row {row}"
    document_id = _cell(record, "document_id")
    set_id = _cell(record, "set_id")
    version_text = _cell(record, "version")
    if document_id is None and (set_id is None or version_text is None):
        column = "document_id" if set_id is None else "version"
        raise SubmissionLogError(
            "give document_id, or set_id and version", file=file, where=f"{at}, column {column}"
        )
    version = None
    if version_text is not None:
        if not version_text.isdigit():
            raise SubmissionLogError(
                f"not a whole number: {version_text!r}", file=file, where=f"{at}, column version"
            )
        version = int(version_text)
    status = _cell(record, "dmp_status")
    if status is not None and status not in DMP_STATUSES:
        raise SubmissionLogError(
            f"unknown DMP status {status!r}; expected one of {', '.join(DMP_STATUSES)} or empty",
            file=file,
            where=f"{at}, column dmp_status",
        )
    submitted = _day(_cell(record, "submitted_at"), file, f"{at}, column submitted_at")
    return Submission(row, document_id, set_id, version, submitted, status)


def read_submissions(
    source: str | Path | bytes, *, name: str | None = None
) -> tuple[Submission, ...]:
    """Read a submission log (a CSV file, or its bytes).

    Raises:
        SubmissionLogError: a column is missing, a row is malformed (naming the file, the row
            and the column).
        InputFileError: the file cannot be read or is not UTF-8 text.
    """
    file = name or (str(source) if not isinstance(source, bytes) else "submissions")
    text = read_text(source, what="submission log", max_bytes=MAX_SUBMISSION_LOG_BYTES, name=name)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    for column in ("submitted_at", "dmp_status"):
        if column not in header:
            raise SubmissionLogError(f"missing column {column!r}", file=file, where="row 1")
    if "document_id" not in header and not {"set_id", "version"} <= set(header):
        raise SubmissionLogError(
            "missing column 'document_id' (or the columns 'set_id' and 'version')",
            file=file,
            where="row 1",
        )
    try:
        return tuple(_row(r, i, file) for i, r in enumerate(reader, start=2))
    except csv.Error as exc:
        raise SubmissionLogError(f"not a CSV file: {exc}", file=file) from None


@attrs.frozen
class Sending:
    """What a submission log says of one document: when it was sent and the DMP's answer."""

    sent: dt.date
    dmp_status: str | None


def index_submissions(
    submissions: Iterable[Submission],
) -> dict[str | tuple[str, int], list[Submission]]:
    """The submissions by ``document_id`` and by ``(set_id, version)``."""
    index: dict[str | tuple[str, int], list[Submission]] = {}
    for s in submissions:
        if s.document_id is not None:
            index.setdefault(s.document_id, []).append(s)
        elif s.set_id is not None and s.version is not None:
            index.setdefault((s.set_id, s.version), []).append(s)
    return index


def sending_of(
    index: dict[str | tuple[str, int], list[Submission]],
    document_id: str,
    set_id: str | None,
    version: int | None,
) -> Sending | None:
    """When the document was sent (see the module docstring), ``None`` when never submitted."""
    found = list(index.get(document_id, []))
    if set_id is not None and version is not None:
        found += index.get((set_id, version), [])
    mine = sorted(found, key=lambda s: (s.submitted_at, s.row))
    if not mine:
        return None
    accepted = [s for s in mine if s.dmp_status == "accepted"]
    chosen = accepted[0] if accepted else mine[0]
    return Sending(chosen.submitted_at, chosen.dmp_status)
