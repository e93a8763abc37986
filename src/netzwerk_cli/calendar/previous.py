"""Calendar files written before, read back: the events of an earlier export by UID, and the
SEQUENCE and DTSTAMP settled against them (`stamp_events`), so that an unchanged event keeps both
and a calendar client sees nothing new.

Only what netzwerk itself wrote needs reading, but a file may have been touched by others: what
cannot be read is skipped, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from netzwerk_cli.calendar.ical import (
    CalendarEvent,
    ChangeKind,
    EventChange,
    EventStatus,
    StampedEvent,
    event_content,
    unescape_text,
    unique_uids,
)

_UTC_STAMP = re.compile(r"[0-9]{8}T[0-9]{6}Z")
_DATE_PREFIX = re.compile(r"[0-9]{8}")
_TZID_PARAM = re.compile(r";TZID=[^;]*", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class _Previous:
    """What the previous file said about one event."""

    sequence: int
    dtstamp: dt.datetime
    content: tuple[str, ...]
    summary: str
    day: dt.date
    cancelled: bool


def _unfolded(text: str) -> str:
    """The text with its folded lines joined, and every line ending a line feed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"\n[ \t]", "", text)


def _unfold(text: str) -> list[str]:
    return _unfolded(text).split("\n")


def _split_line(line: str) -> tuple[str, str]:
    """Upper-case property name and raw value; good enough for our own, unquoted parameters."""
    head, _, value = line.partition(":")
    return head.partition(";")[0].strip().upper(), value


def _read_event(block: list[str]) -> tuple[str, _Previous] | None:
    """One previous VEVENT, or None if it lacks a readable UID, SEQUENCE, DTSTAMP or DTSTART."""
    uid, dtstamp, day, summary = "", "", "", ""
    sequence: int | None = None
    cancelled = False
    content: list[str] = []
    for line in block:
        name, value = _split_line(line)
        if name == "UID":
            uid = value
        elif name == "SEQUENCE":
            sequence = int(value) if _DIGITS.fullmatch(value) else None
        elif name == "DTSTAMP":
            dtstamp = value
        else:
            content.append(line)
            if name == "DTSTART":
                day = value
            elif name == "SUMMARY":
                summary = unescape_text(value)
            elif name == "STATUS":
                cancelled = value.strip().upper() == EventStatus.CANCELLED
    # The patterns want every digit: a date with fields short of their leading zeros is no date.
    if not uid or sequence is None or not _UTC_STAMP.fullmatch(dtstamp):
        return None
    if not _DATE_PREFIX.match(day):
        return None
    try:  # the digits are checked above; strptime would take five times as long
        year, month, date = int(dtstamp[:4]), int(dtstamp[4:6]), int(dtstamp[6:8])
        hour, minute, second = int(dtstamp[9:11]), int(dtstamp[11:13]), int(dtstamp[13:15])
        stamp = dt.datetime(year, month, date, hour, minute, second, tzinfo=dt.UTC)
        start_day = dt.date(int(day[:4]), int(day[4:6]), int(day[6:8]))
    except ValueError:
        return None
    return uid, _Previous(sequence, stamp, tuple(content), summary, start_day, cancelled)


def _read_previous(text: str) -> dict[str, _Previous]:
    """The events of a previously written file by UID; whatever cannot be read is skipped."""
    events: dict[str, _Previous] = {}
    block: list[str] | None = None
    for line in _unfold(text):
        marker = line.strip().upper()
        if marker == "BEGIN:VEVENT":
            block = []  # also drops an unterminated block before it
        elif marker == "END:VEVENT" and block is not None:
            read = _read_event(block)
            if read is not None:
                events.setdefault(read[0], read[1])
            block = None
        elif block is not None:
            block.append(line)
    return events


def _comparable(lines: Iterable[str], *, keep_tzid: bool) -> tuple[str, ...]:
    if keep_tzid:
        return tuple(lines)
    # Parameters end at the first colon; what follows is the value, left alone.
    parts = (line.partition(":") for line in lines)
    return tuple(_TZID_PARAM.sub("", head) + colon + value for head, colon, value in parts)


def stamp_events(
    events: Sequence[CalendarEvent],
    *,
    previous: str | None,
    stamp: dt.datetime,
    timezone: str | None = None,
) -> tuple[list[StampedEvent], list[EventChange]]:
    """Settle SEQUENCE and DTSTAMP against the previous file; also list what changed.

    An event whose content lines (as rendered now, all but UID, DTSTAMP and SEQUENCE) equal the
    previous ones keeps its SEQUENCE and DTSTAMP; a changed one gets SEQUENCE + 1 and `stamp`;
    a new one SEQUENCE 0 and `stamp`. `previous` may be anything: what cannot be read is
    ignored. Without `timezone` the TZID of timed events is left out of the comparison.
    """
    if stamp.utcoffset() is None:
        raise ValueError("stamp must be timezone-aware")
    # DTSTAMP is written to the second, so compare and keep it at that precision.
    stamp = stamp.astimezone(dt.UTC).replace(microsecond=0)
    uids = unique_uids(event.uid for event in events)
    known = _read_previous(previous) if previous else {}
    keep_tzid = timezone is not None
    stamped: list[StampedEvent] = []
    changes: list[EventChange] = []
    for event in events:
        old = known.get(event.uid)
        content = _comparable(event_content(event, timezone), keep_tzid=keep_tzid)
        if old is not None and _comparable(old.content, keep_tzid=keep_tzid) == content:
            stamped.append(StampedEvent(event=event, sequence=old.sequence, dtstamp=old.dtstamp))
            continue
        sequence = 0 if old is None else old.sequence + 1
        stamped.append(StampedEvent(event=event, sequence=sequence, dtstamp=stamp))
        if old is None:
            kind = ChangeKind.ADDED
        elif event.status is EventStatus.CANCELLED and not old.cancelled:
            kind = ChangeKind.CANCELLED
        else:
            kind = ChangeKind.CHANGED
        changes.append(EventChange(kind=kind, uid=event.uid, summary=event.summary, day=event.day))
    for uid, old in known.items():
        if uid not in uids:
            kind = ChangeKind.REMOVED
            changes.append(EventChange(kind=kind, uid=uid, summary=old.summary, day=old.day))
    changes.sort(key=lambda change: (change.day, change.uid, change.kind))
    return stamped, changes


@dataclass(frozen=True)
class PreviousEvent:
    """What a calendar file written before says of one event."""

    sequence: int
    dtstamp: dt.datetime
    content: tuple[str, ...]  # the unfolded content lines: all but UID, DTSTAMP and SEQUENCE
    summary: str
    day: dt.date


def previous_events(text: str) -> dict[str, PreviousEvent]:
    """The events of a calendar file written before, by UID; whatever cannot be read is skipped."""
    return {
        uid: PreviousEvent(old.sequence, old.dtstamp, old.content, old.summary, old.day)
        for uid, old in _read_previous(text).items()
    }


# Every line that `_split_line` would name UID (names are compared upper-cased, and only u, i, ı
# and d upper-case to the letters of UID), with its value: a superset of the UIDs `_read_previous`
# finds, however the file was written. An event's UID line follows a line feed (its BEGIN:VEVENT
# is a line before it), so the pattern starts with one: the search then jumps from line feed to
# line feed, where `^` in MULTILINE mode tried every character (twice the time on a long history).
_ANY_UID_LINE = re.compile(r"\n[^\S\n]*[uU][iIı][dD][^\S\n]*(?:;[^:\n]*)?:([^\n]*)")


class PreviousCalendar:
    """A calendar file written before, read only as far as a question needs.

    Most exports ask only about events that the record and today's calendar both know already,
    and those need no reading: a look at the file's UID lines says that no other event is in it.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._uids: set[str] | None = None  # the value of every UID line
        self._events: dict[str, PreviousEvent] | None = None  # read when first needed

    def events_except(self, known: Collection[str]) -> dict[str, PreviousEvent]:
        """The file's events (as `previous_events` reads them) whose UID is not in `known`."""
        if self._events is None:
            if self._uids is None:
                self._uids = set(_ANY_UID_LINE.findall(_unfolded(self._text)))
            if all(uid in known for uid in self._uids):
                return {}
            self._events = previous_events(self._text)
        return {uid: event for uid, event in self._events.items() if uid not in known}
