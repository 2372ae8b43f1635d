"""The result of a national SUN-ES simulation: per-domain rows, totals, gaps to the sourced envelopes.

Built by :func:`~segur_numerique.sun_es.national_simulation`. Amounts are integer cents in every
backend (pandas nullable ``Int64``, polars ``Int64``, pyarrow ``int64``). The envelopes compared
are only sourced values: the volet 1 envelope (``sun_es.volet1.envelope``, 158 M€, through
:func:`~segur_numerique.sun_es.split_volets`) and the partial regional envelopes
(:func:`~segur_numerique.sun_es.regional_envelopes`), each with its status and sources. A gap is
shown, never closed: scaling to an envelope is a what-if with a policy the caller names
(:func:`segur_numerique.whatif.scale_to_envelope`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs
import narwhals as nw

from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.money import Euro
from segur_numerique.core.text import Text, counted_text
from segur_numerique.funding_scaling.tables import from_columns, pandas_nullable
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.cases import VOLET1_DOMAINS
from segur_numerique.sun_es.national_steps import Steps
from segur_numerique.sun_es.outcomes import regional_envelopes
from segur_numerique.sun_es.volets import split_volets

CENTS_COLUMNS = ("forfait_at_stake_cents", "forfait_paid_cents", "cro_bonus_cents", "total_cents")
"""The amount columns of :attr:`NationalSimulation.table`, in cents."""


@attrs.frozen
class EnvelopeGap:
    """A sourced envelope against the simulated total of its scope.

    Attributes:
        scope: ``"national"`` or a region code (``ara``, ``idf``...).
        envelope: the envelope as read, with its status, sources and label (what it covers).
        simulated: what the simulation pays in that scope (forfaits paid + CRO bonuses).
        note: what the envelope covers, if its source says (e.g. volet 1 only).
    """

    scope: str
    envelope: ParameterRead
    simulated: Euro
    note: Text | None = None

    @property
    def amount(self) -> Euro:
        """The envelope amount."""
        value = self.envelope.value
        assert isinstance(value, Euro)
        return value

    @property
    def gap(self) -> Euro:
        """``simulated − envelope``: positive when the simulation pays more than the envelope."""
        return self.simulated - self.amount


def _np() -> Any:
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    return np


def _long_columns(frame: nw.DataFrame[Any], steps: Steps, windows: Any) -> dict[str, Any]:
    """One row per establishment and domain applied for (in the establishments' order)."""
    np = _np()
    rows, domain = np.nonzero(steps.applied)  # row-major: establishments in order, then domains
    met = steps.met[rows, domain]
    finess = np.asarray(frame.get_column("finess_geographique").to_numpy(), dtype=object)
    columns: dict[str, Any] = {"finess_geographique": finess[rows]}
    if "region" in frame.schema:
        columns["region"] = np.asarray(frame.get_column("region").to_numpy(), dtype=object)[rows]
    columns |= {
        "domain": np.asarray(VOLET1_DOMAINS, dtype=object)[domain],
        "window": windows[rows],
        "effective_window": steps.effective[rows],
        "eligible": steps.eligible[rows, domain],
        "reasons": steps.reasons[rows, domain],
        "met": np.where(met == 0, None, met == 1).astype(object),
        "forfait_at_stake_cents": steps.at_stake[rows, domain],
        "forfait_paid_cents": steps.paid[rows, domain],
        "cro_bonus_cents": steps.bonus[rows, domain],
    }
    columns["total_cents"] = columns["forfait_paid_cents"] + columns["cro_bonus_cents"]
    return columns


def _native(columns: dict[str, Any], backend: Any) -> Any:
    """The columns as a native frame of ``backend``: integer cents, nullable booleans and strings."""
    schema = {
        name: nw.Int64()
        if name in CENTS_COLUMNS
        else nw.Boolean()
        if name in ("eligible", "met")
        else nw.String()
        for name in columns
    }
    data = {name: (v.tolist() if v.dtype == object else v) for name, v in columns.items()}
    return from_columns(data, schema, backend)


def _gaps(columns: dict[str, Any], rules: RuleSet, on: dt.date | None) -> tuple[EnvelopeGap, ...]:
    """The national volet 1 envelope and each sourced regional envelope, against the totals."""
    total = columns["total_cents"]
    volet1 = split_volets(rules=rules, on=on)
    national_read = next(
        p for p in volet1.explanation.all_parameters() if p.key == "sun_es.volet1.envelope"
    )
    gaps = [EnvelopeGap("national", national_read, Euro.from_cents(int(total.sum())))]
    regions = columns.get("region")
    if regions is not None:
        for envelope in regional_envelopes(on=on, rules=rules):
            if not isinstance(envelope.amount.value, Euro):
                continue
            mask = regions == envelope.region
            simulated = Euro.from_cents(int(total[mask].sum()))
            gaps.append(EnvelopeGap(envelope.region, envelope.amount, simulated, envelope.note))
    return tuple(gaps)


def assemble(
    frame: nw.DataFrame[Any],
    steps: Steps,
    windows: Any,
    *,
    rules: RuleSet,
    on: dt.date | None,
) -> NationalSimulation:
    """The :class:`NationalSimulation` of the simulated groups broadcast to every row."""
    columns = _long_columns(frame, steps, windows)
    gaps = _gaps(columns, rules, on)
    illustrative = tuple(sorted(steps.illustrative))
    total = Euro.from_cents(int(columns["total_cents"].sum()))
    explanation = Explanation(
        rule="sun_es.national_simulation",
        title=Text(
            fr="Simulation nationale SUN-ES volet 1", en="National SUN-ES volet 1 simulation"
        ),
        outcome=Text(
            fr=f"{frame.shape[0]} établissements, total {total.format('fr')} ; écart à l'enveloppe "
            f"du volet 1 : {gaps[0].gap.format('fr')}",
            en=f"{frame.shape[0]} establishments, total {total.format('en')}; gap to the volet 1 "
            f"envelope: {gaps[0].gap.format('en')}",
        ),
        result=total,
        inputs=(
            InputValue("establishments", frame.shape[0]),
            InputValue("on", on, defaulted=on is None),
        ),
        parameters=tuple(g.envelope for g in gaps),
        assumptions=_ASSUMPTIONS
        + (
            (
                counted_text(
                    len(illustrative),
                    fr=(
                        "valeur ILLUSTRATIVE, NON OFFICIELLE utilisée.",
                        "valeurs ILLUSTRATIVES, NON OFFICIELLES utilisées.",
                    ),
                    en=(
                        "ILLUSTRATIVE, NOT OFFICIAL value used.",
                        "ILLUSTRATIVE, NOT OFFICIAL values used.",
                    ),
                ),
            )
            if illustrative
            else ()
        ),
    )
    return NationalSimulation(
        table=_native(columns, frame.implementation),
        establishments=frame.shape[0],
        envelopes=gaps,
        illustrative_keys=illustrative,
        explanation=explanation,
    )


_ASSUMPTIONS = (
    Text(
        fr="Chaque groupe d'établissements que les règles ne distinguent pas est simulé une fois "
        "(sun_es.simulate) ; l'enveloppe n'est pas appliquée : l'écart est montré, pas réduit.",
        en="Each group of establishments the rules cannot tell apart is simulated once "
        "(sun_es.simulate); the envelope is not applied: the gap is shown, not closed.",
    ),
    Text(
        fr="La règle dialyse « une candidature par FINESS juridique » n'est pas vérifiée.",
        en='The dialysis rule "one application per FINESS juridique" is not checked.',
    ),
)


@attrs.frozen(repr=False)
class NationalSimulation:
    """A national simulation (:func:`~segur_numerique.sun_es.national_simulation`).

    Attributes:
        table: one row per establishment and domain applied for, in the input's backend:
            ``finess_geographique``, ``region`` (if given), ``domain``, ``window``,
            ``effective_window`` (after a missed deadline; null when no window is left),
            ``eligible``, ``reasons`` (failed reason codes), ``met`` (null without counts),
            ``forfait_at_stake_cents``, ``forfait_paid_cents``, ``cro_bonus_cents``,
            ``total_cents``.
        establishments: the number of establishments.
        envelopes: the gap to each sourced envelope (national volet 1 first, then regions).
        illustrative_keys: the illustrative, **not official**, rule values used.
        explanation: the root explanation (envelopes read, assumptions).
    """

    table: Any
    establishments: int
    envelopes: tuple[EnvelopeGap, ...]
    illustrative_keys: tuple[str, ...]
    explanation: Explanation

    def totals(self, by: str | Sequence[str] = "region") -> Any:
        """Sums of the amount columns by ``region``, ``window``, ``effective_window`` or ``domain``."""
        keys = [by] if isinstance(by, str) else list(by)
        frame = nw.from_native(self.table, eager_only=True)
        out = (
            frame.group_by(keys, drop_null_keys=False)
            .agg(nw.len().alias("rows"), *(nw.col(c).sum() for c in CENTS_COLUMNS))
            .sort(keys, nulls_last=True)
        )
        native = out.to_native()
        if out.implementation is nw.Implementation.PANDAS:
            return pandas_nullable(native, list(CENTS_COLUMNS))
        return native

    def envelope_table(self) -> list[dict[str, object]]:
        """The envelope gaps as plain rows (cents, status, source title): for a dataframe."""
        return [
            {
                "scope": g.scope,
                "envelope": g.envelope.label.en,
                "status": g.envelope.status.value,
                "source": g.envelope.sources[0].title if g.envelope.sources else None,
                "envelope_cents": g.amount.cents,
                "simulated_cents": g.simulated.cents,
                "gap_cents": g.gap.cents,
            }
            for g in self.envelopes
        ]

    def plot_envelopes(self, ax: Any = None, *, lang: str = "fr") -> Any:
        """A bar chart of the simulated totals against each sourced envelope (matplotlib, ``plot`` extra)."""
        import matplotlib.pyplot as plt  # noqa: PLC0415 (optional: the `plot` extra)

        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4))
        labels = [g.scope for g in self.envelopes]
        x = range(len(labels))
        ax.bar(
            [i - 0.2 for i in x],
            [g.amount.cents / 1e8 for g in self.envelopes],
            0.4,
            label="enveloppe" if lang == "fr" else "envelope",
        )
        ax.bar(
            [i + 0.2 for i in x],
            [g.simulated.cents / 1e8 for g in self.envelopes],
            0.4,
            label="simulé" if lang == "fr" else "simulated",
        )
        ax.set_xticks(list(x), labels)
        ax.set_ylabel("M€")
        ax.legend()
        return ax
