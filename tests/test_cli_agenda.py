"""`netzwerk agenda` and `netzwerk topic` end to end, in English and German: the agenda with its
times, --json the same in both languages, each change with --dry-run (a diff, the file untouched)
and for real (only the meant lines change), and bad input (a message, exit 1 or 2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app

TODAY = "2026-11-24"
BODY = """
[[topics]]                       # proposed, not yet on an agenda
topic = "Wohnsitzauflage: Erfahrungen der Ausländerbehörden"
by = "FD"
proposed = 2026-12-01

[[meetings]]
date = 2024-11-06
host = "WAK"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
title = "3. Treffen"
[[meetings.agenda]]              # in order
topic = "Begrüßung und Vorstellungsrunde"
minutes = 15
[[meetings.agenda]]
topic = "Sprachkurse für Geflüchtete: Erfahrungen"
by = "WAK"                       # brings it
minutes = 45
[[meetings.agenda]]
topic = "Verschiedenes"
"""


@pytest.fixture
def network(write_network: Callable[..., Path]) -> Path:
    return write_network(BODY)


def run(path: Path, *args: str, lang: str = "en") -> Result:
    return CliRunner().invoke(
        app, [*args, "-f", str(path), "--today", TODAY], env={"NETZWERK_LANG": lang}
    )


# --- showing ---------------------------------------------------------------------------------


def test_agenda_shows_the_next_meetings_items_with_their_times(network: Path) -> None:
    result = run(network, "agenda")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Agenda: 2027-04-07 (Wed) 10:00, Eschwege, 3. Treffen\n"
        "# ┃ Time  ┃ Topic                                    ┃ Brought by    ┃ Minutes\n"
        "━━╇━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━\n"
        "1 │ 10:00 │ Begrüßung und Vorstellungsrunde          │               │      15\n"
        "2 │ 10:15 │ Sprachkurse für Geflüchtete: Erfahrungen │ Wartburgkreis │      45\n"
        "3 │ 11:00 │ Verschiedenes                            │               │\n"
    )
    assert result.stderr == ""


def test_agenda_in_german(network: Path) -> None:
    result = run(network, "agenda", "show", "07.04.2027", lang="de")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Tagesordnung: 07.04.2027 (Mi) 10:00, Eschwege, 3. Treffen"
    assert lines[1].split(" ┃ ") == [
        "#",
        "Uhrzeit",
        "Thema".ljust(40),
        "Beitrag von".ljust(len("Wartburgkreis")),
        "Minuten",
    ]
    assert lines[4].startswith(
        "2 │ 10:15   │ Sprachkurse für Geflüchtete: Erfahrungen │ Wartburgkreis"
    )


def test_agenda_json_is_the_same_in_both_languages(network: Path) -> None:
    english, german = run(network, "agenda", "--json"), run(network, "agenda", "--json", lang="de")
    assert english.exit_code == german.exit_code == 0
    assert english.stdout == german.stdout
    data = json.loads(english.stdout)
    assert data == {
        "date": "2027-04-07",
        "start": "2027-04-07T10:00:00",
        "host": "ESW",
        "venue": "Eschwege",
        "title": "3. Treffen",
        "status": "planned",
        "minutes": 60,
        "length": 120,
        "items": [
            {
                "number": 1,
                "start": "10:00:00",
                "topic": "Begrüßung und Vorstellungsrunde",
                "by": None,
                "by_name": None,
                "minutes": 15,
            },
            {
                "number": 2,
                "start": "10:15:00",
                "topic": "Sprachkurse für Geflüchtete: Erfahrungen",
                "by": "WAK",
                "by_name": "Wartburgkreis",
                "minutes": 45,
            },
            {
                "number": 3,
                "start": "11:00:00",
                "topic": "Verschiedenes",
                "by": None,
                "by_name": None,
                "minutes": None,
            },
        ],
    }


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "The agenda of the meeting on 2024-11-06 has no items yet; add one with "
            "`netzwerk agenda add TOPIC --date 2024-11-06`.\n",
        ),
        (
            "de",
            "Die Tagesordnung des Treffens am 06.11.2024 enthält noch keine Punkte. Einen Punkt "
            "nehmen Sie mit „netzwerk agenda add THEMA --date 06.11.2024“ auf.\n",
        ),
    ],
)
def test_without_an_agenda_it_says_how_to_add_one(network: Path, lang: str, said: str) -> None:
    result = run(network, "agenda", "show", "2024-11-06", lang=lang)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", said)
    as_json = run(network, "agenda", "show", "2024-11-06", "--json", lang=lang)
    assert json.loads(as_json.stdout)["items"] == []


def test_a_long_agenda_is_shown_with_a_note(write_network: Callable[..., Path]) -> None:
    path = write_network(
        BODY.replace('topic = "Verschiedenes"\n', 'topic = "Verschiedenes"\nminutes = 90\n')
    )
    result = run(path, "agenda", lang="de")
    assert result.exit_code == 0
    assert result.stderr == (
        "Hinweis: Die Tagesordnung des Treffens am 07.04.2027 umfasst 150 Minuten und ist damit "
        "länger als das Treffen (120 Minuten).\n"
    )


# --- changing --------------------------------------------------------------------------------


def changed(path: Path, args: list[str], lang: str = "en") -> tuple[str, str, Result]:
    """The file's text before and after the command, and its result; the dry run first, which
    must show exactly the change the real run then makes, and write nothing."""
    before = path.read_bytes()
    dry = run(path, *args, "--dry-run", lang=lang)
    assert dry.exit_code == 0, dry.output
    assert path.read_bytes() == before
    result = run(path, *args, lang=lang)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert dry.stdout == _diff(path, before.decode("utf-8"), after)
    return before.decode("utf-8"), after, result


def _diff(path: Path, old: str, new: str) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(old.splitlines(True), new.splitlines(True), str(path), str(path))
    )


def test_agenda_add_puts_an_item_where_asked_and_nothing_else_changes(network: Path) -> None:
    args = [
        "agenda",
        "add",
        "Ehrenamt in der Integrationsarbeit",
        "--by",
        "hef",
        "--minutes",
        "20",
        "--at",
        "3",
    ]
    before, after, result = changed(network, args)
    added = '[[meetings.agenda]]\ntopic = "Ehrenamt in der Integrationsarbeit"\nby = "HEF"\nminutes = 20\n'
    assert after == before.replace(
        '[[meetings.agenda]]\ntopic = "Verschiedenes"',
        added + '[[meetings.agenda]]\ntopic = "Verschiedenes"',
    )
    assert result.stderr == (
        "Added item 3 to the agenda of the meeting on 2027-04-07: Ehrenamt in der "
        "Integrationsarbeit.\n"
    )
    shown = run(network, "agenda")
    assert (
        "3 │ 11:00 │ Ehrenamt in der Integrationsarbeit       │ Landkreis Hersfeld-Rotenburg │      20"
        in shown.stdout
    )
    assert "4 │ 11:20 │ Verschiedenes" in shown.stdout


def test_agenda_add_to_another_meeting_by_its_date_in_german(network: Path) -> None:
    before, after, result = changed(
        network, ["agenda", "add", "Rückblick", "--date", "06.11.2024"], lang="de"
    )
    assert after == before.replace(
        'host = "WAK"\n', 'host = "WAK"\n[[meetings.agenda]]\ntopic = "Rückblick"\n'
    )
    assert result.stderr == (
        "In die Tagesordnung des Treffens am 06.11.2024 wurde als Punkt 1 aufgenommen: Rückblick.\n"
    )


def test_agenda_add_says_when_the_agenda_grows_longer_than_the_meeting(network: Path) -> None:
    result = run(network, "agenda", "add", "Workshop", "--minutes", "61")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1] == (
        "Note: the agenda of the meeting on 2027-04-07 takes 121 minutes, longer than the "
        "meeting (120 minutes)."
    )


def test_agenda_add_topic_takes_a_proposed_topic_off_the_list(network: Path) -> None:
    before, after, result = changed(
        network, ["agenda", "add", "--topic", "1", "--at", "2", "--minutes", "30"], lang="de"
    )
    topic = (
        "[[topics]]                       # proposed, not yet on an agenda\n"
        'topic = "Wohnsitzauflage: Erfahrungen der Ausländerbehörden"\n'
        'by = "FD"\nproposed = 2026-12-01\n\n'
    )
    item = '[[meetings.agenda]]\ntopic = "Wohnsitzauflage: Erfahrungen der Ausländerbehörden"\nby = "FD"\nminutes = 30\n'
    expected = before.replace(topic, "").replace(
        '[[meetings.agenda]]\ntopic = "Sprachkurse',
        item + '[[meetings.agenda]]\ntopic = "Sprachkurse',
    )
    assert after == expected
    assert result.stderr == (
        "Das vorgeschlagene Thema 1 wurde als Punkt 2 in die Tagesordnung des Treffens am "
        "07.04.2027 aufgenommen: Wohnsitzauflage: Erfahrungen der Ausländerbehörden.\n"
    )
    listed = run(network, "topic", "list", "--json")
    assert json.loads(listed.stdout) == []


def test_agenda_move_and_remove(network: Path) -> None:
    before, after, result = changed(network, ["agenda", "move", "3", "1"])
    last = '[[meetings.agenda]]\ntopic = "Verschiedenes"\n'
    assert after == before.replace(last, "").replace(
        "[[meetings.agenda]]              # in order",
        last + "[[meetings.agenda]]              # in order",
    )
    assert result.stderr == (
        "Moved item 3 of the agenda of the meeting on 2027-04-07 to position 1: Verschiedenes.\n"
    )
    before, after, result = changed(
        network, ["agenda", "remove", "3", "--date", "2027-04-07"], lang="de"
    )
    gone = '[[meetings.agenda]]\ntopic = "Sprachkurse für Geflüchtete: Erfahrungen"\nby = "WAK"                       # brings it\nminutes = 45\n'
    assert after == before.replace(gone, "")
    assert result.stderr == (
        "Punkt 3 wurde aus der Tagesordnung des Treffens am 07.04.2027 gestrichen: Sprachkurse für "
        "Geflüchtete: Erfahrungen.\n"
    )


def test_topic_add_list_and_remove_in_both_languages(network: Path) -> None:
    before, after, result = changed(network, ["topic", "add", "Ehrenamt", "--by", "wak"])
    assert after == before.replace(
        "proposed = 2026-12-01\n",
        'proposed = 2026-12-01\n\n[[topics]]\ntopic = "Ehrenamt"\nby = "WAK"\nproposed = 2026-11-24\n',
    )
    assert result.stderr == "Added proposed topic 2: Ehrenamt.\n"
    listed = run(network, "topic", "list")
    assert listed.stdout == (
        "Proposed topics\n"
        "# ┃ Topic                                              ┃ Proposed by     ┃ Proposed on\n"
        "━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━\n"
        "1 │ Wohnsitzauflage: Erfahrungen der Ausländerbehörden │ Landkreis Fulda │ 2026-12-01\n"
        "2 │ Ehrenamt                                           │ Wartburgkreis   │ 2026-11-24\n"
    )
    german = run(network, "topic", "list", lang="de")
    assert german.stdout.splitlines()[0] == "Vorgeschlagene Themen"
    assert german.stdout.splitlines()[3].endswith("│ Landkreis Fulda   │ 01.12.2026")
    english_json, german_json = (
        run(network, "topic", "list", "--json"),
        run(network, "topic", "list", "--json", lang="de"),
    )
    assert english_json.stdout == german_json.stdout
    assert json.loads(english_json.stdout)[1] == {
        "number": 2,
        "topic": "Ehrenamt",
        "by": "WAK",
        "by_name": "Wartburgkreis",
        "proposed": "2026-11-24",
    }
    before, after, result = changed(network, ["topic", "remove", "1"], lang="de")
    assert after == before.replace(
        "[[topics]]                       # proposed, not yet on an agenda\n"
        'topic = "Wohnsitzauflage: Erfahrungen der Ausländerbehörden"\n'
        'by = "FD"\nproposed = 2026-12-01\n\n',
        "",
    )
    assert result.stderr == (
        "Thema 1 wurde aus dem Themenspeicher gestrichen: Wohnsitzauflage: Erfahrungen der "
        "Ausländerbehörden.\n"
    )


def test_topic_list_without_topics_says_how_to_propose_one(
    write_network: Callable[..., Path],
) -> None:
    path = write_network("")
    result = run(path, "topic", "list", lang="de")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "Noch keine Themen vorgeschlagen; schlagen Sie eines mit „netzwerk topic add THEMA“ vor.\n"
    )
    assert run(path, "topic", "list", "--json").stdout == "[]\n"


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "english", "german"),
    [
        (
            ["agenda", "remove", "9"],
            1,
            "netzwerk: the agenda of the meeting on 2027-04-07 has no item 9; its items are 1 to 3",
            "netzwerk: die Tagesordnung des Treffens am 07.04.2027 hat keinen Punkt 9; ihre "
            "Punkte sind 1 bis 3",
        ),
        (
            ["agenda", "move", "1", "4"],
            1,
            "netzwerk: position 4 is not on the agenda of the meeting on 2027-04-07: give 1 to 3",
            "netzwerk: die Tagesordnung des Treffens am 07.04.2027 hat keine Stelle 4: geben Sie "
            "1 bis 3 an",
        ),
        (
            ["agenda", "add", "X", "--by", "WKA"],
            1,
            'netzwerk: "WKA" is not a member; did you mean WAK?',
            "netzwerk: „WKA“ ist kein Mitglied; meinten Sie WAK?",
        ),
        (
            ["agenda", "show", "2027-04-08"],
            1,
            "netzwerk: meeting not found: no meeting on 2027-04-08 (planned: 2027-04-07)",
            "netzwerk: Am 08.04.2027 ist kein Treffen geplant (geplante Treffen: 07.04.2027)",
        ),
        (
            ["agenda", "add", "--topic", "2"],
            1,
            "netzwerk: there is no proposed topic 2; there is only topic 1: Wohnsitzauflage: "
            "Erfahrungen der Ausländerbehörden",
            "netzwerk: es gibt kein vorgeschlagenes Thema 2; es gibt nur das Thema 1: "
            "Wohnsitzauflage: Erfahrungen der Ausländerbehörden",
        ),
        (
            ["agenda", "add", "X", "--topic", "1"],
            2,
            "Error: give either TOPIC or --topic N (a proposed topic's number)",
            "Fehler: geben Sie entweder THEMA oder --topic NR (die Nummer eines vorgeschlagenen "
            "Themas) an",
        ),
        (
            ["agenda", "add", "X", "--minutes", "1441"],
            2,
            "Invalid value for '--minutes'",
            "Ungültiger Wert für „--minutes“",
        ),
        (
            ["agenda", "show", "31.02.2027"],
            2,
            "there is no 31 February 2027",
            "den 31. Februar 2027 gibt es nicht",
        ),
        (
            ["agenda", "add", "Zeile\x1b[31m"],
            2,
            "contains a control character (U+001B)",
            "U+001B",
        ),
        (
            ["topic", "remove", "0"],
            2,
            "Invalid value for 'N'",
            "Ungültiger Wert für „NR“",
        ),
    ],
)
def test_bad_input_is_said_on_stderr_with_its_exit_code_and_nothing_changes(
    network: Path, args: list[str], code: int, english: str, german: str
) -> None:
    before = network.read_bytes()
    for lang, said in (("en", english), ("de", german)):
        result = run(network, *args, lang=lang)
        assert result.exit_code == code, result.output
        assert said in result.stderr
        assert result.stdout == "" and "Traceback" not in result.output
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit
        )
    assert network.read_bytes() == before


def test_a_new_line_in_a_topic_is_refused_by_the_files_rule(network: Path) -> None:
    before = network.read_bytes()
    result = run(network, "topic", "add", "zwei\nZeilen")
    assert result.exit_code == 1
    assert "nothing written, the change would make the file invalid" in result.stderr
    assert "topics[2]: topic must be one line" in result.stderr
    assert network.read_bytes() == before


def test_no_coming_meeting_says_to_plan_one(write_network: Callable[..., Path]) -> None:
    path = write_network('[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\n')
    result = run(path, "agenda", lang="de")
    assert result.exit_code == 1
    assert result.stderr == (
        "netzwerk: kein kommendes Treffen in der Datei: planen Sie eines mit „netzwerk plan“, "
        "oder nennen Sie ein Treffen mit seinem Datum (DATUM)\n"
    )


def test_plan_still_adds_a_meeting_after_one_with_an_agenda(network: Path) -> None:
    """A new [[meetings]] goes after the last meeting's agenda, not between its keys and it."""
    before = network.read_text(encoding="utf-8")
    result = run(network, "plan", "2027-11-03", "--new")
    assert result.exit_code == 0, result.output
    after = network.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :].startswith("\n[[meetings]]\ndate = 2027-11-03\n")


def test_taking_a_topic_says_how_the_others_are_numbered_now(network: Path) -> None:
    """Found in the second German first week: after `agenda add --topic 1` the former topic 2
    is topic 1, so the number from the list of a minute ago takes another topic, or none."""
    assert run(network, "topic", "add", "Ehrenamt").exit_code == 0
    assert run(network, "topic", "add", "Wohnraum").exit_code == 0
    taken = run(network, "agenda", "add", "--topic", "1", lang="de")
    assert taken.exit_code == 0, taken.output
    assert taken.stderr.splitlines()[-1] == (
        "Die vorgeschlagenen Themen sind neu nummeriert: 1. Ehrenamt, 2. Wohnraum."
    )
    last = run(network, "agenda", "add", "--topic", "2")
    assert last.exit_code == 0, last.output
    assert "numbered anew" not in last.stderr  # the last one taken: no other number changed
    wrong = run(network, "agenda", "add", "--topic", "2", lang="de")
    assert wrong.exit_code == 1
    assert wrong.stderr == (
        "netzwerk: es gibt kein vorgeschlagenes Thema 2; es gibt nur das Thema 1: Ehrenamt\n"
    )
