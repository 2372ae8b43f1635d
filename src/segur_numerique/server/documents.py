"""The JSON documents the server sends, built by the library's own exports and cached.

Every document is the library's versioned JSON (``RuleSet.to_json``, ``calendar_json``,
``ComputationResult.to_json``...), encoded once with :func:`dump`. The rule set is immutable, so
the documents that depend only on it and on the query (``/rules``, ``/rules/{key}``,
``/unknowns``, ``/calendar``, ``/windows/{id}``) are computed once per distinct query and kept
(bounded caches). The computations are pure functions of their inputs and the rule set (none reads
the clock), so the result of a small input is kept too, by its exact body
(:class:`ComputationCache`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from segur_numerique.calendars import calendar_json, calendar_programme, to_ics, window
from segur_numerique.core.inputs import parse_json, read_text
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import InvalidInputError
from segur_numerique.kit.compute import compute
from segur_numerique.rules.model import RuleSet, value_json

RULE_VALUE_FORMAT = "segur_numerique.rule-value/v1"
UNKNOWNS_FORMAT = "segur_numerique.unknowns/v1"
WINDOW_FORMAT = "segur_numerique.window/v1"
CACHE_SIZE = 1024
"""The most distinct queries of one kind whose document is kept."""

_F = TypeVar("_F", bound=Callable[..., bytes])


def dump(document: JsonValue) -> bytes:
    """A document as compact UTF-8 JSON (NaN refused: the library never produces one).

    >>> dump({"a": [1, "b"]})
    b'{"a":[1,"b"]}'
    """
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
        "utf-8"
    )


def _cached(function: _F) -> _F:
    return functools.lru_cache(maxsize=CACHE_SIZE)(function)  # type: ignore[return-value]


def split_window_id(identifier: str) -> tuple[str, str]:
    """``sun_es.F1`` gives ``("sun_es", "F1")``; a bare ``F1`` is a SUN-ES volet 1 window.

    >>> split_window_id("esms_numerique.amorcage"), split_window_id("F2")
    (('esms_numerique', 'amorcage'), ('sun_es', 'F2'))
    """
    programme, _, name = identifier.rpartition(".")
    return programme or "sun_es", name


class StaticDocuments:
    """The documents of one rule set, encoded, each kept after its first request.

    >>> docs = StaticDocuments(RuleSet({}))
    >>> json.loads(docs.unknowns())["format"]
    'segur_numerique.unknowns/v1'
    """

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.rules_document = _cached(self._rules_document)
        self.rule = _cached(self._rule)
        self.unknowns = _cached(self._unknowns)
        self.calendar = _cached(self._calendar)
        self.calendar_ics = _cached(self._calendar_ics)
        self.window = _cached(self._window)

    def _rules_document(self, on: dt.date | None) -> bytes:
        return dump(self.rules.to_json(on=on))

    def _rule(self, key: str, on: dt.date | None) -> bytes:
        """Raises UnknownRuleError, MissingParameterError (a declared unknown), NotYetKnownError."""
        value = self.rules.value(key)
        value.read(on=on)  # a version known on ``on``, or NotYetKnownError
        return dump(
            {
                "format": RULE_VALUE_FORMAT,
                "as_known_on": on.isoformat() if on else None,
                "value": value_json(value, on=on),
            }
        )

    def _unknowns(self) -> bytes:
        return dump({"format": UNKNOWNS_FORMAT, "unknowns": self.rules.to_json()["unknowns"]})

    def _calendar(
        self, programme: str | None, on: dt.date | None, alternative: str | None
    ) -> bytes:
        if alternative is not None:
            check_alternative(self.rules, alternative)
        return dump(
            calendar_json(self.rules, programme_id=programme, on=on, alternative=alternative)
        )

    def _calendar_ics(self, programme: str | None, lang: str, alternative: str | None) -> bytes:
        chosen = [calendar_programme(programme).id] if programme else None
        if alternative is not None:
            check_alternative(self.rules, alternative)
        return to_ics(
            chosen, lang="en" if lang == "en" else "fr", rules=self.rules, alternative=alternative
        )

    def _window(self, identifier: str, on: dt.date | None, alternative: str | None) -> bytes:
        programme, name = split_window_id(identifier)
        found = window(name, programme, rules=self.rules, as_known_on=on, alternative=alternative)
        out = dict(found.to_json())
        if on is not None:
            phase = found.phase_on(on)
            out["phase_on"] = phase.kind.value if phase else None
        return dump(
            {
                "format": WINDOW_FORMAT,
                "as_known_on": on.isoformat() if on else None,
                "alternative": alternative,
                "window": out,
            }
        )


def check_alternative(rules: RuleSet, alternative: str) -> None:
    """Refuse an alternative that no conflicting value of ``rules`` offers (a typed error)."""
    known = sorted({a.name for v in rules for ver in v.versions for a in ver.alternatives})
    if alternative not in known:
        raise InvalidInputError(
            f"unknown alternative {alternative!r} (known: {', '.join(known) or 'none'})",
            where="alternative",
        )


def computation_document(
    name: str, inputs: Mapping[str, Any], rules: RuleSet, *, explain: bool, lang: str | None
) -> bytes:
    """``compute(name, inputs).to_json()``, without the explanation if asked, text if ``lang``."""
    result = compute(name, inputs, rules=rules)
    doc = result.to_json()
    if not explain:
        doc["explanation"] = None
    if lang is not None:
        doc["text"] = result.render("en" if lang == "en" else "fr", explain=explain)
    return dump(doc)


class ComputationCache:
    """The encoded results of computations, by (name, rule set, explain, lang, exact body).

    :meth:`compute` parses the JSON body and computes; :meth:`cached` keeps the last
    :data:`CACHE_SIZE` results (an error is never kept: it is raised again each time).
    """

    def __init__(self, rule_sets: Mapping[str, RuleSet]) -> None:
        self.rule_sets = rule_sets
        self.cached = _cached(self.compute)

    def compute(self, name: str, rules: str, explain: bool, lang: str | None, body: bytes) -> bytes:
        """The document of computation ``name`` on the JSON object ``body``."""
        text = read_text(body, what="request body", name="request body", max_bytes=len(body))
        inputs = parse_json(text, where="request body")
        if not isinstance(inputs, Mapping):
            raise InvalidInputError(
                f"expected a JSON object, got {type(inputs).__name__}", where="request body"
            )
        return computation_document(name, inputs, self.rule_sets[rules], explain=explain, lang=lang)
