"""The store refuses a meeting that starts in a gap of the clocks (spring forward). zoneinfo is
asked only about the meetings on days near a change of the clocks, which the zone's data lists:
every meeting it refuses is one that asking zoneinfo about every meeting refuses."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.calendar import zonedata
from netzwerk_cli.errors import Problem
from netzwerk_cli.file import rules, store
from netzwerk_cli.model import Meeting, Status
from tests.test_moment import ZONES, change_days


def refused(meetings: list[Meeting], tzid: str, start: dt.time | None = None) -> list[str]:
    problems: list[Problem] = []
    rules.check_local_times(meetings, tzid, start, problems)
    return [str(p.where) for p in problems]


def refused_asking_always(
    meetings: list[Meeting], tzid: str, start: dt.time | None = None
) -> list[str]:
    zone = ZoneInfo(tzid)
    return [
        f"meetings[{m.position}] ({m.date})"
        for m in meetings
        if m.date is not None
        and (m.time or start) is not None
        and store.clock_gap(dt.datetime.combine(m.date, m.time or start), zone) is not None  # type: ignore[arg-type]
    ]


def meeting(position: int, day: dt.date, time: dt.time | None) -> Meeting:
    return Meeting(position=position, host="A", status=Status.HELD, date=day, time=time)


@settings(max_examples=40, deadline=None)
@given(
    tzid=st.sampled_from(ZONES),
    years=st.lists(st.integers(min_value=1890, max_value=2060), min_size=1, max_size=3),
    data=st.data(),
)
def test_the_meetings_refused_are_those_asking_always_refuses(
    tzid: str, years: list[int], data: st.DataObject
) -> None:
    meetings = [meeting(1, dt.date(1650, 6, 1), dt.time(10))]  # the history starts long before
    for year in years:
        for day in change_days(tzid, year):
            for shift in (-1, 0, 1):  # every quarter of an hour (the shortest gap is half an hour)
                when = day + dt.timedelta(days=shift)
                for quarter in range(4 * 24):
                    time = dt.time(quarter // 4, quarter % 4 * 15)
                    meetings.append(meeting(len(meetings) + 1, when, time))
    start = data.draw(st.sampled_from([None, dt.time(2, 30), dt.time(0, 0)]))
    # A meeting without its own time starts at the network's.
    meetings += [meeting(len(meetings) + 1, m.date, None) for m in meetings[1:4] if m.date]
    expected = refused_asking_always(meetings, tzid, start)
    assert refused(meetings, tzid, start) == expected


def test_a_long_history_with_times_in_gaps_and_twice() -> None:
    meetings = [
        meeting(1, dt.date(1700, 3, 28), dt.time(2, 30)),  # no summer time then
        meeting(2, dt.date(1945, 5, 24), dt.time(2, 30)),  # Berlin's double summer time
        meeting(3, dt.date(2027, 3, 28), dt.time(2, 30)),  # spring forward
        meeting(4, dt.date(2027, 10, 31), dt.time(2, 30)),  # happens twice: not refused
        meeting(5, dt.date(2027, 3, 28), None),  # the network's start, 02:15
        meeting(6, dt.date(2027, 3, 29), dt.time(2, 30)),
    ]
    expected = refused_asking_always(meetings, "Europe/Berlin", dt.time(2, 15))
    assert expected == [
        "meetings[2] (1945-05-24)",
        "meetings[3] (2027-03-28)",
        "meetings[5] (2027-03-28)",
    ]
    assert refused(meetings, "Europe/Berlin", dt.time(2, 15)) == expected


def test_without_timed_meetings_nothing_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> frozenset[dt.date]:
        raise AssertionError("asked")

    monkeypatch.setattr(zonedata, "clock_change_days", fail)
    assert refused([meeting(1, dt.date(2027, 3, 28), None)], "Europe/Berlin") == []


@pytest.mark.parametrize(
    "error", [ValueError("unreadable"), PermissionError(13, "denied"), OverflowError("9999")]
)
def test_zone_data_this_reader_cannot_read_asks_zoneinfo_about_every_meeting(
    monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    def unreadable(*args: object) -> frozenset[dt.date]:
        raise error

    monkeypatch.setattr(zonedata, "clock_change_days", unreadable)
    meetings = [meeting(1, dt.date(2027, 3, 28), dt.time(2, 30))]
    assert refused(meetings, "Europe/Berlin") == ["meetings[1] (2027-03-28)"]


def test_the_cost_follows_the_years_with_meetings_not_their_span(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A meeting in 9999 (a typo, or "some day") beside one of 2027: the zone's rule is searched
    for those two years, not for the 7972 between them (which took 1.3 s in a review)."""
    asked: list[int] = []
    key = zonedata._key

    def counted(zone: ZoneInfo, seconds: int) -> tuple[dt.timedelta | None, str | None]:
        asked.append(seconds)
        return key(zone, seconds)

    monkeypatch.setattr(zonedata, "_key", counted)
    zonedata.clock_change_days.cache_clear()
    meetings = [meeting(1, dt.date(2027, 3, 14), dt.time(2, 30))]  # spring forward there
    meetings.append(meeting(2, dt.date(9999, 11, 3), dt.time(10)))
    assert refused(meetings, "America/New_York") == ["meetings[1] (2027-03-14)"]
    assert 0 < len(asked) < 500
    zonedata.clock_change_days.cache_clear()


@pytest.mark.parametrize("year", [1, 9999])
def test_the_days_near_changes_at_the_ends_of_the_calendar(year: int) -> None:
    days = zonedata.clock_change_days(ZoneInfo("Europe/Berlin"), year)
    assert all(abs(day.year - year) <= 1 for day in days)
    assert (year == 9999) == bool(days)  # summer time by rule in 9999, none in the year 1
