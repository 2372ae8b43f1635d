"""Whether each CDA document counts for a SUN-ES indicator, and why not.

The counting rules are not here: the documents become rows of the documents log (joined to the
stays and to the submission log) and :func:`~segur_numerique.sun_es.logs.compute.indicators_from_logs`
gives the verdict of every row (:meth:`LogIndicators.document_verdicts`, the one definition of
what counts). This module only adds the reason that exists before a row does:
``no_matching_stay``, when no stay of the stays log is the document's encounter (the stay whose
``stay_id`` is the encounter's id or its extension; else the one stay of the encounter's
establishment, or the author's, with the same discharge day, and the same admission day when the
document gives one). The checks the pipeline could not make for want of a column are in
:attr:`DocumentAudit.unchecked`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import narwhals.stable.v2 as nw

from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import InvalidInputError
from segur_numerique.sun_es.documents.reading import DocumentReading, DocumentRecord
from segur_numerique.sun_es.documents.submissions import (
    Submission,
    index_submissions,
    sending_of,
)
from segur_numerique.sun_es.logs.compute import indicators_from_logs
from segur_numerique.sun_es.logs.counts import LogParameters
from segur_numerique.sun_es.logs.exclusions import ExclusionReason
from segur_numerique.sun_es.logs.inputs import STAY_COLUMNS, _as_frame, _collect_rows
from segur_numerique.sun_es.logs.results import (
    LogIndicators,
)


def reason_label(code: str) -> Text:
    """The label of a verdict reason (an :class:`ExclusionReason` code)."""
    return ExclusionReason(code).label()


@attrs.frozen
class Verdict:
    """Whether one document counts, and for which indicator or why not."""

    document_id: str
    file: str
    type: str
    indicator: str | None
    stay_id: str | None
    counts: bool
    reason: str | None

    def to_json(self) -> dict[str, JsonValue]:
        """The verdict as a JSON object (``reason`` a stable code)."""
        return {
            "document_id": self.document_id,
            "file": self.file,
            "type": self.type,
            "indicator": self.indicator,
            "stay_id": self.stay_id,
            "counts": self.counts,
            "reason": self.reason,
        }


AUDIT_FORMAT = "segur_numerique.document-audit/v1"
"""The ``format`` of :meth:`DocumentAudit.to_json` (``documents audit --json``)."""


@attrs.frozen
class DocumentAudit:
    """The result of :func:`audit_documents`.

    Attributes:
        reading: the documents read (and the files that could not be).
        rows: the documents log rows given to the pipeline (matched documents only).
        verdicts: one per document read, in reading order.
        indicators: the pipeline's result, ``None`` without stays.
        unchecked: the checks the pipeline could not make for want of a column (:class:`~segur_numerique.sun_es.logs.document_columns.DocumentCheck` codes; empty without stays).
    """

    reading: DocumentReading
    rows: tuple[Mapping[str, Any], ...] = attrs.field(eq=False)
    verdicts: tuple[Verdict, ...]
    indicators: LogIndicators | None = attrs.field(eq=False)
    unchecked: tuple[str, ...]

    def to_json(self) -> dict[str, JsonValue]:
        """The verdicts, the reading errors and what was not checked (format ``AUDIT_FORMAT``)."""
        return {
            "format": AUDIT_FORMAT,
            "verdicts": [v.to_json() for v in self.verdicts],
            "errors": [{"file": e.file, "error": str(e)} for e in self.reading.errors],
            "unchecked": list(self.unchecked),
            "test_ins_as_qualified": self.reading.test_ins_as_qualified,
        }


@attrs.frozen
class _Stays:
    """The stays log as records, indexed by id and by (FINESS, discharge day)."""

    rows: list[dict[str, Any]]
    by_id: Mapping[str, dict[str, Any]]
    by_discharge: Mapping[tuple[str, Any], list[dict[str, Any]]]


def _stays(stays: object | None) -> _Stays:
    rows = [] if stays is None else _collect_rows(_as_frame(stays, "stays", STAY_COLUMNS))
    by_discharge: dict[tuple[str, Any], list[dict[str, Any]]] = {}
    for r in rows:
        by_discharge.setdefault((str(r["finess"]), _day(r["discharge"])), []).append(r)
    return _Stays(rows, {str(r["stay_id"]): r for r in rows}, by_discharge)


def _day(value: Any) -> Any:
    return None if value is None else (value.date() if hasattr(value, "date") else value)


def match_stay(record: DocumentRecord, stays: _Stays) -> dict[str, Any] | None:
    """The stay of a document (see the module docstring), ``None`` when none or several."""
    h = record.header
    if h.encounter_id is not None:
        for key in (h.encounter_id, h.encounter_id.rpartition("^")[2]):
            if key in stays.by_id:
                return dict(stays.by_id[key])
    finess = h.encounter_finess or h.author_finess
    if finess is None or h.discharge is None:
        return None
    admission = None if h.admission is None else h.admission.date()
    found = [
        s
        for s in stays.by_discharge.get((finess, h.discharge.date()), [])
        if admission is None or _day(s["admission"]) == admission
    ]
    return dict(found[0]) if len(found) == 1 else None


def document_row(
    record: DocumentRecord,
    stay: Mapping[str, Any],
    index: dict[Any, list[Submission]],
) -> dict[str, Any]:
    """The documents-log row of a document matched to ``stay``."""
    h = record.header
    sending = sending_of(index, h.document_id, h.set_id, h.version)
    return {
        "document_id": h.document_id,
        "stay_id": str(stay["stay_id"]),
        "type": record.type.value,
        "produced": record.produced,
        "sent": None if sending is None else sending.sent,
        "ins_status": record.ins_status,
        "structured": record.structured,
        "dmp_status": None if sending is None else sending.dmp_status,
        "set_id": h.set_id,
        "version": h.version,
        "author_finess": h.author_finess,
    }


@attrs.frozen
class LogRows:
    """The documents-log rows of a reading, joined to the stays and the submission log.

    Attributes:
        stays: the stays log as records.
        rows: one row per document with a stay (the others cannot be rows).
        matched: per document read, in reading order: its stay id (``None``: no matching stay).
    """

    stays: tuple[Mapping[str, Any], ...] = attrs.field(eq=False)
    rows: tuple[Mapping[str, Any], ...] = attrs.field(eq=False)
    matched: tuple[str | None, ...]


def log_rows(
    reading: DocumentReading, *, stays: object | None, submissions: Iterable[Submission] = ()
) -> LogRows:
    """Join the documents read to the stays and the submissions (see the module docstring)."""
    indexed = _stays(stays)
    index = index_submissions(submissions)
    rows: list[dict[str, Any]] = []
    matched: list[str | None] = []
    for record in reading.records:
        stay = match_stay(record, indexed)
        if stay is None:
            matched.append(None)
            continue
        row = document_row(record, stay, index)
        rows.append(row)
        matched.append(row["stay_id"])
    return LogRows(tuple(indexed.rows), tuple(rows), tuple(matched))


def audit_documents(
    reading: DocumentReading,
    parameters: LogParameters | None,
    *,
    stays: object | None = None,
    submissions: Iterable[Submission] = (),
) -> DocumentAudit:
    """Say, for every document read, whether it counts and for which indicator, or why not.

    Args:
        reading: the documents (:func:`~.reading.read_documents`).
        parameters: the measurement period and the other unknowns of the definitions
            (:meth:`LogParameters.from_rules`); needed with ``stays``.
        stays: the stays log (any table :func:`indicators_from_logs` accepts); ``None``: no
            document has a stay (every verdict is ``no_matching_stay``).
        submissions: the submission log (:func:`~.submissions.read_submissions`).

    Raises:
        InvalidInputError: ``stays`` without ``parameters``.
        LogError: the stays log is malformed (see :func:`indicators_from_logs`).
    """
    joined = log_rows(reading, stays=stays, submissions=submissions)
    result = None
    if stays is not None:
        if parameters is None:
            raise InvalidInputError(
                "give the log parameters (measurement period...) to audit against stays",
                where="parameters",
            )
        result = indicators_from_logs(list(joined.stays), list(joined.rows), parameters)
    excluded = {} if result is None else _reasons(result)
    verdicts = []
    for record, stay_id in zip(reading.records, joined.matched, strict=True):
        h = record.header
        reason = (
            ExclusionReason.NO_MATCHING_STAY.value
            if stay_id is None
            else excluded.get(h.document_id)
        )
        verdicts.append(
            Verdict(
                h.document_id,
                h.file,
                record.type.value,
                record.indicator,
                stay_id,
                reason is None,
                reason,
            )
        )
    unchecked = () if result is None else tuple(check.value for check in result.unchecked)
    return DocumentAudit(reading, joined.rows, tuple(verdicts), result, unchecked)


def _reasons(result: LogIndicators) -> dict[str, str]:
    """The reason of every document that does not count, from the pipeline's verdict table."""
    frame = nw.from_native(result.document_verdicts())
    if isinstance(frame, nw.LazyFrame):
        frame = frame.collect()
    return {
        str(row["document_id"]): str(row["reason"])
        for row in frame.filter(~nw.col("reason").is_null()).rows(named=True)
    }
