"""Sum checks: parts that must add up to their whole, run on **every** rule set.

The rule data declares them as ``[[checks]]`` tables (rules digest, Ségur Numérique §1 [docs: explanation/rules/segur]: 158 + 52 = 210 M€ for SUN-ES,
123 + 11 + 24 = 158 M€ for its volet 1, 1.4 + 0.6 = 2 Md€ for the Ségur Numérique). They run when
the official data is loaded, and again on every merged set: a caller parameter file
(:func:`~segur_numerique.load_parameter_file`, :meth:`~segur_numerique.RuleSet.with_overlay`) or
what-if overrides (:func:`~segur_numerique.whatif.with_overrides`). A merged set whose parts no longer
add up is refused with :class:`BrokenSumError`, unless the caller passes
``accept_broken_sums=True``: the broken check is then recorded in the rule set
(:attr:`~segur_numerique.RuleSet.check_results`), shown by ``rules --json`` and flagged on every
read of its whole or parts, so on every explanation that uses them.

* A conflicting value is checked at its default alternative; the result says so (:attr:`defaults`).
* A check naming a declared unknown the caller has not supplied cannot be evaluated: it is
  *skipped* and recorded as such (not an error).
* Each check is evaluated on every date a version of its whole or parts starts (from the date
  they are all known); the first date they do not add up is reported.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from segur_numerique.core.money import Euro
from segur_numerique.core.provenance import Origin
from segur_numerique.core.text import Lang, Text
from segur_numerique.core.values import JsonValue, render_value
from segur_numerique.errors import BrokenSumError, RuleDataError

if TYPE_CHECKING:  # the model imports this module to run the checks of a merged set
    from segur_numerique.rules.model import RuleValue


class CheckStatus(enum.Enum):
    """The outcome of a sum check on a rule set."""

    PASSED = "passed"
    BROKEN = "broken"
    """The parts do not add up; only ever held by a rule set built with ``accept_broken_sums``."""
    SKIPPED = "skipped"
    """A part or the whole is a declared unknown with no value: the check cannot be evaluated."""


@attrs.frozen
class SumCheck:
    """Parts that must add up to their whole (rules digest, Ségur Numérique §1 [docs: explanation/rules/segur]: 158 + 52 = 210 M€).

    ``path`` is where the check sits in ``file`` (``checks[0]``).
    """

    whole: str
    parts: tuple[str, ...]
    file: str
    path: str = ""

    @property
    def name(self) -> str:
        """``whole = part + part``."""
        return f"{self.whole} = {' + '.join(self.parts)}"

    @property
    def keys(self) -> tuple[str, ...]:
        """The whole and the parts."""
        return (self.whole, *self.parts)


@attrs.frozen
class SumCheckResult:
    """A sum check evaluated on a rule set.

    Attributes:
        check: the check.
        status: passed, broken (accepted by the caller) or skipped.
        on: for a broken check, the first date its parts do not add up.
        whole: the whole's value on that date (the latest date checked, for a passed check).
        parts: each part with its value on that date.
        difference: the sum of the parts minus the whole.
        changed_by: each non-official key of the check with the file or what-if that set it.
        defaults: each conflicting key of the check with the alternative checked (its default).
        missing: for a skipped check, the keys that have no value.
        accepted: the caller accepted the broken check (``accept_broken_sums=True``).
    """

    check: SumCheck
    status: CheckStatus
    on: dt.date | None = None
    whole: Euro | None = None
    parts: tuple[tuple[str, Euro], ...] = ()
    difference: Euro | None = None
    changed_by: tuple[tuple[str, str], ...] = ()
    defaults: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()
    accepted: bool = False

    def involves(self, key: str) -> bool:
        """Whether ``key`` is the whole or a part of the check."""
        return key in self.check.keys

    def _figures(self, lang: Lang) -> str:
        shown = " + ".join(f"{k} = {render_value(v, lang)}" for k, v in self.parts)
        total = Euro.from_cents(sum(v.cents for _, v in self.parts))
        whole = render_value(self.whole, lang)
        gap = render_value(self.difference, lang)
        if lang == "fr":
            return f"{shown} = {render_value(total, lang)} au lieu de {self.check.whole} = {whole} (écart {gap})"
        return f"{shown} = {render_value(total, lang)}, but {self.check.whole} = {whole} (difference {gap})"

    def describe(self) -> Text:
        """The result in one sentence, in French and English."""
        where = f"{self.check.file} {self.check.path}".strip()
        name = self.check.name
        if self.status is CheckStatus.SKIPPED:
            missing = ", ".join(self.missing)
            return Text(
                fr=f"contrôle de somme {name} ({where}) non évalué : sans valeur pour {missing}",
                en=f"sum check {name} ({where}) not evaluated: no value for {missing}",
            )
        defaults = ", ".join(f"{k} ({a})" for k, a in self.defaults)
        if self.status is CheckStatus.PASSED:
            fr_d = f" ; valeur par défaut contrôlée pour {defaults}" if defaults else ""
            en_d = f"; default alternative checked for {defaults}" if defaults else ""
            return Text(
                fr=f"contrôle de somme {name} ({where}) respecté{fr_d}",
                en=f"sum check {name} ({where}) holds{en_d}",
            )
        changed = ", ".join(f"{k} by {f}" for k, f in self.changed_by) or "official data"
        changed_fr = ", ".join(f"{k} par {f}" for k, f in self.changed_by) or "données officielles"
        day = self.on.isoformat() if self.on else ""
        return Text(
            fr=f"contrôle de somme {name} ({where}) NON RESPECTÉ le {day}, accepté par "
            f"l'appelant : {self._figures('fr')} ; modifié : {changed_fr}"
            + (f" ; valeur par défaut contrôlée pour {defaults}" if defaults else ""),
            en=f"sum check {name} ({where}) BROKEN on {day}, accepted by the caller: "
            f"{self._figures('en')}; changed: {changed}"
            + (f"; default alternative checked for {defaults}" if defaults else ""),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The result as a JSON object (amounts as exact decimal strings)."""
        return {
            "whole": self.check.whole,
            "parts": list(self.check.parts),
            "file": self.check.file,
            "path": self.check.path,
            "status": self.status.value,
            "accepted": self.accepted,
            "on": self.on.isoformat() if self.on else None,
            "values": {k: v.to_json() for k, v in ((self.check.whole, self.whole), *self.parts)}
            if self.whole is not None
            else {},
            "difference": self.difference.to_json() if self.difference is not None else None,
            "changed_by": [{"key": k, "by": f} for k, f in self.changed_by],
            "defaults": [{"key": k, "alternative": a} for k, a in self.defaults],
            "missing": list(self.missing),
            "description": self.describe().to_json(),
        }


def _euro(value: object, check: SumCheck) -> Euro:
    if not isinstance(value, Euro):
        raise RuleDataError(
            "a sum check applies to EUR values only", file=check.file, path=check.path
        )
    return value


def evaluate_sum_check(
    values: Mapping[str, RuleValue], check: SumCheck, *, is_unknown: Callable[[str], bool]
) -> SumCheckResult:
    """Evaluate ``check`` on ``values`` (see the module docstring); never raises for a broken sum.

    Raises:
        RuleDataError: the check names a key that is neither a value nor a declared unknown, or a
            value that is not in euros.
    """
    missing = tuple(k for k in check.keys if k not in values)
    for key in missing:
        if not is_unknown(key):
            raise RuleDataError(
                f"check names unknown value {key!r}", file=check.file, path=check.path
            )
    if missing:
        return SumCheckResult(check, CheckStatus.SKIPPED, missing=missing)
    found = [values[k] for k in check.keys]
    changed = tuple(
        (v.key, v.file) for v in found if any(d.origin is not Origin.SHIPPED for d in v.versions)
    )
    start = max(v.versions[0].since for v in found)
    days = sorted({d.since for v in found for d in v.versions if d.since >= start} | {start})
    defaults: dict[str, str] = {}
    result = SumCheckResult(check, CheckStatus.PASSED)
    for day in days:
        versions = [v.as_known_on(on=day) for v in found]
        for value, version in zip(found, versions, strict=True):
            if version.alternatives and version.default is not None:
                defaults.setdefault(value.key, version.default)
        whole, *parts = (_euro(v.value, check) for v in versions)
        gap = Euro.from_cents(sum(p.cents for p in parts) - whole.cents)
        status = CheckStatus.BROKEN if gap.cents else CheckStatus.PASSED
        result = SumCheckResult(
            check, status, day, whole, tuple(zip(check.parts, parts, strict=True)), gap, changed
        )
        if status is CheckStatus.BROKEN:
            break
    return attrs.evolve(result, defaults=tuple(sorted(defaults.items())))


def run_sum_checks(
    values: Mapping[str, RuleValue],
    checks: Iterable[SumCheck],
    *,
    is_unknown: Callable[[str], bool],
    previous: Iterable[SumCheckResult] = (),
    accept: bool = False,
) -> tuple[SumCheckResult, ...]:
    """Evaluate every check; a broken one raises unless accepted now or, unchanged, before.

    ``previous`` are the results of the rule set a merged set was built on: a broken check the
    caller accepted there stays accepted if its figures did not change.

    Raises:
        BrokenSumError: a check does not hold and ``accept`` is false.
    """
    accepted = [attrs.evolve(r, accepted=False) for r in previous if r.accepted]
    results = []
    for check in checks:
        result = evaluate_sum_check(values, check, is_unknown=is_unknown)
        if result.status is CheckStatus.BROKEN:
            if not accept and result not in accepted:
                raise broken_sum_error(result)
            result = attrs.evolve(result, accepted=True)
        results.append(result)
    return tuple(results)


def broken_warnings(results: Iterable[SumCheckResult], key: str) -> tuple[Text, ...]:
    """The accepted broken checks that involve ``key``, described (for the reads of ``key``)."""
    return tuple(r.describe() for r in results if r.accepted and r.involves(key))


def broken_sum_error(result: SumCheckResult) -> BrokenSumError:
    """The typed error for a broken sum check, naming the parts, the whole and what changed."""
    check = result.check
    changed = ", ".join(f"{k} (set by {f})" for k, f in result.changed_by)
    defaults = ", ".join(f"{k} ({a})" for k, a in result.defaults)
    day = result.on.isoformat() if result.on else ""
    shown = " + ".join(f"{k} = {v}" for k, v in result.parts)
    total = Euro.from_cents(sum(v.cents for _, v in result.parts))
    problem = (
        f"parts do not add up to their whole on {day}: {shown} = {total}, but "
        f"{check.whole} = {result.whole} (difference {result.difference}); sum check "
        f"{check.name} ({check.file} {check.path})"
        + (f"; changed: {changed}" if changed else "")
        + (f"; the default alternative was checked for {defaults}" if defaults else "")
        + (
            "; fix the values, or pass accept_broken_sums=True to accept and record it"
            if changed
            else ""
        )
    )
    if result.changed_by:
        key, file = result.changed_by[0]
        return BrokenSumError(problem, result=result, file=file, path=f'values."{key}"')
    return BrokenSumError(problem, result=result, file=check.file, path=check.path)
