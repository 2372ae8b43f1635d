"""Sphinx configuration. Nothing is fetched from the network (no intersphinx)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs"))

import segur_numerique  # noqa: E402

project = "segur_numerique"
author = "segur_numerique developers"
copyright = "2026, segur_numerique developers"
release = segur_numerique.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "segur_numerique"
language = "en"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_use_ivar = True
nitpicky = False
suppress_warnings = ["myst.header"]
doctest_global_setup = "import segur_numerique as sn\nfrom fractions import Fraction"
# Docstring examples are run by pytest --doctest-modules; here only the {doctest} blocks of pages.
doctest_test_doctest_blocks = ""


def _generate(_app: object) -> None:
    import _generate_pages  # noqa: PLC0415

    _generate_pages.main()


def setup(app: object) -> None:
    """Generate the reference pages that are computed from the package data."""
    app.connect("builder-inited", _generate)  # type: ignore[attr-defined]
