"""The layout checker `.ci/check_layout.py`, on small synthetic package trees (not the real one)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

CHECKER = Path(__file__).resolve().parents[2] / ".ci" / "check_layout.py"


def _load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_layout", CHECKER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_layout"] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


check_layout = _load_checker()

GOOD = {
    "__init__.py": '"""Top."""\nfrom segur_numerique.cli import main\nfrom segur_numerique.sons.funding import ttc\n',
    "errors.py": '"""Errors."""\nfrom segur_numerique.core.money import Euro\n',
    "pytest_plugin.py": '"""Plugin."""\nimport segur_numerique\n',
    "core/__init__.py": '"""Core."""\n',
    "core/money.py": '"""Money."""\n\nEuro = int\n',
    "core/rounding.py": '"""Rounding."""\nfrom segur_numerique.errors import Error\n',
    "rules/__init__.py": '"""Rules."""\n',
    "rules/model.py": '"""Model."""\nfrom segur_numerique.core import money\n',
    "calendar/__init__.py": '"""Calendar."""\n',
    "calendar/windows.py": '"""Windows."""\nfrom segur_numerique.rules.model import x\n',
    "entities.py": '"""Entities."""\nfrom segur_numerique.calendar.windows import w\n',
    "sons/__init__.py": '"""SONS."""\n',
    "sons/funding.py": (
        '"""Funding."""\n'
        "from typing import TYPE_CHECKING\n"
        "from segur_numerique.entities import e\n"
        "from segur_numerique.sons import other\n"
        "if TYPE_CHECKING:\n"
        "    from segur_numerique.sons.kit import k\n"
        "\n"
        "def ttc():\n"
        "    import numpy  # optional heavy dependency\n"
        "    from pandas import DataFrame\n"
        "    return numpy, DataFrame\n"
    ),
    "sons/other.py": '"""Other."""\n',
    "sons/kit.py": '"""Kit."""\nfrom segur_numerique.sons.funding import ttc\n',
    "kit/__init__.py": '"""Kit."""\nfrom segur_numerique.sons.kit import k\n',
    "cli/__init__.py": '"""CLI."""\nfrom segur_numerique.sons.kit import k\n\ndef main():\n    pass\n',
    "cli/__main__.py": '"""Main."""\nfrom segur_numerique.cli import main\n',
}


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "segur_numerique"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _violations(
    tmp_path: Path, changes: dict[str, str] | None = None
) -> list[tuple[str, int, str, str]]:
    files = {**GOOD, **(changes or {})}
    found = check_layout.check(_tree(tmp_path, files))
    return [(Path(v.path).name, v.line, v.rule, v.detail) for v in found]


def test_good_tree_passes(tmp_path: Path) -> None:
    assert _violations(tmp_path) == []


def test_layers_upward_import(tmp_path: Path) -> None:
    found = _violations(
        tmp_path, {"core/money.py": '"""Money."""\nfrom segur_numerique.rules import x\n'}
    )
    assert found == [
        (
            "money.py",
            2,
            "layers",
            "core (layer 0) imports segur_numerique.rules (rules, layer 1)",
        )
    ]


def test_layers_counts_function_and_type_checking_imports(tmp_path: Path) -> None:
    text = (
        '"""Model."""\nfrom typing import TYPE_CHECKING\n'
        "if TYPE_CHECKING:\n    from segur_numerique.kit import k\n"
        "\ndef f():\n    from segur_numerique import Euro\n"
    )
    found = _violations(tmp_path, {"rules/model.py": text})
    assert {(line, rule) for _, line, rule, _ in found} == {
        (4, "layers"),
        (7, "layers"),
        (7, "function-import"),
    }


def test_layers_nothing_imports_cli_and_errors_imports_only_core(tmp_path: Path) -> None:
    found = _violations(
        tmp_path,
        {
            "kit/__init__.py": '"""Kit."""\nfrom segur_numerique.cli import main\n',
            "errors.py": '"""Errors."""\nfrom segur_numerique.rules.model import x\n',
        },
    )
    assert [(name, rule) for name, _, rule, _ in found] == [
        ("errors.py", "layers"),
        ("__init__.py", "layers"),
    ]


def test_layers_module_in_no_layer(tmp_path: Path) -> None:
    found = _violations(
        tmp_path,
        {
            "helpers.py": '"""Helpers."""\n',
            "sons/other.py": '"""Other."""\nfrom segur_numerique.helpers import h\n',
        },
    )
    assert [(name, rule, detail) for name, _, rule, detail in found] == [
        ("helpers.py", "layers", "segur_numerique.helpers is in no layer"),
        ("other.py", "layers", "sons imports segur_numerique.helpers, which is in no layer"),
    ]


def test_independence(tmp_path: Path) -> None:
    found = _violations(
        tmp_path,
        {
            "hopen/__init__.py": '"""HOP\'EN."""\n',
            "hopen/domains.py": '"""Domains."""\nfrom segur_numerique.sons import funding\n',
        },
    )
    assert found == [
        ("domains.py", 2, "independence", "programme hopen imports segur_numerique.sons.funding")
    ]


def test_cycles(tmp_path: Path) -> None:
    found = _violations(
        tmp_path,
        {
            "core/money.py": '"""Money."""\nfrom segur_numerique.core.text import T\n',
            "core/text.py": '"""Text."""\n\nfrom segur_numerique.core import money\n',
        },
    )
    assert found == [
        (
            "money.py",
            2,
            "cycles",
            "segur_numerique.core.money -> segur_numerique.core.text -> segur_numerique.core.money",
        )
    ]


def test_cycles_through_relative_imports_and_package_init(tmp_path: Path) -> None:
    found = _violations(
        tmp_path,
        {
            "core/__init__.py": '"""Core."""\nfrom .text import T\n',
            "core/text.py": '"""Text."""\nfrom . import money\n',
            "core/money.py": '"""Money."""\nfrom segur_numerique.core import Text\n',
        },
    )
    assert [(name, line, rule) for name, line, rule, _ in found] == [("__init__.py", 2, "cycles")]
    assert found[0][3] == (
        "segur_numerique.core -> segur_numerique.core.text -> segur_numerique.core.money"
        " -> segur_numerique.core"
    )


def test_cycles_ignore_function_and_type_checking_imports(tmp_path: Path) -> None:
    # GOOD already has sons.funding <-> sons.kit, one side under TYPE_CHECKING; add a lazy one.
    text = '"""Other."""\n\ndef f():\n    from segur_numerique.sons.funding import ttc  # noqa\n'
    found = _violations(tmp_path, {"sons/other.py": text})
    assert [rule for _, _, rule, _ in found] == ["function-import"]


def test_function_import(tmp_path: Path) -> None:
    text = (
        '"""Other."""\n\nclass C:\n    def m(self):\n        import difflib\n'
        "        import numpy.linalg\n        return lambda: __import__('x')\n"
    )
    found = _violations(tmp_path, {"sons/other.py": text})
    assert found == [
        (
            "other.py",
            5,
            "function-import",
            "import of difflib inside a function (not an optional heavy dependency)",
        )
    ]


def test_module_and_function_lines(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(79))
    ok = f"@decorator\ndef ok():\n{body}\n"  # 80 lines from def, the decorator not counted
    long = f"def long():\n{body}\n    return 1\n"  # 81 lines
    text = '"""Other."""\n' + ok + long + "\n" * (400 - 1 - 81 - 81)
    assert len(text.splitlines()) == 400
    found = _violations(tmp_path, {"sons/other.py": text})
    assert found == [("other.py", 83, "function-lines", "long is 81 lines (at most 80)")]
    found = _violations(tmp_path, {"sons/other.py": text + "# 401\n"})
    assert ("other.py", 1, "module-lines", "401 lines (at most 400)") in found


def test_private_module(tmp_path: Path) -> None:
    found = _violations(tmp_path, {"core/_helpers.py": '"""Private."""\n'})
    assert found == [
        ("_helpers.py", 1, "private-module", "segur_numerique.core._helpers is private")
    ]


def test_cli_exit_status_and_summary(tmp_path: Path) -> None:
    root = _tree(tmp_path, GOOD)
    run = [sys.executable, str(CHECKER), str(root)]
    good = subprocess.run(run, capture_output=True, text=True, check=False)
    assert (good.returncode, good.stdout) == (0, "")
    (root / "_flat.py").write_text('"""Flat."""\n', encoding="utf-8")
    bad = subprocess.run(run, capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert bad.stdout.endswith("_flat.py:1: private-module: segur_numerique._flat is private\n")
    summary = subprocess.run([*run, "--summary"], capture_output=True, text=True, check=False)
    assert summary.returncode == 1
    assert "private-module       1" in summary.stdout
    assert summary.stdout.splitlines()[-1].split() == ["total", "1"]


@pytest.mark.parametrize("argument", ["missing", "."])
def test_cli_usage_error(tmp_path: Path, argument: str) -> None:
    run = [sys.executable, str(CHECKER), str(tmp_path / argument)]
    result = subprocess.run(run, capture_output=True, text=True, check=False)
    assert result.returncode == 2
