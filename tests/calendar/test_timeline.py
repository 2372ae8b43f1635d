"""The timeline plot (matplotlib, optional extra ``plot``)."""

from __future__ import annotations

import datetime as dt

import matplotlib

import segur_numerique as sn

matplotlib.use("Agg")


def test_timeline_draws_every_phase() -> None:
    ax = sn.calendars.plot_timeline(mark=dt.date(2022, 4, 15), lang="en")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["F1", "F2", "F3", "F4"]
    assert len(ax.patches) == 12
    ax2 = sn.calendars.plot_timeline("esms_numerique")
    assert len(ax2.patches) == 2
