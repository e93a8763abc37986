"""The model as people and scripts see it: tables, and JSON-ready dicts (the stable format).

A table is built from plain text; Rich is imported only when it draws one (on a terminal, or when
the table needs Rich's layout), so commands that print JSON, nothing, or a table into a pipe
never pay for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from netzwerk_cli.core.rotation import hosting_record
from netzwerk_cli.core.schedule import ComingMeeting, Schedule
from netzwerk_cli.message import N_
from netzwerk_cli.model import (
    Language,
    Meeting,
    Member,
    Network,
    SchoolHolidays,
    Status,
    month_text,
)
from netzwerk_cli.output.fitted import Cell, Column, FittedTable, table_of
from netzwerk_cli.words import Words, words

if TYPE_CHECKING:
    from netzwerk_cli.core.reminder import Reminder

# --json is English in every language: scripts must not break with a locale.
JSON_WORDS = words(Language.EN)
# Colour marks the status only; NO_COLOR, pipes and TERM=dumb drop it (Rich decides).
STATUS_STYLES = {
    "held": "green",
    "planned": "bold green",
    "proposed": "yellow",
    "cancelled": "red strike",
}


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


# --- JSON ------------------------------------------------------------------------------------

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
# The answers to a meeting's invitation, counted per kind (`netzwerk replies`), by its UID.
Answers = Mapping[str, Mapping[str, int]]


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


def attendance(network: Network, member_id: str) -> int | None:
    """How many held meetings the member took part in; None when no meeting records it."""
    counts = attendance_counts(network)
    return None if counts is None else counts.get(member_id, 0)


def attendance_counts(network: Network) -> dict[str, int] | None:
    """How many held meetings each member took part in (by id; a member in none is missing);
    None when no meeting records it. One pass over the meetings, for all members at once."""
    counts: dict[str, int] | None = None
    for meeting in network.meetings:
        if meeting.status is Status.HELD and meeting.attended is not None:
            counts = {} if counts is None else counts
            for member_id in set(meeting.attended):
                counts[member_id] = counts.get(member_id, 0) + 1
    return counts


def meeting_json(network: Network, meeting: Meeting) -> dict[str, Any]:
    """A meeting of the file, for --json."""
    host = network.member(meeting.host)
    start = None
    if meeting.time is not None and meeting.date is not None:
        start = dt.datetime.combine(meeting.date, meeting.time).isoformat()
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


# --- CSV and Markdown: the JSON rows, for people --------------------------------------------

# The header of each column in CSV and Markdown for a German reader; in English the header row
# stays the JSON keys, as it always was (scripts read CSV too).
HEADERS = {
    "date": N_("Date"),
    "start": N_("Start"),
    "id": N_("ID"),
    "host": N_("Host"),
    "host_name": N_("Host name"),
    "name": N_("Name"),
    "seat": N_("Seat"),
    "venue": N_("Venue"),
    "state": N_("State"),
    "status": N_("Status"),
    "moved_from": N_("Moved from"),
    "holiday": N_("Holiday"),
    "school_holidays": N_("School holidays"),
    "reason": N_("Reason"),
    "joined": N_("Joined"),
    "left": N_("Left"),
    "hosts": N_("Hosts"),
    "hosted": N_("Hosted"),
    "last_hosted": N_("Last hosted"),
    "can_host_now": N_("Can host now"),
    "title": N_("Title"),
    "notes": N_("Notes"),
    "description": N_("Description"),
    "attended": N_("Attendance"),
    "topics_brought": N_("Topics brought"),
    "answers": N_("Answers"),
    "weekend": N_("Weekend"),
}


def people_columns(columns: Sequence[str], said: Words) -> list[str]:
    """The header row of a CSV or Markdown table in the reader's language."""
    if said.language is Language.EN:
        return list(columns)
    return [said(HEADERS[c]) for c in columns]


def people_row(row: dict[str, Any], said: Words) -> dict[str, Any]:
    """A JSON row with its words (status, yes/no) in the reader's language; dates stay ISO, as
    Excel reads them as dates in every locale."""
    said_row = dict(row)
    if isinstance(row.get("school_holidays"), list):  # a cell: "Oster-/Frühjahrsferien (HE, TH)"
        said_row["school_holidays"] = school_cell(row["school_holidays"])
    row = {key: _flat(value, said) for key, value in said_row.items()}
    if said.language is Language.EN:
        return row
    said_row = dict(row)
    for key, value in row.items():
        if isinstance(value, bool):
            said_row[key] = said(N_("yes")) if value else said(N_("no"))
        elif key == "status" and isinstance(value, str):
            said_row[key] = said.value_text(value)
    return said_row


def school_cell(found: list[dict[str, str]]) -> str:
    """The school holidays of a JSON row as one cell for people: `Herbstferien (TH)`."""
    states: dict[str, list[str]] = {}
    for item in found:
        states.setdefault(item["name"], []).append(item["state"])
    return "; ".join(f"{name} ({', '.join(where)})" for name, where in states.items())


def _flat(value: Any, said: Words) -> Any:
    """A list or the answers' counts as one cell of CSV or Markdown."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        from netzwerk_cli.output.answercounts import short

        return short(value, said)
    return value


# --- Tables ----------------------------------------------------------------------------------


def table_title(network: Network, what: str) -> str:
    """A table's title."""
    return f"{network.name}: {what}"


def next_host_text(row: ComingMeeting, said: Words) -> str:
    """The answer of `next-host`: one labelled line per fact, plain text.

    Plain on purpose: it is four lines that cron mails as often as a person reads them, and
    leaving Rich out keeps `next-host` as quick as the command framework allows.
    """
    lines = [
        (said(N_("Next host")), f"{row.host.name} ({row.host.id})"),
        (said(N_("Venue")), row.venue),
        (said(N_("Date")), _when(row, said)),
    ]
    if row.holiday and row.moved_from:
        moved = said(N_("from {date}: {holiday}")).format(
            date=said.date(row.moved_from), holiday=said.holidays(row.holiday)
        )
        lines.append((said(N_("Moved")), moved))
    if row.school:
        lines.append((said(N_("School holidays")), said.holidays(row.school)))
    lines.append((said(N_("Why")), said.say(row.reason)))
    width = max(len(label) for label, _ in lines) + 2
    return "".join(f"{label + ':':<{width}}{value}\n" for label, value in lines)


def _when(row: ComingMeeting, said: Words) -> str:
    if row.date is None:
        return said(N_("not fixed yet"))
    if row.month_only:
        return said(N_("{month} (day not fixed yet)")).format(month=said.month(row.date))
    text = f"{said.date(row.date)} ({said.weekday(row.date)})"
    if row.start:
        text += f" {said.time(row.start)}"
    if row.meeting is not None and row.meeting.date is None:
        text += said(N_(", the cadence's next date (the file fixes no date yet)"))
    elif row.meeting is None:
        text += said(N_(", proposed by the cadence"))
    return text


def _day_text(day: dt.date | None, said: Words, *, month_only: bool = False) -> str:
    if day is None:
        return ""
    return said.month(day) if month_only else said.date(day)


def members_table(
    network: Network, *, today: dt.date, said: Words, year: int | None = None
) -> FittedTable:
    """The members in rotation order with their hosting record (of the meetings of `year`, when
    the caller kept only those)."""
    # The id goes with the name, as in the schedule: a column of its own costs the width that
    # a long name needs at 80 columns.
    columns: tuple[Column, ...] = (
        ("#", "right", False),
        (N_("Member"), "left", True),
        (N_("Seat"), "left", True),
        (N_("State"), "left", False),
        (N_("Hosted"), "right", True),
        (N_("Last hosted"), "left", True),
        (N_("Can host now"), "left", True),
        (N_("Attendance"), "right", False),
    )
    record = hosting_record(network.meetings)
    counts = attendance_counts(network)
    rows = []
    for number, member in enumerate(network.members, start=1):
        hosted, last = record.get(member.id, (0, None))
        last_text = (
            _day_text(last.date, said, month_only=last.month_only)
            if last is not None and last.date is not None
            else said(N_("never"))
        )
        rows.append(
            [
                str(number),
                f"{member.name} ({member.id})",
                member.seat,
                member.state,
                str(hosted),
                last_text,
                _can_host_text(member, today, said),
                str(counts.get(member.id, 0)) if counts is not None else "",
            ]
        )
    what = said(N_("members in rotation order"))
    if year is not None:
        what = said(N_("members in rotation order, the meetings of {year}")).format(year=year)
    return table_of(table_title(network, what), columns, rows, said)


def _can_host_text(member: Member, today: dt.date, said: Words) -> str:
    if not member.hosts:
        return said(N_("no (does not host)"))
    if member.joined and today < member.joined:
        return said(N_("no (joins {date})")).format(date=said.date(member.joined))
    if member.left and today >= member.left:
        return said(N_("no (left {date})")).format(date=said.date(member.left))
    back = member.rejoins_after(today)
    if back is not None:
        return said(N_("no (rejoins {date})")).format(date=said.date(back))
    return said(N_("yes"))


def history_table(network: Network, meetings: Sequence[Meeting], said: Words) -> FittedTable:
    """Past meetings, oldest first."""
    columns: tuple[Column, ...] = (
        (N_("Date"), "left", False),
        (N_("Host"), "left", True),
        (N_("Venue"), "left", True),
        (N_("Title"), "left", True),
        (N_("Status"), "left", False),
        (N_("Attendance"), "left", True),
    )
    rows: list[list[Cell]] = [
        [
            _day_text(meeting.date, said, month_only=meeting.month_only),
            network.member(meeting.host).name,
            network.venue_of(meeting),
            meeting.title or "",
            (said.value(meeting.status), STATUS_STYLES[meeting.status.value]),
            ", ".join(meeting.attended or ()),
        ]
        for meeting in meetings
    ]
    return table_of(table_title(network, said(N_("meetings held"))), columns, rows, said)


def _answers_cell(
    network: Network, row: ComingMeeting, answers: Answers | None, said: Words
) -> str:
    """The schedule's cell of a meeting's answers (`2 accepted, 1 declined, 1 without an
    answer`), or '' if not invited."""
    if not answers or row.meeting is None:
        return ""
    from netzwerk_cli.calendar.uids import meeting_uid
    from netzwerk_cli.output.answercounts import short

    counts = answers.get(meeting_uid(network, row.meeting))
    return short(counts, said) if counts is not None else ""


def schedule_table(
    network: Network, schedule: Schedule, said: Words, *, answers: Answers | None = None
) -> FittedTable:
    """The coming meetings, with dropped cadence dates and holiday moves noted, and the answers
    to the invitations (`answers` by UID)."""
    # The weekday and the time go with the date, which may wrap between them: a column of its own
    # costs the width a name needs (at 80 columns, German names were broken in the middle).
    columns: tuple[Column, ...] = (
        (N_("Date"), "left", True),
        (N_("Host"), "left", True),
        (N_("Venue"), "left", True),
        (N_("Status"), "left", False),
        (N_("Note"), "left", True),
        (N_("Answers"), "left", True),
    )
    rows: list[tuple[dt.date, int, list[Cell]]] = []
    for order, row in enumerate(schedule.meetings):
        note = ""
        if row.moved_from and row.holiday:
            note = said(N_("moved from {date}: {holiday}")).format(
                date=said.date(row.moved_from), holiday=said.holidays(row.holiday)
            )
        if row.school:  # e.g. "Oster-/Frühjahrsferien (HE, TH)": the names say they are Ferien
            note = "; ".join(filter(None, (note, said.holidays(row.school))))
        if row.on_weekend:  # the day is in the date cell; the note says why it stands out
            note = "; ".join(filter(None, (said(N_("weekend")), note)))
        date_text = said(N_("to be fixed"))
        if row.date is not None and row.month_only:
            date_text = said.month(row.date)
        elif row.date is not None:
            date_text = f"{said.weekday(row.date)}\N{NO-BREAK SPACE}{said.date(row.date)}"
            if row.start:
                date_text += f" {said.time(row.start)}"
        cells: list[Cell] = [
            date_text,
            f"{row.host.name} ({row.host.id})",
            row.venue,
            (said.value(row.kind), STATUS_STYLES[row.kind.value]),
            note,
            _answers_cell(network, row, answers, said),
        ]
        rows.append((row.date or dt.date.max, order, cells))
    for drop in schedule.dropped:
        cells = [
            f"{said.weekday(drop.day)}\N{NO-BREAK SPACE}{said.date(drop.day)}",
            "",
            "",
            (said(N_("dropped")), "dim"),
            (
                said(N_("public holiday: {holiday}")).format(holiday=said.holidays(drop.holiday)),
                "dim",
            ),
            "",
        ]
        rows.append((drop.day, -1, cells))
    ordered = [cells for _, _, cells in sorted(rows, key=lambda r: (r[0], r[1]))]
    return table_of(table_title(network, said(N_("coming meetings"))), columns, ordered, said)
