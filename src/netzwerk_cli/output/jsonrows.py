"""The model as scripts see it: JSON-ready dicts, the stable --json format (English in every
language; ISO dates), and the counts they carry (hosting, attendance)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from netzwerk_cli.core.rotation import attendance_counts, hosting_record
from netzwerk_cli.core.schedule import ComingMeeting
from netzwerk_cli.model import (
    Language,
    Meeting,
    Member,
    Network,
    SchoolHolidays,
    month_text,
)
from netzwerk_cli.words import Words, words

if TYPE_CHECKING:
    from netzwerk_cli.core.reminder import Reminder

# --json is English in every language: scripts must not break with a locale.
JSON_WORDS = words(Language.EN)


def iso(day: dt.date | None) -> str | None:
    """ISO 8601 date, or None."""
    return day.isoformat() if day else None


def date_text(day: dt.date | None, *, month_only: bool = False) -> str | None:
    """A date as ISO 8601: YYYY-MM-DD, YYYY-MM when only the month is known, or None."""
    if day is None:
        return None
    return month_text(day) if month_only else day.isoformat()


def meeting_date_text(meeting: Meeting) -> str | None:
    """The meeting's date as ISO 8601: YYYY-MM-DD, YYYY-MM when only the month is known, or None."""
    return date_text(meeting.date, month_only=meeting.month_only)


# The keys of each JSON form, in order: the columns of its CSV and Markdown forms, which exist even
# when there is no row to take them from. A test checks them against the dicts below.
COMING_KEYS = (
    "date",
    "start",
    "id",
    "host",
    "name",
    "venue",
    "state",
    "status",
    "moved_from",
    "holiday",
    "school_holidays",
    "reason",
    "answers",
    "weekend",
)
MEMBER_KEYS = (
    "id",
    "name",
    "seat",
    "state",
    "joined",
    "left",
    "hosts",
    "hosted",
    "last_hosted",
    "can_host_now",
    "attended",
    "topics_brought",
)
MEETING_KEYS = (
    "date",
    "start",
    "host",
    "host_name",
    "venue",
    "status",
    "title",
    "notes",
    "attended",
    "description",
)


def coming_json(
    row: ComingMeeting, said: Words = JSON_WORDS, *, answers: Mapping[str, int] | None = None
) -> dict[str, Any]:
    """A coming meeting (a row of `schedule`, or the answer of `next-host`) for --json (its
    texts in English; `said` gives them in another language, for CSV and Markdown); `answers`
    the counts of its invitation's answers, None for a meeting not invited."""
    when = row.start_at
    return {
        "date": date_text(row.date, month_only=row.month_only),
        "start": when.isoformat() if when else None,
        "id": row.host.id,
        "host": row.host.id,
        "name": row.host.name,
        "venue": row.venue,
        "state": row.host.state,
        "status": row.kind.value,
        "moved_from": iso(row.moved_from),
        "holiday": said.holidays(row.holiday) if row.holiday else None,
        "school_holidays": school_json(row.school, said),
        "reason": said.say(row.reason),
        "answers": dict(answers) if answers is not None else None,
        "weekend": row.on_weekend,
    }


def school_json(school: SchoolHolidays | None, said: Words = JSON_WORDS) -> list[dict[str, str]]:
    """The school holidays of a row for --json: one {"state", "name"} per state, by state."""
    if school is None:
        return []
    found = [(state, said.holiday(name)) for name, states in school.names for state in states]
    return [{"state": state, "name": name} for state, name in sorted(found)]


def member_json(
    member: Member,
    *,
    hosted: int,
    last: Meeting | None,
    today: dt.date,
    attended: int = 0,
    topics_brought: int = 0,
) -> dict[str, Any]:
    """A member, with its hosting record, for --json."""
    return {
        "id": member.id,
        "name": member.name,
        "seat": member.seat,
        "state": member.state,
        "joined": iso(member.joined),
        "left": iso(member.left),
        "hosts": member.hosts,
        "hosted": hosted,
        "last_hosted": meeting_date_text(last) if last else None,
        "can_host_now": member.can_host_on(today),
        "attended": attended,
        "topics_brought": topics_brought,
    }


def members_json(network: Network, *, today: dt.date) -> list[dict[str, Any]]:
    """All members in rotation order, for --json; `topics_brought`: the agenda items of held
    meetings that each member brought."""
    from netzwerk_cli.core.agenda import topics_brought

    record = hosting_record(network.meetings)
    counts = attendance_counts(network)
    brought = topics_brought(network)
    rows = []
    for member in network.members:
        hosted, last = record.get(member.id, (0, None))
        took_part = counts.get(member.id, 0) if counts is not None else 0
        rows.append(
            member_json(
                member,
                hosted=hosted,
                last=last,
                today=today,
                attended=took_part,
                topics_brought=brought.get(member.id, 0),
            )
        )
    return rows


def meeting_json(network: Network, meeting: Meeting) -> dict[str, Any]:
    """A meeting of the file, for --json: `start` is when it begins, its own time or else the
    network's usual start, as the calendar and the papers say it (None for a month, or for a day
    without either)."""
    host = network.member(meeting.host)
    start = None
    time = meeting.time or network.start
    if meeting.has_full_date and meeting.date is not None and time is not None:
        start = dt.datetime.combine(meeting.date, time).isoformat()
    return {
        "date": meeting_date_text(meeting),
        "start": start,
        "host": meeting.host,
        "host_name": host.name,
        "venue": network.venue_of(meeting),
        "status": meeting.status.value,
        "title": meeting.title,
        "notes": meeting.notes,
        "attended": list(meeting.attended) if meeting.attended is not None else None,
        "description": meeting.description,
    }


def reminder_json(reminder: Reminder) -> dict[str, Any]:
    """A reminder of `remind`, for --json: `message` is its paragraph, on one line."""
    return {
        "kind": reminder.kind.value,
        "date": date_text(reminder.date, month_only=reminder.month_only),
        "host": reminder.host.id,
        "venue": reminder.venue,
        "message": " ".join(JSON_WORDS.say(part) for part in reminder.message),
    }
