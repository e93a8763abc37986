"""`netzwerk export` as a user and cron run it: content, stability, and safe writing."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app

TIMED = (
    'cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\nstart = 10:00:00\nduration_minutes = 180\n'
)
HISTORY = """
[[meetings]]
date = "2024-04"
host = "HEF"
title = "1. Treffen"

[[meetings]]
date = 2024-11-06
host = "WAK"
title = "2. Treffen"

[[meetings]]
date = 2025-04-02
host = "ESW"
status = "cancelled"

[[meetings]]
date = 2025-04-09T14:30:00
host = "ESW"
status = "planned"
description = "Raum 1.07\\nBEGIN:VEVENT\\nSUMMARY:injected"
"""


def export(
    runner: CliRunner, path: Path, *args: str, today: str = "2025-01-15"
) -> tuple[int, str, str]:
    result = runner.invoke(app, ["export", "-f", str(path), "--today", today, *args])
    return result.exit_code, result.stdout, result.stderr


def events_of(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {
        str(e["SUMMARY"]) + " " + e.decoded("DTSTART").isoformat(): e
        for e in calendar.walk("VEVENT")
    }


def test_export_content(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network(HISTORY, header=TIMED)
    code, out, err = export(runner, path, "--count", "3")
    assert code == 0
    calendar = icalendar.Calendar.from_ical(out)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Netzwerk Integration"
    assert calendar["PRODID"]
    assert len(calendar.walk("VTIMEZONE")) == 1
    by_day = {e.decoded("DTSTART").isoformat()[:10]: e for e in calendar.walk("VEVENT")}
    # 2024-04 has no day: left out, and said on stderr.
    assert sorted(by_day) == ["2024-11-06", "2025-04-02", "2025-04-09", "2025-11-05", "2026-04-01"]
    assert err == "Left out 1 meeting without a known day: April 2024.\n"
    statuses = {day: str(e["STATUS"]) for day, e in by_day.items()}
    assert statuses == {
        "2024-11-06": "CONFIRMED",
        "2025-04-02": "CANCELLED",
        "2025-04-09": "CONFIRMED",
        "2025-11-05": "TENTATIVE",
        "2026-04-01": "TENTATIVE",
    }
    planned = by_day["2025-04-09"]
    assert str(planned["SUMMARY"]) == "Netzwerk Integration – Werra-Meißner-Kreis"
    assert str(planned["LOCATION"]) == "Eschwege"
    # 2025-04-09 lies in the Easter holidays of Hesse and Thuringia (the `holidays` package's data).
    assert str(planned["DESCRIPTION"]) == (
        "Raum 1.07\nBEGIN:VEVENT\nSUMMARY:injected\n\n"
        "In the school holidays: Easter/Spring Break (HE, TH)."
    )
    assert "DTSTART;TZID=Europe/Berlin:20250409T143000" in out
    assert planned.decoded("DTSTART") == dt.datetime(2025, 4, 9, 12, 30, tzinfo=dt.UTC)
    assert planned.decoded("DTEND") - planned.decoded("DTSTART") == dt.timedelta(minutes=180)
    for event in calendar.walk("VEVENT"):
        assert event["UID"] and event["DTSTAMP"] and event["DTSTART"]
        assert "SEQUENCE" in event
        assert event.decoded("DTSTAMP") == dt.datetime(2025, 1, 15, tzinfo=dt.UTC)


def test_all_day_events_without_a_time(runner: CliRunner, network_file: Path) -> None:
    result = runner.invoke(app, ["export", "-f", str(network_file), "--today", "2026-11-24"])
    assert result.exit_code == 0
    out = result.stdout_bytes.decode("utf-8")
    assert "DTSTART;VALUE=DATE:20241106\r\nDTEND;VALUE=DATE:20241107\r\n" in out
    assert "VTIMEZONE" not in out


def test_strict_format(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network(HISTORY, header=TIMED)
    result = runner.invoke(app, ["export", "-f", str(path), "--today", "2025-01-15"])
    data = result.stdout_bytes
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")


def test_reruns_are_byte_identical(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network(HISTORY, header=TIMED)
    first = runner.invoke(app, ["export", "-f", str(path), "--today", "2025-01-15"]).stdout_bytes
    second = runner.invoke(app, ["export", "-f", str(path), "--today", "2025-01-15"]).stdout_bytes
    assert first == second


def test_output_is_quiet_atomic_and_untouched_when_unchanged(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_network(HISTORY, header=TIMED)
    folder = tmp_path / "public"
    folder.mkdir()
    target = folder / "netzwerk.ics"
    code, out, _ = export(runner, path, "--output", str(target))
    assert (code, out) == (0, "")
    before = target.read_bytes()
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    code, out, err = export(runner, path, "--output", str(target))
    assert (code, out, err) == (0, "", "")  # unchanged: quiet for cron, not even the left-out note
    assert target.stat().st_mtime_ns == 1_000_000_000
    assert target.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["netzwerk.ics"]


def test_the_record_is_untouched_by_an_identical_export(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path
) -> None:
    """The calendar record beside the file is written only when an entry in it changes: a
    nightly export of an unchanged plan neither rewrites nor replaces it (inode and mtime)."""
    from netzwerk_cli.file.records import CALENDAR, record_path

    path = write_network(HISTORY, header=TIMED)
    target = tmp_path / "n.ics"
    assert export(runner, path, "--output", str(target))[0] == 0
    record = record_path(path, CALENDAR)
    os.utime(record, ns=(1_000_000_000, 1_000_000_000))
    before = record.stat()
    for args in (("--output", str(target)), ()):  # to the file, then to stdout
        assert export(runner, path, *args)[0] == 0
        after = record.stat()
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, 1_000_000_000)
    path.write_text(path.read_text().replace("2025-04-09T14:30", "2025-04-10T14:30"))
    assert export(runner, path)[0] == 0  # a change is recorded
    assert record.stat().st_mtime_ns != 1_000_000_000


def test_unchanged_events_keep_their_stamp_on_a_later_day(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_network(HISTORY, header=TIMED)
    target = tmp_path / "n.ics"
    export(runner, path, "--output", str(target), today="2025-01-15")
    before = target.read_bytes()
    export(runner, path, "--output", str(target), today="2025-02-20")
    assert target.read_bytes() == before


def test_a_moved_meeting_keeps_its_uid_and_its_sequence_rises(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_network(HISTORY, header=TIMED)
    target = tmp_path / "n.ics"
    assert export(runner, path, "--output", str(target))[0] == 0
    old = {
        str(e["UID"]): e for e in icalendar.Calendar.from_ical(target.read_text()).walk("VEVENT")
    }
    path.write_text(
        path.read_text().replace("2025-04-09T14:30:00", "2025-04-16T14:30:00"), encoding="utf-8"
    )
    code, out, err = export(runner, path, "--output", str(target), "--verbose", today="2025-01-20")
    assert (code, out) == (0, "")
    assert "changed: 2025-04-16 Netzwerk Integration – Werra-Meißner-Kreis" in err
    new = {
        str(e["UID"]): e for e in icalendar.Calendar.from_ical(target.read_text()).walk("VEVENT")
    }
    assert set(new) == set(old)
    moved = [uid for uid in new if new[uid].decoded("DTSTART") != old[uid].decoded("DTSTART")]
    assert len(moved) == 1
    (uid,) = moved
    assert (int(old[uid]["SEQUENCE"]), int(new[uid]["SEQUENCE"])) == (0, 1)
    assert new[uid].decoded("DTSTAMP") == dt.datetime(2025, 1, 20, tzinfo=dt.UTC)
    unchanged = [u for u in new if u != uid]
    for other in unchanged:
        assert int(new[other]["SEQUENCE"]) == 0
        assert new[other].decoded("DTSTAMP") == dt.datetime(2025, 1, 15, tzinfo=dt.UTC)


def test_uids_come_from_the_file_even_without_an_earlier_output(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(HISTORY, header=TIMED)
    uids_before = [
        str(e["UID"]) for e in icalendar.Calendar.from_ical(export(runner, path)[1]).walk("VEVENT")
    ]
    path.write_text(path.read_text().replace("2024-11-06", "2024-11-13"), encoding="utf-8")
    uids_after = [
        str(e["UID"]) for e in icalendar.Calendar.from_ical(export(runner, path)[1]).walk("VEVENT")
    ]
    assert sorted(uids_before) == sorted(uids_after)


def test_cancelling_keeps_the_uid_and_marks_it_cancelled(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_network(HISTORY, header=TIMED)
    target = tmp_path / "n.ics"
    export(runner, path, "--output", str(target))
    path.write_text(
        path.read_text().replace('status = "planned"', 'status = "cancelled"'), encoding="utf-8"
    )
    _, _, err = export(runner, path, "--output", str(target), "--verbose")
    assert "cancelled: 2025-04-09 Netzwerk Integration – Werra-Meißner-Kreis" in err


def test_no_past(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network(HISTORY, header=TIMED)
    _, out, _ = export(runner, path, "--no-past", "--count", "2")
    days = sorted(
        e.decoded("DTSTART").isoformat()[:10]
        for e in icalendar.Calendar.from_ical(out).walk("VEVENT")
    )
    assert days == ["2025-04-02", "2025-04-09", "2025-11-05"]


def test_output_folder_missing_or_not_a_folder(
    runner: CliRunner, network_file: Path, tmp_path: Path
) -> None:
    # A missing folder is created, as every folder netzwerk writes into; never its parents.
    deeper = tmp_path / "missing" / "deeper"
    code, out, err = export(runner, network_file, "--output", str(deeper / "n.ics"))
    assert (code, out) == (1, "")
    assert err == (
        f"netzwerk: {deeper}: the folder {tmp_path / 'missing'} does not exist; "
        "create it first, or name another\n"
    )
    assert not (tmp_path / "missing").exists()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = export(runner, network_file, "--output", str(blocker / "n.ics"))
    assert code == 1
    assert err == f"netzwerk: {blocker / 'n.ics'}: {blocker} is not a folder\n"
    code, _, err = export(runner, network_file, "--output", str(tmp_path))
    assert code == 1
    assert err == f"netzwerk: {tmp_path}: is a folder; give a file name for --output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "network.toml"]
    code, _, err = export(runner, network_file, "--output", str(tmp_path / "new" / "n.ics"))
    assert code == 0, err
    assert (tmp_path / "new" / "n.ics").read_text().startswith("BEGIN:VCALENDAR")


def test_a_failed_write_leaves_the_old_file_and_nothing_else(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path, monkeypatch: object
) -> None:
    import pytest

    path = write_network(HISTORY, header=TIMED)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "n.ics"
    assert export(runner, path)[0] == 0  # the calendar record is current: only n.ics is written
    target.write_bytes(b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", broken_fsync)
        code, _, err = export(runner, path, "--output", str(target))
    assert code == 1
    assert err == f"netzwerk: {target}: cannot write: No space left on device\n"
    assert target.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["n.ics"]


def test_a_foreign_or_damaged_earlier_file_is_replaced(
    runner: CliRunner, network_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "n.ics"
    target.write_bytes(b"\xff\xfe not a calendar")
    code, out, _ = export(runner, network_file, "--output", str(target))
    assert (code, out) == (0, "")
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_a_folder_that_cannot_be_written(
    runner: CliRunner, network_file: Path, tmp_path: Path, monkeypatch: object
) -> None:
    # Tests run as root here, where chmod does not stop a write: make the temporary file fail.
    import tempfile

    import pytest

    folder = tmp_path / "readonly"
    folder.mkdir()
    assert export(runner, network_file)[0] == 0  # the calendar record is current

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "mkstemp", refuse)
        code, out, err = export(runner, network_file, "--output", str(folder / "n.ics"))
    assert (code, out) == (1, "")
    assert err == f"netzwerk: {folder / 'n.ics'}: cannot write in {folder}: Permission denied\n"
    assert list(folder.iterdir()) == []


VERBOSE = {
    "en": [
        "added: 2024-11-06 Netzwerk Integration – Wartburgkreis",
        "added: 2025-04-02 Netzwerk Integration – Werra-Meißner-Kreis",
        "added: 2025-04-09 Netzwerk Integration – Werra-Meißner-Kreis",
        "added: 2025-11-05 Netzwerk Integration – Landkreis Fulda",
        "added: 2026-04-01 Netzwerk Integration – Landkreis Hersfeld-Rotenburg",
        "added: 2026-11-04 Netzwerk Integration – Wartburgkreis",
    ],
    "de": [
        "hinzugefügt: 06.11.2024 Netzwerk Integration – Wartburgkreis",
        "hinzugefügt: 02.04.2025 Netzwerk Integration – Werra-Meißner-Kreis",
        "hinzugefügt: 09.04.2025 Netzwerk Integration – Werra-Meißner-Kreis",
        "hinzugefügt: 05.11.2025 Netzwerk Integration – Landkreis Fulda",
        "hinzugefügt: 01.04.2026 Netzwerk Integration – Landkreis Hersfeld-Rotenburg",
        "hinzugefügt: 04.11.2026 Netzwerk Integration – Wartburgkreis",
    ],
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_verbose_lists_every_event_a_new_file_gets_though_another_channel_gave_it_out(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path, lang: str
) -> None:
    path = write_network(HISTORY, header=TIMED)
    # The record knows every event already (as after `publish` or `invite`).
    assert export(runner, path, "--output", str(tmp_path / "first.ics"))[0] == 0
    code, _, err = export(
        runner, path, "--output", str(tmp_path / "new.ics"), "--verbose", "--lang", lang
    )
    assert code == 0
    assert err.splitlines()[1:] == VERBOSE[lang]  # after the left-out meeting's line
    # On stdout, too, every event is added to what the reader gets.
    code, _, err = export(runner, path, "--verbose", "--lang", lang)
    assert err.splitlines()[1:] == VERBOSE[lang]


def test_verbose_says_each_change_against_the_file_it_replaces_one_line_each(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_network(HISTORY, header=TIMED)
    target = tmp_path / "n.ics"
    assert export(runner, path, "--output", str(target))[0] == 0
    text = path.read_text("utf-8")
    text = text.replace('title = "2. Treffen"', 'title = "2. Treffen"\nvenue = "Eisenach"')
    text = text.replace('host = "ESW"\nstatus = "planned"', 'host = "ESW"\nstatus = "cancelled"')
    path.write_text(text + '\n[[meetings]]\ndate = 2024-12-04\nhost = "FD"\n', "utf-8")
    code, _, err = export(runner, path, "--output", str(target), "--verbose", "--lang", "de")
    assert code == 0
    assert err.splitlines()[1:] == [
        "geändert: 06.11.2024 Netzwerk Integration – Wartburgkreis",
        "hinzugefügt: 04.12.2024 Netzwerk Integration – Landkreis Fulda",
        "abgesagt: 09.04.2025 Netzwerk Integration – Werra-Meißner-Kreis",
        "geändert: 05.11.2025 Netzwerk Integration – Werra-Meißner-Kreis",
        "hinzugefügt: 07.04.2027 Netzwerk Integration – Werra-Meißner-Kreis",
    ]
    # Unchanged: no event line; the left-out meeting is said only when the file is written.
    assert export(runner, path, "--output", str(target), "--verbose", "--lang", "de")[2] == (
        f"{target} ist aktuell und wurde nicht neu geschrieben.\n"
    )
    path.write_text(text, "utf-8")  # the meeting of 2024-12-04 is gone again
    code, _, err = export(runner, path, "--output", str(target), "--verbose", "--lang", "de")
    assert "entfernt: 04.12.2024 Netzwerk Integration – Landkreis Fulda" in err.splitlines()


def test_no_past_says_nothing_of_a_month_that_is_over(
    runner: CliRunner, network_file: Path
) -> None:
    """The bundled file's first meeting is known by its month only (April 2024): a plain export
    says it left it out; under --no-past it is past like the other past meetings, and unsaid."""
    code, _, err = export(runner, network_file, "--count", "2", today="2026-11-24")
    assert code == 0
    assert err == "Left out 1 meeting without a known day: April 2024.\n"
    code, out, err = export(runner, network_file, "--no-past", "--count", "2", today="2026-11-24")
    assert (code, err) == (0, "")
    assert "DTSTART" in out
