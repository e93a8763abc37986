"""The rendered calendar against the real khal: printics, import into a vdir, list.

khal runs with HOME and the XDG folders inside tmp_path, so it never touches the user's files.
It is a test dependency, so a missing khal fails these tests rather than skipping them.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from netzwerk_cli.calendar.ical import CalendarEvent, EventStatus, render_calendar
from netzwerk_cli.calendar.previous import stamp_events

KHAL = Path(sys.executable).parent / "khal"
CALENDAR = "netzwerk"
LONG_SUMMARY = (
    "Netzwerktreffen zweier Bezirke Treptow-Köpenick und Tempelhof-Schöneberg: Große Straße, "
    "Übergabe der Gastgeberschaft, herzliche Grüße aus Marzahn-Hellersdorf"
)
SUMMARIES = {
    "timed@netzwerk.example": "Netzwerktreffen in Köpenick",
    "all-day@netzwerk.example": "Tag der offenen Tür",
    "cancelled@netzwerk.example": "Sommerfest; abgesagt",
    "german@netzwerk.example": LONG_SUMMARY,
}


def event(uid: str, day: dt.date, **changes: object) -> CalendarEvent:
    fields: dict[str, object] = {
        "uid": uid,
        "summary": SUMMARIES[uid],
        "status": EventStatus.CONFIRMED,
        "day": day,
        "start": dt.time(10),
        "duration_minutes": 90,
        "location": "Rathaus, Saal 1",
        "description": "Tagesordnung:\nBegrüßung\nBEGIN:VEVENT",
    }
    fields.update(changes)
    return CalendarEvent(**fields)  # type: ignore[arg-type]


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    events = [
        event("timed@netzwerk.example", dt.date(2025, 11, 5)),
        event("all-day@netzwerk.example", dt.date(2025, 12, 6), start=None),
        event("cancelled@netzwerk.example", dt.date(2026, 7, 2), status=EventStatus.CANCELLED),
        event("german@netzwerk.example", dt.date(2026, 3, 4), start=dt.time(18, 30)),
    ]
    stamp = dt.datetime(2025, 10, 1, 8, 0, tzinfo=dt.UTC)
    stamped, _ = stamp_events(events, previous=None, stamp=stamp, timezone="Europe/Berlin")
    text = render_calendar(stamped, name="Netzwerk Süd", timezone="Europe/Berlin")
    path = tmp_path / "netzwerk.ics"
    path.write_bytes(text.encode())
    return path


@pytest.fixture
def vdir(tmp_path: Path) -> Path:
    path = tmp_path / "vdir" / CALENDAR
    path.mkdir(parents=True)
    return path


@pytest.fixture
def khal(tmp_path: Path, vdir: Path) -> list[str]:
    """The khal command line with a throwaway configuration."""
    config = tmp_path / "khal.conf"
    config.write_text(
        "[calendars]\n"
        f"[[{CALENDAR}]]\n"
        f"path = {vdir}\n"
        "[sqlite]\n"
        f"path = {tmp_path / 'khal.db'}\n"
        "[locale]\n"
        "timeformat = %H:%M\n"
        "dateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = Europe/Berlin\n"
        "default_timezone = Europe/Berlin\n"
        "[default]\n"
        f"default_calendar = {CALENDAR}\n",
        encoding="utf-8",
    )
    return [str(KHAL), "-c", str(config)]


def run(command: list[str], tmp_path: Path) -> str:
    """Run khal isolated from the user's home; check it succeeded quietly; return stdout."""
    folders = {name: tmp_path / name.lower() for name in ("HOME", "XDG_CONFIG_HOME")}
    folders |= {name: tmp_path / name.lower() for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME")}
    for folder in folders.values():
        folder.mkdir(exist_ok=True)
    env = {name: str(folder) for name, folder in folders.items()}
    env |= {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    env |= {"PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8", "TZ": "Europe/Berlin"}
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower(), result.stderr
    assert "traceback" not in result.stderr.lower(), result.stderr
    return result.stdout


def test_khal_is_installed() -> None:
    assert KHAL.is_file(), f"khal is a test dependency, expected at {KHAL}"


def test_printics_lists_every_event(khal: list[str], calendar_file: Path, tmp_path: Path) -> None:
    output = run([*khal, "printics", str(calendar_file)], tmp_path)
    assert "4 events found" in output
    for summary in SUMMARIES.values():
        assert summary in output
    assert "2025-11-05 10:00-2025-11-05 11:30 Netzwerktreffen in Köpenick" in output
    assert "CANCELLED" in output


def test_import_writes_one_file_per_event_and_lists_them(
    khal: list[str], calendar_file: Path, vdir: Path, tmp_path: Path
) -> None:
    run([*khal, "import", "--batch", "-a", CALENDAR, str(calendar_file)], tmp_path)
    files = sorted(vdir.glob("*.ics"))
    assert len(files) == len(SUMMARIES)
    imported = {}
    for path in files:
        (vevent,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        imported[str(vevent["UID"])] = str(vevent["SUMMARY"])
    assert imported == SUMMARIES

    listing = run([*khal, "list", "2025-01-01", "2027-01-01"], tmp_path)
    for summary in SUMMARIES.values():
        assert summary in listing
    assert "10:00-11:30 Netzwerktreffen in Köpenick" in listing
    assert "18:30-20:00 Netzwerktreffen zweier Bezirke" in listing
    assert "CANCELLED" in listing


def test_khal_imports_what_netzwerk_export_writes(
    khal: list[str], vdir: Path, tmp_path: Path
) -> None:
    """The whole command, on the bundled network with a start time: khal takes every event."""
    from typer.testing import CliRunner

    from netzwerk_cli.cli import app

    from .conftest import BUNDLED

    network = tmp_path / "network.toml"
    network.write_text(
        BUNDLED.read_text(encoding="utf-8")
        .replace("# start = 10:00:00", "start = 10:00:00")
        .replace("duration_minutes = 120 ", "duration_minutes = 180 "),
        encoding="utf-8",
    )
    target = tmp_path / "export.ics"
    result = CliRunner().invoke(
        app, ["export", "-f", str(network), "--today", "2024-11-24", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 5  # 6 November 2024 and four coming meetings (April 2024 has no day)
    assert "5 events found" in run([*khal, "printics", str(target)], tmp_path)
    run([*khal, "import", "--batch", "-a", CALENDAR, str(target)], tmp_path)
    assert len(list(vdir.glob("*.ics"))) == 5
    listing = run([*khal, "list", "2025-04-01", "2025-04-03"], tmp_path)
    assert "10:00-13:00 Netzwerk Integration – Werra-Meißner-Kreis" in listing


@pytest.mark.parametrize(
    ("timezone", "day", "utc"),
    [
        ("Europe/Berlin", dt.date(1947, 5, 20), "07:00"),  # double summer time, UTC+3
        ("Europe/Berlin", dt.date(1947, 12, 3), "09:00"),
        ("Europe/Dublin", dt.date(2025, 1, 15), "10:00"),  # winter: negative DST in zoneinfo
        ("Europe/Dublin", dt.date(2025, 7, 15), "09:00"),
        ("Africa/Casablanca", dt.date(2025, 3, 10), "10:00"),  # Ramadan: clocks back to UTC+0
        ("Africa/Casablanca", dt.date(2025, 5, 10), "09:00"),
    ],
)
def test_khal_reads_irregular_zones_as_zoneinfo_does(
    tmp_path: Path, timezone: str, day: dt.date, utc: str
) -> None:
    """A meeting at 10:00 local time, shown by khal in UTC: the instant zoneinfo gives it."""
    expected = dt.datetime.combine(day, dt.time(10), ZoneInfo(timezone)).astimezone(dt.UTC)
    assert f"{expected:%H:%M}" == utc
    events = [
        event("timed@netzwerk.example", dt.date(1900, 1, 10)),  # spans the years between
        event("german@netzwerk.example", day, start=dt.time(10)),
    ]
    stamp = dt.datetime(2025, 10, 1, 8, 0, tzinfo=dt.UTC)
    stamped, _ = stamp_events(events, previous=None, stamp=stamp, timezone=timezone)
    calendar_file = tmp_path / "zone.ics"
    calendar_file.write_bytes(render_calendar(stamped, name="Z", timezone=timezone).encode())
    config = tmp_path / "khal-utc.conf"
    vdir = tmp_path / "vdir-utc"
    vdir.mkdir()
    config.write_text(
        f"[calendars]\n[[z]]\npath = {vdir}\n[sqlite]\npath = {tmp_path / 'utc.db'}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = UTC\ndefault_timezone = UTC\n",
        encoding="utf-8",
    )
    output = run([str(KHAL), "-c", str(config), "printics", str(calendar_file)], tmp_path)
    assert f"{day:%Y-%m-%d} {utc}-" in output, output
