"""An allocation drawn by beneficiary (region), with the exact shares as labels."""

from __future__ import annotations

import pytest

import segur_numerique as sn

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")


def test_allocation_plot_by_region() -> None:
    allocation = sn.funding_scaling.allocate(
        sn.Euro("1000000"), {"Bretagne": 3, "Occitanie": 5, "Île-de-France": 12}
    )
    ax = allocation.plot()
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        s.beneficiary for s in allocation.shares
    ]
    assert [t.get_text() for t in ax.texts] == [s.amount.format("fr") for s in allocation.shares]
    assert sn.Euro("1000000").format("fr") in ax.get_title()
    plt.close("all")
