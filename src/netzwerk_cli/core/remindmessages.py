"""Each reminder of `netzwerk remind` with its sentences: what to do, and the command that does it.

Pure: the network, the meeting and today come in; a `Reminder` with its sentences (`Message`s,
said by `words` in any language) comes out. Each names the command that does what it asks, spelt
as the commands of `netzwerk` take it, so that a reminder cron mailed can be acted on by copy and
paste.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from netzwerk_cli.core.reminder import Reminder, Sent, Task
from netzwerk_cli.core.schedule import ComingMeeting
from netzwerk_cli.message import N_, Message, Month, Weekday, fact, facts, label_of
from netzwerk_cli.model import Meeting, Network, Status

_EXTRAS = fact(N_('(add "--venue TEXT" for another venue, "--time HH:MM" for a start time)'))


def record_reminder(network: Network, meeting: Meeting) -> Reminder:
    """A planned meeting whose date has passed: record it, or cancel it."""
    member = network.member(meeting.host)
    venue = network.venue_of(meeting)
    assert meeting.date is not None
    if meeting.month_only:
        # `record` and `cancel` take a day; which planned meeting a day belongs to is only certain
        # with the host, since the day within the month is not known.
        message = fact(
            N_(
                "The meeting of {month} in {venue} ({name}) is still planned; record the day it "
                'was held with "netzwerk record {day} --host {id}", or set its status to '
                '"cancelled" in the file.'
            ),
            month=Month(meeting.date),
            venue=venue,
            name=member.name,
            day=_month_day(meeting.date),
            id=member.id,
        )
    else:
        message = fact(
            N_(
                "The meeting on {date} in {venue} ({name}) is still planned; record it with "
                '"netzwerk record {day}{host}" or cancel it with "netzwerk cancel {day}{host}".'
            ),
            date=meeting.date,
            venue=venue,
            name=member.name,
            day=meeting.date,
            host=_host_option(network, meeting),
        )
    return Reminder(Task.RECORD, member, venue, (message,), meeting.date, meeting.month_only)


def plan_reminder(network: Network, row: ComingMeeting, *, today: dt.date) -> Reminder:
    """The next meeting, whose date the file does not fix: agree on it with the host, plan it."""
    who = f"{row.host.name} ({row.host.id})"
    first = _changed_by_plan(network, today)
    if row.meeting is None:  # a date only the cadence proposes, and a host only the rotation
        assert row.date is not None
        new = "" if first is None else " --new"  # else `plan` would change that planned one
        message = fact(
            N_(
                "{who} is next to host, by the rotation; the cadence proposes {when} in {venue}, "
                "{soon}{moved}. No meeting is planned in the file for it yet: agree on the date "
                'and venue with the host, then fix them with "netzwerk plan {day} --host {id}" '
                "{extras}."
            ),
            who=who,
            when=_when(row),
            venue=row.venue,
            soon=_soon(row.date, today),
            moved=_moved(row),
            day=row.date,
            id=f"{row.host.id}{new}",
            extras=_EXTRAS,
        )
        return Reminder(Task.PLAN, row.host, row.venue, (message, *_school(row)), row.date)
    meeting = row.meeting
    # `plan` changes the file's next planned meeting: until that one is held, it is another.
    later = first is not None and first != meeting
    once = (
        fact(N_(" once the meeting of {date} is recorded"), date=label_of(first))
        if later and first is not None
        else ""
    )
    if row.date is None:
        message = fact(
            N_(
                "The meeting hosted by {who} in {venue} is planned without a date, and the file "
                "sets no cadence to propose one. Agree on the date and venue with the host, then "
                'fix them with "netzwerk plan {day}" {extras}{once}.'
            ),
            who=who,
            venue=row.venue,
            day=fact(N_("YYYY-MM-DD")),
            extras=_EXTRAS,
            once=once,
        )
    elif row.month_only:
        message = fact(
            N_(
                "The meeting hosted by {who} in {venue} is planned for {month} without a day. "
                "Agree on the day and venue with the host, then fix them with "
                '"netzwerk plan {day}" {extras}{once}.'
            ),
            who=who,
            venue=row.venue,
            month=Month(row.date),
            day=_month_day(row.date),
            extras=_EXTRAS,
            once=once,
        )
    else:
        message = fact(
            N_(
                "The meeting hosted by {who} in {venue} is planned without a date; the cadence "
                "proposes {when}, {soon}{moved}. Agree on the date and venue with the host, then "
                'fix them with "netzwerk plan {day}" {extras}{once}.'
            ),
            who=who,
            venue=row.venue,
            when=_when(row),
            soon=_soon(row.date, today),
            moved=_moved(row),
            day=row.date,
            extras=_EXTRAS,
            once=once,
        )
    return Reminder(
        Task.PLAN, row.host, row.venue, (message, *_school(row)), row.date, row.month_only
    )


def invite_reminder(
    network: Network,
    row: ComingMeeting,
    *,
    today: dt.date,
    calendar_file: str | None,
    silent: Sequence[str],
    sent: Sent,
) -> Reminder:
    """The next planned meeting whose invitation is not current: send it, or its update; and
    the members of `silent` that have not answered what went out."""
    assert row.meeting is not None and row.date is not None
    sentences = [fact(_SEND[sent], **_about_meeting(row, today))]
    sentences.extend(_school(row))
    if row.start is None:
        sentences.append(
            fact(
                N_('No start time is set: "netzwerk plan {day}{host} --time HH:MM" sets one.'),
                day=row.date,
                host=_host_option(network, row.meeting),
            )
        )
    if calendar_file is not None:
        sentences.append(
            fact(N_("The calendar file, to attach or to link: {file}."), file=calendar_file)
        )
    if silent:
        sentences.append(_silent(network, silent))
    return Reminder(Task.INVITE, row.host, row.venue, tuple(sentences), row.date)


# The first sentence of an invitation's reminder, by what `invite` sent for the meeting so far.
_SEND = {
    Sent.NOTHING: N_(
        "The meeting on {when} in {venue}, hosted by {who}, is {soon}: "
        'send the invitation ("netzwerk invite").'
    ),
    Sent.CHANGED: N_(
        "The meeting on {when} in {venue}, hosted by {who}, is {soon}, and it changed since the "
        'invitation went out: send the update ("netzwerk invite").'
    ),
    Sent.PARTLY: N_(
        "The meeting on {when} in {venue}, hosted by {who}, is {soon}, and the invitation has "
        'not gone to every contact yet: send it ("netzwerk invite").'
    ),
}


def agenda_reminder(network: Network, row: ComingMeeting, *, today: dt.date) -> Reminder:
    """A meeting soon that has no agenda yet, with the proposed topics waiting for one."""
    from netzwerk_cli.core.agendadue import missing_agenda

    assert row.meeting is not None
    said = missing_agenda(network, row.meeting, **_about_meeting(row, today))
    return Reminder(Task.AGENDA, row.host, row.venue, said, row.date)


def _about_meeting(row: ComingMeeting, today: dt.date) -> dict[str, object]:
    """The facts an invitation's reminder names: when, where, who hosts, how soon."""
    assert row.date is not None
    return {
        "when": _when(row),
        "venue": row.venue,
        "who": f"{row.host.name} ({row.host.id})",
        "soon": _soon(row.date, today),
    }


def answers_reminder(
    network: Network, row: ComingMeeting, *, today: dt.date, silent: Sequence[str]
) -> Reminder:
    """A meeting whose invitation went out, and the members of `silent` that have not answered."""
    sent = fact(
        N_(
            "The meeting on {when} in {venue}, hosted by {who}, is {soon}; the invitation went out."
        ),
        **_about_meeting(row, today),
    )
    return Reminder(Task.ANSWERS, row.host, row.venue, (sent, _silent(network, silent)), row.date)


def _silent(network: Network, silent: Sequence[str]) -> Message:
    """The sentence naming the members that have not answered the invitation.

    It names the command that shows the answers for this network: without a mailbox ([mail]
    imap_host) `replies --all` alone fails, and the answers are read from saved messages."""
    ids = [f"{network.member(i).name} ({i})" for i in silent]
    if network.mail is not None and network.mail.imap is not None:
        return fact(
            N_(
                "No answer to the invitation yet from {ids}: ask them "
                '("netzwerk replies --all" shows every answer).'
            ),
            ids=ids,
        )
    return fact(
        N_(
            "No answer to the invitation yet from {ids}: ask them "
            '("netzwerk replies --all --from FOLDER" shows every answer saved in FOLDER).'
        ),
        ids=ids,
    )


def _when(row: ComingMeeting) -> Message:
    """e.g. '2027-04-07 (Wed) at 10:00'."""
    assert row.date is not None
    if row.start is None:
        return fact(N_("{date} ({weekday})"), date=row.date, weekday=Weekday(row.date))
    return fact(
        N_("{date} ({weekday}) at {time}"),
        date=row.date,
        weekday=Weekday(row.date),
        time=row.start,
    )


def _soon(day: dt.date, today: dt.date) -> Message:
    days = (day - today).days
    if days == 0:
        return fact(N_("today"))
    if days == 1:
        return fact(N_("tomorrow"))
    return facts("in {count} day", "in {count} days", count=days)


def _moved(row: ComingMeeting) -> Message | str:
    if row.moved_from is None or row.holiday is None:
        return ""
    return fact(N_(", moved from {date} for {holiday}"), date=row.moved_from, holiday=row.holiday)


def _school(row: ComingMeeting) -> tuple[Message, ...]:
    """The sentence for a date in the school holidays of members' states, if it is in them."""
    if row.school is None:
        return ()
    return (fact(N_("The date falls in the school holidays: {holidays}."), holidays=row.school),)


def _changed_by_plan(network: Network, today: dt.date) -> Meeting | None:
    """The meeting `netzwerk plan DATE` changes when none is planned on DATE: the file's next
    coming planned meeting; with none, `plan` adds one."""
    planned = (m for m in network.chronological() if m.status is Status.PLANNED)
    return next((m for m in planned if m.still_coming(today)), None)


def _month_day(day: dt.date) -> Message:
    """A day still to be fixed in a month, as the commands take it: 2027-04-DD, TT.04.2027."""
    return fact(N_("{month}-DD"), month=Month(day))


def _host_option(network: Network, meeting: Meeting) -> str:
    """' --host ID' where another planned meeting shares the day and the command would ask which."""
    shared = [
        m
        for m in network.meetings
        if m.status is Status.PLANNED and m.has_full_date and m.date == meeting.date
    ]
    return f" --host {meeting.host}" if len(shared) > 1 else ""
