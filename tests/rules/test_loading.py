"""Loading rule data: every load error with its message, overlays, and dated reads (issue 2 §2)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.rules.model import DatedValue, RuleValue

BASE = """format = "segur_numerique.rules/v1"
[sources.t_src]
title = "A page"
url = "https://example.org/page"
date = 2021-09-01
[values."t.whole"]
label = { fr = "Tout", en = "Whole" }
unit = "EUR"
[[values."t.whole".versions]]
since = 2021-09-01
value = "210 M€"
status = "confirmed"
sources = ["t_src"]
"""

PARTS = """
[values."t.part1"]
label = { fr = "Partie 1", en = "Part 1" }
unit = "EUR"
[[values."t.part1".versions]]
since = 2021-09-01
value = "158 M€"
status = "confirmed"
sources = ["t_src"]
[values."t.part2"]
label = { fr = "Partie 2", en = "Part 2" }
unit = "EUR"
[[values."t.part2".versions]]
since = 2021-09-01
value = "PART2"
status = "confirmed"
sources = ["t_src"]
[[checks]]
kind = "sum"
whole = "t.whole"
parts = ["t.part1", "t.part2"]
"""

CONFLICTING = """format = "segur_numerique.rules/v1"
[sources.t_src]
title = "A page"
url = "https://example.org/page"
date = 2021-09-01
[values."t.count"]
label = { fr = "Compte", en = "Count" }
unit = "applications"
[[values."t.count".versions]]
since = 2021-10-31
status = "conflicting"
DEFAULT
[[values."t.count".versions.alternatives]]
name = "990"
value = 990
sources = ["t_src"]
[[values."t.count".versions.alternatives]]
name = "985"
value = 985
sources = ["t_src"]
"""

UNKNOWN = """
[unknowns."t.target.*"]
label = { fr = "Cible", en = "Target" }
unit = "ratio"
why = { fr = "Introuvable.", en = "Not found." }
"""

CALLER_TARGET = """format = "segur_numerique.rules/v1"
[sources.mine]
title = "Guide des indicateurs"
date = 2022-05-20
[values."KEY"]
label = { fr = "Cible", en = "Target" }
unit = "UNIT"
REPLACES
[[values."KEY".versions]]
since = 2021-09-01
value = "VALUE"
status = "confirmed"
sources = ["mine"]
"""


def load(text: str) -> sn.RuleSet:
    return sn.load_rules_from([("test.toml", text)])


def error(text: str) -> sn.errors.RuleDataError:
    with pytest.raises(sn.errors.RuleDataError) as info:
        load(text)
    assert info.value.file == "test.toml"
    return info.value


def test_base_loads() -> None:
    rules = load(BASE)
    assert rules.get("t.whole") == sn.Euro.parse("210 M€")


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            ('sources = ["t_src"]', "sources = []"),
            'values."t.whole".versions[0].sources',
            "at least one source is required",
        ),
        (
            ('sources = ["t_src"]', 'sources = ["nope"]'),
            'values."t.whole".versions[0].sources[0]',
            "unknown source id 'nope'",
        ),
        (
            ('url = "https://example.org/page"\n', ""),
            "sources.t_src",
            "a source of shipped rule data needs a url",
        ),
        (
            ('url = "https://example.org/page"', 'url = "example.org"'),
            "sources.t_src.url",
            "must be an http(s) URL",
        ),
        (
            ('title = "A page"\n', ""),
            'sources."t_src".title',
            "required field missing",
        ),
        (
            ('"confirmed"', '"rumoured"'),
            'values."t.whole".versions[0].status',
            "unknown status 'rumoured'; expected one of confirmed, secondary, inferred, conflicting",
        ),
        (
            ('unit = "EUR"', 'unit = "USD"'),
            'values."t.whole".unit',
            "unknown unit 'USD'; expected one of EUR,",
        ),
        (
            ('status = "confirmed"', 'status = "confirmed"\ncolour = "red"'),
            'values."t.whole".versions[0]',
            "unknown key 'colour'; known keys: since",
        ),
        (
            ('"210 M€"', '"210 MM€"'),
            'values."t.whole".versions[0].value',
            "cannot read '210 MM€' as a euro amount",
        ),
        (
            ('"210 M€"', "210.5"),
            'values."t.whole".versions[0].value',
            "write an amount as a string",
        ),
        (
            ('"210 M€"', '"0,001 €"'),
            'values."t.whole".versions[0].value',
            "not exact to the cent",
        ),
        (
            ("since = 2021-09-01", 'since = "2021-09-01"'),
            'values."t.whole".versions[0].since',
            "expected a date (YYYY-MM-DD, unquoted), got '2021-09-01'",
        ),
        (
            ("date = 2021-09-01", 'date = 2021-09-01\ndate_precision = "week"'),
            'sources."t_src".date_precision',
            "unknown date precision 'week'",
        ),
        (
            ('"confirmed"', '"inferred"'),
            'values."t.whole".versions[0].reasoning',
            "an inferred value needs a reasoning text",
        ),
    ],
    ids=[
        "missing-source",
        "unknown-source-id",
        "source-without-url",
        "malformed-url",
        "source-without-title",
        "unknown-status",
        "unknown-unit",
        "unknown-field",
        "malformed-amount",
        "float-amount",
        "fraction-of-a-cent",
        "quoted-date",
        "unknown-date-precision",
        "inferred-without-reasoning",
    ],
)
def test_load_error(change: tuple[str, str], path: str, message: str) -> None:
    old, new = change
    assert old in BASE
    found = error(BASE.replace(old, new, 1))
    assert found.path == path
    assert message in found.problem
    assert str(found).startswith(f"test.toml: {path}: ")


def test_malformed_date_is_a_toml_error_with_line_and_column() -> None:
    found = error(BASE.replace("since = 2021-09-01", "since = 2021-13-01"))
    assert "malformed TOML" in found.problem
    assert "line 10" in found.problem


def test_duplicate_key_is_refused_by_tomllib() -> None:
    found = error(BASE.replace('unit = "EUR"', 'unit = "EUR"\nunit = "EUR"'))
    assert found.problem.startswith("malformed TOML: Cannot overwrite a value")
    assert "line 9" in found.problem


def test_duplicate_key_across_files() -> None:
    with pytest.raises(sn.errors.RuleDataError, match=r"key already defined in a\.toml") as info:
        sn.load_rules_from([("a.toml", BASE), ("b.toml", BASE.replace("t_src", "t_other"))])
    assert info.value.file == "b.toml"


def test_duplicate_source_id_across_files() -> None:
    other = BASE.replace("t.whole", "t.other")
    with pytest.raises(sn.errors.RuleDataError, match="source id 't_src' is already defined"):
        sn.load_rules_from([("a.toml", BASE), ("b.toml", other)])


def test_wrong_format_line() -> None:
    found = error(BASE.replace("rules/v1", "rules/v9"))
    assert found.path == "format"
    assert "unsupported format" in found.problem


def test_parts_add_up() -> None:
    rules = load(BASE + PARTS.replace("PART2", "52 M€"))
    assert rules.get("t.part1") + rules.get("t.part2") == rules.get("t.whole")  # type: ignore[operator]


def test_parts_not_adding_up() -> None:
    found = error(BASE + PARTS.replace("PART2", "51 M€"))
    assert found.path == "checks[0]"
    assert "parts do not add up to their whole on 2021-09-01" in found.problem
    assert "but t.whole = 210\u202f000\u202f000,00\u00a0€" in found.problem


def test_check_naming_an_unknown_value() -> None:
    text = BASE + PARTS.replace("PART2", "52 M€").replace(
        'parts = ["t.part1", "t.part2"]', 'parts = ["t.part1", "t.part3"]'
    )
    found = error(text)
    assert found.problem == "check names unknown value 't.part3'"


def test_unknown_check_kind() -> None:
    found = error(BASE + PARTS.replace("PART2", "52 M€").replace('kind = "sum"', 'kind = "max"'))
    assert found.path == "checks[0].kind"


def test_conflicting_with_default() -> None:
    rules = load(CONFLICTING.replace("DEFAULT", 'default = "990"'))
    read = rules.read("t.count")
    assert (read.value, read.alternative, read.status) == (990, "990", sn.Status.CONFLICTING)
    assert rules.read("t.count", alternative="985").value == 985
    with pytest.raises(sn.errors.ConflictingValueError, match="the alternatives are: 990, 985"):
        rules.read("t.count", alternative="1000")


def test_conflicting_without_default() -> None:
    found = error(CONFLICTING.replace("DEFAULT", ""))
    assert found.path == 'values."t.count".versions[0].default'
    assert found.problem == "a conflicting value needs a documented default, one of 990, 985"


def test_conflicting_with_a_default_that_is_not_an_alternative() -> None:
    found = error(CONFLICTING.replace("DEFAULT", 'default = "1000"'))
    assert "default must name one of the alternatives (990, 985), got '1000'" in found.problem


def test_conflicting_with_one_alternative() -> None:
    text = CONFLICTING.replace("DEFAULT", 'default = "990"')
    text = text[: text.rindex("[[values")]
    found = error(text)
    assert "at least two alternatives" in found.problem


def test_value_also_declared_unknown() -> None:
    text = BASE.replace("t.whole", "t.target.F1") + UNKNOWN
    found = error(text.replace('unit = "EUR"', 'unit = "EUR"', 1))
    assert "has a value but is also declared unknown" in found.problem


def test_versions_out_of_order() -> None:
    second = BASE[BASE.index('[[values."t.whole".versions]]') :].replace("2021-09-01", "2020-01-01")
    found = error(BASE + second)
    assert "increasing order of 'since'" in found.problem


# --------------------------------------------------------------------------------------------
# Caller overlays


def _caller(key: str, unit: str, value: str, *, replaces: bool = False) -> str:
    return (
        CALLER_TARGET.replace("KEY", key)
        .replace("UNIT", unit)
        .replace("VALUE", value)
        .replace("REPLACES", "replaces_official = true" if replaces else "")
    )


def test_overlay_of_a_declared_unknown() -> None:
    base = load(BASE + UNKNOWN)
    with pytest.raises(sn.errors.MissingParameterError) as info:
        base.read("t.target.F1")
    assert info.value.key == "t.target.F1"
    merged = base.with_overlay(sn.parse_parameter_text(_caller("t.target.F1", "ratio", "60 %")))
    read = merged.read("t.target.F1")
    assert read.value == sn.Euro("0.6").value
    assert read.origin is sn.Origin.CALLER
    assert merged.read("t.whole").origin is sn.Origin.SHIPPED


def test_overlay_of_an_undeclared_key() -> None:
    base = load(BASE + UNKNOWN)
    overlay = sn.parse_parameter_text(_caller("t.targt.F1", "ratio", "60 %"), file="mine.toml")
    with pytest.raises(sn.errors.RuleDataError) as info:
        base.with_overlay(overlay)
    assert info.value.file == "mine.toml"
    assert info.value.path == 'values."t.targt.F1"'
    assert "is neither a declared unknown nor a rule value; did you mean t.target.*?" in str(
        info.value
    )


def test_overlay_of_an_official_key_without_replaces_official() -> None:
    base = load(BASE)
    overlay = sn.parse_parameter_text(_caller("t.whole", "EUR", "220 M€"), file="mine.toml")
    with pytest.raises(
        sn.errors.RuleDataError, match="set replaces_official = true to override it"
    ):
        base.with_overlay(overlay)
    allowed = sn.parse_parameter_text(_caller("t.whole", "EUR", "220 M€", replaces=True))
    merged = base.with_overlay(allowed)
    assert merged.get("t.whole") == sn.Euro.parse("220 M€")
    assert merged.read("t.whole").origin is sn.Origin.CALLER


def test_overlay_with_the_wrong_unit() -> None:
    base = load(BASE + UNKNOWN)
    overlay = sn.parse_parameter_text(_caller("t.target.F1", "EUR", "1 €"))
    with pytest.raises(sn.errors.RuleDataError, match="differs from the declared unit 'ratio'"):
        base.with_overlay(overlay)


def test_caller_file_may_not_declare_unknowns() -> None:
    text = _caller("t.target.F1", "ratio", "60 %") + UNKNOWN
    with pytest.raises(sn.errors.RuleDataError, match="does not declare unknowns"):
        sn.parse_parameter_text(text)


def test_caller_file_on_disk(tmp_path: object) -> None:
    from pathlib import Path  # noqa: PLC0415

    path = Path(str(tmp_path)) / "params.toml"
    path.write_text(_caller("sun_es.target.F1.discharge_letter", "ratio", "55 %"), "utf-8")
    rules = sn.load_parameter_file(path)
    assert rules.read("sun_es.target.F1.discharge_letter").origin is sn.Origin.CALLER
    with pytest.raises(sn.errors.RuleDataError, match="cannot read the file"):
        sn.load_parameter_file(path.with_name("absent.toml"))


# --------------------------------------------------------------------------------------------
# Dated reads: properties


def _source() -> sn.Source:
    return sn.Source("A page", "https://example.org", dt.date(2021, 1, 1))


@st.composite
def dated_values(draw: st.DrawFn) -> RuleValue:
    days = draw(
        st.lists(
            st.dates(dt.date(2018, 1, 1), dt.date(2026, 12, 31)),
            min_size=1,
            max_size=8,
            unique=True,
        )
    )
    versions = tuple(
        DatedValue(since=day, value=i, status=sn.Status.CONFIRMED, sources=(_source(),))
        for i, day in enumerate(sorted(days))
    )
    return RuleValue(
        key="t.x", label=sn.Text(fr="x", en="x"), unit=sn.Unit.COUNT, versions=versions, file="t"
    )


@given(dated_values(), st.dates(dt.date(2017, 1, 1), dt.date(2027, 12, 31)))
def test_as_known_on_never_returns_a_later_version(value: RuleValue, on: dt.date) -> None:
    if on < value.versions[0].since:
        with pytest.raises(sn.errors.MissingParameterError):
            value.as_known_on(on=on)
        return
    found = value.as_known_on(on=on)
    assert found.since <= on
    assert not any(found.since < v.since <= on for v in value.versions)  # the latest known one


@given(
    dated_values(),
    st.dates(dt.date(2018, 1, 1), dt.date(2027, 12, 31)),
    st.dates(dt.date(2018, 1, 1), dt.date(2027, 12, 31)),
)
def test_as_known_on_is_monotonic(value: RuleValue, a: dt.date, b: dt.date) -> None:
    early, late = sorted((a, b))
    if early < value.versions[0].since:
        return
    assert value.as_known_on(on=early).since <= value.as_known_on(on=late).since


def test_as_known_on_refuses_a_datetime() -> None:
    value = sn.load_rules().value("e_parcours.period")
    with pytest.raises(sn.errors.InvalidInputError, match="expected a date"):
        value.as_known_on(on=dt.datetime(2022, 1, 1, tzinfo=dt.UTC))


def test_extension_is_invisible_before_it_was_reported() -> None:
    rules = sn.load_rules()
    before = rules.read("e_parcours.period", on=dt.date(2021, 1, 1))
    after = rules.read("e_parcours.period", on=dt.date(2022, 1, 1))
    assert before.value.end == dt.date(2022, 12, 31)  # type: ignore[attr-defined]
    assert before.status is sn.Status.CONFIRMED
    assert after.value.end == dt.date(2023, 12, 31)  # type: ignore[attr-defined]
    assert after.status is sn.Status.SECONDARY
