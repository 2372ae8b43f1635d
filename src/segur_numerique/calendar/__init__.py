"""Calendar logic: French working days, windows and phases, deadlines, iCalendar and timelines."""

from segur_numerique.calendar.deadlines import (
    PARIS as PARIS,
)
from segur_numerique.calendar.deadlines import (
    ComputedDeadline as ComputedDeadline,
)
from segur_numerique.calendar.deadlines import (
    Deadline as Deadline,
)
from segur_numerique.calendar.deadlines import (
    DeadlineVersion as DeadlineVersion,
)
from segur_numerique.calendar.deadlines import (
    deadline as deadline,
)
from segur_numerique.calendar.deadlines import (
    paris_date as paris_date,
)
from segur_numerique.calendar.holidays import (
    FrenchCalendar as FrenchCalendar,
)
from segur_numerique.calendar.holidays import (
    Holiday as Holiday,
)
from segur_numerique.calendar.on_time import (
    DaysLeft as DaysLeft,
)
from segur_numerique.calendar.on_time import (
    OnTimeCheck as OnTimeCheck,
)
from segur_numerique.calendar.on_time import (
    days_left as days_left,
)
from segur_numerique.calendar.on_time import (
    is_on_time as is_on_time,
)
from segur_numerique.calendar.programmes import (
    Programme as Programme,
)
from segur_numerique.calendar.programmes import (
    WindowPhase as WindowPhase,
)
from segur_numerique.calendar.windows import (
    Phase as Phase,
)
from segur_numerique.calendar.windows import (
    PhaseKind as PhaseKind,
)
from segur_numerique.calendar.windows import (
    Window as Window,
)
from segur_numerique.calendar.windows import (
    build_window as build_window,
)
from segur_numerique.core.dates import (
    MonthEndPolicy as MonthEndPolicy,
)
from segur_numerique.core.dates import (
    add_months as add_months,
)

__all__ = [
    "PARIS",
    "ComputedDeadline",
    "DaysLeft",
    "Deadline",
    "DeadlineVersion",
    "FrenchCalendar",
    "Holiday",
    "MonthEndPolicy",
    "OnTimeCheck",
    "Phase",
    "PhaseKind",
    "Programme",
    "Window",
    "WindowPhase",
    "add_months",
    "build_window",
    "days_left",
    "deadline",
    "is_on_time",
    "paris_date",
]
