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
import narwhals as nw

from segur_numerique.core.display import comparison_html
from segur_numerique.core.explanation import Explanation, InputValue
from segur_numerique.core.money import Euro
from segur_numerique.core.text import Text, check_lang
from segur_numerique.core.values import JsonValue, encode_value, render_value
from segur_numerique.errors import ComparisonError, InvalidInputError, SegurError
from segur_numerique.funding_scaling.batch import allocate_table
from segur_numerique.funding_scaling.tables import from_columns, pandas_nullable
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.overrides import Override, parse_overrides, with_overrides
from segur_numerique.sun_es.national_result import EnvelopeGap, NationalSimulation
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
        so no float ever carries money, not even on the way: pandas gets nullable ``Int64`` cents
        built through Arrow (a quantity that is not an amount is ``<NA>``), polars and pyarrow
        their nullable 64-bit integers.
        """

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
        schema = {
            name: nw.Int64()
            if name.endswith("_cents")
            else nw.Boolean()
            if name == "changed"
            else nw.String()
            for name in columns
        }
        # pandas is built through Arrow: nullable Int64 cents, never float64 with NaN on the way.
        return from_columns(columns, schema, backend)


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


SCALING_POLICIES = ("pro_rata_largest_remainder",)
"""The policies :func:`scale_to_envelope` knows. None is official: the caller names one."""


@attrs.frozen(repr=False)
class ScaledSimulation:
    """A national simulation scaled to an envelope under a policy the caller named (a what-if).

    Attributes:
        table: the simulation's table with ``scaled_total_cents`` (what each row would get).
        envelope: the envelope scaled to.
        policy: the policy named by the caller.
        simulated: the simulation's total before scaling.
        explanation: what was done, the policy marked as the caller's choice.
    """

    table: Any
    envelope: Euro
    policy: str
    simulated: Euro
    explanation: Explanation

    @property
    def scaled(self) -> bool:
        """Whether the forfaits had to be scaled down (they exceeded the envelope)."""
        return self.simulated.cents > self.envelope.cents


def scale_to_envelope(
    result: NationalSimulation, envelope: Euro | EnvelopeGap, *, policy: str
) -> ScaledSimulation:
    """What each row would get if the simulated totals were scaled to ``envelope`` (a what-if).

    No source says how a SUN-ES envelope is shared when the forfaits exceed it, so nothing does
    it by default: the caller names the policy, and the explanation says it was the caller's
    choice. ``pro_rata_largest_remainder``: when the total exceeds the envelope, every row's
    ``total_cents`` is scaled by ``envelope / total``, in whole cents by largest remainder (the
    tie-break of :func:`~segur_numerique.funding_scaling.allocate`), so the rows add up exactly
    to the envelope; when it fits, nothing changes. ``envelope`` may be one of
    :attr:`NationalSimulation.envelopes <segur_numerique.sun_es.NationalSimulation.envelopes>`
    (only its region's rows are then scaled; the others get 0 in the scaled column).

    Raises:
        InvalidInputError: an unknown policy, or not an envelope.
    """
    if policy not in SCALING_POLICIES:
        raise InvalidInputError(
            f"unknown scaling policy {policy!r}; known: {', '.join(SCALING_POLICIES)} "
            "(none is official: name the one you choose)",
            where="policy",
        )
    scope = envelope.scope if isinstance(envelope, EnvelopeGap) else "national"
    amount = envelope.amount if isinstance(envelope, EnvelopeGap) else envelope
    if not isinstance(amount, Euro) or amount.cents < 0:
        raise InvalidInputError(
            f"expected a non-negative Euro envelope, got {amount!r}", where="envelope"
        )
    frame = nw.from_native(result.table, eager_only=True)
    inside = nw.lit(value=True) if scope == "national" else nw.col("region") == scope
    weight = nw.when(inside).then(nw.col("total_cents")).otherwise(nw.lit(0)).cast(nw.Int64)
    frame = frame.with_columns(
        weight.alias("__weight"),
        (nw.col("finess_geographique") + nw.lit(":") + nw.col("domain")).alias("__id"),
    )
    simulated = int(frame.select(nw.col("__weight").sum()).item())
    if simulated > amount.cents:
        frame = nw.from_native(
            allocate_table(
                frame, amount, weight="__weight", beneficiary="__id", column="scaled_total_cents"
            ),
            eager_only=True,
        )
    else:
        frame = frame.with_columns(nw.col("__weight").alias("scaled_total_cents"))
    native = frame.drop("__weight", "__id").to_native()
    if frame.implementation is nw.Implementation.PANDAS:
        native = pandas_nullable(native, ["scaled_total_cents"])
    total = Euro.from_cents(simulated)
    return ScaledSimulation(
        native, amount, policy, total, _scaling_explanation(scope, amount, total, policy)
    )


def _scaling_explanation(scope: str, envelope: Euro, simulated: Euro, policy: str) -> Explanation:
    fits = simulated.cents <= envelope.cents
    return Explanation(
        rule="whatif.scale_to_envelope",
        title=Text(
            fr=f"Mise à l'enveloppe ({scope}) — hypothèse",
            en=f"Scaled to the envelope ({scope}) — what-if",
        ),
        outcome=Text(
            fr=f"{simulated.format('fr')} simulés pour {envelope.format('fr')} : "
            + ("rien à réduire" if fits else "réduits au prorata"),
            en=f"{simulated.format('en')} simulated for {envelope.format('en')}: "
            + ("nothing to scale" if fits else "scaled pro rata"),
        ),
        result=envelope if not fits else simulated,
        inputs=(InputValue("envelope", envelope), InputValue("policy", policy)),
        assumptions=(
            Text(
                fr=f"Politique « {policy} » choisie par l'appelant : aucune source ne dit comment "
                "une enveloppe SUN-ES est partagée quand les forfaits la dépassent.",
                en=f'Policy "{policy}" chosen by the caller: no source says how a SUN-ES envelope '
                "is shared when the forfaits exceed it.",
            ),
        ),
    )


__all__ = [
    "SCALING_POLICIES",
    "Comparison",
    "Difference",
    "Override",
    "ScaledSimulation",
    "compare",
    "parse_overrides",
    "scale_to_envelope",
    "with_overrides",
]
