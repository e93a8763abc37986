"""A meeting on the calendar's last day could not be written as an event (its end would be in the
year 10000): the file refuses it, so `export` never meets it (found by the review of issue 27)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .test_edit_support import run


@pytest.mark.parametrize("date", ["9999-12-31", "9999-12-31T23:30:00"])
def test_a_meeting_on_the_last_day_is_refused_by_the_file(
    runner: CliRunner, write_network: Callable[..., Path], date: str
) -> None:
    path = write_network(f'[[meetings]]\ndate = {date}\nhost = "FD"\nstatus = "planned"\n')
    result = run(runner, path, "export")
    assert result.exit_code == 1
    assert "is too late: a meeting must be over by 9999-12-31" in result.stderr
    assert "Traceback" not in result.output


def test_plan_on_the_last_day_writes_nothing_and_the_day_before_exports(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network()
    before = path.read_text(encoding="utf-8")
    refused = run(runner, path, "plan", "31.12.9999 23:30", "--host", "FD", "--lang", "de")
    assert refused.exit_code == 1
    assert "ist zu spät: Ein Treffen muss bis zum 31.12.9999 vorbei sein" in refused.stderr
    assert path.read_text(encoding="utf-8") == before
    assert run(runner, path, "plan", "30.12.9999 23:30", "--host", "FD").exit_code == 0
    exported = run(runner, path, "export")
    assert exported.exit_code == 0, exported.output
    assert "DTEND;TZID=Europe/Berlin:99991231T013000" in exported.stdout
