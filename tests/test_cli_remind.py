"""`netzwerk remind` as cron runs it: silent when nothing needs doing, else exactly what to do."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.core.reminder import Reminder, Task
from netzwerk_cli.core.remindtext import WIDTH, as_text
from netzwerk_cli.message import Message
from netzwerk_cli.model import Language
from netzwerk_cli.words import words

from .conftest import trust
from .test_invite import MEMBERS as WITH_CONTACTS
from .test_invite import Inbox, Server, free_port, mail_table

MONTHLY = 'cadence = "FREQ=MONTHLY;BYDAY=1WE"\n'
BUNDLED_CADENCE = 'cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\n'
# One of each: a planned meeting whose date passed, a planned one to invite to, and after it the
# cadence's next date, which no meeting of the file fixes yet.
EACH = """
[[meetings]]
date = 2025-04-02
host = "ESW"
status = "planned"

[[meetings]]
date = 2025-05-07T14:30:00
host = "FD"
venue = "Fulda, Kreishaus"
"""
RECORD_ESW = (
    "The meeting on 2025-04-02 in Eschwege (Werra-Meißner-Kreis) is still planned; record it "
    'with "netzwerk record 2025-04-02" or cancel it with "netzwerk cancel 2025-04-02".'
)
PLAN_HEF = (
    "Landkreis Hersfeld-Rotenburg (HEF) is next to host, by the rotation; the cadence proposes "
    "2025-06-04 (Wed) in Bad Hersfeld, in 45 days. No meeting is planned in the file for it yet: "
    "agree on the date and venue with the host, then fix them with "
    '"netzwerk plan 2025-06-04 --host HEF --new" (add "--venue TEXT" for another venue, '
    '"--time HH:MM" for a start time).'
)
INVITE_FD = (
    "The meeting on 2025-05-07 (Wed) at 14:30 in Fulda, Kreishaus, hosted by Landkreis Fulda "
    '(FD), is in 17 days: send the invitation ("netzwerk invite").'
)
EXTRAS = '(add "--venue TEXT" for another venue, "--time HH:MM" for a start time)'


def remind(runner: CliRunner, path: Path, today: str, *args: str) -> Any:
    return runner.invoke(app, ["remind", "-f", str(path), "--today", today, *args])


def paragraphs(text: str) -> list[str]:
    """The paragraphs of the plain-text form, each unwrapped to one line."""
    return [p.replace("\n", " ") for p in text.rstrip("\n").split("\n\n")] if text else []


def messages(runner: CliRunner, path: Path, today: str, *args: str) -> list[str]:
    result = remind(runner, path, today, *args)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return paragraphs(result.stdout)


# --- silence ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "body", "today"),
    [
        ("", "", "2025-04-20"),  # no cadence, no meetings
        (BUNDLED_CADENCE, "", "2025-05-01"),  # the next date is 26 weeks ahead
        (BUNDLED_CADENCE, '[[meetings]]\ndate = 2025-04-02\nhost = "ESW"\n', "2025-04-20"),  # held
        ("", '[[meetings]]\ndate = 2025-04-02\nhost = "ESW"\nstatus = "cancelled"\n', "2025-04-20"),
    ],
)
def test_silent_when_nothing_needs_doing(
    runner: CliRunner, write_network: Callable[..., Path], header: str, body: str, today: str
) -> None:
    result = remind(runner, write_network(body, header=header), today)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_the_bundled_file_is_silent_until_twelve_weeks_before_its_next_meeting(
    runner: CliRunner, network_file: Path
) -> None:
    assert messages(runner, network_file, "2025-05-01") == []
    assert messages(runner, network_file, "2027-01-12") == []  # 12 weeks and 1 day ahead
    assert messages(runner, network_file, "2027-03-01") == [
        "The meeting hosted by Werra-Meißner-Kreis (ESW) in Eschwege is planned without a date; "
        "the cadence proposes 2027-04-07 (Wed), in 37 days. Agree on the date and venue with the "
        f'host, then fix them with "netzwerk plan 2027-04-07" {EXTRAS}.'
    ]


# --- each reminder, and their order -------------------------------------------------------------


def test_each_reminder_in_order(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network(EACH, header=MONTHLY)
    assert messages(runner, path, "2025-04-20") == [RECORD_ESW, PLAN_HEF, INVITE_FD]


def test_text_is_paragraphs_wrapped_without_parting_a_command(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    out = remind(runner, write_network(EACH, header=MONTHLY), "2025-04-20").stdout
    assert out.endswith(".\n") and "\n\n\n" not in out
    assert out.count("\n\n") == 2
    for line in out.splitlines():
        assert len(line) <= WIDTH
        assert line.count('"') % 2 == 0, line  # every command starts and ends on one line


def test_a_long_command_is_one_line_even_past_the_width() -> None:
    from netzwerk_cli.model import Member

    member = Member("HEF", "H", "S", "HE")
    long = "x" * 90
    sentence = Message(f'Do "netzwerk {long} now" and then more.')
    text = as_text([Reminder(Task.INVITE, member, "S", (sentence,))], words(Language.EN).say)
    assert text == f'Do\n"netzwerk {long} now"\nand then more.\n'


def test_every_planned_meeting_whose_date_passed(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(
        '[[meetings]]\ndate = 2025-03-05\nhost = "HEF"\nstatus = "planned"\n'
        '[[meetings]]\ndate = "2025-02"\nhost = "WAK"\nstatus = "planned"\nvenue = "Eisenach"\n'
        '[[meetings]]\ndate = 2025-04-02\nhost = "ESW"\nstatus = "planned"\n'
        '[[meetings]]\ndate = 2025-04-02\nhost = "FD"\nstatus = "planned"\n'
        '[[meetings]]\ndate = "2025-04"\nhost = "HEF"\nstatus = "planned"\n'  # its month is not over
    )
    assert messages(runner, path, "2025-04-20", "--weeks", "0") == [
        'The meeting of 2025-02 in Eisenach (Wartburgkreis) is still planned; record the day it was held with "netzwerk record 2025-02-DD --host WAK", or set its status to "cancelled" in the file.',
        'The meeting on 2025-03-05 in Bad Hersfeld (Landkreis Hersfeld-Rotenburg) is still planned; record it with "netzwerk record 2025-03-05" or cancel it with "netzwerk cancel 2025-03-05".',
        'The meeting on 2025-04-02 in Eschwege (Werra-Meißner-Kreis) is still planned; record it with "netzwerk record 2025-04-02 --host ESW" or cancel it with "netzwerk cancel 2025-04-02 --host ESW".',
        'The meeting on 2025-04-02 in Fulda (Landkreis Fulda) is still planned; record it with "netzwerk record 2025-04-02 --host FD" or cancel it with "netzwerk cancel 2025-04-02 --host FD".',
        "The meeting hosted by Landkreis Hersfeld-Rotenburg (HEF) in Bad Hersfeld is planned for 2025-04 without a day. Agree on the day and venue with the host, then fix them with "
        f'"netzwerk plan 2025-04-DD" {EXTRAS}.',
    ]


def test_a_proposed_date_moved_for_a_holiday(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(header='cadence = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31"\n')
    assert messages(runner, path, "2025-10-01") == [
        "Landkreis Hersfeld-Rotenburg (HEF) is next to host, by the rotation; the cadence proposes "
        "2025-11-03 (Mon) in Bad Hersfeld, in 33 days, moved from 2025-10-31 for Reformation Day "
        "(TH). No meeting is planned in the file for it yet: agree on the date and venue with the "
        f'host, then fix them with "netzwerk plan 2025-11-03 --host HEF" {EXTRAS}.'
    ]


def test_an_undated_meeting_without_a_cadence_is_always_said(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network('[[meetings]]\nhost = "ESW"\n')
    assert messages(runner, path, "2025-04-20", "--weeks", "0") == [
        "The meeting hosted by Werra-Meißner-Kreis (ESW) in Eschwege is planned without a date, "
        "and the file sets no cadence to propose one. Agree on the date and venue with the host, "
        f'then fix them with "netzwerk plan YYYY-MM-DD" {EXTRAS}.'
    ]


def test_an_undated_meeting_after_a_dated_one_is_fixed_once_that_one_is_recorded(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(
        '[[meetings]]\ndate = 2025-05-07\nhost = "ESW"\n[[meetings]]\nhost = "FD"\n',
        header=MONTHLY + "start = 10:00:00\n",
    )
    assert messages(runner, path, "2025-04-20") == [
        "The meeting hosted by Landkreis Fulda (FD) in Fulda is planned without a date; the "
        "cadence proposes 2025-06-04 (Wed) at 10:00, in 45 days. Agree on the date and venue with "
        f'the host, then fix them with "netzwerk plan 2025-06-04" {EXTRAS} once the meeting of '
        "2025-05-07 is recorded.",
        "The meeting on 2025-05-07 (Wed) at 10:00 in Eschwege, hosted by Werra-Meißner-Kreis "
        '(ESW), is in 17 days: send the invitation ("netzwerk invite").',
    ]


@pytest.mark.parametrize(("today", "soon"), [("2025-05-07", "today"), ("2025-05-06", "tomorrow")])
def test_an_invitation_without_a_start_time_says_how_to_set_one(
    runner: CliRunner, write_network: Callable[..., Path], today: str, soon: str
) -> None:
    path = write_network('[[meetings]]\ndate = 2025-05-07\nhost = "ESW"\n')
    assert messages(runner, path, today) == [
        f"The meeting on 2025-05-07 (Wed) in Eschwege, hosted by Werra-Meißner-Kreis (ESW), is "
        f'{soon}: send the invitation ("netzwerk invite"). No start time is set: '
        '"netzwerk plan 2025-05-07 --time HH:MM" sets one.'
    ]


# --- following the reminders' commands ----------------------------------------------------------


def run_hint(runner: CliRunner, path: Path, today: str, message: str, verb: str) -> None:
    """Run the message's `netzwerk VERB ...` command, placeholders filled in, on `path`."""
    (command,) = re.findall(rf'"netzwerk ({verb} [^"]*)"', message)
    command = command.replace("HH:MM", "10:00")
    args = shlex.split(command)
    result = runner.invoke(app, [*args, "-f", str(path), "--today", today])
    assert result.exit_code == 0, result.output


def test_in_german_the_commands_write_the_day_as_german_readers_do_and_it_is_read(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(EACH, header=MONTHLY)
    said = messages(runner, path, "2025-04-20", "--lang", "de")
    text = remind(runner, path, "2025-04-20", "--lang", "de").stdout
    assert "`" not in text  # no Markdown in a terminal or a plain-text mail
    assert "„netzwerk record 02.04.2025“" in said[0]
    assert "„netzwerk plan 04.06.2025 --host HEF --new“" in said[1]
    (command,) = re.findall(r"„netzwerk (record [^“]*)“", said[0])
    result = runner.invoke(app, [*shlex.split(command), "-f", str(path), "--today", "2025-04-20"])
    assert result.exit_code == 0, result.output
    assert "„netzwerk record" not in "".join(messages(runner, path, "2025-04-20", "--lang", "de"))


def test_the_commands_named_do_what_the_reminders_ask(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(EACH, header=MONTHLY)
    run_hint(runner, path, "2025-04-20", PLAN_HEF, "plan")
    run_hint(runner, path, "2025-04-20", RECORD_ESW, "record")
    found = json.loads(remind(runner, path, "2025-04-20", "--json", "--weeks", "4").stdout)
    assert [(r["kind"], r["date"], r["host"]) for r in found] == [("invite", "2025-05-07", "FD")]
    # `--new` added HEF's meeting and left FD's as it was.
    rows = json.loads(
        runner.invoke(app, ["schedule", "--json", "-f", str(path), "--today", "2025-04-20"]).stdout
    )
    assert [(r["date"], r["host"], r["status"]) for r in rows[:2]] == [
        ("2025-05-07", "FD", "planned"),
        ("2025-06-04", "HEF", "planned"),
    ]


def test_cancel_and_time_hints(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network(
        '[[meetings]]\ndate = 2025-04-02\nhost = "ESW"\nstatus = "planned"\n'
        '[[meetings]]\ndate = 2025-05-07\nhost = "FD"\n'
    )
    record, invite = messages(runner, path, "2025-04-20")
    run_hint(runner, path, "2025-04-20", record, "cancel")
    run_hint(runner, path, "2025-04-20", invite, "plan")
    assert messages(runner, path, "2025-04-20") == [
        "The meeting on 2025-05-07 (Wed) at 10:00 in Fulda, hosted by Landkreis Fulda (FD), is in "
        '17 days: send the invitation ("netzwerk invite").'
    ]


def test_the_bundled_file_after_planning_and_recording(
    runner: CliRunner, network_file: Path
) -> None:
    (plan,) = messages(runner, network_file, "2027-03-01")
    run_hint(runner, network_file, "2027-03-01", plan, "plan")
    assert messages(runner, network_file, "2027-03-01", "--weeks", "6") == [
        "The meeting on 2027-04-07 (Wed) in Eschwege, hosted by Werra-Meißner-Kreis (ESW), is in "
        '37 days: send the invitation ("netzwerk invite"). No start time is set: '
        '"netzwerk plan 2027-04-07 --time HH:MM" sets one.'
    ]
    (record,) = messages(runner, network_file, "2027-04-08", "--weeks", "1")
    run_hint(runner, network_file, "2027-04-08", record, "record")
    assert messages(runner, network_file, "2027-04-08") == []


# --- how far ahead ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "today", "args", "said"),
    [
        ("", "2025-04-20", (), True),  # 2025-07-13 is 12 weeks after 2025-04-20
        ("", "2025-04-19", (), False),
        ("", "2025-04-20", ("--weeks", "11"), False),
        ("remind_weeks = 11\n", "2025-04-20", (), False),
        ("remind_weeks = 11\n", "2025-04-20", ("--weeks", "12"), True),
        ("remind_weeks = 11\n", "2025-04-27", (), True),
        ("remind_weeks = 0\n", "2025-07-12", (), False),
        ("remind_weeks = 0\n", "2025-07-13", (), True),
    ],
)
def test_weeks_ahead(
    runner: CliRunner,
    write_network: Callable[..., Path],
    header: str,
    today: str,
    args: tuple[str, ...],
    said: bool,
) -> None:
    path = write_network('[[meetings]]\ndate = 2025-07-13T09:00:00\nhost = "FD"\n', header=header)
    found = messages(runner, path, today, *args)
    assert bool(found) is said
    if said:
        assert found[0].startswith("The meeting on 2025-07-13 (Sun) at 09:00 in Fulda")


def test_weeks_must_be_a_number_not_below_zero(runner: CliRunner, network_file: Path) -> None:
    assert remind(runner, network_file, "2025-04-20", "--weeks", "-1").exit_code == 2
    assert remind(runner, network_file, "2025-04-20", "--weeks", "soon").exit_code == 2


# --- --json -------------------------------------------------------------------------------------


def test_json_form(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network(EACH, header=MONTHLY)
    result = remind(runner, path, "2025-04-20", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "kind": "record",
            "date": "2025-04-02",
            "host": "ESW",
            "venue": "Eschwege",
            "message": RECORD_ESW,
        },
        {
            "kind": "plan",
            "date": "2025-06-04",
            "host": "HEF",
            "venue": "Bad Hersfeld",
            "message": PLAN_HEF,
        },
        {
            "kind": "invite",
            "date": "2025-05-07",
            "host": "FD",
            "venue": "Fulda, Kreishaus",
            "message": INVITE_FD,
        },
    ]
    assert "Meißner" in result.stdout


def test_json_when_nothing_needs_doing_is_an_empty_list(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    result = remind(runner, write_network(), "2025-04-20", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")


def test_json_month_only_and_undated(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network(
        '[[meetings]]\ndate = "2025-03"\nhost = "WAK"\nstatus = "planned"\n'
        '[[meetings]]\nhost = "ESW"\n'
    )
    data = json.loads(remind(runner, path, "2025-04-20", "--json").stdout)
    assert [(r["kind"], r["date"], r["host"], r["venue"]) for r in data] == [
        ("record", "2025-03", "WAK", "Bad Salzungen"),
        ("plan", None, "ESW", "Eschwege"),
    ]


# --- --ics --------------------------------------------------------------------------------------


def test_ics_writes_what_export_writes_and_names_the_file(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_network(EACH, header=MONTHLY)
    exported, reminded = tmp_path / "export.ics", tmp_path / "remind.ics"
    args = ["-f", str(path), "--today", "2025-04-20"]
    assert runner.invoke(app, ["export", *args, "--output", str(exported)]).exit_code == 0
    result = runner.invoke(app, ["remind", *args, "--ics", str(reminded)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert reminded.read_bytes() == exported.read_bytes()
    assert paragraphs(result.stdout)[-1] == (
        f"{INVITE_FD} The calendar file, to attach or to link: {reminded}."
    )
    data = json.loads(
        runner.invoke(app, ["remind", *args, "--ics", str(reminded), "--json"]).stdout
    )
    assert data[-1]["message"].endswith(f" {reminded}.")


def test_ics_is_written_when_silent_and_left_untouched_when_unchanged(
    runner: CliRunner, network_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "netzwerk.ics"
    result = remind(runner, network_file, "2025-05-01", "--ics", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    before = target.read_bytes()
    result = remind(runner, network_file, "2025-05-02", "--ics", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert target.stat().st_mtime_ns == 1_000_000_000
    assert target.read_bytes() == before


def test_ics_into_a_folder_fails_after_the_reminders(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_network(EACH, header=MONTHLY)
    result = remind(runner, path, "2025-04-20", "--ics", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"netzwerk: {tmp_path}: is a folder; give a file name for --ics\n"
    assert paragraphs(result.stdout)[0] == RECORD_ESW


# --- errors and the terminal --------------------------------------------------------------------


def test_a_damaged_file_is_exit_1(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network('[[meetings]]\ndate = 2024-11-06\nhost = "WAKK"\n')
    result = remind(runner, path, "2025-04-20")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"netzwerk: {path}: meetings[1] (2024-11-06): host")


def test_a_cadence_without_members_to_host_has_nothing_to_remind(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    # The schedule ends where no member can host (a network winding down must not make cron
    # mail an error every night); `next-host` and `schedule` say why.
    path = write_network(members="", header=MONTHLY)
    result = remind(runner, path, "2025-04-20")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    schedule = runner.invoke(app, ["schedule", "-f", str(path), "--today", "2025-04-20"])
    assert schedule.exit_code == 0
    assert "no member can host: the network has no members yet" in schedule.stderr


def test_plain_text_even_with_forced_colours(
    write_network: Callable[..., Path], tmp_path: Path
) -> None:
    write_network(EACH, header=MONTHLY)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETZWERK_")}
    env.update(FORCE_COLOR="1", TERM="xterm-256color", COLUMNS="40")
    outputs = []
    for extra in ((), ("--json",)):
        result = subprocess.run(
            [sys.executable, "-m", "netzwerk_cli", "remind", "--today", "2025-04-20", *extra],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert (result.returncode, result.stderr) == (0, "")
        assert "\x1b" not in result.stdout
        outputs.append(result.stdout)
    assert paragraphs(outputs[0]) == [RECORD_ESW, PLAN_HEF, INVITE_FD]
    assert [r["message"] for r in json.loads(outputs[1])] == [RECORD_ESW, PLAN_HEF, INVITE_FD]


# --- an invitation that went out is not asked for again (issue 27) ------------------------------

INVITED = """
[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"
"""
SEND_ESW = (
    "The meeting on 2027-04-07 (Wed) at 10:00 in Eschwege, hosted by Werra-Meißner-Kreis (ESW), "
    'is in 18 days: send the invitation ("netzwerk invite").'
)


def invite_outbox(runner: CliRunner, path: Path, *args: str) -> None:
    outbox = path.parent / "outbox"
    result = runner.invoke(
        app, ["invite", "-f", str(path), "--today", "2027-03-20", "--outbox", str(outbox), *args]
    )
    assert result.exit_code == 0, result.output


@pytest.fixture
def smtp_server() -> Iterator[Server]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1, as `tests/test_invite.py` sends to."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield Server(inbox, controller.port)
    finally:
        controller.stop()


@pytest.fixture
def to_invite(write_network: Callable[..., Path]) -> Path:
    """A meeting in 18 days, members with contacts, a sender: nothing invited yet."""
    mail = '[mail]\nfrom = "Koordination Netzwerk <netzwerk@example.de>"\n'
    return write_network(mail + INVITED, members=WITH_CONTACTS)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_after_invite_outbox_remind_does_not_ask_to_send_it_again(
    runner: CliRunner, to_invite: Path, lang: str
) -> None:
    before = messages(runner, to_invite, "2027-03-20", "--lang", lang)
    named = {"en": '("netzwerk invite")', "de": "(„netzwerk invite“)"}[lang]
    assert len(before) == 1 and named in before[0]
    invite_outbox(runner, to_invite)
    assert messages(runner, to_invite, "2027-03-20", "--lang", lang) == []
    assert json.loads(remind(runner, to_invite, "2027-03-20", "--json").stdout) == []


def test_after_invite_by_smtp_remind_does_not_ask_to_send_it_again(
    runner: CliRunner, write_network: Callable[..., Path], smtp_server: Server
) -> None:
    path = trust(write_network(mail_table(smtp_server) + INVITED, members=WITH_CONTACTS))
    assert messages(runner, path, "2027-03-20") == [SEND_ESW]
    sent = runner.invoke(app, ["invite", "-f", str(path), "--today", "2027-03-20"])
    assert sent.exit_code == 0, sent.output
    assert len(smtp_server.inbox.messages) == 1
    assert messages(runner, path, "2027-03-20") == []
    assert messages(runner, path, "2027-03-20", "--lang", "de") == []


@pytest.mark.parametrize(
    ("lang", "update", "partly"),
    [
        (
            "en",
            "The meeting on 2027-04-07 (Wed) at 11:00 in Eschwege, hosted by Werra-Meißner-Kreis "
            "(ESW), is in 18 days, and it changed since the invitation went out: send the update "
            '("netzwerk invite").',
            "The meeting on 2027-04-07 (Wed) at 10:00 in Eschwege, hosted by Werra-Meißner-Kreis "
            "(ESW), is in 18 days, and the invitation has not gone to every contact yet: send it "
            '("netzwerk invite").',
        ),
        (
            "de",
            "Das Treffen am 07.04.2027 (Mi) um 11:00 Uhr mit Gastgeber Werra-Meißner-Kreis (ESW) "
            "findet in 18 Tagen statt (Ort: Eschwege) und hat sich seit dem Versand der Einladung "
            "geändert. Bitte versenden Sie die Änderung („netzwerk invite“).",
            "Das Treffen am 07.04.2027 (Mi) um 10:00 Uhr mit Gastgeber Werra-Meißner-Kreis (ESW) "
            "findet in 18 Tagen statt (Ort: Eschwege); die Einladung ist noch nicht an alle "
            "Kontakte gegangen. Bitte versenden Sie sie („netzwerk invite“).",
        ),
    ],
)
def test_a_change_since_the_invitation_asks_for_the_update(
    runner: CliRunner, to_invite: Path, lang: str, update: str, partly: str
) -> None:
    invite_outbox(runner, to_invite)
    original = to_invite.read_text()
    to_invite.write_text(original.replace("T10:00:00", "T11:00:00"))
    assert messages(runner, to_invite, "2027-03-20", "--lang", lang) == [update]
    contact = '"Anna Müller <anna@hef.example.de>"'
    to_invite.write_text(original.replace(contact, f'{contact}, "neu@hef.example.de"'))
    assert messages(runner, to_invite, "2027-03-20", "--lang", lang) == [partly]
    invite_outbox(runner, to_invite)
    assert messages(runner, to_invite, "2027-03-20", "--lang", lang) == []


def test_the_next_meeting_not_invited_yet_is_the_one_to_send(
    runner: CliRunner, to_invite: Path
) -> None:
    invite_outbox(runner, to_invite)
    to_invite.write_text(
        to_invite.read_text() + '\n[[meetings]]\ndate = 2027-05-05\nhost = "HEF"\n'
        'status = "planned"\n'
    )
    (found,) = json.loads(remind(runner, to_invite, "2027-03-20", "--json").stdout)
    assert (found["kind"], found["date"], found["host"]) == ("invite", "2027-05-05", "HEF")


SILENT = {
    "en": "The meeting on 2027-04-07 (Wed) at 10:00 in Eschwege, hosted by Werra-Meißner-Kreis "
    "(ESW), is in 5 days; the invitation went out. No answer to the invitation yet from "
    "Landkreis Hersfeld-Rotenburg (HEF), Wartburgkreis (WAK): ask them ",
    "de": "Das Treffen am 07.04.2027 (Mi) um 10:00 Uhr mit Gastgeber Werra-Meißner-Kreis (ESW) "
    "findet in 5 Tagen statt (Ort: Eschwege); die Einladung ist verschickt. Noch keine "
    "Antwort auf die Einladung: Landkreis Hersfeld-Rotenburg (HEF), Wartburgkreis (WAK). "
    "Bitte fragen Sie nach ",
}


@pytest.mark.parametrize(
    ("lang", "shows"),
    [
        ("en", '("netzwerk replies --all --from FOLDER" shows every answer saved in FOLDER).'),
        (
            "de",
            "(„netzwerk replies --all --from ORDNER“ zeigt alle in ORDNER gespeicherten Antworten).",
        ),
    ],
)
def test_in_the_last_week_a_sent_invitation_names_who_has_not_answered(
    runner: CliRunner, to_invite: Path, lang: str, shows: str
) -> None:
    """Without a mailbox ([mail] has no imap_host) the answers are read from saved messages:
    `replies --all` alone would fail, so the reminder names `--from`."""
    invite_outbox(runner, to_invite)
    assert messages(runner, to_invite, "2027-04-02", "--lang", lang) == [SILENT[lang] + shows]
    (found,) = json.loads(remind(runner, to_invite, "2027-04-02", "--json").stdout)
    assert (found["kind"], found["date"]) == ("answers", "2027-04-07")
    alone = runner.invoke(app, ["replies", "--all", "-f", str(to_invite), "--today", "2027-04-02"])
    assert alone.exit_code == 1
    saved = to_invite.parent / "saved"
    saved.mkdir()
    replies = ["replies", "--all", "--from", str(saved), "-f", str(to_invite)]
    assert runner.invoke(app, [*replies, "--today", "2027-04-02"]).exit_code == 0


@pytest.mark.parametrize(
    ("lang", "shows"),
    [
        ("en", '("netzwerk replies --all" shows every answer).'),
        ("de", "(„netzwerk replies --all“ zeigt alle Antworten)."),
    ],
)
def test_with_a_mailbox_the_reminder_names_replies_all(
    runner: CliRunner, to_invite: Path, lang: str, shows: str
) -> None:
    invite_outbox(runner, to_invite)
    mailbox = 'imap_host = "imap.example.de"\n'
    text = to_invite.read_text()
    sender = 'from = "Koordination Netzwerk <netzwerk@example.de>"\n'
    to_invite.write_text(text.replace(sender, sender + mailbox))
    assert messages(runner, to_invite, "2027-04-02", "--lang", lang) == [SILENT[lang] + shows]


@pytest.mark.parametrize(
    ("lang", "send"),
    [
        ("en", 'send the invitation ("netzwerk invite")'),
        ("de", "versenden Sie die Einladung („netzwerk invite“)"),
    ],
)
def test_plan_invite_outbox_remind_as_a_coordinator_does(
    runner: CliRunner, write_network: Callable[..., Path], lang: str, send: str
) -> None:
    mail = '[mail]\nfrom = "Koordination Netzwerk <netzwerk@example.de>"\n'
    path = write_network(mail, members=WITH_CONTACTS)
    today = ["--today", "2027-03-20", "--lang", lang]
    planned = runner.invoke(
        app, ["plan", "2027-04-07", "--host", "ESW", "--time", "10:00", "-f", str(path), *today]
    )
    assert planned.exit_code == 0, planned.output
    (before,) = messages(runner, path, "2027-03-20", "--lang", lang)
    assert send in before
    invite_outbox(runner, path, "--lang", lang)
    assert list((path.parent / "outbox").glob("*.eml"))
    assert messages(runner, path, "2027-03-20", "--lang", lang) == []
    assert messages(runner, path, "2027-03-30", "--lang", lang) == []  # 8 days before: silent
