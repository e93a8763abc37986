"""`netzwerk member add` and `member leave`: join last in the rotation; leave, keeping history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .test_edit_support import assert_untouched, refused, run, snapshot

NEW = ["--name", "Landkreis Schmalkalden-Meiningen", "--seat", "Meiningen", "--state", "TH"]


def test_add_puts_the_member_after_the_last_one(runner: CliRunner, network_file: Path) -> None:
    before = network_file.read_text(encoding="utf-8")
    result = run(runner, network_file, "member", "add", "SM", *NEW, "--joined", "2026-01-01")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Added member SM (Landkreis Schmalkalden-Meiningen, Meiningen, TH) from 2026-01-01, "
        "last in the rotation, after FD.\n"
    )
    assert network_file.read_text(encoding="utf-8") == before.replace(
        'seat = "Fulda"\nstate = "HE"\n\n',
        'seat = "Fulda"\nstate = "HE"\n\n'
        '[[members]]\nid = "SM"\nname = "Landkreis Schmalkalden-Meiningen"\n'
        'seat = "Meiningen"\nstate = "TH"\njoined = 2026-01-01\n\n',
    )


@pytest.mark.parametrize(
    ("member_id", "options", "message"),
    [
        ("WAK", NEW, 'member id "WAK" is already taken by Wartburgkreis'),
        (
            "SM",
            ["--name", "X", "--seat", "Y", "--state", "XX"],
            "{path}: nothing written, the change would make the file invalid: members[5] (SM): "
            "state 'XX' is not a German state code (BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, "
            "SH, SL, SN, ST, TH)",
        ),
    ],
)
def test_add_refusals_leave_the_file_untouched(
    runner: CliRunner, network_file: Path, member_id: str, options: list[str], message: str
) -> None:
    before = snapshot(network_file)
    refused(
        run(runner, network_file, "member", "add", member_id, *options),
        message.format(path=network_file),
    )
    assert_untouched(network_file, before)


def test_an_id_with_a_space_is_refused_with_every_problem(
    runner: CliRunner, network_file: Path
) -> None:
    before = snapshot(network_file)
    result = run(
        runner, network_file, "member", "add", "S M", "--name", "", "--seat", "Y", "--state", "HE"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"netzwerk: {network_file}: nothing written, the change would make the file invalid: "
        "2 problems:\n"
        "  - members[5] (S M): name is empty\n"
        "  - members[5] (S M): id 'S M' must be letters, digits, '-', '_' or '.', without spaces "
        '(e.g. "HEF")\n'
    )
    assert_untouched(network_file, before)


def test_leave_sets_left_and_keeps_the_member(runner: CliRunner, network_file: Path) -> None:
    before = network_file.read_text(encoding="utf-8")
    result = run(runner, network_file, "member", "leave", "WAK", "--date", "2027-01-01")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "WAK (Wartburgkreis) leaves on 2027-01-01: it stays in the file with its history and "
        "hosts no more from that day.\n"
    )
    assert network_file.read_text(encoding="utf-8") == before.replace(
        'seat = "Bad Salzungen"\nstate = "TH"\n',
        'seat = "Bad Salzungen"\nstate = "TH"\nleft = 2027-01-01\n',
    )
    members = run(runner, network_file, "members", "--json")
    assert members.exit_code == 0
    assert '"WAK"' in members.stdout


MEMBERS = """
[[members]]
id = "A"
name = "A"
seat = "A"
state = "HE"
joined = 2025-01-01

[[members]]
id = "B"
name = "B"
seat = "B"
state = "HE"
left = 2026-01-01

[[members]]
id = "C"
name = "C"
seat = "C"
state = "HE"
"""


@pytest.mark.parametrize(
    ("member_id", "day", "message"),
    [
        (
            "A",
            "2024-12-31",
            "A cannot leave on 2024-12-31: it joined on 2025-01-01, and must leave after that",
        ),
        (
            "A",
            "2025-01-01",
            "A cannot leave on 2025-01-01: it joined on 2025-01-01, and must leave after that",
        ),
        ("B", "2027-01-01", "B already left on 2026-01-01"),
        ("D", "2027-01-01", '"D" is not a member (members: A, B, C)'),
        (
            "C",
            "2027-01-01",
            "C hosts the meeting planned for 2027-04-07; cancel it or plan it with another host "
            "first (netzwerk plan --host ID)",
        ),
    ],
)
def test_leave_refusals_leave_the_file_untouched(
    runner: CliRunner, write_network: Callable[..., Path], member_id: str, day: str, message: str
) -> None:
    path = write_network('[[meetings]]\ndate = 2027-04-07\nhost = "C"\n', members=MEMBERS)
    before = snapshot(path)
    refused(run(runner, path, "member", "leave", member_id, "--date", day), message)
    assert_untouched(path, before)


def test_member_without_a_subcommand_shows_help(runner: CliRunner) -> None:
    from netzwerk_cli.cli import app

    result = runner.invoke(app, ["member"])
    assert "add" in result.output
    assert "leave" in result.output
