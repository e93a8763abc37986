"""Who hosts next, and why: pure functions over the network's members and hosting history.

`order` goes in rounds: each member that can host hosts once per round, in the members' order; a
member whose turn another took keeps it until the round is complete. `least-recent` picks the
member whose last hosting is longest ago. Held and planned meetings count as hosting; cancelled
ones do not.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from netzwerk_cli.errors import NoHostError
from netzwerk_cli.message import N_, Message, Subject, fact
from netzwerk_cli.model import Meeting, Member, Network, Rotation, Status


@dataclass(frozen=True)
class Turn:
    """A member's turn to host, with the reason for it (its kind is the msgid, its data the
    member's name, the round so far or the last hosting's date)."""

    member: Member
    reason: Message


@dataclass(frozen=True)
class RotationState:
    """Where the rotation stands after a sequence of hostings.

    `round_hosts` are the ids that hosted in the current round, in hosting order (for `order`);
    `last_turn` maps an id to the step at which it last hosted and `last_date` to that date (for
    `least-recent`). Build one with `replay`; `after` gives the state after one more hosting.
    """

    network: Network
    round_hosts: tuple[str, ...] = ()
    last_turn: Mapping[str, int] = field(default_factory=dict)
    last_date: Mapping[str, dt.date | None] = field(default_factory=dict)
    steps: int = 0

    def choose(self, *, on: dt.date) -> Turn:
        """The member that hosts a meeting on `on`, and why."""
        network = self.network
        eligible = [m for m in network.members if m.can_host_on(on)]
        if not eligible:
            raise NoHostError(_nobody_can_host(network, on))
        if network.rotation is Rotation.LEAST_RECENT:
            return self._least_recent(eligible)
        return self._in_order(eligible)

    def _in_order(self, eligible: list[Member]) -> Turn:
        hosted = set(self.round_hosts)
        waiting = [m for m in eligible if m.id not in hosted]
        if not waiting or not self.round_hosts:
            member = eligible[0]
            if self.steps == 0:
                why = N_(
                    "{name} hosts: no meeting has been held yet; it comes first in the members' "
                    "order."
                )
            else:
                why = N_(
                    "{name} hosts: every member that can host has hosted in the last round, so "
                    "a new round begins; it comes first in the members' order."
                )
            return Turn(member, fact(why, name=Subject.of(member)))
        member = waiting[0]
        names = [self._name(i) for i in self.round_hosts]
        return Turn(
            member,
            fact(
                N_("{name} has not hosted in this round; this round so far: {names}."),
                name=Subject.of(member),
                names=names,
            ),
        )

    def _least_recent(self, eligible: list[Member]) -> Turn:
        # Never hosted sorts first (-1); ties can only be among those, and go by members' order.
        member = min(eligible, key=lambda m: self.last_turn.get(m.id, -1))
        if member.id not in self.last_turn:
            return Turn(member, fact(N_("{name} has not hosted yet."), name=Subject.of(member)))
        when = self.last_date.get(member.id)
        if when is None:
            why = N_(
                "{name} last hosted at a meeting whose date is not fixed, longer ago than any "
                "other member that can host."
            )
        else:
            why = N_(
                "{name} last hosted on {date}, longer ago than any other member that can host."
            )
        return Turn(member, fact(why, name=Subject.of(member), date=when))

    def _name(self, member_id: str) -> str:
        return (
            self.network.member(member_id).name if self.network.has_member(member_id) else member_id
        )

    def after(self, member_id: str, day: dt.date) -> RotationState:
        """The state once `member_id` has hosted on `day`."""
        builder = _Builder(self)
        builder.host(member_id, day, day)
        return builder.state()


def counts_as_hosting(meeting: Meeting) -> bool:
    """Held and planned meetings count as a turn; cancelled ones give the host its turn back."""
    return meeting.status is not Status.CANCELLED


def replay(network: Network, *, undated_on: dt.date | None) -> RotationState:
    """The rotation after every held and planned meeting of the file, in date order.

    Month-only dates count as the first of their month; planned meetings without a date come last,
    and `undated_on` is the day on which their round is judged. With `undated_on=None` they are
    left out, for a caller that gives them their dates itself (the schedule).
    """
    builder = _Builder(RotationState(network))
    for meeting in network.chronological():
        if not counts_as_hosting(meeting):
            continue
        day = meeting.date or undated_on
        if day is None:
            continue
        builder.host(meeting.host, meeting.date, day)
    return builder.state()


def next_turn(network: Network, *, on: dt.date, undated_on: dt.date | None = None) -> Turn:
    """The rotation's choice for a meeting on `on`, after every meeting in the file."""
    return replay(network, undated_on=undated_on or on).choose(on=on)


class _Builder:
    """Folds hostings into a `RotationState` in linear time (the state itself stays immutable)."""

    def __init__(self, start: RotationState) -> None:
        self.network = start.network
        self.round = list(start.round_hosts)
        self.in_round = set(start.round_hosts)
        self.last_turn = dict(start.last_turn)
        self.last_date = dict(start.last_date)
        self.steps = start.steps
        hosting = [m for m in self.network.members if m.hosts]
        # A period away is a leaving on its first day and a joining on its last.
        self._joins = sorted(
            [m.joined for m in hosting if m.joined is not None]
            + [end for m in hosting for _, end in m.away]
        )
        self._always = sum(1 for m in hosting if m.joined is None)
        self._leaves = sorted(
            [m.left for m in hosting if m.left is not None]
            + [start for m in hosting for start, _ in m.away]
        )

    def _eligible_count(self, day: dt.date) -> int:
        # `left` and the periods away are validated to be in order after `joined`, so members
        # gone by `day` had joined by then.
        joined = self._always + bisect.bisect_right(self._joins, day)
        return joined - bisect.bisect_right(self._leaves, day)

    def _round_complete(self, day: dt.date) -> bool:
        if len(self.in_round) < self._eligible_count(day):
            return False
        return all(m.id in self.in_round for m in self.network.members if m.can_host_on(day))

    def host(self, member_id: str, day: dt.date | None, judged_on: dt.date) -> None:
        if self._round_complete(judged_on):
            self._new_round()
        self.round.append(member_id)
        self.in_round.add(member_id)
        self.last_turn[member_id] = self.steps
        self.last_date[member_id] = day
        self.steps += 1
        if self._round_complete(judged_on):
            self._new_round()

    def _new_round(self) -> None:
        self.round.clear()
        self.in_round.clear()

    def state(self) -> RotationState:
        return RotationState(
            self.network,
            round_hosts=tuple(self.round),
            last_turn=dict(self.last_turn),
            last_date=dict(self.last_date),
            steps=self.steps,
        )


def hosting_record(meetings: Iterable[Meeting]) -> dict[str, tuple[int, Meeting]]:
    """Per host id: how many held meetings it hosted, and the latest of them."""
    record: dict[str, tuple[int, Meeting]] = {}
    for meeting in meetings:
        if meeting.status is not Status.HELD:
            continue
        if meeting.host in record:
            count, last = record[meeting.host]
            record[meeting.host] = (count + 1, max(last, meeting, key=lambda m: m.sort_key))
        else:
            record[meeting.host] = (1, meeting)
    return record


def _nobody_can_host(network: Network, on: dt.date) -> Message:
    if not network.members:
        return fact(
            N_(
                "no member can host: the network has no members yet "
                "(add one with `netzwerk member add` or in the file's [[members]])"
            )
        )
    return fact(
        N_(
            "no member can host on {date}: every member has left, not joined yet, or has "
            "hosts = false"
        ),
        date=on,
    )


def attendance_counts(network: Network) -> dict[str, int] | None:
    """How many held meetings each member took part in (by id; a member in none is missing);
    None when no meeting records it. One pass over the meetings, for all members at once."""
    counts: dict[str, int] | None = None
    for meeting in network.meetings:
        if meeting.status is Status.HELD and meeting.attended is not None:
            counts = {} if counts is None else counts
            for member_id in set(meeting.attended):
                counts[member_id] = counts.get(member_id, 0) + 1
    return counts
