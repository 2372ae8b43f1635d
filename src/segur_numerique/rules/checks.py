"""Whole-rule-set checks run at load time: keys in their package (sum checks: :mod:`~segur_numerique.rules.sums`)."""

from __future__ import annotations

from collections.abc import Mapping

from segur_numerique.errors import RuleDataError
from segur_numerique.rules.model import RuleSet

PACKAGE_OF_SEGMENT: Mapping[str, str] = {"segur": "catalogue"}
"""The package holding the keys of a first segment, where it is not the segment itself."""


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
