"""``segur-numerique calendar``: every window and deadline of every programme.

With ``--json``, one document (format ``segur_numerique.calendar/v1``) giving each programme's
windows with their phases (ISO dates, inclusive ``start``/``end``, exclusive ``stop``), statuses
and sources, and its deadlines with their revision history. Without it, a readable table.
``--on DATE`` reads every date as known on that day and shows the phase each window is in and
the days left before each deadline. ``--ics FILE`` also writes an iCalendar file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
from typing import Any

from segur_numerique.calendar.deadlines import PARIS
from segur_numerique.calendar.on_time import days_left
from segur_numerique.calendars import (
    CALENDAR_PROGRAMMES,
    calendar_json,
    calendar_programme,
    known_deadlines,
    windows,
    write_ics,
)
from segur_numerique.cli import add_json_option, cli_lang, emit, emit_json, iso_date, tr
from segur_numerique.core.text import Lang, capped, check_lang
from segur_numerique.errors import InvalidInputError, MissingParameterError
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet


def register(subparsers: Any) -> None:
    """Add the ``calendar`` sub-command."""
    lang = cli_lang(subparsers)
    parser = subparsers.add_parser(
        "calendar",
        help=tr(
            lang,
            fr="lister les fenêtres et les échéances de chaque programme",
            en="list the windows and deadlines of every programme",
        ),
        description=tr(
            lang,
            fr="Lister les fenêtres de financement (avec leurs phases) et les échéances de chaque "
            "programme, avec dates ISO, statut et source.",
            en="List the funding windows (with their phases) and the deadlines of every "
            "programme, with ISO dates, status and source.",
        ),
    )
    add_json_option(parser, lang)
    programmes = ", ".join(CALENDAR_PROGRAMMES)
    parser.add_argument(
        "--programme",
        metavar="ID",
        help=tr(
            lang,
            fr=f"seulement ce programme ({programmes})",
            en=f"only this programme ({programmes})",
        ),
    )
    parser.add_argument(
        "--on",
        type=iso_date,
        help=tr(
            lang,
            fr="les dates connues ce jour-là ; montrer alors les phases et les jours restants",
            en="dates as known on this day; show phases and days left then",
        ),
    )
    parser.add_argument(
        "--alternative",
        help=tr(
            lang,
            fr="dates en conflit : utiliser cette variante (idf)",
            en="conflicting dates: use this alternative (idf)",
        ),
    )
    parser.add_argument(
        "--ics",
        metavar="FILE",
        help=tr(
            lang,
            fr="écrire aussi un fichier iCalendar (.ics)",
            en="also write an iCalendar (.ics) file",
        ),
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=tr(
            lang,
            fr="remplacer le fichier --ics s'il existe",
            en="overwrite the --ics file if it exists",
        ),
    )
    parser.set_defaults(run=run)


def _alt(programme_id: str, rules: RuleSet, alternative: str | None) -> str | None:
    if alternative is None:
        return None
    try:
        windows(programme_id, rules=rules, alternative=alternative)
    except (MissingParameterError, LookupError):
        return None
    return alternative


def _due_text(due: dt.date | dt.datetime) -> str:
    if isinstance(due, dt.datetime):
        return due.astimezone(PARIS).strftime("%Y-%m-%d %H:%M %Z")
    return due.isoformat()


def table(
    rules: RuleSet,
    lang: Lang,
    *,
    programme_id: str | None = None,
    on: dt.date | None = None,
    alternative: str | None = None,
) -> str:
    """A readable table of the windows and deadlines."""
    fr = lang == "fr"
    chosen = [calendar_programme(programme_id).id] if programme_id else list(CALENDAR_PROGRAMMES)
    header: tuple[str, ...] = (
        ("élément", "phase", "début", "fin", "statut", "source")
        if fr
        else ("item", "phase", "start", "end", "status", "source")
    )
    if on is not None:
        header = (*header, f"le {on.isoformat()}" if fr else f"on {on.isoformat()}")
    blocks = []
    for pid in chosen:
        prog = calendar_programme(pid)
        rows: list[tuple[str, ...]] = []
        note = ""
        try:
            found = windows(
                pid, rules=rules, as_known_on=on, alternative=_alt(pid, rules, alternative)
            )
        except MissingParameterError as exc:
            found = ()
            if exc.key in rules.values and on is not None:
                note = (
                    f"  pas encore connues le {on.isoformat()} : "
                    if fr
                    else f"  not yet known on {on.isoformat()}: "
                ) + exc.key
            else:
                note = ("  dates inconnues : " if fr else "  dates unknown: ") + exc.key
        for w in found:
            current = w.phase_on(on) if on is not None else None
            for phase in w.phases:
                read = phase.reads[-1] if phase.reads else None
                row: tuple[str, ...] = (
                    w.name,
                    phase.kind.label().in_(lang),
                    phase.start.isoformat(),
                    phase.end.isoformat(),
                    _status(read, lang),
                    (read.sources[0].url or read.sources[0].title) if read and read.sources else "",
                )
                if on is not None:
                    row = (
                        *row,
                        ("← " + ("en cours" if fr else "current")) if current is phase else "",
                    )
                rows.append(row)
        for d in known_deadlines(pid, rules, on):
            version = d.as_known_on(as_known_on=on, alternative=alternative)
            known = [v for v in d.versions(alternative) if on is None or v.since <= on]
            history = " → ".join(_due_text(v.due) for v in known)
            row = (
                d.key.split(".")[-1],
                ("date limite" if fr else "deadline") + (f" ({history})" if len(known) > 1 else ""),
                "",
                _due_text(version.due),
                version.status.label().in_(lang)
                + (f" [{version.alternative}]" if version.alternative else ""),
                version.sources[0].url or version.sources[0].title,
            )
            if on is not None:
                left = days_left(d, on, rules=rules, alternative=alternative)
                row = (
                    *row,
                    f"{left.calendar_days} j / {left.working_days} j ouvrés"
                    if fr
                    else f"{left.calendar_days} d / {left.working_days} working d",
                )
            rows.append(row)
        blocks.append(_render(prog.title.in_(lang), header, rows, note))
    return "\n\n".join(blocks)


def _status(read: Any, lang: Lang) -> str:
    if read is None:
        return ""
    text: str = read.status.label().in_(lang)
    if read.alternative:
        text += f" [{read.alternative}]"
    return text


def _render(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]], note: str) -> str:
    lines = [title, "=" * len(title)]
    if rows:
        table_rows = [header, *rows]
        widths = [max(len(r[i]) for r in table_rows) for i in range(len(header))]
        for i, row in enumerate(table_rows):
            lines.append("  ".join(c.ljust(widths[j]) for j, c in enumerate(row)).rstrip())
            if i == 0:
                lines.append("  ".join("-" * w for w in widths))
    if note:
        lines.append(note)
    return "\n".join(lines)


def _check_alternative(rules: RuleSet, alternative: str) -> None:
    """Refuse an ``--alternative`` that no conflicting value of the rule data offers."""
    known = sorted({a.name for v in rules for ver in v.versions for a in ver.alternatives})
    if alternative not in known:
        near = difflib.get_close_matches(alternative, known, n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise InvalidInputError(
            f"unknown alternative {alternative!r}{hint} (known: {capped(known)})",
            where="--alternative",
        )


def run(args: argparse.Namespace) -> int:
    """Print the calendar (and write the .ics file if asked)."""
    lang = check_lang(args.lang)
    rules = load_rules()
    if args.programme:
        calendar_programme(args.programme)
    if args.alternative is not None:
        _check_alternative(rules, args.alternative)
    if args.ics:  # first: a file that cannot be written stops the command before any output
        chosen = [args.programme] if args.programme else None
        write_ics(
            args.ics, chosen, lang=lang, rules=rules, alternative=args.alternative, force=args.force
        )
    if args.json:
        doc = calendar_json(
            rules, programme_id=args.programme, on=args.on, alternative=args.alternative
        )
        emit_json(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        emit(
            table(
                rules, lang, programme_id=args.programme, on=args.on, alternative=args.alternative
            )
        )
    return 0
