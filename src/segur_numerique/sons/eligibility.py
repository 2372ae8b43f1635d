"""SONS eligibility: whether an order (bon de commande) can be funded (rules digest, SONS §3 [docs: explanation/rules/sons]).

Three criteria: the solution is referenced by the ANS for the order's dispositif; at most one
Prestation Ségur per client per dispositif; the order signed at most 120 calendar days before
the referencing file was complete. The numbers are rule data (``sons.*``); the reason texts are
``Text`` templates filled with what the rule found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from segur_numerique.core.text import Text, counted_text
from segur_numerique.core.validators import date_field, non_empty_text
from segur_numerique.core.values import format_date
from segur_numerique.core.verdict import EligibilityResult
from segur_numerique.entities.models import ReferencedSolution
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.verdicts import Verdict, rule_set


@attrs.frozen
class Order:
    """An order (bon de commande) of a Prestation Ségur by an end client (rules digest, SONS §3 [docs: explanation/rules/sons]).

    Attributes:
        client: the client's identifier (its FINESS, or RPPS for a doctor).
        dispositif: the funding scheme, e.g. ``HOP-DPI-VA1``.
        signed_on: the date the order was signed.
    """

    client: str = attrs.field(validator=non_empty_text)
    dispositif: str = attrs.field(validator=non_empty_text)
    signed_on: dt.date = attrs.field(validator=date_field)


_TITLE = Text(fr="Éligibilité d'une commande SONS", en="SONS order eligibility")


def order_eligibility(
    order: Order,
    solution: ReferencedSolution,
    *,
    funded_orders: Iterable[Order] = (),
    rules: RuleSet | None = None,
    on: dt.date | None = None,
) -> EligibilityResult:
    """Whether an order can be funded by SONS (rules digest, SONS §3 [docs: explanation/rules/sons]).

    Criteria: the solution is referenced by the ANS for the order's dispositif; at most one
    Prestation Ségur per client per dispositif (``funded_orders`` are those already funded); the
    order was signed at most 120 calendar days before the referencing file was complete (an
    order signed later is fine).

    >>> import datetime as dt
    >>> from segur_numerique.entities import ReferencedSolution
    >>> dpi = ReferencedSolution(
    ...     "DPI X", "hopital", "HOP-DPI-VA1", "1.2", dt.date(2022, 5, 1), True
    ... )
    >>> order = Order("750100042", "HOP-DPI-VA1", dt.date(2022, 1, 1))
    >>> order_eligibility(order, dpi).eligible
    True
    >>> late = Order("750100042", "HOP-DPI-VA1", dt.date(2021, 12, 31))
    >>> print(order_eligibility(late, dpi).failed[0].text.en)
    order signed 121 days before the referencing file was complete (2022-05-01); at most 120
    """
    rules = rule_set(rules)
    if not isinstance(order, Order):
        raise InvalidInputError(f"expected a Order, got {type(order).__name__}", where="order")
    if not isinstance(solution, ReferencedSolution):
        raise InvalidInputError(
            f"expected a ReferencedSolution, got {type(solution).__name__}", where="solution"
        )
    funded = list(funded_orders)
    for i, other in enumerate(funded):
        if not isinstance(other, Order):
            raise InvalidInputError(
                f"expected a Order, got {type(other).__name__}", where=f"funded_orders[{i}]"
            )
    check = Verdict("sons", "order", order.client, _TITLE, rules, on)
    _referenced_step(check, order, solution)
    _once_step(check, order, funded)
    _timing_step(check, order, solution)
    check.input("client", order.client)
    check.input("dispositif", order.dispositif)
    check.input("signed_on", order.signed_on)
    return check.result()


_REFERENCED = Text(fr="Solution référencée", en="Referenced solution")
_NOT_REFERENCED = Text(
    fr="la solution {name} n'est pas (encore) référencée",
    en="solution {name} is not (yet) referenced",
)
_OTHER_DISPOSITIF = Text(
    fr="la solution {name} est référencée pour {referenced_for}, pas {dispositif}",
    en="solution {name} is referenced for {referenced_for}, not {dispositif}",
)
_REFERENCED_FOR = Text(
    fr="solution {name} référencée (DSR {dsr}, {referenced_for})",
    en="solution {name} referenced (DSR {dsr}, {referenced_for})",
)


def _referenced_step(check: Verdict, order: Order, solution: ReferencedSolution) -> None:
    """The solution is referenced by the ANS, for the order's dispositif."""
    step = check.step("sons.referenced_solution", _REFERENCED)
    step.input("solution", solution.name)
    referenced = step.input("referenced", solution.referenced)
    dispositif = step.input("dispositif", order.dispositif)
    step.read("sons.referenced_solution_required")
    same_dispositif = solution.dispositif == dispositif
    if not referenced:
        template = _NOT_REFERENCED
    elif not same_dispositif:
        template = _OTHER_DISPOSITIF
    else:
        template = _REFERENCED_FOR
    text = template.format(
        name=solution.name,
        referenced_for=solution.dispositif,
        dispositif=dispositif,
        dsr=solution.dsr_version,
    )
    step.conclude(referenced and same_dispositif, text)


_ONCE = Text(
    fr="Une Prestation Ségur par client et par dispositif",
    en="One Prestation Ségur per client and dispositif",
)
_ALREADY_FUNDED = Text(
    fr="{already} Prestation Ségur déjà financée pour {client} sur {dispositif}",
    en="{already} Prestation Ségur already funded for {client} on {dispositif}",
)


def _once_step(check: Verdict, order: Order, funded: list[Order]) -> None:
    """At most one Prestation Ségur per client per dispositif."""
    step = check.step("sons.one_prestation_per_client", _ONCE)
    per_client = step.read_as("sons.prestations_per_client_per_dispositif", int)
    already = step.input(
        "already_funded",
        sum(1 for o in funded if o.client == order.client and o.dispositif == order.dispositif),
    )
    text = _ALREADY_FUNDED.format(already=already, client=order.client, dispositif=order.dispositif)
    step.conclude(already < per_client, text)


_TIMING = Text(
    fr="Commande au plus {max_days} avant le dossier complet",
    en="Order at most {max_days} before the complete file",
)
_NOT_COMPLETE = Text(
    fr="le dossier de référencement n'est pas complet : délai de {days} non vérifiable",
    en="the referencing file is not complete: the {max_days}-day rule cannot be checked",
)
_SIGNED_AFTER = Text(
    fr="commande signée le {signed}, après le dépôt complet du dossier ({complete})",
    en="order signed on {signed}, after the referencing file was complete ({complete})",
)
_SIGNED_BEFORE = Text(
    fr="commande signée {before} avant le dépôt complet du dossier de référencement "
    "({complete}) ; au plus {max_days}",
    en="order signed {before} before the referencing file was complete ({complete}); "
    "at most {max_days}",
)


def _days(n: int) -> Text:
    return counted_text(n, fr=("jour", "jours"), en=("day", "days"))


def _timing_step(check: Verdict, order: Order, solution: ReferencedSolution) -> None:
    """The order signed at most ``max_days`` before the referencing file was complete."""
    key = "sons.order.max_days_before_referencing"
    max_days, read = check.rules.read_as(key, int, on=check.on)
    step = check.step("sons.order_timing", _TIMING.format(max_days=_days(max_days)))
    step.record(read)
    signed = step.input("signed_on", order.signed_on)
    complete = step.input("referencing_file_complete_on", solution.referencing_file_complete_on)
    if complete is None:
        step.conclude(False, _NOT_COMPLETE.format(max_days=max_days, days=_days(max_days)))
        return
    before = (complete - signed).days
    template = _SIGNED_AFTER if before <= 0 else _SIGNED_BEFORE
    text = template.format(
        signed=Text(fr=format_date(signed, "fr"), en=format_date(signed, "en")),
        complete=complete.isoformat(),
        before=_days(before),
        max_days=max_days,
    )
    step.conclude(before <= max_days, text)
