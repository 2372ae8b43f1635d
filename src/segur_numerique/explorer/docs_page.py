"""The docs page that leads to the explorer (``docs/reference/_generated/rule-values.md``).

The explorer itself is written into the built docs under ``explorer/`` (``docs/conf.py``); this
page says what is there, with a summary by programme, and links to it.
"""

from __future__ import annotations

from collections import Counter

from segur_numerique.core.provenance import Status
from segur_numerique.explorer.labels import PROGRAMMES, programme_of
from segur_numerique.explorer.markup import esc
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet

_STATUSES = (Status.CONFIRMED, Status.SECONDARY, Status.INFERRED, Status.CONFLICTING)


def _a(href: str, text: str) -> str:
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def explorer_page_markdown(*, rules: RuleSet | None = None, root: str = "../../") -> str:
    """A Markdown page: what the explorer shows, a count by programme, links into it.

    ``root`` is the docs root relative to the page (the explorer is at ``<root>explorer/``).

    >>> page = explorer_page_markdown()
    >>> "# Rule values, sources and statuses" in page and "explorer/en/index.html" in page
    True
    """
    rules = resolve_rules(rules)
    base = f"{root}explorer/"
    lines = [
        "# Rule values, sources and statuses",
        "",
        "Every rule value shipped in `segur_numerique`, with its sources (title, link, date), its",
        "status and its history, is in the **rule explorer**, built with these docs from the same",
        "data: one page per key, a search box, the unknowns to supply and every programme's",
        "calendar, in English and in French.",
        "",
        f"- {_a(base + 'en/index.html', 'Rule explorer: all values (English)')}",
        f"- {_a(base + 'fr/index.html', 'Explorateur des règles : toutes les valeurs (français)')}",
        f"- {_a(base + 'en/unknowns.html', 'The unknown values and how to supply them')}",
        f"- {_a(base + 'en/calendars.html', 'The calendars: windows and deadlines')}",
        "",
        "Values by programme and status (a value counts under the status of its latest version):",
        "",
        "| programme | values | " + " | ".join(s.value for s in _STATUSES) + " | unknowns |",
        "|---|---:|" + "---:|" * len(_STATUSES) + "---:|",
    ]
    for code, title in PROGRAMMES:
        values = [v for v in rules if programme_of(v.key) == code]
        unknowns = sum(1 for u in rules.unknowns if programme_of(u.pattern) == code)
        if not values and not unknowns:
            continue
        counts = Counter(v.versions[-1].status for v in values)
        link = _a(f"{base}en/index.html#{code}", title.en)
        cells = " | ".join(str(counts[s]) for s in _STATUSES)
        lines.append(f"| {link} | {len(values)} | {cells} | {unknowns} |")
    return "\n".join(lines) + "\n"
