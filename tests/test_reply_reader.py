"""The reader of answers to invitations (`calendar/replies.py`): each client's message, strictness,
and that no bytes whatever make it fail with anything but `ReplyError`."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.calendar.replies import (
    Answer,
    Kind,
    ReplyError,
    message_id,
    replies_in_calendar,
    replies_in_message,
)

from .replymail import CLIENTS, plain_mail, reply_calendar

UID = "meeting-2.netzwerk-integration@netzwerk-cli"


@pytest.mark.parametrize("client", sorted(CLIENTS))
def test_each_client_s_answer_is_read(client: str) -> None:
    calendar = reply_calendar(
        uid=UID,
        address="Anna@HEF.example.de",
        partstat="TENTATIVE",
        sequence=1,
        name="Müller, Anna",
        comment="Ich komme später, ca. 10:30; bitte\nohne mich anfangen",
    )
    data = CLIENTS[client](calendar, sender="anna@hef.example.de", message_id="<a1@hef>")
    (reply,) = replies_in_message(data)
    assert reply.kind is Kind.REPLY
    assert reply.uid == UID
    assert reply.address == "anna@hef.example.de"
    assert reply.name == "Müller, Anna"
    assert reply.answer is Answer.TENTATIVE
    assert reply.sequence == 1
    assert reply.stamp == dt.datetime(2026, 1, 11, 9, 0, tzinfo=dt.UTC)
    assert reply.comment == "Ich komme später, ca. 10:30; bitte ohne mich anfangen"
    assert message_id(data) == "<a1@hef>"


def test_a_message_that_is_no_answer_has_none() -> None:
    assert replies_in_message(plain_mail(sender="x@y.de", message_id="<p@y>")) == []
    request = reply_calendar(uid=UID, address="a@b.de", method="REQUEST")
    assert replies_in_calendar(request) == []


def test_a_counter_is_read_as_a_proposal() -> None:
    calendar = reply_calendar(
        uid=UID, address="a@b.de", method="COUNTER", proposed="20270414T100000", comment="Besser?"
    )
    (reply,) = replies_in_calendar(calendar)
    assert reply.kind is Kind.COUNTER
    assert reply.proposed == "2027-04-14T10:00:00"
    assert reply.comment == "Besser?"


def test_capital_mailto_and_no_sequence_mean_sequence_zero() -> None:
    (reply,) = replies_in_calendar(
        reply_calendar(uid=UID, address="A@B.de", sequence=None, mailto="MAILTO:")
    )
    assert (reply.address, reply.sequence) == ("a@b.de", 0)


def test_control_characters_never_leave_the_reader() -> None:
    calendar = reply_calendar(
        uid=UID, address="a@b.de", name="Eve\x1b]0;pwned\x07", comment="rot\x1b[31m!\u202e"
    )
    (reply,) = replies_in_calendar(calendar)
    assert reply.name == "Eve ]0;pwned"
    assert reply.comment == "rot [31m!"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda c: c.replace("UID:", "X-UID:"), "no UID"),
        (lambda c: c.replace("DTSTAMP:20260111T090000Z", "DTSTAMP:20260111T090000"), "DTSTAMP"),
        (lambda c: c.replace("PARTSTAT=ACCEPTED", "PARTSTAT=MAYBE"), "PARTSTAT MAYBE"),
        (lambda c: c.replace("PARTSTAT=ACCEPTED", "PARTSTAT=NEEDS-ACTION"), "PARTSTAT"),
        (lambda c: c.replace(":mailto:a@b.de", ":a@b.de"), "mailto"),
        (lambda c: c.replace("SEQUENCE:0", "SEQUENCE:eins"), "SEQUENCE"),
        (lambda c: c.replace("END:VCALENDAR", ""), "END:VCALENDAR"),
        (lambda c: c.replace("END:VEVENT", ""), "without"),
        (lambda c: c.replace("ATTENDEE;", 'ATTENDEE;CN="open;'), "quote"),
        (
            lambda c: c.replace(
                "ORGANIZER", "ATTENDEE;PARTSTAT=DECLINED:mailto:c@d.de\r\nORGANIZER"
            ),
            "one ATTENDEE",
        ),
    ],
)
def test_a_damaged_reply_is_refused_with_the_reason(change: object, why: str) -> None:
    calendar = reply_calendar(uid=UID, address="a@b.de")
    with pytest.raises(ReplyError, match=why):
        replies_in_calendar(change(calendar))  # type: ignore[operator]


def test_a_broken_calendar_inside_a_message_is_a_reply_error() -> None:
    data = CLIENTS["outlook"](
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n", sender="a@b.de", message_id="<x>"
    )
    with pytest.raises(ReplyError):
        replies_in_message(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_answers_or_a_reply_error(data: bytes) -> None:
    with contextlib.suppress(ReplyError):
        replies_in_message(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_calendar_text_gives_answers_or_a_reply_error(text: str) -> None:
    calendar = reply_calendar(uid=UID, address="a@b.de")
    for candidate in (text, calendar.replace("SUMMARY", text[:50] + "SUMMARY")):
        with contextlib.suppress(ReplyError):
            replies_in_calendar(candidate)


def test_a_delegation_names_the_delegate_too_and_the_answer_is_the_delegator_s() -> None:
    calendar = reply_calendar(uid=UID, address="anna@hef.example.de", partstat="DELEGATED")
    calendar = calendar.replace(
        "PARTSTAT=DELEGATED;",
        'PARTSTAT=DELEGATED;DELEGATED-TO="mailto:eva@hef.example.de";',
    ).replace(
        "ORGANIZER",
        'ATTENDEE;PARTSTAT=NEEDS-ACTION;DELEGATED-FROM="mailto:anna@hef.example.de":mailto:eva@hef.example.de\r\nORGANIZER',
    )
    (reply,) = replies_in_calendar(calendar)
    assert (reply.address, reply.answer) == ("anna@hef.example.de", Answer.DELEGATED)
