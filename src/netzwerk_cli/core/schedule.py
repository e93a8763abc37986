"""The coming meetings: planned ones from the file, then the cadence's slots, hosted by rotation.

Pure: the public and school holidays come in through a `HolidayLookup` (`core.holidaydays`), and
the cadence's rule is read by `core.rrules`. A holiday's names in both languages travel with it as
data; `words` says one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import groupby
from typing import TYPE_CHECKING

from netzwerk_cli.calendar.uids import slot_uid
from netzwerk_cli.core.holidaydays import (
    MAX_SHIFT_DAYS,
    HolidayLookup,
    SchoolHolidaySource,
    holiday_on,
    next_working_day,
    out_of_school,
    school_holidays_on,
    school_lookup,
)
from netzwerk_cli.core.rotation import replay
from netzwerk_cli.core.rrules import in_phase_start, parse_cadence
from netzwerk_cli.errors import NoHostError
from netzwerk_cli.message import N_, Message, Month, Subject, fact
from netzwerk_cli.model import (
    HolidayHit,
    HolidayPolicy,
    Meeting,
    Member,
    Network,
    SchoolHolidayPolicy,
    SchoolHolidays,
    Status,
)

if TYPE_CHECKING:
    pass

# A rule whose every date is dropped must still end: look this many years ahead at most (the
# `holidays` package knows no holidays past 2100 either, so a longer look would be meaningless).
MAX_YEARS_AHEAD = 50
SATURDAY = 5  # `date.weekday()`: Saturday and Sunday are the weekend


class Kind(StrEnum):
    """Where a coming meeting comes from."""

    PLANNED = "planned"  # a planned meeting in the file, with or without a fixed date
    PROPOSED = "proposed"  # a slot that only the cadence proposes


@dataclass(frozen=True)
class ComingMeeting:
    """One row of the schedule."""

    kind: Kind
    host: Member
    venue: str
    reason: Message
    date: dt.date | None = None  # None: a planned meeting that no cadence slot dates yet
    month_only: bool = False
    start: dt.time | None = None
    moved_from: dt.date | None = None
    holiday: HolidayHit | SchoolHolidays | None = None  # why it moved
    meeting: Meeting | None = None  # the file's planned meeting, if this is one
    slot: dt.date | None = None  # the cadence date this row fills, before any holiday move
    school: SchoolHolidays | None = None  # the school holidays its date falls into

    @property
    def on_weekend(self) -> bool:
        """Whether its day is known and is a Saturday or Sunday (flagged, as a holiday is)."""
        return self.date is not None and not self.month_only and self.date.weekday() >= SATURDAY

    @property
    def start_at(self) -> dt.datetime | None:
        """The local start date-time when both date and time are known."""
        if self.date is None or self.start is None or self.month_only:
            return None
        return dt.datetime.combine(self.date, self.start)


@dataclass(frozen=True)
class DroppedDate:
    """A cadence date left out under `holidays = "skip"` (or that `shift` could not move)."""

    day: dt.date
    holiday: HolidayHit


@dataclass(frozen=True)
class Schedule:
    """The coming meetings and what the cadence dropped on the way."""

    meetings: tuple[ComingMeeting, ...]
    dropped: tuple[DroppedDate, ...] = ()
    has_cadence: bool = True
    exhausted: Message | None = None  # why the cadence gave fewer meetings than asked for


def cadence_start(network: Network, *, today: dt.date) -> dt.date:
    """The rule's DTSTART: `cadence_start`, else the earliest full meeting date, else today."""
    if network.cadence_start is not None:
        return network.cadence_start
    dated = [m.date for m in network.meetings if m.has_full_date and m.date is not None]
    return min(dated) if dated else today


def coming_meetings(
    network: Network,
    *,
    today: dt.date,
    holidays: HolidayLookup,
    count: int | None = 4,
    until: dt.date | None = None,
) -> Schedule:
    """The next `count` meetings from `today` on (and none after `until`), each with the school
    holidays its date falls into (none looked up under `school_holidays = "ignore"`)."""
    schedule = _coming_rows(network, today=today, holidays=holidays, count=count, until=until)
    school = school_lookup(network, holidays)
    if school is None:
        return schedule
    rows = (
        replace(row, school=school_holidays_on(network, row.date, school))
        if row.date is not None and not row.month_only
        else row
        for row in schedule.meetings
    )
    return replace(schedule, meetings=tuple(rows))


def _coming_rows(
    network: Network,
    *,
    today: dt.date,
    holidays: HolidayLookup,
    count: int | None,
    until: dt.date | None,
) -> Schedule:
    rows: list[ComingMeeting] = []
    dropped: list[DroppedDate] = []

    def room() -> bool:
        return count is None or len(rows) < count

    planned = [m for m in network.chronological() if m.status is Status.PLANNED]
    for meeting in planned:
        if meeting.date is None or not meeting.is_coming(today):
            continue
        if until is not None and meeting.date > until:
            break
        if not room():
            return Schedule(tuple(rows), has_cadence=network.cadence is not None)
        rows.append(_planned_row(network, meeting))
    undated = [m for m in planned if m.date is None]
    if network.cadence is None:
        rows.extend(_planned_row(network, m) for m in undated[: _left(count, rows)])
        return Schedule(tuple(rows), has_cadence=False)

    # Planned meetings without a date take the first cadence dates; they count in the rotation on
    # those dates (a member that joins meanwhile is judged by the round as it then stands).
    state = replay(network, undated_on=None)
    exhausted: Message | None = None
    slots = _slots(network, today=today, lookup=holidays, dropped=dropped)
    while room():
        try:
            slot, day, hit = next(slots)
        except StopIteration as stop:
            exhausted = stop.value
            break
        if until is not None and slot > until:
            break
        # A date a holiday moved past `until` is left out, but it keeps its turn: a later slot
        # whose date is not moved may still fall before `until` (a Thursday moved over a long
        # weekend comes after the Sunday slot), and its host is the one of the whole list.
        shown = until is None or day <= until
        if undated:
            meeting = undated.pop(0)
            if shown:
                rows.append(_planned_row(network, meeting, day=day, slot=slot, hit=hit))
            state = state.after(meeting.host, day)
            continue
        try:
            turn = state.choose(on=day)
        except NoHostError as exc:
            if _someone_joins_after(network, day):
                continue  # a gap in the membership: later dates have a host again
            exhausted = exc.text
            break
        state = state.after(turn.member.id, day)
        if not shown:
            continue
        rows.append(
            ComingMeeting(
                kind=Kind.PROPOSED,
                host=turn.member,
                venue=turn.member.seat,
                reason=turn.reason,
                date=day,
                start=network.start,
                moved_from=slot if day != slot else None,
                holiday=hit,  # given only with a moved date
                slot=slot,
            )
        )
    if exhausted is not None:
        # Planned meetings that no cadence date is left for are still planned: list them undated.
        rows.extend(_planned_row(network, m) for m in undated[: _left(count, rows)])
    if until is not None:
        dropped = [d for d in dropped if d.day <= until]
    return Schedule(tuple(rows), tuple(dropped), True, exhausted)


def next_meeting(network: Network, *, today: dt.date, holidays: HolidayLookup) -> ComingMeeting:
    """The next meeting: the first row of the schedule, or the rotation's choice without a date."""
    schedule = coming_meetings(network, today=today, holidays=holidays, count=1)
    if schedule.meetings:
        return schedule.meetings[0]
    turn = replay(network, undated_on=today).choose(on=today)
    return ComingMeeting(
        kind=Kind.PROPOSED, host=turn.member, venue=turn.member.seat, reason=turn.reason
    )


def _left(count: int | None, rows: list[ComingMeeting]) -> int | None:
    return None if count is None else max(count - len(rows), 0)


def _planned_row(
    network: Network,
    meeting: Meeting,
    *,
    day: dt.date | None = None,
    slot: dt.date | None = None,
    hit: HolidayHit | SchoolHolidays | None = None,
) -> ComingMeeting:
    member = network.member(meeting.host)
    if day is not None:
        why = fact(
            N_("{name} hosts the meeting planned in the file for {date}, the cadence's next date."),
            name=Subject.of(member),
            date=day,
        )
    elif meeting.date is None:
        why = fact(
            N_("{name} hosts the meeting planned in the file for a date still to be fixed."),
            name=Subject.of(member),
        )
    elif meeting.month_only:
        why = fact(
            N_("{name} hosts the meeting planned in the file for {month}."),
            name=Subject.of(member),
            month=Month(meeting.date),
        )
    else:
        why = fact(
            N_("{name} hosts the meeting planned in the file for {date}."),
            name=Subject.of(member),
            date=meeting.date,
        )
    return ComingMeeting(
        kind=Kind.PLANNED,
        host=member,
        venue=network.venue_of(meeting),
        reason=why,
        date=meeting.date or day,
        month_only=meeting.month_only,
        start=(meeting.time or network.start) if (meeting.date or day) else None,
        moved_from=slot if day is not None and day != slot else None,
        holiday=hit,  # given only with a moved date
        meeting=meeting,
        slot=slot,
    )


def _someone_joins_after(network: Network, day: dt.date) -> bool:
    """Whether a member that hosts joins after `day`, so that later dates may have a host."""
    return any(
        m.hosts and any(j is not None and j > day for j in (m.joined, *(e for _, e in m.away)))
        for m in network.members
    )


def _after_latest(network: Network) -> dt.date | None:
    """The last day a dated meeting of the file occupies (a month-only one: its whole month)."""
    ends = [m.last_day for m in network.meetings if m.last_day is not None]
    return max(ends) if ends else None


def _slots(
    network: Network,
    *,
    today: dt.date,
    lookup: HolidayLookup,
    dropped: list[DroppedDate],
) -> Generator[tuple[dt.date, dt.date, HolidayHit | SchoolHolidays | None], None, Message]:
    """(cadence date, meeting date, holiday it moved for) from today on, after the file's meetings.

    Returns (as StopIteration's value) why it ended, if the rule ran out or gave only holidays.
    """
    assert network.cadence is not None
    latest = _after_latest(network)
    if latest is not None and latest >= dt.date.max:
        return fact(N_("the file's meetings reach the last day there is"))
    begin = today if latest is None or latest < today else latest + dt.timedelta(days=1)
    start = cadence_start(network, today=today)
    rule = parse_cadence(
        network.cadence, dtstart=in_phase_start(network.cadence, dtstart=start, begin=begin)
    )
    # The end of a year, not begin's day 50 years on: 29 February has no such day in most years.
    horizon = dt.date(min(begin.year + MAX_YEARS_AHEAD, dt.MAXYEAR), 12, 31)
    # A cadence date that a meeting of the file was planned for (it carries the date's UID) is
    # filled, even if that meeting moved to another day: proposing it again would be a second event
    # under the same UID.
    filled = {m.uid for m in network.meetings if m.uid}
    shifting = network.school_holidays is SchoolHolidayPolicy.SHIFT
    school = school_lookup(network, lookup) if shifting else None
    gave_one = False  # the message at the horizon depends on it
    # Each day once, even from a rule with two times a day (the same day comes in a row).
    days = (o.date() for o in rule.xafter(dt.datetime.combine(begin, dt.time()), inc=True))
    for slot, _ in groupby(days):
        if slot > horizon:
            if gave_one:
                return fact(
                    N_("the schedule looks at most {years} years ahead (to {date})"),
                    years=MAX_YEARS_AHEAD,
                    date=horizon,
                )
            return fact(
                N_(
                    "the cadence gave no usable date in the {years} years after {date}: "
                    "each fell on a public holiday"
                ),
                years=MAX_YEARS_AHEAD,
                date=begin,
            )
        if filled and slot_uid(network, slot) in filled:
            continue
        hit = (
            None if network.holidays is HolidayPolicy.IGNORE else holiday_on(network, slot, lookup)
        )
        if hit is None:
            gave_one = True
            yield slot, *out_of_school(network, slot, None, lookup, school, rule)
            continue
        if network.holidays is HolidayPolicy.SKIP:
            dropped.append(DroppedDate(slot, hit))
            continue
        moved = next_working_day(network, slot, lookup)
        if moved is None:
            dropped.append(DroppedDate(slot, hit))
            continue
        gave_one = True
        yield slot, *out_of_school(network, moved, hit, lookup, school, rule)
    return fact(
        N_("the cadence has no more dates (its COUNT or UNTIL is reached, or it matches no day)")
    )


# The holiday lookups are re-exported: the schedule is where most callers meet them.
__all__ = [
    "MAX_SHIFT_DAYS",
    "ComingMeeting",
    "DroppedDate",
    "HolidayHit",
    "HolidayLookup",
    "Kind",
    "Schedule",
    "SchoolHolidaySource",
    "cadence_start",
    "coming_meetings",
    "holiday_on",
    "next_meeting",
    "school_holidays_on",
    "school_lookup",
]
