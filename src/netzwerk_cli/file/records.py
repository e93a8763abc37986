"""The records netzwerk keeps beside a network file, out of the way of the people who edit it.

Each record is a small TOML file named after the network file, like its lock file:

- `.network.toml.calendar`: the SEQUENCE, DTSTAMP and content digest of every calendar event the
  tool gave out (`export`, `remind --ics`, `invite`, `publish` share it; see
  `calendar/sequence.py` for why SEQUENCE lives in one place);
- `.network.toml.sent`: the invitations `netzwerk invite` sent, per meeting and address;
- `.network.toml.published`: the events `netzwerk publish` put on a CalDAV calendar.

A record is written atomically, under the network file's writer lock, and only when it changed.
A record that cannot be read is an error, never silently started anew: that would let a SEQUENCE go
down, and calendar clients would ignore the next update.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from netzwerk_cli.calendar.ical import CalendarEvent
from netzwerk_cli.calendar.previous import PreviousCalendar
from netzwerk_cli.calendar.sequence import Settled, Stamp, settle
from netzwerk_cli.errors import NetzwerkError, WriteError
from netzwerk_cli.message import N_, Message, fact

if TYPE_CHECKING:
    from netzwerk_cli.core.invitations import Invited
    from netzwerk_cli.core.publishing import Published

CALENDAR = "calendar"


class RecordError(NetzwerkError):
    """A record beside the network file is damaged or unreadable."""


def record_path(network_file: Path, kind: str) -> Path:
    """The record `kind` of a network file: `.network.toml.calendar` beside `network.toml`.

    Through a symbolic link, the record lies beside the file the link points to, so that every
    link to one network shares its records (as they share its lock)."""
    real = network_file.resolve() if network_file.is_symlink() else network_file
    return real.with_name(f".{real.name}.{kind}")


# The largest record read: an entry per event, a few times the size of the network file's meeting.
MAX_RECORD_BYTES = 32 * 2**20


def read_record(path: Path) -> dict[str, Any]:
    """The record's TOML document; an empty one if there is no record yet.

    The one reader of every record (through `fileio.read_bounded`): a regular file of at most
    `MAX_RECORD_BYTES`; a pipe, a device or a folder in its place is refused at once."""
    text = record_text(path)
    return {} if text is None else parse_record(path, text)


def record_text(path: Path) -> str | None:
    """The record's text (see `read_record`); None if there is no record yet."""
    from netzwerk_cli.file.fileio import Unreadable, read_bounded

    try:
        data = read_bounded(path, most=MAX_RECORD_BYTES, too_large=_too_large)
    except Unreadable as exc:
        if exc.missing:
            return None
        raise RecordError(exc.text) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(
            _damaged(path, fact(N_("byte {byte} is not UTF-8"), byte=exc.start + 1))
        ) from None


def parse_record(path: Path, text: str) -> dict[str, Any]:
    """The TOML document of a record's text; a RecordError that says where it is broken."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from netzwerk_cli.file.tomlreasons import toml_problem

        found = toml_problem(exc)
        raise RecordError(_damaged(found.place(str(path)), found.reason)) from None


def _too_large(size: int) -> Message:
    return fact(
        N_("is {size} MiB; a record may be at most {most} MiB"),
        size=f"{size / 2**20:.1f}",
        most=MAX_RECORD_BYTES // 2**20,
    )


def write_record(
    path: Path, document: Mapping[str, Any], *, about: str, private: bool = False
) -> None:
    """Write the record atomically, with a comment that says what it is (`about`); `private`:
    readable by the user alone."""
    import tomli_w

    from netzwerk_cli.file.fileio import write_atomically

    header = "".join(f"# {line}\n" for line in about.splitlines())
    data = (header + "\n" + tomli_w.dumps(document)).encode("utf-8")
    write_atomically(path, data, private=private)


def _damaged(path: Path | Message, why: str | Message) -> Message:
    return fact(
        N_(
            "{path}: the record is damaged ({why}); restore it from a backup, or delete it to "
            "start anew (calendar clients may then ignore the next change of an event they "
            "already have)"
        ),
        path=path,
        why=why,
    )


# --- the calendar record --------------------------------------------------------------------

_CALENDAR_ABOUT = """\
netzwerk's calendar record for {name}: the SEQUENCE and DTSTAMP of every calendar event it gave
out (export, remind --ics, invite, publish), so that all of them agree and a SEQUENCE never goes
down. Written by netzwerk; do not edit. Deleting it makes the next change of an event look new."""


# The calendar record as `write_stamps` writes it: its comment, then one table per event. tomllib
# takes 0.2 s for the 5000 events of a long history, on every export; this reads exactly that form
# twenty times faster, and leaves anything else (an older record, an edited one) to tomllib.
_STAMPS_HEAD = re.compile(r"(?:#[^\n]*\n)*\n")
_STAMP_ENTRY = re.compile(
    r'\[events\.(?:"([^"\\\x00-\x1f\x7f]+)"|([A-Za-z0-9_-]+))\]\n'
    r"sequence = (0|[1-9][0-9]{0,9})\n"
    r"dtstamp = ([0-9]{4}-[0-9]{2}-[0-9]{2}) ([0-9]{2}:[0-9]{2}:[0-9]{2})\+00:00\n"
    r'fingerprint = "([0-9a-f]{64})"\n'
    r"cancelled = (true|false)\n"
    r'(?:significant = "([0-9a-f]{64})"\n)?'
    r"(?:\n(?=\[)|\Z)"
)


def _quick_stamps(text: str) -> dict[str, Stamp] | None:
    """The calendar record, if the text is exactly as `write_stamps` writes it (whose pattern
    admits only values that `read_stamps` would accept); None for anything else."""
    head = _STAMPS_HEAD.match(text)
    position = head.end() if head else 0
    stamps: dict[str, Stamp] = {}
    moments: dict[str, dt.datetime] = {}  # most events share a few DTSTAMPs
    while position < len(text):
        entry = _STAMP_ENTRY.match(text, position)
        if entry is None:
            return None
        uid = entry[1] if entry[1] is not None else entry[2]
        if uid in stamps:
            return None  # tomllib refuses a table defined twice, and says where
        day_and_time = f"{entry[4]}T{entry[5]}+00:00"
        stamp = moments.get(day_and_time)
        if stamp is None:
            try:
                stamp = dt.datetime.fromisoformat(day_and_time)
            except ValueError:
                return None  # a day that does not exist: tomllib says where
            stamp = moments[day_and_time] = stamp.astimezone(dt.UTC)
        stamps[uid] = Stamp(int(entry[3]), stamp, entry[6], entry[7] == "true", entry[8])
        position = entry.end()
    return stamps or None


def read_stamps(path: Path) -> dict[str, Stamp]:
    """The calendar record: SEQUENCE, DTSTAMP and content digest by UID."""
    text = record_text(path)
    if text is None:
        return {}
    quick = _quick_stamps(text)
    return quick if quick is not None else _stamps_of(path, parse_record(path, text))


def _stamps_of(path: Path, document: Mapping[str, Any]) -> dict[str, Stamp]:
    """The stamps of a calendar record's TOML document, each entry checked."""
    events = document.get("events", {})
    if not isinstance(events, dict):
        raise RecordError(_damaged(path, fact(N_("[events] is not a table"))))
    stamps: dict[str, Stamp] = {}
    for uid, entry in events.items():
        try:
            sequence, stamp, digest = entry["sequence"], entry["dtstamp"], entry["fingerprint"]
            cancelled = entry.get("cancelled", False)
            significant = entry.get("significant")
        except (KeyError, TypeError):
            raise RecordError(
                _damaged(path, fact(N_("the entry of {uid} is incomplete"), uid=repr(uid)))
            ) from None
        if not (
            isinstance(sequence, int)
            and not isinstance(sequence, bool)
            and sequence >= 0
            and isinstance(stamp, dt.datetime)
            and stamp.utcoffset() is not None
            and isinstance(digest, str)
            and isinstance(cancelled, bool)
            and (significant is None or isinstance(significant, str))
        ):
            raise RecordError(
                _damaged(path, fact(N_("the entry of {uid} has a wrong value"), uid=repr(uid)))
            )
        stamps[uid] = Stamp(sequence, stamp.astimezone(dt.UTC), digest, cancelled, significant)
    return stamps


def write_stamps(path: Path, stamps: Mapping[str, Stamp], *, network_name: str) -> None:
    """Write the calendar record."""
    events: dict[str, dict[str, Any]] = {}
    for uid, stamp in sorted(stamps.items()):
        events[uid] = {
            "sequence": stamp.sequence,
            "dtstamp": stamp.dtstamp,
            "fingerprint": stamp.fingerprint,
            "cancelled": stamp.cancelled,
        }
        if stamp.significant is not None:
            events[uid]["significant"] = stamp.significant
    write_record(path, {"events": events}, about=_CALENDAR_ABOUT.format(name=network_name))


def settle_with_record(
    network_file: Path,
    events: Sequence[CalendarEvent],
    *,
    stamp: dt.datetime,
    timezone: str,
    record: bool = True,
    previous: PreviousCalendar | None = None,
) -> Settled:
    """Settle SEQUENCE and DTSTAMP of `events` against the calendar record of `network_file`.

    With `record` the record is updated (under the network file's writer lock, atomically) when an
    event is new or changed; a failure to write it is a `WriteError`, raised before the caller
    gives any event out. Without `record` (a dry run) nothing is written. `previous` is a calendar
    file written before, whose events the record may not know yet (see `sequence.seeded`).
    """
    from netzwerk_cli.calendar.sequence import seeded
    from netzwerk_cli.file.locking import writer_lock

    path = record_path(network_file, CALENDAR)
    if not record:
        stored = read_stamps(path)
        known = seeded(stored, previous.events_except(stored) if previous else {})
        return settle(events, known, stamp=stamp, timezone=timezone)
    real = network_file.resolve() if network_file.is_symlink() else network_file
    with writer_lock(real):
        stored = read_stamps(path)
        known = seeded(stored, previous.events_except(stored) if previous else {})
        settled = settle(events, known, stamp=stamp, timezone=timezone)
        if settled.changed_record(stored):
            try:
                write_stamps(path, settled.stamps, network_name=real.name)
            except WriteError as exc:
                raise WriteError(
                    fact(
                        N_("cannot keep the calendar record: {why}; nothing was given out"),
                        why=exc.text,
                    )
                ) from None
    return settled


# --- the invitations sent --------------------------------------------------------------------

SENT = "sent"
_SENT_ABOUT = """\
netzwerk's record of the invitations sent for {name}: per meeting (calendar UID), the event as it
was last sent and what each address got (REQUEST or CANCEL, and its SEQUENCE), so that
`netzwerk invite` sends nothing twice and can call off what it sent. Written by netzwerk after
every message; do not edit. Deleting it makes the next run invite everyone again."""


def read_invited(path: Path) -> dict[str, Invited]:
    """The invitations record: by UID, the event last sent and who got what."""
    from netzwerk_cli.calendar.ical import EventStatus
    from netzwerk_cli.core.invitations import Invited, Method, SentTo

    document = read_record(path)
    meetings = document.get("meetings", {})
    if not isinstance(meetings, dict):
        raise RecordError(_damaged(path, fact(N_("[meetings] is not a table"))))
    found: dict[str, Invited] = {}
    for uid, entry in meetings.items():
        try:
            event = CalendarEvent(
                uid=uid,
                summary=entry["summary"],
                status=EventStatus(entry["status"]),
                day=entry["day"],
                start=entry.get("start"),
                duration_minutes=entry.get("duration_minutes"),
                location=entry["location"],
                description=entry.get("description"),
            )
            sent = {
                key: SentTo(
                    Method(to["method"]),
                    int(to["sequence"]),
                    str(to.get("name", "")),
                    str(to.get("fingerprint", "")),
                )
                for key, to in entry["sent"].items()
            }
        except (KeyError, TypeError, ValueError, AttributeError):
            raise RecordError(
                _damaged(path, fact(N_("the entry of {uid} is incomplete"), uid=repr(uid)))
            ) from None
        found[uid] = Invited(event, sent)
    return found


def write_invited(path: Path, invited: Mapping[str, Invited], *, network_name: str) -> None:
    """Write the invitations record (atomically)."""
    meetings: dict[str, Any] = {}
    for uid, record in sorted(invited.items()):
        event = record.event
        entry: dict[str, Any] = {
            "summary": event.summary,
            "status": event.status.value,
            "day": event.day,
            "location": event.location,
        }
        if event.start is not None:
            entry["start"] = event.start
        if event.duration_minutes is not None:
            entry["duration_minutes"] = event.duration_minutes
        if event.description is not None:
            entry["description"] = event.description
        entry["sent"] = {
            key: {"method": to.method.value, "sequence": to.sequence, "name": to.name}
            | ({"fingerprint": to.fingerprint} if to.fingerprint else {})
            for key, to in sorted(record.sent.items())
        }
        meetings[uid] = entry
    write_record(path, {"meetings": meetings}, about=_SENT_ABOUT.format(name=network_name))


# --- the events published to a CalDAV calendar ------------------------------------------------

PUBLISHED = "published"
_PUBLISHED_ABOUT = """\
netzwerk's record of the events it published to CalDAV calendars for {name}: per calendar URL and
event UID, the resource's path, the ETag the server gave and a digest of what was put, so that
`netzwerk publish` only ever changes or deletes its own events and writes nothing when nothing
changed. Written by netzwerk after every request; do not edit."""


def read_published(path: Path, calendar: str) -> dict[str, Published]:
    """What the record knows of `calendar` (a collection's URL): by UID, the resource's path, its
    ETag and the digest of what was put there. Nothing for a calendar not published to yet."""
    from netzwerk_cli.core.publishing import Published

    document = read_record(path)
    calendars = document.get("calendars", {})
    events = calendars.get(calendar, {}) if isinstance(calendars, dict) else None
    if not isinstance(events, dict):
        raise RecordError(_damaged(path, fact(N_("[events] is not a table"))))
    found: dict[str, Published] = {}
    for uid, entry in events.items():
        try:
            href, etag, digest = entry["href"], entry["etag"], entry["digest"]
        except (KeyError, TypeError):
            raise RecordError(
                _damaged(path, fact(N_("the entry of {uid} is incomplete"), uid=repr(uid)))
            ) from None
        if not all(isinstance(value, str) for value in (href, etag, digest)):
            raise RecordError(
                _damaged(path, fact(N_("the entry of {uid} has a wrong value"), uid=repr(uid)))
            )
        found[uid] = Published(unquote(href), etag, digest)  # paths are kept decoded
    return found


def write_published(
    path: Path, calendar: str, published: Mapping[str, Published], *, network_name: str
) -> None:
    """Write what is published to `calendar` (atomically), keeping the other calendars' entries."""
    document = read_record(path)
    calendars = dict(document.get("calendars", {}))
    calendars[calendar] = {
        uid: {"href": p.href, "etag": p.etag, "digest": p.digest}
        for uid, p in sorted(published.items())
    }
    write_record(path, {"calendars": calendars}, about=_PUBLISHED_ABOUT.format(name=network_name))
