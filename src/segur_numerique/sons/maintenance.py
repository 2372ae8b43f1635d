"""SONS maintenance: funded for six years at most (rules digest, SONS §3 [docs: explanation/rules/sons]).

The ARS Occitanie SUN-ES FAQ states the six-year bound; the yearly amount is caller-supplied.
"""

from __future__ import annotations

import datetime as dt

import attrs
from dateutil.relativedelta import relativedelta

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.periods import Period
from segur_numerique.core.text import Text, counted
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet


@attrs.frozen(repr=False)
class Maintenance(HtmlResult):
    """The funded part of a maintenance period (at most six years from its start)."""

    requested: Period
    funded: Period
    unfunded_days: int
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(fr="Maintenance SONS financée", en="SONS funded maintenance"),
            value=self.funded,
            value_name="funded",
            facts=(
                Fact("requested", Text(fr="demandée", en="requested"), self.requested),
                Fact(
                    "unfunded_days",
                    Text(fr="jours non financés", en="unfunded days"),
                    self.unfunded_days,
                ),
            ),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The result and its explanation as a JSON object."""
        return {
            "requested": encode_value(self.requested),
            "funded": encode_value(self.funded),
            "unfunded_days": self.unfunded_days,
            "explanation": self.explanation.to_json(),
        }


def maintenance(
    requested: Period, *, on: dt.date | None = None, rules: RuleSet | None = None
) -> Maintenance:
    """The funded part of a maintenance period: from its start, at most 6 years (the ARS Occitanie SUN-ES FAQ).

    Six years from 1 Jan 2022 end on 31 Dec 2027 (the day before the sixth anniversary).

    >>> from segur_numerique import load_rules
    >>> m = maintenance(Period(dt.date(2022, 1, 1), dt.date(2029, 12, 31)), rules=load_rules())
    >>> m.funded.end, m.unfunded_days
    (datetime.date(2027, 12, 31), 731)
    """
    rules = resolve_rules(rules)
    if not isinstance(requested, Period):
        raise InvalidInputError(f"expected a Period, got {requested!r}", where="requested")
    years, years_read = rules.read_as("sons.maintenance.max_years", int, on=on)
    last = requested.start + relativedelta(years=years) - dt.timedelta(days=1)
    funded = Period(requested.start, min(requested.end, last))
    unfunded = requested.days - funded.days
    explanation = Explanation(
        rule="sons.maintenance",
        title=Text(fr="Maintenance SONS financée", en="Funded SONS maintenance"),
        outcome=Text(
            fr=f"financée du {funded.start} au {funded.end} ; "
            + counted(unfunded, "fr", fr=("jour non financé", "jours non financés"), en=("", "")),
            en=f"funded from {funded.start} to {funded.end}; "
            + counted(unfunded, "en", fr=("", ""), en=("day not funded", "days not funded")),
        ),
        result=funded,
        inputs=(InputValue("requested", requested),),
        parameters=(years_read,),
        assumptions=(
            Text(
                fr="Les six années courent à partir du début de la maintenance demandée.",
                en="The six years run from the start of the requested maintenance.",
            ),
        ),
    )
    return Maintenance(requested, funded, unfunded, explanation)
