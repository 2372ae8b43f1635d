"""``.ci/screenshots.py``: it finds the pages, and its checks catch overflow and missing sections."""

from __future__ import annotations

import types
from pathlib import Path

import pytest


def _page(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")


def test_notebook_page_is_found_from_its_source(
    screenshots_script: types.ModuleType, tmp_path: Path
) -> None:
    assert screenshots_script.notebook_page(tmp_path) is None
    _page(tmp_path / "how-to" / "nb.html", "<div class='cell'>x</div>")
    (tmp_path / "_sources" / "how-to").mkdir(parents=True)
    (tmp_path / "_sources" / "how-to" / "nb.ipynb.txt").write_text("{}", encoding="utf-8")
    assert screenshots_script.notebook_page(tmp_path) == "how-to/nb.html"
    assert screenshots_script.png_size.__doc__  # the helpers are importable without Chromium


@pytest.mark.browser
def test_checks_pass_on_a_readable_page_and_catch_a_wide_one(
    browser: types.ModuleType, tmp_path: Path
) -> None:
    html = tmp_path / "html"
    _page(html / "index.html", "<h1>segur_numerique</h1><p>" + "Readable text. " * 200 + "</p>")
    out = tmp_path / "shots"
    assert browser.main([str(html), "--out", str(out)]) == 0
    assert browser.png_size((out / "index.png").read_bytes()) == (1280, browser.HEIGHT)
    _page(html / "index.html", "<h1>segur_numerique</h1><div style='width:3000px'>wide</div>")
    assert browser.main([str(html), "--out", str(out)]) == 1
    _page(html / "index.html", "<h1>something else</h1>")
    assert browser.main([str(html), "--out", str(out)]) == 1
    _page(html / "index.html", '<h1>segur_numerique</h1><a href="gone.html">gone</a>')
    assert browser.broken_links(html, "index.html") == ["index.html: broken link gone.html"]
