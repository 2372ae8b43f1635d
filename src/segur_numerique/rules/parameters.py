"""Caller parameter files and the shipped illustrative assumptions, overlaid on the official rules.

A parameter file uses the rule-data format; its values are marked ``caller`` (or
``illustrative``) in every explanation.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from segur_numerique.core.inputs import read_text
from segur_numerique.core.provenance import Origin
from segur_numerique.errors import InputFileError, InvalidInputError, RuleDataError
from segur_numerique.rules.compact import COMPACT_FORMAT, compact_to_rule_data
from segur_numerique.rules.loading import _parse_file, _read_toml, load_rules
from segur_numerique.rules.model import RuleSet

ILLUSTRATIVE_FOLDER = "illustrative"
"""The package folder of the illustrative, not official, assumption sets."""


def parse_parameter_text(
    text: str,
    *,
    file: str = "<parameters>",
    origin: Origin = Origin.CALLER,
    base: RuleSet | None = None,
) -> RuleSet:
    """Read a caller parameter file's text; see :func:`load_parameter_file`.

    The file uses the rule-data format or the compact one
    (:data:`~segur_numerique.rules.compact.COMPACT_FORMAT`, whose labels and units come from the
    unknowns of ``base``, the shipped rules by default).
    """
    if origin is Origin.SHIPPED:
        raise InvalidInputError("a parameter file cannot claim the shipped origin", where="origin")
    data = _read_toml(text, file)
    if data.get("format") == COMPACT_FORMAT:
        data = compact_to_rule_data(data, base or load_rules(), file)
    loaded = _parse_file(data, file, origin=origin, known_sources={})
    return RuleSet(loaded.values)


def load_parameter_file(
    path: str | Path, *, base: RuleSet | None = None, accept_broken_sums: bool = False
) -> RuleSet:
    """The official rules overlaid with a caller parameter file.

    A parameter file uses the rule-data format (``format = "segur_numerique.rules/v1"``) or the
    compact one (``format = "segur_numerique.parameters/v1"``, one table a value; see
    :mod:`segur_numerique.rules.compact`). Its values
    must be declared unknowns (e.g. a SUN-ES target), or official values explicitly marked
    ``replaces_official = true``; each needs a source (title and date; a URL if there is one) and
    a status, and is marked ``caller`` in every explanation.

    The sum checks of the rule data run on the merged set: a file whose values make parts no
    longer add up to their whole (e.g. volet 2 at 53 M€ with 158 M€ + 210 M€) is refused, unless
    ``accept_broken_sums`` is true, which records the broken check in the rule set.

    Raises:
        RuleDataError: the file is malformed or names a value that is not expected.
        BrokenSumError: parts no longer add up to their whole (names the check, each part, the
            difference and this file).
    """
    file = Path(path)
    if file.suffix.lower() == ".json":
        raise RuleDataError("a parameter file is TOML (.toml), not JSON", file=str(file))
    try:
        text = read_text(file, what="parameter file")
    except InputFileError as exc:
        raise RuleDataError(exc.what, file=str(file), path=exc.where or "") from None
    overlay = parse_parameter_text(text, file=str(file), base=base)
    return (base or load_rules()).with_overlay(overlay, accept_broken_sums=accept_broken_sums)


@functools.cache
def illustrative_assumptions() -> RuleSet:
    """The official rules overlaid with the shipped **illustrative, not official** assumption sets.

    For demos, docs and tests only: every value they add is marked ``illustrative`` in
    explanations. The sets are the files
    ``segur_numerique/illustrative/illustrative_*_NOT_OFFICIAL.toml``.
    """
    root = resources.files("segur_numerique").joinpath(ILLUSTRATIVE_FOLDER)
    rules = load_rules()
    names = sorted(
        p.name
        for p in root.iterdir()
        if p.name.startswith("illustrative_") and p.name.endswith("_NOT_OFFICIAL.toml")
    )
    for name in names:
        overlay = parse_parameter_text(
            root.joinpath(name).read_text(encoding="utf-8"),
            file=f"segur_numerique/{ILLUSTRATIVE_FOLDER}/{name}",
            origin=Origin.ILLUSTRATIVE,
        )
        rules = rules.with_overlay(overlay)
    return rules
