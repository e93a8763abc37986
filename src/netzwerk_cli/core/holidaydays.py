"""Whether a day is a public or a school holiday in the state of a member that belongs then, and
where the file's policies move a date off one.

Pure: the holidays come in through a `HolidayLookup` (state code, year -> {date: names}), so the
core never imports the `holidays` package or touches a cache itself. A lookup that also has
`school(state, year)` (a `SchoolHolidaySource`, as the holiday cache is) gives the school holidays
too; any other gives none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from netzwerk_cli.model import (
    HolidayHit,
    HolidayName,
    HolidayPolicy,
    Network,
    SchoolHolidayPolicy,
    SchoolHolidays,
)

if TYPE_CHECKING:
    from dateutil.rrule import rrule

HolidayLookup = Callable[[str, int], Mapping[dt.date, HolidayName]]


@runtime_checkable
class SchoolHolidaySource(Protocol):
    """A holiday lookup that knows the school holidays too, day by day (the holiday cache)."""

    def __call__(self, state: str, year: int) -> Mapping[dt.date, HolidayName]: ...

    def school(self, state: str, year: int) -> Mapping[dt.date, HolidayName]: ...


# `shift` moves a date by at most this many days before it gives up on it.
MAX_SHIFT_DAYS = 31


def holiday_on(network: Network, day: dt.date, lookup: HolidayLookup) -> HolidayHit | None:
    """The public holiday on `day` in the state of any member that belongs to the network then."""
    found = _names_on(network, day, lookup)
    return HolidayHit(found) if found else None


def _names_on(
    network: Network, day: dt.date, lookup: HolidayLookup
) -> tuple[tuple[HolidayName, tuple[str, ...]], ...]:
    """The holidays of `lookup` on `day`, each with the states of the members that belong then
    and have it (in the states' order)."""
    states = sorted({m.state for m in network.members if m.belongs_on(day)})
    found: dict[HolidayName, list[str]] = {}
    for state in states:
        name = lookup(state, day.year).get(day)
        if name is not None:
            found.setdefault(name, []).append(state)
    return tuple((name, tuple(where)) for name, where in found.items())


def school_lookup(network: Network, holidays: HolidayLookup) -> HolidayLookup | None:
    """The school holidays' lookup, unless the network ignores them or `holidays` lacks them."""
    if network.school_holidays is SchoolHolidayPolicy.IGNORE:
        return None
    return holidays.school if isinstance(holidays, SchoolHolidaySource) else None


def school_holidays_on(
    network: Network, day: dt.date, school: HolidayLookup | None
) -> SchoolHolidays | None:
    """The school holidays that `day` falls into in the state of any member that belongs then."""
    if school is None:
        return None
    found = _names_on(network, day, school)
    return SchoolHolidays(found) if found else None


def next_working_day(network: Network, day: dt.date, lookup: HolidayLookup) -> dt.date | None:
    """The next weekday after `day` that is no public holiday in any member's state."""
    for offset in range(1, MAX_SHIFT_DAYS + 1):
        if day > dt.date.max - dt.timedelta(days=offset):
            return None
        candidate = day + dt.timedelta(days=offset)
        if candidate.weekday() < 5 and holiday_on(network, candidate, lookup) is None:
            return candidate
    return None


def out_of_school(
    network: Network,
    day: dt.date,
    hit: HolidayHit | None,
    lookup: HolidayLookup,
    school: HolidayLookup | None,
    rule: rrule,
) -> tuple[dt.date, HolidayHit | SchoolHolidays | None]:
    """Under `school_holidays = "shift"`: a day in the school holidays moves to the same weekday
    of the first week after them that is no school or public holiday in any member's state, within
    its month and before the cadence's next date (a weekly cadence must not stack its dates on one
    day); with no such week it stays (and is warned of). Else the day and what moved it."""
    found = school_holidays_on(network, day, school)
    if found is None:
        return day, hit
    public = None if network.holidays is HolidayPolicy.IGNORE else lookup
    following = rule.after(dt.datetime.combine(day, dt.time.max))  # the next date after `day`
    candidate = day
    while candidate <= dt.date.max - dt.timedelta(days=7):
        candidate += dt.timedelta(days=7)
        if candidate.month != day.month or (following and candidate >= following.date()):
            break
        if school_holidays_on(network, candidate, school) is None and (
            public is None or holiday_on(network, candidate, public) is None
        ):
            return candidate, found
    return day, hit
