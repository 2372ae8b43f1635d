"""Scenario files: their format, loading and validation (the vendor conformance kit).

A **scenario** names a computation of the library, gives its inputs and the exact outputs a vendor
expects (no error margin: amounts to the cent, rates as exact fractions), and may overlay rule
values (the what-if grammar of :func:`~segur_numerique.whatif.with_overrides`, e.g. the targets of an
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

A file holds one scenario, or several under ``[[scenarios]]``. Loading checks what a schema cannot:
that the computation exists (:mod:`segur_numerique.kit.registry`) and that the expected outputs are
outputs of that computation. :mod:`segur_numerique.kit.verify` runs them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from segur_numerique.core.inputs import read_document
from segur_numerique.core.text import plural_word
from segur_numerique.errors import InputFileError, ScenarioError
from segur_numerique.kit.registry import find_computation

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
    try:
        data = read_document(file, what="scenario file")
    except InputFileError as exc:
        raise ScenarioError(exc.what, where=exc.location) from None
    if not isinstance(data, dict):
        raise ScenarioError("a scenario file is a JSON object", where=str(file))
    return data


@attrs.frozen
class _Fields:
    """The fields of one raw scenario, read with the path of a bad one in each message."""

    raw: Mapping[str, object]
    file: str
    index: int | None

    @property
    def where(self) -> str:
        return self.file if self.index is None else f"{self.file}: scenarios[{self.index}]"

    def at(self, name: str) -> str:
        return _path(self.file, self.index, name)

    def text(self, name: str) -> str:
        value = self.raw.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ScenarioError(
                f"{name} must be a non-empty string, got {value!r}", where=self.where
            )
        return value

    def optional_text(self, name: str) -> str | None:
        return None if self.raw.get(name) is None else self.text(name)

    def table(self, name: str) -> Mapping[str, object]:
        value = self.raw.get(name, {})
        if not isinstance(value, Mapping):
            raise ScenarioError(f"{name} must be a table, got {value!r}", where=self.at(name))
        return value


def _check_keys(raw: object, where: str, *, top_level: bool) -> Mapping[str, object]:
    if not isinstance(raw, Mapping):
        raise ScenarioError("a scenario is a table", where=where)
    extra = sorted(set(raw) - _SCENARIO_KEYS - ({"format"} if top_level else set()))
    if extra:
        raise ScenarioError(
            f"{plural_word(len(extra), 'en', 'unexpected field', 'unexpected fields')} "
            f"{', '.join(extra)}; expected {', '.join(sorted(_SCENARIO_KEYS))}",
            where=where,
        )
    return raw


def _programme(fields: _Fields) -> str:
    programme = fields.text("programme")
    if programme not in PROGRAMMES:
        raise ScenarioError(
            f"unknown programme {programme!r}; expected one of {', '.join(PROGRAMMES)}",
            where=fields.at("programme"),
        )
    return programme


def _rules_choice(fields: _Fields) -> str:
    rules = fields.raw.get("rules", "official")
    if rules not in {"official", "illustrative"}:
        raise ScenarioError(
            f"rules must be 'official' or 'illustrative', got {rules!r}", where=fields.at("rules")
        )
    assert isinstance(rules, str)
    return rules


def _expectation(
    fields: _Fields, outputs: tuple[str, ...], computation: str
) -> tuple[dict[str, object], str | None]:
    """``(expected, expected_error)``: exactly one is given, and the outputs exist."""
    expected = fields.table("expected")
    expected_error = fields.optional_text("expected_error")
    if bool(expected) == bool(expected_error):
        raise ScenarioError(
            "give exactly one of 'expected' (a non-empty table of outputs) or 'expected_error'",
            where=fields.where,
        )
    unknown_outputs = sorted(set(expected) - set(outputs))
    if unknown_outputs:
        raise ScenarioError(
            f"{computation!r} has no output {', '.join(unknown_outputs)}; its outputs are "
            f"{', '.join(outputs)}",
            where=fields.at("expected"),
        )
    return dict(expected), expected_error


def _tags(fields: _Fields) -> tuple[str, ...]:
    tags = fields.raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ScenarioError("tags must be a list of strings", where=fields.at("tags"))
    return tuple(tags)


def _resolve_files(inputs: Mapping[str, object], fields: _Fields) -> dict[str, object]:
    """Inputs ``{ file = "relative/path" }`` resolved against the scenario's folder.

    A path is relative to the scenario file and stays inside its folder (no absolute path, no
    ``..`` out of it, no symbolic link leading out): a scenario cannot read the vendor's disk.
    """
    folder = Path(fields.file).parent.resolve()
    out = dict(inputs)
    for name, value in inputs.items():
        if not (isinstance(value, Mapping) and set(value) == {"file"}):
            continue
        rel = value["file"]
        where = fields.at(f"inputs.{name}.file")
        if not isinstance(rel, str) or not rel or Path(rel).is_absolute():
            raise ScenarioError(f"a path relative to the scenario file, got {rel!r}", where=where)
        target = (folder / rel).resolve()
        if not target.is_relative_to(folder):
            raise ScenarioError(f"{rel!r} leaves the scenario's folder", where=where)
        if not target.exists():
            raise ScenarioError(f"no such file or folder {rel!r} next to the scenario", where=where)
        out[name] = {"file": str(target)}
    return out


def _scenario(raw: object, file: str, index: int | None) -> Scenario:
    where = file if index is None else f"{file}: scenarios[{index}]"
    fields = _Fields(_check_keys(raw, where, top_level=index is None), file, index)
    name = fields.text("name")
    computation = fields.text("computation")
    programme = _programme(fields)
    known = find_computation(computation, where=fields.at("computation"))
    rules = _rules_choice(fields)
    expected, expected_error = _expectation(fields, known.outputs, computation)
    tags = _tags(fields)
    description = fields.optional_text("description")
    return Scenario(
        name=name,
        computation=computation,
        programme=programme,
        inputs=_resolve_files(fields.table("inputs"), fields),
        expected=expected,
        file=file,
        index=index,
        description=description,
        rules=rules,
        parameters=dict(fields.table("parameters")),
        expected_error=expected_error,
        tags=tags,
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
