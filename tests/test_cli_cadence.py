"""`netzwerk cadence`: words (or a rule) in, the next dates shown, the rule written; nothing else."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from netzwerk_cli.file.store import read_network

from .test_edit_support import assert_untouched, run, snapshot

TODAY = dt.date(2026, 12, 6)
# A [network] table as a coordinator writes it: comments beside and between the settings.
HEADER = (
    'timezone = "Europe/Berlin"   # where we are\n'
    "# the rule comes from `netzwerk cadence`\n"
    "duration_minutes = 150       # a long morning\n"
)


def test_words_become_the_rule_and_nothing_else_changes(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(header=HEADER)
    before = path.read_text(encoding="utf-8")
    result = run(
        runner, path, "cadence", "2. Dienstag im März, Juli, November", "--time", "10:00",
        today=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == (
        "Next dates: Tue 2027-03-09, Tue 2027-07-13, Tue 2027-11-09, Tue 2028-03-14, "
        "Tue 2028-07-11\n"
        "Set the cadence: the second Tuesday in March, July and November "
        "(FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU). Set the usual start time: 10:00.\n"
    )
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(
        "duration_minutes = 150       # a long morning\n",
        "duration_minutes = 150       # a long morning\n"
        'cadence = "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU"\n'
        "start = 10:00:00\n",
    )
    network = read_network(path, today=TODAY)
    assert (network.cadence, network.start) == (
        "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU",
        dt.time(10),
    )


def test_a_second_run_replaces_the_values_in_place(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(
        header='cadence = "FREQ=MONTHLY;BYDAY=1WE"  # set by hand\nstart = 09:00:00\n'
    )
    before = path.read_text(encoding="utf-8")
    result = run(runner, path, "cadence", "monatlich am letzten Donnerstag", today=TODAY)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == before.replace(
        'cadence = "FREQ=MONTHLY;BYDAY=1WE"  # set by hand',
        'cadence = "FREQ=MONTHLY;BYDAY=-1TH"  # set by hand',
    )


def test_dry_run_shows_the_diff_and_writes_nothing_in_german(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(header=HEADER)
    before = snapshot(path)
    result = run(
        runner, path, "cadence", "alle drei Monate am ersten Mittwoch", "--dry-run",
        "--lang", "de", today=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert_untouched(path, before)
    assert '+cadence = "FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE"\n' in result.stdout
    assert "+cadence_start = 2026-12-06\n" in result.stdout
    added = [line for line in result.stdout.splitlines() if line[:1] in "+-"]
    assert len(added) == 4  # the two file names, the two lines
    assert result.stderr == (
        "Nächste Termine: Mi 03.03.2027, Mi 02.06.2027, Mi 01.09.2027, Mi 01.12.2027, "
        "Mi 01.03.2028\n"
        "Der Terminrhythmus wurde festgelegt: alle 3 Monate am 1. Mittwoch "
        "(FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE). (Probelauf: nichts geschrieben)\n"
        "Die Termine werden ab dem 06.12.2026 gezählt (eingetragen als cadence_start), damit es "
        "bei den angezeigten Terminen bleibt.\n"
    )


def test_an_interval_counts_from_the_first_meeting_when_the_file_has_one(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network('[[meetings]]\ndate = 2026-10-07\nhost = "HEF"\nstatus = "held"\n')
    result = run(runner, path, "cadence", "every three months on the first Wednesday", today=TODAY)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Next dates: Wed 2027-01-06, Wed 2027-04-07, ")
    assert "cadence_start" not in path.read_text(encoding="utf-8")


def test_a_rule_with_german_days_is_written_as_rfc_5545_writes_it(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network()
    result = run(runner, path, "cadence", "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2DI", today=TODAY)
    assert result.exit_code == 0, result.output
    assert 'cadence = "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU"\n' in path.read_text(encoding="utf-8")


def test_the_file_may_hold_german_days_too(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(header='cadence = "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2DI"\n')
    result = run(runner, path, "cadence", "--lang", "de", today=TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Terminrhythmus: jeden 2. Dienstag im März, Juli und November "
        "(FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2DI)\n"
        "Nächste Termine: Di 09.03.2027, Di 13.07.2027, Di 09.11.2027, Di 14.03.2028, "
        "Di 11.07.2028\n"
    )


def test_without_words_it_shows_the_cadence_in_words_and_its_next_dates(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(header='cadence = "FREQ=MONTHLY;BYDAY=1WE"\nstart = 10:00:00\n')
    before = snapshot(path)
    result = run(runner, path, "cadence", today=TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Cadence: the first Wednesday of every month (FREQ=MONTHLY;BYDAY=1WE)\n"
        "Usual start time: 10:00\n"
        "Next dates: Wed 2027-01-06, Wed 2027-02-03, Wed 2027-03-03, Wed 2027-04-07, "
        "Wed 2027-05-05\n"
    )
    german = run(runner, path, "cadence", "--lang", "de", today=TODAY)
    assert german.stdout == (
        "Terminrhythmus: jeden 1. Mittwoch im Monat (FREQ=MONTHLY;BYDAY=1WE)\n"
        "Übliche Anfangszeit: 10:00\n"
        "Nächste Termine: Mi 06.01.2027, Mi 03.02.2027, Mi 03.03.2027, Mi 07.04.2027, "
        "Mi 05.05.2027\n"
    )
    assert_untouched(path, before)


def test_a_rule_without_words_is_shown_as_it_is(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(header='cadence = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31"\n')
    result = run(runner, path, "cadence", today=TODAY)
    assert result.stdout.startswith("Cadence: FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31\nNext dates: ")


def test_without_a_cadence_it_says_how_to_set_one(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network()
    for lang, text in (
        ("en", "The file sets no cadence yet; set one with e.g. `netzwerk cadence"),
        ("de", "Die Datei legt noch keinen Terminrhythmus fest; legen Sie ihn z. B. mit"),
    ):
        result = run(runner, path, "cadence", "--lang", lang, today=TODAY)
        assert result.exit_code == 0
        assert result.stdout == ""
        assert result.stderr.startswith(text)


def test_words_not_understood_are_refused_and_the_file_stays(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network()
    before = snapshot(path)
    result = run(runner, path, "cadence", "jeden 2. Dienstga im März", "--lang", "de", today=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith("netzwerk: nicht verstanden: „Dienstga“. Geben Sie ")
    english = run(runner, path, "cadence", "every second Tuesdy", today=TODAY)
    assert english.exit_code == 1
    assert english.stderr.startswith('netzwerk: not understood: "Tuesdy". Say when ')
    assert_untouched(path, before)


def test_a_bad_weekday_in_a_rule_is_said_in_german(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network()
    before = snapshot(path)
    result = run(runner, path, "cadence", "FREQ=MONTHLY;BYDAY=2DX", "--lang", "de", today=TODAY)
    assert result.exit_code == 1
    assert result.stderr == (
        "netzwerk: cadence 'FREQ=MONTHLY;BYDAY=2DX' ist keine brauchbare Regel: BYDAY=2DX: 2DX "
        "ist kein Wochentag; die Wochentage sind MO TU WE TH FR SA SU (die deutschen Kürzel MO "
        "DI MI DO FR SA SO werden ebenfalls angenommen), mit einer Zahl davor für den "
        "wievielten im Monat: 2TU, -1FR\n"
    )
    assert_untouched(path, before)


def test_the_file_s_bad_weekday_is_said_by_validate(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(header='cadence = "FREQ=MONTHLY;BYDAY=2XY"\n')
    result = run(runner, path, "validate", "--lang", "de", today=TODAY)
    assert result.exit_code == 1
    assert "2XY ist kein Wochentag; die Wochentage sind MO TU WE TH FR SA SU" in result.stderr
    assert "invalid" not in result.stderr


def test_a_new_key_goes_after_the_comment_that_continues_below_the_last_one(
    runner: CliRunner, network_file: Path
) -> None:
    before = network_file.read_text(encoding="utf-8")
    result = run(runner, network_file, "cadence", "--time", "10:00", today=TODAY)
    assert result.exit_code == 0, result.output
    assert result.stderr == "Set the usual start time: 10:00.\n"
    continued = " " * 32 + "# das `duration_minutes` des Treffens (netzwerk plan --duration)\n"
    assert continued in before
    assert network_file.read_text(encoding="utf-8") == before.replace(
        continued, continued + "start = 10:00:00\n"
    )


def test_other_faults_of_a_rule_are_said_in_german_too(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    for rule, german in (
        ("FREQ=MONTHLY;INTERVAL=zwei", "INTERVAL=zwei: zwei ist keine ganze Zahl"),
        ("FREQ=MONTHLY;TAG=1", "TAG ist kein Teil einer Regel; die Teile sind FREQ, INTERVAL, "),
        ("FREQ=MONTHLY;BYDAY", "'BYDAY' ist kein Teil in der Form NAME=WERT"),
        ("FREQ=MONTHLY;UNTIL=31.12.2030", "UNTIL=31.12.2030 ist kein Datum in der Form 20301231"),
    ):
        path = write_network(header=f'cadence = "{rule}"\n')
        result = run(runner, path, "validate", "--lang", "de", today=TODAY)
        assert result.exit_code == 1
        assert german in result.stderr
        assert "dateutil" not in result.stderr


# --- a new usual start moves no meeting already dated -------------------------------------------

ON = dt.date(2027, 3, 10)
USUAL = 'cadence = "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU"\nstart = 09:30:00\n'
WITH_CONTACT = """
[[members]]
id = "HEF"
name = "Landkreis Hersfeld-Rotenburg"
seat = "Bad Hersfeld"
state = "HE"
contacts = ["Anna Müller <anna@hef.example.de>"]

[[members]]
id = "WAK"
name = "Wartburgkreis"
seat = "Bad Salzungen"
state = "TH"

[[members]]
id = "FD"
name = "Landkreis Fulda"
seat = "Fulda"
state = "HE"
"""
# Held and cancelled at the usual start, one planned (and invited) at it, one planned at its own
# time, one planned for a month only: `plan DATE` without --time writes the day alone.
DATED = """
[[meetings]]
date = 2026-11-10
host = "HEF"
status = "held"

[[meetings]]
date = 2027-03-09
host = "WAK"
status = "cancelled"

[[meetings]]
date = 2027-07-13
host = "WAK"
status = "planned"

[[meetings]]
date = 2027-11-09T10:00:00
host = "FD"
status = "planned"

[[meetings]]
date = "2028-03"
host = "HEF"
status = "planned"

[mail]
from = "Koordination <netzwerk@example.de>"
"""
KEPT = {
    "date = 2026-11-10\n": "date = 2026-11-10 09:30:00\n",
    "date = 2027-03-09\n": "date = 2027-03-09 09:30:00\n",
    "date = 2027-07-13\n": "date = 2027-07-13 09:30:00\n",
    "start = 09:30:00\n": "start = 14:00:00\n",
}
SAID_EN = (
    "Set the usual start time: 14:00.\n"
    "2 meetings already held or cancelled keep their start time 09:30, now written with their "
    "dates.\n"
    "The planned meeting of 2027-07-13 keeps its start time 09:30, now written with its date; "
    "to move it to 14:00: `netzwerk plan 2027-07-13 --time 14:00`.\n"
)


def _kept(text: str) -> str:
    for old, new in KEPT.items():
        text = text.replace(old, new)
    return text


def test_a_new_usual_start_keeps_the_time_of_every_meeting_with_a_day(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(DATED, header=USUAL, members=WITH_CONTACT)
    before = path.read_text(encoding="utf-8")
    result = run(runner, path, "cadence", "--time", "14:00", today=ON)
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", SAID_EN)
    assert path.read_text(encoding="utf-8") == _kept(before)
    history = json.loads(run(runner, path, "history", "--json", today=ON).stdout)
    assert [(m["status"], m["start"]) for m in history] == [
        ("held", "2026-11-10T09:30:00"),
        ("cancelled", "2027-03-09T09:30:00"),
    ]
    coming = json.loads(run(runner, path, "schedule", "--json", "--count", "4", today=ON).stdout)
    assert [(m["status"], m["start"]) for m in coming] == [
        ("planned", "2027-07-13T09:30:00"),
        ("planned", "2027-11-09T10:00:00"),
        ("planned", None),  # only the month: no day, no time yet
        ("proposed", "2028-07-11T14:00:00"),  # the cadence's own dates take the new start
    ]


def test_the_meetings_that_keep_their_time_are_said_in_german(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(
        DATED.replace('date = 2027-11-09T10:00:00\nhost = "FD"', 'date = 2027-11-09\nhost = "FD"'),
        header=USUAL,
        members=WITH_CONTACT,
    )
    result = run(runner, path, "cadence", "--time", "14:00", "--lang", "de", today=ON)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Die übliche Anfangszeit wurde festgelegt: 14:00.\n"
        "2 bereits abgehaltene oder abgesagte Treffen behalten ihre Anfangszeit 09:30 Uhr; sie "
        "steht nun bei ihrem Datum.\n"
        "Die geplanten Treffen am 13.07.2027, 09.11.2027 behalten ihre Anfangszeit 09:30 Uhr; "
        "sie steht nun bei ihrem Datum. Um eines auf 14:00 Uhr zu verlegen, z. B.: „netzwerk plan "
        "13.07.2027 --time 14:00“.\n"
    )
    assert "date = 2027-11-09 09:30:00\n" in path.read_text(encoding="utf-8")


def test_the_command_it_names_moves_the_meeting_to_the_new_time(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(DATED, header=USUAL, members=WITH_CONTACT)
    assert run(runner, path, "cadence", "--time", "14:00", "--lang", "de", today=ON).exit_code == 0
    moved = run(runner, path, "plan", "13.07.2027", "--time", "14:00", today=ON)
    assert moved.exit_code == 0, moved.output
    assert "date = 2027-07-13 14:00:00\n" in path.read_text(encoding="utf-8")


def test_an_invited_meeting_is_not_sent_again_and_the_calendar_keeps_its_entries(
    runner: CliRunner, write_network: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_network(DATED, header=USUAL, members=WITH_CONTACT)
    first = run(runner, path, "invite", "--outbox", str(tmp_path / "first"), today=ON)
    assert first.exit_code == 0, first.output
    assert len(list((tmp_path / "first").iterdir())) == 2  # 2027-07-13 and 2027-11-09
    calendar = tmp_path / "netzwerk.ics"
    assert run(runner, path, "export", "-o", str(calendar), today=ON).exit_code == 0
    before = _events(calendar)
    assert run(runner, path, "cadence", "--time", "14:00", today=ON).exit_code == 0
    again = run(runner, path, "invite", "--outbox", str(tmp_path / "again"), today=ON)
    assert again.exit_code == 0, again.output
    assert not (tmp_path / "again").exists() or not list((tmp_path / "again").iterdir())
    assert run(runner, path, "export", "-o", str(calendar), today=ON).exit_code == 0
    after = _events(calendar)
    for day in ("20261110", "20270309", "20270713", "20271109"):
        assert after[day] == before[day], day  # the same DTSTART, the same SEQUENCE
    assert after["20270713"][0] == "DTSTART;TZID=Europe/Berlin:20270713T093000"
    assert after["20280711"][0] == "DTSTART;TZID=Europe/Berlin:20280711T140000"


def _events(calendar: Path) -> dict[str, tuple[str, str]]:
    """Each event's DTSTART and SEQUENCE lines, by its day."""
    found: dict[str, tuple[str, str]] = {}
    for event in calendar.read_text(encoding="utf-8").split("BEGIN:VEVENT")[1:]:
        lines = event.splitlines()
        start = next(line for line in lines if line.startswith("DTSTART"))
        sequence = next(line for line in lines if line.startswith("SEQUENCE"))
        found[start.rsplit(":", 1)[1][:8]] = (start, sequence)
    return found


def test_a_dry_run_shows_the_dates_written_too_and_writes_nothing(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(DATED, header=USUAL, members=WITH_CONTACT)
    before = snapshot(path)
    result = run(runner, path, "cadence", "--time", "14:00", "--dry-run", today=ON)
    assert result.exit_code == 0, result.output
    assert_untouched(path, before)
    changed = [line for line in result.stdout.splitlines() if line[:1] in "+-"][2:]
    assert changed == [
        "-start = 09:30:00",
        "+start = 14:00:00",
        "-date = 2026-11-10",
        "+date = 2026-11-10 09:30:00",
        "-date = 2027-03-09",
        "+date = 2027-03-09 09:30:00",
        "-date = 2027-07-13",
        "+date = 2027-07-13 09:30:00",
    ]
    assert result.stderr == SAID_EN.replace("14:00.\n", "14:00. (dry run: nothing written)\n", 1)


def test_undo_takes_the_start_and_the_written_times_back_together(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(DATED, header=USUAL, members=WITH_CONTACT)
    before = path.read_bytes()
    assert run(runner, path, "cadence", "--time", "14:00", today=ON).exit_code == 0
    assert path.read_text(encoding="utf-8") == _kept(before.decode("utf-8"))
    undone = run(runner, path, "undo", today=ON)
    assert undone.exit_code == 0, undone.output
    assert path.read_bytes() == before


def test_the_same_start_or_a_first_one_writes_no_meeting_s_time(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(DATED, header=USUAL, members=WITH_CONTACT)
    before = path.read_text(encoding="utf-8")
    same = run(runner, path, "cadence", "--time", "9:30", today=ON)
    assert (same.exit_code, same.stderr) == (0, "Set the usual start time: 09:30.\n")
    assert path.read_text(encoding="utf-8") == before
    # Without a usual start the meetings were whole days, which a file with one cannot say.
    path.write_text(before.replace("start = 09:30:00\n", ""), encoding="utf-8")
    first = run(runner, path, "cadence", "--time", "14:00", today=ON)
    assert (first.exit_code, first.stderr) == (0, "Set the usual start time: 14:00.\n")
    assert "date = 2027-07-13\n" in path.read_text(encoding="utf-8")
