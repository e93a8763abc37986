"""core/papers.py: which meeting a paper is for, its number, the day to answer by, who was there."""

from __future__ import annotations

import datetime as dt

import pytest

from netzwerk_cli.calendar.replies import Answer
from netzwerk_cli.core.answers import ContactAnswer, MeetingAnswers
from netzwerk_cli.core.papers import (
    Kind,
    default_meeting,
    invited_on,
    meeting_number,
    meetings_on,
    paper_kind,
    presence,
    reply_by,
)

from .conftest import make_network

MEETINGS = """
[[meetings]]
date = "2024-04"
host = "HEF"
status = "held"

[[meetings]]
date = 2024-11-06
host = "WAK"
status = "cancelled"

[[meetings]]
date = 2025-04-02
host = "WAK"
status = "held"
attended = ["FD", "WAK"]

[[meetings]]
date = 2027-04-07
host = "ESW"
status = "planned"
"""


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("invitation", Kind.INVITATION),
        ("Einladung", Kind.INVITATION),
        ("attendance", Kind.ATTENDANCE),
        ("teilnehmerliste", Kind.ATTENDANCE),
        ("minutes", Kind.MINUTES),
        ("PROTOKOLL", Kind.MINUTES),
        ("press", Kind.PRESS),
        ("pressemitteilung", Kind.PRESS),
        ("report", Kind.REPORT),
        ("jahresbericht", Kind.REPORT),
        ("vorlagen", Kind.TEMPLATES),
        ("letter", None),
    ],
)
def test_the_kinds_in_both_languages(typed: str, kind: Kind | None) -> None:
    assert paper_kind(typed) is kind


def test_the_meetings_are_numbered_without_the_cancelled_ones() -> None:
    network = make_network(MEETINGS)
    numbers = [meeting_number(network, m) for m in network.meetings if m.status != "cancelled"]
    assert numbers == [1, 2, 3]


def test_the_default_meeting_is_the_next_planned_or_the_last_held() -> None:
    network = make_network(MEETINGS)
    today = dt.date(2026, 11, 24)
    assert default_meeting(network, Kind.INVITATION, today=today).date == dt.date(2027, 4, 7)  # type: ignore[union-attr]
    assert default_meeting(network, Kind.MINUTES, today=today).date == dt.date(2025, 4, 2)  # type: ignore[union-attr]
    assert default_meeting(network, Kind.PRESS, today=dt.date(2024, 5, 1)).month_only  # type: ignore[union-attr]
    assert default_meeting(network, Kind.MINUTES, today=dt.date(2024, 3, 1)) is None
    assert default_meeting(network, Kind.ATTENDANCE, today=dt.date(2027, 4, 8)) is None


def test_a_meeting_is_found_by_its_day_or_its_month() -> None:
    network = make_network(MEETINGS)
    assert [m.host for m in meetings_on(network, dt.date(2024, 4, 17))] == ["HEF"]  # month only
    assert [m.host for m in meetings_on(network, dt.date(2025, 4, 1))] == []
    assert [m.host for m in meetings_on(network, dt.date(2025, 4, 1), month=True)] == ["WAK"]
    assert [m.status for m in meetings_on(network, dt.date(2024, 11, 6))] == ["cancelled"]


@pytest.mark.parametrize(
    ("meeting", "today", "by"),
    [
        (dt.date(2027, 4, 7), dt.date(2026, 11, 24), dt.date(2027, 3, 24)),  # two weeks before
        (dt.date(2027, 4, 4), dt.date(2026, 11, 24), dt.date(2027, 3, 19)),  # Sunday: Friday
        (dt.date(2027, 4, 7), dt.date(2027, 3, 30), dt.date(2027, 4, 6)),  # late: the day before
        (dt.date(2027, 4, 7), dt.date(2027, 4, 7), dt.date(2027, 4, 7)),  # today
    ],
)
def test_the_day_to_answer_by(meeting: dt.date, today: dt.date, by: dt.date) -> None:
    assert reply_by(meeting, today=today) == by


def test_everyone_who_belongs_on_the_day_is_invited() -> None:
    network = make_network(
        MEETINGS,
        members="""
        [[members]]
        id = "HEF"
        name = "Landkreis Hersfeld-Rotenburg"
        seat = "Bad Hersfeld"
        state = "HE"
        contacts = ["Anna Groß <anna@hef.de>"]

        [[members]]
        id = "WAK"
        name = "Wartburgkreis"
        seat = "Bad Salzungen"
        state = "TH"
        left = 2026-01-01

        [[members]]
        id = "ESW"
        name = "Werra-Meißner-Kreis"
        seat = "Eschwege"
        state = "HE"

        [[members]]
        id = "FD"
        name = "Landkreis Fulda"
        seat = "Fulda"
        state = "HE"
        joined = 2028-01-01
        """,
    )
    invited = invited_on(network, dt.date(2027, 4, 7))
    assert [(i.member.id, [c.name for c in i.contacts]) for i in invited] == [
        ("HEF", ["Anna Groß"]),
        ("ESW", []),
    ]


def _row(member: str | None, name: str, answer: Answer, *, verified: bool = True) -> ContactAnswer:
    return ContactAnswer(member, f"{name}@x.de", name, answer, None, False, True, verified)


def test_present_and_excused_from_attended_and_the_answers() -> None:
    network = make_network(MEETINGS)
    held = network.meetings[2]
    answers = MeetingAnswers(
        "uid",
        dt.date(2025, 4, 2),
        "Bad Salzungen",
        0,
        (
            _row("WAK", "Uwe", Answer.ACCEPTED),
            _row("HEF", "Anna", Answer.DECLINED),
            _row("FD", "Falsch", Answer.DECLINED, verified=False),
            _row(None, "Fremd", Answer.ACCEPTED),
        ),
        (),
    )
    found = presence(network, held, answers)
    assert found.known
    # `attended` decides who was there, in the members' order; the answers give the names.
    assert [(m.id, names) for m, names in found.present] == [("WAK", ("Uwe",)), ("FD", ())]
    assert [(p.name, p.member.id if p.member else None) for p in found.excused] == [("Anna", "HEF")]
    # Without `attended`: those who accepted.
    planned = network.meetings[3]
    expected = presence(network, planned, answers)
    assert not expected.known
    assert [(m.id, names) for m, names in expected.present] == [("WAK", ("Uwe",))]
    nothing = presence(network, planned)
    assert nothing.present == () and nothing.excused == ()
