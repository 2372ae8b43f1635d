"""The optional columns of a documents log: read when present, and which checks they enable.

A documents log may carry, beyond its required columns (:data:`~segur_numerique.sun_es.logs.inputs.DOCUMENT_COLUMNS`):

* ``structured`` (bool): the biology report is structured (CR-BIO level 3); empty for other types;
* ``dmp_status`` (text): ``accepted`` or ``rejected``, the DMP's answer to the submission; empty
  when it did not answer;
* ``set_id`` (text) and ``version`` (integer): the CDA ``setId`` and ``versionNumber`` (the
  versions of one document share the ``setId``);
* ``author_finess`` (text): the FINESS of the author organisation.

A column that is absent means the check it enables is **not made**; the result says which
(:func:`unchecked`), nothing is assumed silently.
"""

from __future__ import annotations

import enum
from typing import Any

import narwhals.stable.v2 as nw

from segur_numerique.core.text import Text
from segur_numerique.errors import UnreadableLogError

OPTIONAL_DOCUMENT_COLUMNS: tuple[str, ...] = (
    "structured",
    "dmp_status",
    "set_id",
    "version",
    "author_finess",
)
"""The optional columns of a documents table (absent: the check they enable is not made)."""

DMP_STATUSES: tuple[str, ...] = ("accepted", "rejected")
"""The values of ``dmp_status`` (empty: the DMP did not answer)."""

_TRUE = ("true", "1", "yes", "oui", "vrai")
_FALSE = ("false", "0", "no", "non", "faux")


class DocumentCheck(enum.Enum):
    """A check on documents that an optional column enables."""

    STRUCTURED = "structured"
    """Biology reports are structured (column ``structured``)."""
    DMP_STATUS = "dmp_status"
    """The DMP did not reject the document (column ``dmp_status``)."""
    VERSIONS = "versions"
    """Only the latest version of a document counts (columns ``set_id`` and ``version``)."""
    AUTHOR = "author"
    """The document was written by the stay's establishment (column ``author_finess``)."""

    def label(self) -> Text:
        """What is not checked when the column is absent, in French and English."""
        return _CHECK_LABELS[self]


_CHECK_LABELS = {
    DocumentCheck.STRUCTURED: Text(
        fr="structuration des comptes rendus de biologie (colonne structured absente : le type "
        "du document décide seul)",
        en="structure of biology reports (column structured absent: the document type alone "
        "decides)",
    ),
    DocumentCheck.DMP_STATUS: Text(
        fr="réponse du DMP (colonne dmp_status absente : un rejet n'est pas vu)",
        en="DMP answer (column dmp_status absent: a rejection is not seen)",
    ),
    DocumentCheck.VERSIONS: Text(
        fr="versions successives d'un document (colonnes set_id et version absentes : chaque "
        "version compte)",
        en="successive versions of a document (columns set_id and version absent: every version "
        "counts)",
    ),
    DocumentCheck.AUTHOR: Text(
        fr="établissement auteur (colonne author_finess absente : un document d'un autre "
        "établissement n'est pas vu)",
        en="author establishment (column author_finess absent: a document of another "
        "establishment is not seen)",
    ),
}


def _as_text(column: str) -> nw.Expr:
    return nw.col(column).cast(nw.String).str.strip_chars().str.to_lowercase()


def checks_made(columns: object) -> frozenset[DocumentCheck]:
    """The checks the optional columns among ``columns`` enable."""
    names = set(columns)  # type: ignore[call-overload]
    made = set()
    if "structured" in names:
        made.add(DocumentCheck.STRUCTURED)
    if "dmp_status" in names:
        made.add(DocumentCheck.DMP_STATUS)
    if {"set_id", "version"} <= names:
        made.add(DocumentCheck.VERSIONS)
    if "author_finess" in names:
        made.add(DocumentCheck.AUTHOR)
    return frozenset(made)


def unchecked(columns: object) -> tuple[DocumentCheck, ...]:
    """The checks not made for want of their optional column(s), in declaration order."""
    made = checks_made(columns)
    return tuple(c for c in DocumentCheck if c not in made)


def optional_fixes(schema: Any) -> list[nw.Expr]:
    """The casts giving the optional columns present in ``schema`` their one type each."""
    fixes: list[nw.Expr] = []
    for column in OPTIONAL_DOCUMENT_COLUMNS:
        if column not in schema:
            continue
        dtype = schema[column]
        if column == "structured":
            if dtype != nw.Boolean:
                # as text, then mapped (pandas holds booleans with gaps as objects: a cast to
                # booleans would turn an empty cell into False)
                text = _as_text(column)
                fixes.append(
                    nw.when(text.is_in(_TRUE))
                    .then(nw.lit(value=True))
                    .when(text.is_in(_FALSE))
                    .then(nw.lit(value=False))
                    .alias(column)
                )
        elif column == "version":
            # numbers are compared as they are (pandas holds integers with gaps as floats)
            if not dtype.is_numeric():
                fixes.append(nw.col(column).cast(nw.Int64))
        elif dtype != nw.String:
            fixes.append(nw.col(column).cast(nw.String))
    return fixes


def check_optional(raw: Any, name: str) -> None:
    """Refuse a value of an optional column that is not of its kind, naming the first such row.

    ``raw`` is the table as read (before :func:`optional_fixes`): a ``structured`` text that is
    not a yes/no word, a ``dmp_status`` that is not one of :data:`DMP_STATUSES`.
    """
    schema = raw.collect_schema()
    tests = {}
    if "structured" in schema and schema["structured"] != nw.Boolean:
        tests["structured"] = (
            ~nw.col("structured").is_null() & ~_as_text("structured").is_in((*_TRUE, *_FALSE)),
            "not a yes/no value (true/false, 1/0)",
        )
    if "dmp_status" in schema:
        dmp = nw.col("dmp_status").cast(nw.String)
        tests["dmp_status"] = (
            ~nw.col("dmp_status").is_null() & ~dmp.is_in(DMP_STATUSES),
            f"expected one of {', '.join(DMP_STATUSES)} or empty",
        )
    if not tests:
        return
    sums = raw.select(*(t.cast(nw.Int64).sum().alias(c) for c, (t, _m) in tests.items()))
    found = _rows(sums)[0]
    for column, (test, message) in tests.items():
        if found[column]:
            row = _rows(raw.filter(test).select("document_id").head(1))[0]
            raise UnreadableLogError(
                message, where=f"{name}: document_id {row['document_id']!r}, column {column}"
            )


def _rows(frame: Any) -> list[dict[str, Any]]:
    eager = frame.collect() if isinstance(frame, nw.LazyFrame) else frame
    rows: list[dict[str, Any]] = eager.rows(named=True)
    return rows
