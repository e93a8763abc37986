"""The facts of a press release about a meeting, from the record: which meeting it was, who hosted
it where, the first meeting, the members, the agenda's topics and the next meeting.

Pure: the public holidays come in as a lookup (the next meeting's date may be the cadence's), and
today is an argument. `words.press` says the facts as a press office writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netzwerk_cli.core.schedule import HolidayLookup, Kind, coming_meetings, next_meeting
from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.model import Meeting, Member, Network, Status


@dataclass(frozen=True)
class NextMeeting:
    """Where and when the network meets next, as far as it is known."""

    host: Member
    venue: str
    date: dt.date | None  # None: not known yet
    month_only: bool = False
    proposed: bool = False  # the date (or the host too) is only the schedule's proposal


@dataclass(frozen=True)
class PressFacts:
    """What a press release about one meeting says."""

    network: str
    meeting: Meeting
    number: int  # the how-manieth meeting of the network it was (held ones, by date)
    host: Member
    venue: str
    first: Meeting | None  # the network's first meeting, unless this is it
    first_host: Member | None
    first_venue: str
    members: tuple[Member, ...]  # the members on the meeting's day, in the file's order
    topics: tuple[str, ...]  # its agenda's topics, in order
    next: NextMeeting | None


def press_facts(
    network: Network, meeting: Meeting, *, today: dt.date, holidays: HolidayLookup
) -> PressFacts:
    """The facts of the press release about `meeting` (a held one, as a rule)."""
    held = [m for m in network.chronological() if m.status is Status.HELD]
    before = [m for m in held if m.sort_key < meeting.sort_key]
    number = len(before) + 1
    first = held[0] if before else None
    day = meeting.date or today
    members = tuple(m for m in network.members if m.belongs_on(day) or m.id == meeting.host)
    first_host = network.member(first.host) if first is not None else None
    return PressFacts(
        network=network.name,
        meeting=meeting,
        number=number,
        host=network.member(meeting.host),
        venue=network.venue_of(meeting),
        first=first,
        first_host=first_host,
        first_venue=network.venue_of(first) if first is not None else "",
        members=members,
        topics=tuple(item.topic for item in meeting.agenda),
        next=next_after(network, meeting, today=today, holidays=holidays),
    )


def next_after(
    network: Network, meeting: Meeting, *, today: dt.date, holidays: HolidayLookup
) -> NextMeeting | None:
    """The meeting after `meeting`: the file's next one (held or planned, with the schedule's date
    for a planned one that has none yet), else the schedule's proposal; None if nothing is known
    (no cadence, and no member can host)."""
    later = [
        m
        for m in network.chronological()
        if m != meeting
        and m.status is not Status.CANCELLED
        and (m.date is None or m.sort_key > meeting.sort_key)
    ]
    # The schedule counts from the day after the meeting, or from today if that is later.
    start = max(today, (meeting.last_day or today) + dt.timedelta(days=1))
    if later and later[0].date is not None:
        found = later[0]
        return NextMeeting(
            network.member(found.host), network.venue_of(found), found.date, found.month_only
        )
    try:
        # The undated planned meetings take the cadence's first dates, in the file's order.
        rows = coming_meetings(
            network, today=start, holidays=holidays, count=len(later) + 2
        ).meetings
        if later:
            row = next((r for r in rows if r.meeting == later[0]), None)
            if row is None:
                return NextMeeting(network.member(later[0].host), network.venue_of(later[0]), None)
        else:
            # Not this meeting itself (an undated one takes a cadence date too).
            row = next((r for r in rows if r.meeting != meeting), None)
            if row is None:
                row = next_meeting(network, today=start, holidays=holidays)
    except NetzwerkError:  # no member can host: nothing to say about the next meeting
        return None
    return NextMeeting(
        row.host,
        row.venue,
        row.date,
        row.month_only,
        proposed=row.kind is Kind.PROPOSED
        or (row.meeting is not None and row.meeting.date is None),
    )


__all__ = ["NextMeeting", "PressFacts", "next_after", "press_facts"]
