"""Loading rule data: TOML text → cattrs-structured raw objects → a validated :class:`RuleSet`.

The official data is the ``*.toml`` files of each programme package (``sun_es/funding.toml``,
``sons/eligibility.toml``, ``catalogue/programmes.toml``...), discovered under the installed
package in a deterministic order; the folders ``illustrative/``, ``samples/``, ``scenarios/`` and
``schemas/`` hold no rule data. A key sits in the package named by its first segment
(``sons.*`` in ``sons/``, ``segur.*`` in ``catalogue/``): the loader refuses a misplaced key.

Everything is validated at load time: sources, closed sets of statuses and units, unknown or
duplicate keys, malformed amounts and dates, parts adding up to their whole.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from segur_numerique.core.inputs import parse_toml
from segur_numerique.core.provenance import Origin, Source
from segur_numerique.errors import InputFileError, InvalidInputError, RuleDataError
from segur_numerique.rules.checks import check_layout
from segur_numerique.rules.model import RULES_FORMAT, RuleSet, RuleValue, UnknownValue
from segur_numerique.rules.raw import _RawFile, _RawValue, _structure_file, _text
from segur_numerique.rules.sums import SumCheck, run_sum_checks
from segur_numerique.rules.versions import _build_source, _build_version

NOT_RULE_DATA = frozenset({"illustrative", "samples", "scenarios", "schemas", "__pycache__"})
"""The folders of the package that hold no official rule data."""


@attrs.frozen
class _LoadedFile:
    values: dict[str, RuleValue]
    unknowns: tuple[UnknownValue, ...]
    checks: tuple[SumCheck, ...]
    sources: dict[str, Source]


def _read_toml(text: str, file: str) -> dict[str, Any]:
    try:
        return parse_toml(text, where=file)
    except InputFileError as exc:
        # tomllib reports duplicate keys, malformed dates and syntax errors with line and column.
        at = f" (at {exc.where})" if exc.where else ""
        raise RuleDataError(exc.what + at, file=file) from None


def _read_raw(text: str | dict[str, Any], file: str) -> _RawFile:
    """Rule data from TOML text, or from TOML already parsed (a compact parameter file's)."""
    return _structure_file(_read_toml(text, file) if isinstance(text, str) else text, file)


def _build_value(
    key: str, rv: _RawValue, named: Mapping[str, Source], *, origin: Origin, file: str
) -> RuleValue:
    path = f'values."{key}"'
    if not rv.versions:
        raise RuleDataError("at least one version is required", file=file, path=f"{path}.versions")
    versions = tuple(
        _build_version(v, rv.unit, named, origin=origin, file=file, path=f"{path}.versions[{i}]")
        for i, v in enumerate(rv.versions)
    )
    sinces = [v.since for v in versions]
    if sinces != sorted(set(sinces)):
        raise RuleDataError(
            "versions must be in increasing order of 'since', each date once",
            file=file,
            path=f"{path}.versions",
        )
    if origin is Origin.SHIPPED and rv.replaces_official:
        raise RuleDataError("replaces_official is for caller files", file=file, path=path)
    label = _text(rv.label, file=file, path=f"{path}.label")
    assert label is not None
    return RuleValue(
        key=key,
        label=label,
        unit=rv.unit,
        versions=versions,
        file=file,
        description=_text(rv.description, file=file, path=f"{path}.description"),
        replaces_official=rv.replaces_official,
    )


def _build_unknowns(raw: _RawFile, file: str, *, official: bool) -> tuple[UnknownValue, ...]:
    unknowns = []
    for pattern, ru in raw.unknowns.items():
        if not official:
            raise RuleDataError(
                "a caller file supplies values, it does not declare unknowns",
                file=file,
                path=f'unknowns."{pattern}"',
            )
        label = _text(ru.label, file=file, path=f'unknowns."{pattern}".label')
        why = _text(ru.why, file=file, path=f'unknowns."{pattern}".why')
        assert label is not None
        assert why is not None
        unknowns.append(UnknownValue(pattern, label, ru.unit, why, file))
    return tuple(unknowns)


def _build_checks(raw: _RawFile, file: str) -> tuple[SumCheck, ...]:
    checks = []
    for i, rc in enumerate(raw.checks):
        if rc.kind != "sum":
            raise RuleDataError(
                f"unknown check kind {rc.kind!r}; expected 'sum'",
                file=file,
                path=f"checks[{i}].kind",
            )
        checks.append(SumCheck(rc.whole, tuple(rc.parts), file, f"checks[{i}]"))
    return tuple(checks)


def _parse_file(
    text: str | dict[str, Any], file: str, *, origin: Origin, known_sources: Mapping[str, Source]
) -> _LoadedFile:
    raw = _read_raw(text, file)
    if raw.format != RULES_FORMAT:
        raise RuleDataError(
            f"unsupported format {raw.format!r}; expected {RULES_FORMAT!r}",
            file=file,
            path="format",
        )
    official = origin is Origin.SHIPPED
    sources: dict[str, Source] = {}
    for sid, rs in raw.sources.items():
        if sid in known_sources:
            raise RuleDataError(
                f"source id {sid!r} is already defined", file=file, path=f"sources.{sid}"
            )
        sources[sid] = _build_source(rs, {}, file=file, path=f"sources.{sid}", official=official)
    named = {**known_sources, **sources}
    values = {
        key: _build_value(key, rv, named, origin=origin, file=file)
        for key, rv in raw.values.items()
    }
    unknowns = _build_unknowns(raw, file, official=official)
    return _LoadedFile(values, unknowns, _build_checks(raw, file), sources)


def _file_sources(text: str, file: str) -> dict[str, Source]:
    """The sources a rule-data file defines (first pass of :func:`load_rules_from`)."""
    raw = _read_raw(text, file)
    return {
        sid: _build_source(rs, {}, file=file, path=f"sources.{sid}", official=True)
        for sid, rs in raw.sources.items()
    }


def _all_sources(
    texts: list[tuple[str, str]],
) -> tuple[dict[str, Source], dict[str, frozenset[str]]]:
    """Every file's sources (ids are global across files), and the ids each file defines."""
    sources: dict[str, Source] = {}
    own: dict[str, frozenset[str]] = {}
    for name, text in texts:
        defined = _file_sources(text, name)
        for sid in defined:
            if sid in sources:
                raise RuleDataError(
                    f"source id {sid!r} is already defined", file=name, path=f"sources.{sid}"
                )
        sources.update(defined)
        own[name] = frozenset(defined)
    return sources, own


def load_rules_from(files: Iterable[tuple[str, str]]) -> RuleSet:
    """Load official rule data from ``(name, TOML text)`` pairs, validating everything.

    Raises:
        RuleDataError: a file is malformed; the error names the file and the path of the value.
    """
    values: dict[str, RuleValue] = {}
    unknowns: list[UnknownValue] = []
    checks: list[SumCheck] = []
    texts = list(files)
    # Source ids are global across files: collect every file's sources first, so that a file
    # may cite a document defined once in another file, whatever their loading order.
    sources, own = _all_sources(texts)
    for name, text in texts:
        others = {sid: s for sid, s in sources.items() if sid not in own[name]}
        loaded = _parse_file(text, name, origin=Origin.SHIPPED, known_sources=others)
        for key, value in loaded.values.items():
            if key in values:
                raise RuleDataError(
                    f"key already defined in {values[key].file}", file=name, path=f'values."{key}"'
                )
            values[key] = value
        unknowns.extend(loaded.unknowns)
        checks.extend(loaded.checks)
    for value in values.values():
        for unknown in unknowns:
            if unknown.matches(value.key):
                raise RuleDataError(
                    f"{value.key!r} has a value but is also declared unknown ({unknown.pattern!r})",
                    file=unknown.file,
                    path=f'unknowns."{unknown.pattern}"',
                )
    results = run_sum_checks(
        values, checks, is_unknown=lambda k: any(u.matches(k) for u in unknowns)
    )
    return RuleSet(values, tuple(unknowns), tuple(checks), results)


def _walk(folder: Traversable | Path, prefix: str) -> Iterable[tuple[str, Traversable | Path]]:
    for entry in folder.iterdir():
        relative = f"{prefix}{entry.name}"
        if entry.is_dir():
            if entry.name not in NOT_RULE_DATA:
                yield from _walk(entry, f"{relative}/")
        elif entry.name.endswith(".toml"):
            yield relative, entry


def rule_files(root: Traversable | Path) -> list[tuple[str, str]]:
    """The rule-data files under ``root``: ``(relative path, text)`` pairs sorted by path.

    Every ``*.toml`` file is rule data, except in the folders of :data:`NOT_RULE_DATA`.
    """
    found = sorted(_walk(root, ""), key=lambda item: item[0])
    return [(relative, entry.read_text(encoding="utf-8")) for relative, entry in found]


def load_rules_from_tree(root: Traversable | Path, *, name: str | None = None) -> RuleSet:
    """Load the rule data of a package tree (see :func:`rule_files`), checking its layout.

    Files are named ``name/relative/path.toml`` (``name`` defaults to the folder's name) in errors
    and in :attr:`RuleValue.file`.

    Raises:
        RuleDataError: a file is malformed, or a key sits outside the package named by its first
            segment (``sons.*`` outside ``sons/``, ``segur.*`` outside ``catalogue/``).
    """
    prefix = root.name if name is None else name
    files = rule_files(root)
    named = [(f"{prefix}/{relative}", text) for relative, text in files]
    rules = load_rules_from(named)
    package_of_file = {
        f"{prefix}/{relative}": relative.split("/")[0] if "/" in relative else ""
        for relative, _ in files
    }
    check_layout(rules, package_of_file)
    return rules


@functools.cache
def load_rules() -> RuleSet:
    """The official rule data shipped with the package (loaded once; the result is immutable)."""
    return load_rules_from_tree(resources.files("segur_numerique"), name="segur_numerique")


def resolve_rules(rules: RuleSet | None) -> RuleSet:
    """``rules``, or the shipped rule set when ``None``: the one place where ``None`` is read.

    Every function that takes ``rules`` (keyword-only) calls this. An empty :class:`RuleSet` is a
    rule set like any other, never swapped for the shipped one; anything else is a typed error.

    >>> resolve_rules(None) is load_rules()
    True
    >>> resolve_rules("official")
    Traceback (most recent call last):
    ...
    segur_numerique.errors.InvalidInputError: rules: expected a RuleSet or None, got str
    """
    if rules is None:
        return load_rules()
    if not isinstance(rules, RuleSet):
        raise InvalidInputError(
            f"expected a RuleSet or None, got {type(rules).__name__}", where="rules"
        )
    return rules
