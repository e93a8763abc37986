"""The rotation rules, called directly on networks built in the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from netzwerk_cli.core.rotation import hosting_record, next_turn, replay
from netzwerk_cli.errors import NoHostError

from .conftest import english, make_network

ON = dt.date(2026, 12, 1)


def meetings(*entries: tuple[str, str] | tuple[str, str, str]) -> str:
    """[[meetings]] tables from (date, host[, status]); date as TOML ('2024-11-06' or '"2024-04"')."""
    out = []
    for entry in entries:
        date, host = entry[0], entry[1]
        status = f'status = "{entry[2]}"\n' if len(entry) > 2 else ""
        out.append(f'[[meetings]]\ndate = {date}\nhost = "{host}"\n{status}')
    return "\n".join(out)


def next_id(
    body: str = "", *, header: str = "", members: str | None = None, on: dt.date = ON
) -> str:
    kwargs = {"members": members} if members is not None else {}
    return next_turn(make_network(body, header=header, **kwargs), on=on).member.id


def test_empty_history_starts_with_the_first_member() -> None:
    assert next_id() == "HEF"


def test_order_follows_the_members() -> None:
    assert next_id(meetings(("2024-04-10", "HEF"))) == "WAK"
    assert next_id(meetings(("2024-04-10", "HEF"), ("2024-11-06", "WAK"))) == "ESW"


def test_a_complete_round_starts_a_new_one() -> None:
    body = meetings(
        ("2024-01-10", "HEF"), ("2024-02-10", "WAK"), ("2024-03-10", "ESW"), ("2024-04-10", "FD")
    )
    turn = next_turn(make_network(body), on=ON)
    assert turn.member.id == "HEF"
    assert "new round" in english(turn.reason)


def test_a_swap_keeps_the_passed_members_turn() -> None:
    # The example: after HEF, WAK and then FD (standing in for ESW), ESW hosts next,
    # and then the new round starts with HEF.
    body = meetings(("2024-01-10", "HEF"), ("2024-02-10", "WAK"), ("2024-03-10", "FD"))
    turn = next_turn(make_network(body), on=ON)
    assert turn.member.id == "ESW"
    assert english(turn.reason) == (
        "Werra-Meißner-Kreis has not hosted in this round; this round so far: "
        "Landkreis Hersfeld-Rotenburg, Wartburgkreis, Landkreis Fulda."
    )
    body += "\n" + meetings(("2024-04-10", "ESW"))
    assert next_id(body) == "HEF"


def test_hosting_twice_does_not_end_a_round() -> None:
    body = meetings(("2024-01-10", "HEF"), ("2024-02-10", "HEF"), ("2024-03-10", "HEF"))
    assert next_id(body) == "WAK"


def test_cancelled_meetings_give_the_turn_back() -> None:
    body = meetings(("2024-01-10", "HEF"), ("2024-02-10", "WAK", "cancelled"))
    assert next_id(body) == "WAK"


def test_planned_meetings_count_as_hosting() -> None:
    body = meetings(("2024-01-10", "HEF"), ("2027-02-10", "WAK", "planned"))
    assert next_id(body) == "ESW"


def test_an_undated_planned_meeting_counts_as_hosting() -> None:
    body = meetings(("2024-01-10", "HEF")) + '\n[[meetings]]\nhost = "FD"\n'
    assert next_id(body) == "WAK"
    state = replay(make_network(body), undated_on=ON)
    assert state.round_hosts == ("HEF", "FD")


def test_history_goes_by_date_not_by_file_order() -> None:
    # The file lists November before April; April's month-only date sorts as 1 April.
    body = meetings(("2024-11-06", "WAK"), ('"2024-04"', "HEF"), ("2024-04-02", "FD"))
    state = replay(make_network(body), undated_on=ON)
    assert state.round_hosts == ("HEF", "FD", "WAK")
    assert next_id(body) == "ESW"


def test_a_member_that_left_is_not_chosen_and_its_round_completes_without_it() -> None:
    members_text = make_members(("HEF", ""), ("WAK", "left = 2025-01-01"), ("ESW", ""))
    body = meetings(("2024-01-10", "HEF"), ("2024-02-10", "ESW"))
    assert next_id(body, members=members_text, on=dt.date(2024, 6, 1)) == "WAK"
    # From 2025 on WAK has left: HEF and ESW hosted, so the round is complete.
    turn = next_turn(make_network(body, members=members_text), on=ON)
    assert turn.member.id == "HEF"
    assert "new round" in english(turn.reason)


def test_a_member_that_joins_mid_round_gets_its_turn_in_that_round() -> None:
    members_text = make_members(("HEF", ""), ("NEW", "joined = 2025-01-01"), ("ESW", ""))
    body = meetings(("2024-01-10", "HEF"))
    assert next_id(body, members=members_text, on=dt.date(2024, 6, 1)) == "ESW"
    assert next_id(body, members=members_text, on=ON) == "NEW"


def test_a_member_that_never_hosts_is_passed_over() -> None:
    members_text = make_members(("HEF", ""), ("GUEST", "hosts = false"), ("ESW", ""))
    assert next_id(meetings(("2024-01-10", "HEF")), members=members_text) == "ESW"
    body = meetings(("2024-01-10", "HEF"), ("2024-02-10", "ESW"))
    assert next_id(body, members=members_text) == "HEF"


def test_least_recent_prefers_who_never_hosted_then_the_longest_ago() -> None:
    header = 'rotation = "least-recent"\n'
    body = meetings(("2024-03-10", "ESW"), ("2024-01-10", "WAK"))
    turn = next_turn(make_network(body, header=header), on=ON)
    assert (turn.member.id, english(turn.reason)) == (
        "HEF",
        "Landkreis Hersfeld-Rotenburg has not hosted yet.",
    )
    body += "\n" + meetings(("2024-05-10", "HEF"), ("2024-06-10", "FD"))
    turn = next_turn(make_network(body, header=header), on=ON)
    assert turn.member.id == "WAK"
    assert (
        english(turn.reason)
        == "Wartburgkreis last hosted on 2024-01-10, longer ago than any other member that can host."
    )


def test_least_recent_ignores_cancelled_and_respects_leaving() -> None:
    header = 'rotation = "least-recent"\n'
    members_text = make_members(("HEF", ""), ("WAK", "left = 2025-01-01"), ("ESW", ""))
    body = meetings(
        ("2024-01-10", "WAK"), ("2024-03-10", "HEF"), ("2024-05-10", "ESW", "cancelled")
    )
    assert next_id(body, header=header, members=members_text) == "ESW"


def test_nobody_can_host() -> None:
    with pytest.raises(NoHostError, match="the network has no members yet"):
        next_turn(make_network(members=""), on=ON)
    members_text = make_members(("HEF", "left = 2025-01-01"))
    with pytest.raises(NoHostError, match="no member can host on 2026-12-01"):
        next_turn(make_network(members=members_text), on=ON)


def test_hosting_record_counts_held_meetings_only() -> None:
    body = meetings(
        ('"2024-04"', "HEF"),
        ("2025-04-02", "HEF"),
        ("2025-06-02", "HEF", "cancelled"),
        ("2027-01-01", "WAK", "planned"),
    )
    record = hosting_record(make_network(body).meetings)
    count, last = record["HEF"]
    assert count == 2 and last.date == dt.date(2025, 4, 2)
    assert "WAK" not in record


def make_members(*entries: tuple[str, str]) -> str:
    return "\n".join(
        f'[[members]]\nid = "{ident}"\nname = "{ident} name"\nseat = "{ident} seat"\nstate = "HE"\n{extra}\n'
        for ident, extra in entries
    )
