"""The pytest plugin collects scenario files, reports mismatches readably, ignores other files."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

GOOD = """\
format = "segur_numerique.scenario/v1"
[[scenarios]]
name = "national envelope"
programme = "sun_es"
computation = "rules.read"
inputs = { key = "sun_es.envelope.total" }
expected = { value = "210 M€" }
[[scenarios]]
name = "a third of 10 euros"
programme = "segur"
computation = "money.scale"
inputs = { amount = "10 €", share = "1/3" }
expected = { amount = "3.33" }
"""

WRONG = (Path(__file__).parent.parent / "fixtures" / "wrong_expected_amount.toml").read_text(
    encoding="utf-8"
)


def test_collects_one_item_per_scenario(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", scenario_envelopes=GOOD)
    result = pytester.runpytest("-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*scenario_envelopes.toml::0: national envelope PASSED*"])


def test_json_and_dotted_names_are_collected(pytester: pytest.Pytester) -> None:
    (pytester.path / "split.scenario.json").write_text(
        '{"format": "segur_numerique.scenario/v1", "name": "x", '
        '"programme": "segur", "computation": "money.scale", '
        '"inputs": {"amount": "1 €", "share": "1/2"}, "expected": {"amount": "0.50"}}',
        encoding="utf-8",
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_a_wrong_amount_fails_with_the_diff_and_the_explanation(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", scenario_wrong=WRONG)
    result = pytester.runpytest("-p", "no:cacheprovider", "--scenario-lang", "en")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*- value = €210,000,000.01*",
            "*+ value = €210,000,000.00*",
            "*difference -€0.01*",
            "*Explanation:*",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_a_malformed_file_is_one_failed_item(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", scenario_bad='format = "segur_numerique.scenario/v1"\nname = 1\n')
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*name must be a non-empty string*"])


def test_does_nothing_without_scenario_files(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", settings='format = "x"\n')
    pytester.makefile(".json", data="{}")
    pytester.makepyfile("def test_one():\n    assert True\n")
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_can_be_disabled(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", scenario_wrong=WRONG)
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:segur_numerique")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
