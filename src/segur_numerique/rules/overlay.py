"""Checks of a value a caller overlays on a rule set (see :meth:`~segur_numerique.RuleSet.with_overlay`)."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from segur_numerique.core.provenance import Origin
from segur_numerique.errors import RuleDataError

if TYPE_CHECKING:  # the model imports this module to validate an overlay
    from segur_numerique.rules.model import RuleSet, RuleValue


def check_overlay_value(base: RuleSet, value: RuleValue) -> None:
    """Check that ``value`` may be overlaid on ``base``.

    It must be a declared unknown, or a knowingly replaced shipped value of the same unit.

    Raises:
        RuleDataError: it may not; the error names the file and the value.
    """
    replaces = value.replaces_official
    if value.key in base.values and base.values[value.key].origin is Origin.SHIPPED:
        if not replaces:
            raise RuleDataError(
                "this key is shipped rule data; set replaces_official = true to override it",
                file=value.file,
                path=f'values."{value.key}"',
            )
        if base.values[value.key].unit is not value.unit:
            raise RuleDataError(
                f"unit {value.unit.value!r} differs from the shipped unit "
                f"{base.values[value.key].unit.value!r}",
                file=value.file,
                path=f'values."{value.key}".unit',
            )
        return
    unknown = base.unknown_for(value.key)
    if unknown is None and value.key not in base.values:
        close = difflib.get_close_matches(value.key, [u.pattern for u in base.unknowns], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise RuleDataError(
            f"{value.key!r} is neither a declared unknown nor a rule value{hint}",
            file=value.file,
            path=f'values."{value.key}"',
        )
    if unknown is not None and unknown.unit is not value.unit:
        raise RuleDataError(
            f"unit {value.unit.value!r} differs from the declared unit {unknown.unit.value!r}",
            file=value.file,
            path=f'values."{value.key}".unit',
        )
