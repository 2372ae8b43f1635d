"""Structuring raw data (TOML, JSON) into attrs classes with cattrs, and locating its errors.

One converter factory (:func:`make_converter`: unknown keys refused, every error collected) and one
translator (:func:`problems`) from a cattrs exception group to the leaf errors with the path of the
value at fault, such as ``establishments[3].finess_juridique`` or ``values."a.b".versions[0]``.
Each caller (the rule-data loader, the entity parser) registers its own strict hooks and turns the
problems into its own typed error.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from segur_numerique.core.text import capped

StructureHook = Callable[[Any, Any], Any]
"""A cattrs structure hook: ``hook(raw_value, target_type) -> value``."""

STRUCTURE_ERRORS = (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError)
"""The exceptions a converter of :func:`make_converter` raises for malformed data."""


def make_converter(
    hooks: Iterable[tuple[Any, StructureHook]] = (),
    predicate_hooks: Iterable[tuple[Callable[[Any], bool], StructureHook]] = (),
) -> cattrs.Converter:
    """A strict converter: unknown keys are refused and every error is collected with its path.

    ``hooks`` pairs a type with its structure hook; ``predicate_hooks`` pairs a predicate on types
    with its hook (for generic types such as ``frozenset[str]``).

    >>> @attrs.frozen
    ... class Point:
    ...     x: int
    >>> make_converter().structure({"x": 1}, Point)
    Point(x=1)
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for kind, hook in hooks:
        converter.register_structure_hook(kind, hook)
    for predicate, hook in predicate_hooks:
        converter.register_structure_hook_func(predicate, hook)
    return converter


@attrs.frozen
class Problem:
    """One leaf error of a cattrs exception group.

    Attributes:
        error: the leaf exception (raised by a hook, a converter or a class).
        path: the path of the value from the root: ``.field``, ``[index]`` or ``."key"`` segments
            (empty for the root itself).
        type: the type that was being structured, when cattrs knows it.
        at_field: whether the error was reached through a field or item note (``False`` when the
            class itself raised it, e.g. in ``__attrs_post_init__``).
    """

    error: BaseException
    path: str = ""
    type: Any = None
    at_field: bool = False


def _segment(note: object) -> str | None:
    name = getattr(note, "name", None)
    if isinstance(name, str):
        return f".{name}"
    index = getattr(note, "index", None)
    if isinstance(index, int):
        return f"[{index}]"
    if isinstance(index, str):
        return f'."{index}"'
    return None


def problems(exc: BaseException, path: str = "") -> list[Problem]:
    """Every leaf error of ``exc``, in cattrs order, each with the path leading to it.

    >>> @attrs.frozen
    ... class Point:
    ...     x: int
    >>> try:
    ...     make_converter().structure({"x": "a"}, Point)
    ... except STRUCTURE_ERRORS as exc:
    ...     [(p.path, type(p.error).__name__) for p in problems(exc)]
    [('.x', 'ValueError')]
    """
    if not isinstance(exc, ClassValidationError | IterableValidationError):
        return [Problem(exc, path)]
    with_notes, without_notes = exc.group_exceptions()
    out: list[Problem] = []
    for sub, note in with_notes:
        segment = _segment(note)
        where = path if segment is None else path + segment
        if isinstance(sub, ClassValidationError | IterableValidationError):
            out.extend(problems(sub, where))
        else:
            out.append(Problem(sub, where, getattr(note, "type", None), segment is not None))
    for sub in without_notes:
        out.extend(problems(sub, path))
    return out


def unknown_keys_message(exc: ForbiddenExtraKeysError) -> str:
    """``unknown key(s) ...``, each with the nearest known keys; long lists capped.

    >>> @attrs.frozen
    ... class Value:
    ...     label: str
    ...     unit: str
    >>> try:
    ...     make_converter().structure({"label": "x", "unit": "EUR", "units": 1}, Value)
    ... except STRUCTURE_ERRORS as exc:
    ...     print(unknown_keys_message(problems(exc)[0].error))  # type: ignore[arg-type]
    unknown key 'units' (did you mean 'unit'?); known keys: label, unit
    """
    known = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
    extra = sorted(exc.extra_fields)
    described = []
    for key in extra[:20]:
        near = difflib.get_close_matches(key, known, n=3)
        hint = f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""
        described.append(f"{key!r}{hint}")
    more = f" and {len(extra) - 20} more ({len(extra)} in all)" if len(extra) > 20 else ""
    noun = "key" if len(extra) == 1 else "keys"
    return f"unknown {noun} {', '.join(described)}{more}; known keys: {capped(known)}"
