"""The calendar writer and reader line by line: what each branch writes, what the reader takes
from a previous file and what it skips, and the helpers' edges (escapes at a fold, offsets with
seconds, the hour the clocks go back).

Written against the survivors of a mutation run (CONTRIBUTING.md, "Mutation testing"): all of it calls
the writer in process.
"""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest

from netzwerk_cli.calendar import ical, previous
from netzwerk_cli.calendar.ical import (
    CalendarEvent,
    ChangeKind,
    EventChange,
    EventStatus,
    StampedEvent,
    escape_text,
    event_content,
    render_calendar,
)
from netzwerk_cli.calendar.previous import PreviousEvent, previous_events, stamp_events

STAMP = dt.datetime(2025, 10, 1, 8, 30, tzinfo=dt.UTC)
BERLIN = "Europe/Berlin"


def event(**changes: object) -> CalendarEvent:
    fields: dict[str, object] = {
        "uid": "a@x",
        "summary": "Treffen",
        "status": EventStatus.CONFIRMED,
        "day": dt.date(2025, 11, 5),
        "start": dt.time(10, 0),
        "duration_minutes": 90,
        "location": "Rathaus",
        "description": "Tagesordnung",
    }
    fields.update(changes)
    return CalendarEvent(**fields)  # type: ignore[arg-type]


def stamped(ev: CalendarEvent, sequence: int = 0, stamp: dt.datetime = STAMP) -> StampedEvent:
    return StampedEvent(event=ev, sequence=sequence, dtstamp=stamp)


def lines(text: str) -> list[str]:
    assert text.endswith("\r\n")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def vevent(*body: str, uid: str | None = "a@x", sequence: str | None = "3") -> str:
    """A previous file with one VEVENT of `body` lines (UID, SEQUENCE and DTSTAMP added)."""
    head = [f"UID:{uid}"] if uid is not None else []
    head += [f"SEQUENCE:{sequence}"] if sequence is not None else []
    head += ["DTSTAMP:20250101T120000Z"]
    return "\r\n".join(["BEGIN:VCALENDAR", "BEGIN:VEVENT", *head, *body, "END:VEVENT", ""])


OLD_BODY = ("DTSTART;VALUE=DATE:20251105", "SUMMARY:Alt\\, neu", "STATUS:CONFIRMED")


# --- the events and what they refuse ----------------------------------------------------------


def test_what_an_event_refuses_and_what_it_takes() -> None:
    with pytest.raises(ValueError, match=r"^unsafe UID 'a\\nb'$"):
        event(uid="a\nb")
    with pytest.raises(ValueError, match=r"^unsafe UID ''$"):
        event(uid="")
    with pytest.raises(ValueError, match=r"^start must be a naive wall-clock time$"):
        event(start=dt.time(10, 0, tzinfo=dt.UTC))
    with pytest.raises(ValueError, match=r"^duration_minutes must not be negative$"):
        event(duration_minutes=-1)
    assert event(duration_minutes=0).duration_minutes == 0
    assert event(uid="a\tb" * 0 + "a b").uid == "a b"
    with pytest.raises(ValueError, match=r"^SEQUENCE must not be negative$"):
        stamped(event(), sequence=-1)
    assert stamped(event(), sequence=0).sequence == 0
    with pytest.raises(ValueError, match=r"^dtstamp must be timezone-aware$"):
        stamped(event(), stamp=dt.datetime(2025, 1, 1))
    with pytest.raises(ValueError, match=r"^stamp must be timezone-aware$"):
        stamp_events([event()], previous=None, stamp=dt.datetime(2025, 1, 1))
    with pytest.raises(ValueError, match=r"^duplicate UID 'a@x'$"):
        render_calendar([stamped(event()), stamped(event())], name=None, timezone=BERLIN)


@pytest.mark.parametrize(
    ("timezone", "message"),
    [
        ("Europe/Berlin;X=1", "not an IANA time zone key: 'Europe/Berlin;X=1'"),
        ("", "not an IANA time zone key: ''"),
        ("Mars/Olympus_Mons", "unknown time zone 'Mars/Olympus_Mons'"),
    ],
)
def test_a_time_zone_that_is_no_iana_key_or_unknown_is_refused(timezone: str, message: str) -> None:
    with pytest.raises(ValueError, match="time zone") as caught:
        render_calendar([stamped(event())], name=None, timezone=timezone)
    assert str(caught.value) == message


# --- the content of an event -------------------------------------------------------------------


def test_the_content_of_a_timed_event() -> None:
    assert event_content(event(), BERLIN) == (
        "DTSTART;TZID=Europe/Berlin:20251105T100000",
        "DTEND;TZID=Europe/Berlin:20251105T113000",
        "STATUS:CONFIRMED",
        "SUMMARY:Treffen",
        "LOCATION:Rathaus",
        "DESCRIPTION:Tagesordnung",
    )
    # Floating times without a zone; no DTEND without a duration; no empty properties.
    assert event_content(
        event(duration_minutes=None, location="", description=None, status=EventStatus.TENTATIVE),
        None,
    ) == ("DTSTART:20251105T100000", "STATUS:TENTATIVE", "SUMMARY:Treffen")
    assert event_content(event(duration_minutes=1, description=""), None)[:2] == (
        "DTSTART:20251105T100000",
        "DTEND:20251105T100100",
    )


def test_the_content_of_an_all_day_event() -> None:
    assert event_content(event(start=None, day=dt.date(999, 12, 31)), BERLIN)[:2] == (
        "DTSTART;VALUE=DATE:09991231",
        "DTEND;VALUE=DATE:10000101",
    )


def test_the_hour_the_clocks_go_back_is_written_in_utc_and_a_gap_as_written() -> None:
    back = event(day=dt.date(2025, 10, 26), start=dt.time(2, 30), duration_minutes=30)
    assert event_content(back, BERLIN)[:2] == (
        "DTSTART:20251026T003000Z",  # the first 02:30, summer time
        "DTEND;TZID=Europe/Berlin:20251026T030000",
    )
    gap = event(day=dt.date(2025, 3, 30), start=dt.time(2, 30), duration_minutes=None)
    assert event_content(gap, BERLIN)[0] == "DTSTART;TZID=Europe/Berlin:20250330T023000"
    # A zone without that hour, and a zone name the writer does not know, say the time as is.
    tokyo = event(day=dt.date(2025, 10, 26), start=dt.time(2, 30), duration_minutes=None)
    assert event_content(tokyo, "Asia/Tokyo")[0] == "DTSTART;TZID=Asia/Tokyo:20251026T023000"
    assert event_content(back, "Nowhere/Zone")[0] == "DTSTART;TZID=Nowhere/Zone:20251026T023000"
    assert event_content(back, "a;b")[0] == "DTSTART;TZID=a;b:20251026T023000"


def test_escape_text_escapes_what_rfc_5545_says() -> None:
    assert escape_text("a\\b;c,d\r\ne\rf\ng\x00") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"


@pytest.mark.parametrize(
    ("alone", "written"),
    [
        ("\\", "\\\\"),
        (";", "\\;"),
        (",", "\\,"),
        ("\n", "\\n"),
        ("\r", "\\n"),
        ("\x00", ""),
        ("\x08", ""),
        ("\x0b", ""),
        ("\x1f", ""),
        ("\x7f", ""),
        ("\ud800", ""),
        ("\udfff\ud800", ""),
        ("\t", "\t"),
        ("ü–€", "ü–€"),
    ],
)
def test_each_character_to_escape_is_escaped_alone(alone: str, written: str) -> None:
    """The writer leaves a text with nothing to escape as it is without looking further: each
    character that needs work must be seen on its own, not only beside another one."""
    assert escape_text(f"a{alone}b") == f"a{written}b"


# --- the calendar ------------------------------------------------------------------------------


def test_the_calendar_without_a_name_or_method_and_with_extra_lines() -> None:
    text = render_calendar(
        [
            stamped(
                event(start=None),
                sequence=2,
                stamp=dt.datetime(
                    2025, 10, 1, 10, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=2))
                ),
            )
        ],
        name=None,
        timezone=BERLIN,
        prodid="-//a,b//X",
        method=None,
        extra={"a@x": ["ORGANIZER:mailto:o@x", "ATTENDEE:mailto:p@x"], "other": ["X:1"]},
    )
    assert lines(text) == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//a\\,b//X",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        "UID:a@x",
        "DTSTAMP:20251001T083005Z",
        "SEQUENCE:2",
        "DTSTART;VALUE=DATE:20251105",
        "DTEND;VALUE=DATE:20251106",
        "STATUS:CONFIRMED",
        "SUMMARY:Treffen",
        "LOCATION:Rathaus",
        "DESCRIPTION:Tagesordnung",
        "ORGANIZER:mailto:o@x",
        "ATTENDEE:mailto:p@x",
        "END:VEVENT",
        "END:VCALENDAR",
    ]


def test_dtstamp_is_written_in_utc_whatever_the_machines_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = dt.datetime(2025, 10, 1, 10, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        text = render_calendar([stamped(event(), stamp=local)], name=None, timezone=BERLIN)
        back = event(day=dt.date(2025, 10, 26), start=dt.time(2, 30), duration_minutes=None)
        fold = event_content(back, BERLIN)[0]
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "DTSTAMP:20251001T083005Z" in lines(text)
    assert fold == "DTSTART:20251026T003000Z"


def test_the_calendar_with_a_name_and_method_and_a_zone_for_the_years_of_timed_events() -> None:
    events = [
        stamped(event(uid="c", day=dt.date(2027, 6, 1))),
        stamped(event(uid="b", day=dt.date(2030, 1, 1), start=None)),  # all-day: no zone needed
        stamped(event(uid="a", day=dt.date(2025, 6, 1))),
    ]
    found = lines(
        render_calendar(events, name="Netz; Süd", timezone=BERLIN, method="REQUEST", extra=None)
    )
    assert found[:7] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//netzwerk//netzwerk-cli//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
        "X-WR-CALNAME:Netz\\; Süd",
        "X-WR-TIMEZONE:Europe/Berlin",
    ]
    starts = [line for line in found if line.startswith("DTSTART:")]
    # From the year before the first timed event to the year after the last: 2024 to 2028.
    assert starts[0] == "DTSTART:20240101T010000"
    assert starts[-1] == "DTSTART:20281029T030000"
    assert [line for line in found if line.startswith("UID:")] == ["UID:a", "UID:c", "UID:b"]
    assert found[-1] == "END:VCALENDAR"
    default = lines(render_calendar(events[:1], name=None, timezone=BERLIN))
    assert "METHOD:PUBLISH" in default and not any(x.startswith("X-WR") for x in default)


def test_the_vtimezone_observances_with_names_and_offsets() -> None:
    zone = ical._vtimezone("Europe/Dublin", 2025, 2025)
    assert zone[:9] == (
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Dublin",
        "BEGIN:STANDARD",
        "DTSTART:20240101T000000",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0000",
        "TZNAME:GMT",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
    )
    assert zone[9:14] == (
        "DTSTART:20240331T010000",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "TZNAME:IST",
        "END:DAYLIGHT",
    )
    assert zone[-1] == "END:VTIMEZONE"
    # A zone whose name is no abbreviation keeps it as zoneinfo gives it (escaped as text).
    assert "TZNAME:+0545" in ical._vtimezone("Asia/Kathmandu", 2025, 2025)


def test_offsets_are_written_with_seconds_only_when_there_are_some() -> None:
    assert ical._offset_text(dt.timedelta()) == "+0000"
    assert ical._offset_text(dt.timedelta(hours=5, minutes=45)) == "+0545"
    assert ical._offset_text(-dt.timedelta(hours=3, minutes=30)) == "-0330"
    assert ical._offset_text(dt.timedelta(minutes=19, seconds=32)) == "+001932"
    assert ical._offset_text(-dt.timedelta(minutes=0, seconds=75)) == "-000115"
    amsterdam = ical._vtimezone("Europe/Amsterdam", 1930, 1930)
    assert "TZOFFSETFROM:+001932" in amsterdam


def test_summer_is_the_observance_with_the_higher_offset() -> None:
    dublin, berlin = ZoneInfo("Europe/Dublin"), ZoneInfo(BERLIN)
    winter, summer = dt.datetime(2025, 1, 15, 12), dt.datetime(2025, 7, 15, 12)
    assert ical._is_summer(summer.replace(tzinfo=dublin), winter.replace(tzinfo=dublin))
    assert not ical._is_summer(winter.replace(tzinfo=dublin), summer.replace(tzinfo=dublin))
    assert ical._is_summer(summer.replace(tzinfo=berlin), winter.replace(tzinfo=berlin))
    assert not ical._is_summer(winter.replace(tzinfo=berlin), summer.replace(tzinfo=berlin))
    assert not ical._is_summer(winter.replace(tzinfo=berlin), winter.replace(tzinfo=berlin))
    utc = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    assert not ical._is_summer(utc, utc)


# --- folding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "start", "end", "opens"),
    [
        (b"a\\", 0, 2, True),  # one backslash before the cut
        (b"a\\\\", 0, 3, False),  # a pair
        (b"\\\\\\", 0, 3, True),  # a pair and one
        (b"\\", 0, 1, True),  # the piece is the backslash
        (b"\\\\", 1, 2, True),  # the one before the piece belongs to the piece before
        (b"ab", 0, 2, False),
        (b"\\a", 0, 2, False),
    ],
)
def test_a_cut_after_an_opening_backslash_is_seen(
    data: bytes, start: int, end: int, opens: bool
) -> None:
    assert ical._opens_escape(data, start, end) is opens


def test_a_fold_never_parts_a_backslash_from_what_it_escapes() -> None:
    # 74 octets, then "\\" "," : the cut after 75 octets would fall between "\" and ",".
    line = "X" * 74 + "\\,tail"
    assert ical._fold(line) == ["X" * 74, " \\,tail"]
    line = "X" * 73 + "\\\\,tail"  # a pair ends at octet 75: the cut stays
    assert ical._fold(line) == ["X" * 73 + "\\\\", " ,tail"]
    assert ical._fold("X" * 75) == ["X" * 75]
    assert ical._fold("Ü" * 37) == ["Ü" * 37]  # 74 octets
    assert ical._fold("Ü" * 38) == ["Ü" * 37, " Ü"]
    long = "Y" * 200
    assert ical._fold(long) == ["Y" * 75, " " + "Y" * 74, " " + "Y" * 51]


@pytest.mark.parametrize(
    ("summary", "physical"),
    [
        ("x" * 67, ["SUMMARY:" + "x" * 67]),  # 75 octets of ASCII: as it is
        ("x" * 68, ["SUMMARY:" + "x" * 67, " x"]),
        ("ü" * 33 + "x", ["SUMMARY:" + "ü" * 33 + "x"]),  # 75 characters, 75 octets
        ("ü" * 34, ["SUMMARY:" + "ü" * 33, " ü"]),  # 42 characters, 76 octets
        ("x" * 66 + "ü", ["SUMMARY:" + "x" * 66, " ü"]),  # 75 characters, 76 octets
        ("Ürsel", ["SUMMARY:Ürsel"]),
    ],
)
def test_the_calendar_folds_exactly_the_lines_over_75_octets(
    summary: str, physical: list[str]
) -> None:
    """`render_calendar` passes short lines without asking `_fold`: a line of at most 75
    characters that is longer than 75 octets must still be folded."""
    text = render_calendar([stamped(event(summary=summary))], name=None, timezone=BERLIN)
    found = text.split("\r\n")
    start = found.index(physical[0])
    assert found[start : start + len(physical)] == physical
    assert found[start + len(physical)].startswith("LOCATION:")


# --- reading a previous file -------------------------------------------------------------------


def test_the_previous_file_is_read_back() -> None:
    text = vevent(*OLD_BODY, "LOCATION:Ort: Rathaus")
    assert previous_events(text) == {
        "a@x": PreviousEvent(
            sequence=3,
            dtstamp=dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.UTC),
            content=(*OLD_BODY, "LOCATION:Ort: Rathaus"),
            summary="Alt, neu",
            day=dt.date(2025, 11, 5),
        )
    }


def test_escapes_are_read_back() -> None:
    text = vevent("DTSTART:20251105T100000", "SUMMARY:a\\nb\\Nc\\,d\\;e\\\\f\\xg\\X")
    assert previous_events(text)["a@x"].summary == "a\nb\nc,d;e\\fxgX"


def test_folded_lines_of_any_ending_are_unfolded() -> None:
    text = vevent("DTSTART:20251105T100000", "SUMMARY:Lang", " er Text", "\tund mehr")
    for ending in ("\r\n", "\n", "\r"):
        previous = previous_events(text.replace("\r\n", ending))
        assert previous["a@x"].summary == "Langer Textund mehr"


def test_names_are_read_in_any_case_and_values_keep_their_colons() -> None:
    text = vevent(
        "dtstart;tzid=Europe/Berlin;x-a=1:20251105T100000",
        "Summary;LANGUAGE=de:Treffen: Beginn",
        uid="urn:uuid:1",
    )
    (uid, old), *_ = previous_events(text).items()
    assert (uid, old.summary, old.day) == ("urn:uuid:1", "Treffen: Beginn", dt.date(2025, 11, 5))


@pytest.mark.parametrize(
    "text",
    [
        vevent(*OLD_BODY, uid=None),
        vevent(*OLD_BODY, uid=""),
        vevent(*OLD_BODY, sequence=None),
        vevent(*OLD_BODY, sequence="x"),
        vevent(*OLD_BODY, sequence="-1"),
        vevent(*OLD_BODY, sequence="1234567890"),
        vevent("SUMMARY:no start", "STATUS:CONFIRMED"),
        vevent("DTSTART:2025", "SUMMARY:short"),
        vevent("DTSTART:20251340", "SUMMARY:no such day"),
        vevent(*OLD_BODY).replace("DTSTAMP:20250101T120000Z", "DTSTAMP:20251340T120000Z"),
        vevent(*OLD_BODY).replace("DTSTAMP:20250101T120000Z", "DTSTAMP:20250101T1200Z"),
        vevent(*OLD_BODY).replace("DTSTAMP:20250101T120000Z", ""),
        vevent(*OLD_BODY).replace("END:VEVENT", "END:VCALENDAR"),
    ],
)
def test_an_event_that_cannot_be_read_is_skipped(text: str) -> None:
    assert previous_events(text) == {}


def test_the_reader_takes_blocks_and_the_first_of_two_uids() -> None:
    first = vevent(*OLD_BODY, sequence="1")
    second = vevent("DTSTART:20260101", "SUMMARY:zweite", sequence="2")
    stray = "END:VEVENT\r\nSUMMARY:outside\r\n"
    unfinished = "BEGIN:VEVENT\r\nUID:b@x\r\n"
    text = stray + unfinished + first + second + "begin:vevent \r\nUID:c@x\r\n"
    found = previous_events(text)
    assert list(found) == ["a@x"]
    assert (found["a@x"].sequence, found["a@x"].summary) == (1, "Alt, neu")
    lower = (
        vevent(*OLD_BODY)
        .replace("BEGIN:VEVENT", "begin:vevent\t")
        .replace("END:VEVENT", "end:vevent ")
    )
    assert list(previous_events(lower)) == ["a@x"]


def test_an_event_without_summary_or_status() -> None:
    text = vevent("DTSTART;VALUE=DATE:20251105")
    old = previous_events(text)["a@x"]
    assert (old.summary, old.content) == ("", ("DTSTART;VALUE=DATE:20251105",))
    # Not cancelled before: cancelling it now is a cancellation.
    cancelled = event(start=None, status=EventStatus.CANCELLED)
    _, changes = stamp_events([cancelled], previous=text, stamp=STAMP)
    assert [c.kind for c in changes] == [ChangeKind.CANCELLED]
    # Removed: its (empty) summary and its day are said.
    _, changes = stamp_events([], previous=text, stamp=STAMP)
    assert changes == [
        EventChange(kind=ChangeKind.REMOVED, uid="a@x", summary="", day=dt.date(2025, 11, 5))
    ]


# --- stamping against the previous file --------------------------------------------------------


def written(*events: CalendarEvent, timezone: str = BERLIN, stamp: dt.datetime = STAMP) -> str:
    settled, _ = stamp_events(list(events), previous=None, stamp=stamp, timezone=timezone)
    return render_calendar(settled, name="N", timezone=timezone)


def test_stamps_are_kept_to_the_second_in_utc() -> None:
    local = dt.datetime(2025, 10, 1, 10, 30, 59, 999999, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    settled, changes = stamp_events([event()], previous=None, stamp=local)
    assert settled[0].dtstamp == dt.datetime(2025, 10, 1, 8, 30, 59, tzinfo=dt.UTC)
    assert settled[0].dtstamp.tzinfo is dt.UTC
    assert changes == [
        EventChange(kind=ChangeKind.ADDED, uid="a@x", summary="Treffen", day=dt.date(2025, 11, 5))
    ]


def test_unchanged_changed_cancelled_and_cancelled_again() -> None:
    before = written(event(), event(uid="b@x", status=EventStatus.CANCELLED))
    later = STAMP + dt.timedelta(days=1)
    same, changes = stamp_events(
        [event(), event(uid="b@x", status=EventStatus.CANCELLED)],
        previous=before,
        stamp=later,
        timezone=BERLIN,
    )
    assert [(s.sequence, s.dtstamp) for s in same] == [(0, STAMP), (0, STAMP)]
    assert changes == []
    moved, changes = stamp_events(
        [
            event(status=EventStatus.CANCELLED),
            event(uid="b@x", status=EventStatus.CANCELLED, summary="neu"),
        ],
        previous=before,
        stamp=later,
        timezone=BERLIN,
    )
    assert [(s.sequence, s.dtstamp) for s in moved] == [(1, later), (1, later)]
    # The first is newly cancelled; the second was cancelled already and only changed.
    assert [(c.kind, c.uid) for c in changes] == [
        (ChangeKind.CANCELLED, "a@x"),
        (ChangeKind.CHANGED, "b@x"),
    ]
    again, _ = stamp_events(
        [event()],
        previous=written(event()).replace("SEQUENCE:0", "SEQUENCE:7"),
        stamp=later,
        timezone=BERLIN,
    )
    assert again[0].sequence == 7
    bumped, _ = stamp_events(
        [event(summary="x")],
        previous=written(event()).replace("SEQUENCE:0", "SEQUENCE:7"),
        stamp=later,
    )
    assert bumped[0].sequence == 8


def test_changes_are_listed_by_day_then_uid_then_kind() -> None:
    before = written(
        event(uid="z", day=dt.date(2025, 1, 1)),
        event(uid="m", day=dt.date(2025, 2, 1)),
    )
    _, changes = stamp_events(
        [event(uid="b", day=dt.date(2025, 2, 1)), event(uid="a", day=dt.date(2025, 3, 1))],
        previous=before,
        stamp=STAMP,
    )
    assert [(c.day.isoformat(), c.uid, c.kind) for c in changes] == [
        ("2025-01-01", "z", ChangeKind.REMOVED),
        ("2025-02-01", "b", ChangeKind.ADDED),
        ("2025-02-01", "m", ChangeKind.REMOVED),
        ("2025-03-01", "a", ChangeKind.ADDED),
    ]
    assert [c.summary for c in changes] == ["Treffen"] * 4


def test_the_zone_counts_only_when_given() -> None:
    before = written(event(), timezone=BERLIN)
    # Without a zone the TZID parameter is left out of the comparison, values are compared.
    kept, _ = stamp_events(
        [event()],
        previous=before.replace("Europe/Berlin:", "Europe/Paris:"),
        stamp=STAMP + dt.timedelta(1),
    )
    assert kept[0].dtstamp == STAMP
    changed, _ = stamp_events(
        [event()],
        previous=before.replace("Europe/Berlin:", "Europe/Paris:"),
        stamp=STAMP + dt.timedelta(1),
        timezone=BERLIN,
    )
    assert changed[0].sequence == 1
    # A value that holds ";TZID=" is still compared.
    text_before = written(event(summary="x;TZID=y:z"))
    kept, _ = stamp_events(
        [event(summary="x;TZID=w:z")], previous=text_before, stamp=STAMP + dt.timedelta(1)
    )
    assert kept[0].sequence == 1
    assert previous._comparable(["DTSTART;TZID=A;X=1:1;TZID=B"], keep_tzid=False) == (
        "DTSTART;X=1:1;TZID=B",
    )
    assert previous._comparable(["DTSTART;TZID=A:1"], keep_tzid=True) == ("DTSTART;TZID=A:1",)


def test_the_stamp_and_day_are_read_to_the_second_and_the_day() -> None:
    text = vevent("DTSTART;VALUE=DATE:20251129", "SUMMARY:x").replace(
        "DTSTAMP:20250101T120000Z", "DTSTAMP:20250131T235958Z"
    )
    old = previous_events(text)["a@x"]
    assert old.dtstamp == dt.datetime(2025, 1, 31, 23, 59, 58, tzinfo=dt.UTC)
    assert old.day == dt.date(2025, 11, 29)
