"""Where a time zone changes its clocks, found from the zone's own transition list.

A VTIMEZONE lists the changes of UTC offset (or abbreviation) in the years its events span. Asking
zoneinfo day after day costs one look-up per day spanned (150 000 for four centuries); the zone's
data already says where the changes are. This module reads that data once per zone, from the same
place zoneinfo reads it (`zoneinfo.TZPATH`, then the `tzdata` package), as RFC 8536 describes it:

- the explicit transitions (TZif version 2 and later: 64-bit times), exact to the second;
- after the last one, the footer's POSIX TZ rule (`CET-1CEST,M3.5.0,M10.5.0/3`), which changes the
  clocks at most twice a year: its dates give a window of four days per change, in which zoneinfo
  itself is asked where the change is (a bisection to the second), so that every instant agrees
  with zoneinfo, whatever the rule's hour arithmetic.

The cost grows with the number of changes in the span, never with the days in it. Nothing here
decides what is written: `ical._vtimezone` asks zoneinfo for the offsets and names at each change.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import re
import struct
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_DAY = 86400
# A rule's date, as local time, is within a day and a few hours of its instant in UTC (offsets
# stay within 26 hours): two days each side always hold the change.
_WINDOW = 2 * _DAY
_HEADER = struct.Struct(">4s1s15x6l")
_RULE_DATE = re.compile(r"M([0-9]{1,2})\.([0-9])\.([0-9])|(J?)([0-9]{1,3})")
_RULE_TIME = re.compile(r"([+-]?)([0-9]{1,3})(?::([0-9]{2})(?::([0-9]{2}))?)?")


def changes(zone: ZoneInfo, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """The UTC instants in [begin, end) at which the zone's UTC offset or abbreviation changes."""
    times, rules = _zone_data(zone.key)
    low, high = _seconds(begin), _seconds(end)
    found = [
        t
        for t in times[bisect.bisect_left(times, low) : bisect.bisect_left(times, high)]
        if _key(zone, t - 1) != _key(zone, t)  # a transition may change nothing we write
    ]
    if rules:
        # The rule holds after the last explicit transition (or always, if there is none).
        after = max(low, times[-1] + 1) if times else low
        if after < high:
            found += _rule_changes(zone, rules, after, high)
    return [_EPOCH + dt.timedelta(seconds=t) for t in found]


@functools.lru_cache(maxsize=1024)
def clock_change_days(zone: ZoneInfo, year: int) -> frozenset[dt.date]:
    """The local days of `year` near a change of the zone's clocks: only on those can a wall-clock
    time happen twice or not at all. A change's local day is within a day of its UTC day (offsets
    stay within 26 hours); two days either side leave room to spare. Asked per year, so that the
    cost follows the years that have meetings, not the span between the first and the last."""
    margin = dt.timedelta(days=3)
    first, last = dt.datetime.min.replace(tzinfo=dt.UTC), dt.datetime.max.replace(tzinfo=dt.UTC)
    begin = dt.datetime(year, 1, 1, tzinfo=dt.UTC) - margin if year > first.year else first
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC) + margin if year < last.year else last
    days: set[dt.date] = set()
    for instant in changes(zone, begin, end):
        for shift in range(-2, 3):
            with contextlib.suppress(OverflowError):  # past 9999-12-31: no day to look at
                days.add(instant.date() + dt.timedelta(days=shift))
    return frozenset(days)


def _seconds(moment: dt.datetime) -> int:
    return int((moment - _EPOCH).total_seconds())


def _key(zone: ZoneInfo, seconds: int) -> tuple[dt.timedelta | None, str | None]:
    local = (_EPOCH + dt.timedelta(seconds=seconds)).astimezone(zone)
    return local.utcoffset(), local.tzname()


def _rule_changes(zone: ZoneInfo, rules: tuple[str, str], low: int, high: int) -> list[int]:
    """The changes of a footer rule in [low, high): each one searched in its window."""
    first = (_EPOCH + dt.timedelta(seconds=low)).year
    last = (_EPOCH + dt.timedelta(seconds=high - 1)).year
    found: set[int] = set()
    for year in range(max(first - 1, 1), min(last + 1, 9999) + 1):
        for rule in rules:
            centre = _rule_local_seconds(rule, year)
            start, stop = max(centre - _WINDOW, low), min(centre + _WINDOW, high)
            if start < stop:
                change = _bisect_change(zone, start, stop)
                if change is not None:
                    found.add(change)
    return sorted(found)


def _bisect_change(zone: ZoneInfo, start: int, stop: int) -> int | None:
    """The first second in (start, stop) whose offset or name differs from start's, if any.

    Within a window the rule changes the clocks once at most (its two changes of a year are
    months apart), so a differing end means exactly one change."""
    before = _key(zone, start)
    if _key(zone, stop - 1) == before:
        return None
    low, high = start, stop - 1  # key(low) == before != key(high)
    while high - low > 1:
        middle = (low + high) // 2
        if _key(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high


def _rule_local_seconds(rule: str, year: int) -> int:
    """A footer rule's `date[/time]` in `year`, as seconds since the epoch read as local time."""
    date_text, _, time_text = rule.partition("/")
    day = _rule_day(date_text, year)
    seconds = 2 * 3600  # POSIX: 02:00 unless the rule says otherwise
    if time_text:
        match = _RULE_TIME.fullmatch(time_text)
        if match is None:
            raise ValueError(f"unreadable time zone rule {rule!r}")
        sign = -1 if match[1] == "-" else 1
        seconds = sign * (int(match[2]) * 3600 + int(match[3] or 0) * 60 + int(match[4] or 0))
    return (day - _EPOCH.date()).days * _DAY + seconds


def _rule_day(text: str, year: int) -> dt.date:
    match = _RULE_DATE.fullmatch(text)
    if match is None:
        raise ValueError(f"unreadable time zone rule {text!r}")
    if match[1]:  # Mm.w.d: the w-th (5: last) weekday d (0: Sunday) of month m
        month, week, weekday = int(match[1]), int(match[2]), int(match[3])
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (week - 1))
        while day.month != month:
            day -= dt.timedelta(days=7)
        return day
    number = int(match[5])
    if match[4]:  # Jn: day n of 1..365, February 29 never counted
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return dt.date(year, 1, 1) + dt.timedelta(days=number - 1 + (leap and number >= 60))
    return dt.date(year, 1, 1) + dt.timedelta(days=number)  # n: 0..365, zero-based


@functools.lru_cache(maxsize=16)
def _zone_data(key: str) -> tuple[list[int], tuple[str, str] | None]:
    """The zone's explicit transitions (seconds since the epoch, UTC) and its footer's two rule
    parts (`M3.5.0`, `M10.5.0/3`), or None when the footer changes no clocks."""
    data = _tzif(key)
    try:
        magic, version, *counts = _HEADER.unpack_from(data)
        if magic != b"TZif":
            raise ValueError("no TZif data")
        size, offset = 4, _HEADER.size
        if version >= b"2":
            # Skip the 32-bit block: version 2 repeats everything with 64-bit times, and a footer.
            offset += _block_size(counts, time_size=4)
            magic, version, *counts = _HEADER.unpack_from(data, offset)
            size, offset = 8, offset + _HEADER.size
        count = counts[3]
        times = list(struct.unpack_from(f">{count}{'q' if size == 8 else 'l'}", data, offset))
        footer = ""
        if size == 8:
            start = offset + _block_size(counts, time_size=8)
            footer = data[start:].decode("ascii").strip()
    except (struct.error, UnicodeDecodeError) as exc:
        raise ValueError(f"unreadable time zone data for {key!r}") from exc
    parts = footer.split(",")
    return times, (parts[1], parts[2]) if len(parts) == 3 else None


def _block_size(counts: list[int], *, time_size: int) -> int:
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = counts
    return (
        timecnt * (time_size + 1)
        + typecnt * 6
        + charcnt
        + leapcnt * (time_size + 4)
        + isstdcnt
        + isutcnt
    )


def _tzif(key: str) -> bytes:
    """The zone's TZif file, looked up as zoneinfo looks it up: TZPATH first, then `tzdata`."""
    import zoneinfo

    from netzwerk_cli.file.fileio import Unreadable, read_bounded

    for root in zoneinfo.TZPATH:
        path = Path(root, *key.split("/"))
        if path.is_file():
            try:  # through the one reader of every file: a zone's TZif file is a few kilobytes
                return read_bounded(path, most=2**20)
            except Unreadable as exc:
                raise ZoneInfoNotFoundError(key) from exc
    from importlib import resources

    try:
        return resources.files("tzdata.zoneinfo").joinpath(*key.split("/")).read_bytes()
    except (ImportError, OSError) as exc:
        raise ZoneInfoNotFoundError(key) from exc
