"""Batch evaluation over tables of establishments (pandas, polars, pyarrow, DuckDB via narwhals).

Analysts evaluate whole populations: SUN-ES eligibility per domain, the forfait at stake per
domain, and allocations of an envelope, for a table of establishments, with **the same results as
the one-by-one path** (:func:`~segur_numerique.sun_es_eligibility`,
:func:`~segur_numerique.sun_es_forfait`, :func:`~segur_numerique.allocate`); a hypothesis property
test checks it.

**Table schema** (one row per establishment; extra columns are kept and ignored):

=========================== ========= ==================================================
column                      type      meaning
=========================== ========= ==================================================
``finess_juridique``        string    FINESS of the legal entity (format checked)
``finess_geographique``     string    FINESS of the site (format checked; unique)
``legal_status``            string    ``public``, ``private`` (``privé``), ``espic``, ``clcc``
``mco`` ``ssr`` ``psy``     boolean   the activities (at least one true per row)
``had`` ``dialysis``
``activity_2019``           integer   2019 combined activity (≥ 0)
``own_lab``                 boolean   own lab under the same FINESS juridique
``own_imaging``             boolean   own imaging platform under the same FINESS juridique
``operating_theatre``       boolean   an operating theatre
``prerequisite_<id>``       boolean   one column per known SUN-ES prerequisite
=========================== ========= ==================================================

Nulls are refused; a bad value raises a typed error naming the row and the column.

What the batch path does not do: the dialysis "one application per FINESS juridique" rule needs
the other applications of a window; each row is evaluated as the only application of its legal
entity (as :func:`~segur_numerique.sun_es_eligibility` with no ``other_applications``).

**Speed.** The rules are read once; eligibility is boolean column algebra run by the backend;
forfaits are an integer-cent table lookup (``searchsorted`` on the band bounds, the same table
:meth:`~segur_numerique.ForfaitGrid.cents_table` the one-by-one path uses); allocations use integer
arithmetic on int64 columns (exact; Python integers when int64 could overflow).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import narwhals as nw

from segur_numerique._allocation import AllocationError
from segur_numerique._domains import SunEsDomain
from segur_numerique._eligibility import sun_es_prerequisites
from segur_numerique._establishment import FINESS_PATTERN, Activity, Establishment, LegalStatus
from segur_numerique._rules import RuleSet, load_rules
from segur_numerique.core.money import Euro
from segur_numerique.errors import InvalidInputError
from segur_numerique.sun_es.grid import ForfaitGrid, ForfaitGridError

if TYPE_CHECKING:
    import numpy as np

ACTIVITY_COLUMNS: Final = tuple(a.value for a in Activity)
BOOL_COLUMNS: Final = ("own_lab", "own_imaging", "operating_theatre")
STRING_COLUMNS: Final = ("finess_juridique", "finess_geographique", "legal_status")


class BatchInputError(InvalidInputError):
    """A table of establishments is malformed: a missing column, a bad type or a bad value."""


def eligible_column(domain: SunEsDomain) -> str:
    """The name of the result column of a domain: ``eligible_volet1_biology``."""
    return "eligible_" + domain.value.replace(".", "_")


def forfait_column(domain: SunEsDomain) -> str:
    """The name of the forfait column of a domain, in cents: ``forfait_volet1_biology_cents``."""
    return "forfait_" + domain.value.replace(".", "_") + "_cents"


def _frame(table: Any) -> nw.DataFrame[Any]:
    try:
        frame = nw.from_native(table)
    except TypeError:
        raise BatchInputError(
            f"expected a dataframe (pandas, polars, pyarrow, DuckDB), got {type(table).__name__}",
            where="table",
        ) from None
    if isinstance(frame, nw.LazyFrame):
        return frame.collect()
    if not isinstance(frame, nw.DataFrame):
        raise BatchInputError("expected a dataframe, got a series", where="table")
    return frame


def _first_bad_row(frame: nw.DataFrame[Any], bad: nw.Expr) -> int | None:
    flagged = frame.with_row_index("__row").filter(bad).select("__row").head(1)
    if flagged.shape[0] == 0:
        return None
    return int(flagged.item(0, 0))


def _validate(frame: nw.DataFrame[Any], prerequisite_ids: Sequence[str]) -> nw.DataFrame[Any]:
    """Check the schema and every value; return the frame with ``legal_status`` normalised."""
    schema = frame.schema
    prereq_cols = tuple(f"prerequisite_{p}" for p in prerequisite_ids)
    required = (
        *STRING_COLUMNS,
        *ACTIVITY_COLUMNS,
        "activity_2019",
        *BOOL_COLUMNS,
        *prereq_cols,
    )
    for column in required:
        if column not in schema:
            raise BatchInputError("required column is missing", where=f"column {column!r}")
    extra_prereq = sorted(
        c for c in schema if c.startswith("prerequisite_") and c not in prereq_cols
    )
    if extra_prereq:
        raise BatchInputError(
            f"unknown prerequisite column(s) {', '.join(extra_prereq)}; the known prerequisites "
            f"are {', '.join(prerequisite_ids)}",
            where=f"column {extra_prereq[0]!r}",
        )
    for column in (*ACTIVITY_COLUMNS, *BOOL_COLUMNS, *prereq_cols):
        if schema[column] != nw.Boolean:
            raise BatchInputError(
                f"must be a boolean column, got {schema[column]}", where=f"column {column!r}"
            )
    if not schema["activity_2019"].is_integer():
        raise BatchInputError(
            f"must be an integer column, got {schema['activity_2019']}",
            where="column 'activity_2019'",
        )
    for column in STRING_COLUMNS:
        if schema[column] != nw.String:
            raise BatchInputError(
                f"must be a string column, got {schema[column]}", where=f"column {column!r}"
            )
    allowed = [st.value for st in LegalStatus]
    if not frame.select(nw.col("legal_status").is_in(allowed).all()).item():
        status = nw.col("legal_status").str.strip_chars().str.to_lowercase()
        status = (
            nw.when(status.is_in(["privé", "prive"]))
            .then(nw.lit(LegalStatus.PRIVATE.value))
            .otherwise(status)
        )
        frame = frame.with_columns(status.alias("legal_status"))
    # Every value check in one pass; the row of a failed check is looked up only then.
    checks: list[tuple[nw.Expr, str, str]] = [
        (nw.col(c).is_null(), c, "missing value (null)") for c in required
    ]
    checks += [
        (
            ~nw.col(c).str.contains(FINESS_PATTERN),
            c,
            "{value!r} is not a FINESS number (9 characters: a département code 01-95, 2A, 2B, "
            "97x or 98x, then digits)",
        )
        for c in ("finess_juridique", "finess_geographique")
    ]
    checks += [
        (
            ~nw.col("legal_status").is_in(allowed),
            "legal_status",
            "unknown legal status {value!r}; allowed values: " + ", ".join(allowed),
        ),
        (nw.col("activity_2019") < 0, "activity_2019", "cannot be negative, got {value}"),
        (
            ~nw.any_horizontal(*(nw.col(c) for c in ACTIVITY_COLUMNS), ignore_nulls=False),
            "mco",
            "at least one activity is required",
        ),
    ]
    failed = frame.select(*(bad.any().alias(f"c{i}") for i, (bad, _, _) in enumerate(checks)))
    for i, (bad, column, message) in enumerate(checks):
        if failed.item(0, f"c{i}"):
            row = _first_bad_row(frame, bad)
            assert row is not None
            where = (
                f"row {row}, columns {', '.join(ACTIVITY_COLUMNS)}"
                if message.startswith("at least one activity")
                else f"row {row}, column {column!r}"
            )
            raise BatchInputError(message.format(value=frame.item(row, column)), where=where)
    # n_unique first: is_duplicated is slow on some backends, and only needed to name the row.
    if frame.select(nw.col("finess_geographique").n_unique()).item() != frame.shape[0]:
        row = _first_bad_row(frame, nw.col("finess_geographique").is_duplicated())
        assert row is not None
        raise BatchInputError(
            f"FINESS {frame.item(row, 'finess_geographique')} appears more than once",
            where=f"row {row}, column 'finess_geographique'",
        )
    return frame


def sun_es_eligibility_table(
    table: Any,
    *,
    domains: Iterable[SunEsDomain | str] = tuple(SunEsDomain),
    rules: RuleSet | None = None,
    on: dt.date | None = None,
    assume_unlisted_prerequisites_met: bool = True,
    window: str | None = None,
    grid: ForfaitGrid | None = None,
) -> Any:
    """SUN-ES eligibility (and, with ``window``, the forfait at stake) for a table of establishments.

    Adds one boolean column per domain (:func:`eligible_column`, e.g.
    ``eligible_volet1_biology``); with ``window``, also one int64 column per domain
    (:func:`forfait_column`) holding the forfait at stake in **cents** for the eligible rows (0
    for the others), from the grid in ``rules`` (or ``grid``). Returns a table of the same kind
    as the input (a DuckDB relation gives back its collected result).

    Raises:
        BatchInputError: a missing column, a bad type or value (the row and column are named).
        MissingParameterError: ``window`` is given and the grid is not supplied in ``rules``.
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    rules = load_rules() if rules is None else rules
    chosen = tuple(SunEsDomain.parse(d) for d in domains)
    checklist = sun_es_prerequisites(rules, on=on)
    # The rule values the one-by-one path reads (an unknown key fails here as there).
    for key in (
        "sun_es.eligibility.health_establishments_only",
        "sun_es.eligibility.activity_period",
        "sun_es.eligibility.own_platform_same_legal_entity",
        "sun_es.eligibility.cro_bonus_requires_operating_theatre",
    ):
        rules.read(key, on=on)
    frame = _validate(_frame(table), checklist.ids)
    base = nw.col("activity_2019") > 0
    for item in checklist.ids:
        base = base & nw.col(f"prerequisite_{item}")
    if checklist.unlisted and not assume_unlisted_prerequisites_met:
        base = base & nw.lit(value=False)
    conditions = {
        SunEsDomain.DISCHARGE_DOCUMENTS: base,
        SunEsDomain.BIOLOGY: base & nw.col("own_lab"),
        SunEsDomain.IMAGING: base & nw.col("own_imaging"),
        SunEsDomain.CRO_BONUS: base & nw.col("operating_theatre"),
        SunEsDomain.MESSAGING: base,
    }
    frame = frame.with_columns(*(conditions[d].alias(eligible_column(d)) for d in chosen))
    if window is not None:
        if grid is None:
            grid = ForfaitGrid.from_rules(
                rules,
                domains=[d for d in chosen if d is not SunEsDomain.CRO_BONUS],
                cro_bonus=SunEsDomain.CRO_BONUS in chosen,
                on=on,
            )
        activity = frame.get_column("activity_2019").to_numpy().astype(np.int64, copy=False)
        bounds = np.asarray(grid.activity_from, dtype=np.int64)
        band = np.searchsorted(bounds, activity, side="right") - 1
        columns = []
        for d in chosen:
            eligible = frame.get_column(eligible_column(d)).to_numpy().astype(bool, copy=False)
            below = eligible & (band < 0)
            if below.any():
                row = int(np.argmax(below))
                raise ForfaitGridError(
                    f"activity {int(activity[row])} is below the first band ({grid.activity_from[0]})",
                    where=f"row {row}, column 'activity_2019'",
                )
            cents = np.asarray(grid.cents_table(d, window), dtype=np.int64)
            values = np.where(eligible, cents[np.clip(band, 0, None)], 0).astype(np.int64)
            columns.append(
                nw.new_series(forfait_column(d), values, nw.Int64, backend=frame.implementation)
            )
        frame = frame.with_columns(*columns)
    return frame.to_native()


def allocate_table(
    table: Any,
    envelope: Euro,
    *,
    weight: str = "activity_2019",
    beneficiary: str = "finess_geographique",
    where: str | None = None,
    column: str = "allocation_cents",
) -> Any:
    """Share ``envelope`` among the rows pro rata of an integer ``weight`` column, in cents.

    The same largest-remainder method and tie-break as :func:`~segur_numerique.allocate`
    (larger remainder first, then larger weight, then smaller beneficiary id), so the cents are
    identical; the shares add up exactly to the envelope. ``where`` names a boolean column: only
    those rows share (the others get 0). No caps here (use :func:`~segur_numerique.allocate`).

    Raises:
        AllocationError: a negative weight or envelope, or all weights zero with a non-zero
            envelope (the row and column are named).
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    if not isinstance(envelope, Euro) or envelope.cents < 0:
        raise AllocationError(
            f"expected a non-negative Euro amount, got {envelope!r}", where="envelope"
        )
    frame = _frame(table)
    for name in (weight, beneficiary, *((where,) if where else ())):
        if name not in frame.schema:
            raise BatchInputError("required column is missing", where=f"column {name!r}")
    if not frame.schema[weight].is_integer():
        raise BatchInputError(
            f"must be an integer column, got {frame.schema[weight]}", where=f"column {weight!r}"
        )
    row = _first_bad_row(frame, nw.col(weight).is_null() | (nw.col(weight) < 0))
    if row is not None:
        raise AllocationError(
            f"a weight cannot be negative or missing, got {frame.item(row, weight)!r}",
            where=f"row {row}, column {weight!r}",
        )
    w = frame.get_column(weight).to_numpy().astype(np.int64, copy=False)
    if where is not None:
        mask = frame.get_column(where).to_numpy().astype(bool, copy=False)
        w = np.where(mask, w, 0)
    cents = _largest_remainder(envelope.cents, w, frame.get_column(beneficiary))
    out = frame.with_columns(nw.new_series(column, cents, nw.Int64, backend=frame.implementation))
    return out.to_native()


def _largest_remainder(total: int, weights: np.ndarray, ids: Any) -> np.ndarray:
    """Integer largest remainder with the tie-break of :func:`~segur_numerique.allocate`.

    ``ids`` is the beneficiary column (a narwhals series); only the ids of the rows tied at the
    cut are read.
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    n = weights.shape[0]
    max_weight = int(weights.max()) if n else 0
    small = max_weight * max(n, 1) < 2**62 and total * max_weight < 2**62
    weight_sum = int(weights.sum()) if small else int(weights.sum(dtype=object))
    if weight_sum == 0:
        if total != 0:
            raise AllocationError(
                "all weights are zero: the envelope cannot be shared pro rata", where="weights"
            )
        return np.zeros(n, dtype=np.int64)
    if small:
        numerators = weights * np.int64(total)
        floors = numerators // weight_sum
        remainders = numerators % weight_sum
    else:  # int64 could overflow: exact Python integers
        numerators_obj = weights.astype(object) * total
        floors = (numerators_obj // weight_sum).astype(np.int64)
        remainders = numerators_obj % weight_sum
    result = floors.astype(np.int64)
    left = total - int(result.sum(dtype=object))
    if left == 0:
        return result
    # Rank by (remainder desc, weight desc); ties at the cut are broken by id (asc).
    if remainders.dtype != object and weight_sum * (max_weight + 1) < 2**62:
        key = remainders * np.int64(max_weight + 1) + weights
        kth = np.partition(key, n - left)[n - left]
        above = key > kth
        tied = np.flatnonzero(key == kth)
    else:
        order = np.lexsort((-weights.astype(object), -remainders.astype(object)))
        cut = order[left - 1]
        r_cut, w_cut = remainders[cut], weights[cut]
        above = (remainders > r_cut) | ((remainders == r_cut) & (weights > w_cut))
        tied = np.flatnonzero((remainders == r_cut) & (weights == w_cut))
    need = left - int(above.sum())
    tied_ids = np.asarray(
        ids.to_numpy()[tied] if len(tied) > 1000 else [ids.item(int(i)) for i in tied], dtype=str
    )
    chosen_tied = tied[np.argsort(tied_ids, kind="stable")[:need]]
    result[above] += 1
    result[chosen_tied] += 1
    return result


def establishments_table(
    establishments: Iterable[Establishment],
    *,
    backend: Literal["polars", "pandas", "pyarrow"] = "polars",
    rules: RuleSet | None = None,
    on: dt.date | None = None,
) -> Any:
    """A table (in the schema of this module) from :class:`~segur_numerique.Establishment` objects.

    ``backend`` is ``"polars"``, ``"pandas"`` or ``"pyarrow"``.
    """
    ids = sun_es_prerequisites(rules, on=on).ids
    rows = list(establishments)
    data: dict[str, list[Any]] = {
        "finess_juridique": [e.finess_juridique.value for e in rows],
        "finess_geographique": [e.finess_geographique.value for e in rows],
        "legal_status": [e.legal_status.value for e in rows],
        **{a.value: [a in e.activities for e in rows] for a in Activity},
        "activity_2019": [e.activity_2019 for e in rows],
        "own_lab": [e.own_lab for e in rows],
        "own_imaging": [e.own_imaging for e in rows],
        "operating_theatre": [e.operating_theatre for e in rows],
        **{f"prerequisite_{p}": [p in e.sun_es_prerequisites for e in rows] for p in ids},
    }
    for e in rows:
        unknown = sorted(e.sun_es_prerequisites - set(ids))
        if unknown:
            raise BatchInputError(
                f"unknown prerequisite {unknown[0]!r}; allowed values: {', '.join(ids)}",
                where=f"{e.finess_geographique}.sun_es_prerequisites",
            )
    schema = {
        **dict.fromkeys(STRING_COLUMNS, nw.String()),
        **dict.fromkeys(ACTIVITY_COLUMNS, nw.Boolean()),
        "activity_2019": nw.Int64(),
        **dict.fromkeys(BOOL_COLUMNS, nw.Boolean()),
        **{f"prerequisite_{p}": nw.Boolean() for p in ids},
    }
    if backend not in {"polars", "pandas", "pyarrow"}:
        raise InvalidInputError(
            f"unknown backend {backend!r}; allowed values: polars, pandas, pyarrow", where="backend"
        )
    return nw.from_dict(data, schema=schema, backend=backend).to_native()
