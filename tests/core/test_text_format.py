"""Text templates (``Text.format``) and the verdict builder (``Step``, ``Verdict``)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.core.text import Text
from segur_numerique.core.verdict import build_reason, build_verdict
from segur_numerique.rules.verdicts import Verdict, rule_set

TEMPLATE = Text(fr="{count} jours, {what}", en="{count} days, {what}")
words = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)


def test_format_fills_each_language() -> None:
    filled = TEMPLATE.format(count=120, what=Text(fr="calendaires", en="calendar"))
    assert filled == Text(fr="120 jours, calendaires", en="120 days, calendar")


def test_a_plain_value_is_the_same_in_both_languages() -> None:
    assert TEMPLATE.format(count=3, what="DSR 1.2").to_json() == {
        "fr": "3 jours, DSR 1.2",
        "en": "3 days, DSR 1.2",
    }


def test_format_specs_and_conversions_apply() -> None:
    template = Text(fr="lecture « {r} » {n:03d}", en="reading {r!r} {n:03d}")
    assert template.format(r="bonus", n=7) == Text(
        fr="lecture « bonus » 007", en="reading 'bonus' 007"
    )


def test_a_template_without_fields_is_returned_equal() -> None:
    plain = Text(fr="éligible", en="eligible")
    assert plain.format() == plain
    assert plain.format(unused=1) == plain


def test_a_missing_field_is_a_typed_error_naming_it() -> None:
    with pytest.raises(sn.errors.InvalidInputError) as info:
        TEMPLATE.format(count=1)
    assert info.value.where == "what"
    assert "{what}" in str(info.value)


def test_an_empty_result_is_refused_like_any_text() -> None:
    with pytest.raises(sn.errors.InvalidInputError):
        Text(fr="{x}", en="{x}").format(x=" ")


@given(fr=words, en=words, n=st.integers())
def test_text_fields_follow_the_language(fr: str, en: str, n: int) -> None:
    filled = Text(fr="[{w}|{n}]", en="<{w}|{n}>").format(w=Text(fr=fr, en=en), n=n)
    assert filled.fr == f"[{fr}|{n}]"
    assert filled.en == f"<{en}|{n}>"


def test_build_verdict_joins_the_failed_reasons() -> None:
    title = Text(fr="T", en="T")
    ok = build_reason("x.ok", True, Text(fr="oui", en="yes"), title=title)
    ko1 = build_reason("x.a", False, Text(fr="a", en="a"), title=title)
    ko2 = build_reason("x.b", False, Text(fr="b", en="b"), title=title)
    verdict = build_verdict("x", "s", "who", title, [ok, ko1, ko2])
    assert not verdict.eligible
    assert verdict.failed == (ko1, ko2)
    assert verdict.explanation.outcome == Text(fr="non éligible : a ; b", en="not eligible: a; b")
    assert verdict.explanation.rule == "x.eligibility.s"
    assert build_verdict("x", "s", "who", title, [ok]).explanation.outcome.en == "eligible"


def test_a_step_records_inputs_reads_and_assumptions_in_order() -> None:
    rules = sn.load_rules()
    check = Verdict("demo", "scope", "who", Text(fr="Démo", en="Demo"), rules)
    step = check.step("demo.step", Text(fr="Étape", en="Step"))
    size = step.input("size", 15)
    assert size == 15
    step.input("overseas", False, defaulted=True)
    minimum = step.read_as("esms_numerique.grappe.min_size", int)
    national = step.read("esms_numerique.grappe.national_min_size")
    step.assume(Text(fr="supposé", en="assumed"))
    reason = step.conclude(size >= minimum, Text(fr="ok", en="ok"))
    check.input("grappe", "G")
    result = check.result()
    expl = reason.explanation
    assert [(i.name, i.value, i.defaulted) for i in expl.inputs] == [
        ("size", 15, False),
        ("overseas", False, True),
    ]
    assert [p.key for p in expl.parameters] == [
        "esms_numerique.grappe.min_size",
        "esms_numerique.grappe.national_min_size",
    ]
    assert expl.parameters[1] == national
    assert expl.basis == tuple(dict.fromkeys(s for p in expl.parameters for s in p.sources))
    assert [a.en for a in expl.assumptions] == ["assumed"]
    assert result.reasons == (reason,)
    assert result.eligible
    assert [i.name for i in result.explanation.inputs] == ["grappe"]
    assert result.explanation.children == (expl,)


def test_steps_read_as_known_on_the_verdict_date() -> None:
    check = Verdict("demo", "s", "who", Text(fr="D", en="D"), sn.load_rules(), dt.date(2018, 1, 1))
    step = check.step("demo.s", Text(fr="S", en="S"))
    with pytest.raises(sn.errors.MissingParameterError):
        step.read("sun_es.envelope.total")


def test_rule_set_defaults_to_the_official_rules_and_refuses_others() -> None:
    assert len(rule_set(None)) == len(sn.load_rules())
    with pytest.raises(sn.errors.InvalidInputError) as info:
        rule_set({"sun_es.envelope.total": 1})  # type: ignore[arg-type]
    assert info.value.where == "rules"


def test_the_sons_day_limit_comes_from_the_rule_value_in_every_text() -> None:
    rules = sn.whatif.with_overrides(
        {"sons.order.max_days_before_referencing": 90}, rules=sn.load_rules()
    )
    dpi = sn.entities.ReferencedSolution(
        "DPI X", "hopital", "HOP-DPI-VA1", "1.2", dt.date(2022, 5, 1), True
    )
    late = sn.sons.Order("750100042", "HOP-DPI-VA1", dt.date(2022, 1, 1))
    verdict = sn.sons.order_eligibility(late, dpi, rules=rules)
    timing = verdict.reasons[-1]
    assert not timing.met
    assert timing.explanation.title == Text(
        fr="Commande au plus 90 jours avant le dossier complet",
        en="Order at most 90 days before the complete file",
    )
    assert timing.text.en.endswith("; at most 90")
    pending = sn.entities.ReferencedSolution("DPI Y", "hopital", "HOP-DPI-VA1", "1.2", None, False)
    text = sn.sons.order_eligibility(late, pending, rules=rules).reasons[-1].text
    assert text.fr.endswith("délai de 90 jours non vérifiable")
    assert text.en.endswith("the 90-day rule cannot be checked")
