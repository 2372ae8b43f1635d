"""Screenshots of the built docs (and the rule explorer) at 1280 px with headless Chromium.

Usage::

    python .ci/screenshots.py [HTML_DIR] [--out DIR] [--width 1280] [--require-browser]

``HTML_DIR`` is a built docs folder (default ``docs/_build/html``). Each page of :data:`PAGES`
(the index, a tutorial, a how-to, the API reference, a rendered notebook, the explorer) is served
on loopback, loaded in Chromium and checked: its relative links resolve, it has its expected
section, and it is no wider than the window (``document.documentElement.scrollWidth``, read by a
probe script added when the page is served). Then a screenshot is written to ``DIR/<name>.png`` (default
``docs/_build/screenshots``) and checked to be a PNG of the right width, not blank. The exit
status is 1 if a check fails, 0 otherwise; without Chromium it is 0 (a message says why) unless
``--require-browser`` or ``SEGUR_REQUIRE_BROWSER=1``.

The browser helpers below are also used by ``tests/explorer`` (loaded from this file), so the
Chromium command line is written once. Chromium is driven through its command line
(``--dump-dom``, ``--screenshot``) rather than Selenium: no driver, no new dependency.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
WIDTH = 1280
HEIGHT = 900
PROBE = (
    "<script>window.addEventListener('load',function(){document.documentElement.setAttribute("
    "'data-scroll-width',String(document.documentElement.scrollWidth));});</script>"
)
"""Added before ``</body>`` of served pages: records the page's width once it has loaded."""

# (name, candidate paths in the built docs, a regular expression the page must contain).
PAGES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("index", ("index.html",), r"<h1>segur_numerique"),
    ("tutorial", ("tutorial/first-steps.html", "tutorial/index.html"), r"<h1>"),
    ("how-to", ("how-to/supply-unknown-values.html", "how-to/index.html"), r"<h1>Supply"),
    ("api-reference", ("reference/api/top-level.html", "reference/api.html"), r'class="sig'),
    ("notebook", (), r'class="cell'),
    ("rule-values", ("reference/_generated/rule-values.html",), r"explorer/en/index.html"),
    ("explorer-index", ("explorer/en/index.html",), r'id="search"'),
    ("explorer-rule", ("explorer/fr/rules/sun_es.window.F1.targets_deadline.html",), r"timeline"),
    ("explorer-calendars", ("explorer/en/calendars.html",), r'id="sun_es"'),
    ("explorer-unknowns", ("explorer/en/unknowns.html",), r"supply-unknown-values"),
)


def chromium() -> str | None:
    """The Chromium executable, if installed."""
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def _run(args: list[str], *, timeout: float = 90) -> subprocess.CompletedProcess[bytes]:
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="segur-chromium-") as profile:
        command = [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ]
        return subprocess.run(command, capture_output=True, timeout=timeout, check=True)


def dump_dom(url: str, *, width: int = WIDTH) -> str:
    """The DOM of ``url`` after its scripts ran, as HTML."""
    done = _run(
        [f"--window-size={width},{HEIGHT}", "--virtual-time-budget=3000", "--dump-dom", url]
    )
    return done.stdout.decode("utf-8")


def screenshot(url: str, out: Path, *, width: int = WIDTH, height: int = HEIGHT) -> Path:
    """A ``width`` x ``height`` PNG screenshot of ``url`` in ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    _run([f"--window-size={width},{height}", f"--screenshot={out}", url])
    return out


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height of a PNG (from its IHDR header)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def png_is_blank(data: bytes) -> bool:
    """Whether the PNG is blank (one colour): its rows, filter bytes left out, hold few values.

    A one-colour image filtered any way gives only that colour's bytes and zeros; a page with
    text has anti-aliased edges, so hundreds of values.
    """
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        if data[at + 4 : at + 8] == b"IDAT":
            chunks.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    _width, height = png_size(data)
    stride = len(raw) // height
    values = set()
    for row in range(height):
        values.update(raw[row * stride + 1 : (row + 1) * stride])
    return len(values) <= 8


def scroll_width(dom: str) -> int | None:
    """The page width recorded by :data:`PROBE` in a dumped DOM."""
    found = re.search(r'data-scroll-width="(\d+)"', dom)
    return int(found.group(1)) if found else None


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def send_head(self) -> io.BytesIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()
        body = path.read_bytes().replace(b"</body>", PROBE.encode() + b"</body>", 1)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet about a browser that closed its connection (e.g. after a missing favicon)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on loopback (with the width probe in HTML pages); yield its URL."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def notebook_page(html_dir: Path) -> str | None:
    """A page rendered from a notebook (its source is kept as ``_sources/<page>.ipynb.txt``)."""
    sources = html_dir / "_sources"
    found = sorted(sources.rglob("*.ipynb.txt")) if sources.is_dir() else []
    for source in found:
        page = source.relative_to(sources).as_posix().removesuffix(".ipynb.txt") + ".html"
        if (html_dir / page).is_file():
            return page
    return None


def broken_links(html_dir: Path, page: str) -> list[str]:
    """The relative links of ``page`` (a file of ``html_dir``) whose target file is missing."""
    text = (html_dir / page).read_text(encoding="utf-8")
    found = []
    for link in re.findall(r'href="([^"#?]+)', text):
        if "://" in link or link.startswith(("mailto:", "/", "data:")):
            continue
        if not ((html_dir / page).parent / link).exists():
            found.append(f"{page}: broken link {link}")
    return found


def check_page(base: str, page: str, pattern: str, out: Path, *, width: int) -> list[str]:
    """Load ``page``, check its section and width, write its screenshot; the problems found."""
    problems = []
    dom = dump_dom(base + page, width=width)
    if not re.search(pattern, dom):
        problems.append(f"{page}: expected section not found ({pattern!r})")
    measured = scroll_width(dom)
    if measured is None or measured > width:
        problems.append(f"{page}: the page is {measured} px wide, more than {width} px")
    data = screenshot(base + page, out, width=width).read_bytes()
    if png_size(data) != (width, HEIGHT):
        problems.append(f"{out}: screenshot is {png_size(data)}, expected {(width, HEIGHT)}")
    elif png_is_blank(data):
        problems.append(f"{out}: screenshot is blank")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Take and check the screenshots; 1 if a check failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", nargs="?", default="docs/_build/html", type=Path)
    parser.add_argument("--out", default=Path("docs/_build/screenshots"), type=Path)
    parser.add_argument("--width", default=WIDTH, type=int)
    parser.add_argument("--require-browser", action="store_true")
    args = parser.parse_args(argv)
    required = args.require_browser or os.environ.get("SEGUR_REQUIRE_BROWSER") == "1"
    if chromium() is None:
        print(f"screenshots: no chromium at {CHROMIUM}; skipped", file=sys.stderr)
        return 1 if required else 0
    problems: list[str] = []
    with served(args.html) as base:
        for name, candidates, pattern in PAGES:
            extra = notebook_page(args.html) if name == "notebook" else None
            page = next((p for p in (*candidates, extra) if p and (args.html / p).is_file()), None)
            if page is None:
                print(f"screenshots: {name}: no such page in {args.html}; skipped")
                continue
            out = args.out / f"{name}.png"
            problems += broken_links(args.html, page)
            problems += check_page(base, page, pattern, out, width=args.width)
            print(f"screenshots: {name}: {page} -> {out}")
    for problem in problems:
        print(f"screenshots: FAIL {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
