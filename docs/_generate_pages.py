"""Write the generated reference pages (the page that leads to the rule explorer)."""

from __future__ import annotations

from pathlib import Path

from segur_numerique.explorer.docs_page import explorer_page_markdown

OUT = Path(__file__).resolve().parent / "reference" / "_generated"


def main() -> None:
    """Write every generated page, only when its text changed (keeps Sphinx incremental)."""
    OUT.mkdir(parents=True, exist_ok=True)
    pages = {"rule-values.md": explorer_page_markdown()}
    for name, text in pages.items():
        path = OUT / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
