"""Hostile files and broken outputs: nothing from a file reaches a terminal or a spreadsheet as a
command, no file is read without bound, output that cannot be written ends cleanly, and local
times are what they say."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.errors import NetworkFileError
from netzwerk_cli.file.store import MAX_FILE_BYTES, parse_network, read_text

from .conftest import BUNDLED, TODAY, network_text
from .test_edit_support import assert_untouched, snapshot
from .test_ical_khal import khal, run, vdir  # noqa: F401 - fixtures and khal's runner

ESC = "\x1b"
# The OSC 8 hyperlink of the issue, as TOML escapes write it.
HYPERLINK = r"\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\"


def invoke(runner: CliRunner, path: Path, *args: str) -> Result:
    return runner.invoke(app, [*args, "-f", str(path), "--today", TODAY.isoformat()])


def problems(text: str) -> list[str]:
    with pytest.raises(NetworkFileError) as caught:
        parse_network(text, source="n", today=TODAY)
    return caught.value.problems


# --- control characters ------------------------------------------------------------------------


def test_a_control_character_in_a_title_is_refused_with_its_place() -> None:
    body = f'[[meetings]]\ndate = 2025-05-07\nhost = "HEF"\ntitle = "{HYPERLINK}"\n'
    assert problems(network_text(body)) == [
        "meetings[1] (2025-05-07): title contains a control character (U+001B)"
    ]


@pytest.mark.parametrize(
    ("header", "members", "expected"),
    [
        (
            'cadence = "FREQ=\\u009bWEEKLY"\n',
            None,
            "[network]: cadence contains a control character (U+009B)",
        ),
        (
            "",
            '[[members]]\nid = "X"\nname = "Kreis\\u0007"\nseat = "S"\nstate = "HE"\n',
            "members[1] (X): name contains a control character (U+0007)",
        ),
        (
            "",
            '[[members]]\nid = "X\\u001b[31m"\nname = "K"\nseat = "S"\nstate = "HE"\n',
            "members[1] (X\\u001b[31m): id contains a control character (U+001B)",
        ),
        (
            '"\\u001b[2J" = 1\n',
            None,
            '[network]: unknown key "\\u001b[2J" (known: name, timezone, rotation, cadence, '
            "cadence_start, start, duration_minutes, holidays, school_holidays, remind_weeks, language)",
        ),
    ],
)
def test_every_text_of_the_file_is_checked_and_messages_stay_clean(
    header: str, members: str | None, expected: str
) -> None:
    text = network_text(header=header) if members is None else network_text(members=members)
    found = problems(text)
    assert expected in found
    assert not any(ESC in p or "\x07" in p or "\x9b" in p for p in found)


def test_notes_keep_line_breaks_and_tabs_titles_keep_line_breaks() -> None:
    body = (
        '[[meetings]]\ndate = 2025-05-07\nhost = "HEF"\n'
        'title = "a\\r\\nb"\nnotes = "Raum 1\\tSaal\\nzweite\\r\\ndritte\\rvierte"\n'
    )
    (meeting,) = parse_network(network_text(body), source="n", today=TODAY).meetings
    assert meeting.notes == "Raum 1\tSaal\nzweite\r\ndritte\rvierte"
    tab_title = '[[meetings]]\ndate = 2025-05-07\nhost = "HEF"\ntitle = "a\\tb"\n'
    assert problems(network_text(tab_title)) == [
        "meetings[1] (2025-05-07): title contains a control character (U+0009)"
    ]


def test_no_table_carries_an_escape_code_from_the_file(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(f'[[meetings]]\ndate = 2025-05-07\nhost = "HEF"\ntitle = "{HYPERLINK}"\n')
    for command in ("history", "members", "schedule", "next-host"):
        result = invoke(runner, path, command)
        assert result.exit_code == 1
        assert ESC not in result.output
        assert result.stderr.endswith("title contains a control character (U+001B)\n")


def test_record_refuses_a_control_character_in_its_options(
    runner: CliRunner, network_file: Path
) -> None:
    before = snapshot(network_file)
    result = invoke(runner, network_file, "record", "2026-11-20", "--title", f"{ESC}]8;;x")
    assert result.exit_code == 2
    assert "Invalid value for '--title': contains a control character (U+001B)" in result.stderr
    assert_untouched(network_file, before)
    result = invoke(
        runner,
        network_file,
        "member",
        "add",
        "NEU",
        "--name",
        "Kreis\x9b",
        "--seat",
        "S",
        "--state",
        "HE",
    )
    assert result.exit_code == 2
    assert "'--name': contains a control character (U+009B)" in result.stderr
    assert_untouched(network_file, before)


def test_record_takes_tabs_and_line_breaks_in_notes(runner: CliRunner, network_file: Path) -> None:
    result = invoke(runner, network_file, "record", "2026-11-20", "--notes", "a\tb\nc")
    assert result.exit_code == 0, result.output
    rows = json.loads(invoke(runner, network_file, "history", "--json").stdout)
    assert rows[-1]["notes"] == "a\tb\nc"


# --- CSV for spreadsheets -------------------------------------------------------------------


@pytest.mark.parametrize(
    "note", ["=1+1", '=HYPERLINK("http://evil";"klick")', "+49 561", "-5", "@SUM(A1)", "\tx", "\rx"]
)
def test_csv_cells_that_a_spreadsheet_would_run_begin_with_an_apostrophe(
    runner: CliRunner, write_network: Callable[..., Path], note: str
) -> None:
    escaped = (
        note.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    )
    path = write_network(f'[[meetings]]\ndate = 2025-05-07\nhost = "HEF"\nnotes = "{escaped}"\n')
    data = invoke(runner, path, "history", "--format", "csv").stdout_bytes
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][rows[0].index("notes")] == "'" + note
    assert rows[1][rows[0].index("date")] == "2025-05-07"  # harmless cells stay as they are
    assert json.loads(invoke(runner, path, "history", "--json").stdout)[0]["notes"] == note


# --- bounded reading ------------------------------------------------------------------------


def finishes_within(seconds: float, work: Callable[[], Any]) -> Any:
    """Run `work` in a thread; fail if it is still running after `seconds` (a hang)."""
    outcome: list[Any] = []
    thread = threading.Thread(target=lambda: outcome.append(work()), daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    assert time.monotonic() - started < seconds
    return outcome[0]


def test_a_named_pipe_is_refused_at_once(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "network.toml"
    os.mkfifo(fifo)
    result = finishes_within(1.0, lambda: invoke(runner, fifo, "next-host"))
    assert result.exit_code == 1
    assert result.stderr == f"netzwerk: {fifo}: is a named pipe, not a regular file\n"


def test_dev_zero_is_refused_at_once(runner: CliRunner) -> None:
    result = finishes_within(1.0, lambda: invoke(runner, Path("/dev/zero"), "next-host"))
    assert result.exit_code == 1
    assert result.stderr == "netzwerk: /dev/zero: is a device, not a regular file\n"


def test_a_file_over_8_mib_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    path.write_bytes(BUNDLED.read_bytes() + b"#" * (9 * 2**20 - len(BUNDLED.read_bytes())))
    with pytest.raises(NetworkFileError) as caught:
        read_text(path)
    assert caught.value.problems == [
        "is 9.0 MiB; a network file may be at most 8 MiB "
        "(a network of a few districts needs a few kilobytes a century)"
    ]
    path.write_bytes(b"#" * MAX_FILE_BYTES)  # the limit itself is allowed
    assert read_text(path) == "#" * MAX_FILE_BYTES


def test_values_nested_too_deeply_are_refused_not_a_traceback() -> None:
    assert problems(network_text(header="x = " + "[" * 100_000 + "\n")) == [
        "not valid TOML: values are nested too deeply"
    ]


def test_a_huge_number_of_problems_is_listed_in_part(tmp_path: Path) -> None:
    text = network_text("[[meetings]]\n" * 5000)
    with pytest.raises(NetworkFileError) as caught:
        parse_network(text, source="n", today=TODAY)
    message = str(caught.value)
    assert message.startswith("n: 5000 problems:\n")
    assert message.endswith("\n  ... and 4950 more")
    assert message.count("\n  - ") == 50


# --- output that cannot be written ------------------------------------------------------------


def console(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """The command line as a new process, as cron and shells start it."""
    argv = [
        sys.executable,
        "-m",
        "netzwerk_cli",
        *args,
        "-f",
        str(BUNDLED),
        "--today",
        "2026-11-24",
    ]
    return subprocess.run(argv, capture_output=False, timeout=60, check=False, **kwargs)


@pytest.mark.parametrize("command", [["history"], ["schedule", "--format", "csv"], ["next-host"]])
def test_a_full_disk_ends_with_one_line_and_exit_1(command: list[str]) -> None:
    with Path("/dev/full").open("wb") as full:
        done = console(*command, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 1
    assert done.stderr == b"netzwerk: cannot write the output: No space left on device\n"


def test_a_closed_stdout_ends_with_one_line_and_exit_1() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys, runpy; os.close(1); sys.argv = ['netzwerk', "
            f"'members', '-f', {str(BUNDLED)!r}]; runpy.run_module('netzwerk_cli', run_name='__main__')",
        ],
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == b"netzwerk: cannot write the output: Bad file descriptor\n"


def test_a_closed_stdout_is_the_null_device_at_exit() -> None:
    """The closed descriptor 1 is the lowest free one: the null device opened for it is stdout
    already, and must stay open (closing it made Python's last flush fail: exit status 120, on a
    machine with no LANG)."""
    code = (
        "import os, sys; os.close(1); from netzwerk_cli.cli.app import _drop_stdout; "
        "_drop_stdout(); print('x'); sys.stdout.flush(); os.write(1, b'y')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], stderr=subprocess.PIPE, timeout=60, check=False
    )
    assert (done.returncode, done.stderr) == (0, b"")


def test_a_closed_pipe_stays_quiet(write_network: Callable[..., Path]) -> None:
    held = "".join(
        f'[[meetings]]\ndate = {dt.date(2000, 1, 5) + dt.timedelta(days=7 * n)}\nhost = "HEF"\n'
        for n in range(2000)
    )
    path = write_network(held)  # a history far larger than a pipe's buffer
    argv = [sys.executable, "-m", "netzwerk_cli", "history", "-f", str(path)]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        assert process.stderr.read() == b""
        assert process.wait(timeout=60) in (0, 1)


# --- local times ----------------------------------------------------------------------------

GAP = "2027-03-28 02:30 does not exist in Europe/Berlin (the clocks go from 02:00 to 03:00)"


def test_a_time_in_the_spring_forward_gap_is_refused() -> None:
    body = '[[meetings]]\ndate = 2027-03-28T02:30:00\nhost = "HEF"\n'
    assert problems(network_text(body)) == [f"meetings[1] (2027-03-28): {GAP}"]
    start = '[[meetings]]\ndate = 2027-03-28\nhost = "HEF"\n'
    assert problems(network_text(start, header="start = 02:15:00\n")) == [
        "meetings[1] (2027-03-28): 2027-03-28 02:15 does not exist in Europe/Berlin "
        "(the clocks go from 02:00 to 03:00) (the network's start)"
    ]


def test_plan_refuses_a_time_in_the_gap(runner: CliRunner, network_file: Path) -> None:
    before = snapshot(network_file)
    result = invoke(runner, network_file, "plan", "2027-03-28", "--time", "02:30")
    assert result.exit_code == 1
    assert GAP in result.stderr
    assert_untouched(network_file, before)


AMBIGUOUS = '[[meetings]]\ndate = 2027-10-31T02:30:00\nhost = "HEF"\nstatus = "planned"\n'


def test_a_time_of_the_fall_back_hour_is_the_first_one_for_every_reader(
    runner: CliRunner,
    write_network: Callable[..., Path],
    khal: list[str],  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    path = write_network(AMBIGUOUS, header="duration_minutes = 60\n")
    text = invoke(runner, path, "export").stdout
    assert "DTSTART:20271031T003000Z" in text  # the first 02:30 is summer time, UTC+2
    event = next(iter(icalendar.Calendar.from_ical(text).walk("VEVENT")))
    first = dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC)
    assert event.decoded("DTSTART") == first
    # The end is wall-clock arithmetic, as for every meeting: 03:30, which exists once (CET).
    assert "DTEND;TZID=Europe/Berlin:20271031T033000" in text
    assert event.decoded("DTEND") == first + dt.timedelta(hours=2)
    calendar = tmp_path / "n.ics"
    calendar.write_text(text, newline="")
    # khal shows it in Europe/Berlin, from the first 02:30 (summer time) to 03:30.
    assert "2027-10-31 02:30-2027-10-31 03:30" in run([*khal, "printics", str(calendar)], tmp_path)
    # Both 02:30 look alike in Berlin; in UTC, khal names the instant: the first one, 00:30 UTC.
    config = Path(khal[2])
    utc = config.with_name("khal-utc.conf")
    utc.write_text(config.read_text().replace("Europe/Berlin", "UTC"), encoding="utf-8")
    shown = run([khal[0], "-c", str(utc), "printics", str(calendar)], tmp_path)
    assert "2027-10-31 00:30-2027-10-31 02:30" in shown
