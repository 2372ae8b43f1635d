"""A whole SUN-ES simulation of one establishment: eligibility, window, indicators, funding.

:func:`simulate` chains the library's computations for one establishment and its application
(RULES.md §2): the eligibility of each volet 1 domain applied for (§2.3), the window chosen and,
when the establishment says from which date it can reach its targets, the window it ends up in
after a missed deadline (§2.2), its usage indicators from counts against the window's targets
(§2.1), and the forfait of each domain (§2.4). The result has one root
:class:`~segur_numerique.Explanation` whose children are the explanations of every step.

The targets, the forfait grid and its degression are **unknown** (no public source): with the
official rules, :func:`simulate` raises :class:`~segur_numerique.MissingParameterError` naming the
first one it needs, unless the caller supplied them (a parameter file) or chose the illustrative,
**not official**, assumption sets (:func:`~segur_numerique.illustrative_assumptions`). The result
lists every illustrative value it used (:attr:`Simulation.illustrative_keys`).
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from segur_numerique._establishment import Establishment, structure
from segur_numerique._rules import RuleSet
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue
from segur_numerique.core.money import Euro, euro_sum
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.validators import check_date, parse_iso_date, read_text_file
from segur_numerique.core.values import JsonValue, encode_value, render_value
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.provenance import Origin
from segur_numerique.sun_es.evaluation import (
    EstablishmentProfile,
    IndicatorCounts,
    VoletResult,
    evaluate_volet1,
)

SIMULATION_FORMAT = "segur_numerique.simulation/v1"
"""The ``format`` field of simulation input files."""

VOLET1_DOMAINS = ("discharge_documents", "biology", "imaging")
"""The volet 1 domains a simulation may apply for (RULES.md §2.1)."""

_CASE_KEYS = frozenset(
    {"format", "name", "illustrative", "rules", "establishment", "application", "counts"}
)
_APPLICATION_KEYS = frozenset({"window", "domains", "ready_on", "on"})


def _domains(value: Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise InvalidInputError("must be a list of domains, not a string", where="domains")
    out = tuple(value)
    for i, d in enumerate(out):
        if d not in VOLET1_DOMAINS:
            raise InvalidInputError(
                f"unknown volet 1 domain {d!r}; expected one of {', '.join(VOLET1_DOMAINS)}",
                where=f"domains[{i}]",
            )
    if len(set(out)) != len(out):
        raise InvalidInputError("a domain is given twice", where="domains")
    return out


def _counts(
    value: Mapping[str, IndicatorCounts] | Iterable[IndicatorCounts],
) -> tuple[IndicatorCounts, ...]:
    items = tuple(value.values()) if isinstance(value, Mapping) else tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, IndicatorCounts):
            raise InvalidInputError(f"expected IndicatorCounts, got {item!r}", where=f"counts[{i}]")
    return items


def _window_name(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ("F1", "F2", "F3", "F4"):
        raise InvalidInputError(f"expected F1, F2, F3 or F4, got {value!r}", where="window")


def _optional_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_date(value, where=attribute.name)


@attrs.frozen
class SimulationCase:
    """An establishment and its SUN-ES volet 1 application, as simulated by :func:`simulate`.

    Attributes:
        establishment: the establishment.
        window: the window it applies to (``F1`` to ``F4``).
        name: a name for reports (the FINESS by default).
        domains: the volet 1 domains applied for; by default every domain it may have
            (documents de sortie; biologie with an own lab; imagerie with own imaging).
        counts: the numerator and denominator of its indicators, if known; without counts the
            forfaits are those at stake (as if the targets were reached), and the report says so.
        ready_on: the date from which it can reach its targets; after its window's deadline it
            is moved to a later window (RULES.md §2.2).
        on: read the rule values as known on this date (latest by default).
    """

    establishment: Establishment
    window: str = attrs.field(validator=_window_name)
    name: str | None = None
    domains: tuple[str, ...] | None = attrs.field(default=None, converter=_domains)
    counts: tuple[IndicatorCounts, ...] = attrs.field(default=(), converter=_counts)
    ready_on: dt.date | None = attrs.field(default=None, validator=_optional_date)
    on: dt.date | None = attrs.field(default=None, validator=_optional_date)

    @property
    def label(self) -> str:
        """The name, or ``FINESS <géographique>``."""
        return self.name or f"FINESS {self.establishment.finess_geographique}"

    def applied_domains(self) -> tuple[str, ...]:
        """The domains applied for (explicit, or those the establishment may have)."""
        if self.domains is not None:
            return self.domains
        est = self.establishment
        return tuple(
            d
            for d, has in zip(VOLET1_DOMAINS, (True, est.own_lab, est.own_imaging), strict=True)
            if has
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The case in the shape :func:`parse_case` reads."""
        application: dict[str, JsonValue] = {"window": self.window}
        if self.domains is not None:
            application["domains"] = list(self.domains)
        if self.ready_on is not None:
            application["ready_on"] = self.ready_on.isoformat()
        if self.on is not None:
            application["on"] = self.on.isoformat()
        out: dict[str, JsonValue] = {
            "format": SIMULATION_FORMAT,
            "establishment": self.establishment.to_json(),
            "application": application,
            "counts": {
                c.indicator: {"numerator": c.numerator, "denominator": c.denominator}
                for c in self.counts
            },
        }
        if self.name is not None:
            out["name"] = self.name
        return out


@attrs.frozen
class SimulationInput:
    """A parsed simulation file: the case, and the rule set it asks for."""

    case: SimulationCase
    rules: str = "official"
    """``official`` or ``illustrative``."""
    illustrative: bool = False
    """The file says its establishment is illustrative (a made-up sample)."""


def parse_case(data: Mapping[str, Any], *, where: str = "simulation") -> SimulationInput:
    """A simulation input from a mapping (as read from TOML or JSON); errors name the path.

    >>> raw = {
    ...     "format": "segur_numerique.simulation/v1",
    ...     "establishment": {
    ...         "finess_juridique": "750712184",
    ...         "finess_geographique": "750100042",
    ...         "legal_status": "public",
    ...         "activities": ["mco"],
    ...         "activity_2019": 1,
    ...     },
    ...     "application": {"window": "F5"},
    ... }
    >>> parse_case(raw)
    Traceback (most recent call last):
    ...
    segur_numerique.errors.InvalidInputError: simulation.application.window: expected F1, F2, F3 or F4, got 'F5'
    """
    if not isinstance(data, Mapping):
        raise InvalidInputError("expected a table", where=where)
    if data.get("format") != SIMULATION_FORMAT:
        raise InvalidInputError(
            f"format must be {SIMULATION_FORMAT!r}, got {data.get('format')!r}",
            where=f"{where}.format",
        )
    extra = sorted(set(data) - _CASE_KEYS)
    if extra:
        raise InvalidInputError(
            f"unexpected field(s) {', '.join(extra)}; expected {', '.join(sorted(_CASE_KEYS))}",
            where=where,
        )
    for required in ("establishment", "application"):
        if not isinstance(data.get(required), Mapping):
            raise InvalidInputError("a table is required", where=f"{where}.{required}")
    establishment = structure(data["establishment"], Establishment, where=f"{where}.establishment")
    application = data["application"]
    extra = sorted(set(application) - _APPLICATION_KEYS)
    if extra:
        raise InvalidInputError(
            f"unexpected field(s) {', '.join(extra)}; expected {', '.join(sorted(_APPLICATION_KEYS))}",
            where=f"{where}.application",
        )
    raw_counts = data.get("counts", {})
    if not isinstance(raw_counts, Mapping):
        raise InvalidInputError("expected a table of indicators", where=f"{where}.counts")
    counts = []
    for indicator, pair in raw_counts.items():
        at = f"{where}.counts.{indicator}"
        if not isinstance(pair, Mapping) or set(pair) != {"numerator", "denominator"}:
            raise InvalidInputError("expected {numerator = n, denominator = d}", where=at)
        try:
            counts.append(IndicatorCounts(indicator, pair["numerator"], pair["denominator"]))
        except InvalidInputError as exc:
            raise type(exc)(exc.what, where=at) from None
    rules = data.get("rules", "official")
    if rules not in ("official", "illustrative"):
        raise InvalidInputError(
            f"expected 'official' or 'illustrative', got {rules!r}", where=f"{where}.rules"
        )
    illustrative = data.get("illustrative", False)
    if not isinstance(illustrative, bool):
        raise InvalidInputError("expected true or false", where=f"{where}.illustrative")
    name = data.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise InvalidInputError("expected a non-empty string", where=f"{where}.name")
    try:
        case = SimulationCase(
            establishment=establishment,
            window=application.get("window"),
            name=name,
            domains=application.get("domains"),
            counts=tuple(counts),
            ready_on=(
                parse_iso_date(application["ready_on"], "ready_on")
                if "ready_on" in application
                else None
            ),
            on=parse_iso_date(application["on"], "on") if "on" in application else None,
        )
    except InvalidInputError as exc:
        raise type(exc)(exc.what, where=f"{where}.application.{exc.where}") from None
    return SimulationInput(case, rules, illustrative)


def load_case(path: str | Path) -> SimulationInput:
    """Read a simulation file (TOML or JSON, by extension).

    Raises:
        InvalidInputError: the file cannot be read or a value is bad; ``where`` names the file
            and the path of the value.
    """
    file = Path(path)
    text = read_text_file(file)
    try:
        if file.suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif file.suffix == ".json":
            data = json.loads(text)
        else:
            raise InvalidInputError("a simulation file ends in .toml or .json", where=str(file))
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInputError(f"malformed file: {exc}", where=str(file)) from None
    return parse_case(data, where=str(file))


def simulation_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of simulation input files."""
    path = resources.files("segur_numerique").joinpath("schemas/simulation.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def sample_path() -> Path:
    """The embedded sample establishment (``samples/sample_establishment.toml``; illustrative)."""
    return Path(
        str(resources.files("segur_numerique").joinpath("samples/sample_establishment.toml"))
    )


def sample_case() -> SimulationInput:
    """The embedded sample establishment: **illustrative**, a made-up hospital.

    >>> sample_case().illustrative
    True
    """
    return load_case(sample_path())


# --------------------------------------------------------------------------------------------
# The simulation.


@attrs.frozen
class DomainOutcome:
    """One volet 1 domain of a simulation: eligible or not, met or not, the forfait."""

    domain: str
    eligible: bool
    met: bool | None
    """Whether the targets were met; ``None`` when no counts were given or not eligible."""
    forfait: Euro | None
    """The domain forfait paid (or at stake without counts); ``None`` when not eligible."""
    cro_bonus: Euro | None = None
    """The CRO bonus paid on top of the forfait (discharge documents only)."""


@attrs.frozen
class Simulation(HtmlResult):
    """The result of :func:`simulate`: each step's result, the total, and one root explanation.

    Attributes:
        case: what was simulated.
        eligibility: the eligibility verdict of each domain applied for (and the CRO bonus).
        window: the window applied to (with its phases).
        effective_window: the window whose targets and forfait apply (after a reassignment);
            ``None`` when no window is left.
        reassignment: the reassignment result, when a ready date was given.
        indicators: the volet 1 evaluation from counts (``None`` without counts).
        forfaits: the forfait of each eligible domain.
        domains: a summary row per domain.
        total: the sum of the forfaits.
        illustrative_keys: the rule values used that are illustrative, **not official**.
        explanation: the root explanation; its children are every step's explanation.
    """

    case: SimulationCase
    eligibility: tuple[Any, ...]
    window: Any
    effective_window: str | None
    reassignment: Any
    indicators: VoletResult | None
    forfaits: tuple[Any, ...]
    domains: tuple[DomainOutcome, ...]
    total: Euro
    illustrative_keys: tuple[str, ...]
    explanation: Explanation

    @property
    def at_stake(self) -> bool:
        """Whether the forfaits are only at stake (no counts were given)."""
        return self.indicators is None

    def render(self, lang: Lang = "fr") -> str:
        """A readable report (see :func:`segur_numerique.cli.simulate.report`)."""
        from segur_numerique.cli.simulate import report  # noqa: PLC0415

        return report(self, lang)

    def to_json(self) -> dict[str, JsonValue]:
        """The simulation as JSON (format ``segur_numerique.simulation-result/v1``)."""
        return {
            "format": "segur_numerique.simulation-result/v1",
            "case": self.case.to_json(),
            "window": self.case.window,
            "effective_window": self.effective_window,
            "domains": [
                {
                    "domain": d.domain,
                    "eligible": d.eligible,
                    "met": d.met,
                    "forfait": encode_value(d.forfait),
                    "cro_bonus": encode_value(d.cro_bonus),
                }
                for d in self.domains
            ],
            "total": encode_value(self.total),
            "at_stake": self.at_stake,
            "illustrative_keys": list(self.illustrative_keys),
            "explanation": self.explanation.to_json(),
        }


def _profile(est: Establishment) -> EstablishmentProfile:
    return EstablishmentProfile(
        finess=str(est.finess_geographique),
        has_operating_theatre=est.operating_theatre,
        has_own_lab=est.own_lab,
        has_own_imaging=est.own_imaging,
    )


def _reassign(case: SimulationCase, rules: RuleSet, chosen: Any) -> tuple[str | None, Any]:
    """The window after a missed deadline (RULES.md §2.2), when a ready date is given."""
    if case.ready_on is None:
        return case.window, None
    from segur_numerique.sun_es.reassignment import reassign  # noqa: PLC0415

    result = reassign(chosen, case.ready_on, rules=rules, as_known_on=case.on)
    return (result.window.name if result.window is not None else None), result


def simulate(
    case: SimulationCase | Establishment,
    *,
    rules: RuleSet,
    window: str | None = None,
    domains: Iterable[str] | None = None,
    counts: Iterable[IndicatorCounts] = (),
    ready_on: dt.date | None = None,
) -> Simulation:
    """Simulate one establishment's SUN-ES volet 1 application, every step explained.

    ``case`` is a :class:`SimulationCase`, or an :class:`~segur_numerique.Establishment` with its
    application given as keywords (``window`` is then required):
    ``simulate(establishment, rules=rules, window="F2", counts=[...])``.

    >>> import segur_numerique as sn
    >>> sample = sn.sample_case()
    >>> result = sn.simulate(sample.case, rules=sn.illustrative_assumptions())
    >>> result.effective_window, result.total
    ('F2', Euro('...'))

    Raises:
        MissingParameterError: a value nobody could source (a target, the forfait grid) is needed
            and ``rules`` does not supply it.
    """
    from segur_numerique._domains import SunEsDomain as EligibilityDomain  # noqa: PLC0415
    from segur_numerique._eligibility import sun_es_eligibility  # noqa: PLC0415
    from segur_numerique._windows import window as get_window  # noqa: PLC0415
    from segur_numerique.sun_es.funding import sun_es_forfait  # noqa: PLC0415

    if isinstance(case, Establishment):
        if window is None:
            raise InvalidInputError("give the window the establishment applies to", where="window")
        case = SimulationCase(
            case, window, domains=domains, counts=tuple(counts), ready_on=ready_on
        )
    elif not isinstance(case, SimulationCase):
        raise InvalidInputError(
            f"expected a SimulationCase or an Establishment, got {type(case).__name__}",
            where="case",
        )
    elif window is not None or domains is not None or counts or ready_on is not None:
        raise InvalidInputError(
            "a SimulationCase already holds its application; give no keywords", where="case"
        )
    est = case.establishment
    on = case.on
    domains = case.applied_domains()

    verdicts = []
    eligible: dict[str, bool] = {}
    for d in domains:
        verdict = sun_es_eligibility(est, EligibilityDomain(f"volet1.{d}"), rules=rules, on=on)
        verdicts.append(verdict)
        eligible[d] = verdict.eligible
    cro_eligible = False
    if "discharge_documents" in domains and est.operating_theatre:
        cro = sun_es_eligibility(est, EligibilityDomain.CRO_BONUS, rules=rules, on=on)
        verdicts.append(cro)
        cro_eligible = cro.eligible

    chosen = get_window(case.window, "sun_es", rules=rules, as_known_on=on)
    effective, reassignment = _reassign(case, rules, chosen)

    eligible_domains = tuple(d for d in domains if eligible[d]) if effective is not None else ()
    indicators: VoletResult | None = None
    if case.counts and eligible_domains and effective is not None:
        indicators = evaluate_volet1(
            _profile(est), case.counts, effective, rules, domains=eligible_domains
        )

    forfaits = []
    rows = []
    for d in domains:
        if not eligible[d] or effective is None:
            rows.append(DomainOutcome(d, eligible[d], None, None))
            continue
        met_map: dict[str, bool] | None = None
        # At stake (no counts) every target is assumed met, the CRO bonus's too (RULES.md §2.1).
        bonus_due = cro_eligible and d == "discharge_documents"
        met: bool | None = None
        if indicators is not None:
            result = indicators.domain(d)
            met_map = {r.indicator: r.met for r in result.required}
            met = result.met
            bonus_due = cro_eligible and any(b.met for b in result.bonus)
        forfait = sun_es_forfait(
            rules,
            activity=est.activity_2019,
            domain=d,
            window=case.window,
            indicators_met=met_map or None,
            cro_bonus=bonus_due,
            reassigned_to=effective if effective != case.window else None,
            on=on,
        )
        forfaits.append(forfait)
        rows.append(
            DomainOutcome(d, True, met, forfait.paid, forfait.cro_bonus if bonus_due else None)
        )
    total = euro_sum(f.amount for f in forfaits)

    children = [v.explanation for v in verdicts]
    children.append(chosen.explanation())
    if reassignment is not None:
        children.append(reassignment.explanation)
    if indicators is not None:
        children.append(indicators.explanation)
    children.extend(f.explanation for f in forfaits)
    assumptions = []
    if effective is None:
        assumptions.append(
            Text(
                fr="Aucune fenêtre ne reste où les cibles peuvent être atteintes : rien n'est versé.",
                en="No window is left in which the targets can be reached: nothing is paid.",
            )
        )
    elif indicators is None:
        assumptions.append(
            Text(
                fr="Aucun décompte d'indicateurs fourni : les forfaits affichés sont ceux en jeu, "
                "comme si les cibles étaient atteintes.",
                en="No indicator counts given: the forfaits shown are those at stake, as if the "
                "targets were reached.",
            )
        )
    draft = Explanation(
        rule="sun_es.simulation",
        title=Text(
            fr=f"Simulation SUN-ES volet 1 — {case.label}",
            en=f"SUN-ES volet 1 simulation — {case.label}",
        ),
        outcome=Text(
            fr=f"fenêtre {effective or 'aucune'}, total {total.format('fr')}",
            en=f"window {effective or 'none'}, total {total.format('en')}",
        ),
        result=total,
        inputs=(
            InputValue("establishment", est),
            InputValue("window", case.window),
            InputValue("domains", domains, defaulted=case.domains is None),
            InputValue("ready_on", case.ready_on),
            InputValue("on", on, defaulted=on is None),
        ),
        assumptions=tuple(assumptions),
        children=tuple(children),
    )
    illustrative = tuple(
        sorted({p.key for p in draft.all_parameters() if p.origin is Origin.ILLUSTRATIVE})
    )
    if illustrative:
        draft = attrs.evolve(
            draft,
            assumptions=(
                *draft.assumptions,
                Text(
                    fr=f"{len(illustrative)} valeur(s) utilisée(s) sont ILLUSTRATIVES, NON "
                    "OFFICIELLES (jeux d'hypothèses illustratifs) : ne pas s'en servir pour une "
                    "décision de financement.",
                    en=f"{len(illustrative)} value(s) used are ILLUSTRATIVE, NOT OFFICIAL "
                    "(illustrative assumption sets): do not use them for a funding decision.",
                ),
            ),
        )
    return Simulation(
        case=case,
        eligibility=tuple(verdicts),
        window=chosen,
        effective_window=effective,
        reassignment=reassignment,
        indicators=indicators,
        forfaits=tuple(forfaits),
        domains=tuple(rows),
        total=total,
        illustrative_keys=illustrative,
        explanation=draft,
    )


def simulation_outcome(case: SimulationCase, rules: RuleSet) -> dict[str, object]:
    """The named quantities of a simulation, for :func:`segur_numerique.compare`."""
    result = simulate(case, rules=rules)
    out: dict[str, object] = {"window": result.effective_window}
    for row in result.domains:
        out[f"{row.domain}.eligible"] = row.eligible
        out[f"{row.domain}.met"] = row.met
        out[f"{row.domain}.forfait"] = row.forfait
    out["total"] = result.total
    return out


def render_outcome(value: object, lang: Lang) -> str:
    """A value for a report cell."""
    return render_value(value, check_lang(lang))
