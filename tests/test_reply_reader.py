"""The reader of answers to invitations (`calendar/replies.py`): each client's message, strictness,
and that no bytes whatever make it fail with anything but `ReplyError`."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.calendar.replies import (
    MAX_COMMENT,
    MAX_NAME,
    Answer,
    Kind,
    ReplyError,
    message_id,
    replies_in_calendar,
    replies_in_message,
)

from .replymail import CLIENTS, calendar_part, mime_trees, nested, plain_mail, reply_calendar

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


# --- a stranger's message: never another exception, bounded text, linear time ---------------


def test_a_multipart_nested_a_thousand_deep_is_a_reply_error() -> None:
    calendar = reply_calendar(uid=UID, address="anna@hef.example.de").encode()
    with pytest.raises(ReplyError):
        replies_in_message(nested(1000, calendar_part(calendar)))


def test_a_utf7_name_that_decodes_to_a_lone_surrogate_is_cleaned() -> None:
    calendar = reply_calendar(uid=UID, address="anna@hef.example.de", name="Anna")
    calendar = calendar.replace("CN=Anna", "CN=Anna+2D0-").replace("COMMENT", "X")
    data = CLIENTS["outlook"](calendar, sender="anna@hef.example.de", message_id="<u7@x>")
    data = data.replace(b'charset="utf-8"', b'charset="utf-7"')
    (reply,) = replies_in_message(data)
    assert reply.name == "Anna"
    reply.name.encode("utf-8")  # what the record writes


@settings(max_examples=100, deadline=None)
@given(mime_trees())
def test_any_mime_tree_gives_answers_or_a_reply_error(data: bytes) -> None:
    with contextlib.suppress(ReplyError):
        for reply in replies_in_message(data):
            for text in (reply.name, reply.comment or "", reply.address, reply.uid):
                text.encode("utf-8")
                assert len(text) <= MAX_COMMENT


def test_a_comment_and_a_name_are_capped() -> None:
    calendar = reply_calendar(
        uid=UID, address="anna@hef.example.de", name="N" * 10_000, comment="C" * 3 * 2**20
    )
    data = CLIENTS["gmail"](calendar, sender="anna@hef.example.de", message_id="<big@x>")
    (reply,) = replies_in_message(data)
    assert len(reply.name) == MAX_NAME and reply.name.endswith("…")
    assert len(reply.comment or "") == MAX_COMMENT


def _timed(data: bytes) -> float:
    import time

    start = time.perf_counter()
    with contextlib.suppress(ReplyError):
        replies_in_message(data)
    return time.perf_counter() - start


def test_twenty_thousand_events_are_refused_in_seconds() -> None:
    calendar = reply_calendar(uid=UID, address="anna@hef.example.de")
    head, _, rest = calendar.partition("BEGIN:VEVENT\r\n")
    event, _, tail = rest.partition("END:VEVENT\r\n")
    events = "".join(
        "BEGIN:VEVENT\r\n" + event.replace(UID, f"{n}-{UID}") + "END:VEVENT\r\n"
        for n in range(20_000)
    )
    data = CLIENTS["thunderbird"](
        head + events + tail, sender="anna@hef.example.de", message_id="<many@x>"
    )
    assert len(data) < 8 * 2**20
    with pytest.raises(ReplyError, match="more than"):
        replies_in_message(data)
    assert _timed(data) < 5


def test_a_hundred_thousand_delegating_attendees_are_refused_in_seconds() -> None:
    calendar = reply_calendar(uid=UID, address="anna@hef.example.de")
    many = "".join(
        f'ATTENDEE;DELEGATED-TO="mailto:b{n}@x.de":mailto:a{n}@x.de\r\n' for n in range(100_000)
    )
    calendar = calendar.replace("ORGANIZER", many + "ORGANIZER")
    data = calendar_part(calendar.encode())
    data = b"From: a@x.de\r\nMIME-Version: 1.0\r\n" + data
    assert len(data) < 8 * 2**20
    assert _timed(data) < 5


def test_a_few_hundred_events_are_read_in_time_linear_in_their_number() -> None:
    calendar = reply_calendar(uid=UID, address="anna@hef.example.de")
    head, _, rest = calendar.partition("BEGIN:VEVENT\r\n")
    event, _, tail = rest.partition("END:VEVENT\r\n")
    events = "".join(
        "BEGIN:VEVENT\r\n" + event.replace(UID, f"{n}-{UID}") + "END:VEVENT\r\n" for n in range(200)
    )
    found = replies_in_message(
        CLIENTS["outlook"](head + events + tail, sender="anna@hef.example.de", message_id="<m@x>")
    )
    assert len(found) == 200


# --- who sent it: From, Authentication-Results, DTSTAMP --------------------------------------


def _one(sender: str, *, address: str = "anna@hef.example.de", extra: str = "") -> object:
    calendar = reply_calendar(uid=UID, address=address)
    data = CLIENTS["outlook"](calendar, sender=sender, message_id="<s@x>")
    (reply,) = replies_in_message(extra.encode() + data)
    return reply


@pytest.mark.parametrize(
    ("sender", "extra", "verified"),
    [
        ("anna@hef.example.de", "", True),
        ("Anna Mueller <ANNA@Hef.Example.DE>", "", True),
        ("mallory@evil.example", "", False),
        (
            "anna@hef.example.de",
            "Authentication-Results: mx.kreis.de; dmarc=fail "
            "(p=none) header.from=hef.example.de\r\n",
            False,
        ),
        (
            "anna@hef.example.de",
            "Authentication-Results: mx.kreis.de; dkim=fail header.d=hef.example.de; spf=pass\r\n",
            False,
        ),
        ("anna@hef.example.de", "Authentication-Results: mx.kreis.de; dkim=fail\r\n", False),
        (
            "anna@hef.example.de",
            "Authentication-Results: mx.kreis.de; dkim=fail header.d=list.example\r\n",
            True,
        ),
        (
            "anna@hef.example.de",
            "Authentication-Results: mx.kreis.de; dkim=pass "
            "header.d=hef.example.de; dmarc=pass\r\n",
            True,
        ),
    ],
)
def test_an_answer_is_verified_only_from_its_attendee(
    sender: str, extra: str, verified: bool
) -> None:
    reply = _one(sender, extra=extra)
    assert reply.verified is verified  # type: ignore[attr-defined]


def test_two_from_addresses_are_no_sender() -> None:
    reply = _one("anna@hef.example.de, mallory@evil.example")
    assert (reply.sender, reply.verified) == ("", False)  # type: ignore[attr-defined]


def test_a_dtstamp_from_the_future_counts_as_the_moment_it_was_read() -> None:
    read_at = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)
    far = reply_calendar(
        uid=UID, address="anna@hef.example.de", stamp=dt.datetime(9999, 1, 1, tzinfo=dt.UTC)
    )
    near = reply_calendar(
        uid=UID, address="anna@hef.example.de", stamp=read_at + dt.timedelta(hours=20)
    )
    (capped,) = replies_in_message(
        CLIENTS["outlook"](far, sender="anna@hef.example.de", message_id="<f@x>"), read_at=read_at
    )
    (kept,) = replies_in_message(
        CLIENTS["outlook"](near, sender="anna@hef.example.de", message_id="<n@x>"), read_at=read_at
    )
    assert capped.stamp == read_at
    assert kept.stamp == read_at + dt.timedelta(hours=20)  # within a day of clock skew
