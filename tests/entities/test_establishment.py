"""Establishments, FINESS numbers, ESMS, grappes, vendors; parsing with typed errors and paths."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn

ROW = {
    "finess_juridique": "750712184",
    "finess_geographique": "750100042",
    "legal_status": "public",
    "activities": ["mco"],
    "activity_2019": 1000,
}


@pytest.mark.parametrize(
    "value", ["750712184", "010003820", "2A0000014", "2B1234567", "971234567", "980000001"]
)
def test_valid_finess(value: str) -> None:
    assert sn.entities.Finess(value).value == value


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("75071218", "9 characters"),
        ("7507121845", "9 characters"),
        ("200000001", "département"),  # 20 is not a département code (2A / 2B)
        ("000000001", "département"),
        ("960000001", "département"),
        ("2C0000001", "département"),
        ("75071218A", "département"),
        ("75 071 21", "département"),
    ],
)
def test_invalid_finess(value: str, what: str) -> None:
    with pytest.raises(sn.errors.InvalidFinessError, match=what):
        sn.entities.Finess(value)


def test_finess_refuses_non_strings() -> None:
    with pytest.raises(sn.errors.InvalidFinessError):
        sn.entities.Finess(750712184)  # type: ignore[arg-type]


def test_finess_parse_display_format_and_departement() -> None:
    assert sn.entities.Finess.parse("75 071 218 4") == sn.entities.Finess("750712184")
    assert sn.entities.Finess("971234567").departement == "971"
    assert sn.entities.Finess("2B1234567").in_corse_or_outre_mer
    assert not sn.entities.Finess("750712184").in_corse_or_outre_mer


@given(st.from_regex(r"\A(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5])[0-9]{7}\Z"))
def test_finess_metropole_format_accepted(value: str) -> None:
    assert str(sn.entities.Finess(value)) == value


def test_check_digit_is_not_verified() -> None:
    # The two numbers differ only in their last character: both are accepted, on purpose
    # (no public source states the check-digit algorithm).
    assert sn.entities.Finess("010003820") != sn.entities.Finess("010003821")


def test_establishment_parses_aliases() -> None:
    e = sn.entities.Establishment(
        "750712184", "750100042", "privé", ["smr", "dialyse", "MCO"], 10, own_lab=True
    )
    assert e.legal_status is sn.entities.LegalStatus.PRIVATE
    assert e.activities == frozenset(
        {sn.entities.Activity.SSR, sn.entities.Activity.DIALYSIS, sn.entities.Activity.MCO}
    )


def test_unknown_status_lists_allowed_values() -> None:
    with pytest.raises(sn.errors.UnknownChoiceError) as info:
        sn.entities.Establishment("750712184", "750100042", "mutualiste", ["mco"], 10)
    assert info.value.allowed == ("public", "private", "espic", "clcc")
    assert info.value.where == "legal_status"


def test_unknown_activity_lists_allowed_values() -> None:
    with pytest.raises(sn.errors.UnknownChoiceError, match="mco, ssr, psy, had, dialysis"):
        sn.entities.Establishment("750712184", "750100042", "public", ["usld"], 10)


@pytest.mark.parametrize(
    ("bad", "where", "error"),
    [
        (
            {"legal_status": "hospice"},
            "establishments[1].legal_status",
            sn.errors.UnknownChoiceError,
        ),
        (
            {"finess_juridique": "12"},
            "establishments[1].finess_juridique",
            sn.errors.InvalidFinessError,
        ),
        (
            {"activities": ["mco", "xx"]},
            "establishments[1].activities[1]",
            sn.errors.UnknownChoiceError,
        ),
        ({"activity_2019": -1}, "establishments[1].activity_2019", sn.errors.InvalidInputError),
        ({"activity_2019": 1.5}, "establishments[1].activity_2019", sn.errors.InvalidInputError),
        ({"own_lab": "yes"}, "establishments[1].own_lab", sn.errors.InvalidInputError),
        ({"zzz": 1}, "establishments[1]", sn.errors.InvalidInputError),
        ({"activities": []}, "establishments[1].activities", sn.errors.InvalidInputError),
        (
            {"sun_es_prerequisites": "abc"},
            "establishments[1].sun_es_prerequisites",
            sn.errors.InvalidInputError,
        ),
    ],
)
def test_parse_errors_carry_the_path(
    bad: dict[str, object], where: str, error: type[sn.errors.InvalidInputError]
) -> None:
    with pytest.raises(error) as info:
        sn.entities.parse_establishments([ROW, {**ROW, **bad}])
    assert info.value.where == where


def test_missing_field_is_named() -> None:
    row = {k: v for k, v in ROW.items() if k != "activity_2019"}
    with pytest.raises(sn.errors.InvalidInputError) as info:
        sn.entities.parse_establishments([row])
    assert info.value.where == "establishments[0].activity_2019"


def test_round_trip_json(tmp_path: Path) -> None:
    e = sn.entities.Establishment(
        "750712184", "750100042", "clcc", ["mco", "had"], 5, own_imaging=True,
        sun_es_prerequisites=["identity_vigilance"], hopen_prerequisites=["P1"],
    )  # fmt: skip
    path = tmp_path / "sites.json"
    path.write_text(json.dumps({"establishments": [e.to_json()]}), encoding="utf-8")
    assert sn.entities.load_establishments(path) == (e,)


def test_load_toml_error_names_file_and_path(tmp_path: Path) -> None:
    path = tmp_path / "sites.toml"
    path.write_text(
        "[[establishments]]\nfiness_juridique = '750712184'\nfiness_geographique = '750100042'\n"
        "legal_status = 'public'\nactivities = ['mco']\nactivity_2019 = 1\n"
        "[[establishments]]\nfiness_juridique = '750712184'\nfiness_geographique = 'X'\n"
        "legal_status = 'public'\nactivities = ['mco']\nactivity_2019 = 1\n",
        encoding="utf-8",
    )
    with pytest.raises(sn.errors.InvalidFinessError) as info:
        sn.entities.load_establishments(path)
    assert info.value.where == f"{path}: establishments[1].finess_geographique"


def test_esms_grappe_and_territory() -> None:
    members = [sn.entities.Esms(f"2A{i:07d}", "500") for i in range(8)]
    grappe = sn.entities.Grappe("Corse", members)
    assert grappe.size == 8
    assert grappe.in_corse_or_outre_mer
    mixed = sn.entities.Grappe("mixte", [*members, sn.entities.Esms("750000017", "500")])
    assert not mixed.in_corse_or_outre_mer
    assert (
        sn.entities.Grappe("déclarée", members, corse_or_outre_mer=False).in_corse_or_outre_mer
        is False
    )


def test_grappe_refuses_duplicates_and_bad_category() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="twice"):
        sn.entities.Grappe(
            "g", [sn.entities.Esms("750000017", "500"), sn.entities.Esms("750000017", "500")]
        )
    with pytest.raises(sn.errors.InvalidInputError, match="3-digit"):
        sn.entities.Esms("750000017", "50")


def test_doctor_and_vendor() -> None:
    assert sn.entities.LiberalDoctor("10001234567").rpps == "10001234567"
    with pytest.raises(sn.errors.InvalidInputError, match="11 digits"):
        sn.entities.LiberalDoctor("123")
    solution = sn.entities.ReferencedSolution(
        "DPI X", "hopital", "HOP-DPI-VA1", "1.2", dt.date(2022, 5, 1), True
    )
    vendor = sn.entities.SoftwareVendor("Éditeur", [solution])
    assert vendor.solutions[0].couloir is sn.entities.Couloir.HOSPITAL
    with pytest.raises(sn.errors.InvalidInputError, match="referencing file"):
        sn.entities.ReferencedSolution("DPI X", "hopital", "HOP-DPI-VA1", "1.2", None, True)
    with pytest.raises(sn.errors.UnknownChoiceError):
        sn.entities.ReferencedSolution("X", "pharmacie", "D", "1", None, False)


def test_objects_are_frozen() -> None:
    e = sn.entities.Establishment(**ROW)  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        e.activity_2019 = 3  # type: ignore[misc]
