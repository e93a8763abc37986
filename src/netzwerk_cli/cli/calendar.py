"""Commands that write iCalendar files: export, remind."""
