"""The public surface is pinned: its names, and that every exported object reports a public module.

The snapshot is ``public_surface.json`` beside this file. A change to the public names must update
it on purpose (run this file with ``SEGUR_UPDATE_SURFACE=1``) and be listed in the changelog.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

import segur_numerique as sn

SNAPSHOT = Path(__file__).with_name("public_surface.json")
NAMESPACES = (
    "avenant9", "calendar", "calendars", "catalogue", "e_parcours", "entities", "errors",
    "esms_numerique", "funding_scaling", "hopen", "kit", "sons", "sun_es", "units", "whatif",
)  # fmt: skip


def surface() -> dict[str, list[str]]:
    out = {"": sorted(sn.__all__)}
    for ns in NAMESPACES:
        out[ns] = sorted(getattr(sn, ns).__all__)
    return out


def test_the_public_names_are_the_snapshot() -> None:
    current = surface()
    if os.environ.get("SEGUR_UPDATE_SURFACE"):
        SNAPSHOT.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n")
    assert current == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def _exported() -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = [(name, getattr(sn, name)) for name in sn.__all__]
    for ns in NAMESPACES:
        module = getattr(sn, ns)
        out.extend((f"{ns}.{name}", getattr(module, name)) for name in module.__all__)
    return out


@pytest.mark.parametrize(
    ("name", "obj"), _exported(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_no_exported_object_reports_a_private_module(name: str, obj: object) -> None:
    module = obj.__name__ if isinstance(obj, types.ModuleType) else getattr(obj, "__module__", None)
    if module is None:  # constants (str, dict...) have no module of their own
        return
    assert isinstance(module, str)
    assert module.startswith(("segur_numerique", "builtins", "typing", "fractions", "zoneinfo"))
    assert not any(part.startswith("_") and part != "__init__" for part in module.split(".")), (
        module
    )


def test_every_namespace_name_resolves_and_dir_lists_them() -> None:
    assert set(dir(sn)) == set(sn.__all__)
    for ns in NAMESPACES:
        module = getattr(sn, ns)
        for name in module.__all__:
            assert hasattr(module, name), f"{ns}.{name}"
    with pytest.raises(AttributeError, match="no attribute 'sun_es_forfait'"):
        getattr(sn, "sun_es_" + "forfait")  # an old flat name (split so that no rewrite touches it)


def test_import_loads_no_heavy_part() -> None:
    """`import segur_numerique` loads none of its heavy parts (the cause of a slow import).

    Timing lives in ``benchmarks/import_time.py``; this pins the cause instead of a duration.
    """
    code = (
        "import sys, segur_numerique as sn; "
        "heavy = [m for m in ('narwhals', 'cattrs', 'pint', 'numpy', 'attrs', 'dateutil', "
        "'segur_numerique.sun_es', 'segur_numerique.rules.loading') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_namespaces_are_importable_on_their_own() -> None:
    for ns in NAMESPACES:
        if ns == "units":
            importlib.import_module("segur_numerique.core.units")
        else:
            importlib.import_module(f"segur_numerique.{ns}")
