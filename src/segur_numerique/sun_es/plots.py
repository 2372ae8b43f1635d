"""Charts of SUN-ES results: indicator rates against targets, the forfait by window (degression).

matplotlib is optional (extra ``plot``), imported when a chart is drawn
(:mod:`segur_numerique.core.plotting`). The result classes bind these functions as their
``plot`` methods (:meth:`VoletResult.plot <segur_numerique.sun_es.VoletResult.plot>`,
``DomainResult.plot``, ``LogIndicators.plot``); :func:`plot_degression` draws what
:func:`~segur_numerique.sun_es.forfait` computes, window by window (it calls it: one rule, one
definition).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from segur_numerique.core.headline import illustrative_keys, is_illustrative
from segur_numerique.core.money import Euro
from segur_numerique.core.plotting import draw_amounts, draw_rates
from segur_numerique.core.text import Lang, Text
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.domains import Domain
from segur_numerique.sun_es.funding import forfait
from segur_numerique.sun_es.grid import FORFAIT_DOMAINS, SUN_ES_WINDOWS, check_window
from segur_numerique.sun_es.targets import TargetSet

if TYPE_CHECKING:
    from segur_numerique.sun_es.domain_evaluation import DomainResult, VoletResult
    from segur_numerique.sun_es.evaluation import IndicatorResult
    from segur_numerique.sun_es.logs.results import (
        LogIndicators,
    )


def _draw_results(results: Iterable[IndicatorResult], title: Text, ax: Any, lang: Lang) -> Any:
    found = list(results)
    illustrative = any(illustrative_keys(r) for r in found)
    return draw_rates(
        [r.indicator + (" (bonus)" if r.bonus else "") for r in found],
        [r.rate for r in found],
        [r.target.rate for r in found],
        title=title,
        ax=ax,
        lang=lang,
        illustrative=illustrative,
    )


def plot_volet(result: VoletResult, ax: Any = None, *, lang: Lang = "fr") -> Any:
    """Draw every indicator's rate against its target (green: met, red: not); the ``Axes``."""
    title = Text(
        fr=f"{result.finess} — indicateurs et cibles, fenêtre {result.window}",
        en=f"{result.finess} — indicators and targets, window {result.window}",
    )
    found = (r for d in result.domains for r in d.required + d.bonus)
    return _draw_results(found, title, ax, lang)


def plot_domain(result: DomainResult, ax: Any = None, *, lang: Lang = "fr") -> Any:
    """Draw the domain's indicator rates against their targets; return the ``Axes``."""
    title = Text(
        fr=f"Domaine {result.domain} — taux et cibles",
        en=f"Domain {result.domain} — rates and targets",
    )
    return _draw_results(result.required + result.bonus, title, ax, lang)


def plot_log_rates(
    result: LogIndicators,
    ax: Any = None,
    *,
    finess: str | None = None,
    targets: TargetSet | None = None,
    lang: Lang = "fr",
) -> Any:
    """Draw one establishment's rates from the logs, against ``targets`` when given.

    ``finess`` may be left out when the logs have one establishment; the targets are those of
    the window of the log parameters (``targets_from_rules(rules)`` gives them).

    Raises:
        InvalidInputError: ``finess`` is missing while the logs have several establishments,
            or targets are given without a window in the log parameters.
    """
    if finess is None:
        if len(result.establishments) != 1:
            raise InvalidInputError(
                f"the logs have {len(result.establishments)} establishments: give finess=",
                where="finess",
            )
        finess = result.establishments[0].finess
    counts = result.establishment(finess).counts
    window = result.parameters.window
    known: dict[str, Fraction] = {}
    illustrative = False
    if targets is not None:
        if window is None:
            raise InvalidInputError(
                "the log parameters have no window: targets cannot be placed", where="targets"
            )
        found = [t for t in targets.targets if t.window == window]
        known = {t.indicator: t.rate for t in found}
        illustrative = any(t.read is not None and is_illustrative(t.read) for t in found)
    title = Text(
        fr=f"{finess} — taux depuis les journaux" + (f", cibles {window}" if known else ""),
        en=f"{finess} — rates from the logs" + (f", {window} targets" if known else ""),
    )
    return draw_rates(
        [c.indicator for c in counts],
        [c.rate for c in counts],
        [known.get(c.indicator) for c in counts],
        title=title,
        ax=ax,
        lang=lang,
        illustrative=illustrative or bool(illustrative_keys(result)),
    )


def plot_degression(
    *,
    activity: int,
    domains: Iterable[Domain | str] | None = None,
    highlight: str | None = None,
    ax: Any = None,
    lang: Lang = "fr",
    rules: RuleSet | None = None,
) -> Any:
    """Draw the forfait at stake of each domain in each window F1 to F4 (the degression).

    Each bar is :func:`~segur_numerique.sun_es.forfait` (``at_stake``) for this 2019 activity,
    labelled with its exact amount; ``highlight`` frames one window (the one applied to).

    Raises:
        MissingParameterError: the grid or the degression is not supplied (the official rules
            have neither: use a parameter file or the illustrative assumption sets).
        InvalidInputError: an unknown domain or window.
    """
    rules = resolve_rules(rules)
    chosen = tuple(FORFAIT_DOMAINS if domains is None else (Domain.parse(d) for d in domains))
    series: dict[str, list[Euro]] = {}
    illustrative = False
    for domain in chosen:
        found = [
            forfait(activity=activity, domain=domain, window=w, rules=rules) for w in SUN_ES_WINDOWS
        ]
        series[domain.id] = [f.at_stake for f in found]
        illustrative = illustrative or any(illustrative_keys(f) for f in found)
    index = None if highlight is None else SUN_ES_WINDOWS.index(check_window(highlight))
    title = Text(
        fr=f"Forfait SUN-ES par fenêtre (activité 2019 : {activity})",
        en=f"SUN-ES forfait by window (2019 activity: {activity})",
    )
    return draw_amounts(
        list(SUN_ES_WINDOWS),
        series,
        title=title,
        ax=ax,
        lang=lang,
        highlight=index,
        illustrative=illustrative,
    )
