"""What `netzwerk plan` and `netzwerk cancel` change: the next meeting fixed, moved or called off.

Pure, as `core/changes.py`: network, request, today and the holiday lookup in; one `Change` or a
`CommandError` out. The rules decided here: `plan` re-plans the coming planned meeting in place
(or the one on the day given) and adds a planned one when there is none, taking the date, host and
calendar slot the cadence proposes; a date on a weekend, a public holiday or in the school holidays
is planned all the same, with a note. `cancel` calls off one planned meeting on a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from netzwerk_cli.calendar import uids
from netzwerk_cli.core.changes import (
    Change,
    host_on,
    known_member,
    name_of,
    when_of,
    with_planned,
    with_time,
)
from netzwerk_cli.core.edits import AddTable, SetKeys, TomlValue
from netzwerk_cli.core.plannotes import date_notes, passed_over_note
from netzwerk_cli.core.rotation import next_turn, replay
from netzwerk_cli.core.schedule import (
    ComingMeeting,
    HolidayLookup,
    Kind,
    coming_meetings,
    next_meeting,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, Joined, Message, fact, label_of
from netzwerk_cli.model import Meeting, Network, Status


def plan_meeting(
    network: Network,
    *,
    today: dt.date,
    holidays: HolidayLookup,
    day: dt.date | None = None,
    host: str | None = None,
    venue: str | None = None,
    time: dt.time | None = None,
    duration: int | None = None,
    description: str | None = None,
    new: bool = False,
) -> Change:
    """Fix the next meeting: re-plan the coming planned one in place, or add a planned one.

    `duration` (minutes) is the meeting's own length, kept in its table; `description` its
    public text (what invitations, calendars and the page say about it)."""
    if day is not None and day < today:
        raise CommandError(
            fact(
                N_(
                    "{date} is before today ({today}): plan a coming meeting, or record a held "
                    "one with `netzwerk record`"
                ),
                date=day,
                today=today,
            )
        )
    target = None if new else _planned_for_plan(network, day=day, host=host, today=today)
    if target is None:
        return date_notes(
            network,
            _described(
                _add_planned(
                    network,
                    today=today,
                    holidays=holidays,
                    day=day,
                    host=host,
                    venue=venue,
                    time=time,
                    duration=duration,
                ),
                description,
            ),
            holidays,
        )
    # A bare `plan` fixes the date; `plan --host X` changes the host and leaves the date open, and
    # so do --venue and --duration.
    wants_day = (host, venue, duration, description) == (None,) * 4 or time is not None
    if day is None and not target.has_full_date and wants_day:
        row = next_meeting(network, today=today, holidays=holidays)
        if row.meeting == target and row.date is not None and not row.month_only:
            day = row.date  # the cadence's next date, which the schedule shows for it
    return date_notes(
        network,
        _replan(
            network,
            target,
            today=today,
            day=day,
            host=host,
            venue=venue,
            time=time,
            duration=duration,
            description=description,
        ),
        holidays,
    )


def cancel_meeting(network: Network, *, day: dt.date, host: str | None = None) -> Change:
    """The meeting on `day` will not take place: its status becomes cancelled."""
    if host is not None:
        known_member(network, host)
    on_day = [
        m
        for m in network.meetings
        if m.has_full_date and m.date == day and (host is None or m.host == host)
    ]
    if not on_day:
        if host:
            missing = fact(
                N_("meeting not found: no meeting on {date} hosted by {host}"), date=day, host=host
            )
        else:
            missing = fact(N_("meeting not found: no meeting on {date}"), date=day)
        raise CommandError(with_planned(missing, network))
    planned = [m for m in on_day if m.status is Status.PLANNED]
    if not planned:
        meeting = on_day[0]
        if meeting.status is Status.CANCELLED:
            raise CommandError(
                fact(
                    N_("the meeting of {date} ({host}) is already cancelled"),
                    date=day,
                    host=meeting.host,
                )
            )
        raise CommandError(
            fact(
                N_(
                    "the meeting of {date} ({host}) is recorded as held; only a planned meeting "
                    "can be cancelled"
                ),
                date=day,
                host=meeting.host,
            )
        )
    if len(planned) > 1:
        raise CommandError(_several_planned(day, planned))
    (meeting,) = planned
    member = network.member(meeting.host)
    return Change(
        SetKeys("meetings", meeting.position - 1, {"status": Status.CANCELLED.value}),
        fact(
            N_(
                "Cancelled the meeting of {date} hosted by {host}; the rotation gives {id} its "
                "turn again."
            ),
            date=day,
            host=name_of(member),
            id=member.id,
        ),
    )


def _planned_for_plan(
    network: Network, *, day: dt.date | None, host: str | None, today: dt.date
) -> Meeting | None:
    """The planned meeting that `plan` changes: the one on `day`, else the next coming one."""
    planned = [m for m in network.chronological() if m.status is Status.PLANNED]
    if day is not None:
        on_day = [m for m in planned if m.has_full_date and m.date == day]
        if len(on_day) > 1:
            on_day = [m for m in on_day if m.host == host] or on_day
            if len(on_day) > 1:
                raise CommandError(_several_planned(day, on_day))
        if on_day:
            return on_day[0]
    coming = [m for m in planned if m.date is None or m.is_coming(today)]
    return coming[0] if coming else None


def _add_planned(
    network: Network,
    *,
    today: dt.date,
    holidays: HolidayLookup,
    day: dt.date | None,
    host: str | None,
    venue: str | None,
    time: dt.time | None,
    duration: int | None,
) -> Change:
    slot: dt.date | None = None
    proposed: str | None = None
    passed_over: list[ComingMeeting] = []  # the cadence's earlier dates, left unplanned
    if day is None:
        rows = coming_meetings(
            network, today=today, holidays=holidays, count=len(network.meetings) + 1
        )
        row = next((r for r in rows.meetings if r.kind is Kind.PROPOSED), None)
        if row is not None and row.date is not None:
            day, slot, proposed = row.date, row.slot, row.host.id
    elif network.cadence is not None:
        rows = coming_meetings(network, today=today, holidays=holidays, count=None, until=day)
        for row in rows.meetings:
            if row.kind is Kind.PROPOSED and row.date == day:
                slot, proposed = row.slot, row.host.id
                break
            if row.kind is Kind.PROPOSED:
                passed_over.append(row)
    if time is not None and day is None:
        raise CommandError(
            fact(N_("--time needs a date, and the file sets no cadence to take one from"))
        )
    if host is None:
        if proposed is not None:
            host = proposed
        elif day is not None:
            host = next_turn(network, on=day, undated_on=today).member.id
        else:
            host = replay(network, undated_on=today).choose(on=today).member.id
    member = host_on(network, host, day or today)
    if day is not None:
        _refuse_held_on(network, day)
    values: dict[str, TomlValue] = {}
    if day is not None:
        values["date"] = with_time(day, time)
    values["host"] = member.id
    if venue:
        values["venue"] = venue
    values["status"] = Status.PLANNED.value
    if duration is not None:
        values["duration_minutes"] = duration
    if slot is not None:
        values["uid"] = uids.slot_uid(network, slot)
    else:
        values["uid"] = uids.new_meeting_uid(network, day=day, host=member.id)
    where = venue or member.seat
    if day is None:
        summary = fact(
            N_("Planned the meeting (no date yet) at {venue}, hosted by {host}."),
            venue=where,
            host=name_of(member),
        )
    elif time is None:
        summary = fact(
            N_("Planned the meeting of {date} at {venue}, hosted by {host}."),
            date=day,
            venue=where,
            host=name_of(member),
        )
    else:
        summary = fact(
            N_("Planned the meeting of {date} at {time} at {venue}, hosted by {host}."),
            date=day,
            time=time,
            venue=where,
            host=name_of(member),
        )
    if duration is not None:
        summary = fact(
            N_("{summary} Length: {minutes} minutes."), summary=summary, minutes=duration
        )
    notes: tuple[Message, ...] = ()
    if host == proposed and passed_over and passed_over[0].host.id != host:
        # The later date's host follows the earlier date's: planned alone, the earlier host's
        # turn goes (found in the first week: a new network's first meeting went to the second).
        notes = (passed_over_note(passed_over, day, member.id),)
    return Change(AddTable("meetings", values), summary, notes)


def _replan(
    network: Network,
    target: Meeting,
    *,
    today: dt.date,
    day: dt.date | None,
    host: str | None,
    venue: str | None,
    time: dt.time | None,
    duration: int | None,
    description: str | None = None,
) -> Change:
    new_day = day if day is not None else (target.date if target.has_full_date else None)
    if time is not None and new_day is None:
        raise CommandError(
            fact(
                N_(
                    "--time needs a date: the meeting planned with host {host} has no day yet; "
                    "give one"
                ),
                host=target.host,
            )
        )
    member = host_on(network, host or target.host, new_day or target.date or today)
    values: dict[str, TomlValue] = {}
    changed: list[Message] = []
    if new_day is not None:
        when = with_time(new_day, time or target.time)
        if new_day != target.date or target.month_only or (time and time != target.time):
            values["date"] = when
            changed.append(fact(N_("date {date} (was {was})"), date=when, was=when_of(target)))
            _refuse_held_on(network, new_day)
    if member.id != target.host:
        values["host"] = member.id
        changed.append(fact(N_("host {host} (was {was})"), host=member.id, was=target.host))
    new_venue = venue
    if new_venue is None and member.id != target.host and target.venue is not None:
        new_venue = member.seat  # the old host's venue does not follow the meeting to a new host
    if new_venue is not None and new_venue != target.venue:
        values["venue"] = new_venue
        changed.append(
            fact(N_("venue {venue} (was {was})"), venue=new_venue, was=network.venue_of(target))
        )
    if duration is not None and duration != target.duration_minutes:
        values["duration_minutes"] = duration
        changed.append(
            fact(
                N_("length {minutes} minutes (was {was})"),
                minutes=duration,
                was=network.duration_of(target),
            )
        )
    if description and description != target.description:
        values["description"] = description
        changed.append(fact(N_("description “{text}”"), text=description))
    if not values:
        raise CommandError(
            fact(
                N_(
                    "nothing to change: the meeting of {date} ({host}) is planned so already; "
                    "give another date, --host, --venue or --time, or --new to plan another"
                ),
                date=label_of(target),
                host=target.host,
            )
        )
    return Change(
        SetKeys("meetings", target.position - 1, values),
        fact(
            # a meeting planned without a date gets its first one: it is fixed, not re-planned
            N_("Set the date of the meeting hosted by {host}: {changes}.")
            if target.date is None and "date" in values
            else N_("Re-planned the meeting hosted by {host}: {changes}."),
            host=name_of(member),
            changes=Joined(tuple(changed), "; "),
        ),
    )


def _refuse_held_on(network: Network, day: dt.date) -> None:
    for meeting in network.meetings:
        if meeting.status is Status.HELD and meeting.has_full_date and meeting.date == day:
            raise CommandError(
                fact(
                    N_("a meeting on {date} is already recorded as held ({host})"),
                    date=day,
                    host=meeting.host,
                )
            )


def _several_planned(day: dt.date, planned: list[Meeting]) -> Message:
    return fact(
        N_("{count} meetings are planned on {date} ({hosts}): say which with --host"),
        count=len(planned),
        date=day,
        hosts=[m.host for m in planned],
    )


def _described(change: Change, description: str | None) -> Change:
    """The change with the meeting's public `description` set too (`plan --description`)."""
    if not description:
        return change
    values = {**change.edit.values, "description": description}
    edit = (
        replace(change.edit, values=values)
        if isinstance(change.edit, AddTable | SetKeys)
        else change.edit
    )
    return replace(change, edit=edit)
