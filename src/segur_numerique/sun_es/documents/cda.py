"""The header of a CDA R2 document: what SUN-ES needs to know about it.

Where each fact comes from (the interoperability sheet of the project, docs page
:doc:`/how-to/check-cda-documents`):

* type: the header ``code`` (LOINC, code system ``2.16.840.1.113883.6.1``);
* structured biology report: templateId ``1.2.250.1.213.1.1.1.55`` and a ``structuredBody``
  (a "CDA R2 niveau 1" report carries a PDF in a ``nonXMLBody``);
* INS: ``recordTarget/patientRole/id`` with root ``1.2.250.1.213.1.4.8`` (INS-NIR), ``.9``
  (INS-NIA), ``.10`` and ``.11`` (their test ranges), from the ANS structuration-minimale
  schematron;
* stay: ``componentOf/encompassingEncounter/effectiveTime`` (``low`` admission, ``high``
  discharge; a single ``value`` is an encounter of one moment, both dates);
* organisations: root ``1.2.250.1.71.4.2.2``, extension = one-digit type prefix + number; prefix
  ``1`` precedes a 9-digit FINESS (the ANS examples); another prefix is not a FINESS.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

import attrs

from segur_numerique.errors import NotACdaDocumentError
from segur_numerique.sun_es.documents.safexml import HL7, Element

LOINC = "2.16.840.1.113883.6.1"
"""The code system of the document type codes."""
BIOLOGY_STRUCTURED_TEMPLATE = "1.2.250.1.213.1.1.1.55"
"""The templateId of the structured BIO-CR-BIO content model."""
ORGANISATION_ROOT = "1.2.250.1.71.4.2.2"
"""The root of organisation identifiers (extension: type prefix + number)."""
FINESS_PREFIX = "1"
"""The type prefix of a FINESS number in an organisation identifier."""


class InsKind(enum.Enum):
    """The kind of patient identifier in the header (by its root)."""

    INS_NIR = "INS-NIR"
    INS_NIA = "INS-NIA"
    TEST_INS_NIR = "INS-NIR-test"
    TEST_INS_NIA = "INS-NIA-test"
    NONE = "none"

    @property
    def is_test(self) -> bool:
        """A root of the test ranges (``.10``, ``.11``)."""
        return self in (InsKind.TEST_INS_NIR, InsKind.TEST_INS_NIA)


INS_ROOTS: dict[str, InsKind] = {
    "1.2.250.1.213.1.4.8": InsKind.INS_NIR,
    "1.2.250.1.213.1.4.9": InsKind.INS_NIA,
    "1.2.250.1.213.1.4.10": InsKind.TEST_INS_NIR,
    "1.2.250.1.213.1.4.11": InsKind.TEST_INS_NIA,
}
"""The INS roots of the ANS structuration-minimale schematron."""


class Body(enum.Enum):
    """The body of the document."""

    STRUCTURED = "structuredBody"
    NON_XML = "nonXMLBody"
    NONE = "none"


@attrs.frozen
class CdaHeader:
    """The facts SUN-ES reads in one CDA R2 header.

    Attributes:
        file: the file (or ``archive.zip!member``) it was read from.
        document_id: ``id`` as ``root`` or ``root^extension``.
        set_id: ``setId`` (same notation), ``None`` when absent.
        version: ``versionNumber/@value``, ``None`` when absent.
        type_code: the header ``code/@code``; ``type_system`` its code system.
        template_ids: the header templateId roots.
        body: the kind of body.
        ins_kind: the kind of INS in ``recordTarget/patientRole/id``.
        effective_time: the document's date (header ``effectiveTime``).
        admission: the encounter's ``low`` (or single ``value``), ``None`` when absent.
        discharge: the encounter's ``high`` (or single ``value``), ``None`` when absent.
        encounter_id: the encounter's ``id`` (same notation), ``None`` when absent.
        author_finess: the FINESS of the first author organisation that has one.
        encounter_finess: the FINESS of the encounter's location, where present.
    """

    file: str
    document_id: str
    set_id: str | None
    version: int | None
    type_code: str | None
    type_system: str | None
    template_ids: tuple[str, ...]
    body: Body
    ins_kind: InsKind
    effective_time: dt.datetime
    admission: dt.datetime | None
    discharge: dt.datetime | None
    encounter_id: str | None
    author_finess: str | None
    encounter_finess: str | None

    @property
    def structured(self) -> bool:
        """Structured in the BIO-CR-BIO sense: templateId ``...1.55`` and a ``structuredBody``."""
        return BIOLOGY_STRUCTURED_TEMPLATE in self.template_ids and self.body is Body.STRUCTURED


_TS = re.compile(
    r"(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})"
    r"(?:(?P<h>\d{2})(?:(?P<mi>\d{2})(?:(?P<s>\d{2})(?:\.\d{1,6})?)?)?)?"
    r"(?P<tz>[+-]\d{4})?"
)


def parse_ts(text: str, *, file: str, where: str) -> dt.datetime:
    """An HL7 ``TS`` (``20191203133000+0100``, ``202101040735+0100``, ``20200701134745``).

    Without an offset the time is naive (local time of the sender, not guessed).

    Raises:
        NotACdaDocumentError: not a timestamp.
    """
    m = _TS.fullmatch(text.strip())
    if m is None:
        raise NotACdaDocumentError(f"not an HL7 timestamp: {text!r}", file=file, where=where)
    g = m.groupdict()
    tz = None
    if g["tz"]:
        sign = 1 if g["tz"][0] == "+" else -1
        minutes = int(g["tz"][1:3]) * 60 + int(g["tz"][3:5])
        tz = dt.timezone(sign * dt.timedelta(minutes=minutes))
    try:
        return dt.datetime(
            int(g["y"]),
            int(g["mo"]),
            int(g["d"]),
            int(g["h"] or 0),
            int(g["mi"] or 0),
            int(g["s"] or 0),
            tzinfo=tz,
        )
    except ValueError as exc:
        raise NotACdaDocumentError(
            f"impossible date {text!r}: {exc}", file=file, where=where
        ) from None


def _q(path: str) -> str:
    """An ElementTree path with every step in the HL7 namespace."""
    return "/".join(step if step in (".", "..") else f"{{{HL7}}}{step}" for step in path.split("/"))


def _ii(element: Element | None) -> str | None:
    """An instance identifier as ``root`` or ``root^extension``."""
    if element is None or not element.get("root"):
        return None
    ext = element.get("extension")
    return f"{element.get('root')}^{ext}" if ext else element.get("root")


def _finess(ids: list[Element]) -> str | None:
    for i in ids:
        ext = i.get("extension") or ""
        if i.get("root") == ORGANISATION_ROOT and ext.startswith(FINESS_PREFIX) and len(ext) == 10:
            return ext[1:]
    return None


def _ins_kind(doc: Element) -> InsKind:
    kinds = [
        INS_ROOTS[i.get("root", "")]
        for i in doc.findall(_q("recordTarget/patientRole/id"))
        if i.get("root") in INS_ROOTS and i.get("extension")
    ]
    if not kinds:
        return InsKind.NONE
    real = [k for k in kinds if not k.is_test]
    return real[0] if real else kinds[0]


def _time(element: Element | None, *, file: str, where: str) -> dt.datetime | None:
    if element is None or not element.get("value"):
        return None
    return parse_ts(element.get("value", ""), file=file, where=where)


def _encounter(
    doc: Element, file: str
) -> tuple[dt.datetime | None, dt.datetime | None, str | None, str | None]:
    enc = doc.find(_q("componentOf/encompassingEncounter"))
    if enc is None:
        return None, None, None, None
    where = "componentOf/encompassingEncounter/effectiveTime"
    et = enc.find(_q("effectiveTime"))
    low = high = None
    if et is not None:
        single = _time(et, file=file, where=where)
        low = _time(et.find(_q("low")), file=file, where=f"{where}/low") or single
        high = _time(et.find(_q("high")), file=file, where=f"{where}/high") or single
    location_ids = enc.findall(_q("location/healthCareFacility")) + enc.findall(_q("location"))
    ids = [i for loc in location_ids for i in loc.iter(f"{{{HL7}}}id")]
    return low, high, _ii(enc.find(_q("id"))), _finess(ids)


def read_header(doc: Element, *, file: str) -> CdaHeader:
    """Read the header of a ``ClinicalDocument`` element.

    Raises:
        NotACdaDocumentError: the header lacks its ``id`` or ``effectiveTime``, or a timestamp
            is malformed (the error names the file and the element).
    """
    document_id = _ii(doc.find(_q("id")))
    if document_id is None:
        raise NotACdaDocumentError("the header has no id/@root", file=file, where="id")
    effective = _time(doc.find(_q("effectiveTime")), file=file, where="effectiveTime")
    if effective is None:
        raise NotACdaDocumentError(
            "the header has no effectiveTime/@value", file=file, where="effectiveTime"
        )
    code = doc.find(_q("code"))
    version_el = doc.find(_q("versionNumber"))
    version_text = None if version_el is None else version_el.get("value")
    if version_text is not None and not version_text.strip().isdigit():
        raise NotACdaDocumentError(
            f"versionNumber is not a whole number: {version_text!r}",
            file=file,
            where="versionNumber",
        )
    component = doc.find(_q("component"))
    body = Body.NONE
    if component is not None:
        if component.find(_q("structuredBody")) is not None:
            body = Body.STRUCTURED
        elif component.find(_q("nonXMLBody")) is not None:
            body = Body.NON_XML
    admission, discharge, encounter_id, encounter_finess = _encounter(doc, file)
    authors = doc.findall(_q("author/assignedAuthor/representedOrganization/id"))
    return CdaHeader(
        file=file,
        document_id=document_id,
        set_id=_ii(doc.find(_q("setId"))),
        version=None if version_text is None else int(version_text),
        type_code=None if code is None else code.get("code"),
        type_system=None if code is None else code.get("codeSystem"),
        template_ids=tuple(t.get("root", "") for t in doc.findall(_q("templateId"))),
        body=body,
        ins_kind=_ins_kind(doc),
        effective_time=effective,
        admission=admission,
        discharge=discharge,
        encounter_id=encounter_id,
        author_finess=_finess(authors),
        encounter_finess=encounter_finess,
    )
