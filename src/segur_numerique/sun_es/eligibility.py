"""SUN-ES eligibility, with reasons (rules digest, SUN-ES §2.3 [docs: explanation/rules/sun-es]).

A health establishment (not an ESMS), any status and activity, with activity in 2019 and the
prerequisites declared (:mod:`segur_numerique.sun_es.prerequisites`); domains 2 and 3 need an own
lab or imaging platform, the CRO bonus an operating theatre, and dialysis allows one application
per FINESS juridique. The rule values live in ``sun_es/eligibility.toml``; each criterion is a
:class:`~segur_numerique.rules.verdicts.Step` and its reason text a ``Text`` template below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from segur_numerique.core.periods import Period
from segur_numerique.core.text import Text
from segur_numerique.core.verdict import EligibilityResult
from segur_numerique.entities.choices import Activity
from segur_numerique.entities.models import Esms, Establishment
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.verdicts import Verdict, rule_set
from segur_numerique.sun_es.domains import Domain
from segur_numerique.sun_es.prerequisites import prerequisites_step

_TITLE = Text(fr="Éligibilité SUN-ES, {domain}", en="SUN-ES eligibility, {domain}")
_HEALTH_ESTABLISHMENT = Text(fr="Établissement de santé", en="Health establishment")
_IS_ESMS = Text(
    fr="{subject} est un ESMS, pas un établissement de santé",
    en="{subject} is an ESMS, not a health establishment",
)
_IS_ES = Text(
    fr="établissement de santé, statut {status}, activités {activities} "
    "(tout statut et toute activité sont acceptés)",
    en="health establishment, status {status}, activities {activities} "
    "(any status and any activity are accepted)",
)
_ACTIVITY = Text(fr="Activité en 2019", en="Activity in 2019")
_ACTIVE = Text(fr="activité en {year} : {count}", en="activity in {year}: {count}")
_INACTIVE = Text(
    fr="activité en {year} : {count} (aucune activité)",
    en="activity in {year}: {count} (no activity)",
)
_A = Text(fr="un", en="a")
_AN = Text(fr="un", en="an")
_NO = Text(fr="aucun", en="no")
_OWN_LAB = Text(fr="Laboratoire propre", en="Own lab")
_HAS_LAB = Text(
    fr="{a} laboratoire de biologie médicale propre sous le même FINESS juridique {finess}",
    en="{a} medical biology lab of its own under the same FINESS juridique {finess}",
)
_OWN_IMAGING = Text(fr="Plateau d'imagerie propre", en="Own imaging platform")
_HAS_IMAGING = Text(
    fr="{a} plateau d'imagerie propre sous le même FINESS juridique {finess}",
    en="{a} imaging platform of its own under the same FINESS juridique {finess}",
)
_PLATFORM_KEY = "sun_es.eligibility.own_platform_same_legal_entity"
_MESSAGING_UNKNOWN = Text(
    fr="Les domaines et indicateurs du volet 2 sont inconnus : seuls les critères "
    "généraux sont vérifiés.",
    en="The domains and indicators of volet 2 are unknown: only the general criteria are checked.",
)


def establishment_eligibility(
    subject: Establishment | Esms,
    domain: Domain | str,
    *,
    rules: RuleSet | None = None,
    on: dt.date | None = None,
    other_applications: Sequence[Establishment] = (),
    assume_unlisted_prerequisites_met: bool | None = None,
    cro_alternative: str | None = None,
) -> EligibilityResult:
    """Whether ``subject`` may apply to SUN-ES for ``domain``, with every reason (rules digest, SUN-ES §2.3 [docs: explanation/rules/sun-es]).

    Criteria: a health establishment (not an ESMS), any legal status and activity, with activity
    in 2019; the prerequisites declared (the known items of the checklist; the unlisted ones are
    assumed met unless ``assume_unlisted_prerequisites_met=False``, and the explanation says so);
    domains 2 and 3 need an own lab / imaging platform under the same FINESS juridique; the CRO
    bonus (``Domain.CRO_BONUS``) needs an operating theatre (confirmed) and needs the CRO to be
    a bonus at all: that is the conflicting rule value
    ``sun_es.indicator.operative_report.is_bonus`` (default "bonus"; under the alternative
    "required" the CRO is a required indicator of domain 1, and there is no bonus to apply for);
    dialysis: one application per FINESS juridique (``other_applications`` are the applications
    already filed for the same window and domain).

    Args:
        subject: the applicant.
        domain: a :class:`Domain` or its value (``volet1.biology``).
        rules: the rule set (official rules by default).
        on: read the rules as known on this date (latest by default).
        other_applications: applications already filed for the same window and domain.
        assume_unlisted_prerequisites_met: what to assume of the prerequisites nobody could
            source; not given, they are assumed met (so that an unknown item does not make every
            answer "not eligible"), and the explanation shows the input as defaulted.
        cro_alternative: for ``Domain.CRO_BONUS`` only, the reading of the conflicting
            rule value ``sun_es.indicator.operative_report.is_bonus`` (``"bonus"``, the default,
            or ``"required"``), as in :func:`~segur_numerique.sun_es.evaluate_volet1`.

    >>> from segur_numerique.entities import Establishment
    >>> from segur_numerique.sun_es import prerequisite_checklist
    >>> est = Establishment(
    ...     "750712184",
    ...     "750100042",
    ...     "public",
    ...     ["mco"],
    ...     12000,
    ...     sun_es_prerequisites=prerequisite_checklist().ids,
    ... )
    >>> establishment_eligibility(est, "volet1.discharge_documents").eligible
    True
    >>> establishment_eligibility(est, "volet1.cro_bonus").eligible
    False
    >>> verdict = establishment_eligibility(est, "volet1.biology")
    >>> verdict.eligible, [r.code for r in verdict.failed]
    (False, ['sun_es.own_lab'])
    >>> print(verdict.failed[0].text.en)
    no medical biology lab of its own under the same FINESS juridique 750712184
    """
    rules = rule_set(rules)
    domain, assume = _checked(subject, domain, assume_unlisted_prerequisites_met, cro_alternative)
    title = _TITLE.format(domain=domain.label)
    if isinstance(subject, Esms):
        check = Verdict("sun_es", domain.value, subject.finess.value, title, rules, on)
        return _esms_verdict(check, subject, domain)
    check = Verdict("sun_es", domain.value, subject.finess_geographique.value, title, rules, on)
    _general_steps(check, subject, domain, assume)
    if domain in _PLATFORMS:
        _platform_step(check, subject, domain)
    reading = _cro_steps(check, subject, cro_alternative) if domain is _CRO else None
    if Activity.DIALYSIS in subject.activities:
        _dialysis_step(check, subject, other_applications)
    defaulted = assume_unlisted_prerequisites_met is None
    check.input("assume_unlisted_prerequisites_met", assume, defaulted=defaulted)
    if domain is _CRO:
        check.input("cro_alternative", reading, defaulted=cro_alternative is None)
    if domain is Domain.MESSAGING:
        check.assume(_MESSAGING_UNKNOWN)
    return check.result()


def _checked(
    subject: object, domain: Domain | str, assume: bool | None, cro_alternative: str | None
) -> tuple[Domain, bool]:
    """The domain parsed and the assumption on the unlisted prerequisites (true by default)."""
    domain = Domain.parse(domain)
    assume_unlisted = True if assume is None else assume
    if not isinstance(assume_unlisted, bool):
        raise InvalidInputError(
            f"expected true or false, got {assume_unlisted!r}",
            where="assume_unlisted_prerequisites_met",
        )
    if cro_alternative is not None and domain is not _CRO:
        raise InvalidInputError(
            f"the CRO reading applies to {_CRO.value} only, not {domain.value}",
            where="cro_alternative",
        )
    if not isinstance(subject, Establishment | Esms):
        raise InvalidInputError(
            f"expected an Establishment or an Esms, got {type(subject).__name__}", where="subject"
        )
    return domain, assume_unlisted


def _esms_verdict(check: Verdict, esms: Esms, domain: Domain) -> EligibilityResult:
    """An ESMS is not a health establishment: the one reason of its verdict."""
    step = check.step("sun_es.health_establishment", _HEALTH_ESTABLISHMENT)
    step.read("sun_es.eligibility.health_establishments_only")
    subject = Text(fr=esms.render("fr"), en=esms.render("en"))
    step.conclude(False, _IS_ESMS.format(subject=subject))
    check.input("subject", esms.to_json())
    check.input("domain", domain.value)
    return check.result()


def _general_steps(
    check: Verdict, est: Establishment, domain: Domain, assume_unlisted: bool
) -> None:
    """The verdict's first inputs, then the criteria of every domain: ES, 2019, prerequisites."""
    check.input("finess_geographique", est.finess_geographique)
    check.input("finess_juridique", est.finess_juridique)
    check.input("domain", domain.value)
    step = check.step("sun_es.health_establishment", _HEALTH_ESTABLISHMENT)
    status = step.input("legal_status", est.legal_status.value)
    activities = step.input("activities", tuple(sorted(a.value for a in est.activities)))
    step.read("sun_es.eligibility.health_establishments_only")
    step.conclude(True, _IS_ES.format(status=status, activities=", ".join(activities)))
    step = check.step("sun_es.activity_2019", _ACTIVITY)
    count = step.input("activity_2019", est.activity_2019)
    year = step.read_as("sun_es.eligibility.activity_period", Period).start.year
    step.conclude(count > 0, (_ACTIVE if count > 0 else _INACTIVE).format(year=year, count=count))
    prerequisites_step(check, est, assume_unlisted)


_CRO = Domain.CRO_BONUS
_PLATFORMS = {
    Domain.BIOLOGY: ("sun_es.own_lab", _OWN_LAB, "own_lab", _HAS_LAB, _A),
    Domain.IMAGING: ("sun_es.own_imaging", _OWN_IMAGING, "own_imaging", _HAS_IMAGING, _AN),
}
"""Domains 2 and 3: the criterion, its title, the input, the reason template and its article."""


def _platform_step(check: Verdict, est: Establishment, domain: Domain) -> None:
    """Domains 2 and 3: an own lab / imaging platform under the same FINESS juridique."""
    code, title, name, template, article = _PLATFORMS[domain]
    step = check.step(code, title)
    has = step.input(name, bool(getattr(est, name)))
    step.read(_PLATFORM_KEY)
    step.conclude(has, template.format(a=article if has else _NO, finess=est.finess_juridique))


_THEATRE = Text(fr="Bloc opératoire", en="Operating theatre")
_HAS_THEATRE = Text(fr="{a} bloc opératoire", en="{a} operating theatre")
_CRO_IS_BONUS = Text(fr="Le CRO est un bonus", en="The CRO is a bonus")
_BONUS = Text(
    fr="le compte rendu opératoire est un indicateur bonus (lecture « {reading} » "
    "d'une règle contradictoire)",
    en="the operative report is a bonus indicator (reading {reading!r} of a conflicting rule)",
)
_NO_BONUS = Text(
    fr="lecture « {reading} » : le compte rendu opératoire est un indicateur requis "
    "du domaine 1 pour les ES ayant un bloc, pas un bonus ; il n'y a pas de bonus",
    en="reading {reading!r}: the operative report is a required indicator of domain "
    "1 for ES with an operating theatre, not a bonus; there is no bonus",
)
_CONFLICT = Text(
    fr="Bonus ou requis : les sources se contredisent (résumé des règles, SUN-ES §2.1 [docs : explanation/rules/sun-es]) ; "
    "la lecture « {reading} » est retenue.",
    en="Bonus or required: the sources conflict (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es]); the reading {reading!r} is used.",
)


def _cro_steps(check: Verdict, est: Establishment, alternative: str | None) -> str | None:
    """The CRO bonus: an operating theatre (confirmed), and the CRO a bonus (conflicting).

    Returns the reading of the conflicting rule value that was used.
    """
    step = check.step("sun_es.operating_theatre", _THEATRE)
    theatre = step.input("operating_theatre", est.operating_theatre)
    step.read("sun_es.eligibility.cro_bonus_requires_operating_theatre")
    step.conclude(theatre, _HAS_THEATRE.format(a=_AN if theatre else _NO))
    step = check.step("sun_es.cro_is_bonus", _CRO_IS_BONUS)
    is_bonus = step.read("sun_es.indicator.operative_report.is_bonus", alternative=alternative)
    bonus, reading = is_bonus.value is True, is_bonus.alternative
    step.assume(_CONFLICT.format(reading=reading))
    step.conclude(bonus, (_BONUS if bonus else _NO_BONUS).format(reading=reading))
    return reading


_DIALYSIS = Text(
    fr="Dialyse : une candidature par FINESS juridique",
    en="Dialysis: one application per FINESS juridique",
)
_FIRST_DIALYSIS = Text(
    fr="dialyse : première candidature du FINESS juridique {finess}",
    en="dialysis: first application of FINESS juridique {finess}",
)
_ALREADY_APPLIED = Text(
    fr="dialyse : le FINESS juridique {finess} a déjà candidaté ({sites}) ; "
    "une seule candidature par entité juridique",
    en="dialysis: FINESS juridique {finess} has already applied ({sites}); "
    "one application per legal entity",
)


def _dialysis_step(check: Verdict, est: Establishment, others: Sequence[Establishment]) -> None:
    """Dialysis: one application per FINESS juridique (another site of it may have applied)."""
    step = check.step("sun_es.dialysis_one_application", _DIALYSIS)
    limit = step.read_as("sun_es.eligibility.dialysis_applications_per_legal_entity", int)
    for i, other in enumerate(others):
        if not isinstance(other, Establishment):
            raise InvalidInputError(
                f"expected an Establishment, got {type(other).__name__}",
                where=f"other_applications[{i}]",
            )
    same = [
        o.finess_geographique.value
        for o in others
        if o.finess_juridique == est.finess_juridique
        and Activity.DIALYSIS in o.activities
        and o.finess_geographique != est.finess_geographique
    ]
    step.input("other_applications_same_legal_entity", len(same))
    met = len(same) < limit
    text = _FIRST_DIALYSIS if met else _ALREADY_APPLIED
    step.conclude(met, text.format(finess=est.finess_juridique, sites=", ".join(same)))
