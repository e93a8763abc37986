"""`netzwerk record`: a held meeting, from its planned one or new; every refusal writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .test_edit_support import assert_untouched, refused, run, snapshot

HELD = """
[[meetings]]
date = 2024-11-06
host = "WAK"
status = "held"
"""


def test_record_turns_the_planned_meeting_into_the_held_one(
    runner: CliRunner, network_file: Path
) -> None:
    before = network_file.read_text(encoding="utf-8")
    result = run(runner, network_file, "record", "2025-04-02")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Recorded the meeting of 2025-04-02 at Eschwege, hosted by ESW (Werra-Meißner-Kreis); "
        "it was planned without a date.\n"
    )
    assert network_file.read_text(encoding="utf-8") == before.replace(
        'status = "planned"\ntitle = "3. Treffen"\n',
        'status = "held"\ntitle = "3. Treffen"\ndate = 2025-04-02\n',
    )


def test_record_adds_a_new_held_meeting_with_venue_and_uid(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(HELD)
    before = path.read_text(encoding="utf-8")
    result = run(
        runner,
        path,
        "record",
        "2025-04-02",
        "--host",
        "ESW",
        "--title",
        "3. Treffen",
        "--notes",
        'Gast: "Amt"\nzweite Zeile',
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Recorded the meeting of 2025-04-02 at Eschwege, hosted by ESW (Werra-Meißner-Kreis).\n"
    )
    assert path.read_text(encoding="utf-8") == before + (
        "\n[[meetings]]\n"
        "date = 2025-04-02\n"
        'host = "ESW"\n'
        'venue = "Eschwege"\n'
        'status = "held"\n'
        'title = "3. Treffen"\n'
        'notes = "Gast: \\"Amt\\"\\nzweite Zeile"\n'
        'uid = "meeting-20250402-ESW.netzwerk-integration@netzwerk-cli"\n'
    )


def test_the_default_host_is_the_planned_meeting_nearest_before(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(
        HELD
        + '\n[[meetings]]\ndate = 2025-03-30\nhost = "FD"\nstatus = "planned"\n'
        + '\n[[meetings]]\ndate = 2025-01-10\nhost = "HEF"\nstatus = "planned"\n'
    )
    before = path.read_text(encoding="utf-8")
    result = run(runner, path, "record", "2025-04-02", "--venue", "Kreishaus")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Recorded the meeting of 2025-04-02 at Kreishaus, hosted by FD (Landkreis Fulda); "
        "it was planned for 2025-03-30.\n"
    )
    assert path.read_text(encoding="utf-8") == before.replace(
        'date = 2025-03-30\nhost = "FD"\nstatus = "planned"\n',
        'date = 2025-04-02\nhost = "FD"\nstatus = "held"\nvenue = "Kreishaus"\n',
    )


def test_without_a_planned_meeting_the_host_is_next_hosts_answer(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(HELD)
    result = run(runner, path, "record", "2025-04-02", "--dry-run")
    assert result.exit_code == 0, result.output
    # WAK hosted; HEF is first in the members' order of those who have not.
    assert 'host = "HEF"' in result.stdout
    assert "hosted by HEF" in result.stderr


def test_a_planned_meeting_of_another_host_that_day_is_the_one_held(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    planned = (
        '\n[[meetings]]\ndate = 2025-04-02\nhost = "FD"\nvenue = "Fulda"\nstatus = "planned"\n'
    )
    path = write_network(HELD + planned)
    before = path.read_text(encoding="utf-8")
    result = run(runner, path, "record", "2025-04-02", "--host", "ESW")
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith("it was planned for 2025-04-02 with host FD.\n")
    assert path.read_text(encoding="utf-8") == before.replace(
        planned,
        '\n[[meetings]]\ndate = 2025-04-02\nhost = "ESW"\nvenue = "Eschwege"\nstatus = "held"\n',
    )


def test_a_planned_meeting_after_the_day_stays_as_it_is(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(HELD + '\n[[meetings]]\ndate = 2027-04-07\nhost = "ESW"\n')
    before = path.read_text(encoding="utf-8")
    result = run(runner, path, "record", "2025-04-02", "--host", "ESW")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after.count("[[meetings]]") == 3


def test_a_planned_time_of_day_is_kept_when_the_day_changes(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    planned = 'date = 2025-03-30T10:00:00\nhost = "HEF"\nvenue = "X"\nstatus = "planned"\n'
    path = write_network(f"[[meetings]]\n{planned}")
    before = path.read_text(encoding="utf-8")
    result = run(runner, path, "record", "2025-04-02", today=dt.date(2025, 4, 3))
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == before.replace(
        planned, 'date = 2025-04-02 10:00:00\nhost = "HEF"\nvenue = "X"\nstatus = "held"\n'
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["2025-04-02", "--host", "XX"],
            '"XX" is not a member (members: HEF, WAK, ESW, FD)',
        ),
        (
            ["2024-11-06", "--host", "HEF"],
            "a meeting on 2024-11-06 is already recorded as held (hosted by WAK); "
            "the network meets once a day at most",
        ),
        (
            ["2024-11-06"],
            "a meeting on 2024-11-06 is already recorded as held (hosted by WAK); "
            "the network meets once a day at most",
        ),
        (
            ["2024-04-20", "--host", "HEF"],
            "HEF is already recorded as the host of a meeting held in 2024-04 (day unknown); "
            "to give it its day, edit its date in the file",
        ),
        (
            ["2026-11-25"],
            "2026-11-25 is after today (2026-11-24): record a meeting once it was held; "
            "plan a coming one with `netzwerk plan`",
        ),
        (
            ["2025-04-02", "--venue", "two\nlines"],
            "{path}: nothing written, the change would make the file invalid: "
            "meetings[3] (2025-04-02): venue must be one line",
        ),
    ],
)
def test_record_refusals_leave_the_file_untouched(
    runner: CliRunner, network_file: Path, args: list[str], message: str
) -> None:
    before = snapshot(network_file)
    result = run(runner, network_file, "record", *args)
    refused(result, message.format(path=network_file))
    assert_untouched(network_file, before)


def test_a_member_that_has_left_cannot_be_recorded_as_host(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    members = '[[members]]\nid = "A"\nname = "A"\nseat = "A"\nstate = "HE"\nleft = 2025-01-01\n'
    path = write_network(members=members)
    before = snapshot(path)
    result = run(runner, path, "record", "2025-04-02", "--host", "A")
    refused(result, "A cannot host on 2025-04-02: it left on 2025-01-01")
    assert_untouched(path, before)
