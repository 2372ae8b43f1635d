"""Safe XML parsing of documents that come from outside (CDA R2 files, archive members).

The parser is :mod:`defusedxml` over the standard library's ElementTree: a document type
declaration (DTD), an entity declaration (the "billion laughs" expansion) or an external
reference (XXE) is refused with :class:`~segur_numerique.errors.HostileXmlError`, never expanded
nor fetched; nothing here opens a network connection. A document larger than the size limit is
refused before it is parsed (:class:`~segur_numerique.errors.DocumentTooLargeError`).
"""

from __future__ import annotations

import xml.etree.ElementTree as StdET  # only the Element type and ParseError: parsing is defusedxml
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from segur_numerique.errors import (
    DocumentTooLargeError,
    HostileXmlError,
    NotACdaDocumentError,
)

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""The largest document read, in bytes (50 MiB): a CDA header with an embedded PDF report stays
far below it; a caller may pass another limit (``max_bytes=``)."""

HL7 = "urn:hl7-org:v3"
"""The namespace of CDA R2."""
XSL = "http://www.w3.org/1999/XSL/Transform"
"""The namespace of an XSL stylesheet (ANS "auto-présentable" documents wrap the CDA in one)."""
_CLINICAL_DOCUMENT = f"{{{HL7}}}ClinicalDocument"

Element = StdET.Element


def read_bounded(path: Path, *, max_bytes: int, name: str) -> bytes:
    """The bytes of ``path``, refused when longer than ``max_bytes`` (read at most one more)."""
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentTooLargeError(
            f"the document is larger than the limit of {max_bytes} bytes", file=name
        )
    return data


def parse_xml(data: bytes, *, name: str, max_bytes: int = MAX_DOCUMENT_BYTES) -> Element:
    """Parse ``data`` safely; ``name`` (the file) is named in every error.

    Raises:
        DocumentTooLargeError: ``data`` is longer than ``max_bytes``.
        HostileXmlError: it declares a DTD, an entity or an external reference.
        NotACdaDocumentError: it is not well-formed XML (garbage, a binary file, truncated).
    """
    if len(data) > max_bytes:
        raise DocumentTooLargeError(
            f"the document is larger than the limit of {max_bytes} bytes", file=name
        )
    try:
        root: Element = SafeET.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DTDForbidden:
        raise HostileXmlError(
            "the document declares a DTD (refused: DTDs, entities and external references are "
            "never processed)",
            file=name,
        ) from None
    except defusedxml.EntitiesForbidden:
        raise HostileXmlError(
            "the document declares an entity (refused, never expanded: 'billion laughs')",
            file=name,
        ) from None
    except defusedxml.ExternalReferenceForbidden:
        raise HostileXmlError(
            "the document refers to an external resource (refused, never fetched: XXE)",
            file=name,
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise HostileXmlError(f"refused XML construct: {exc}", file=name) from None
    except (StdET.ParseError, ValueError, UnicodeError) as exc:
        raise NotACdaDocumentError(f"not well-formed XML: {exc}", file=name) from None
    return root


def clinical_document(root: Element, *, name: str) -> Element:
    """The ``ClinicalDocument`` of a parsed file: its root, or the one inside an XSL stylesheet.

    Raises:
        NotACdaDocumentError: the root is neither a ``ClinicalDocument`` of ``urn:hl7-org:v3``
            nor an XSL stylesheet holding exactly one.
    """
    if root.tag == _CLINICAL_DOCUMENT:
        return root
    if root.tag.startswith(f"{{{XSL}}}"):
        found = list(root.iter(_CLINICAL_DOCUMENT))
        if len(found) == 1:
            return found[0]
        raise NotACdaDocumentError(
            "an XSL stylesheet ('auto-présentable' document) holding "
            f"{'no' if not found else len(found)} ClinicalDocument of {HL7} (exactly one expected)",
            file=name,
        )
    raise NotACdaDocumentError(
        f"the root element is {root.tag!r}, not a ClinicalDocument of the namespace {HL7}",
        file=name,
    )
