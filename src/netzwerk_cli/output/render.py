"""The model as people and scripts see it: Rich tables, and JSON-ready dicts (the stable format).

Rich is imported inside the functions that build tables, so commands that print JSON or nothing
never pay for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from netzwerk_cli.core.rotation import hosting_record
from netzwerk_cli.core.schedule import ComingMeeting, Schedule
from netzwerk_cli.model import Language, Meeting, Member, Network, month_text
from netzwerk_cli.words import words

if TYPE_CHECKING:
    from rich.console import JustifyMethod, RenderableType
    from rich.text import Text

    from netzwerk_cli.core.remind import Reminder

# The weekdays' names belong to the language layer.
WEEKDAY = words(Language.EN).weekday
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
    "reason",
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
)
MEETING_KEYS = ("date", "start", "host", "host_name", "venue", "status", "title", "notes")


def coming_json(row: ComingMeeting) -> dict[str, Any]:
    """A coming meeting (a row of `schedule`, or the answer of `next-host`) for --json."""
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
        "holiday": row.holiday.describe() if row.holiday else None,
        "reason": row.reason,
    }


def member_json(
    member: Member, *, hosted: int, last: Meeting | None, today: dt.date
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
    }


def members_json(network: Network, *, today: dt.date) -> list[dict[str, Any]]:
    """All members in rotation order, for --json."""
    record = hosting_record(network.meetings)
    rows = []
    for member in network.members:
        hosted, last = record.get(member.id, (0, None))
        rows.append(member_json(member, hosted=hosted, last=last, today=today))
    return rows


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
    }


def reminder_json(reminder: Reminder) -> dict[str, Any]:
    """A reminder of `remind`, for --json: `message` is its paragraph, on one line."""
    return {
        "kind": reminder.kind.value,
        "date": date_text(reminder.date, month_only=reminder.month_only),
        "host": reminder.host.id,
        "venue": reminder.venue,
        "message": reminder.message,
    }


# --- Rich ------------------------------------------------------------------------------------


def _title(network: Network, what: str) -> Text:
    """A table's title as literal text: a network's name must never be read as Rich markup."""
    from rich.text import Text

    return Text(f"{network.name}: {what}", style="table.title")


def _plain(*values: str) -> tuple[Text, ...]:
    """Cells as literal text: names and titles from the file must never be read as Rich markup."""
    from rich.text import Text

    return tuple(Text(v) for v in values)


def next_host_text(row: ComingMeeting) -> str:
    """The answer of `next-host`: one labelled line per fact, plain text.

    Plain on purpose: it is four lines that cron mails as often as a person reads them, and
    leaving Rich out keeps `next-host` as quick as the command framework allows.
    """
    lines = [
        ("Next host", f"{row.host.name} ({row.host.id})"),
        ("Venue", row.venue),
        ("Date", _when(row)),
    ]
    if row.holiday and row.moved_from:
        lines.append(("Moved", f"from {row.moved_from}: {row.holiday.describe()}"))
    lines.append(("Why", row.reason))
    return "".join(f"{label + ':':<11}{value}\n" for label, value in lines)


def _when(row: ComingMeeting) -> str:
    if row.date is None:
        return "not fixed yet"
    if row.month_only:
        return f"{month_text(row.date)} (day not fixed yet)"
    text = f"{row.date} ({WEEKDAY(row.date)})"
    if row.start:
        text += f" {row.start:%H:%M}"
    if row.meeting is not None and row.meeting.date is None:
        text += ", the cadence's next date (the file fixes no date yet)"
    elif row.meeting is None:
        text += ", proposed by the cadence"
    return text


def members_table(network: Network, *, today: dt.date) -> RenderableType:
    """The members in rotation order with their hosting record."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_title(network, "members in rotation order"), title_justify="left")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("#", "right"),
        ("ID", "left"),
        ("Name", "left"),
        ("Seat", "left"),
        ("State", "left"),
        ("Hosted", "right"),
        ("Last hosted", "left"),
        ("Can host now", "left"),
    )
    for header, justify in columns:
        table.add_column(Text(header), justify=justify)
    for number, data in enumerate(members_json(network, today=today), start=1):
        table.add_row(
            *_plain(
                str(number),
                data["id"],
                data["name"],
                data["seat"],
                data["state"],
                str(data["hosted"]),
                data["last_hosted"] or "never",
                _can_host_text(network.member(data["id"]), today),
            )
        )
    return table


def _can_host_text(member: Member, today: dt.date) -> str:
    if not member.hosts:
        return "no (does not host)"
    if member.joined and today < member.joined:
        return f"no (joins {member.joined})"
    if member.left and today >= member.left:
        return f"no (left {member.left})"
    return "yes"


def history_table(network: Network, meetings: Sequence[Meeting]) -> RenderableType:
    """Past meetings, oldest first."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_title(network, "meetings held"), title_justify="left")
    for header in ("Date", "Host", "Venue", "Title", "Status"):
        table.add_column(Text(header))
    for meeting in meetings:
        status = meeting.status.value
        table.add_row(
            *_plain(
                meeting_date_text(meeting) or "",
                network.member(meeting.host).name,
                network.venue_of(meeting),
                meeting.title or "",
            ),
            Text(status, style=STATUS_STYLES[status]),
        )
    return table


def schedule_table(network: Network, schedule: Schedule) -> RenderableType:
    """The coming meetings, with dropped cadence dates and holiday moves noted."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_title(network, "coming meetings"), title_justify="left")
    for header in ("Date", "Day", "Time", "Host", "Venue", "Status", "Note"):
        table.add_column(Text(header))
    rows: list[tuple[dt.date, int, list[Text | str]]] = []
    for order, row in enumerate(schedule.meetings):
        note = ""
        if row.moved_from and row.holiday:
            note = f"moved from {row.moved_from}: {row.holiday.describe()}"
        date_text = "to be fixed"
        day_text = ""
        if row.date is not None:
            date_text = month_text(row.date) if row.month_only else row.date.isoformat()
            day_text = "" if row.month_only else WEEKDAY(row.date)
        rows.append(
            (
                row.date or dt.date.max,
                order,
                list(
                    _plain(
                        date_text,
                        day_text,
                        f"{row.start:%H:%M}" if row.start else "",
                        f"{row.host.name} ({row.host.id})",
                        row.venue,
                        "",
                        note,
                    )
                ),
            )
        )
        rows[-1][2][5] = Text(row.kind.value, style=STATUS_STYLES[row.kind.value])
    for drop in schedule.dropped:
        cells: list[Text | str] = [
            drop.day.isoformat(),
            WEEKDAY(drop.day),
            "",
            "",
            "",
            Text("dropped", style="dim"),
            Text(f"public holiday: {drop.holiday.describe()}", style="dim"),
        ]
        rows.append((drop.day, -1, cells))
    for _, _, cells in sorted(rows, key=lambda r: (r[0], r[1])):
        table.add_row(*cells)
    return table
