"""Transitional shim: the names of the old ``_windows`` module, now in their new modules."""

# ruff: noqa: PLC0414

from segur_numerique.calendar.programmes import CalendarProgramme as CalendarProgramme
from segur_numerique.calendar.programmes import UnknownWindowError as UnknownWindowError
from segur_numerique.calendar.programmes import WindowPhase as WindowPhase
from segur_numerique.calendar.windows import DateOrderError as DateOrderError
from segur_numerique.calendar.windows import Phase as Phase
from segur_numerique.calendar.windows import PhaseKind as PhaseKind
from segur_numerique.calendar.windows import PhaseLayoutError as PhaseLayoutError
from segur_numerique.calendar.windows import ReadyDateError as ReadyDateError
from segur_numerique.calendar.windows import Window as Window
from segur_numerique.calendar.windows import build_window as build_window
from segur_numerique.calendars import CALENDAR_PROGRAMMES as CALENDAR_PROGRAMMES
from segur_numerique.calendars import calendar_programme as calendar_programme
from segur_numerique.calendars import next_window as next_window
from segur_numerique.calendars import phase_of as phase_of
from segur_numerique.calendars import window as window
from segur_numerique.calendars import windows as windows
from segur_numerique.calendars import windows_on as windows_on
from segur_numerique.core.dates import AmbiguousDateError as AmbiguousDateError
from segur_numerique.core.dates import MonthEndPolicy as MonthEndPolicy
from segur_numerique.core.dates import add_months as add_months
from segur_numerique.sun_es.calendar import sun_es_pattern as sun_es_pattern
