"""The programme catalogue: the Ségur Numérique tree and its neighbours (RULES.md §1).

The tree is fixed by the rules; the numbers are not written here. Every envelope, period and
share is read from the rule data (``catalogue/programmes.toml``, ``sun_es/outcomes.toml``) with its
provenance, so a :class:`Programme` says where each figure comes from, how sure it is
(confirmed, secondary, inferred, conflicting) and which version of a conflicting figure it uses::

    Ségur Numérique (2 Md€)
    ├── sanitaire (1,4 Md€, 2021-2023)
    │   ├── SONS (465 M€, paid to software vendors)
    │   └── SUN-ES (210 M€, 2021-2024, paid to health establishments)
    │       ├── volet 1 (158 M€): domain 1 (123 M€), domain 2 (11 M€), domain 3 (24 M€)
    │       └── volet 2 (52 M€)
    ├── médico-social (600 M€ or 630 M€, conflicting)
    │   └── ESMS numérique (the same envelope)
    └── avenant 9 usage incentives (300 M€, secondary; outside the 1,4 + 0,6 split)
    HOP'EN (420 M€, 2019-2023), predecessor of SUN-ES
    e-parcours (150 M€ via the FIR, 2018-2022, extended to end 2023: secondary)

>>> sun_es = programme("sun_es")
>>> sun_es.label.fr, sun_es.english_name
('SUN-ES (Ségur Usage Numérique en Établissements de santé)', 'SUN-ES (Ségur digital usage in health establishments)')
>>> sun_es.envelope.value, sun_es.children
(Euro('210000000.00'), ('sun_es.volet1', 'sun_es.volet2'))
>>> programme("sun-es")
Traceback (most recent call last):
...
segur_numerique._catalogue.UnknownProgrammeError: unknown programme 'sun-es'; did you mean sun_es, sons, sun_es.volet2?
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
from collections.abc import Mapping

import attrs

from segur_numerique._rules import RuleSet, load_rules
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.money import Euro, euro_sum
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.values import JsonValue, encode_value, render_value
from segur_numerique.errors import SegurError
from segur_numerique.rules.provenance import Source, Status, Unit


class UnknownProgrammeError(SegurError, KeyError):
    """No programme of the catalogue has this key.

    Attributes:
        key: the key asked for.
        suggestions: the closest programme keys.
    """

    def __init__(self, key: str, *, suggestions: tuple[str, ...] = ()) -> None:
        self.key = key
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown programme {key!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


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
class _Spec:
    key: str
    label: Text
    payee: Payee
    parent: str | None = None
    envelope: str | None = None
    period: str | None = None
    duration: str | None = None
    share: str | None = None
    description: Text | None = None


_SPECS: tuple[_Spec, ...] = (
    _Spec(
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
    _Spec(
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
    _Spec(
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
    _Spec(
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
    _Spec(
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
    _Spec(
        "sun_es.volet1.domain1",
        Text(
            fr="SUN-ES volet 1, domaine 1 : documents de sortie",
            en="SUN-ES volet 1, domain 1: discharge documents",
        ),
        Payee.HEALTH_ESTABLISHMENTS,
        parent="sun_es.volet1",
        envelope="sun_es.volet1.domain1.envelope",
    ),
    _Spec(
        "sun_es.volet1.domain2",
        Text(
            fr="SUN-ES volet 1, domaine 2 : biologie médicale",
            en="SUN-ES volet 1, domain 2: medical biology",
        ),
        Payee.HEALTH_ESTABLISHMENTS,
        parent="sun_es.volet1",
        envelope="sun_es.volet1.domain2.envelope",
    ),
    _Spec(
        "sun_es.volet1.domain3",
        Text(fr="SUN-ES volet 1, domaine 3 : imagerie", en="SUN-ES volet 1, domain 3: imaging"),
        Payee.HEALTH_ESTABLISHMENTS,
        parent="sun_es.volet1",
        envelope="sun_es.volet1.domain3.envelope",
    ),
    _Spec(
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
    _Spec(
        "segur.medico_social",
        Text(fr="Ségur Numérique médico-social", en="Ségur Numérique, social-care sector"),
        Payee.SOCIAL_CARE_ESTABLISHMENTS,
        parent="segur",
        envelope="segur.medico_social.envelope",
        period="segur.medico_social.period",
    ),
    _Spec(
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
    _Spec(
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
    _Spec(
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
    _Spec(
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
_BY_KEY: Mapping[str, _Spec] = {s.key: s for s in _SPECS}


def _read(
    rules: RuleSet, key: str | None, on: dt.date | None, choices: Mapping[str, str]
) -> tuple[ParameterRead | None, Text | None]:
    if key is None:
        return None, None
    read = rules.read(key, on=on, alternative=choices.get(key))
    return read, rules.value(key).as_known_on(on).note


def _notes(*pairs: tuple[ParameterRead | None, Text | None]) -> tuple[Text, ...]:
    return tuple(note for read, note in pairs if read is not None and note is not None)


def _reads_explanation(
    rule: str,
    title: Text,
    outcome: Text,
    *,
    result: object,
    reads: tuple[ParameterRead, ...],
    notes: tuple[Text, ...],
    inputs: tuple[InputValue, ...] = (),
) -> Explanation:
    flagged = tuple(
        Text(
            fr=f"{r.key} : statut « {r.status.label().fr} »"
            + (f", version « {r.alternative} » retenue" if r.alternative else ""),
            en=f"{r.key}: status '{r.status.label().en}'"
            + (f", version '{r.alternative}' used" if r.alternative else ""),
        )
        for r in reads
        if r.status is not Status.CONFIRMED
    )
    return Explanation(
        rule=rule,
        title=title,
        outcome=outcome,
        result=result,
        inputs=inputs,
        parameters=reads,
        assumptions=flagged + notes,
    )


@attrs.frozen
class Programme:
    """A programme of the catalogue, with its figures read from the rule data.

    Attributes:
        key: a stable dotted key (``sun_es.volet1``).
        label: the French label (``label.fr``) and the English name (``label.en``).
        payee: who receives the money.
        parent: the key of the enclosing programme, if any.
        children: the keys of its parts, in catalogue order.
        envelope: the envelope as read (with provenance), if the sources give one.
        period: the period as read, if the sources give one.
        duration: the duration in years as read, when only a duration is sourced (Ségur).
        share: the share of the parent's envelope as published, if any.
        description: one sentence on what the programme is.
        notes: the notes of the figures read (approximations, why a default was chosen).
        as_known_on: the date the figures were read on (``None``: latest versions).
    """

    key: str
    label: Text
    payee: Payee
    parent: str | None
    children: tuple[str, ...]
    envelope: ParameterRead | None
    period: ParameterRead | None
    duration: ParameterRead | None
    share: ParameterRead | None
    description: Text | None
    notes: tuple[Text, ...]
    as_known_on: dt.date | None = None

    @property
    def french_label(self) -> str:
        """The French label."""
        return self.label.fr

    @property
    def english_name(self) -> str:
        """The English name."""
        return self.label.en

    @property
    def reads(self) -> tuple[ParameterRead, ...]:
        """Every rule value read for this programme."""
        return tuple(
            r for r in (self.envelope, self.period, self.duration, self.share) if r is not None
        )

    @property
    def sources(self) -> tuple[Source, ...]:
        """The documents behind its figures, each once, in order of first use."""
        seen: dict[Source, None] = {}
        for read in self.reads:
            for source in read.sources:
                seen.setdefault(source, None)
        return tuple(seen)

    @property
    def explanation(self) -> Explanation:
        """Where the programme's figures come from, as an :class:`Explanation`."""
        shown = (
            render_value(self.envelope.value, "fr") if self.envelope else "enveloppe non publiée",
            render_value(self.envelope.value, "en") if self.envelope else "no published envelope",
        )
        return _reads_explanation(
            f"catalogue.programme.{self.key}",
            self.label,
            Text(
                fr=f"{self.label.fr} : {shown[0]} ; bénéficiaires : {self.payee.label().fr}",
                en=f"{self.label.en}: {shown[1]}; payee: {self.payee.label().en}",
            ),
            result=self.envelope.value if self.envelope else None,
            reads=self.reads,
            notes=self.notes,
            inputs=(InputValue("programme", self.key), InputValue("on", self.as_known_on)),
        )

    def render(self, lang: Lang = "fr") -> str:
        """One line: label, envelope, period, status flags."""
        lang = check_lang(lang)
        parts = [self.label.in_(lang)]
        for read in self.reads:
            flag = "" if read.status is Status.CONFIRMED else f" [{read.status.label().in_(lang)}]"
            shown = render_value(read.value, lang)
            if read.unit is Unit.YEARS:
                shown += " ans" if lang == "fr" else " years"
            parts.append(f"{shown}{flag}")
        return " — ".join(parts)

    def to_json(self) -> dict[str, JsonValue]:
        """The programme as a JSON object (figures with their provenance)."""
        return {
            "key": self.key,
            "label": self.label.to_json(),
            "payee": self.payee.value,
            "parent": self.parent,
            "children": list(self.children),
            "envelope": self.envelope.to_json() if self.envelope else None,
            "period": self.period.to_json() if self.period else None,
            "duration": self.duration.to_json() if self.duration else None,
            "share": self.share.to_json() if self.share else None,
            "description": self.description.to_json() if self.description else None,
            "notes": [n.to_json() for n in self.notes],
            "as_known_on": encode_value(self.as_known_on),
        }


def programme_keys() -> tuple[str, ...]:
    """The keys of the catalogue, parents before their children.

    >>> programme_keys()[:3]
    ('segur', 'segur.sanitaire', 'sons')
    """
    return tuple(s.key for s in _SPECS)


def _build(
    spec: _Spec, rules: RuleSet, on: dt.date | None, choices: Mapping[str, str]
) -> Programme:
    envelope = _read(rules, spec.envelope, on, choices)
    period = _read(rules, spec.period, on, choices)
    duration = _read(rules, spec.duration, on, choices)
    share = _read(rules, spec.share, on, choices)
    return Programme(
        key=spec.key,
        label=spec.label,
        payee=spec.payee,
        parent=spec.parent,
        children=tuple(s.key for s in _SPECS if s.parent == spec.key),
        envelope=envelope[0],
        period=period[0],
        duration=duration[0],
        share=share[0],
        description=spec.description,
        notes=_notes(envelope, period, duration, share),
        as_known_on=on,
    )


def _check_choices(rules: RuleSet, choices: Mapping[str, str]) -> None:
    for key in choices:
        rules.value(key)  # raises UnknownRuleError on a typo


def programme(
    key: str,
    rules: RuleSet | None = None,
    *,
    on: dt.date | None = None,
    choices: Mapping[str, str] | None = None,
) -> Programme:
    """The programme called ``key``, its figures read from ``rules`` as known on ``on``.

    Args:
        key: a key of :func:`programme_keys` (``"sun_es"``, ``"hopen"``...).
        rules: the rule set (default: the official data).
        on: read the figures as known on this date (default: the latest versions).
        choices: for conflicting figures, the alternative to use, by rule key
            (``{"segur.medico_social.envelope": "630M"}``); others use their documented default.

    Raises:
        UnknownProgrammeError: no programme has that key (the error suggests close keys).
        MissingParameterError: a figure is not yet known on ``on``.

    >>> programme("segur.medico_social").envelope.alternative
    '600M'
    >>> programme("esms_numerique", choices={"segur.medico_social.envelope": "630M"}).envelope.value
    Euro('630000000.00')
    """
    spec = _BY_KEY.get(key)
    if spec is None:
        close = tuple(difflib.get_close_matches(key, list(_BY_KEY), n=3, cutoff=0.5))
        raise UnknownProgrammeError(key, suggestions=close)
    rules = rules or load_rules()
    _check_choices(rules, choices or {})
    return _build(spec, rules, on, choices or {})


def programmes(
    rules: RuleSet | None = None,
    *,
    on: dt.date | None = None,
    choices: Mapping[str, str] | None = None,
) -> tuple[Programme, ...]:
    """Every programme of the catalogue, parents before children (see :func:`programme`).

    Programmes whose figures are not yet known on ``on`` are left out (HOP'EN is known from
    2019, SUN-ES from August 2021...).

    >>> [p.key for p in programmes() if p.parent is None]
    ['segur', 'hopen', 'e_parcours']
    >>> [p.key for p in programmes(on=dt.date(2019, 6, 1))]
    ['hopen', 'e_parcours']
    """
    rules = rules or load_rules()
    _check_choices(rules, choices or {})
    found = []
    for spec in _SPECS:
        keys = [k for k in (spec.envelope, spec.period, spec.duration, spec.share) if k]
        if on is not None and any(rules.value(k).versions[0].since > on for k in keys):
            continue
        found.append(_build(spec, rules, on, choices or {}))
    return tuple(found)


def programme_tree(programmes_: tuple[Programme, ...], lang: Lang = "fr") -> str:
    """The programmes as an indented tree, one line each (see :meth:`Programme.render`)."""
    by_key = {p.key: p for p in programmes_}

    def depth(p: Programme) -> int:
        return 0 if p.parent is None or p.parent not in by_key else 1 + depth(by_key[p.parent])

    return "\n".join("  " * depth(p) + p.render(lang) for p in programmes_)


# --------------------------------------------------------------------------------------------
# SUN-ES: partial regional envelopes and window 1 outcomes (RULES.md §1 and §2.5)


@attrs.frozen
class RegionalEnvelope:
    """A SUN-ES regional envelope found in a source (the list is partial: RULES.md §1).

    Attributes:
        region: a short region code (``ara``, ``idf``, ``occitanie``, ``hdf``, ``bfc``, ``dom``).
        amount: the amount as read, with its provenance.
        note: what the amount covers or how approximate it is, if the source says.
    """

    region: str
    amount: ParameterRead
    note: Text | None

    @property
    def label(self) -> Text:
        """The region (and scope) in French and English."""
        return self.amount.label

    @property
    def explanation(self) -> Explanation:
        """Where the amount comes from."""
        return _reads_explanation(
            f"catalogue.sun_es.region.{self.region}",
            self.amount.label,
            Text(
                fr=render_value(self.amount.value, "fr"), en=render_value(self.amount.value, "en")
            ),
            result=self.amount.value,
            reads=(self.amount,),
            notes=(self.note,) if self.note else (),
        )


_REGIONS = (
    ("ara", "sun_es.region.ara.envelope"),
    ("idf", "sun_es.region.idf.envelope"),
    ("occitanie", "sun_es.region.occitanie.envelope"),
    ("hdf", "sun_es.region.hdf.envelope"),
    ("bfc", "sun_es.region.bfc.volet1.envelope"),
    ("dom", "sun_es.region.dom.envelope"),
)


def regional_envelopes(
    rules: RuleSet | None = None, *, on: dt.date | None = None
) -> tuple[RegionalEnvelope, ...]:
    """The SUN-ES regional envelopes found in sources, as known on ``on``.

    Partial: the other regions are unknown, and these amounts do not add up to 210 M€ (BFC
    covers volet 1 only; the DOM figure is credits delegated in December 2022).

    >>> [(r.region, str(r.amount.value)) for r in regional_envelopes()][:2]
    [('ara', '24 900 000,00 €'), ('idf', '21 000 000,00 €')]
    """
    rules = rules or load_rules()
    out = []
    for region, key in _REGIONS:
        value = rules.value(key)
        if on is not None and value.versions[0].since > on:
            continue
        out.append(RegionalEnvelope(region, value.read(on), value.as_known_on(on).note))
    return tuple(out)


def regional_total(envelopes: tuple[RegionalEnvelope, ...]) -> Euro:
    """The sum of the regional amounts found: not an official figure (partial, mixed scopes).

    >>> regional_total(regional_envelopes())
    Euro('86443800.00')
    """
    amounts = [r.amount.value for r in envelopes]
    return euro_sum(a for a in amounts if isinstance(a, Euro))


_OUTCOME_FIELDS = (
    "applications",
    "applicants_activity_share",
    "applicants_eligible_es_share",
    "selected",
    "acceptance_rate",
    "selected_es_share",
    "selected_activity_share",
)


@attrs.frozen
class Window1Outcomes:
    """The national outcomes of SUN-ES window 1 (RULES.md §2.5), each as read with provenance.

    ``applications`` and ``selected`` are conflicting counts (990 vs 985, 879 vs 875); the shares
    ``applicants_eligible_es_share`` (over 32 %) and ``acceptance_rate`` (about 90 %) are
    bounds or approximations, said in :attr:`notes`.
    """

    applications: ParameterRead
    applicants_activity_share: ParameterRead
    applicants_eligible_es_share: ParameterRead
    selected: ParameterRead
    acceptance_rate: ParameterRead
    selected_es_share: ParameterRead
    selected_activity_share: ParameterRead
    notes: tuple[Text, ...]

    @property
    def reads(self) -> tuple[ParameterRead, ...]:
        """The seven figures, in order."""
        return tuple(getattr(self, name) for name in _OUTCOME_FIELDS)

    @property
    def explanation(self) -> Explanation:
        """Where each figure comes from; conflicting ones name the version used."""
        apps, sel = self.applications.value, self.selected.value
        return _reads_explanation(
            "catalogue.sun_es.outcomes.F1",
            Text(fr="SUN-ES : résultats de la fenêtre 1", en="SUN-ES: window 1 outcomes"),
            Text(
                fr=f"{render_value(apps, 'fr')} candidatures, {render_value(sel, 'fr')} établissements retenus",
                en=f"{render_value(apps, 'en')} applications, {render_value(sel, 'en')} establishments selected",
            ),
            result=None,
            reads=self.reads,
            notes=self.notes,
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The figures as JSON objects with their provenance."""
        return {name: getattr(self, name).to_json() for name in _OUTCOME_FIELDS}


def window1_outcomes(
    rules: RuleSet | None = None,
    *,
    on: dt.date | None = None,
    choices: Mapping[str, str] | None = None,
) -> Window1Outcomes:
    """The SUN-ES window 1 outcomes as known on ``on`` (RULES.md §2.5).

    Args:
        rules: the rule set (default: the official data).
        on: read as known on this date (the counts are known from the end of October 2021).
        choices: alternatives of conflicting counts, e.g.
            ``{"sun_es.outcome.F1.applications": "985"}``.

    >>> w1 = window1_outcomes()
    >>> w1.applications.value, w1.applications.alternative, w1.selected.value
    (990, '990', 879)
    >>> window1_outcomes(choices={"sun_es.outcome.F1.selected": "875"}).selected.value
    875
    """
    rules = rules or load_rules()
    choices = choices or {}
    _check_choices(rules, choices)
    reads: dict[str, ParameterRead] = {}
    notes: list[Text] = []
    for name in _OUTCOME_FIELDS:
        key = f"sun_es.outcome.F1.{name}"
        read, note = _read(rules, key, on, choices)
        assert read is not None
        reads[name] = read
        if note is not None:
            notes.append(note)
    return Window1Outcomes(**reads, notes=tuple(notes))
