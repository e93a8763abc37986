"""The question commands as a user runs them: next-host, members, history, schedule."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app

from .conftest import BUNDLED

ANSI = "\x1b["


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=env)


def test_next_host_on_the_bundled_file_is_eschwege(runner: CliRunner, network_file: Path) -> None:
    result = run(runner, "next-host", "-f", str(network_file), "--today", "2024-11-24")
    assert result.exit_code == 0, result.output
    assert "Werra-Meißner-Kreis (ESW)" in result.stdout
    assert "Eschwege" in result.stdout
    assert "2025-04-02 (Wed)" in result.stdout


def test_next_host_json(runner: CliRunner, network_file: Path) -> None:
    result = run(runner, "next-host", "--json", "-f", str(network_file), "--today", "2024-11-24")
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("id", "name", "venue", "date", "status")} == {
        "id": "ESW",
        "name": "Werra-Meißner-Kreis",
        "venue": "Eschwege",
        "date": "2025-04-02",
        "status": "planned",
    }
    assert data["reason"].startswith("Werra-Meißner-Kreis hosts the meeting planned in the file")
    assert "Meißner" in result.stdout  # UTF-8 as is, no \\u escapes


def test_next_host_without_a_cadence_has_no_date(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network('[[meetings]]\ndate = 2024-11-06\nhost = "HEF"\n')
    data = json.loads(run(runner, "next-host", "--json", "-f", str(path)).stdout)
    assert (data["id"], data["date"]) == ("WAK", None)


def test_file_and_today_from_the_environment(runner: CliRunner, network_file: Path) -> None:
    env = {"NETZWERK_FILE": str(network_file), "NETZWERK_TODAY": "2024-11-24"}
    data = json.loads(run(runner, "next-host", "--json", env=env).stdout)
    assert data["date"] == "2025-04-02"


def test_the_default_file_is_network_toml_here(
    runner: CliRunner, network_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(network_file.parent)
    assert run(runner, "next-host", "--json").exit_code == 0


def test_members_table_and_json(runner: CliRunner, network_file: Path) -> None:
    result = run(runner, "members", "-f", str(network_file), "--today", "2026-11-24")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    order = [
        next(i for i, line in enumerate(lines) if f"({ident}) " in line)
        for ident in ("HEF", "WAK", "ESW", "FD")
    ]
    assert order == sorted(order)
    data = json.loads(run(runner, "members", "--json", "-f", str(network_file)).stdout)
    assert [(m["id"], m["hosted"], m["last_hosted"]) for m in data] == [
        ("HEF", 1, "2024-04"),
        ("WAK", 1, "2024-11-06"),
        ("ESW", 0, None),
        ("FD", 0, None),
    ]
    assert set(data[0]) >= {"id", "name", "seat", "state", "hosted", "last_hosted"}


def test_history_lists_held_and_cancelled_oldest_first(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(
        '[[meetings]]\ndate = 2025-04-02\nhost = "ESW"\n'
        '[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\ntitle = "[bold]2.[/bold]"\n'
        '[[meetings]]\ndate = 2025-11-05\nhost = "FD"\nstatus = "cancelled"\n'
        '[[meetings]]\ndate = 2027-04-07\nhost = "HEF"\n'
    )
    data = json.loads(
        run(runner, "history", "--json", "-f", str(path), "--today", "2026-01-01").stdout
    )
    assert [(m["date"], m["host"], m["venue"], m["status"]) for m in data] == [
        ("2024-11-06", "WAK", "Bad Salzungen", "held"),
        ("2025-04-02", "ESW", "Eschwege", "held"),
        ("2025-11-05", "FD", "Fulda", "cancelled"),
    ]
    table = run(runner, "history", "-f", str(path), "--today", "2026-01-01").stdout
    assert "[bold]2.[/bold]" in table  # a title is text, never Rich markup


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--since", "2025-01-01"), ["2025-04-02", "2025-11-05"]),
        (("--until", "2025-04-02"), ["2024-04", "2024-11-06", "2025-04-02"]),
        (("--host", "WAK"), ["2024-11-06"]),
        (("--since", "2024-04-15"), ["2024-04", "2024-11-06", "2025-04-02", "2025-11-05"]),
    ],
)
def test_history_filters(
    runner: CliRunner,
    write_network: Callable[..., Path],
    args: tuple[str, ...],
    expected: list[str],
) -> None:
    path = write_network(
        '[[meetings]]\ndate = "2024-04"\nhost = "HEF"\n[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\n'
        '[[meetings]]\ndate = 2025-04-02\nhost = "ESW"\n[[meetings]]\ndate = 2025-11-05\nhost = "FD"\n'
    )
    result = run(runner, "history", "--json", "-f", str(path), "--today", "2026-01-01", *args)
    assert [m["date"] for m in json.loads(result.stdout)] == expected


def test_history_unknown_host(runner: CliRunner, network_file: Path) -> None:
    result = run(runner, "history", "--host", "XX", "-f", str(network_file))
    assert result.exit_code == 1
    assert result.stderr == 'netzwerk: "XX" is not a member (members: HEF, WAK, ESW, FD)\n'


def test_schedule_table_and_json(runner: CliRunner, network_file: Path) -> None:
    result = run(runner, "schedule", "-f", str(network_file), "--today", "2024-11-24")
    assert result.exit_code == 0
    assert "2025-04-02" in result.stdout and "Werra-Meißner-Kreis" in result.stdout
    data = json.loads(
        run(runner, "schedule", "--json", "-f", str(network_file), "--today", "2024-11-24").stdout
    )
    assert [(r["date"], r["host"], r["status"]) for r in data] == [
        ("2025-04-02", "ESW", "planned"),
        ("2025-11-05", "FD", "proposed"),
        ("2026-04-01", "HEF", "proposed"),
        ("2026-11-04", "WAK", "proposed"),
    ]
    assert set(data[0]) >= {"date", "start", "host", "venue", "status", "moved_from", "reason"}


def test_schedule_notes_a_holiday_move(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(header='cadence = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31"\n')
    result = run(runner, "schedule", "-f", str(path), "--today", "2025-10-01", "--count", "1")
    assert "moved from 2025-10-31: Reformation Day (TH)" in result.stdout
    data = json.loads(
        run(
            runner, "schedule", "--json", "-f", str(path), "--today", "2025-10-01", "-n", "1"
        ).stdout
    )
    assert (data[0]["date"], data[0]["moved_from"], data[0]["holiday"]) == (
        "2025-11-03",
        "2025-10-31",
        "Reformation Day (TH)",
    )


def test_schedule_shows_dropped_dates(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(header='cadence = "FREQ=MONTHLY;BYMONTHDAY=31"\nholidays = "skip"\n')
    result = run(runner, "schedule", "-f", str(path), "--today", "2025-10-01", "-n", "2")
    assert "dropped" in result.stdout and "public holiday: Reformation Day (TH)" in result.stdout


def test_schedule_without_cadence_says_so(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network('[[meetings]]\nhost = "ESW"\n')
    result = run(runner, "schedule", "-f", str(path))
    assert result.exit_code == 0
    assert result.stderr == "The file sets no cadence, so only the planned meetings are listed.\n"
    assert "Werra-Meißner-Kreis" in result.stdout


def test_schedule_of_only_holidays_ends_with_a_message(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(
        header='cadence = "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"\nholidays = "skip"\n'
    )
    result = run(runner, "schedule", "--json", "-f", str(path), "--today", "2025-01-01")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "each fell on a public holiday" in result.stderr


@pytest.mark.parametrize(
    ("header", "body", "today"),
    [
        ("", "", "2024-11-24"),
        ('cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\n', "", "2025-10-20"),
        (
            'cadence = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31"\n',
            '[[meetings]]\ndate = 2024-10-31\nhost = "HEF"\n[[meetings]]\ndate = 2024-11-30\nhost = "FD"\n',
            "2025-01-01",
        ),
        (
            'rotation = "least-recent"\ncadence = "FREQ=WEEKLY;BYDAY=TH"\n',
            '[[meetings]]\ndate = 2025-05-01\nhost = "HEF"\nstatus = "cancelled"\n',
            "2025-04-28",
        ),
        (
            'cadence = "FREQ=MONTHLY;BYDAY=1MO"\n',
            '[[meetings]]\ndate = 2026-03-02\nhost = "WAK"\nstatus = "planned"\n',
            "2026-01-10",
        ),
    ],
)
def test_next_host_is_the_first_row_of_the_schedule(
    runner: CliRunner, write_network: Callable[..., Path], header: str, body: str, today: str
) -> None:
    path = write_network(body, header=header)
    for file in (path, BUNDLED):
        nxt = json.loads(
            run(runner, "next-host", "--json", "-f", str(file), "--today", today).stdout
        )
        first = json.loads(
            run(runner, "schedule", "--json", "-f", str(file), "--today", today, "-n", "1").stdout
        )
        if first:
            assert nxt == first[0]


# --- errors --------------------------------------------------------------------------------


def test_missing_file_exit_1_with_a_hint(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "next-host", "-f", str(tmp_path / "none.toml"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"netzwerk: {tmp_path / 'none.toml'}: no such file\n"
        "Start one with `netzwerk init`, or point to yours with --file FILE or NETZWERK_FILE.\n"
    )
    assert result.stdout == ""


def test_invalid_file_exit_1_and_every_command_says_where(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network('[[meetings]]\ndate = 2024-11-06\nhost = "WAKK"\n')
    for command in ("next-host", "members", "history", "schedule"):
        result = run(runner, command, "-f", str(path))
        assert result.exit_code == 1
        assert result.stderr == (
            f'netzwerk: {path}: meetings[1] (2024-11-06): host "WAKK" is not a member '
            "(members: HEF, WAK, ESW, FD)\n"
        )


def test_no_member_can_host(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network(members="")
    result = run(runner, "next-host", "-f", str(path))
    assert result.exit_code == 1
    assert "no member can host: the network has no members yet" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("next-host", "--today", "tomorrow"),
        ("next-host", "--bogus"),
        ("schedule", "--count", "0"),
        ("history", "--since", "2024-13-01"),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, network_file: Path, args: tuple[str, ...]) -> None:
    result = run(runner, *args, "-f", str(network_file))
    assert result.exit_code == 2


def test_version(runner: CliRunner) -> None:
    from netzwerk_cli import __version__

    result = run(runner, "--version")
    assert (result.exit_code, result.stdout) == (0, f"netzwerk {__version__}\n")


# --- as a process: pipes, colours, python -m -------------------------------------------------


def process(
    *args: str, cwd: Path, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("NETZWERK_") and k not in ("NO_COLOR", "FORCE_COLOR")
    }
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "netzwerk_cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_python_m_and_no_ansi_in_a_pipe(network_file: Path) -> None:
    for command in ("next-host", "members", "history", "schedule"):
        result = process(command, "--today", "2024-11-24", cwd=network_file.parent)
        assert result.returncode == 0, result.stderr
        assert ANSI not in result.stdout
        assert result.stderr == ""


COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]")


def test_no_color_is_honoured_even_when_colour_is_forced(network_file: Path) -> None:
    args = ("schedule", "--today", "2024-11-24")
    forced = process(*args, cwd=network_file.parent, extra_env={"FORCE_COLOR": "1"})
    assert COLOUR.search(forced.stdout)  # the check below could not fail without this
    plain = process(*args, cwd=network_file.parent, extra_env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.returncode == 0
    assert not COLOUR.search(plain.stdout)


def test_bad_file_as_a_process_has_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "network.toml").write_text("[network\nname=", encoding="utf-8")
    result = process("next-host", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        "netzwerk: network.toml, line 1, column 9: ] is missing after a table's name\n"
    )


def test_history_into_head_ends_quietly(tmp_path: Path, write_network: Callable[..., Path]) -> None:
    body = "".join(
        f'[[meetings]]\ndate = 20{y:02d}-0{m}-01\nhost = "HEF"\n'
        for y in range(10, 26)
        for m in range(1, 10)
    )
    path = write_network(body)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETZWERK_")}
    pipeline = f'"{sys.executable}" -m netzwerk_cli history -f "{path}" --json | head -1'
    result = subprocess.run(
        ["bash", "-c", pipeline], env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout == "[\n"
    assert result.stderr == ""


def test_next_host_loads_only_what_it_needs(network_file: Path) -> None:
    code = (
        "import sys\n"
        "from netzwerk_cli.cli import app\n"
        "try:\n"
        f"    app(['next-host', '-f', {str(network_file)!r}, '--today', '2026-11-24'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['rich', 'netzwerk_cli.cli.edit', 'netzwerk_cli.cli.calendar', 'netzwerk_cli.calendar.ical']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_history_json_start_is_the_time_the_meeting_took_place(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    # Without its own time a meeting with a day begins at the usual start, as its calendar entry
    # and its minutes say; a month, or a network without a usual start, has none.
    path = write_network(
        '[[meetings]]\ndate = "2024-04"\nhost = "HEF"\n'
        '[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\n'
        '[[meetings]]\ndate = 2025-04-02T14:00:00\nhost = "ESW"\n'
        '[[meetings]]\ndate = 2025-11-05\nhost = "FD"\nstatus = "cancelled"\n',
        header="start = 09:30:00\n",
    )
    data = json.loads(
        run(runner, "history", "--json", "-f", str(path), "--today", "2026-01-01").stdout
    )
    assert [(m["date"], m["start"]) for m in data] == [
        ("2024-04", None),
        ("2024-11-06", "2024-11-06T09:30:00"),
        ("2025-04-02", "2025-04-02T14:00:00"),
        ("2025-11-05", "2025-11-05T09:30:00"),
    ]
    path.write_text(path.read_text(encoding="utf-8").replace("start = 09:30:00\n", ""))
    data = json.loads(
        run(runner, "history", "--json", "-f", str(path), "--today", "2026-01-01").stdout
    )
    assert [m["start"] for m in data] == [None, None, "2025-04-02T14:00:00", None]


KASSEL = """
[[members]]
id = "KS"
name = "Landkreis Kassel"
seat = "Kassel"
state = "HE"
article = "der"

[[members]]
id = "WAK"
name = "Wartburgkreis"
seat = "Bad Salzungen"
state = "TH"
"""


@pytest.mark.parametrize(
    ("lang", "why"),
    [
        (
            "de",
            "Der Landkreis Kassel ist Gastgeber: Es hat noch kein Treffen stattgefunden, und der "
            "Landkreis Kassel steht im Turnus an erster Stelle.",
        ),
        (
            "en",
            "Landkreis Kassel hosts: no meeting has been held yet; it comes first in the members' "
            "order.",
        ),
    ],
)
def test_next_host_says_a_members_declared_article(
    runner: CliRunner, write_network: Callable[..., Path], lang: str, why: str
) -> None:
    """A member whose [[members]] table declares `article` is named with it in German sentences
    whose subject it is; the --json keeps the name as the file writes it."""
    path = write_network(members=KASSEL)
    shown = run(runner, "next-host", "-f", str(path), "--today", "2026-11-24", "--lang", lang)
    assert shown.stdout.splitlines()[-1].split(":", 1)[1].strip() == why
    data = json.loads(run(runner, "next-host", "--json", "-f", str(path), "--lang", lang).stdout)
    assert data["reason"] == (
        "Landkreis Kassel hosts: no meeting has been held yet; it comes first in the members' order."
    )
    planned = '[[meetings]]\ndate = 2027-03-09\nhost = "KS"\nstatus = "planned"\n'
    path.write_text(path.read_text(encoding="utf-8") + planned, encoding="utf-8")
    shown = run(runner, "next-host", "-f", str(path), "--today", "2026-11-24", "--lang", "de")
    assert shown.stdout.splitlines()[-1].endswith(
        "Der Landkreis Kassel ist Gastgeber des in der Datei für den 09.03.2027 geplanten Treffens."
    )
