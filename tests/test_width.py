"""Tables at 80 columns, in German and in English: no column that says nothing, and no name,
date or venue cut or broken."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app

WHOLE = [
    "Landkreis Hersfeld-Rotenburg",
    "Werra-Meißner-Kreis",
    "Wartburgkreis",
    "Landkreis Fulda",
    "Bad Hersfeld",
    "Bad Salzungen",
    "Eschwege",
]
REFORMATION = 'cadence = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31"\n'
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
date = 2025-11-03
host = "ESW"
venue = "Eschwege, Landratsamt, Sitzungssaal"
status = "cancelled"
"""


def table(path: Path, *args: str, lang: str) -> str:
    result = CliRunner().invoke(
        app,
        [*args, "-f", str(path), "--today", "2025-10-01", "--lang", lang],
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def cells(text: str) -> str:
    """The table's cells, one per line, each joined across the lines a wrapped cell takes (a row
    begins where its first column, a date or a number, is filled)."""
    rows: list[list[list[str]]] = []
    for line in text.splitlines():
        if "│" not in line:
            continue
        parts = [part.strip() for part in line.split("│")]
        if parts[0] or not rows:
            rows.append([])
        rows[-1].append(parts)
    return "\n".join(
        " ".join(piece for piece in column if piece)
        for row in rows
        for column in zip(*row, strict=True)
    )


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("command", [["schedule", "--count", "3"], ["members"], ["history"]])
def test_tables_fit_80_columns_and_cut_nothing(
    write_network: Callable[..., Path], command: list[str], lang: str
) -> None:
    path = write_network(HISTORY, header=REFORMATION)
    text = table(path, *command, lang=lang)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text and "..." not in text
    joined = cells(text)
    shown = [name for name in WHOLE if name in joined]
    assert len(shown) >= 3, joined
    for line in joined.splitlines():
        for word in line.split():
            # A word broken over two lines would show up as its two halves, neither a word of
            # the data: every word of a cell is a word of some name, date, venue or header.
            assert len(word) < 2 or not word.endswith("-"), line


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_reformation_day_note_is_whole(write_network: Callable[..., Path], lang: str) -> None:
    path = write_network(header=REFORMATION)
    joined = cells(table(path, "schedule", "--count", "2", lang=lang))
    expected = {
        "de": "verschoben vom 31.10.2025: Reformationstag (TH)",
        "en": "moved from 2025-10-31: Reformation Day (TH)",
    }[lang]
    assert expected in joined.splitlines()
    assert "Landkreis Hersfeld-Rotenburg (HEF)" in joined.splitlines()
    assert "Wartburgkreis (WAK)" in joined.splitlines()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_column_empty_in_every_row_is_left_out(
    write_network: Callable[..., Path], lang: str
) -> None:
    # No school holidays looked up: 2025-10-01 on, the first Wednesdays meet autumn's.
    path = write_network(header='cadence = "FREQ=MONTHLY;BYDAY=1WE"\nschool_holidays = "ignore"\n')
    header = table(path, "schedule", lang=lang).splitlines()[1]
    note = {"de": "Hinweis", "en": "Note"}[lang]
    assert note not in header


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_time_goes_with_the_date_and_no_name_is_broken_at_80_columns(
    network_file: Path, lang: str
) -> None:
    """A time column of its own left the names too little room: at 80 columns the German table
    broke "Wartburgkr|eis" and "Früh|jahrsferien". The time goes with the date now, on its line
    or the next; weekday and date stay together."""
    planned = CliRunner().invoke(
        app,
        ["plan", "2027-04-07", "--time", "10:00", "-f", str(network_file), "--today", "2026-11-24"],
    )
    assert planned.exit_code == 0, planned.output
    result = CliRunner().invoke(
        app,
        ["schedule", "-f", str(network_file), "--today", "2026-11-24", "--lang", lang],
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "Uhrzeit" not in lines[1] and "Time" not in lines[1]
    words = {word for line in lines for cell in line.split("│") for word in cell.split()}
    for whole in ("Wartburgkreis", "Salzungen", "Eschwege", "(WAK)", "(HEF)"):
        assert whole in words, (whole, result.stdout)
    first = {"de": "Mi\N{NO-BREAK SPACE}07.04.2027", "en": "Wed\N{NO-BREAK SPACE}2027-04-07"}[lang]
    assert lines[3].startswith(first), result.stdout
    assert "10:00" in lines[3] + lines[4]


def test_every_name_is_whole_in_the_german_members_table(
    write_network: Callable[..., Path],
) -> None:
    joined = cells(table(write_network(HISTORY), "members", lang="de"))
    for name in (
        "Landkreis Hersfeld-Rotenburg (HEF)",
        "Werra-Meißner-Kreis (ESW)",
        "Bad Salzungen",
    ):
        assert name in joined
