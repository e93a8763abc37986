"""iCalendar (RFC 5545) export: a deterministic writer, and a tolerant reader of its own output.

Pure: no file, clock or environment access. The caller passes the previous file's text and the
time stamp, so the same inputs always give the same bytes, and an unchanged event keeps the
SEQUENCE and DTSTAMP it was first written with (calendar clients then see nothing new).

TEXT values (SUMMARY, LOCATION, DESCRIPTION, X-WR-CALNAME, PRODID, TZNAME) are normalised before
escaping, see `normalise_text`: CR LF and lone CR become LF, and the characters RFC 5545 forbids in
values are removed: the C0 controls U+0000-U+0008 and U+000B-U+001F, and U+007F (HTAB stays,
LF is written as ``\\n``). Lone surrogates are removed too, as they cannot be encoded in UTF-8.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from netzwerk_cli.calendar.zonedata import changes, clock_change_days

_CRLF = "\r\n"
_MAX_OCTETS = 75
_SECOND = dt.timedelta(seconds=1)
_FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
# What `_escape_text` changes: the forbidden characters, CR, and what RFC 5545 escapes.
_TO_ESCAPE = re.compile("[\\\\;,\n" + _FORBIDDEN_IN_TEXT.pattern[1:])
_FORBIDDEN_IN_UID = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
# IANA keys only: the TZID goes unquoted into parameters, so it must not hold ";", ":" or ",".
_TZID = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")
_ESCAPE_PAIR = re.compile(r"\\(.)", re.DOTALL)


class EventStatus(StrEnum):
    """The STATUS of a VEVENT; the values are the RFC 5545 words."""

    CONFIRMED = "CONFIRMED"
    TENTATIVE = "TENTATIVE"
    CANCELLED = "CANCELLED"


class ChangeKind(StrEnum):
    """How an event differs from the previously written file."""

    ADDED = "added"
    CHANGED = "changed"
    CANCELLED = "cancelled"
    REMOVED = "removed"


@dataclass(frozen=True, kw_only=True)
class CalendarEvent:
    """One VEVENT, before SEQUENCE and DTSTAMP are settled."""

    uid: str
    summary: str
    status: EventStatus
    day: dt.date
    # None: an all-day event; otherwise a wall-clock time in the calendar's time zone.
    start: dt.time | None
    # Timed events only (ignored for all-day ones). None or 0 writes no DTEND: RFC 5545 wants
    # DTEND later than DTSTART, and reads an event without one as ending when it starts.
    duration_minutes: int | None
    location: str
    # What every receiver of the event may read: it goes to calendars, servers and mail alike.
    description: str | None

    def __post_init__(self) -> None:
        # UIDs are written verbatim, so refuse anything that could break the content line.
        if not self.uid or _FORBIDDEN_IN_UID.search(self.uid):
            raise ValueError(f"unsafe UID {self.uid!r}")
        if self.start is not None and self.start.tzinfo is not None:
            raise ValueError("start must be a naive wall-clock time")
        if self.duration_minutes is not None and self.duration_minutes < 0:
            raise ValueError("duration_minutes must not be negative")


@dataclass(frozen=True, kw_only=True)
class StampedEvent:
    """A CalendarEvent with the SEQUENCE and DTSTAMP it is written with."""

    event: CalendarEvent
    sequence: int
    dtstamp: dt.datetime

    def __post_init__(self) -> None:
        if self.sequence < 0:
            raise ValueError("SEQUENCE must not be negative")
        if self.dtstamp.utcoffset() is None:
            raise ValueError("dtstamp must be timezone-aware")


@dataclass(frozen=True, kw_only=True)
class EventChange:
    """One difference to the previous file, for `--verbose`."""

    kind: ChangeKind
    uid: str
    summary: str
    day: dt.date


def normalise_text(value: str) -> str:
    """The text as written: CR LF and CR become LF, forbidden control characters are removed."""
    return _FORBIDDEN_IN_TEXT.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _escape_text(value: str) -> str:
    if not _TO_ESCAPE.search(value):  # most names and places: nothing to normalise or escape
        return value
    # Backslash first, or the backslashes of the other escapes would be doubled.
    text = normalise_text(value).replace("\\", "\\\\")
    return text.replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def unescape_text(value: str) -> str:
    return _ESCAPE_PAIR.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _fold(line: str) -> list[str]:
    """Physical lines of at most 75 octets; continuation lines start with one space.

    The line is cut in its UTF-8 bytes, in linear time: never inside a character, and never
    between a backslash and the character it escapes. (`render_calendar` passes a line of at most
    75 octets, most of them, without asking.)
    """
    data = line.encode()
    pieces: list[str] = []
    start, limit = 0, _MAX_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the cut would split a character
            end -= 1
        if _opens_escape(data, start, end):
            end -= 1
        pieces.append(data[start:end].decode())
        start, limit = end, _MAX_OCTETS - 1  # the leading space is an octet too
    pieces.append(data[start:].decode())
    return [pieces[0], *(" " + piece for piece in pieces[1:])]


def _opens_escape(data: bytes, start: int, end: int) -> bool:
    """Whether data[start:end] ends with a backslash whose escaped character is data[end].

    Backslashes pair from the start of a run; earlier cuts never part a pair, so the parity of
    the run's length within this piece tells."""
    count = 0
    while end - count - 1 >= start and data[end - count - 1] == 0x5C:
        count += 1
    return count % 2 == 1


# Both from the C isoformat (years padded to four digits, as RFC 5545 wants): an export of a long
# history formats two of them per event, and f-strings of six fields took twice as long.
def _date(day: dt.date) -> str:
    return day.isoformat().replace("-", "")


def _date_time(moment: dt.datetime) -> str:
    """The wall-clock value, whole seconds; an offset of an aware moment is not written."""
    # The first 19 characters are date and time to the second, whatever follows (a fraction, an
    # offset); isoformat without arguments is a third quicker than with `timespec`.
    return moment.isoformat()[:19].replace("-", "").replace(":", "")


def _sort_key(event: CalendarEvent) -> tuple[dt.date, bool, dt.time, str]:
    # All-day events first on their day, then by time; the UID breaks ties.
    return (event.day, event.start is not None, event.start or dt.time.min, event.uid)


def unique_uids(uids: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    for uid in uids:
        if uid in seen:
            raise ValueError(f"duplicate UID {uid!r}")
        seen.add(uid)
    return seen


# Settling against the record (its digest) and writing the calendar both need an event's lines:
# made once per event and run.
@functools.lru_cache(maxsize=16384)
def _content_lines(event: CalendarEvent, tzid: str | None) -> tuple[str, ...]:
    """The unfolded lines of an event's content: everything but UID, DTSTAMP and SEQUENCE."""
    if event.start is None:
        # DTEND of a date is exclusive, so a one-day event ends on the next day.
        end_day = event.day + dt.timedelta(days=1)
        lines = [f"DTSTART;VALUE=DATE:{_date(event.day)}", f"DTEND;VALUE=DATE:{_date(end_day)}"]
    else:
        start = dt.datetime.combine(event.day, event.start)
        lines = [f"DTSTART{_moment(start, tzid)}"]
        if event.duration_minutes:
            # Wall-clock arithmetic: meetings are by day, the clocks change at night.
            end = start + dt.timedelta(minutes=event.duration_minutes)
            lines.append(f"DTEND{_moment(end, tzid)}")
    lines += [f"STATUS:{event.status.value}", f"SUMMARY:{_escape_text(event.summary)}"]
    location = _escape_text(event.location)
    if location:
        lines.append(f"LOCATION:{location}")
    description = _escape_text(event.description or "")
    if description:
        lines.append(f"DESCRIPTION:{description}")
    return tuple(lines)


def event_content(event: CalendarEvent, tzid: str | None) -> tuple[str, ...]:
    """The unfolded content lines of an event as written: all but UID, DTSTAMP and SEQUENCE."""
    return _content_lines(event, tzid)


def _moment(local: dt.datetime, tzid: str | None) -> str:
    """A DATE-TIME value with its TZID parameter, e.g. ';TZID=Europe/Berlin:20271031T100000'.

    A wall-clock time that happens twice (the hour the clocks go back) means the first of the two,
    summer time, and is written in UTC: readers differ on which of the two a local time names."""
    zone = _zone(tzid) if tzid else None
    if zone is not None and local.date() in clock_change_days(zone, local.year):
        first = local.replace(tzinfo=zone)
        if first.utcoffset() != local.replace(tzinfo=zone, fold=1).utcoffset():
            back = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
            if back == local:  # it exists, twice; a time in a gap stays as written
                return f":{_date_time(first.astimezone(dt.UTC))}Z"
    return f";TZID={tzid}:{_date_time(local)}" if tzid else f":{_date_time(local)}"


@functools.lru_cache(maxsize=8)
def _zone(tzid: str) -> ZoneInfo | None:
    """The zone, or None for a name `render_calendar` will refuse with its own message."""
    try:
        return ZoneInfo(tzid) if _TZID.fullmatch(tzid) else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _check_timezone(timezone: str) -> None:
    if not _TZID.fullmatch(timezone):
        raise ValueError(f"not an IANA time zone key: {timezone!r}")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"unknown time zone {timezone!r}") from exc


def _offset(local: dt.datetime) -> dt.timedelta:
    offset = local.utcoffset()
    assert offset is not None  # a ZoneInfo always knows its offset
    return offset


def _offset_text(offset: dt.timedelta) -> str:
    seconds = int(offset.total_seconds())
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds_left = divmod(rest, 60)
    text = f"{'-' if seconds < 0 else '+'}{hours:02d}{minutes:02d}"
    return text + (f"{seconds_left:02d}" if seconds_left else "")


def _is_summer(local: dt.datetime, neighbour: dt.datetime) -> bool:
    """Whether an observance is DAYLIGHT: clients need the standard offset to be the lower one.

    zoneinfo gives Dublin's winter and Casablanca's Ramadan a negative DST offset; next to such
    an observance, the one with no DST offset is the summer time.
    """
    zero = dt.timedelta()
    dst, neighbour_dst = local.dst() or zero, neighbour.dst() or zero
    return dst > zero or (dst == zero and neighbour_dst < zero)


def _observance(
    instant: dt.datetime, before: dt.datetime, after: dt.datetime, summer: bool
) -> list[str]:
    kind = "DAYLIGHT" if summer else "STANDARD"
    # RFC 5545: the onset is given in local time as the clocks showed it before the change.
    onset = (instant + _offset(before)).replace(tzinfo=None)
    lines = [
        f"BEGIN:{kind}",
        f"DTSTART:{_date_time(onset)}",
        f"TZOFFSETFROM:{_offset_text(_offset(before))}",
        f"TZOFFSETTO:{_offset_text(_offset(after))}",
    ]
    name = after.tzname()
    if name:
        lines.append(f"TZNAME:{_escape_text(name)}")
    return [*lines, f"END:{kind}"]


@functools.lru_cache(maxsize=32)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> tuple[str, ...]:
    """A VTIMEZONE derived from zoneinfo, covering the year before first to the year after last."""
    zone = ZoneInfo(tzid)
    # Clamped so that local times near the range ends stay within datetime's years.
    begin = dt.datetime(max(first_year - 1, 2), 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(min(last_year + 2, 9998), 1, 1, tzinfo=dt.UTC)
    instants = changes(zone, begin, end)
    # The first observance anchors the offset at the range start, so that every instant of the
    # range is covered even when the zone's first change in it falls after an event.
    anchor = begin.astimezone(zone)
    first = instants[0].astimezone(zone) if instants else anchor
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    lines += _observance(begin, anchor, anchor, _is_summer(anchor, first))
    for instant in instants:
        before, after = (instant - _SECOND).astimezone(zone), instant.astimezone(zone)
        lines += _observance(instant, before, after, _is_summer(after, before))
    return (*lines, "END:VTIMEZONE")


def _event_lines(stamped: StampedEvent, tzid: str, extra: Sequence[str] = ()) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{stamped.event.uid}",
        f"DTSTAMP:{_utc_stamp(stamped.dtstamp)}",
        f"SEQUENCE:{stamped.sequence}",
        *_content_lines(stamped.event, tzid),
        *extra,
        "END:VEVENT",
    ]


@functools.lru_cache(maxsize=64)  # the events of a calendar share a few stamps
def _utc_stamp(moment: dt.datetime) -> str:
    return f"{_date_time(moment.astimezone(dt.UTC))}Z"


def render_calendar(
    events: Sequence[StampedEvent],
    *,
    name: str | None,
    timezone: str,
    prodid: str = "-//netzwerk//netzwerk-cli//EN",
    method: str | None = "PUBLISH",
    extra: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The whole iCalendar stream, CRLF line endings, events sorted by day, start and UID.

    `method` is the iTIP method (PUBLISH for a calendar file, REQUEST or CANCEL for an invitation,
    None for a resource on a CalDAV server); `name` the calendar's name (None: none, as in an
    invitation); `extra` adds properties to events by UID (ORGANIZER, ATTENDEE), as unfolded
    content lines that the caller has escaped.
    """
    _check_timezone(timezone)
    unique_uids(stamped.event.uid for stamped in events)
    ordered = sorted(events, key=lambda stamped: _sort_key(stamped.event))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_escape_text(prodid)}",
        "CALSCALE:GREGORIAN",
    ]
    if method is not None:
        lines.append(f"METHOD:{method}")
    if name is not None:
        lines += [f"X-WR-CALNAME:{_escape_text(name)}", f"X-WR-TIMEZONE:{timezone}"]
    timed_years = [s.event.day.year for s in ordered if s.event.start is not None]
    if timed_years:
        lines += _vtimezone(timezone, min(timed_years), max(timed_years))
    for stamped in ordered:
        lines += _event_lines(stamped, timezone, (extra or {}).get(stamped.event.uid, ()))
    lines.append("END:VCALENDAR")
    physical: list[str] = []
    for line in lines:
        # Most lines are short: nothing to fold (a line of 75 characters or fewer is at most 75
        # octets when it is ASCII; otherwise its UTF-8 length tells).
        if len(line) <= _MAX_OCTETS and (line.isascii() or len(line.encode()) <= _MAX_OCTETS):
            physical.append(line)
        else:
            physical += _fold(line)
    physical.append("")  # the stream ends with a line break too
    return _CRLF.join(physical)


def escape_text(value: str) -> str:
    """A TEXT value as RFC 5545 writes it (backslash, `;`, `,` and line breaks escaped)."""
    return _escape_text(value)
