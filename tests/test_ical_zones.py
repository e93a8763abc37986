"""The VTIMEZONE against zoneinfo, read by icalendar and by vobject: any span, any instant, the
zones with irregular history; and its cost, which follows the zone's changes, not the days."""

from __future__ import annotations

import datetime as dt
import struct
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netzwerk_cli.calendar import ical, zonedata
from netzwerk_cli.calendar.ical import CalendarEvent, EventStatus, StampedEvent, render_calendar

STAMP = dt.datetime(2025, 10, 1, 8, 30, tzinfo=dt.UTC)
# Zones whose history a day-by-day rule would not guess: double summer time (Berlin 1945-1949),
# negative DST (Dublin), clocks back for Ramadan (Casablanca), rules at hour 26 or -1 (Jerusalem,
# Nuuk), half-hour DST (Lord Howe), offsets in 45 minutes (Chatham), abolished DST (Sao Paulo),
# permanent summer time and back (Moscow), a zone that skipped a day (Apia), LMT before 1900.
ZONES = (
    "Europe/Berlin",
    "Europe/Dublin",
    "Africa/Casablanca",
    "Asia/Jerusalem",
    "America/Nuuk",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Sao_Paulo",
    "Europe/Moscow",
    "Pacific/Apia",
    "Antarctica/Troll",
    "Asia/Tokyo",
    "UTC",
)


def timed_event(day: dt.date, uid: str) -> StampedEvent:
    event = CalendarEvent(
        uid=uid,
        summary="Netzwerktreffen",
        status=EventStatus.CONFIRMED,
        day=day,
        start=dt.time(10),
        duration_minutes=120,
        location="Eschwege",
        description=None,
    )
    return StampedEvent(event=event, sequence=0, dtstamp=STAMP)


def calendar_text(timezone: str, first: int, last: int) -> str:
    events = [timed_event(dt.date(first, 6, 1), "first"), timed_event(dt.date(last, 6, 1), "last")]
    return render_calendar(events, name="Netzwerk", timezone=timezone)


def readers(text: str) -> dict[str, dt.tzinfo]:
    """Our VTIMEZONE as icalendar and as vobject build it (neither looks the TZID up)."""
    (vtimezone,) = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")
    theirs: Any = vobject.readOne(text)
    return {
        "icalendar": vtimezone.to_tz(lookup_tzid=False),
        "vobject": theirs.vtimezone.gettzinfo(),
    }


def span(first: int, last: int) -> tuple[dt.datetime, dt.datetime]:
    """What the VTIMEZONE covers: the year before the first event to the year after the last."""
    return dt.datetime(first - 1, 1, 1, tzinfo=dt.UTC), dt.datetime(last + 2, 1, 1, tzinfo=dt.UTC)


def agree(zone: ZoneInfo, tz: dt.tzinfo, instant: dt.datetime) -> None:
    """The same UTC offset for the wall time of the instant where that is not ambiguous (events
    are wall times), and for the instant itself, but where dateutil is known to err."""
    wall = instant.astimezone(zone).replace(tzinfo=None)
    if wall.replace(fold=1, tzinfo=zone).utcoffset() != wall.replace(tzinfo=zone).utcoffset():
        return  # RFC 5545 leaves the repeated hour open
    assert wall.replace(tzinfo=tz).utcoffset() == wall.replace(tzinfo=zone).utcoffset(), wall
    if not after_summer_to_summer(zone, instant):
        assert instant.astimezone(tz).utcoffset() == instant.astimezone(zone).utcoffset(), instant


def after_summer_to_summer(zone: ZoneInfo, instant: dt.datetime) -> bool:
    """Whether the instant is within three hours after a change from one summer time to another
    (Berlin's double summer time, 1945-1949). There dateutil, under icalendar and vobject, takes
    the wrong offset for a UTC instant: it reads an observance's DST as its TZOFFSETTO minus its
    TZOFFSETFROM, negative for the step back from double summer time. The VTIMEZONE is the same
    as the day-by-day derivation wrote it, and wall times, which events use, resolve right."""
    zero, second = dt.timedelta(), dt.timedelta(seconds=1)
    for change in walked_changes(zone, instant - dt.timedelta(hours=3), instant + second):
        before, after = (change - second).astimezone(zone), change.astimezone(zone)
        if (before.dst() or zero) > zero and (after.dst() or zero) > zero:
            return True
    return False


def walked_changes(zone: ZoneInfo, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """The changes as a walk through zoneinfo finds them, three hours a step (no zone changes its
    clocks twice within three hours), each bisected to the second: slow, and obviously right."""

    def key(instant: dt.datetime) -> tuple[dt.timedelta | None, str | None]:
        local = instant.astimezone(zone)
        return local.utcoffset(), local.tzname()

    found = []
    low = begin
    while low < end:
        high = min(low + dt.timedelta(hours=3), end)
        if key(high) != key(low):
            while high - low > dt.timedelta(seconds=1):
                middle = low + dt.timedelta(seconds=(high - low) // dt.timedelta(seconds=2))
                low, high = (middle, high) if key(middle) == key(low) else (low, middle)
            if high < end:  # a change within the span's last step counts; one at its end not
                found.append(high)
        low = high
    return found


@settings(max_examples=40, deadline=None)
@given(
    timezone=st.sampled_from(ZONES),
    first=st.integers(min_value=1850, max_value=2100),
    years=st.integers(min_value=0, max_value=8),
)
@example(timezone="Africa/Casablanca", first=1976, years=8)  # a change an hour before the end
def test_the_changes_are_those_a_walk_through_zoneinfo_finds(
    timezone: str, first: int, years: int
) -> None:
    zone = ZoneInfo(timezone)
    begin, end = span(first, first + years)
    assert zonedata.changes(zone, begin, end) == walked_changes(zone, begin, end)


@settings(max_examples=25, deadline=None)
@given(
    timezone=st.sampled_from(ZONES),
    first=st.integers(min_value=1600, max_value=2100),
    years=st.integers(min_value=0, max_value=30),
    data=st.data(),
)
def test_any_instant_of_the_span_has_zoneinfos_offset(
    timezone: str, first: int, years: int, data: st.DataObject
) -> None:
    last = first + years
    zone = ZoneInfo(timezone)
    # From the day after the span's start: before its first observance a reader has no rule.
    begin, end = span(first, last)
    begin += dt.timedelta(days=1)
    seconds = int((end - begin).total_seconds()) - 1
    offsets = data.draw(st.lists(st.integers(0, seconds), min_size=20, max_size=20))
    for name, tz in readers(calendar_text(timezone, first, last)).items():
        for offset in offsets:
            instant = begin + dt.timedelta(seconds=offset)
            try:
                agree(zone, tz, instant)
            except AssertionError as exc:
                raise AssertionError(f"{name}: {exc}") from None


def around_changes(zone: ZoneInfo, begin: dt.datetime, end: dt.datetime) -> Iterator[dt.datetime]:
    """Each change of the span, a second and an hour either side; and a coarse grid."""
    begin += dt.timedelta(days=1)
    for change in walked_changes(zone, begin, end):
        for seconds in (-3600, -1, 0, 1, 3600):
            yield change + dt.timedelta(seconds=seconds)
    instant = begin
    while instant < end:
        yield instant
        instant += dt.timedelta(days=2, hours=5, minutes=7)


@pytest.mark.parametrize(
    ("timezone", "first", "last"),
    [
        ("Europe/Berlin", 1945, 1949),  # double summer time, changes at odd hours
        ("Europe/Dublin", 2024, 2026),  # negative DST
        ("Africa/Casablanca", 2024, 2026),  # clocks back for Ramadan
        ("Asia/Jerusalem", 2037, 2039),  # the footer's rule: M3.4.4/26
        ("America/Nuuk", 2037, 2039),  # the footer's rule: M3.5.0/-1
    ],
)
def test_every_change_of_irregular_years_agrees(timezone: str, first: int, last: int) -> None:
    zone = ZoneInfo(timezone)
    for name, tz in readers(calendar_text(timezone, first, last)).items():
        for instant in around_changes(zone, *span(first, last)):
            try:
                agree(zone, tz, instant)
            except AssertionError as exc:
                raise AssertionError(f"{name}: {exc}") from None


def test_berlins_double_summer_time_is_its_own_observance() -> None:
    (vtimezone,) = icalendar.Calendar.from_ical(calendar_text("Europe/Berlin", 1947, 1947)).walk(
        "VTIMEZONE"
    )
    rows = [
        (part.name, part["DTSTART"].to_ical().decode(), str(part["TZNAME"]))
        for part in vtimezone.subcomponents
    ]
    assert ("DAYLIGHT", "19470511T030000", "CEMT") in rows
    assert ("DAYLIGHT", "19470629T030000", "CEST") in rows


def test_a_change_off_the_minute_is_written_to_the_second() -> None:
    """Berlin left local mean time (+00:53:28) at midnight on 1 April 1893: 23:06:32 UTC."""
    lines = calendar_text("Europe/Berlin", 1893, 1893).split("\r\n")
    at = lines.index("DTSTART:18930401T000000")
    assert lines[at + 1 : at + 3] == ["TZOFFSETFROM:+005328", "TZOFFSETTO:+0100"]


def test_the_cost_follows_the_changes_not_the_days(monkeypatch: pytest.MonkeyPatch) -> None:
    """Four centuries of Berlin: a few look-ups per change, where a walk by day needed 156 000."""
    calls = 0
    real = zonedata._key

    def counting(zone: ZoneInfo, seconds: int) -> tuple[dt.timedelta | None, str | None]:
        nonlocal calls
        calls += 1
        return real(zone, seconds)

    monkeypatch.setattr(zonedata, "_key", counting)
    ical._vtimezone.cache_clear()
    observances = ical._vtimezone("Europe/Berlin", 1600, 2028).count("END:STANDARD")
    observances += ical._vtimezone("Europe/Berlin", 1600, 2028).count("END:DAYLIGHT")
    assert observances > 100  # every change since 1893 is there
    assert calls < 4 * observances
    calls = 0
    ical._vtimezone("Asia/Tokyo", 1600, 2428)  # no change since 1951: eight centuries, no cost
    assert calls < 40


def slim_copy(source: bytes, *, keep_until: int) -> bytes:
    """A TZif file as `zic -b slim` writes it: the transitions up to `keep_until` (seconds since
    the epoch) only, and the footer's rule for everything after them; no 32-bit data."""
    header = struct.Struct(">4s1s15x6l")
    _, _, *counts = header.unpack_from(source)
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = counts
    offset = header.size + timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt
    _, _, *counts = header.unpack_from(source, offset)
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = counts
    assert leapcnt == 0
    offset += header.size
    times = struct.unpack_from(f">{timecnt}q", source, offset)
    types = source[offset + 8 * timecnt : offset + 9 * timecnt]
    rest = offset + 9 * timecnt
    ttinfos_and_names = source[rest : rest + typecnt * 6 + charcnt]
    indicators = source[rest + typecnt * 6 + charcnt : rest + typecnt * 6 + charcnt + isstdcnt]
    indicators += source[rest + typecnt * 6 + charcnt + isstdcnt :][:isutcnt]
    footer = source[rest + typecnt * 6 + charcnt + isstdcnt + isutcnt :]
    kept = sum(1 for t in times if t <= keep_until)
    v1 = header.pack(b"TZif", b"2", 0, 0, 0, 0, 1, 1) + b"\x00\x00\x00\x00\x00\x00" + b"\x00"
    v2 = header.pack(b"TZif", b"2", isutcnt, isstdcnt, 0, kept, typecnt, charcnt)
    v2 += struct.pack(f">{kept}q", *times[:kept]) + types[:kept] + ttinfos_and_names + indicators
    return v1 + v2 + footer


@pytest.fixture
def slim_berlin(tmp_path: Path) -> Iterator[str]:
    """Europe/Berlin as a slim file (transitions up to 1996, the rule after) in a TZPATH of its
    own, under a key of its own (the fat file stays Europe/Berlin)."""
    fat = ZoneInfo("Europe/Berlin")
    source = zonedata._tzif(fat.key)
    folder = tmp_path / "zoneinfo" / "Slim"
    folder.mkdir(parents=True)
    (folder / "Berlin").write_bytes(slim_copy(source, keep_until=846_378_000))  # 1996-10-27
    zoneinfo.reset_tzpath(to=[str(tmp_path / "zoneinfo")])
    try:
        yield "Slim/Berlin"
    finally:
        zoneinfo.reset_tzpath()
        ZoneInfo.clear_cache(only_keys=["Slim/Berlin"])
        zonedata._zone_data.cache_clear()
        ical._vtimezone.cache_clear()


def test_a_slim_zone_gives_the_changes_of_its_rule(slim_berlin: str) -> None:
    slim, fat = ZoneInfo(slim_berlin), ZoneInfo("Europe/Berlin")
    assert len(zonedata._zone_data(slim_berlin)[0]) < len(zonedata._zone_data(fat.key)[0])
    begin, end = dt.datetime(1990, 1, 1, tzinfo=dt.UTC), dt.datetime(2060, 1, 1, tzinfo=dt.UTC)
    assert zonedata.changes(slim, begin, end) == zonedata.changes(fat, begin, end)
    text = calendar_text(slim_berlin, 1995, 2050)
    assert "TZID:Slim/Berlin" in text
    assert text.replace("Slim/Berlin", "Europe/Berlin") == calendar_text(
        "Europe/Berlin", 1995, 2050
    )


@pytest.mark.parametrize(
    ("rule", "year", "day"),
    [
        ("M3.5.0", 2025, dt.date(2025, 3, 30)),  # the last Sunday of March
        ("M10.5.0/3", 2026, dt.date(2026, 10, 25)),
        ("M3.4.4/26", 2038, dt.date(2038, 3, 26)),  # the fourth Thursday (25th), at 26:00
        ("M9.1.0", 2024, dt.date(2024, 9, 1)),  # a month that starts on Sunday
        ("J60", 2024, dt.date(2024, 3, 1)),  # Jn never counts February 29
        ("59", 2024, dt.date(2024, 2, 29)),  # n does
    ],
)
def test_a_footer_rule_names_its_day(rule: str, year: int, day: dt.date) -> None:
    seconds = zonedata._rule_local_seconds(rule, year)
    assert (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=seconds)).date() == day
