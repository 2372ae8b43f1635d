"""The e-parcours deadline to reach the usage targets (rules digest, e-parcours §7 [docs: explanation/rules/e-parcours]; the H&TI report of 9 July 2019).

« Sous 2 ans et au maximum au 31/12/2022 »: computed from the day a project was funded.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from segur_numerique.calendar.deadlines import ComputedDeadline
from segur_numerique.core.dates import MonthEndPolicy, add_months
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.provenance import Source
from segur_numerique.core.text import Text
from segur_numerique.core.validators import check_date
from segur_numerique.core.values import format_date
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet

CPC_ARTICLE_641: Final = Source(
    title="Code de procédure civile, article 641 (computation des délais ; décret n° 75-1123 du "
    "5 décembre 1975, en vigueur le 1er janvier 1976)",
    url="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006411002",
    date=dt.date(1975, 12, 5),
    locator="art. 641, al. 2",
)
"""The French rule for délais in months or years, applied by analogy to "within 2 years"."""


def usage_deadline(
    funded_on: dt.date,
    *,
    policy: MonthEndPolicy | None = None,
    rules: RuleSet | None = None,
    on: dt.date | None = None,
) -> ComputedDeadline:
    """The last day for an e-parcours project funded on ``funded_on`` to reach its usage targets.

    rules digest, e-parcours §7 [docs: explanation/rules/e-parcours]; the H&TI report of 9 July 2019: « sous 2 ans et au maximum au 31/12/2022 ». The library reads
    "within 2 years" as a délai of the code de procédure civile, art. 641: a délai in years
    expires on the day of the last month that bears the same number as the starting day (the
    anniversary, inclusive); failing such a day (29 February), on the last day of that month
    (:attr:`MonthEndPolicy.ROUND_DOWN`). The result is the earlier of that day and the latest
    date (31 Dec 2022). This reading is an assumption, stated in the explanation; ``policy``
    overrides the month-end rule (shown as provided).

    >>> import datetime as dt
    >>> usage_deadline(dt.date(2019, 9, 1)).due
    datetime.date(2021, 9, 1)
    >>> usage_deadline(dt.date(2021, 6, 1)).due
    datetime.date(2022, 12, 31)
    >>> usage_deadline(dt.date(2020, 2, 29)).due
    datetime.date(2022, 2, 28)
    >>> usage_deadline(dt.date(2020, 2, 29), policy=MonthEndPolicy.ROUND_UP).due
    datetime.date(2022, 3, 1)

    Args:
        funded_on: the day the project was funded (amorçage).
        policy: the month-end rule; by default ``ROUND_DOWN`` (CPC art. 641, shown as defaulted).
        rules: the rule set (official rules by default).
        on: read the rule values as known on this date (by default, on ``funded_on``).
    """
    check_date(funded_on, where="funded_on")
    chosen = MonthEndPolicy.ROUND_DOWN if policy is None else policy
    rules = rules if rules is not None else load_rules()
    as_of = funded_on if on is None else on
    delay = rules.read("e_parcours.payment.usage_delay_years", on=as_of)
    latest = rules.read("e_parcours.payment.usage_latest", on=as_of)
    years, last = delay.value, latest.value
    if isinstance(years, bool) or not isinstance(years, int):
        raise InvalidInputError(f"expected a number of years, got {years!r}", where=delay.key)
    last = check_date(last, where=latest.key)
    within = add_months(funded_on, 12 * years, policy=chosen, where="funded_on")
    due = min(within, last)
    inputs = (
        InputValue("funded_on", funded_on),
        InputValue("policy", chosen, defaulted=policy is None),
        InputValue("on", as_of, defaulted=on is None),
    )
    return ComputedDeadline(
        due, _explanation(due, within, last, years, inputs=inputs, parameters=(delay, latest))
    )


def _explanation(
    due: dt.date,
    within: dt.date,
    last: dt.date,
    years: int,
    *,
    inputs: tuple[InputValue, ...],
    parameters: tuple[ParameterRead, ...],
) -> Explanation:
    return Explanation(
        rule="e_parcours.usage_targets.deadline",
        title=Text(
            fr="e-parcours : date limite d'atteinte des cibles d'usage",
            en="e-parcours: deadline to reach the usage targets",
        ),
        outcome=Text(
            fr=f"au plus tard le {format_date(due, 'fr')} (le plus tôt de "
            f"{format_date(within, 'fr')} et {format_date(last, 'fr')})",
            en=f"by {format_date(due, 'en')} (the earlier of {format_date(within, 'en')} "
            f"and {format_date(last, 'en')})",
        ),
        result=due,
        inputs=inputs,
        parameters=parameters,
        basis=(CPC_ARTICLE_641,),
        assumptions=(
            Text(
                fr=f"« Sous {years} ans » est lu comme un délai du code de procédure civile "
                "(art. 641) : il expire le jour du dernier mois qui porte le même quantième "
                "que le jour de départ (la date anniversaire, incluse) ; à défaut d'un "
                "quantième identique, le dernier jour de ce mois. Lecture retenue par la "
                "bibliothèque, sans source propre au programme ; le report d'un délai "
                "expirant un samedi, un dimanche ou un jour férié (art. 642) n'est pas "
                "appliqué.",
                en=f'"Within {years} years" is read as a délai of the French code of civil '
                "procedure (art. 641): it expires on the day of the last month bearing the "
                "same number as the starting day (the anniversary, inclusive); failing such a "
                "day, on the last day of that month. The library's reading, with no source "
                "specific to the programme; the extension of a délai ending on a Saturday, "
                "Sunday or public holiday (art. 642) is not applied.",
            ),
        ),
    )
