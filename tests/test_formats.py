"""`--format csv|markdown` of schedule, history and members, and the pure `tabular` behind them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.output import jsonrows, peoplerows
from netzwerk_cli.output.tabular import cell_text, csv_text, markdown_cell, markdown_text

from .conftest import make_network

BOM = b"\xef\xbb\xbf"
NOTE = 'Raum 1.07; "Saal" | Bühne\nzweite Zeile\r\ndritte; \\ Ende'
# A meeting whose notes hold everything a CSV or Markdown cell must survive.
HISTORY = """
[[meetings]]
date = "2024-04"
host = "HEF"
title = "1. Treffen"

[[meetings]]
date = 2024-11-06T10:00:00
host = "WAK"
title = "2. Treffen; mit \\"Gästen\\""
notes = "Raum 1.07; \\"Saal\\" | Bühne\\nzweite Zeile\\r\\ndritte; \\\\ Ende"

[[meetings]]
date = 2025-04-02
host = "ESW"
status = "cancelled"
"""


def invoke(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, list(args))


def json_rows(runner: CliRunner, command: str, path: Path, *args: str) -> list[dict[str, Any]]:
    result = invoke(runner, command, "--json", "-f", str(path), "--today", "2025-05-01", *args)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def read_csv(data: bytes, delimiter: str = ";") -> list[list[str]]:
    assert data.startswith(BOM)
    return list(
        csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline=""), delimiter=delimiter)
    )


def as_cell(key: str, value: Any) -> Any:
    """A JSON value as CSV and Markdown spell it: a row's school holidays as one text."""
    return peoplerows.school_cell(value) if key == "school_holidays" else value


def expected_cells(rows: list[dict[str, Any]]) -> list[list[str]]:
    header = list(rows[0])
    return [header] + [[cell_text(as_cell(key, row[key])) for key in header] for row in rows]


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["history", "members", "schedule"])
@pytest.mark.parametrize("delimiter", [None, ","])
def test_csv_reads_back_cell_for_cell(
    runner: CliRunner,
    write_network: Callable[..., Path],
    command: str,
    delimiter: str | None,
) -> None:
    path = write_network(HISTORY, header='cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\n')
    extra = ("--delimiter", delimiter) if delimiter else ()
    result = invoke(
        runner, command, "--format", "csv", *extra, "-f", str(path), "--today", "2025-05-01"
    )
    assert result.exit_code == 0, result.output
    assert read_csv(result.stdout_bytes, delimiter or ";") == expected_cells(
        json_rows(runner, command, path)
    )


def test_csv_keeps_a_hard_note_in_one_cell_with_crlf_rows(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(HISTORY)
    data = invoke(runner, "history", "--format", "csv", "-f", str(path)).stdout_bytes
    rows = read_csv(data)
    assert rows[0] == [
        "date",
        "start",
        "host",
        "host_name",
        "venue",
        "status",
        "title",
        "notes",
        "attended",
        "description",
    ]
    assert rows[2][-2:] == ["", ""]  # no attendance recorded, no description
    assert rows[2][:-2] == [
        "2024-11-06",
        "2024-11-06T10:00:00",
        "WAK",
        "Wartburgkreis",
        "Bad Salzungen",
        "held",
        '2. Treffen; mit "Gästen"',
        NOTE,
    ]
    assert rows[1][7] == rows[3][7] == ""  # null: an empty cell
    # Four rows, each ended by CR LF; the line breaks inside the note stay as they were.
    assert data.count(b"\r\n") == 4 + 1  # the note's own CR LF is kept inside its quotes
    assert data.endswith(b"\r\n")
    assert b'"Raum 1.07; ""Saal"" | B\xc3\xbchne\nzweite Zeile\r\ndritte; \\ Ende"' in data


def test_csv_spells_booleans_and_numbers_as_json_does(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(
        HISTORY,
        members='[[members]]\nid = "HEF"\nname = "H"\nseat = "S"\nstate = "HE"\nhosts = false\n'
        '[[members]]\nid = "WAK"\nname = "W"\nseat = "B"\nstate = "TH"\njoined = 2024-01-01\n'
        '[[members]]\nid = "ESW"\nname = "E"\nseat = "E"\nstate = "HE"\n',
    )
    data = invoke(runner, "members", "--format", "csv", "-f", str(path), "--today", "2025-05-01")
    assert read_csv(data.stdout_bytes) == [
        [
            "id",
            "name",
            "seat",
            "state",
            "joined",
            "left",
            "hosts",
            "hosted",
            "last_hosted",
            "can_host_now",
            "attended",
            "topics_brought",
        ],
        ["HEF", "H", "S", "HE", "", "", "false", "1", "2024-04", "false", "0", "0"],
        ["WAK", "W", "B", "TH", "2024-01-01", "", "true", "1", "2024-11-06", "true", "0", "0"],
        ["ESW", "E", "E", "HE", "", "", "true", "0", "", "true", "0", "0"],
    ]


def test_an_empty_list_still_has_its_header_row(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network()
    data = invoke(runner, "history", "--format", "csv", "-f", str(path)).stdout_bytes
    assert (
        data == BOM + b"date;start;host;host_name;venue;status;title;notes;attended;description\r\n"
    )
    text = invoke(runner, "schedule", "--format", "markdown", "-f", str(path)).stdout
    assert text == (
        "| date | start | id | host | name | venue | state | status | moved_from | holiday "
        "| school_holidays | reason | answers | weekend |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
    )


# --- Markdown -----------------------------------------------------------------------------------


def split_markdown_row(line: str) -> list[str]:
    """The cells of a GFM table row, split at the pipes that are not escaped."""
    assert line.startswith("| ") and line.endswith(" |")
    cells, cell, escaped = [], "", False
    for char in line[2:-2]:
        if char == "|" and not escaped:
            cells.append(cell.strip())
            cell = ""
            continue
        cell += char
        escaped = char == "\\" and not escaped
    return [*cells, cell.strip()]


def test_markdown_table_with_a_pipe_and_line_breaks_in_a_note(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(HISTORY)
    result = invoke(runner, "history", "--format", "markdown", "-f", str(path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2 + 3  # header, separator, one line per meeting: no line breaks leak
    assert (
        lines[0] == "| date | start | host | host_name | venue | status | title | notes | attended "
        "| description |"
    )
    assert lines[1] == "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    cells = [split_markdown_row(line) for line in lines]
    assert {len(row) for row in cells} == {10}
    assert cells[3][7] == 'Raum 1.07; "Saal" \\| Bühne<br>zweite Zeile<br>dritte; \\\\ Ende'
    assert cells[3][6] == '2. Treffen; mit "Gästen"'
    assert cells[2][:2] == ["2024-04", ""]


@pytest.mark.parametrize("command", ["history", "members", "schedule"])
def test_markdown_has_the_json_columns_and_rows(
    runner: CliRunner, network_file: Path, command: str
) -> None:
    result = invoke(
        runner, command, "--format", "markdown", "-f", str(network_file), "--today", "2025-05-01"
    )
    rows = json_rows(runner, command, network_file)
    lines = result.stdout.splitlines()
    assert split_markdown_row(lines[0]) == list(rows[0])
    assert [split_markdown_row(line) for line in lines[2:]] == [
        [markdown_cell(as_cell(k, v)) for k, v in row.items()] for row in rows
    ]


# --- the format option --------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["history", "members", "schedule"])
def test_format_json_is_json_and_table_is_the_default(
    runner: CliRunner, network_file: Path, command: str
) -> None:
    args = ("-f", str(network_file), "--today", "2025-05-01")
    assert (
        invoke(runner, command, "--format", "json", *args).stdout
        == invoke(runner, command, "--json", *args).stdout
        == invoke(runner, command, "--json", "--format", "json", *args).stdout
    )
    assert (
        invoke(runner, command, "--format", "table", *args).stdout
        == invoke(runner, command, *args).stdout
    )
    assert "┃" in invoke(runner, command, *args).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--json", "--format", "csv"), "--json and --format csv ask for two formats"),
        (("--format", "markdown", "--delimiter", ","), "a delimiter is for --format csv only"),
        (("--delimiter", ","), "a delimiter is for --format csv only"),
        (("--format", "csv", "--delimiter", ";;"), "is not one character"),
        (("--format", "csv", "--delimiter", ""), "is not one character"),
        (("--format", "csv", "--delimiter", '"'), "is not one character"),
        (("--format", "xml"), "'xml' is not one of"),
    ],
)
def test_format_usage_errors_exit_2(
    runner: CliRunner, network_file: Path, args: tuple[str, ...], message: str
) -> None:
    for command in ("history", "members", "schedule"):
        result = invoke(runner, command, *args, "-f", str(network_file))
        assert result.exit_code == 2
        assert message in " ".join(result.stderr.replace("│", " ").split())
        assert result.stdout == ""


def test_csv_and_markdown_do_not_load_rich(network_file: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETZWERK_")}
    for fmt in ("csv", "markdown", "json"):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "netzwerk_cli", "members", "--format", fmt],
            cwd=network_file.parent,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert result.returncode == 0
        assert " rich" not in result.stderr, fmt


# --- tabular, directly --------------------------------------------------------------------------


def test_columns_are_the_json_keys() -> None:
    from netzwerk_cli.core.schedule import coming_meetings

    network = make_network(
        '[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\n[[meetings]]\nhost = "ESW"\n',
        header='cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\n',
    )
    today = dt.date(2025, 1, 1)
    coming = coming_meetings(network, today=today, holidays=lambda state, year: {}, count=2)
    for row in coming.meetings:  # a planned row and a proposed one
        assert tuple(jsonrows.coming_json(row)) == jsonrows.COMING_KEYS
    assert tuple(jsonrows.members_json(network, today=today)[0]) == jsonrows.MEMBER_KEYS
    assert tuple(jsonrows.meeting_json(network, network.meetings[0])) == jsonrows.MEETING_KEYS


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        ("a|b", "a\\|b"),
        ("a\\|b", "a\\\\\\|b"),
        ("one\ntwo\r\nthree\rfour", "one<br>two<br>three<br>four"),
    ],
)
def test_markdown_cell(value: object, cell: str) -> None:
    assert markdown_cell(value) == cell


def test_csv_text_quotes_only_what_needs_it() -> None:
    text = csv_text(("a", "b", "c"), [{"a": "x;y", "b": None, "c": 'say "hi"'}, {"a": 1}])
    assert text == '\ufeffa;b;c\r\n"x;y";;"say ""hi"""\r\n1;;\r\n'
    assert csv_text(("a", "b"), [{"a": "x;y", "b": "z,w"}], delimiter=",") == (
        '\ufeffa,b\r\nx;y,"z,w"\r\n'
    )


def test_markdown_text() -> None:
    assert markdown_text(("a", "b"), [{"a": "x", "b": None}]) == (
        "| a | b |\n| --- | --- |\n| x |  |\n"
    )
