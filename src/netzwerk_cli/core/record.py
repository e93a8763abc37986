"""What `netzwerk record` changes: which planned meeting a held one takes, and who took part.

Pure, as `core/changes.py`: network, request and today in; one `Change` or a `CommandError` out.
The rules decided here: a record takes the host's planned (or cancelled) meeting on its day or in
its month, the one planned up to six weeks before it (held late) or up to two weeks after it
(held early), or one planned without a date; else it adds a new held meeting and says which planned
ones stay. `--attended` sets (or, with `+`, adds to) the list of who took part.
"""

from __future__ import annotations

import datetime as dt

from netzwerk_cli.calendar import uids
from netzwerk_cli.core.changes import Change, host_on, name_of, when_of, with_time
from netzwerk_cli.core.edits import AddTable, SetKeys, TomlValue
from netzwerk_cli.core.rotation import next_turn
from netzwerk_cli.core.schedule import HolidayLookup
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, Message, Month, fact
from netzwerk_cli.model import Meeting, Member, Network, Status

# A meeting recorded up to two weeks before the host's planned one is that meeting, held early.
HELD_EARLY_DAYS = 14
# How long after its planned day a meeting may have been held and still be that meeting (put off
# by a few weeks); a planned meeting further back is another one, never recorded.
HELD_LATE_DAYS = 42


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
    member = host_on(network, host, day)
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
            _took_part(
                fact(
                    N_("Recorded the meeting of {date} at {venue}, hosted by {host}."),
                    date=day,
                    venue=values["venue"],
                    host=name_of(member),
                ),
                values,
            ),
            (
                *_left_planned(network, day, member.id if chosen else None),
                *_held_near(network, day),
            ),
        )
    if not (target.has_full_date and target.date == day):
        values["date"] = with_time(day, target.time)
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
            date=with_time(day, target.time),
            venue=new_venue,
            host=name_of(member),
        )
        return Change(SetKeys("meetings", target.position - 1, values), _took_part(said, values))
    if target.date is None:
        was = fact(N_("planned without a date"))
    elif target.status is Status.CANCELLED:
        was = fact(N_("cancelled for {date}"), date=when_of(target))
    else:
        was = fact(N_("planned for {date}"), date=when_of(target))
    if target.host != member.id:
        was = fact(N_("{was} with host {host}"), was=was, host=target.host)
    said = fact(
        N_("Recorded the meeting of {date} at {venue}, hosted by {host}; it was {was}."),
        date=with_time(day, target.time),
        venue=new_venue,
        host=name_of(member),
        was=was,
    )
    return Change(SetKeys("meetings", target.position - 1, values), _took_part(said, values))


def _took_part(said: Message, values: dict[str, TomlValue]) -> Message:
    """The record's sentence, and who took part when `--attended` gave it."""
    attended = values.get("attended")
    if not isinstance(attended, list):
        return said
    ids = [str(i) for i in attended] or fact(N_("nobody"))
    return fact(N_("{recorded} Took part: {ids}."), recorded=said, ids=ids)


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
    if tuple(now) == tuple(before):
        return Change(
            edit,
            fact(
                N_("Who took part in the meeting of {date} is recorded already: {ids}."),
                date=day,
                ids=ids,
            ),
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
    in its month, or up to six weeks after it."""
    return planned <= day and (_same_month(planned, day) or (day - planned).days <= HELD_LATE_DAYS)


def _held_early(planned: dt.date, day: dt.date) -> bool:
    """Whether a meeting planned for `planned` may have been held early, on `day`."""
    return 0 < (planned - day).days <= HELD_EARLY_DAYS


def _left_planned(network: Network, day: dt.date, host: str | None) -> tuple[Message, ...]:
    """The notes of a record that adds a new meeting while a meeting (of `host`, or of anyone) is
    planned more than six weeks before `day` or more than two weeks after it: that one stays
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
                "The meeting planned for {date} ({host}) is more than six weeks before {day}: "
                "it stays planned (record or cancel it on its own), and the meeting of {day} is "
                "recorded as a new one."
            ),
            date=when_of(meeting),
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
            date=when_of(later[0]),
            host=later[0].host,
            day=day,
        ),
    )


def _held_near(network: Network, day: dt.date) -> tuple[Message, ...]:
    """A note when a new held meeting is recorded within two weeks of one recorded already: a
    meeting recorded first on a wrong day, then on the right one, would be held twice."""
    near = [
        m
        for m in network.chronological()
        if m.status is Status.HELD
        and m.has_full_date
        and m.date is not None
        and 0 < abs((m.date - day).days) <= HELD_EARLY_DAYS
    ]
    return tuple(
        fact(
            N_(
                "A meeting hosted by {host} is recorded as held on {date} already. If that was "
                "this meeting, recorded on a wrong day, take the wrong one back: `netzwerk undo` "
                "right after this, or see the manual, Undo a mistake."
            ),
            host=meeting.host,
            date=meeting.date,
        )
        for meeting in near[-1:]
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


def _falls_on(meeting: Meeting, day: dt.date) -> bool:
    if meeting.date is None:
        return False
    if meeting.month_only:
        return _same_month(meeting.date, day)
    return meeting.date == day


def _same_month(a: dt.date, b: dt.date) -> bool:
    return (a.year, a.month) == (b.year, b.month)
