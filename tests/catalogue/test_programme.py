"""The programme catalogue (rules digest, Ségur Numérique §1, SUN-ES §2.5 [docs: explanation/rules]): tree, figures with provenance, explanations."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import segur_numerique as sn


def test_tree_shape() -> None:
    parents = {p.key: p.parent for p in sn.catalogue.all_programmes()}
    assert parents == {
        "segur": None,
        "segur.sanitaire": "segur",
        "sons": "segur.sanitaire",
        "sun_es": "segur.sanitaire",
        "sun_es.volet1": "sun_es",
        "sun_es.volet1.domain1": "sun_es.volet1",
        "sun_es.volet1.domain2": "sun_es.volet1",
        "sun_es.volet1.domain3": "sun_es.volet1",
        "sun_es.volet2": "sun_es",
        "segur.medico_social": "segur",
        "esms_numerique": "segur.medico_social",
        "avenant9": "segur",
        "hopen": None,
        "e_parcours": None,
    }
    assert sn.catalogue.programme_keys() == tuple(parents)


def test_children_are_consistent_with_parents() -> None:
    everything = sn.catalogue.all_programmes()
    for p in everything:
        assert p.children == tuple(c.key for c in everything if c.parent == p.key)


@pytest.mark.parametrize(
    ("key", "payee"),
    [
        ("sons", sn.catalogue.Payee.SOFTWARE_VENDORS),
        ("sun_es", sn.catalogue.Payee.HEALTH_ESTABLISHMENTS),
        ("esms_numerique", sn.catalogue.Payee.SOCIAL_CARE_ESTABLISHMENTS),
        ("avenant9", sn.catalogue.Payee.SELF_EMPLOYED_DOCTORS),
        ("e_parcours", sn.catalogue.Payee.REGIONAL_HEALTH_AGENCIES),
        ("hopen", sn.catalogue.Payee.HEALTH_ESTABLISHMENTS),
    ],
)
def test_payees(key: str, payee: sn.catalogue.Payee) -> None:
    assert sn.catalogue.lookup(key).payee is payee
    assert payee.label().fr
    assert payee.label().en


def test_labels_are_french_and_english() -> None:
    sun_es = sn.catalogue.lookup("sun_es")
    assert sun_es.french_label.startswith("SUN-ES (Ségur Usage Numérique")
    assert sun_es.english_name == "SUN-ES (Ségur digital usage in health establishments)"


def test_envelopes_sum_over_the_tree() -> None:
    def envelope(key: str) -> sn.Euro:
        read = sn.catalogue.lookup(key).envelope
        assert read is not None
        assert isinstance(read.value, sn.Euro)
        return read.value

    for whole in ("sun_es", "sun_es.volet1"):
        parts = sn.catalogue.lookup(whole).children
        assert sn.euro_sum(envelope(k) for k in parts) == envelope(whole)
    assert envelope("segur.sanitaire") + envelope("segur.medico_social") == envelope("segur")


def test_envelopes_carry_provenance() -> None:
    for p in sn.catalogue.all_programmes():
        for read in p.reads:
            assert read.sources
            assert read.origin is sn.Origin.SHIPPED
        assert p.sources == tuple(dict.fromkeys(s for r in p.reads for s in r.sources))


def test_volet_shares() -> None:
    volet1, volet2 = sn.catalogue.lookup("sun_es.volet1"), sn.catalogue.lookup("sun_es.volet2")
    assert volet1.share is not None
    assert volet2.share is not None
    assert volet1.share.value + volet2.share.value == 1  # type: ignore[operator]


def test_conflicting_choice() -> None:
    default = sn.catalogue.lookup("esms_numerique")
    assert default.envelope is not None
    assert default.envelope.alternative == "600M"
    chosen = sn.catalogue.lookup("esms_numerique", choices={"segur.medico_social.envelope": "630M"})
    assert chosen.envelope is not None
    assert chosen.envelope.value == sn.Euro.parse("630 M€")
    with pytest.raises(sn.errors.ConflictingValueError):
        sn.catalogue.lookup("esms_numerique", choices={"segur.medico_social.envelope": "700M"})
    with pytest.raises(sn.errors.UnknownRuleError):
        sn.catalogue.lookup("esms_numerique", choices={"segur.medico_social.envelop": "630M"})


def test_unknown_programme_suggests() -> None:
    with pytest.raises(sn.errors.UnknownProgrammeError) as info:
        sn.catalogue.lookup("hop'en")
    assert info.value.key == "hop'en"
    assert "hopen" in info.value.suggestions
    assert str(info.value).startswith('unknown programme "hop\'en"; did you mean hopen')
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, sn.errors.SegurError)


def test_as_known_on() -> None:
    assert [p.key for p in sn.catalogue.all_programmes(on=dt.date(2019, 6, 1))] == [
        "hopen",
        "e_parcours",
    ]
    e_parcours_2020 = sn.catalogue.lookup("e_parcours", on=dt.date(2020, 1, 1))
    assert e_parcours_2020.period is not None
    assert e_parcours_2020.period.value.end == dt.date(2022, 12, 31)  # type: ignore[attr-defined]
    with pytest.raises(sn.errors.MissingParameterError):
        sn.catalogue.lookup("sun_es", on=dt.date(2020, 1, 1))


def test_explanation_renders_and_exports() -> None:
    explanation = sn.catalogue.lookup("segur.medico_social").explanation
    fr, en = explanation.render("fr"), explanation.render("en")
    assert "600\u202f000\u202f000,00\u00a0€" in fr
    assert "sources contradictoires" in fr
    assert "€600,000,000.00" in en
    assert "version '600M' used" in en
    assert "630 M€ figure" in en  # the note says why 600 M€ is the default
    exported = json.loads(explanation.to_json_text())
    assert exported["root"]["rule"] == "catalogue.programme.segur.medico_social"
    assert exported["root"]["parameters"][0]["status"] == "conflicting"


def test_secondary_values_are_flagged() -> None:
    avenant9 = sn.catalogue.lookup("avenant9")
    assert "[source secondaire]" in avenant9.render("fr")
    assert "avenant9.usage.envelope: status 'secondary'" in avenant9.explanation.render("en")


def test_programme_to_json() -> None:
    data = sn.catalogue.lookup("sun_es").to_json()
    assert data["children"] == ["sun_es.volet1", "sun_es.volet2"]
    envelope = data["envelope"]
    assert isinstance(envelope, dict)
    assert envelope["value"] == {"type": "euro", "value": "210000000.00"}
    json.dumps(data)


def test_programme_tree_text() -> None:
    text = sn.catalogue.programme_tree(sn.catalogue.all_programmes(), "en")
    lines = text.splitlines()
    assert lines[0].startswith("Ségur Numérique (digital strand")
    assert any(line.startswith("        SUN-ES volet 1, domain 1") for line in lines)
    assert "5 years [conflicting]" in lines[0]


def test_regional_envelopes() -> None:
    regions = {r.region: r for r in sn.sun_es.regional_envelopes()}
    assert set(regions) == {"ara", "idf", "occitanie", "hdf", "bfc", "dom"}
    assert regions["ara"].amount.value == sn.Euro.parse("24,9 M€")
    assert regions["bfc"].note is not None
    assert "Volet 1 only" in regions["bfc"].note.en
    assert regions["idf"].note is not None
    assert "près de 21 M€" in regions["idf"].note.en
    assert regions["dom"].amount.value == sn.Euro("1673800")
    assert "FMIS" in regions["dom"].amount.sources[0].title
    rendered = regions["hdf"].explanation.render("fr")
    assert "13\u202f500\u202f000,00\u00a0€" in rendered
    assert "environ 13,5 M€" in rendered
    assert [r.region for r in sn.sun_es.regional_envelopes(on=dt.date(2022, 1, 1))] == [
        "ara",
        "idf",
        "occitanie",
        "hdf",
        "bfc",
    ]


def test_window1_outcomes() -> None:
    w1 = sn.sun_es.window1_outcomes()
    assert (w1.applications.value, w1.selected.value) == (990, 879)
    assert w1.applicants_activity_share.value == sn.Euro("0.52").value
    assert w1.selected_es_share.value == sn.Euro("0.31").value
    assert w1.selected_activity_share.value == sn.Euro("0.48").value
    assert any("plus de 32 %" in n.fr for n in w1.notes)
    other = sn.sun_es.window1_outcomes(
        choices={"sun_es.outcome.F1.applications": "985", "sun_es.outcome.F1.selected": "875"}
    )
    assert (other.applications.value, other.selected.value) == (985, 875)
    assert "985 applications, 875 establishments selected" in other.explanation.render("en")
    assert set(w1.to_json()) == {
        "applications",
        "applicants_activity_share",
        "applicants_eligible_es_share",
        "selected",
        "acceptance_rate",
        "selected_es_share",
        "selected_activity_share",
    }


def test_window1_outcomes_not_known_before_the_window_closed() -> None:
    with pytest.raises(sn.errors.MissingParameterError):
        sn.sun_es.window1_outcomes(on=dt.date(2021, 10, 1))


def test_catalogue_reads_a_caller_overlay() -> None:
    text = """format = "segur_numerique.rules/v1"
[sources.mine]
title = "Annual report"
date = 2024-01-01
[values."sons.envelope"]
label = { fr = "SONS", en = "SONS" }
unit = "EUR"
replaces_official = true
[[values."sons.envelope".versions]]
since = 2021-08-11
value = "470 M€"
status = "confirmed"
sources = ["mine"]
"""
    rules = sn.load_rules().with_overlay(sn.parse_parameter_text(text))
    sons = sn.catalogue.lookup("sons", rules=rules)
    assert sons.envelope is not None
    assert sons.envelope.value == sn.Euro.parse("470 M€")
    assert sons.envelope.origin is sn.Origin.CALLER
    assert "caller-supplied" in sons.explanation.render("en")
