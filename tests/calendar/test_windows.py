"""Windows and phases: rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es] worked examples, conventions and properties."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.calendar.windows import Phase, PhaseKind
from segur_numerique.core.dates import MonthEndPolicy

D = dt.date


# --- worked examples (rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es]) ----------------------------------------------------------


def test_volet1_windows_f1_to_f4() -> None:
    found = sn.calendars.windows()
    assert [w.name for w in found] == ["F1", "F2", "F3", "F4"]
    expected = {
        "F1": (D(2021, 9, 1), D(2021, 10, 31), D(2021, 12, 31), D(2022, 6, 30)),
        "F2": (D(2022, 3, 1), D(2022, 4, 30), D(2022, 6, 30), D(2022, 12, 31)),
        "F3": (D(2022, 9, 1), D(2022, 10, 31), D(2022, 12, 31), D(2023, 6, 30)),
        "F4": (D(2023, 3, 1), D(2023, 4, 30), D(2023, 6, 30), D(2023, 12, 31)),
    }
    for w in found:
        start, apps_end, instr_end, deadline = expected[w.name]
        assert w.start == start
        assert w.applications is not None
        assert w.applications.end == apps_end
        instruction = w.phase(PhaseKind.INSTRUCTION)
        assert instruction is not None
        assert instruction.end == instr_end
        assert w.deadline == deadline


def test_on_15_april_2022_f1_realisation_and_f2_candidature() -> None:
    day = D(2022, 4, 15)
    assert [(wp.window.name, wp.phase.kind) for wp in sn.calendars.windows_on(day)] == [
        ("F1", PhaseKind.REALISATION),
        ("F2", PhaseKind.CANDIDATURE),
    ]
    f1_phase = sn.calendars.phase_of("F1", day)
    assert f1_phase is not None
    assert f1_phase.kind is PhaseKind.REALISATION
    assert sn.calendars.phase_of("F3", day) is None
    next_one = sn.calendars.next_window(day)
    assert next_one is not None
    assert next_one.name == "F3"


def test_f1_deadline_is_conflicting_with_idf_alternative() -> None:
    default = sn.calendars.window("F1")
    idf = sn.calendars.window("F1", alternative="idf")
    assert default.deadline == D(2022, 6, 30)
    assert idf.deadline == D(2022, 9, 30)
    read = next(r for r in idf.parameters if r.key == "sun_es.window.F1.targets_deadline")
    assert read.status is sn.Status.CONFLICTING
    assert read.alternative == "idf"
    assert any("4804" in (s.url or "") for s in read.sources)
    # The other windows have no such alternative and keep their dates.
    assert sn.calendars.window("F2", alternative="idf").deadline == D(2022, 12, 31)


def test_unknown_alternative_is_refused() -> None:
    with pytest.raises(sn.errors.ConflictingValueError):
        sn.calendars.windows(alternative="bretagne")


def test_f2_to_f4_follow_the_pattern_and_f1_too() -> None:
    pattern = sn.sun_es.window_pattern()
    assert [m for _, m in pattern] == [2, 2, 6]
    for w in sn.calendars.windows():
        built = sn.calendar.build_window(w.name, w.start, pattern, programme="sun_es")
        assert [(p.kind, p.start, p.stop) for p in built.phases] == [
            (p.kind, p.start, p.stop) for p in w.phases
        ]


def test_windows_overlap_but_phases_inside_do_not() -> None:
    f1, f2 = sn.calendars.window("F1"), sn.calendars.window("F2")
    assert f2.start in f1  # windows overlap
    for w in sn.calendars.windows():
        for a, b in zip(w.phases, w.phases[1:], strict=False):
            assert a.stop == b.start


def test_every_date_has_a_status_and_a_source() -> None:
    for w in sn.calendars.windows():
        for phase in w.phases:
            assert phase.reads
            for read in phase.reads:
                assert read.sources
                assert read.status in set(sn.Status)
                if read.status is sn.Status.INFERRED:
                    assert read.reasoning is not None


def test_esms_numerique_phases() -> None:
    found = {w.name: w for w in sn.calendars.windows("esms_numerique")}
    assert found["amorcage"].period == sn.Period(D(2021, 1, 1), D(2022, 12, 31))
    assert found["generalisation"].period == sn.Period(D(2022, 1, 1), D(2025, 12, 31))
    assert [wp.window.name for wp in sn.calendars.windows_on(D(2022, 6, 1), "esms_numerique")] == [
        "amorcage",
        "generalisation",
    ]


def test_volet2_dates_are_unknown() -> None:
    with pytest.raises(sn.errors.MissingParameterError) as info:
        sn.calendars.windows("sun_es_volet2")
    assert info.value.key == "sun_es.volet2.window.F1.applications"


def test_as_known_on_before_the_data_is_missing() -> None:
    with pytest.raises(sn.errors.MissingParameterError):
        sn.calendars.windows(as_known_on=D(2021, 1, 1))


# --- conventions: inclusive texts, half-open inside ------------------------------------------


def test_inclusive_text_dates_convert_to_half_open() -> None:
    # « du 1er septembre au 31 octobre 2021 »
    phase = Phase.from_inclusive(PhaseKind.CANDIDATURE, D(2021, 9, 1), D(2021, 10, 31))
    assert phase.start == D(2021, 9, 1)
    assert phase.stop == D(2021, 11, 1)
    assert phase.end == D(2021, 10, 31)
    assert phase.days == 61
    assert phase.period == sn.Period(D(2021, 9, 1), D(2021, 10, 31))
    assert D(2021, 10, 31) in phase
    assert D(2021, 11, 1) not in phase
    one_day = Phase.from_inclusive(PhaseKind.CANDIDATURE, D(2022, 1, 1), D(2022, 1, 1))
    assert one_day.days == 1


@given(st.dates(D(2000, 1, 1), D(2100, 12, 31)), st.integers(0, 400))
def test_inclusive_round_trip(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    phase = Phase.from_inclusive(PhaseKind.INSTRUCTION, start, end)
    assert (phase.start, phase.end) == (start, end)
    assert phase.days == length + 1
    assert phase.period.days == phase.days


# --- month-end policy ---------------------------------------------------------------------------


def test_31_august_plus_6_months_is_ambiguous() -> None:
    with pytest.raises(sn.errors.AmbiguousDateError) as info:
        sn.calendar.add_months(D(2021, 8, 31), 6)
    assert "ROUND_DOWN" in str(info.value)
    assert sn.calendar.add_months(D(2021, 8, 31), 6, policy=MonthEndPolicy.ROUND_DOWN) == D(
        2022, 2, 28
    )
    assert sn.calendar.add_months(D(2021, 8, 31), 6, policy=MonthEndPolicy.ROUND_UP) == D(
        2022, 3, 1
    )
    assert sn.calendar.add_months(D(2023, 8, 31), 6, policy=MonthEndPolicy.ROUND_DOWN) == D(
        2024, 2, 29
    )


def test_build_window_from_an_ambiguous_anchor_needs_a_policy() -> None:
    durations = [(PhaseKind.CANDIDATURE, 2), (PhaseKind.INSTRUCTION, 2), (PhaseKind.REALISATION, 6)]
    with pytest.raises(sn.errors.AmbiguousDateError):
        sn.calendar.build_window("X", D(2021, 8, 31), durations)
    w = sn.calendar.build_window("X", D(2021, 8, 31), durations, policy=MonthEndPolicy.ROUND_UP)
    assert w.phases[1].start == D(2021, 10, 31)  # 31 Aug + 2 months exists
    assert w.phases[2].start == D(2021, 12, 31)
    assert w.stop == D(2022, 7, 1)  # 31 Aug + 10 months = 31 Jun → 1 Jul


@given(
    st.dates(D(2000, 1, 1), D(2090, 12, 31)),
    st.lists(st.integers(1, 14), min_size=1, max_size=4),
    st.sampled_from([MonthEndPolicy.ROUND_DOWN, MonthEndPolicy.ROUND_UP]),
)
def test_built_phases_are_contiguous_and_cover_the_window(
    anchor: dt.date, months: list[int], policy: MonthEndPolicy
) -> None:
    kinds = list(PhaseKind)[: len(months)]
    w = sn.calendar.build_window("X", anchor, list(zip(kinds, months, strict=True)), policy=policy)
    assert w.phases[0].start == w.start == anchor
    for a, b in zip(w.phases, w.phases[1:], strict=False):
        assert a.stop == b.start
    assert w.phases[-1].stop == w.stop
    assert sum(p.days for p in w.phases) == (w.stop - w.start).days
    day = anchor
    while day < w.stop:
        assert sum(day in p for p in w.phases) == 1
        day += dt.timedelta(days=37)


@given(st.dates(D(1990, 1, 1), D(2090, 12, 31)), st.integers(-48, 48))
def test_abort_on_round_only_when_the_day_is_missing(day: dt.date, months: int) -> None:
    try:
        result = sn.calendar.add_months(day, months)
    except sn.errors.AmbiguousDateError:
        assert day.day > 28
        down = sn.calendar.add_months(day, months, policy=MonthEndPolicy.ROUND_DOWN)
        up = sn.calendar.add_months(day, months, policy=MonthEndPolicy.ROUND_UP)
        assert up == down + dt.timedelta(days=1)
        assert up.day == 1
    else:
        assert result.day == day.day


# --- bad input -------------------------------------------------------------------------------


def test_end_before_start_is_refused() -> None:
    with pytest.raises(sn.errors.DateOrderError) as info:
        Phase.from_inclusive(PhaseKind.CANDIDATURE, D(2021, 10, 31), D(2021, 9, 1))
    assert info.value.where == "phase candidature"
    with pytest.raises(sn.errors.DateOrderError):
        Phase(PhaseKind.CANDIDATURE, D(2021, 9, 1), D(2021, 9, 1))


def test_overlapping_phases_are_refused() -> None:
    a = Phase.from_inclusive(PhaseKind.CANDIDATURE, D(2021, 9, 1), D(2021, 10, 31))
    b = Phase.from_inclusive(PhaseKind.INSTRUCTION, D(2021, 10, 15), D(2021, 12, 31))
    with pytest.raises(sn.errors.PhaseLayoutError, match="overlap") as info:
        sn.calendar.Window("sun_es", "FX", sn.Text(fr="FX", en="FX"), (a, b))
    assert info.value.where == "window sun_es.FX"


def test_gap_between_phases_is_refused() -> None:
    a = Phase.from_inclusive(PhaseKind.CANDIDATURE, D(2021, 9, 1), D(2021, 10, 30))
    b = Phase.from_inclusive(PhaseKind.INSTRUCTION, D(2021, 11, 1), D(2021, 12, 31))
    with pytest.raises(sn.errors.PhaseLayoutError, match="gap"):
        sn.calendar.Window("sun_es", "FX", sn.Text(fr="FX", en="FX"), (a, b))


def test_repeated_phase_kind_and_empty_window_are_refused() -> None:
    a = Phase.from_inclusive(PhaseKind.CANDIDATURE, D(2021, 9, 1), D(2021, 10, 31))
    b = Phase.from_inclusive(PhaseKind.CANDIDATURE, D(2021, 11, 1), D(2021, 12, 31))
    with pytest.raises(sn.errors.PhaseLayoutError):
        sn.calendar.Window("sun_es", "FX", sn.Text(fr="FX", en="FX"), (a, b))
    with pytest.raises(sn.errors.PhaseLayoutError):
        sn.calendar.Window("sun_es", "FX", sn.Text(fr="FX", en="FX"), ())


def test_unknown_window_and_programme_suggest() -> None:
    with pytest.raises(sn.errors.UnknownWindowError) as info:
        sn.calendars.window("f1")
    assert "F1" in info.value.suggestions
    with pytest.raises(KeyError):
        sn.calendars.window("F9")
    with pytest.raises(sn.errors.UnknownProgrammeError) as prog:
        sn.calendars.windows("esms")
    assert "esms_numerique" in prog.value.suggestions


def test_window_explains_itself() -> None:
    e = sn.calendars.window("F2").explanation()
    text = e.render("en")
    assert "sun_es.window.F2.applications" in text
    assert "inferred" in text
    doc: Any = e.to_json()
    assert doc["root"]["children"]
    window_doc: Any = sn.calendars.window("F1").to_json()
    assert window_doc["phases"][0]["end"] == "2021-10-31"


def test_dates_refuse_datetimes() -> None:
    with pytest.raises(sn.errors.InvalidInputError):
        sn.calendars.windows_on(dt.datetime(2022, 4, 15, tzinfo=dt.UTC))
    assert dt.datetime(2022, 4, 15) not in sn.calendars.window("F1")
