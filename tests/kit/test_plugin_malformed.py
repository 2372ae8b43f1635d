"""The pytest plugin: a malformed scenario file is one failed item; the session goes on."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

GOOD = """\
format = "segur_numerique.scenario/v1"
[[scenarios]]
name = "a third of 10 euros"
programme = "segur"
computation = "money.scale"
inputs = { amount = "10 €", share = "1/3" }
expected = { amount = "3.33" }
"""


def _one_line_failure(output: str, needle: str) -> None:
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if needle in line]
    assert lines, output


def test_malformed_file_is_one_failed_item_and_the_rest_runs(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", scenario_good=GOOD)
    sub = pytester.mkdir("deep")
    (sub / "scenario_broken.toml").write_bytes(b'format = "segur_numerique.scenario/v1"\nx = [[[')
    (sub / "scenario_latin1.toml").write_bytes(b'format = "caf\xe9"\n')
    pytester.makepyfile("def test_vendor():\n    assert True\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "-rf")
    result.assert_outcomes(passed=2, failed=2)
    output = result.stdout.str()
    _one_line_failure(output, "scenario_broken.toml: end of document: malformed TOML")
    _one_line_failure(output, "not valid UTF-8 text")
    assert "error" not in result.parseoutcomes()


def test_failure_report_of_a_malformed_file_is_one_line(pytester: pytest.Pytester) -> None:
    pytester.makefile(".json", scenario_deep="[" * 5000 + "]" * 5000)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    output = result.stdout.str()
    assert "Traceback" not in output
    assert len(output) < 5000
    result.stdout.fnmatch_lines(["*ScenarioError*nested deeper than 64 levels*"])


@pytest.mark.parametrize("share", ["Infinity", "NaN", "1e999999999", "1/0"])
def test_a_share_of_infinity_is_a_one_line_error(pytester: pytest.Pytester, share: str) -> None:
    pytester.makefile(".toml", scenario_inf=GOOD.replace('share = "1/3"', f'share = "{share}"'))
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    output = result.stdout.str()
    assert "Traceback" not in output
    assert len(output) < 5000, output
    result.stdout.fnmatch_lines([f"*{share}*"])
