"""Every branch of the schedule and its boundaries: --count and --until exactly at a row or a
dropped date, the file's last meeting on today, the 50-year horizon, the 31-day shift limit, the
ends of the calendar, month-only and undated planned meetings among the cadence's dates.

The public holidays here are made up (a lookup over a fixed table), so that every date is known;
the core takes its holidays as an argument. Written against the survivors of a mutation run
(CONTRIBUTING.md, "Mutation testing"): all of it calls the core in process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.calendar.uids import slot_uid
from netzwerk_cli.core.rrules import CadenceError, parse_cadence
from netzwerk_cli.core.schedule import (
    MAX_SHIFT_DAYS,
    Kind,
    Schedule,
    cadence_start,
    coming_meetings,
    holiday_on,
    next_meeting,
)
from netzwerk_cli.message import Message, Month
from netzwerk_cli.model import (
    HolidayHit,
    HolidayName,
    HolidayPolicy,
    Meeting,
    Member,
    Network,
    Rotation,
    Status,
)

from .conftest import english, examples

D = dt.date.fromisoformat
FEAST = HolidayName("Feast", "Fest")
FAIR = HolidayName("Fair", "Messe")
MEMBERS = (
    Member(id="A", name="Alpha", seat="Aburg", state="HE"),
    Member(id="B", name="Beta", seat="Bstadt", state="TH"),
    Member(id="C", name="Gamma", seat="Cdorf", state="HE"),
)


def lookup_of(
    table: Mapping[str, Iterable[dt.date]] | None = None, *, name: HolidayName = FEAST
) -> object:
    """A holiday lookup: state -> the days that are `name` there."""
    days = {state: set(found) for state, found in (table or {}).items()}

    def lookup(state: str, year: int) -> dict[dt.date, HolidayName]:
        return {day: name for day in days.get(state, ()) if day.year == year}

    return lookup


NO_HOLIDAYS = lookup_of()


def network(
    *meetings: Meeting,
    cadence: str | None = "FREQ=WEEKLY;BYDAY=WE",
    members: tuple[Member, ...] = MEMBERS,
    **settings_: object,
) -> Network:
    return Network(name="Test", members=members, meetings=meetings, cadence=cadence, **settings_)  # type: ignore[arg-type]


def held(position: int, host: str, day: str, **kwargs: object) -> Meeting:
    fields: dict[str, object] = {"status": Status.HELD, **kwargs}
    return Meeting(position=position, host=host, date=D(day), **fields)  # type: ignore[arg-type]


def planned(position: int, host: str, day: str | None = None, **kwargs: object) -> Meeting:
    return Meeting(
        position=position,
        host=host,
        status=Status.PLANNED,
        date=D(day) if day else None,
        **kwargs,  # type: ignore[arg-type]
    )


def plan(net: Network, today: str, *, holidays: object = NO_HOLIDAYS, **kwargs: object) -> Schedule:
    return coming_meetings(net, today=D(today), holidays=holidays, **kwargs)  # type: ignore[arg-type]


def rows(schedule: Schedule) -> list[tuple[str, str, str]]:
    """(date or "-", host, kind) of each row."""
    return [
        (row.date.isoformat() if row.date else "-", row.host.id, row.kind.value)
        for row in schedule.meetings
    ]


# --- parse_cadence -----------------------------------------------------------------------------


def first_date(text: str, start: str = "2025-01-01") -> dt.date:
    return parse_cadence(text, dtstart=D(start)).after(dt.datetime(2024, 12, 31)).date()


def refusal(text: str) -> Message:
    with pytest.raises(CadenceError) as caught:
        parse_cadence(text, dtstart=D("2025-01-01"))
    assert str(caught.value) == caught.value.why.msgid
    return caught.value.why


def test_a_cadence_may_carry_its_rrule_prefix_in_any_case_and_spaces() -> None:
    assert first_date("FREQ=WEEKLY;BYDAY=MO") == D("2025-01-06")
    assert first_date("  RRULE:FREQ=WEEKLY;BYDAY=MO \n") == D("2025-01-06")
    assert first_date("rrule:FREQ=WEEKLY;BYDAY=TU") == D("2025-01-07")
    assert first_date("freq=weekly;byday=we") == D("2025-01-01")


def test_the_cadence_counts_from_its_start() -> None:
    assert first_date("FREQ=DAILY;INTERVAL=10", "2025-01-03") == D("2025-01-03")
    rule = parse_cadence("FREQ=DAILY;INTERVAL=10", dtstart=D("2025-01-03"))
    assert rule.after(dt.datetime(2025, 1, 3), inc=True) == dt.datetime(2025, 1, 3, 0, 0)


def test_a_start_inside_the_rule_is_refused() -> None:
    expected = Message("give the start as cadence_start, not DTSTART inside the rule")
    assert refusal("DTSTART:20250101T000000\nRRULE:FREQ=DAILY") == expected
    assert refusal("FREQ=DAILY;dtstart=20250101") == expected


# The last FREQ counts, and its value is all after its first "=".
@pytest.mark.parametrize(
    "text",
    [
        "FREQ=HOURLY",
        "BYDAY=MO",
        "",
        "FREQ",
        "INTERVAL=2;FREQ=SECONDLY",
        "FREQ=WEEKLY;FREQ=HOURLY=1",
    ],
)
def test_only_four_frequencies_are_taken(text: str) -> None:
    assert refusal(text) == Message(
        "FREQ must be one of {values}", {"values": ["YEARLY", "MONTHLY", "WEEKLY", "DAILY"]}
    )


@pytest.mark.parametrize("interval", ["0", "-1", "-00", "+0"])
def test_an_interval_below_one_is_refused(interval: str) -> None:
    # dateutil would take them: INTERVAL=0 then looks for the next date for ever.
    assert refusal(f"FREQ=WEEKLY;INTERVAL={interval}") == Message(
        "INTERVAL must be 1 or more, not {value}", {"value": interval}
    )
    for taken, second in (("1", "2025-01-08"), ("+2", "2025-01-15")):
        rule = parse_cadence(f"FREQ=WEEKLY;INTERVAL={taken}", dtstart=D("2025-01-01"))
        assert rule.after(dt.datetime(2025, 1, 1)) == dt.datetime.fromisoformat(second)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("FREQ=DAILY;BYHOUR=99", "hour must be in 0..23"),
        (
            "FREQ=DAILY;BYMONTHDAY=1;UNTIL=20300101T000000Z",
            "RRULE UNTIL values must be specified in UTC when DTSTART is timezone-aware",
        ),
    ],
)
def test_what_dateutil_cannot_read_is_refused_in_its_words(text: str, why: str) -> None:
    assert refusal(text) == Message("dateutil cannot read it: {why}", {"why": why})


# What dateutil would refuse in English (`invalid 'BYDAY': XX`, `unknown parameter 'FOO'`) is said
# in the reader's words.
@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "FREQ=WEEKLY;BYDAY=XX",
            Message(
                "{name}={value}: {bad} is no weekday; the weekdays are MO TU WE TH FR SA SU (the "
                "German MO DI MI DO FR SA SO are taken too), with a number before them for one of "
                "the month: 2TU, -1FR",
                {"name": "BYDAY", "value": "XX", "bad": "XX"},
            ),
        ),
        (
            "FREQ=WEEKLY;INTERVAL=two",
            Message(
                "{name}={value}: {bad} is not a whole number",
                {"name": "INTERVAL", "value": "two", "bad": "two"},
            ),
        ),
        (
            "FREQ=WEEKLY;BYMONTH=1,,2",
            Message(
                "{name}={value}: {bad} is not a whole number",
                {"name": "BYMONTH", "value": "1,,2", "bad": '""'},
            ),
        ),
        (
            "FREQ=WEEKLY;FOO=1",
            Message(
                "{name} is not a part of a rule; the parts are {names}",
                {
                    "name": "FOO",
                    "names": [
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
                    ],
                },
            ),
        ),
        (
            "FREQ=DAILY;UNTIL=2025=1",
            Message("UNTIL={value} is not a date like 20301231", {"value": "2025=1"}),
        ),
        (
            "FREQ=WEEKLY;BYDAY",
            Message(
                "{part} is not a part like NAME=VALUE (the parts are separated by ;)",
                {"part": "'BYDAY'"},
            ),
        ),
    ],
)
def test_what_dateutil_would_say_in_english_is_said_in_the_readers_words(
    text: str, why: Message
) -> None:
    assert refusal(text) == why


def test_spaces_and_an_empty_part_are_taken() -> None:
    for text in ("FREQ=WEEKLY;", " FREQ = WEEKLY ; BYDAY = MO, FR ;", "FREQ=WEEKLY;;BYDAY=MO,FR"):
        rule = parse_cadence(text, dtstart=D("2025-01-01"))
        assert rule.after(dt.datetime(2025, 1, 1)).date() == (
            D("2025-01-08") if text == "FREQ=WEEKLY;" else D("2025-01-03")
        )


def test_a_set_of_rules_is_refused() -> None:
    expected = Message("give one rule, not a set")
    assert refusal("FREQ=DAILY;COUNT=3\nEXDATE:20250102T000000") == expected
    assert refusal("FREQ=DAILY;COUNT=3\nRRULE:FREQ=WEEKLY") == expected


# --- cadence_start and holiday_on --------------------------------------------------------------


def test_the_cadence_starts_at_its_setting_else_the_first_full_date_else_today() -> None:
    today = D("2026-11-24")
    month_first = Meeting(
        position=1, host="A", status=Status.HELD, date=D("2024-01-01"), month_only=True
    )
    meetings = (
        planned(2, "B"),
        month_first,
        held(3, "C", "2024-03-05"),
        held(4, "A", "2024-02-07", status=Status.CANCELLED),
    )
    # A month-only meeting before the first full date does not anchor the rule; a cancelled
    # meeting does (it was on the calendar).
    assert cadence_start(network(*meetings), today=today) == D("2024-02-07")
    assert cadence_start(network(*meetings, cadence_start=D("2020-05-05")), today=today) == D(
        "2020-05-05"
    )
    assert cadence_start(network(month_first, planned(2, "B")), today=today) == today


def test_a_holiday_in_two_states_is_named_once_with_both() -> None:
    day = D("2025-10-31")
    lookup = lookup_of({"HE": [day], "TH": [day], "BY": [day]})
    members = (*MEMBERS, Member(id="D", name="Delta", seat="Dorf", state="BY", hosts=False))
    assert holiday_on(network(members=members), day, lookup) == HolidayHit(  # type: ignore[arg-type]
        ((FEAST, ("BY", "HE", "TH")),)
    )
    # Only the states of members that belong on that day count (one that hosts or not).
    gone = (*MEMBERS[:2], dataclasses.replace(MEMBERS[2], left=day))
    assert holiday_on(network(members=gone[1:]), day, lookup_of({"HE": [day]})) is None  # type: ignore[arg-type]
    assert holiday_on(network(members=gone), day, lookup_of({"HE": [day]})) == HolidayHit(  # type: ignore[arg-type]
        ((FEAST, ("HE",)),)
    )
    assert holiday_on(network(), day + dt.timedelta(days=1), lookup) is None  # type: ignore[arg-type]


def test_two_holidays_on_one_day_are_both_named() -> None:
    day = D("2025-10-31")

    def lookup(state: str, year: int) -> dict[dt.date, HolidayName]:
        return {day: FEAST if state == "HE" else FAIR}

    assert holiday_on(network(), day, lookup) == HolidayHit(((FEAST, ("HE",)), (FAIR, ("TH",))))


# --- the planned meetings of the file ----------------------------------------------------------


def test_planned_meetings_in_the_past_and_cancelled_ones_are_passed_over() -> None:
    net = network(
        planned(1, "C", "2026-01-07"),  # overdue: before today
        held(2, "B", "2026-02-04", status=Status.CANCELLED),
        planned(3, "A", "2026-03-04"),
        planned(4, "B", "2026-03-18"),
        cadence=None,
    )
    assert rows(plan(net, "2026-02-01")) == [
        ("2026-03-04", "A", "planned"),
        ("2026-03-18", "B", "planned"),
    ]


def test_the_reasons_of_planned_meetings() -> None:
    month = Meeting(
        position=1, host="A", status=Status.PLANNED, date=D("2026-03-01"), month_only=True
    )
    net = network(month, planned(2, "B", "2026-04-08"), planned(3, "C"), cadence=None)
    schedule = plan(net, "2026-03-15")  # the month-only meeting of March is still to come
    assert [english(row.reason) for row in schedule.meetings] == [
        "Alpha hosts the meeting planned in the file for 2026-03.",
        "Beta hosts the meeting planned in the file for 2026-04-08.",
        "Gamma hosts the meeting planned in the file for a date still to be fixed.",
    ]
    first, second, third = schedule.meetings
    assert first.reason.args["month"] == Month(D("2026-03-01"))
    assert (first.month_only, first.date, first.start_at) == (True, D("2026-03-01"), None)
    assert (second.month_only, second.date, second.meeting) == (
        False,
        D("2026-04-08"),
        net.meetings[1],
    )
    assert (third.date, third.start, third.slot, third.meeting) == (
        None,
        None,
        None,
        net.meetings[2],
    )
    assert not schedule.has_cadence and schedule.exhausted is None


def test_a_planned_meetings_venue_and_time_else_the_seat_and_the_networks_start() -> None:
    own = planned(1, "A", "2026-03-04", venue="Rathaus", time=dt.time(9, 30))
    usual = planned(2, "B", "2026-03-11")
    undated = planned(3, "C")
    net = network(own, usual, undated, cadence=None, start=dt.time(14, 0))
    first, second, third = plan(net, "2026-03-01").meetings
    assert (first.venue, first.start_at) == ("Rathaus", dt.datetime(2026, 3, 4, 9, 30))
    assert (second.venue, second.start_at) == ("Bstadt", dt.datetime(2026, 3, 11, 14, 0))
    assert (third.venue, third.start, third.start_at) == ("Cdorf", None, None)


@pytest.mark.parametrize("cadence", [None, "FREQ=WEEKLY;BYDAY=WE"])
def test_dated_planned_meetings_that_exactly_fill_the_count(cadence: str | None) -> None:
    net = network(
        planned(1, "A", "2026-03-04"),
        planned(2, "B", "2026-03-11"),
        planned(3, "C"),
        planned(4, "C", "2026-03-18"),
        cadence=cadence,
    )
    schedule = plan(net, "2026-03-01", count=2)
    assert rows(schedule) == [("2026-03-04", "A", "planned"), ("2026-03-11", "B", "planned")]
    assert (schedule.has_cadence, schedule.exhausted, schedule.dropped) == (
        cadence is not None,
        None,
        (),
    )
    assert len(plan(net, "2026-03-01", count=1).meetings) == 1
    assert plan(net, "2026-03-01", count=0).meetings == ()
    three = plan(net, "2026-03-01", count=3)
    assert (three.has_cadence, three.dropped) == (cadence is not None, ())
    if cadence is None:
        assert [r[0] for r in rows(three)] == ["2026-03-04", "2026-03-11", "2026-03-18"]
        assert [r[0] for r in rows(plan(net, "2026-03-01", count=4))] == [
            "2026-03-04",
            "2026-03-11",
            "2026-03-18",
            "-",
        ]
        assert len(plan(net, "2026-03-01", count=None).meetings) == 4
        assert len(plan(net, "2026-03-01", count=5).meetings) == 4


def test_until_exactly_on_a_planned_meeting_keeps_it() -> None:
    net = network(planned(1, "A", "2026-03-04"), planned(2, "B", "2026-03-11"), cadence=None)
    assert [r[0] for r in rows(plan(net, "2026-03-01", until=D("2026-03-11")))] == [
        "2026-03-04",
        "2026-03-11",
    ]
    assert [r[0] for r in rows(plan(net, "2026-03-01", until=D("2026-03-10")))] == ["2026-03-04"]


def test_a_planned_meeting_on_today_is_coming() -> None:
    net = network(planned(1, "A", "2026-03-04"), cadence=None)
    assert [r[0] for r in rows(plan(net, "2026-03-04"))] == ["2026-03-04"]
    assert rows(plan(net, "2026-03-05")) == []


# --- the cadence's dates -----------------------------------------------------------------------


def test_proposed_rows_carry_the_rotation_and_the_network() -> None:
    net = network(cadence="FREQ=WEEKLY;BYDAY=WE", start=dt.time(18, 0))
    schedule = plan(net, "2026-03-01", count=4)
    assert rows(schedule) == [
        ("2026-03-04", "A", "proposed"),
        ("2026-03-11", "B", "proposed"),
        ("2026-03-18", "C", "proposed"),
        ("2026-03-25", "A", "proposed"),
    ]
    first = schedule.meetings[0]
    assert (first.venue, first.start_at, first.slot, first.moved_from, first.holiday) == (
        "Aburg",
        dt.datetime(2026, 3, 4, 18, 0),
        D("2026-03-04"),
        None,
        None,
    )
    assert first.meeting is None and not first.month_only
    assert english(schedule.meetings[1].reason) == (
        "Beta has not hosted in this round; this round so far: Alpha."
    )
    assert schedule.exhausted is None and schedule.has_cadence


def test_least_recent_after_a_proposed_date_names_that_date() -> None:
    net = network(held(1, "A", "2026-01-07"), rotation=Rotation.LEAST_RECENT)
    schedule = plan(net, "2026-03-01", count=4)
    assert rows(schedule)[3] == ("2026-03-25", "B", "proposed")
    assert [english(row.reason) for row in schedule.meetings] == [
        "Beta has not hosted yet.",
        "Gamma has not hosted yet.",
        "Alpha last hosted on 2026-01-07, longer ago than any other member that can host.",
        "Beta last hosted on 2026-03-04, longer ago than any other member that can host.",
    ]


def test_the_files_last_meeting_on_today_keeps_today_free() -> None:
    net = network(held(1, "A", "2026-03-04"), cadence="FREQ=DAILY")
    assert [r[0] for r in rows(plan(net, "2026-03-04", count=2))] == ["2026-03-05", "2026-03-06"]
    # The day after, the schedule starts today.
    assert [r[0] for r in rows(plan(net, "2026-03-05", count=1))] == ["2026-03-05"]
    # A month-only meeting occupies its whole month; a cancelled one its day.
    month = Meeting(
        position=1, host="A", status=Status.PLANNED, date=D("2026-03-01"), month_only=True
    )
    assert rows(plan(network(month, cadence="FREQ=DAILY"), "2026-03-10", count=3)) == [
        ("2026-03-01", "A", "planned"),
        ("2026-04-01", "B", "proposed"),
        ("2026-04-02", "C", "proposed"),
    ]
    december = dataclasses.replace(month, date=D("2026-12-01"))
    assert (
        rows(plan(network(december, cadence="FREQ=DAILY"), "2026-12-10", count=2))[1][0]
        == "2027-01-01"
    )
    cancelled = held(1, "A", "2026-03-10", status=Status.CANCELLED)
    assert [
        r[0] for r in rows(plan(network(cancelled, cadence="FREQ=DAILY"), "2026-03-01", count=1))
    ] == ["2026-03-11"]


def test_two_undated_planned_meetings_take_the_first_dates_in_the_files_order() -> None:
    net = network(planned(1, "C"), planned(2, "B"), held(3, "A", "2026-02-25"))
    schedule = plan(net, "2026-03-01", count=4)
    assert rows(schedule) == [
        ("2026-03-04", "C", "planned"),
        ("2026-03-11", "B", "planned"),
        # A, C and B have hosted: a new round.
        ("2026-03-18", "A", "proposed"),
        ("2026-03-25", "B", "proposed"),
    ]
    first = schedule.meetings[0]
    assert english(first.reason) == (
        "Gamma hosts the meeting planned in the file for 2026-03-04, the cadence's next date."
    )
    assert (first.slot, first.moved_from, first.holiday, first.meeting) == (
        D("2026-03-04"),
        None,
        None,
        net.meetings[0],
    )
    assert english(schedule.meetings[2].reason).startswith("Alpha hosts: every member")


def test_an_undated_planned_meeting_on_a_date_moved_for_a_holiday() -> None:
    slot = D("2026-03-04")
    lookup = lookup_of({"TH": [slot]})
    net = network(planned(1, "C"), start=dt.time(10, 0))
    first, second = plan(net, "2026-03-01", count=2, holidays=lookup).meetings
    assert (first.date, first.slot, first.moved_from, first.kind) == (
        D("2026-03-05"),
        slot,
        slot,
        Kind.PLANNED,
    )
    assert first.holiday == HolidayHit(((FEAST, ("TH",)),))
    assert first.start_at == dt.datetime(2026, 3, 5, 10, 0)
    assert english(first.reason) == (
        "Gamma hosts the meeting planned in the file for 2026-03-05, the cadence's next date."
    )
    # The rotation counts it on the day it was moved to, and goes on from there.
    assert (second.date, second.host.id, second.moved_from, second.holiday) == (
        D("2026-03-11"),
        "A",
        None,
        None,
    )


def test_a_proposed_date_moved_for_a_holiday_says_from_where_and_why() -> None:
    friday = D("2026-03-06")
    lookup = lookup_of({"HE": [friday]})
    net = network(cadence="FREQ=WEEKLY;BYDAY=FR")
    first, second = plan(net, "2026-03-01", count=2, holidays=lookup).meetings
    # Friday -> Saturday and Sunday passed -> Monday.
    assert (first.date, first.slot, first.moved_from) == (D("2026-03-09"), friday, friday)
    assert first.holiday == HolidayHit(((FEAST, ("HE",)),))
    assert (second.date, second.slot, second.moved_from, second.holiday) == (
        D("2026-03-13"),
        D("2026-03-13"),
        None,
        None,
    )


@pytest.mark.parametrize(
    ("free_after", "moved"), [(MAX_SHIFT_DAYS, True), (MAX_SHIFT_DAYS + 1, False)]
)
def test_shift_looks_31_days_ahead_at_most(free_after: int, moved: bool) -> None:
    slot = D("2026-03-02")  # a Monday; every day up to `free_after` days later is a holiday
    blocked = [slot + dt.timedelta(days=n) for n in range(free_after)]
    lookup = lookup_of({"HE": blocked})
    net = network(cadence="FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=2;COUNT=2", cadence_start=slot)
    schedule = plan(net, "2026-03-01", count=2, holidays=lookup)
    free = slot + dt.timedelta(days=free_after)
    assert free.weekday() < 5
    if moved:
        assert [r[0] for r in rows(schedule)] == [free.isoformat(), "2027-03-02"]
        assert schedule.dropped == ()
    else:
        assert [r[0] for r in rows(schedule)] == ["2027-03-02"]
        assert [(d.day, d.holiday) for d in schedule.dropped] == [
            (slot, HolidayHit(((FEAST, ("HE",)),)))
        ]


def test_skip_drops_holidays_and_goes_on() -> None:
    lookup = lookup_of({"TH": [D("2026-03-04"), D("2026-03-18")]})
    net = network(holidays=HolidayPolicy.SKIP)
    schedule = plan(net, "2026-03-01", count=2, holidays=lookup)
    assert [r[0] for r in rows(schedule)] == ["2026-03-11", "2026-03-25"]
    assert [d.day for d in schedule.dropped] == [D("2026-03-04"), D("2026-03-18")]
    assert all(r.moved_from is None and r.holiday is None for r in schedule.meetings)
    ignored = plan(network(holidays=HolidayPolicy.IGNORE), "2026-03-01", count=1, holidays=lookup)
    assert ([r[0] for r in rows(ignored)], ignored.dropped) == (["2026-03-04"], ())


@pytest.mark.parametrize(
    ("until", "listed", "dropped"),
    [
        ("2026-03-17", ["2026-03-11"], ["2026-03-04"]),
        ("2026-03-18", ["2026-03-11"], ["2026-03-04", "2026-03-18"]),  # on a dropped date
        ("2026-03-25", ["2026-03-11", "2026-03-25"], ["2026-03-04", "2026-03-18"]),  # on a row
        ("2026-03-24", ["2026-03-11"], ["2026-03-04", "2026-03-18"]),
    ],
)
def test_until_on_a_row_or_a_dropped_date_keeps_it(
    until: str, listed: list[str], dropped: list[str]
) -> None:
    lookup = lookup_of({"TH": [D("2026-03-04"), D("2026-03-18"), D("2026-04-01")]})
    net = network(holidays=HolidayPolicy.SKIP)
    schedule = plan(net, "2026-03-01", count=None, until=D(until), holidays=lookup)
    assert [r[0] for r in rows(schedule)] == listed
    assert [d.day.isoformat() for d in schedule.dropped] == dropped
    assert schedule.exhausted is None


def test_a_slot_that_a_planned_meeting_of_the_file_took_is_not_proposed_again() -> None:
    # The meeting of the 18 March slot was moved to the 12th; the slot stays filled.
    net0 = network()
    moved = planned(1, "B", "2026-03-12", uid=slot_uid(net0, D("2026-03-18")))
    old = held(2, "A", "2026-02-04", uid="meeting-20260204-A@example")
    schedule = plan(network(moved, old), "2026-03-01", count=3)
    assert [r[0] for r in rows(schedule)] == ["2026-03-12", "2026-03-25", "2026-04-01"]


def test_a_gap_in_the_membership_is_passed_and_an_end_of_it_is_said() -> None:
    members = (
        Member(id="A", name="Alpha", seat="Aburg", state="HE", left=D("2026-03-10")),
        Member(id="B", name="Beta", seat="Bstadt", state="TH", joined=D("2026-03-20")),
    )
    schedule = plan(network(members=members), "2026-03-01", count=3)
    assert rows(schedule) == [
        ("2026-03-04", "A", "proposed"),
        ("2026-03-25", "B", "proposed"),  # nobody on the 11th and 18th; B joins on the 20th
        ("2026-04-01", "B", "proposed"),
    ]
    gone = (members[0],)
    ended = plan(network(planned(1, "A"), members=gone), "2026-03-05", count=3)
    # The plan in the file takes the first date; after it nobody can host, and nobody joins.
    assert rows(ended) == [("2026-03-11", "A", "planned")]
    assert ended.exhausted == Message(
        "no member can host on {date}: every member has left, not joined yet, or has hosts = false",
        {"date": D("2026-03-18")},
    )


def test_a_rule_that_runs_out_lists_the_undated_plans_left_without_a_date() -> None:
    net = network(
        planned(1, "B"),
        planned(2, "C"),
        planned(3, "A"),
        cadence="FREQ=WEEKLY;BYDAY=WE;COUNT=1",
        cadence_start=D("2026-03-04"),
    )
    schedule = plan(net, "2026-03-01", count=None)
    assert rows(schedule) == [
        ("2026-03-04", "B", "planned"),
        ("-", "C", "planned"),
        ("-", "A", "planned"),
    ]
    assert schedule.exhausted == Message(
        "the cadence has no more dates (its COUNT or UNTIL is reached, or it matches no day)"
    )
    assert rows(plan(net, "2026-03-01", count=2)) == rows(schedule)[:2]
    assert rows(plan(net, "2026-03-01", count=1)) == rows(schedule)[:1]


def test_the_schedule_looks_50_years_ahead_to_the_end_of_a_year() -> None:
    net = network(cadence="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31")
    schedule = plan(net, "2026-03-01", count=None)
    assert len(schedule.meetings) == 51
    assert schedule.meetings[-1].date == D("2076-12-31")
    assert schedule.exhausted == Message(
        "the schedule looks at most {years} years ahead (to {date})",
        {"years": 50, "date": D("2076-12-31")},
    )


def test_a_rule_of_moved_dates_only_still_looks_50_years_ahead() -> None:
    lookup = lookup_of({"HE": [D(f"{year}-12-25") for year in range(2026, 2090)]})
    net = network(cadence="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25")
    schedule = plan(net, "2026-03-01", count=None, holidays=lookup)
    assert len(schedule.meetings) == 51
    assert all(row.moved_from is not None for row in schedule.meetings)
    assert schedule.exhausted == Message(
        "the schedule looks at most {years} years ahead (to {date})",
        {"years": 50, "date": D("2076-12-31")},
    )


def test_a_rule_with_two_times_a_day_gives_each_day_once() -> None:
    net = network(cadence="FREQ=DAILY;BYHOUR=9,17")
    assert [r[0] for r in rows(plan(net, "2026-03-01", count=3))] == [
        "2026-03-01",
        "2026-03-02",
        "2026-03-03",
    ]


def test_without_a_count_four_rows() -> None:
    net = network()
    schedule = coming_meetings(net, today=D("2026-03-01"), holidays=NO_HOLIDAYS)  # type: ignore[arg-type]
    assert len(schedule.meetings) == 4


def test_a_rule_of_holidays_only_ends_after_50_years_and_says_so() -> None:
    lookup = lookup_of({"HE": [D(f"{year}-12-25") for year in range(2026, 2090)]})
    net = network(cadence="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", holidays=HolidayPolicy.SKIP)
    schedule = plan(net, "2026-03-01", count=2, holidays=lookup)
    assert schedule.meetings == ()
    assert len(schedule.dropped) == 51
    assert schedule.exhausted == Message(
        "the cadence gave no usable date in the {years} years after {date}: each fell on a "
        "public holiday",
        {"years": 50, "date": D("2026-03-01")},
    )


def test_the_end_of_the_calendar() -> None:
    # The horizon stops at the last year there is.
    net = network(cadence="FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1")
    assert [r[0] for r in rows(plan(net, "9990-01-01", count=2))] == ["9990-06-01", "9991-06-01"]
    assert len(plan(net, "9990-01-01", count=None).meetings) == 10
    # A holiday on the last days cannot be moved past the end.
    last = D("9999-12-29")
    lookup = lookup_of({"HE": [last]})
    late = network(cadence="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=29")
    schedule = plan(late, "9999-01-01", count=1, holidays=lookup)
    assert schedule.meetings[0].date == D("9999-12-30")
    lookup = lookup_of({"HE": [last, D("9999-12-30"), D("9999-12-31")]})
    schedule = plan(late, "9999-01-01", count=1, holidays=lookup)
    assert (schedule.meetings, [d.day for d in schedule.dropped]) == ((), [last])
    # The last day there is can take a meeting moved to it.
    eve = network(cadence="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=30")
    moved = plan(eve, "9999-01-01", count=1, holidays=lookup_of({"HE": [D("9999-12-30")]}))
    assert [r[0] for r in rows(moved)] == ["9999-12-31"]
    # A meeting of the file on the last day there is: no date is left.
    full = network(held(1, "A", "9999-12-31"), cadence="FREQ=DAILY")
    assert plan(full, "2026-03-01").exhausted == Message(
        "the file's meetings reach the last day there is"
    )
    before = network(held(1, "A", "9999-12-30"), cadence="FREQ=DAILY")
    assert [r[0] for r in rows(plan(before, "2026-03-01"))] == ["9999-12-31"]


# --- next_meeting ------------------------------------------------------------------------------


def test_next_meeting_is_the_first_row_else_the_rotation_without_a_date() -> None:
    net = network(held(1, "A", "2026-01-07"))
    first = next_meeting(net, today=D("2026-03-01"), holidays=NO_HOLIDAYS)  # type: ignore[arg-type]
    assert (first.date, first.host.id) == (D("2026-03-04"), "B")
    ended = network(
        held(1, "A", "2026-01-07"), cadence="FREQ=DAILY;COUNT=1", cadence_start=D("2026-01-01")
    )
    row = next_meeting(ended, today=D("2026-03-01"), holidays=NO_HOLIDAYS)  # type: ignore[arg-type]
    assert (row.kind, row.date, row.host.id, row.venue) == (Kind.PROPOSED, None, "B", "Bstadt")
    assert english(row.reason) == "Beta has not hosted in this round; this round so far: Alpha."
    # Without a row, the rotation is asked for today: a member that has left is not chosen.
    gone = (MEMBERS[0], dataclasses.replace(MEMBERS[1], left=D("2026-02-01")), MEMBERS[2])
    ended = network(
        held(1, "A", "2026-01-07"),
        cadence="FREQ=DAILY;COUNT=1",
        cadence_start=D("2026-01-01"),
        members=gone,
    )
    row = next_meeting(ended, today=D("2026-03-01"), holidays=NO_HOLIDAYS)  # type: ignore[arg-type]
    assert (row.date, row.host.id) == (None, "C")
    # An undated plan is judged as of today.
    late = (*MEMBERS[:2], dataclasses.replace(MEMBERS[2], joined=D("2026-06-01")))
    undated = network(held(1, "A", "2026-01-07"), planned(2, "B"), cadence=None, members=late)
    assert next_meeting(undated, today=D("2026-03-01"), holidays=NO_HOLIDAYS).host.id == "B"  # type: ignore[arg-type]


# --- properties --------------------------------------------------------------------------------


@st.composite
def schedules(draw: st.DrawFn) -> tuple[Network, dt.date, object]:
    """A network with planned meetings (dated, month-only, undated) among its cadence's dates,
    members that join or leave, and made-up holidays."""
    today = D("2026-03-01") + dt.timedelta(days=draw(st.integers(0, 40)))
    members = list(MEMBERS)
    for index in draw(st.lists(st.integers(1, 2), max_size=2, unique=True)):
        edge = today + dt.timedelta(days=draw(st.integers(-20, 120)))
        change = draw(st.sampled_from(["joined", "left"]))
        members[index] = dataclasses.replace(members[index], **{change: edge})
    meetings = []
    for position in range(1, draw(st.integers(0, 5)) + 1):
        host = draw(st.sampled_from(MEMBERS)).id
        kind = draw(st.sampled_from(["held", "planned", "month", "undated", "cancelled"]))
        day = today + dt.timedelta(days=draw(st.integers(-60, 90)))
        if kind == "undated":
            meetings.append(planned(position, host))
        elif kind == "month":
            meetings.append(
                Meeting(
                    position=position,
                    host=host,
                    status=Status.PLANNED,
                    date=day.replace(day=1),
                    month_only=True,
                )
            )
        else:
            status = {
                "held": Status.HELD,
                "planned": Status.PLANNED,
                "cancelled": Status.CANCELLED,
            }[kind]
            meetings.append(Meeting(position=position, host=host, status=status, date=day))
    cadence = draw(
        st.sampled_from(
            [
                "FREQ=WEEKLY;BYDAY=WE",
                "FREQ=DAILY;INTERVAL=3",
                "FREQ=MONTHLY;BYMONTHDAY=1,15",
                "FREQ=WEEKLY;BYDAY=FR;COUNT=9",
            ]
        )
    )
    holiday_days = draw(st.lists(st.integers(0, 200), max_size=30))
    lookup = lookup_of(
        {draw(st.sampled_from(["HE", "TH"])): [today + dt.timedelta(days=n) for n in holiday_days]}
    )
    policy = draw(st.sampled_from(list(HolidayPolicy)))
    rotation = draw(st.sampled_from(list(Rotation)))
    net = network(
        *meetings, cadence=cadence, members=tuple(members), holidays=policy, rotation=rotation
    )
    return net, today, lookup


def _key(schedule: Schedule) -> list[tuple[object, ...]]:
    return [
        (r.kind, r.host.id, r.date, r.slot, r.moved_from, r.holiday, english(r.reason))
        for r in schedule.meetings
    ]


@settings(max_examples=examples(100), deadline=None)
@given(schedules())
def test_every_count_gives_the_first_rows_of_the_full_list(
    case: tuple[Network, dt.date, object],
) -> None:
    net, today, lookup = case
    until = today + dt.timedelta(days=150)
    full = plan(net, today.isoformat(), holidays=lookup, count=None, until=until)
    for count in range(len(full.meetings) + 2):
        part = plan(net, today.isoformat(), holidays=lookup, count=count, until=until)
        assert _key(part) == _key(full)[:count]
        assert len(part.meetings) == min(count, len(full.meetings))


@settings(max_examples=examples(100), deadline=None)
@given(schedules())
def test_every_until_gives_the_rows_and_drops_up_to_it(
    case: tuple[Network, dt.date, object],
) -> None:
    net, today, lookup = case
    limit = today + dt.timedelta(days=150)
    full = plan(net, today.isoformat(), holidays=lookup, count=None, until=limit)
    days = sorted({r.date for r in full.meetings if r.date} | {d.day for d in full.dropped})
    for day in days:
        for until in (day - dt.timedelta(days=1), day):
            part = plan(net, today.isoformat(), holidays=lookup, count=None, until=until)
            dated = [k for k in _key(part) if k[2] is not None]
            assert dated == [k for k in _key(full) if k[2] is not None and k[2] <= until]
            assert [d.day for d in part.dropped] == [d.day for d in full.dropped if d.day <= until]


def test_a_date_moved_past_until_leaves_the_later_slot_before_it_in_the_list() -> None:
    """Found by the property above: every third day, Thursday 21 May a holiday (and the Friday),
    so A's meeting moves to Monday 25; B's slot on Sunday 24 still falls on or before an `until`
    of the 24th, with the host it has in the whole list (the moved meeting keeps its turn)."""
    lookup = lookup_of({"HE": [D("2026-05-21"), D("2026-05-22")]})
    net = network(cadence="FREQ=DAILY;INTERVAL=3", holidays=HolidayPolicy.SHIFT)
    full = plan(net, "2026-03-01", holidays=lookup, count=None, until=D("2026-07-29"))
    part = plan(net, "2026-03-01", holidays=lookup, count=None, until=D("2026-05-24"))
    moved = next(r for r in full.meetings if r.slot == D("2026-05-21"))
    assert (moved.host.id, moved.date) == ("A", D("2026-05-25"))
    assert [(r.host.id, r.date) for r in part.meetings][-2:] == [
        ("C", D("2026-05-18")),
        ("B", D("2026-05-24")),
    ]
