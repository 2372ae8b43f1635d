"""The page of one rule value: its versions as a timeline, their sources, and who reads it."""

from __future__ import annotations

from segur_numerique.core.provenance import Source
from segur_numerique.explorer.markup import Linker, badge, esc, frame, key_html, value_html
from segur_numerique.explorer.readers import Reader
from segur_numerique.rules.model import Alternative, DatedValue, RuleValue


def _source(source: Source, link: Linker) -> str:
    title = esc(source.title)
    where = f' rel="noopener" href="{esc(source.url)}"' if source.url else ""
    shown = f"<a{where}>{title}</a>" if source.url else f"{title} ({link.word('no_source')})"
    extra = [esc(source.date_precision.show(source.date))]
    if source.locator:
        extra.append(esc(source.locator))
    if source.seed:
        extra.append(f"{link.word('seed')} <code>{esc(source.seed)}</code>")
    return f'<li>{shown} <span class="muted">— {", ".join(extra)}</span></li>'


def _sources(sources: tuple[Source, ...], link: Linker) -> str:
    items = "".join(_source(s, link) for s in sources)
    return f'<ul class="sources" aria-label="{link.word("sources")}">{items}</ul>'


def _alternative(alt: Alternative, version: DatedValue, link: Linker) -> str:
    default = (
        f' <span class="muted">({link.word("default")})</span>'
        if (alt.name == version.default)
        else ""
    )
    note = f'<p class="note">{esc(alt.note.in_(link.lang))}</p>' if alt.note else ""
    return (
        f"<li><strong>{esc(alt.name)}</strong>{default}: "
        f'<span class="value">{value_html(alt.value, link.lang)}</span>'
        f"{note}{_sources(alt.sources, link)}</li>"
    )


def _facts(version: DatedValue, link: Linker) -> str:
    facts = [(link.word("origin"), esc(version.origin.label().in_(link.lang)))]
    if version.valid_until:
        facts.append((link.word("valid_until"), esc(version.valid_until.isoformat())))
    if version.last_verified:
        facts.append((link.word("last_verified"), esc(version.last_verified.isoformat())))
    if version.reasoning:
        facts.append((link.word("reasoning"), esc(version.reasoning.in_(link.lang))))
    if version.note:
        facts.append((link.word("note"), esc(version.note.in_(link.lang))))
    return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"


def _version(value: RuleValue, version: DatedValue, link: Linker, *, current: bool) -> str:
    alts = ""
    if version.alternatives:
        items = "".join(_alternative(a, version, link) for a in version.alternatives)
        alts = f"<h4>{link.word('alternatives')}</h4><ul>{items}</ul>"
    cls = "current" if current else ""
    shown = value_html(version.value, link.lang)
    return (
        f'<li class="{cls}"><h3><time datetime="{version.since.isoformat()}">'
        f"{esc(version.since.isoformat())}</time> "
        f'<span class="value">{shown}</span> <span class="unit">{esc(value.unit.value)}</span> '
        f"{badge(version.status, link.lang)}</h3>{_facts(version, link)}"
        f"<h4>{link.word('sources')}</h4>{_sources(version.sources, link)}{alts}</li>"
    )


def _readers(readers: tuple[Reader, ...], link: Linker) -> str:
    if not readers:
        return f"<p>{link.word('read_by_none')}</p>"
    items = []
    for reader in readers:
        if reader.kind == "calendar":
            where = f'<a href="{esc(link.page("calendars"))}#{esc(reader.name)}">'
        else:
            where = "<span>"
        close = "</a>" if reader.kind == "calendar" else "</span>"
        items.append(
            f"<li>{where}<code>{esc(reader.name)}</code>{close} "
            f'<span class="muted">({link.word(reader.kind)})</span> '
            f"{esc(reader.title.in_(link.lang))}</li>"
        )
    return f"<p>{link.word('read_by_intro')}</p><ul>{''.join(items)}</ul>"


def rule_page(value: RuleValue, readers: tuple[Reader, ...], link: Linker) -> str:
    """The page of ``value``: current value, every version (newest first), its readers."""
    latest = value.versions[-1]
    desc = ""
    if value.description:
        desc = f'<p class="description">{esc(value.description.in_(link.lang))}</p>'
    versions = "".join(
        _version(value, v, link, current=v is latest) for v in reversed(value.versions)
    )
    body = (
        f'<p class="crumbs"><a href="{esc(link.page(""))}">{link.word("back")}</a></p>'
        f"<h1>{esc(value.label.in_(link.lang))}</h1>"
        f"<p>{key_html(value.key)}</p>{desc}"
        f'<div class="current-box"><span>{link.word("current")}</span> '
        f'<strong class="value">{value_html(latest.value, link.lang)}</strong> '
        f'<span class="unit">{esc(value.unit.value)}</span> {badge(latest.status, link.lang)}</div>'
        f'<h2>{link.word("history")}</h2><ol class="timeline" reversed>{versions}</ol>'
        f"<h2>{link.word('read_by')}</h2>{_readers(readers, link)}"
    )
    return frame(link, title=f"{value.label.in_(link.lang)} ({value.key})", body=body)
