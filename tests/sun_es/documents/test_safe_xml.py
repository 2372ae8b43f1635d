"""Hostile and malformed files are refused with a typed error naming the file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from segur_numerique.errors import (
    DocumentReadError,
    DocumentTooLargeError,
    HostileXmlError,
    NotACdaDocumentError,
)
from segur_numerique.sun_es.documents.reading import read_documents
from segur_numerique.sun_es.documents.samples import cda_samples_folder

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<ClinicalDocument xmlns="urn:hl7-org:v3">&lol3;</ClinicalDocument>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<ClinicalDocument xmlns="urn:hl7-org:v3">&xxe;</ClinicalDocument>"""
DTD = b"""<?xml version="1.0"?>
<!DOCTYPE ClinicalDocument SYSTEM "http://example.invalid/cda.dtd">
<ClinicalDocument xmlns="urn:hl7-org:v3"/>"""


def _one_error(path: Path) -> DocumentReadError:
    reading = read_documents([path])
    assert reading.records == ()
    assert len(reading.errors) == 1
    error = reading.errors[0]
    assert error.file is not None
    assert path.name in error.file
    return error


@pytest.mark.parametrize(
    ("content", "words"),
    [(BILLION_LAUGHS, "DTD"), (XXE, "DTD"), (DTD, "DTD")],
    ids=["billion-laughs", "xxe", "dtd"],
)
def test_hostile_xml_is_refused(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "hostile.xml"
    path.write_bytes(content)
    error = _one_error(path)
    assert isinstance(error, HostileXmlError)
    assert words in str(error)


def test_garbage_and_other_xml_are_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.xml"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert isinstance(_one_error(garbage), NotACdaDocumentError)
    other = tmp_path / "other.xml"
    other.write_bytes(b"<ClinicalDocument/>")  # no HL7 namespace
    error = _one_error(other)
    assert isinstance(error, NotACdaDocumentError)
    assert "urn:hl7-org:v3" in str(error)


def test_xsl_wrapped_document_is_found(tmp_path: Path) -> None:
    inner = (cda_samples_folder() / "LDL-SES_2022.01.xml").read_bytes()
    body = inner.split(b"?>", 1)[1]  # drop the XML declaration
    wrapped = (
        b'<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        b'<xsl:template match="/">'
        + body.split(b"<ClinicalDocument", 1)[0].replace(b"<?", b"<!--?").replace(b"?>", b"?-->")
        + b"<ClinicalDocument"
        + body.split(b"<ClinicalDocument", 1)[1]
        + b"</xsl:template></xsl:stylesheet>"
    )
    path = tmp_path / "auto.xml"
    path.write_bytes(wrapped)
    reading = read_documents([path])
    assert reading.errors == ()
    assert reading.records[0].type.value == "discharge_letter"
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b'<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>')
    assert "auto-présentable" in str(_one_error(empty))


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(b"<a>" + b" " * 2000 + b"</a>")
    reading = read_documents([path], max_bytes=1000)
    assert isinstance(reading.errors[0], DocumentTooLargeError)


def test_zip_guards(tmp_path: Path) -> None:
    archive = tmp_path / "docs.zip"
    ldl = (cda_samples_folder() / "LDL-SES_2022.01.xml").read_bytes()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a/ldl.xml", ldl)
        z.writestr("../evil.xml", ldl)
        z.writestr("bomb.xml", b"<a>" + b" " * 5_000_000 + b"</a>")
        z.writestr("notes.txt", b"ignored")
    reading = read_documents([archive], max_bytes=1_000_000)
    assert [r.header.file for r in reading.records] == [f"{archive}!a/ldl.xml"]
    kinds = sorted(type(e).__name__ for e in reading.errors)
    assert kinds == ["DocumentReadError", "DocumentTooLargeError"]
    total = read_documents([archive], max_total_bytes=100_000)
    assert any("zip bomb" in str(e) for e in total.errors)
    members = read_documents([archive], max_members=2)
    assert isinstance(members.errors[0], DocumentReadError)
    corrupt = tmp_path / "corrupt.zip"
    corrupt.write_bytes(b"PK\x03\x04 not a zip")
    assert isinstance(read_documents([corrupt]).errors[0], DocumentReadError)
