"""The facts of a meeting's papers (invitation letter, attendance sheet, minutes): which meeting,
its number, the day to answer by, who is invited, who was there. Pure: the network, the meeting,
today and the answers in; plain values out; the words are `output.papers`'.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from netzwerk_cli.calendar.replies import Answer
from netzwerk_cli.contact import Contact
from netzwerk_cli.core.answers import MeetingAnswers
from netzwerk_cli.model import Meeting, Member, Network, Status

# How long before the meeting the invited are asked to answer: two weeks leave the host time to
# order the room and the catering, and the invited time to ask their office.
REPLY_WEEKS = 2


class Kind(StrEnum):
    """A kind of paper, as `--json` and the English command name it."""

    INVITATION = "invitation"
    ATTENDANCE = "attendance"
    MINUTES = "minutes"
    PRESS = "press"
    REPORT = "report"
    TEMPLATES = "templates"  # the default Word templates, to be changed by the office


# The names a person may type for each kind: English and German.
KIND_NAMES: dict[str, Kind] = {
    **{kind.value: kind for kind in Kind},
    "einladung": Kind.INVITATION,
    "teilnehmerliste": Kind.ATTENDANCE,
    "protokoll": Kind.MINUTES,
    "pressemitteilung": Kind.PRESS,
    "jahresbericht": Kind.REPORT,
    "vorlagen": Kind.TEMPLATES,
}

# The papers made after the meeting: without a date, of the last one held.
AFTERWARDS = frozenset({Kind.MINUTES, Kind.PRESS})


def paper_kind(text: str) -> Kind | None:
    """The kind a person typed (`Einladung`, `minutes`), or None."""
    return KIND_NAMES.get(text.strip().lower())


def meeting_number(network: Network, meeting: Meeting) -> int:
    """The meeting's number in the network's history: 1 for the first, counting every meeting
    held or planned before it (cancelled ones are not counted), in the order of their dates."""
    counted = [m for m in network.chronological() if m.status is not Status.CANCELLED]
    return next(n for n, m in enumerate(counted, start=1) if m.position == meeting.position)


def default_meeting(network: Network, kind: Kind, *, today: dt.date) -> Meeting | None:
    """The meeting a paper is for when no date is given: for the minutes and the press release
    the last one held by today; for the others the next planned one from today on (undated ones
    last: the caller says that its date is missing)."""
    if kind in AFTERWARDS:
        held = [
            m
            for m in network.chronological()
            if m.status is Status.HELD and m.date is not None and m.date <= today
        ]
        return held[-1] if held else None
    return next(
        (
            m
            for m in network.chronological()
            if m.status is Status.PLANNED and (m.date is None or m.is_coming(today))
        ),
        None,
    )


def meetings_on(network: Network, day: dt.date, *, month: bool = False) -> list[Meeting]:
    """The meetings of `day` (with `month`, of its month), cancelled ones too, by date. A meeting
    of which only the month is known is one of each day of its month."""
    found = []
    for meeting in network.chronological():
        if meeting.date is None:
            continue
        same_month = (meeting.date.year, meeting.date.month) == (day.year, day.month)
        if (meeting.date == day and not month) or ((month or meeting.month_only) and same_month):
            found.append(meeting)
    return found


def reply_by(day: dt.date, *, today: dt.date) -> dt.date:
    """The day by which the invited are asked to answer: two weeks before the meeting, moved to
    the Friday before when that is a weekend; when that day has passed, the day before the
    meeting (or today, for a meeting today)."""
    wanted = day - dt.timedelta(weeks=REPLY_WEEKS)
    while wanted.weekday() >= 5:
        wanted -= dt.timedelta(days=1)
    if wanted > today:
        return wanted
    return max(today, day - dt.timedelta(days=1))


@dataclass(frozen=True)
class Guests:
    """A member invited to a meeting, with its contacts (none: one empty line on the sheet)."""

    member: Member
    contacts: tuple[Contact, ...]


def invited_on(network: Network, day: dt.date) -> tuple[Guests, ...]:
    """Every member that belongs to the network on `day`, in the file's order, with its
    contacts: the invitation goes to all of them."""
    return tuple(Guests(m, m.contacts) for m in network.members if m.belongs_on(day))


@dataclass(frozen=True)
class Person:
    """Someone named in the minutes: a contact's name (or address), and the member it is of."""

    name: str
    member: Member | None


@dataclass(frozen=True)
class Presence:
    """Who took part in a meeting and who sent apologies, as far as the file and the answers
    tell: `present` are the members that attended (from `attended`, else those someone accepted
    for), each with the people who accepted; `excused` the people who declined."""

    present: tuple[tuple[Member, tuple[str, ...]], ...]
    excused: tuple[Person, ...]
    known: bool  # whether `attended` was recorded (else `present` are the accepted ones)


def presence(network: Network, meeting: Meeting, answers: MeetingAnswers | None = None) -> Presence:
    """Who was (or, before the meeting, will be) there: `attended` and the answers together."""
    accepted: dict[str, list[str]] = {}
    excused: list[Person] = []
    if answers is not None:
        for row in answers.rows:
            if not row.verified or row.member is None or not network.has_member(row.member):
                continue
            name = row.name or row.contact
            if row.answer is Answer.ACCEPTED:
                accepted.setdefault(row.member, []).append(name)
            elif row.answer is Answer.DECLINED:
                excused.append(Person(name, network.member(row.member)))
    ids = set(meeting.attended) if meeting.attended is not None else set(accepted)
    present = tuple(
        (member, tuple(accepted.get(member.id, ())))
        for member in network.members
        if member.id in ids
    )
    return Presence(present, tuple(excused), meeting.attended is not None)
