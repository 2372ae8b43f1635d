"""``compute(name, inputs)`` agrees with the direct library call and with the scenario run.

Differential tests: for every computation of the registry, the shipped scenarios' inputs (and, for
``sons.ttc`` and ``e_parcours.payments``, generated inputs) give the same outputs, explanation and
errors through :func:`~segur_numerique.kit.compute.compute` as through the public function the
adapter wraps, called here by hand. The input readers below are written independently of the kit's.
The CLI's JSON is compared with the library's ``to_json`` in ``test_compute_entry.py``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.entities.parsing import structure
from segur_numerique.esms_numerique.amorcage import amorcage_funding
from segur_numerique.esms_numerique.funding import national_grappe_funding
from segur_numerique.kit.compute import ComputationResult, compute
from segur_numerique.kit.registry import computations
from segur_numerique.kit.scenarios import Scenario, load_scenarios, scenario_files
from segur_numerique.kit.verify import scenario_rules, verify_paths
from segur_numerique.sun_es.documents.audit import audit_documents
from segur_numerique.sun_es.documents.reading import read_documents
from segur_numerique.sun_es.documents.submissions import read_submissions
from segur_numerique.sun_es.logs.compute import indicators_from_logs
from segur_numerique.sun_es.logs.counts import LogParameters

Values = Mapping[str, Any]
Direct = Callable[[Values, sn.RuleSet], tuple[dict[str, object], object]]


# --------------------------------------------------------------------------------------------
# Readers of scenario values, independent of the kit's.


def _euro(raw: object) -> sn.Euro:
    if isinstance(raw, sn.Euro):
        return raw
    assert isinstance(raw, str)
    return sn.Euro.parse(raw) if "€" in raw else sn.Euro(raw)


def _ratio(raw: object) -> Fraction:
    assert isinstance(raw, str)
    if raw.endswith("%"):
        return Fraction(raw[:-1].strip()) / 100
    return Fraction(raw)


def _day(raw: object) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    assert isinstance(raw, str)
    return dt.date.fromisoformat(raw)


def _date(raw: object) -> dt.date | None:
    return None if raw is None else _day(raw)


def _establishment(raw: object) -> sn.entities.Establishment:
    return structure(raw, sn.entities.Establishment, where="establishment")


# --------------------------------------------------------------------------------------------
# The direct calls, one per computation.


def _rules_read(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    read = rules.read(v["key"], on=_date(v.get("on")), alternative=v.get("alternative"))
    outputs: dict[str, object] = {
        "value": read.value,
        "status": read.status.value,
        "origin": read.origin.value,
        "since": read.since,
    }
    return outputs, (read,)


def _money_scale(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    return {"amount": _euro(v["amount"]).scale(_ratio(v["share"]))}, None


def _sun_es_eligibility(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    verdict = sn.sun_es.establishment_eligibility(
        _establishment(v["establishment"]), v["domain"], rules=rules, on=_date(v.get("on"))
    )
    failed = tuple(r.code for r in verdict.failed)
    return {"eligible": verdict.eligible, "failed": failed}, verdict.explanation


def _sun_es_indicator(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    counts = sn.sun_es.IndicatorCounts(v["indicator"], v["numerator"], v["denominator"])
    target = sn.sun_es.target_from_rules(rules, v["window"], v["indicator"])
    r = sn.sun_es.evaluate_indicator(counts, target)
    outputs: dict[str, object] = {
        "rate": r.rate,
        "target": target.rate,
        "met": r.met,
        "margin": r.margin,
        "missing": r.missing,
    }
    return outputs, r.explanation


def _sun_es_forfait(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    f = sn.sun_es.forfait(
        activity=v["activity"],
        domain=v["domain"],
        window=v["window"],
        indicators_met=dict(v["indicators_met"]) if "indicators_met" in v else None,
        cro_bonus=v.get("cro_bonus", False),
        reassigned_to=v.get("reassigned_to"),
        on=_date(v.get("on")),
        rules=rules,
    )
    outputs: dict[str, object] = {
        "amount": f.amount,
        "at_stake": f.at_stake,
        "paid": f.paid,
        "cro_bonus": f.cro_bonus,
        "window": f.window,
        "band": f.band,
    }
    return outputs, f.explanation


def _sun_es_window(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    w = sn.calendars.window(
        v["window"],
        "sun_es",
        rules=rules,
        as_known_on=_date(v.get("as_known_on")),
        alternative=v.get("alternative"),
    )
    apps = w.applications
    outputs: dict[str, object] = {
        "start": w.start,
        "applications_end": apps.end if apps else None,
        "deadline": w.deadline,
        "end": w.end,
    }
    return outputs, w.explanation()


def _sun_es_reassignment(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    r = sn.sun_es.reassign(
        v["window"], _day(v["ready_on"]), rules=rules, alternative=v.get("alternative")
    )
    window = r.window.name if r.window is not None else "none"
    return {"route": r.route.value, "window": window}, r.explanation


def _sun_es_volet_split(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    envelope = _euro(v["envelope"]) if "envelope" in v else None
    s = sn.sun_es.split_volets(envelope, on=_date(v.get("on")), rules=rules)
    return {"volet1": s["volet1"], "volet2": s["volet2"], "total": s.total}, s.explanation


def _sun_es_simulation(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    raw = {"format": sn.sun_es.SIMULATION_FORMAT, **v}
    sim = sn.sun_es.simulate(sn.sun_es.parse_case(raw).case, rules=rules)
    outputs: dict[str, object] = {
        "total": sim.total,
        "effective_window": sim.effective_window or "none",
        "domains_met": tuple(d.domain for d in sim.domains if d.met),
    }
    return outputs, sim.explanation


def _sun_es_logs(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    window = v["window"]
    params = LogParameters.from_rules(rules, window)
    stays = v["stays"]["file"] if isinstance(v["stays"], Mapping) else v["stays"]
    verdicts: dict[str, str] = {}
    if "cda" in v:
        reading = read_documents(
            [v["cda"]["file"]],
            rules=rules,
            test_ins_as_qualified=v.get("test_ins_as_qualified", False),
        )
        subs = read_submissions(v["submissions"]["file"]) if "submissions" in v else ()
        audit = audit_documents(reading, params, stays=stays, submissions=subs)
        result = audit.indicators
        assert result is not None
        verdicts = {x.document_id: x.reason or "counts" for x in audit.verdicts}
        docs = Counter(x.reason for x in audit.verdicts if x.reason)
    else:
        result = indicators_from_logs(stays, v["documents"], params)
        docs = Counter(e.reason.value for e in result.exclusions or () if e.kind == "document")
    est = result.establishments
    outputs: dict[str, object] = {
        "numerators": {e.finess: {c.indicator: c.numerator for c in e.counts} for e in est},
        "denominators": {e.finess: {c.indicator: c.denominator for c in e.counts} for e in est},
        "rates": {
            e.finess: {c.indicator: "none" if c.rate is None else str(c.rate) for c in e.counts}
            for e in est
        },
        "targets_met": {
            e.finess: {
                c.indicator: c.rate >= sn.sun_es.target_from_rules(rules, window, c.indicator).rate
                for c in e.counts
                if c.rate is not None and rules.is_supplied(f"sun_es.target.{window}.{c.indicator}")
            }
            for e in est
        },
        "document_exclusions": dict(sorted(docs.items())),
        "stay_exclusions": dict(
            sorted(
                Counter(e.reason.value for e in result.exclusions or () if e.kind == "stay").items()
            )
        ),
        "verdicts": verdicts,
    }
    return outputs, result.explanation


def _sons_ceiling(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    c = sn.sons.ceiling(
        v["kind"],
        turnover=_euro(v["turnover"]) if "turnover" in v else None,
        sites=v.get("sites"),
        on=_date(v.get("on")),
        rules=rules,
    )
    return {"ht": c.ht.amount, "ttc": c.ttc.amount}, c.explanation


def _sons_ttc(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    c = sn.sons.ttc(_euro(v["amount_ht"]), on=_date(v.get("on")), rules=rules)
    return {"ttc": c.ttc.amount}, c.explanation


def _sons_payments(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    p = sn.sons.payments(
        _euro(v["amount"]),
        installation_certified_on=_date(v.get("installation_certified_on")),
        on=_date(v.get("on")),
        rules=rules,
    )
    return {"advance": p.advance, "balance": p.balance, "pending": p.pending}, p.explanation


def _sons_maintenance(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    period = sn.Period(_day(v["start"]), _day(v["end"]))
    m = sn.sons.maintenance(period, on=_date(v.get("on")), rules=rules)
    return {"funded_end": m.funded.end, "unfunded_days": m.unfunded_days}, m.explanation


def _hopen(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    verdict = sn.hopen.prerequisites_met(_establishment(v["establishment"]), rules=rules)
    failed = tuple(r.code for r in verdict.failed)
    return {"eligible": verdict.eligible, "failed": failed}, verdict.explanation


def _esms_grappe(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    dep, category = v.get("departement", "75"), v.get("category", "500")
    members = [sn.entities.Esms(f"{dep}{i:07d}", category) for i in range(v["members"])]
    grappe = sn.entities.Grappe(
        v.get("name", "grappe"), members, corse_or_outre_mer=v.get("corse_or_outre_mer")
    )
    verdict = sn.esms_numerique.grappe_eligibility(grappe, rules=rules, on=_date(v.get("on")))
    level = verdict.level.value if verdict.level else "none"
    return {"eligible": verdict.eligible, "level": level}, verdict.explanation


def _esms_national_2022(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    r = national_grappe_funding(
        v["essms"],
        vendor_segur_referenced=v["vendor_segur_referenced"],
        vendor_per_essms=_euro(v["vendor_per_essms"]) if "vendor_per_essms" in v else None,
        regional_total=_euro(v["regional_total"]) if "regional_total" in v else None,
        on=_date(v.get("on")),
        rules=rules,
    )
    names = (
        "regional_rate_essms",
        "national_rate_essms",
        "regional_amount",
        "moa",
        "moa_start_payment",
        "moa_targets_payment",
        "vendor",
        "vendor_is_ceiling",
        "segur_bonus",
        "national_amount",
        "total",
    )
    return {n: getattr(r, n) for n in names}, r.explanation


def _esms_amorcage(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    r = amorcage_funding(v["kind"], v["essms"], on=_date(v.get("on")), rules=rules)
    return {"funded_essms": r.funded_essms, "forfait": r.forfait, "amount": r.amount}, r.explanation


def _avenant9_points(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    r = sn.avenant9.points(v["points"], on=_date(v.get("on")), rules=rules)
    return {"amount": r.amount}, r.explanation


def _avenant9_volet1(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    r = sn.avenant9.volet1_forfait(v["year"], rules=rules)
    return {"amount": r.amount, "points": r.points}, r.explanation


def _avenant9_vsm(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    on = _date(v.get("on"))
    if "share" in v:
        r = sn.avenant9.vsm_forfait(_ratio(v["share"]), on=on, rules=rules)
    else:
        r = sn.avenant9.vsm_forfait(
            patients_with_vsm=v["patients_with_vsm"],
            ald_patients=v["ald_patients"],
            on=on,
            rules=rules,
        )
    return {"amount": r.amount}, r.explanation


def _e_parcours_forfait(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    r = sn.e_parcours.forfait(
        v["beneficiary"],
        population=v["population"],
        scaling=sn.e_parcours.BassinScaling(v["scaling"]),
        on=_date(v.get("on")),
        rules=rules,
    )
    return {"amount": r.amount, "bassins": r.bassins}, r.explanation


def _e_parcours_payments(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    r = sn.e_parcours.payments(
        _euro(v["forfait"]),
        start=_day(v["start"]),
        targets_reached_on=_date(v.get("targets_reached_on")),
        on=_date(v.get("on")),
        rules=rules,
    )
    outputs: dict[str, object] = {
        "start_payment": r.start_payment,
        "usage_payment": r.usage_payment,
        "lost": r.lost,
        "deadline": r.deadline,
        "pending": r.pending,
    }
    return outputs, r.explanation


def _pro_rata(v: Values, rules: sn.RuleSet) -> tuple[dict[str, object], object]:
    r = sn.funding_scaling.allocate(_euro(v["envelope"]), dict(v["weights"]))
    return {"shares": tuple(s.amount for s in r.shares), "total": r.total}, r.explanation


DIRECT: dict[str, Direct] = {
    "rules.read": _rules_read,
    "money.scale": _money_scale,
    "sun_es.eligibility": _sun_es_eligibility,
    "sun_es.indicator": _sun_es_indicator,
    "sun_es.forfait": _sun_es_forfait,
    "sun_es.window": _sun_es_window,
    "sun_es.reassignment": _sun_es_reassignment,
    "sun_es.volet_split": _sun_es_volet_split,
    "sun_es.simulation": _sun_es_simulation,
    "sun_es.logs": _sun_es_logs,
    "sons.ceiling": _sons_ceiling,
    "sons.ttc": _sons_ttc,
    "sons.payments": _sons_payments,
    "sons.maintenance": _sons_maintenance,
    "hopen.prerequisites": _hopen,
    "esms.grappe": _esms_grappe,
    "esms.national_2022_funding": _esms_national_2022,
    "esms.amorcage_funding": _esms_amorcage,
    "avenant9.points": _avenant9_points,
    "avenant9.volet1_forfait": _avenant9_volet1,
    "avenant9.vsm": _avenant9_vsm,
    "e_parcours.forfait": _e_parcours_forfait,
    "e_parcours.payments": _e_parcours_payments,
    "allocation.pro_rata": _pro_rata,
}


# --------------------------------------------------------------------------------------------
# Agreement.


def _outcome(call: Callable[[], Any]) -> tuple[str, object]:
    """``("ok", value)`` or ``("error", (type name, message))``."""
    try:
        return "ok", call()
    except sn.errors.SegurError as exc:
        return "error", (type(exc).__name__, str(exc))


def _assert_agree(name: str, values: Values, rules: sn.RuleSet) -> None:
    via_compute = _outcome(lambda: compute(name, values, rules=rules))
    direct = _outcome(lambda: DIRECT[name](values, rules))
    assert via_compute[0] == direct[0], (via_compute, direct)
    if via_compute[0] == "error":
        assert via_compute == direct
        return
    result, pair = via_compute[1], direct[1]
    assert isinstance(result, ComputationResult)
    assert isinstance(pair, tuple)
    outputs, explanation = pair
    assert dict(result.outputs) == outputs
    for key, value in outputs.items():  # same types too (a Euro is not an int, True is not 1)
        assert type(result[key]) is type(value), key
    if isinstance(explanation, tuple):  # rules.read: its explanation shows the read
        assert result.explanation is not None
        assert result.explanation.parameters == explanation
    elif explanation is not None:
        assert result.explanation == explanation


def _shipped() -> list[Scenario]:
    return [s for f in scenario_files([sn.kit.shipped_scenarios()]) for s in load_scenarios(f)]


SHIPPED = _shipped()


def test_every_computation_has_a_direct_call() -> None:
    assert list(DIRECT) == list(computations())


def test_every_computation_is_exercised_by_a_shipped_scenario() -> None:
    assert {s.computation for s in SHIPPED} == set(computations())


@pytest.mark.parametrize("scenario", SHIPPED, ids=[s.id for s in SHIPPED])
def test_compute_agrees_with_the_direct_call_on_shipped_inputs(scenario: Scenario) -> None:
    _assert_agree(scenario.computation, scenario.inputs, scenario_rules(scenario))


@pytest.mark.parametrize("scenario", SHIPPED, ids=[s.id for s in SHIPPED])
def test_compute_agrees_with_the_scenario_run(scenario: Scenario) -> None:
    (result,) = [r for r in verify_paths([scenario.file]) if r.scenario == scenario]
    if result.error is not None:
        with pytest.raises(sn.errors.SegurError) as info:
            compute(scenario.computation, scenario.inputs, rules=scenario_rules(scenario))
        assert result.error == f"{type(info.value).__name__}: {info.value}"
        return
    computed = compute(scenario.computation, scenario.inputs, rules=scenario_rules(scenario))
    assert dict(computed.outputs) == dict(result.outputs)
    assert computed.explanation == result.explanation


RULES = sn.load_rules()
EUROS = st.integers(min_value=0, max_value=10**11).map(sn.Euro.from_cents)
DAYS = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2026, 12, 31))


@given(amount=EUROS, as_text=st.booleans(), on=st.none() | DAYS)
def test_sons_ttc_agrees_on_generated_amounts(
    amount: sn.Euro, as_text: bool, on: dt.date | None
) -> None:
    values: dict[str, object] = {"amount_ht": amount.to_json() if as_text else amount}
    if on is not None:
        values["on"] = on
    _assert_agree("sons.ttc", values, RULES)


@given(
    forfait=EUROS,
    start=DAYS,
    reached=st.none() | DAYS,
    on=st.none() | DAYS,
    iso=st.booleans(),
)
def test_e_parcours_payments_agree_on_generated_inputs(
    forfait: sn.Euro, start: dt.date, reached: dt.date | None, on: dt.date | None, iso: bool
) -> None:
    def day(value: dt.date) -> object:
        return value.isoformat() if iso else value

    values: dict[str, object] = {"forfait": forfait, "start": day(start)}
    if reached is not None:
        values["targets_reached_on"] = day(reached)
    if on is not None:
        values["on"] = day(on)
    _assert_agree("e_parcours.payments", values, RULES)
