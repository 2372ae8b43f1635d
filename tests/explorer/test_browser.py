"""The explorer in a real browser (headless Chromium): the search filters, pages fit 1280 px.

Marked ``browser``: skipped when Chromium is absent, unless ``SEGUR_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

WIDTH = 1280


@pytest.fixture(scope="module")
def base(site: Path, browser: types.ModuleType) -> Iterator[str]:
    """The site served on loopback (pages get the width probe of ``.ci/screenshots.py``)."""
    with browser.served(site) as url:
        yield url


def _rows(dom: str) -> tuple[list[str], list[str]]:
    rows = re.findall(r"<tr data-search=\"([^\"]*)\"([^>]*)>", dom)
    shown = [text for text, rest in rows if "hidden" not in rest]
    return [text for text, _ in rows], shown


def test_the_search_box_filters_the_values(base: str, browser: types.ModuleType) -> None:
    every, shown = _rows(browser.dump_dom(base + "en/index.html"))
    assert every
    assert len(shown) == len(every)
    dom = browser.dump_dom(base + "en/index.html?q=forfait%20sons")
    every, shown = _rows(dom)
    assert 0 < len(shown) < len(every)
    assert all("forfait" in text and "sons" in text for text in shown)
    assert f'<span id="shown">{len(shown)}</span>' in dom
    assert '<p id="no-match" hidden="">' in dom
    dom = browser.dump_dom(base + "fr/index.html?q=zzz-nothing")
    assert not _rows(dom)[1]
    assert '<p id="no-match">' in dom


@pytest.mark.parametrize(
    ("page", "shot"),
    [
        ("en/index.html", True),
        ("fr/index.html", False),
        ("fr/rules/sun_es.window.F1.targets_deadline.html", True),
        ("fr/unknowns.html", False),
        ("en/calendars.html", False),
    ],
)
def test_pages_fit_1280_px(
    base: str, browser: types.ModuleType, page: str, shot: bool, tmp_path: Path
) -> None:
    dom = browser.dump_dom(base + page, width=WIDTH)
    width = browser.scroll_width(dom)
    assert width is not None, f"{page}: the width probe did not run"
    assert width <= WIDTH, f"{page} is {width} px wide"
    if shot:
        data = browser.screenshot(base + page, tmp_path / "page.png", width=WIDTH).read_bytes()
        assert browser.png_size(data) == (WIDTH, browser.HEIGHT)
        assert not browser.png_is_blank(data)


def test_blank_and_sizes_are_detected(browser: types.ModuleType, tmp_path: Path) -> None:
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    data = browser.screenshot(blank.as_uri(), tmp_path / "blank.png", width=640).read_bytes()
    assert browser.png_size(data) == (640, browser.HEIGHT)
    assert browser.png_is_blank(data)
    with pytest.raises(ValueError, match="not a PNG"):
        browser.png_size(b"GIF89a" + bytes(30))
