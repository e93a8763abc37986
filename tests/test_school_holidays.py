"""School holidays (Schulferien): warned of, shifted out of, or ignored, from the `holidays`
package's own data (Hesse and Thuringia, the bundled network's states)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.core.plan import plan_meeting
from netzwerk_cli.core.remind import reminders
from netzwerk_cli.core.schedule import coming_meetings, next_meeting
from netzwerk_cli.errors import NetworkFileError
from netzwerk_cli.model import HolidayName, Language, SchoolHolidays
from netzwerk_cli.output import jsonrows, page, peoplerows
from netzwerk_cli.output.events import calendar_events
from netzwerk_cli.outside import holidaycache
from netzwerk_cli.outside.holidaycache import HolidayCache, cached_holidays, school_holidays
from netzwerk_cli.words import words

from .conftest import english, make_network

# The bundled network's cadence: the first Wednesday of April and November.
CADENCE = 'cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\n'
EASTER = HolidayName(en="Easter/Spring Break", de="Oster-/Frühjahrsferien")
AUTUMN = HolidayName(en="Autumn Break", de="Herbstferien")


def schedule(header: str = "", body: str = "", *, today: str = "2027-10-01", **kwargs: Any) -> Any:
    network = make_network(body, header=CADENCE + header)
    return coming_meetings(
        network, today=dt.date.fromisoformat(today), holidays=HolidayCache(None), **kwargs
    )


def by_date(rows: Any) -> dict[str, Any]:
    return {row.date.isoformat(): row for row in rows.meetings}


# --- the package's data, as the issue found it -------------------------------------------------


def test_the_package_knows_both_states_easter_and_thuringias_autumn_holidays() -> None:
    hesse, thuringia = school_holidays("HE", 2028), school_holidays("TH", 2028)
    assert hesse[dt.date(2028, 4, 5)] == EASTER
    assert thuringia[dt.date(2028, 4, 5)] == EASTER
    assert max(d for d, n in hesse.items() if n == EASTER) == dt.date(2028, 4, 14)
    assert max(d for d, n in thuringia.items() if n == EASTER) == dt.date(2028, 4, 15)
    assert thuringia[dt.date(2028, 11, 1)] == AUTUMN
    assert dt.date(2028, 11, 1) not in hesse
    assert dt.date(2027, 11, 3) not in hesse and dt.date(2027, 11, 3) not in school_holidays(
        "TH", 2027
    )


def test_a_year_the_package_does_not_know_has_none_and_no_error() -> None:
    assert school_holidays("HE", 2031) == {}


def test_a_release_without_school_holidays_gives_none_and_no_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import holidays

    def before_0_96(*args: object, **kwargs: object) -> object:
        raise ValueError("Category is not supported: school.")  # as holidays 0.95 says it

    monkeypatch.setattr(holidays, "country_holidays", before_0_96)
    assert school_holidays("HE", 2028) == {}


# --- warn (the default) ------------------------------------------------------------------------


def test_warn_names_the_states_of_each_date_and_keeps_it() -> None:
    rows = by_date(schedule(count=3))
    assert list(rows) == ["2027-11-03", "2028-04-05", "2028-11-01"]
    assert rows["2027-11-03"].school is None
    assert rows["2028-04-05"].school == SchoolHolidays(((EASTER, ("HE", "TH")),))
    assert rows["2028-11-01"].school == SchoolHolidays(((AUTUMN, ("TH",)),))
    assert all(row.moved_from is None for row in rows.values())


def test_warn_in_json_is_a_list_on_every_row_with_english_names(
    runner: CliRunner, network_file: Path
) -> None:
    result = runner.invoke(
        app,
        ["schedule", "--json", "-f", str(network_file), "--today", "2026-11-24", "--lang", "de"],
    )
    assert result.exit_code == 0, result.output
    found = {row["date"]: row["school_holidays"] for row in json.loads(result.stdout)}
    assert found == {
        "2027-04-07": [],
        "2027-11-03": [],
        "2028-04-05": [
            {"state": "HE", "name": "Easter/Spring Break"},
            {"state": "TH", "name": "Easter/Spring Break"},
        ],
        "2028-11-01": [{"state": "TH", "name": "Autumn Break"}],
    }


@pytest.mark.parametrize(
    ("lang", "dates", "easter", "autumn"),
    [
        (
            "de",
            ("05.04.2028", "01.11.2028"),
            "Oster-/Frühjahrsferien (HE, TH)",
            "Herbstferien (TH)",
        ),
        ("en", ("2028-04-05", "2028-11-01"), "Easter/Spring Break (HE, TH)", "Autumn Break (TH)"),
    ],
)
def test_the_table_notes_them_in_the_readers_language(
    runner: CliRunner,
    network_file: Path,
    lang: str,
    dates: tuple[str, str],
    easter: str,
    autumn: str,
) -> None:
    result = runner.invoke(
        app,
        ["schedule", "-f", str(network_file), "--today", "2026-11-24", "--lang", lang],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    rows = {line.split()[1]: line for line in result.stdout.splitlines() if "│" in line}
    assert len(rows) == 4
    assert rows[dates[0]].rstrip().endswith(f"│ {easter}")
    assert rows[dates[1]].rstrip().endswith(f"│ {autumn}")
    others = [line for date, line in rows.items() if date not in dates]
    assert len(others) == 2 and all(line.rstrip().endswith("│") for line in others)


def test_the_german_table_fits_80_columns_breaking_words_only_after_a_hyphen_or_slash(
    runner: CliRunner, network_file: Path
) -> None:
    result = runner.invoke(
        app,
        ["schedule", "-f", str(network_file), "--today", "2026-11-24", "--lang", "de"],
        env={"COLUMNS": "80"},
    )
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    # Each cell, its lines joined: without a space after a hyphen or slash that ends a line.
    cells: list[list[str]] = []
    for line in (line for line in lines if "│" in line):
        parts = [part.strip() for part in line.split("│")]
        if parts[0]:
            cells.append(parts)
            continue
        for index, part in enumerate(parts):
            if part:
                glue = "" if cells[-1][index].endswith(("-", "/")) else " "
                cells[-1][index] = cells[-1][index] + glue + part if cells[-1][index] else part
    assert [row[1] for row in cells] == [
        "Werra-Meißner-Kreis (ESW)",
        "Landkreis Fulda (FD)",
        "Landkreis Hersfeld-Rotenburg (HEF)",
        "Wartburgkreis (WAK)",
    ]
    assert [row[4] for row in cells] == [
        "",
        "",
        "Oster-/Frühjahrsferien (HE, TH)",
        "Herbstferien (TH)",
    ]


def test_next_host_says_them(runner: CliRunner, network_file: Path) -> None:
    result = runner.invoke(
        app, ["next-host", "-f", str(network_file), "--today", "2028-03-01", "--lang", "de"]
    )
    assert result.exit_code == 0, result.output
    assert "Schulferien:        Oster-/Frühjahrsferien (HE, TH)\n" in result.stdout
    english_run = runner.invoke(
        app, ["next-host", "-f", str(network_file), "--today", "2028-03-01"]
    )
    assert "School holidays: Easter/Spring Break (HE, TH)\n" in english_run.stdout


def test_remind_says_them() -> None:
    network = make_network(header=CADENCE)
    found = reminders(network, today=dt.date(2028, 3, 1), holidays=HolidayCache(None))
    (plan,) = found
    assert english(plan.message[-1]) == (
        "The date falls in the school holidays: Easter/Spring Break (HE, TH)."
    )
    german = words(Language.DE).say(plan.message[-1])
    assert german == "Der Termin liegt in den Schulferien: Oster-/Frühjahrsferien (HE, TH)."


def test_a_date_the_file_fixes_is_warned_of_and_never_moved() -> None:
    body = '[[meetings]]\ndate = 2028-04-05\nhost = "HEF"\nstatus = "planned"\n'
    for policy in ("warn", "shift"):
        rows = by_date(schedule(f'school_holidays = "{policy}"\n', body, count=1))
        row = rows["2028-04-05"]
        assert row.meeting is not None and row.moved_from is None
        assert row.school == SchoolHolidays(((EASTER, ("HE", "TH")),))


def test_only_members_that_belong_on_the_day_count() -> None:
    members = """
    [[members]]
    id = "HEF"
    name = "Landkreis Hersfeld-Rotenburg"
    seat = "Bad Hersfeld"
    state = "HE"

    [[members]]
    id = "WAK"
    name = "Wartburgkreis"
    seat = "Bad Salzungen"
    state = "TH"
    left = 2028-06-01
    """
    network = make_network(header=CADENCE, members=members)
    rows = coming_meetings(network, today=dt.date(2028, 3, 1), holidays=HolidayCache(None), count=2)
    assert [row.school for row in rows.meetings] == [
        SchoolHolidays(((EASTER, ("HE", "TH")),)),
        None,  # 2028-11-01: Thuringia's autumn holidays, but WAK has left
    ]


def test_beyond_the_packages_years_there_is_no_warning_and_no_crash() -> None:
    rows = schedule(today="2031-01-01", count=4)
    assert len(rows.meetings) == 4
    assert all(row.school is None for row in rows.meetings)


# --- shift -------------------------------------------------------------------------------------


def test_shift_moves_a_proposed_date_to_the_same_weekday_after_both_states_holidays() -> None:
    rows = by_date(schedule('school_holidays = "shift"\n', count=3))
    assert list(rows) == ["2027-11-03", "2028-04-19", "2028-11-08"]
    easter = rows["2028-04-19"]
    assert easter.date.weekday() == 2 and easter.date.month == 4  # a Wednesday in April
    assert easter.date > dt.date(2028, 4, 15)  # after Thuringia's (and Hesse's) Easter holidays
    assert easter.moved_from == dt.date(2028, 4, 5)
    assert easter.slot == dt.date(2028, 4, 5)
    assert easter.holiday == SchoolHolidays(((EASTER, ("HE", "TH")),))
    assert easter.school is None
    autumn = rows["2028-11-08"]
    assert autumn.moved_from == dt.date(2028, 11, 1)
    assert autumn.holiday == SchoolHolidays(((AUTUMN, ("TH",)),))


def test_shift_in_json_and_the_table(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network(header=CADENCE + 'school_holidays = "shift"\n')
    args = ["schedule", "-f", str(path), "--today", "2028-03-01", "-n", "1"]
    (row,) = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert row["date"] == "2028-04-19"
    assert row["moved_from"] == "2028-04-05"
    assert row["holiday"] == "Easter/Spring Break (HE, TH)"
    assert row["school_holidays"] == []
    table = runner.invoke(app, [*args, "--lang", "de"], env={"COLUMNS": "200"}).stdout
    assert "verschoben vom 05.04.2028: Oster-/Frühjahrsferien (HE, TH)" in table


def test_shift_stays_in_its_month_or_keeps_the_date_and_warns() -> None:
    # The first Wednesday of August 2028: Hesse's summer holidays end on 11 August, Thuringia's
    # on 1 September, so no Wednesday of August is free: the date stays, warned of.
    header = 'cadence = "FREQ=MONTHLY;BYMONTH=8;BYDAY=1WE"\nschool_holidays = "shift"\n'
    network = make_network(header=header)
    (row,) = coming_meetings(
        network, today=dt.date(2028, 6, 1), holidays=HolidayCache(None), count=1
    ).meetings
    assert row.date == dt.date(2028, 8, 2)
    assert row.moved_from is None and row.holiday is None
    assert row.school is not None
    assert words(Language.EN).holidays(row.school) == "Summer Break (HE, TH)"


class MadeUp:
    """Made-up holidays: Hesse's school holidays on `school` days, a public holiday (in every state)
    on `public` days."""

    def __init__(self, *, school: Iterable[dt.date], public: Iterable[dt.date] = ()) -> None:
        self.school_days, self.public_days = set(school), set(public)

    def __call__(self, state: str, year: int) -> Mapping[dt.date, HolidayName]:
        made_up = HolidayName("Made-up Day", "Erfundener Tag")
        return {day: made_up for day in self.public_days if day.year == year}

    def school(self, state: str, year: int) -> Mapping[dt.date, HolidayName]:
        days = (day for day in self.school_days if day.year == year)
        return dict.fromkeys(days, EASTER) if state == "HE" else {}


def shifted(cadence: str, lookup: MadeUp, *, today: dt.date, extra: str = "") -> Any:
    header = f'cadence = "{cadence}"\nschool_holidays = "shift"\n{extra}'
    (row,) = coming_meetings(
        make_network(header=header), today=today, holidays=lookup, count=1
    ).meetings
    return row


# Hesse's made-up school holidays from 1 to 10 May 2030, and a public holiday on the 15th.
MAY_2030 = MadeUp(school=(dt.date(2030, 5, d) for d in range(1, 11)), public=[dt.date(2030, 5, 15)])


def test_shift_passes_over_a_week_with_a_public_holiday() -> None:
    row = shifted("FREQ=MONTHLY;BYMONTH=5;BYDAY=1WE", MAY_2030, today=dt.date(2030, 1, 1))
    # 1 May 2030 (Wed) in the holidays; 8 May too; 15 May a public holiday; 22 May is free.
    assert (row.moved_from, row.date) == (dt.date(2030, 5, 1), dt.date(2030, 5, 22))


def test_under_holidays_ignore_a_public_holiday_is_a_day_like_any_other_for_the_shift() -> None:
    row = shifted(
        "FREQ=MONTHLY;BYMONTH=5;BYDAY=1WE",
        MAY_2030,
        today=dt.date(2030, 1, 1),
        extra='holidays = "ignore"\n',
    )
    assert (row.moved_from, row.date) == (dt.date(2030, 5, 1), dt.date(2030, 5, 15))


def test_a_date_moved_for_a_public_holiday_into_the_school_holidays_moves_on_out_of_them() -> None:
    # 1 May 2030 (Wed) is a public holiday: the next weekday, Thursday the 2nd, falls into the
    # school holidays (2 to 10 May), so the date goes on to a Thursday after them that is no
    # public holiday either: not the 16th, the 23rd.
    may = MadeUp(
        school=(dt.date(2030, 5, d) for d in range(2, 11)),
        public=[dt.date(2030, 5, 1), dt.date(2030, 5, 16)],
    )
    row = shifted("FREQ=MONTHLY;BYMONTH=5;BYDAY=1WE", may, today=dt.date(2030, 1, 1))
    assert (row.moved_from, row.date) == (dt.date(2030, 5, 1), dt.date(2030, 5, 23))
    assert row.holiday == SchoolHolidays(((EASTER, ("HE",)),))


def test_shift_reaches_the_last_day_there_is_and_no_further() -> None:
    # 24 December 9999 is a Friday a week before the last day there is: it moves there.
    christmas = MadeUp(school=[dt.date(9999, 12, 24)])
    row = shifted("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24", christmas, today=dt.date(9999, 1, 1))
    assert (row.moved_from, row.date) == (dt.date(9999, 12, 24), dt.date(9999, 12, 31))
    # A day later there is no same weekday after it: the date stays, warned of.
    late = MadeUp(school=[dt.date(9999, 12, 25)])
    row = shifted("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", late, today=dt.date(9999, 1, 1))
    assert (row.moved_from, row.date) == (None, dt.date(9999, 12, 25))
    assert row.school == SchoolHolidays(((EASTER, ("HE",)),))


def test_shift_never_passes_the_cadences_next_date() -> None:
    # Weekly: moving 5 April past the holidays would land on the 19th, the cadence's own date.
    header = 'cadence = "FREQ=WEEKLY;BYDAY=WE"\nschool_holidays = "shift"\n'
    network = make_network(header=header)
    rows = coming_meetings(
        network, today=dt.date(2028, 4, 1), holidays=HolidayCache(None), count=3
    ).meetings
    assert [row.date for row in rows] == [
        dt.date(2028, 4, 5),
        dt.date(2028, 4, 12),
        dt.date(2028, 4, 19),
    ]
    assert [row.moved_from for row in rows] == [None, None, None]
    assert [row.school is not None for row in rows] == [True, True, False]


def test_an_undated_planned_meeting_takes_the_shifted_date() -> None:
    body = '[[meetings]]\nhost = "ESW"\nstatus = "planned"\n'
    network = make_network(body, header=CADENCE + 'school_holidays = "shift"\n')
    row = next_meeting(network, today=dt.date(2028, 3, 1), holidays=HolidayCache(None))
    assert row.meeting is not None
    assert (row.date, row.moved_from) == (dt.date(2028, 4, 19), dt.date(2028, 4, 5))


# --- ignore ------------------------------------------------------------------------------------


def test_ignore_looks_nothing_up(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    class NoSchool:
        def __call__(self, state: str, year: int) -> Mapping[dt.date, HolidayName]:
            return {}

        def school(self, state: str, year: int) -> Mapping[dt.date, HolidayName]:
            raise AssertionError("ignore must look nothing up")

    network = make_network(header=CADENCE + 'school_holidays = "ignore"\n')
    rows = coming_meetings(network, today=dt.date(2027, 10, 1), holidays=NoSchool(), count=3)
    assert [row.date for row in rows.meetings][1] == dt.date(2028, 4, 5)
    assert all(row.school is None and row.moved_from is None for row in rows.meetings)
    path = write_network(header=CADENCE + 'school_holidays = "ignore"\n')
    result = runner.invoke(app, ["schedule", "--json", "-f", str(path), "--today", "2027-10-01"])
    assert [row["school_holidays"] for row in json.loads(result.stdout)] == [[], [], [], []]


# --- the file ----------------------------------------------------------------------------------


def test_a_bad_value_is_refused_with_its_place_and_the_three_choices(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    with pytest.raises(NetworkFileError) as caught:
        make_network(header='school_holidays = "sometimes"\n')
    assert caught.value.found[0].where == "[network]"
    path = write_network(header='school_holidays = "sometimes"\n')
    result = runner.invoke(app, ["validate", "-f", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"netzwerk: {path}: [network]: school_holidays 'sometimes' is not one of "
        '"warn", "shift", "ignore"\n'
    )
    wrong_type = runner.invoke(
        app, ["validate", "-f", str(write_network(header="school_holidays = true\n"))]
    )
    assert wrong_type.exit_code == 1
    assert '"warn", "shift", "ignore"' in wrong_type.stderr


def test_the_default_is_warn() -> None:
    assert make_network().school_holidays.value == "warn"


# --- plan --------------------------------------------------------------------------------------


def test_plan_into_the_holidays_plans_and_says_so(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(header=CADENCE)
    result = runner.invoke(app, ["plan", "2028-04-05", "-f", str(path), "--today", "2028-03-01"])
    assert result.exit_code == 0, result.output
    assert "date = 2028-04-05\n" in path.read_text(encoding="utf-8")
    assert result.stderr.splitlines()[-1] == (
        "Note: 2028-04-05 falls in the school holidays: Easter/Spring Break (HE, TH)."
    )
    german = runner.invoke(
        app,
        ["plan", "2028-11-01", "--new", "-f", str(path), "--today", "2028-03-01", "--lang", "de"],
    )
    assert german.exit_code == 0, german.output
    assert german.stderr.splitlines()[-1] == (
        "Hinweis: Der 01.11.2028 liegt in den Schulferien: Herbstferien (TH)."
    )


def test_plan_outside_the_holidays_or_under_ignore_says_nothing_more() -> None:
    quiet = make_network(header=CADENCE)
    change = plan_meeting(
        quiet, today=dt.date(2027, 10, 1), holidays=HolidayCache(None), day=dt.date(2027, 11, 3)
    )
    assert change.notes == ()
    ignoring = make_network(header=CADENCE + 'school_holidays = "ignore"\n')
    change = plan_meeting(
        ignoring, today=dt.date(2028, 3, 1), holidays=HolidayCache(None), day=dt.date(2028, 4, 5)
    )
    assert change.notes == ()


def test_a_dry_run_says_it_too(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    path = write_network(header=CADENCE)
    before = path.read_bytes()
    result = runner.invoke(
        app, ["plan", "2028-04-05", "--dry-run", "-f", str(path), "--today", "2028-03-01"]
    )
    assert result.exit_code == 0, result.output
    assert "falls in the school holidays" in result.stderr
    assert path.read_bytes() == before


# --- what the network shares: calendar, invitation, page ---------------------------------------


def test_the_calendar_description_says_it_in_the_networks_language() -> None:
    body = '[[meetings]]\ndate = 2028-04-05\nhost = "HEF"\nstatus = "planned"\n'
    for language, easter, autumn in (
        ("de", "In den Schulferien: Oster-/Frühjahrsferien (HE, TH).", "Herbstferien (TH)."),
        ("en", "In the school holidays: Easter/Spring Break (HE, TH).", "Autumn Break (TH)."),
    ):
        network = make_network(body, header=CADENCE + f'language = "{language}"\n')
        today = dt.date(2028, 3, 1)
        coming = coming_meetings(network, today=today, holidays=HolidayCache(None), count=2)
        found = calendar_events(network, coming.meetings, today=today, holidays=HolidayCache(None))
        descriptions = {event.day: event.description or "" for event in found.events}
        assert descriptions[dt.date(2028, 4, 5)] == easter  # the file's planned meeting
        proposed = descriptions[dt.date(2028, 11, 1)]  # a date only the cadence proposes
        assert proposed.endswith(" " + easter.split(":")[0] + ": " + autumn)
        # The same description whatever the count: an event must not change with --count.
        alone = calendar_events(network, (), today=today, holidays=HolidayCache(None))
        assert {e.day: e.description for e in alone.events}[dt.date(2028, 4, 5)] == easter
        # Without a lookup (as before this feature), no note at all.
        bare = calendar_events(network, coming.meetings, today=today)
        assert {e.day: e.description for e in bare.events}[dt.date(2028, 4, 5)] is None


def test_a_shifted_date_says_why_in_the_calendar() -> None:
    network = make_network(header=CADENCE + 'school_holidays = "shift"\n')
    today = dt.date(2028, 3, 1)
    coming = coming_meetings(network, today=today, holidays=HolidayCache(None), count=1)
    (event,) = calendar_events(
        network, coming.meetings, today=today, holidays=HolidayCache(None)
    ).events
    assert event.day == dt.date(2028, 4, 19)
    assert event.description == (
        "Date proposed by the network's cadence, not fixed yet. Moved from 2028-04-05: "
        "school holidays Easter/Spring Break (HE, TH)."
    )


def test_export_and_invite_carry_it(runner: CliRunner, write_network: Callable[..., Path]) -> None:
    body = (
        '[[meetings]]\ndate = 2028-04-05\nhost = "HEF"\nstatus = "planned"\n\n'
        '[mail]\nfrom = "Koordination <netzwerk@example.de>"\n'
    )
    path = write_network(body, header=CADENCE + 'language = "de"\n')
    text = path.read_text(encoding="utf-8").replace(
        'state = "HE"\n', 'state = "HE"\ncontacts = ["a@hef.example.de"]\n', 1
    )
    path.write_text(text, encoding="utf-8")
    exported = runner.invoke(app, ["export", "-f", str(path), "--today", "2028-03-01"])
    assert exported.exit_code == 0, exported.output
    unfolded = exported.stdout.replace("\r\n ", "")
    assert "In den Schulferien: Oster-/Frühjahrsferien (HE\\, TH)." in unfolded
    outbox = path.parent / "outbox"
    outbox.mkdir()
    invited = runner.invoke(
        app, ["invite", "--outbox", str(outbox), "-f", str(path), "--today", "2028-03-01"]
    )
    assert invited.exit_code == 0, invited.output
    (mail,) = outbox.iterdir()
    import email
    from email import policy

    message = email.message_from_bytes(mail.read_bytes(), policy=policy.default)
    body_part = message.get_body(preferencelist=("plain",))
    assert body_part is not None
    assert "In den Schulferien: Oster-/Frühjahrsferien (HE, TH)." in body_part.get_content()


def test_the_page_says_it() -> None:
    network = make_network(header=CADENCE + 'language = "de"\n')
    today = dt.date(2028, 3, 1)
    plan = coming_meetings(network, today=today, holidays=HolidayCache(None), count=2)
    html = page.page(network, plan, today=today, url=None, calendar_file="netzwerk.ics")
    assert "Schulferien: Oster-/Frühjahrsferien (HE, TH)" in html
    assert "Schulferien: Herbstferien (TH)" in html


def test_csv_spells_them_as_one_cell() -> None:
    network = make_network(header=CADENCE)
    plan = coming_meetings(network, today=dt.date(2028, 3, 1), holidays=HolidayCache(None), count=1)
    row = jsonrows.coming_json(plan.meetings[0], words(Language.DE))
    assert peoplerows.people_row(row, words(Language.DE))["school_holidays"] == (
        "Oster-/Frühjahrsferien (HE, TH)"
    )


# --- the cache ---------------------------------------------------------------------------------


def test_the_cache_keeps_them_and_a_second_run_does_not_ask_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with cached_holidays({"XDG_CACHE_HOME": str(tmp_path)}) as lookup:
        assert lookup.school("TH", 2028)[dt.date(2028, 11, 1)] == AUTUMN
    (cache_file,) = (tmp_path / "netzwerk").iterdir()
    text = cache_file.read_text(encoding="utf-8")
    assert "school-TH-2028\t2028-10-23/2028-11-03\tAutumn Break\tHerbstferien\n" in text

    def no_package(state: str, year: int) -> dict[dt.date, HolidayName]:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(holidaycache, "school_holidays", no_package)
    with cached_holidays({"XDG_CACHE_HOME": str(tmp_path)}) as lookup:
        assert lookup.school("TH", 2028)[dt.date(2028, 11, 1)] == AUTUMN
