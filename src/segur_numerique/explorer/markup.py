"""HTML building blocks of the explorer: escaping, links between pages, the page frame.

Written with :func:`html.escape` rather than a template engine: the pages are a few small
fragments, and the package keeps no runtime dependency beyond its core ones (jinja2 would be a new
one for the server and the docs alike).
"""

from __future__ import annotations

import html
import re
from importlib import resources
from urllib.parse import quote

import attrs

from segur_numerique.core.provenance import Status
from segur_numerique.core.text import Lang
from segur_numerique.core.values import render_value
from segur_numerique.explorer.labels import WORDS

STYLESHEET = "explorer.css"
"""The file name of the stylesheet, at the root of the site (next to ``en/`` and ``fr/``)."""

LANGS: tuple[Lang, ...] = ("en", "fr")

HOW_TO_UNKNOWNS = "how-to/supply-unknown-values.html"
"""The docs page on supplying unknowns, relative to the docs root (the one place it is named)."""


def esc(text: object) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def stylesheet() -> str:
    """The CSS of every page (one file, served or written next to the pages)."""
    return resources.files(__package__).joinpath("explorer.css").read_text(encoding="utf-8")


def page_file(path: str) -> str:
    """The file part of the URL of the page at ``path`` (without the suffix).

    >>> page_file(""), page_file("rules/sun_es.envelope.total"), page_file("rules/a b")
    ('index', 'rules/sun_es.envelope.total', 'rules/a%20b')
    """
    if not path:
        return "index"
    head, _, rest = path.partition("/")
    return f"{head}/{quote(rest, safe='.-_~')}" if rest else head


@attrs.frozen
class Linker:
    """Relative links from one page to the others (the site has ``<lang>/<page>`` files).

    Attributes:
        lang: the language of the page.
        path: the page's path (``""``, ``"rules/<key>"``, ``"unknowns"``...).
        suffix: appended to page files (``".html"`` for a static site, ``""`` for a server).
        docs_url: where the documentation is: absolute, or relative to the site root.
    """

    lang: Lang
    path: str
    suffix: str = ""
    docs_url: str = "../"

    @property
    def root(self) -> str:
        """The site root, relative to this page (above the language folders)."""
        return "../" * (page_file(self.path).count("/") + 1)

    def page(self, path: str, *, lang: Lang | None = None) -> str:
        """The link to the page at ``path`` (in ``lang``, this page's language by default)."""
        return f"{self.root}{lang or self.lang}/{page_file(path)}{self.suffix}"

    def rule(self, key: str) -> str:
        """The link to the page of the rule value ``key``."""
        return self.page(f"rules/{key}")

    def docs(self, page: str) -> str:
        """The link to a docs page (``how-to/x.html``, relative to the docs root)."""
        if "://" in self.docs_url or self.docs_url.startswith("/"):
            return self.docs_url.rstrip("/") + "/" + page
        return f"{self.root}{self.docs_url}{page}"

    def word(self, name: str) -> str:
        """A word of the pages in this page's language, escaped."""
        return esc(WORDS[name].in_(self.lang))


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def value_html(value: object, lang: Lang) -> str:
    """A rule value as people read it, escaped; an ISO date never breaks at its hyphens.

    >>> import datetime as dt
    >>> from segur_numerique.core.periods import Period
    >>> value_html(Period(dt.date(2021, 1, 1), dt.date(2025, 12, 31)), "en")
    '<span class="nowrap">2021-01-01</span> → <span class="nowrap">2025-12-31</span>'
    """
    shown = esc(render_value(value, lang))
    return _ISO_DATE.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', shown)


def key_html(key: str) -> str:
    """A rule key as code that may wrap after each dot (long keys never widen a column).

    >>> key_html("sun_es.envelope.total")
    '<code class="key">sun_es.<wbr>envelope.<wbr>total</code>'
    """
    return f'<code class="key">{esc(key).replace(".", ".<wbr>")}</code>'


def badge(status: Status, lang: Lang) -> str:
    """A status badge (colour and word: the word alone carries the meaning)."""
    return f'<span class="badge badge-{status.value}">{esc(status.label().in_(lang))}</span>'


def table(head: list[str], rows: list[str], *, cls: str = "", caption: str = "") -> str:
    """A table with header cells ``head`` (already HTML) and rows ``rows`` (``<tr>`` HTML)."""
    ths = "".join(f'<th scope="col">{h}</th>' for h in head)
    cap = f"<caption>{caption}</caption>" if caption else ""
    return (
        f'<div class="table-wrap"><table class="{cls}">{cap}<thead><tr>{ths}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def frame(link: Linker, *, title: str, body: str, script: str = "") -> str:
    """A whole page: head, navigation with the language switch, ``body`` and ``script``."""
    other: Lang = "fr" if link.lang == "en" else "en"
    nav = [
        ("", link.word("index")),
        ("unknowns", link.word("unknowns")),
        ("calendars", link.word("calendars")),
    ]
    current = ' aria-current="page"'
    items = "".join(
        f'<li><a href="{esc(link.page(p))}"{current if p == link.path else ""}>{w}</a></li>'
        for p, w in nav
    )
    switch = (
        f'<li class="lang-switch"><a href="{esc(link.page(link.path, lang=other))}" '
        f'hreflang="{other}" lang="{other}">{link.word("language")}</a></li>'
    )
    js = f"<script>{script}</script>" if script else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{link.lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · {link.word('site')}</title>"
        f'<link rel="stylesheet" href="{esc(link.root + STYLESHEET)}"></head>'
        f'<body><a class="skip" href="#main">{link.word("skip")}</a><header class="top"><a class="brand" href="{esc(link.page(""))}">'
        f'{link.word("site")}</a><nav aria-label="{link.word("nav")}"><ul>{items}{switch}'
        f'</ul></nav></header><main id="main">{body}</main>{js}</body></html>\n'
    )
