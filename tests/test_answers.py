"""The planner of answers (`core/answers.py`): latest DTSTAMP wins in any order, an earlier
SEQUENCE is outdated, colleagues and unknown addresses, proposals."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.calendar.ical import CalendarEvent, EventStatus
from netzwerk_cli.calendar.replies import Answer, Kind, Reply
from netzwerk_cli.core.answers import answers, owner
from netzwerk_cli.core.invitations import Invited, Method, SentTo

from .conftest import make_network

MEMBERS = """
[[members]]
id = "HEF"
name = "Landkreis Hersfeld-Rotenburg"
seat = "Bad Hersfeld"
state = "HE"
contacts = ["Anna Müller <anna@hef.example.de>"]

[[members]]
id = "WAK"
name = "Wartburgkreis"
seat = "Bad Salzungen"
state = "TH"
contacts = ["Kevin Rodeck <kevin@wak.example.de>", "integration@wak.example.de"]

[[members]]
id = "ESW"
name = "Werra-Meißner-Kreis"
seat = "Eschwege"
state = "HE"
contacts = ["esw@gmail.com"]

[[members]]
id = "FD"
name = "Landkreis Fulda"
seat = "Fulda"
state = "HE"
contacts = ["fd@gmail.com"]
"""
NETWORK = make_network(members=MEMBERS)
TODAY = dt.date(2027, 1, 10)
UID = "meeting-2.netzwerk-integration@netzwerk-cli"
EVERYONE = [
    "anna@hef.example.de",
    "kevin@wak.example.de",
    "integration@wak.example.de",
    "esw@gmail.com",
    "fd@gmail.com",
]


def invited(sequence: int = 0, day: dt.date = dt.date(2027, 4, 7)) -> dict[str, Invited]:
    event = CalendarEvent(
        uid=UID,
        summary="Netzwerk",
        status=EventStatus.CONFIRMED,
        day=day,
        start=None,
        duration_minutes=None,
        location="Eschwege",
        description=None,
    )
    return {UID: Invited(event, {a: SentTo(Method.REQUEST, sequence, "") for a in EVERYONE})}


def reply(
    address: str,
    answer: Answer,
    *,
    minute: int = 0,
    sequence: int = 0,
    comment: str | None = None,
    kind: Kind = Kind.REPLY,
    uid: str = UID,
) -> Reply:
    return Reply(
        kind,
        uid,
        sequence,
        dt.datetime(2027, 1, 11, 9, minute, tzinfo=dt.UTC),
        address,
        "",
        answer,
        comment,
        "2027-04-14" if kind is Kind.COUNTER else None,
    )


def test_every_invited_contact_has_a_row_and_no_answer_is_none() -> None:
    (meeting,) = answers(NETWORK, invited(), [], today=TODAY)
    assert [(r.member, r.contact, r.answer) for r in meeting.rows] == [
        ("HEF", "anna@hef.example.de", Answer.NONE),
        ("WAK", "integration@wak.example.de", Answer.NONE),
        ("WAK", "kevin@wak.example.de", Answer.NONE),
        ("ESW", "esw@gmail.com", Answer.NONE),
        ("FD", "fd@gmail.com", Answer.NONE),
    ]
    assert meeting.counts() == {
        "accepted": 0,
        "declined": 0,
        "tentative": 0,
        "delegated": 0,
        "none": 5,
    }
    assert meeting.waiting() == ["HEF", "WAK", "ESW", "FD"]


def test_the_latest_dtstamp_wins_in_either_order() -> None:
    early = reply("anna@hef.example.de", Answer.ACCEPTED, minute=1)
    late = reply("anna@hef.example.de", Answer.DECLINED, minute=2, comment="krank")
    for order in ([early, late], [late, early]):
        (meeting,) = answers(NETWORK, invited(), order, today=TODAY)
        anna = meeting.rows[0]
        assert (anna.answer, anna.reply and anna.reply.comment) == (Answer.DECLINED, "krank")


def test_an_answer_to_an_earlier_sequence_is_outdated_and_counts_as_none() -> None:
    old = reply("anna@hef.example.de", Answer.ACCEPTED, sequence=0)
    (meeting,) = answers(NETWORK, invited(sequence=1), [old], today=TODAY)
    anna = meeting.rows[0]
    assert (anna.answer, anna.outdated, anna.reply) == (Answer.NONE, True, old)
    assert meeting.counts()["none"] == 5
    assert "HEF" in meeting.waiting()


def test_a_colleague_counts_for_the_member_of_the_domain_and_others_are_unknown() -> None:
    colleague = reply("vertretung@wak.example.de", Answer.ACCEPTED)
    stranger = reply("someone@elsewhere.de", Answer.DECLINED)
    # gmail.com holds the contacts of two members: an answer from there is no one's.
    shared = reply("other@gmail.com", Answer.ACCEPTED)
    (meeting,) = answers(NETWORK, invited(), [stranger, colleague, shared], today=TODAY)
    rows = {r.contact: r for r in meeting.rows}
    assert (
        rows["vertretung@wak.example.de"].member,
        rows["vertretung@wak.example.de"].invited,
    ) == ("WAK", False)
    assert rows["someone@elsewhere.de"].member is None
    assert rows["other@gmail.com"].member is None
    assert meeting.counts()["accepted"] == 1 and meeting.counts()["none"] == 5
    assert "WAK" not in meeting.waiting()
    assert owner(NETWORK, "KEVIN@wak.example.de") == ("WAK", True)


def test_a_counter_is_a_proposal_never_an_answer() -> None:
    counter = reply("anna@hef.example.de", Answer.NONE, kind=Kind.COUNTER)
    (meeting,) = answers(NETWORK, invited(), [counter], today=TODAY)
    assert meeting.proposals == (counter,)
    assert meeting.rows[0].answer is Answer.NONE


def test_unknown_uids_past_meetings_and_cancelled_ones_are_left_out() -> None:
    assert (
        answers(NETWORK, invited(), [reply("a@b.de", Answer.ACCEPTED, uid="x@y")], today=TODAY)[0]
        .rows[-1]
        .contact
        != "a@b.de"
    )
    assert answers(NETWORK, invited(day=dt.date(2027, 1, 9)), [], today=TODAY) == []
    record = invited()
    cancelled = {
        UID: Invited(record[UID].event, {a: SentTo(Method.CANCEL, 1, "") for a in EVERYONE})
    }
    assert answers(NETWORK, cancelled, [], today=TODAY) == []


ADDRESSES = st.sampled_from([*EVERYONE, "vertretung@wak.example.de", "x@elsewhere.de"])
REPLIES = st.builds(
    lambda address, answer, minute, sequence, comment: reply(
        address, answer, minute=minute, sequence=sequence, comment=comment
    ),
    ADDRESSES,
    st.sampled_from([Answer.ACCEPTED, Answer.DECLINED, Answer.TENTATIVE, Answer.DELEGATED]),
    st.integers(0, 5),
    st.integers(0, 2),
    st.none() | st.text(max_size=5),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(REPLIES, max_size=12), st.randoms(use_true_random=False), st.integers(0, 2))
def test_the_result_never_depends_on_the_order_of_arrival(
    replies: list[Reply], shuffle: random.Random, sequence: int
) -> None:
    first = answers(NETWORK, invited(sequence), replies, today=TODAY)
    mixed = list(replies)
    shuffle.shuffle(mixed)
    assert answers(NETWORK, invited(sequence), mixed, today=TODAY) == first
    (meeting,) = first
    for row in meeting.rows:
        mine = [r for r in replies if r.address == row.contact]
        if not mine:
            assert row.answer is Answer.NONE and row.reply is None
            continue
        newest = max(r.stamp for r in mine)
        assert row.reply is not None and row.reply.stamp == newest
        assert row.outdated == (row.reply.sequence < sequence)
        assert row.answer == (Answer.NONE if row.outdated else row.reply.answer)
    assert sum(meeting.counts().values()) == sum(1 for r in meeting.rows if r.member)


def test_two_answers_alike_but_for_an_empty_comment_give_one_result() -> None:
    """Found by the property above: a comment of "" and no comment at all tied, and the first to
    arrive won."""
    alike = [
        reply("anna@hef.example.de", Answer.DELEGATED, minute=0, sequence=0, comment=comment)
        for comment in (None, "")
    ]
    assert answers(NETWORK, invited(0), alike, today=TODAY) == answers(
        NETWORK, invited(0), alike[::-1], today=TODAY
    )
