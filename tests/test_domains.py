"""One enum for SUN-ES domains and one for e-parcours applicants, shared by every module."""

from __future__ import annotations

import datetime as dt

import pytest

import segur_numerique as sn
from segur_numerique.e_parcours import funding as _e_parcours
from segur_numerique.e_parcours import kinds as _e_parcours_kinds
from segur_numerique.sun_es import domains as _sun_es_domains
from segur_numerique.sun_es import funding as _sun_es_funding


def test_one_public_enum_each() -> None:
    assert sn.SunEsDomain is _sun_es_domains.SunEsDomain
    assert sn.EParcoursKind is _e_parcours_kinds.EParcoursKind
    for old in ("FundingDomain", "EParcoursBeneficiary"):
        assert not hasattr(sn, old)
        assert old not in sn.__all__
        assert not hasattr(_sun_es_funding, old)
        assert not hasattr(_e_parcours, old)


@pytest.mark.parametrize("domain", list(sn.SunEsDomain))
def test_value_and_short_id_name_the_same_domain(domain: sn.SunEsDomain) -> None:
    assert sn.SunEsDomain.parse(domain.value) is domain
    assert sn.SunEsDomain.parse(domain.id) is domain
    assert sn.SunEsDomain(domain.id) is domain
    assert domain.value.startswith(f"volet{domain.volet}.")


def test_short_ids_are_the_indicator_domains_and_grid_rows() -> None:
    volet1 = [d.id for d in sn.SunEsDomain if d.volet == 1 and d is not sn.SunEsDomain.CRO_BONUS]
    assert volet1 == [d.id for d in sn.SUN_ES_VOLET1.domains]
    assert [sn.grid_row(d) for d in sn.SunEsDomain] == [
        "discharge_documents", "biology", "imaging", "cro_bonus", "secure_messaging",
    ]  # fmt: skip


def test_unknown_values_are_typed_errors() -> None:
    with pytest.raises(sn.UnknownChoiceError) as info:
        sn.SunEsDomain.parse("dentistry")
    assert "volet1.biology" in info.value.allowed
    with pytest.raises(sn.UnknownChoiceError) as kind:
        sn.EParcoursKind.parse("cpts", where="beneficiary")
    assert kind.value.where == "beneficiary"
    assert kind.value.allowed == ("dac", "collectif")


def test_the_same_enum_drives_eligibility_and_funding() -> None:
    rules = sn.illustrative_assumptions()
    forfait = sn.sun_es_forfait(rules, activity=25_000, domain=sn.SunEsDomain.IMAGING, window="F2")
    assert forfait.domain is sn.SunEsDomain.IMAGING
    assert forfait.to_json()["domain"] == "volet1.imaging"
    with pytest.raises(sn.InvalidInputError) as info:
        sn.sun_es_forfait(rules, activity=1, domain=sn.SunEsDomain.CRO_BONUS, window="F1")
    assert info.value.where == "domain"
    dac = sn.e_parcours_forfait(
        sn.load_rules(), sn.EParcoursKind.DAC, population=300_000,
        scaling=sn.BassinScaling.PROPORTIONAL,
    )  # fmt: skip
    assert dac.beneficiary is sn.EParcoursKind.DAC
    project = sn.EParcoursProject("P", "dac", dt.date(2020, 12, 31))
    assert project.kind is dac.beneficiary
