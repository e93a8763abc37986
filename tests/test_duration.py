"""How long a meeting lasts: every timed event has an end (the network's `duration_minutes`, else
two hours; or a meeting's own), in the file, the export and `plan --duration`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.errors import NetworkFileError
from netzwerk_cli.model import DEFAULT_DURATION_MINUTES

from .conftest import BUNDLED, make_network
from .test_edit_support import assert_untouched, run, snapshot

PLANNED = '[[meetings]]\ndate = 2027-04-07T10:00:00\nhost = "ESW"\nstatus = "planned"\n'
BERLIN = dt.timezone(dt.timedelta(hours=2))  # summer time, as on 7 April 2027


def ends(runner: CliRunner, path: Path) -> dict[str, dt.datetime | None]:
    """DTEND of each exported event with a time, by its start (None: no DTEND, no DURATION)."""
    result = runner.invoke(app, ["export", "-f", str(path), "--today", "2026-11-24"])
    assert result.exit_code == 0, result.output
    found: dict[str, dt.datetime | None] = {}
    for event in icalendar.Calendar.from_ical(result.stdout).walk("VEVENT"):
        start = event.decoded("DTSTART")
        if isinstance(start, dt.datetime):
            assert "DURATION" not in event
            found[start.isoformat()] = event.decoded("DTEND") if "DTEND" in event else None
    return found


def test_the_default_is_two_hours() -> None:
    assert DEFAULT_DURATION_MINUTES == 120
    network = make_network(PLANNED)
    assert network.duration_minutes == 120
    assert network.duration_of(network.meetings[0]) == 120


def test_a_timed_meeting_without_any_duration_ends_two_hours_later(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(PLANNED)
    assert ends(runner, path) == {
        "2027-04-07T10:00:00+02:00": dt.datetime(2027, 4, 7, 12, tzinfo=BERLIN)
    }


def test_the_networks_duration_and_a_meetings_own(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    own = PLANNED.replace("2027-04-07", "2027-04-14") + "duration_minutes = 45\n"
    path = write_network(PLANNED + "\n" + own, header="duration_minutes = 180\n")
    assert ends(runner, path) == {
        "2027-04-07T10:00:00+02:00": dt.datetime(2027, 4, 7, 13, tzinfo=BERLIN),
        "2027-04-14T10:00:00+02:00": dt.datetime(2027, 4, 14, 10, 45, tzinfo=BERLIN),
    }


def test_the_cadences_proposed_dates_have_the_networks_duration(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(
        header='cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\nstart = 09:30:00\n'
    )
    found = ends(runner, path)
    assert len(found) == 4
    for start, end in found.items():
        assert end is not None
        assert end - dt.datetime.fromisoformat(start) == dt.timedelta(hours=2)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "duration_minutes = 0",
            "meetings[1] (2027-04-07): duration_minutes must be between 1 and 1440, got 0",
        ),
        (
            "duration_minutes = 1441",
            "meetings[1] (2027-04-07): duration_minutes must be between 1 and 1440, got 1441",
        ),
        (
            'duration_minutes = "90"',
            "meetings[1] (2027-04-07): duration_minutes must be a whole number, got text ('90')",
        ),
        (
            "duration = 90",
            'meetings[1] (2027-04-07): unknown key "duration" (a typo for "duration_minutes"?)',
        ),
    ],
)
def test_a_meetings_duration_is_checked_with_its_place(line: str, problem: str) -> None:
    with pytest.raises(NetworkFileError) as raised:
        make_network(PLANNED + line + "\n")
    text = str(raised.value)
    assert problem in text, text


def test_the_bundled_file_sets_the_default() -> None:
    assert "\nduration_minutes = 120 " in BUNDLED.read_text(encoding="utf-8")


def test_plan_duration_sets_the_planned_meetings_own_length(
    runner: CliRunner, network_file: Path
) -> None:
    """The bundled file's planned meeting has no date: --duration alone does not give it one."""
    before = network_file.read_text(encoding="utf-8")
    result = run(runner, network_file, "plan", "--duration", "90")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Re-planned the meeting hosted by ESW (Werra-Meißner-Kreis): length 90 minutes (was 120).\n"
    )
    assert network_file.read_text(encoding="utf-8") == before.replace(
        'title = "3. Treffen"\n', 'title = "3. Treffen"\nduration_minutes = 90\n'
    )
    again = run(runner, network_file, "plan", "2027-04-07", "--time", "10:00")
    assert again.exit_code == 0, again.output
    exported = ends(runner, network_file)
    assert exported == {"2027-04-07T10:00:00+02:00": dt.datetime(2027, 4, 7, 11, 30, tzinfo=BERLIN)}
    same = run(runner, network_file, "plan", "--duration", "90")
    assert same.exit_code == 1
    assert "nothing to change" in same.stderr


def test_plan_duration_on_a_new_meeting(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network()
    result = run(runner, path, "plan", "2027-04-07", "--time", "10:00", "--duration", "240")
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(" Length: 240 minutes.\n")
    assert "date = 2027-04-07 10:00:00\n" in path.read_text(encoding="utf-8")
    assert "duration_minutes = 240\n" in path.read_text(encoding="utf-8")
    assert ends(runner, path) == {
        "2027-04-07T10:00:00+02:00": dt.datetime(2027, 4, 7, 14, tzinfo=BERLIN)
    }


def test_plan_duration_in_german(runner: CliRunner, network_file: Path) -> None:
    result = run(runner, network_file, "plan", "--duration", "90", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Das Treffen mit Gastgeber ESW (Werra-Meißner-Kreis) wurde neu geplant: "
        "Dauer 90 Minuten (bisher: 120).\n"
    )


@pytest.mark.parametrize("value", ["0", "1441", "zwei", "-5"])
def test_plan_refuses_a_duration_out_of_range(
    runner: CliRunner, network_file: Path, value: str
) -> None:
    before = snapshot(network_file)
    result = run(runner, network_file, "plan", "--duration", value)
    assert result.exit_code == 2
    assert "--duration" in result.stderr
    assert_untouched(network_file, before)
