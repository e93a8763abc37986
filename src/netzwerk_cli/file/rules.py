"""The rules of the network file that its declaration (`file.schema`) cannot say: one small
function per rule, each adding its located problems. The rules within one table (a cadence that
gives no day, `left` after `joined`) and across tables (a host that is a member, a time in a gap
of the clocks in the network's timezone)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from netzwerk_cli.errors import Problem
from netzwerk_cli.file.taking import is_member_id
from netzwerk_cli.message import N_, Message, Typed, fact
from netzwerk_cli.model import DEFAULT_TIMEZONE, GERMAN_STATES, Meeting, Status

if TYPE_CHECKING:
    from dateutil.rrule import rrule


def gives_a_day(rule: rrule, start: dt.date) -> bool:
    """Whether the cadence gives any date at all.

    400 Gregorian years are exactly 146,097 days, 20,871 weeks and 4,800 months: moved by a
    multiple of them, a rule gives the same days of the month and of the week, in the same phase
    of its INTERVAL. So it is asked from the last such start that leaves 400 years before 9999, the
    end of dateutil's calendar: a rule that no day matches (BYSETPOS=2 of a daily rule, 30
    February) is searched through those years alone, not day by day from its start to 9999 (ten
    seconds), and a rule that gives days finds its first at once. UNTIL and COUNT are left out:
    they end a rule, they do not say whether it matches a day."""
    years = (dt.MAXYEAR - 400 - start.year) // 400 * 400
    later = dt.datetime.combine(start.replace(year=start.year + years), dt.time())
    return next(iter(rule.replace(dtstart=later, count=None, until=None)), None) is not None


def check_timezone(name: str, where: str, problems: list[Problem]) -> None:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (
        zoneinfo.ZoneInfoNotFoundError,
        ValueError,
        OSError,
    ):  # OSError: a folder, e.g. "Europe"
        problems.append(
            Problem(
                where,
                fact(
                    N_("timezone {name} is not an IANA time zone (e.g. {example})"),
                    name=repr(name),
                    example=repr(DEFAULT_TIMEZONE),
                ),
            )
        )


def check_local_times(
    meetings: list[Meeting], timezone: str, start: dt.time | None, problems: list[Problem]
) -> None:
    """Refuse a meeting whose start does not exist in the network's timezone (spring forward).

    Only a meeting on a day near a change of the clocks can start in a gap, and the zone's data
    lists those days per year (`zonedata.clock_change_days`): zoneinfo is asked about those
    meetings alone, not about each of a long history's."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from netzwerk_cli.calendar.zonedata import clock_change_days

    zone = ZoneInfo(timezone)
    for meeting in meetings:
        time = meeting.time or start
        day = meeting.date
        if time is None or day is None or not meeting.has_full_date:
            continue
        try:
            if day not in clock_change_days(zone, day.year):
                continue
        except (ValueError, OverflowError, OSError, ZoneInfoNotFoundError):
            pass  # data that zoneinfo read but this reader cannot: zoneinfo is asked instead
        gap = clock_gap(dt.datetime.combine(day, time), zone)
        if gap is not None:
            where = f"meetings[{meeting.position}] ({meeting.date})"
            what = gap_message(day, time, timezone, gap)
            if not meeting.time:
                what = fact(N_("{problem} (the network's start)"), problem=what)
            problems.append(Problem(where, what))


def clock_gap(local: dt.datetime, zone: dt.tzinfo) -> tuple[dt.time, dt.time] | None:
    """Where the clocks jump when `local` (naive) does not exist in `zone`: (from, to); else None.

    A time that does not exist comes back changed from a round trip through UTC.
    """
    there = local.replace(tzinfo=zone)
    before, after = there.utcoffset(), there.replace(fold=1).utcoffset()
    if before == after:  # all but the two hours a year around a change of the clocks
        return None
    if there.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == local:
        return None  # it exists, twice (the hour the clocks go back)
    if before is None or after is None:  # pragma: no cover - a ZoneInfo always knows its offset
        return None
    jump = abs(after - before)
    begin = local.replace(second=0, microsecond=0)
    # Back to the first minute that does not exist: the gap is at most a few hours long.
    for _ in range(24 * 60):
        earlier = begin - dt.timedelta(minutes=1)
        probe = earlier.replace(tzinfo=zone)
        if probe.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == earlier:
            break
        begin = earlier
    return begin.time(), (begin + jump).time()


def gap_message(
    day: dt.date, time: dt.time, timezone: str, gap: tuple[dt.time, dt.time]
) -> Message:
    """The message for a time in a gap, e.g. '2027-03-28 02:30 does not exist in ...'."""
    return fact(
        N_("{date} {time} does not exist in {timezone} (the clocks go from {start} to {end})"),
        date=day,
        time=time,
        timezone=timezone,
        start=gap[0],
        end=gap[1],
    )


def default_status(day: dt.date | None, month_only: bool, today: dt.date) -> Status:
    if day is None:
        return Status.PLANNED
    if month_only:
        return Status.HELD if (day.year, day.month) < (today.year, today.month) else Status.PLANNED
    return Status.HELD if day < today else Status.PLANNED


def not_a_member(host: str, ids: list[str]) -> Message:
    """`host "X" is not a member (members: A, B)`, or `(members: none yet)`."""
    if not ids:
        return fact(N_('host "{host}" is not a member (members: none yet)'), host=host)
    return fact(N_('host "{host}" is not a member (members: {ids})'), host=host, ids=ids)


def check_cadence(
    cadence: str, cadence_start: dt.date | None, where: str, problems: list[Problem]
) -> None:
    """A cadence is a usable RFC 5545 rule that gives a day."""
    from netzwerk_cli.core.rrules import CadenceError, parse_cadence

    start = cadence_start or dt.date(2000, 1, 1)
    try:
        rule = parse_cadence(cadence, dtstart=start)
    except CadenceError as exc:
        problems.append(
            Problem(
                where,
                fact(
                    N_("cadence {cadence} is not a usable rule: {why}"),
                    cadence=repr(cadence),
                    why=exc.why,
                ),
            )
        )
        return
    if not gives_a_day(rule, start):
        problems.append(
            Problem(
                where,
                fact(
                    N_(
                        "cadence {cadence} gives no date at all: no day matches all of "
                        "its parts (e.g. BYSETPOS=2 with FREQ=DAILY, or 30 February)"
                    ),
                    cadence=repr(cadence),
                ),
            )
        )


def check_member_id(ident: str, number: int, seen: dict[str, int], where: str) -> Problem | None:
    """A member's id is an id, and no other member's; `seen` gains it (id -> its position)."""
    if not is_member_id(ident):
        return Problem(
            where,
            fact(
                N_(
                    "id {id} may hold only letters (umlauts and ß too), the digits "
                    "0-9, '-', '_' and '.', and must begin with a letter or a digit "
                    '(e.g. "HEF" or "MÜ")'
                ),
                id=Typed(ident),
            ),
        )
    if ident in seen:
        return Problem(
            where,
            fact(
                N_("id {id} is already used by {other}"),
                id=Typed(ident),
                other=f"members[{seen[ident]}]",
            ),
        )
    seen[ident] = number
    return None


def check_state(state: str, where: str) -> Problem | None:
    """A member's state is a German state's code."""
    if state in GERMAN_STATES:
        return None
    return Problem(
        where,
        fact(
            N_("state {state} is not a German state code ({codes})"),
            state=Typed(state),
            codes=sorted(GERMAN_STATES),
        ),
    )


def check_left_after_joined(joined: dt.date, left: dt.date, where: str) -> Problem | None:
    """A member leaves after it joined."""
    if left > joined:
        return None
    # The dates as the file writes them: the coordinator searches the file for them.
    return Problem(
        where,
        fact(
            N_("left ({left}) must be after joined ({joined})"),
            left=left.isoformat(),
            joined=joined.isoformat(),
        ),
    )


def check_host(host: str, members: set[str], ids: list[str], where: str) -> Problem | None:
    """A meeting's host is a member."""
    return None if host in members else Problem(where, not_a_member(host, ids))


# The last day a meeting may be on: it lasts a day at most, and a calendar ends with 9999.
LAST_DAY = dt.date(9999, 12, 30)


def check_in_calendar(day: dt.date, where: str) -> Problem | None:
    """A meeting is over before the calendar's last day ends (9999-12-31), so that its event can
    be written."""
    if day <= LAST_DAY:
        return None
    return Problem(
        where, fact(N_("{date} is too late: a meeting must be over by 9999-12-31"), date=day)
    )


def check_dated(status: Status, where: str) -> Problem | None:
    """Only a planned meeting may have no date."""
    needs = {
        Status.HELD: N_("a held meeting needs a date (only a planned one may have none)"),
        Status.CANCELLED: N_("a cancelled meeting needs a date (only a planned one may have none)"),
    }
    return Problem(where, fact(needs[status])) if status in needs else None


def check_uid(uid: str, number: int, uids: dict[str, int], where: str) -> Problem | None:
    """A meeting's uid is no other meeting's; `uids` gains it (uid -> its position)."""
    other = uids.get(uid)
    uids[uid] = number
    if other is None:
        return None
    return Problem(
        where,
        fact(N_("uid {uid} is already used by {other}"), uid=repr(uid), other=f"meetings[{other}]"),
    )
