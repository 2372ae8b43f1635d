"""One plural rule and one number formatter per language, used by the CLI and the reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from segur_numerique.cli import main
from segur_numerique.core.money import Euro
from segur_numerique.core.text import (
    CURRENCY_SPACE_FR,
    GROUP_SEPARATOR_FR,
    Lang,
    counted,
    counted_text,
    group_digits,
    is_singular,
)

STAYS = {"fr": ("séjour manquant", "séjours manquants"), "en": ("more stay", "more stays")}


@pytest.mark.parametrize(
    ("n", "fr", "en"),
    [
        (0, "0 séjour manquant", "0 more stays"),
        (1, "1 séjour manquant", "1 more stay"),
        (2, "2 séjours manquants", "2 more stays"),
        (1000, f"1{GROUP_SEPARATOR_FR}000 séjours manquants", "1,000 more stays"),
    ],
)
def test_counted(n: int, fr: str, en: str) -> None:
    assert counted(n, "fr", **STAYS) == fr
    assert counted(n, "en", **STAYS) == en
    assert counted_text(n, **STAYS).to_json() == {"fr": fr, "en": en}


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_plural_rules(n: int) -> None:
    assert is_singular(n, "fr") == (n in (-1, 0, 1))
    assert is_singular(n, "en") == (n in (-1, 1))
    word = counted(n, "fr", **STAYS).split(" ", 1)[1]
    assert word == ("séjour manquant" if n in (-1, 0, 1) else "séjours manquants")


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_grouped_digits_read_back(n: int) -> None:
    marks: tuple[tuple[Lang, str], ...] = (("fr", GROUP_SEPARATOR_FR), ("en", ","))
    for lang, mark in marks:
        text = group_digits(n, lang)
        assert int(text.replace(mark, "")) == n
        assert all(len(g) == 3 for g in text.lstrip("-").split(mark)[1:])


@given(st.integers(min_value=-(10**13), max_value=10**13))
def test_amount_digits_give_back_the_cents(cents: int) -> None:
    amount = Euro.from_cents(cents)
    for lang in ("fr", "en"):
        text = amount.format(lang)
        assert int(re.sub(r"\D", "", text)) == abs(cents)
        assert text.startswith("-") == (cents < 0)
        assert Euro.parse(text) == amount
    assert " " not in amount.format("fr")  # never a breakable space inside an amount
    assert amount.format("fr").endswith(f",{abs(cents) % 100:02d}{CURRENCY_SPACE_FR}€")


def test_french_typography() -> None:
    assert Euro("225000").format("fr") == "225\u202f000,00\u00a0€"
    assert Euro("225000").format("en") == "€225,000.00"


SOURCES = Path(__file__).parents[2] / "src" / "segur_numerique"


@pytest.mark.parametrize(
    "path",
    [
        *sorted((SOURCES / "cli").glob("*.py")),
        SOURCES / "sun_es" / "report.py",
        SOURCES / "core" / "explanation.py",
    ],
    ids=lambda p: p.name,
)
def test_no_hand_made_plurals_or_grouping(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\w\(s\)", text), "write plurals with core.text.counted"
    assert ':,}".replace' not in text, "group digits with core.text.group_digits"


def test_verify_summary_is_plural_aware(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--shipped", "--no-explain"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"[\d\u202f]+ réussis, 0 en échec", last), last
    assert main(["verify", "--shipped", "--no-explain", "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip().endswith(", 0 failed")
