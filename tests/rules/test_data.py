"""The shipped programme data: every value of rules digest, Ségur Numérique §1, SUN-ES §2.5 [docs: explanation/rules], with status and provenance."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

import segur_numerique as sn
from segur_numerique.core.periods import Period

RULES = sn.load_rules()
S = sn.Status

# key, value (default version), status: rules digest, Ségur Numérique §1 [docs: explanation/rules/segur]
ENVELOPES = [
    ("segur.envelope.total", sn.Euro.parse("2 Md€"), S.CONFIRMED),
    ("segur.duration", 5, S.CONFLICTING),
    ("segur.sanitaire.envelope", sn.Euro.parse("1,4 Md€"), S.CONFIRMED),
    ("segur.sanitaire.period", Period(dt.date(2021, 1, 1), dt.date(2023, 12, 31)), S.CONFIRMED),
    ("segur.medico_social.envelope", sn.Euro.parse("600 M€"), S.CONFLICTING),
    (
        "segur.medico_social.period",
        Period(dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
        S.CONFLICTING,
    ),
    ("segur.human_support.share", Fraction(2, 3), S.SECONDARY),
    ("sons.envelope", sn.Euro.parse("465 M€"), S.SECONDARY),
    ("sun_es.envelope.total", sn.Euro.parse("210 M€"), S.CONFIRMED),
    ("sun_es.period", Period(dt.date(2021, 1, 1), dt.date(2024, 12, 31)), S.CONFLICTING),
    ("sun_es.volet1.envelope", sn.Euro.parse("158 M€"), S.CONFIRMED),
    ("sun_es.volet2.envelope", sn.Euro.parse("52 M€"), S.CONFIRMED),
    ("sun_es.volet_share.volet1", Fraction(3, 4), S.CONFIRMED),
    ("sun_es.volet_share.volet2", Fraction(1, 4), S.CONFIRMED),
    ("sun_es.volet1.domain1.envelope", sn.Euro.parse("123 M€"), S.SECONDARY),
    ("sun_es.volet1.domain2.envelope", sn.Euro.parse("11 M€"), S.SECONDARY),
    ("sun_es.volet1.domain3.envelope", sn.Euro.parse("24 M€"), S.SECONDARY),
    ("avenant9.usage.envelope", sn.Euro.parse("300 M€"), S.SECONDARY),
    ("avenant9.usage.period", Period(dt.date(2022, 1, 1), dt.date(2023, 12, 31)), S.SECONDARY),
    ("hopen.envelope", sn.Euro.parse("420 M€"), S.SECONDARY),
    ("hopen.period", Period(dt.date(2019, 1, 1), dt.date(2023, 12, 31)), S.CONFIRMED),
    ("e_parcours.envelope", sn.Euro.parse("150 M€"), S.CONFIRMED),
    ("e_parcours.period", Period(dt.date(2018, 1, 1), dt.date(2023, 12, 31)), S.SECONDARY),
]

# rules digest, Ségur Numérique §1, SUN-ES §2.5 [docs: explanation/rules]
OUTCOMES = [
    ("sun_es.region.ara.envelope", sn.Euro.parse("24,9 M€"), S.CONFIRMED),
    ("sun_es.region.idf.envelope", sn.Euro.parse("21 M€"), S.SECONDARY),
    ("sun_es.region.occitanie.envelope", sn.Euro.parse("19 M€"), S.CONFIRMED),
    ("sun_es.region.hdf.envelope", sn.Euro.parse("13,5 M€"), S.CONFIRMED),
    ("sun_es.region.bfc.volet1.envelope", sn.Euro.parse("6,37 M€"), S.CONFIRMED),
    ("sun_es.region.dom.envelope", sn.Euro.parse("1 673,8 k€"), S.CONFIRMED),
    ("sun_es.outcome.F1.applications", 990, S.CONFLICTING),
    ("sun_es.outcome.F1.applicants_activity_share", Fraction(52, 100), S.CONFIRMED),
    ("sun_es.outcome.F1.applicants_eligible_es_share", Fraction(32, 100), S.CONFIRMED),
    ("sun_es.outcome.F1.selected", 879, S.CONFLICTING),
    ("sun_es.outcome.F1.acceptance_rate", Fraction(9, 10), S.SECONDARY),
    ("sun_es.outcome.F1.selected_es_share", Fraction(31, 100), S.SECONDARY),
    ("sun_es.outcome.F1.selected_activity_share", Fraction(48, 100), S.SECONDARY),
]

SECTION_1_AND_2_5 = ENVELOPES + OUTCOMES


@pytest.mark.parametrize(("key", "value", "status"), SECTION_1_AND_2_5, ids=str)
def test_value_and_status(key: str, value: object, status: sn.Status) -> None:
    read = RULES.read(key)
    assert read.value == value
    assert read.status is status
    assert read.origin is sn.Origin.SHIPPED


@pytest.mark.parametrize(("key", "value", "status"), SECTION_1_AND_2_5, ids=str)
def test_every_value_has_a_dated_source_with_a_url(
    key: str, value: object, status: sn.Status
) -> None:
    version = RULES.value(key).as_known_on()
    assert version.sources
    assert any(s.url and s.url.startswith("https://") for s in version.sources) or all(
        s.seed for s in version.sources
    )
    for source in version.sources:
        assert source.title.strip()
        assert source.url or source.seed
        assert dt.date(2019, 1, 1) <= source.date <= dt.date(2026, 11, 22)
    if version.status is S.CONFLICTING:
        for alt in version.alternatives:
            assert alt.sources


def test_conflicting_values_have_every_version_and_a_documented_default() -> None:
    expected = {
        "segur.duration": ("five_years", {"five_years": 5, "three_years": 3}),
        "segur.medico_social.envelope": (
            "600M",
            {"600M": sn.Euro.parse("600 M€"), "630M": sn.Euro.parse("630 M€")},
        ),
        "sun_es.outcome.F1.applications": ("990", {"990": 990, "985": 985}),
        "sun_es.outcome.F1.selected": ("879", {"879": 879, "875": 875}),
    }
    for key, (default, alternatives) in expected.items():
        version = RULES.value(key).as_known_on()
        assert version.default == default
        assert {a.name: a.value for a in version.alternatives} == alternatives
        assert version.note is not None  # why this default
        for name, value in alternatives.items():
            assert RULES.read(key, alternative=name).value == value


def test_the_six_year_period_is_an_alternative() -> None:
    read = RULES.read("segur.medico_social.period", alternative="six_years")
    assert read.value == Period(dt.date(2021, 1, 1), dt.date(2026, 12, 31))


def test_sum_checks_are_declared() -> None:
    checks = {(c.whole, c.parts) for c in RULES.checks}
    assert ("sun_es.envelope.total", ("sun_es.volet1.envelope", "sun_es.volet2.envelope")) in checks
    assert (
        "sun_es.volet1.envelope",
        (
            "sun_es.volet1.domain1.envelope",
            "sun_es.volet1.domain2.envelope",
            "sun_es.volet1.domain3.envelope",
        ),
    ) in checks
    assert (
        "segur.envelope.total",
        ("segur.sanitaire.envelope", "segur.medico_social.envelope"),
    ) in checks


def test_sums_hold() -> None:
    get = RULES.get
    assert get("sun_es.volet1.envelope") + get("sun_es.volet2.envelope") == get(  # type: ignore[operator]
        "sun_es.envelope.total"
    )
    domains = sn.euro_sum(get(f"sun_es.volet1.domain{i}.envelope") for i in (1, 2, 3))  # type: ignore[misc]
    assert domains == get("sun_es.volet1.envelope")
    assert get("segur.sanitaire.envelope") + get("segur.medico_social.envelope") == get(  # type: ignore[operator]
        "segur.envelope.total"
    )


def test_the_630_alternative_would_break_the_two_billion_sum() -> None:
    # Why 600 M€ is the default: 1.4 Md€ + 630 M€ is not the announced 2 Md€.
    alt = RULES.get("segur.medico_social.envelope", alternative="630M")
    assert RULES.get("segur.sanitaire.envelope") + alt != RULES.get("segur.envelope.total")  # type: ignore[operator]


@pytest.mark.parametrize(
    "key",
    [
        "sun_es.region.idf.envelope",
        "sun_es.region.hdf.envelope",
        "sun_es.region.bfc.volet1.envelope",
        "sun_es.outcome.F1.applicants_eligible_es_share",
        "sun_es.outcome.F1.acceptance_rate",
        "sun_es.outcome.F1.applicants_activity_share",
        "segur.human_support.share",
    ],
)
def test_about_and_over_values_carry_a_note(key: str) -> None:
    note = RULES.value(key).as_known_on().note
    assert note is not None
    assert note.fr.strip()
    assert note.en.strip()


@pytest.mark.parametrize(
    "pattern",
    [
        "sun_es.target.*.*",
        "sun_es.envelope.window.*",
        "sun_es.volet1.domain1.*.envelope",
        "sun_es.volet2.domain.*.envelope",
        "sons.envelope.couloir.*",
    ],
)
def test_unknowns_are_declared_with_a_reason(pattern: str) -> None:
    unknown = next(u for u in RULES.unknowns if u.pattern == pattern)
    assert unknown.file == f"segur_numerique/{pattern.split('.', 1)[0]}/programme.toml"
    assert unknown.why.en.strip()


def test_per_window_allocation_is_unknown() -> None:
    with pytest.raises(sn.errors.MissingParameterError) as info:
        RULES.read("sun_es.envelope.window.F2")
    assert info.value.key == "sun_es.envelope.window.F2"
    assert "allocated to a window" in str(info.value)


def test_programme_sources_are_prefixed() -> None:
    import tomllib  # noqa: PLC0415
    from importlib import resources  # noqa: PLC0415

    from segur_numerique.rules.loading import rule_files  # noqa: PLC0415

    files = rule_files(resources.files("segur_numerique"))
    names = [n for n, _ in files if n.endswith(("/programme.toml", "/programmes.toml"))]
    assert "catalogue/programmes.toml" in names
    for name, text in files:
        if name not in [*names, "sun_es/outcomes.toml"]:
            continue
        data = tomllib.loads(text)
        assert all(sid.startswith("prog_") for sid in data.get("sources", {})), name
        for sid, source in data.get("sources", {}).items():
            if source.get("date_precision") == "consulted":
                assert source["date"] == dt.date(2026, 11, 22), sid


def test_seed_sources_are_cited_by_name() -> None:
    read = RULES.read("segur.duration", alternative="three_years")
    (source,) = read.sources
    assert source.seed == "003_9597f8eeff523aed"
    assert source.date == dt.date(2020, 7, 24)
    assert "seed 003_9597f8eeff523aed" in source.cite()
    assert source.to_json()["seed"] == "003_9597f8eeff523aed"


def test_undated_pages_say_so() -> None:
    read = RULES.read("sons.envelope")
    assert all(s.date_precision is sn.DatePrecision.CONSULTED for s in read.sources)
    assert "undated, consulted 2026-11-22" in read.sources[0].cite()
    assert read.sources[0].to_json()["date_precision"] == "consulted"


def test_values_are_not_known_before_their_announcement() -> None:
    with pytest.raises(sn.errors.MissingParameterError):
        RULES.read("sun_es.envelope.total", on=dt.date(2021, 1, 1))
    assert RULES.read("hopen.envelope", on=dt.date(2019, 6, 1)).value == sn.Euro.parse("420 M€")
