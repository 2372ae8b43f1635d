"""Whole-rule-set checks run at load time: parts adding up to their whole, keys in their package."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from segur_numerique.core.money import Euro
from segur_numerique.errors import RuleDataError
from segur_numerique.rules.model import RuleSet, RuleValue, SumCheck

PACKAGE_OF_SEGMENT: Mapping[str, str] = {"segur": "catalogue"}
"""The package holding the keys of a first segment, where it is not the segment itself."""


def _run_checks(values: Mapping[str, RuleValue], checks: Iterable[SumCheck]) -> None:
    for i, check in enumerate(checks):
        path = f"checks[{i}]"
        for key in (check.whole, *check.parts):
            if key not in values:
                raise RuleDataError(
                    f"check names unknown value {key!r}", file=check.file, path=path
                )
        whole = values[check.whole]
        dates = sorted({v.since for k in (check.whole, *check.parts) for v in values[k].versions})
        for day in dates:
            if day < max(values[k].versions[0].since for k in (check.whole, *check.parts)):
                continue
            total = values[check.whole].as_known_on(day).value
            parts = [values[k].as_known_on(day).value for k in check.parts]
            if not all(isinstance(p, Euro) for p in parts) or not isinstance(total, Euro):
                raise RuleDataError(
                    "a sum check applies to EUR values only", file=check.file, path=path
                )
            found = sum((p.cents for p in parts if isinstance(p, Euro)), 0)
            if found != total.cents:
                shown = " + ".join(str(p) for p in parts)
                raise RuleDataError(
                    f"parts do not add up to their whole on {day.isoformat()}: {shown} = "
                    f"{Euro.from_cents(found)}, but {whole.key} = {total}",
                    file=check.file,
                    path=path,
                )


def package_for_key(key: str) -> str:
    """The package whose rule data holds ``key``: its first segment (``segur`` → ``catalogue``).

    >>> package_for_key("sons.envelope.total"), package_for_key("segur.duration")
    ('sons', 'catalogue')
    """
    segment = key.split(".", 1)[0]
    return PACKAGE_OF_SEGMENT.get(segment, segment)


def check_layout(rules: RuleSet, package_of_file: Mapping[str, str]) -> None:
    """Check that every key sits in the package named by its first segment.

    ``package_of_file`` maps each file name to the package (top folder) it lives in.

    Raises:
        RuleDataError: a value or declared unknown sits in another package's file.
    """
    entries = [(v.key, v.file, f'values."{v.key}"') for v in rules]
    entries += [(u.pattern, u.file, f'unknowns."{u.pattern}"') for u in rules.unknowns]
    for key, file, path in entries:
        expected = package_for_key(key)
        found = package_of_file.get(file, "")
        if found != expected:
            where = f"the package {found!r}" if found else "no package"
            raise RuleDataError(
                f"key {key!r} belongs in the package {expected!r} but sits in {where}",
                file=file,
                path=path,
            )
