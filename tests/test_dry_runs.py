"""A dry run changes nothing: no lock file, no record, no cache, no output file, no event on a
server; every writing command with --dry-run, the folder listed before and after. A dry run that
has nothing to do says why."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app

from .conftest import MEMBERS, network_text, trust

TODAY = "2026-11-25"
CADENCE = 'cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\nlanguage = "de"\n'
MEETINGS = """
[[meetings]]
date = 2024-11-06
host = "WAK"
status = "held"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"
"""
CONTACTS = MEMBERS.replace('state = "HE"\n', 'state = "HE"\ncontacts = ["a@hef.example.de"]\n', 1)
MAIL = '[mail]\nfrom = "Koordination <netzwerk@example.de>"\nsmtp_host = "127.0.0.1"\n'


def snapshot(*folders: Path) -> dict[str, tuple[int, int, str]]:
    """Every file and folder under `folders` (hidden ones too), with its mode, modification
    time and content digest."""
    found: dict[str, tuple[int, int, str]] = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            for name in dirs + files:
                path = Path(root) / name
                info = path.lstat()
                digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
                found[str(path)] = (info.st_mode, info.st_mtime_ns, digest)
    return found


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder for the network, with the user's home and cache folder in it."""
    (tmp_path / "home").mkdir()
    (tmp_path / "cache").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, body: str = MEETINGS + MAIL, members: str = CONTACTS) -> Path:
    path = folder / "network.toml"
    path.write_text(network_text(body, header=CADENCE, members=members), encoding="utf-8")
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(app, [*args, "--today", TODAY])


DRY_RUNS = {
    "record": ["record", "2026-11-20", "--host", "ESW", "--dry-run"],
    "plan": ["plan", "--new", "--dry-run"],  # takes the cadence's next date: asks the holidays
    "plan a date": ["plan", "2027-11-03", "--host", "FD", "--dry-run"],
    "cancel": ["cancel", "2027-04-07", "--dry-run"],
    "member add": [
        "member",
        "add",
        "SM",
        "--name",
        "Schmalkalden-Meiningen",
        "--seat",
        "Meiningen",
        "--state",
        "TH",
        "--dry-run",
    ],
    "member leave": ["member", "leave", "FD", "--date", "2027-01-01", "--dry-run"],
    "init": ["init", "-f", "new.toml", "--dry-run"],
    "init with everything": [
        "init",
        "-f",
        "new.toml",
        "--dry-run",
        "--member",
        "NU;Neu-Ulm;Neu-Ulm;BY",
        "--cadence",
        "alle zwei Wochen am Montag",
        "--time",
        "10:00",
    ],
    "cadence": ["cadence", "alle drei Monate am ersten Mittwoch", "--time", "10:00", "--dry-run"],
    "invite": ["invite", "--dry-run"],
    "invite --outbox": ["invite", "--dry-run", "--outbox", "outbox"],
    "publish a folder": ["publish", "--dry-run"],
}


@pytest.mark.parametrize("command", DRY_RUNS)
def test_a_dry_run_changes_nothing_anywhere(home: Path, command: str) -> None:
    body = MEETINGS + MAIL
    if command == "publish a folder":
        body += '[publish]\nfolder = "www"\n'
        (home / "www").mkdir()
    if command == "invite --outbox":
        (home / "outbox").mkdir()
    path = trust(write(home, body))  # the server settings, as a coordinator trusts them
    args = DRY_RUNS[command]
    if "-f" not in args:
        args = [*args, "-f", str(path)]
    before = snapshot(home)
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.output  # it says what it would do
    assert snapshot(home) == before


def test_a_dry_run_of_publish_puts_nothing_on_the_server(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .test_publish import PASSWORD, USER, running_radicale

    monkeypatch.setenv("NETZWERK_CALDAV_PASSWORD", PASSWORD)
    server_root = home / "server"
    server_root.mkdir()
    with running_radicale(server_root) as radicale:
        calendar = radicale.new_calendar()
        publish = f'[publish]\ncaldav = "{calendar}"\ncaldav_user = "{USER}"\n'
        path = trust(write(home / "home", MEETINGS + publish))
        before = snapshot(home / "home", home / "cache")
        result = run("publish", "--dry-run", "-f", str(path))
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("Calendar (dry run): 5 new, 0 changed, 0 deleted")
        assert snapshot(home / "home", home / "cache") == before
        assert radicale.events(calendar) == {}


# --- a dry run with nothing to do says why ---------------------------------------------------

BUNDLED_LIKE = """
[[meetings]]
date = 2024-11-06
host = "WAK"
status = "held"

[[meetings]]
host = "ESW"
status = "planned"
"""


def test_invite_names_the_meeting_without_a_date_and_the_date_to_plan(home: Path) -> None:
    path = write(home, BUNDLED_LIKE + MAIL)
    before = snapshot(home)
    result = run("invite", "--dry-run", "-f", str(path), "--lang", "de")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "Nichts zu verschicken, denn das geplante Treffen von ESW hat noch kein Datum "
        "(netzwerk plan 2027-04-07 legt es fest).\n"
    )
    english = run("invite", "--dry-run", "-f", str(path), "--json")
    assert english.stdout == "[]\n"
    assert english.stderr == (
        "Nothing to send: the planned meeting of ESW has no date yet "
        "(netzwerk plan 2027-04-07 fixes it).\n"
    )
    assert snapshot(home) == before
    # The command it names does what it says: the meeting is dated, and then it is due.
    assert run("plan", "2027-04-07", "-f", str(path)).exit_code == 0
    due = run("invite", "--dry-run", "-f", str(path))
    assert due.stdout.startswith("Would send an invitation (new meeting): 2027-04-07 Eschwege")


def test_invite_without_a_cadence_or_plan_says_so(home: Path) -> None:
    held = '[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\nstatus = "held"\n'
    path = home / "network.toml"
    path.write_text(network_text(held + MAIL, members=CONTACTS), encoding="utf-8")
    result = run("invite", "--dry-run", "-f", str(path))
    assert result.stderr == (
        "Nothing to send: no meeting is planned from 2026-11-25 on (netzwerk plan plans one).\n"
    )
    undated = held + '[[meetings]]\nhost = "ESW"\nstatus = "planned"\n'
    path.write_text(network_text(undated + MAIL, members=CONTACTS), encoding="utf-8")
    result = run("invite", "--dry-run", "-f", str(path))
    assert result.stderr == (
        "Nothing to send: the planned meeting of ESW has no date yet "
        "(netzwerk plan YYYY-MM-DD fixes it).\n"
    )


def test_invite_after_everything_was_sent_says_so(home: Path) -> None:
    path = write(home)
    (home / "outbox").mkdir()
    sent = run("invite", "--outbox", "outbox", "-f", str(path))
    assert sent.exit_code == 0, sent.output
    result = run("invite", "--dry-run", "-f", str(path), "--lang", "de")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "Nichts zu verschicken: Die Einladungen sind schon verschickt, und seither hat sich kein "
        "Treffen geändert.\n"
    )
    # A real run without changes stays silent, as cron wants it.
    assert run("invite", "--outbox", "outbox", "-f", str(path)).output == ""


def test_publish_with_nothing_to_do_says_why_on_a_dry_run_only(home: Path) -> None:
    (home / "www").mkdir()
    path = trust(write(home, MEETINGS + '[publish]\nfolder = "www"\n'))
    assert run("publish", "-f", str(path)).exit_code == 0
    quiet = run("publish", "-f", str(path))
    assert (quiet.exit_code, quiet.output) == (0, "")
    dry = run("publish", "--dry-run", "-f", str(path), "--lang", "de")
    assert (dry.exit_code, dry.stdout) == (0, "")
    assert dry.stderr == (
        "Nichts zu veröffentlichen: Das Veröffentlichte zeigt den Plan schon so, wie ihn die "
        "Datei enthält.\n"
    )


@pytest.mark.parametrize("command", ["invite", "invite --outbox", "publish a folder"])
def test_a_dry_run_keeps_no_parsed_large_file_in_the_cache(home: Path, command: str) -> None:
    """A network file large enough for the network cache (`file.networkcache`): the dry run reads it
    and writes no slot; the same command without --dry-run would."""
    body = MEETINGS + MAIL + "\n# " + "Protokoll " * 7000 + "\n"
    if command == "publish a folder":
        body = MEETINGS + MAIL + '[publish]\nfolder = "www"\n' + body.removeprefix(MEETINGS + MAIL)
        (home / "www").mkdir()
    if command == "invite --outbox":
        (home / "outbox").mkdir()
    path = trust(write(home, body))
    for slot in (home / "cache" / "netzwerk").glob("network-*.pickle"):  # trust's own read kept one
        slot.unlink()
    before = snapshot(home)
    assert run(*DRY_RUNS[command], "-f", str(path)).exit_code == 0
    assert snapshot(home) == before
    assert run("next-host", "-f", str(path)).exit_code == 0
    assert list((home / "cache" / "netzwerk").glob("network-*.pickle"))
