"""What every writing command's change shares: the `Change` value, the member lookup, the names
and dates its sentences use.

Pure: nothing here reads a file or the clock. Each command's planner (`core/record.py`,
`core/plan.py`, `core/members.py`, `core/cadence.py`) returns a `Change` (the edit for `tomledit`
and the one line that tells what it did) or raises `CommandError` with the reason the file stays as
it is; the checks they share live here: is this id a member, may it host on that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NoReturn

from netzwerk_cli.core.edits import Edit
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, Message, Month, fact, label_of
from netzwerk_cli.model import Meeting, Member, Network, Status


@dataclass(frozen=True)
class Change:
    """One edit of the file and the one line that says what it does."""

    edit: Edit
    summary: Message
    notes: tuple[Message, ...] = ()  # said after the summary: what the coordinator should know


def known_member(network: Network, member_id: str, *, host: bool = True) -> Member:
    """The member with this id; a `CommandError` naming it as the host (or, for the member
    commands, `host=False`, as the member) that is none."""
    if not network.has_member(member_id):
        ids = [m.id for m in network.members]
        if not host:
            _no_member(member_id, ids)
        if not ids:
            raise CommandError(
                fact(
                    N_('unknown host: "{host}" is not a member (members: none yet)'),
                    host=member_id,
                )
            )
        raise CommandError(
            fact(
                N_('unknown host: "{host}" is not a member (members: {ids})'),
                host=member_id,
                ids=ids,
            )
        )
    return network.member(member_id)


def _no_member(member_id: str, ids: list[str]) -> NoReturn:
    if not ids:
        raise CommandError(fact(N_('"{id}" is not a member (members: none yet)'), id=member_id))
    raise CommandError(fact(N_('"{id}" is not a member (members: {ids})'), id=member_id, ids=ids))


def host_on(network: Network, member_id: str, day: dt.date) -> Member:
    member = known_member(network, member_id)
    if not member.hosts:
        raise CommandError(
            fact(N_("{id} does not host meetings (hosts = false in the file)"), id=member_id)
        )
    if member.joined is not None and day < member.joined:
        raise CommandError(
            fact(
                N_("{id} cannot host on {date}: it joins on {joined}"),
                id=member_id,
                date=day,
                joined=member.joined,
            )
        )
    if member.left is not None and day >= member.left:
        raise CommandError(
            fact(
                N_("{id} cannot host on {date}: it left on {left}"),
                id=member_id,
                date=day,
                left=member.left,
            )
        )
    back = member.rejoins_after(day)
    if back is not None:
        raise CommandError(
            fact(
                N_("{id} cannot host on {date}: it belongs to the network again only from {back}"),
                id=member_id,
                date=day,
                back=back,
            )
        )
    return member


def with_time(day: dt.date, time: dt.time | None) -> dt.date:
    return dt.datetime.combine(day, time) if time is not None else day


def with_planned(missing: Message, network: Network) -> Message:
    """`missing` (no meeting on a day) with the planned meetings' dates, or that the one planned
    meeting has no date yet."""
    planned = [m for m in network.chronological() if m.status is Status.PLANNED]
    if len(planned) == 1 and planned[0].date is None:
        return fact(N_("{missing} (the planned meeting has no date yet)"), missing=missing)
    if planned:
        return fact(
            N_("{missing} (planned: {dates})"),
            missing=missing,
            dates=[label_of(m) for m in planned],
        )
    return missing


def when_of(meeting: Meeting) -> dt.date | Month | Message:
    """How a sentence names a meeting's date: as `label_of`, with its time of day if it has one."""
    if meeting.has_full_date and meeting.date is not None and meeting.time is not None:
        return dt.datetime.combine(meeting.date, meeting.time)
    return label_of(meeting)


def name_of(member: Member) -> str:
    return f"{member.id} ({member.name})"
