"""Public holidays for the schedule, from the `holidays` package, remembered per state and year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from netzwerk_cli.schedule import HolidayLookup, public_holidays


def cached_holidays() -> HolidayLookup:
    """A lookup that asks the `holidays` package once per (state, year) in this process."""
    memo: dict[tuple[str, int], Mapping[dt.date, str]] = {}

    def lookup(state: str, year: int) -> Mapping[dt.date, str]:
        key = (state, year)
        if key not in memo:
            memo[key] = public_holidays(state, year)
        return memo[key]

    return lookup
