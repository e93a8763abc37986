"""Every branch of the rotation with the reason it gives, and its boundaries: the day a member
joins or leaves, meetings in any order of the file, cancelled and undated ones among the held.

Written against the survivors of a mutation run (CONTRIBUTING.md, "Mutation testing"): each test here
asserts what a changed line would change, so all of them call the core in process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.core.rotation import (
    RotationState,
    counts_as_hosting,
    hosting_record,
    next_turn,
    replay,
)
from netzwerk_cli.errors import NoHostError
from netzwerk_cli.model import Meeting, Member, Network, Rotation, Status

from .conftest import english, examples, make_network
from .test_rotation import make_members, meetings

ON = dt.date(2026, 12, 1)
HEF = "Landkreis Hersfeld-Rotenburg"
LEAST_RECENT = 'rotation = "least-recent"\n'


def reason(network: Network, on: dt.date = ON, **kwargs: dt.date) -> tuple[str, str]:
    turn = next_turn(network, on=on, **kwargs)
    return turn.member.id, english(turn.reason)


# --- order: the three reasons ------------------------------------------------------------------


def test_with_no_meeting_yet_the_first_member_hosts_and_says_so() -> None:
    first = (
        "HEF",
        f"{HEF} hosts: no meeting has been held yet; it comes first in the members' order.",
    )
    assert reason(make_network()) == first
    # Cancelled meetings are no hosting: still none has been held.
    body = meetings(("2024-01-10", "WAK", "cancelled"), ("2024-02-10", "ESW", "cancelled"))
    assert reason(make_network(body)) == first
    assert replay(make_network(body), undated_on=ON).steps == 0


def test_after_a_complete_round_a_new_one_begins_and_says_so() -> None:
    body = meetings(
        ("2024-01-10", "HEF"), ("2024-02-10", "WAK"), ("2024-03-10", "ESW"), ("2024-04-10", "FD")
    )
    state = replay(make_network(body), undated_on=ON)
    assert (state.round_hosts, state.steps) == ((), 4)
    assert reason(make_network(body)) == (
        "HEF",
        f"{HEF} hosts: every member that can host has hosted in the last round, so a new round "
        "begins; it comes first in the members' order.",
    )


def test_in_a_round_the_first_waiting_member_hosts_and_the_round_so_far_is_named() -> None:
    body = meetings(("2024-01-10", "WAK"), ("2024-02-10", "FD"))
    assert reason(make_network(body)) == (
        "HEF",
        f"{HEF} has not hosted in this round; this round so far: Wartburgkreis, Landkreis Fulda.",
    )


def test_a_host_that_is_no_member_is_named_by_its_id() -> None:
    state = RotationState(make_network(), round_hosts=("GONE",), steps=1)
    turn = state.choose(on=ON)
    assert english(turn.reason) == (f"{HEF} has not hosted in this round; this round so far: GONE.")


def test_a_round_that_the_leaving_of_its_last_waiting_member_completes() -> None:
    # ESW had not hosted when it left: HEF and WAK make the round complete on later dates.
    members = make_members(("HEF", ""), ("WAK", ""), ("ESW", "left = 2024-06-01"))
    network = make_network(meetings(("2024-01-10", "HEF"), ("2024-02-10", "WAK")), members=members)
    assert replay(network, undated_on=ON).round_hosts == ("HEF", "WAK")
    assert next_turn(network, on=dt.date(2024, 5, 31)).member.id == "ESW"
    member, why = reason(network)
    assert member == "HEF" and "so a new round begins" in why
    # The next hosting is judged on its own date: the old round is complete then, a new one
    # begins with it.
    later = make_network(
        meetings(("2024-01-10", "HEF"), ("2024-02-10", "WAK"), ("2024-07-10", "WAK")),
        members=members,
    )
    assert replay(later, undated_on=ON).round_hosts == ("WAK",)
    assert reason(later) == (
        "HEF",
        "HEF name has not hosted in this round; this round so far: WAK name.",
    )


@pytest.mark.parametrize(
    ("left", "round_hosts"),
    [
        ("2024-02-10", ()),  # gone on the day of WAK's meeting: the round is complete then
        ("2024-02-11", ("HEF", "WAK")),  # still a member that day: the round waits for it
    ],
)
def test_a_member_leaving_on_the_day_of_a_meeting_is_gone_that_day(
    left: str, round_hosts: tuple[str, ...]
) -> None:
    members = make_members(("HEF", ""), ("WAK", ""), ("ESW", f"left = {left}"))
    network = make_network(meetings(("2024-01-10", "HEF"), ("2024-02-10", "WAK")), members=members)
    assert replay(network, undated_on=ON).round_hosts == round_hosts


@pytest.mark.parametrize(
    ("joined", "round_hosts"),
    [
        ("2024-02-10", ("HEF", "WAK")),  # a member from that day on: the round waits for it
        ("2024-02-11", ()),  # not yet a member: the round is complete
    ],
)
def test_a_member_joining_on_the_day_of_a_meeting_belongs_that_day(
    joined: str, round_hosts: tuple[str, ...]
) -> None:
    members = make_members(("HEF", ""), ("WAK", ""), ("NEW", f"joined = {joined}"))
    network = make_network(meetings(("2024-01-10", "HEF"), ("2024-02-10", "WAK")), members=members)
    assert replay(network, undated_on=ON).round_hosts == round_hosts


def test_members_that_never_host_do_not_hold_a_round_open() -> None:
    members = make_members(("HEF", ""), ("GUEST", "hosts = false"), ("ESW", ""))
    network = make_network(meetings(("2024-01-10", "HEF"), ("2024-02-10", "ESW")), members=members)
    assert replay(network, undated_on=ON).round_hosts == ()
    members = make_members(("HEF", ""), ("LATE", "joined = 2023-01-01"), ("ESW", ""))
    network = make_network(meetings(("2024-01-10", "HEF"), ("2024-02-10", "ESW")), members=members)
    assert replay(network, undated_on=ON).round_hosts == ("HEF", "ESW")


def test_a_round_of_members_that_joined_completes_when_each_has_hosted() -> None:
    # More members with a `joined` date than without: the count of who can host stays exact.
    members = make_members(
        ("HEF", ""), ("NEW", "joined = 2023-01-01"), ("LATE", "joined = 2023-06-01")
    )
    network = make_network(
        meetings(("2024-01-10", "HEF"), ("2024-02-10", "NEW"), ("2024-03-10", "LATE")),
        members=members,
    )
    assert replay(network, undated_on=ON).round_hosts == ()
    assert reason(network)[0] == "HEF"


def test_a_round_counts_each_host_once_however_often_it_hosts() -> None:
    network = make_network(
        meetings(("2024-01-10", "HEF"), ("2024-02-10", "HEF"), ("2024-03-10", "WAK"))
    )
    state = replay(network, undated_on=ON)
    assert (state.round_hosts, state.steps) == (("HEF", "HEF", "WAK"), 3)
    assert state.last_turn == {"HEF": 1, "WAK": 2}
    assert state.last_date == {"HEF": dt.date(2024, 2, 10), "WAK": dt.date(2024, 3, 10)}


# --- the order of the history ------------------------------------------------------------------


def test_a_cancelled_meeting_before_the_held_ones_is_passed_over_not_an_end() -> None:
    body = meetings(
        ("2023-12-10", "ESW", "cancelled"), ("2024-01-10", "HEF"), ("2024-02-10", "WAK")
    )
    state = replay(make_network(body), undated_on=ON)
    assert state.round_hosts == ("HEF", "WAK")
    assert next_turn(make_network(body), on=ON).member.id == "ESW"


def test_a_month_only_meeting_counts_as_the_first_of_its_month() -> None:
    # "2024-03" sorts before 2 March, so FD then HEF; WAK is next.
    body = meetings(("2024-03-02", "HEF"), ('"2024-03"', "FD"))
    state = replay(make_network(body), undated_on=ON)
    assert state.round_hosts == ("FD", "HEF")
    assert state.last_date == {"FD": dt.date(2024, 3, 1), "HEF": dt.date(2024, 3, 2)}
    assert next_turn(make_network(body), on=ON).member.id == "WAK"


def test_undated_planned_meetings_come_last_and_are_judged_on_the_given_day() -> None:
    # NEW joins in 2027. Judged in 2026, WAK's undated meeting completes the round (HEF, WAK);
    # judged in 2027, NEW still waits for its turn.
    members = make_members(("HEF", ""), ("WAK", ""), ("NEW", "joined = 2027-01-01"))
    body = '[[meetings]]\nhost = "WAK"\n\n' + meetings(("2024-01-10", "HEF"))
    network = make_network(body, members=members)
    later = dt.date(2027, 6, 1)
    assert replay(network, undated_on=ON).round_hosts == ()
    assert replay(network, undated_on=later).round_hosts == ("HEF", "WAK")
    assert next_turn(network, on=later, undated_on=ON).member.id == "HEF"
    assert next_turn(network, on=later).member.id == "NEW"  # judged on `on` when not given
    # Left out without a day to judge them on, for the schedule that dates them itself.
    assert replay(network, undated_on=None).round_hosts == ("HEF",)
    state = replay(network, undated_on=ON)
    assert state.last_date == {"HEF": dt.date(2024, 1, 10), "WAK": None}


def test_only_cancelled_meetings_give_a_turn_back() -> None:
    day = dt.date(2024, 1, 1)
    assert counts_as_hosting(Meeting(position=1, host="HEF", status=Status.HELD, date=day))
    assert counts_as_hosting(Meeting(position=1, host="HEF", status=Status.PLANNED))
    assert not counts_as_hosting(Meeting(position=1, host="HEF", status=Status.CANCELLED))


# --- least-recent: the three reasons -----------------------------------------------------------


def test_least_recent_prefers_a_member_that_never_hosted_over_the_first_hosting() -> None:
    body = meetings(("2024-01-10", "HEF"), ("2024-02-10", "ESW"), ("2024-03-10", "FD"))
    assert reason(make_network(body, header=LEAST_RECENT)) == (
        "WAK",
        "Wartburgkreis has not hosted yet.",
    )


def test_least_recent_with_nobody_hosted_yet_goes_by_the_members_order() -> None:
    assert reason(make_network(header=LEAST_RECENT)) == ("HEF", f"{HEF} has not hosted yet.")


def test_least_recent_names_the_last_hosting_date() -> None:
    body = meetings(
        ("2024-01-10", "HEF"), ("2024-02-10", "WAK"), ("2024-03-10", "ESW"), ("2024-04-10", "FD")
    )
    body += "\n" + meetings(("2024-05-10", "HEF"))
    assert reason(make_network(body, header=LEAST_RECENT)) == (
        "WAK",
        "Wartburgkreis last hosted on 2024-02-10, longer ago than any other member that can host.",
    )


def test_least_recent_after_a_meeting_without_a_date() -> None:
    # Only HEF can host; its last hosting is a planned meeting whose date is not fixed.
    members = make_members(("HEF", ""), ("WAK", "left = 2025-01-01"))
    body = meetings(("2024-01-10", "WAK")) + '\n[[meetings]]\nhost = "HEF"\n'
    network = make_network(body, header=LEAST_RECENT, members=members)
    assert reason(network) == (
        "HEF",
        "HEF name last hosted at a meeting whose date is not fixed, longer ago than any other "
        "member that can host.",
    )


def test_the_state_after_a_hosting_carries_its_date() -> None:
    network = make_network(header=LEAST_RECENT)
    state = replay(network, undated_on=ON)
    for number, (member, day) in enumerate(
        [("HEF", "2027-01-05"), ("WAK", "2027-02-05"), ("ESW", "2027-03-05"), ("FD", "2027-04-05")]
    ):
        state = state.after(member, dt.date.fromisoformat(day))
        assert state.steps == number + 1
    assert state.last_date["HEF"] == dt.date(2027, 1, 5)
    turn = state.choose(on=dt.date(2027, 5, 5))
    assert english(turn.reason) == (
        f"{HEF} last hosted on 2027-01-05, longer ago than any other member that can host."
    )
    # The `order` rotation: the round completes with the fourth hosting, judged on its date.
    state = replay(make_network(), undated_on=ON)
    for member, day in [("HEF", "2027-01-05"), ("WAK", "2027-02-05"), ("ESW", "2027-03-05")]:
        state = state.after(member, dt.date.fromisoformat(day))
    assert state.round_hosts == ("HEF", "WAK", "ESW")
    assert state.after("FD", dt.date(2027, 4, 5)).round_hosts == ()
    assert state.round_hosts == ("HEF", "WAK", "ESW")  # `after` leaves the state as it was


# --- nobody can host ---------------------------------------------------------------------------


def test_nobody_can_host_says_why() -> None:
    with pytest.raises(NoHostError) as empty:
        next_turn(make_network(members=""), on=ON)
    assert english(empty.value.text) == (
        "no member can host: the network has no members yet (add one with `netzwerk member add` "
        "or in the file's [[members]])"
    )
    members = make_members(("HEF", "hosts = false"), ("WAK", "joined = 2027-01-01"))
    with pytest.raises(NoHostError) as gone:
        next_turn(make_network(members=members), on=ON)
    assert english(gone.value.text) == (
        "no member can host on 2026-12-01: every member has left, not joined yet, or has "
        "hosts = false"
    )


# --- the hosting record ------------------------------------------------------------------------


def test_the_hosting_record_in_any_order_of_the_file() -> None:
    day = dt.date.fromisoformat
    found = [
        Meeting(position=1, host="WAK", status=Status.CANCELLED, date=day("2024-01-01")),
        Meeting(position=2, host="HEF", status=Status.PLANNED, date=day("2024-02-01")),
        Meeting(position=3, host="HEF", status=Status.HELD, date=day("2025-04-02")),
        Meeting(position=4, host="HEF", status=Status.HELD, date=day("2024-04-01")),
        Meeting(position=5, host="WAK", status=Status.HELD, date=day("2024-05-01")),
        Meeting(position=6, host="HEF", status=Status.HELD, date=day("2024-06-01")),
    ]
    for meetings_in_order in (found, found[::-1]):
        record = hosting_record(meetings_in_order)
        assert record == {"HEF": (3, found[2]), "WAK": (1, found[4])}


# --- properties --------------------------------------------------------------------------------

MEMBERS = tuple(
    Member(id=f"M{n}", name=f"Member {n}", seat=f"Seat {n}", state="HE") for n in range(4)
)
HISTORY_START = dt.date(2024, 1, 1)


@st.composite
def histories(draw: st.DrawFn) -> tuple[Network, list[Meeting]]:
    """A network with held, planned, cancelled and undated meetings on distinct days, some
    month-only, in the order of the file; the members may join or leave on a meeting's day."""
    count = draw(st.integers(0, 9))
    days = draw(st.lists(st.integers(0, 500), min_size=count, max_size=count, unique=True))
    meetings: list[Meeting] = []
    used: set[dt.date] = set()  # two meetings on one day go by the file's order: not here
    for offset in days:
        kind = draw(st.sampled_from(["held", "held", "cancelled", "planned", "undated", "month"]))
        day = HISTORY_START + dt.timedelta(days=offset)
        if kind == "month":
            day = day.replace(day=1)
        if kind != "undated" and day in used:
            continue
        used.add(day)
        position = len(meetings) + 1
        host = draw(st.sampled_from(MEMBERS)).id
        if kind == "undated":
            meetings.append(Meeting(position=position, host=host, status=Status.PLANNED))
        elif kind == "month":
            meetings.append(
                Meeting(
                    position=position,
                    host=host,
                    status=Status.HELD,
                    date=day,
                    month_only=True,
                )
            )
        else:
            meetings.append(Meeting(position=position, host=host, status=Status(kind), date=day))
    members = list(MEMBERS)
    for index in draw(st.lists(st.integers(1, 3), max_size=2, unique=True)):
        edge = HISTORY_START + dt.timedelta(days=draw(st.integers(0, 500)))
        change = draw(st.sampled_from(["joined", "left"]))
        members[index] = dataclasses.replace(members[index], **{change: edge})
    rotation = draw(st.sampled_from(list(Rotation)))
    return Network(name="N", members=tuple(members), rotation=rotation), meetings


def answer(network: Network, meetings: list[Meeting]) -> tuple[object, ...]:
    network = dataclasses.replace(network, meetings=tuple(meetings))
    state = replay(network, undated_on=ON)
    turn = state.choose(on=ON)
    return (
        state.round_hosts,
        dict(state.last_turn),
        dict(state.last_date),
        state.steps,
        turn.member.id,
        english(turn.reason),
        {host: (count, last.date) for host, (count, last) in hosting_record(meetings).items()},
    )


def renumbered(meetings: list[Meeting]) -> list[Meeting]:
    """The same meetings written in this order in the file (positions follow the file)."""
    return [dataclasses.replace(m, position=n) for n, m in enumerate(meetings, start=1)]


@settings(max_examples=examples(200), deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_the_order_of_the_file_does_not_change_the_answer(
    case: tuple[Network, list[Meeting]], random: object
) -> None:
    network, meetings = case
    # Undated meetings keep their order among themselves: it is the only order they have.
    shuffled = list(meetings)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    undated = iter([m for m in meetings if m.date is None])
    shuffled = [next(undated) if m.date is None else m for m in shuffled]
    assert answer(network, renumbered(meetings)) == answer(network, renumbered(shuffled))


@settings(max_examples=examples(200), deadline=None)
@given(histories())
def test_cancelled_meetings_anywhere_change_nothing(case: tuple[Network, list[Meeting]]) -> None:
    network, meetings = case
    kept = [m for m in meetings if m.status is not Status.CANCELLED]
    assert answer(network, meetings) == answer(network, kept)
