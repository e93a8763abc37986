"""The coming meetings: planned ones from the file, then the cadence's slots, hosted by rotation.

Pure: the public holidays come in through a `HolidayLookup` (state code, year -> {date: names}),
so the core never imports the `holidays` package or touches a cache itself. A holiday's names in
both languages travel with it as data; `words` says one. A lookup that also has `school(state,
year)` (a `SchoolHolidaySource`, as the holiday cache is) gives the school holidays too; any other
gives none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import groupby
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from netzwerk_cli.calendar.uids import slot_uid
from netzwerk_cli.core.rotation import replay
from netzwerk_cli.errors import NoHostError
from netzwerk_cli.message import N_, Message, Month, fact
from netzwerk_cli.model import (
    HolidayHit,
    HolidayName,
    HolidayPolicy,
    Meeting,
    Member,
    Network,
    SchoolHolidayPolicy,
    SchoolHolidays,
    Status,
)

if TYPE_CHECKING:
    from dateutil.rrule import rrule

HolidayLookup = Callable[[str, int], Mapping[dt.date, HolidayName]]


@runtime_checkable
class SchoolHolidaySource(Protocol):
    """A holiday lookup that knows the school holidays too, day by day (the holiday cache)."""

    def __call__(self, state: str, year: int) -> Mapping[dt.date, HolidayName]: ...

    def school(self, state: str, year: int) -> Mapping[dt.date, HolidayName]: ...


# A rule whose every date is dropped must still end: look this many years ahead at most (the
# `holidays` package knows no holidays past 2100 either, so a longer look would be meaningless).
MAX_YEARS_AHEAD = 50
# `shift` moves a date by at most this many days before it gives up on it.
MAX_SHIFT_DAYS = 31
SATURDAY = 5  # `date.weekday()`: Saturday and Sunday are the weekend
_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# The German two-letter days, taken in a rule as a convenience and written as RFC 5545's.
GERMAN_WEEKDAY_CODES = {"DI": "TU", "MI": "WE", "DO": "TH", "SO": "SU"}
# The parts of a rule that dateutil reads (BYWEEKDAY and BYEASTER are its own), and those that
# hold whole numbers.
_PARTS = (
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYMONTH",
    "BYWEEKNO",
    "BYYEARDAY",
    "BYMONTHDAY",
    "BYDAY",
    "BYHOUR",
    "BYMINUTE",
    "BYSECOND",
    "BYSETPOS",
    "WKST",
    "BYWEEKDAY",
    "BYEASTER",
)
_NUMBER_PARTS = {p for p in _PARTS if p not in ("FREQ", "UNTIL", "BYDAY", "WKST", "BYWEEKDAY")}
# A weekday of BYDAY (with its optional number: 2TU, -1FR) or of WKST.
_WEEKDAY = re.compile(r"[+-]?[0-9]{0,2}(?:MO|TU|WE|TH|FR|SA|SU)")


class CadenceError(ValueError):
    """The cadence is not an RFC 5545 rule this tool can use; `why` says why."""

    def __init__(self, why: Message) -> None:
        super().__init__(why.msgid)
        self.why = why


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


def parse_cadence(text: str, *, dtstart: dt.date) -> rrule:
    """The cadence as a dateutil rule counting from `dtstart`; `CadenceError` if unusable."""
    from dateutil.rrule import rrule, rrulestr

    body = normalise_rule(text)
    if "DTSTART" in body.upper():
        raise CadenceError(fact(N_("give the start as cadence_start, not DTSTART inside the rule")))
    parts = _rule_parts(body)
    if parts.get("FREQ") not in _FREQUENCIES:
        raise CadenceError(fact(N_("FREQ must be one of {values}"), values=list(_FREQUENCIES)))
    if "\n" in body.strip():
        raise CadenceError(fact(N_("give one rule, not a set")))
    _check_parts(body)
    for name in ("BYDAY", "BYWEEKDAY", "WKST"):
        bad = [d for d in parts.get(name, "MO").split(",") if not _WEEKDAY.fullmatch(d.strip())]
        if bad:
            raise CadenceError(
                fact(
                    N_(
                        "{name}={value}: {bad} is no weekday; the weekdays are MO TU WE TH FR "
                        "SA SU (the German MO DI MI DO FR SA SO are taken too), with a number "
                        "before them for one of the month: 2TU, -1FR"
                    ),
                    name=name,
                    value=parts[name],
                    bad=bad[0] or '""',
                )
            )
    # dateutil takes INTERVAL=0, then loops for ever, and a negative one, then fails deep inside.
    interval = parts.get("INTERVAL")
    if interval is not None and re.fullmatch(r"[+-]?[0-9]+", interval) and int(interval) < 1:
        raise CadenceError(fact(N_("INTERVAL must be 1 or more, not {value}"), value=interval))
    try:
        rule = rrulestr(body, dtstart=dt.datetime.combine(dtstart, dt.time()))
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        # dateutil's own words (e.g. "unknown parameter name"), quoted as it says them.
        raise CadenceError(
            fact(N_("dateutil cannot read it: {why}"), why=str(exc) or type(exc).__name__)
        ) from None
    if not isinstance(rule, rrule):  # pragma: no cover - rrulestr gives an rruleset only for sets
        raise CadenceError(fact(N_("give one rule, not a set")))
    return rule


def _check_parts(body: str) -> None:
    """A `CadenceError` in the reader's words for a part that dateutil would refuse in English:
    one that is no NAME=VALUE, an unknown name, a number that is none."""
    for part in body.split(";"):
        name, equals, value = part.partition("=")
        if not equals:
            raise CadenceError(
                fact(
                    N_("{part} is not a part like NAME=VALUE (the parts are separated by ;)"),
                    part=repr(part),
                )
            )
        if name.upper() not in _PARTS:
            raise CadenceError(
                fact(
                    N_("{name} is not a part of a rule; the parts are {names}"),
                    name=name,
                    names=list(_PARTS[:14]),
                )
            )
        if name.upper() == "UNTIL" and not re.fullmatch(r"[0-9]{8}(T[0-9]{6}Z?)?", value.upper()):
            raise CadenceError(fact(N_("UNTIL={value} is not a date like 20301231"), value=value))
        if name.upper() in _NUMBER_PARTS:
            bad = [n for n in value.split(",") if not re.fullmatch(r"[+-]?[0-9]+", n)]
            if bad:
                raise CadenceError(
                    fact(
                        N_("{name}={value}: {bad} is not a whole number"),
                        name=name,
                        value=value,
                        bad=bad[0] or '""',
                    )
                )


def normalise_rule(text: str) -> str:
    """The rule without `RRULE:` and the spaces around it, its German two-letter days (DI, MI,
    DO, SO) written as RFC 5545's (TU, WE, TH, SU), without spaces around its parts and values and
    without empty parts (a trailing `;`); its other parts as written."""
    parts = []
    for part in _rule_body(text).split(";"):
        name, equals, value = part.partition("=")
        name, value = name.strip(), ",".join(item.strip() for item in value.split(","))
        if equals and name.upper() in ("BYDAY", "BYWEEKDAY", "WKST"):
            value = ",".join(_english_day(item) for item in value.split(","))
        if name or equals or value:
            parts.append(f"{name}{equals}{value}")
    return ";".join(parts)


def _english_day(item: str) -> str:
    match = re.fullmatch(r"\s*([+-]?[0-9]*)([A-Za-z]{2})\s*", item)
    if match is None:
        return item
    code = match[2].upper()
    return match[1] + GERMAN_WEEKDAY_CODES.get(code, code)


def rule_parts(text: str) -> dict[str, str]:
    """The rule's NAME=VALUE parts, in upper case, its German days as RFC 5545's."""
    return _rule_parts(normalise_rule(text))


def _rule_body(text: str) -> str:
    """The rule without the spaces around it and its optional `RRULE:` (in any case)."""
    body = text.strip()
    return body[len("RRULE:") :] if body.upper().startswith("RRULE:") else body


def _rule_parts(body: str) -> dict[str, str]:
    """The rule's NAME=VALUE parts, in upper case."""
    return dict(p.split("=", 1) for p in body.upper().split(";") if "=" in p)


def in_phase_start(cadence: str, *, dtstart: dt.date, begin: dt.date) -> dt.date:
    """A DTSTART as late as `begin` allows that gives the rule the same dates from `begin` on.

    A rule without COUNT repeats its pattern every INTERVAL days, weeks, months or years, counted
    from DTSTART; what it takes from DTSTART (the weekday, the day of the month, the month) stays
    the same when DTSTART moves by whole periods. So the search for the next date need not walk
    the weeks since a first meeting four centuries ago. A rule with COUNT counts from its first
    date and keeps `dtstart`; so do a monthly rule from the 29th on and a yearly one from
    29 February (a whole period later, that day may not exist).
    """
    parts = rule_parts(cadence)
    frequency = parts.get("FREQ")
    if "COUNT" in parts:
        return dtstart
    try:
        interval = int(parts.get("INTERVAL", "1"))
    except ValueError:
        return dtstart
    if interval < 1:
        return dtstart
    # One period less than fits: the rule's first period is cut at DTSTART (BYSETPOS counts only
    # the dates from there), so it must end before `begin`.
    if frequency in ("DAILY", "WEEKLY"):
        step = interval * (7 if frequency == "WEEKLY" else 1)
        periods = (begin - dtstart).days // step - 1
        return dtstart + dt.timedelta(days=max(periods, 0) * step)
    if dtstart.day > 28 or frequency not in ("MONTHLY", "YEARLY"):
        return dtstart
    months = interval * (12 if frequency == "YEARLY" else 1)
    elapsed = (begin.year - dtstart.year) * 12 + begin.month - dtstart.month
    if begin.day < dtstart.day:
        elapsed -= 1
    shift = max(elapsed // months - 1, 0) * months
    month = dtstart.month - 1 + shift
    return dtstart.replace(year=dtstart.year + month // 12, month=month % 12 + 1)


def cadence_start(network: Network, *, today: dt.date) -> dt.date:
    """The rule's DTSTART: `cadence_start`, else the earliest full meeting date, else today."""
    if network.cadence_start is not None:
        return network.cadence_start
    dated = [m.date for m in network.meetings if m.has_full_date and m.date is not None]
    return min(dated) if dated else today


def holiday_on(network: Network, day: dt.date, lookup: HolidayLookup) -> HolidayHit | None:
    """The public holiday on `day` in the state of any member that belongs to the network then."""
    found = _names_on(network, day, lookup)
    return HolidayHit(found) if found else None


def _names_on(
    network: Network, day: dt.date, lookup: HolidayLookup
) -> tuple[tuple[HolidayName, tuple[str, ...]], ...]:
    """The holidays of `lookup` on `day`, each with the states of the members that belong then
    and have it (in the states' order)."""
    states = sorted({m.state for m in network.members if m.belongs_on(day)})
    found: dict[HolidayName, list[str]] = {}
    for state in states:
        name = lookup(state, day.year).get(day)
        if name is not None:
            found.setdefault(name, []).append(state)
    return tuple((name, tuple(where)) for name, where in found.items())


def school_lookup(network: Network, holidays: HolidayLookup) -> HolidayLookup | None:
    """The school holidays' lookup, unless the network ignores them or `holidays` lacks them."""
    if network.school_holidays is SchoolHolidayPolicy.IGNORE:
        return None
    return holidays.school if isinstance(holidays, SchoolHolidaySource) else None


def school_holidays_on(
    network: Network, day: dt.date, school: HolidayLookup | None
) -> SchoolHolidays | None:
    """The school holidays that `day` falls into in the state of any member that belongs then."""
    if school is None:
        return None
    found = _names_on(network, day, school)
    return SchoolHolidays(found) if found else None


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
            name=member.name,
            date=day,
        )
    elif meeting.date is None:
        why = fact(
            N_("{name} hosts the meeting planned in the file for a date still to be fixed."),
            name=member.name,
        )
    elif meeting.month_only:
        why = fact(
            N_("{name} hosts the meeting planned in the file for {month}."),
            name=member.name,
            month=Month(meeting.date),
        )
    else:
        why = fact(
            N_("{name} hosts the meeting planned in the file for {date}."),
            name=member.name,
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
            yield slot, *_out_of_school(network, slot, None, lookup, school, rule)
            continue
        if network.holidays is HolidayPolicy.SKIP:
            dropped.append(DroppedDate(slot, hit))
            continue
        moved = _shift(network, slot, lookup)
        if moved is None:
            dropped.append(DroppedDate(slot, hit))
            continue
        gave_one = True
        yield slot, *_out_of_school(network, moved, hit, lookup, school, rule)
    return fact(
        N_("the cadence has no more dates (its COUNT or UNTIL is reached, or it matches no day)")
    )


def _shift(network: Network, day: dt.date, lookup: HolidayLookup) -> dt.date | None:
    """The next weekday after `day` that is no public holiday in any member's state."""
    for offset in range(1, MAX_SHIFT_DAYS + 1):
        if day > dt.date.max - dt.timedelta(days=offset):
            return None
        candidate = day + dt.timedelta(days=offset)
        if candidate.weekday() < 5 and holiday_on(network, candidate, lookup) is None:
            return candidate
    return None


def _out_of_school(
    network: Network,
    day: dt.date,
    hit: HolidayHit | None,
    lookup: HolidayLookup,
    school: HolidayLookup | None,
    rule: rrule,
) -> tuple[dt.date, HolidayHit | SchoolHolidays | None]:
    """Under `school_holidays = "shift"`: a day in the school holidays moves to the same weekday
    of the first week after them that is no school or public holiday in any member's state, within
    its month and before the cadence's next date (a weekly cadence must not stack its dates on one
    day); with no such week it stays (and is warned of). Else the day and what moved it."""
    found = school_holidays_on(network, day, school)
    if found is None:
        return day, hit
    public = None if network.holidays is HolidayPolicy.IGNORE else lookup
    following = rule.after(dt.datetime.combine(day, dt.time.max))  # the next date after `day`
    candidate = day
    while candidate <= dt.date.max - dt.timedelta(days=7):
        candidate += dt.timedelta(days=7)
        if candidate.month != day.month or (following and candidate >= following.date()):
            break
        if school_holidays_on(network, candidate, school) is None and (
            public is None or holiday_on(network, candidate, public) is None
        ):
            return candidate, found
    return day, hit


__all__ = [
    "CadenceError",
    "ComingMeeting",
    "DroppedDate",
    "HolidayHit",
    "HolidayLookup",
    "Kind",
    "Schedule",
    "SchoolHolidaySource",
    "coming_meetings",
    "next_meeting",
    "parse_cadence",
    "school_holidays_on",
    "school_lookup",
]
