"""The document type of a CDA header code: shipped rule data (``types.toml`` next to this file).

Each key ``sun_es.document.loinc.<code>`` holds a :class:`~segur_numerique.sun_es.indicators.DocumentType`
value (status ``inferred``, source: the ANS value set JDV_J07-XdsTypeCode-CISIS); a caller
overrides it like any rule value. A code without a key, or a code outside LOINC, is ``other``.
The biology code maps to ``biology_report_structured``; a biology report that is not structured
(templateId ``1.2.250.1.213.1.1.1.55`` and a ``structuredBody``) becomes
``biology_report_unstructured``.
"""

from __future__ import annotations

from segur_numerique.core.explanation import ParameterRead
from segur_numerique.errors import RuleDataError
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.documents.cda import LOINC, CdaHeader
from segur_numerique.sun_es.indicators import DocumentType

TYPE_KEY_PREFIX = "sun_es.document.loinc."
"""The prefix of the rule keys mapping a LOINC code to a document type."""


def type_key(code: str) -> str:
    """The rule key of a LOINC code (``sun_es.document.loinc.11490-0``)."""
    return f"{TYPE_KEY_PREFIX}{code}"


def document_type(header: CdaHeader, rules: RuleSet) -> tuple[DocumentType, ParameterRead | None]:
    """The document type of ``header`` and the rule value it was read from (``None``: none).

    Raises:
        RuleDataError: the rule value is not a document type (a bad override).
    """
    if header.type_code is None or header.type_system != LOINC:
        return DocumentType.OTHER, None
    key = type_key(header.type_code)
    if key not in rules:
        return DocumentType.OTHER, None
    read = rules.read(key)
    try:
        found = DocumentType(read.value)
    except ValueError:
        raise RuleDataError(
            f"not a document type: {read.value!r}; expected one of "
            f"{', '.join(t.value for t in DocumentType)}",
            file=rules.value(key).file,
            path=f'values."{key}"',
        ) from None
    if found is DocumentType.BIOLOGY_REPORT_STRUCTURED and not header.structured:
        found = DocumentType.BIOLOGY_REPORT_UNSTRUCTURED
    return found, read
