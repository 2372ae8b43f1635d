"""Shared fixtures: log parameters and stays matching the seven ANS examples."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from segur_numerique.core.periods import Period
from segur_numerique.sun_es.indicators import INDICATORS
from segur_numerique.sun_es.logs.counts import LogParameters


@pytest.fixture
def parameters() -> LogParameters:
    return LogParameters(
        period=Period(dt.date(2019, 1, 1), dt.date(2024, 12, 31)),
        stay_types={d.id: frozenset({"MCO"}) for d in INDICATORS},
        send_delay_days={d.id: 30 for d in INDICATORS},
        unstructured_in_denominator=False,
    )


@pytest.fixture
def stays() -> list[dict[str, Any]]:
    def stay(sid: str, finess: str, a: dt.date, d: dt.date) -> dict[str, Any]:
        return {"stay_id": sid, "finess": finess, "activity": "MCO", "admission": a, "discharge": d}

    return [
        stay("S-LDL", "750803447", dt.date(2019, 10, 29), dt.date(2019, 12, 3)),
        stay("S-ANEST", "750803447", dt.date(2020, 3, 18), dt.date(2020, 3, 25)),
        stay("801234534765", "120459876", dt.date(2021, 1, 4), dt.date(2021, 4, 1)),
        stay("S-IMG", "920008059", dt.date(2021, 1, 8), dt.date(2021, 1, 8)),
        stay("S-MED", "750512345", dt.date(2023, 11, 28), dt.date(2023, 12, 1)),
    ]
