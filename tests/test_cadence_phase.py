"""The next dates of a cadence do not depend on how long ago its first meeting was: the rule may
start whole periods later (`in_phase_start`), and gives the very same dates from `begin` on."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.core.rrules import CadenceError, in_phase_start, parse_cadence

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Numbered weekdays (1WE) only where a period has several of them (RFC 5545 3.3.10). A daily rule
# neither numbers weekdays nor picks days of the month (nor does a weekly one) or positions: a rule that can never
# happen (BYSETPOS=2 of a day's one date) sends dateutil, the test's oracle, through every day to
# the year 9999, minutes per example.
PERIODS = ("MONTHLY", "YEARLY")


@st.composite
def cadences(draw: st.DrawFn) -> str:
    frequency = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    parts = [f"FREQ={frequency}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 5))}")
    if draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True))
        prefix = draw(st.sampled_from(["", "1", "2", "-1"])) if frequency in PERIODS else ""
        parts.append("BYDAY=" + ",".join(prefix + d for d in days))
    elif frequency in PERIODS and draw(st.booleans()):
        parts.append(f"BYMONTHDAY={draw(st.sampled_from([1, 13, 29, 31, -1]))}")
    if draw(st.booleans()):
        parts.append(f"BYMONTH={','.join(map(str, draw(st.sets(st.integers(1, 12), min_size=1))))}")
    if frequency == "YEARLY" and draw(st.booleans()):
        parts.append(
            draw(st.sampled_from([f"BYWEEKNO={draw(st.integers(1, 53))}", "BYYEARDAY=100,-1"]))
        )
    if frequency != "DAILY" and draw(st.booleans()):
        parts.append(f"BYSETPOS={draw(st.sampled_from([1, 2, -1]))}")
    if draw(st.booleans()):
        parts.append(f"UNTIL={draw(st.integers(1700, 2300))}0101")
    elif draw(st.booleans()):
        parts.append(f"COUNT={draw(st.integers(1, 3000))}")
    if draw(st.booleans()):
        parts.append(f"WKST={draw(st.sampled_from(DAYS))}")
    parts[1:] = draw(st.permutations(parts[1:]))
    return ("RRULE:" if draw(st.booleans()) else "") + ";".join(parts)


def first_dates(cadence: str, dtstart: dt.date, begin: dt.date, count: int = 6) -> list[dt.date]:
    rule = parse_cadence(cadence, dtstart=dtstart)
    after = rule.xafter(dt.datetime.combine(begin, dt.time()), inc=True)
    return [occurrence.date() for occurrence in itertools.islice(after, count)]


@settings(max_examples=60, deadline=None)
@given(
    cadence=cadences(),
    dtstart=st.dates(dt.date(1550, 1, 1), dt.date(2100, 12, 31)),
    days=st.integers(0, 40_000),
)
def test_a_later_start_gives_the_same_dates(cadence: str, dtstart: dt.date, days: int) -> None:
    begin = min(dtstart + dt.timedelta(days=days), dt.date(2400, 1, 1))
    try:
        expected = first_dates(cadence, dtstart, begin)
    except CadenceError:
        return
    later = in_phase_start(cadence, dtstart=dtstart, begin=begin)
    assert dtstart <= later <= max(begin, dtstart)
    assert first_dates(cadence, later, begin) == expected


def test_four_centuries_of_weeks_are_skipped() -> None:
    start = in_phase_start(
        "FREQ=WEEKLY;BYDAY=WE", dtstart=dt.date(1600, 1, 5), begin=dt.date(2026, 11, 24)
    )
    assert dt.date(2026, 11, 10) <= start <= dt.date(2026, 11, 24)
    assert start.weekday() == dt.date(1600, 1, 5).weekday()
    monthly = in_phase_start(
        "FREQ=MONTHLY;INTERVAL=5;BYDAY=1WE",
        dtstart=dt.date(1600, 1, 5),
        begin=dt.date(2026, 11, 24),
    )
    assert monthly.day == 5 and (monthly.year - 1600) * 12 + monthly.month - 1 == 5115
    # A rule that counts its dates keeps its start; so does one from a day not every month has.
    counted = "FREQ=WEEKLY;COUNT=30000"
    assert in_phase_start(counted, dtstart=dt.date(1600, 1, 5), begin=dt.date(2026, 11, 24)) == (
        dt.date(1600, 1, 5)
    )
    assert in_phase_start(
        "FREQ=MONTHLY", dtstart=dt.date(1600, 1, 31), begin=dt.date(2026, 11, 24)
    ) == dt.date(1600, 1, 31)


def test_the_rules_own_prefix_and_case_skip_the_same_centuries() -> None:
    plain = in_phase_start(
        "FREQ=WEEKLY;BYDAY=WE", dtstart=dt.date(1600, 1, 5), begin=dt.date(2026, 11, 24)
    )
    for cadence in ("RRULE:FREQ=WEEKLY;BYDAY=WE", "  rrule:freq=weekly;byday=we "):
        start = in_phase_start(cadence, dtstart=dt.date(1600, 1, 5), begin=dt.date(2026, 11, 24))
        assert start == plain


@pytest.mark.parametrize(
    ("cadence", "step"),
    [
        ("FREQ=DAILY", 1),
        ("FREQ=DAILY;INTERVAL=3", 3),
        ("FREQ=WEEKLY", 7),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR", 14),
    ],
)
@pytest.mark.parametrize("days", [-30, -1, 0, 1, 4, 7, 13, 14, 15, 27, 28, 29, 400, 40_000])
def test_days_and_weeks_start_a_whole_period_before_begin_and_no_earlier(
    cadence: str, step: int, days: int
) -> None:
    dtstart = dt.date(1600, 1, 5)
    begin = dtstart + dt.timedelta(days=days)
    start = in_phase_start(cadence, dtstart=dtstart, begin=begin)
    assert (start - dtstart).days % step == 0  # whole periods after the rule's own start
    if start != dtstart:
        assert (begin - start).days >= step  # the period that `begin` cuts is whole
    if (begin - dtstart).days >= 2 * step:
        assert (begin - start).days < 2 * step  # and none later would do: four centuries skipped
    assert first_dates(cadence, start, begin) == first_dates(cadence, dtstart, begin)


def test_months_and_years_skip_from_the_28th_and_keep_a_start_on_a_day_not_every_month_has() -> (
    None
):
    begin = dt.date(2026, 11, 24)
    # The latest 28th a whole month before begin (28 October is less than a month before it).
    start = in_phase_start("FREQ=MONTHLY", dtstart=dt.date(1600, 1, 28), begin=begin)
    assert start == dt.date(2026, 9, 28)
    # On the same day of the month, the month before begin is a whole month before it.
    start = in_phase_start("FREQ=MONTHLY", dtstart=dt.date(1600, 1, 24), begin=begin)
    assert start == dt.date(2026, 10, 24)
    # Less than two months after the start: nothing to skip.
    start = in_phase_start("FREQ=MONTHLY", dtstart=dt.date(2026, 10, 5), begin=begin)
    assert start == dt.date(2026, 10, 5)
    # Years: the latest 15 March a whole year before begin.
    start = in_phase_start("FREQ=YEARLY", dtstart=dt.date(1600, 3, 15), begin=begin)
    assert start == dt.date(2025, 3, 15)
    start = in_phase_start("FREQ=YEARLY;INTERVAL=4", dtstart=dt.date(1600, 3, 15), begin=begin)
    assert start == dt.date(2020, 3, 15)
    for day in (29, 30, 31):
        dtstart = dt.date(1600, 1, day)
        assert in_phase_start("FREQ=MONTHLY", dtstart=dtstart, begin=begin) == dtstart


def test_a_rule_without_a_usable_interval_keeps_its_start() -> None:
    # parse_cadence refuses these when the file is read; in_phase_start must not fail before that.
    for interval in ("0", "-1", "two"):
        cadence = f"FREQ=WEEKLY;INTERVAL={interval}"
        start = in_phase_start(cadence, dtstart=dt.date(1600, 1, 5), begin=dt.date(2026, 11, 24))
        assert start == dt.date(1600, 1, 5)
