"""A meeting recorded as held whose date is after today: a slip in the year of a hand edit, or a
`record` run with a `--today` ahead of the calendar. `record` refuses such a day; a file that
holds one anyway is read as it is (every command works, so `undo` and the fix by hand do), and
the command layer names each one: `validate` as problems (exit 1), every other command as a
warning. Pure: the network and today in, the problems with their places out."""

from __future__ import annotations

import datetime as dt

from netzwerk_cli.errors import Problem
from netzwerk_cli.message import N_, fact
from netzwerk_cli.model import Meeting, Network, Status, month_text


def held_after_today(network: Network, today: dt.date) -> tuple[Problem, ...]:
    """Each meeting recorded as held that lies after today (a month-only one: whose month is
    after this month; a meeting of this month may have been held), in the file's order."""
    return tuple(
        Problem(
            _place(meeting),
            fact(
                N_(
                    'status "held", but the date is after today ({today}): a meeting counts as '
                    "held only once it has taken place; correct the date, or write status = "
                    '"planned"'
                ),
                today=today,
            ),
        )
        for meeting in network.meetings
        if meeting.status is Status.HELD and _later(meeting, today)
    )


def _later(meeting: Meeting, today: dt.date) -> bool:
    day = meeting.date
    if day is None:
        return False
    if meeting.month_only:
        return (day.year, day.month) > (today.year, today.month)
    return day > today


def _place(meeting: Meeting) -> str:
    """The meeting's place as the file reader names it: the file's form, ISO dates."""
    assert meeting.date is not None
    day = month_text(meeting.date) if meeting.month_only else meeting.date.isoformat()
    return f"meetings[{meeting.position}] ({day})"
