"""What the coordinator should do now: the reminders of `netzwerk remind`, in the order they matter.

Pure: the network, today, the holiday lookup and the look-ahead come in; reminders with their
plain-text paragraphs come out. Each paragraph names the command that does what it asks, spelt as
the commands of `netzwerk` take it, so that a reminder cron mailed can be acted on by copy and
paste.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from netzwerk_cli.core.schedule import ComingMeeting, HolidayLookup, Kind, coming_meetings
from netzwerk_cli.model import Language, Meeting, Member, Network, Status
from netzwerk_cli.words import words

DEFAULT_WEEKS = 12
WIDTH = 78  # mail readers show plain text at about this width
_EXTRAS = "(add `--venue TEXT` for another venue, `--time HH:MM` for a start time)"
# A command in backticks is one word for wrapping: a command parted over two lines cannot be pasted.
_WORD = re.compile(r"(?:[^\s`]*`[^`]*`)+[^\s`]*|\S+")


class Task(StrEnum):
    """What a reminder asks the coordinator to do."""

    RECORD = "record"  # a planned meeting whose date has passed: record it, or cancel it
    PLAN = "plan"  # the next meeting has no date fixed in the file: fix date and venue
    INVITE = "invite"  # the next meeting is planned: send the invitation


@dataclass(frozen=True)
class Reminder:
    """One thing to do now, with the paragraph that says it."""

    kind: Task
    host: Member
    venue: str
    message: str
    date: dt.date | None = None  # the meeting's date, or the one the cadence proposes
    month_only: bool = False


def reminders(
    network: Network,
    *,
    today: dt.date,
    holidays: HolidayLookup,
    weeks: int = DEFAULT_WEEKS,
    calendar_file: str | None = None,
) -> tuple[Reminder, ...]:
    """What needs doing on `today`, in this order, or nothing at all.

    Every planned meeting whose date has passed (to record or cancel); then the next meeting within
    `weeks` whose date the file does not fix (to plan); then the next planned meeting within
    `weeks` (to invite to, naming `calendar_file` if one is kept).
    """
    found = [_record(network, m) for m in network.chronological() if _overdue(m, today)]
    try:
        horizon = today + dt.timedelta(weeks=weeks)
    except OverflowError:  # a --today near the end of the calendar
        horizon = dt.date.max
    coming = coming_meetings(network, today=today, holidays=holidays, count=None, until=horizon)
    unfixed = next((row for row in coming.meetings if not _fixed(row)), None)
    if unfixed is not None:
        found.append(_plan(network, unfixed, today=today))
    fixed = next((row for row in coming.meetings if _fixed(row)), None)
    if fixed is not None:
        found.append(_invite(network, fixed, today=today, calendar_file=calendar_file))
    return tuple(found)


def as_text(found: Sequence[Reminder], *, width: int = WIDTH) -> str:
    """The reminders as plain text: one paragraph each, a blank line between; empty if none."""
    return "\n".join(_wrap(reminder.message, width) for reminder in found)


def _coming(meeting: Meeting, today: dt.date) -> bool:
    """Whether a meeting is still to come: undated, or from today on (month-only: its month)."""
    return meeting.date is None or meeting.is_coming(today)


def _overdue(meeting: Meeting, today: dt.date) -> bool:
    return meeting.status is Status.PLANNED and not _coming(meeting, today)


def _fixed(row: ComingMeeting) -> bool:
    """Whether the file fixes the row's day: only then is there something to invite to."""
    return row.kind is Kind.PLANNED and row.meeting is not None and row.meeting.has_full_date


def _record(network: Network, meeting: Meeting) -> Reminder:
    member = network.member(meeting.host)
    venue = network.venue_of(meeting)
    if meeting.month_only:
        # `record` and `cancel` take a day; which planned meeting a day belongs to is only certain
        # with the host, since the day within the month is not known.
        message = (
            f"The meeting of {meeting.label} in {venue} ({member.name}) is still planned; "
            f"record the day it was held with `netzwerk record {meeting.label}-DD --host "
            f'{member.id}`, or set its status to "cancelled" in the file.'
        )
    else:
        day = f"{meeting.label}{_host_option(network, meeting)}"
        message = (
            f"The meeting on {meeting.label} in {venue} ({member.name}) is still planned; "
            f"record it with `netzwerk record {day}` or cancel it with `netzwerk cancel {day}`."
        )
    return Reminder(Task.RECORD, member, venue, message, meeting.date, meeting.month_only)


def _plan(network: Network, row: ComingMeeting, *, today: dt.date) -> Reminder:
    who = f"{row.host.name} ({row.host.id})"
    what = "the day" if row.month_only else "the date"
    todo = f"agree on {what} and venue with the host, then fix them with"
    first = _changed_by_plan(network, today)
    if row.meeting is None:  # a date only the cadence proposes, and a host only the rotation
        assert row.date is not None
        new = "" if first is None else " --new"  # else `plan` would change that planned one
        message = (
            f"{who} is next to host, by the rotation; the cadence proposes {_when(row)} in "
            f"{row.venue}, {_soon(row.date, today)}{_moved(row)}. No meeting is planned in the "
            f"file for it yet: {todo} `netzwerk plan {row.date} --host {row.host.id}{new}` "
            f"{_EXTRAS}."
        )
        return Reminder(Task.PLAN, row.host, row.venue, message, row.date)
    meeting = row.meeting
    if row.date is None:
        day = "YYYY-MM-DD"
        state = "is planned without a date, and the file sets no cadence to propose one"
    elif row.month_only:
        day = f"{meeting.label}-DD"
        state = f"is planned for {meeting.label} without a day"
    else:
        day = row.date.isoformat()
        state = (
            f"is planned without a date; the cadence proposes {_when(row)}, "
            f"{_soon(row.date, today)}{_moved(row)}"
        )
    message = (
        f"The meeting hosted by {who} in {row.venue} {state}. {todo.capitalize()} "
        f"`netzwerk plan {day}` {_EXTRAS}"
    )
    if first is not None and first != meeting:
        # `plan` changes the file's next planned meeting: until that one is held, it is another.
        message += f" once the meeting of {first.label} is recorded"
    return Reminder(Task.PLAN, row.host, row.venue, message + ".", row.date, row.month_only)


def _invite(
    network: Network, row: ComingMeeting, *, today: dt.date, calendar_file: str | None
) -> Reminder:
    assert row.meeting is not None and row.date is not None
    who = f"{row.host.name} ({row.host.id})"
    message = (
        f"The meeting on {_when(row)} in {row.venue}, hosted by {who}, is "
        f"{_soon(row.date, today)}: send the invitation."
    )
    if row.start is None:
        message += (
            " No start time is set: "
            f"`netzwerk plan {row.date}{_host_option(network, row.meeting)} --time HH:MM` sets one."
        )
    if calendar_file is not None:
        message += f" The calendar file, to attach or to link: `{calendar_file}`."
    return Reminder(Task.INVITE, row.host, row.venue, message, row.date)


def _when(row: ComingMeeting) -> str:
    """e.g. '2027-04-07 (Wed) at 10:00'."""
    assert row.date is not None
    text = f"{row.date} ({words(Language.EN).weekday(row.date)})"
    return f"{text} at {row.start:%H:%M}" if row.start is not None else text


def _soon(day: dt.date, today: dt.date) -> str:
    days = (day - today).days
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


def _moved(row: ComingMeeting) -> str:
    if row.moved_from is None or row.holiday is None:
        return ""
    return f", moved from {row.moved_from} for {row.holiday.describe()}"


def _changed_by_plan(network: Network, today: dt.date) -> Meeting | None:
    """The meeting `netzwerk plan DATE` changes when none is planned on DATE: the file's next
    coming planned meeting; with none, `plan` adds one."""
    planned = (m for m in network.chronological() if m.status is Status.PLANNED)
    return next((m for m in planned if _coming(m, today)), None)


def _host_option(network: Network, meeting: Meeting) -> str:
    """' --host ID' where another planned meeting shares the day and the command would ask which."""
    shared = [
        m
        for m in network.meetings
        if m.status is Status.PLANNED and m.has_full_date and m.date == meeting.date
    ]
    return f" --host {meeting.host}" if len(shared) > 1 else ""


def _wrap(paragraph: str, width: int) -> str:
    lines: list[str] = []
    line = ""
    for word in _WORD.findall(paragraph):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines) + "\n"
