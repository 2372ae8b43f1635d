"""Windows, deadlines, working days and the missed-deadline rule, in a few lines.

Run: ``python examples/calendar_deadlines.py``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import segur_numerique as sn

PARIS = ZoneInfo("Europe/Paris")
today = dt.date(2022, 4, 15)

print(f"On {today}:")
for item in sn.calendars.windows_on(today):
    print(f"  {item.window.name} is in phase {item.phase.kind.label().en} (to {item.phase.end})")
following = sn.calendars.next_window(today)
print(f"  next window to open: {following.name if following else 'none'}")

print("\nSONS vague 1, LGO installation deadline, as known on successive days:")
lgo = sn.calendar.deadline("sons.vague1.deadline.lgo_installation")
for known in (dt.date(2022, 12, 1), dt.date(2023, 2, 1), dt.date(2023, 5, 1)):
    print(f"  as known on {known}: {lgo.due(as_known_on=known)}")

left = sn.calendar.days_left("sons.vague1.deadline.lgc_orders", dt.date(2022, 11, 1))
print(
    f"\nLGC orders, from 1 Nov 2022: {left.calendar_days} calendar days, "
    f"{left.working_days} working days left"
)

late = sn.calendar.is_on_time(
    "sons.vague2.deadline.pfi_advance", dt.datetime(2025, 9, 17, 12, 5, tzinfo=PARIS)
)
print(f"\nPFI advance request at 12:05 on 17 Sept 2025: {late.explanation.outcome.en}")

moved = sn.sun_es.reassign("F1", dt.date(2022, 10, 1))
print("\n" + moved.explanation.render("en").splitlines()[1].strip())
print(f"forfait of window: {moved.forfait_window.name if moved.forfait_window else None}")
