"""ESMS numérique amounts: the 2022 national call from the 50th ESSMS, and the 2021 amorçage."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import segur_numerique as sn
from segur_numerique.core.money import Euro
from segur_numerique.esms_numerique.amorcage import AmorcageProjectKind, amorcage_funding
from segur_numerique.esms_numerique.funding import (
    REGIONAL_AMOUNT_KEY,
    national_grappe_funding,
)

RULES = sn.load_rules()
HEAD = (
    'format = "segur_numerique.rules/v1"\n[sources.s]\ntitle = "regional call"\ndate = 2022-03-14\n'
)


def _with_regional(amount: str) -> sn.RuleSet:
    key = REGIONAL_AMOUNT_KEY
    text = (
        f'[values."{key}"]\nlabel = {{ fr = "x", en = "x" }}\nunit = "EUR"\n'
        f'[[values."{key}".versions]]\nsince = 2022-03-14\nvalue = "{amount}"\n'
        'status = "confirmed"\nsources = ["s"]\n'
    )
    return RULES.with_overlay(sn.parse_parameter_text(HEAD + text, file="mine.toml"))


def test_sixty_essms_with_a_segur_vendor_worked_by_hand() -> None:
    """60 ESSMS in the 2022 national call, Ségur-referenced vendor, vendor at its ceiling.

    The caller supplies the regional amount (unknown officially): 4,321.09 € per ESSMS.

    «Pour les 49 premiers ESSMS, le montant [...] est le même que pour les projets déposés en
    région. À partir du 50e ESSMS [...]»: ESSMS 1-49 regional, ESSMS 50-60 national, 60 − 49 = 11.

    * regional: 49 × 4,321.09 € = 211,733.41 € (4,321.09 × 50 = 216,054.50, minus 4,321.09)
    * maîtrise d'ouvrage: 11 × 2,000 € = 22,000.00 €; start 50 % = 11,000.00 €, on the targets
      the rest 11,000.00 €
    * vendor (ceiling «jusqu'à»): 11 × 1,000 € = 11,000.00 €
    * Ségur complement: 11 × 3,000 € = 33,000.00 €
    * national: 22,000 + 11,000 + 33,000 = 66,000.00 €
    * total: 211,733.41 + 66,000.00 = 277,733.41 € (at most: the vendor part is a ceiling)
    """
    result = national_grappe_funding(
        60, vendor_segur_referenced=True, rules=_with_regional("4 321,09 €")
    )
    assert (result.regional_rate_essms, result.national_rate_essms) == (49, 11)
    assert result.regional_amount == Euro("211733.41")
    assert (result.moa, result.moa_start_payment, result.moa_targets_payment) == (
        Euro("22000"),
        Euro("11000"),
        Euro("11000"),
    )
    assert (result.vendor, result.vendor_is_ceiling) == (Euro("11000"), True)
    assert result.segur_bonus == Euro("33000")
    assert result.national_amount == Euro("66000")
    assert result.total == Euro("277733.41")
    assert result.total.cents == 27_773_341


def test_the_explanation_lists_every_value_read_with_its_source_and_status() -> None:
    result = national_grappe_funding(
        60, vendor_segur_referenced=True, rules=_with_regional("5 000 €")
    )
    reads = {r.key: r for r in result.explanation.all_parameters()}
    assert set(reads) == {
        "esms_numerique.grappe.national_min_size",
        "esms_numerique.national_2022.regional_amount_essms",
        REGIONAL_AMOUNT_KEY,
        "esms_numerique.national_2022.forfait.moa",
        "esms_numerique.national_2022.payment.moa_start_share",
        "esms_numerique.national_2022.payment.moa_targets_share",
        "esms_numerique.national_2022.forfait.vendor_max",
        "esms_numerique.national_2022.forfait.vendor_segur_bonus",
    }
    assert reads["esms_numerique.national_2022.forfait.moa"].status is sn.Status.SECONDARY
    assert reads[REGIONAL_AMOUNT_KEY].origin is sn.Origin.CALLER
    for read in reads.values():
        assert read.sources
    fr, en = result.explanation.render("fr"), result.explanation.render("en")
    assert "ESSMS 1 à 49" in fr
    assert "veille-acteurs-sante" in fr
    assert "ESSMS 50 onwards (11)" in en
    assert "at most" in en
    json.dumps(result.to_json())


def test_without_the_regional_amount_the_error_names_the_key() -> None:
    with pytest.raises(sn.errors.MissingParameterError) as info:
        national_grappe_funding(60, vendor_segur_referenced=True, rules=RULES)
    assert info.value.key == "esms_numerique.amount.regional_per_essms"
    assert "first 49 ESSMS" in str(info.value)


def test_a_regional_total_and_an_agreed_vendor_amount() -> None:
    result = national_grappe_funding(
        50,
        vendor_segur_referenced=False,
        vendor_per_essms=Euro("999.99"),
        regional_total=Euro("123456.78"),
        rules=RULES,
    )
    assert result.national_rate_essms == 1
    assert (result.vendor, result.vendor_is_ceiling, result.segur_bonus) == (
        Euro("999.99"),
        False,
        Euro("0"),
    )
    assert result.total == Euro("123456.78") + Euro("2000") + Euro("999.99")
    assert any(i.name == "regional_total" for i in result.explanation.inputs)


def test_caller_shares_round_once_and_add_up() -> None:
    text = ""
    for name, share in (("moa_start_share", "1/3"), ("moa_targets_share", "2/3")):
        key = f"esms_numerique.national_2022.payment.{name}"
        text += (
            f'[values."{key}"]\nlabel = {{ fr = "x", en = "x" }}\nunit = "ratio"\n'
            f"replaces_official = true\n"
            f'[[values."{key}".versions]]\nsince = 2022-05-18\nvalue = "{share}"\n'
            'status = "confirmed"\nsources = ["s"]\n'
        )
    rules = RULES.with_overlay(sn.parse_parameter_text(HEAD + text, file="mine.toml"))
    result = national_grappe_funding(
        51, vendor_segur_referenced=True, regional_total=Euro("0"), rules=rules
    )
    assert result.moa == Euro("4000")
    assert result.moa_start_payment == Euro("1333.33")
    assert result.moa_start_payment + result.moa_targets_payment == result.moa
    (step,) = result.explanation.rounding
    assert step.rounded == Euro("1333.33").value


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"essms": 49}, "essms"),
        ({"essms": -1}, "essms"),
        ({"vendor_per_essms": Euro("1000.01")}, "vendor_per_essms"),
        ({"regional_total": Euro("-1")}, "regional_total"),
        ({"vendor_segur_referenced": "yes"}, "vendor_segur_referenced"),
    ],
)
def test_bad_input_is_a_typed_error(kwargs: dict[str, object], where: str) -> None:
    args: dict[str, object] = {
        "essms": 60,
        "vendor_segur_referenced": True,
        "regional_total": Euro("0"),
    }
    args.update(kwargs)
    essms = args.pop("essms")
    with pytest.raises(sn.errors.InvalidInputError) as info:
        national_grappe_funding(essms, **args, rules=RULES)  # type: ignore[arg-type]
    assert info.value.where == where


def test_not_known_before_the_call_was_announced() -> None:
    with pytest.raises(sn.errors.MissingParameterError):
        national_grappe_funding(
            60,
            vendor_segur_referenced=True,
            regional_total=Euro("0"),
            on=dt.date(2022, 1, 1),
            rules=RULES,
        )


@pytest.mark.parametrize(
    ("kind", "essms", "funded", "amount"),
    [
        ("new_dui", 40, 30, "750000"),
        ("new_dui", 15, 15, "375000"),
        ("conformity", 31, 30, "300000"),
        ("equipment", 40, 40, "800000"),
    ],
)
def test_amorcage(kind: str, essms: int, funded: int, amount: str) -> None:
    result = amorcage_funding(kind, essms, rules=RULES)
    assert (result.funded_essms, result.amount) == (funded, Euro(amount))
    assert all(r.status is sn.Status.SECONDARY for r in result.explanation.parameters)
    assert result.kind is AmorcageProjectKind(kind)
    json.dumps(result.to_json())


def test_amorcage_unknown_kind() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="new_dui, conformity, equipment"):
        amorcage_funding("software", 3, rules=RULES)
