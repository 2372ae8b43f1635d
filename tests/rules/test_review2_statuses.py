"""Review 2 (Part 1): the statuses, sources, dates and wording of the shipped values it corrected."""

from __future__ import annotations

import datetime as dt

import pytest

import segur_numerique as sn
from segur_numerique.core.provenance import DatePrecision, Status

RULES = sn.load_rules()
D = dt.date

# 1.2: stated only by press, consultants, vendors, unions or regional operators -> secondary.
SECONDARY = [
    "sons.envelope",
    "sun_es.volet1.domain1.envelope",
    "sun_es.volet1.domain2.envelope",
    "sun_es.volet1.domain3.envelope",
    "hopen.envelope",
    "sun_es.region.idf.envelope",
    "sun_es.outcome.F1.acceptance_rate",
    "sun_es.outcome.F1.selected_es_share",
    "sun_es.outcome.F1.selected_activity_share",
    "sun_es.prerequisite.security_policy",
    "sun_es.prerequisite.risk_analysis",
    "hopen.prerequisite.P1",
    "hopen.prerequisite.P2",
    "hopen.prerequisite.P3",
    "hopen.prerequisite.P4",
    "segur.rule.strict_deadlines",
    # the same rule applied to the other values only regional operators state
    "sun_es.prerequisite.identity_vigilance",
    "sun_es.prerequisite.cyber_audit",
    "sun_es.prerequisite.dmp_mssante",
    "sun_es.prerequisite_cyber_audit.period",
    "sun_es.prerequisite_cyber_audit.order_deadline",
    "sun_es.eligibility.ins_required_to_apply",
    "sun_es.eligibility.earlier_hopen_funding_allowed",
    "sun_es.eligibility.health_establishments_only",
    "sun_es.eligibility.own_platform_same_legal_entity",
    "sun_es.eligibility.dialysis_applications_per_legal_entity",
    "sun_es.dialysis.min_sessions",
    "sun_es.dialysis.period_months",
]


@pytest.mark.parametrize("key", SECONDARY)
def test_press_and_operator_values_are_secondary(key: str) -> None:
    assert RULES.read(key).status is Status.SECONDARY


def test_avenant9_400_points_is_secondary_and_the_280_versions_stay_confirmed() -> None:
    versions = RULES.value("avenant9.forfait_structure.volet1.points").versions
    assert [(v.value, v.status) for v in versions] == [
        (280, Status.CONFIRMED),
        (400, Status.SECONDARY),
        (280, Status.CONFIRMED),
    ]
    note = versions[-1].note
    assert note is not None
    assert "1 May 2023" in note.en


def _source_urls(key: str) -> set[str | None]:
    return {s.url for s in RULES.read(key).sources}


def test_window_dates_keep_confirmed_with_an_official_source() -> None:
    f1 = RULES.read("sun_es.window.F1.instruction")
    assert f1.status is Status.CONFIRMED
    assert "000_efe25b006a721351" in {s.seed for s in f1.sources}
    for key in ("sun_es.window.F3.applications", "sun_es.window.F4.applications"):
        assert RULES.read(key).status is Status.CONFIRMED
        assert any("bourgogne-franche-comte.ars" in (u or "") for u in _source_urls(key))


def test_sons_medecin_de_ville_deadlines() -> None:
    orders = RULES.value("sons.vague1.deadline.lgc_orders").versions
    assert [(v.value, v.status) for v in orders] == [
        (D(2022, 7, 15), Status.CONFIRMED),
        (D(2022, 11, 30), Status.CONFIRMED),
    ]
    assert orders[0].note is not None
    assert "since" in orders[0].note.en
    installation = RULES.value("sons.vague1.deadline.lgc_installation").versions
    assert [(v.value, v.status) for v in installation] == [
        (D(2022, 10, 15), Status.SECONDARY),
        (D(2023, 4, 28), Status.CONFIRMED),
        (D(2023, 9, 20), Status.INFERRED),
    ]
    assert installation[-1].reasoning is not None
    lgo = RULES.value("sons.vague1.deadline.lgo_installation").versions[-1]
    assert (lgo.value, lgo.status) == (D(2023, 9, 20), Status.CONFIRMED)
    senat = next(s for s in lgo.sources if "senat.fr" in (s.url or ""))
    assert senat.date == D(2023, 12, 7)  # the ministry's answer, not the question


def test_esms_amorcage_cites_the_cnsa_for_its_2021_start() -> None:
    read = RULES.read("esms_numerique.phase.amorcage")
    assert read.status is Status.INFERRED
    assert any("cnsa.fr" in (s.url or "") for s in read.sources)
    assert read.reasoning is not None
    assert "engagé en 2021" in read.reasoning.fr


def test_sun_es_period_is_conflicting_with_the_normandie_default() -> None:
    version = RULES.value("sun_es.period").versions[-1]
    assert version.status is Status.CONFLICTING
    assert version.default == "normandie"
    ends = {a.name: a.value.end for a in version.alternatives}  # type: ignore[union-attr]
    assert ends == {"normandie": D(2024, 12, 31), "bfc": D(2023, 12, 31), "ara": D(2024, 3, 31)}


def test_loinc_forfait_is_per_instance_without_a_vat_basis() -> None:
    value = RULES.value("sons.ceiling.loinc")
    assert "HT" not in value.label.en
    assert "per instance" in value.label.en
    ceiling = sn.sons.ceiling("loinc", rules=RULES)
    assert any("HT or TTC" in a.en for a in ceiling.explanation.assumptions)


def test_cyber_audit_date_bounds_the_audit_not_the_order() -> None:
    value = RULES.value("sun_es.prerequisite_cyber_audit.order_deadline")
    assert "carried out" in value.label.en
    text = RULES.get("sun_es.prerequisite.cyber_audit")
    assert isinstance(text, str)
    assert "à réaliser avant le 31 décembre 2021" in text


def test_source_dates_and_seed_urls() -> None:
    by_url = {s.url: s for v in RULES for ver in v.versions for s in ver.sources if s.url}
    assert by_url[
        "https://www.mind.eu.com/health/financement-et-politiques-publiques/le-ministere-detaille"
        "-le-lancement-operationnel-du-financement-a-lusage-des-etablissements-de-sante"
    ].date == D(2021, 8, 24)
    reunion = by_url[
        "https://www.segurnumerique.re/comprendre-le-financement-a-lusage-du-segur-numerique"
        "-pour-la-medecine-de-ville-4249.html"
    ]
    assert (reunion.date, reunion.date_precision) == (D(2022, 9, 24), DatePrecision.DAY)
    bfc = by_url["https://bourgogne-franche-comte.ars.sante.fr/index.php/programme-sun-es"]
    assert bfc.locator is not None
    assert "after window 1 closed" in bfc.locator
    seeds = {s.seed: s.url for s in by_url.values() if s.seed}
    assert seeds["000_efe25b006a721351"] == (
        "https://www.hospitalia.fr/Rencontre-avec-Olivier-Clatz-directeur-du-programme"
        "-Segur-Numerique_a3033.html"
    )
    assert (
        seeds["001_22ce418149dc2ff3"]
        == "https://www.catel-esante.fr/post/volet-numerique-segur-sante"
    )


def test_human_support_share_notes_the_manifesto_contradiction() -> None:
    version = RULES.value("segur.human_support.share").versions[-1]
    assert version.note is not None
    assert "at least one third" in version.note.en


# 1.3: sources cited for what they say.
def test_citations_say_what_they_are_cited_for() -> None:
    def urls(key: str) -> set[str]:
        return {s.url or "" for s in RULES.read(key).sources}

    assert not any("aphp" in u for u in urls("hopen.period"))
    assert not any("aphp" in u for u in urls("hopen.prerequisite.P4"))
    assert not any("grand-est" in u for u in urls("esms_numerique.grappe.min_size_corse_outre_mer"))
    assert not any("hauts-de-france" in u for u in urls("sun_es.eligibility.ins_required_to_apply"))
    for name in ("discharge_letter", "discharge_prescription", "biology_report", "imaging_report"):
        sources = RULES.read(f"sun_es.indicator.{name}.definition").sources
        assert [s.seed for s in sources] == ["002_7a3d33dc34b484ac"], name
    required = RULES.value("sun_es.indicator.operative_report.is_bonus").versions[-1]
    alternative = required.alternative("required")
    assert alternative is not None
    assert alternative.note is not None
    assert "interpretation" in alternative.note.en


def test_strict_deadlines_is_scoped_to_sons() -> None:
    value = RULES.value("segur.rule.strict_deadlines")
    assert value.label.en.startswith("SONS")
    sons_late = sn.calendar.is_on_time("sons.vague1.deadline.lgc_orders", D(2022, 12, 1))
    keys = [p.key for p in sons_late.explanation.parameters]
    assert "segur.rule.strict_deadlines" in keys
    assert "not eligible" in sons_late.explanation.outcome.en
    sun_es_late = sn.calendar.is_on_time("sun_es.window.F2.targets_deadline", D(2023, 1, 2))
    keys = [p.key for p in sun_es_late.explanation.parameters]
    assert "segur.rule.strict_deadlines" not in keys
    assert "sun_es.rule.missed_deadline" in keys
    assert "later window" in sun_es_late.explanation.outcome.en
    assert "not eligible" not in sun_es_late.explanation.outcome.en
