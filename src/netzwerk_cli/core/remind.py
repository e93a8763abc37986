"""What the coordinator should do now: the reminders of `netzwerk remind`, in the order they matter.

Pure: the network, today, the holiday lookup and the look-ahead come in; reminders come out, each
made with its sentences by `core.remindmessages` (`core.remindtext` lays them out as plain text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from netzwerk_cli.core.reminder import Reminder, Sent
from netzwerk_cli.core.remindmessages import (
    agenda_reminder,
    answers_reminder,
    invite_reminder,
    plan_reminder,
    record_reminder,
)
from netzwerk_cli.core.schedule import ComingMeeting, HolidayLookup, Kind, coming_meetings
from netzwerk_cli.model import Meeting, Network, Status

DEFAULT_WEEKS = 12
AGENDA_DAYS = 14  # two weeks before a meeting, the reminder asks for its agenda
ANSWERS_DAYS = 7  # in the week before a meeting, the reminder names who has not answered


def reminders(
    network: Network,
    *,
    today: dt.date,
    holidays: HolidayLookup,
    weeks: int = DEFAULT_WEEKS,
    calendar_file: str | None = None,
    waiting: Mapping[str, Sequence[str]] | None = None,
    sent: Mapping[str, Sent] | None = None,
) -> tuple[Reminder, ...]:
    """What needs doing on `today`, in this order, or nothing at all.

    Every planned meeting whose date has passed (to record or cancel); then the next meeting within
    `weeks` whose date the file does not fix (to plan); then, for the next planned meeting within
    `weeks` whose invitation went out (`sent[uid]` is CURRENT), the members of `waiting[uid]` that
    have not answered it, in the week before the meeting; then the next planned meeting within
    `weeks` whose invitation is not current (to invite to, naming `calendar_file` if one is kept);
    last, each meeting of the next two weeks that has no agenda yet, with the proposed topics (in a
    network that keeps agendas: a meeting has one, or a topic is proposed).
    A meeting missing from `sent` was never invited by `netzwerk invite`.
    """
    found = [record_reminder(network, m) for m in network.chronological() if _overdue(m, today)]
    try:
        horizon = today + dt.timedelta(weeks=weeks)
    except OverflowError:  # a --today near the end of the calendar
        horizon = dt.date.max
    coming = coming_meetings(network, today=today, holidays=holidays, count=None, until=horizon)
    unfixed = next((row for row in coming.meetings if not _fixed(row)), None)
    if unfixed is not None:
        found.append(plan_reminder(network, unfixed, today=today))
    fixed = [row for row in coming.meetings if _fixed(row)]
    sent = sent or {}
    waiting = waiting or {}

    def sent_of(row: ComingMeeting) -> Sent:
        from netzwerk_cli.calendar.uids import meeting_uid

        assert row.meeting is not None
        return sent.get(meeting_uid(network, row.meeting), Sent.NOTHING)

    if fixed and sent_of(fixed[0]) is Sent.CURRENT:
        silent = _silent(network, fixed[0], today=today, waiting=waiting)
        if silent:
            found.append(answers_reminder(network, fixed[0], today=today, silent=silent))
    due = next((row for row in fixed if sent_of(row) is not Sent.CURRENT), None)
    if due is not None:
        found.append(
            invite_reminder(
                network,
                due,
                today=today,
                calendar_file=calendar_file,
                silent=_silent(network, due, today=today, waiting=waiting),
                sent=sent_of(due),
            )
        )
    # Only a network that keeps its agendas in the file is asked for one: another one sends its
    # agenda as it always did, and its cron stays as silent as before.
    keeps = bool(network.topics) or any(m.agenda for m in network.meetings)
    for row in fixed if keeps else ():
        assert row.meeting is not None and row.date is not None
        if not row.meeting.agenda and (row.date - today).days <= AGENDA_DAYS:
            found.append(agenda_reminder(network, row, today=today))
    return tuple(found)


def _overdue(meeting: Meeting, today: dt.date) -> bool:
    return meeting.status is Status.PLANNED and not meeting.still_coming(today)


def _silent(
    network: Network,
    row: ComingMeeting,
    *,
    today: dt.date,
    waiting: Mapping[str, Sequence[str]],
) -> Sequence[str]:
    """The members that have not answered the row's invitation, in the week before the meeting;
    none while it is further off."""
    from netzwerk_cli.calendar.uids import meeting_uid

    assert row.meeting is not None and row.date is not None
    if (row.date - today).days > ANSWERS_DAYS:
        return ()
    return waiting.get(meeting_uid(network, row.meeting), ())


def _fixed(row: ComingMeeting) -> bool:
    """Whether the file fixes the row's day: only then is there something to invite to."""
    return row.kind is Kind.PLANNED and row.meeting is not None and row.meeting.has_full_date
