"""`netzwerk record` (issue 27): which planned meeting a record takes, with or without --host (never
one planned more than two weeks after DATE), what `--attended` replaces or adds (`+ID`), and the
old time in the summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.core.edits import AddTable, SetKeys
from netzwerk_cli.core.record import record_meeting

from .conftest import english, make_network
from .test_edit_support import assert_untouched, snapshot

TODAY = "2027-03-20"
JULY = 'date = 2027-07-13\nhost = "B"\nstatus = "planned"\n'
TWO = """
[[members]]
id = "A"
name = "Kreis A"
seat = "Aheim"
state = "BY"

[[members]]
id = "B"
name = "Kreis B"
seat = "Bheim"
state = "BY"
"""


def cli(runner: CliRunner, path: Path, *args: str, today: str = TODAY) -> Result:
    return runner.invoke(app, [*args, "-f", str(path), "--today", today])


def tables(text: str) -> int:
    """How many [[meetings]] tables the file has (the starter file names them in comments too)."""
    return sum(line == "[[meetings]]" for line in text.splitlines())


def no_holidays(_state: str, _year: int) -> dict[dt.date, object]:
    return {}


# --- 1. a meeting planned far after DATE is never taken -----------------------------------------


@pytest.fixture
def reproduction(runner: CliRunner, tmp_path: Path) -> Path:
    """The issue's steps: init, two members, a meeting planned for July 2027 with host B."""
    path = tmp_path / "network.toml"
    steps = [
        ["init"],
        ["member", "add", "A", "--name", "Kreis A", "--seat", "Aheim", "--state", "BY"],
        ["member", "add", "B", "--name", "Kreis B", "--seat", "Bheim", "--state", "BY"],
        ["plan", "2027-07-13", "--host", "B"],
    ]
    for step in steps:
        result = cli(runner, path, *step)
        assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        (
            "en",
            "The meeting planned for 2027-07-13 (B) is more than two weeks after 2026-01-01: it "
            "stays planned, and the meeting of 2026-01-01 is recorded as a new one.\n",
        ),
        (
            "de",
            "Das für den 13.07.2027 geplante Treffen (B) liegt mehr als zwei Wochen nach dem "
            "01.01.2026; es bleibt geplant, und das Treffen vom 01.01.2026 wird neu eingetragen.\n",
        ),
    ],
)
@pytest.mark.parametrize("host", [[], ["--host", "B"]], ids=["without --host", "with --host"])
def test_a_meeting_planned_far_after_the_date_stays_planned_and_a_new_one_is_added(
    runner: CliRunner, reproduction: Path, lang: str, note: str, host: list[str]
) -> None:
    before = snapshot(reproduction)
    dry = cli(runner, reproduction, "record", "2026-01-01", *host, "--dry-run", "--lang", lang)
    assert dry.exit_code == 0, dry.output
    assert_untouched(reproduction, before)
    # The diff only adds a table: the July meeting is not touched.
    changed = [line for line in dry.stdout.splitlines()[2:] if line[:1] in "+-"]
    assert all(line.startswith("+") for line in changed)
    assert "+date = 2026-01-01" in changed and '+status = "held"' in changed
    assert dry.stderr.endswith(note)
    real = cli(runner, reproduction, "record", "2026-01-01", *host, "--lang", lang)
    assert real.exit_code == 0, real.output
    text = reproduction.read_text(encoding="utf-8")
    assert 'date = 2027-07-13\nhost = "B"\nstatus = "planned"' in text
    assert tables(text) == 2
    assert real.stderr.endswith(note)


def test_without_host_the_new_meeting_goes_to_the_rotations_choice(
    runner: CliRunner, reproduction: Path
) -> None:
    # B's planned meeting counts as its turn, so A is due: not `next-host`'s B.
    result = cli(runner, reproduction, "record", "2026-01-01")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "Recorded the meeting of 2026-01-01 at Aheim, hosted by A (Kreis A).\n"
    )
    assert 'date = 2026-01-01\nhost = "A"' in reproduction.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("day", "taken"),
    [("2027-06-29", True), ("2027-06-28", False), ("2027-07-13", True), ("2027-07-20", True)],
    ids=["14 days before", "15 days before", "on the day", "after it"],
)
@pytest.mark.parametrize("host", [[], ["--host", "B"]], ids=["without --host", "with --host"])
def test_the_two_weeks_hold_with_and_without_host(
    runner: CliRunner,
    write_network: Callable[..., Path],
    day: str,
    taken: bool,
    host: list[str],
) -> None:
    path = write_network(f"[[meetings]]\n{JULY}", members=TWO)
    result = cli(runner, path, "record", day, *host, today="2027-08-01")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    if taken:
        assert tables(text) == 1
        assert f'date = {day}\nhost = "B"\nstatus = "held"' in text
        if day == "2027-07-13":
            assert "hosted by B (Kreis B), as planned." in result.stderr
        else:
            assert "it was planned for 2027-07-13" in result.stderr
    else:
        assert tables(text) == 2
        assert JULY in text
        assert "is more than two weeks after 2027-06-28" in result.stderr


def test_without_host_an_undated_planned_meeting_is_taken_before_a_far_one(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    body = f'[[meetings]]\n{JULY}\n[[meetings]]\nhost = "A"\nstatus = "planned"\n'
    path = write_network(body, members=TWO)
    result = cli(runner, path, "record", "2026-01-01")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Recorded the meeting of 2026-01-01 at Aheim, hosted by A (Kreis A); "
        "it was planned without a date.\n"
    )
    assert JULY in path.read_text(encoding="utf-8")


def test_the_core_adds_a_meeting_and_notes_the_far_one() -> None:
    network = make_network(f"[[meetings]]\n{JULY}", members=TWO, today=dt.date(2027, 3, 20))
    change = record_meeting(
        network, day=dt.date(2026, 1, 1), today=dt.date(2027, 3, 20), holidays=no_holidays
    )
    assert isinstance(change.edit, AddTable)
    assert change.edit.values["host"] == "A"
    assert [english(n) for n in change.notes] == [
        "The meeting planned for 2027-07-13 (B) is more than two weeks after 2026-01-01: it "
        "stays planned, and the meeting of 2026-01-01 is recorded as a new one."
    ]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            "a meeting planned more than six weeks before DATE or more than two weeks after it is never taken",
        ),
        (
            "de",
            "ein Treffen, das mehr als sechs Wochen vor oder mehr als zwei Wochen nach DATUM geplant ist, wird nie übernommen",
        ),
    ],
)
def test_the_help_says_the_rule(runner: CliRunner, lang: str, words: str) -> None:
    result = runner.invoke(app, ["record", "--help", "--lang", lang], env={"COLUMNS": "2000"})
    assert result.exit_code == 0, result.output
    assert words in " ".join(result.stdout.split())
    assert ("Without --host" if lang == "en" else "Ohne --host") in result.stdout


# --- 2. --attended on a meeting whose attendance is recorded ------------------------------------

ATTENDED = """
[[meetings]]
date = 2027-03-02
host = "HEF"
status = "held"
attended = ["HEF", "WAK", "ESW", "FD"]
"""


@pytest.mark.parametrize(
    ("lang", "summary", "note"),
    [
        (
            "en",
            "Recorded who took part in the meeting of 2027-03-02: HEF, WAK (was: HEF, WAK, ESW, FD).",
            "No longer recorded as taking part: ESW, FD. To add to the list instead of replacing "
            "it, put a plus before each id: --attended +ESW",
        ),
        (
            "de",
            "Die Teilnahme am Treffen vom 02.03.2027 wurde eingetragen: HEF, WAK (bisher: HEF, WAK, ESW, FD).",
            "Nicht mehr als Teilnehmer eingetragen: ESW, FD. Um Kürzel zur Liste hinzuzufügen, statt "
            "sie zu ersetzen, setzen Sie vor jedes Kürzel ein Plus: --attended +ESW",
        ),
    ],
)
def test_replacing_the_attendance_says_what_it_was_and_who_is_dropped(
    runner: CliRunner, write_network: Callable[..., Path], lang: str, summary: str, note: str
) -> None:
    path = write_network(ATTENDED)
    result = cli(runner, path, "record", "2027-03-02", "--attended", "HEF,WAK", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{summary}\n{note}\n"
    assert 'attended = ["HEF", "WAK"]' in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "summary"),
    [
        ("en", "Recorded who took part in the meeting of 2027-03-02: HEF, WAK (was: HEF)."),
        (
            "de",
            "Die Teilnahme am Treffen vom 02.03.2027 wurde eingetragen: HEF, WAK (bisher: HEF).",
        ),
    ],
)
def test_a_plus_adds_to_the_recorded_attendance(
    runner: CliRunner, write_network: Callable[..., Path], lang: str, summary: str
) -> None:
    path = write_network(ATTENDED.replace('"HEF", "WAK", "ESW", "FD"', '"HEF"'))
    result = cli(runner, path, "record", "2027-03-02", "--attended", "+WAK, +HEF", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{summary}\n"
    assert 'attended = ["HEF", "WAK"]' in path.read_text(encoding="utf-8")


def test_a_plus_on_a_new_meeting_records_those_ids(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(ATTENDED)
    result = cli(runner, path, "record", "2027-03-09", "--host", "WAK", "--attended", "+WAK,+FD")
    assert result.exit_code == 0, result.output
    assert 'attended = ["WAK", "FD"]' in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "lang", "message"),
    [
        (
            "+HEF,WAK",
            "en",
            "put a plus before each id to add them (+HEF,+WAK), or before none to replace the "
            "recorded ones",
        ),
        (
            "+HEF,WAK",
            "de",
            "setzen Sie vor jedes Kürzel ein Plus, um es zur Liste hinzuzufügen (+HEF,+WAK), oder "
            "vor keines, um die eingetragene Liste zu ersetzen",
        ),
        ("+,+HEF", "en", "a plus needs a member id after it (+HEF)"),
    ],
)
def test_a_mixed_or_empty_plus_is_a_usage_error(
    runner: CliRunner, write_network: Callable[..., Path], value: str, lang: str, message: str
) -> None:
    path = write_network(ATTENDED)
    before = snapshot(path)
    result = cli(runner, path, "record", "2027-03-02", "--attended", value, "--lang", lang)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert_untouched(path, before)


def test_an_unknown_id_after_a_plus_is_refused_by_the_id_check(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(ATTENDED)
    before = snapshot(path)
    result = cli(runner, path, "record", "2027-03-02", "--attended", "+XYZ")
    assert result.exit_code == 1
    assert result.stderr == 'netzwerk: "XYZ" is not a member (members: HEF, WAK, ESW, FD)\n'
    assert_untouched(path, before)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "With a plus before each id (+HEF,+WAK) they are added to the recorded ones."),
        ("de", "Mit einem Plus vor jedem Kürzel (+HEF,+WAK) werden sie zu den eingetragenen"),
    ],
)
def test_the_help_says_what_a_plus_does(runner: CliRunner, lang: str, words: str) -> None:
    result = runner.invoke(app, ["record", "--help", "--lang", lang], env={"COLUMNS": "2000"})
    assert words in " ".join(result.stdout.split())


def test_the_core_merges_without_repeating_an_id() -> None:
    network = make_network(
        ATTENDED.replace('"HEF", "WAK", "ESW", "FD"', '"HEF", "FD"'), today=dt.date(2027, 3, 20)
    )
    change = record_meeting(
        network,
        day=dt.date(2027, 3, 2),
        today=dt.date(2027, 3, 20),
        holidays=no_holidays,
        attended=("FD", "ESW"),
        add_attended=True,
    )
    assert isinstance(change.edit, SetKeys)
    assert change.edit.values == {"attended": ["HEF", "FD", "ESW"]}
    assert change.notes == ()


# --- 3. the old time in the summary -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "summary"),
    [
        (
            "en",
            "Recorded the meeting of 2027-07-12 13:30 at Bheim, hosted by B (Kreis B); it was "
            "planned for 2027-07-13 13:30.\n",
        ),
        (
            "de",
            "Das Treffen vom 12.07.2027, 13:30 Uhr mit Gastgeber B (Kreis B) wurde eingetragen "
            "(Ort: Bheim); es war für den 13.07.2027, 13:30 Uhr geplant.\n",
        ),
    ],
)
def test_record_shows_the_planned_time_it_replaces(
    runner: CliRunner, write_network: Callable[..., Path], lang: str, summary: str
) -> None:
    path = write_network(
        f"[[meetings]]\n{JULY.replace('2027-07-13', '2027-07-13T13:30:00')}", members=TWO
    )
    result = cli(runner, path, "record", "2027-07-12", "--lang", lang, today="2027-07-12")
    assert result.exit_code == 0, result.output
    assert result.stderr == summary
    assert "date = 2027-07-12 13:30:00" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Recorded the meeting of 2027-07-13 at Bheim, hosted by B (Kreis B), as planned.\n"),
        (
            "de",
            "Das Treffen vom 13.07.2027 mit Gastgeber B (Kreis B) wurde wie geplant eingetragen "
            "(Ort: Bheim).\n",
        ),
    ],
)
def test_recording_the_planned_meeting_on_its_day_says_as_planned(
    runner: CliRunner, write_network: Callable[..., Path], lang: str, said: str
) -> None:
    path = write_network(f"[[meetings]]\n{JULY}", members=TWO)
    result = cli(runner, path, "record", "13.07.2027", "--lang", lang, today="2027-08-01")
    assert result.exit_code == 0, result.output
    assert result.stderr == said


@pytest.mark.parametrize("host", [[], ["--host", "B"]])
def test_a_meeting_planned_long_before_the_date_stays_planned(
    runner: CliRunner, write_network: Callable[..., Path], host: list[str]
) -> None:
    """A meeting planned 23 months before DATE and never recorded is another meeting: the
    record adds a new one and says that the old one stays planned (with or without --host)."""
    stale = 'date = 2026-01-13\nhost = "B"\nstatus = "planned"\n'
    path = write_network(f"[[meetings]]\n{stale}", members=TWO)
    result = cli(runner, path, "record", "2027-12-01", *host, today="2027-12-02")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert stale in text and tables(text) == 2
    assert "The meeting planned for 2026-01-13 (B) is more than six weeks before 2027-12-01" in (
        " ".join(result.stderr.split())
    )


@pytest.mark.parametrize(("planned", "taken"), [("2027-10-20", True), ("2027-10-19", False)])
def test_six_weeks_back_is_taken_and_no_further(
    runner: CliRunner, write_network: Callable[..., Path], planned: str, taken: bool
) -> None:
    """Held on 1 December: planned on 20 October (42 days before) is that meeting, put off;
    planned on 19 October (43 days before) is not."""
    path = write_network(
        f'[[meetings]]\ndate = {planned}\nhost = "B"\nstatus = "planned"\n', members=TWO
    )
    result = cli(runner, path, "record", "2027-12-01", today="2027-12-02")
    assert result.exit_code == 0, result.output
    assert (tables(path.read_text(encoding="utf-8")) == 1) is taken
