"""`netzwerk cancel`: the meeting stays, cancelled, and its host gets its turn back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netzwerk_cli.core.rotation import next_turn
from netzwerk_cli.file.store import read_network

from .conftest import TODAY
from .test_edit_support import assert_untouched, refused, run, snapshot

HISTORY = """
[[meetings]]
date = 2024-11-06
host = "HEF"

[[meetings]]
date = 2026-12-02  # agreed in November
host = "WAK"
status = "planned"  # to be confirmed
title = "Treffen"
"""


def test_cancel_sets_the_status_and_gives_the_host_its_turn_back(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(HISTORY)
    before = path.read_text(encoding="utf-8")
    assert next_turn(read_network(path, today=TODAY), on=TODAY).member.id == "ESW"
    result = run(runner, path, "cancel", "2026-12-02")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Cancelled the meeting of 2026-12-02 hosted by WAK (Wartburgkreis); "
        "the rotation gives WAK its turn again.\n"
    )
    assert path.read_text(encoding="utf-8") == before.replace(
        'status = "planned"  # to be confirmed', 'status = "cancelled"  # to be confirmed'
    )
    assert next_turn(read_network(path, today=TODAY), on=TODAY).member.id == "WAK"


def test_a_meeting_without_status_gets_one(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network('[[meetings]]\ndate = 2026-12-02\nhost = "WAK"\n')
    before = path.read_text(encoding="utf-8")
    assert run(runner, path, "cancel", "2026-12-02").exit_code == 0
    assert path.read_text(encoding="utf-8") == before + 'status = "cancelled"\n'


def test_host_says_which_of_two_meetings_that_day(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    two = '[[meetings]]\ndate = 2026-12-02\nhost = "WAK"\n\n[[meetings]]\ndate = 2026-12-02\nhost = "FD"\n'
    path = write_network(two)
    before = snapshot(path)
    refused(
        run(runner, path, "cancel", "2026-12-02"),
        "2 meetings are planned on 2026-12-02 (WAK, FD): say which with --host",
    )
    assert_untouched(path, before)
    assert run(runner, path, "cancel", "2026-12-02", "--host", "FD").exit_code == 0
    assert path.read_text(encoding="utf-8") == before.data.decode() + 'status = "cancelled"\n'


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["2026-12-09"],
            "meeting not found: no meeting on 2026-12-09 (planned: 2026-12-02)",
        ),
        (
            ["2026-12-02", "--host", "FD"],
            "meeting not found: no meeting on 2026-12-02 hosted by FD (planned: 2026-12-02)",
        ),
        (
            ["2026-12-02", "--host", "XX"],
            '"XX" is not a member (members: HEF, WAK, ESW, FD)',
        ),
        (
            ["2024-11-06"],
            "the meeting of 2024-11-06 (HEF) is recorded as held; only a planned meeting can be "
            "cancelled",
        ),
    ],
)
def test_cancel_refusals_leave_the_file_untouched(
    runner: CliRunner, write_network: Callable[..., Path], args: list[str], message: str
) -> None:
    path = write_network(HISTORY)
    before = snapshot(path)
    refused(run(runner, path, "cancel", *args), message)
    assert_untouched(path, before)


def test_a_cancelled_meeting_cannot_be_cancelled_again(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(HISTORY)
    assert run(runner, path, "cancel", "2026-12-02").exit_code == 0
    before = snapshot(path)
    refused(
        run(runner, path, "cancel", "2026-12-02"),
        "the meeting of 2026-12-02 (WAK) is already cancelled",
    )
    assert_untouched(path, before)
