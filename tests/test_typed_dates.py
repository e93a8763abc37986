"""Dates and times as people type them (`words.typed`), and every date option of the command line
reading them through it: ISO and German forms, and a day that cannot exist refused as such."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.model import Language
from netzwerk_cli.words import words
from netzwerk_cli.words.typed import (
    TypedValueError,
    typed_bound,
    typed_day,
    typed_day_and_time,
    typed_month,
    typed_time,
)

from .conftest import examples
from .test_edit_support import assert_untouched, snapshot

EN = words(Language.EN)
DE = words(Language.DE)


def refusal(parse: Any, text: str) -> tuple[str, str]:
    """Why `parse` refuses `text`, in English and in German."""
    with pytest.raises(TypedValueError) as caught:
        parse(text)
    return EN.say(caught.value.text), DE.say(caught.value.text)


# --- the parser ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["2027-04-07", "2027-4-7", "07.04.2027", "7.4.2027", "07.4.2027", " 7.4.2027 "]
)
def test_a_day_is_read_as_iso_and_as_germans_write_it(text: str) -> None:
    assert typed_day(text) == dt.date(2027, 4, 7)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
@settings(max_examples=examples(300))
def test_every_day_is_read_back_from_each_form_it_is_written_in(day: dt.date) -> None:
    assert typed_day(day.isoformat()) == day
    assert typed_day(DE.date(day)) == day
    assert typed_day(f"{day.day}.{day.month}.{day.year}") == day
    assert typed_day_and_time(f"{DE.date(day)} 10.00") == (day, dt.time(10, 0))


@given(
    st.integers(1000, 9999),
    st.integers(1, 12),
    st.integers(29, 99),
)
@settings(max_examples=examples(300))
def test_a_day_past_its_months_end_is_refused_as_not_existing(
    year: int, month: int, day: int
) -> None:
    try:
        dt.date(year, month, day)
    except ValueError:
        english, german = refusal(typed_day, f"{day:02d}.{month:02d}.{year}")
        assert english.startswith(f"there is no {day} ")
        assert german.startswith(f"den {day}. ")
    else:
        assert typed_day(f"{year}-{month:02d}-{day:02d}") == dt.date(year, month, day)


def test_a_leap_day_exists_in_a_leap_year_only() -> None:
    assert typed_day("29.02.2028") == dt.date(2028, 2, 29)
    assert refusal(typed_day, "29.02.2027") == (
        "there is no 29 February 2027 (February 2027 has 28 days)",
        "den 29. Februar 2027 gibt es nicht (der Februar 2027 hat 28 Tage)",
    )


@pytest.mark.parametrize(
    ("text", "english", "german"),
    [
        (
            "2027-02-31",
            "there is no 31 February 2027 (February 2027 has 28 days)",
            "den 31. Februar 2027 gibt es nicht (der Februar 2027 hat 28 Tage)",
        ),
        (
            "31.02.2027",
            "there is no 31 February 2027 (February 2027 has 28 days)",
            "den 31. Februar 2027 gibt es nicht (der Februar 2027 hat 28 Tage)",
        ),
        (
            "31.4.2027",
            "there is no 31 April 2027 (April 2027 has 30 days)",
            "den 31. April 2027 gibt es nicht (der April 2027 hat 30 Tage)",
        ),
        (
            "0.3.2027",
            "there is no 0 March 2027 (March 2027 has 31 days)",
            "den 0. März 2027 gibt es nicht (der März 2027 hat 31 Tage)",
        ),
        (
            "2027-13-01",
            '"2027-13-01": there is no month 13 (the months are 1 to 12)',
            "„2027-13-01“: einen Monat 13 gibt es nicht (die Monate sind 1 bis 12)",
        ),
        (
            "01.00.2027",
            '"01.00.2027": there is no month 0 (the months are 1 to 12)',
            "„01.00.2027“: einen Monat 0 gibt es nicht (die Monate sind 1 bis 12)",
        ),
    ],
)
def test_a_day_that_cannot_exist_is_refused_as_such(text: str, english: str, german: str) -> None:
    assert refusal(typed_day, text) == (english, german)


@pytest.mark.parametrize(
    ("text", "english", "german"),
    [
        # Never guessed: a wrong century would be written into the file.
        (
            "7.4.27",
            '"7.4.27": write the year with four digits, e.g. 07.04.2027',
            "„7.4.27“: Bitte geben Sie das Jahr vierstellig an, z. B. 07.04.2027",
        ),
        (
            "7.4.",
            '"7.4.": the year is missing; write e.g. 07.04.2027',
            "„7.4.“: die Jahreszahl fehlt; schreiben Sie z. B. 07.04.2027",
        ),
        (
            "04.2027",
            '"04.2027" is a month, not a day; write the day, e.g. 2027-04-07 or 07.04.2027',
            "„04.2027“ ist ein Monat, kein Tag; geben Sie den Tag an, z. B. 07.04.2027 oder "
            "2027-04-07",
        ),
        (
            "2027-04",
            '"2027-04" is a month, not a day; write the day, e.g. 2027-04-07 or 07.04.2027',
            "„2027-04“ ist ein Monat, kein Tag; geben Sie den Tag an, z. B. 07.04.2027 oder "
            "2027-04-07",
        ),
        (
            "07.04.2027 10:00",
            '"07.04.2027 10:00": only a day is asked here, without a time',
            "„07.04.2027 10:00“: geben Sie hier nur den Tag an, ohne Uhrzeit",
        ),
        (
            "04/07/2027",
            '"04/07/2027" is not a date; write it as 2027-04-07 or 07.04.2027',
            "„04/07/2027“ ist kein Datum; geben Sie das Datum als 07.04.2027 oder 2027-04-07 an",
        ),
        (
            "morgen",
            '"morgen" is not a date; write it as 2027-04-07 or 07.04.2027',
            "„morgen“ ist kein Datum; geben Sie das Datum als 07.04.2027 oder 2027-04-07 an",
        ),
        (
            "0000-01-01",
            '"0000-01-01" is not a date; write it as 2027-04-07 or 07.04.2027',
            "„0000-01-01“ ist kein Datum; geben Sie das Datum als 07.04.2027 oder 2027-04-07 an",
        ),
    ],
)
def test_what_is_no_day_says_what_to_write(text: str, english: str, german: str) -> None:
    assert refusal(typed_day, text) == (english, german)


@pytest.mark.parametrize("text", ["2027-04", "2027-4", "04.2027", "4.2027"])
def test_a_month_is_read_in_both_forms(text: str) -> None:
    assert typed_month(text) == dt.date(2027, 4, 1)


def test_what_is_no_month_is_refused() -> None:
    assert refusal(typed_month, "13.2027") == (
        '"13.2027": there is no month 13 (the months are 1 to 12)',
        "„13.2027“: einen Monat 13 gibt es nicht (die Monate sind 1 bis 12)",
    )
    assert refusal(typed_month, "07.04.2027") == (
        '"07.04.2027" is not a month; write it as 2027-04 or 04.2027',
        "„07.04.2027“ ist kein Monat; geben Sie den Monat als 04.2027 oder 2027-04 an",
    )


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("04.2027", dt.date(2027, 4, 1), dt.date(2027, 4, 30)),
        ("2028-02", dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
        ("12.2027", dt.date(2027, 12, 1), dt.date(2027, 12, 31)),
        ("7.4.2027", dt.date(2027, 4, 7), dt.date(2027, 4, 7)),
    ],
)
def test_a_bound_may_be_a_month_from_its_first_or_to_its_last_day(
    text: str, first: dt.date, last: dt.date
) -> None:
    assert typed_bound(text, last=False) == first
    assert typed_bound(text, last=True) == last


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("10:00", dt.time(10, 0)),
        ("10.00", dt.time(10, 0)),
        ("9:30", dt.time(9, 30)),
        ("9.30", dt.time(9, 30)),
        ("10 Uhr", dt.time(10, 0)),
        ("10.00 Uhr", dt.time(10, 0)),
        ("10:00:00", dt.time(10, 0)),
        ("00:00", dt.time(0, 0)),
        ("23:59", dt.time(23, 59)),
    ],
)
def test_a_time_is_read_with_a_colon_or_a_dot(text: str, time: dt.time) -> None:
    assert typed_time(text) == time


@pytest.mark.parametrize(
    ("text", "english", "german"),
    [
        (
            "25:00",
            "there is no time 25:00 (hours 0 to 23, minutes 0 to 59)",
            "die Uhrzeit 25:00 gibt es nicht (Stunden 0 bis 23, Minuten 0 bis 59)",
        ),
        (
            "10.60",
            "there is no time 10.60 (hours 0 to 23, minutes 0 to 59)",
            "die Uhrzeit 10.60 gibt es nicht (Stunden 0 bis 23, Minuten 0 bis 59)",
        ),
        (
            "10",
            '"10" is not a time; write it as 10:00 or 10.00',
            "„10“ ist keine Uhrzeit; geben Sie die Uhrzeit als 10:00 oder 10.00 an",
        ),
        (
            "10:00:30",
            "10:00:30: a meeting starts on a minute; write the time without seconds",
            "10:00:30: Ein Treffen beginnt zur vollen Minute; bitte schreiben Sie die Uhrzeit "
            "ohne Sekunden",
        ),
        (
            "zehn",
            '"zehn" is not a time; write it as 10:00 or 10.00',
            "„zehn“ ist keine Uhrzeit; geben Sie die Uhrzeit als 10:00 oder 10.00 an",
        ),
    ],
)
def test_what_is_no_time_is_refused(text: str, english: str, german: str) -> None:
    assert refusal(typed_time, text) == (english, german)


@pytest.mark.parametrize(
    "text",
    [
        "07.04.2027 10:00",
        "7.4.2027 10.00",
        "07.04.2027, 10:00 Uhr",
        "2027-04-07T10:00",
        "2027-04-07T10:00:00",
        "2027-04-07 10:00",
    ],
)
def test_a_day_with_its_time_is_read_in_both_forms(text: str) -> None:
    assert typed_day_and_time(text) == (dt.date(2027, 4, 7), dt.time(10, 0))


def test_a_day_alone_has_no_time_and_a_bad_time_is_named() -> None:
    assert typed_day_and_time("7.4.2027") == (dt.date(2027, 4, 7), None)
    assert refusal(typed_day_and_time, "31.02.2027 10:00")[0] == (
        "there is no 31 February 2027 (February 2027 has 28 days)"
    )
    assert refusal(typed_day_and_time, "07.04.2027 25:00")[0] == (
        "there is no time 25:00 (hours 0 to 23, minutes 0 to 59)"
    )
    assert refusal(typed_day_and_time, "Ostern")[1] == (
        "„Ostern“ ist kein Datum; geben Sie das Datum als 07.04.2027 oder 2027-04-07 an, mit Uhrzeit "
        "als „07.04.2027 10:00“"
    )


# --- every date option of the command line --------------------------------------------------


def invoke(path: Path, *args: str, lang: str = "en") -> Any:
    return CliRunner().invoke(app, [*args, "--file", str(path), "--lang", lang])


# Each command with a date in it, the date as "{day}" (April 2027 on the bundled file, whose
# next meeting ESW hosts, date not fixed yet).
DATE_USES = {
    "--today": ("next-host", "--json", "--today", "{day}"),
    "plan DATE": ("plan", "{day}", "--dry-run", "--today", "2027-01-01"),
    "record DATE": ("record", "{day}", "--dry-run", "--today", "2027-05-01"),
    "history --since": ("history", "--json", "--since", "{day}", "--today", "2027-05-01"),
    "history --until": ("history", "--json", "--until", "{day}", "--today", "2027-05-01"),
    "schedule --until": ("schedule", "--json", "--until", "{day}", "--today", "2027-01-01"),
    "member add --joined": (
        *("member", "add", "SM", "--name", "Schmalkalden-Meiningen", "--seat", "Meiningen"),
        *("--state", "TH", "--joined", "{day}", "--dry-run", "--today", "2027-01-01"),
    ),
    "member leave --date": (
        *("member", "leave", "FD", "--date", "{day}", "--dry-run", "--today", "2027-01-01"),
    ),
}


def with_day(args: tuple[str, ...], day: str) -> list[str]:
    return [a.replace("{day}", day) for a in args]


@pytest.mark.parametrize("use", list(DATE_USES))
@pytest.mark.parametrize("german_form", ["07.04.2027", "7.4.2027"])
def test_every_date_option_takes_the_german_form_as_the_iso_one(
    network_file: Path, use: str, german_form: str
) -> None:
    iso = invoke(network_file, *with_day(DATE_USES[use], "2027-04-07"))
    german = invoke(network_file, *with_day(DATE_USES[use], german_form))
    assert iso.exit_code == 0, iso.output
    assert (german.exit_code, german.stdout, german.stderr) == (0, iso.stdout, iso.stderr)


def test_cancel_takes_the_german_form(network_file: Path) -> None:
    planned = invoke(network_file, "plan", "2027-04-07", "--today", "2027-01-01")
    assert planned.exit_code == 0, planned.output
    before = network_file.read_text(encoding="utf-8")
    iso = invoke(network_file, "cancel", "2027-04-07", "--dry-run", "--today", "2027-01-01")
    german = invoke(network_file, "cancel", "7.4.2027", "--dry-run", "--today", "2027-01-01")
    assert iso.exit_code == 0, iso.output
    assert (german.stdout, german.stderr) == (iso.stdout, iso.stderr)
    assert '-status = "planned"\n+status = "cancelled"' in german.stdout
    assert network_file.read_text(encoding="utf-8") == before


AGENDA_USES = {
    "agenda show DATE": ("agenda", "show", "{day}", "--json"),
    "agenda add --date": ("agenda", "add", "Bericht", "--date", "{day}", "--dry-run"),
    "agenda move --date": ("agenda", "move", "2", "1", "--date", "{day}", "--dry-run"),
    "agenda remove --date": ("agenda", "remove", "1", "--date", "{day}", "--dry-run"),
    "topic add --proposed": ("topic", "add", "Wohnsitzauflage", "--proposed", "{day}", "--dry-run"),
}


@pytest.mark.parametrize("use", list(AGENDA_USES))
def test_the_agenda_and_topic_dates_take_the_german_form(network_file: Path, use: str) -> None:
    for step in (
        ("plan", "2027-04-07", "--today", "2027-01-01"),
        ("agenda", "add", "Begrüßung", "--date", "2027-04-07", "--minutes", "15"),
        ("agenda", "add", "Sprachkurse", "--date", "2027-04-07", "--by", "WAK"),
    ):
        done = invoke(network_file, *step, "--today", "2027-01-01")
        assert done.exit_code == 0, done.output
    before = network_file.read_bytes()
    args = (*AGENDA_USES[use], "--today", "2027-01-01")
    iso = invoke(network_file, *with_day(args, "2027-04-07"))
    assert iso.exit_code == 0, iso.output
    for german_form in ("07.04.2027", "7.4.2027"):
        german = invoke(network_file, *with_day(args, german_form))
        assert (german.exit_code, german.stdout, german.stderr) == (0, iso.stdout, iso.stderr)
    assert network_file.read_bytes() == before


def test_member_rejoin_takes_the_german_form(network_file: Path) -> None:
    left = invoke(
        network_file, "member", "leave", "FD", "--date", "2027-01-01", "--today", "2027-01-01"
    )
    assert left.exit_code == 0, left.output
    before = network_file.read_text(encoding="utf-8")
    args = ("--dry-run", "--today", "2027-01-01")
    iso = invoke(network_file, "member", "rejoin", "FD", "--date", "2027-04-07", *args)
    german = invoke(network_file, "member", "rejoin", "FD", "--date", "7.4.2027", *args)
    assert iso.exit_code == 0, iso.output
    assert (german.exit_code, german.stdout, german.stderr) == (0, iso.stdout, iso.stderr)
    assert "2027-04-07" in german.stdout
    assert network_file.read_text(encoding="utf-8") == before


def test_netzwerk_today_takes_the_german_form(
    network_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETZWERK_TODAY", "01.04.2027")
    result = invoke(network_file, "next-host", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["date"] == "2027-04-07"


@pytest.mark.parametrize("use", list(DATE_USES))
@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "there is no 31 February 2027 (February 2027 has 28 days)\n"),
        ("de", "den 31. Februar 2027 gibt es nicht (der Februar 2027 hat 28 Tage)\n"),
    ],
)
def test_every_date_option_refuses_a_day_that_does_not_exist(
    network_file: Path, use: str, lang: str, message: str
) -> None:
    before = snapshot(network_file)
    for typed in ("31.02.2027", "2027-02-31"):
        result = invoke(network_file, *with_day(DATE_USES[use], typed), lang=lang)
        assert result.exit_code == 2, result.output
        assert result.stderr.endswith(message), result.stderr
        assert result.stdout == ""
    assert_untouched(network_file, before)


def test_cancel_refuses_a_day_that_does_not_exist(network_file: Path) -> None:
    result = invoke(network_file, "cancel", "30.02.2027", lang="de")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "den 30. Februar 2027 gibt es nicht (der Februar 2027 hat 28 Tage)\n"
    )


def test_every_date_parameter_reads_through_the_one_parser() -> None:
    """Every parameter of every command that takes a day or a time reads it with `words.typed`
    (through `parse_date`, plan's day-and-time or the time parser), and this file tests each of
    them: a date option added later without the parser, or untested here, fails this test."""
    import importlib

    # The module, not the Typer that `netzwerk_cli.cli` exports under the same name.
    app_module = importlib.import_module("netzwerk_cli.cli.app")
    from netzwerk_cli.cli import edit, editing, options

    readers = {
        options.parse_date,
        options.parse_first_day,
        options.parse_last_day,
        edit._parse_day_and_time,
        editing.parse_time,
    }
    dated: set[str] = set()

    def walk(command: Any, path: str) -> None:
        for param in command.params:
            kind = param.type_descriptor.annotation
            parser = param.type_descriptor.parameter_info.parser
            name = param.opts[0] if param.opts[0].startswith("-") else "DATE"
            if kind in (dt.date, dt.time, dt.datetime):
                assert parser in readers, f"{path} {name} does not read through words.typed"
                dated.add(f"{path} {name}")
        for name, sub in (getattr(command, "commands", None) or {}).items():
            walk(sub, f"{path} {name}".strip())

    for module in sorted(set(app_module.COMMAND_MODULES.values())):
        commands = importlib.import_module(f"netzwerk_cli.cli.{module}").commands
        for name, command in app_module._built(commands, Language.EN).items():
            walk(command, name)
    # --today is on every command; the others where DATE_USES and the tests above try them.
    others = {d for d in dated if not d.endswith(" --today")}
    assert others == {
        "plan DATE",
        "plan --time",
        "record DATE",
        "cancel DATE",
        "history --since",
        "history --until",
        "schedule --until",
        "member add --joined",
        "member leave --date",
        "member rejoin --date",
        "cadence --time",
        "init --time",
        *AGENDA_USES,
    }
    assert {d.split()[0] for d in dated if d.endswith(" --today")} >= {"next-host", "remind"}


# --- plan's time -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "07.04.2027", "--time", "10.00"),
        ("plan", "7.4.2027", "--time", "10 Uhr"),
        ("plan", "07.04.2027 10:00"),
        ("plan", "7.4.2027 10.00"),
        ("plan", "2027-04-07T10:00"),
        ("plan", "2027-04-07 10:00", "--time", "10:00"),
    ],
)
def test_plan_takes_a_time_as_germans_write_it_and_with_its_day(
    network_file: Path, args: tuple[str, ...]
) -> None:
    iso = invoke(network_file, "plan", "2027-04-07", "--time", "10:00", "--dry-run")
    typed = invoke(network_file, *args, "--dry-run")
    assert iso.exit_code == 0, iso.output
    assert "+date = 2027-04-07T10:00:00" in iso.stdout or "+date = 2027-04-07 10:00:00" in (
        iso.stdout
    )
    assert (typed.exit_code, typed.stdout, typed.stderr) == (0, iso.stdout, iso.stderr)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "the time is given twice (in the date and with --time)\n"),
        ("de", "die Uhrzeit ist doppelt angegeben (im Datum und mit --time)\n"),
    ],
)
def test_plan_refuses_two_different_times(network_file: Path, lang: str, message: str) -> None:
    before = snapshot(network_file)
    result = invoke(network_file, "plan", "07.04.2027 10:00", "--time", "11:00", lang=lang)
    assert result.exit_code == 2
    assert result.stderr.endswith(message)
    assert_untouched(network_file, before)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "there is no time 24:00 (hours 0 to 23, minutes 0 to 59)\n"),
        ("de", "die Uhrzeit 24:00 gibt es nicht (Stunden 0 bis 23, Minuten 0 bis 59)\n"),
    ],
)
def test_plan_refuses_a_time_that_does_not_exist(
    network_file: Path, lang: str, message: str
) -> None:
    before = snapshot(network_file)
    result = invoke(network_file, "plan", "07.04.2027", "--time", "24:00", lang=lang)
    assert result.exit_code == 2
    assert result.stderr.endswith(message)
    assert_untouched(network_file, before)


# --- a month where a bound is asked ---------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "days"),
    [
        (
            ("--since", "11.2024", "--until", "11.2024"),
            ("--since", "2024-11-01", "--until", "2024-11-30"),
        ),
        (
            ("--since", "2024-04", "--until", "2024-04"),
            ("--since", "2024-04-01", "--until", "2024-04-30"),
        ),
        (("--until", "10.2024"), ("--until", "2024-10-31")),
    ],
)
def test_history_takes_a_month_for_its_first_and_last_day(
    network_file: Path, months: tuple[str, ...], days: tuple[str, ...]
) -> None:
    by_month = invoke(network_file, "history", "--json", *months)
    by_day = invoke(network_file, "history", "--json", *days)
    assert by_day.exit_code == 0, by_day.output
    assert by_month.stdout == by_day.stdout
    assert len(json.loads(by_day.stdout)) == 1  # the month-only meeting of April, or November's


def test_schedule_until_a_month_takes_the_whole_month(network_file: Path) -> None:
    by_month = invoke(
        network_file, "schedule", "--json", "--until", "11.2027", "--today", "2027-01-01"
    )
    by_day = invoke(
        network_file, "schedule", "--json", "--until", "2027-11-30", "--today", "2027-01-01"
    )
    assert by_day.exit_code == 0, by_day.output
    assert by_month.stdout == by_day.stdout
    assert [row["date"][:7] for row in json.loads(by_day.stdout)] == ["2027-04", "2027-11"]


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", '"13.2027": there is no month 13 (the months are 1 to 12)\n'),
        ("de", "„13.2027“: einen Monat 13 gibt es nicht (die Monate sind 1 bis 12)\n"),
    ],
)
def test_a_month_that_does_not_exist_is_refused_as_a_bound(
    network_file: Path, lang: str, message: str
) -> None:
    result = invoke(network_file, "history", "--since", "13.2027", lang=lang)
    assert result.exit_code == 2
    assert result.stderr.endswith(message)
