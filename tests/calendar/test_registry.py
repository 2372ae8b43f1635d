"""The calendar registry: each programme package's calendar, collected once, from above."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import segur_numerique as sn
from segur_numerique import calendars
from segur_numerique.calendar.programmes import Programme

PACKAGE = Path(sn.__file__).resolve().parent
PROGRAMME_PACKAGES = ("sun_es", "sons", "e_parcours", "esms_numerique")


def _package_calendars() -> list[Programme]:
    found: list[Programme] = []
    for package in PROGRAMME_PACKAGES:
        module = importlib.import_module(f"segur_numerique.{package}.calendar")
        found.extend(module.CALENDARS)
    return found


def test_each_package_calendar_is_collected_exactly_once() -> None:
    defined = _package_calendars()
    ids = [prog.id for prog in defined]
    assert len(ids) == len(set(ids))
    collected = list(calendars.CALENDAR_PROGRAMMES.values())
    assert len(collected) == len(defined)
    for prog in defined:
        assert sum(1 for c in collected if c is prog) == 1
        assert calendars.CALENDAR_PROGRAMMES[prog.id] is prog


def test_registry_order_and_public_names() -> None:
    assert list(sn.calendars.CALENDAR_PROGRAMMES) == [
        "sun_es",
        "sun_es_volet2",
        "sons",
        "e_parcours",
        "esms_numerique",
    ]
    assert sn.calendars.CALENDAR_PROGRAMMES is calendars.CALENDAR_PROGRAMMES
    assert (
        sn.calendars.calendar_programme("sons")
        is importlib.import_module("segur_numerique.sons.calendar").CALENDAR
    )


def test_every_collected_programme_builds() -> None:
    for prog in sn.calendars.CALENDAR_PROGRAMMES.values():
        if prog.dates_known:
            assert isinstance(sn.calendars.windows(prog.id), tuple)
            assert isinstance(sn.calendars.deadlines(prog.id), tuple)


def _calendar_sources() -> list[Path]:
    return sorted((PACKAGE / "calendar").glob("*.py"))


def test_no_programme_branch_in_calendar() -> None:
    programme_ids = set(calendars.CALENDAR_PROGRAMMES) | set(PROGRAMME_PACKAGES)
    offenders = []
    for path in _calendar_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Compare):
                continue
            operands = [node.left, *node.comparators]
            if any(isinstance(o, ast.Constant) and o.value in programme_ids for o in operands):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_no_programme_id_comparison_text_in_calendar() -> None:
    for path in _calendar_sources():
        text = path.read_text(encoding="utf-8")
        assert "programme ==" not in text, path.name
        assert "prog.id ==" not in text, path.name


def test_calendar_does_not_import_programme_packages() -> None:
    upward = {f"segur_numerique.{p}" for p in PROGRAMME_PACKAGES} | {"segur_numerique.calendars"}
    offenders = []
    for path in _calendar_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or node.module is None:
                continue
            module = node.module
            if any(module == u or module.startswith(u + ".") for u in upward):
                offenders.append(f"{path.name}:{node.lineno} {module}")
    assert offenders == []
