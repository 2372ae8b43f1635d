"""Generated documentation pages (used by ``docs/`` and tested like any other code).

>>> page = rule_values_markdown()
>>> "## SUN-ES" in page and "`sun_es.envelope.total`" in page
True
>>> "`sun_es.envelope.window.*`" in page  # unknowns are listed with their programme
True
"""

from __future__ import annotations

from collections.abc import Iterable

from segur_numerique.core.provenance import Source
from segur_numerique.core.values import render_value
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import DatedValue, RuleSet, RuleValue, UnknownValue

# Sections of the page, by the first segment of the keys (rules digest section order).
_GROUPS: tuple[tuple[str, str], ...] = (
    ("segur", "Ségur Numérique (envelopes, {ref}`§1 <rules-segur-1>`)"),
    ("sun_es", "SUN-ES ({ref}`§2 <rules-sun-es-2>`)"),
    ("sons", "SONS ({ref}`§3 <rules-sons-3>`)"),
    ("hopen", "HOP'EN ({ref}`§4 <rules-hopen-4>`)"),
    ("esms_numerique", "ESMS numérique ({ref}`§5 <rules-esms-numerique-5>`)"),
    ("avenant9", "Avenant 9, self-employed doctors ({ref}`§6 <rules-avenant9-6>`)"),
    ("e_parcours", "e-parcours ({ref}`§7 <rules-e-parcours-7>`)"),
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _group_of(key: str) -> str:
    head = key.split(".", 1)[0]
    return head if head in dict(_GROUPS) else "other"


def _source_cell(source: Source) -> str:
    when = source.date_precision.show(source.date)
    title = _cell(source.title)
    seed = f", seed `{source.seed}`" if source.seed else ""
    return f"[{title}]({source.url}) ({when}{seed})" if source.url else f"{title} ({when}{seed})"


def _version_row(value: RuleValue, version: DatedValue) -> str:
    shown = render_value(version.value, "en")
    if version.alternatives:
        shown = "; ".join(
            f"{a.name}{' (default)' if a.name == version.default else ''}: "
            f"{render_value(a.value, 'en')}"
            for a in version.alternatives
        )
    sources = "<br>".join(_source_cell(s) for s in version.sources)
    status = f"**{version.status.value}**"
    if version.reasoning is not None:
        status += f": {_cell(version.reasoning.en)}"
    if version.note is not None:
        status += f"<br>*{_cell(version.note.en)}*"
    return (
        f"| `{value.key}` | {_cell(value.label.en)} | {version.since.isoformat()} | "
        f"{_cell(shown)} | {status} | {sources} |"
    )


def _unknown_rows(unknowns: Iterable[UnknownValue]) -> list[str]:
    rows = [
        f"| `{u.pattern}` | {_cell(u.label.en)} | {u.unit.value} | {_cell(u.why.en)} |"
        for u in unknowns
    ]
    if not rows:
        return []
    return [
        "",
        "Unknown (supply in a parameter file):",
        "",
        "| key | label | unit | why unknown |",
        "|---|---|---|---|",
        *rows,
    ]


def rule_values_markdown(*, rules: RuleSet | None = None) -> str:
    """A Markdown page listing every rule value, grouped by programme, with sources and status.

    Each programme's section lists its values (every version, the alternatives of conflicting
    values with the default marked, notes and reasoning) and then its declared unknowns.
    """
    rules = resolve_rules(rules)
    lines = [
        "# Rule values, sources and statuses",
        "",
        "Generated from the rule data shipped in `segur_numerique` at documentation build time.",
        "Every value has a source (title, URL, date) and a status; notes say when a value is",
        "approximate (*about*, *over*) or why a default was chosen. A source date shown as a",
        "month or a year is all that is known; *undated, consulted* means the page shows no date.",
        "Values that nobody could source are listed under each programme as **unknowns**: supply",
        "them in a parameter file (see the how-to *Supply the unknown values*).",
    ]
    groups = [*_GROUPS, ("other", "Other values")]
    for group, title in groups:
        values = [v for v in rules if _group_of(v.key) == group]
        unknowns = [u for u in rules.unknowns if _group_of(u.pattern) == group]
        if not values and not unknowns:
            continue
        lines += ["", f"## {title}", ""]
        if values:
            lines += [
                "| key | label | since | value | status | sources |",
                "|---|---|---|---|---|---|",
            ]
            lines += [_version_row(v, version) for v in values for version in v.versions]
        lines += _unknown_rows(unknowns)
    return "\n".join(lines) + "\n"
