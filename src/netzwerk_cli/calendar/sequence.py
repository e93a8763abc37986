"""SEQUENCE and DTSTAMP of every calendar event, settled against what was given out before.

Every way the network's events leave the tool (`export`, `remind --ics`, `invite`, `publish`) must
give one event the same SEQUENCE, and a SEQUENCE must never go down: calendar clients ignore an
update whose SEQUENCE is not higher than the one they have, and iMIP replies refer to it. So the
numbers live in one place, the calendar record beside the network file (`file/records.py`), and
this pure function settles them: an event whose content is what the record knows keeps its
SEQUENCE and DTSTAMP; a changed one gets SEQUENCE + 1 and today's stamp; a new one 0 and today's
stamp. A change of the DESCRIPTION alone (the agenda, the public description) is no significant
revision (RFC 5546 2.1.4, whose list schedulers read as DTSTART, DTEND, DURATION, DUE, RRULE,
RDATE, EXDATE and STATUS; the venue (LOCATION) and the host (SUMMARY) count here too, as people
act on them; the meeting's title is written into the DESCRIPTION and changes as it does): the
event keeps its SEQUENCE, so the answers given to it stay current, and gets a newer DTSTAMP, by
which a calendar takes the update for the newer version of the same one (RFC 5546 2.1.5).
Entries of events that are gone stay in the record, so an event that comes back continues its
count instead of starting again at 0.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from netzwerk_cli.calendar.ical import (
    CalendarEvent,
    ChangeKind,
    EventChange,
    EventStatus,
    StampedEvent,
    event_content,
)
from netzwerk_cli.calendar.previous import PreviousEvent


@dataclass(frozen=True)
class Stamp:
    """What the record knows of one event: its SEQUENCE, DTSTAMP and a digest of its content."""

    sequence: int
    dtstamp: dt.datetime  # aware, UTC, whole seconds
    fingerprint: str  # sha256 of the content lines (all but UID, DTSTAMP and SEQUENCE)
    cancelled: bool = False
    # sha256 of the content lines but DESCRIPTION: what a significant change changes. None in a
    # record of an older release: any change then counts as significant.
    significant: str | None = None


@dataclass(frozen=True)
class Settled:
    """The events with their SEQUENCE and DTSTAMP, the record after them, and what changed."""

    events: tuple[StampedEvent, ...]
    stamps: Mapping[str, Stamp]
    changes: tuple[EventChange, ...]

    def changed_record(self, before: Mapping[str, Stamp]) -> bool:
        """Whether the record must be written: an event is new or changed."""
        return dict(self.stamps) != dict(before)


def fingerprint(event: CalendarEvent, timezone: str) -> str:
    """A digest of the event's content as written, for comparing it with the record."""
    return digest(event_content(event, timezone))


def digest(content: Sequence[str]) -> str:
    """The digest of an event's content lines (unfolded, as written)."""
    return hashlib.sha256("\n".join(content).encode("utf-8")).hexdigest()


def significant_digest(content: Sequence[str]) -> str:
    """The digest of the content lines that a significant revision changes: all but DESCRIPTION
    (date, time, length, place, host and status)."""
    return digest([line for line in content if _name(line) != "DESCRIPTION"])


def _name(line: str) -> str:
    return line.partition(":")[0].partition(";")[0].strip().upper()


def seeded(known: Mapping[str, Stamp], previous: Mapping[str, PreviousEvent]) -> dict[str, Stamp]:
    """The record, with the events of a file written before it existed (an `--output` of an earlier
    release) added where the record does not know them: their SEQUENCE goes on from that file."""
    stamps = dict(known)
    for uid, old in previous.items():
        if uid not in stamps:
            cancelled = any(line.upper() == "STATUS:CANCELLED" for line in old.content)
            stamps[uid] = Stamp(
                old.sequence,
                old.dtstamp,
                digest(old.content),
                cancelled,
                significant_digest(old.content),
            )
    return stamps


def settle(
    events: Sequence[CalendarEvent],
    known: Mapping[str, Stamp],
    *,
    stamp: dt.datetime,
    timezone: str,
) -> Settled:
    """SEQUENCE and DTSTAMP for `events` against the record `known` (see the module's text)."""
    if stamp.utcoffset() is None:
        raise ValueError("stamp must be timezone-aware")
    stamp = stamp.astimezone(dt.UTC).replace(microsecond=0)
    stamps = dict(known)
    stamped: list[StampedEvent] = []
    changes: list[EventChange] = []
    for event in events:
        content = event_content(event, timezone)
        whole = digest(content)
        cancelled = event.status is EventStatus.CANCELLED
        old = stamps.get(event.uid)
        if old is not None and old.fingerprint == whole:
            if old.significant is None:  # an older release's entry: learn it, the same event
                significant = significant_digest(content)
                stamps[event.uid] = Stamp(old.sequence, old.dtstamp, whole, cancelled, significant)
            stamped.append(StampedEvent(event=event, sequence=old.sequence, dtstamp=old.dtstamp))
            continue
        significant = significant_digest(content)
        if old is not None and old.significant == significant:
            # Only the description changed: the same SEQUENCE, a DTSTAMP later than the one given
            # out before (also when the change comes on the day of the last one).
            sequence, made = old.sequence, max(stamp, old.dtstamp + dt.timedelta(seconds=1))
        else:
            sequence, made = (0 if old is None else old.sequence + 1), stamp
        stamps[event.uid] = Stamp(sequence, made, whole, cancelled, significant)
        stamped.append(StampedEvent(event=event, sequence=sequence, dtstamp=made))
        if old is None:
            kind = ChangeKind.ADDED
        elif cancelled and not old.cancelled:
            kind = ChangeKind.CANCELLED
        else:
            kind = ChangeKind.CHANGED
        changes.append(EventChange(kind=kind, uid=event.uid, summary=event.summary, day=event.day))
    return Settled(tuple(stamped), stamps, tuple(changes))


def changes_in_file(
    events: Sequence[StampedEvent], previous: Mapping[str, PreviousEvent], *, timezone: str
) -> tuple[EventChange, ...]:
    """How the calendar of `events` differs from the file it replaces (`previous`, its events by
    UID; empty for a new file or stdout): each event added, changed or cancelled, each removed.

    What `export --verbose` says: a file written for the first time gets every event, whatever
    another channel gave out before (the record's changes say only what is new to it)."""
    changes: list[EventChange] = []
    for stamped in events:
        event = stamped.event
        old = previous.get(event.uid)
        if old is None:
            kind = ChangeKind.ADDED
        elif old.sequence == stamped.sequence and digest(old.content) == fingerprint(
            event, timezone
        ):
            continue
        elif event.status is EventStatus.CANCELLED and not any(
            line.upper() == "STATUS:CANCELLED" for line in old.content
        ):
            kind = ChangeKind.CANCELLED
        else:
            kind = ChangeKind.CHANGED
        changes.append(EventChange(kind=kind, uid=event.uid, summary=event.summary, day=event.day))
    written = {stamped.event.uid for stamped in events}
    changes += [
        EventChange(kind=ChangeKind.REMOVED, uid=uid, summary=old.summary, day=old.day)
        for uid, old in previous.items()
        if uid not in written
    ]
    return tuple(sorted(changes, key=lambda change: (change.day, change.uid, change.kind)))
