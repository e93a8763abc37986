"""The facts of a year's report (Jahresbericht) from the record: the meetings held that year, who
took part, how the members answered the invitations, who hosted in the rotation so far, and the
coming dates.

Pure: the answers (`core.answers.MeetingAnswers`, from the sent record and the replies read), the
public holidays' lookup and today come in as arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from netzwerk_cli.calendar.replies import Answer
from netzwerk_cli.core.answers import MeetingAnswers
from netzwerk_cli.core.rotation import hosting_record
from netzwerk_cli.core.schedule import ComingMeeting, HolidayLookup, coming_meetings
from netzwerk_cli.model import Meeting, Member, Network, Status

# How many coming dates the report lists.
COMING = 4
# The answers, from the one that says most about coming to the one that says least: a member
# with several contacts has answered what its best answer says. A delegated invitation is one
# someone else accepts for the member.
_RANK = (Answer.ACCEPTED, Answer.DELEGATED, Answer.TENTATIVE, Answer.DECLINED, Answer.NONE)


@dataclass(frozen=True)
class HeldMeeting:
    """A meeting held in the year."""

    meeting: Meeting
    host: Member
    venue: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Attendance:
    """A member's part in the year's meetings: how many it attended of those whose attendance
    the file records (while it belonged)."""

    member: Member
    attended: int
    recorded: int


@dataclass(frozen=True)
class Answers:
    """A member's answers to the year's invitations, one per invited meeting."""

    member: Member
    accepted: int = 0
    tentative: int = 0
    declined: int = 0
    none: int = 0


@dataclass(frozen=True)
class Hosting:
    """How often a member hosted, from the first meeting to the end of the year, and when last."""

    member: Member
    count: int
    last: Meeting | None


@dataclass(frozen=True)
class YearReport:
    """Everything the annual report says."""

    network: str
    year: int
    meetings: tuple[HeldMeeting, ...]
    cancelled: int
    attendance: tuple[Attendance, ...]
    answers: tuple[Answers, ...]  # empty: no invitation of the year was sent by netzwerk
    invited: int  # how many of the year's meetings were invited by netzwerk
    hosts: tuple[Hosting, ...]
    coming: tuple[ComingMeeting, ...]


def year_report(
    network: Network,
    year: int,
    *,
    today: dt.date,
    holidays: HolidayLookup,
    answers: Iterable[MeetingAnswers] = (),
) -> YearReport:
    """The report of `year`; `answers` as `core.answers.answers` gives them from the first day
    of the year on (only those of the year's meetings count)."""
    in_year = [m for m in network.chronological() if m.date is not None and m.date.year == year]
    held = [m for m in in_year if m.status is Status.HELD]
    members = [m for m in network.members if _belongs_in(m, year, held)]
    meetings = tuple(
        HeldMeeting(
            m, network.member(m.host), network.venue_of(m), tuple(i.topic for i in m.agenda)
        )
        for m in held
    )
    year_end = dt.date(year, 12, 31)
    record = hosting_record(
        m for m in network.meetings if m.date is not None and m.date <= year_end
    )
    invited = [a for a in answers if a.day.year == year]
    return YearReport(
        network=network.name,
        year=year,
        meetings=meetings,
        cancelled=sum(m.status is Status.CANCELLED for m in in_year),
        attendance=tuple(_attendance(member, held) for member in members),
        answers=tuple(_answers(member, invited) for member in members) if invited else (),
        invited=len(invited),
        hosts=tuple(
            Hosting(m, *record.get(m.id, (0, None)))
            for m in network.members
            if m.hosts and (m.joined is None or m.joined <= year_end)
        ),
        coming=coming_meetings(network, today=today, holidays=holidays, count=COMING).meetings,
    )


def _belongs_in(member: Member, year: int, held: list[Meeting]) -> bool:
    """Whether the member belonged on a day of the year's meetings, or at the year's end."""
    days = [m.date for m in held if m.date is not None]
    return any(member.belongs_on(day) for day in (*days, dt.date(year, 12, 31)))


def _attendance(member: Member, held: list[Meeting]) -> Attendance:
    recorded = [m for m in held if m.attended is not None and m.date and member.belongs_on(m.date)]
    attended = sum(member.id in (m.attended or ()) for m in recorded)
    return Attendance(member, attended, len(recorded))


def _answers(member: Member, invited: list[MeetingAnswers]) -> Answers:
    counts = dict.fromkeys(_RANK, 0)
    for meeting in invited:
        rows = [r for r in meeting.rows if r.member == member.id]
        if not any(r.invited for r in rows):
            continue  # not invited to this one (it joined later, or had no contact)
        # A colleague's answer from the member's domain counts; an unverified one does not.
        rows = [r for r in rows if r.verified] or [r for r in rows if r.invited]
        counts[min((r.answer for r in rows), key=_RANK.index)] += 1
    return Answers(
        member,
        accepted=counts[Answer.ACCEPTED] + counts[Answer.DELEGATED],
        tentative=counts[Answer.TENTATIVE],
        declined=counts[Answer.DECLINED],
        none=counts[Answer.NONE],
    )


__all__ = ["Answers", "Attendance", "HeldMeeting", "Hosting", "YearReport", "year_report"]
