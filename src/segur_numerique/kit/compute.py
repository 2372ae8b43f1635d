"""Run any computation of the registry by name: ``compute("sons.ttc", {"amount_ht": "1 000 €"})``.

The inputs are those of a scenario file (:mod:`segur_numerique.kit.scenarios`), read and checked
exactly as a scenario's are: amounts and rates as strings (``"800 000 €"``, ``"60 %"``) or as
``Euro`` and ``Fraction``, dates as ``datetime.date`` or ISO strings; a missing, malformed or unused
input is a :class:`~segur_numerique.errors.ScenarioError` naming it. A computation runs
through :meth:`~segur_numerique.rules.computation.Computation.evaluate`, the code the scenarios
run, so ``compute`` and ``segur-numerique verify`` cannot disagree.

>>> result = compute("sons.ttc", {"amount_ht": "1 000 €"}, lang="en")
>>> result["ttc"]
Euro('1200.00')
>>> print(result.render())  # doctest: +ELLIPSIS
sons.ttc: TTC amount of an HT ceiling (VAT 20 %)
  ttc = €1,200.00
  ...
>>> compute("sons.ttc", {"amount_ht": 1000})
Traceback (most recent call last):
...
segur_numerique.errors.ScenarioError: sons.ttc: inputs.amount_ht: write an amount as a string ('800 000 €'), not 1000
>>> compute("sons.tcc", {})
Traceback (most recent call last):
...
segur_numerique.errors.UnknownComputationError: compute: unknown computation 'sons.tcc'; did you mean sons.ttc...?...
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from segur_numerique.core.display import HtmlResult, result_html
from segur_numerique.core.explanation import Explanation
from segur_numerique.core.headline import Fact, Headline, Table, table
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.values import JsonValue, encode_value, render_value
from segur_numerique.kit.registry import find_computation
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet

COMPUTATION_FORMAT = "segur_numerique.computation/v1"
"""The ``format`` field of :meth:`ComputationResult.to_json`."""


@attrs.frozen(repr=False)
class ComputationResult(HtmlResult):
    """The outputs of a named computation, with its explanation (``result["ttc"]`` reads one).

    ``lang`` is the default language of :meth:`render` and of the Jupyter display.
    """

    computation: str
    outputs: Mapping[str, object]
    explanation: Explanation | None = None
    lang: Lang = "fr"

    def __getitem__(self, output: str) -> object:
        """The output named ``output``."""
        return self.outputs[output]

    def render(self, lang: Lang | None = None, *, explain: bool = True) -> str:
        """The name and title, one line per output, then the explanation."""
        language = check_lang(self.lang if lang is None else lang)
        title = find_computation(self.computation).title.in_(language)
        lines = [f"{self.computation}: {title}"]
        lines += [f"  {k} = {render_value(v, language)}" for k, v in self.outputs.items()]
        if explain and self.explanation is not None:
            lines.append(self.explanation.render(language, indent=1))
        return "\n".join(lines)

    def to_json(self) -> dict[str, JsonValue]:
        """The result as JSON (the outputs encoded as in ``segur-numerique verify --json``)."""
        return {
            "format": COMPUTATION_FORMAT,
            "computation": self.computation,
            "outputs": {k: encode_value(v) for k, v in self.outputs.items()},
            "explanation": self.explanation.to_json() if self.explanation else None,
        }

    def _headline(self) -> Headline:
        title = find_computation(self.computation).title
        return Headline(
            title=Text(fr=f"{self.computation} : {title.fr}", en=f"{self.computation}: {title.en}"),
            name=self.computation,
            facts=tuple(Fact(k, Text(fr=k, en=k), v) for k, v in self.outputs.items()),
        )

    def _tables(self) -> tuple[Table, ...]:
        rows: list[tuple[object, ...]] = list(self.outputs.items())
        header = (Text(fr="sortie", en="output"), Text(fr="valeur", en="value"))
        return (table(Text(fr="Sorties", en="Outputs"), header, rows),)

    def _repr_html_(self) -> str:
        """Rich display in Jupyter, in the result's language."""
        return result_html(self, self.lang)


def compute(
    name: str,
    inputs: Mapping[str, object],
    *,
    rules: RuleSet | None = None,
    lang: Lang = "fr",
) -> ComputationResult:
    """Run the computation ``name`` of the registry on ``inputs``; its outputs and explanation.

    ``rules`` defaults to the official rule set (:func:`~segur_numerique.load_rules`); ``lang`` is
    the default language of the result's :meth:`~ComputationResult.render`. The names are those of
    ``segur-numerique verify --list`` (:func:`~segur_numerique.kit.registry.computations`).

    Raises:
        UnknownComputationError: no computation has this name (the message lists the nearest).
        ScenarioError: an input is missing, malformed or not read by the computation.
        SegurError: the computation itself refused (e.g. a missing parameter).
    """
    language = check_lang(lang)
    computation = find_computation(name, where="compute")
    computed = computation.evaluate(
        inputs, rules if rules is not None else load_rules(), where=f"{name}: inputs"
    )
    return ComputationResult(name, dict(computed.outputs), computed.explanation, language)
