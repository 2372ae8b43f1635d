"""Explanations: every decision says which rule it applied, to what, with which values.

One mechanism for the whole library (issue "Foundation" §4). An :class:`Explanation` is a tree of
steps. Each step names the rule applied (a stable id and a bilingual title), the legal basis,
its inputs (each marked provided or defaulted), the rule values it read (with their status,
origin and sources), the rounding steps, the assumptions it made, and its outcome. It renders as
text in French or English (:meth:`Explanation.render`) and exports to versioned JSON
(:meth:`Explanation.to_json`, format ``segur_numerique.explanation/v1``, JSON Schema in
:func:`explanation_json_schema`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from fractions import Fraction
from importlib import resources
from typing import Any

import attrs

from segur_numerique.core import trees
from segur_numerique.core.display import explanation_html
from segur_numerique.core.provenance import Origin, Source, Status, Unit
from segur_numerique.core.rounding import RoundingPolicy
from segur_numerique.core.text import Lang, Text, check_lang, counted_text
from segur_numerique.core.values import JsonValue, encode_value, render_number, render_value
from segur_numerique.core.version import __version__
from segur_numerique.errors import InvalidInputError

EXPLANATION_FORMAT = "segur_numerique.explanation/v1"
"""The ``format`` field of exported explanations; it changes only with a new schema."""


@attrs.frozen
class ParameterRead:
    """A rule value read by a computation, with everything needed to check it.

    Attributes:
        key: the key of the rule value (``sun_es.envelope.total``).
        label: its name in French and English.
        value: the value used.
        unit: its unit.
        status: how well it is established (confirmed, secondary, inferred, conflicting,
            illustrative).
        origin: who vouches for it: the shipped package data, the caller, or an illustrative
            set (not official).
        sources: the documents behind it.
        since: the date from which this version holds.
        alternative: for a conflicting value, the name of the version used.
        reasoning: for an inferred value, how it was derived.
        warnings: what the reader must know about the value, e.g. a sum check it breaks that the
            caller accepted (``accept_broken_sums``); in JSON only when there are some.
    """

    key: str
    label: Text
    value: object
    unit: Unit
    status: Status
    origin: Origin
    sources: tuple[Source, ...]
    since: dt.date | None = None
    alternative: str | None = None
    reasoning: Text | None = None
    warnings: tuple[Text, ...] = ()

    def render(self, lang: Lang) -> str:
        """``key = value [status; origin] — source``."""
        alt = f" ({self.alternative})" if self.alternative else ""
        flags = [self.status.label().in_(lang)]
        if self.origin is not Origin.SHIPPED and not (
            self.origin is Origin.ILLUSTRATIVE and self.status is Status.ILLUSTRATIVE
        ):
            flags.append(self.origin.label().in_(lang))
        cites = "; ".join(s.cite() for s in self.sources)
        line = f"{self.key}{alt} = {render_value(self.value, lang)} [{', '.join(flags)}]"
        if cites:
            line += f" — {cites}"
        if self.reasoning is not None:
            line += (
                f" — {'raisonnement' if lang == 'fr' else 'reasoning'}: {self.reasoning.in_(lang)}"
            )
        for warning in self.warnings:
            line += f" — {'ATTENTION' if lang == 'fr' else 'WARNING'}: {warning.in_(lang)}"
        return line

    def to_json(self) -> dict[str, JsonValue]:
        """The read as a JSON object."""
        out: dict[str, JsonValue] = {
            "key": self.key,
            "label": self.label.to_json(),
            "value": encode_value(self.value),
            "unit": self.unit.value,
            "status": self.status.value,
            "origin": self.origin.value,
            "sources": [s.to_json() for s in self.sources],
            "since": self.since.isoformat() if self.since else None,
            "alternative": self.alternative,
            "reasoning": self.reasoning.to_json() if self.reasoning else None,
        }
        if self.warnings:
            out["warnings"] = [w.to_json() for w in self.warnings]
        return out


@attrs.frozen
class InputValue:
    """An input of a step. ``defaulted`` is true when the library, not the caller, chose it."""

    name: str
    value: object
    defaulted: bool = False

    def to_json(self) -> dict[str, JsonValue]:
        """The input as a JSON object."""
        return {"name": self.name, "value": encode_value(self.value), "defaulted": self.defaulted}


@attrs.frozen
class RoundingStep:
    """One rounding: the exact value, the rounded one, and the policy that did it."""

    what: Text
    exact: Fraction
    rounded: Fraction
    policy: RoundingPolicy

    def to_json(self) -> dict[str, JsonValue]:
        """The rounding as a JSON object."""
        return {
            "what": self.what.to_json(),
            "exact": encode_value(self.exact),
            "rounded": encode_value(self.rounded),
            "step": encode_value(self.policy.step),
            "mode": self.policy.mode.value,
            "basis": self.policy.basis.to_json() if self.policy.basis else None,
        }


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Explanation:
    """A step of reasoning, and the steps below it.

    >>> from segur_numerique import Euro
    >>> e = Explanation(
    ...     rule="demo.sum",
    ...     title=Text(fr="Somme", en="Sum"),
    ...     outcome=Text(fr="Total de 3,00 €", en="Total of €3.00"),
    ...     result=Euro("3"),
    ...     inputs=(InputValue("a", Euro("1")), InputValue("b", Euro("2"))),
    ... )
    >>> print(e.render("en"))
    Sum [demo.sum]
      Result: €3.00 — Total of €3.00
      Inputs:
        - a = €1.00
        - b = €2.00
    """

    rule: str
    title: Text
    outcome: Text
    result: object = None
    basis: tuple[Source, ...] = attrs.field(default=(), converter=_tuple)
    inputs: tuple[InputValue, ...] = attrs.field(default=(), converter=_tuple)
    parameters: tuple[ParameterRead, ...] = attrs.field(default=(), converter=_tuple)
    rounding: tuple[RoundingStep, ...] = attrs.field(default=(), converter=_tuple)
    assumptions: tuple[Text, ...] = attrs.field(default=(), converter=_tuple)
    children: tuple[Explanation, ...] = attrs.field(default=(), converter=_tuple)

    def walk(self) -> Iterator[Explanation]:
        """This step and every step below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def all_parameters(self) -> tuple[ParameterRead, ...]:
        """Every rule value read anywhere in the tree, each key once (first read kept)."""
        seen: dict[tuple[str, str | None], ParameterRead] = {}
        for step in self.walk():
            for read in step.parameters:
                seen.setdefault((read.key, read.alternative), read)
        return tuple(seen.values())

    def render(self, lang: Lang = "fr", *, indent: int = 0, repeat: bool = False) -> str:
        """The explanation as indented text in French (``"fr"``) or English (``"en"``).

        A step that appears more than once (the same sub-explanation under several parents,
        e.g. the prerequisites checked for each domain) is written in full the first time,
        numbered ``(§1)``, and afterwards as one line referring back to it; ``repeat=True``
        writes every occurrence in full.
        """
        lang = check_lang(lang)
        refs = {} if repeat else trees.references(self, _SHAPE)
        return "\n".join(self._lines(lang, indent, refs, set()))

    def _lines(self, lang: Lang, indent: int, refs: dict[str, int], done: set[str]) -> list[str]:
        fr = lang == "fr"
        pad = "  " * indent
        key = _key(self) if refs else ""
        number = refs.get(key)
        if number is not None and key in done:
            see = f"voir §{number} plus haut" if fr else f"see §{number} above"
            return [f"{pad}{self.title.in_(lang)} [{self.rule}] — {see}"]
        done.add(key)
        mark = "" if number is None else f" (§{number})"
        lines = [f"{pad}{self.title.in_(lang)} [{self.rule}]{mark}"]
        head = "Résultat" if fr else "Result"
        result = "" if self.result is None else f"{render_value(self.result, lang)} — "
        lines.append(f"{pad}  {head}{' ' if fr else ''}: {result}{self.outcome.in_(lang)}")
        for name, items in self._sections(lang):
            if items:
                lines.append(f"{pad}  {name}{' ' if fr else ''}:")
                lines.extend(f"{pad}    - {item}" for item in items)
        if self.children:
            lines.append(f"{pad}  {'Étapes' if fr else 'Steps'}{' ' if fr else ''}:")
            for child in self.children:
                lines.extend(child._lines(lang, indent + 2, refs, done))
        return lines

    def _sections(self, lang: Lang) -> list[tuple[str, list[str]]]:
        fr = lang == "fr"
        return [
            ("Base" if fr else "Basis", [s.cite() for s in self.basis]),
            (
                "Entrées" if fr else "Inputs",
                [
                    f"{i.name} = {render_value(i.value, lang)}"
                    + ((" (valeur par défaut)" if fr else " (defaulted)") if i.defaulted else "")
                    for i in self.inputs
                ],
            ),
            (
                "Valeurs de règle lues" if fr else "Rule values read",
                [p.render(lang) for p in self.parameters],
            ),
            (
                "Arrondis" if fr else "Rounding",
                [
                    f"{r.what.in_(lang)}: {render_number(r.exact, lang)} → "
                    f"{render_number(r.rounded, lang)} ({r.policy.describe().in_(lang)})"
                    for r in self.rounding
                ],
            ),
            ("Hypothèses" if fr else "Assumptions", [a.in_(lang) for a in self.assumptions]),
        ]

    def _has_body(self) -> bool:
        return bool(self.children) or any(items for _name, items in self._sections("en"))

    def only(self, *patterns: str) -> Explanation | None:
        """The steps whose rule id or title matches one of ``patterns``, with their ancestors.

        A pattern matches a step when it is a substring, ignoring case, of its rule id or of its
        title in French or English. A matching step keeps everything below it; an ancestor keeps
        its own content and only the children that lead to a match. ``None`` when nothing
        matches.

        >>> leaf = Explanation(
        ...     rule="demo.leaf", title=Text(fr="Feuille", en="Leaf"), outcome=Text(fr="x", en="x")
        ... )
        >>> other = attrs.evolve(leaf, rule="demo.other", title=Text(fr="Autre", en="Other"))
        >>> root = attrs.evolve(leaf, rule="demo.root", children=(leaf, other))
        >>> [s.rule for s in root.only("OTHER").walk()]
        ['demo.root', 'demo.other']
        >>> root.only("nothing") is None
        True
        """
        return trees.only(self, patterns, _SHAPE)

    def truncated(self, depth: int) -> Explanation:
        """This explanation down to ``depth`` levels below it (``0``: this step only).

        The steps cut are not dropped silently: a step that loses children gets one child
        (rule :data:`TRUNCATED_RULE`) saying how many steps are hidden.

        >>> leaf = Explanation(
        ...     rule="demo.leaf", title=Text(fr="Feuille", en="Leaf"), outcome=Text(fr="x", en="x")
        ... )
        >>> root = attrs.evolve(
        ...     leaf, rule="demo.root", children=(attrs.evolve(leaf, children=(leaf, leaf)),)
        ... )
        >>> [s.title.en for s in root.truncated(1).walk()]
        ['Leaf', 'Leaf', '2 steps hidden']
        """
        if depth < 0:
            raise InvalidInputError(f"must be 0 or more, got {depth}", where="depth")
        return trees.truncated(self, depth, _SHAPE, hidden_steps)

    def _repr_html_(self) -> str:
        """Collapsible HTML for Jupyter (French; see :func:`segur_numerique.core.display.explanation_html`)."""
        return explanation_html(self, "fr")

    def _node_json(self) -> dict[str, JsonValue]:
        return {
            "rule": self.rule,
            "title": self.title.to_json(),
            "outcome": self.outcome.to_json(),
            "result": encode_value(self.result),
            "basis": [s.to_json() for s in self.basis],
            "inputs": [i.to_json() for i in self.inputs],
            "parameters": [p.to_json() for p in self.parameters],
            "rounding": [r.to_json() for r in self.rounding],
            "assumptions": [a.to_json() for a in self.assumptions],
            "children": [c._node_json() for c in self.children],
        }

    def to_json(self) -> dict[str, JsonValue]:
        """The explanation as a versioned JSON document (see :func:`explanation_json_schema`)."""
        return {
            "format": EXPLANATION_FORMAT,
            "engine_version": __version__,
            "root": self._node_json(),
        }

    def to_json_text(self, *, indent: int | None = 2) -> str:
        """:meth:`to_json` serialised, keys in a stable order, non-ASCII kept."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=indent)


TRUNCATED_RULE = "explanation.truncated"
"""The rule id of the step :meth:`Explanation.truncated` puts where it cut steps."""


def hidden_steps(count: int) -> Explanation:
    """The step standing for ``count`` steps cut by :meth:`Explanation.truncated`."""
    return Explanation(
        rule=TRUNCATED_RULE,
        title=counted_text(
            count, fr=("étape masquée", "étapes masquées"), en=("step hidden", "steps hidden")
        ),
        outcome=Text(
            fr="profondeur limitée ; augmentez-la pour les voir",
            en="depth limited; raise it to see them",
        ),
    )


def _key(step: Explanation) -> str:
    """A step's identity for finding repeats: its whole JSON, keys sorted."""
    return json.dumps(step._node_json(), sort_keys=True, ensure_ascii=False)


def _with_children(step: Explanation, children: tuple[Explanation, ...]) -> Explanation:
    return attrs.evolve(step, children=children)


_SHAPE: trees.TreeShape[Explanation] = trees.TreeShape(
    names=lambda step: (step.rule, step.title.fr, step.title.en),
    children=lambda step: step.children,
    with_children=_with_children,
    key=_key,
    has_body=lambda step: step._has_body(),
)


def explanation_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of exported explanations."""
    path = resources.files("segur_numerique").joinpath("schemas/explanation.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded
