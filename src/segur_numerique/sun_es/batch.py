"""Batch evaluation over tables of establishments (pandas, polars, pyarrow, DuckDB via narwhals).

Analysts evaluate whole populations: SUN-ES eligibility per domain and the forfait at stake per
domain for a table of establishments, with **the same results as the one-by-one path**
(:func:`~segur_numerique.sun_es.establishment_eligibility`, :func:`~segur_numerique.sun_es.forfait`); hypothesis
property tests check it. Allocations of an envelope over a table are in
:mod:`segur_numerique.funding_scaling.batch`.

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
entity (as :func:`~segur_numerique.sun_es.establishment_eligibility` with no ``other_applications``).

**One definition.** Eligibility is not re-implemented here: the rows are grouped by the columns
the criteria read (legal status, activities, whether there was activity in 2019, own lab, own
imaging, operating theatre, prerequisites), and :func:`~segur_numerique.sun_es.establishment_eligibility` is
called once per group and domain on the group's first row; its verdict (and its failed reason
codes) is the verdict of every row of the group.

**Speed.** The number of groups is bounded by the number of distinct criteria combinations (a few
hundred in practice), not by the number of rows; forfaits are an integer-cent table lookup
(``searchsorted`` on the band bounds, the same table
:meth:`~segur_numerique.sun_es.ForfaitGrid.cents_table` the one-by-one path uses).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Final, Literal

import narwhals as nw

from segur_numerique.core.text import plural_word
from segur_numerique.core.verdict import EligibilityResult
from segur_numerique.entities.choices import Activity, LegalStatus
from segur_numerique.entities.finess import FINESS_PATTERN
from segur_numerique.entities.models import Establishment
from segur_numerique.errors import BatchInputError, ForfaitGridError, InvalidInputError
from segur_numerique.funding_scaling.batch import _first_bad_row, _frame
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.domains import Domain
from segur_numerique.sun_es.eligibility import establishment_eligibility
from segur_numerique.sun_es.grid import ForfaitGrid
from segur_numerique.sun_es.prerequisites import prerequisite_checklist

ACTIVITY_COLUMNS: Final = tuple(a.value for a in Activity)
BOOL_COLUMNS: Final = ("own_lab", "own_imaging", "operating_theatre")
STRING_COLUMNS: Final = ("finess_juridique", "finess_geographique", "legal_status")
_CRITERIA_COLUMNS: Final = ("dialysis", *BOOL_COLUMNS)
"""The columns that can change a verdict, with ``activity_2019 > 0`` and the prerequisites.

Not the legal status nor the activities other than dialysis: any status and any activity are
accepted (:func:`~segur_numerique.sun_es.establishment_eligibility`); they only appear in the reason texts.
"""


def eligible_column(domain: Domain) -> str:
    """The name of the result column of a domain: ``eligible_volet1_biology``."""
    return "eligible_" + domain.value.replace(".", "_")


def forfait_column(domain: Domain) -> str:
    """The name of the forfait column of a domain, in cents: ``forfait_volet1_biology_cents``."""
    return "forfait_" + domain.value.replace(".", "_") + "_cents"


def reasons_column(domain: Domain) -> str:
    """The name of the failed-reasons column of a domain: ``reasons_volet1_biology``."""
    return "reasons_" + domain.value.replace(".", "_")


def _check_schema(frame: nw.DataFrame[Any], prerequisite_ids: Sequence[str]) -> tuple[str, ...]:
    """Check the columns and their types; return the required columns."""
    schema = frame.schema
    prereq_cols = tuple(f"prerequisite_{p}" for p in prerequisite_ids)
    required = (*STRING_COLUMNS, *ACTIVITY_COLUMNS, "activity_2019", *BOOL_COLUMNS, *prereq_cols)
    for column in required:
        if column not in schema:
            raise BatchInputError("required column is missing", where=f"column {column!r}")
    extra_prereq = sorted(
        c for c in schema if c.startswith("prerequisite_") and c not in prereq_cols
    )
    if extra_prereq:
        raise BatchInputError(
            f"unknown prerequisite {plural_word(len(extra_prereq), 'en', 'column', 'columns')} "
            f"{', '.join(extra_prereq)}; the known prerequisites "
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
    return required


def _normalise_status(frame: nw.DataFrame[Any]) -> nw.DataFrame[Any]:
    """``legal_status`` trimmed and lower-cased, ``privé`` read as ``private`` (only if needed)."""
    allowed = [st.value for st in LegalStatus]
    if frame.select(nw.col("legal_status").is_in(allowed).all()).item():
        return frame
    status = nw.col("legal_status").str.strip_chars().str.to_lowercase()
    status = (
        nw.when(status.is_in(["privé", "prive"]))
        .then(nw.lit(LegalStatus.PRIVATE.value))
        .otherwise(status)
    )
    return frame.with_columns(status.alias("legal_status"))


def _value_checks(required: Sequence[str]) -> list[tuple[nw.Expr, str, str]]:
    """Every value check: (the bad rows, the column, the message template)."""
    allowed = [st.value for st in LegalStatus]
    checks = [(nw.col(c).is_null(), c, "missing value (null)") for c in required]
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
    return checks


def _validate(frame: nw.DataFrame[Any], prerequisite_ids: Sequence[str]) -> nw.DataFrame[Any]:
    """Check the schema and every value; return the frame with ``legal_status`` normalised."""
    required = _check_schema(frame, prerequisite_ids)
    frame = _normalise_status(frame)
    checks = _value_checks(required)
    # Every value check in one pass; the row of a failed check is looked up only then.
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


def _groups(frame: nw.DataFrame[Any], prereq_cols: Sequence[str]) -> tuple[Any, Any]:
    """The rows grouped by what the criteria read: (first row of each group, group of each row)."""
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    n = frame.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    columns = [frame.get_column(c).to_numpy() for c in (*_CRITERIA_COLUMNS, *prereq_cols)]
    columns.append(frame.get_column("activity_2019").to_numpy() > 0)
    key = np.zeros(n, dtype=np.int64)
    for bit, column in enumerate(columns):  # one bit per boolean criterion (< 63 of them)
        key |= column.astype(np.int64) << bit
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def _row_establishment(
    frame: nw.DataFrame[Any], row: int, prerequisite_ids: Sequence[str]
) -> Establishment:
    """The :class:`~segur_numerique.entities.Establishment` of one (validated) row."""
    values = dict(zip(frame.columns, frame.row(row), strict=True))
    return Establishment(
        str(values["finess_juridique"]),
        str(values["finess_geographique"]),
        str(values["legal_status"]),
        [a for a in ACTIVITY_COLUMNS if bool(values[a])],
        int(values["activity_2019"]),
        own_lab=bool(values["own_lab"]),
        own_imaging=bool(values["own_imaging"]),
        operating_theatre=bool(values["operating_theatre"]),
        sun_es_prerequisites=[p for p in prerequisite_ids if bool(values[f"prerequisite_{p}"])],
    )


def _verdicts(
    frame: nw.DataFrame[Any],
    prerequisite_ids: Sequence[str],
    chosen: Sequence[Domain],
    verdict: Any,
    with_reasons: bool,
) -> tuple[dict[Domain, Any], dict[Domain, list[str]]]:
    """Per domain, the eligibility of every row and its failed reason codes.

    ``verdict(establishment, domain)`` is the one-by-one definition
    (:func:`~segur_numerique.sun_es.establishment_eligibility`), called once per group of rows that the
    criteria cannot tell apart.
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    first, inverse = _groups(frame, [f"prerequisite_{p}" for p in prerequisite_ids])
    representatives = [_row_establishment(frame, int(r), prerequisite_ids) for r in first]
    eligible: dict[Domain, Any] = {}
    reasons: dict[Domain, list[str]] = {}
    for d in chosen:
        results: list[EligibilityResult] = [verdict(est, d) for est in representatives]
        by_group = np.asarray([r.eligible for r in results], dtype=bool)
        eligible[d] = by_group[inverse] if results else np.zeros(0, dtype=bool)
        if with_reasons:
            codes = [",".join(reason.code for reason in r.failed) for r in results]
            reasons[d] = [codes[g] for g in inverse]
    return eligible, reasons


def _forfait_columns(
    frame: nw.DataFrame[Any],
    eligible: dict[Domain, Any],
    grid: ForfaitGrid,
    window: str,
) -> list[nw.Series[Any]]:
    """The forfait at stake of each domain in cents (0 when not eligible), by a grid lookup."""
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    activity = frame.get_column("activity_2019").to_numpy().astype(np.int64, copy=False)
    bounds = np.asarray(grid.activity_from, dtype=np.int64)
    band = np.searchsorted(bounds, activity, side="right") - 1
    columns = []
    for d, mask in eligible.items():
        below = mask & (band < 0)
        if below.any():
            row = int(np.argmax(below))
            raise ForfaitGridError(
                f"activity {int(activity[row])} is below the first band ({grid.activity_from[0]})",
                where=f"row {row}, column 'activity_2019'",
            )
        cents = np.asarray(grid.cents_table(d, window), dtype=np.int64)
        values = np.where(mask, cents[np.clip(band, 0, None)], 0).astype(np.int64)
        columns.append(
            nw.new_series(forfait_column(d), values, nw.Int64, backend=frame.implementation)
        )
    return columns


def eligibility_table(
    table: Any,
    *,
    domains: Iterable[Domain | str] = tuple(Domain),
    rules: RuleSet | None = None,
    on: dt.date | None = None,
    assume_unlisted_prerequisites_met: bool = True,
    window: str | None = None,
    grid: ForfaitGrid | None = None,
    reasons: bool = False,
) -> Any:
    """SUN-ES eligibility (and, with ``window``, the forfait at stake) for a table of establishments.

    Adds one boolean column per domain (:func:`eligible_column`, e.g.
    ``eligible_volet1_biology``), the verdict of :func:`~segur_numerique.sun_es.establishment_eligibility`; with
    ``reasons``, one string column per domain (:func:`reasons_column`) with the codes of the failed
    reasons, comma-separated (empty when eligible); with ``window``, one int64 column per domain
    (:func:`forfait_column`) holding the forfait at stake in **cents** for the eligible rows (0
    for the others), from the grid in ``rules`` (or ``grid``). The CRO bonus column is the bonus
    at stake (:func:`~segur_numerique.sun_es.forfait` with ``cro_bonus=True``) for the rows
    eligible to it, which needs an operating theatre and the "bonus" reading of
    ``sun_es.indicator.operative_report.is_bonus``. Returns a table of the same kind as the input
    (a DuckDB relation gives back its collected result).

    Raises:
        BatchInputError: a missing column, a bad type or value (the row and column are named).
        MissingParameterError: ``window`` is given and the grid is not supplied in ``rules``.
    """
    rules = load_rules() if rules is None else rules
    chosen = tuple(Domain.parse(d) for d in domains)
    ids = prerequisite_checklist(on=on, rules=rules).ids
    frame = _validate(_frame(table), ids)

    def verdict(est: Establishment, domain: Domain) -> EligibilityResult:
        return establishment_eligibility(
            est,
            domain,
            rules=rules,
            on=on,
            assume_unlisted_prerequisites_met=assume_unlisted_prerequisites_met,
        )

    eligible, failed = _verdicts(frame, ids, chosen, verdict, reasons)
    backend = frame.implementation
    columns = [
        nw.new_series(eligible_column(d), eligible[d], nw.Boolean, backend=backend) for d in chosen
    ]
    if reasons:
        columns += [
            nw.new_series(reasons_column(d), failed[d], nw.String, backend=backend) for d in chosen
        ]
    frame = frame.with_columns(*columns)
    if window is not None:
        if grid is None:
            grid = ForfaitGrid.from_rules(
                rules,
                domains=[d for d in chosen if d is not Domain.CRO_BONUS],
                cro_bonus=Domain.CRO_BONUS in chosen,
                on=on,
            )
        frame = frame.with_columns(*_forfait_columns(frame, eligible, grid, window))
    return frame.to_native()


def establishments_table(
    establishments: Iterable[Establishment],
    *,
    backend: Literal["polars", "pandas", "pyarrow"] = "polars",
    rules: RuleSet | None = None,
    on: dt.date | None = None,
) -> Any:
    """A table (in the schema of this module) from :class:`~segur_numerique.entities.Establishment` objects.

    ``backend`` is ``"polars"``, ``"pandas"`` or ``"pyarrow"``.
    """
    ids = prerequisite_checklist(on=on, rules=rules).ids
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
