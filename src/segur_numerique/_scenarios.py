"""The vendor conformance kit: scenario files with exact expected results, and their verification.

A **scenario** names a computation of the library, gives its inputs and the exact outputs a vendor
expects (no error margin: amounts to the cent, rates as exact fractions), and may overlay rule
values (the what-if grammar of :func:`~segur_numerique.with_overrides`, e.g. the targets of an
official guide the vendor holds). Scenario files are TOML or JSON, in the format
``segur_numerique.scenario/v1`` whose JSON Schema is :func:`scenario_json_schema`::

    format = "segur_numerique.scenario/v1"
    name = "e-parcours: DAC forfait for one bassin of 300,000 inhabitants"
    programme = "e_parcours"
    computation = "rules.read"

    [inputs]
    key = "e_parcours.forfait.dac"

    [expected]
    value = "800 000 €"

A file holds one scenario, or several under ``[[scenarios]]``. :func:`verify_paths` runs every
scenario of files and folders and returns one :class:`ScenarioResult` each; the command
``segur-numerique verify`` and the pytest plugin (``segur_numerique.pytest_plugin``) print, for each
mismatch, the expected and computed values, the difference and the explanation.

The registry :data:`COMPUTATIONS` maps computation names to adapters around the library's public
functions (see :func:`computations`).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import tomllib
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from segur_numerique._rules import RuleSet, illustrative_assumptions, load_rules
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation
from segur_numerique.core.money import Euro
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.validators import parse_iso_date, read_text_file
from segur_numerique.core.values import JsonValue, encode_value, render_value
from segur_numerique.errors import InvalidInputError, SegurError

SCENARIO_FORMAT = "segur_numerique.scenario/v1"
"""The ``format`` field of scenario files."""

SCENARIO_PATTERNS = ("scenario_*.toml", "scenario_*.json", "*.scenario.toml", "*.scenario.json")
"""File names recognised as scenario files (by ``verify`` on folders and by the pytest plugin)."""

PROGRAMMES = ("sun_es", "sons", "hopen", "esms", "avenant9", "e_parcours", "segur")
"""The programme codes a scenario may name (``segur`` for the programme tree as a whole)."""

_SCENARIO_KEYS = frozenset(
    {"name", "description", "programme", "computation", "rules", "parameters", "inputs"}
    | {"expected", "expected_error", "tags"}
)


class ScenarioError(InvalidInputError):
    """A scenario file is malformed (``where`` names the file and the path inside it)."""


# --------------------------------------------------------------------------------------------
# Inputs: typed readers that name the path of a bad input.


@attrs.define
class Inputs:
    """The inputs of one scenario, read by type; each read is remembered, so unused inputs are reported.

    Every reader raises :class:`ScenarioError` naming ``<file>: <scenario>.inputs.<name>``.
    """

    values: Mapping[str, object]
    where: str
    used: set[str] = attrs.field(factory=set)

    def _raw(self, name: str, default: object, required: bool) -> object:
        self.used.add(name)
        if name in self.values:
            return self.values[name]
        if required:
            raise ScenarioError("this input is required", where=f"{self.where}.{name}")
        return default

    def error(self, name: str, what: str) -> ScenarioError:
        """An error about the input ``name``."""
        return ScenarioError(what, where=f"{self.where}.{name}")

    def has(self, name: str) -> bool:
        """Whether the scenario gives ``name``."""
        return name in self.values

    def text(
        self, name: str, *, choices: Iterable[str] | None = None, default: str | None = None
    ) -> str:
        """A string input (one of ``choices`` if given)."""
        raw = self._raw(name, default, default is None)
        if not isinstance(raw, str):
            raise self.error(name, f"expected a string, got {raw!r}")
        allowed = tuple(choices or ())
        if allowed and raw not in allowed:
            raise self.error(name, f"expected one of {', '.join(allowed)}, got {raw!r}")
        return raw

    def optional_text(self, name: str) -> str | None:
        """A string input that may be absent."""
        return self.text(name) if self.has(name) else self._raw(name, None, False)  # type: ignore[return-value]

    def integer(self, name: str, *, default: int | None = None, minimum: int | None = 0) -> int:
        """A whole number (``minimum`` 0 by default)."""
        raw = self._raw(name, default, default is None)
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise self.error(name, f"expected a whole number, got {raw!r}")
        if minimum is not None and raw < minimum:
            raise self.error(name, f"must be at least {minimum}, got {raw}")
        return raw

    def boolean(self, name: str, *, default: bool | None = None) -> bool:
        """``true`` or ``false``."""
        raw = self._raw(name, default, default is None)
        if not isinstance(raw, bool):
            raise self.error(name, f"expected true or false, got {raw!r}")
        return raw

    def euro(self, name: str) -> Euro:
        """An amount written as a string (``"800 000 €"``, ``"1234.56"``)."""
        raw = self._raw(name, None, True)
        try:
            return parse_euro(raw)
        except InvalidInputError as exc:
            raise self.error(name, exc.what) from None

    def ratio(self, name: str) -> Fraction:
        """A rate written as a string (``"60 %"``, ``"3/5"``, ``"0.6"``)."""
        raw = self._raw(name, None, True)
        try:
            return parse_fraction(raw)
        except InvalidInputError as exc:
            raise self.error(name, exc.what) from None

    def date(self, name: str, *, required: bool = True) -> dt.date:
        """A date (a TOML date or an ISO string)."""
        raw = self._raw(name, None, required)
        try:
            return parse_date(raw)
        except InvalidInputError as exc:
            raise self.error(name, exc.what) from None

    def optional_date(self, name: str) -> dt.date | None:
        """A date that may be absent."""
        return self.date(name) if self.has(name) else self._raw(name, None, False)  # type: ignore[return-value]

    def datetime(self, name: str) -> dt.datetime:
        """A date-time with a UTC offset (a TOML offset date-time or an ISO string)."""
        raw = self._raw(name, None, True)
        if isinstance(raw, str):
            try:
                raw = dt.datetime.fromisoformat(raw)
            except ValueError:
                raise self.error(name, f"expected an ISO date-time, got {raw!r}") from None
        if not isinstance(raw, dt.datetime) or raw.tzinfo is None:
            raise self.error(name, f"expected a date-time with a UTC offset, got {raw!r}")
        return raw

    def mapping(self, name: str) -> Mapping[str, object]:
        """A table (a TOML table or a JSON object)."""
        raw = self._raw(name, None, True)
        if not isinstance(raw, Mapping):
            raise self.error(name, f"expected a table, got {raw!r}")
        return raw

    def unused(self) -> tuple[str, ...]:
        """The inputs the computation did not read (a typo in the scenario, most of the time)."""
        return tuple(sorted(set(self.values) - self.used))


def parse_euro(raw: object) -> Euro:
    """An amount from a scenario: a string, or ``{"type": "euro", "value": ...}``.

    >>> parse_euro("800 000 €"), parse_euro("1050.00"), parse_euro({"type": "euro", "value": "1.5"})
    (Euro('800000.00'), Euro('1050.00'), Euro('1.50'))
    """
    if isinstance(raw, Mapping) and raw.get("type") == "euro":
        raw = raw.get("value")
    if isinstance(raw, Euro):
        return raw
    if not isinstance(raw, str):
        raise InvalidInputError(f"write an amount as a string ('800 000 €'), not {raw!r}")
    return Euro.parse(raw) if any(c in raw for c in "€EUR") else Euro(raw.strip())


def parse_fraction(raw: object) -> Fraction:
    """A rate or exact number from a scenario: ``"60 %"``, ``"3/5"``, ``"0.6"``, an int.

    >>> (
    ...     parse_fraction("60 %"),
    ...     parse_fraction("3/5"),
    ...     parse_fraction({"type": "fraction", "value": "1/3"}),
    ... )
    (Fraction(3, 5), Fraction(3, 5), Fraction(1, 3))
    """
    if isinstance(raw, Mapping) and raw.get("type") in {"fraction", "decimal"}:
        raw = raw.get("value")
    if isinstance(raw, Fraction):
        return raw
    if isinstance(raw, bool | float):
        raise InvalidInputError(f"write a rate as a string ('60 %', '3/5'), not {raw!r}")
    if isinstance(raw, int):
        return Fraction(raw)
    if not isinstance(raw, str):
        raise InvalidInputError(f"write a rate as a string ('60 %', '3/5'), not {raw!r}")
    text = raw.strip().replace(",", ".").replace("\u00a0", " ").replace("\u202f", " ")
    try:
        if text.endswith("%"):
            return Fraction(Decimal(text[:-1].strip())) / 100
        if "/" in text:
            return Fraction(text.replace(" ", ""))
        return Fraction(Decimal(text))
    except (InvalidOperation, ValueError, ZeroDivisionError):
        raise InvalidInputError(f"cannot read the rate {raw!r}") from None


def parse_date(raw: object) -> dt.date:
    """A date from a scenario: a TOML date, an ISO string or ``{"type": "date", ...}``."""
    if isinstance(raw, Mapping) and raw.get("type") == "date":
        raw = raw.get("value")
    return parse_iso_date(raw)


# --------------------------------------------------------------------------------------------
# Computations: the registry of what a scenario may ask for.


@attrs.frozen
class Computed:
    """What an adapter returns: named outputs, and the explanation of the computation."""

    outputs: Mapping[str, object]
    explanation: Explanation | None = None


Adapter = Callable[[Inputs, RuleSet], Computed]


@attrs.frozen
class Computation:
    """A computation a scenario may name: its programme, a bilingual title, its inputs and outputs."""

    name: str
    programme: str
    title: Text
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    run: Adapter = attrs.field(repr=False)

    def describe(self, lang: Lang = "en") -> str:
        """One line: name, title, inputs and outputs."""
        return (
            f"{self.name} ({self.programme}): {self.title.in_(lang)}; "
            f"inputs: {', '.join(self.inputs)}; outputs: {', '.join(self.outputs)}"
        )


def _rules_read(inputs: Inputs, rules: RuleSet) -> Computed:
    key = inputs.text("key")
    on = inputs.optional_date("on")
    alternative = inputs.optional_text("alternative")
    read = rules.read(key, on=on, alternative=alternative)
    explanation = Explanation(
        rule="rules.read",
        title=Text(fr="Lecture d'une valeur de règle", en="Read a rule value"),
        outcome=Text(fr=f"{key} lue", en=f"{key} read"),
        result=read.value,
        parameters=(read,),
    )
    return Computed(
        {
            "value": read.value,
            "status": read.status.value,
            "origin": read.origin.value,
            "since": read.since,
        },
        explanation,
    )


def _money_scale(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.core.explanation import InputValue, RoundingStep  # noqa: PLC0415
    from segur_numerique.core.rounding import CENT_HALF_UP  # noqa: PLC0415

    amount = inputs.euro("amount")
    share = inputs.ratio("share")
    exact = amount.value * share
    result = amount.scale(share)
    explanation = Explanation(
        rule="money.scale",
        title=Text(fr="Part d'un montant", en="Share of an amount"),
        outcome=Text(fr="part arrondie au centime", en="share rounded to the cent"),
        result=result,
        inputs=(InputValue("amount", amount), InputValue("share", share)),
        rounding=(RoundingStep(Text(fr="part", en="share"), exact, result.value, CENT_HALF_UP),),
    )
    return Computed({"amount": result}, explanation)


_BUILTINS: tuple[Computation, ...] = (
    Computation(
        "rules.read",
        "segur",
        Text(fr="Valeur de règle, avec son statut", en="A rule value, with its status"),
        ("key", "on?", "alternative?"),
        ("value", "status", "origin", "since"),
        _rules_read,
    ),
    Computation(
        "money.scale",
        "segur",
        Text(fr="Part d'un montant, arrondie au centime", en="Share of an amount, to the cent"),
        ("amount", "share"),
        ("amount",),
        _money_scale,
    ),
)


def _programme_computations() -> tuple[Computation, ...]:
    from segur_numerique._scenario_adapters import ADAPTERS  # noqa: PLC0415

    return ADAPTERS


def computations() -> Mapping[str, Computation]:
    """Every computation a scenario may name, by name (read-only).

    >>> computations()["rules.read"].programme
    'segur'
    """
    found = {c.name: c for c in (*_BUILTINS, *_programme_computations())}
    return types.MappingProxyType(found)


# --------------------------------------------------------------------------------------------
# Scenarios: loading and validation.


@attrs.frozen
class Scenario:
    """One scenario of a scenario file."""

    name: str
    computation: str
    programme: str
    inputs: Mapping[str, object]
    expected: Mapping[str, object]
    file: str
    index: int | None = None
    description: str | None = None
    rules: str = "official"
    parameters: Mapping[str, object] = attrs.field(factory=dict)
    expected_error: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """``file`` or ``file: scenarios[i]``, for messages."""
        return self.file if self.index is None else f"{self.file}: scenarios[{self.index}]"

    def at(self, path: str) -> str:
        """``file: path`` or ``file: scenarios[i].path``, naming a field in messages."""
        return _path(self.file, self.index, path)

    @property
    def id(self) -> str:
        """A short identifier: the file name, plus the index in a multi-scenario file."""
        name = Path(self.file).name
        return name if self.index is None else f"{name}[{self.index}]"


def _path(file: str, index: int | None, path: str) -> str:
    return f"{file}: {path}" if index is None else f"{file}: scenarios[{index}].{path}"


def _plain(value: object) -> object:
    """TOML dates to ISO strings, recursively (for schema checks and JSON output)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def read_scenario_document(path: str | Path) -> dict[str, Any]:
    """The raw document of a scenario file (TOML or JSON, by extension).

    Raises:
        ScenarioError: the file cannot be read or parsed.
    """
    file = Path(path)
    text = read_text_file(file, error=ScenarioError)
    if file.suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ScenarioError(f"malformed TOML: {exc}", where=str(file)) from None
    if file.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ScenarioError(f"malformed JSON: {exc}", where=str(file)) from None
        if not isinstance(data, dict):
            raise ScenarioError("a scenario file is a JSON object", where=str(file))
        return data
    raise ScenarioError("a scenario file ends in .toml or .json", where=str(file))


def _scenario(raw: object, file: str, index: int | None) -> Scenario:
    where = file if index is None else f"{file}: scenarios[{index}]"
    if not isinstance(raw, Mapping):
        raise ScenarioError("a scenario is a table", where=where)
    extra = sorted(set(raw) - _SCENARIO_KEYS - ({"format"} if index is None else set()))
    if extra:
        raise ScenarioError(
            f"unexpected field(s) {', '.join(extra)}; expected {', '.join(sorted(_SCENARIO_KEYS))}",
            where=where,
        )

    def text(name: str, *, required: bool = True) -> str | None:
        value = raw.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise ScenarioError(f"{name} must be a non-empty string, got {value!r}", where=where)
        return value

    def table(name: str) -> Mapping[str, object]:
        value = raw.get(name, {})
        if not isinstance(value, Mapping):
            raise ScenarioError(
                f"{name} must be a table, got {value!r}", where=_path(file, index, name)
            )
        return value

    name = text("name")
    computation = text("computation")
    programme = text("programme")
    assert name is not None
    assert computation is not None
    assert programme is not None
    if programme not in PROGRAMMES:
        raise ScenarioError(
            f"unknown programme {programme!r}; expected one of {', '.join(PROGRAMMES)}",
            where=_path(file, index, "programme"),
        )
    known = computations()
    if computation not in known:
        import difflib  # noqa: PLC0415

        close = difflib.get_close_matches(computation, list(known), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ScenarioError(
            f"unknown computation {computation!r}{hint} (see `segur-numerique verify --list`)",
            where=_path(file, index, "computation"),
        )
    rules = raw.get("rules", "official")
    if rules not in {"official", "illustrative"}:
        raise ScenarioError(
            f"rules must be 'official' or 'illustrative', got {rules!r}",
            where=_path(file, index, "rules"),
        )
    expected = table("expected")
    expected_error = text("expected_error", required=False)
    if bool(expected) == bool(expected_error):
        raise ScenarioError(
            "give exactly one of 'expected' (a non-empty table of outputs) or 'expected_error'",
            where=where,
        )
    outputs = known[computation].outputs
    unknown_outputs = sorted(set(expected) - set(outputs))
    if unknown_outputs:
        raise ScenarioError(
            f"{computation!r} has no output {', '.join(unknown_outputs)}; its outputs are "
            f"{', '.join(outputs)}",
            where=_path(file, index, "expected"),
        )
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ScenarioError("tags must be a list of strings", where=_path(file, index, "tags"))
    description = text("description", required=False)
    return Scenario(
        name=name,
        computation=computation,
        programme=programme,
        inputs=dict(table("inputs")),
        expected=dict(expected),
        file=file,
        index=index,
        description=description,
        rules=rules,
        parameters=dict(table("parameters")),
        expected_error=expected_error,
        tags=tuple(tags),
    )


def load_scenarios(path: str | Path) -> tuple[Scenario, ...]:
    """The scenarios of one file, validated (format, fields, computation, output names).

    Raises:
        ScenarioError: the file is malformed; the message names the file and the field.
    """
    file = str(path)
    data = read_scenario_document(path)
    if data.get("format") != SCENARIO_FORMAT:
        raise ScenarioError(
            f"format must be {SCENARIO_FORMAT!r}, got {data.get('format')!r}",
            where=f"{file}: format",
        )
    if "scenarios" in data:
        extra = sorted(set(data) - {"format", "scenarios"})
        if extra:
            raise ScenarioError(
                f"a file with [[scenarios]] has no other field; found {', '.join(extra)}",
                where=file,
            )
        items = data["scenarios"]
        if not isinstance(items, list) or not items:
            raise ScenarioError("scenarios must be a non-empty list", where=f"{file}: scenarios")
        return tuple(_scenario(item, file, i) for i, item in enumerate(items))
    return (_scenario(data, file, None),)


def is_scenario_file(path: Path) -> bool:
    """Whether ``path``'s name matches :data:`SCENARIO_PATTERNS`."""
    return any(path.match(pattern) for pattern in SCENARIO_PATTERNS)


def scenario_files(paths: Iterable[str | Path]) -> tuple[Path, ...]:
    """The files named, and the scenario files found (recursively) in the folders named.

    Raises:
        ScenarioError: a path does not exist, or a folder holds no scenario file.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and is_scenario_file(p))
            if not inside:
                raise ScenarioError(
                    f"no scenario file ({', '.join(SCENARIO_PATTERNS)}) in this folder",
                    where=str(path),
                )
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise ScenarioError("no such file or folder", where=str(path))
    return tuple(found)


def shipped_scenarios() -> Path:
    """The folder of the scenarios shipped with the package (one or more per programme)."""
    return Path(str(resources.files("segur_numerique").joinpath("scenarios")))


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of scenario files."""
    path = resources.files("segur_numerique").joinpath("schemas/scenario.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def scenario_document_for_schema(path: str | Path) -> dict[str, Any]:
    """The raw document with TOML dates as ISO strings, ready for a JSON Schema validator."""
    plain = _plain(read_scenario_document(path))
    assert isinstance(plain, dict)
    return plain


# --------------------------------------------------------------------------------------------
# Running and comparing.


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


@attrs.frozen
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


def run_scenario(scenario: Scenario) -> ScenarioResult:
    """Run one scenario and compare its outputs with the expected ones, exactly.

    A computation that raises a :class:`~segur_numerique.SegurError` (e.g. a missing parameter)
    fails the scenario with that error, unless the scenario expects it (``expected_error``).

    Raises:
        ScenarioError: the scenario itself is malformed (a bad input, an unused input, an expected
            value that cannot be read with the type of the output).
    """
    from segur_numerique._whatif import OverrideError, with_overrides  # noqa: PLC0415

    rules = _base_rules(scenario.rules)
    if scenario.parameters:
        try:
            rules = with_overrides(rules, scenario.parameters, name=f"scenario {scenario.name}")
        except OverrideError as exc:
            raise ScenarioError(
                exc.what, where=scenario.at(f"parameters: {exc.where or ''}".rstrip(": "))
            ) from None
    computation = computations()[scenario.computation]
    inputs = Inputs(scenario.inputs, scenario.at("inputs"))
    try:
        computed = computation.run(inputs, rules)
    except ScenarioError:
        raise
    except SegurError as exc:
        return ScenarioResult(scenario, error=f"{type(exc).__name__}: {exc}")
    unused = inputs.unused()
    if unused:
        raise ScenarioError(
            f"input(s) {', '.join(unused)} not used by {scenario.computation!r} "
            f"(its inputs: {', '.join(computation.inputs)})",
            where=scenario.at("inputs"),
        )
    mismatches = []
    for output, raw in scenario.expected.items():
        computed_value = computed.outputs.get(output)
        expected = _expected_as(computed_value, raw, scenario.at(f"expected.{output}"))
        if not _same(expected, computed_value):
            mismatches.append(
                Mismatch(output, expected, computed_value, _difference(expected, computed_value))
            )
    return ScenarioResult(scenario, tuple(mismatches), dict(computed.outputs), computed.explanation)


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


def iter_results(paths: Iterable[str | Path]) -> Iterator[ScenarioResult]:
    """Like :func:`verify_paths`, one result at a time (files are validated as they come)."""
    for file in scenario_files(paths):
        for scenario in load_scenarios(file):
            yield run_scenario(scenario)
