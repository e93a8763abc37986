"""What a writing command changes: network, request and today in; one edit or a refusal out.

Pure: nothing here reads a file or the clock; `today` and the holiday lookup are arguments. Each
function returns a `Change` (the edit for `tomledit` and the one line that tells what it did) or
raises `CommandError` with the reason the file stays as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import NoReturn

from netzwerk_cli.calendar import uids
from netzwerk_cli.core.edits import AddTable, Edit, SetKeys, TomlValue
from netzwerk_cli.core.rotation import next_turn, replay
from netzwerk_cli.core.schedule import (
    HolidayLookup,
    Kind,
    coming_meetings,
    holiday_on,
    next_meeting,
    school_holidays_on,
    school_lookup,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, Joined, Message, Month, fact, label_of
from netzwerk_cli.model import HolidayPolicy, Meeting, Member, Network, Status

# A meeting recorded up to two weeks before the host's planned one is that meeting, held early.
HELD_EARLY_DAYS = 14
# How long after its planned day a meeting may have been held and still be that meeting (put off
# by a few weeks); a planned meeting further back is another one, never recorded.
HELD_LATE_DAYS = 28
SATURDAY, SUNDAY = 5, 6  # `date.weekday()`


@dataclass(frozen=True)
class Change:
    """One edit of the file and the one line that says what it does."""

    edit: Edit
    summary: Message
    notes: tuple[Message, ...] = ()  # said after the summary: what the coordinator should know


def record_meeting(
    network: Network,
    *,
    day: dt.date,
    today: dt.date,
    holidays: HolidayLookup,
    host: str | None = None,
    venue: str | None = None,
    title: str | None = None,
    notes: str | None = None,
    description: str | None = None,
    attended: tuple[str, ...] | None = None,
    add_attended: bool = False,
) -> Change:
    """A meeting was held on `day`: turn its planned meeting into the held one, or add it.

    With `attended` (the ids of the members who took part) a meeting already recorded as held
    on `day` gets that list, when nothing else is to change; with `add_attended` the ids are added
    to the ones recorded instead of replacing them. A planned meeting more than two weeks after
    `day` is never taken: the held meeting is added as a new one, and a note says so. (`holidays`
    is taken for the commands' one signature; what a record takes needs none.)"""
    if attended is not None:
        attended = _attending(network, attended)
        held = _held_on(network, day)
        unchanged = (host, venue, title, notes, description) == (None,) * 5
        if held is not None and unchanged:
            return _record_attendance(held, day, attended, add=add_attended)
    if day > today:
        raise CommandError(
            fact(
                N_(
                    "{date} is after today ({today}): record a meeting once it was held; "
                    "plan a coming one with `netzwerk plan`"
                ),
                date=day,
                today=today,
            )
        )
    target: Meeting | None = None
    chosen = host is not None
    if host is None:
        host, target = _default_record_host(network, day=day, today=today)
    member = _host(network, host, day)
    _refuse_recorded(network, day, member)
    if target is None:
        target = _planned_for_record(network, day, member.id)
    values: dict[str, TomlValue] = {}
    if target is None:
        values["date"] = day
        values["host"] = member.id
        # A held meeting's venue is history: write it, so a later change of seat does not move it.
        values["venue"] = venue or member.seat
        values["status"] = Status.HELD.value
        values.update(_texts(title, notes, description))
        if attended is not None:
            values["attended"] = list(attended)
        values["uid"] = uids.new_meeting_uid(network, day=day, host=member.id)
        return Change(
            AddTable("meetings", values),
            fact(
                N_("Recorded the meeting of {date} at {venue}, hosted by {host}."),
                date=day,
                venue=values["venue"],
                host=_name(member),
            ),
            _left_planned(network, day, member.id if chosen else None),
        )
    if not (target.has_full_date and target.date == day):
        values["date"] = _with_time(day, target.time)
    if target.host != member.id:
        values["host"] = member.id
    new_venue = venue or (target.venue if target.host == member.id else None) or member.seat
    if new_venue != target.venue:
        values["venue"] = new_venue
    values["status"] = Status.HELD.value
    values.update(_texts(title, notes, description))
    if attended is not None:
        values["attended"] = list(
            _merged(target.attended or (), attended) if add_attended else attended
        )
    if (
        target.status is Status.PLANNED
        and target.has_full_date
        and target.date == day
        and target.host == member.id
    ):
        said = fact(
            N_("Recorded the meeting of {date} at {venue}, hosted by {host}, as planned."),
            date=_with_time(day, target.time),
            venue=new_venue,
            host=_name(member),
        )
        return Change(SetKeys("meetings", target.position - 1, values), said)
    if target.date is None:
        was = fact(N_("planned without a date"))
    elif target.status is Status.CANCELLED:
        was = fact(N_("cancelled for {date}"), date=_when(target))
    else:
        was = fact(N_("planned for {date}"), date=_when(target))
    if target.host != member.id:
        was = fact(N_("{was} with host {host}"), was=was, host=target.host)
    return Change(
        SetKeys("meetings", target.position - 1, values),
        fact(
            N_("Recorded the meeting of {date} at {venue}, hosted by {host}; it was {was}."),
            date=_with_time(day, target.time),
            venue=new_venue,
            host=_name(member),
            was=was,
        ),
    )


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
        return _date_warnings(
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
    return _date_warnings(
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


def _date_warnings(network: Network, change: Change, holidays: HolidayLookup) -> Change:
    """The change, with a note for each reason against the date it plans: a weekend, a public
    holiday (unless `holidays = "ignore"`) or the school holidays (unless `school_holidays =
    "ignore"`) in the state of a member that belongs then. The coordinator decides, so it is
    planned all the same."""
    when = change.edit.values.get("date")
    if not isinstance(when, dt.date):
        return change
    day = when.date() if isinstance(when, dt.datetime) else when
    notes: list[Message] = []
    if day.weekday() == SATURDAY:
        notes.append(fact(N_("Note: {date} is a Saturday."), date=day))
    elif day.weekday() == SUNDAY:
        notes.append(fact(N_("Note: {date} is a Sunday."), date=day))
    public = (
        None if network.holidays is HolidayPolicy.IGNORE else holiday_on(network, day, holidays)
    )
    if public is not None:
        notes.append(
            fact(N_("Note: {date} is a public holiday: {holidays}."), date=day, holidays=public)
        )
    found = school_holidays_on(network, day, school_lookup(network, holidays))
    if found is not None:
        notes.append(
            fact(
                N_("Note: {date} falls in the school holidays: {holidays}."),
                date=day,
                holidays=found,
            )
        )
    return replace(change, notes=(*change.notes, *notes))


def cancel_meeting(network: Network, *, day: dt.date, host: str | None = None) -> Change:
    """The meeting on `day` will not take place: its status becomes cancelled."""
    if host is not None:
        _member(network, host)
    on_day = [
        m
        for m in network.meetings
        if m.has_full_date and m.date == day and (host is None or m.host == host)
    ]
    if not on_day:
        coming = [label_of(m) for m in network.chronological() if m.status is Status.PLANNED]
        if host:
            missing = fact(
                N_("meeting not found: no meeting on {date} hosted by {host}"), date=day, host=host
            )
        else:
            missing = fact(N_("meeting not found: no meeting on {date}"), date=day)
        if coming:
            missing = fact(N_("{missing} (planned: {dates})"), missing=missing, dates=coming)
        raise CommandError(missing)
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
            host=_name(member),
            id=member.id,
        ),
    )


# --- record -----------------------------------------------------------------------------------


def _attending(network: Network, ids: tuple[str, ...]) -> tuple[str, ...]:
    """The ids of `--attended`, each a member, each once; a `CommandError` naming an unknown one."""
    from netzwerk_cli.core.memberids import not_attending

    known = [m.id for m in network.members]
    found: list[str] = []
    for member_id in ids:
        if member_id not in known:
            raise CommandError(not_attending(member_id, known))
        if member_id not in found:
            found.append(member_id)
    return tuple(found)


def _record_attendance(
    held: Meeting, day: dt.date, attended: tuple[str, ...], *, add: bool
) -> Change:
    """Who took part in the meeting held on `day`: `attended`, or with `add` the ones recorded and
    `attended`. What it replaces is said, and the names it drops are named."""
    before = held.attended
    now = _merged(before or (), attended) if add else attended
    edit = SetKeys("meetings", held.position - 1, {"attended": list(now)})
    ids = list(now) or fact(N_("nobody"))
    if before is None:
        return Change(
            edit,
            fact(N_("Recorded who took part in the meeting of {date}: {ids}."), date=day, ids=ids),
        )
    summary = fact(
        N_("Recorded who took part in the meeting of {date}: {ids} (was: {was})."),
        date=day,
        ids=ids,
        was=list(before) or fact(N_("nobody")),
    )
    dropped = [member_id for member_id in before if member_id not in now]
    if not dropped:
        return Change(edit, summary)
    note = fact(
        N_(
            "No longer recorded as taking part: {ids}. To add to the list instead of replacing "
            "it, put a plus before each id: --attended +{id}"
        ),
        ids=dropped,
        id=dropped[0],
    )
    return Change(edit, summary, (note,))


def _merged(before: tuple[str, ...], added: tuple[str, ...]) -> tuple[str, ...]:
    """The ids recorded, then the ones added that are not among them."""
    return (*before, *(member_id for member_id in added if member_id not in before))


def _held_on(network: Network, day: dt.date) -> Meeting | None:
    return next(
        (
            m
            for m in network.meetings
            if m.status is Status.HELD and m.has_full_date and m.date == day
        ),
        None,
    )


def _default_record_host(
    network: Network, *, day: dt.date, today: dt.date
) -> tuple[str, Meeting | None]:
    """Without --host: the planned meeting on `day` (or in its month) or nearest before it, else
    the first one planned in the two weeks after it (held early), else the first one planned
    without a date, with its host. With none of these, no meeting, and the rotation's choice for
    `day` (which counts the meetings planned later as their hosts' turns)."""
    planned = [m for m in network.chronological() if m.status is Status.PLANNED]
    before = [m for m in planned if m.date is not None and _held_late(m.date, day)]
    if before:
        meeting = max(before, key=lambda m: m.sort_key)
        return meeting.host, meeting
    early = [m for m in planned if m.date is not None and _held_early(m.date, day)]
    if early:
        return early[0].host, early[0]
    undated = [m for m in planned if m.date is None]
    if undated:
        return undated[0].host, undated[0]
    return next_turn(network, on=day, undated_on=today).member.id, None


def _held_late(planned: dt.date, day: dt.date) -> bool:
    """Whether a meeting planned for `planned` may have been held on `day`, on its day or later:
    in its month, or up to four weeks after it."""
    return planned <= day and (_same_month(planned, day) or (day - planned).days <= HELD_LATE_DAYS)


def _held_early(planned: dt.date, day: dt.date) -> bool:
    """Whether a meeting planned for `planned` may have been held early, on `day`."""
    return 0 < (planned - day).days <= HELD_EARLY_DAYS


def _left_planned(network: Network, day: dt.date, host: str | None) -> tuple[Message, ...]:
    """The notes of a record that adds a new meeting while a meeting (of `host`, or of anyone) is
    planned more than four weeks before `day` or more than two weeks after it: that one stays
    planned."""
    earlier = [
        m
        for m in network.chronological()
        if m.status is Status.PLANNED
        and m.date is not None
        and m.date < day
        and not _held_late(m.date, day)
        and (host is None or m.host == host)
    ]
    notes = tuple(
        fact(
            N_(
                "The meeting planned for {date} ({host}) is more than four weeks before {day}: "
                "it stays planned (record or cancel it on its own), and the meeting of {day} is "
                "recorded as a new one."
            ),
            date=_when(meeting),
            host=meeting.host,
            day=day,
        )
        for meeting in earlier[-1:]
    )
    later = [
        m
        for m in network.chronological()
        if m.status is Status.PLANNED
        and m.date is not None
        and (m.date - day).days > HELD_EARLY_DAYS
        and (host is None or m.host == host)
    ]
    if not later:
        return notes
    return (
        *notes,
        fact(
            N_(
                "The meeting planned for {date} ({host}) is more than two weeks after {day}: it "
                "stays planned, and the meeting of {day} is recorded as a new one."
            ),
            date=_when(later[0]),
            host=later[0].host,
            day=day,
        ),
    )


def _refuse_recorded(network: Network, day: dt.date, member: Member) -> None:
    for meeting in network.meetings:
        if meeting.status is not Status.HELD or meeting.date is None:
            continue
        if meeting.has_full_date and meeting.date == day:
            raise CommandError(
                fact(
                    N_(
                        "a meeting on {date} is already recorded as held (hosted by {host}); "
                        "the network meets once a day at most"
                    ),
                    date=day,
                    host=meeting.host,
                )
            )
        if meeting.month_only and meeting.host == member.id and _same_month(meeting.date, day):
            raise CommandError(
                fact(
                    N_(
                        "{id} is already recorded as the host of a meeting held in {month} "
                        "(day unknown); to give it its day, edit its date in the file"
                    ),
                    id=member.id,
                    month=Month(meeting.date),
                )
            )


def _planned_for_record(network: Network, day: dt.date, host: str) -> Meeting | None:
    """The meeting the record turns into the held one, if the file has one for it.

    In this order: the host's planned or cancelled meeting on that day (or month); any planned
    meeting on that day (its host was swapped); the host's latest planned meeting before it; the
    host's planned meeting in the two weeks after it (held early); the host's planned meeting
    without a date. A planned meeting later than that stays as it is.
    """
    on_day = [m for m in network.meetings if _falls_on(m, day)]
    for meeting in on_day:
        if meeting.host == host and meeting.status is not Status.HELD:
            return meeting
    for meeting in on_day:
        if meeting.status is Status.PLANNED:
            return meeting
    mine = [m for m in network.meetings if m.host == host and m.status is Status.PLANNED]
    before = [m for m in mine if m.date is not None and m.date < day and _held_late(m.date, day)]
    if before:
        return max(before, key=lambda m: m.sort_key)
    early = [m for m in mine if m.date is not None and _held_early(m.date, day)]
    if early:
        return min(early, key=lambda m: m.sort_key)
    undated = [m for m in mine if m.date is None]
    return undated[0] if undated else None


# --- plan -------------------------------------------------------------------------------------


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
    member = _host(network, host, day or today)
    if day is not None:
        _refuse_held_on(network, day)
    values: dict[str, TomlValue] = {}
    if day is not None:
        values["date"] = _with_time(day, time)
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
            host=_name(member),
        )
    elif time is None:
        summary = fact(
            N_("Planned the meeting of {date} at {venue}, hosted by {host}."),
            date=day,
            venue=where,
            host=_name(member),
        )
    else:
        summary = fact(
            N_("Planned the meeting of {date} at {time} at {venue}, hosted by {host}."),
            date=day,
            time=time,
            venue=where,
            host=_name(member),
        )
    if duration is not None:
        summary = fact(
            N_("{summary} Length: {minutes} minutes."), summary=summary, minutes=duration
        )
    return Change(AddTable("meetings", values), summary)


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
    member = _host(network, host or target.host, new_day or target.date or today)
    values: dict[str, TomlValue] = {}
    changed: list[Message] = []
    if new_day is not None:
        when = _with_time(new_day, time or target.time)
        if new_day != target.date or target.month_only or (time and time != target.time):
            values["date"] = when
            changed.append(fact(N_("date {date} (was {was})"), date=when, was=_when(target)))
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
            N_("Re-planned the meeting hosted by {host}: {changes}."),
            host=_name(member),
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


# --- shared -----------------------------------------------------------------------------------


def _member(network: Network, member_id: str, *, host: bool = True) -> Member:
    """The member with this id; a `CommandError` naming it as the host (or, for the member
    commands, `host=False`, as the member) that is none."""
    if not network.has_member(member_id):
        ids = [m.id for m in network.members]
        if not host:
            _no_member(member_id, ids)
        if not ids:
            raise CommandError(
                fact(
                    N_('unknown host: "{host}" is not a member (members: none yet)'),
                    host=member_id,
                )
            )
        raise CommandError(
            fact(
                N_('unknown host: "{host}" is not a member (members: {ids})'),
                host=member_id,
                ids=ids,
            )
        )
    return network.member(member_id)


def _no_member(member_id: str, ids: list[str]) -> NoReturn:
    if not ids:
        raise CommandError(fact(N_('"{id}" is not a member (members: none yet)'), id=member_id))
    raise CommandError(fact(N_('"{id}" is not a member (members: {ids})'), id=member_id, ids=ids))


def _host(network: Network, member_id: str, day: dt.date) -> Member:
    member = _member(network, member_id)
    if not member.hosts:
        raise CommandError(
            fact(N_("{id} does not host meetings (hosts = false in the file)"), id=member_id)
        )
    if member.joined is not None and day < member.joined:
        raise CommandError(
            fact(
                N_("{id} cannot host on {date}: it joins on {joined}"),
                id=member_id,
                date=day,
                joined=member.joined,
            )
        )
    if member.left is not None and day >= member.left:
        raise CommandError(
            fact(
                N_("{id} cannot host on {date}: it left on {left}"),
                id=member_id,
                date=day,
                left=member.left,
            )
        )
    back = member.rejoins_after(day)
    if back is not None:
        raise CommandError(
            fact(
                N_("{id} cannot host on {date}: it belongs to the network again only from {back}"),
                id=member_id,
                date=day,
                back=back,
            )
        )
    return member


def _several_planned(day: dt.date, planned: list[Meeting]) -> Message:
    return fact(
        N_("{count} meetings are planned on {date} ({hosts}): say which with --host"),
        count=len(planned),
        date=day,
        hosts=[m.host for m in planned],
    )


def _texts(
    title: str | None, notes: str | None, description: str | None = None
) -> dict[str, TomlValue]:
    """The texts a command gives a meeting: `notes` stay private, `description` is shared."""
    texts: dict[str, TomlValue] = {}
    if title:
        texts["title"] = title
    if notes:
        texts["notes"] = notes
    if description:
        texts["description"] = description
    return texts


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


def _with_time(day: dt.date, time: dt.time | None) -> dt.date:
    return dt.datetime.combine(day, time) if time is not None else day


def _when(meeting: Meeting) -> dt.date | Month | Message:
    """How a sentence names a meeting's date: as `label_of`, with its time of day if it has one."""
    if meeting.has_full_date and meeting.date is not None and meeting.time is not None:
        return dt.datetime.combine(meeting.date, meeting.time)
    return label_of(meeting)


def _falls_on(meeting: Meeting, day: dt.date) -> bool:
    if meeting.date is None:
        return False
    if meeting.month_only:
        return _same_month(meeting.date, day)
    return meeting.date == day


def _same_month(a: dt.date, b: dt.date) -> bool:
    return (a.year, a.month) == (b.year, b.month)


def _name(member: Member) -> str:
    return f"{member.id} ({member.name})"
