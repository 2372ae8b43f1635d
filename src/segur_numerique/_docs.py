"""Generated documentation pages (used by ``docs/`` and tested like any other code)."""

from __future__ import annotations

from segur_numerique._rules import RuleSet, load_rules
from segur_numerique._values import render_value


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rule_values_markdown(rules: RuleSet | None = None) -> str:
    """A Markdown page listing every rule value with its versions, status and sources."""
    rules = rules or load_rules()
    lines = [
        "# Rule values, sources and statuses",
        "",
        "Generated from the data shipped in `segur_numerique/data/` at documentation build time.",
        "Every value has a source (title, URL, date) and a status. Values that nobody could source",
        "are listed at the end as **unknowns**: supply them in a parameter file.",
        "",
        "| key | label | since | value | status | sources |",
        "|---|---|---|---|---|---|",
    ]
    for value in rules:
        for version in value.versions:
            shown = render_value(version.value, "en")
            if version.alternatives:
                shown = "; ".join(
                    f"{a.name}{' (default)' if a.name == version.default else ''}: "
                    f"{render_value(a.value, 'en')}"
                    for a in version.alternatives
                )
            sources = "<br>".join(
                f"[{_cell(s.title)}]({s.url}) ({s.date.isoformat()})" if s.url else _cell(s.cite())
                for s in version.sources
            )
            status = version.status.value
            if version.reasoning is not None:
                status += f": {_cell(version.reasoning.en)}"
            lines.append(
                f"| `{value.key}` | {_cell(value.label.en)} | {version.since.isoformat()} | "
                f"{_cell(shown)} | {status} | {sources} |"
            )
    lines += [
        "",
        "## Unknowns (caller-supplied)",
        "",
        "| key | label | unit | why unknown |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| `{u.pattern}` | {_cell(u.label.en)} | {u.unit.value} | {_cell(u.why.en)} |"
        for u in rules.unknowns
    ]
    return "\n".join(lines) + "\n"
