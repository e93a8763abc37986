"""The model as people see it on a terminal: the tables of `members`, `history` and `schedule`,
and the labelled lines of `next-host`.

A table is built from plain text; Rich is imported only when it draws one (on a terminal, or when
the table needs Rich's layout), so commands that print JSON, nothing, or a table into a pipe
never pay for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from netzwerk_cli.core.rotation import attendance_counts, hosting_record
from netzwerk_cli.core.schedule import ComingMeeting, Schedule
from netzwerk_cli.message import N_
from netzwerk_cli.model import Meeting, Member, Network
from netzwerk_cli.output.fitted import Cell, Column, FittedTable, table_of
from netzwerk_cli.words import Words

# Colour marks the status only; NO_COLOR, pipes and TERM=dumb drop it (Rich decides).
STATUS_STYLES = {
    "held": "green",
    "planned": "bold green",
    "proposed": "yellow",
    "cancelled": "red strike",
}
# The answers to a meeting's invitation, counted per kind (`netzwerk replies`), by its UID.
Answers = Mapping[str, Mapping[str, int]]


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
