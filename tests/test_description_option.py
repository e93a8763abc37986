"""`plan --description` and `record --description`: a meeting's public text, typed on the command
line; `--notes` stay private (README, "Private unless said")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .test_edit_support import run

TODAY = dt.date(2027, 1, 10)
PLANNED = '[[meetings]]\ndate = 2027-04-07\nhost = "HEF"\nstatus = "planned"\n'


def test_plan_writes_the_description_and_export_shares_it(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(PLANNED)
    result = run(
        runner, path, "plan", "2027-04-07", "--description", "Sprachkurse vor Ort", today=TODAY
    )
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert 'description = "Sprachkurse vor Ort"' in text
    assert "description “Sprachkurse vor Ort”" in result.stderr
    exported = run(runner, path, "export", today=TODAY)
    assert "DESCRIPTION:Sprachkurse vor Ort" in exported.stdout.replace("\r\n ", "")


def test_plan_with_only_a_description_fixes_no_date(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    undated = '[[meetings]]\nhost = "HEF"\nstatus = "planned"\n'
    path = write_network(undated, header='cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\n')
    result = run(runner, path, "plan", "--description", "Wohnsitzauflage", today=TODAY)
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert 'description = "Wohnsitzauflage"' in text
    assert "date = " not in text.split("[[meetings]]", 1)[1]


def test_the_same_description_again_is_nothing_to_change(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(PLANNED.replace("\nstatus", '\ndescription = "X"\nstatus'))
    result = run(runner, path, "plan", "2027-04-07", "--description", "X", today=TODAY)
    assert result.exit_code == 1
    assert "nothing to change" in result.stderr


@pytest.mark.parametrize("lang", ["en", "de"])
def test_record_keeps_notes_private_and_shares_the_description(
    runner: CliRunner, write_network: Callable[..., Path], lang: str
) -> None:
    path = write_network(PLANNED)
    result = run(
        runner,
        path,
        "record",
        "2027-04-07",
        "--notes",
        "INTERN-Streit",
        "--description",
        "OEFFENTLICH-Thema",
        "--lang",
        lang,
        today=dt.date(2027, 4, 8),
    )
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert 'notes = "INTERN-Streit"' in text and 'description = "OEFFENTLICH-Thema"' in text
    exported = run(runner, path, "export", today=dt.date(2027, 4, 8)).stdout.replace("\r\n ", "")
    assert "OEFFENTLICH-Thema" in exported
    assert "INTERN" not in exported


def test_the_help_says_which_text_leaves_the_computer(runner: CliRunner) -> None:
    from netzwerk_cli.cli import app

    for command in ("plan", "record"):
        shown = " ".join(runner.invoke(app, [command, "--help", "--lang", "de"]).stdout.split())
        assert "--description BESCHREIBUNG" in shown
        assert "öffentliche Beschreibung" in shown
    notes = " ".join(runner.invoke(app, ["record", "--help", "--lang", "de"]).stdout.split())
    assert "verlassen diesen Rechner nie" in notes
