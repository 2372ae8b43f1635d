"""SUN-ES usage indicators and domains, defined as data (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es]; the ARS Occitanie SUN-ES FAQ).

Each :class:`IndicatorDefinition` states explicitly what it counts: the unit counted (a stay or a
document), its numerator and denominator, the document types, the INS condition, the measurement
period and the stay types counted. What nobody could source (the measurement period of a window,
the stay types, the delay to send a document, whether unstructured biology reports enter the
denominator) is not guessed: each is the key of a declared unknown in
``sun_es/indicators.toml``, read with :meth:`~segur_numerique.RuleSet.read`, so that a
computation that needs it raises :class:`~segur_numerique.errors.MissingParameterError` naming it.

>>> d = indicator_definition("discharge_letter")
>>> d.basis.value, d.domain, [t.value for t in d.numerator_types]
('stay', 'discharge_documents', ['discharge_letter'])
>>> d.stay_types_key, d.send_delay_key
('sun_es.indicator.discharge_letter.stay_types', 'sun_es.indicator.discharge_letter.send_delay_days')
>>> [dom.id for dom in VOLET1.domains]
['discharge_documents', 'biology', 'imaging']
"""

from __future__ import annotations

import enum

import attrs

from segur_numerique.core.text import Text
from segur_numerique.errors import InvalidInputError


class Basis(enum.Enum):
    """What an indicator counts: stays (séjours) or documents."""

    STAY = "stay"
    """A rate of stays: a stay counts once if at least one qualifying document was sent for it."""
    DOCUMENT = "document"
    """A rate of documents: each document produced in the period counts once."""


class DocumentType(enum.Enum):
    """The closed set of document types a log may hold (an unknown type is an error)."""

    DISCHARGE_LETTER = "discharge_letter"
    """Lettre de liaison de sortie."""
    DISCHARGE_PRESCRIPTION = "discharge_prescription"
    """Ordonnance de sortie."""
    OPERATIVE_REPORT = "operative_report"
    """Compte rendu opératoire (CRO)."""
    BIOLOGY_REPORT_STRUCTURED = "biology_report_structured"
    """Compte rendu de biologie médicale structuré."""
    BIOLOGY_REPORT_UNSTRUCTURED = "biology_report_unstructured"
    """Compte rendu de biologie médicale non structuré (e.g. a PDF only)."""
    IMAGING_REPORT = "imaging_report"
    """Compte rendu d'imagerie."""
    OTHER = "other"
    """Any other document (counted by no volet 1 indicator)."""


class InsStatus(enum.Enum):
    """The status of the patient identity (RNIV): only a qualified INS counts.

    A log writes it in the column ``ins_status``; an empty value means no INS at all.
    """

    QUALIFIED = "qualified"
    """Identité qualifiée: the INS is retrieved from the national service and verified."""
    VALIDATED = "validated"
    """Identité validée (checked against an identity document, INS not retrieved)."""
    RETRIEVED = "retrieved"
    """Identité récupérée (INS retrieved, identity not checked)."""
    PROVISIONAL = "provisional"
    """Identité provisoire."""
    NONE = "none"
    """No INS."""
    TEST = "test"
    """A test INS (a root of the test range, used to test the INSi service): never counts."""


class Capability(enum.Enum):
    """What an establishment must have for an indicator or a domain to apply to it."""

    OPERATING_THEATRE = "operating_theatre"
    """A bloc opératoire (compte rendu opératoire indicator; the ARS Occitanie SUN-ES FAQ)."""
    OWN_LAB = "own_lab"
    """Its own medical biology lab under the same FINESS juridique (domain 2)."""
    OWN_IMAGING = "own_imaging"
    """Its own imaging platform under the same FINESS juridique (domain 3)."""


_QUALIFIED_INS = Text(
    fr="le document porte un INS qualifié (statut RNIV « identité qualifiée »)",
    en="the document carries a qualified INS (RNIV status 'identité qualifiée')",
)


@attrs.frozen
class IndicatorDefinition:
    """One SUN-ES usage indicator, with every part of its definition explicit.

    Attributes:
        id: the stable identifier (``discharge_letter``), used in target keys
            ``sun_es.target.<window>.<id>``.
        domain: the id of its domain.
        label: its name in French and English.
        basis: stays or documents.
        unit_counted: what one unit of the numerator and denominator is.
        numerator: what the numerator counts.
        denominator: what the denominator counts.
        numerator_types: the document types that can make a unit count.
        denominator_types: for a document-based indicator, the document types in the
            denominator (empty for a stay-based one: its denominator is stays).
        ins_condition: the identity condition on a counted document.
        measurement_period: how the measurement period applies.
        capability: what the establishment needs for the indicator to apply, if anything.
        definition_key: the sourced wording of the indicator.
        stay_types_key: the declared unknown giving the stay types counted.
        send_delay_key: the declared unknown giving the delay to send a document.
        bonus_key: for a possibly-bonus indicator, the conflicting value saying whether it is.
        unstructured_key: the declared unknown saying whether the unstructured variant of the
            document type enters the denominator (biology only).
    """

    id: str
    domain: str
    label: Text
    basis: Basis
    unit_counted: Text
    numerator: Text
    denominator: Text
    numerator_types: tuple[DocumentType, ...]
    denominator_types: tuple[DocumentType, ...]
    ins_condition: Text
    measurement_period: Text
    capability: Capability | None = None
    bonus_key: str | None = None
    unstructured_key: str | None = None

    @property
    def definition_key(self) -> str:
        """``sun_es.indicator.<id>.definition``: the sourced wording."""
        return f"sun_es.indicator.{self.id}.definition"

    @property
    def stay_types_key(self) -> str:
        """``sun_es.indicator.<id>.stay_types`` (a declared unknown)."""
        return f"sun_es.indicator.{self.id}.stay_types"

    @property
    def send_delay_key(self) -> str:
        """``sun_es.indicator.<id>.send_delay_days`` (a declared unknown)."""
        return f"sun_es.indicator.{self.id}.send_delay_days"

    def target_key(self, window: str) -> str:
        """``sun_es.target.<window>.<id>`` (a declared unknown, caller-supplied)."""
        return f"sun_es.target.{window}.{self.id}"


@attrs.frozen
class DomainDefinition:
    """A SUN-ES domain: its indicators, and what an establishment needs for it to apply."""

    id: str
    number: int
    label: Text
    indicators: tuple[str, ...]
    capability: Capability | None = None


@attrs.frozen
class VoletDefinition:
    """A SUN-ES volet. ``indicators_known`` is false for volet 2 (its indicators are unknown)."""

    id: str
    label: Text
    domains: tuple[DomainDefinition, ...]
    indicators_known: bool
    unknown_key: str | None = None


def _stay_indicator(
    id_: str, doc: DocumentType, label: Text, numerator: Text, **extra: object
) -> IndicatorDefinition:
    return IndicatorDefinition(
        id=id_,
        domain="discharge_documents",
        label=label,
        basis=Basis.STAY,
        unit_counted=Text(
            fr="séjour terminé (sortie) dans la période de mesure, d'un type d'activité compté",
            en="stay ended (discharge) in the measurement period, of a counted activity type",
        ),
        numerator=numerator,
        denominator=Text(
            fr="séjours de l'établissement sortis dans la période de mesure, des types comptés",
            en="stays of the establishment discharged in the measurement period, of the counted types",
        ),
        numerator_types=(doc,),
        denominator_types=(),
        ins_condition=_QUALIFIED_INS,
        measurement_period=Text(
            fr="la date de sortie du séjour est dans la période de mesure de la fenêtre",
            en="the discharge date of the stay lies in the measurement period of the window",
        ),
        **extra,  # type: ignore[arg-type]
    )


def _sent_within(what_fr: str, what_en: str) -> tuple[str, str]:
    return (
        f"{what_fr}, envoyé au DMP au plus tard le nombre de jours de délai après la sortie",
        f"{what_en}, sent to the DMP at the latest the delay in days after discharge",
    )


INDICATORS: tuple[IndicatorDefinition, ...] = (
    _stay_indicator(
        "discharge_letter",
        DocumentType.DISCHARGE_LETTER,
        Text(fr="Lettre de liaison de sortie", en="Discharge letter (lettre de liaison)"),
        Text(
            *_sent_within(
                "séjours du dénominateur pour lesquels au moins une lettre de liaison avec INS qualifié",
                "stays of the denominator with at least one discharge letter with a qualified INS",
            )
        ),
    ),
    _stay_indicator(
        "discharge_prescription",
        DocumentType.DISCHARGE_PRESCRIPTION,
        Text(fr="Ordonnance de sortie", en="Discharge prescription (ordonnance de sortie)"),
        Text(
            *_sent_within(
                "séjours du dénominateur pour lesquels au moins une ordonnance de sortie avec INS qualifié",
                "stays of the denominator with at least one discharge prescription with a qualified INS",
            )
        ),
    ),
    _stay_indicator(
        "operative_report",
        DocumentType.OPERATIVE_REPORT,
        Text(fr="Compte rendu opératoire (CRO)", en="Operative report (CRO)"),
        Text(
            *_sent_within(
                "séjours du dénominateur pour lesquels au moins un compte rendu opératoire avec INS qualifié",
                "stays of the denominator with at least one operative report with a qualified INS",
            )
        ),
        capability=Capability.OPERATING_THEATRE,
        bonus_key="sun_es.indicator.operative_report.is_bonus",
    ),
    IndicatorDefinition(
        id="biology_report",
        domain="biology",
        label=Text(
            fr="Comptes rendus de biologie médicale structurés",
            en="Structured medical biology reports",
        ),
        basis=Basis.DOCUMENT,
        unit_counted=Text(
            fr="compte rendu de biologie produit dans la période, pour un séjour ou passage d'un type compté",
            en="biology report produced in the period, for a stay or visit of a counted type",
        ),
        numerator=Text(
            fr="comptes rendus structurés du dénominateur envoyés au DMP avec INS qualifié dans le délai après leur production",
            en="structured reports of the denominator sent to the DMP with a qualified INS within the delay after production",
        ),
        denominator=Text(
            fr="comptes rendus de biologie structurés (et non structurés si le paramètre le dit) produits dans la période",
            en="structured biology reports (and unstructured ones if the parameter says so) produced in the period",
        ),
        numerator_types=(DocumentType.BIOLOGY_REPORT_STRUCTURED,),
        denominator_types=(
            DocumentType.BIOLOGY_REPORT_STRUCTURED,
            DocumentType.BIOLOGY_REPORT_UNSTRUCTURED,
        ),
        ins_condition=_QUALIFIED_INS,
        measurement_period=Text(
            fr="la date de production du document est dans la période de mesure",
            en="the production date of the document lies in the measurement period",
        ),
        capability=Capability.OWN_LAB,
        unstructured_key="sun_es.indicator.biology_report.unstructured_in_denominator",
    ),
    IndicatorDefinition(
        id="imaging_report",
        domain="imaging",
        label=Text(fr="Comptes rendus d'imagerie", en="Imaging reports"),
        basis=Basis.DOCUMENT,
        unit_counted=Text(
            fr="compte rendu d'imagerie produit dans la période, pour un séjour ou passage d'un type compté",
            en="imaging report produced in the period, for a stay or visit of a counted type",
        ),
        numerator=Text(
            fr="comptes rendus du dénominateur envoyés au DMP avec INS qualifié dans le délai après leur production",
            en="reports of the denominator sent to the DMP with a qualified INS within the delay after production",
        ),
        denominator=Text(
            fr="comptes rendus d'imagerie produits dans la période",
            en="imaging reports produced in the period",
        ),
        numerator_types=(DocumentType.IMAGING_REPORT,),
        denominator_types=(DocumentType.IMAGING_REPORT,),
        ins_condition=_QUALIFIED_INS,
        measurement_period=Text(
            fr="la date de production du document est dans la période de mesure",
            en="the production date of the document lies in the measurement period",
        ),
        capability=Capability.OWN_IMAGING,
    ),
)
"""The five volet 1 indicators (the ARS Occitanie SUN-ES FAQ), in a stable order."""

_BY_ID = {d.id: d for d in INDICATORS}

VOLET1 = VoletDefinition(
    id="volet1",
    label=Text(
        fr="Volet 1 : alimentation du DMP / Mon espace santé",
        en="Volet 1: feeding the DMP / Mon espace santé",
    ),
    domains=(
        DomainDefinition(
            id="discharge_documents",
            number=1,
            label=Text(fr="Domaine 1 : documents de sortie", en="Domain 1: discharge documents"),
            indicators=("discharge_letter", "discharge_prescription", "operative_report"),
        ),
        DomainDefinition(
            id="biology",
            number=2,
            label=Text(fr="Domaine 2 : biologie médicale", en="Domain 2: medical biology"),
            indicators=("biology_report",),
            capability=Capability.OWN_LAB,
        ),
        DomainDefinition(
            id="imaging",
            number=3,
            label=Text(fr="Domaine 3 : imagerie", en="Domain 3: imaging"),
            indicators=("imaging_report",),
            capability=Capability.OWN_IMAGING,
        ),
    ),
    indicators_known=True,
)
"""SUN-ES volet 1 and its three domains (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es])."""

VOLET2 = VoletDefinition(
    id="volet2",
    label=Text(
        fr="Volet 2 : messageries sécurisées (MSSanté professionnelle et citoyenne)",
        en="Volet 2: secure messaging (professional and citizen MSSanté)",
    ),
    domains=(),
    indicators_known=False,
    unknown_key="sun_es.volet2.indicators",
)
"""SUN-ES volet 2: declared, its domains and indicators unknown (``sun_es.volet2.indicators``)."""


def indicator_definition(indicator_id: str) -> IndicatorDefinition:
    """The definition of a volet 1 indicator by its id.

    Raises:
        InvalidInputError: no indicator has that id.
    """
    try:
        return _BY_ID[indicator_id]
    except KeyError:
        raise InvalidInputError(
            f"unknown indicator {indicator_id!r}; expected one of {', '.join(_BY_ID)}",
            where="indicator",
        ) from None


def domain_definition(domain_id: str) -> DomainDefinition:
    """The definition of a volet 1 domain by its id (``discharge_documents``, ``biology``, ``imaging``)."""
    for domain in VOLET1.domains:
        if domain.id == domain_id:
            return domain
    raise InvalidInputError(
        f"unknown domain {domain_id!r}; expected one of {', '.join(d.id for d in VOLET1.domains)}",
        where="domain",
    )


def indicator_for_type(doc_type: DocumentType) -> IndicatorDefinition | None:
    """The indicator whose denominator or numerator a document type belongs to, if any."""
    for definition in INDICATORS:
        if doc_type in definition.numerator_types or doc_type in definition.denominator_types:
            return definition
    return None
