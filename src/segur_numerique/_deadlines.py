"""Transitional shim: the names moved out of ``calendar/deadlines.py``, now in their new modules."""

# ruff: noqa: PLC0414

from segur_numerique.calendar.on_time import DaysLeft as DaysLeft
from segur_numerique.calendar.on_time import OnTimeCheck as OnTimeCheck
from segur_numerique.calendar.on_time import days_left as days_left
from segur_numerique.calendar.on_time import is_on_time as is_on_time
from segur_numerique.calendars import deadlines as deadlines
from segur_numerique.e_parcours.deadlines import CPC_ARTICLE_641 as CPC_ARTICLE_641
from segur_numerique.e_parcours.deadlines import (
    e_parcours_usage_deadline as e_parcours_usage_deadline,
)
