"""Calendar logic: French working days, windows and phases, deadlines, iCalendar and timelines."""
