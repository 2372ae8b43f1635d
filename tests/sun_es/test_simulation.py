"""``simulate``: one establishment through eligibility, window, indicators and funding."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

import segur_numerique as sn
from segur_numerique.sun_es.cases import (
    SimulationCase,
    load_case,
    parse_case,
    sample_case,
    sample_path,
)
from segur_numerique.sun_es.evaluation import IndicatorCounts
from segur_numerique.sun_es.simulation import simulate, simulation_outcome

RULES = sn.illustrative_assumptions()


def _case(**changes: object) -> SimulationCase:
    base = sample_case().case
    return SimulationCase(
        establishment=changes.pop("establishment", base.establishment),  # type: ignore[arg-type]
        window=changes.pop("window", base.window),  # type: ignore[arg-type]
        name=base.name,
        domains=changes.pop("domains", base.domains),  # type: ignore[arg-type]
        counts=changes.pop("counts", base.counts),  # type: ignore[arg-type]
        ready_on=changes.pop("ready_on", None),  # type: ignore[arg-type]
    )


def test_sample_is_labelled_illustrative() -> None:
    text = sample_path().read_text(encoding="utf-8")
    assert "ILLUSTRATIVE" in text
    given = sample_case()
    assert given.illustrative
    assert given.rules == "illustrative"


def test_sample_simulation_adds_up_and_explains_itself() -> None:
    result = simulate(sample_case().case, rules=RULES)
    paid = [d.forfait for d in result.domains if d.forfait is not None]
    bonus = [d.cro_bonus for d in result.domains if d.cro_bonus is not None]
    assert result.total == sn.euro_sum([*paid, *bonus])
    assert result.total == sn.euro_sum(f.amount for f in result.forfaits)
    assert result.explanation.rule == "sun_es.simulation"
    rules = {c.rule for c in result.explanation.children}
    assert "sun_es.window" in rules
    assert "sun_es.volet1" in rules
    assert result.illustrative_keys
    assert all(
        p.origin is sn.Origin.ILLUSTRATIVE
        for p in result.explanation.all_parameters()
        if p.key in result.illustrative_keys
    )
    assert "ILLUSTRATIVE, NOT OFFICIAL" in result.explanation.render("en")
    jsonschema.validate(result.explanation.to_json(), sn.explanation_json_schema())


def test_official_rules_name_the_missing_parameter() -> None:
    with pytest.raises(sn.errors.MissingParameterError) as info:
        simulate(sample_case().case, rules=sn.load_rules())
    assert info.value.key.startswith("sun_es.")


def test_without_counts_the_forfaits_are_at_stake() -> None:
    result = simulate(_case(counts=()), rules=RULES)
    assert result.at_stake
    assert result.indicators is None
    assert all(d.met is None for d in result.domains)
    assert any("at stake" in a.en for a in result.explanation.assumptions)


def test_an_ineligible_domain_gets_no_forfait() -> None:
    base = sample_case().case.establishment
    no_lab = sn.entities.Establishment(
        base.finess_juridique,
        base.finess_geographique,
        base.legal_status,
        base.activities,
        base.activity_2019,
        own_imaging=True,
        sun_es_prerequisites=base.sun_es_prerequisites,
    )
    result = simulate(_case(establishment=no_lab), rules=RULES)
    biology = next(d for d in result.domains if d.domain == "biology")
    assert not biology.eligible
    assert biology.forfait is None


def test_a_later_window_never_pays_more() -> None:
    totals = [
        simulate(_case(window=w, counts=()), rules=RULES).total for w in ("F1", "F2", "F3", "F4")
    ]
    assert totals == sorted(totals, reverse=True)


def test_an_establishment_with_keywords() -> None:
    sample = sample_case().case
    direct = simulate(
        sample.establishment, rules=RULES, window="F2", domains=sample.domains, counts=sample.counts
    )
    assert direct.total == simulate(sample, rules=RULES).total
    with pytest.raises(sn.errors.InvalidInputError, match="window"):
        simulate(sample.establishment, rules=RULES)
    with pytest.raises(sn.errors.InvalidInputError, match="no keywords"):
        simulate(sample, rules=RULES, window="F1")
    with pytest.raises(sn.errors.InvalidInputError):
        simulate("x", rules=RULES)  # type: ignore[arg-type]


def test_outcome_for_compare() -> None:
    variant = sn.whatif.with_overrides(
        {
            "sun_es.degression.F2": "1/2",
            "sun_es.degression.F3": "2/5",
            "sun_es.degression.F4": "3/10",
        },
        name="half",
        rules=RULES,
    )
    table = sn.whatif.compare(RULES, variant, [sample_case().case])
    changed = {r.quantity for r in table.changes}
    assert "total" in changed
    assert "window" not in changed
    assert simulation_outcome(sample_case().case, rules=RULES)["window"] == "F2"


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["application"].update(window="F9"), "simulation.application.window"),
        (lambda d: d.update(colour="red"), "simulation"),
        (lambda d: d["establishment"].update(activity_2019=-1), "simulation.establishment"),
        (
            lambda d: d["counts"].update(imaging_report={"numerator": 5, "denominator": 4}),
            "simulation.counts.imaging_report",
        ),
        (lambda d: d["application"].update(domains=["dentistry"]), "simulation.application"),
        (lambda d: d.update(format="x"), "simulation.format"),
    ],
)
def test_bad_input_names_the_field(mutate: object, where: str) -> None:
    data = sample_case().case.to_json()
    assert callable(mutate)
    data = {**data, "application": dict(data["application"]), "counts": dict(data["counts"])}  # type: ignore[arg-type]
    data["establishment"] = dict(data["establishment"])  # type: ignore[arg-type]
    mutate(data)
    with pytest.raises(sn.errors.InvalidInputError) as info:
        parse_case(data)
    assert (info.value.where or "").startswith(where)


def test_case_round_trips_through_json(tmp_path: Path) -> None:
    case = sample_case().case
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case.to_json()), encoding="utf-8")
    assert load_case(path).case == case


def test_counts_must_be_indicator_counts() -> None:
    with pytest.raises(sn.errors.InvalidInputError):
        SimulationCase(sample_case().case.establishment, "F1", counts=("x",))  # type: ignore[arg-type]
    assert (
        SimulationCase(
            sample_case().case.establishment,
            "F1",
            counts={"imaging_report": IndicatorCounts("imaging_report", 1, 2)},
        )
        .counts[0]
        .numerator
        == 1
    )
    with pytest.raises(sn.errors.InvalidInputError):
        SimulationCase(sample_case().case.establishment, "F1", ready_on=dt.datetime(2022, 1, 1))


def test_a_missed_deadline_moves_to_a_later_window_with_its_forfait() -> None:
    on_time = simulate(_case(window="F1", counts=()), rules=RULES)
    late = simulate(_case(window="F1", counts=(), ready_on=dt.date(2022, 10, 15)), rules=RULES)
    assert late.effective_window == "F2"
    assert late.reassignment is not None
    assert late.total <= on_time.total
    assert any(c.rule.startswith("sun_es.calendar") for c in late.explanation.children)


def test_no_window_left_pays_nothing() -> None:
    result = simulate(_case(window="F4", counts=(), ready_on=dt.date(2024, 6, 1)), rules=RULES)
    assert result.effective_window is None
    assert result.total == sn.Euro("0")
    assert "nothing is paid" in result.explanation.render("en")


def test_the_sample_and_round_trips_follow_the_published_schema() -> None:
    schema = sn.sun_es.simulation_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    raw = tomllib.loads(sample_path().read_text(encoding="utf-8"))
    jsonschema.validate(raw, schema)
    jsonschema.validate(sample_case().case.to_json(), schema)
    bad = sample_case().case.to_json()
    bad["application"] = {"window": "F9"}
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)
