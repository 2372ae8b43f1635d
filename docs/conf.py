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
    # RDR: myst_nb includes myst_parser (Markdown pages) and renders the example notebooks.
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    # RDR: charts drawn at build time from the library ({plot} directive), copy buttons.
    "matplotlib.sphinxext.plot_directive",
    "sphinx_copybutton",
]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
html_theme = "furo"
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


# --- RDR block: notebooks, build-time charts, copy button, sidebar title -----------------------
# The example notebooks (examples/*.ipynb) are copied into docs/notebooks/ at each build (the
# copies are not committed) and executed there, offline, by myst-nb; a failing cell fails the
# build. "cache" re-runs a notebook only when its code changed (jupyter-cache, in the build dir).
NOTEBOOKS = ROOT / "examples"
nb_execution_mode = "cache"
# One cache for every builder (html, doctest) and output folder: CI runs each notebook once.
nb_execution_cache_path = str(ROOT / "docs" / "_build" / ".jupyter_cache")
nb_execution_timeout = 180
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
# The {plot} directive runs its code with the library and embeds the PNG (no committed images).
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]
plot_rcparams = {"figure.autolayout": True, "savefig.bbox": "tight"}
plot_pre_code = "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt"
# Copy buttons skip the prompts of doctest (>>> ...) and console ($ ...) blocks.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = False
# The version in the sidebar; custom.css keeps the name on one line (it broke at 1280 px).
html_title = f"segur_numerique {release}"
html_static_path = ["_static"]
html_css_files = ["custom.css"]


def _copy_notebooks(_app: object) -> None:
    """Copy examples/*.ipynb into docs/notebooks/ when they changed (keeps Sphinx incremental)."""
    out = ROOT / "docs" / "notebooks"
    out.mkdir(exist_ok=True)
    for source in sorted(NOTEBOOKS.glob("*.ipynb")):
        target = out / source.name
        data = source.read_bytes()
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)


# --- end of RDR block ---------------------------------------------------------------------------


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
html_css_files = [*html_css_files, "readable.css"]


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
    app.connect("builder-inited", _copy_notebooks)  # type: ignore[attr-defined]  # RDR
    app.connect("missing-reference", _resolve_public)  # type: ignore[attr-defined]
    app.connect("build-finished", _build_explorer)  # type: ignore[attr-defined]
