"""Atomic writes give the file the usual mode, not mkstemp's 0600."""

from __future__ import annotations

import os
from pathlib import Path

from segur_numerique.core.outputs import write_atomically


def test_a_new_file_gets_0666_less_the_umask(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = write_atomically(tmp_path / "calendar.ics", "x")
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o640)
    write_atomically(target, "new", force=True)
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_text() == "new"
