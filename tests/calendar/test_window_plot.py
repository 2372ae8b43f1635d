"""A window draws its own timeline."""

from __future__ import annotations

import datetime as dt

import pytest

import segur_numerique as sn

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")


def test_window_plot() -> None:
    window = sn.calendars.window("F2")
    ax = window.plot(mark=dt.date(2022, 4, 15), lang="en")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["F2"]
    assert len(ax.patches) == len(window.phases)
    assert "15 April 2022" in [t.get_text() for t in ax.texts]
    plt.close("all")


def test_deadline_plot_draws_each_revision() -> None:
    deadline = sn.calendar.deadline("sons.vague1.deadline.lgc_orders")
    ax = deadline.plot(lang="en")
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["15 July 2022", "30 November 2022"]  # one label per version, oldest first
    assert len(ax.collections) == 3  # a step per version and the revision between them
    plt.close("all")
