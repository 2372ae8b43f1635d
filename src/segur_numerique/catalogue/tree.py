"""The catalogue tree: each programme's key, label, payee, parent and the keys of its figures.

The tree is fixed by the rules (rules digest, Ségur Numérique §1 [docs: explanation/rules/segur]); the figures are not written here, only the rule keys
they are read from (``catalogue/programmes.toml``), so the same tree serves every date and rule set.

>>> [s.key for s in SPECS if s.parent == "sun_es"]
['sun_es.volet1', 'sun_es.volet2']
>>> SPECS_BY_KEY["sons"].payee.label().en
'software vendors, on behalf of their clients (purchase on behalf)'
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from segur_numerique.core.text import Text


class Payee(enum.Enum):
    """Who receives a programme's money."""

    HEALTH_ESTABLISHMENTS = "health_establishments"
    SOFTWARE_VENDORS = "software_vendors"
    SOCIAL_CARE_ESTABLISHMENTS = "social_care_establishments"
    SELF_EMPLOYED_DOCTORS = "self_employed_doctors"
    REGIONAL_HEALTH_AGENCIES = "regional_health_agencies"
    SEVERAL = "several"

    def label(self) -> Text:
        """The payee in French and English."""
        return _PAYEE_LABELS[self]


_PAYEE_LABELS = {
    Payee.HEALTH_ESTABLISHMENTS: Text(
        fr="établissements de santé (versement direct)", en="health establishments (paid directly)"
    ),
    Payee.SOFTWARE_VENDORS: Text(
        fr="éditeurs de logiciels, pour le compte des clients (achat pour compte)",
        en="software vendors, on behalf of their clients (purchase on behalf)",
    ),
    Payee.SOCIAL_CARE_ESTABLISHMENTS: Text(
        fr="ESMS et leurs organismes gestionnaires (grappes)",
        en="social-care establishments and their managing bodies (grappes)",
    ),
    Payee.SELF_EMPLOYED_DOCTORS: Text(
        fr="médecins libéraux (forfait structure, Assurance maladie)",
        en="self-employed doctors (forfait structure, national health insurance)",
    ),
    Payee.REGIONAL_HEALTH_AGENCIES: Text(
        fr="ARS, par le fonds d'intervention régional (FIR)",
        en="regional health agencies (ARS), through the regional intervention fund (FIR)",
    ),
    Payee.SEVERAL: Text(fr="plusieurs (voir les sous-programmes)", en="several (see the parts)"),
}


@attrs.frozen
class ProgrammeSpec:
    """A programme as the catalogue fixes it: its place in the tree and the keys of its figures.

    ``envelope``, ``period``, ``duration`` and ``share`` are rule keys (read with their provenance
    by :func:`segur_numerique.catalogue.programme.lookup`), not figures.
    """

    key: str
    label: Text
    payee: Payee
    parent: str | None = None
    envelope: str | None = None
    period: str | None = None
    duration: str | None = None
    share: str | None = None
    description: Text | None = None


SPECS: tuple[ProgrammeSpec, ...] = (
    ProgrammeSpec(
        "segur",
        Text(
            fr="Ségur Numérique (volet numérique du Ségur de la santé)",
            en="Ségur Numérique (digital strand of the Ségur de la santé)",
        ),
        Payee.SEVERAL,
        envelope="segur.envelope.total",
        duration="segur.duration",
        description=Text(
            fr="Annoncé en juillet 2020 ; 1,4 Md€ pour le sanitaire et 600 M€ pour le médico-social.",
            en="Announced in July 2020; 1.4 Md€ for health care and 600 M€ for social care.",
        ),
    ),
    ProgrammeSpec(
        "segur.sanitaire",
        Text(
            fr="Ségur Numérique sanitaire : partage sécurisé des données de santé",
            en="Ségur Numérique, health sector: secure sharing of health data",
        ),
        Payee.SEVERAL,
        parent="segur",
        envelope="segur.sanitaire.envelope",
        period="segur.sanitaire.period",
    ),
    ProgrammeSpec(
        "sons",
        Text(
            fr="SONS (Système ouvert et non sélectif) : financement à l'équipement",
            en="SONS (open, non-selective scheme): equipment funding",
        ),
        Payee.SOFTWARE_VENDORS,
        parent="segur.sanitaire",
        envelope="sons.envelope",
        description=Text(
            fr="L'État paie l'éditeur d'un logiciel référencé pour une « Prestation Ségur », sans reste à charge pour le client.",
            en="The State pays the vendor of referenced software for a 'Prestation Ségur', at no cost to the client.",
        ),
    ),
    ProgrammeSpec(
        "sun_es",
        Text(
            fr="SUN-ES (Ségur Usage Numérique en Établissements de santé)",
            en="SUN-ES (Ségur digital usage in health establishments)",
        ),
        Payee.HEALTH_ESTABLISHMENTS,
        parent="segur.sanitaire",
        envelope="sun_es.envelope.total",
        period="sun_es.period",
        description=Text(
            fr="Forfaits versés aux établissements de santé qui atteignent des cibles d'usage ; prolonge HOP'EN.",
            en="Lump sums paid to health establishments that reach usage targets; continues HOP'EN.",
        ),
    ),
    ProgrammeSpec(
        "sun_es.volet1",
        Text(
            fr="SUN-ES volet 1 : alimentation du DMP / Mon espace santé",
            en="SUN-ES volet 1: feeding the DMP / Mon espace santé",
        ),
        Payee.HEALTH_ESTABLISHMENTS,
        parent="sun_es",
        envelope="sun_es.volet1.envelope",
        share="sun_es.volet_share.volet1",
    ),
    ProgrammeSpec(
        "sun_es.volet1.domain1",
        Text(
            fr="SUN-ES volet 1, domaine 1 : documents de sortie",
            en="SUN-ES volet 1, domain 1: discharge documents",
        ),
        Payee.HEALTH_ESTABLISHMENTS,
        parent="sun_es.volet1",
        envelope="sun_es.volet1.domain1.envelope",
    ),
    ProgrammeSpec(
        "sun_es.volet1.domain2",
        Text(
            fr="SUN-ES volet 1, domaine 2 : biologie médicale",
            en="SUN-ES volet 1, domain 2: medical biology",
        ),
        Payee.HEALTH_ESTABLISHMENTS,
        parent="sun_es.volet1",
        envelope="sun_es.volet1.domain2.envelope",
    ),
    ProgrammeSpec(
        "sun_es.volet1.domain3",
        Text(fr="SUN-ES volet 1, domaine 3 : imagerie", en="SUN-ES volet 1, domain 3: imaging"),
        Payee.HEALTH_ESTABLISHMENTS,
        parent="sun_es.volet1",
        envelope="sun_es.volet1.domain3.envelope",
    ),
    ProgrammeSpec(
        "sun_es.volet2",
        Text(
            fr="SUN-ES volet 2 : messageries sécurisées (MSSanté professionnelle et citoyenne)",
            en="SUN-ES volet 2: secure messaging (professional and citizen MSSanté)",
        ),
        Payee.HEALTH_ESTABLISHMENTS,
        parent="sun_es",
        envelope="sun_es.volet2.envelope",
        share="sun_es.volet_share.volet2",
    ),
    ProgrammeSpec(
        "segur.medico_social",
        Text(fr="Ségur Numérique médico-social", en="Ségur Numérique, social-care sector"),
        Payee.SOCIAL_CARE_ESTABLISHMENTS,
        parent="segur",
        envelope="segur.medico_social.envelope",
        period="segur.medico_social.period",
    ),
    ProgrammeSpec(
        "esms_numerique",
        Text(fr="Programme ESMS numérique", en="ESMS numérique programme (social care)"),
        Payee.SOCIAL_CARE_ESTABLISHMENTS,
        parent="segur.medico_social",
        envelope="segur.medico_social.envelope",
        period="segur.medico_social.period",
        description=Text(
            fr="Porte l'enveloppe médico-sociale du Ségur : même enveloppe, même période.",
            en="Carries the social-care envelope of the Ségur: same envelope, same period.",
        ),
    ),
    ProgrammeSpec(
        "avenant9",
        Text(
            fr="Avenant 9 à la convention médicale : incitations à l'usage numérique des médecins libéraux",
            en="Avenant 9 to the doctors' convention: digital usage incentives for self-employed doctors",
        ),
        Payee.SELF_EMPLOYED_DOCTORS,
        parent="segur",
        envelope="avenant9.usage.envelope",
        period="avenant9.usage.period",
        description=Text(
            fr="Financé par l'Assurance maladie ; hors de la répartition 1,4 Md€ + 600 M€.",
            en="Funded by the national health insurance; outside the 1.4 Md€ + 600 M€ split.",
        ),
    ),
    ProgrammeSpec(
        "hopen",
        Text(
            fr="HOP'EN (Hôpital numérique ouvert sur son environnement)",
            en="HOP'EN (digital hospital open to its environment)",
        ),
        Payee.HEALTH_ESTABLISHMENTS,
        envelope="hopen.envelope",
        period="hopen.period",
        description=Text(
            fr="Prédécesseur de SUN-ES (instruction DGOS du 12 février 2019).",
            en="Predecessor of SUN-ES (DGOS instruction of 12 February 2019).",
        ),
    ),
    ProgrammeSpec(
        "e_parcours",
        Text(fr="Programme e-parcours", en="e-parcours programme (care-pathway coordination)"),
        Payee.REGIONAL_HEALTH_AGENCIES,
        envelope="e_parcours.envelope",
        period="e_parcours.period",
        description=Text(
            fr="Services numériques de coordination ; instruction DGOS du 24 mai 2019.",
            en="Digital coordination services; DGOS instruction of 24 May 2019.",
        ),
    ),
)
SPECS_BY_KEY: Mapping[str, ProgrammeSpec] = {s.key: s for s in SPECS}
"""The specs by programme key."""
