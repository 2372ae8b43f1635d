"""Charts: matplotlib imported lazily, a clear error without it, exact labels (Agg backend)."""

from __future__ import annotations

import sys
from fractions import Fraction

import pytest

import segur_numerique as sn
from segur_numerique.core import plotting

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")


@pytest.fixture(autouse=True)
def _close_figures() -> object:
    yield
    plt.close("all")


def test_without_matplotlib_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)  # makes the import fail
    with pytest.raises(
        sn.errors.OptionalDependencyError, match=r'pip install "segur-numerique\[plot\]"'
    ):
        plotting.pyplot()
    with pytest.raises(ImportError):  # still an ImportError for code that catches those
        sn.funding_scaling.allocate(sn.Euro("10"), {"a": 1}).plot()


def test_amount_bars_carry_the_exact_amounts() -> None:
    ax = plotting.draw_amounts(
        ["F1", "F2"],
        {"a": [sn.Euro("1000.5"), sn.Euro("900")]},
        title=sn.Text(fr="titre", en="title"),
        highlight=1,
    )
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["1\u202f000,50\u00a0€", "900,00\u00a0€"]
    assert ax.get_title() == "titre"
    assert [p.get_height() for p in ax.patches] == [1000.5, 900.0]
    assert ax.patches[1].get_linewidth() == 1.5  # the highlighted window


def test_rate_bars_are_coloured_by_target_and_draw_the_targets() -> None:
    ax = plotting.draw_rates(
        ["x", "y", "z"],
        [Fraction(3, 4), Fraction(1, 3), None],
        [Fraction(1, 2), Fraction(1, 2), None],
        title=sn.Text(fr="t", en="t"),
        lang="en",
        illustrative=True,
    )
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [
        plotting.MET_COLOUR.lower(),
        plotting.NOT_MET_COLOUR.lower(),
        plotting.NEUTRAL_COLOUR.lower(),
    ]
    texts = [t.get_text() for t in ax.texts]
    assert "75%" in texts
    assert "—" in texts
    assert "⚠ illustrative values, not official" in texts
    assert len(ax.collections) == 2  # one target tick per known target


def test_amount_ticks_are_written_as_amounts_are() -> None:
    import matplotlib.pyplot as plt  # noqa: PLC0415 (matplotlib is optional)

    _fig, ax = plt.subplots()
    plotting._euro_ticks(ax.yaxis, "fr")
    assert ax.yaxis.get_major_formatter()(250000.0, 0) == "250\u202f000\u00a0€"
    plotting._euro_ticks(ax.yaxis, "en")
    assert ax.yaxis.get_major_formatter()(250000.0, 0) == "€250,000"
    plt.close(_fig)
