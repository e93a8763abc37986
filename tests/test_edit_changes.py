"""changes: which meeting a command changes, and how, decided from the network alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from netzwerk_cli.core.edits import AddTable, SetKeys
from netzwerk_cli.core.members import add_member, leave_member
from netzwerk_cli.core.plan import cancel_meeting, plan_meeting
from netzwerk_cli.core.record import record_meeting
from netzwerk_cli.errors import CommandError
from netzwerk_cli.model import HolidayName

from .conftest import TODAY, english, make_network


def no_holidays(state: str, year: int) -> Mapping[dt.date, HolidayName]:
    return {}


def meeting(date: str, host: str, status: str = "planned", extra: str = "") -> str:
    when = f"date = {date}\n" if date else ""
    return f'\n[[meetings]]\n{when}host = "{host}"\nstatus = "{status}"\n{extra}'


def record(body: str, day: dt.date, **kwargs: str) -> AddTable | SetKeys:
    network = make_network(body)
    return record_meeting(network, day=day, today=TODAY, holidays=no_holidays, **kwargs).edit


APRIL = dt.date(2025, 4, 2)


@pytest.mark.parametrize(
    ("body", "index"),
    [
        # The host's cancelled meeting that day: it took place after all.
        (meeting("2025-04-02", "ESW", "cancelled") + meeting("2025-03-01", "ESW"), 0),
        # The host's meeting planned for that month.
        (meeting('"2025-04"', "ESW") + meeting("2025-03-01", "ESW"), 0),
        # The host's latest planned meeting before the day, not an earlier one.
        (meeting("2025-01-01", "ESW") + meeting("2025-03-01", "ESW"), 1),
        # The host's meeting without a date.
        (meeting("", "ESW") + meeting("2025-03-01", "FD"), 0),
    ],
)
def test_which_planned_meeting_becomes_the_held_one(body: str, index: int) -> None:
    edit = record(body, APRIL, host="ESW")
    assert isinstance(edit, SetKeys)
    assert edit.index == index
    assert edit.values["status"] == "held"


def test_a_planned_meeting_of_another_host_after_the_day_is_left_alone() -> None:
    edit = record(meeting("2025-05-01", "ESW") + meeting("", "FD"), APRIL, host="ESW")
    assert isinstance(edit, AddTable)


def test_record_writes_only_what_changes() -> None:
    body = meeting("2025-04-02", "ESW", extra='venue = "Eschwege"\n')
    assert record(body, APRIL, title="T") == SetKeys(
        "meetings", 0, {"status": "held", "title": "T"}
    )


def test_plan_picks_the_meeting_on_the_day_by_host() -> None:
    body = meeting("2026-12-02", "WAK") + meeting("2026-12-02", "FD")
    network = make_network(body)
    with pytest.raises(CommandError, match=r"2 meetings are planned on 2026-12-02 \(WAK, FD\)"):
        plan_meeting(network, today=TODAY, holidays=no_holidays, day=dt.date(2026, 12, 2))
    change = plan_meeting(
        network, today=TODAY, holidays=no_holidays, day=dt.date(2026, 12, 2), host="FD", venue="V"
    )
    assert change.edit == SetKeys("meetings", 1, {"venue": "V"})
    assert (
        english(change.summary)
        == "Re-planned the meeting hosted by FD (Landkreis Fulda): venue V (was Fulda)."
    )


def test_plan_fixes_the_day_of_a_meeting_planned_for_a_month() -> None:
    network = make_network(meeting('"2026-12"', "WAK"))
    change = plan_meeting(network, today=TODAY, holidays=no_holidays, day=dt.date(2026, 12, 9))
    assert change.edit == SetKeys("meetings", 0, {"date": dt.date(2026, 12, 9)})


def test_a_past_planned_meeting_is_not_the_next_one() -> None:
    network = make_network(meeting("2026-10-01", "WAK"))
    change = plan_meeting(network, today=TODAY, holidays=no_holidays, day=dt.date(2026, 12, 9))
    assert isinstance(change.edit, AddTable)


def test_plan_host_only_leaves_an_open_date_open() -> None:
    network = make_network(meeting("", "WAK"), header='cadence = "FREQ=MONTHLY;BYMONTHDAY=10"\n')
    change = plan_meeting(network, today=TODAY, holidays=no_holidays, host="FD")
    assert change.edit == SetKeys("meetings", 0, {"host": "FD"})
    bare = plan_meeting(network, today=TODAY, holidays=no_holidays)
    assert bare.edit == SetKeys("meetings", 0, {"date": dt.date(2026, 12, 10)})


def test_time_needs_a_day() -> None:
    network = make_network(meeting("", "WAK"))
    with pytest.raises(
        CommandError, match="--time needs a date: the meeting planned with host WAK"
    ):
        plan_meeting(network, today=TODAY, holidays=no_holidays, time=dt.time(10))


def test_a_new_host_without_a_venue_key_gets_none() -> None:
    network = make_network(meeting("2026-12-02", "WAK"))
    change = plan_meeting(network, today=TODAY, holidays=no_holidays, host="FD")
    assert change.edit == SetKeys("meetings", 0, {"host": "FD"})


def test_a_member_that_has_not_joined_yet_cannot_host() -> None:
    members = '[[members]]\nid = "A"\nname = "A"\nseat = "A"\nstate = "HE"\njoined = 2027-01-01\n'
    network = make_network(members=members)
    with pytest.raises(CommandError, match="A cannot host on 2026-12-02: it joins on 2027-01-01"):
        plan_meeting(network, today=TODAY, holidays=no_holidays, day=dt.date(2026, 12, 2), host="A")


def test_the_first_member_has_no_one_before_it() -> None:
    network = make_network(members="")
    change = add_member(network, member_id="A", name="N", seat="S", state="HE")
    assert change.edit == AddTable("members", {"id": "A", "name": "N", "seat": "S", "state": "HE"})
    assert english(change.summary) == "Added member A (N, S, HE), last in the rotation."


def test_leave_names_the_members_table() -> None:
    change = leave_member(make_network(), member_id="ESW", day=dt.date(2027, 1, 1), today=TODAY)
    assert change.edit == SetKeys("members", 2, {"left": dt.date(2027, 1, 1)})


def test_cancel_only_full_dates() -> None:
    network = make_network(meeting('"2026-12"', "WAK"))
    with pytest.raises(
        CommandError, match=r"meeting not found: no meeting on 2026-12-02 \(planned: 2026-12\)"
    ):
        cancel_meeting(network, day=dt.date(2026, 12, 2))
