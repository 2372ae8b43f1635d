"""SUN-ES eligibility with reasons (rules digest, SUN-ES §2.3 [docs: explanation/rules/sun-es])."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn

ALL = sn.sun_es.prerequisite_checklist().ids


def es(**kw: object) -> sn.entities.Establishment:
    base: dict[str, object] = {
        "finess_juridique": "750712184",
        "finess_geographique": "750100042",
        "legal_status": "public",
        "activities": ["mco"],
        "activity_2019": 12_000,
        "sun_es_prerequisites": ALL,
    }
    base.update(kw)
    return sn.entities.Establishment(**base)  # type: ignore[arg-type]


def test_checklist_is_data_and_says_it_is_incomplete() -> None:
    checklist = sn.sun_es.prerequisite_checklist()
    assert set(checklist.ids) == {
        "identity_vigilance", "security_policy", "risk_analysis", "cyber_audit", "dmp_mssante",
    }  # fmt: skip
    assert checklist.announced.value == 6
    assert not checklist.complete
    assert checklist.unlisted == 1
    with pytest.raises(sn.errors.MissingParameterError):
        sn.load_rules().read("sun_es.prerequisites.unlisted")


@pytest.mark.parametrize("status", ["public", "private", "espic", "clcc"])
@pytest.mark.parametrize("activity", ["mco", "ssr", "psy", "had", "dialysis"])
def test_any_status_and_activity(status: str, activity: str) -> None:
    verdict = sn.sun_es.establishment_eligibility(
        es(legal_status=status, activities=[activity]), sn.sun_es.Domain.DISCHARGE_DOCUMENTS
    )
    assert verdict.eligible
    assert verdict.failed == ()


def test_esms_is_not_eligible() -> None:
    verdict = sn.sun_es.establishment_eligibility(
        sn.entities.Esms("750000017", "500"), "volet1.discharge_documents"
    )
    assert not verdict.eligible
    assert [r.code for r in verdict.failed] == ["sun_es.health_establishment"]
    assert "ESMS" in verdict.failed[0].text.en


def test_no_activity_in_2019() -> None:
    verdict = sn.sun_es.establishment_eligibility(es(activity_2019=0), "volet1.discharge_documents")
    assert [r.code for r in verdict.failed] == ["sun_es.activity_2019"]
    reads = verdict.explanation.all_parameters()
    assert any(r.key == "sun_es.eligibility.activity_period" for r in reads)


@pytest.mark.parametrize(
    ("domain", "field", "code"),
    [
        ("volet1.biology", "own_lab", "sun_es.own_lab"),
        ("volet1.imaging", "own_imaging", "sun_es.own_imaging"),
        ("volet1.cro_bonus", "operating_theatre", "sun_es.operating_theatre"),
    ],
)
def test_domain_capabilities(domain: str, field: str, code: str) -> None:
    assert not sn.sun_es.establishment_eligibility(es(), domain).eligible
    assert [r.code for r in sn.sun_es.establishment_eligibility(es(), domain).failed] == [code]
    assert sn.sun_es.establishment_eligibility(es(**{field: True}), domain).eligible


def test_volet2_general_criteria_with_assumption() -> None:
    verdict = sn.sun_es.establishment_eligibility(es(), sn.sun_es.Domain.MESSAGING)
    assert verdict.eligible
    assert any("volet 2" in a.en for a in verdict.explanation.assumptions)


def test_missing_prerequisite_is_a_reason() -> None:
    verdict = sn.sun_es.establishment_eligibility(
        es(sun_es_prerequisites=["identity_vigilance"]), "volet1.discharge_documents"
    )
    assert [r.code for r in verdict.failed] == ["sun_es.prerequisites"]
    assert "cyber_audit" in verdict.failed[0].text.en


def test_unlisted_prerequisites_assumption_is_explicit() -> None:
    verdict = sn.sun_es.establishment_eligibility(es(), "volet1.discharge_documents")
    inputs = {i.name: i for i in verdict.explanation.inputs}
    assert inputs["assume_unlisted_prerequisites_met"].defaulted
    assert any("assumed met" in a.en for e in verdict.explanation.walk() for a in e.assumptions)
    strict = sn.sun_es.establishment_eligibility(
        es(), "volet1.discharge_documents", assume_unlisted_prerequisites_met=False
    )
    assert not strict.eligible
    assert [r.code for r in strict.failed] == ["sun_es.prerequisites"]


def test_assume_unlisted_is_defaulted_only_when_not_given() -> None:
    def assume(verdict: sn.EligibilityResult) -> sn.InputValue:
        return next(
            i for i in verdict.explanation.inputs if i.name == "assume_unlisted_prerequisites_met"
        )

    default = assume(sn.sun_es.establishment_eligibility(es(), "volet1.discharge_documents"))
    assert (default.value, default.defaulted) == (True, True)
    given_true = sn.sun_es.establishment_eligibility(
        es(), "volet1.discharge_documents", assume_unlisted_prerequisites_met=True
    )
    assert given_true.eligible
    assert (assume(given_true).value, assume(given_true).defaulted) == (True, False)
    given_false = sn.sun_es.establishment_eligibility(
        es(), "volet1.discharge_documents", assume_unlisted_prerequisites_met=False
    )
    assert (assume(given_false).value, assume(given_false).defaulted) == (False, False)
    with pytest.raises(sn.errors.InvalidInputError) as info:
        sn.sun_es.establishment_eligibility(
            es(),
            "volet1.discharge_documents",
            assume_unlisted_prerequisites_met="yes",  # type: ignore[arg-type]
        )
    assert info.value.where == "assume_unlisted_prerequisites_met"


def test_cro_bonus_reads_the_conflicting_bonus_or_required_value() -> None:
    theatre = es(operating_theatre=True)
    default = sn.sun_es.establishment_eligibility(theatre, sn.sun_es.Domain.CRO_BONUS)
    assert default.eligible
    keys = {p.key: p for e in default.explanation.walk() for p in e.parameters}
    is_bonus = keys["sun_es.indicator.operative_report.is_bonus"]
    assert (is_bonus.status, is_bonus.alternative) == (sn.Status.CONFLICTING, "bonus")
    concerns = keys["sun_es.eligibility.cro_bonus_requires_operating_theatre"]
    assert concerns.status is sn.Status.CONFIRMED
    assert "concerns only ES with an operating theatre" in concerns.label.en
    alternative = next(i for i in default.explanation.inputs if i.name == "cro_alternative")
    assert (alternative.value, alternative.defaulted) == ("bonus", True)

    required = sn.sun_es.establishment_eligibility(
        theatre, "volet1.cro_bonus", cro_alternative="required"
    )
    assert not required.eligible
    assert [r.code for r in required.failed] == ["sun_es.cro_is_bonus"]
    assert "required indicator of domain 1" in required.failed[0].text.en
    alternative = next(i for i in required.explanation.inputs if i.name == "cro_alternative")
    assert (alternative.value, alternative.defaulted) == ("required", False)


def test_cro_alternative_is_refused_outside_the_cro_bonus() -> None:
    with pytest.raises(sn.errors.InvalidInputError) as info:
        sn.sun_es.establishment_eligibility(es(), "volet1.biology", cro_alternative="required")
    assert info.value.where == "cro_alternative"


def test_unknown_prerequisite_is_a_typed_error() -> None:
    with pytest.raises(sn.errors.UnknownChoiceError) as info:
        sn.sun_es.establishment_eligibility(
            es(sun_es_prerequisites=["rniv"]), "volet1.discharge_documents"
        )
    assert "identity_vigilance" in info.value.allowed


def test_unknown_domain_is_a_typed_error() -> None:
    with pytest.raises(sn.errors.UnknownChoiceError, match=r"volet1\.biology"):
        sn.sun_es.establishment_eligibility(es(), "volet3.telemedicine")


def test_dialysis_one_application_per_legal_entity() -> None:
    first = es(activities=["dialysis"], finess_geographique="750100042")
    second = es(activities=["dialysis"], finess_geographique="750100059")
    other_entity = es(activities=["dialysis"], finess_juridique="920000650")
    assert sn.sun_es.establishment_eligibility(first, "volet1.discharge_documents").eligible
    verdict = sn.sun_es.establishment_eligibility(
        second, "volet1.discharge_documents", other_applications=[first]
    )
    assert [r.code for r in verdict.failed] == ["sun_es.dialysis_one_application"]
    assert sn.sun_es.establishment_eligibility(
        other_entity, "volet1.discharge_documents", other_applications=[first]
    ).eligible
    # not dialysis: the rule does not apply
    mco = es(finess_geographique="750100059")
    assert sn.sun_es.establishment_eligibility(
        mco, "volet1.discharge_documents", other_applications=[first]
    ).eligible


def test_explanation_renders_and_exports() -> None:
    verdict = sn.sun_es.establishment_eligibility(es(), "volet1.biology")
    fr, en = verdict.render("fr"), verdict.render("en")
    assert "non éligible" in fr
    assert "not eligible" in en
    assert "FINESS juridique 750712184" in en
    json.dumps(verdict.to_json())
    assert all(r.explanation.parameters for r in verdict.reasons)


def test_read_as_known_on_a_date_before_the_programme() -> None:
    with pytest.raises(sn.errors.MissingParameterError):
        sn.sun_es.establishment_eligibility(
            es(), "volet1.discharge_documents", on=dt.date(2020, 1, 1)
        )


@given(
    activity=st.integers(0, 10**6),
    lab=st.booleans(),
    imaging=st.booleans(),
    theatre=st.booleans(),
    prereqs=st.sets(st.sampled_from(ALL)),
)
def test_eligible_iff_no_failed_reason(
    activity: int, lab: bool, imaging: bool, theatre: bool, prereqs: set[str]
) -> None:
    e = es(
        activity_2019=activity, own_lab=lab, own_imaging=imaging, operating_theatre=theatre,
        sun_es_prerequisites=prereqs,
    )  # fmt: skip
    for domain in sn.sun_es.Domain:
        verdict = sn.sun_es.establishment_eligibility(e, domain)
        assert verdict.eligible == (not verdict.failed)
        base = activity > 0 and prereqs == set(ALL)
        extra = {
            sn.sun_es.Domain.BIOLOGY: lab,
            sn.sun_es.Domain.IMAGING: imaging,
            sn.sun_es.Domain.CRO_BONUS: theatre,
        }.get(domain, True)
        assert verdict.eligible == (base and extra)


def test_explanations_validate_against_the_json_schema() -> None:
    schema = sn.explanation_json_schema()
    verdicts = [
        sn.sun_es.establishment_eligibility(es(activities=["dialysis"]), domain)
        for domain in sn.sun_es.Domain
    ]
    verdicts.append(
        sn.sun_es.establishment_eligibility(
            sn.entities.Esms("750000017", "500"), "volet2.messaging"
        )
    )
    for verdict in verdicts:
        jsonschema.validate(verdict.explanation.to_json(), schema)
