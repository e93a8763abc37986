"""What `netzwerk member` changes: a member joins, is corrected, leaves, rejoins or is removed.

Pure, as `core.changes` (whose `Change` and member check these share): network, request and
today in; one edit of the file or a `CommandError` with the reason out. A module of its own,
beside the meetings' planners (`core.record`, `core.plan`).

A member that rejoins keeps one `[[members]]` table: its `left` goes, and the time between the
day it left and the day it rejoined is kept as a period in its `away` list, so that the rotation
and the invitations of that time stay what they were, and its meetings stay its own.
"""

from __future__ import annotations

import datetime as dt

from netzwerk_cli.contact import Contact
from netzwerk_cli.core.changes import Change, known_member, name_of
from netzwerk_cli.core.edits import AddTable, RemoveTable, SetKeys, TomlValue
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, Joined, Message, fact, facts, label_of
from netzwerk_cli.model import Member, Network, Status


def add_member(
    network: Network,
    *,
    member_id: str,
    name: str,
    seat: str,
    state: str,
    joined: dt.date | None = None,
    contacts: tuple[str, ...] = (),
) -> Change:
    """A district joins: a new member, last in the rotation order."""
    if network.has_member(member_id):
        taken = network.member(member_id)
        raise CommandError(
            fact(N_('member id "{id}" is already taken by {name}'), id=member_id, name=taken.name)
        )
    values: dict[str, TomlValue] = {"id": member_id, "name": name, "seat": seat, "state": state}
    if joined is not None:
        values["joined"] = joined
    if contacts:
        values["contacts"] = list(contacts)
    who: str | Message = f"{member_id} ({name}, {seat}, {state})"
    if joined is not None:
        who = fact(N_("{member} from {date}"), member=who, date=joined)
    if network.members:
        summary = fact(
            N_("Added member {member}, last in the rotation, after {last}."),
            member=who,
            last=network.members[-1].id,
        )
    else:
        summary = fact(N_("Added member {member}, last in the rotation."), member=who)
    return Change(AddTable("members", values), summary)


def edit_member(
    network: Network,
    *,
    member_id: str,
    name: str | None = None,
    seat: str | None = None,
    state: str | None = None,
    contacts: tuple[str, ...] | None = None,
) -> Change:
    """Correct a member's name, seat, state or contacts (`contacts=()` takes them all out)."""
    member = known_member(network, member_id, host=False)
    values: dict[str, TomlValue] = {}
    changed: list[Message] = []
    for key, new, old, said in (
        ("name", name, member.name, N_("name {value} (was {was})")),
        ("seat", seat, member.seat, N_("seat {value} (was {was})")),
        ("state", state, member.state, N_("state {value} (was {was})")),
    ):
        if new is not None and new != old:
            values[key] = new
            changed.append(fact(said, value=new, was=old))
    remove: tuple[str, ...] = ()
    if contacts is not None:
        before = [_address(c.name, c.address) for c in member.contacts]
        if list(contacts) != before:
            if contacts:
                values["contacts"] = list(contacts)
            else:
                remove = ("contacts",)
            changed.append(
                fact(
                    N_("contacts {value} (was {was})"),
                    value=list(contacts) or fact(N_("none")),
                    was=before or fact(N_("none")),
                )
            )
    if not changed:
        raise CommandError(
            fact(
                N_(
                    "nothing to change: {member} has that already; give another --name, --seat, "
                    "--state or --contact"
                ),
                member=name_of(member),
            )
        )
    notes: tuple[Message, ...] = ()
    if seat is not None and seat != member.seat:
        notes = _seat_notes(network, member)
    return Change(
        SetKeys("members", network.members.index(member), values, remove=remove),
        fact(
            N_("Changed member {member}: {changes}."),
            member=name_of(member),
            changes=Joined(tuple(changed), "; "),
        ),
        notes,
    )


def leave_member(network: Network, *, member_id: str, day: dt.date, today: dt.date) -> Change:
    """A district leaves on `day`: it stays in the file with its history, but hosts no more."""
    member = known_member(network, member_id, host=False)
    if member.left is not None:
        if member.left > today:
            raise CommandError(
                fact(
                    N_("the leaving of {id} is already in the file: it leaves on {date}"),
                    id=member_id,
                    date=member.left,
                )
            )
        raise CommandError(fact(N_("{id} already left on {date}"), id=member_id, date=member.left))
    if member.away and day <= member.away[-1][1]:
        raise CommandError(
            fact(
                N_(
                    "{id} cannot leave on {date}: it rejoined on {joined}, and must leave after "
                    "that"
                ),
                id=member_id,
                date=day,
                joined=member.away[-1][1],
            )
        )
    if member.joined is not None and day <= member.joined:
        raise CommandError(
            fact(
                N_("{id} cannot leave on {date}: it joined on {joined}, and must leave after that"),
                id=member_id,
                date=day,
                joined=member.joined,
            )
        )
    hosting = [
        m
        for m in network.chronological()
        if m.host == member_id and m.status is Status.PLANNED and (m.date is None or m.date >= day)
    ]
    if hosting:
        raise CommandError(
            fact(
                N_(
                    "{id} hosts the meeting planned for {date}; cancel it or plan it with another "
                    "host first (netzwerk plan --host ID)"
                ),
                id=member_id,
                date=label_of(hosting[0]),
            )
        )
    if day > today:
        said = N_(
            "{member} leaves on {date}: it stays in the file with its history and hosts no "
            "more from that day."
        )
    else:
        said = N_(
            "{member} left on {date}: it stays in the file with its history and hosts no more "
            "from that day."
        )
    return Change(
        SetKeys("members", network.members.index(member), {"left": day}),
        fact(said, member=name_of(member), date=day),
    )


def rejoin_member(network: Network, *, member_id: str, day: dt.date) -> Change:
    """A member that left belongs again from `day`: its `left` goes, and the time it was away is
    kept in its `away` list (nothing, if it rejoins on the day it left: that takes the leaving
    back)."""
    member = known_member(network, member_id, host=False)
    if member.left is None:
        raise CommandError(
            fact(
                N_(
                    "{id} has not left the network, so it cannot rejoin (a member leaves with "
                    "`netzwerk member leave`)"
                ),
                id=member_id,
            )
        )
    if day < member.left:
        raise CommandError(
            fact(
                N_("{id} cannot rejoin on {date}: it left on {left}; give that day or a later one"),
                id=member_id,
                date=day,
                left=member.left,
            )
        )
    index = network.members.index(member)
    if day == member.left:
        return Change(
            SetKeys("members", index, {}, remove=("left",)),
            fact(
                N_(
                    "{member} no longer leaves on {date}: the leaving is taken back; it stays a "
                    "member and hosts in turn."
                ),
                member=name_of(member),
                date=day,
            ),
        )
    away: list[list[dt.date]] = [[start, end] for start, end in member.away]
    away.append([member.left, day])
    return Change(
        SetKeys("members", index, {"away": away}, remove=("left",)),
        fact(
            N_(
                "{member} belongs to the network again from {date} and hosts in turn again; its "
                "past meetings stay, and the file keeps its time away ({left} to {date})."
            ),
            member=name_of(member),
            date=day,
            left=member.left,
        ),
    )


def remove_member(network: Network, *, member_id: str) -> Change:
    """A member added by mistake goes from the file: only while no meeting names it."""
    member = known_member(network, member_id, host=False)
    hosted = [m for m in network.chronological() if m.host == member_id]
    if hosted:
        raise CommandError(
            fact(
                N_(
                    "{id} cannot be removed: it hosts {meetings} in the file (held, planned or "
                    "cancelled: {dates}); a member with meetings stays in the file, so that its "
                    "history stays right: to end its membership, use `netzwerk member leave {id} "
                    "--date DATE`"
                ),
                id=member_id,
                meetings=facts("{count} meeting", "{count} meetings", count=len(hosted)),
                dates=[label_of(m) for m in hosted],
            )
        )
    attended = [m for m in network.chronological() if member_id in (m.attended or ())]
    if attended:
        raise CommandError(
            fact(
                N_(
                    "{id} cannot be removed: the attendance of {meetings} names it ({dates}); a "
                    "member with meetings stays in the file, so that its history stays right: to "
                    "end its membership, use `netzwerk member leave {id} --date DATE`"
                ),
                id=member_id,
                meetings=facts("{count} meeting", "{count} meetings", count=len(attended)),
                dates=[label_of(m) for m in attended],
            )
        )
    return Change(
        RemoveTable("members", network.members.index(member)),
        fact(
            N_("Removed member {member} from the file; the rotation goes on without it."),
            member=name_of(member),
        ),
    )


def _seat_notes(network: Network, member: Member) -> tuple[Message, ...]:
    """A note if held meetings of the member name no venue: they take the new seat."""
    bare = [
        m
        for m in network.chronological()
        if m.host == member.id and m.status is Status.HELD and not m.venue
    ]
    if not bare:
        return ()
    return (
        fact(
            N_(
                "Note: {meetings} held by {id} name no venue of their own ({dates}) and now show "
                'the new seat; to keep the old one, write venue = "{seat}" in them.'
            ),
            meetings=facts("{count} meeting", "{count} meetings", count=len(bare)),
            id=member.id,
            dates=[label_of(m) for m in bare],
            seat=member.seat,
        ),
    )


def _address(name: str, address: str) -> str:
    """A contact as the file writes it (`Name <address>`, umlauts as they are)."""
    return Contact(name, address).written()
