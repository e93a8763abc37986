"""An export compares its events with the calendar it replaces, reading that file only as far as
it must: the answer is always that of reading every event."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.calendar.previous import PreviousCalendar, previous_events

UIDS = ("a", "b", "c@x", "d")
# How a UID line may be written: every spelling `previous_events` takes, and some it does not.
UID_NAMES = ("UID", "uid", "Uid", "uıd", " UID ", "UID;X=1", 'UID;X="p:q"', "XUID", "UIDS", "U-ID")


@st.composite
def blocks(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 2))):  # none, one or two UID lines
        name = draw(st.sampled_from(UID_NAMES))
        lines.append(f"{name}:{draw(st.sampled_from(UIDS))}")
    if draw(st.booleans()):
        lines.append("SEQUENCE:" + draw(st.sampled_from(["0", "3", "x"])))
    if draw(st.booleans()):
        lines.append("DTSTAMP:" + draw(st.sampled_from(["20240101T000000Z", "2024"])))
    if draw(st.booleans()):
        lines.append("DTSTART;TZID=Europe/Berlin:20240105T100000")
    lines.append("SUMMARY:" + draw(st.sampled_from(["Treffen", "Treffen\\, Fulda"])))
    lines = draw(st.permutations(lines))
    end = [] if draw(st.integers(0, 9)) == 0 else ["END:VEVENT"]  # now and then unterminated
    return "\n".join(["BEGIN:VEVENT", *lines, *end])


@st.composite
def calendars(draw: st.DrawFn) -> str:
    body = "\n".join(draw(st.lists(blocks(), max_size=5)))
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\n{body}\nEND:VCALENDAR\n"
    if draw(st.booleans()):  # a folded line here and there, as a writer folds at 75 octets
        text = text.replace("UID:c", "UID:\n c") if draw(st.booleans()) else text
        text = text.replace("Treffen", "Tref\n fen")
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


@settings(max_examples=300, deadline=None)
@given(text=calendars(), asked=st.lists(st.frozensets(st.sampled_from(UIDS)), max_size=3))
def test_what_is_asked_is_what_reading_every_event_gives(
    text: str, asked: list[frozenset[str]]
) -> None:
    everything = previous_events(text)
    calendar = PreviousCalendar(text)
    for known in asked:  # one calendar is asked more than once (the record, then today's events)
        expected = {uid: event for uid, event in everything.items() if uid not in known}
        assert calendar.events_except(known) == expected


def test_a_calendar_whose_events_are_all_known_is_not_read() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSEQUENCE:2\r\nDTSTAMP:20240101T000000Z\r\n"
        "DTSTART:20240105\r\nSUMMARY:Treffen\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    calendar = PreviousCalendar(text)
    assert calendar.events_except({"a", "b"}) == {}
    assert calendar._events is None  # the events were not read
    [(uid, event)] = calendar.events_except({"b"}).items()
    assert (uid, event.sequence, event.day) == ("a", 2, dt.date(2024, 1, 5))


def test_every_spelling_of_uid_that_the_reader_takes_is_looked_at() -> None:
    # "ı" (dotless i) upper-cases to "I": the reader takes "uıd" as UID, so the look must too.
    for name in ("uıd", "Uid", "UID ;X=1", "UID"):
        text = (
            f"BEGIN:VEVENT\n{name}:z\nSEQUENCE:0\nDTSTAMP:20240101T000000Z\nDTSTART:20240105\n"
            "END:VEVENT\n"
        )
        assert (
            list(PreviousCalendar(text).events_except({"a"}))
            == ["z"]
            == list(previous_events(text))
        )
