"""Write the generated reference pages (rule values with their sources and statuses)."""

from __future__ import annotations

from pathlib import Path

from segur_numerique.rules.docs import rule_values_markdown

OUT = Path(__file__).resolve().parent / "reference" / "_generated"


def main() -> None:
    """Write every generated page, only when its text changed (keeps Sphinx incremental)."""
    OUT.mkdir(parents=True, exist_ok=True)
    pages = {"rule-values.md": rule_values_markdown()}
    for name, text in pages.items():
        path = OUT / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
