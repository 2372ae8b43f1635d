"""e-parcours eligibility: a project submitted in time (rules digest, e-parcours §7 [docs: explanation/rules/e-parcours]; the H&TI report of 9 July 2019).

DAC projects until 31 Dec 2020, collectifs de soins until 31 Dec 2021; the deadlines are rule
data (``e_parcours.deadline.*``).
"""

from __future__ import annotations

import datetime as dt

import attrs

from segur_numerique.core.text import Text
from segur_numerique.core.validators import date_field, non_empty_text
from segur_numerique.core.values import format_date
from segur_numerique.core.verdict import EligibilityResult
from segur_numerique.e_parcours.kinds import Kind
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.verdicts import Verdict, rule_set


def _kind(value: object) -> Kind:
    return Kind.parse(value)


@attrs.frozen
class Project:
    """An e-parcours project submitted by the ARS to the DGOS.

    Attributes:
        name: the project's name.
        kind: DAC or collectif de soins coordonnés.
        submitted_on: the date the ARS submitted it to the DGOS.
    """

    name: str = attrs.field(validator=non_empty_text)
    kind: Kind = attrs.field(converter=_kind)
    submitted_on: dt.date = attrs.field(validator=date_field)


_E_PARCOURS_DEADLINES = {
    Kind.DAC: "e_parcours.deadline.dac_submission",
    Kind.COLLECTIF: "e_parcours.deadline.collectifs_submission",
}
"""The calendar rule values holding the submission deadlines (``e_parcours/calendar.toml``)."""

_TITLE = Text(fr="Éligibilité e-parcours", en="e-parcours eligibility")
_DEADLINE = Text(fr="Date limite de soumission", en="Submission deadline")
_SUBMITTED = Text(
    fr="{kind} soumis le {submitted} ; date limite {deadline}",
    en="{kind} submitted on {submitted}; deadline {deadline}",
)
_KIND_NAMES = {
    Kind.DAC: Text(fr="DAC", en="DAC"),
    Kind.COLLECTIF: Text(fr="collectif de soins coordonnés", en="collectif de soins coordonnés"),
}


def _date_text(day: dt.date) -> Text:
    return Text(fr=format_date(day, "fr"), en=format_date(day, "en"))


def project_eligibility(
    project: Project, *, rules: RuleSet | None = None, on: dt.date | None = None
) -> EligibilityResult:
    """Whether an e-parcours project was submitted in time (rules digest, e-parcours §7 [docs: explanation/rules/e-parcours]; the H&TI report of 9 July 2019).

    DAC projects until 31 Dec 2020, collectifs de soins until 31 Dec 2021 (the deadline is read
    from the rule data; a day late is not eligible).

    >>> import datetime as dt
    >>> ok = Project("DAC Sud", "dac", dt.date(2020, 12, 31))
    >>> project_eligibility(ok).eligible
    True
    >>> project_eligibility(Project("DAC Nord", "dac", dt.date(2021, 1, 1))).eligible
    False
    """
    rules = rule_set(rules)
    if not isinstance(project, Project):
        raise InvalidInputError(
            f"expected an Project, got {type(project).__name__}", where="project"
        )
    check = Verdict("e_parcours", project.kind.value, project.name, _TITLE, rules, on)
    step = check.step("e_parcours.submission_deadline", _DEADLINE)
    step.input("kind", project.kind.value)
    submitted = step.input("submitted_on", project.submitted_on)
    deadline = step.read_as(_E_PARCOURS_DEADLINES[project.kind], dt.date)
    text = _SUBMITTED.format(
        kind=_KIND_NAMES[project.kind],
        submitted=_date_text(submitted),
        deadline=_date_text(deadline),
    )
    step.conclude(submitted <= deadline, text)
    check.input("project", project.name)
    return check.result()
