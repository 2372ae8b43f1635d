"""The compact parameter-file format, its templates, and every unknown a computation needs.

A caller parameter file may use the rule-data format (``segur_numerique.rules/v1``, about twelve
lines a value) or this compact one, one TOML table a value (label and unit come from the declared
unknown)::

    format = "segur_numerique.parameters/v1"

    [values."sun_es.target.F1.discharge_letter"]
    value = "50 %"
    source = { title = "Guide des indicateurs d'usage", url = "https://...", date = 2022-05-20 }
    status = "confirmed"
    since = 2021-09-01

:func:`template` writes such a file for a list of :class:`NeededValue` with every field
:data:`TO_FILL`; a file still holding one is refused, naming each placeholder
(:func:`compact_to_rule_data`). :func:`needed_values` finds **every** unknown a computation needs
in one go: it runs it, and after each missing value it probes on with the value of the
illustrative set (never returned: only the keys are), until nothing is missing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from segur_numerique.core.provenance import Unit
from segur_numerique.core.text import Text, group_digits, plural_word
from segur_numerique.errors import MissingParameterError, NotYetKnownError, RuleDataError
from segur_numerique.rules.model import RuleSet

COMPACT_FORMAT = "segur_numerique.parameters/v1"
"""The ``format`` of a compact parameter file."""
TO_FILL = "TO FILL"
"""The placeholder of a template: a field whose text starts with it is refused when loaded."""
_FORMS = {
    Unit.EUR: 'an amount in euros, exact to the cent: "100 000 €"',
    Unit.RATIO: 'a share: "50 %" or "1/2"',
    Unit.COUNT: "a whole number: 3",
    Unit.DAYS: "a whole number of days: 7",
    Unit.MONTHS: "a whole number of months: 6",
    Unit.DATE: "a date: 2022-05-20",
    Unit.PERIOD: "an inclusive period: { start = 2022-01-01, end = 2022-06-30 }",
    Unit.TEXT: 'a text: "MCO,SSR"',
    Unit.BOOLEAN: "true or false",
}
_MAX_PROBES = 500


def expected_form(unit: Unit) -> str:
    """How a value of ``unit`` is written in a parameter file (English, with an example)."""
    return _FORMS.get(unit, f'a value in {unit.value}: see the rule values page for "{unit.value}"')


@attrs.frozen
class NeededValue:
    """An unknown a computation needs: its key, label, unit and what needs it."""

    key: str
    label: Text
    unit: Unit
    needed_for: str

    def render(self) -> str:
        """``key — label [unit]: needed for …`` (English)."""
        return f"{self.key} — {self.label.en} [{self.unit.value}]: needed for {self.needed_for}"


def needed_values(
    compute: Callable[[RuleSet], object], rules: RuleSet, probe: RuleSet
) -> tuple[NeededValue, ...]:
    """Every unknown ``compute`` needs under ``rules``, in the order it needs them.

    ``compute`` runs once per missing value: each time one is missing, the value of ``probe``
    (usually the illustrative set) stands in for it so that the computation reaches the next one.
    The values needed after one that ``probe`` does not hold cannot be found: the list stops there
    (its last entry says so). A computation may need more values when real ones differ (e.g. a
    grid with more bands).
    """
    found: list[NeededValue] = []
    current = rules
    for _ in range(_MAX_PROBES):
        try:
            compute(current)
        except NotYetKnownError:
            raise
        except MissingParameterError as exc:
            unknown = rules.unknown_for(exc.key)
            label = unknown.label if unknown else Text(fr=exc.key, en=exc.key)
            stand_in = probe.values.get(exc.key)
            unit = unknown.unit if unknown else stand_in.unit if stand_in else Unit.TEXT
            why = exc.needed_for or "the computation"
            if stand_in is None:
                why += " (the values needed after this one are not known yet)"
            found.append(NeededValue(exc.key, label, unit, why))
            if stand_in is None:
                break
            current = RuleSet(
                {**current.values, exc.key: stand_in}, current.unknowns, current.checks
            )
            continue
        break
    return tuple(found)


def template(values: tuple[NeededValue, ...], *, title: str) -> str:
    """A compact parameter file with every field of ``values`` to fill (see the module)."""
    lines = [
        f"# {title}",
        f"# Replace every {TO_FILL!r} (a file still holding one is refused), then pass it",
        "# with --parameters. status: confirmed, secondary, inferred or conflicting; a source",
        "# without a URL: remove url. label and unit come from the library's declared unknowns.",
        f'format = "{COMPACT_FORMAT}"',
    ]
    for v in values:
        lines += [
            "",
            f"# {v.label.en} [{v.unit.value}]"
            + ("" if v.needed_for == v.label.en else f": needed for {v.needed_for}"),
            f"[values.{json.dumps(v.key)}]",
            f"value = {json.dumps(f'{TO_FILL}: {expected_form(v.unit)}', ensure_ascii=False)}",
            f'source = {{ title = "{TO_FILL}", url = "{TO_FILL}", date = "{TO_FILL}: YYYY-MM-DD" }}',
            f'status = "{TO_FILL}"',
            f'since = "{TO_FILL}: YYYY-MM-DD, the first day the value applies"',
        ]
    return "\n".join(lines) + "\n"


def _placeholders(value: object, path: str) -> list[str]:
    if isinstance(value, str):
        return [path] if value.strip().upper().startswith(TO_FILL) else []
    if isinstance(value, Mapping):
        return [p for k, v in value.items() for p in _placeholders(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _placeholders(v, f"{path}[{i}]")]
    return []


_COMPACT_FIELDS = frozenset({"value", "source", "status", "since", "label", "unit"})
_PASSED = ("reasoning", "note", "valid_until", "last_verified")


def compact_to_rule_data(data: Mapping[str, Any], base: RuleSet, file: str) -> dict[str, Any]:
    """A compact parameter file (parsed TOML) as rule data (``segur_numerique.rules/v1``).

    Raises:
        RuleDataError: a placeholder is left (each is named), a field is unknown or missing, or a
            key is not a declared unknown nor a shipped value (label and unit come from them).
    """
    left: dict[str, list[str]] = {}
    for key, entry in dict(data.get("values", {})).items():
        for field in _placeholders(entry, ""):
            left.setdefault(key, []).append(field.lstrip("."))
    if left:
        names = "; ".join(f"{k} ({', '.join(f)})" for k, f in list(left.items())[:20])
        more = f"; and {len(left) - 20} more" if len(left) > 20 else ""
        raise RuleDataError(
            f"{group_digits(len(left), 'en')} "
            f"{plural_word(len(left), 'en', 'value still holds', 'values still hold')} the placeholder {TO_FILL!r}: {names}{more}",
            file=file,
        )
    extra = set(data) - {"format", "values"}
    if extra:
        raise RuleDataError(
            f"unknown {plural_word(len(extra), 'en', 'field', 'fields')} "
            f"{', '.join(sorted(extra))}",
            file=file,
        )
    values: dict[str, Any] = {}
    for key, entry in dict(data.get("values", {})).items():
        values[key] = _compact_value(key, entry, base, file)
    return {"format": "segur_numerique.rules/v1", "values": values}


def _compact_value(key: str, entry: object, base: RuleSet, file: str) -> dict[str, Any]:
    path = f'values."{key}"'
    if "*" in key:
        raise RuleDataError("replace each * of the key by one key segment", file=file, path=path)
    if not isinstance(entry, Mapping):
        raise RuleDataError(
            "a value is a table (value, source, status, since)", file=file, path=path
        )
    unknown_fields = set(entry) - _COMPACT_FIELDS - set(_PASSED) - {"replaces_official"}
    if unknown_fields:
        raise RuleDataError(
            f"unknown {plural_word(len(unknown_fields), 'en', 'field', 'fields')} "
            f"{', '.join(sorted(unknown_fields))}",
            file=file,
            path=path,
        )
    for name in ("value", "source", "status", "since"):
        if name not in entry:
            raise RuleDataError(f"missing field {name!r}", file=file, path=f"{path}.{name}")
    unknown = base.unknown_for(key)
    shipped = base.values.get(key)
    if unknown is None and shipped is None:
        raise RuleDataError(
            f"{key!r} is neither a declared unknown nor a rule value", file=file, path=path
        )
    label = unknown.label if unknown else shipped.label  # type: ignore[union-attr]
    unit = unknown.unit if unknown else shipped.unit  # type: ignore[union-attr]
    version = {
        "since": entry["since"],
        "status": entry["status"],
        "value": entry["value"],
        "sources": [entry["source"]],
        **{k: entry[k] for k in _PASSED if k in entry},
    }
    out: dict[str, Any] = {
        "label": entry.get("label", label.to_json()),
        "unit": entry.get("unit", unit.value),
        "versions": [version],
    }
    if "replaces_official" in entry:
        out["replaces_official"] = entry["replaces_official"]
    return out
