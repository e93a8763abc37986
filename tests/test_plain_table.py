"""A table written into a pipe or a file without Rich is, byte for byte, what Rich would print.

`FittedTable.plain_text` writes a table itself where Rich would only pad cells (every cell on one
line, no styles shown) and says None otherwise; `show` then leaves the table to Rich. These tests
compare the two writers on the commands' real tables and on generated ones.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.output.fitted import FittedTable, _one_column_each

from .conftest import BUNDLED

STATES = ("BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV", "NI", "NW", "RP", "SH", "SL", "SN", "TH")


def rich_text(table: FittedTable, width: int) -> str:
    """What Rich prints for the table on a console that shows no styles (a pipe, a file)."""
    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=width, highlight=False, soft_wrap=False).print(table)
    return out.getvalue()


def run(
    path: Path,
    *args: str,
    lang: str,
    columns: str | None,
    rich: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    """A command's stdout as a pipe gets it, drawn by our writer or (`rich`) by Rich."""
    terminal = sys.modules["netzwerk_cli.cli.terminal"]
    with monkeypatch.context() as patch:
        if rich:
            patch.setattr(terminal, "plain_width", lambda: None)
        if columns is not None:
            patch.setenv("COLUMNS", columns)
        result = CliRunner().invoke(
            app, [*args, "-f", str(path), "--today", "2026-11-24", "--lang", lang]
        )
    assert result.exit_code == 0, result.output
    return result.stdout


def large_network(members: int = 60, meetings: int = 400) -> str:
    """A network with long names, umlauts, month-only and cancelled meetings, and holidays."""
    lines = ["[network]", 'name = "Großes Netzwerk – Süd"', 'cadence = "FREQ=MONTHLY;BYDAY=1WE"']
    lines += ["start = 10:00:00", ""]
    for i in range(members):
        lines += [
            "[[members]]",
            f'id = "M{i:03d}"',
            f'name = "Landkreis {"Übach-" * (i % 4)}Nörd {i:03d}"',
            f'seat = "Stadt {i:03d}"',
            f'state = "{STATES[i % len(STATES)]}"',
            *(["hosts = false"] if i % 17 == 5 else []),
            *(["left = 2020-01-01"] if i % 23 == 7 else []),
            "",
        ]
    for j in range(meetings):
        year, month = 1990 + j // 12, j % 12 + 1
        date = f'"{year}-{month:02d}"' if j % 11 == 3 else f"{year}-{month:02d}-{j % 27 + 1:02d}"
        lines += [
            "[[meetings]]",
            f"date = {date}",
            f'host = "M{j % members:03d}"',
            *(['status = "cancelled"'] if j % 13 == 0 else []),
            *([f'title = "Treffen Nr. {j + 1} „Integration“"'] if j % 3 else []),
            "",
        ]
    return "\n".join(lines)


COMMANDS = [["schedule"], ["schedule", "--count", "40"], ["members"], ["history"]]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("columns", [None, "80", "300"])
@pytest.mark.parametrize("command", COMMANDS)
def test_the_commands_print_what_rich_prints(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    columns: str | None,
    lang: str,
) -> None:
    for name, text in (
        ("bundled.toml", BUNDLED.read_text(encoding="utf-8")),
        ("large.toml", large_network()),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        ours = run(path, *command, lang=lang, columns=columns, rich=False, monkeypatch=monkeypatch)
        theirs = run(path, *command, lang=lang, columns=columns, rich=True, monkeypatch=monkeypatch)
        assert ours == theirs


def test_the_large_members_table_is_written_without_rich(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer is really used for the benchmark's case (400 rows into a pipe), and Rich is
    not even imported."""
    path = tmp_path / "network.toml"
    path.write_text(large_network(members=400, meetings=50), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    code = (
        "import sys\n"
        "from netzwerk_cli.cli import main\n"
        f"sys.argv = ['netzwerk', 'members', '-f', {str(path)!r}, '--today', '2026-11-24']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('rich imported' if 'rich' in sys.modules else 'no rich')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.stderr.endswith("no rich"), result.stderr
    assert len(result.stdout.splitlines()) == 403
    assert result.stdout == run(
        path, "members", lang="en", columns=None, rich=True, monkeypatch=monkeypatch
    )


def test_forced_colour_and_terminals_are_left_to_rich(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netzwerk_cli.cli.terminal import plain_width

    assert plain_width() == 200  # CliRunner's stdout is no terminal
    monkeypatch.setenv("COLUMNS", "72")
    assert plain_width() == 72
    monkeypatch.setenv("COLUMNS", "wide")
    assert plain_width() is None  # Rich would ask the terminal
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert plain_width() is None
    monkeypatch.setenv("FORCE_COLOR", "")
    assert plain_width() == 200  # Rich: an empty FORCE_COLOR forces nothing
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert plain_width() is None
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert plain_width() == 200  # TTY_COMPATIBLE=0 wins over FORCE_COLOR in Rich
    monkeypatch.delenv("TTY_COMPATIBLE")
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert plain_width() is None


def test_the_characters_taken_as_one_column_are_one_column_for_rich() -> None:
    from rich.cells import cell_len

    candidates = [chr(c) for c in range(0x3000)]
    ours = [c for c in candidates if _one_column_each(c)]
    assert len(ours) > 700
    assert all(cell_len(c) == 1 for c in ours), [c for c in ours if cell_len(c) != 1]
    for other in ("\n", "\t", "\x85", "\u0301", "\u2028", "漢", "😀", "\u200b", "\x00"):
        assert not _one_column_each(other)


# Letters, spaces (also two in a row), punctuation and umlauts; and, in some tables, characters
# that are not one column wide or break a line, which the writer must leave to Rich.
ONE_COLUMN = "abcXYZ09  -.,;()äöüßÄÉé–„“…"
OTHERS = "\u0301漢\t\n"


@settings(max_examples=400, deadline=None)
@given(data=st.data(), others=st.booleans(), width=st.integers(min_value=1, max_value=120))
def test_generated_tables_are_written_as_rich_writes_them(
    data: st.DataObject, others: bool, width: int
) -> None:
    alphabet = ONE_COLUMN + (OTHERS if others else "")
    words = st.text(alphabet=st.sampled_from(list(alphabet)), max_size=14)
    count = data.draw(st.integers(min_value=1, max_value=5))
    columns = [
        (
            data.draw(words.filter(bool)),
            data.draw(st.sampled_from(["left", "right"])),
            data.draw(st.booleans()),
        )
        for _ in range(count)
    ]
    rows = data.draw(
        st.lists(
            st.lists(
                st.one_of(words, st.tuples(words, st.sampled_from(["red strike", "dim"]))),
                min_size=count,
                max_size=count,
            ),
            max_size=6,
        )
    )
    table = FittedTable(data.draw(words), columns, rows)  # type: ignore[arg-type]
    ours = table.plain_text(width)
    if ours is not None:
        assert ours == rich_text(table, width)
    if not others and rows and width == 120 and len(table.title) <= 4 * count - 3:
        # Short one-column words in a table wide enough for them and its title (every column
        # is at least one wide, every rule three): never left to Rich.
        assert ours is not None


def test_a_table_that_must_wrap_is_left_to_rich() -> None:
    table = FittedTable(
        "Netzwerk: members",
        [("Member", "left", True), ("Seat", "left", True)],
        [["Landkreis Hersfeld-Rotenburg (HEF)", "Bad Hersfeld"]],
    )
    assert table.plain_text(49) == rich_text(table, 49)
    assert table.plain_text(48) is None  # one column too narrow: the member's name wraps
    assert "Landkreis" in rich_text(table, 48)


def test_a_wrapping_column_of_blanks_is_drawn() -> None:
    """A wrapping column whose header and cells hold no word (Hypothesis found one: a header of a
    space) has nothing to fit; Rich drew nothing before, as `max` of no pieces failed."""
    table = FittedTable("t", [(" ", "left", True), ("0", "left", False)], [["", "0"]])
    assert "0" in rich_text(table, 9)
