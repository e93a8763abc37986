"""Regression tests for faults an independent review found (each failed before its fix)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.core.schedule import coming_meetings
from netzwerk_cli.errors import NetworkFileError
from netzwerk_cli.file.store import parse_network
from netzwerk_cli.outside.holidaycache import HolidayCache

from .conftest import BUNDLED, TODAY, english, make_network, network_text
from .test_rotation import make_members

SEED = 'cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\n'


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_slot_filled_by_a_meeting_that_moved_is_not_proposed_again(
    runner: CliRunner, network_file: Path
) -> None:
    f = str(network_file)
    assert invoke(runner, "plan", "2027-04-07", "-f", f, "--today", "2027-03-01")[0] == 0
    assert invoke(runner, "plan", "2027-11-03", "--new", "-f", f, "--today", "2027-03-01")[0] == 0
    assert invoke(runner, "record", "2027-04-07", "-f", f, "--today", "2027-10-20")[0] == 0
    # FD's meeting, planned for the cadence date 2027-11-03, was held two days early.
    assert invoke(runner, "record", "2027-11-01", "-f", f, "--today", "2027-11-02")[0] == 0
    code, out, _ = invoke(runner, "schedule", "--json", "-f", f, "--today", "2027-11-02", "-n", "1")
    assert code == 0
    assert json.loads(out)[0]["date"] == "2028-04-05"
    code, out, err = invoke(runner, "export", "-f", f, "--today", "2027-11-02")
    assert code == 0, err
    events = icalendar.Calendar.from_ical(out).walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    held = [e for e in events if e.decoded("DTSTART") == dt.date(2027, 11, 1)]
    assert [str(e["STATUS"]) for e in held] == ["CONFIRMED"]


def test_two_events_under_one_uid_are_refused_not_overwritten(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    clash = "meeting-1.netzwerk-integration@netzwerk-cli"
    path = write_network(
        '[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\n'
        f'[[meetings]]\ndate = 2025-04-02\nhost = "ESW"\nuid = "{clash}"\n'
    )
    code, out, err = invoke(runner, "export", "-f", str(path), "--today", "2025-01-01")
    assert (code, out) == (1, "")
    assert err == (
        f"netzwerk: two calendar events would share the UID '{clash}' (2024-11-06 and "
        "2025-04-02); give one of the meetings another `uid`\n"
    )


def test_an_undated_planned_meeting_outlives_its_cadence(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(
        '[[meetings]]\nhost = "FD"\n', header='cadence = "FREQ=MONTHLY;UNTIL=20250101"\n'
    )
    code, out, err = invoke(runner, "schedule", "--json", "-f", str(path), "--today", "2026-01-01")
    assert code == 0
    assert [(r["host"], r["date"], r["status"]) for r in json.loads(out)] == [
        ("FD", None, "planned")
    ]
    assert "the cadence has no more dates" in err
    code, out, _ = invoke(runner, "next-host", "-f", str(path), "--today", "2026-01-01")
    assert "Next host: Landkreis Fulda (FD)" in out
    assert "Date:      not fixed yet\n" in out


def test_the_schedule_ends_where_no_member_can_host() -> None:
    members = make_members(("HEF", "left = 2026-03-01"), ("ESW", "left = 2026-03-01"))
    network = make_network(header='cadence = "FREQ=MONTHLY;BYDAY=1WE"\n', members=members)
    schedule = coming_meetings(
        network, today=dt.date(2026, 1, 1), holidays=HolidayCache(None), count=4
    )
    assert [r.date for r in schedule.meetings] == [dt.date(2026, 1, 7), dt.date(2026, 2, 4)]
    assert (
        english(schedule.exhausted)
        == "no member can host on 2026-03-04: every member has left, not joined yet, or has hosts = false"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            network_text('[[meetings]]\ndate = "0000-01"\nhost = "HEF"\n'),
            "meetings[1]: date '0000-01' is neither a date",
        ),
        (
            network_text(header='timezone = "Europe"\n'),
            "[network]: timezone 'Europe' is not an IANA time zone",
        ),
    ],
)
def test_more_faults_are_our_errors(text: str, expected: str) -> None:
    with pytest.raises(NetworkFileError) as info:
        parse_network(text, source="n", today=TODAY)
    assert info.value.problems[0].startswith(expected)


def test_a_file_with_a_byte_order_mark_is_read_and_keeps_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "network.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BUNDLED.read_bytes())
    assert invoke(runner, "validate", "-f", str(path))[0] == 0
    code, _, err = invoke(
        runner,
        "member",
        "add",
        "SM",
        "--name",
        "Schmalkalden-Meiningen",
        "--seat",
        "Meiningen",
        "--state",
        "TH",
        "-f",
        str(path),
    )
    assert code == 0, err
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# Die Netzwerkdatei")
    assert data.count(b"\xef\xbb\xbf") == 1
    added = b'\n[[members]]\nid = "SM"\nname = "Schmalkalden-Meiningen"\nseat = "Meiningen"\nstate = "TH"\n'
    assert data.replace(added, b"", 1) == b"\xef\xbb\xbf" + BUNDLED.read_bytes()


def test_record_turns_the_hosts_meeting_held_early_into_the_held_one(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network('[[meetings]]\ndate = 2025-04-09\nhost = "FD"\nstatus = "planned"\n')
    code, _, err = invoke(
        runner, "record", "2025-04-02", "--host", "FD", "-f", str(path), "--today", "2025-04-03"
    )
    assert code == 0, err
    data = json.loads(
        invoke(runner, "history", "--json", "-f", str(path), "--today", "2025-04-03")[1]
    )
    assert [(m["date"], m["host"], m["status"]) for m in data] == [("2025-04-02", "FD", "held")]
    assert "date = 2025-04-09" not in path.read_text()


def test_a_far_until_says_how_far_the_schedule_looks(runner: CliRunner, network_file: Path) -> None:
    code, _, err = invoke(
        runner,
        "schedule",
        "-f",
        str(network_file),
        "--today",
        "2026-11-24",
        "--until",
        "2199-01-01",
        "--json",
    )
    assert code == 0
    assert (
        err
        == "Fewer meetings than asked for: the schedule looks at most 50 years ahead (to 2076-12-31).\n"
    )


def test_remind_weeks_is_bounded() -> None:
    result = CliRunner().invoke(app, ["remind", "--weeks", "999999", "-f", str(BUNDLED)])
    assert result.exit_code == 2


@pytest.mark.parametrize("today", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    "command",
    [
        ["next-host"],
        ["schedule"],
        ["members"],
        ["history"],
        ["export"],
        ["remind"],
        ["validate"],
        ["schedule", "--until", "9999-12-31"],
    ],
)
def test_the_ends_of_the_calendar_give_no_traceback(
    tmp_path: Path, today: str, command: list[str]
) -> None:
    text = (
        BUNDLED.read_text(encoding="utf-8")
        + '\n[[meetings]]\ndate = "9999-12"\nhost = "FD"\nstatus = "planned"\n'
    )
    path = tmp_path / "network.toml"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "netzwerk_cli", *command, "-f", str(path), "--today", today],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path)},
    )
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr


def test_holiday_names_do_not_follow_the_locale(tmp_path: Path) -> None:
    code = "from netzwerk_cli.outside.holidaycache import public_holidays; import datetime as dt; print(public_holidays('TH', 2025)[dt.date(2025, 10, 31)].en)"
    for language in ("de_DE.UTF-8", "uk_UA.UTF-8", "C"):
        env = {
            "PATH": "/usr/bin:/bin",
            "LANG": language,
            "LC_ALL": language,
            "LANGUAGE": language.split("_")[0],
        }
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        ).stdout
        assert out == "Reformation Day\n", language


def test_a_gap_in_the_membership_skips_dates_and_goes_on() -> None:
    members = make_members(("B", "left = 2026-03-01"), ("A", "joined = 2026-06-01"))
    network = make_network(header='cadence = "FREQ=MONTHLY;BYDAY=1WE"\n', members=members)
    schedule = coming_meetings(
        network, today=dt.date(2026, 1, 1), holidays=HolidayCache(None), count=4
    )
    assert [(r.date.isoformat() if r.date else "", r.host.id) for r in schedule.meetings] == [
        ("2026-01-07", "B"),
        ("2026-02-04", "B"),
        ("2026-06-03", "A"),
        ("2026-07-01", "A"),
    ]


def test_a_mistyped_command_gets_a_suggestion(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "shedule")
    assert code == 2
    assert "No such command 'shedule'. Did you mean 'schedule'?" in err


def test_every_command_module_is_in_the_map() -> None:
    import importlib

    from netzwerk_cli.cli.app import COMMAND_MODULES, _built
    from netzwerk_cli.model import Language

    defined = {}
    for module in set(COMMAND_MODULES.values()):
        # A module of one command builds to that command, of several to a group: both counted.
        commands = importlib.import_module(f"netzwerk_cli.cli.{module}").commands
        defined.update(dict.fromkeys(_built(commands, Language.EN), module))
    assert defined == COMMAND_MODULES


def test_record_without_host_takes_the_meeting_held_early(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network('[[meetings]]\ndate = 2025-04-09\nhost = "FD"\nstatus = "planned"\n')
    code, _, err = invoke(runner, "record", "2025-04-02", "-f", str(path), "--today", "2025-04-20")
    assert code == 0, err
    data = json.loads(
        invoke(runner, "history", "--json", "-f", str(path), "--today", "2025-04-20")[1]
    )
    assert [(m["date"], m["host"], m["status"]) for m in data] == [("2025-04-02", "FD", "held")]


def test_early_years_are_written_with_four_digits() -> None:
    network = make_network('[[meetings]]\ndate = "0999-01"\nhost = "HEF"\n')
    assert network.meetings[0].label == "0999-01"
