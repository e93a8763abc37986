"""SEQUENCE lives in one record beside the network file, so every way out agrees and never goes
down: the pure `settle`, and `export` to stdout and to a file over the same record."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from netzwerk_cli.calendar.ical import CalendarEvent, ChangeKind, EventStatus
from netzwerk_cli.calendar.sequence import Stamp, settle
from netzwerk_cli.cli import app
from netzwerk_cli.file.records import CALENDAR, read_stamps, record_path

BERLIN = "Europe/Berlin"
DAY1 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
DAY2 = dt.datetime(2026, 11, 2, tzinfo=dt.UTC)
EVENT = CalendarEvent(
    uid="meeting-1@netzwerk-cli",
    summary="Netzwerk Integration – Wartburgkreis",
    status=EventStatus.CONFIRMED,
    day=dt.date(2027, 4, 7),
    start=dt.time(10, 0),
    duration_minutes=180,
    location="Bad Salzungen",
    description=None,
)


def test_new_unchanged_changed_and_cancelled_events() -> None:
    first = settle([EVENT], {}, stamp=DAY1, timezone=BERLIN)
    assert [(e.sequence, e.dtstamp) for e in first.events] == [(0, DAY1)]
    assert [c.kind for c in first.changes] == [ChangeKind.ADDED]
    again = settle([EVENT], first.stamps, stamp=DAY2, timezone=BERLIN)
    assert [(e.sequence, e.dtstamp) for e in again.events] == [(0, DAY1)]
    assert again.changes == () and not again.changed_record(first.stamps)
    moved = dataclasses.replace(EVENT, day=dt.date(2027, 4, 8))
    later = settle([moved], first.stamps, stamp=DAY2, timezone=BERLIN)
    assert [(e.sequence, e.dtstamp) for e in later.events] == [(1, DAY2)]
    assert [c.kind for c in later.changes] == [ChangeKind.CHANGED]
    cancelled = dataclasses.replace(moved, status=EventStatus.CANCELLED)
    last = settle([cancelled], later.stamps, stamp=DAY2, timezone=BERLIN)
    assert [e.sequence for e in last.events] == [2]
    assert [c.kind for c in last.changes] == [ChangeKind.CANCELLED]


def test_an_event_that_is_gone_keeps_its_count_for_when_it_comes_back() -> None:
    first = settle([EVENT], {}, stamp=DAY1, timezone=BERLIN)
    moved = dataclasses.replace(EVENT, location="Eisenach")
    second = settle([moved], first.stamps, stamp=DAY1, timezone=BERLIN)
    gone = settle([], second.stamps, stamp=DAY2, timezone=BERLIN)
    assert gone.stamps == second.stamps  # kept, not forgotten
    back = settle([EVENT], gone.stamps, stamp=DAY2, timezone=BERLIN)
    assert [e.sequence for e in back.events] == [2]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Eschwege", "Fulda", "Bad Hersfeld", None]), max_size=12))
def test_a_sequence_never_goes_down(venues: list[str | None]) -> None:
    """Whatever the changes, including the event vanishing and coming back."""
    known: dict[str, Stamp] = {}
    seen = -1
    for venue in venues:
        events = [] if venue is None else [dataclasses.replace(EVENT, location=venue)]
        settled = settle(events, known, stamp=DAY1, timezone=BERLIN)
        for event in settled.events:
            assert event.sequence >= seen
            seen = event.sequence
        known = dict(settled.stamps)


# --- through the command line ------------------------------------------------------------------

PLANNED = """
[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"
uid = "m3@example"
"""


def sequences(text: str) -> dict[str, int]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(e["UID"]): int(e["SEQUENCE"]) for e in calendar.walk("VEVENT")}


def export(runner: CliRunner, path: Path, *args: str) -> str:
    result = runner.invoke(app, ["export", "-f", str(path), "--today", "2026-11-24", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_stdout_and_file_exports_agree_on_every_sequence(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_network(PLANNED)
    out = tmp_path / "n.ics"
    assert sequences(export(runner, path))["m3@example"] == 0
    path.write_text(path.read_text().replace("2027-04-07T10:00", "2027-04-08T10:00"))
    export(runner, path, "--output", str(out))
    assert sequences(out.read_text())["m3@example"] == 1
    assert sequences(export(runner, path)) == sequences(out.read_text())
    record = record_path(path, CALENDAR)
    assert record.name == ".network.toml.calendar"
    assert record.read_text().startswith("# netzwerk's calendar record for network.toml")
    assert read_stamps(record)["m3@example"].sequence == 1


def test_an_earlier_output_file_seeds_the_record(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path
) -> None:
    """A file written by a release without the record: its SEQUENCE goes on, never back to 0."""
    path = write_network(PLANNED)
    out = tmp_path / "n.ics"
    export(runner, path, "--output", str(out))
    old = out.read_text().replace("SEQUENCE:0", "SEQUENCE:3")
    out.write_text(old, newline="")
    record_path(path, CALENDAR).unlink()
    export(runner, path, "--output", str(out))
    assert sequences(out.read_text())["m3@example"] == 3  # unchanged: kept
    path.write_text(path.read_text().replace("2027-04-07T10:00", "2027-04-09T10:00"))
    export(runner, path, "--output", str(out))
    assert sequences(out.read_text())["m3@example"] == 4


def test_a_damaged_record_is_an_error_not_a_new_start(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(PLANNED)
    record = record_path(path, CALENDAR)
    record.write_text("[events.x]\nsequence = -1\n")
    result = runner.invoke(app, ["export", "-f", str(path), "--today", "2026-11-24"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"netzwerk: {record}: the record is damaged (the entry of 'x'")
    record.write_text("not toml [")
    result = runner.invoke(app, ["export", "-f", str(path), "--today", "2026-11-24"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert "the record is damaged" in result.stderr
    assert record.read_text() == "not toml ["


UIDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x7f"),
    min_size=1,
    max_size=30,
).filter(lambda uid: not any(ord(c) < 0x20 for c in uid))
STAMPS = st.builds(
    Stamp,
    st.integers(min_value=0, max_value=10**9),
    st.datetimes(
        min_value=dt.datetime(1, 1, 1),
        max_value=dt.datetime(9999, 12, 31),
        timezones=st.just(dt.UTC),
    ).map(lambda moment: moment.replace(microsecond=0)),
    st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    st.booleans(),
)


@settings(max_examples=100, deadline=None)
@given(stamps=st.dictionaries(UIDS, STAMPS, max_size=6))
def test_the_quick_reader_reads_what_tomllib_reads(
    tmp_path_factory: pytest.TempPathFactory, stamps: dict[str, Stamp]
) -> None:
    """The calendar record as written: read quickly or by tomllib, the same stamps."""
    import tomllib

    from netzwerk_cli.file.records import _quick_stamps, _stamps_of, write_stamps

    path = tmp_path_factory.mktemp("record") / ".network.toml.calendar"
    write_stamps(path, stamps, network_name="network.toml")
    assert read_stamps(path) == stamps
    text = path.read_text(encoding="utf-8")
    quick = _quick_stamps(text)
    assert quick is None or quick == _stamps_of(path, tomllib.loads(text))
    if stamps and all(
        uid.isascii() and uid.isprintable() and not set(uid) & {'"', "\\"} for uid in stamps
    ):
        assert quick is not None  # the form netzwerk writes is the quick one (no escapes)


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (lambda text: text + text[text.index("[events") :], "damaged"),  # a table twice
        (lambda text: text.replace("2026-11-24", "2026-02-30"), "damaged"),  # no such day
        (lambda text: text.replace("sequence = 0", "sequence = -1"), "wrong value"),
        (lambda text: text.replace("cancelled = false\n", ""), None),  # an older record
        (lambda text: text.replace("\n\n[events", "\n# edited\n[events", 1), None),
    ],
)
def test_a_record_not_as_written_is_left_to_tomllib(
    tmp_path: Path, edit: Callable[[str], str], error: str | None
) -> None:
    from netzwerk_cli.errors import NetzwerkError
    from netzwerk_cli.file.records import write_stamps

    stamp = Stamp(0, dt.datetime(2026, 11, 24, tzinfo=dt.UTC), "a" * 64)
    path = tmp_path / ".network.toml.calendar"
    write_stamps(path, {"m1@example": stamp, "m2@example": stamp}, network_name="network.toml")
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    if error is None:
        assert read_stamps(path) == {"m1@example": stamp, "m2@example": stamp}
    else:
        with pytest.raises(NetzwerkError, match=error):
            read_stamps(path)
