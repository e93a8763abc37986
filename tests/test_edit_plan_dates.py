"""`netzwerk plan` (issue 27): a weekend or a public holiday in a member's state is warned of on
stderr, as the school holidays are, and the plan is made all the same; a changed time shows the
old one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.core.plan import plan_meeting
from netzwerk_cli.model import HolidayName

from .conftest import english, make_network

TODAY = "2027-03-01"
HELD = '[[meetings]]\ndate = 2026-11-04\nhost = "WAK"\nstatus = "held"\n'
ASCENSION = HolidayName(en="Ascension Day", de="Christi Himmelfahrt")


def plan(runner: CliRunner, path: Path, *args: str, lang: str = "en") -> Result:
    return runner.invoke(app, ["plan", *args, "-f", str(path), "--today", TODAY, "--lang", lang])


SUMMARY = {
    "en": "Planned the meeting of {iso} at Bad Hersfeld, hosted by HEF (Landkreis Hersfeld-Rotenburg).",
    "de": "Das Treffen am {german} mit Gastgeber HEF (Landkreis Hersfeld-Rotenburg) wurde geplant "
    "(Ort: Bad Hersfeld).",
}


@pytest.mark.parametrize(
    ("day", "lang", "note"),
    [
        ("2027-03-06", "en", "Note: 2027-03-06 is a Saturday."),
        ("2027-03-07", "en", "Note: 2027-03-07 is a Sunday."),
        ("2027-03-06", "de", "Hinweis: Der 06.03.2027 ist ein Samstag."),
        ("2027-03-07", "de", "Hinweis: Der 07.03.2027 ist ein Sonntag."),
        ("2027-05-06", "en", "Note: 2027-05-06 is a public holiday: Ascension Day (HE, TH)."),
        (
            "2027-05-06",
            "de",
            "Hinweis: Der 06.05.2027 ist ein Feiertag: Christi Himmelfahrt (HE, TH).",
        ),
    ],
)
def test_plan_warns_of_a_weekend_or_a_public_holiday_and_plans_all_the_same(
    runner: CliRunner, write_network: Callable[..., Path], day: str, lang: str, note: str
) -> None:
    path = write_network(HELD)
    result = plan(runner, path, day, lang=lang)
    assert result.exit_code == 0, result.output
    german = dt.date.fromisoformat(day).strftime("%d.%m.%Y")
    assert result.stderr == SUMMARY[lang].format(iso=day, german=german) + "\n" + note + "\n"
    assert f'date = {day}\nhost = "HEF"\nstatus = "planned"' in path.read_text(encoding="utf-8")


def test_a_weekday_that_is_no_holiday_gets_no_note(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(HELD)
    result = plan(runner, path, "2027-03-10")
    assert result.exit_code == 0, result.output
    assert result.stderr == SUMMARY["en"].format(iso="2027-03-10") + "\n"


def test_holidays_ignore_leaves_out_the_public_holiday_not_the_weekend(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(HELD, header='holidays = "ignore"\n')
    assert plan(runner, path, "2027-05-06").stderr == SUMMARY["en"].format(iso="2027-05-06") + "\n"
    saturday = plan(runner, path, "2027-03-06", "--new")
    assert saturday.stderr.endswith("\nNote: 2027-03-06 is a Saturday.\n")


def test_the_notes_go_with_a_replanned_date_too(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(HELD + '\n[[meetings]]\ndate = 2027-03-10\nhost = "HEF"\n')
    result = plan(runner, path, "2027-05-06", lang="de")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[1:] == [
        "Hinweis: Der 06.05.2027 ist ein Feiertag: Christi Himmelfahrt (HE, TH)."
    ]


def test_the_core_gives_every_note_in_order() -> None:
    network = make_network(HELD)
    saturday = dt.date(2027, 5, 8)

    def lookup(state: str, year: int) -> dict[dt.date, HolidayName]:
        return {saturday: ASCENSION} if state == "TH" else {}

    change = plan_meeting(network, today=dt.date(2027, 3, 1), holidays=lookup, day=saturday)
    assert [english(note) for note in change.notes] == [
        "Note: 2027-05-08 is a Saturday.",
        "Note: 2027-05-08 is a public holiday: Ascension Day (TH).",
    ]


@pytest.mark.parametrize(
    ("lang", "summary"),
    [
        (
            "en",
            "Re-planned the meeting hosted by HEF (Landkreis Hersfeld-Rotenburg): "
            "date 2027-07-13 09:30 (was 2027-07-13 13:30).\n",
        ),
        (
            "de",
            "Das Treffen mit Gastgeber HEF (Landkreis Hersfeld-Rotenburg) wurde neu geplant: "
            "Datum 13.07.2027, 09:30 Uhr (bisher: 13.07.2027, 13:30 Uhr).\n",
        ),
    ],
)
def test_a_changed_time_shows_the_old_time(
    runner: CliRunner, write_network: Callable[..., Path], lang: str, summary: str
) -> None:
    path = write_network(
        HELD + '\n[[meetings]]\ndate = 2027-07-13T13:30:00\nhost = "HEF"\n',
        header='school_holidays = "ignore"\n',
    )
    result = plan(runner, path, "2027-07-13", "--time", "09:30", lang=lang)
    assert result.exit_code == 0, result.output
    assert result.stderr == summary
    assert "date = 2027-07-13 09:30:00" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "A date on a Saturday or Sunday, on a public holiday or in the school holidays"),
        (
            "de",
            "Ein Termin an einem Samstag oder Sonntag, an einem Feiertag oder in den Schulferien",
        ),
    ],
)
def test_the_help_says_it(runner: CliRunner, lang: str, words: str) -> None:
    result = runner.invoke(app, ["plan", "--help", "--lang", lang], env={"COLUMNS": "2000"})
    assert words in " ".join(result.stdout.split())
