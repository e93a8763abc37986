"""`netzwerk cadence`: words (or a rule) in, the next dates shown, the rule written; nothing else."""

from __future__ import annotations

import datetime as dt
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
