"""SUN-ES published figures: the partial regional envelopes and the window 1 outcomes.

Both are rule data with provenance (``sun_es/outcomes.toml``; rules digest, Ségur Numérique §1, SUN-ES §2.5 [docs: explanation/rules]): the
regional list is partial (the amounts do not add up to the national envelope), and the window 1
counts are conflicting values whose alternatives the caller may choose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from segur_numerique.core.explanation import Explanation, ParameterRead
from segur_numerique.core.money import Euro, euro_sum
from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue, render_value
from segur_numerique.rules.figures import check_choices, read_figure, reads_explanation
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet


@attrs.frozen
class RegionalEnvelope:
    """A SUN-ES regional envelope found in a source (the list is partial: rules digest, Ségur Numérique §1 [docs: explanation/rules/segur]).

    Attributes:
        region: a short region code (``ara``, ``idf``, ``occitanie``, ``hdf``, ``bfc``, ``dom``).
        amount: the amount as read, with its provenance.
        note: what the amount covers or how approximate it is, if the source says.
    """

    region: str
    amount: ParameterRead
    note: Text | None

    @property
    def label(self) -> Text:
        """The region (and scope) in French and English."""
        return self.amount.label

    @property
    def explanation(self) -> Explanation:
        """Where the amount comes from."""
        return reads_explanation(
            f"catalogue.sun_es.region.{self.region}",
            self.amount.label,
            Text(
                fr=render_value(self.amount.value, "fr"), en=render_value(self.amount.value, "en")
            ),
            result=self.amount.value,
            reads=(self.amount,),
            notes=(self.note,) if self.note else (),
        )


_REGIONS = (
    ("ara", "sun_es.region.ara.envelope"),
    ("idf", "sun_es.region.idf.envelope"),
    ("occitanie", "sun_es.region.occitanie.envelope"),
    ("hdf", "sun_es.region.hdf.envelope"),
    ("bfc", "sun_es.region.bfc.volet1.envelope"),
    ("dom", "sun_es.region.dom.envelope"),
)


def regional_envelopes(
    *, on: dt.date | None = None, rules: RuleSet | None = None
) -> tuple[RegionalEnvelope, ...]:
    """The SUN-ES regional envelopes found in sources, as known on ``on``.

    Partial: the other regions are unknown, and these amounts do not add up to 210 M€ (BFC
    covers volet 1 only; the DOM figure is credits delegated in December 2022).

    >>> [(r.region, r.amount.value.format("en")) for r in regional_envelopes()][:2]
    [('ara', '€24,900,000.00'), ('idf', '€21,000,000.00')]
    """
    rules = resolve_rules(rules)
    out = []
    for region, key in _REGIONS:
        value = rules.value(key)
        if on is not None and value.versions[0].since > on:
            continue
        out.append(RegionalEnvelope(region, value.read(on=on), value.as_known_on(on=on).note))
    return tuple(out)


def regional_total(envelopes: tuple[RegionalEnvelope, ...]) -> Euro:
    """The sum of the regional amounts found: not an official figure (partial, mixed scopes).

    >>> regional_total(regional_envelopes())
    Euro('86443800.00')
    """
    amounts = [r.amount.value for r in envelopes]
    return euro_sum(a for a in amounts if isinstance(a, Euro))


_OUTCOME_FIELDS = (
    "applications",
    "applicants_activity_share",
    "applicants_eligible_es_share",
    "selected",
    "acceptance_rate",
    "selected_es_share",
    "selected_activity_share",
)


@attrs.frozen
class Window1Outcomes:
    """The national outcomes of SUN-ES window 1 (rules digest, SUN-ES §2.5 [docs: explanation/rules/sun-es]), each as read with provenance.

    ``applications`` and ``selected`` are conflicting counts (990 vs 985, 879 vs 875); the shares
    ``applicants_eligible_es_share`` (over 32 %) and ``acceptance_rate`` (about 90 %) are
    bounds or approximations, said in :attr:`notes`.
    """

    applications: ParameterRead
    applicants_activity_share: ParameterRead
    applicants_eligible_es_share: ParameterRead
    selected: ParameterRead
    acceptance_rate: ParameterRead
    selected_es_share: ParameterRead
    selected_activity_share: ParameterRead
    notes: tuple[Text, ...]

    @property
    def reads(self) -> tuple[ParameterRead, ...]:
        """The seven figures, in order."""
        return tuple(getattr(self, name) for name in _OUTCOME_FIELDS)

    @property
    def explanation(self) -> Explanation:
        """Where each figure comes from; conflicting ones name the version used."""
        apps, sel = self.applications.value, self.selected.value
        return reads_explanation(
            "catalogue.sun_es.outcomes.F1",
            Text(fr="SUN-ES : résultats de la fenêtre 1", en="SUN-ES: window 1 outcomes"),
            Text(
                fr=f"{render_value(apps, 'fr')} candidatures, {render_value(sel, 'fr')} établissements retenus",
                en=f"{render_value(apps, 'en')} applications, {render_value(sel, 'en')} establishments selected",
            ),
            result=None,
            reads=self.reads,
            notes=self.notes,
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The figures as JSON objects with their provenance."""
        return {name: getattr(self, name).to_json() for name in _OUTCOME_FIELDS}


def window1_outcomes(
    *,
    on: dt.date | None = None,
    choices: Mapping[str, str] | None = None,
    rules: RuleSet | None = None,
) -> Window1Outcomes:
    """The SUN-ES window 1 outcomes as known on ``on`` (rules digest, SUN-ES §2.5 [docs: explanation/rules/sun-es]).

    Args:
        rules: the rule set (default: the official data).
        on: read as known on this date (the counts are known from the end of October 2021).
        choices: alternatives of conflicting counts, e.g.
            ``{"sun_es.outcome.F1.applications": "985"}``.

    >>> w1 = window1_outcomes()
    >>> w1.applications.value, w1.applications.alternative, w1.selected.value
    (990, '990', 879)
    >>> window1_outcomes(choices={"sun_es.outcome.F1.selected": "875"}).selected.value
    875
    """
    rules = resolve_rules(rules)
    choices = choices or {}
    check_choices(rules, choices)
    reads: dict[str, ParameterRead] = {}
    notes: list[Text] = []
    for name in _OUTCOME_FIELDS:
        key = f"sun_es.outcome.F1.{name}"
        read, note = read_figure(rules, key, on, choices)
        assert read is not None
        reads[name] = read
        if note is not None:
            notes.append(note)
    return Window1Outcomes(**reads, notes=tuple(notes))
