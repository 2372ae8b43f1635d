"""What-if comparisons: the same establishments under a baseline and a variant rule set.

The variant is usually built with :func:`~segur_numerique.whatif.with_overrides` (see the how-to page
"What-if scenarios" for the override grammar); :func:`compare` computes named quantities of every
establishment under both rule sets (by default the outcome of a full SUN-ES simulation) and returns
a :class:`Comparison`, a table of :class:`Difference` rows. This module sits above the programme
packages: the default outcome is :func:`segur_numerique.sun_es.simulation_outcome`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal

import attrs

from segur_numerique.core.display import comparison_html
from segur_numerique.core.money import Euro
from segur_numerique.core.text import check_lang
from segur_numerique.core.values import JsonValue, encode_value, render_value
from segur_numerique.errors import ComparisonError, SegurError
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.overrides import Override, parse_overrides, with_overrides
from segur_numerique.sun_es.simulation import simulation_outcome


@attrs.frozen
class Difference:
    """One row of a comparison: a quantity of one establishment under the baseline and the variant.

    ``delta`` is ``variant - baseline`` for amounts, rates and counts, ``None`` otherwise.
    """

    establishment: str
    quantity: str
    baseline: object
    variant: object
    delta: object = None

    @property
    def changed(self) -> bool:
        """Whether the two values differ."""
        return bool(self.baseline != self.variant)

    def to_json(self) -> dict[str, JsonValue]:
        """The row as a JSON object."""
        return {
            "establishment": self.establishment,
            "quantity": self.quantity,
            "baseline": encode_value(self.baseline),
            "variant": encode_value(self.variant),
            "delta": encode_value(self.delta),
        }


def _delta(baseline: object, variant: object) -> object:
    if isinstance(baseline, Euro) and isinstance(variant, Euro):
        return variant - baseline
    numbers = (int, Fraction)
    if (
        isinstance(baseline, numbers)
        and isinstance(variant, numbers)
        and not isinstance(baseline, bool)
        and not isinstance(variant, bool)
    ):
        return variant - baseline
    return None


Outcome = Callable[[Any, RuleSet], Mapping[str, object]]
"""A function of one establishment and a rule set giving named quantities to compare."""


@attrs.frozen
class Comparison:
    """The table of differences between a baseline and a variant (a tuple of :class:`Difference`).

    ``rows`` holds every quantity of every establishment; :attr:`changes` only those that differ.
    """

    rows: tuple[Difference, ...]
    baseline_name: str = "baseline"
    variant_name: str = "variant"

    @property
    def changes(self) -> tuple[Difference, ...]:
        """The rows whose value differs."""
        return tuple(r for r in self.rows if r.changed)

    def __iter__(self) -> Iterator[Difference]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_json(self) -> dict[str, JsonValue]:
        """The table as JSON."""
        return {
            "format": "segur_numerique.comparison/v1",
            "baseline": self.baseline_name,
            "variant": self.variant_name,
            "rows": [r.to_json() for r in self.rows],
        }

    def render(self, lang: str = "fr", *, only_changes: bool = True) -> str:
        """A text table of the differences (only the changed rows by default)."""
        language = check_lang(lang)
        fr = language == "fr"
        head = (
            ("établissement", "quantité", self.baseline_name, self.variant_name, "écart")
            if fr
            else ("establishment", "quantity", self.baseline_name, self.variant_name, "delta")
        )
        rows = [head] + [
            (
                r.establishment,
                r.quantity,
                render_value(r.baseline, language),
                render_value(r.variant, language),
                render_value(r.delta, language) if r.delta is not None else "",
            )
            for r in (self.changes if only_changes else self.rows)
        ]
        return _table(rows)

    def _repr_html_(self) -> str:
        return comparison_html(self)

    def to_frame(self, backend: Literal["pandas", "polars", "pyarrow"] = "pandas") -> Any:
        """The table as a dataframe (``pandas``, ``polars`` or ``pyarrow``) built through narwhals.

        Amounts are exported as integer cents (``*_cents`` columns) and every value also as text,
        so no float ever carries money: pandas gets nullable ``Int64`` cents (a quantity that is
        not an amount is ``<NA>``), polars and pyarrow their nullable 64-bit integers.
        """
        import narwhals as nw  # noqa: PLC0415 (lazy: only to build a dataframe)

        def cents(value: object) -> int | None:
            return value.cents if isinstance(value, Euro) else None

        columns: dict[str, list[Any]] = {
            "establishment": [r.establishment for r in self.rows],
            "quantity": [r.quantity for r in self.rows],
            "baseline": [render_value(r.baseline, "en") for r in self.rows],
            "variant": [render_value(r.variant, "en") for r in self.rows],
            "baseline_cents": [cents(r.baseline) for r in self.rows],
            "variant_cents": [cents(r.variant) for r in self.rows],
            "delta_cents": [cents(r.delta) for r in self.rows],
            "changed": [r.changed for r in self.rows],
        }
        native = nw.from_dict(columns, backend=backend).to_native()
        if backend == "pandas":  # pandas would hold integers with gaps as float64: never for money
            for name in ("baseline_cents", "variant_cents", "delta_cents"):
                native[name] = native[name].astype("Int64")
        return native


def _table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _simulation_outcome(case: Any, rules: RuleSet) -> Mapping[str, object]:
    return simulation_outcome(case, rules=rules)


def compare(
    baseline: RuleSet,
    variant: RuleSet,
    establishments: Iterable[Any],
    *,
    outcome: Outcome | None = None,
    baseline_name: str = "baseline",
    variant_name: str = "variant",
) -> Comparison:
    """Compute ``outcome`` for every establishment under both rule sets; return the table.

    ``outcome(establishment, rules)`` gives named quantities (amounts, rates, booleans, windows);
    by default it is :func:`segur_numerique.sun_es.simulation_outcome` (eligibility, window, indicators,
    funding of a full simulation). An establishment is named by its ``name`` or ``finess``
    attribute, or its position.

    Raises:
        ComparisonError: the outcome could not be computed under one rule set (e.g. a parameter
            the variant needs is missing); the message names the establishment and the rule set.
    """
    if outcome is None:
        outcome = _simulation_outcome
    rows: list[Difference] = []
    for position, establishment in enumerate(establishments):
        label = str(
            getattr(establishment, "name", None)
            or getattr(establishment, "finess", None)
            or f"#{position}"
        )
        results = []
        for rules, which in ((baseline, baseline_name), (variant, variant_name)):
            try:
                results.append(dict(outcome(establishment, rules)))
            except SegurError as exc:
                raise ComparisonError(f"{label}: under {which}: {exc}") from exc
        before, after = results
        for quantity in dict.fromkeys([*before, *after]):
            b, a = before.get(quantity), after.get(quantity)
            rows.append(Difference(label, quantity, b, a, _delta(b, a)))
    return Comparison(tuple(rows), baseline_name, variant_name)


__all__ = [
    "Comparison",
    "Difference",
    "Override",
    "compare",
    "parse_overrides",
    "with_overrides",
]
