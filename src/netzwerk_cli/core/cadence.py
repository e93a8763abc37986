"""The file's cadence for people and the change that sets it: a rule in words (`describe`, for
the forms `cadencewords.rule_from_words` writes), its next dates, and `set_cadence`, the edit of the
[network] table that `netzwerk cadence` makes. Pure: the words come out as a `Message`.
"""

from __future__ import annotations

import datetime as dt
import re

from netzwerk_cli.core.changes import Change
from netzwerk_cli.core.edits import Edit, Edits, SetKeys, SetTableKeys, TomlValue
from netzwerk_cli.core.rrules import (
    WEEKDAY_CODES,
    CadenceError,
    in_phase_start,
    normalise_rule,
    parse_cadence,
    rule_parts,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import MONTH_NAMES, N_, Joined, Message, fact, facts
from netzwerk_cli.model import Meeting, Network, Status

_WEEKDAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
_ORDINAL_DAYS = {
    1: N_("first {weekday}"),
    2: N_("second {weekday}"),
    3: N_("third {weekday}"),
    4: N_("fourth {weekday}"),
    5: N_("fifth {weekday}"),
    -1: N_("last {weekday}"),
    -2: N_("second last {weekday}"),
}


def describe(rule: str) -> Message | None:
    """The rule in words, for the forms `rule_from_words` writes; None for any other rule."""
    parts: dict[str, str] = {}
    for part in normalise_rule(rule).upper().split(";"):
        name, equals, value = part.partition("=")
        if not equals or name in parts:
            return None
        parts[name] = value
    frequency = parts.pop("FREQ", None)
    try:
        interval = int(parts.pop("INTERVAL", "1"))
        months = [int(m) for m in parts.pop("BYMONTH").split(",")] if "BYMONTH" in parts else []
        month_days = (
            [int(d) for d in parts.pop("BYMONTHDAY").split(",")] if "BYMONTHDAY" in parts else []
        )
    except ValueError:
        return None
    days = _days(parts.pop("BYDAY", ""))
    if (
        parts
        or days is None
        or interval < 1
        or not all(1 <= m <= 12 for m in months)
        or not all(1 <= d <= 31 for d in month_days)
        or bool(days) == bool(month_days)
    ):
        return None
    ordinal = [d for d in days if d[0] is not None]
    if ordinal and len(ordinal) != len(days):
        return None
    return _describe(frequency, interval, months, month_days, days)


def _describe(
    frequency: str | None,
    interval: int,
    months: list[int],
    month_days: list[int],
    days: list[tuple[int | None, int]],
) -> Message | None:
    said_months = _listed([fact(MONTH_NAMES[m - 1]) for m in sorted(set(months))])
    if month_days:
        said_days = _listed([fact(ordinal_msgid(d), day=d) for d in sorted(set(month_days))])
        if frequency != "MONTHLY" or interval != 1:
            return None
        if months:
            return fact(N_("on the {days} in {months}"), days=said_days, months=said_months)
        return fact(N_("every month on the {days}"), days=said_days)
    ordinal = days[0][0] is not None
    said_days = _listed(
        [
            fact(_ORDINAL_DAYS[n], weekday=fact(_WEEKDAY_NAMES[w]))
            if n is not None
            else fact(_WEEKDAY_NAMES[w])
            for n, w in days
        ]
    )
    if frequency == "WEEKLY" and not ordinal:
        if interval == 1 and months:
            return fact(N_("every {days} in {months}"), days=said_days, months=said_months)
        if interval == 1:
            return fact(N_("every {days}"), days=said_days)
        if not months:
            return fact(N_("every {interval} weeks on {days}"), interval=interval, days=said_days)
        return None
    if frequency != "MONTHLY" or not ordinal:
        return None
    if interval == 1 and months:
        return fact(N_("the {days} in {months}"), days=said_days, months=said_months)
    if interval == 1:
        return fact(N_("the {days} of every month"), days=said_days)
    if not months:
        return fact(N_("every {interval} months on the {days}"), interval=interval, days=said_days)
    return None


def _days(value: str) -> list[tuple[int | None, int]] | None:
    if not value:
        return []
    days: list[tuple[int | None, int]] = []
    for item in value.split(","):
        match = re.fullmatch(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)", item)
        if match is None:
            return None
        number = int(match[1]) if match[1] else None
        if number is not None and not (1 <= number <= 5 or number in (-1, -2)):
            return None
        days.append((number, WEEKDAY_CODES.index(match[2])))
    return sorted(days, key=lambda d: (d[1], d[0] or 0))


def _listed(items: list[Message]) -> Message:
    """`a`, `a and b`, `a, b and c`, in the reader's language."""
    if len(items) <= 1:
        return items[0] if items else fact("")
    return fact(N_("{items} and {last}"), items=items[:-1], last=items[-1])


def ordinal_msgid(day: int) -> str:
    """The msgid of a number as an ordinal: 1st, 2nd, 3rd, 4th (German: 1., 2., ...), for the
    days of a month and the press release's "for the 13th time"."""
    if day % 10 == 1 and day != 11:
        return N_("{day}st")
    if day % 10 == 2 and day != 12:
        return N_("{day}nd")
    if day % 10 == 3 and day != 13:
        return N_("{day}rd")
    return N_("{day}th")


def next_dates(rule: str, *, dtstart: dt.date, after: dt.date, count: int) -> list[dt.date]:
    """The rule's first `count` dates on or after `after`, counting from `dtstart` (looked for in
    the fifty years after `after`; `CadenceError` for a rule that is none)."""
    start = in_phase_start(rule, dtstart=dtstart, begin=after) if dtstart < after else dtstart
    dates = parse_cadence(rule, dtstart=start)
    parts = rule_parts(rule)
    if "COUNT" not in parts and "UNTIL" not in parts:
        # A rule that no day matches would be searched to the year 9999.
        dates = dates.replace(until=dt.datetime(min(after.year + 50, dt.MAXYEAR), 12, 31))
    found: list[dt.date] = []
    for moment in dates:
        if moment.date() < after:
            continue
        found.append(moment.date())
        if len(found) == count:
            break
    return found


# --- the change that writes it -----------------------------------------------------------------


def set_cadence(
    network: Network, *, rule: str | None, start: dt.time | None, today: dt.date
) -> Change:
    """Set the network's cadence (`rule`, its German days written as RFC 5545's) and its usual
    start time. A rule that repeats every few weeks or months counts its dates from a start: when
    the file has neither `cadence_start` nor a dated meeting, today becomes its `cadence_start`,
    so that the dates shown now stay the dates it gives."""
    values: dict[str, TomlValue] = {}
    said: list[Message] = []
    notes: list[Message] = []
    if rule is not None:
        rule = normalise_rule(rule)
        try:
            parse_cadence(rule, dtstart=today)
        except CadenceError as exc:
            raise CommandError(
                fact(
                    N_("cadence {cadence} is not a usable rule: {why}"),
                    cadence=repr(rule),
                    why=exc.why,
                )
            ) from None
        values["cadence"] = rule
        words = describe(rule)
        if words is None:
            said.append(fact(N_("Set the cadence: {rule}."), rule=rule))
        else:
            said.append(fact(N_("Set the cadence: {words} ({rule})."), words=words, rule=rule))
        interval = rule_parts(rule).get("INTERVAL", "1")
        dated = any(m.has_full_date for m in network.meetings)
        if interval != "1" and network.cadence_start is None and not dated:
            values["cadence_start"] = today
            notes.append(
                fact(
                    N_(
                        "Its dates are counted from {date}, written as cadence_start, so that "
                        "they stay the dates shown."
                    ),
                    date=today,
                )
            )
    kept: list[Meeting] = []
    if start is not None:
        values["start"] = start
        said.append(fact(N_("Set the usual start time: {time}."), time=start))
        kept = _keeping_their_time(network, start)
        notes.extend(_kept_notes(network, kept, start) if kept else ())
    table = SetTableKeys("network", values)
    # One edit, so that a dry run shows it whole and `netzwerk undo` takes it back whole.
    edit: Edit = Edits((table, *_pinned(network, kept))) if kept else table
    return Change(edit, fact("{said}", said=Joined(tuple(said))), tuple(notes))


def _keeping_their_time(network: Network, start: dt.time) -> list[Meeting]:
    """The meetings that a new usual start would move: those with a day and no time of their own,
    which take the usual start. Held ones were held at it, planned ones were given out with it,
    cancelled ones were called off at it (their calendar entries stay, crossed out): each keeps
    it. Without a usual start before, they were all-day meetings, which the file cannot say
    beside a start; they take the new one."""
    if network.start is None or start == network.start:
        return []
    return [m for m in network.chronological() if m.has_full_date and m.time is None]


def _pinned(network: Network, meetings: list[Meeting]) -> tuple[SetKeys, ...]:
    """Each meeting's date written with the usual start so far, as its own time."""
    assert network.start is not None
    return tuple(
        SetKeys("meetings", m.position - 1, {"date": dt.datetime.combine(m.date, network.start)})
        for m in meetings
        if m.date is not None
    )


def _kept_notes(network: Network, meetings: list[Meeting], start: dt.time) -> list[Message]:
    """What the coordinator should know of the meetings that keep the old start: how many of
    the past (held or cancelled), and which planned ones, with the command that moves one."""
    notes: list[Message] = []
    old = network.start
    past = [m for m in meetings if m.status is not Status.PLANNED]
    planned = [m.date for m in meetings if m.status is Status.PLANNED and m.date is not None]
    if past:
        notes.append(
            facts(
                "{count} meeting already held or cancelled keeps its start time {time}, now "
                "written with its date.",
                "{count} meetings already held or cancelled keep their start time {time}, now "
                "written with their dates.",
                count=len(past),
                time=old,
            )
        )
    if planned:
        notes.append(
            facts(
                "The planned meeting of {dates} keeps its start time {time}, now written with "
                "its date; to move it to {new}: `netzwerk plan {date} --time {new}`.",
                "The planned meetings of {dates} keep their start time {time}, now written "
                "with their dates; to move one to {new}, e.g.: `netzwerk plan {date} --time "
                "{new}`.",
                count=len(planned),
                dates=planned,
                time=old,
                new=start,
                date=planned[0],
            )
        )
    return notes
