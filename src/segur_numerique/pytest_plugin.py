"""pytest plugin of the vendor conformance kit (collects scenario files).

Registered through the ``pytest11`` entry point: installing ``segur-numerique`` is enough. In a
project that has no scenario files it does nothing. Files named ``scenario_*.toml``,
``scenario_*.json``, ``*.scenario.toml`` or ``*.scenario.json`` become test files with one test per
scenario; a failing scenario shows the expected and computed values, the difference and the
explanation (as ``segur-numerique verify`` does). ``--scenario-lang en`` switches the report to
English (French by default); ``-p no:segur_numerique`` disables the plugin.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from segur_numerique.core.text import printable
from segur_numerique.errors import SegurError
from segur_numerique.kit.scenarios import Scenario, is_scenario_file, load_scenarios
from segur_numerique.kit.verify import ScenarioResult, run_scenario


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--scenario-lang``."""
    group = parser.getgroup("segur_numerique", "Ségur Numérique conformance scenarios")
    group.addoption(
        "--scenario-lang",
        default="fr",
        choices=("fr", "en"),
        help="language of scenario failure reports (default fr)",
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect scenario files; ignore every other file."""
    if is_scenario_file(file_path):
        collected: ScenarioFile = ScenarioFile.from_parent(parent, path=file_path)
        return collected
    return None


class ScenarioFile(pytest.File):
    """A scenario file: one test item per scenario."""

    def collect(self) -> Iterator[pytest.Item]:
        """One item per scenario; a malformed file is ONE failed item with its one-line error.

        The rest of the session still runs: a bad scenario file is not a collection error.
        """
        try:
            scenarios = load_scenarios(self.path)
        except SegurError as exc:
            yield MalformedScenarioFile.from_parent(self, name="malformed scenario file", error=exc)
            return
        for scenario in scenarios:
            label = (
                scenario.name if scenario.index is None else f"{scenario.index}: {scenario.name}"
            )
            yield ScenarioItem.from_parent(self, name=label, scenario=scenario)


class MalformedScenarioFile(pytest.Item):
    """The test item standing for a scenario file that cannot be read: it fails with one line."""

    def __init__(self, *, error: SegurError, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error = error

    def runtest(self) -> None:
        """Fail with the file's error."""
        raise self.error

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        """The one-line error (its type and message, control characters escaped)."""
        return printable(f"{type(excinfo.value).__name__}: {excinfo.value}")

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """The file, for the test report."""
        return self.path, None, f"malformed scenario file: {self.path.name}"


class ScenarioItem(pytest.Item):
    """One scenario, run as a test."""

    def __init__(self, *, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def runtest(self) -> None:
        """Run the scenario; raise :class:`ScenarioFailedError` on a mismatch."""
        result = run_scenario(self.scenario)
        if not result.passed:
            raise ScenarioFailedError(result)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        """The readable diff and explanation (or the one-line error of a malformed scenario)."""
        lang = self.config.getoption("scenario_lang", "fr")
        if isinstance(excinfo.value, ScenarioFailedError):
            return excinfo.value.result.render(lang)
        if isinstance(excinfo.value, SegurError):
            return printable(f"{type(excinfo.value).__name__}: {excinfo.value}")
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the scenario is, for the test report."""
        return self.path, None, f"scenario: {self.scenario.name}"


class ScenarioFailedError(Exception):
    """A scenario did not give the expected outputs."""

    def __init__(self, result: ScenarioResult) -> None:
        self.result = result
        super().__init__(result.scenario.name)
