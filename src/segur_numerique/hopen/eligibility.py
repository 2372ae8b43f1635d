"""HOP'EN eligibility: the four prerequisites P1-P4 (the socle), with reasons (rules digest, HOP'EN §4 [docs: explanation/rules/hopen]).

HOP'EN funds an establishment only once P1-P4 and the domain targets are reached; this module
checks the prerequisites, whose labels are rule data (``hopen.prerequisite.<code>``).
"""

from __future__ import annotations

import datetime as dt

from segur_numerique.core.text import Text
from segur_numerique.core.verdict import EligibilityResult
from segur_numerique.entities.models import Establishment
from segur_numerique.errors import InvalidInputError, UnknownChoiceError
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.verdicts import Verdict, rule_set

_CODES = ("P1", "P2", "P3", "P4")
_TITLE = Text(fr="Prérequis HOP'EN P1-P4", en="HOP'EN prerequisites P1-P4")
_STATE = Text(fr="{label} : {state}", en="{label}: {state}")
_MET = Text(fr="déclaré atteint", en="declared met")
_NOT_MET = Text(fr="non atteint", en="not met")


def _check_declared(declared: frozenset[str], allowed: tuple[str, ...], where: str) -> None:
    for item in sorted(declared):
        if item not in allowed:
            raise UnknownChoiceError(f"unknown prerequisite {item!r}", allowed=allowed, where=where)


def prerequisites_met(
    est: Establishment, *, rules: RuleSet | None = None, on: dt.date | None = None
) -> EligibilityResult:
    """Whether the four HOP'EN prerequisites P1-P4 are declared met (rules digest, HOP'EN §4 [docs: explanation/rules/hopen]).

    HOP'EN funds an establishment only once P1-P4 and the domain targets are reached; this
    checks the prerequisites (the socle), from the establishment's ``hopen_prerequisites``.

    >>> from segur_numerique.entities import Establishment
    >>> est = Establishment(
    ...     "750712184", "750100042", "espic", ["ssr"], 800, hopen_prerequisites=["P1", "P2", "P4"]
    ... )
    >>> verdict = prerequisites_met(est)
    >>> verdict.eligible, [r.code for r in verdict.failed]
    (False, ['hopen.prerequisite.P3'])
    """
    rules = rule_set(rules)
    if not isinstance(est, Establishment):
        raise InvalidInputError(
            f"expected an Establishment, got {type(est).__name__}", where="establishment"
        )
    _check_declared(est.hopen_prerequisites, _CODES, "hopen_prerequisites")
    check = Verdict("hopen", "prerequisites", est.finess_geographique.value, _TITLE, rules, on)
    for code in _CODES:
        key = f"hopen.prerequisite.{code}"
        read = rules.read(key, on=on)
        step = check.step(key, read.label)
        met = step.input(code, code in est.hopen_prerequisites)
        step.record(read)
        step.conclude(met, _STATE.format(label=read.label, state=_MET if met else _NOT_MET))
    check.input("finess_geographique", est.finess_geographique)
    return check.result()
