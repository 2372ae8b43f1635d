"""Reading CDA R2 documents into rows of the SUN-ES documents log.

>>> from segur_numerique.sun_es.documents.samples import cda_samples_folder
>>> reading = read_documents([cda_samples_folder()])
>>> [(r.type.value, r.ins_status) for r in reading.records][:2]
[('other', 'test'), ('biology_report_unstructured', 'test')]
>>> reading.errors
()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from segur_numerique.core.explanation import ParameterRead
from segur_numerique.errors import DocumentReadError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.documents.cda import CdaHeader, InsKind, read_header
from segur_numerique.sun_es.documents.safexml import (
    MAX_DOCUMENT_BYTES,
    clinical_document,
    parse_xml,
)
from segur_numerique.sun_es.documents.sources import (
    MAX_ARCHIVE_MEMBERS,
    MAX_ARCHIVE_TOTAL_BYTES,
    ArchiveLimits,
    Blob,
    iter_sources,
)
from segur_numerique.sun_es.documents.types import document_type
from segur_numerique.sun_es.indicators import DocumentType, indicator_for_type

TEST_INS = "test"
"""The ``ins_status`` of a document whose INS has a root of the test ranges."""
QUALIFIED_INS = "qualified"
NO_INS = "none"


@attrs.frozen
class DocumentRecord:
    """One document read: its header, its type and what it means for SUN-ES.

    Attributes:
        header: the facts read in the CDA header.
        type: the document type (from the rules, see :mod:`.types`).
        indicator: the id of the indicator whose document it is, ``None`` for none.
        ins_status: ``qualified`` (an INS root), ``test`` (a test root), ``none``.
        structured: for a biology report, whether it is structured; ``None`` otherwise.
        type_read: the rule value the type was read from (``None``: no value for the code).
    """

    header: CdaHeader
    type: DocumentType
    indicator: str | None
    ins_status: str
    structured: bool | None
    type_read: ParameterRead | None = attrs.field(eq=False, repr=False)

    @property
    def produced(self) -> dt.date:
        """The document's date (header ``effectiveTime``), as a day."""
        return self.header.effective_time.date()


@attrs.frozen
class DocumentReading:
    """The result of :func:`read_documents`: the documents read and the files that were not.

    Attributes:
        records: one per document read, in reading order (sorted files, archive order).
        errors: one per file (or archive member) that could not be read, naming it.
        test_ins_as_qualified: test INS roots were read as qualified (test mode).
    """

    records: tuple[DocumentRecord, ...]
    errors: tuple[DocumentReadError, ...] = attrs.field(eq=False)
    test_ins_as_qualified: bool = False

    @property
    def ok(self) -> bool:
        """Every file was read."""
        return not self.errors

    def rows(self) -> list[dict[str, Any]]:
        """The documents as records of the documents log schema (``stay_id`` left empty).

        Columns: ``document_id, stay_id, type, produced, sent, ins_status, structured,
        dmp_status, set_id, version, author_finess`` (``sent`` and ``dmp_status`` come from a
        submission log, ``stay_id`` from the stays: see :func:`~.audit.audit_documents`).
        """
        return [
            {
                "document_id": r.header.document_id,
                "stay_id": None,
                "type": r.type.value,
                "produced": r.produced,
                "sent": None,
                "ins_status": r.ins_status,
                "structured": r.structured,
                "dmp_status": None,
                "set_id": r.header.set_id,
                "version": r.header.version,
                "author_finess": r.header.author_finess,
            }
            for r in self.records
        ]

    def to_polars(self) -> Any:
        """The rows as a polars DataFrame (one row per document)."""
        import polars as pl  # noqa: PLC0415 (heavy: imported when asked)

        schema = {
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
        return pl.DataFrame(self.rows(), schema=schema)


def _ins_status(kind: InsKind, test_as_qualified: bool) -> str:
    if kind is InsKind.NONE:
        return NO_INS
    if kind.is_test and not test_as_qualified:
        return TEST_INS
    return QUALIFIED_INS


def record_of(header: CdaHeader, rules: RuleSet, *, test_ins_as_qualified: bool) -> DocumentRecord:
    """The record of one header (its type from ``rules``)."""
    found, read = document_type(header, rules)
    definition = indicator_for_type(found)
    biology = found in (
        DocumentType.BIOLOGY_REPORT_STRUCTURED,
        DocumentType.BIOLOGY_REPORT_UNSTRUCTURED,
    )
    return DocumentRecord(
        header=header,
        type=found,
        indicator=None if definition is None else definition.id,
        ins_status=_ins_status(header.ins_kind, test_ins_as_qualified),
        structured=header.structured if biology else None,
        type_read=read,
    )


def read_document_bytes(
    data: bytes, *, name: str, max_bytes: int = MAX_DOCUMENT_BYTES
) -> CdaHeader:
    """The header of one document given as bytes (safe parsing, see :mod:`.safexml`)."""
    root = parse_xml(data, name=name, max_bytes=max_bytes)
    return read_header(clinical_document(root, name=name), file=name)


def read_documents(
    paths: Iterable[str | Path],
    *,
    rules: RuleSet | None = None,
    test_ins_as_qualified: bool = False,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    max_members: int = MAX_ARCHIVE_MEMBERS,
    max_total_bytes: int = MAX_ARCHIVE_TOTAL_BYTES,
) -> DocumentReading:
    """Read the CDA R2 documents of files, folders (recursive) and zip archives.

    A file that cannot be read (not XML, not a ``ClinicalDocument``, a DTD or an entity, too
    large, an unsafe archive member, a document id already read) is listed in
    :attr:`DocumentReading.errors`, naming it; the others are read.

    Args:
        paths: files (``.xml``, ``.zip``, or any file named explicitly) and folders.
        rules: the rules giving the type of each LOINC code (``None``: the shipped rules).
        test_ins_as_qualified: TEST MODE: read the test INS roots (``1.2.250.1.213.1.4.10``
            and ``.11``) as qualified, so that a vendor can run its test documents through the
            indicators. Off by default: a test INS never counts (``ins_status`` ``test``).
        max_bytes: the largest document (or archive member) read, in bytes.
        max_members: the most members of a zip archive.
        max_total_bytes: the most bytes read from one archive's members in all.
    """
    ruleset = resolve_rules(rules)
    limits = ArchiveLimits(max_bytes, max_members, max_total_bytes)
    records: list[DocumentRecord] = []
    errors: list[DocumentReadError] = []
    seen: dict[str, str] = {}
    for item in iter_sources(paths, limits):
        if not isinstance(item, Blob):
            errors.append(item)
            continue
        try:
            header = read_document_bytes(item.data, name=item.name, max_bytes=max_bytes)
        except DocumentReadError as exc:
            errors.append(exc)
            continue
        if header.document_id in seen:
            errors.append(
                DocumentReadError(
                    f"document id {header.document_id!r} already read from {seen[header.document_id]}",
                    file=item.name,
                    where="id",
                )
            )
            continue
        seen[header.document_id] = item.name
        records.append(record_of(header, ruleset, test_ins_as_qualified=test_ins_as_qualified))
    return DocumentReading(tuple(records), tuple(errors), test_ins_as_qualified)
