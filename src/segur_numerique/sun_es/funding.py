"""SUN-ES forfaits: per establishment and domain, by 2019 activity and window (RULES.md §2.4).

What is known: a forfait (lump sum) per establishment and per domain, paid when the domain's
usage targets are reached, based on the establishment's 2019 "activité combinée" and on the
window, degressive from window to window ("financements dégressifs", seeds 000 and 002); an
establishment that misses its deadline and moves to a later window gets the forfait of the new
window (GRADeS IDF, seed 002); the compte rendu opératoire (CRO) is a bonus for establishments
with an operating theatre (seed 002; conflicting).

What is unknown, and so read with :meth:`RuleSet.read` (a :class:`MissingParameterError` names
whatever the caller has not supplied):

- ``sun_es.forfait_grid.band_count`` and ``sun_es.forfait_grid.band.<n>.activity_from``: the
  activity bands (band *n* applies from its ``activity_from``, inclusive, to the next band's);
- ``sun_es.forfait_grid.<row>.band.<n>``: the window-1 forfait of a domain in band *n* (row:
  ``discharge_documents``, ``biology``, ``imaging``, ``secure_messaging``; see :func:`grid_row`);
- ``sun_es.degression.<window>``: the coefficient applied to the window-1 forfait in a window
  (validated: never higher in a later window);
- ``sun_es.cro_bonus.band.<n>``: the window-1 CRO bonus in band *n*.

**Vectorisable core.** :class:`ForfaitGrid` holds the band bounds and, per domain and window,
the degressed forfait of each band in integer cents (:meth:`ForfaitGrid.cents_table`): a batch
path computes a column of forfaits as ``table[searchsorted(bounds, activity, "right") - 1]``,
with the same integers as the one-by-one path (which uses the same table).
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Final

import attrs

from segur_numerique._domains import SunEsDomain
from segur_numerique._rules import ReadRecorder, RuleSet
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead, RoundingStep
from segur_numerique.core.money import Euro
from segur_numerique.core.rounding import CENT_HALF_UP, RoundingPolicy
from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import InvalidInputError, MissingParameterError

SUN_ES_WINDOWS: Final = ("F1", "F2", "F3", "F4")
"""The four SUN-ES volet 1 windows (fenêtres), in order (RULES.md §2.2)."""

FORFAIT_DOMAINS: Final = tuple(d for d in SunEsDomain if d is not SunEsDomain.CRO_BONUS)
"""The domains with a forfait: the three of volet 1, and volet 2 as one domain (RULES.md §2.4)."""


CRO_BONUS_ROW: Final = "cro_bonus"
"""The grid row of the compte rendu opératoire bonus (keys ``sun_es.cro_bonus.band.<n>``)."""


def grid_row(domain: SunEsDomain | str) -> str:
    """The grid row of a domain (its :attr:`~SunEsDomain.id`); ``"cro_bonus"`` for the CRO bonus.

    >>> grid_row("volet1.biology"), grid_row("cro_bonus")
    ('biology', 'cro_bonus')
    """
    return SunEsDomain.parse(domain).id


def _row_key(row: str, band: int) -> str:
    if row == CRO_BONUS_ROW:
        return f"sun_es.cro_bonus.band.{band}"
    return f"sun_es.forfait_grid.{row}.band.{band}"


class DomainPayment(enum.Enum):
    """How a domain's forfait depends on its indicators: a switchable assumption (RULES.md §2.4)."""

    ALL_OR_NOTHING = "all_or_nothing"
    """The whole forfait if every indicator of the domain is met, nothing otherwise (as HOP'EN)."""
    PER_INDICATOR = "per_indicator"
    """The forfait × indicators met / indicators (a what-if; no source describes it)."""


class DegressionError(InvalidInputError):
    """Supplied degression coefficients rise from one window to a later one."""


class ForfaitGridError(InvalidInputError):
    """A supplied forfait grid is malformed (bounds not increasing, activity outside the grid)."""


def check_window(window: str, *, where: str = "window") -> str:
    """``window`` if it is a SUN-ES window id (``F1`` to ``F4``); else a typed error."""
    if window not in SUN_ES_WINDOWS:
        raise InvalidInputError(
            f"unknown SUN-ES window {window!r}; expected one of {', '.join(SUN_ES_WINDOWS)}",
            where=where,
        )
    return window


def _degress_cents(cents: int, coefficient: Fraction) -> int:
    """``cents × coefficient`` rounded half up to the cent, in integers (cents ≥ 0)."""
    num, den = coefficient.numerator, coefficient.denominator
    return (2 * cents * num + den) // (2 * den)


@attrs.frozen
class ForfaitGrid:
    """The SUN-ES forfait grid and degression, as integer cents (the vectorisable core).

    Attributes:
        activity_from: the lower bound (inclusive) of each activity band, strictly increasing.
        amounts: per grid row (:func:`grid_row`), the window-1 amount of each band, in cents.
        degression: per window, the coefficient applied to the window-1 amounts.
        reads: the rule values read to build the grid (for explanations).

    >>> grid = ForfaitGrid(
    ...     (0, 1000),
    ...     {"imaging": (10_000_00, 20_000_00)},
    ...     {"F1": Fraction(1), "F2": Fraction(9, 10)},
    ... )
    >>> grid.cents_table("imaging", "F2")
    (900000, 1800000)
    >>> grid.forfait_cents(1500, "imaging", "F2")
    1800000
    """

    activity_from: tuple[int, ...]
    amounts: Mapping[str, tuple[int, ...]]
    degression: Mapping[str, Fraction]
    reads: tuple[ParameterRead, ...] = ()

    def __attrs_post_init__(self) -> None:
        bounds = self.activity_from
        if not bounds or bounds[0] < 0 or any(b <= a for a, b in itertools.pairwise(bounds)):
            raise ForfaitGridError(
                f"band bounds must be non-negative and strictly increasing, got {bounds}",
                where="sun_es.forfait_grid.band.*.activity_from",
            )
        for name, row in self.amounts.items():
            if len(row) != len(bounds) or any(c < 0 for c in row):
                raise ForfaitGridError(
                    f"needs {len(bounds)} non-negative amounts, got {row}",
                    where=f"sun_es.forfait_grid.{name}",
                )
        previous: tuple[str, Fraction] | None = None
        for window in SUN_ES_WINDOWS:
            if window not in self.degression:
                continue
            coefficient = self.degression[window]
            if not 0 <= coefficient <= 1:
                raise DegressionError(
                    f"a coefficient must lie in [0, 1], got {coefficient}",
                    where=f"sun_es.degression.{window}",
                )
            if previous is not None and coefficient > previous[1]:
                raise DegressionError(
                    f"the forfait would rise from {previous[0]} ({previous[1]}) to {window} "
                    f"({coefficient}); funding is degressive (RULES.md §2.4)",
                    where=f"sun_es.degression.{window}",
                )
            previous = (window, coefficient)

    @classmethod
    def from_rules(
        cls,
        rules: RuleSet,
        *,
        domains: Sequence[SunEsDomain | str] = FORFAIT_DOMAINS,
        cro_bonus: bool = False,
        on: dt.date | None = None,
    ) -> ForfaitGrid:
        """Read the grid rows of ``domains`` (and of the CRO bonus if asked) and the degression.

        Every window's coefficient that the caller supplied is read and checked (degression);
        window F1's coefficient is required.

        Raises:
            MissingParameterError: a band bound, an amount or the F1 coefficient is not supplied.
            DegressionError, ForfaitGridError: the supplied values are inconsistent.
        """
        recorder = ReadRecorder(rules, on)
        read = recorder.read_as
        count = read("sun_es.forfait_grid.band_count", int)
        if count < 1:
            raise ForfaitGridError(
                "needs at least one band", where="sun_es.forfait_grid.band_count"
            )
        bands = range(1, count + 1)
        bounds = tuple(
            int(read(f"sun_es.forfait_grid.band.{n}.activity_from", object))  # type: ignore[call-overload]
            for n in bands
        )
        amounts: dict[str, tuple[int, ...]] = {}
        rows = [grid_row(d) for d in domains] + ([CRO_BONUS_ROW] if cro_bonus else [])
        for row in dict.fromkeys(rows):
            amounts[row] = tuple(read(_row_key(row, n), Euro).cents for n in bands)
        degression: dict[str, Fraction] = {}
        for window in SUN_ES_WINDOWS:
            key = f"sun_es.degression.{window}"
            if window == "F1" or rules.is_supplied(key):
                degression[window] = read(key, Fraction)
        return cls(bounds, amounts, degression, tuple(recorder.reads))

    def band(self, activity: int) -> int:
        """The 0-based band of ``activity`` (a typed error below the first band)."""
        if isinstance(activity, bool) or not isinstance(activity, int) or activity < 0:
            raise InvalidInputError(
                f"the 2019 combined activity must be a non-negative int, got {activity!r}",
                where="activity",
            )
        index = bisect.bisect_right(self.activity_from, activity) - 1
        if index < 0:
            raise ForfaitGridError(
                f"activity {activity} is below the first band ({self.activity_from[0]})",
                where="activity",
            )
        return index

    def coefficient(self, window: str) -> Fraction:
        """The degression coefficient of ``window`` (a typed error if it was not supplied)."""
        check_window(window)
        if window not in self.degression:
            raise MissingParameterError(
                f"sun_es.degression.{window}", needed_for=f"the forfait of window {window}"
            )
        return self.degression[window]

    def cents_table(self, domain: SunEsDomain | str, window: str) -> tuple[int, ...]:
        """The forfait of each band in ``window``, integer cents, degressed and rounded half up.

        ``domain`` may also be ``"cro_bonus"``. This table is all a batch path needs.
        """
        name = grid_row(domain)
        if name not in self.amounts:
            raise InvalidInputError(f"the grid was not read for {name!r}", where="domain")
        coefficient = self.coefficient(window)
        return tuple(_degress_cents(c, coefficient) for c in self.amounts[name])

    def forfait_cents(self, activity: int, domain: SunEsDomain | str, window: str) -> int:
        """One forfait in cents (same table as :meth:`cents_table`)."""
        return self.cents_table(domain, window)[self.band(activity)]

    def forfait_cents_column(
        self, activities: Sequence[int], domain: SunEsDomain | str, window: str
    ) -> list[int]:
        """A column of forfaits in cents: the pure-Python reference of the batch lookup."""
        table = self.cents_table(domain, window)
        return [table[self.band(a)] for a in activities]


def _name_of(value: object) -> str | None:
    if isinstance(value, str):
        return value
    name = getattr(value, "name", None)
    return name if isinstance(name, str) else None


def _reassigned_window(reassignment: object, chosen: str) -> tuple[str, tuple[Explanation, ...]]:
    """The window whose forfait applies after a reassignment, and its explanation if any.

    ``reassignment`` is a window id (``"F2"``) or a :class:`~segur_numerique.Reassignment`
    (from :func:`~segur_numerique.reassign`): its ``forfait_window`` (or ``window``) applies and
    its explanation becomes a step of the forfait's.
    """
    if isinstance(reassignment, str):
        return check_window(reassignment, where="reassigned_to"), ()
    original = _name_of(getattr(reassignment, "original", None))
    if original is not None and original != chosen:
        raise InvalidInputError(
            f"the reassignment starts from window {original}, not {chosen}",
            where="reassigned_to.original",
        )
    for attribute in ("forfait_window", "window", "new_window", "to_window"):
        if not hasattr(reassignment, attribute):
            continue
        target = getattr(reassignment, attribute)
        if target is None:
            raise InvalidInputError(
                "the reassignment leaves no window: there is no forfait to compute",
                where=f"reassigned_to.{attribute}",
            )
        name = _name_of(target)
        if name is not None:
            explanation = getattr(reassignment, "explanation", None)
            children = (explanation,) if isinstance(explanation, Explanation) else ()
            return check_window(name, where=f"reassigned_to.{attribute}"), children
    raise InvalidInputError(f"cannot read a window from {reassignment!r}", where="reassigned_to")


@attrs.frozen
class SunEsForfait(HtmlResult):
    """A SUN-ES forfait for one establishment and domain, with its explanation.

    Attributes:
        amount: what is paid (domain forfait paid + CRO bonus).
        at_stake: the full degressed domain forfait of the applicable window.
        paid: the part of it paid given the indicators met.
        cro_bonus: the CRO bonus paid (0 when not applicable).
        window: the window whose forfait applies (the new one after a reassignment).
        chosen_window: the window the establishment applied to.
        band: the 1-based activity band.
    """

    amount: Euro
    at_stake: Euro
    paid: Euro
    cro_bonus: Euro
    domain: SunEsDomain
    window: str
    chosen_window: str
    band: int
    explanation: Explanation

    def to_json(self) -> dict[str, JsonValue]:
        """The forfait and its explanation as a JSON object."""
        return {
            "amount": encode_value(self.amount),
            "at_stake": encode_value(self.at_stake),
            "paid": encode_value(self.paid),
            "cro_bonus": encode_value(self.cro_bonus),
            "domain": self.domain.value,
            "window": self.window,
            "chosen_window": self.chosen_window,
            "band": self.band,
            "explanation": self.explanation.to_json(),
        }


_DEGRESSION_POLICY: Final[RoundingPolicy] = CENT_HALF_UP


def sun_es_forfait(
    rules: RuleSet,
    *,
    activity: int,
    domain: SunEsDomain | str,
    window: str,
    indicators_met: Mapping[str, bool] | None = None,
    payment: DomainPayment | None = None,
    cro_bonus: bool = False,
    reassigned_to: object = None,
    grid: ForfaitGrid | None = None,
    on: dt.date | None = None,
) -> SunEsForfait:
    """The SUN-ES forfait of one establishment for one domain (RULES.md §2.4; seeds 000, 002).

    Args:
        rules: the rule set, with the grid and degression supplied (see the module docstring).
        activity: the establishment's 2019 "activité combinée" (a whole number ≥ 0).
        domain: the domain (:class:`~segur_numerique.SunEsDomain`, its value or its id, e.g.
            ``"imaging"``); not the CRO bonus, which is ``cro_bonus=True`` on domain 1.
        window: the window the establishment applied to (``F1`` to ``F4``).
        indicators_met: the domain's indicators and whether each met its target; ``None`` gives
            the forfait at stake (as if every target were met).
        payment: all-or-nothing (the default, shown as defaulted) or per indicator.
        cro_bonus: whether the CRO bonus is due (establishment with an operating theatre whose
            CRO indicator is met); discharge documents domain only.
        reassigned_to: after a missed deadline, the new window: an id such as ``"F2"``, or the
            :class:`~segur_numerique.Reassignment` returned by :func:`~segur_numerique.reassign`
            (its ``forfait_window`` applies and its explanation becomes a step).
        grid: a grid already read (batch use); read from ``rules`` otherwise.
        on: read the rule values as known on this date.

    >>> from segur_numerique import illustrative_assumptions
    >>> rules = illustrative_assumptions()
    >>> sun_es_forfait(rules, activity=25_000, domain="imaging", window="F2").amount
    Euro('72000.00')
    >>> sun_es_forfait(
    ...     rules, activity=25_000, domain="imaging", window="F1", reassigned_to="F3"
    ... ).amount
    Euro('64000.00')
    """
    domain = SunEsDomain.parse(domain)
    if domain is SunEsDomain.CRO_BONUS:
        raise InvalidInputError(
            "the CRO bonus is not a forfait domain: give the discharge documents domain with "
            "cro_bonus=True",
            where="domain",
        )
    chosen = check_window(window)
    effective, reassignment_steps = (
        (chosen, ()) if reassigned_to is None else _reassigned_window(reassigned_to, chosen)
    )
    if SUN_ES_WINDOWS.index(effective) < SUN_ES_WINDOWS.index(chosen):
        raise InvalidInputError(
            f"a reassignment moves to a later window than {chosen}, got {effective}",
            where="reassigned_to",
        )
    if cro_bonus and domain is not SunEsDomain.DISCHARGE_DOCUMENTS:
        raise InvalidInputError(
            "the CRO bonus belongs to the discharge documents domain (domain 1)",
            where="cro_bonus",
        )
    payment_defaulted = payment is None
    mode = DomainPayment.ALL_OR_NOTHING if payment is None else payment
    if not isinstance(mode, DomainPayment):
        raise InvalidInputError(f"expected a DomainPayment, got {mode!r}", where="payment")
    if grid is None:
        grid = ForfaitGrid.from_rules(rules, domains=(domain,), cro_bonus=cro_bonus, on=on)
    band = grid.band(activity)
    row = grid_row(domain)
    if row not in grid.amounts:
        raise InvalidInputError(f"the grid was not read for {domain.value!r}", where="grid")
    base_cents = grid.amounts[row][band]
    coefficient = grid.coefficient(effective)
    at_stake = grid.cents_table(domain, effective)[band]

    rounding: list[RoundingStep] = [
        RoundingStep(
            what=Text(fr="forfait dégressif", en="degressive forfait"),
            exact=Fraction(base_cents, 100) * coefficient,
            rounded=Fraction(at_stake, 100),
            policy=_DEGRESSION_POLICY,
        )
    ]
    if indicators_met is None:
        paid = at_stake
        met_text = Text(
            fr="forfait en jeu (cibles supposées atteintes)",
            en="forfait at stake (targets assumed reached)",
        )
    else:
        if not isinstance(indicators_met, Mapping) or not indicators_met:
            raise InvalidInputError(
                "give at least one indicator and whether it was met", where="indicators_met"
            )
        for name, met in indicators_met.items():
            if not isinstance(met, bool):
                raise InvalidInputError(
                    f"expected true or false, got {met!r}", where=f"indicators_met[{name!r}]"
                )
        met_count = sum(indicators_met.values())
        total = len(indicators_met)
        if mode is DomainPayment.ALL_OR_NOTHING:
            paid = at_stake if met_count == total else 0
        else:
            paid = (2 * at_stake * met_count + total) // (2 * total)
            rounding.append(
                RoundingStep(
                    what=Text(fr="part des indicateurs atteints", en="share of indicators met"),
                    exact=Fraction(at_stake * met_count, 100 * total),
                    rounded=Fraction(paid, 100),
                    policy=_DEGRESSION_POLICY,
                )
            )
        met_text = Text(
            fr=f"{met_count} indicateur(s) atteint(s) sur {total}",
            en=f"{met_count} of {total} indicator(s) met",
        )
    bonus = 0
    if cro_bonus:
        bonus = grid.cents_table(CRO_BONUS_ROW, effective)[band]
        rounding.append(
            RoundingStep(
                what=Text(fr="bonus CRO dégressif", en="degressive CRO bonus"),
                exact=Fraction(grid.amounts["cro_bonus"][band], 100) * coefficient,
                rounded=Fraction(bonus, 100),
                policy=_DEGRESSION_POLICY,
            )
        )
    amount = Euro.from_cents(paid + bonus)
    assumptions = [
        Text(
            fr="Mode de paiement du domaine : tout ou rien (connu seulement pour HOP'EN)."
            if mode is DomainPayment.ALL_OR_NOTHING
            else "Mode de paiement du domaine : au prorata des indicateurs atteints "
            "(hypothèse de simulation, sans source).",
            en="Domain payment: all or nothing (known only for HOP'EN)."
            if mode is DomainPayment.ALL_OR_NOTHING
            else "Domain payment: pro rata of the indicators met (a what-if, no source).",
        ),
        Text(
            fr="Forfait de la fenêtre = forfait de la fenêtre 1 × coefficient de la fenêtre, "
            "arrondi au centime (la moitié comptée pour 1).",
            en="Window forfait = window-1 forfait × the window's coefficient, rounded half up "
            "to the cent.",
        ),
    ]
    if effective != chosen:
        assumptions.append(
            Text(
                fr=f"Échéance manquée : réaffecté de {chosen} à {effective}, avec le forfait de "
                "la nouvelle fenêtre (GRADeS IDF).",
                en=f"Missed deadline: moved from {chosen} to {effective}, with the new window's "
                "forfait (GRADeS IDF).",
            )
        )
    if cro_bonus:
        assumptions.append(
            Text(
                fr="Le bonus CRO suit la même dégressivité que les forfaits (hypothèse).",
                en="The CRO bonus follows the same degression as the forfaits (assumption).",
            )
        )
    keys = {
        "sun_es.forfait_grid.band_count",
        f"sun_es.forfait_grid.band.{band + 1}.activity_from",
        _row_key(row, band + 1),
        f"sun_es.degression.{effective}",
        *((f"sun_es.cro_bonus.band.{band + 1}",) if cro_bonus else ()),
    }
    explanation = Explanation(
        rule="sun_es.forfait",
        title=Text(
            fr=f"Forfait SUN-ES, {domain.label.fr}, fenêtre {effective}",
            en=f"SUN-ES forfait, {domain.label.en}, window {effective}",
        ),
        outcome=Text(
            fr=f"{amount.format('fr')} ({met_text.fr}, tranche {band + 1})",
            en=f"{amount.format('en')} ({met_text.en}, band {band + 1})",
        ),
        result=amount,
        inputs=(
            InputValue("activity", activity),
            InputValue("domain", domain.value),
            InputValue("window", chosen),
            InputValue("reassigned_to", None if effective == chosen else effective),
            InputValue(
                "indicators_met",
                None
                if indicators_met is None
                else tuple(f"{k}: {v}" for k, v in sorted(indicators_met.items())),
                defaulted=indicators_met is None,
            ),
            InputValue("payment", mode.value, defaulted=payment_defaulted),
            InputValue("cro_bonus", cro_bonus),
        ),
        parameters=tuple(r for r in grid.reads if r.key in keys),
        rounding=tuple(rounding),
        assumptions=tuple(assumptions),
        children=reassignment_steps,
    )
    return SunEsForfait(
        amount=amount,
        at_stake=Euro.from_cents(at_stake),
        paid=Euro.from_cents(paid),
        cro_bonus=Euro.from_cents(bonus),
        domain=domain,
        window=effective,
        chosen_window=chosen,
        band=band + 1,
        explanation=explanation,
    )
