"""The explorer's entry points: one page by path (for a server), or the whole static site.

A page is addressed by its path (``""``, ``"rules/<key>"``, ``"unknowns"``, ``"calendars"``) and
its language; on a site, it lives at ``<lang>/<file><suffix>`` (:func:`page_file`), with the
stylesheet at the root, so every link between pages is relative and works the same from a server
(``/explorer/en/rules/sun_es.envelope.total``) and from files (``en/rules/….html``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import attrs

from segur_numerique.core.outputs import write_atomically
from segur_numerique.core.text import check_lang
from segur_numerique.explorer.calendar_page import calendars_page
from segur_numerique.explorer.index_pages import index_page, unknowns_page
from segur_numerique.explorer.markup import LANGS, STYLESHEET, Linker, page_file, stylesheet
from segur_numerique.explorer.readers import Reader, calendar_readers, computation_readers
from segur_numerique.explorer.rule_page import rule_page
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet

DOCS_URL = "https://example.invalid/segur-numerique/"
"""Where the pages of a server link for the documentation (the project's Documentation URL)."""

INDEX = "en/index"
"""Where a server sends a request for the explorer's root (``/explorer/`` → ``/explorer/en/index``)."""

_PAGES: dict[str, Callable[[RuleSet, Linker], str]] = {
    "": index_page,
    "unknowns": unknowns_page,
    "calendars": calendars_page,
}


@attrs.define
class _Site:
    """The pages of one rule set, rendered on first use and kept."""

    rules: RuleSet
    pages: dict[tuple[str, str, str, str], str | None] = attrs.Factory(dict)
    calendar: Mapping[str, tuple[Reader, ...]] | None = None

    def build(self, link: Linker) -> str | None:
        if link.path in _PAGES:
            return _PAGES[link.path](self.rules, link)
        head, _, key = link.path.partition("/")
        value = self.rules.values.get(key) if head == "rules" else None
        if value is None:
            return None
        if self.calendar is None:
            self.calendar = calendar_readers(self.rules)
        readers = computation_readers().get(key, ()) + self.calendar.get(key, ())
        return rule_page(value, readers, link)

    def page(self, link: Linker) -> str | None:
        ident = (link.path, link.lang, link.suffix, link.docs_url)
        if ident not in self.pages:
            self.pages[ident] = self.build(link)
        return self.pages[ident]


_SITES: dict[int, _Site] = {}
_LOCK = threading.Lock()
_KEEP = 8


def _site(rules: RuleSet | None) -> _Site:
    resolved = resolve_rules(rules)
    with _LOCK:
        found = _SITES.get(id(resolved))
        if found is None or found.rules is not resolved:
            if len(_SITES) >= _KEEP:
                _SITES.pop(next(iter(_SITES)))
            found = _SITES[id(resolved)] = _Site(resolved)
        return found


def render(
    path: str,
    *,
    lang: str,
    rules: RuleSet | None = None,
    suffix: str = "",
    docs_url: str = DOCS_URL,
) -> str | None:
    """The HTML of the explorer page at ``path`` in ``lang``; ``None`` if there is no such page.

    Pages are rendered once per rule set and kept (the shipped rules, or up to eight others).

    Args:
        path: ``""`` (the index), ``"rules/<key>"``, ``"unknowns"`` or ``"calendars"``; a
            trailing ``/`` or ``.html`` is ignored.
        lang: ``"fr"`` or ``"en"``.
        rules: the rule set (default: the shipped rules).
        suffix: appended to the links between pages (``".html"`` for files).
        docs_url: the documentation, absolute or relative to the site root.

    Raises:
        InvalidInputError: ``lang`` is not ``"fr"`` or ``"en"``, or ``rules`` is not a rule set.

    >>> "<h1>Rule values</h1>" in render("", lang="en")
    True
    >>> render("rules/no.such.key", lang="fr") is None
    True
    """
    checked = check_lang(lang)
    clean = path.strip("/").removesuffix(".html")
    clean = "" if clean == "index" else clean
    return _site(rules).page(Linker(checked, clean, suffix, docs_url))


def serve(
    url_path: str, *, rules: RuleSet | None = None, docs_url: str = DOCS_URL
) -> tuple[str, str] | None:
    """The media type and body for ``url_path`` under the explorer's mount point, or ``None``.

    ``url_path`` is what follows ``/explorer/``: ``en/``, ``en/index``, ``fr/rules/<key>``,
    ``explorer.css``. Links between pages are relative to ``/explorer/<lang>/``, so a bare
    ``/explorer/`` has no page: redirect it to :data:`INDEX` (``/explorer/en/index``).

    >>> serve("explorer.css")[0], serve("fr/calendars")[0], serve("de/index")
    ('text/css; charset=utf-8', 'text/html; charset=utf-8', None)
    """
    if url_path == STYLESHEET:
        return "text/css; charset=utf-8", stylesheet()
    lang, _, rest = url_path.partition("/")
    if lang not in LANGS:
        return None
    body = render(rest, lang=lang, rules=rules, docs_url=docs_url)
    return None if body is None else ("text/html; charset=utf-8", body)


def page_paths(rules: RuleSet | None = None) -> Iterator[str]:
    """The path of every page of the site for ``rules``."""
    yield from _PAGES
    yield from (f"rules/{key}" for key in resolve_rules(rules).values)


def build_site(
    out_dir: str | Path, *, rules: RuleSet | None = None, docs_url: str = DOCS_URL
) -> tuple[Path, ...]:
    """Write every page in both languages, and the stylesheet, under ``out_dir``; the files.

    Every page is rendered before the first file is written, and each file is written
    atomically: a failure leaves no partial page.

    Args:
        out_dir: the folder (created if needed); pages go to ``<lang>/<page>.html``.
        rules: the rule set (default: the shipped rules).
        docs_url: the documentation, absolute or relative to ``out_dir`` (``"../"`` when the
            site is the ``explorer/`` folder of the built docs).
    """
    out = Path(out_dir)
    files: dict[Path, str] = {out / STYLESHEET: stylesheet()}
    for lang in LANGS:
        for path in page_paths(rules):
            body = render(path, lang=lang, rules=rules, suffix=".html", docs_url=docs_url)
            assert body is not None  # every listed path has a page
            files[out / lang / f"{page_file(path)}.html"] = body
    for file, text in files.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(file, text, force=True)
    return tuple(files)
