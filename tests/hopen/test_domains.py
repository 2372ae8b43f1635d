"""HOP'EN domains, forfait range and declared unknowns (rules digest, HOP'EN §4 [docs: explanation/rules/hopen]; hopen/domains.toml)."""

from __future__ import annotations

import datetime as dt

import pytest

import segur_numerique as sn

RULES = sn.load_rules()


def test_seven_domains_in_order_with_french_and_english_names() -> None:
    domains = sn.hopen.all_domains()
    assert tuple(d.code for d in domains) == sn.hopen.DOMAIN_CODES
    assert sn.hopen.DOMAIN_CODES == ("D1", "D2", "D3", "D4", "D5", "D6", "D7")
    assert domains[0].label.fr == (
        "Partager les résultats d'imagerie, de biologie et d'anatomo-pathologie"
    )
    assert domains[6].label.en == "Provide online services to users and patients"
    assert all(d.label.fr and d.label.en for d in domains)


def test_domains_are_frozen_and_sourced_as_secondary() -> None:
    domain = sn.hopen.domain("D2")
    with pytest.raises(AttributeError):
        domain.code = "D3"  # type: ignore[misc]
    assert domain.status is sn.Status.SECONDARY
    assert domain.name.sources
    assert all(s.url for s in domain.name.sources)
    text = domain.explanation.render("fr")
    assert "hopen.domain.D2" in text
    assert "source secondaire" in text


def test_new_domains_carry_their_note() -> None:
    assert sn.hopen.domain("D7").note is not None
    assert sn.hopen.domain("D1").note is None
    assert sn.hopen.domain("D6").to_json()["code"] == "D6"


def test_unknown_domain_is_a_typed_error() -> None:
    with pytest.raises(sn.errors.UnknownChoiceError) as info:
        sn.hopen.domain("D0")
    assert info.value.allowed == sn.hopen.DOMAIN_CODES


def test_domains_are_not_known_before_the_programme() -> None:
    with pytest.raises(sn.errors.MissingParameterError):
        sn.hopen.all_domains(on=dt.date(2018, 12, 31))
    assert len(sn.hopen.all_domains(on=dt.date(2019, 2, 12))) == 7


def test_forfait_range_is_secondary() -> None:
    low, high = RULES.read("hopen.forfait.min"), RULES.read("hopen.forfait.max")
    assert (low.value, high.value) == (sn.Euro("40000"), sn.Euro("700000"))
    assert low.status is high.status is sn.Status.SECONDARY


@pytest.mark.parametrize(
    "key",
    [
        "hopen.forfait_grid.band_count",
        "hopen.forfait_grid.band.1.activity_from",
        "hopen.forfait.D1.band.1",
        "hopen.target.D2.dpi",
    ],
)
def test_forfait_grid_and_targets_are_declared_unknowns(key: str) -> None:
    with pytest.raises(sn.errors.MissingParameterError) as info:
        RULES.read(key)
    assert info.value.key == key
