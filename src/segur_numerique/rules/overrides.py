"""What-if overrides: a rule set with some values replaced, validated before use.

The override grammar is PolicyEngine's ``Reform.from_dict`` (anchors.md §2.2 and §10.7), kept small:

* ``{"key": value}``: a bare value replaces every version of ``key`` (it holds "from always");
* ``{"key": {"2025-01-01": value}}``: ``value`` holds from that date on; earlier versions stay;
* ``{"key": {"2025-01-01.2025-12-31": value}}``: ``value`` holds on that inclusive period, and the
  version in force the day after comes back afterwards.

A value is written as in a rule-data file (``"800 000 €"``, ``"60 %"``, ``"3/5"``, a date) or given
as the Python value itself (:class:`~segur_numerique.Euro`, :class:`~fractions.Fraction`, ``int``,
:class:`datetime.date`). Floats are refused. Every override is checked against the base rule set
(the key exists or is a declared unknown, the value fits the unit, periods do not overlap) **before**
anything is built, so there is never a half-applied variant.

The variant is a new immutable :class:`~segur_numerique.RuleSet` built with
:meth:`~segur_numerique.RuleSet.with_overlay`: only the overridden keys get new objects. Overridden
values have the origin ``caller``, the status ``inferred`` and a reasoning and a source naming the
variant, so every explanation that reads them says so.

>>> import segur_numerique as sn
>>> variant = sn.whatif.with_overrides(
...     {"sun_es.envelope.total": "250 M€", "sun_es.volet2.envelope": "92 M€"},
...     name="bigger envelope",
...     rules=sn.load_rules(),
... )
>>> print(variant.get("sun_es.envelope.total").format("en"))
€250,000,000.00
>>> print(variant.read("sun_es.envelope.total").render("en"))  # doctest: +ELLIPSIS
sun_es.envelope.total = €250,000,000.00 [inferred, caller-supplied] — What-if variant 'bigger envelope' ...

An override that changes a whole without its parts (or the reverse) is refused, naming the parts
(:class:`~segur_numerique.SumCheckResult`), unless the caller accepts and records it:

>>> sn.whatif.with_overrides(
...     {"sun_es.volet2.envelope": "53 M€"}, rules=sn.load_rules()
... )  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
segur_numerique.errors.BrokenSumError: <what-if what-if>: values."sun_es.volet2.envelope": parts do not add up ...
>>> accepted = sn.whatif.with_overrides(
...     {"sun_es.volet2.envelope": "53 M€"}, accept_broken_sums=True, rules=sn.load_rules()
... )
>>> [r.status.value for r in accepted.check_results if r.accepted]
['broken']
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

import attrs

from segur_numerique.core.money import Euro
from segur_numerique.core.periods import Period
from segur_numerique.core.provenance import DatePrecision, Origin, Source, Status, Unit
from segur_numerique.core.text import Text
from segur_numerique.core.values import render_value
from segur_numerique.errors import OverrideError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import DatedValue, RuleScalar, RuleSet, RuleValue
from segur_numerique.rules.versions import _convert_value

WHATIF_SOURCE_DATE = dt.date(2000, 1, 1)
"""The placeholder date of the synthetic source of an override, marked
``DatePrecision.NONE`` (a what-if has no document date) so that nobody reads it as one."""

_EARLIEST = dt.date(1, 1, 1)
"""``since`` of a bare override on a declared unknown: it holds from always ("ETERNITY")."""


@attrs.frozen
class Override:
    """One validated override: ``value`` holds for ``key`` from ``start`` to ``end`` (inclusive).

    ``start`` is ``None`` for a bare value (it replaces every version); ``end`` is ``None`` for an
    open-ended override.
    """

    key: str
    value: RuleScalar
    unit: Unit
    start: dt.date | None = None
    end: dt.date | None = None

    def describe(self) -> str:
        """``key = value (from … / on … → …)`` in English, for tables and messages."""
        shown = render_value(self.value, "en")
        if self.start is None:
            return f"{self.key} = {shown}"
        if self.end is None:
            return f"{self.key} = {shown} from {self.start.isoformat()}"
        return f"{self.key} = {shown} on {self.start.isoformat()} → {self.end.isoformat()}"


def _unit_of(rules: RuleSet, key: str, where: str) -> Unit:
    if not isinstance(key, str) or not key:
        raise OverrideError(f"a key must be a non-empty string, got {key!r}", where=where)
    if key in rules.values:
        return rules.values[key].unit
    unknown = rules.unknown_for(key)
    if unknown is not None:
        return unknown.unit
    close = difflib.get_close_matches(key, [*rules.values, *(u.pattern for u in rules.unknowns)])
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise OverrideError(
        f"{key!r} is neither a rule value nor a declared unknown{hint}", where=where
    )


_PY_TYPES: dict[Unit, tuple[type, ...]] = {
    Unit.EUR: (Euro,),
    Unit.EUR_PER_POINT: (Euro,),
    Unit.EUR_PER_INHABITANTS: (Euro,),
    Unit.RATIO: (Fraction,),
    Unit.DATE: (dt.date,),
    Unit.DATETIME: (dt.datetime,),
    Unit.PERIOD: (Period,),
    Unit.TEXT: (str,),
    Unit.BOOLEAN: (bool,),
}


def _value(raw: object, unit: Unit, where: str) -> RuleScalar:
    if isinstance(raw, float):
        raise OverrideError(
            f"a float ({raw!r}) is not exact; write a string ('75 %', '1234.56') instead",
            where=where,
        )
    expected = _PY_TYPES.get(unit, (int,))
    if isinstance(raw, expected) and not (
        isinstance(raw, bool) and bool not in expected
    ):  # a value already of the right Python type
        if unit is Unit.RATIO and isinstance(raw, Fraction) and not 0 <= raw <= 1:
            raise OverrideError(f"a rate must lie in [0, 1], got {raw}", where=where)
        if unit is Unit.DATE and isinstance(raw, dt.datetime):
            raise OverrideError(f"expected a date, got the date-time {raw!r}", where=where)
        if isinstance(raw, int) and not isinstance(raw, bool) and raw < 0:
            raise OverrideError(f"a count cannot be negative, got {raw}", where=where)
        value: RuleScalar = raw  # type: ignore[assignment]
        return value
    if unit is Unit.DATE and isinstance(raw, str):
        try:
            raw = dt.date.fromisoformat(raw)
        except ValueError:
            raise OverrideError(f"expected a date (YYYY-MM-DD), got {raw!r}", where=where) from None
    if unit is Unit.DATETIME and isinstance(raw, str):
        try:
            raw = dt.datetime.fromisoformat(raw)
        except ValueError:
            raise OverrideError(f"expected an ISO date-time, got {raw!r}", where=where) from None
    try:
        return _convert_value(raw, unit)
    except ValueError as exc:
        raise OverrideError(f"{exc} (unit {unit.value})", where=where) from None


def _period_key(text: object, where: str) -> tuple[dt.date, dt.date | None]:
    if isinstance(text, dt.date) and not isinstance(text, dt.datetime):
        return text, None
    if not isinstance(text, str):
        raise OverrideError(
            f"a period key is 'YYYY-MM-DD' or 'YYYY-MM-DD.YYYY-MM-DD', got {text!r}", where=where
        )
    start_text, dot, end_text = text.partition(".")
    try:
        start = dt.date.fromisoformat(start_text)
        end = dt.date.fromisoformat(end_text) if dot else None
    except ValueError:
        raise OverrideError(
            f"a period key is 'YYYY-MM-DD' or 'YYYY-MM-DD.YYYY-MM-DD', got {text!r}", where=where
        ) from None
    if end is not None and end < start:
        raise OverrideError(f"the period ends ({end}) before it starts ({start})", where=where)
    return start, end


def parse_overrides(
    overrides: Mapping[str, object], *, rules: RuleSet | None = None
) -> tuple[Override, ...]:
    """Validate a whole override mapping against ``rules``; nothing is built if anything is wrong.

    >>> import segur_numerique as sn
    >>> parse_overrides({"sun_es.envelope.total": {"2023-01-01": "1 €"}}, rules=sn.load_rules())[
    ...     0
    ... ].start
    datetime.date(2023, 1, 1)
    >>> parse_overrides({"sun_es.envelope.totl": "1 €"}, rules=sn.load_rules())
    Traceback (most recent call last):
    ...
    segur_numerique.errors.OverrideError: overrides["sun_es.envelope.totl"]: 'sun_es.envelope.totl' is neither a rule value nor a declared unknown; did you mean sun_es.envelope.total...?

    Raises:
        OverrideError: a key, a period or a value is malformed; ``where`` gives its path.
    """
    rules = resolve_rules(rules)
    if not isinstance(overrides, Mapping):
        raise OverrideError(
            f"overrides must be a mapping of keys to values, got {type(overrides).__name__}",
            where="overrides",
        )
    parsed: list[Override] = []
    for key, spec in overrides.items():
        where = f"overrides[{key!r}]".replace("'", '"')
        unit = _unit_of(rules, key, where)
        if isinstance(spec, Mapping):
            if not spec:
                raise OverrideError("no period given", where=where)
            spans: list[Override] = []
            for period, raw in spec.items():
                at = f"{where}[{period!r}]".replace("'", '"')
                start, end = _period_key(period, at)
                spans.append(Override(key, _value(raw, unit, at), unit, start, end))
            spans.sort(key=lambda o: o.start or _EARLIEST)
            for before, after in itertools.pairwise(spans):
                assert before.start is not None
                assert after.start is not None
                if before.end is None or before.end >= after.start:
                    raise OverrideError(
                        f"periods overlap: {before.start} … and {after.start} …", where=where
                    )
            parsed.extend(spans)
        else:
            parsed.append(Override(key, _value(spec, unit, where), unit))
    return tuple(parsed)


def _override_version(override: Override, since: dt.date, source: Source, name: str) -> DatedValue:
    return DatedValue(
        since=since,
        value=override.value,
        status=Status.INFERRED,
        sources=(source,),
        origin=Origin.CALLER,
        reasoning=Text(
            fr=f"Valeur modifiée par la variante what-if « {name} » : ce n'est pas une valeur officielle.",
            en=f"Value overridden by the what-if variant '{name}': not an official value.",
        ),
    )


def _merge(
    base: RuleValue | None,
    key: str,
    unit: Unit,
    label: Text,
    spans: Sequence[Override],
    *,
    name: str,
) -> RuleValue:
    source = Source(
        f"What-if variant '{name}' (override, not official)",
        None,
        WHATIF_SOURCE_DATE,
        date_precision=DatePrecision.NONE,
    )
    versions: dict[dt.date, DatedValue] = {
        v.since: v for v in (base.versions if base is not None else ())
    }
    for span in spans:
        if span.start is None:
            first = min(versions) if versions else _EARLIEST
            versions = {first: _override_version(span, first, source, name)}
            continue
        resume = None
        if span.end is not None and base is not None:
            after = span.end + dt.timedelta(days=1)
            known = [v for v in base.versions if v.since <= after]
            resume = attrs.evolve(known[-1], since=after) if known else None
        stop = span.end or dt.date.max
        versions = {d: v for d, v in versions.items() if not span.start <= d <= stop}
        versions[span.start] = _override_version(span, span.start, source, name)
        if resume is not None and span.end is not None:
            later = [d for d in versions if d > span.end]
            if not later or min(later) > resume.since:
                versions[resume.since] = resume
    for span in spans:
        if span.start is not None and span.end is not None:
            after = span.end + dt.timedelta(days=1)
            in_force = max(d for d in versions if d <= after)
            if in_force == span.start:
                raise OverrideError(
                    f"no value of {key!r} holds after {span.end} to come back to; write an open "
                    f"period ({span.start.isoformat()!r}) instead",
                    where=f'overrides["{key}"]["{span.start}.{span.end}"]',
                )
    return RuleValue(
        key=key,
        label=label,
        unit=unit,
        versions=tuple(versions[d] for d in sorted(versions)),
        file=f"<what-if {name}>",
        description=base.description if base is not None else None,
        replaces_official=base is not None and base.origin is Origin.SHIPPED,
    )


def with_overrides(
    overrides: Mapping[str, object] | Iterable[Override],
    *,
    name: str = "what-if",
    accept_broken_sums: bool = False,
    rules: RuleSet | None = None,
) -> RuleSet:
    """A new rule set: ``rules`` with ``overrides`` applied (validated first; ``rules`` untouched).

    ``overrides`` is a mapping in the grammar of this module, or overrides already parsed by
    :func:`parse_overrides`. ``name`` names the variant in every explanation.

    The sum checks of the rule data run on the variant (:class:`~segur_numerique.SumCheckResult`): an
    override that changes a whole or a part so that they no longer add up is refused, unless
    ``accept_broken_sums`` is true; the broken check is then recorded in the variant
    (:attr:`~segur_numerique.RuleSet.check_results`) and flagged on every read of its values.

    >>> import segur_numerique as sn
    >>> base = sn.illustrative_assumptions()
    >>> v = sn.whatif.with_overrides(
    ...     {"sun_es.target.F1.discharge_letter": {"2022-01-01": "70 %"}}, name="harder", rules=base
    ... )
    >>> v.get("sun_es.target.F1.discharge_letter", on=dt.date(2021, 12, 31))
    Fraction(1, 2)
    >>> v.get("sun_es.target.F1.discharge_letter", on=dt.date(2022, 1, 1))
    Fraction(7, 10)
    >>> base.get("sun_es.target.F1.discharge_letter", on=dt.date(2022, 1, 1))
    Fraction(1, 2)

    Raises:
        OverrideError: an override is malformed or does not fit ``rules``.
        BrokenSumError: parts no longer add up to their whole (``file`` names the variant).
    """
    rules = resolve_rules(rules)
    rules = resolve_rules(rules)
    if not isinstance(name, str) or not name.strip():
        raise OverrideError(f"a variant needs a non-empty name, got {name!r}", where="name")
    parsed = (
        parse_overrides(overrides, rules=rules)
        if isinstance(overrides, Mapping)
        else tuple(overrides)
    )
    by_key: dict[str, list[Override]] = {}
    for override in parsed:
        if not isinstance(override, Override):
            raise OverrideError(f"expected an Override, got {override!r}", where="overrides")
        by_key.setdefault(override.key, []).append(override)
    values: dict[str, RuleValue] = {}
    for key, spans in by_key.items():
        base = rules.values.get(key)
        if base is not None:
            label = base.label
        else:
            unknown = rules.unknown_for(key)
            if unknown is None:  # parsed by hand against another rule set
                _unit_of(rules, key, f"overrides[{key!r}]")
                raise AssertionError  # pragma: no cover (the line above raises)
            label = unknown.label
        values[key] = _merge(base, key, spans[0].unit, label, spans, name=name)
    return rules.with_overlay(RuleSet(values), accept_broken_sums=accept_broken_sums)


def overridden_keys(rules: RuleSet) -> tuple[str, ...]:
    """The keys whose latest version comes from a what-if override, sorted."""
    return tuple(
        v.key
        for v in rules
        if any(
            s.title.startswith("What-if variant ") and s.url is None
            for version in v.versions
            for s in version.sources
        )
    )
