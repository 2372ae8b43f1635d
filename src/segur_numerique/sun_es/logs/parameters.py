"""The parts of the volet 1 indicator definitions the texts leave unknown, for one window.

:class:`LogParameters` is read from the rules (:meth:`LogParameters.from_rules`); the counts
(:mod:`segur_numerique.sun_es.logs.counts`) and the document verdicts
(:mod:`segur_numerique.sun_es.logs.exclusions`) use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import narwhals.stable.v2 as nw

from segur_numerique.core.explanation import ParameterRead
from segur_numerique.core.periods import Period
from segur_numerique.entities.choices import stay_type, stay_type_spellings
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.indicators import INDICATORS
from segur_numerique.sun_es.targets import check_window


def _frozen_mapping(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[Any, ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(
        sorted((k, frozenset(v) if isinstance(v, set | frozenset) else v) for k, v in items)
    )


def _stay_types(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[Any, ...]:
    """Per indicator, its stay types in the one spelling of :func:`stay_type` (``mco`` is MCO)."""
    items = value.items() if isinstance(value, Mapping) else value
    return _frozen_mapping(
        {
            k: frozenset(stay_type(str(x)) for x in v) if not isinstance(v, str) else v
            for k, v in items
        }
    )


def counted_stay_type(params: LogParameters, indicator: str) -> nw.Expr:
    """The column test "the stay's activity is a type ``indicator`` counts", in any spelling."""
    spellings = stay_type_spellings(params.types_of(indicator))
    return nw.col("activity").str.strip_chars().str.to_uppercase().is_in(spellings)


@attrs.frozen
class LogParameters:
    """The parts of the indicator definitions that the texts leave unknown, for one window.

    Attributes:
        period: the measurement period (inclusive).
        stay_types: per indicator id, the activity types of the stays it counts.
        send_delay_days: per indicator id, the delay to send a document to the DMP, in days after
            discharge (stay-based) or production (document-based).
        unstructured_in_denominator: unstructured biology reports enter the D2 denominator.
        window: the window these parameters are for, if read from the rules.
        reads: the rule values they were read from (for explanations).
    """

    period: Period
    stay_types: tuple[tuple[str, frozenset[str]], ...] = attrs.field(converter=_stay_types)
    send_delay_days: tuple[tuple[str, int], ...] = attrs.field(converter=_frozen_mapping)
    unstructured_in_denominator: bool
    window: str | None = None
    reads: tuple[ParameterRead, ...] = ()

    def __attrs_post_init__(self) -> None:
        ids = {d.id for d in INDICATORS}
        for name in ("stay_types", "send_delay_days"):
            given = dict(getattr(self, name))
            if set(given) != ids:
                raise InvalidInputError(
                    f"expected one entry per indicator ({', '.join(sorted(ids))}), got "
                    f"{', '.join(sorted(given))}",
                    where=name,
                )
        for key, days in self.send_delay_days:
            if isinstance(days, bool) or not isinstance(days, int) or days < 0:
                raise InvalidInputError(
                    f"a delay is a whole number of days >= 0, got {days!r}",
                    where=f"send_delay_days.{key}",
                )

    def types_of(self, indicator: str) -> frozenset[str]:
        """The stay types counted by ``indicator``."""
        return dict(self.stay_types)[indicator]

    def delay_of(self, indicator: str) -> int:
        """The send delay of ``indicator``, in days."""
        return dict(self.send_delay_days)[indicator]

    @classmethod
    def from_rules(cls, rules: RuleSet, window: str) -> LogParameters:
        """Read the parameters of ``window`` (``sun_es.measurement_period.<window>``, ...).

        Raises:
            MissingParameterError: one of them is not supplied (they are all unknowns).
        """
        check_window(window)
        period, period_read = rules.read_as(f"sun_es.measurement_period.{window}", Period)
        reads = [period_read]
        types: dict[str, frozenset[str]] = {}
        delays: dict[str, int] = {}
        for d in INDICATORS:
            t = rules.read(d.stay_types_key)
            s = rules.read(d.send_delay_key)
            reads += [t, s]
            types[d.id] = frozenset(x.strip() for x in str(t.value).split(",") if x.strip())
            delays[d.id] = s.value  # type: ignore[assignment]
        unstructured = rules.read("sun_es.indicator.biology_report.unstructured_in_denominator")
        reads.append(unstructured)
        return cls(
            period=period,
            stay_types=types,
            send_delay_days=delays,
            unstructured_in_denominator=bool(unstructured.value),
            window=window,
            reads=tuple(reads),
        )
