"""Issue 12, unknown values without friction: every missing value at once, and a file to fill.

The tutorial hospital (docs/tutorial/first-simulation.md) needs many unknown values with the
official rules: ``simulate`` lists them all in one run, ``parameters template`` writes them in the
compact format, a template left unchanged is refused naming its placeholders, and once filled the
simulation runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import segur_numerique as sn
from segur_numerique.cli import main
from segur_numerique.rules.compact import COMPACT_FORMAT, TO_FILL
from segur_numerique.rules.parameters import parse_parameter_text

TUTORIAL = Path(__file__).parents[2] / "docs" / "tutorial" / "first-simulation.md"


def _tutorial_hospital(tmp_path: Path) -> Path:
    text = TUTORIAL.read_text(encoding="utf-8")
    block = re.search(r"```toml\n(format = \"segur_numerique\.simulation/v1\".*?)```", text, re.S)
    assert block is not None
    path = tmp_path / "my-hospital.toml"
    path.write_text(block.group(1), encoding="utf-8")
    return path


def test_simulate_lists_every_missing_value_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hospital = _tutorial_hospital(tmp_path)
    assert main(["--lang", "en", "simulate", str(hospital)]) == 2
    err = capsys.readouterr().err.splitlines()
    listed = [line for line in err if line.startswith("  sun_es.")]
    assert err[0].startswith(f"segur-numerique: error: {len(listed)} unknown values")
    assert len(listed) == 14  # one run, not one per value (the tutorial shows this count)
    assert f"error: {len(listed)} unknown values" in TUTORIAL.read_text(encoding="utf-8")
    assert any(line.startswith("  sun_es.target.F1.discharge_letter — ") for line in listed)
    assert any("[EUR]" in line for line in listed)
    assert any("parameters template" in line for line in err[-2:])


def _fill(text: str) -> str:
    """Fill a template the way a user would (made-up test values, one per unit)."""
    out, unit, band = [], "", 0
    for given in text.splitlines():
        line = given
        if line.startswith("# ") and line.endswith("]"):
            unit = line.rsplit("[", 1)[1].rstrip("]")
        if line.startswith("[values."):
            band = int(m.group(1)) if (m := re.search(r"band\.(\d+)\.activity_from", line)) else 0
        if line.startswith("value = "):
            literal = {"ratio": '"50 %"', "EUR": '"100 000 €"'}.get(unit)
            if literal is None:  # counts: the band count, or where a band starts
                literal = str((band - 1) * 20000) if band else "3"
            line = f"value = {literal}"
        line = line.replace(f'url = "{TO_FILL}"', 'url = "https://example.org/guide"')
        line = line.replace(f'title = "{TO_FILL}"', 'title = "Test guide"')
        line = line.replace(f'date = "{TO_FILL}: YYYY-MM-DD"', "date = 2022-05-20")
        line = line.replace(f'status = "{TO_FILL}"', 'status = "confirmed"')
        if line.startswith("since = "):
            line = "since = 2021-09-01"
        out.append(line)
    return "\n".join(out) + "\n"


def test_template_of_the_tutorial_hospital(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hospital = _tutorial_hospital(tmp_path)
    out = tmp_path / "values.toml"
    assert main(["parameters", "template", str(hospital), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    count = text.count("[values.")
    assert f"{count} valeurs à remplir" in capsys.readouterr().out
    assert f'format = "{COMPACT_FORMAT}"' in text
    body = text.split("\n\n", 1)[1]
    assert len(body.splitlines()) <= 7 * count  # a comment, 5 TOML lines and a blank a value
    # unchanged, it is refused, naming each placeholder
    assert main(["simulate", str(hospital), "--parameters", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{count} values still hold the placeholder 'TO FILL'" in err
    assert "sun_es.target.F1.discharge_letter (value, source.title, source.url" in err
    # filled, the simulation runs
    filled = tmp_path / "filled.toml"
    filled.write_text(_fill(text), encoding="utf-8")
    assert main(["simulate", str(hospital), "--parameters", str(filled)]) == 0
    assert "Financement" in capsys.readouterr().out
    assert main(["parameters", "template", str(hospital), "-o", str(out)]) == 2  # exists


def test_template_of_the_whole_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parameters", "template", "--all"]) == 0
    text = capsys.readouterr().out
    assert text.count("[values.") > 50
    assert '[values."sun_es.target.F1.discharge_letter"]' in text
    with pytest.raises(sn.errors.RuleDataError, match="still hold the placeholder"):
        parse_parameter_text(text)


def test_the_compact_format_is_read_like_the_full_one() -> None:
    compact = f"""format = "{COMPACT_FORMAT}"
[values."sun_es.target.F1.discharge_letter"]
value = "50 %"
source = {{ title = "SUN-ES, Guide des indicateurs d'usage", date = 2022-05-20 }}
status = "confirmed"
since = 2021-09-01
"""
    rules = sn.load_rules().with_overlay(parse_parameter_text(compact))
    read = rules.read("sun_es.target.F1.discharge_letter")
    assert str(read.value) == "1/2"
    assert read.origin.value == "caller"
    assert read.sources[0].title == "SUN-ES, Guide des indicateurs d'usage"
    assert read.label.en == sn.load_rules().unknown_for(read.key).label.en  # type: ignore[union-attr]
    with pytest.raises(sn.errors.RuleDataError, match="missing field 'since'"):
        parse_parameter_text(compact.replace("since = 2021-09-01\n", ""))
    with pytest.raises(sn.errors.RuleDataError, match="neither a declared unknown"):
        parse_parameter_text(compact.replace("target.F1", "targe.F1"))
    with pytest.raises(sn.errors.RuleDataError, match=r"replace each \*"):
        parse_parameter_text(compact.replace("target.F1", "target.*"))
