"""The missed-deadline rule of SUN-ES: which window an establishment ends up in (bascule).

rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es]; the ARS Occitanie SUN-ES FAQ: « En cas de dépassement de la date limite
d'atteinte des cibles pour la fenêtre choisie, l'établissement de santé est basculé sur la
fenêtre suivante s'il est en capacité d'atteindre les cibles avant la fin de cette fenêtre. S'il
ne le peut, il posera une candidature pour la première fenêtre pour laquelle il pourra atteindre
les cibles. » SESAN (GRADeS IDF): it moves « avec le forfait afférant », i.e. the forfait of the
new window applies.

Given the window an establishment chose and the date from which it can reach its targets
(``ready_on``):

1. ``ready_on`` on or before the window's targets deadline: it stays (:attr:`Route.STAYS`);
2. else, if the next window's targets deadline is on or after ``ready_on``: the next window
   (:attr:`Route.NEXT_WINDOW`);
3. else, the first later window whose targets deadline is on or after ``ready_on`` *and* whose
   applications are still open after the missed deadline (it must apply again):
   :attr:`Route.REAPPLY`;
4. else none: the programme is over for it (:attr:`Route.NONE`).
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from segur_numerique.calendar.programmes import Programme, find_programme, find_window
from segur_numerique.calendar.windows import PhaseKind, Window
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.text import Text
from segur_numerique.core.validators import check_date
from segur_numerique.core.values import JsonValue, format_date
from segur_numerique.errors import InvalidInputError, ReadyDateError
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.calendar import CALENDARS

_RULE_TEXT = "sun_es.rule.missed_deadline"


class Route(enum.Enum):
    """How the establishment's window was decided."""

    STAYS = "stays"
    """It reaches the targets by its window's deadline: nothing moves."""
    NEXT_WINDOW = "next_window"
    """Moved (basculé) to the next window, whose deadline it can meet."""
    REAPPLY = "reapply"
    """It applies to the first later window whose deadline it can meet and whose applications are
    still open after the missed deadline."""
    NONE = "none"
    """No window is left: the programme is over for it."""

    def label(self) -> Text:
        """The route in French and English."""
        return _ROUTE_LABELS[self]


_ROUTE_LABELS = {
    Route.STAYS: Text(fr="reste dans sa fenêtre", en="stays in its window"),
    Route.NEXT_WINDOW: Text(fr="basculé sur la fenêtre suivante", en="moved to the next window"),
    Route.REAPPLY: Text(
        fr="candidate à la première fenêtre atteignable", en="applies to the first reachable window"
    ),
    Route.NONE: Text(fr="aucune fenêtre restante", en="no window left"),
}


@attrs.frozen(repr=False)
class Reassignment(HtmlResult):
    """The window an establishment ends up in after (possibly) missing its deadline.

    Attributes:
        original: the window it chose.
        ready_on: the date from which it can reach its targets.
        route: how the result was reached.
        window: the window it ends up in (``None`` when none is left).
        explanation: the reasoning, window by window, with the dates read and their sources.
    """

    original: Window
    ready_on: dt.date
    route: Route
    window: Window | None
    explanation: Explanation

    @property
    def forfait_window(self) -> Window | None:
        """The window whose forfait applies (« avec le forfait afférant »): :attr:`window`."""
        return self.window

    @property
    def moved(self) -> bool:
        """Whether it left the window it chose."""
        return self.window is None or self.window.name != self.original.name

    def _headline(self) -> Headline:
        return Headline(
            title=Text(
                fr=f"Réaffectation depuis {self.original.name}",
                en=f"Reassignment from {self.original.name}",
            ),
            name=self.original.name,
            window=self.window.name if self.window else None,
            facts=(
                Fact("route", Text(fr="issue", en="route"), self.route.label()),
                Fact("ready_on", Text(fr="prêt le", en="ready on"), self.ready_on),
            ),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The result as JSON."""
        return {
            "original": self.original.name,
            "ready_on": self.ready_on.isoformat(),
            "route": self.route.value,
            "window": self.window.name if self.window else None,
            "forfait_window": self.window.name if self.window else None,
            "explanation": self.explanation.to_json(),
        }


def _deadline_read(w: Window) -> ParameterRead | None:
    realisation = w.phase(PhaseKind.REALISATION)
    reads = realisation.reads if realisation else ()
    return next((r for r in reads if r.key.endswith(".targets_deadline")), None)


def _step(w: Window, ok: bool, why: Text) -> Explanation:
    read = _deadline_read(w)
    return Explanation(
        rule="sun_es.calendar.missed_deadline.candidate",
        title=Text(fr=f"Fenêtre {w.name}", en=f"Window {w.name}"),
        outcome=why,
        result=ok,
        parameters=(read,) if read else (),
    )


def reassign(
    window_or_name: str | Window,
    ready_on: dt.date,
    *,
    rules: RuleSet | None = None,
    as_known_on: dt.date | None = None,
    alternative: str | None = None,
) -> Reassignment:
    """The window an establishment ends up in, given its window and the date it can reach the targets.

    Args:
        window_or_name: the window it chose (``"F1"`` or a :class:`Window` of SUN-ES volet 1).
        ready_on: the date from which it can reach its usage targets.
        rules: the rule set (default: the official data).
        as_known_on: read the window dates as known on this day (default: the latest).
        alternative: conflicting dates' alternative (``"idf"``: F1's deadline 30 Sept 2022).

    >>> import datetime as dt
    >>> r = reassign("F1", dt.date(2022, 10, 15))
    >>> r.route.value, r.forfait_window.name
    ('next_window', 'F2')
    >>> reassign("F1", dt.date(2023, 3, 1)).window.name
    'F3'
    >>> reassign("F1", dt.date(2022, 8, 1), alternative="idf").route.value
    'stays'
    >>> reassign("F4", dt.date(2024, 1, 1)).window is None
    True

    Raises:
        UnknownWindowError: no such window.
        ReadyDateError: ``ready_on`` is before the programme's first window opens.
    """
    rules = rules if rules is not None else load_rules()
    programme_id = window_or_name.programme if isinstance(window_or_name, Window) else "sun_es"
    all_windows = _programme(window_or_name, programme_id).windows(
        rules=rules, as_known_on=as_known_on, alternative=alternative
    )
    original = (
        window_or_name
        if isinstance(window_or_name, Window)
        else find_window(all_windows, window_or_name, programme_id)
    )
    _check_dates(original, ready_on, all_windows)
    route, chosen, steps = _route(
        original, ready_on, [w for w in all_windows if w.start > original.start]
    )
    explanation = _explanation(
        original,
        ready_on,
        route,
        chosen,
        steps,
        rule_reads=(rules.read(_RULE_TEXT),) if _RULE_TEXT in rules else (),
        as_known_on=as_known_on,
        alternative=alternative,
    )
    return Reassignment(original, ready_on, route, chosen, explanation)


_PROGRAMMES = {prog.id: prog for prog in CALENDARS}


def _programme(window_or_name: str | Window, programme_id: str) -> Programme:
    """The SUN-ES calendar the window belongs to."""
    prog = _PROGRAMMES.get(programme_id)
    if prog is None:
        if isinstance(window_or_name, Window):
            _check_targets(window_or_name)
        return find_programme(_PROGRAMMES, programme_id)
    return prog


def _check_targets(original: Window) -> None:
    if original.phase(PhaseKind.REALISATION) is None:
        raise InvalidInputError(
            f"window {original.programme}.{original.name} has no targets deadline",
            where="window",
        )


def _check_dates(original: Window, ready_on: dt.date, all_windows: tuple[Window, ...]) -> None:
    _check_targets(original)
    check_date(ready_on, where="ready_on")
    first = all_windows[0].start
    if ready_on < first:
        raise ReadyDateError(
            f"{ready_on.isoformat()} is before the programme's first window opens "
            f"({first.isoformat()})",
            where="ready_on",
        )


def _route(
    original: Window, ready_on: dt.date, later: list[Window]
) -> tuple[Route, Window | None, list[Explanation]]:
    """Rules 1 to 4 of the module docstring, with one explanation step per window looked at."""
    missed = original.deadline
    if ready_on <= missed:
        why = Text(
            fr=f"prêt le {format_date(ready_on, 'fr')}, au plus tard à la date limite du "
            f"{format_date(missed, 'fr')}",
            en=f"ready on {format_date(ready_on, 'en')}, by the deadline of "
            f"{format_date(missed, 'en')}",
        )
        return Route.STAYS, original, [_step(original, True, why)]
    missed_why = Text(
        fr=f"date limite du {format_date(missed, 'fr')} dépassée",
        en=f"deadline of {format_date(missed, 'en')} missed",
    )
    steps = [_step(original, False, missed_why)]
    if not later:
        return Route.NONE, None, steps
    reachable = ready_on <= later[0].deadline
    steps.append(_step(later[0], reachable, _next_window_text(later[0], reachable)))
    if reachable:
        return Route.NEXT_WINDOW, later[0], steps
    route, chosen = _reapply(ready_on, missed, later[1:], steps)
    return route, chosen, steps


def _next_window_text(w: Window, reachable: bool) -> Text:
    if reachable:
        return Text(
            fr=f"fenêtre suivante : cibles atteignables avant sa fin "
            f"({format_date(w.deadline, 'fr')})",
            en=f"next window: targets reachable before it ends ({format_date(w.deadline, 'en')})",
        )
    return Text(
        fr=f"fenêtre suivante : cibles non atteignables avant sa fin "
        f"({format_date(w.deadline, 'fr')})",
        en=f"next window: targets not reachable before it ends ({format_date(w.deadline, 'en')})",
    )


def _reapply(
    ready_on: dt.date, missed: dt.date, candidates: list[Window], steps: list[Explanation]
) -> tuple[Route, Window | None]:
    """The first window still open after ``missed`` whose deadline ``ready_on`` meets."""
    for w in candidates:
        apps = w.applications
        open_after = apps is not None and apps.end > missed
        reachable = ready_on <= w.deadline
        ok = open_after and reachable
        why = Text(
            fr=f"candidatures ouvertes après la date manquée : "
            f"{'oui' if open_after else 'non'} ; cibles atteignables avant le "
            f"{format_date(w.deadline, 'fr')} : {'oui' if reachable else 'non'}",
            en=f"applications open after the missed deadline: "
            f"{'yes' if open_after else 'no'}; targets reachable by "
            f"{format_date(w.deadline, 'en')}: {'yes' if reachable else 'no'}",
        )
        steps.append(_step(w, ok, why))
        if ok:
            return Route.REAPPLY, w
    return Route.NONE, None


def _explanation(
    original: Window,
    ready_on: dt.date,
    route: Route,
    chosen: Window | None,
    steps: list[Explanation],
    *,
    rule_reads: tuple[ParameterRead, ...],
    as_known_on: dt.date | None,
    alternative: str | None,
) -> Explanation:
    name_fr = chosen.name if chosen else "aucune"
    name_en = chosen.name if chosen else "none"
    outcome = Text(
        fr=f"{route.label().fr} : fenêtre {name_fr}"
        + (f", forfait de la fenêtre {chosen.name}" if chosen else ""),
        en=f"{route.label().en}: window {name_en}"
        + (f", forfait of window {chosen.name}" if chosen else ""),
    )
    return Explanation(
        rule="sun_es.calendar.missed_deadline",
        title=Text(
            fr="SUN-ES : bascule après dépassement de la date limite",
            en="SUN-ES: window after a missed deadline",
        ),
        outcome=outcome,
        result=chosen.name if chosen else None,
        basis=tuple(s for r in rule_reads for s in r.sources),
        inputs=(
            InputValue("window", original.name),
            InputValue("ready_on", ready_on),
            InputValue("as_known_on", as_known_on, defaulted=as_known_on is None),
            InputValue("alternative", alternative, defaulted=alternative is None),
        ),
        parameters=rule_reads,
        assumptions=(
            Text(
                fr="« Pouvoir atteindre les cibles avant la fin d'une fenêtre » : être prêt au plus "
                "tard à sa date limite d'atteinte des cibles.",
                en="'Able to reach the targets before a window ends': ready on or before its "
                "targets deadline.",
            ),
            Text(
                fr="Après F4, le sort d'un établissement en retard est inconnu : aucune fenêtre.",
                en="What happens to a late establishment after F4 is unknown: no window.",
            ),
        ),
        children=tuple(steps),
    )
