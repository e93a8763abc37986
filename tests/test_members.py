"""`netzwerk member edit`, `rejoin` and `remove`, and what `member leave` says (issue 27).

Every change is a comment-preserving cut of the file: the tests compare the whole text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from netzwerk_cli.cli import app

from .test_edit_support import assert_untouched, refused, run, snapshot

# Three members with comments on their lines, and a history: C hosted in 2024, left at the end of
# 2024, A and B went on alone in 2025.
THREE = """\
[network]
name = "Netz"   # the name

# The members, in rotation order.

[[members]]
id = "A"
name = "Kreis A"
seat = "Sitz A"   # the seat
state = "BY"

[[members]]
id = "B"
name = "Kreis B"
seat = "Sitz B"
state = "BY"

[[members]]
id = "C"        # rejoins one day
name = "Kreis C"
seat = "Sitz C"
state = "BY"
left = 2025-01-01   # said so in December

# The meetings.

[[meetings]]
date = 2024-03-01
host = "A"
status = "held"

[[meetings]]
date = 2024-06-01
host = "B"
status = "held"

[[meetings]]
date = 2024-09-01
host = "C"
status = "held"
attended = ["A", "C"]

[[meetings]]
date = 2025-03-01
host = "A"
status = "held"

[[meetings]]
date = 2025-06-01
host = "B"
status = "held"

[[meetings]]
date = 2025-09-01
host = "A"
status = "held"
"""

TODAY = dt.date(2026, 1, 10)


@pytest.fixture
def three(tmp_path: Path) -> Path:
    path = tmp_path / "network.toml"
    path.write_text(THREE, encoding="utf-8")
    return path


def go(runner: CliRunner, path: Path, *args: str, today: dt.date = TODAY, lang: str = "en") -> str:
    """Run a command that must succeed; its stderr (the summary) and stdout, together."""
    result = run(runner, path, *args, "--lang", lang, today=today)
    assert result.exit_code == 0, result.output
    return result.stdout + result.stderr


def fails(runner: CliRunner, path: Path, *args: str, message: str, today: dt.date = TODAY) -> None:
    before = snapshot(path)
    refused(run(runner, path, *args, today=today), message)
    assert_untouched(path, before)


# --- the command group ----------------------------------------------------------------------


def test_the_member_group_lives_in_its_own_module_and_lists_every_command(
    runner: CliRunner,
) -> None:
    from netzwerk_cli.cli import edit, members
    from netzwerk_cli.cli.app import COMMAND_MODULES

    assert COMMAND_MODULES["member"] == "members"
    assert [g.name for g in members.commands.registered_groups] == ["member"]
    assert not edit.commands.registered_groups
    result = runner.invoke(app, ["member", "--help"])
    for command in ("add", "edit", "leave", "rejoin", "remove"):
        assert f"  {command} " in result.stdout


@pytest.mark.parametrize("command", ["edit", "rejoin", "remove"])
def test_the_new_commands_speak_german_in_their_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, ["member", command, "--help", "--lang", "de"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Aufruf: netzwerk member")
    english = {
        "edit": "Change a member's",
        "rejoin": "A district that left",
        "remove": "Take out a member",
    }[command]
    assert english not in result.stdout


def test_rejoin_help_says_which_way_a_member_rejoins(runner: CliRunner) -> None:
    text = " ".join(runner.invoke(app, ["member", "rejoin", "--help"]).stdout.split())
    assert "`left` goes, and the time away" in text
    assert "kept in its `away` list" in text
    german = " ".join(
        runner.invoke(app, ["member", "rejoin", "--help", "--lang", "de"]).stdout.split()
    )
    assert "in seiner Liste „away“ festgehalten" in german


# --- member edit ----------------------------------------------------------------------------


def test_edit_changes_name_seat_state_and_contacts_and_nothing_else(
    runner: CliRunner, three: Path
) -> None:
    said = go(
        runner,
        three,
        "member",
        "edit",
        "A",
        "--name",
        "Landkreis A",
        "--seat",
        "Neustadt",
        "--state",
        "HE",
        "--contact",
        "Eva Muster <eva@a.de>",
        "--contact",
        "info@a.de",
    )
    assert said == (
        "Changed member A (Kreis A): name Landkreis A (was Kreis A); seat Neustadt (was Sitz A); "
        "state HE (was BY); contacts Eva Muster <eva@a.de>, info@a.de (was none).\n"
        "Note: 3 meetings held by A name no venue of their own (2024-03-01, 2025-03-01, "
        '2025-09-01) and now show the new seat; to keep the old one, write venue = "Sitz A" in '
        "them.\n"
    )
    assert three.read_text(encoding="utf-8") == THREE.replace(
        'name = "Kreis A"\nseat = "Sitz A"   # the seat\nstate = "BY"\n',
        'name = "Landkreis A"\nseat = "Neustadt"  # the seat\nstate = "HE"\n'
        'contacts = ["Eva Muster <eva@a.de>", "info@a.de"]\n',
    )


def test_edit_in_german(runner: CliRunner, three: Path) -> None:
    said = go(runner, three, "member", "edit", "B", "--seat", "Neustadt", lang="de")
    assert said == (
        "Mitglied B (Kreis B) wurde geändert: Sitz Neustadt (bisher: Sitz B).\n"
        "Hinweis: Bei 2 Treffen mit Gastgeber B ist kein eigener Ort eingetragen (01.06.2024, "
        "01.06.2025); dort erscheint jetzt der neue Sitz. Um den bisherigen zu behalten, tragen "
        'Sie dort venue = "Sitz B" ein.\n'
    )


def test_edit_replaces_the_contacts_and_no_contacts_takes_them_out(
    runner: CliRunner, three: Path
) -> None:
    go(runner, three, "member", "edit", "C", "--contact", "c@c.de")
    with_one = three.read_text(encoding="utf-8")
    assert 'left = 2025-01-01   # said so in December\ncontacts = ["c@c.de"]\n' in with_one
    said = go(runner, three, "member", "edit", "C", "--contact", "Chef <chef@c.de>")
    assert said == ("Changed member C (Kreis C): contacts Chef <chef@c.de> (was c@c.de).\n")
    said = go(runner, three, "member", "edit", "C", "--no-contacts", lang="de")
    assert (
        said == "Mitglied C (Kreis C) wurde geändert: Kontakte keine (bisher: Chef <chef@c.de>).\n"
    )
    assert three.read_text(encoding="utf-8") == THREE


def test_edit_dry_run_shows_the_diff_and_writes_nothing(runner: CliRunner, three: Path) -> None:
    before = snapshot(three)
    result = run(runner, three, "member", "edit", "B", "--name", "Landkreis B", "--dry-run")
    assert result.exit_code == 0
    assert '-name = "Kreis B"\n+name = "Landkreis B"\n' in result.stdout
    assert result.stderr == (
        "Changed member B (Kreis B): name Landkreis B (was Kreis B). (dry run: nothing written)\n"
    )
    assert_untouched(three, before)


def test_edit_refusals(runner: CliRunner, three: Path) -> None:
    fails(
        runner,
        three,
        "member",
        "edit",
        "A",
        "--seat",
        "Sitz A",
        message="nothing to change: A (Kreis A) has that already; give another --name, --seat, "
        "--state or --contact",
    )
    fails(
        runner,
        three,
        "member",
        "edit",
        "A",
        "--state",
        "XX",
        message=f"{three}: nothing written, the change would make the file invalid: members[1] "
        "(A): state 'XX' is not a German state code (BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, "
        "SH, SL, SN, ST, TH)",
    )
    fails(
        runner,
        three,
        "member",
        "edit",
        "A",
        "--contact",
        "nobody",
        message=f"{three}: nothing written, the change would make the file invalid: members[1] "
        "(A): contacts[1] 'nobody' is not an e-mail address (e.g. \"Vorname Name "
        '<name@example.de>" or "name@example.de")',
    )


def test_edit_without_a_change_is_a_usage_error(runner: CliRunner, three: Path) -> None:
    before = snapshot(three)
    result = run(runner, three, "member", "edit", "A")
    assert result.exit_code == 2
    assert "give what changes: --name, --seat, --state or --contact" in result.stderr
    german = run(runner, three, "member", "edit", "A", "--lang", "de")
    assert german.exit_code == 2
    assert "Geben Sie an, was sich ändert" in german.stderr
    both = run(runner, three, "member", "edit", "A", "--contact", "a@a.de", "--no-contacts")
    assert both.exit_code == 2
    assert "give --contact or --no-contacts, not both" in both.stderr
    assert_untouched(three, before)


def test_add_takes_contacts(runner: CliRunner, three: Path) -> None:
    go(
        runner,
        three,
        "member",
        "add",
        "D",
        "--name",
        "Kreis D",
        "--seat",
        "Sitz D",
        "--state",
        "BY",
        "--contact",
        "Eva <eva@d.de>",
    )
    text = three.read_text(encoding="utf-8")
    assert 'state = "BY"\ncontacts = ["Eva <eva@d.de>"]\n\n# The meetings.' in text
    members = json.loads(go(runner, three, "members", "--json"))
    assert [m["id"] for m in members] == ["A", "B", "C", "D"]


# --- member rejoin --------------------------------------------------------------------------


def test_rejoin_keeps_the_time_away_and_only_that_changes(runner: CliRunner, three: Path) -> None:
    said = go(runner, three, "member", "rejoin", "C", "--date", "2026-02-01")
    assert said == (
        "C (Kreis C) belongs to the network again from 2026-02-01 and hosts in turn again; its "
        "past meetings stay, and the file keeps its time away (2025-01-01 to 2026-02-01).\n"
    )
    assert three.read_text(encoding="utf-8") == THREE.replace(
        'state = "BY"\nleft = 2025-01-01   # said so in December\n',
        'state = "BY"\naway = [[2025-01-01, 2026-02-01]]\n',
    )


def test_rejoin_in_german(runner: CliRunner, three: Path) -> None:
    said = go(runner, three, "member", "rejoin", "C", "--date", "2026-02-01", lang="de")
    assert said == (
        "C (Kreis C) gehört ab dem 01.02.2026 wieder zum Netzwerk und ist im Turnus wieder "
        "Gastgeber; seine bisherigen Treffen bleiben erhalten, und die Zeit dazwischen ist in der "
        "Datei festgehalten (vom 01.01.2025 bis zum 01.02.2026).\n"
    )


def _next_host(runner: CliRunner, path: Path, today: dt.date) -> dict[str, object]:
    data = json.loads(go(runner, path, "next-host", "--json", today=today))
    assert isinstance(data, dict)
    return data


def test_a_rejoined_member_hosts_again_in_turn_and_keeps_its_history(
    runner: CliRunner, three: Path
) -> None:
    # Before: A and B take turns, C is gone.
    assert _next_host(runner, three, TODAY)["host"] == "B"
    go(runner, three, "member", "rejoin", "C", "--date", "2026-02-01")
    # While it is still away, it does not host; the round so far (A) goes on with B, then C.
    assert _next_host(runner, three, TODAY)["host"] == "B"
    fails(
        runner,
        three,
        "plan",
        "2026-01-20",
        "--host",
        "C",
        message="C cannot host on 2026-01-20: it belongs to the network again only from 2026-02-01",
    )
    go(runner, three, "record", "2026-03-01", "--host", "B", today=dt.date(2026, 3, 2))
    turn = _next_host(runner, three, dt.date(2026, 3, 2))
    assert turn["host"] == "C"
    go(runner, three, "record", "2026-06-01", today=dt.date(2026, 6, 2))
    history = json.loads(go(runner, three, "history", "--json", today=dt.date(2026, 6, 2)))
    hosts = [(m["date"], m["host"]) for m in history]
    assert hosts == [
        ("2024-03-01", "A"),
        ("2024-06-01", "B"),
        ("2024-09-01", "C"),
        ("2025-03-01", "A"),
        ("2025-06-01", "B"),
        ("2025-09-01", "A"),
        ("2026-03-01", "B"),
        ("2026-06-01", "C"),
    ]
    # A new round begins with A: every member that can host has hosted.
    assert _next_host(runner, three, dt.date(2026, 6, 2))["host"] == "A"
    members = json.loads(go(runner, three, "members", "--json", today=dt.date(2026, 6, 2)))
    c = next(m for m in members if m["id"] == "C")
    assert (c["hosted"], c["last_hosted"], c["left"], c["can_host_now"]) == (
        2,
        "2026-06-01",
        None,
        True,
    )


def test_the_rotation_of_the_time_away_stays_as_it_was(three: Path) -> None:
    """The replay of 2025 (A and B alone, rounds of two) is the same before and after the rejoin:
    the rounds do not wait for C while it was away."""
    from netzwerk_cli.core.rotation import replay
    from netzwerk_cli.file.store import parse_network

    before = parse_network(THREE, source="x", today=TODAY)
    after = parse_network(
        THREE.replace(
            "left = 2025-01-01   # said so in December", "away = [[2025-01-01, 2026-02-01]]"
        ),
        source="x",
        today=TODAY,
    )
    assert replay(before, undated_on=None).round_hosts == ("A",)
    assert replay(after, undated_on=None).round_hosts == ("A",)
    assert not after.member("C").can_host_on(dt.date(2025, 6, 1))
    assert after.member("C").can_host_on(dt.date(2026, 2, 1))


def test_least_recent_gives_a_rejoined_member_its_turn(runner: CliRunner, three: Path) -> None:
    three.write_text(
        THREE.replace('name = "Netz"   # the name\n', 'name = "Netz"\nrotation = "least-recent"\n'),
        encoding="utf-8",
    )
    assert _next_host(runner, three, TODAY)["host"] == "B"
    go(runner, three, "member", "rejoin", "C", "--date", "2026-01-10")
    assert _next_host(runner, three, TODAY)["host"] == "C"


def test_members_table_says_when_it_rejoins(runner: CliRunner, three: Path) -> None:
    go(runner, three, "member", "rejoin", "C", "--date", "2026-02-01")
    assert "no (rejoins 2026-02-01)" in go(runner, three, "members")
    assert "nein (tritt am 01.02.2026 wieder ein)" in go(runner, three, "members", lang="de")


def test_rejoin_on_the_day_it_left_takes_the_leaving_back(runner: CliRunner, three: Path) -> None:
    said = go(runner, three, "member", "rejoin", "C", "--date", "2025-01-01", lang="de")
    assert said == (
        "C (Kreis C) tritt nun doch nicht am 01.01.2025 aus: Der Austritt ist zurückgenommen; das "
        "Mitglied bleibt im Netzwerk und ist weiter im Turnus Gastgeber.\n"
    )
    assert three.read_text(encoding="utf-8") == THREE.replace(
        "left = 2025-01-01   # said so in December\n", ""
    )


def test_leave_rejoin_leave_rejoin(runner: CliRunner, three: Path) -> None:
    go(runner, three, "member", "rejoin", "C", "--date", "2026-02-01")
    fails(
        runner,
        three,
        "member",
        "leave",
        "C",
        "--date",
        "2026-02-01",
        message="C cannot leave on 2026-02-01: it rejoined on 2026-02-01, and must leave after "
        "that",
    )
    go(runner, three, "member", "leave", "C", "--date", "2027-01-01")
    go(runner, three, "member", "rejoin", "C", "--date", "2028-01-01")
    text = three.read_text(encoding="utf-8")
    assert "away = [[2025-01-01, 2026-02-01], [2027-01-01, 2028-01-01]]\n" in text
    assert "left =" not in text
    assert go(runner, three, "validate").startswith(f"{three}: valid")


def test_rejoin_refusals(runner: CliRunner, three: Path) -> None:
    fails(
        runner,
        three,
        "member",
        "rejoin",
        "A",
        "--date",
        "2026-02-01",
        message="A has not left the network, so it cannot rejoin (a member leaves with "
        "`netzwerk member leave`)",
    )
    fails(
        runner,
        three,
        "member",
        "rejoin",
        "C",
        "--date",
        "2024-12-01",
        message="C cannot rejoin on 2024-12-01: it left on 2025-01-01; give that day or a later "
        "one",
    )
    before = snapshot(three)
    result = run(runner, three, "member", "rejoin", "C", "--date", "2024-12-01", "--lang", "de")
    assert result.stderr == (
        "netzwerk: C kann nicht am 01.12.2024 wieder eintreten: Der Austritt gilt ab dem "
        "01.01.2025; geben Sie diesen oder einen späteren Tag an\n"
    )
    assert_untouched(three, before)


@pytest.mark.parametrize(
    ("away", "problem"),
    [
        (
            '"2025"',
            "away must be a list of periods, each [the day it left, the day it rejoined], e.g. "
            "[[2025-01-01, 2026-07-01]], got text ('2025')",
        ),
        (
            "[[2026-01-01, 2025-01-01]]",
            "away[1] (2026-01-01 to 2025-01-01) must end after it begins, begin after joined and "
            "after the period before it, and end before left",
        ),
        (
            "[[2025-01-01, 2025-06-01], [2025-05-01, 2025-08-01]]",
            "away[2] (2025-05-01 to 2025-08-01) must end after it begins, begin after joined and "
            "after the period before it, and end before left",
        ),
    ],
)
def test_the_file_checks_away(
    write_network: Callable[..., Path], runner: CliRunner, away: str, problem: str
) -> None:
    path = write_network(
        members=f'[[members]]\nid = "A"\nname = "A"\nseat = "A"\nstate = "BY"\naway = {away}\n'
    )
    result = runner.invoke(app, ["validate", "-f", str(path), "--today", "2026-01-10"])
    assert result.exit_code == 1
    assert f"members[1] (A): {problem}" in result.stderr


# --- member remove --------------------------------------------------------------------------


def test_remove_takes_out_a_member_without_meetings(runner: CliRunner, three: Path) -> None:
    go(runner, three, "member", "add", "D", "--name", "Kreis D", "--seat", "D", "--state", "BY")
    said = go(runner, three, "member", "remove", "D")
    assert said == "Removed member D (Kreis D) from the file; the rotation goes on without it.\n"
    assert three.read_text(encoding="utf-8") == THREE


def test_remove_in_the_middle_and_at_the_end_of_the_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "n.toml"
    text = (
        '[network]\nname = "N"\n\n'
        '[[members]]\nid = "A"\nname = "A"\nseat = "A"\nstate = "BY"\n\n'
        '[[members]]\nid = "B"   # by mistake\nname = "B"\nseat = "B"\nstate = "BY"\n\n'
        '[[members]]\nid = "C"\nname = "C"\nseat = "C"\nstate = "BY"\n'
    )
    path.write_text(text, encoding="utf-8")
    said = go(runner, path, "member", "remove", "B", lang="de")
    assert (
        said
        == "Mitglied B (B) wurde aus der Datei entfernt; der Turnus läuft ohne dieses Mitglied weiter.\n"
    )
    assert path.read_text(encoding="utf-8") == text.replace(
        '[[members]]\nid = "B"   # by mistake\nname = "B"\nseat = "B"\nstate = "BY"\n\n', ""
    )
    go(runner, path, "member", "remove", "C")
    assert path.read_text(encoding="utf-8") == (
        '[network]\nname = "N"\n\n[[members]]\nid = "A"\nname = "A"\nseat = "A"\nstate = "BY"\n'
    )


def test_remove_is_refused_for_a_member_that_hosted_meetings(
    runner: CliRunner, three: Path
) -> None:
    fails(
        runner,
        three,
        "member",
        "remove",
        "B",
        message="B cannot be removed: it hosts 2 meetings in the file (held, planned or "
        "cancelled: 2024-06-01, 2025-06-01); a member with meetings stays in the file, so that "
        "its history stays right: to end its membership, use `netzwerk member leave B --date "
        "DATE`",
    )


@pytest.mark.parametrize("status", ["planned", "cancelled"])
def test_remove_is_refused_for_a_planned_or_cancelled_meeting_alone(
    runner: CliRunner, tmp_path: Path, status: str
) -> None:
    path = tmp_path / "n.toml"
    path.write_text(
        '[network]\nname = "N"\n\n'
        '[[members]]\nid = "A"\nname = "A"\nseat = "A"\nstate = "BY"\n\n'
        f'[[meetings]]\ndate = 2026-04-01\nhost = "A"\nstatus = "{status}"\n',
        encoding="utf-8",
    )
    fails(
        runner,
        path,
        "member",
        "remove",
        "A",
        message="A cannot be removed: it hosts 1 meeting in the file (held, planned or "
        "cancelled: 2026-04-01); a member with meetings stays in the file, so that its history "
        "stays right: to end its membership, use `netzwerk member leave A --date DATE`",
    )
    before = snapshot(path)
    result = run(runner, path, "member", "remove", "A", "--lang", "de")
    assert result.exit_code == 1
    assert result.stderr == (
        "netzwerk: A kann nicht entfernt werden, denn das Mitglied ist Gastgeber von 1 Treffen in "
        "der Datei (abgehalten, geplant oder abgesagt: 01.04.2026). Ein Mitglied mit Treffen "
        "bleibt in der Datei, damit seine bisherigen Treffen stimmen; um die Mitgliedschaft zu "
        "beenden, verwenden Sie „netzwerk member leave A --date DATUM“\n"
    )
    assert_untouched(path, before)


def test_remove_is_refused_for_a_member_named_in_an_attendance(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "n.toml"
    path.write_text(
        '[network]\nname = "N"\n\n'
        '[[members]]\nid = "A"\nname = "A"\nseat = "A"\nstate = "BY"\n\n'
        '[[members]]\nid = "B"\nname = "B"\nseat = "B"\nstate = "BY"\n\n'
        '[[meetings]]\ndate = 2025-04-01\nhost = "A"\nstatus = "held"\nattended = ["A", "B"]\n',
        encoding="utf-8",
    )
    fails(
        runner,
        path,
        "member",
        "remove",
        "B",
        message="B cannot be removed: the attendance of 1 meeting names it (2025-04-01); a member "
        "with meetings stays in the file, so that its history stays right: to end its "
        "membership, use `netzwerk member leave B --date DATE`",
    )


def test_remove_dry_run(runner: CliRunner, three: Path) -> None:
    go(runner, three, "member", "add", "D", "--name", "Kreis D", "--seat", "D", "--state", "BY")
    before = snapshot(three)
    result = run(runner, three, "member", "remove", "D", "--dry-run")
    assert result.exit_code == 0
    assert '-[[members]]\n-id = "D"\n' in result.stdout
    assert result.stderr.endswith("(dry run: nothing written)\n")
    assert_untouched(three, before)


# --- member leave: what it says -------------------------------------------------------------


def test_leave_on_a_coming_day_says_it_leaves_then(runner: CliRunner, three: Path) -> None:
    said = go(runner, three, "member", "leave", "B", "--date", "2027-05-01", lang="de")
    assert said.startswith("B (Kreis B) tritt am 01.05.2027 aus: Das Mitglied bleibt")
    assert "ausgetreten" not in said
    three.write_text(THREE, encoding="utf-8")
    said = go(runner, three, "member", "leave", "B", "--date", "2027-05-01")
    assert said == (
        "B (Kreis B) leaves on 2027-05-01: it stays in the file with its history and hosts no "
        "more from that day.\n"
    )


def test_leave_on_a_past_day_says_it_left(runner: CliRunner, three: Path) -> None:
    said = go(runner, three, "member", "leave", "B", "--date", "2025-12-01")
    assert said == (
        "B (Kreis B) left on 2025-12-01: it stays in the file with its history and hosts no "
        "more from that day.\n"
    )
    three.write_text(THREE, encoding="utf-8")
    said = go(runner, three, "member", "leave", "B", "--date", "2025-12-01", lang="de")
    assert said.startswith("B (Kreis B) ist am 01.12.2025 ausgetreten: Das Mitglied bleibt")


def test_leaving_twice_says_when(runner: CliRunner, three: Path) -> None:
    # C left on 2025-01-01, before today: it already left.
    fails(
        runner,
        three,
        "member",
        "leave",
        "C",
        "--date",
        "2026-03-01",
        message="C already left on 2025-01-01",
    )
    result = run(runner, three, "member", "leave", "C", "--date", "2026-03-01", "--lang", "de")
    assert result.stderr == "netzwerk: C ist bereits am 01.01.2025 ausgetreten\n"
    # B leaves on a coming day: a second leave says that it leaves then, not that it left.
    go(runner, three, "member", "leave", "B", "--date", "2027-05-01")
    fails(
        runner,
        three,
        "member",
        "leave",
        "B",
        "--date",
        "2027-06-01",
        message="the leaving of B is already in the file: it leaves on 2027-05-01",
    )
    result = run(runner, three, "member", "leave", "B", "--date", "2027-06-01", "--lang", "de")
    assert result.stderr == (
        "netzwerk: der Austritt von B ist bereits eingetragen: B tritt am 01.05.2027 aus\n"
    )


# --- an unknown id --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["member", "leave", "XYZ", "--date", "2026-03-01"],
        ["member", "edit", "XYZ", "--seat", "S"],
        ["member", "rejoin", "XYZ", "--date", "2026-03-01"],
        ["member", "remove", "XYZ"],
    ],
    ids=lambda c: c[1],
)
def test_an_unknown_id_is_no_member_not_no_host(
    runner: CliRunner, three: Path, command: list[str]
) -> None:
    fails(runner, three, *command, message='"XYZ" is not a member (members: A, B, C)')
    result = run(runner, three, *command, "--lang", "de")
    assert result.stderr == "netzwerk: „XYZ“ ist kein Mitglied (Mitglieder: A, B, C)\n"
    assert "Gastgeber" not in result.stderr


def test_an_unknown_id_in_a_network_without_members(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "n.toml"
    path.write_text('[network]\nname = "N"\n', encoding="utf-8")
    fails(runner, path, "member", "remove", "A", message='"A" is not a member (members: none yet)')


# --- the text surgery -----------------------------------------------------------------------


def test_set_keys_can_take_a_key_out_with_its_comment_and_nothing_else() -> None:
    from netzwerk_cli.core.edits import SetKeys
    from netzwerk_cli.file.tomledit import apply_edit

    text = '[[members]]\nid = "A"   # one\nleft = 2025-01-01  # gone\nstate = "BY" # two\n'
    new = apply_edit(
        text,
        SetKeys(
            "members", 0, {"away": [[dt.date(2025, 1, 1), dt.date(2026, 1, 1)]]}, remove=("left",)
        ),
    )
    assert new == (
        '[[members]]\nid = "A"   # one\nstate = "BY" # two\naway = [[2025-01-01, 2026-01-01]]\n'
    )


def test_remove_table_keeps_crlf_and_the_comments_around_it() -> None:
    from netzwerk_cli.core.edits import RemoveTable
    from netzwerk_cli.file.tomledit import apply_edit

    text = (
        "# head\r\n[[members]]\r\nid = 'A'\r\n\r\n# about B\r\n[[members]]\r\nid = 'B'\r\n"
        "# inside B\r\nname = 'B'\r\n\r\n# tail\r\n"
    )
    assert apply_edit(text, RemoveTable("members", 1)) == (
        "# head\r\n[[members]]\r\nid = 'A'\r\n\r\n# about B\r\n# tail\r\n"
    )
    assert apply_edit(text, RemoveTable("members", 0)) == (
        "# head\r\n# about B\r\n[[members]]\r\nid = 'B'\r\n# inside B\r\nname = 'B'\r\n\r\n"
        "# tail\r\n"
    )


# --- the rotation's count of who can host, with periods away ---------------------------------


def _member_with_periods(draw: Any, number: int) -> Any:
    from netzwerk_cli.model import Member

    base = dt.date(2024, 1, 1)
    # Ascending distinct days: joined?, then pairs of (left, rejoined), then left?
    days = sorted(draw(st.sets(st.integers(0, 60), min_size=0, max_size=7)))
    dates = [base + dt.timedelta(days=d) for d in days]
    joined = dates.pop(0) if dates and draw(st.booleans()) else None
    left = dates.pop() if dates and draw(st.booleans()) else None
    pairs = len(dates) // 2
    away = tuple((dates[2 * i], dates[2 * i + 1]) for i in range(pairs))
    return Member(
        id=f"M{number}",
        name="N",
        seat="S",
        state="BY",
        joined=joined,
        left=left,
        away=away,
        hosts=draw(st.booleans()),
    )


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_the_rotation_counts_who_can_host_as_the_members_say(data: Any) -> None:
    from netzwerk_cli.core.rotation import RotationState, _Builder
    from netzwerk_cli.model import Network

    members = tuple(_member_with_periods(data.draw, n) for n in range(data.draw(st.integers(1, 4))))
    network = Network(name="N", members=members)
    builder = _Builder(RotationState(network))
    for offset in range(-1, 63):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
        expected = sum(1 for m in members if m.can_host_on(day))
        assert builder._eligible_count(day) == expected, (day, members)


def test_a_state_code_in_small_letters_is_taken_in_capitals(runner: CliRunner, three: Path) -> None:
    go(runner, three, "member", "add", "D", "--name", "Kreis D", "--seat", "Dheim", "--state", "by")
    go(runner, three, "member", "edit", "A", "--state", " th ")
    text = three.read_text(encoding="utf-8")
    assert 'id = "D"\nname = "Kreis D"\nseat = "Dheim"\nstate = "BY"' in text
    assert 'state = "TH"' in text and 'state = "th"' not in text and 'state = "by"' not in text


def test_a_contact_as_outlook_writes_it_is_taken_and_umlauts_stay(
    runner: CliRunner, three: Path
) -> None:
    """Outlook writes `Müller, Sabine <...>`: the comma would make two addresses; the name is put
    in quotes. What was there before is said as the file writes it, not encoded for mail."""
    first = go(
        runner, three, "member", "edit", "A", "--contact", "Müller, Sabine <sabine@a.example>"
    )
    assert 'contacts = ["\\"Müller, Sabine\\" <sabine@a.example>"]' in three.read_text(
        encoding="utf-8"
    )
    assert "=?utf-8?" not in first
    again = go(runner, three, "member", "edit", "A", "--contact", "Jörg Groß <joerg@a.example>")
    assert '(was "Müller, Sabine" <sabine@a.example>)' in again
    assert "=?utf-8?" not in again
    assert 'contacts = ["Jörg Groß <joerg@a.example>"]' in three.read_text(encoding="utf-8")
