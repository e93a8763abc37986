"""A meeting's agenda with the time of each item, and the members' share of it.

Pure: the network and the meeting in, plain values out; the words are the caller's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netzwerk_cli.message import N_, Message, fact
from netzwerk_cli.model import AgendaItem, Meeting, Network, Status

ALL_DAY_MINUTES = 24 * 60  # the length of a meeting without a start time: its day


@dataclass(frozen=True)
class TimedItem:
    """An agenda item, numbered from 1, with the time it starts when that can be told: the
    meeting has a start time and every item before it says how long it takes."""

    number: int
    item: AgendaItem
    starts: dt.time | None


def start_of(network: Network, meeting: Meeting) -> dt.time | None:
    """When the meeting starts: its own time, else the network's usual one; None: all day."""
    return meeting.time or network.start


def timed_agenda(network: Network, meeting: Meeting) -> tuple[TimedItem, ...]:
    """The meeting's agenda in order, each item with its start (10:00 the first, 10:15 the next
    after a 15-minute item, ...); from an item without minutes on, the times are not known."""
    start = start_of(network, meeting)
    clock = dt.datetime.combine(dt.date(2000, 1, 1), start) if start is not None else None
    found: list[TimedItem] = []
    for number, item in enumerate(meeting.agenda, start=1):
        found.append(TimedItem(number, item, clock.time() if clock is not None else None))
        if clock is not None and item.minutes is not None:
            clock += dt.timedelta(minutes=item.minutes)
        else:
            clock = None
    return tuple(found)


def agenda_minutes(meeting: Meeting) -> int:
    """How many minutes the agenda's items take together (items without minutes count 0)."""
    return sum(item.minutes or 0 for item in meeting.agenda)


def length_of(network: Network, meeting: Meeting) -> int:
    """How many minutes the meeting lasts: its own length or the network's; a day without a
    start time (unless it says its own)."""
    if start_of(network, meeting) is None and meeting.duration_minutes is None:
        return ALL_DAY_MINUTES
    return network.duration_of(meeting)


def long_agendas(network: Network) -> tuple[Message, ...]:
    """A note for each meeting (not cancelled) whose agenda takes longer than the meeting: a
    warning, not an error, since the coordinator may mean to run over or to cut items."""
    notes: list[Message] = []
    for meeting in network.meetings:
        minutes = agenda_minutes(meeting)
        length = length_of(network, meeting)
        if meeting.status is Status.CANCELLED or minutes <= length:
            continue
        # The place as the file writes it (ISO dates), as the file's problems name it.
        where = f"meetings[{meeting.position}]"
        if meeting.date is not None:
            where += f" ({meeting.label})"
        notes.append(
            fact(
                N_(
                    "Note: {where}: the agenda takes {minutes} minutes, longer than the "
                    "meeting ({length} minutes)."
                ),
                where=where,
                minutes=minutes,
                length=length,
            )
        )
    return tuple(notes)


def topics_brought(network: Network, *, held_only: bool = True) -> dict[str, int]:
    """How many agenda items each member brought (`by`), over the held meetings (or all but the
    cancelled ones); every member is counted, with 0 where it brought none."""
    counts = {member.id: 0 for member in network.members}
    for meeting in network.meetings:
        if meeting.status is Status.CANCELLED or (held_only and meeting.status is not Status.HELD):
            continue
        for item in meeting.agenda:
            if item.by in counts:
                counts[item.by] += 1
    return counts
