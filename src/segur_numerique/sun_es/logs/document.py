"""The JSON document of indicators computed from logs: ``indicators --json`` and ``POST /indicators``.

One definition for the command line and the HTTP server: the result of
:func:`~segur_numerique.sun_es.logs.compute.indicators_from_logs`, whether the window was the
default, and the target of each indicator for that window (``null`` when it is an unknown the
caller has not supplied).
"""

from __future__ import annotations

from segur_numerique.core.values import JsonValue
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.indicators import INDICATORS
from segur_numerique.sun_es.logs.results import (
    LogIndicators,
)
from segur_numerique.sun_es.targets import Target, target_from_rules


def window_targets(rules: RuleSet, window: str) -> dict[str, Target | None]:
    """The target of every volet 1 indicator for ``window``, ``None`` where it is not supplied."""
    out: dict[str, Target | None] = {}
    for d in INDICATORS:
        key = d.target_key(window)
        out[d.id] = target_from_rules(rules, window, d.id) if rules.is_supplied(key) else None
    return out


def indicators_document(
    result: LogIndicators,
    rules: RuleSet,
    window: str,
    *,
    window_defaulted: bool,
    sample: int = 10,
) -> dict[str, JsonValue]:
    """The indicators document: the result, the window's origin, the targets.

    :meth:`LogIndicators.to_json` gives the exclusions as counts by reason; a ``sample`` of their
    rows is added, not every row (the whole table: :meth:`LogIndicators.write_exclusions`).
    """
    targets = window_targets(rules, window)
    rows = () if result.reason_counts is None else result.exclusion_sample(sample)
    return {
        **result.to_json(exclusions=False),
        "exclusion_sample": [x.to_json() for x in rows],
        "window_defaulted": window_defaulted,
        "targets": {k: (v.to_json() if v else None) for k, v in targets.items()},
    }
