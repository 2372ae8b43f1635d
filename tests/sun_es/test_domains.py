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
    assert sn.sun_es.Domain is _sun_es_domains.Domain
    assert sn.e_parcours.Kind is _e_parcours_kinds.Kind
    for old in ("FundingDomain", "EParcoursBeneficiary"):
        assert not hasattr(sn, old)
        assert old not in sn.__all__
        assert not hasattr(_sun_es_funding, old)
        assert not hasattr(_e_parcours, old)


@pytest.mark.parametrize("domain", list(sn.sun_es.Domain))
def test_value_and_short_id_name_the_same_domain(domain: sn.sun_es.Domain) -> None:
    assert sn.sun_es.Domain.parse(domain.value) is domain
    assert sn.sun_es.Domain.parse(domain.id) is domain
    assert sn.sun_es.Domain(domain.id) is domain
    assert domain.value.startswith(f"volet{domain.volet}.")


def test_short_ids_are_the_indicator_domains_and_grid_rows() -> None:
    volet1 = [
        d.id for d in sn.sun_es.Domain if d.volet == 1 and d is not sn.sun_es.Domain.CRO_BONUS
    ]
    assert volet1 == [d.id for d in sn.sun_es.VOLET1.domains]
    assert [sn.sun_es.grid_row(d) for d in sn.sun_es.Domain] == [
        "discharge_documents", "biology", "imaging", "cro_bonus", "secure_messaging",
    ]  # fmt: skip


def test_unknown_values_are_typed_errors() -> None:
    with pytest.raises(sn.errors.UnknownChoiceError) as info:
        sn.sun_es.Domain.parse("dentistry")
    assert "volet1.biology" in info.value.allowed
    with pytest.raises(sn.errors.UnknownChoiceError) as kind:
        sn.e_parcours.Kind.parse("cpts", where="beneficiary")
    assert kind.value.where == "beneficiary"
    assert kind.value.allowed == ("dac", "collectif")


def test_the_same_enum_drives_eligibility_and_funding() -> None:
    rules = sn.illustrative_assumptions()
    forfait = sn.sun_es.forfait(
        activity=25_000, domain=sn.sun_es.Domain.IMAGING, window="F2", rules=rules
    )
    assert forfait.domain is sn.sun_es.Domain.IMAGING
    assert forfait.to_json()["domain"] == "volet1.imaging"
    with pytest.raises(sn.errors.InvalidInputError) as info:
        sn.sun_es.forfait(activity=1, domain=sn.sun_es.Domain.CRO_BONUS, window="F1", rules=rules)
    assert info.value.where == "domain"
    dac = sn.e_parcours.forfait(
        sn.e_parcours.Kind.DAC, population=300_000,
        scaling=sn.e_parcours.BassinScaling.PROPORTIONAL, rules=sn.load_rules(),
    )  # fmt: skip
    assert dac.beneficiary is sn.e_parcours.Kind.DAC
    project = sn.e_parcours.Project("P", "dac", dt.date(2020, 12, 31))
    assert project.kind is dac.beneficiary
