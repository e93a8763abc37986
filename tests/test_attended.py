"""Attendance (`attended` in [[meetings]], `record --attended`) and the answers to invitations
where the other commands show them: schedule, history, members, remind and the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.output.page import page

from .conftest import network_text
from .replymail import CLIENTS, reply_calendar
from .test_replies import APRIL, MEMBERS, TODAY

BODY = """
[mail]
from = "Koordination Netzwerk <netzwerk@example.de>"

[[meetings]]
date = 2026-04-01
host = "WAK"
status = "held"
attended = ["WAK", "HEF"]

[[meetings]]
date = 2026-09-02
host = "HEF"
status = "held"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"
"""


def cli(runner: CliRunner, path: Path, *args: str, today: str = TODAY) -> Result:
    return runner.invoke(app, [*args, "-f", str(path), "--today", today])


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "network.toml"
    target.write_text(network_text(BODY, members=MEMBERS), encoding="utf-8")
    return target


def test_history_and_members_show_attendance(runner: CliRunner, path: Path) -> None:
    history = json.loads(cli(runner, path, "history", "--json").stdout)
    assert [m["attended"] for m in history] == [["WAK", "HEF"], None]
    table = cli(runner, path, "history").stdout
    assert "Attendance" in table and "WAK, HEF" in table
    members = json.loads(cli(runner, path, "members", "--json").stdout)
    assert [(m["id"], m["attended"]) for m in members] == [("HEF", 1), ("WAK", 1), ("ESW", 0)]
    assert "Attendance" in cli(runner, path, "members").stdout
    assert "Teilnahme" in cli(runner, path, "history", "--lang", "de").stdout


def test_record_attended_for_a_recorded_meeting_and_for_a_new_one(
    runner: CliRunner, path: Path
) -> None:
    done = cli(runner, path, "record", "2026-09-02", "--attended", "HEF, ESW")
    assert done.exit_code == 0, done.output
    assert done.stderr == "Recorded who took part in the meeting of 2026-09-02: HEF, ESW.\n"
    assert 'attended = ["HEF", "ESW"]' in path.read_text()
    new = cli(runner, path, "record", "2026-10-07", "--host", "ESW", "--attended", "ESW,WAK")
    assert new.exit_code == 0, new.output
    history = json.loads(cli(runner, path, "history", "--json").stdout)
    assert [m["attended"] for m in history] == [["WAK", "HEF"], ["HEF", "ESW"], ["ESW", "WAK"]]
    members = json.loads(cli(runner, path, "members", "--json").stdout)
    assert [m["attended"] for m in members] == [2, 2, 2]


def test_record_attended_refuses_an_unknown_id_with_its_name(runner: CliRunner, path: Path) -> None:
    before = path.read_text()
    result = cli(runner, path, "record", "2026-09-02", "--attended", "HEF,XYZ")
    assert result.exit_code == 1
    assert result.stderr == 'netzwerk: "XYZ" is not a member (members: HEF, WAK, ESW)\n'
    assert path.read_text() == before


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (
            '["HEF", "XYZ"]',
            'meetings[1] (2026-04-01): attended: "XYZ" is not a member (members: HEF, WAK, ESW)',
        ),
        ('"HEF"', "meetings[1] (2026-04-01): attended must be a list of member ids in quotes"),
        ('["HEF", "HEF"]', "meetings[1] (2026-04-01): attended names HEF twice"),
    ],
)
def test_the_file_s_attended_is_validated_with_its_place(
    runner: CliRunner, path: Path, value: str, problem: str
) -> None:
    path.write_text(path.read_text().replace('["WAK", "HEF"]', value))
    result = cli(runner, path, "validate")
    assert result.exit_code == 1
    assert problem in result.stderr


def answer(
    runner: CliRunner, path: Path, tmp_path: Path, answers: list[tuple[str, str, str]]
) -> Path:
    assert cli(runner, path, "invite", "--outbox", str(tmp_path)).exit_code == 0
    box = tmp_path / "saved"
    box.mkdir()
    for name, address, partstat in answers:
        calendar = reply_calendar(
            uid=APRIL.replace("meeting-1", "meeting-3"), address=address, partstat=partstat
        )
        (box / f"{name}.eml").write_bytes(
            CLIENTS["gmail"](calendar, sender=address, message_id=f"<{name}@x>")
        )
    assert cli(runner, path, "replies", "--from", str(box)).exit_code == 0
    return path


@pytest.fixture
def answered(runner: CliRunner, path: Path, tmp_path: Path) -> Path:
    """The April meeting invited, Anna (HEF) accepted, Kevin (WAK) declined."""
    return answer(
        runner,
        path,
        tmp_path,
        [("1", "anna@hef.example.de", "ACCEPTED"), ("2", "kevin@wak.example.de", "DECLINED")],
    )


def test_schedule_shows_the_answers(runner: CliRunner, answered: Path) -> None:
    rows = json.loads(cli(runner, answered, "schedule", "--json").stdout)
    assert rows[0]["answers"] == {
        "accepted": 1,
        "declined": 1,
        "tentative": 0,
        "delegated": 0,
        "none": 1,
    }
    assert all(row["answers"] is None for row in rows[1:])
    assert "1 accepted, 1 declined, 1 without an answer" in " ".join(
        cli(runner, answered, "schedule").stdout.split()
    )
    german = cli(runner, answered, "schedule", "--lang", "de").stdout
    assert "1 zugesagt, 1 abgesagt, 1 ohne Antwort" in " ".join(german.split())
    assert (
        json.loads(cli(runner, answered, "next-host", "--json").stdout)["answers"]["accepted"] == 1
    )


def test_remind_names_who_has_not_answered_in_the_week_before(
    runner: CliRunner, path: Path, tmp_path: Path
) -> None:
    answered = answer(runner, path, tmp_path, [("1", "anna@hef.example.de", "ACCEPTED")])
    close = cli(runner, answered, "remind", today="2027-04-01").stdout
    assert "No answer to the invitation yet from Wartburgkreis (WAK): ask them" in " ".join(
        close.split()
    )
    assert "Hersfeld" not in close.split("No answer")[1]
    early = cli(runner, answered, "remind", today="2027-03-20").stdout
    assert "No answer" not in early
    german = " ".join(
        cli(runner, answered, "remind", "--lang", "de", today="2027-04-01").stdout.split()
    )
    assert (
        "Noch keine Antwort auf die Einladung: Wartburgkreis (WAK). Bitte fragen Sie nach" in german
    )


def test_the_page_shows_numbers_never_names(answered: Path) -> None:
    import datetime as dt

    from netzwerk_cli.cli.app import load
    from netzwerk_cli.cli.recorded import answers_now
    from netzwerk_cli.core.schedule import coming_meetings

    loaded = load(answered, dt.date(2026, 11, 25))
    counts = {m.uid: m.counts() for m in answers_now(loaded)}
    plan = coming_meetings(loaded.network, today=loaded.today, holidays=lambda *a: None, count=3)  # type: ignore[arg-type]
    html = page(
        loaded.network,
        plan,
        today=loaded.today,
        url=None,
        calendar_file="netzwerk.ics",
        answers=counts,
    )
    assert "answers: 1 accepted, 1 declined, 1 without an answer" in html
    for private in ("anna@", "kevin@", "Anna", "Kevin"):
        assert private not in html


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "Recorded the meeting of 2027-04-07 10:00 at Eschwege, hosted by ESW "
            "(Werra-Meißner-Kreis), as planned. Took part: ESW, WAK, HEF.\n",
        ),
        (
            "de",
            "Das Treffen vom 07.04.2027, 10:00 Uhr mit Gastgeber ESW (Werra-Meißner-Kreis) wurde "
            "wie geplant eingetragen (Ort: Eschwege). Teilgenommen haben: ESW, WAK, HEF.\n",
        ),
    ],
)
def test_record_attended_says_who_took_part(
    runner: CliRunner, path: Path, lang: str, said: str
) -> None:
    """The sentence of a recorded meeting confirms the --attended it wrote (found in the German
    first week: it named only the place)."""
    args = ("record", "2027-04-07", "--attended", "ESW,WAK,HEF", "--lang", lang)
    done = cli(runner, path, *args, today="2027-04-08")
    assert (done.exit_code, done.stderr) == (0, said)
    later = "2027-04-10"
    new = cli(
        runner, path, "record", "2026-10-07", "--host", "ESW", "--attended", "ESW", today=later
    )
    assert new.stderr == (
        "Recorded the meeting of 2026-10-07 at Eschwege, hosted by ESW (Werra-Meißner-Kreis). "
        "Took part: ESW.\n"
    )
    moved = cli(
        runner, path, "record", "2027-04-09", "--host", "WAK", "--attended", "", today=later
    )
    assert moved.stderr.splitlines()[0].endswith(" Took part: nobody."), moved.output
