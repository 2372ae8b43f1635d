"""Running scenarios and comparing their outputs with the expected ones, exactly.

:func:`verify_paths` runs every scenario of files and folders and returns one
:class:`ScenarioResult` each; the command ``segur-numerique verify`` and the pytest plugin
(``segur_numerique.pytest_plugin``) print, for each mismatch, the expected and computed values, the
difference and the explanation. A scenario runs its computation through
:meth:`~segur_numerique.rules.computation.Computation.evaluate`, the same code as
:func:`~segur_numerique.kit.compute.compute`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from pathlib import Path

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation
from segur_numerique.core.headline import Fact, Headline, Table, table
from segur_numerique.core.money import Euro
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.values import JsonValue, encode_value, render_value
from segur_numerique.errors import (
    BrokenSumError,
    InvalidInputError,
    OverrideError,
    ScenarioError,
    SegurError,
)
from segur_numerique.kit.registry import find_computation
from segur_numerique.kit.scenarios import Scenario, load_scenarios, scenario_files
from segur_numerique.rules.computation import parse_date, parse_euro, parse_fraction
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.overrides import with_overrides
from segur_numerique.rules.parameters import illustrative_assumptions


@attrs.frozen
class Mismatch:
    """An output whose computed value differs from the expected one."""

    output: str
    expected: object
    computed: object
    difference: object = None

    def render(self, lang: Lang = "en") -> str:
        """``output: expected X, computed Y (difference Z)``."""
        fr = check_lang(lang) == "fr"
        line = (
            f"{self.output}: {'attendu' if fr else 'expected'} {render_value(self.expected, lang)}, "
            f"{'calculé' if fr else 'computed'} {render_value(self.computed, lang)}"
        )
        if self.difference is not None:
            line += f" ({'écart' if fr else 'difference'} {render_value(self.difference, lang)})"
        return line

    def to_json(self) -> dict[str, JsonValue]:
        """The mismatch as JSON."""
        return {
            "output": self.output,
            "expected": encode_value(self.expected),
            "computed": encode_value(self.computed),
            "difference": encode_value(self.difference),
        }


@attrs.frozen(repr=False)
class ScenarioResult(HtmlResult):
    """The verdict on one scenario: passed or not, each mismatch, and the explanation."""

    scenario: Scenario
    mismatches: tuple[Mismatch, ...] = ()
    outputs: Mapping[str, object] = attrs.field(factory=dict)
    explanation: Explanation | None = None
    error: str | None = None
    """The error raised by the computation, as ``ErrorClass: message`` (when there was one)."""

    @property
    def passed(self) -> bool:
        """Whether every expected output (or the expected error) was found."""
        if self.scenario.expected_error is not None:
            return self.error is not None and self.error.split(":", 1)[0] == (
                self.scenario.expected_error
            )
        return self.error is None and not self.mismatches

    def _headline(self) -> Headline:
        facts = [
            Fact("computation", Text(fr="calcul", en="computation"), self.scenario.computation)
        ]
        if self.error is not None:
            facts.append(Fact("error", Text(fr="erreur", en="error"), self.error))
        return Headline(
            title=Text(fr=f"Scénario {self.scenario.name}", en=f"Scenario {self.scenario.name}"),
            verdict=self.passed,
            name=self.scenario.name,
            verdict_name="passed",
            yes=Text(fr="réussi", en="passed"),
            no=Text(fr="échoué", en="failed"),
            facts=tuple(facts),
        )

    def _tables(self) -> tuple[Table, ...]:
        rows: list[tuple[object, ...]] = [
            (m.output, m.expected, m.computed, m.difference) for m in self.mismatches
        ]
        header = (
            Text(fr="sortie", en="output"),
            Text(fr="attendu", en="expected"),
            Text(fr="calculé", en="computed"),
            Text(fr="écart", en="difference"),
        )
        return (table(Text(fr="Écarts", en="Mismatches"), header, rows),) if rows else ()

    def render(self, lang: Lang = "en", *, explain: bool = True) -> str:
        """``ok``/``FAIL`` with the scenario, then each difference and the explanation."""
        fr = check_lang(lang) == "fr"
        head = "ok  " if self.passed else ("ÉCHEC" if fr else "FAIL")
        lines = [f"{head} {self.scenario.where} :: {self.scenario.name}"]
        if self.passed:
            return lines[0]
        if self.scenario.expected_error is not None:
            got = self.error or ("aucune erreur" if fr else "no error")
            lines.append(
                f"  {'erreur attendue' if fr else 'expected error'} "
                f"{self.scenario.expected_error}, {'obtenu' if fr else 'got'}: {got}"
            )
        elif self.error is not None:
            lines.append(f"  {'erreur' if fr else 'error'}: {self.error}")
        if self.mismatches:
            lines.append("  --- " + ("attendu" if fr else "expected"))
            lines.append("  +++ " + ("calculé" if fr else "computed"))
            for m in self.mismatches:
                lines.append(f"  - {m.output} = {render_value(m.expected, lang)}")
                lines.append(f"  + {m.output} = {render_value(m.computed, lang)}")
            lines.extend(f"  {m.render(lang)}" for m in self.mismatches)
        if explain and self.explanation is not None:
            lines.append(f"  {'Explication' if fr else 'Explanation'}:")
            lines.append(self.explanation.render(lang, indent=2))
        return "\n".join(lines)

    def to_json(self) -> dict[str, JsonValue]:
        """The verdict as JSON."""
        return {
            "file": self.scenario.file,
            "index": self.scenario.index,
            "name": self.scenario.name,
            "computation": self.scenario.computation,
            "passed": self.passed,
            "error": self.error,
            "mismatches": [m.to_json() for m in self.mismatches],
            "outputs": {k: encode_value(v) for k, v in self.outputs.items()},
            "explanation": self.explanation.to_json() if self.explanation else None,
        }


def _expected_as(computed: object, expected: object, where: str) -> object:
    """``expected`` read with the type of ``computed`` (so ``"800 000 €"`` compares to a Euro)."""
    try:
        if isinstance(computed, Euro):
            return parse_euro(expected)
        if isinstance(computed, bool):
            if not isinstance(expected, bool):
                raise InvalidInputError(f"expected true or false, got {expected!r}")
            return expected
        if isinstance(computed, Fraction):
            return parse_fraction(expected)
        if isinstance(computed, dt.datetime):
            if isinstance(expected, str):
                return dt.datetime.fromisoformat(expected)
            return expected
        if isinstance(computed, dt.date):
            return parse_date(expected)
        if isinstance(computed, enum.Enum):
            return expected
        if isinstance(computed, tuple) and isinstance(expected, list):
            if len(expected) != len(computed):
                return tuple(expected)
            return tuple(
                _expected_as(c, e, f"{where}[{i}]")
                for i, (c, e) in enumerate(zip(computed, expected, strict=True))
            )
        if isinstance(computed, int) and isinstance(expected, str):
            return parse_fraction(expected)
    except (InvalidInputError, ValueError) as exc:
        what = exc.what if isinstance(exc, InvalidInputError) else str(exc)
        raise ScenarioError(what, where=where) from None
    return expected


def _comparable(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _same(expected: object, computed: object) -> bool:
    """Exact equality; whole numbers and fractions compare by value, booleans only to booleans."""
    expected, computed = _comparable(expected), _comparable(computed)
    if isinstance(expected, bool) or isinstance(computed, bool):
        return isinstance(expected, bool) and isinstance(computed, bool) and expected == computed
    if isinstance(expected, int | Fraction) and isinstance(computed, int | Fraction):
        return expected == computed
    return type(expected) is type(computed) and expected == computed


def _difference(expected: object, computed: object) -> object:
    if isinstance(expected, Euro) and isinstance(computed, Euro):
        return computed - expected
    if (
        isinstance(expected, int | Fraction)
        and isinstance(computed, int | Fraction)
        and not isinstance(expected, bool)
        and not isinstance(computed, bool)
    ):
        return computed - expected
    return None


def _base_rules(which: str) -> RuleSet:
    return illustrative_assumptions() if which == "illustrative" else load_rules()


def scenario_rules(scenario: Scenario) -> RuleSet:
    """The rule set of ``scenario``: official or illustrative, with its ``parameters`` overlaid.

    Raises:
        ScenarioError: an override of ``parameters`` is malformed, or makes parts of a sum check
            no longer add up to their whole (the message names it).
    """
    rules = _base_rules(scenario.rules)
    if not scenario.parameters:
        return rules
    try:
        return with_overrides(scenario.parameters, name=f"scenario {scenario.name}", rules=rules)
    except OverrideError as exc:
        raise ScenarioError(
            exc.what, where=scenario.at(f"parameters: {exc.where or ''}".rstrip(": "))
        ) from None
    except BrokenSumError as exc:
        raise ScenarioError(exc.problem, where=scenario.at(f"parameters: {exc.path}")) from None


def _mismatches(scenario: Scenario, outputs: Mapping[str, object]) -> tuple[Mismatch, ...]:
    found = []
    for output, raw in scenario.expected.items():
        computed_value = outputs.get(output)
        expected = _expected_as(computed_value, raw, scenario.at(f"expected.{output}"))
        if not _same(expected, computed_value):
            found.append(
                Mismatch(output, expected, computed_value, _difference(expected, computed_value))
            )
    return tuple(found)


def run_scenario(scenario: Scenario) -> ScenarioResult:
    """Run one scenario and compare its outputs with the expected ones, exactly.

    A computation that raises a :class:`~segur_numerique.errors.SegurError` (e.g. a missing parameter)
    fails the scenario with that error, unless the scenario expects it (``expected_error``).

    Raises:
        ScenarioError: the scenario itself is malformed (a bad input, an unused input, an expected
            value that cannot be read with the type of the output).
    """
    rules = scenario_rules(scenario)
    computation = find_computation(scenario.computation, where=scenario.at("computation"))
    try:
        computed = computation.evaluate(scenario.inputs, rules, where=scenario.at("inputs"))
    except ScenarioError:
        raise
    except SegurError as exc:
        return ScenarioResult(scenario, error=f"{type(exc).__name__}: {exc}")
    mismatches = _mismatches(scenario, computed.outputs)
    return ScenarioResult(scenario, mismatches, dict(computed.outputs), computed.explanation)


def verify_paths(paths: Iterable[str | Path]) -> tuple[ScenarioResult, ...]:
    """Run every scenario of the files and folders ``paths``; one result per scenario.

    Raises:
        ScenarioError: a path is missing or a scenario file is malformed.
    """
    return tuple(
        run_scenario(scenario)
        for file in scenario_files(paths)
        for scenario in load_scenarios(file)
    )


VERIFICATION_FORMAT = "segur_numerique.verification/v1"
"""The ``format`` field of :func:`verification_document`."""


def verification_document(results: Sequence[ScenarioResult]) -> dict[str, JsonValue]:
    """The verdicts as one document (``verify --json``, ``POST /verify``): counts and results."""
    failed = sum(1 for r in results if not r.passed)
    return {
        "format": VERIFICATION_FORMAT,
        "passed": len(results) - failed,
        "failed": failed,
        "results": [r.to_json() for r in results],
    }


def iter_results(paths: Iterable[str | Path]) -> Iterator[ScenarioResult]:
    """Like :func:`verify_paths`, one result at a time (files are validated as they come)."""
    for file in scenario_files(paths):
        for scenario in load_scenarios(file):
            yield run_scenario(scenario)
