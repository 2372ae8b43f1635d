"""The README's Python examples run, and its two set-up commands are the ones CI uses."""

from __future__ import annotations

import re
from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_python_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_exactly_two_setup_commands() -> None:
    commands = re.findall(r"<!-- command-(a|b) -->\n```bash\n(.+?)\n```", README)
    assert [name for name, _ in commands] == ["a", "b"]
    assert "segur-numerique simulate --sample" in commands[0][1]
    assert 'pip install -e ".[dev]" && bash .ci/checks' in commands[1][1]
