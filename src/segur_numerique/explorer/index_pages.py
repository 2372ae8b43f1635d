"""The index of every rule value (with its search box) and the page of the unknowns."""

from __future__ import annotations

import json

from segur_numerique.core.values import render_value
from segur_numerique.explorer.labels import PROGRAMMES, WORDS, programme_of
from segur_numerique.explorer.markup import (
    HOW_TO_UNKNOWNS,
    Linker,
    badge,
    esc,
    frame,
    key_html,
    table,
    value_html,
)
from segur_numerique.rules.model import RuleSet, RuleValue, UnknownValue

# Hand-written (a dozen lines, no library needed): hide the rows that do not contain every word
# of the query, the sections left empty, and say when nothing matches. ``?q=`` fills the box.
SEARCH_JS = """
(function () {
  var box = document.getElementById("search"), none = document.getElementById("no-match");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-search]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.programme"));
  function filter() {
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-search");
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !ok; if (ok) { shown += 1; }
    });
    sections.forEach(function (s) {
      s.hidden = s.querySelectorAll("tr[data-search]:not([hidden])").length === 0;
    });
    none.hidden = shown !== 0;
    document.getElementById("shown").textContent = String(shown);
  }
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { box.value = q; }
  box.addEventListener("input", filter);
  filter();
})();
"""


def _value_cell(value: RuleValue, link: Linker) -> str:
    latest = value.versions[-1]
    shown = value_html(latest.value, link.lang)
    if latest.alternatives:
        shown += f' <span class="muted">({link.word("default")})</span>'
    return f'<td class="value">{shown}</td>'


def _index_row(value: RuleValue, link: Linker) -> str:
    latest = value.versions[-1]
    label = value.label.in_(link.lang)
    words = [value.key, label, render_value(latest.value, link.lang), latest.status.value]
    words.append(latest.status.label().in_(link.lang))
    search = esc(" ".join(words).lower())
    return (
        f'<tr data-search="{search}"><td class="what"><a href="{esc(link.rule(value.key))}">'
        f"{esc(label)}</a>{key_html(value.key)}</td>"
        f'{_value_cell(value, link)}<td class="unit">{esc(value.unit.value)}</td>'
        f"<td>{badge(latest.status, link.lang)}</td>"
        f'<td class="date">{esc(latest.since.isoformat())}</td></tr>'
    )


def _unknown_note(unknowns: list[UnknownValue], code: str, link: Linker) -> str:
    if not unknowns:
        return ""
    keys = ", ".join(f"<code>{esc(u.pattern)}</code>" for u in unknowns)
    href = esc(link.page("unknowns") + f"#{code}")
    return f'<p class="unknown-note"><a href="{href}">{link.word("unknowns")}</a>: {keys}</p>'


def index_page(rules: RuleSet, link: Linker) -> str:
    """Every rule value by programme, latest version, with a search box."""
    head = [link.word(w) for w in ("label", "value", "unit", "status", "since")]
    head[0] = f"{link.word('label')} / {link.word('key')}"
    sections = []
    for code, title in PROGRAMMES:
        values = [v for v in rules if programme_of(v.key) == code]
        unknowns = [u for u in rules.unknowns if programme_of(u.pattern) == code]
        if not values and not unknowns:
            continue
        rows = [_index_row(v, link) for v in values]
        body = table(head, rows, cls="values") if rows else ""
        sections.append(
            f'<section class="programme" id="{code}"><h2>{esc(title.in_(link.lang))}</h2>'
            f"{body}{_unknown_note(unknowns, code, link)}</section>"
        )
    count = esc(WORDS["count"].in_(link.lang).format(n=len(rules), u=len(rules.unknowns)))
    search = (
        f'<div class="search" role="search"><label for="search">{link.word("search")}</label>'
        f'<input type="search" id="search" placeholder="{link.word("search_hint")}" '
        f'autocomplete="off"><span class="muted"><span id="shown">{len(rules)}</span> / '
        f"{count}</span></div>"
        f'<p id="no-match" hidden>{link.word("no_match")}</p>'
    )
    body = f"<h1>{link.word('index')}</h1><p>{link.word('intro')}</p>{search}{''.join(sections)}"
    return frame(link, title=WORDS["index"].in_(link.lang), body=body, script=SEARCH_JS)


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def _example(unknown: UnknownValue) -> str:
    key = unknown.pattern.replace("*", "F1")
    return "\n".join(
        [
            'format = "segur_numerique.rules/v1"',
            "",
            "[sources.guide]",
            'title = "…"  # the document you hold',
            "date = 2022-05-20",
            "",
            f'[values."{key}"]',
            f"label = {{ fr = {_toml(unknown.label.fr)}, en = {_toml(unknown.label.en)} }}",
            f'unit = "{unknown.unit.value}"',
            "",
            f'[[values."{key}".versions]]',
            "since = 2021-09-01",
            'value = "…"  # from the document',
            'status = "confirmed"',
            'sources = ["guide"]',
        ]
    )


def unknowns_page(rules: RuleSet, link: Linker) -> str:
    """The declared unknowns by programme, and how to supply them."""
    head = [link.word(w) for w in ("pattern", "label", "unit", "why")]
    sections = []
    for code, title in PROGRAMMES:
        found = [u for u in rules.unknowns if programme_of(u.pattern) == code]
        rows = [
            f'<tr><td class="what">{key_html(u.pattern)}</td>'
            f"<td>{esc(u.label.in_(link.lang))}</td><td>{esc(u.unit.value)}</td>"
            f"<td>{esc(u.why.in_(link.lang))}</td></tr>"
            for u in found
        ]
        if rows:
            sections.append(
                f'<section id="{code}"><h2>{esc(title.in_(link.lang))}</h2>'
                f"{table(head, rows, cls='unknowns')}</section>"
            )
    example = ""
    if rules.unknowns:
        example = (
            f"<h2>{link.word('example')}</h2>"
            f"<pre><code>{esc(_example(rules.unknowns[0]))}</code></pre>"
        )
    body = (
        f"<h1>{link.word('unknowns')}</h1><p>{link.word('unknowns_intro')}</p>"
        f'<p><a href="{esc(link.docs(HOW_TO_UNKNOWNS))}">{link.word("how_to")}</a></p>'
        f"{''.join(sections)}{example}"
    )
    return frame(link, title=WORDS["unknowns"].in_(link.lang), body=body)
