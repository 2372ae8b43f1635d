"""The calendars page: every programme's windows (with their phases) and deadlines."""

from __future__ import annotations

from segur_numerique.calendar.deadlines import Deadline
from segur_numerique.calendar.programmes import Programme
from segur_numerique.calendar.windows import Window
from segur_numerique.calendars import CALENDAR_PROGRAMMES, deadlines, windows
from segur_numerique.core.values import render_value
from segur_numerique.errors import SegurError
from segur_numerique.explorer.calendar_svg import windows_svg
from segur_numerique.explorer.labels import WORDS
from segur_numerique.explorer.markup import Linker, badge, esc, frame, key_html, table
from segur_numerique.rules.model import RuleSet


def _key_links(keys: list[str], link: Linker) -> str:
    unique = list(dict.fromkeys(keys))
    return " ".join(f'<a href="{esc(link.rule(k))}">{key_html(k)}</a>' for k in unique)


def _window_rows(found: tuple[Window, ...], link: Linker) -> list[str]:
    return [
        f"<tr><td>{esc(window.label.in_(link.lang))}</td>"
        f"<td>{esc(phase.kind.label().in_(link.lang))}</td>"
        f'<td class="date">{esc(phase.start.isoformat())}</td>'
        f'<td class="date">{esc(phase.end.isoformat())}</td>'
        f"<td>{_key_links([r.key for r in phase.reads], link)}</td></tr>"
        for window in found
        for phase in window.phases
    ]


def _deadline_row(deadline: Deadline, link: Linker) -> str:
    version = deadline.as_known_on()
    return (
        f"<tr><td>{esc(deadline.label.in_(link.lang))}</td>"
        f'<td class="date">{esc(render_value(version.due, link.lang))}</td>'
        f"<td>{badge(version.status, link.lang)}</td>"
        f"<td>{len(deadline.versions())}</td><td>{_key_links([deadline.key], link)}</td></tr>"
    )


def _windows(prog: Programme, rules: RuleSet, link: Linker) -> str:
    if prog.build is None:
        return ""
    try:
        found = windows(prog.id, rules=rules)
    except SegurError:
        href = esc(link.page("unknowns"))
        return (
            f"<h3>{link.word('windows')}</h3>"
            f'<p class="unknown-note"><a href="{href}">{link.word("windows_unknown")}</a></p>'
        )
    head = [link.word(w) for w in ("window", "phase", "start", "end", "rule_keys")]
    rows = _window_rows(found, link)
    chart = windows_svg(
        found, link.lang, title=f"{prog.title.in_(link.lang)}: {link.word('windows')}"
    )
    return f"<h3>{link.word('windows')}</h3>{chart}{table(head, rows, cls='windows')}"


def _programme(prog: Programme, rules: RuleSet, link: Linker) -> str:
    found = deadlines(prog.id, rules=rules)
    head = [link.word(w) for w in ("label", "due", "status", "revisions", "key")]
    if found:
        listed = table(head, [_deadline_row(d, link) for d in found], cls="deadlines")
    else:
        listed = f"<p>{link.word('no_deadline')}</p>"
    return (
        f'<section id="{esc(prog.id)}"><h2>{esc(prog.title.in_(link.lang))}</h2>'
        f"{_windows(prog, rules, link)}<h3>{link.word('deadlines')}</h3>{listed}</section>"
    )


def calendars_page(rules: RuleSet, link: Linker) -> str:
    """Every programme with a calendar: its windows, then its deadlines."""
    sections = "".join(_programme(p, rules, link) for p in CALENDAR_PROGRAMMES.values())
    body = f"<h1>{link.word('calendars')}</h1><p>{link.word('calendars_intro')}</p>{sections}"
    return frame(link, title=WORDS["calendars"].in_(link.lang), body=body)
