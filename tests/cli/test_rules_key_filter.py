"""``segur-numerique rules --key PREFIX``: the filter holds in JSON too; an unknown prefix is exit 2."""

from __future__ import annotations

import json
from typing import Any

import pytest

from segur_numerique.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def document(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "rules", "--json", *argv)
    assert code == 0
    loaded: dict[str, Any] = json.loads(out)
    return loaded


def test_json_keeps_only_the_prefixed_values(capsys: pytest.CaptureFixture[str]) -> None:
    everything = document(capsys)
    filtered = document(capsys, "--key", "sun_es.outcome")
    keys = [v["key"] for v in filtered["values"]]
    assert keys
    assert all(k.startswith("sun_es.outcome") for k in keys)
    assert len(keys) < len(everything["values"])
    assert keys == [v["key"] for v in everything["values"] if v["key"].startswith("sun_es.outcome")]
    assert filtered["key_prefix"] == "sun_es.outcome"
    assert "key_prefix" not in everything


def test_json_filters_the_unknowns_too(capsys: pytest.CaptureFixture[str]) -> None:
    sons = document(capsys, "--key", "sons.ceiling.lgo")
    assert sons["unknowns"]
    assert all(u["key"].startswith("sons.ceiling.lgo") for u in sons["unknowns"])
    # A prefix inside a wildcard unknown (sun_es.target.*.*) is known, and lists it.
    targets = document(capsys, "--key", "sun_es.target.F1")
    assert targets["values"] == []
    assert [u["key"] for u in targets["unknowns"]] == ["sun_es.target.*.*"]


def test_text_and_json_agree(capsys: pytest.CaptureFixture[str]) -> None:
    keys = [v["key"] for v in document(capsys, "--key", "hopen.")["values"]]
    code, out, _ = run(capsys, "rules", "--key", "hopen.", "--lang", "en")
    assert code == 0
    assert all(k in out for k in keys)
    assert "sun_es." not in out


@pytest.mark.parametrize("json_flag", [(), ("--json",)])
def test_unknown_prefix_is_exit_2_with_the_nearest_keys(
    capsys: pytest.CaptureFixture[str], json_flag: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, "rules", *json_flag, "--key", "sun_es.outcomes")
    assert code == 2
    assert out == ""
    assert "sun_es.outcomes" in err
    assert "did you mean" in err
    assert "sun_es.outcome" in err
    assert "Traceback" not in err


def test_unknown_prefix_without_a_near_key(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "rules", "--key", "zzz.nothing")
    assert code == 2
    assert "unknown rule value 'zzz.nothing'" in err
