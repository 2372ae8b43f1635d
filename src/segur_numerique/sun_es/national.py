"""A national SUN-ES volet 1 simulation over a table of establishments, in one call.

:func:`national_simulation` takes a table of establishments (the schema of
:mod:`segur_numerique.sun_es.batch`, plus the window applied to, optionally the date each can
reach its targets, its region and its indicator counts) and gives, per establishment and volet 1
domain: the eligibility with its failed reasons, whether the targets were met, the forfait at
stake and paid, the CRO bonus, and the window after a missed deadline (rules digest, SUN-ES §2
[docs: explanation/rules/sun-es]); then the totals by region, window and domain, compared with the
sourced envelopes (:class:`~segur_numerique.sun_es.national_result.NationalSimulation`).

**One definition.** Nothing of SUN-ES is re-implemented here: each step calls the function
:func:`~segur_numerique.sun_es.simulate` calls, once per group of rows that the step's inputs
cannot tell apart, and every row of the group gets its result. Eligibility: the simulation's own
eligibility step, once per group of the criteria (as the batch eligibility table). Window:
:func:`~segur_numerique.sun_es.reassign`, once per distinct window and ready date. Targets:
whether each indicator's counts reach its target is
:func:`~segur_numerique.sun_es.evaluation.meets_target` (the comparison of
:func:`~segur_numerique.sun_es.evaluate_indicator`), then
:func:`~segur_numerique.sun_es.evaluate_domain` once per domain, window, profile and pattern of
met indicators. Forfait: :func:`~segur_numerique.sun_es.forfait` once per domain, activity band,
window pair, indicators met and CRO bonus. A hypothesis property test checks, row by row and to
the cent, that the table equals :func:`~segur_numerique.sun_es.simulate` on each establishment.

**Extra columns** (beyond :mod:`segur_numerique.sun_es.batch`): ``window`` (string, ``F1``...
``F4``; or the ``window`` keyword for all rows), ``ready_on`` (date, optional: null means "reaches
its targets in its window"), ``region`` (string, optional), and, per indicator, optional
``<indicator>_numerator`` and ``<indicator>_denominator`` integer columns (both null: no counts;
a row without any counts gets the forfaits at stake, as :func:`~segur_numerique.sun_es.simulate`).
As in the batch table, the dialysis "one application per FINESS juridique" rule is not checked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import narwhals as nw

from segur_numerique.errors import BatchInputError, MissingParameterError, SegurError
from segur_numerique.funding_scaling.batch import _frame
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.batch import _groups, _validate
from segur_numerique.sun_es.calendar import window as get_window
from segur_numerique.sun_es.evaluation import meets_target
from segur_numerique.sun_es.grid import ForfaitGrid, check_window
from segur_numerique.sun_es.national_result import NationalSimulation, assemble
from segur_numerique.sun_es.national_steps import INDICATORS, domain_steps, group_eligibility
from segur_numerique.sun_es.prerequisites import prerequisite_checklist
from segur_numerique.sun_es.reassignment import reassign
from segur_numerique.sun_es.targets import target_from_rules


def _windows(frame: nw.DataFrame[Any], window: str | None) -> Any:
    """The window applied to, per row (an object array of names), checked."""
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    n = frame.shape[0]
    if window is not None:
        check_window(window)
        return np.full(n, window, dtype=object)
    if "window" not in frame.schema:
        raise BatchInputError(
            "required column is missing (or give window= for every row)", where="column 'window'"
        )
    values = np.asarray(frame.get_column("window").to_numpy(), dtype=object)
    for name in dict.fromkeys(values.tolist()):
        if not isinstance(name, str):
            row = int(np.argmax([v is name for v in values]))
            raise BatchInputError(
                f"expected a window name, got {name!r}", where=f"row {row}, column 'window'"
            )
        try:
            check_window(name)
        except SegurError as exc:
            row = int(np.argmax(values == name))
            raise BatchInputError(str(exc), where=f"row {row}, column 'window'") from None
    return values


def _ready(frame: nw.DataFrame[Any]) -> Any:
    """The ``ready_on`` column as ``datetime64[D]`` (NaT when absent or null)."""
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    if "ready_on" not in frame.schema:
        return np.full(frame.shape[0], np.datetime64("NaT"), dtype="datetime64[D]")
    try:
        return np.asarray(frame.get_column("ready_on").to_numpy(), dtype="datetime64[D]")
    except (TypeError, ValueError):
        raise BatchInputError("must hold dates (or nulls)", where="column 'ready_on'") from None


def _reassigned(name: str, days: list[int], rules: RuleSet, on: dt.date | None) -> list[str | None]:
    """The window after reassignment of ``name`` for each sorted ready day (days since 1970).

    :func:`~segur_numerique.sun_es.reassign` is called at the ends of the run of days and, where
    they differ, on its halves (bisection): the window it gives never goes back to an earlier one
    when the ready date is later (it is the first window whose deadline can still be met), so a
    run whose two ends agree has that window throughout. The property test checks every row
    against :func:`~segur_numerique.sun_es.simulate`.
    """
    chosen = get_window(name, rules=rules, as_known_on=on)
    found: dict[int, str | None] = {}
    out: list[str | None] = [None] * len(days)

    def at(i: int) -> str | None:
        if i not in found:
            ready_on = dt.date(1970, 1, 1) + dt.timedelta(days=days[i])
            result = reassign(chosen, ready_on, rules=rules, as_known_on=on)
            found[i] = result.window.name if result.window is not None else None
        return found[i]

    def fill(lo: int, hi: int) -> None:
        first, last = at(lo), at(hi)
        if first == last or hi - lo <= 1:
            out[lo : hi + 1] = [first] * (hi - lo) + [last]
            return
        mid = (lo + hi) // 2
        fill(lo, mid)
        fill(mid, hi)

    if days:
        fill(0, len(days) - 1)
    return out


def _effective(
    windows: Any, ready: Any, rules: RuleSet, on: dt.date | None
) -> tuple[Any, list[tuple[str, str | None]]]:
    """Per row, the index of its (window applied to, window after reassignment) pair, and the pairs.

    A row without a ready date keeps its window (as :func:`~segur_numerique.sun_es.simulate`).
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    names = sorted(set(windows.tolist()))
    window_index = np.searchsorted(np.asarray(names, dtype=object), windows)
    days = ready.astype(np.int64)
    nat = np.isnat(ready)
    code = np.zeros(len(windows), dtype=np.int64)
    pairs: dict[tuple[str, str | None], int] = {}
    for w, name in enumerate(names):
        rows = window_index == w
        code[rows & nat] = pairs.setdefault((name, name), len(pairs))
        dated = rows & ~nat
        if not dated.any():
            continue
        unique, inverse = np.unique(days[dated], return_inverse=True)
        effective = _reassigned(name, [int(d) for d in unique], rules, on)
        ids = np.asarray([pairs.setdefault((name, e), len(pairs)) for e in effective])
        code[dated] = ids[inverse.reshape(-1)]
    return code, list(pairs)


def _bands(frame: nw.DataFrame[Any], rules: RuleSet, on: dt.date | None) -> Any:
    """The 0-based forfait band of each row (-1 below the first); the activity if no grid is known."""
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    activity = frame.get_column("activity_2019").to_numpy().astype(np.int64, copy=False)
    try:
        grid = ForfaitGrid.from_rules(rules, on=on)
    except MissingParameterError:  # the simulation of an eligible row raises it, naming the key
        return activity
    bounds = np.asarray(grid.activity_from, dtype=np.int64)
    return np.searchsorted(bounds, activity, side="right") - 1


def _count_columns(frame: nw.DataFrame[Any], indicator: str) -> tuple[Any, Any] | None:
    """The numerator and denominator of ``indicator`` (int64, -1 for null), checked; or None."""
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    names = (f"{indicator}_numerator", f"{indicator}_denominator")
    present = [n in frame.schema for n in names]
    if not any(present):
        return None
    if not all(present):
        missing = names[present.index(False)]
        raise BatchInputError("give both counts of an indicator", where=f"column {missing!r}")
    out = []
    for name in names:
        if not frame.schema[name].is_integer():
            raise BatchInputError(
                f"must be an integer column, got {frame.schema[name]}", where=f"column {name!r}"
            )
        column = frame.get_column(name)
        values = column.fill_null(-1).to_numpy().astype(np.int64, copy=False)
        bad = (values < 0) & ~column.is_null().to_numpy()
        if bad.any():
            raise BatchInputError(
                "cannot be negative", where=f"row {int(np.argmax(bad))}, column {name!r}"
            )
        out.append(values)
    numerator, denominator = out
    for bad, what in (
        ((numerator < 0) != (denominator < 0), "give both counts or neither"),
        (numerator > denominator, "the numerator is above the denominator"),
    ):
        if bad.any():
            raise BatchInputError(what, where=f"row {int(np.argmax(bad))}, column {names[0]!r}")
    return numerator, denominator


def _count_states(
    frame: nw.DataFrame[Any], pair_code: Any, pairs: list[tuple[str, str | None]], rules: RuleSet
) -> tuple[Any, dict[str, tuple[Any, Any]]]:
    """Per row, one base-4 digit per indicator: 0 no counts, 1 met, 2 not met, 3 target unknown."""
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    states = np.zeros(frame.shape[0], dtype=np.int64)
    counts: dict[str, tuple[Any, Any]] = {}
    for digit, indicator in enumerate(INDICATORS):
        columns = _count_columns(frame, indicator)
        if columns is None:
            continue
        counts[indicator] = columns
        numerator, denominator = columns
        state = np.where(numerator >= 0, 3, 0)
        for code, (_, effective) in enumerate(pairs):
            rows = (pair_code == code) & (numerator >= 0)
            if effective is None or not rows.any():
                continue
            try:
                rate = target_from_rules(rules, effective, indicator).rate
            except MissingParameterError:  # the group's simulation raises it if it needs it
                continue
            met = meets_target(numerator[rows], denominator[rows], rate)
            state[rows] = np.where(met, 1, 2)
        states += state << (2 * digit)
    return states, counts


def national_simulation(
    table: Any,
    *,
    rules: RuleSet | None = None,
    window: str | None = None,
    on: dt.date | None = None,
) -> NationalSimulation:
    """Simulate SUN-ES volet 1 for every establishment of a table; totals against the envelopes.

    ``window`` gives the window of every row (else the ``window`` column). The result holds one
    row per establishment and domain applied for (:attr:`NationalSimulation.table`, in the
    input's backend, integer cents), the totals (:meth:`NationalSimulation.totals`) and the gap to
    each sourced envelope (:attr:`NationalSimulation.envelopes`: the 158 M€ of volet 1 and the
    regional envelopes found in sources). Nothing is scaled down to an envelope: that is a what-if
    the caller names (:func:`segur_numerique.whatif.scale_to_envelope`).

    Raises:
        BatchInputError: a missing column, a bad type or value (the row and column are named).
        MissingParameterError: a value nobody could source (the forfait grid, a target) is needed
            and ``rules`` does not supply it (see :func:`~segur_numerique.illustrative_assumptions`).
    """
    rules = resolve_rules(rules)
    ids = prerequisite_checklist(on=on, rules=rules).ids
    frame = _validate(_frame(table), ids)
    windows, ready = _windows(frame, window), _ready(frame)
    first, group = _groups(frame, [f"prerequisite_{p}" for p in ids])
    eligibility = group_eligibility(frame, first, ids, rules=rules, on=on)
    pair_code, pairs = _effective(windows, ready, rules, on)
    states, counts = _count_states(frame, pair_code, pairs, rules)
    steps = domain_steps(
        frame,
        group=group,
        windows=windows,
        eligibility=eligibility,
        pair_code=pair_code,
        pairs=pairs,
        band=_bands(frame, rules, on),
        states=states,
        counts=counts,
        rules=rules,
        on=on,
    )
    return assemble(frame, steps, windows, rules=rules, on=on)
