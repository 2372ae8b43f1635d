"""Speed of the calendar functions (windows, reassignment, deadlines, working days, .ics).

Run: ``python benchmarks/calendar_speed.py``. Prints one line per call: the mean time per call.
"""

from __future__ import annotations

import datetime as dt
import timeit
from collections.abc import Callable

import segur_numerique as sn

CASES: dict[str, tuple[Callable[[], object], int]] = {
    "windows('sun_es')": (sn.calendars.windows, 500),
    "windows_on(15 Apr 2022)": (lambda: sn.calendars.windows_on(dt.date(2022, 4, 15)), 500),
    "reassign('F1', 15 Jan 2023)": (lambda: sn.sun_es.reassign("F1", dt.date(2023, 1, 15)), 500),
    "is_on_time(lgc_orders)": (
        lambda: sn.calendar.is_on_time("sons.vague1.deadline.lgc_orders", dt.date(2022, 11, 30)),
        2000,
    ),
    "days_left(F4, 850 days)": (
        lambda: sn.calendar.days_left("sun_es.window.F4.targets_deadline", dt.date(2021, 9, 1)),
        200,
    ),
    "FrenchCalendar.working_days(10 years)": (
        lambda: sn.calendar.FrenchCalendar().working_days(
            dt.date(2020, 1, 1), dt.date(2029, 12, 31)
        ),
        20,
    ),
    "to_ics(all programmes)": (sn.calendars.to_ics, 20),
}


def main() -> None:
    sn.load_rules()
    print(f"{'call':45s} {'mean':>12s}")
    print(f"{'-' * 45} {'-' * 12}")
    for name, (call, number) in CASES.items():
        mean = timeit.timeit(call, number=number) / number
        print(f"{name:45s} {mean * 1e6:9.0f} µs")


if __name__ == "__main__":
    main()
