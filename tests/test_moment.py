"""A wall-clock time in the calendar: zoneinfo is asked whether it happens twice only on the days
near a change of the clocks; on every day the answer is the one asking it always gives."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.calendar import ical

# Zones with every kind of change: summer time (in Auckland, at +13, on the day before in UTC),
# a negative one (Dublin), one of 30 minutes (Lord
# Howe), a day that never happened (Apia, 30.12.2011), Ramadan changes (Casablanca), a shift of
# the date line and back (Kwajalein), Berlin's double summer time of 1945-1949.
ZONES = (
    "Europe/Berlin",
    "Pacific/Auckland",
    "Europe/Dublin",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Africa/Casablanca",
    "Pacific/Kwajalein",
    "America/St_Johns",
    "Asia/Kathmandu",
)


def asked_always(local: dt.datetime, tzid: str) -> str:
    """The DATE-TIME as written when zoneinfo is asked for every time (the rule of `_moment`)."""
    zone = ZoneInfo(tzid)
    first = local.replace(tzinfo=zone)
    if first.utcoffset() != local.replace(tzinfo=zone, fold=1).utcoffset():
        back = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
        if back == local:
            return f":{first.astimezone(dt.UTC):%Y%m%dT%H%M%S}Z"
    return f";TZID={tzid}:{local:%Y%m%dT%H%M%S}"


def change_days(tzid: str, year: int) -> list[dt.date]:
    """The days of `year` whose offset at the end differs from that at the start, found by asking
    zoneinfo day after day (not from the zone's data, as the code under test does)."""
    zone = ZoneInfo(tzid)
    day, found = dt.date(year, 1, 1), []
    while day.year == year:
        start = dt.datetime.combine(day, dt.time(), tzinfo=zone)
        if start.utcoffset() != (start + dt.timedelta(days=1)).utcoffset():
            found.append(day)
        day += dt.timedelta(days=1)
    return found


@settings(max_examples=150, deadline=None)
@given(
    tzid=st.sampled_from(ZONES),
    year=st.integers(min_value=1890, max_value=2060),
    data=st.data(),
)
def test_times_on_the_days_of_a_change(tzid: str, year: int, data: st.DataObject) -> None:
    days = change_days(tzid, year)
    if not days:
        return
    day = data.draw(st.sampled_from(days))
    for shift in (-1, 0, 1):
        minute = data.draw(st.integers(min_value=0, max_value=24 * 60 - 1))
        local = dt.datetime.combine(day + dt.timedelta(days=shift), dt.time()) + dt.timedelta(
            minutes=minute
        )
        assert ical._moment(local, tzid) == asked_always(local, tzid)


@settings(max_examples=300, deadline=None)
@given(
    tzid=st.sampled_from(ZONES),
    local=st.datetimes(min_value=dt.datetime(1600, 1, 1), max_value=dt.datetime(2400, 1, 1)),
)
def test_times_on_any_day(tzid: str, local: dt.datetime) -> None:
    local = local.replace(microsecond=0)
    assert ical._moment(local, tzid) == asked_always(local, tzid)


def test_the_hour_that_happens_twice_and_the_hour_that_does_not() -> None:
    twice, gap = dt.datetime(2027, 10, 31, 2, 30), dt.datetime(2027, 3, 28, 2, 30)
    assert ical._moment(twice, "Europe/Berlin") == ":20271031T003000Z"
    assert ical._moment(gap, "Europe/Berlin") == ";TZID=Europe/Berlin:20270328T023000"
    # Auckland's clocks go back at 03:00 on 04.04.2027, which is still 03.04. in UTC.
    auckland = dt.datetime(2027, 4, 4, 2, 30)
    assert ical._moment(auckland, "Pacific/Auckland") == ":20270403T133000Z"
    assert ical._moment(dt.datetime(1, 1, 1), "Europe/Berlin").endswith(":00010101T000000")
    assert ical._moment(dt.datetime(9999, 12, 31, 23), "Europe/Berlin").endswith("T230000")
