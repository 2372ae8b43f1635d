"""Draw the SUN-ES volet 1 windows as a timeline and save it as a PNG.

Run: ``python examples/calendar_timeline.py [OUTPUT.png]`` (default: a file in a temporary
directory). The documentation draws the same chart when it is built (a ``{plot}`` directive in
``docs/explanation/windows-and-time.md``): no picture is committed.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

import segur_numerique as sn


def main(argv: list[str]) -> Path:
    out = Path(argv[0]) if argv else Path(tempfile.mkdtemp()) / "sun-es-windows.png"
    fig, ax = plt.subplots(figsize=(10, 3.6))
    sn.calendars.plot_timeline("sun_es", ax=ax, lang="en", mark=dt.date(2022, 4, 15))
    fig.tight_layout()
    # Fixed metadata so that the PNG is the same from one run to the next.
    fig.savefig(out, dpi=100, metadata={"Software": None})
    plt.close(fig)
    print(out)
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
