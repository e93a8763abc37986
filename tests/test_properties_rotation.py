"""Properties of the rotation and the schedule, for generated networks and any start."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzwerk_cli.core.rotation import next_turn
from netzwerk_cli.core.schedule import coming_meetings, holiday_on
from netzwerk_cli.model import (
    GERMAN_STATES,
    HolidayPolicy,
    Meeting,
    Member,
    Network,
    Rotation,
    Status,
)
from netzwerk_cli.outside.holidaycache import HolidayCache

from .conftest import examples

HOLIDAYS = HolidayCache(None)  # the real `holidays` package, remembered for the whole module
START = dt.date(2025, 1, 6)
STEPS = 30
WEEK = dt.timedelta(days=7)
END = START + STEPS * WEEK


@st.composite
def networks(draw: st.DrawFn, *, rotation: Rotation, changing: bool = True) -> Network:
    """1 to 12 members; with `changing`, some join or leave during the simulated weeks."""
    count = draw(st.integers(1, 12))
    members = []
    for number in range(count):
        joined = left = None
        if changing and draw(st.integers(0, 3)) == 0:
            joined = (
                START
                + draw(st.integers(-10, STEPS)) * WEEK
                + dt.timedelta(days=draw(st.integers(0, 6)))
            )
        if changing and draw(st.integers(0, 3)) == 0:
            left = (joined or START) + draw(st.integers(1, STEPS)) * WEEK
        members.append(
            Member(
                id=f"M{number}",
                name=f"Member {number}",
                seat=f"Seat {number}",
                state=draw(st.sampled_from(sorted(GERMAN_STATES))),
                joined=joined,
                left=left,
                hosts=draw(st.integers(0, 5)) > 0,
            )
        )
    # The first member can always host, so that some member can host on every date.
    members[0] = dataclasses.replace(members[0], joined=None, left=None, hosts=True)
    return Network(name="Generated", members=tuple(members), rotation=rotation)


def follow(network: Network, steps: int = STEPS) -> list[tuple[dt.date, str]]:
    """Hold a meeting every week, each time at the host that `next-host` names."""
    held: list[tuple[dt.date, str]] = []
    for step in range(steps):
        day = START + step * WEEK
        host = next_turn(network, on=day).member
        assert host.can_host_on(day), f"{host.id} cannot host on {day}"
        held.append((day, host.id))
        meeting = Meeting(position=step + 1, host=host.id, status=Status.HELD, date=day)
        network = dataclasses.replace(network, meetings=(*network.meetings, meeting))
    return held


def always_able(network: Network) -> list[str]:
    return [m.id for m in network.members if m.can_host_on(START) and m.can_host_on(END)]


def assert_counts_within_one(network: Network, held: list[tuple[dt.date, str]]) -> None:
    steady = always_able(network)
    counts = dict.fromkeys(steady, 0)
    for _, host in held:
        if host in counts:
            counts[host] += 1
        if counts:
            assert max(counts.values()) - min(counts.values()) <= 1, counts


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(rotation=Rotation.ORDER, changing=False))
def test_order_every_member_hosts_exactly_once_per_round(network: Network) -> None:
    held = [host for _, host in follow(network)]
    able = [m.id for m in network.members if m.hosts]
    for start in range(0, len(held) - len(able) + 1, len(able)):
        assert held[start : start + len(able)] == able


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(rotation=Rotation.ORDER))
def test_order_with_joins_and_leaves_never_gives_anyone_a_second_turn_early(
    network: Network,
) -> None:
    assert_counts_within_one(network, follow(network))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(rotation=Rotation.LEAST_RECENT))
def test_least_recent_counts_never_differ_by_more_than_one(network: Network) -> None:
    assert_counts_within_one(network, follow(network))


CADENCES = st.sampled_from(
    [
        "FREQ=WEEKLY;BYDAY=WE",
        "FREQ=MONTHLY;BYDAY=1WE",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31",
        "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24,25,26",
        "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
        "FREQ=DAILY;INTERVAL=9",
        "FREQ=MONTHLY;BYMONTH=5;BYMONTHDAY=1",
    ]
)


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    networks(rotation=Rotation.ORDER) | networks(rotation=Rotation.LEAST_RECENT),
    CADENCES,
    st.sampled_from([HolidayPolicy.SHIFT, HolidayPolicy.SKIP]),
    st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31)),
)
def test_the_schedule_avoids_holidays_ends_and_follows_next_host(
    network: Network, cadence: str, policy: HolidayPolicy, today: dt.date
) -> None:
    network = dataclasses.replace(network, cadence=cadence, holidays=policy)
    schedule = coming_meetings(network, today=today, holidays=HOLIDAYS, count=6)
    for row in schedule.meetings:
        assert row.date is not None and row.date >= today
        assert holiday_on(network, row.date, HOLIDAYS) is None, (row.date, cadence)
        assert row.host.can_host_on(row.date)
    # Following next-host meeting after meeting names the same hosts as the schedule.
    for number, row in enumerate(schedule.meetings):
        assert row.date is not None
        assert next_turn(network, on=row.date, undated_on=today).member == row.host
        meeting = Meeting(
            position=len(network.meetings) + 1,
            host=row.host.id,
            status=Status.PLANNED,
            date=row.date,
        )
        network = dataclasses.replace(network, meetings=(*network.meetings, meeting))
        assert number < 6


@st.composite
def networks_with_history(draw: st.DrawFn) -> tuple[Network, dt.date]:
    """A network with held, cancelled and planned meetings (dated or not) around a `today`."""
    network = draw(networks(rotation=draw(st.sampled_from(list(Rotation)))))
    today = draw(st.dates(min_value=dt.date(2025, 3, 1), max_value=dt.date(2025, 9, 30)))
    meetings = []
    for position in range(1, draw(st.integers(0, 8)) + 1):
        host = draw(st.sampled_from(network.members))
        kind = draw(st.sampled_from(["held", "cancelled", "planned", "undated"]))
        if kind == "undated":
            meetings.append(Meeting(position=position, host=host.id, status=Status.PLANNED))
            continue
        offset = dt.timedelta(days=draw(st.integers(1, 200)))
        day = today - offset if kind != "planned" else today + offset
        meetings.append(Meeting(position=position, host=host.id, status=Status(kind), date=day))
    cadence = draw(CADENCES)
    policy = draw(st.sampled_from(list(HolidayPolicy)))
    return dataclasses.replace(
        network, meetings=tuple(meetings), cadence=cadence, holidays=policy
    ), today


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks_with_history())
def test_with_a_history_the_schedule_keeps_plans_and_follows_the_rotation(
    case: tuple[Network, dt.date],
) -> None:
    from netzwerk_cli.core.schedule import Kind, next_meeting

    network, today = case
    schedule = coming_meetings(network, today=today, holidays=HOLIDAYS, count=5)
    planned = [m for m in network.meetings if m.status is Status.PLANNED]
    # Every planned meeting of the file that is still to come is listed once, with its host,
    # before any date the cadence proposes (up to --count).
    listed = [row.meeting for row in schedule.meetings if row.meeting is not None]
    assert len(listed) == len({m.position for m in listed})
    if len(schedule.meetings) < 5:
        assert {m.position for m in listed} == {
            m.position for m in planned if m.date is None or m.date >= today
        }
    kinds = [row.kind for row in schedule.meetings]
    assert kinds == sorted(kinds, key=lambda k: k is Kind.PROPOSED)
    for row in schedule.meetings:
        if row.meeting is not None:
            assert row.host.id == row.meeting.host
        if row.kind is Kind.PROPOSED or (
            row.meeting is not None and row.meeting.date is None and row.date
        ):
            assert row.date is not None and row.date >= today
            if network.holidays is not HolidayPolicy.IGNORE:
                assert holiday_on(network, row.date, HOLIDAYS) is None
        if row.kind is Kind.PROPOSED:
            assert row.date is not None and row.host.can_host_on(row.date)
    # next-host is the first row.
    if schedule.meetings:
        first = next_meeting(network, today=today, holidays=HOLIDAYS)
        assert (first.host, first.date, first.kind) == (
            schedule.meetings[0].host,
            schedule.meetings[0].date,
            schedule.meetings[0].kind,
        )
    # Each proposed host is the rotation's answer after every meeting before it (a planned meeting
    # without a date counts on the date the schedule gives it).
    dated = {
        row.meeting.position: row.date for row in schedule.meetings if row.meeting and row.date
    }
    extended = dataclasses.replace(
        network,
        meetings=tuple(
            dataclasses.replace(m, date=dated[m.position])
            if m.date is None and m.position in dated
            else m
            for m in network.meetings
        ),
    )
    for row in schedule.meetings:
        if row.kind is Kind.PROPOSED:
            assert row.date is not None
            assert next_turn(extended, on=row.date, undated_on=today).member == row.host
            meeting = Meeting(
                position=len(extended.meetings) + 1,
                host=row.host.id,
                status=Status.PLANNED,
                date=row.date,
            )
            extended = dataclasses.replace(extended, meetings=(*extended.meetings, meeting))
