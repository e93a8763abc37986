"""`netzwerk schedule` (issue 27): a cadence date on a Saturday or Sunday is flagged as a holiday
is: a note in the table, `"weekend": true` in --json, a column in CSV and Markdown."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.core.schedule import coming_meetings

from .conftest import make_network

# The 15th of each month: 2027-05-15 is a Saturday, 2027-08-15 a Sunday.
HEADER = 'cadence = "FREQ=MONTHLY;BYMONTHDAY=15"\nholidays = "ignore"\nschool_holidays = "ignore"\n'
TODAY = "2027-04-01"


def schedule(runner: CliRunner, path: Path, *args: str) -> Result:
    return runner.invoke(
        app, ["schedule", "--count", "5", *args, "-f", str(path), "--today", TODAY]
    )


@pytest.fixture
def path(write_network: Callable[..., Path]) -> Path:
    return write_network(header=HEADER)


def test_the_core_knows_a_weekend_date() -> None:
    network = make_network(header=HEADER)
    rows = coming_meetings(
        network, today=dt.date(2027, 4, 1), holidays=lambda _s, _y: {}, count=5
    ).meetings
    assert [(r.date.isoformat(), r.on_weekend) for r in rows if r.date] == [
        ("2027-04-15", False),
        ("2027-05-15", True),
        ("2027-06-15", False),
        ("2027-07-15", False),
        ("2027-08-15", True),
    ]


def test_json_has_a_stable_weekend_key(runner: CliRunner, path: Path) -> None:
    result = schedule(runner, path, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["date"], r["weekend"]) for r in rows] == [
        ("2027-04-15", False),
        ("2027-05-15", True),
        ("2027-06-15", False),
        ("2027-07-15", False),
        ("2027-08-15", True),
    ]
    # The same in German: --json is one format.
    assert json.loads(schedule(runner, path, "--json", "--lang", "de").stdout) == rows


def test_a_planned_meeting_without_a_day_is_no_weekend(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network('[[meetings]]\ndate = "2027-05"\nhost = "HEF"\n', header=HEADER)
    rows = json.loads(schedule(runner, path, "--json").stdout)
    assert (rows[0]["date"], rows[0]["weekend"]) == ("2027-05", False)


@pytest.mark.parametrize(("lang", "word"), [("en", "weekend"), ("de", "Wochenende")])
def test_the_table_notes_the_weekend(runner: CliRunner, path: Path, lang: str, word: str) -> None:
    result = schedule(runner, path, "--lang", lang)
    assert result.exit_code == 0, result.output
    lines = {line.split()[1]: line for line in result.stdout.splitlines() if "│" in line}
    day = {
        "en": ("2027-05-15", "2027-08-15", "2027-04-15"),
        "de": ("15.05.2027", "15.08.2027", "15.04.2027"),
    }[lang]
    assert word in lines[day[0]] and word in lines[day[1]]
    assert word not in lines[day[2]]


def test_the_weekend_note_goes_with_the_school_holidays(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(header=HEADER.replace('school_holidays = "ignore"\n', ""))
    result = schedule(runner, path, "--lang", "de")
    sunday = next(line for line in result.stdout.splitlines() if "15.08.2027" in line)
    assert "Wochenende; Sommerferien (TH)" in sunday


@pytest.mark.parametrize(
    ("lang", "header", "yes", "no"),
    [("en", "weekend", "true", "false"), ("de", "Wochenende", "ja", "nein")],
)
def test_csv_has_a_weekend_column(
    runner: CliRunner, path: Path, lang: str, header: str, yes: str, no: str
) -> None:
    result = schedule(runner, path, "--format", "csv", "--lang", lang)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    column = rows[0].index(header)
    assert [row[column] for row in rows[1:]] == [no, yes, no, no, yes]
