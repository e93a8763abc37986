"""Tests for the iCalendar writer and its reader of previous output; icalendar is the referee."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser import Contentlines

from netzwerk_cli.calendar.ical import (
    CalendarEvent,
    ChangeKind,
    EventStatus,
    StampedEvent,
    normalise_text,
    render_calendar,
)
from netzwerk_cli.calendar.previous import stamp_events

from .conftest import examples

STAMP = dt.datetime(2025, 10, 1, 8, 30, tzinfo=dt.UTC)
LATER = dt.datetime(2025, 12, 24, 18, 0, tzinfo=dt.UTC)
BERLIN = "Europe/Berlin"

GERMAN_SUMMARY = (
    "Netzwerktreffen zweier Bezirke Treptow-Köpenick und Tempelhof-Schöneberg: Große Straße, "
    "Übergabe der Gastgeberschaft, herzliche Grüße aus Marzahn-Hellersdorf"
)

# Text that exercises escaping, line breaks, control characters, multi-byte and combining chars.
TRICKY_PIECES = st.sampled_from(
    [
        *("\r\n", "\r", "\n", ";", ",", "\\", "\\n", ":", "\t", " ", "\x00", "\x1b", "\x7f"),
        *("ß", "ü", "😀", "e\u0301", "\u0085", "\u2028", "BEGIN:VEVENT", "END:VCALENDAR"),
    ]
)
TEXT = st.lists(st.one_of(st.text(), TRICKY_PIECES), max_size=12).map("".join)


def make_event(**changes: object) -> CalendarEvent:
    """A timed Berlin meeting, with `changes` applied."""
    fields: dict[str, object] = {
        "uid": "2025-11-05@netzwerk.example",
        "summary": "Netzwerktreffen bei Treptow-Köpenick",
        "status": EventStatus.CONFIRMED,
        "day": dt.date(2025, 11, 5),
        "start": dt.time(10, 0),
        "duration_minutes": 90,
        "location": "Rathaus Köpenick, Alt-Köpenick 21",
        "description": "Tagesordnung folgt.",
    }
    fields.update(changes)
    return CalendarEvent(**fields)  # type: ignore[arg-type]


def render(
    events: list[CalendarEvent],
    *,
    previous: str | None = None,
    stamp: dt.datetime = STAMP,
    name: str = "Netzwerk Süd",
    timezone: str = BERLIN,
) -> str:
    """Stamp against `previous`, then render."""
    stamped, _ = stamp_events(events, previous=previous, stamp=stamp, timezone=timezone)
    return render_calendar(stamped, name=name, timezone=timezone)


def physical_lines(text: str) -> list[bytes]:
    """The physical lines, after checking CRLF endings, the octet limit and UTF-8 per line."""
    raw = text.encode()
    assert raw.endswith(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    for line in lines:
        assert b"\r" not in line
        assert b"\n" not in line
        assert len(line) <= 75, line
        line.decode()  # a fold never splits a multi-byte character
    return lines


def property_lines(text: str, name: str) -> list[bytes]:
    """The physical lines of the first content line named `name`, continuation lines included."""
    lines = physical_lines(text)
    start = next(i for i, line in enumerate(lines) if line.startswith(name.encode() + b":"))
    end = start + 1
    while end < len(lines) and lines[end].startswith(b" "):
        end += 1
    return lines[start:end]


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def ical(value: Any) -> str:
    """A property value as icalendar writes it (some types give bytes, some str)."""
    raw = value.to_ical()
    return raw.decode() if isinstance(raw, bytes) else str(raw)


def calendar_name(text: str) -> str:
    """X-WR-CALNAME unescaped by icalendar's content-line parser (its property stays raw)."""
    lines: list[Any] = Contentlines.from_ical(text)  # type: ignore[no-untyped-call]
    for line in lines:
        if line:
            name, _, value = line.parts()
            if name == "X-WR-CALNAME":
                return str(value)
    raise AssertionError("no X-WR-CALNAME")


def only_event(text: str) -> Any:
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def our_timezone(calendar: Any) -> dt.tzinfo:
    """The calendar's VTIMEZONE as icalendar builds it from our components (no TZID lookup)."""
    (vtimezone,) = calendar.walk("VTIMEZONE")
    tz: dt.tzinfo = vtimezone.to_tz(lookup_tzid=False)
    return tz


def test_calendar_header() -> None:
    text = render([make_event()], name="Netz, Süd; A\\B")
    assert unfolded(text)[:7] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//netzwerk//netzwerk-cli//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Netz\\, Süd\\; A\\\\B",
        "X-WR-TIMEZONE:Europe/Berlin",
    ]
    assert text.endswith("END:VCALENDAR\r\n")
    assert calendar_name(text) == "Netz, Süd; A\\B"


def test_golden_output_for_a_zone_without_transitions() -> None:
    events = [
        make_event(start=None, description=None, location="", uid="b@n", summary="Ganztägig"),
        make_event(uid="a@n", status=EventStatus.TENTATIVE, description="Zeile 1\nZeile 2"),
    ]
    expected = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//netzwerk//netzwerk-cli//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Netzwerk Süd",
        "X-WR-TIMEZONE:Asia/Tokyo",
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Tokyo",
        "BEGIN:STANDARD",
        "DTSTART:20240101T090000",
        "TZOFFSETFROM:+0900",
        "TZOFFSETTO:+0900",
        "TZNAME:JST",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "UID:b@n",
        "DTSTAMP:20251001T083000Z",
        "SEQUENCE:0",
        "DTSTART;VALUE=DATE:20251105",
        "DTEND;VALUE=DATE:20251106",
        "STATUS:CONFIRMED",
        "SUMMARY:Ganztägig",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:a@n",
        "DTSTAMP:20251001T083000Z",
        "SEQUENCE:0",
        "DTSTART;TZID=Asia/Tokyo:20251105T100000",
        "DTEND;TZID=Asia/Tokyo:20251105T113000",
        "STATUS:TENTATIVE",
        "SUMMARY:Netzwerktreffen bei Treptow-Köpenick",
        "LOCATION:Rathaus Köpenick\\, Alt-Köpenick 21",
        "DESCRIPTION:Zeile 1\\nZeile 2",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    assert render(events, timezone="Asia/Tokyo") == "".join(line + "\r\n" for line in expected)


def test_events_sorted_by_day_then_start_then_uid() -> None:
    events = [
        make_event(uid="z", day=dt.date(2025, 11, 5), start=dt.time(9)),
        make_event(uid="y", day=dt.date(2025, 11, 5), start=None),
        make_event(uid="b", day=dt.date(2025, 11, 5), start=dt.time(14)),
        make_event(uid="a", day=dt.date(2025, 11, 5), start=dt.time(14)),
        make_event(uid="x", day=dt.date(2025, 1, 2), start=dt.time(18)),
    ]
    text = render(events)
    assert [line for line in unfolded(text) if line.startswith("UID:")] == [
        "UID:x",
        "UID:y",
        "UID:z",
        "UID:a",
        "UID:b",
    ]
    assert render(list(reversed(events))) == text


def test_all_day_event_has_dates_and_no_vtimezone() -> None:
    text = render([make_event(start=None, duration_minutes=90)])
    lines = unfolded(text)
    assert "DTSTART;VALUE=DATE:20251105" in lines
    assert "DTEND;VALUE=DATE:20251106" in lines
    assert "BEGIN:VTIMEZONE" not in text
    event = only_event(text)
    assert event.decoded("DTSTART") == dt.date(2025, 11, 5)
    assert event.decoded("DTEND") == dt.date(2025, 11, 6)


def test_all_day_event_at_year_end_ends_next_year() -> None:
    lines = unfolded(render([make_event(start=None, day=dt.date(2025, 12, 31))]))
    assert "DTEND;VALUE=DATE:20260101" in lines


@pytest.mark.parametrize(("day", "utc_hour"), [(dt.date(2025, 11, 5), 9), (dt.date(2025, 7, 2), 8)])
def test_timed_event_resolves_to_the_right_instant(day: dt.date, utc_hour: int) -> None:
    text = render([make_event(day=day, start=dt.time(10), duration_minutes=90)])
    lines = unfolded(text)
    assert f"DTSTART;TZID=Europe/Berlin:{day:%Y%m%d}T100000" in lines
    assert f"DTEND;TZID=Europe/Berlin:{day:%Y%m%d}T113000" in lines
    calendar = icalendar.Calendar.from_ical(text)
    assert len(calendar.walk("VTIMEZONE")) == 1
    start = only_event(text).decoded("DTSTART")
    assert start.astimezone(dt.UTC) == dt.datetime.combine(day, dt.time(utc_hour), dt.UTC)
    # Our own VTIMEZONE, not icalendar's lookup of the TZID, must give the same instant.
    ours = our_timezone(calendar)
    local = dt.datetime.combine(day, dt.time(10), ours)
    assert local.astimezone(dt.UTC) == dt.datetime.combine(day, dt.time(utc_hour), dt.UTC)


@pytest.mark.parametrize("duration", [None, 0])
def test_timed_event_without_duration_has_no_dtend(duration: int | None) -> None:
    text = render([make_event(duration_minutes=duration)])
    assert "DTEND" not in text
    assert "DTSTART;TZID=Europe/Berlin:20251105T100000" in unfolded(text)


def test_timed_event_past_midnight_ends_next_day() -> None:
    lines = unfolded(render([make_event(start=dt.time(23, 30), duration_minutes=60)]))
    assert "DTEND;TZID=Europe/Berlin:20251106T003000" in lines


def test_vtimezone_for_berlin_lists_each_transition() -> None:
    calendar = icalendar.Calendar.from_ical(render([make_event()]))
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == BERLIN
    observances = [
        (
            part.name,
            ical(part["DTSTART"]),
            ical(part["TZOFFSETFROM"]),
            ical(part["TZOFFSETTO"]),
            str(part["TZNAME"]),
        )
        for part in zone.subcomponents
    ]
    assert observances == [
        ("STANDARD", "20240101T010000", "+0100", "+0100", "CET"),
        ("DAYLIGHT", "20240331T020000", "+0100", "+0200", "CEST"),
        ("STANDARD", "20241027T030000", "+0200", "+0100", "CET"),
        ("DAYLIGHT", "20250330T020000", "+0100", "+0200", "CEST"),
        ("STANDARD", "20251026T030000", "+0200", "+0100", "CET"),
        ("DAYLIGHT", "20260329T020000", "+0100", "+0200", "CEST"),
        ("STANDARD", "20261025T030000", "+0200", "+0100", "CET"),
    ]


@pytest.mark.parametrize("timezone", ["UTC", "Asia/Tokyo", "Asia/Kathmandu"])
def test_vtimezone_without_transitions_has_one_standard(timezone: str) -> None:
    (zone,) = icalendar.Calendar.from_ical(render([make_event()], timezone=timezone)).walk(
        "VTIMEZONE"
    )
    (standard,) = zone.subcomponents
    assert standard.name == "STANDARD"
    assert ical(standard["TZOFFSETFROM"]) == ical(standard["TZOFFSETTO"])


@pytest.mark.parametrize(
    ("timezone", "years"),
    [
        (BERLIN, (2025, 2026)),
        ("America/New_York", (2025, 2025)),
        ("Australia/Sydney", (2024, 2027)),
        ("Pacific/Chatham", (2025, 2025)),
        ("Australia/Lord_Howe", (2025, 2025)),
        ("America/Sao_Paulo", (2019, 2019)),  # abolished DST in 2019
        ("Europe/Moscow", (2011, 2014)),  # permanent summer time, then back
        ("Europe/Dublin", (2025, 2025)),  # negative DST in zoneinfo
        ("Africa/Casablanca", (2025, 2025)),  # clocks go back during Ramadan
        ("UTC", (2025, 2025)),
    ],
)
def test_vtimezone_agrees_with_zoneinfo(timezone: str, years: tuple[int, int]) -> None:
    events = [make_event(uid=str(year), day=dt.date(year, 6, 1)) for year in sorted(set(years))]
    calendar = icalendar.Calendar.from_ical(render(events, timezone=timezone))
    ours = our_timezone(calendar)
    zone = ZoneInfo(timezone)
    instant = dt.datetime(years[0] - 1, 1, 2, tzinfo=dt.UTC)
    while instant.year <= years[1] + 1:
        assert instant.astimezone(ours).utcoffset() == instant.astimezone(zone).utcoffset()
        wall = instant.astimezone(zone).replace(tzinfo=None)
        if wall.replace(fold=1, tzinfo=zone).utcoffset() == wall.replace(tzinfo=zone).utcoffset():
            # Unambiguous wall times must resolve alike (RFC 5545 leaves the repeated hour open).
            assert wall.replace(tzinfo=ours).utcoffset() == wall.replace(tzinfo=zone).utcoffset()
        instant += dt.timedelta(hours=5, minutes=7)


def test_unknown_timezone_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        render([make_event()], timezone="Mars/Olympus_Mons")
    with pytest.raises(ValueError, match="time zone"):
        render([make_event()], timezone="Europe/Berlin;X=1")


def test_description_and_location_only_when_present() -> None:
    text = render(
        [
            make_event(uid="a", description=None, location=""),
            make_event(uid="b", description="", location="\x00"),
        ]
    )
    assert "DESCRIPTION" not in text
    assert "LOCATION" not in text


def test_german_summary_folds_exactly_between_characters() -> None:
    lines = property_lines(render([make_event(summary=GERMAN_SUMMARY)]), "SUMMARY")
    assert lines == [
        "SUMMARY:Netzwerktreffen zweier Bezirke Treptow-Köpenick und Tempelhof-Sch".encode(),
        " öneberg: Große Straße\\, Übergabe der Gastgeberschaft\\, herzliche Grü".encode(),
        " ße aus Marzahn-Hellersdorf".encode(),
    ]
    # "ö" and "ß" would have straddled octets 75 and 76, so both lines end one octet early.
    assert [len(line) for line in lines] == [74, 74, 28]
    assert str(only_event(render([make_event(summary=GERMAN_SUMMARY)]))["SUMMARY"]) == (
        GERMAN_SUMMARY
    )


@pytest.mark.parametrize(("char", "escaped"), [(",", b"\\,"), (";", b"\\;"), ("\\", b"\\\\")])
def test_fold_keeps_an_escape_with_its_backslash(char: str, escaped: bytes) -> None:
    summary = "x" * 66 + char + "y"
    lines = property_lines(render([make_event(summary=summary)]), "SUMMARY")
    assert lines == [b"SUMMARY:" + b"x" * 66, b" " + escaped + b"y"]
    assert str(only_event(render([make_event(summary=summary)]))["SUMMARY"]) == summary


def test_fold_keeps_a_newline_escape_and_an_emoji_whole() -> None:
    description = "x" * 62 + "\n" + "y" * 71 + "😀z"
    lines = property_lines(render([make_event(description=description)]), "DESCRIPTION")
    assert lines == [b"DESCRIPTION:" + b"x" * 62, b" \\n" + b"y" * 71, " 😀z".encode()]


def test_injected_vevent_stays_inside_the_description() -> None:
    note = "Bitte mitbringen:\nBEGIN:VEVENT\nUID:evil\nEND:VEVENT\r\nBEGIN:VALARM"
    text = render([make_event(description=note)])
    event = only_event(text)
    assert str(event["DESCRIPTION"]) == note.replace("\r\n", "\n")
    assert str(event["UID"]) == "2025-11-05@netzwerk.example"
    assert unfolded(text).count("BEGIN:VEVENT") == 1


def test_control_characters_are_normalised() -> None:
    assert normalise_text("a\x00b\x07c\x1bd\x7fe\tf\x85g") == "abcde\tf\x85g"
    assert normalise_text("1\r\n2\r3\n4\n\r5") == "1\n2\n3\n4\n\n5"
    event = only_event(render([make_event(summary="Treffen\x0c\r\nneu\x1f")]))
    assert str(event["SUMMARY"]) == "Treffen\nneu"


@settings(max_examples=examples(200), deadline=None)
@given(summary=TEXT, location=TEXT, description=st.none() | TEXT, name=TEXT)
def test_any_text_round_trips_through_icalendar(
    summary: str, location: str, description: str | None, name: str
) -> None:
    events = [make_event(summary=summary, location=location, description=description)]
    text = render(events, name=name)
    physical_lines(text)
    assert calendar_name(text) == normalise_text(name)
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == normalise_text(summary)
    assert str(event.get("LOCATION", "")) == normalise_text(location)
    assert str(event.get("DESCRIPTION", "")) == normalise_text(description or "")


@pytest.mark.parametrize("uid", ["", "a\nb", "a\rb", "a\x00b", "a\tb"])
def test_unsafe_uid_is_refused(uid: str) -> None:
    with pytest.raises(ValueError, match="UID"):
        make_event(uid=uid)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start": dt.time(10, tzinfo=dt.UTC)}, "naive"),
        ({"duration_minutes": -1}, "negative"),
    ],
)
def test_inconsistent_events_are_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_event(**change)
    with pytest.raises(ValueError, match="negative"):
        StampedEvent(event=make_event(), sequence=-1, dtstamp=STAMP)


def test_duplicate_uids_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate UID"):
        stamp_events([make_event(), make_event()], previous=None, stamp=STAMP)
    stamped = StampedEvent(event=make_event(), sequence=0, dtstamp=STAMP)
    with pytest.raises(ValueError, match="duplicate UID"):
        render_calendar([stamped, stamped], name="n", timezone=BERLIN)


def test_naive_stamps_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        stamp_events([make_event()], previous=None, stamp=dt.datetime(2025, 1, 1))
    with pytest.raises(ValueError, match="aware"):
        StampedEvent(event=make_event(), sequence=0, dtstamp=dt.datetime(2025, 1, 1))


def test_new_events_get_sequence_zero_and_the_stamp() -> None:
    berlin_stamp = dt.datetime(2025, 10, 1, 10, 30, 0, 123456, tzinfo=ZoneInfo(BERLIN))
    stamped, changes = stamp_events([make_event()], previous=None, stamp=berlin_stamp)
    assert [(s.sequence, s.dtstamp) for s in stamped] == [(0, STAMP)]
    assert stamped[0].dtstamp.tzinfo == dt.UTC
    assert [(c.kind, c.uid, c.day) for c in changes] == [
        (ChangeKind.ADDED, "2025-11-05@netzwerk.example", dt.date(2025, 11, 5))
    ]
    assert "DTSTAMP:20251001T083000Z" in unfolded(
        render_calendar(stamped, name="n", timezone=BERLIN)
    )


@pytest.mark.parametrize("line_ending", ["\r\n", "\n"])
def test_unchanged_events_keep_sequence_and_dtstamp(line_ending: str) -> None:
    events = [make_event(), make_event(uid="x", start=None, summary=GERMAN_SUMMARY)]
    first = render(events)
    previous = first.replace("\r\n", line_ending)
    stamped, changes = stamp_events(events, previous=previous, stamp=LATER, timezone=BERLIN)
    assert changes == []
    assert {s.dtstamp for s in stamped} == {STAMP}
    assert render_calendar(stamped, name="Netzwerk Süd", timezone=BERLIN) == first


@pytest.mark.parametrize(
    "change",
    [
        {"day": dt.date(2025, 11, 12)},
        {"start": dt.time(11)},
        {"start": None},
        {"duration_minutes": 120},
        {"duration_minutes": None},
        {"location": "Rathaus Treptow"},
        {"summary": "Netzwerktreffen bei Neukölln"},
        {"description": None},
        {"description": "Tagesordnung folgt!"},
        {"status": EventStatus.TENTATIVE},
    ],
)
def test_changed_events_get_next_sequence_and_new_stamp(change: dict[str, object]) -> None:
    previous = render([make_event()], stamp=STAMP)
    changed = make_event(**change)
    stamped, changes = stamp_events([changed], previous=previous, stamp=LATER, timezone=BERLIN)
    assert [(s.sequence, s.dtstamp) for s in stamped] == [(1, LATER)]
    assert [(c.kind, c.summary, c.day) for c in changes] == [
        (ChangeKind.CHANGED, changed.summary, changed.day)
    ]
    # Written once with the change, the event is stable again on the next run.
    written = render([changed], previous=previous, stamp=LATER)
    tomorrow = LATER + dt.timedelta(days=1)
    again, _ = stamp_events([changed], previous=written, stamp=tomorrow, timezone=BERLIN)
    assert [(s.sequence, s.dtstamp) for s in again] == [(1, LATER)]


def test_cancelling_is_reported_as_cancelled() -> None:
    previous = render([make_event()])
    cancelled = make_event(status=EventStatus.CANCELLED)
    stamped, changes = stamp_events([cancelled], previous=previous, stamp=LATER)
    assert stamped[0].sequence == 1
    assert [c.kind for c in changes] == [ChangeKind.CANCELLED]
    edited = make_event(status=EventStatus.CANCELLED, location="anderswo")
    again = render([cancelled], previous=previous, stamp=LATER)
    _, changes = stamp_events([edited], previous=again, stamp=LATER)
    assert [c.kind for c in changes] == [ChangeKind.CHANGED]


def test_removed_events_are_reported_from_the_previous_file() -> None:
    gone = make_event(uid="gone", summary="Alt, aber; gut", day=dt.date(2025, 3, 4), start=None)
    previous = render([make_event(), gone])
    stamped, changes = stamp_events([make_event()], previous=previous, stamp=LATER)
    assert [s.sequence for s in stamped] == [0]
    assert [(c.kind, c.uid, c.summary, c.day) for c in changes] == [
        (ChangeKind.REMOVED, "gone", "Alt, aber; gut", dt.date(2025, 3, 4))
    ]


def test_timezone_is_compared_only_when_given() -> None:
    previous = render([make_event()], timezone="Europe/Vienna")
    stamped, _ = stamp_events([make_event()], previous=previous, stamp=LATER, timezone=BERLIN)
    assert stamped[0].sequence == 1
    stamped, _ = stamp_events([make_event()], previous=previous, stamp=LATER)
    assert stamped[0].sequence == 0
    assert stamped[0].dtstamp == STAMP


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("SEQUENCE:0\r\n", ""),
        ("SEQUENCE:0", "SEQUENCE:-1"),
        ("SEQUENCE:0", "SEQUENCE:zwei"),
        ("DTSTAMP:20251001T083000Z", "DTSTAMP:20251301T083000Z"),
        ("DTSTAMP:20251001T083000Z", "DTSTAMP:20251001T083000"),
        ("DTSTART;TZID=Europe/Berlin:20251105", "DTSTART;TZID=Europe/Berlin:2025"),
        ("UID:2025-11-05@netzwerk.example", "UID:"),
        ("END:VEVENT", "END:VTODO"),
    ],
)
def test_unreadable_previous_events_count_as_new(old: str, new: str) -> None:
    previous = render([make_event()])
    assert old in previous
    stamped, changes = stamp_events(
        [make_event()], previous=previous.replace(old, new), stamp=LATER
    )
    assert [(s.sequence, s.dtstamp) for s in stamped] == [(0, LATER)]
    assert [c.kind for c in changes] == [ChangeKind.ADDED]


@settings(max_examples=examples(200), deadline=None)
@given(garbage=st.text() | TEXT)
def test_garbage_previous_is_treated_as_none(garbage: str) -> None:
    stamped, changes = stamp_events([make_event()], previous=garbage, stamp=LATER)
    assert [(s.sequence, s.dtstamp) for s in stamped] == [(0, LATER)]
    assert [c.kind for c in changes] == [ChangeKind.ADDED]


@settings(max_examples=examples(100), deadline=None)
@given(data=st.data())
def test_truncated_previous_never_raises(data: st.DataObject) -> None:
    events = [make_event(uid=f"u{i}", day=dt.date(2025, 11, i + 1)) for i in range(3)]
    previous = render(events)
    cut = data.draw(st.integers(0, len(previous)))
    stamped, _ = stamp_events(events, previous=previous[:cut], stamp=LATER)
    for stamped_event in stamped:
        # Each event is either fully recognised or new; a cut never yields a wrong SEQUENCE.
        assert (stamped_event.sequence, stamped_event.dtstamp) in {(0, STAMP), (0, LATER)}


def test_foreign_calendar_is_tolerated() -> None:
    foreign = icalendar.Calendar()
    foreign.add("prodid", "-//elsewhere//EN")
    foreign.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", "2025-11-05@netzwerk.example")
    event.add("dtstamp", dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    event.add("sequence", 7)
    event.add("dtstart", dt.date(2025, 11, 5))
    event.add("summary", "Fremd")
    foreign.add_component(event)
    stamped, changes = stamp_events(
        [make_event()], previous=foreign.to_ical().decode(), stamp=LATER
    )
    assert [(s.sequence, s.dtstamp) for s in stamped] == [(8, LATER)]
    assert [c.kind for c in changes] == [ChangeKind.CHANGED]


def test_rerun_is_byte_identical() -> None:
    events = [
        make_event(),
        make_event(uid="b", start=None, summary=GERMAN_SUMMARY),
        make_event(uid="c", status=EventStatus.CANCELLED, day=dt.date(2026, 7, 2)),
    ]
    assert render(events) == render(events)
    assert render(events).encode() == render(list(reversed(events))).encode()
