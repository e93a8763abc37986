"""Which calendar events the network's meetings become: pure, from the model and the schedule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from netzwerk_cli.calendar.ical import CalendarEvent, EventStatus
from netzwerk_cli.calendar.uids import meeting_uid, slot_uid
from netzwerk_cli.core.schedule import (
    ComingMeeting,
    HolidayLookup,
    school_holidays_on,
    school_lookup,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact
from netzwerk_cli.model import Meeting, Network, SchoolHolidays, Status
from netzwerk_cli.output.agendatext import agenda_text
from netzwerk_cli.words import words

_STATUS = {
    Status.HELD: EventStatus.CONFIRMED,
    Status.PLANNED: EventStatus.CONFIRMED,
    Status.CANCELLED: EventStatus.CANCELLED,
}


@dataclass(frozen=True)
class Events:
    """The events to write, and the meetings that cannot be events (no day known)."""

    events: tuple[CalendarEvent, ...]
    left_out: tuple[Meeting, ...]


def calendar_events(
    network: Network,
    coming: Sequence[ComingMeeting],
    *,
    today: dt.date,
    include_past: bool = True,
    holidays: HolidayLookup | None = None,
) -> Events:
    """One event per meeting of the file with a full date, and one per coming meeting.

    A planned meeting whose date only the cadence proposes, and every slot that only the cadence
    proposes, is TENTATIVE; meetings with a day fixed in the file are CONFIRMED, or CANCELLED.
    A planned or proposed date in the school holidays says so (from `holidays`, when it knows
    them), in every run alike: the description must not change with `--count` or today.
    An event goes to others (a calendar file, a server, an invitation): its description holds the
    meeting's title, public `description` and, while it is planned, its agenda
    (`output.agendatext`), never its private `notes`.
    """
    school = school_lookup(network, holidays) if holidays is not None else None
    events: dict[str, CalendarEvent] = {}
    dated_by_schedule = {row.meeting.position for row in coming if row.meeting and row.date}
    left_out: list[Meeting] = []
    for meeting in network.chronological():
        if not meeting.has_full_date:
            # Under --no-past a month that is over is left out as the past days are, unsaid.
            past = not include_past and meeting.date is not None and not meeting.is_coming(today)
            if meeting.position not in dated_by_schedule and not past:
                left_out.append(meeting)
            continue
        assert meeting.date is not None
        if not include_past and meeting.date < today:
            continue
        event = _event(
            network,
            uid=meeting_uid(network, meeting),
            status=_STATUS[meeting.status],
            host=meeting.host,
            day=meeting.date,
            start=meeting.time or network.start,
            minutes=network.duration_of(meeting),
            venue=network.venue_of(meeting),
            description=_join(
                meeting.title,
                meeting.description,
                agenda_text(network, meeting) if meeting.status is Status.PLANNED else None,
                _school_note(network, school_holidays_on(network, meeting.date, school))
                if meeting.status is Status.PLANNED
                else None,
            ),
        )
        _add(events, event)
    for row in coming:
        if row.date is None or row.month_only:
            continue
        if row.meeting is not None and row.meeting.has_full_date:
            continue  # already an event above, from the file
        uid = (
            meeting_uid(network, row.meeting)
            if row.meeting
            else slot_uid(network, row.slot or row.date)
        )
        # What the network shares is in its own language, whoever exports it in whatever
        # locale: a cron job with LANG=C writes the same calendar (and SEQUENCE) as the desktop.
        said = words(network.language)
        note = said(N_("Date proposed by the network's cadence, not fixed yet."))
        if row.moved_from and isinstance(row.holiday, SchoolHolidays):
            moved = fact(
                N_("Moved from {date}: school holidays {holiday}."),
                date=row.moved_from,
                holiday=row.holiday,
            )
            note += " " + said.say(moved)
        elif row.moved_from and row.holiday:
            moved = fact(
                N_("Moved from {date}: public holiday {holiday}."),
                date=row.moved_from,
                holiday=row.holiday,
            )
            note += " " + said.say(moved)
        if school is not None and (in_school := _school_note(network, row.school)):
            note += " " + in_school
        title = row.meeting.title if row.meeting else None
        shared = row.meeting.description if row.meeting else None
        agenda = agenda_text(network, row.meeting) if row.meeting else None
        _add(
            events,
            _event(
                network,
                uid=uid,
                status=EventStatus.TENTATIVE,
                host=row.host.id,
                day=row.date,
                start=row.start,
                minutes=network.duration_of(row.meeting),
                venue=row.venue,
                description=_join(title, shared, agenda, note),
            ),
        )
    return Events(tuple(events.values()), tuple(left_out))


def _add(events: dict[str, CalendarEvent], event: CalendarEvent) -> None:
    # Two events under one UID would make every calendar drop one of them: refuse, never overwrite.
    if event.uid in events:
        raise CommandError(
            fact(
                N_(
                    "two calendar events would share the UID {uid} ({date} and {other}); give "
                    "one of the meetings another `uid`"
                ),
                uid=repr(event.uid),
                date=events[event.uid].day,
                other=event.day,
            )
        )
    events[event.uid] = event


def _event(
    network: Network,
    *,
    uid: str,
    status: EventStatus,
    host: str,
    day: dt.date,
    start: dt.time | None,
    minutes: int,
    venue: str,
    description: str | None,
) -> CalendarEvent:
    return CalendarEvent(
        uid=uid,
        summary=f"{network.name} – {network.member(host).name}",
        status=status,
        day=day,
        start=start,
        duration_minutes=minutes if start is not None else None,
        location=venue,
        description=description,
    )


def _school_note(network: Network, school: SchoolHolidays | None) -> str | None:
    """The sentence for a date in the school holidays, in the network's language."""
    if school is None:
        return None
    said = words(network.language)
    return said.say(fact(N_("In the school holidays: {holidays}."), holidays=school))


def _join(*parts: str | None) -> str | None:
    text = "\n\n".join(p for p in parts if p)
    return text or None


def stamp_of(today: dt.date) -> dt.datetime:
    """DTSTAMP for new or changed events: the start of `today` in UTC, never the wall clock."""
    return dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
