"""The SUN-ES prerequisite checklist and its criterion (rules digest, SUN-ES §2.3 [docs: explanation/rules/sun-es]).

The programme announces six prerequisites (``sun_es.prerequisites.count``); only five could be
sourced, so the sixth is a declared unknown and the verdict says what it assumed about it. The
wording of each known item is rule data (``sun_es.prerequisite.<id>``).
"""

from __future__ import annotations

import datetime as dt

import attrs

from segur_numerique.core.explanation import ParameterRead
from segur_numerique.core.text import Text, by_count, counted_text
from segur_numerique.core.verdict import Reason
from segur_numerique.entities.models import Establishment
from segur_numerique.errors import UnknownChoiceError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet, value_as
from segur_numerique.rules.verdicts import Verdict, rule_set


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
    many are missing from the list (rules digest, SUN-ES §2.3 [docs: explanation/rules/sun-es]).
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


def prerequisite_checklist(
    *, on: dt.date | None = None, rules: RuleSet | None = None
) -> PrerequisiteChecklist:
    """The SUN-ES prerequisite checklist as known in the rule data (rules digest, SUN-ES §2.3 [docs: explanation/rules/sun-es]).

    >>> checklist = prerequisite_checklist()
    >>> checklist.ids
    ('cyber_audit', 'dmp_mssante', 'identity_vigilance', 'risk_analysis', 'security_policy')
    >>> checklist.complete, checklist.unlisted
    (False, 1)
    """
    rules = resolve_rules(rules)
    rules = rule_set(rules)
    items = []
    for value in rules:
        rest = value.key.removeprefix(_PREREQ_PREFIX)
        if value.key.startswith(_PREREQ_PREFIX) and "." not in rest:
            if on is not None and value.versions[0].since > on:
                continue
            items.append(PrerequisiteItem(rest, value.read(on=on)))
    return PrerequisiteChecklist(
        tuple(sorted(items, key=lambda i: i.id)), rules.read("sun_es.prerequisites.count", on=on)
    )


def check_declared(declared: frozenset[str], allowed: tuple[str, ...], where: str) -> None:
    """Refuse a declared prerequisite that is not in ``allowed`` (a typo is not "not met")."""
    for item in sorted(declared):
        if item not in allowed:
            raise UnknownChoiceError(f"unknown prerequisite {item!r}", allowed=allowed, where=where)


_TITLE = Text(fr="Prérequis", en="Prerequisites")
_ASSUMED_MET_ONE = Text(
    fr="{unlisted} prérequis sur {announced} n'a pu être sourcé "
    "(sun_es.prerequisites.unlisted) : il est supposé rempli.",
    en="{unlisted} of the {announced} prerequisites could not be sourced "
    "(sun_es.prerequisites.unlisted): it is assumed met.",
)
_ASSUMED_MET = Text(
    fr="{unlisted} prérequis sur {announced} n'ont pu être sourcés "
    "(sun_es.prerequisites.unlisted) : ils sont supposés remplis.",
    en="{unlisted} of the {announced} prerequisites could not be sourced "
    "(sun_es.prerequisites.unlisted): they are assumed met.",
)
_NOT_DECLARED = Text(
    fr="prérequis non déclarés : {ids}{incomplete}",
    en="prerequisites not declared: {ids}{incomplete}",
)
_UNCHECKABLE_ONE = Text(
    fr="{unlisted} prérequis non sourcé ne peut être vérifié",
    en="{unlisted} unsourced prerequisite cannot be checked",
)
_UNCHECKABLE = Text(
    fr="{unlisted} prérequis non sourcés ne peuvent être vérifiés",
    en="{unlisted} unsourced prerequisites cannot be checked",
)
_DECLARED = Text(
    fr="les {known} prérequis connus sont déclarés remplis{incomplete}",
    en="the {known} known prerequisites are declared met{incomplete}",
)
_INCOMPLETE = Text(
    fr=" (liste incomplète : {unlisted})",
    en=" (incomplete list: {unlisted})",
)


def prerequisites_step(check: Verdict, est: Establishment, assume_unlisted: bool) -> Reason:
    """The prerequisites criterion: every known item declared, the unlisted ones as assumed."""
    step = check.step("sun_es.prerequisites", _TITLE)
    declared = step.input("sun_es_prerequisites", tuple(sorted(est.sun_es_prerequisites)))
    checklist = prerequisite_checklist(on=check.on, rules=check.rules)
    check_declared(est.sun_es_prerequisites, checklist.ids, "sun_es_prerequisites")
    step.record(checklist.announced, *(i.read for i in checklist.items))
    missing = [i.id for i in checklist.items if i.id not in declared]
    unlisted = checklist.unlisted
    if unlisted and assume_unlisted:
        step.assume(
            by_count(unlisted, one=_ASSUMED_MET_ONE, other=_ASSUMED_MET).format(
                unlisted=unlisted, announced=value_as(checklist.announced, int)
            )
        )
    unlisted_ok = not unlisted or assume_unlisted
    incomplete = (
        _INCOMPLETE.format(
            unlisted=counted_text(
                unlisted,
                fr=("prérequis inconnu", "prérequis inconnus"),
                en=("unknown prerequisite", "unknown prerequisites"),
            )
        )
        if unlisted and unlisted_ok
        else ""
    )
    if missing:
        text = _NOT_DECLARED.format(ids=", ".join(missing), incomplete=incomplete)
    elif not unlisted_ok:
        text = by_count(unlisted, one=_UNCHECKABLE_ONE, other=_UNCHECKABLE).format(
            unlisted=unlisted
        )
    else:
        text = _DECLARED.format(known=len(checklist.items), incomplete=incomplete)
    return step.conclude(not missing and unlisted_ok, text)
