"""Run every script and notebook in ``examples/``; fail on the first error."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run_notebook(path: Path) -> None:
    """Execute a notebook in place of a kernel, without writing it back."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()


def main() -> int:
    """Run them all, printing one line each."""
    scripts = sorted(EXAMPLES.glob("*.py"))
    notebooks = sorted(EXAMPLES.glob("*.ipynb"))
    for path in scripts:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, str(path)], check=True, cwd=EXAMPLES, stdout=subprocess.DEVNULL
        )
        print(f"ok  {path.name} ({time.perf_counter() - start:.1f} s)")
    for path in notebooks:
        start = time.perf_counter()
        run_notebook(path)
        print(f"ok  {path.name} ({time.perf_counter() - start:.1f} s)")
    print(f"{len(scripts) + len(notebooks)} examples passed, 0 failed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
