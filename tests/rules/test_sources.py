"""The shipped rule data's sources: one definition per document, honest dates, global ids."""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources

import pytest

import segur_numerique as sn
from segur_numerique.rules.loading import load_rules_from, rule_files

RULES = sn.load_rules()
CONSULTED = dt.date(2026, 11, 22)


def _official_sources() -> dict[str, tuple[str, dict[str, object]]]:
    root = resources.files("segur_numerique")
    out: dict[str, tuple[str, dict[str, object]]] = {}
    for name, text in rule_files(root):
        data = tomllib.loads(text)
        for sid, source in data.get("sources", {}).items():
            out[sid] = (name, source)
    return out


SOURCES = _official_sources()


def test_each_document_is_defined_once() -> None:
    by_url: dict[str, list[str]] = {}
    for sid, (_file, source) in SOURCES.items():
        url = source.get("url") or source.get("seed")
        assert isinstance(url, str), sid
        by_url.setdefault(url.replace("://www.", "://"), []).append(sid)
    duplicates = {url: ids for url, ids in by_url.items() if len(ids) > 1}
    assert duplicates == {}


def test_undated_pages_say_they_were_consulted() -> None:
    for sid, (_file, source) in SOURCES.items():
        precision = source.get("date_precision", "day")
        if source["date"] == CONSULTED:
            assert precision == "consulted", sid
        if precision == "consulted":
            assert source["date"] == CONSULTED, sid
        if precision in ("month", "year"):
            date = source["date"]
            assert isinstance(date, dt.date)
            assert date.day == 1, sid
            assert precision == "month" or date.month == 1, sid


def test_a_file_may_cite_a_source_defined_in_a_later_file() -> None:
    read = RULES.read("sun_es.window.pattern.total_months")
    assert read.sources[0].seed == "002_7a3d33dc34b484ac"
    assert read.sources[0].date_precision is sn.DatePrecision.CONSULTED
    head = 'format = "segur_numerique.rules/v1"\n'
    first = head + (
        '[values."x.a"]\nlabel = { fr = "a", en = "a" }\nunit = "count"\n'
        '[[values."x.a".versions]]\nsince = 2020-01-01\nvalue = 1\nstatus = "confirmed"\n'
        'sources = ["z_doc"]\n'
    )
    second = head + (
        '[sources.z_doc]\ntitle = "Doc"\nurl = "https://example.org"\ndate = 2020-01-01\n'
    )
    rules = load_rules_from([("a.toml", first), ("b.toml", second)])
    assert rules.read("x.a").sources[0].title == "Doc"
    with pytest.raises(sn.errors.RuleDataError, match="already defined"):
        load_rules_from([("a.toml", first + second[len(head) :]), ("b.toml", second)])


def test_window1_eligible_share_cites_both_documents_stating_it() -> None:
    read = RULES.read("sun_es.outcome.F1.applicants_eligible_es_share")
    assert {s.seed for s in read.sources} >= {"000_efe25b006a721351"}
    assert any(s.url and "esante.gouv.fr/espace-presse" in s.url for s in read.sources)


def test_lgo_installation_deadlines_are_press_values_but_the_last_is_confirmed() -> None:
    # Review 2, 1.2: the Sénat answer of 7 Dec 2023 (ministry) states the 20 Sept 2023 deadline.
    versions = RULES.value("sons.vague1.deadline.lgo_installation").versions
    assert [v.status for v in versions] == [
        sn.Status.SECONDARY,
        sn.Status.SECONDARY,
        sn.Status.CONFIRMED,
    ]
    for version in versions:
        assert version.reasoning is None
        assert version.note is not None


def test_sons_maintenance_is_the_seed_002_six_years() -> None:
    read = RULES.read("sons.maintenance.max_years")
    assert read.value == 6
    assert read.sources[0].seed == "002_7a3d33dc34b484ac"


@pytest.mark.parametrize(
    ("key", "expected", "status"),
    [
        ("sun_es.eligibility.any_software_accepted", True, sn.Status.CONFIRMED),
        # Review 2: stated only by regional operators (GIP e-santé Bretagne, SESAN): secondary.
        ("sun_es.eligibility.earlier_hopen_funding_allowed", True, sn.Status.SECONDARY),
        ("sun_es.eligibility.ins_required_to_apply", False, sn.Status.SECONDARY),
        ("sun_es.scope.telemedicine_included", False, sn.Status.CONFIRMED),
    ],
)
def test_sun_es_rules_in_words_are_sourced_booleans(
    key: str, expected: bool, status: sn.Status
) -> None:
    read = RULES.read(key)
    assert read.value is expected
    assert read.status is status
    assert read.sources


@pytest.mark.parametrize(
    ("key", "fragment"),
    [
        ("sun_es.rule.payment_channel", "crédits FMIS"),
        ("sun_es.rule.payment_channel", "avenant au CPOM"),
        ("sun_es.rule.self_declaration", "oSIS"),
        ("segur.rule.es_esms_no_competition", "pas de concurrence"),
        ("esms_numerique.condition.dui_segur", "DSR"),
        ("esms_numerique.condition.usage_targets_for_payment", "paiement"),
    ],
)
def test_rules_in_words_are_sourced_text(key: str, fragment: str) -> None:
    read = RULES.read(key)
    assert fragment in str(read.value)
    assert read.status is sn.Status.CONFIRMED


@pytest.mark.parametrize(
    "key",
    [
        "esms_numerique.amount_formula",
        "esms_numerique.amount.per_place",
        "esms_numerique.payment.advance.share",
        "esms_numerique.target.dui_active",
        "avenant9.vsm.patientele_weighting",
        "avenant9.vsm.reference_patientele",
        "sons.ceiling.lgc",
        "sons.ceiling.dpi",
        "sons.ceiling.pfi",
        "sons.ceiling.ri",
        "sons.ceiling.ris",
        "sons.ceiling.dui",
        "sons.vague2.ceiling.dpi",
        "e_parcours.indicator.dac.active_users",
        "e_parcours.target.collectif.active_users",
    ],
)
def test_values_rules_md_calls_unknown_are_declared(key: str) -> None:
    with pytest.raises(sn.errors.MissingParameterError) as info:
        RULES.read(key)
    assert info.value.key == key
    unknown = RULES.unknown_for(key)
    assert unknown is not None
    assert unknown.why.en.strip()
    assert unknown.why.fr.strip()
