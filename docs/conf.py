"""Sphinx configuration. Nothing is fetched from the network (no intersphinx)."""

from __future__ import annotations

import sys
import types
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
# Show type names without their module (``Text``, not the module that defines it).
python_use_unqualified_type_names = True
suppress_warnings = ["myst.header"]
doctest_global_setup = "import segur_numerique as sn\nfrom fractions import Fraction"
# Docstring examples are run by pytest --doctest-modules; here only the {doctest} blocks of pages.
doctest_test_doctest_blocks = ""


def _generate(_app: object) -> None:
    import _generate_pages  # noqa: PLC0415

    _generate_pages.main()


# The public namespaces: the modules the top level exports (sn.sun_es, sn.calendar, sn.errors...).
_NAMESPACES = [
    name
    for name in segur_numerique.__all__
    if isinstance(getattr(segur_numerique, name), types.ModuleType)
]


def _public_names() -> dict[str, str]:
    """Map the defining path of every public object to its public name (``sn.X`` or ``sn.ns.X``)."""
    found: dict[str, str] = {}
    spaces = [("segur_numerique", segur_numerique)] + [
        (f"segur_numerique.{ns}", getattr(segur_numerique, ns)) for ns in _NAMESPACES
    ]
    for prefix, module in spaces:
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            defined = getattr(obj, "__module__", None)
            qualname = getattr(obj, "__qualname__", None)
            if isinstance(defined, str) and isinstance(qualname, str):
                found.setdefault(f"{defined}.{qualname}", f"{prefix}.{name}")
    return found


def _resolve_public(app, env, node, contnode):  # type: ignore[no-untyped-def]
    """Point a type written with its defining module to the page of its public name.

    A type that has no public name is shown by its bare name, without its module.
    """
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target.startswith("segur_numerique."):
        return None
    if not hasattr(app, "_sn_public"):
        app._sn_public = _public_names()
    public = app._sn_public.get(target)
    if public is None:
        # A type that is not public (a base class, a type variable): show its bare name, unlinked.
        return contnode if node.get("reftype") == "class" else None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env,
        node.get("refdoc", ""),
        app.builder,
        node.get("reftype", "class"),
        public,
        node,
        contnode,
    )


# --- Rule explorer and readability at 1280 px (helper EXP) ----------------------------------------
# The explorer (segur_numerique.explorer) is written into the HTML output under explorer/, so the
# docs site is an explorer too (reference/_generated/rule-values links there). The short title
# fits furo's sidebar at 1280 px ("segur_numeriqu / e" otherwise); readable.css makes wide
# tables scroll inside their container and long identifiers wrap.
html_short_title = "segur_numerique"
html_static_path = ["_static"]
html_css_files = ["readable.css"]


def _build_explorer(app, exception):  # type: ignore[no-untyped-def]
    if exception is None and app.builder.format == "html":
        import shutil  # noqa: PLC0415

        from segur_numerique.explorer import build_site  # noqa: PLC0415

        out = Path(app.outdir) / "explorer"
        shutil.rmtree(out, ignore_errors=True)  # no page left from a key since removed
        build_site(out, docs_url="../")


# --- end of the rule explorer block ----------------------------------------------------------------


def setup(app: object) -> None:
    """Generate the reference pages that are computed from the package data."""
    app.connect("builder-inited", _generate)  # type: ignore[attr-defined]
    app.connect("missing-reference", _resolve_public)  # type: ignore[attr-defined]
    app.connect("build-finished", _build_explorer)  # type: ignore[attr-defined]
