"""Fixtures of the explorer tests: the static site, built once, and the browser helpers."""

from __future__ import annotations

import importlib.util
import os
import types
from pathlib import Path

import pytest

from segur_numerique.explorer import build_site

_SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "screenshots.py"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every page of the explorer (shipped rules), written once for the session."""
    out = tmp_path_factory.mktemp("explorer")
    build_site(out, docs_url="https://docs.example/")
    return out


@pytest.fixture(scope="session")
def screenshots_script() -> types.ModuleType:
    """``.ci/screenshots.py``, loaded as a module (it holds the Chromium helpers)."""
    spec = importlib.util.spec_from_file_location("segur_screenshots", _SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def browser(screenshots_script: types.ModuleType) -> types.ModuleType:
    """The Chromium helpers of ``.ci/screenshots.py`` (one definition of the command line).

    Skips when Chromium is absent, unless ``SEGUR_REQUIRE_BROWSER=1`` (then the test fails).
    """
    module = screenshots_script
    if module.chromium() is None:
        reason = (
            f"no Chromium at {module.CHROMIUM} (apt-get install chromium; .ci/install_browser.sh)"
        )
        if os.environ.get("SEGUR_REQUIRE_BROWSER") == "1":
            pytest.fail(f"SEGUR_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return module
