from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from typing import Any

import jsonschema
import pytest

import segur_numerique as sn
from segur_numerique import (
    CENT_HALF_UP,
    Euro,
    Explanation,
    InputValue,
    RoundingStep,
    Text,
    explanation_json_schema,
)


def _sample() -> Explanation:
    rules = sn.load_rules()
    read = rules.read("sun_es.envelope.total")
    exact = Fraction(210_000_000 * 3, 7)
    child = Explanation(
        rule="demo.share",
        title=Text(fr="Part", en="Share"),
        outcome=Text(fr="trois septièmes", en="three sevenths"),
        result=Euro.round(exact),
        inputs=(
            InputValue("share", Fraction(3, 7)),
            InputValue("policy", "half up", defaulted=True),
        ),
        parameters=(read,),
        rounding=(
            RoundingStep(Text(fr="part", en="share"), exact, Euro.round(exact).value, CENT_HALF_UP),
        ),
    )
    return Explanation(
        rule="demo.root",
        title=Text(fr="Démonstration", en="Demo"),
        outcome=Text(fr="fait", en="done"),
        result=dt.date(2022, 6, 30),
        assumptions=(Text(fr="hypothèse", en="assumption"),),
        children=(child,),
    )


def test_render_in_both_languages_is_explicit() -> None:
    e = _sample()
    fr, en = e.render("fr"), e.render("en")
    assert "Valeurs de règle lues" in fr
    assert "Rule values read" in en
    assert "30 juin 2022" in fr
    assert "30 June 2022" in en
    assert "(valeur par défaut)" in fr
    assert "(defaulted)" in en
    assert "confirmé" in fr
    assert "https://" in en
    assert "90\u202f000\u202f000,00\u00a0€" in fr
    with pytest.raises(sn.errors.InvalidInputError, match="unknown language"):
        e.render("de")  # type: ignore[arg-type]


def test_json_export_is_versioned_and_valid() -> None:
    doc = _sample().to_json()
    assert doc["format"] == "segur_numerique.explanation/v1"
    jsonschema.validate(doc, explanation_json_schema())
    text = _sample().to_json_text()
    assert json.loads(text) == json.loads(json.dumps(doc))
    loaded: Any = json.loads(text)
    child = loaded["root"]["children"][0]
    assert child["result"] == {"type": "euro", "value": "90000000.00"}
    assert child["parameters"][0]["status"] == "confirmed"
    assert child["rounding"][0]["mode"] == "half_up"


def test_schema_rejects_a_broken_document() -> None:
    doc = _sample().to_json()
    broken = dict(doc, format="other")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, explanation_json_schema())


def test_all_parameters_collects_the_tree() -> None:
    assert [p.key for p in _sample().all_parameters()] == ["sun_es.envelope.total"]


def test_explanations_are_immutable() -> None:
    e = _sample()
    with pytest.raises(AttributeError):
        e.rule = "x"  # type: ignore[misc]
