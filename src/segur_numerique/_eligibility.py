"""Eligibility, with reasons: SUN-ES, HOP'EN, ESMS numérique, SONS and e-parcours.

Every verdict is an :class:`EligibilityResult`: ``eligible``, the ``reasons`` (every criterion
checked, met or not, in French and English) and an :class:`~segur_numerique.Explanation` whose
steps carry the rule values read (with their sources and status). The rule values live in
``*/eligibility.toml``; a value nobody could source (the sixth SUN-ES prerequisite) is a
declared unknown, and the verdict says what it assumed about it.

RULES.md §2.3 (SUN-ES), §3 (SONS), §4 (HOP'EN), §5 (ESMS numérique), §7 (e-parcours).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence

import attrs

from segur_numerique._domains import EParcoursKind, SunEsDomain
from segur_numerique._establishment import (
    Activity,
    Esms,
    Establishment,
    Grappe,
    ReferencedSolution,
    UnknownChoiceError,
)
from segur_numerique._rules import Period, RuleSet, load_rules, value_as
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.text import Lang, Text
from segur_numerique.core.values import JsonValue, format_date
from segur_numerique.errors import InvalidInputError


@attrs.frozen
class Reason:
    """One criterion of an eligibility verdict, met or not.

    Attributes:
        code: a stable identifier (``sun_es.own_lab``).
        met: whether the criterion holds.
        text: what was checked and what was found, in French and English.
        explanation: the step, with the rule values read.
    """

    code: str
    met: bool
    text: Text
    explanation: Explanation

    def to_json(self) -> dict[str, JsonValue]:
        """``{"code", "met", "text"}``."""
        return {"code": self.code, "met": self.met, "text": self.text.to_json()}


@attrs.frozen
class EligibilityResult(HtmlResult):
    """A verdict: eligible or not, with every reason and the explanation.

    Attributes:
        programme: ``sun_es``, ``hopen``, ``esms_numerique``, ``sons`` or ``e_parcours``.
        scope: what the verdict is about (``volet1.biology``, ``grappe``, ``order``...).
        subject: who (a FINESS, a grappe name, a client).
        eligible: true when every reason is met.
        reasons: every criterion checked.
        explanation: the explanation tree (one child per reason).
    """

    programme: str
    scope: str
    subject: str
    eligible: bool
    reasons: tuple[Reason, ...]
    explanation: Explanation

    @property
    def failed(self) -> tuple[Reason, ...]:
        """The reasons not met (empty when eligible)."""
        return tuple(r for r in self.reasons if not r.met)

    def render(self, lang: Lang = "fr") -> str:
        """The explanation as text (``"fr"`` or ``"en"``)."""
        return self.explanation.render(lang)

    def to_json(self) -> dict[str, JsonValue]:
        """The verdict, its reasons and its explanation as JSON."""
        return {
            "programme": self.programme,
            "scope": self.scope,
            "subject": self.subject,
            "eligible": self.eligible,
            "reasons": [r.to_json() for r in self.reasons],
            "explanation": self.explanation.to_json(),
        }


def _reason(
    code: str,
    met: bool,
    text: Text,
    *,
    title: Text,
    inputs: Iterable[InputValue] = (),
    parameters: Iterable[ParameterRead] = (),
    assumptions: Iterable[Text] = (),
) -> Reason:
    params = tuple(parameters)
    return Reason(
        code=code,
        met=met,
        text=text,
        explanation=Explanation(
            rule=code,
            title=title,
            outcome=text,
            result=met,
            basis=tuple(dict.fromkeys(s for p in params for s in p.sources)),
            inputs=tuple(inputs),
            parameters=params,
            assumptions=tuple(assumptions),
        ),
    )


def _verdict(
    programme: str,
    scope: str,
    subject: str,
    title: Text,
    reasons: Sequence[Reason],
    *,
    inputs: Iterable[InputValue] = (),
    assumptions: Iterable[Text] = (),
) -> EligibilityResult:
    eligible = all(r.met for r in reasons)
    failed = [r for r in reasons if not r.met]
    if eligible:
        outcome = Text(fr="éligible", en="eligible")
    else:
        outcome = Text(
            fr="non éligible : " + " ; ".join(r.text.fr for r in failed),
            en="not eligible: " + "; ".join(r.text.en for r in failed),
        )
    return EligibilityResult(
        programme=programme,
        scope=scope,
        subject=subject,
        eligible=eligible,
        reasons=tuple(reasons),
        explanation=Explanation(
            rule=f"{programme}.eligibility.{scope}",
            title=title,
            outcome=outcome,
            result=eligible,
            inputs=tuple(inputs),
            assumptions=tuple(assumptions),
            children=tuple(r.explanation for r in reasons),
        ),
    )


def _rules(rules: RuleSet | None) -> RuleSet:
    if rules is None:
        return load_rules()
    if not isinstance(rules, RuleSet):
        raise InvalidInputError(f"expected a RuleSet, got {type(rules).__name__}", where="rules")
    return rules


# --------------------------------------------------------------------------------------------
# SUN-ES


@attrs.frozen
class PrerequisiteItem:
    """A known item of the SUN-ES prerequisite checklist (its wording is rule data)."""

    id: str
    read: ParameterRead

    @property
    def label(self) -> Text:
        """The item's name."""
        return self.read.label


@attrs.frozen
class PrerequisiteChecklist:
    """The SUN-ES prerequisites: the known items, and how many the programme announces.

    The programme announces six prerequisites (``sun_es.prerequisites.count``); only the items in
    :attr:`items` could be sourced, so :attr:`complete` is false and :attr:`unlisted` says how
    many are missing from the list (RULES.md §2.3).
    """

    items: tuple[PrerequisiteItem, ...]
    announced: ParameterRead

    @property
    def ids(self) -> tuple[str, ...]:
        """The identifiers of the known items (what an establishment declares)."""
        return tuple(i.id for i in self.items)

    @property
    def unlisted(self) -> int:
        """How many announced prerequisites are not in the list."""
        return max(value_as(self.announced, int) - len(self.items), 0)

    @property
    def complete(self) -> bool:
        """Whether every announced prerequisite is known."""
        return self.unlisted == 0


_PREREQ_PREFIX = "sun_es.prerequisite."


def sun_es_prerequisites(
    rules: RuleSet | None = None, *, on: dt.date | None = None
) -> PrerequisiteChecklist:
    """The SUN-ES prerequisite checklist as known in the rule data (RULES.md §2.3).

    >>> checklist = sun_es_prerequisites()
    >>> checklist.ids
    ('cyber_audit', 'dmp_mssante', 'identity_vigilance', 'risk_analysis', 'security_policy')
    >>> checklist.complete, checklist.unlisted
    (False, 1)
    """
    rules = _rules(rules)
    items = []
    for value in rules:
        rest = value.key.removeprefix(_PREREQ_PREFIX)
        if value.key.startswith(_PREREQ_PREFIX) and "." not in rest:
            if on is not None and value.versions[0].since > on:
                continue
            items.append(PrerequisiteItem(rest, value.read(on)))
    return PrerequisiteChecklist(
        tuple(sorted(items, key=lambda i: i.id)), rules.read("sun_es.prerequisites.count", on=on)
    )


def _check_declared(declared: frozenset[str], allowed: tuple[str, ...], where: str) -> None:
    for item in sorted(declared):
        if item not in allowed:
            raise UnknownChoiceError(f"unknown prerequisite {item!r}", allowed=allowed, where=where)


def sun_es_eligibility(
    subject: Establishment | Esms,
    domain: SunEsDomain | str,
    *,
    rules: RuleSet | None = None,
    on: dt.date | None = None,
    other_applications: Sequence[Establishment] = (),
    assume_unlisted_prerequisites_met: bool | None = None,
    cro_alternative: str | None = None,
) -> EligibilityResult:
    """Whether ``subject`` may apply to SUN-ES for ``domain``, with every reason (RULES.md §2.3).

    Criteria: a health establishment (not an ESMS), any legal status and activity, with activity
    in 2019; the prerequisites declared (the known items of the checklist; the unlisted ones are
    assumed met unless ``assume_unlisted_prerequisites_met=False``, and the explanation says so);
    domains 2 and 3 need an own lab / imaging platform under the same FINESS juridique; the CRO
    bonus (``SunEsDomain.CRO_BONUS``) needs an operating theatre (confirmed) and needs the CRO to be
    a bonus at all: that is the conflicting rule value
    ``sun_es.indicator.operative_report.is_bonus`` (default "bonus"; under the alternative
    "required" the CRO is a required indicator of domain 1, and there is no bonus to apply for);
    dialysis: one application per FINESS juridique (``other_applications`` are the applications
    already filed for the same window and domain).

    Args:
        subject: the applicant.
        domain: a :class:`SunEsDomain` or its value (``volet1.biology``).
        rules: the rule set (official rules by default).
        on: read the rules as known on this date (latest by default).
        other_applications: applications already filed for the same window and domain.
        assume_unlisted_prerequisites_met: what to assume of the prerequisites nobody could
            source; not given, they are assumed met (so that an unknown item does not make every
            answer "not eligible"), and the explanation shows the input as defaulted.
        cro_alternative: for ``SunEsDomain.CRO_BONUS`` only, the reading of the conflicting
            rule value ``sun_es.indicator.operative_report.is_bonus`` (``"bonus"``, the default,
            or ``"required"``), as in :func:`~segur_numerique.evaluate_volet1`.

    >>> from segur_numerique import Establishment
    >>> est = Establishment(
    ...     "750712184",
    ...     "750100042",
    ...     "public",
    ...     ["mco"],
    ...     12000,
    ...     sun_es_prerequisites=sun_es_prerequisites().ids,
    ... )
    >>> sun_es_eligibility(est, "volet1.discharge_documents").eligible
    True
    >>> sun_es_eligibility(est, "volet1.cro_bonus").eligible
    False
    >>> verdict = sun_es_eligibility(est, "volet1.biology")
    >>> verdict.eligible, [r.code for r in verdict.failed]
    (False, ['sun_es.own_lab'])
    >>> print(verdict.failed[0].text.en)
    no medical biology lab of its own under the same FINESS juridique 750712184
    """
    rules = _rules(rules)
    domain = SunEsDomain.parse(domain)
    assume_defaulted = assume_unlisted_prerequisites_met is None
    assume_unlisted = (
        True if assume_unlisted_prerequisites_met is None else assume_unlisted_prerequisites_met
    )
    if not isinstance(assume_unlisted, bool):
        raise InvalidInputError(
            f"expected true or false, got {assume_unlisted!r}",
            where="assume_unlisted_prerequisites_met",
        )
    if cro_alternative is not None and domain is not SunEsDomain.CRO_BONUS:
        raise InvalidInputError(
            f"the CRO reading applies to {SunEsDomain.CRO_BONUS.value} only, not {domain.value}",
            where="cro_alternative",
        )
    scope = domain.value
    label = domain.label
    title = Text(fr=f"Éligibilité SUN-ES, {label.fr}", en=f"SUN-ES eligibility, {label.en}")
    if not isinstance(subject, Establishment | Esms):
        raise InvalidInputError(
            f"expected an Establishment or an Esms, got {type(subject).__name__}", where="subject"
        )
    only_es = rules.read("sun_es.eligibility.health_establishments_only", on=on)
    if isinstance(subject, Esms):
        reason = _reason(
            "sun_es.health_establishment",
            False,
            Text(
                fr=f"{subject.render('fr')} est un ESMS, pas un établissement de santé",
                en=f"{subject.render('en')} is an ESMS, not a health establishment",
            ),
            title=Text(fr="Établissement de santé", en="Health establishment"),
            parameters=(only_es,),
        )
        return _verdict(
            "sun_es", scope, subject.finess.value, title, [reason],
            inputs=(InputValue("subject", subject.to_json()), InputValue("domain", domain.value)),
        )  # fmt: skip
    est = subject
    reasons = [
        _reason(
            "sun_es.health_establishment",
            True,
            Text(
                fr=f"établissement de santé, statut {est.legal_status.value}, activités "
                + ", ".join(sorted(a.value for a in est.activities))
                + " (tout statut et toute activité sont acceptés)",
                en=f"health establishment, status {est.legal_status.value}, activities "
                + ", ".join(sorted(a.value for a in est.activities))
                + " (any status and any activity are accepted)",
            ),
            title=Text(fr="Établissement de santé", en="Health establishment"),
            inputs=(
                InputValue("legal_status", est.legal_status.value),
                InputValue("activities", tuple(sorted(a.value for a in est.activities))),
            ),
            parameters=(only_es,),
        )
    ]
    period, period_read = rules.read_as("sun_es.eligibility.activity_period", Period, on=on)
    active = est.activity_2019 > 0
    reasons.append(
        _reason(
            "sun_es.activity_2019",
            active,
            Text(
                fr=f"activité en {period.start.year} : {est.activity_2019}"
                + ("" if active else " (aucune activité)"),
                en=f"activity in {period.start.year}: {est.activity_2019}"
                + ("" if active else " (no activity)"),
            ),
            title=Text(fr="Activité en 2019", en="Activity in 2019"),
            inputs=(InputValue("activity_2019", est.activity_2019),),
            parameters=(period_read,),
        )
    )
    reasons.append(_prerequisites_reason(est, rules, on, assume_unlisted))
    platform = rules.read("sun_es.eligibility.own_platform_same_legal_entity", on=on)
    if domain is SunEsDomain.BIOLOGY:
        reasons.append(
            _reason(
                "sun_es.own_lab",
                est.own_lab,
                Text(
                    fr=("un" if est.own_lab else "aucun")
                    + f" laboratoire de biologie médicale propre sous le même FINESS juridique {est.finess_juridique}",
                    en=("a" if est.own_lab else "no")
                    + f" medical biology lab of its own under the same FINESS juridique {est.finess_juridique}",
                ),
                title=Text(fr="Laboratoire propre", en="Own lab"),
                inputs=(InputValue("own_lab", est.own_lab),),
                parameters=(platform,),
            )
        )
    if domain is SunEsDomain.IMAGING:
        reasons.append(
            _reason(
                "sun_es.own_imaging",
                est.own_imaging,
                Text(
                    fr=("un" if est.own_imaging else "aucun")
                    + f" plateau d'imagerie propre sous le même FINESS juridique {est.finess_juridique}",
                    en=("an" if est.own_imaging else "no")
                    + f" imaging platform of its own under the same FINESS juridique {est.finess_juridique}",
                ),
                title=Text(fr="Plateau d'imagerie propre", en="Own imaging platform"),
                inputs=(InputValue("own_imaging", est.own_imaging),),
                parameters=(platform,),
            )
        )
    cro_inputs: tuple[InputValue, ...] = ()
    if domain is SunEsDomain.CRO_BONUS:
        reasons.extend(_cro_reasons(est, rules, on, cro_alternative))
        cro_inputs = (
            InputValue(
                "cro_alternative",
                reasons[-1].explanation.parameters[0].alternative,
                cro_alternative is None,
            ),
        )
    if Activity.DIALYSIS in est.activities:
        reasons.append(_dialysis_reason(est, other_applications, rules, on))
    assumptions: list[Text] = []
    if domain is SunEsDomain.MESSAGING:
        assumptions.append(
            Text(
                fr="Les domaines et indicateurs du volet 2 sont inconnus : seuls les critères "
                "généraux sont vérifiés.",
                en="The domains and indicators of volet 2 are unknown: only the general criteria "
                "are checked.",
            )
        )
    return _verdict(
        "sun_es",
        scope,
        est.finess_geographique.value,
        title,
        reasons,
        inputs=(
            InputValue("finess_geographique", est.finess_geographique),
            InputValue("finess_juridique", est.finess_juridique),
            InputValue("domain", domain.value),
            InputValue(
                "assume_unlisted_prerequisites_met", assume_unlisted, defaulted=assume_defaulted
            ),
            *cro_inputs,
        ),
        assumptions=assumptions,
    )


def _cro_reasons(
    est: Establishment, rules: RuleSet, on: dt.date | None, alternative: str | None
) -> tuple[Reason, Reason]:
    """The CRO bonus: an operating theatre (confirmed), and the CRO a bonus (conflicting)."""
    theatre = rules.read("sun_es.eligibility.cro_bonus_requires_operating_theatre", on=on)
    is_bonus = rules.read(
        "sun_es.indicator.operative_report.is_bonus", on=on, alternative=alternative
    )
    bonus = is_bonus.value is True
    reading = is_bonus.alternative
    return (
        _reason(
            "sun_es.operating_theatre",
            est.operating_theatre,
            Text(
                fr=("un" if est.operating_theatre else "aucun") + " bloc opératoire",
                en=("an" if est.operating_theatre else "no") + " operating theatre",
            ),
            title=Text(fr="Bloc opératoire", en="Operating theatre"),
            inputs=(InputValue("operating_theatre", est.operating_theatre),),
            parameters=(theatre,),
        ),
        _reason(
            "sun_es.cro_is_bonus",
            bonus,
            Text(
                fr=f"le compte rendu opératoire est un indicateur bonus (lecture « {reading} » "
                "d'une règle contradictoire)",
                en=f"the operative report is a bonus indicator (reading {reading!r} of a "
                "conflicting rule)",
            )
            if bonus
            else Text(
                fr=f"lecture « {reading} » : le compte rendu opératoire est un indicateur requis "
                "du domaine 1 pour les ES ayant un bloc, pas un bonus ; il n'y a pas de bonus",
                en=f"reading {reading!r}: the operative report is a required indicator of domain "
                "1 for ES with an operating theatre, not a bonus; there is no bonus",
            ),
            title=Text(fr="Le CRO est un bonus", en="The CRO is a bonus"),
            parameters=(is_bonus,),
            assumptions=(
                Text(
                    fr="Bonus ou requis : les sources se contredisent (RULES.md §2.1) ; "
                    f"la lecture « {reading} » est retenue.",
                    en="Bonus or required: the sources conflict (RULES.md §2.1); the reading "
                    f"{reading!r} is used.",
                ),
            ),
        ),
    )


def _prerequisites_reason(
    est: Establishment, rules: RuleSet, on: dt.date | None, assume_unlisted: bool
) -> Reason:
    checklist = sun_es_prerequisites(rules, on=on)
    _check_declared(est.sun_es_prerequisites, checklist.ids, "sun_es_prerequisites")
    missing = [i for i in checklist.items if i.id not in est.sun_es_prerequisites]
    unlisted = checklist.unlisted
    assumptions: list[Text] = []
    unlisted_ok = True
    if unlisted:
        if assume_unlisted:
            assumptions.append(
                Text(
                    fr=f"{unlisted} prérequis sur {value_as(checklist.announced, int)} n'ont pu être "
                    "sourcés (sun_es.prerequisites.unlisted) : ils sont supposés remplis.",
                    en=f"{unlisted} of the {value_as(checklist.announced, int)} prerequisites could not "
                    "be sourced (sun_es.prerequisites.unlisted): they are assumed met.",
                )
            )
        else:
            unlisted_ok = False
    met = not missing and unlisted_ok
    if missing:
        fr = "prérequis non déclarés : " + ", ".join(i.id for i in missing)
        en = "prerequisites not declared: " + ", ".join(i.id for i in missing)
    elif not unlisted_ok:
        fr = f"{unlisted} prérequis non sourcé(s) ne peuvent être vérifiés"
        en = f"{unlisted} unsourced prerequisite(s) cannot be checked"
    else:
        fr = f"les {len(checklist.items)} prérequis connus sont déclarés remplis"
        en = f"the {len(checklist.items)} known prerequisites are declared met"
    if unlisted and unlisted_ok:
        fr += f" (liste incomplète : {unlisted} prérequis inconnu(s))"
        en += f" (incomplete list: {unlisted} unknown prerequisite(s))"
    return _reason(
        "sun_es.prerequisites",
        met,
        Text(fr=fr, en=en),
        title=Text(fr="Prérequis", en="Prerequisites"),
        inputs=(InputValue("sun_es_prerequisites", tuple(sorted(est.sun_es_prerequisites))),),
        parameters=(checklist.announced, *(i.read for i in checklist.items)),
        assumptions=assumptions,
    )


def _dialysis_reason(
    est: Establishment,
    others: Sequence[Establishment],
    rules: RuleSet,
    on: dt.date | None,
) -> Reason:
    limit_read = rules.read("sun_es.eligibility.dialysis_applications_per_legal_entity", on=on)
    limit = value_as(limit_read, int)
    for i, other in enumerate(others):
        if not isinstance(other, Establishment):
            raise InvalidInputError(
                f"expected an Establishment, got {type(other).__name__}",
                where=f"other_applications[{i}]",
            )
    same = [
        o
        for o in others
        if o.finess_juridique == est.finess_juridique
        and Activity.DIALYSIS in o.activities
        and o.finess_geographique != est.finess_geographique
    ]
    met = len(same) < limit
    if met:
        fr = f"dialyse : première candidature du FINESS juridique {est.finess_juridique}"
        en = f"dialysis: first application of FINESS juridique {est.finess_juridique}"
    else:
        sites = ", ".join(o.finess_geographique.value for o in same)
        fr = (
            f"dialyse : le FINESS juridique {est.finess_juridique} a déjà candidaté ({sites}) ; "
            "une seule candidature par entité juridique"
        )
        en = (
            f"dialysis: FINESS juridique {est.finess_juridique} has already applied ({sites}); "
            "one application per legal entity"
        )
    return _reason(
        "sun_es.dialysis_one_application",
        met,
        Text(fr=fr, en=en),
        title=Text(
            fr="Dialyse : une candidature par FINESS juridique",
            en="Dialysis: one application per FINESS juridique",
        ),
        inputs=(InputValue("other_applications_same_legal_entity", len(same)),),
        parameters=(limit_read,),
    )


# --------------------------------------------------------------------------------------------
# HOP'EN


def hopen_prerequisites_met(
    est: Establishment, *, rules: RuleSet | None = None, on: dt.date | None = None
) -> EligibilityResult:
    """Whether the four HOP'EN prerequisites P1-P4 are declared met (RULES.md §4).

    HOP'EN funds an establishment only once P1-P4 and the domain targets are reached; this
    checks the prerequisites (the socle), from the establishment's ``hopen_prerequisites``.

    >>> from segur_numerique import Establishment
    >>> est = Establishment(
    ...     "750712184", "750100042", "espic", ["ssr"], 800, hopen_prerequisites=["P1", "P2", "P4"]
    ... )
    >>> verdict = hopen_prerequisites_met(est)
    >>> verdict.eligible, [r.code for r in verdict.failed]
    (False, ['hopen.prerequisite.P3'])
    """
    rules = _rules(rules)
    if not isinstance(est, Establishment):
        raise InvalidInputError(
            f"expected an Establishment, got {type(est).__name__}", where="establishment"
        )
    codes = ("P1", "P2", "P3", "P4")
    _check_declared(est.hopen_prerequisites, codes, "hopen_prerequisites")
    reasons = []
    for code in codes:
        read = rules.read(f"hopen.prerequisite.{code}", on=on)
        met = code in est.hopen_prerequisites
        reasons.append(
            _reason(
                f"hopen.prerequisite.{code}",
                met,
                Text(
                    fr=f"{read.label.fr} : {'déclaré atteint' if met else 'non atteint'}",
                    en=f"{read.label.en}: {'declared met' if met else 'not met'}",
                ),
                title=read.label,
                inputs=(InputValue(code, met),),
                parameters=(read,),
            )
        )
    return _verdict(
        "hopen",
        "prerequisites",
        est.finess_geographique.value,
        Text(fr="Prérequis HOP'EN P1-P4", en="HOP'EN prerequisites P1-P4"),
        reasons,
        inputs=(InputValue("finess_geographique", est.finess_geographique),),
    )


# --------------------------------------------------------------------------------------------
# ESMS numérique


class ApplicationLevel(enum.Enum):
    """Where an ESMS numérique grappe applies (RULES.md §5)."""

    REGIONAL = "regional"
    """Regional call for projects (ARS): 15 to 49 ESMS (from 8 in Corse and outre-mer)."""
    NATIONAL = "national"
    """National call for projects (CNSA): 50 ESMS or more."""


@attrs.frozen
class GrappeEligibility:
    """The verdict on a grappe, and the call it applies to (``None`` when not eligible)."""

    result: EligibilityResult
    level: ApplicationLevel | None

    @property
    def eligible(self) -> bool:
        """Whether the grappe may apply."""
        return self.result.eligible

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons of the verdict."""
        return self.result.reasons

    @property
    def explanation(self) -> Explanation:
        """The explanation of the verdict."""
        return self.result.explanation

    def to_json(self) -> dict[str, JsonValue]:
        """The verdict with its level."""
        out = dict(self.result.to_json())
        out["level"] = self.level.value if self.level else None
        return out


def esms_grappe_eligibility(
    grappe: Grappe, *, rules: RuleSet | None = None, on: dt.date | None = None
) -> GrappeEligibility:
    """Whether a grappe may apply to ESMS numérique, and to which call (RULES.md §5).

    At least 15 ESMS (8 in Corse and outre-mer); 15-49 apply regionally, 50 or more nationally.

    >>> from segur_numerique import Esms, Grappe
    >>> members = [Esms(f"75{i:07d}", "500") for i in range(15)]
    >>> verdict = esms_grappe_eligibility(Grappe("Paris EHPAD", members))
    >>> verdict.eligible, verdict.level.value
    (True, 'regional')
    >>> esms_grappe_eligibility(Grappe("Petite grappe", members[:14])).eligible
    False
    """
    rules = _rules(rules)
    if not isinstance(grappe, Grappe):
        raise InvalidInputError(f"expected a Grappe, got {type(grappe).__name__}", where="grappe")
    overseas = grappe.in_corse_or_outre_mer
    min_read = rules.read(
        "esms_numerique.grappe.min_size_corse_outre_mer"
        if overseas
        else "esms_numerique.grappe.min_size",
        on=on,
    )
    national_read = rules.read("esms_numerique.grappe.national_min_size", on=on)
    minimum, national = value_as(min_read, int), value_as(national_read, int)
    met = grappe.size >= minimum
    where_fr = "en Corse ou outre-mer" if overseas else "hors Corse et outre-mer"
    where_en = "in Corse or outre-mer" if overseas else "outside Corse and outre-mer"
    size_reason = _reason(
        "esms_numerique.grappe_size",
        met,
        Text(
            fr=f"{grappe.size} ESMS {where_fr} ; minimum {minimum}",
            en=f"{grappe.size} ESMS {where_en}; minimum {minimum}",
        ),
        title=Text(fr="Taille de la grappe", en="Size of the grappe"),
        inputs=(
            InputValue("size", grappe.size),
            InputValue("corse_or_outre_mer", overseas, defaulted=grappe.corse_or_outre_mer is None),
        ),
        parameters=(min_read,),
        assumptions=(
            ()
            if grappe.corse_or_outre_mer is not None
            else (
                Text(
                    fr="Territoire déduit des FINESS : Corse/outre-mer seulement si tous les "
                    "membres y sont.",
                    en="Territory derived from the FINESS numbers: Corse/outre-mer only if every "
                    "member is there.",
                ),
            )
        ),
    )
    level = None
    if met:
        level = ApplicationLevel.NATIONAL if grappe.size >= national else ApplicationLevel.REGIONAL
    level_reason = _reason(
        "esms_numerique.application_level",
        True,
        Text(
            fr="appel à projets "
            + ({"national": "national", "regional": "régional"}[level.value] if level else "aucun")
            + f" (national à partir de {national} ESMS)",
            en=f"{level.value if level else 'no'} call for projects (national from {national} ESMS)",
        ),
        title=Text(fr="Niveau de candidature", en="Application level"),
        inputs=(InputValue("size", grappe.size),),
        parameters=(national_read,),
    )
    result = _verdict(
        "esms_numerique",
        "grappe",
        grappe.name,
        Text(fr="Éligibilité d'une grappe ESMS numérique", en="ESMS numérique grappe eligibility"),
        [size_reason, level_reason],
        inputs=(InputValue("grappe", grappe.name),),
    )
    return GrappeEligibility(result, level)


# --------------------------------------------------------------------------------------------
# SONS


def _date(_instance: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError(f"must be a date, got {value!r}", where=attribute.name)


def _text_field(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"must be a non-empty string, got {value!r}", where=attribute.name)


@attrs.frozen
class SonsOrder:
    """An order (bon de commande) of a Prestation Ségur by an end client (RULES.md §3).

    Attributes:
        client: the client's identifier (its FINESS, or RPPS for a doctor).
        dispositif: the funding scheme, e.g. ``HOP-DPI-VA1``.
        signed_on: the date the order was signed.
    """

    client: str = attrs.field(validator=_text_field)
    dispositif: str = attrs.field(validator=_text_field)
    signed_on: dt.date = attrs.field(validator=_date)


def sons_order_eligibility(
    order: SonsOrder,
    solution: ReferencedSolution,
    *,
    funded_orders: Iterable[SonsOrder] = (),
    rules: RuleSet | None = None,
    on: dt.date | None = None,
) -> EligibilityResult:
    """Whether an order can be funded by SONS (RULES.md §3).

    Criteria: the solution is referenced by the ANS for the order's dispositif; at most one
    Prestation Ségur per client per dispositif (``funded_orders`` are those already funded); the
    order was signed at most 120 calendar days before the referencing file was complete (an
    order signed later is fine).

    >>> import datetime as dt
    >>> from segur_numerique import ReferencedSolution
    >>> dpi = ReferencedSolution(
    ...     "DPI X", "hopital", "HOP-DPI-VA1", "1.2", dt.date(2022, 5, 1), True
    ... )
    >>> order = SonsOrder("750100042", "HOP-DPI-VA1", dt.date(2022, 1, 1))
    >>> sons_order_eligibility(order, dpi).eligible
    True
    >>> late = SonsOrder("750100042", "HOP-DPI-VA1", dt.date(2021, 12, 31))
    >>> print(sons_order_eligibility(late, dpi).failed[0].text.en)
    order signed 121 days before the referencing file was complete (2022-05-01); at most 120
    """
    rules = _rules(rules)
    if not isinstance(order, SonsOrder):
        raise InvalidInputError(f"expected a SonsOrder, got {type(order).__name__}", where="order")
    if not isinstance(solution, ReferencedSolution):
        raise InvalidInputError(
            f"expected a ReferencedSolution, got {type(solution).__name__}", where="solution"
        )
    referenced_read = rules.read("sons.referenced_solution_required", on=on)
    same_dispositif = solution.dispositif == order.dispositif
    ref_met = solution.referenced and same_dispositif
    if not solution.referenced:
        fr, en = (
            f"la solution {solution.name} n'est pas (encore) référencée",
            f"solution {solution.name} is not (yet) referenced",
        )
    elif not same_dispositif:
        fr, en = (
            f"la solution {solution.name} est référencée pour {solution.dispositif}, pas {order.dispositif}",
            f"solution {solution.name} is referenced for {solution.dispositif}, not {order.dispositif}",
        )
    else:
        fr, en = (
            f"solution {solution.name} référencée (DSR {solution.dsr_version}, {solution.dispositif})",
            f"solution {solution.name} referenced (DSR {solution.dsr_version}, {solution.dispositif})",
        )
    reasons = [
        _reason(
            "sons.referenced_solution",
            ref_met,
            Text(fr=fr, en=en),
            title=Text(fr="Solution référencée", en="Referenced solution"),
            inputs=(
                InputValue("solution", solution.name),
                InputValue("referenced", solution.referenced),
                InputValue("dispositif", order.dispositif),
            ),
            parameters=(referenced_read,),
        )
    ]
    per_client_read = rules.read("sons.prestations_per_client_per_dispositif", on=on)
    funded = list(funded_orders)
    for i, other in enumerate(funded):
        if not isinstance(other, SonsOrder):
            raise InvalidInputError(
                f"expected a SonsOrder, got {type(other).__name__}", where=f"funded_orders[{i}]"
            )
    already = sum(
        1 for o in funded if o.client == order.client and o.dispositif == order.dispositif
    )
    once = already < value_as(per_client_read, int)
    reasons.append(
        _reason(
            "sons.one_prestation_per_client",
            once,
            Text(
                fr=f"{already} Prestation Ségur déjà financée pour {order.client} sur {order.dispositif}",
                en=f"{already} Prestation Ségur already funded for {order.client} on {order.dispositif}",
            ),
            title=Text(
                fr="Une Prestation Ségur par client et par dispositif",
                en="One Prestation Ségur per client and dispositif",
            ),
            inputs=(InputValue("already_funded", already),),
            parameters=(per_client_read,),
        )
    )
    days_read = rules.read("sons.order.max_days_before_referencing", on=on)
    max_days = value_as(days_read, int)
    complete_on = solution.referencing_file_complete_on
    if complete_on is None:
        timing_met = False
        fr = "le dossier de référencement n'est pas complet : délai de 120 jours non vérifiable"
        en = "the referencing file is not complete: the 120-day rule cannot be checked"
        fr = fr.replace("120", str(max_days))
        en = en.replace("120", str(max_days))
    else:
        before = (complete_on - order.signed_on).days
        timing_met = before <= max_days
        if before <= 0:
            fr = f"commande signée le {format_date(order.signed_on, 'fr')}, après le dépôt complet du dossier ({complete_on.isoformat()})"
            en = f"order signed on {format_date(order.signed_on, 'en')}, after the referencing file was complete ({complete_on.isoformat()})"
        else:
            fr = f"commande signée {before} jours avant le dépôt complet du dossier de référencement ({complete_on.isoformat()}) ; au plus {max_days}"
            en = f"order signed {before} days before the referencing file was complete ({complete_on.isoformat()}); at most {max_days}"
    reasons.append(
        _reason(
            "sons.order_timing",
            timing_met,
            Text(fr=fr, en=en),
            title=Text(
                fr="Commande au plus 120 jours avant le dossier complet".replace(
                    "120", str(max_days)
                ),
                en="Order at most 120 days before the complete file".replace("120", str(max_days)),
            ),
            inputs=(
                InputValue("signed_on", order.signed_on),
                InputValue("referencing_file_complete_on", complete_on),
            ),
            parameters=(days_read,),
        )
    )
    return _verdict(
        "sons",
        "order",
        order.client,
        Text(fr="Éligibilité d'une commande SONS", en="SONS order eligibility"),
        reasons,
        inputs=(
            InputValue("client", order.client),
            InputValue("dispositif", order.dispositif),
            InputValue("signed_on", order.signed_on),
        ),
    )


# --------------------------------------------------------------------------------------------
# e-parcours


def _kind(value: object) -> EParcoursKind:
    return EParcoursKind.parse(value)


@attrs.frozen
class EParcoursProject:
    """An e-parcours project submitted by the ARS to the DGOS.

    Attributes:
        name: the project's name.
        kind: DAC or collectif de soins coordonnés.
        submitted_on: the date the ARS submitted it to the DGOS.
    """

    name: str = attrs.field(validator=_text_field)
    kind: EParcoursKind = attrs.field(converter=_kind)
    submitted_on: dt.date = attrs.field(validator=_date)


_E_PARCOURS_DEADLINES = {
    EParcoursKind.DAC: "e_parcours.deadline.dac_submission",
    EParcoursKind.COLLECTIF: "e_parcours.deadline.collectifs_submission",
}
"""The calendar rule values holding the submission deadlines (``e_parcours/calendar.toml``)."""


def e_parcours_eligibility(
    project: EParcoursProject, *, rules: RuleSet | None = None, on: dt.date | None = None
) -> EligibilityResult:
    """Whether an e-parcours project was submitted in time (RULES.md §7; seed 004).

    DAC projects until 31 Dec 2020, collectifs de soins until 31 Dec 2021 (the deadline is read
    from the rule data; a day late is not eligible).

    >>> import datetime as dt
    >>> ok = EParcoursProject("DAC Sud", "dac", dt.date(2020, 12, 31))
    >>> e_parcours_eligibility(ok).eligible
    True
    >>> e_parcours_eligibility(EParcoursProject("DAC Nord", "dac", dt.date(2021, 1, 1))).eligible
    False
    """
    rules = _rules(rules)
    if not isinstance(project, EParcoursProject):
        raise InvalidInputError(
            f"expected an EParcoursProject, got {type(project).__name__}", where="project"
        )
    deadline, read = rules.read_as(_E_PARCOURS_DEADLINES[project.kind], dt.date, on=on)
    met = project.submitted_on <= deadline
    kind_fr = {"dac": "DAC", "collectif": "collectif de soins coordonnés"}[project.kind.value]
    kind_en = {"dac": "DAC", "collectif": "collectif de soins coordonnés"}[project.kind.value]
    reason = _reason(
        "e_parcours.submission_deadline",
        met,
        Text(
            fr=f"{kind_fr} soumis le {format_date(project.submitted_on, 'fr')} ; date limite "
            f"{format_date(deadline, 'fr')}",
            en=f"{kind_en} submitted on {format_date(project.submitted_on, 'en')}; deadline "
            f"{format_date(deadline, 'en')}",
        ),
        title=Text(fr="Date limite de soumission", en="Submission deadline"),
        inputs=(
            InputValue("kind", project.kind.value),
            InputValue("submitted_on", project.submitted_on),
        ),
        parameters=(read,),
    )
    return _verdict(
        "e_parcours",
        project.kind.value,
        project.name,
        Text(fr="Éligibilité e-parcours", en="e-parcours eligibility"),
        [reason],
        inputs=(InputValue("project", project.name),),
    )
