"""The explorer's pages: expected sections, both languages, links that resolve within the site."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import attrs
import pytest

from segur_numerique.calendars import CALENDAR_PROGRAMMES
from segur_numerique.core.text import Lang, Text
from segur_numerique.errors import InvalidInputError
from segur_numerique.explorer import INDEX, page_paths, render, serve
from segur_numerique.explorer.docs_page import explorer_page_markdown
from segur_numerique.explorer.labels import PROGRAMMES, programme_of
from segur_numerique.explorer.markup import key_html, page_file
from segur_numerique.explorer.readers import computation_readers, readers_of
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet

RULES = load_rules()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src"):
            if found.get(name):
                self.links.append(str(found[name]))


def _parse(text: str) -> _Links:
    parser = _Links()
    parser.feed(text)
    return parser


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_index_lists_every_value_by_programme(lang: Lang) -> None:
    page = render("", lang=lang)
    assert page is not None
    assert f'<html lang="{lang}">' in page
    assert 'id="search"' in page
    assert "<script>" in page
    for code, title in PROGRAMMES:
        if any(programme_of(v.key) == code for v in RULES):
            assert f'id="{code}"' in page
            assert html.escape(title.in_(lang)) in page
    for value in RULES:
        assert f'href="../{lang}/{page_file("rules/" + value.key)}"' in page
    assert ("Rule values" if lang == "en" else "Valeurs des règles") in page


def test_rule_page_has_history_sources_and_readers() -> None:
    page = render("rules/sun_es.window.F1.targets_deadline", lang="en")
    assert page is not None
    assert '<ol class="timeline" reversed>' in page
    assert "Version history" in page
    assert "Read by" in page
    assert "Alternatives" in page
    assert 'href="https://' in page  # every version's sources, with their links
    assert "(default)" in page  # the conflicting value's default alternative
    assert 'href="../../en/calendars#sun_es"' in page  # the SUN-ES calendar is built from it
    assert 'href="../../fr/rules/sun_es.window.F1.targets_deadline"' in page  # language switch


def test_readers_come_from_the_shipped_scenarios() -> None:
    readers = computation_readers()
    assert readers, "the shipped scenarios read rule values"
    assert all(key in RULES for key in readers if not RULES.unknown_for(key))
    named = {r.name for found in readers.values() for r in found}
    assert "rules.read" not in named
    key, found = next(iter(readers.items()))
    page = render(f"rules/{key}", lang="fr")
    assert page is not None
    assert f"<code>{found[0].name}</code>" in page


def test_a_value_nobody_reads_says_so() -> None:
    unread = next(v.key for v in RULES if not readers_of(v.key, RULES))
    page = render(f"rules/{unread}", lang="en")
    assert page is not None
    assert "No computation of the shipped scenarios and no calendar reads this value" in page


def test_unknowns_page_lists_every_unknown_and_links_the_how_to() -> None:
    page = render("unknowns", lang="en", docs_url="https://docs.example/")
    assert page is not None
    for unknown in RULES.unknowns:
        assert key_html(unknown.pattern) in page
    assert 'href="https://docs.example/how-to/supply-unknown-values.html"' in page
    assert "format = &quot;segur_numerique.rules/v1&quot;" in page


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_calendars_page_has_every_programme(lang: Lang) -> None:
    page = render("calendars", lang=lang)
    assert page is not None
    for pid, prog in CALENDAR_PROGRAMMES.items():
        assert f'id="{pid}"' in page
        assert html.escape(prog.title.in_(lang)) in page
    assert "F1" in page
    assert "2022-06-30" in page
    unknown = "unknown: supply them" if lang == "en" else "inconnues : fournissez"
    assert unknown in page  # SUN-ES volet 2: its dates are unknowns


def test_no_such_page_and_bad_language() -> None:
    assert render("rules/no.such.key", lang="en") is None
    assert render("nowhere", lang="en") is None
    assert render("index.html", lang="en") == render("", lang="en")
    with pytest.raises(InvalidInputError):
        render("", lang="de")


def test_serve_gives_pages_and_the_stylesheet() -> None:
    css = serve("explorer.css")
    assert css is not None
    assert css[0].startswith("text/css")
    assert "table-layout" in css[1]
    page = serve("fr/rules/sun_es.envelope.total")
    assert page is not None
    assert page[0].startswith("text/html")
    assert 'lang="fr"' in page[1]
    assert serve("en/") == serve("en/index")
    assert serve(INDEX) is not None
    assert serve("") is None  # relative links need /explorer/<lang>/: redirect to INDEX
    assert serve("de/") is None
    assert serve("en/rules/x") is None


def test_pages_are_escaped_and_follow_the_rule_set() -> None:
    value = RULES.values["sun_es.envelope.total"]
    odd = attrs.evolve(value, label=Text(fr="<b>étrange</b>", en="<b>odd</b> & co"))
    rules = RuleSet({odd.key: odd})
    page = render("", lang="en", rules=rules)
    assert page is not None
    assert "&lt;b&gt;odd&lt;/b&gt; &amp; co" in page
    assert "<b>odd" not in page
    assert "1 / 1 values, 0 unknowns" in page.replace('<span id="shown">1</span>', "1")
    assert render("rules/sun_es.envelope.total", lang="en", rules=rules) is not None
    assert render("rules/sun_es.forfait.grid", lang="en", rules=rules) is None


def test_tables_have_header_cells() -> None:
    for path in ("", "unknowns", "calendars"):
        page = render(path, lang="en")
        assert page is not None
        assert page.count("<table") == page.count("<thead>") > 0
        assert '<th scope="col">' in page


def _target(page: Path, link: str) -> tuple[Path, str] | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    file = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    return file, parts.fragment


def test_every_link_of_the_site_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 2 * len(list(page_paths()))
    assert (site / "explorer.css").is_file()
    parsed = {p.resolve(): _parse(p.read_text(encoding="utf-8")) for p in pages}
    broken = []
    for page, links in parsed.items():
        assert links.lang in {"en", "fr"}
        assert f"/{links.lang}/" in page.as_posix()
        for link in links.links:
            target = _target(page, link)
            if target is None:
                continue
            file, fragment = target
            if not file.is_file() or (fragment and fragment not in parsed[file].ids):
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert not broken, broken[:10]


def test_both_languages_have_the_same_pages(site: Path) -> None:
    english = {p.relative_to(site / "en") for p in (site / "en").rglob("*.html")}
    french = {p.relative_to(site / "fr") for p in (site / "fr").rglob("*.html")}
    assert english == french
    page = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="en"' in page
    assert 'href="../en/index.html"' in page


def test_docs_page_summarises_and_links_the_explorer() -> None:
    page = explorer_page_markdown()
    assert "explorer/en/index.html" in page
    assert "explorer/fr/index.html" in page
    sun_es = sum(programme_of(v.key) == "sun_es" for v in load_rules())  # grows with the rules
    assert re.search(
        rf"\| <a href=\"\.\./\.\./explorer/en/index\.html#sun_es\">SUN-ES</a> \| {sun_es} \|",
        page,
    )
