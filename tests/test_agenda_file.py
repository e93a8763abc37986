"""The agenda and the proposed topics in the network file: `[[meetings.agenda]]` and `[[topics]]`
read into the model and checked like every key, with places, in both languages; an agenda longer
than its meeting is a note, not a problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from netzwerk_cli.core.agenda import long_agendas
from netzwerk_cli.errors import NetworkFileError
from netzwerk_cli.file import schema
from netzwerk_cli.file.jsonschema import build
from netzwerk_cli.file.store import parse_network
from netzwerk_cli.model import AgendaItem, Language, Topic
from netzwerk_cli.words import words

from .conftest import TODAY, english, make_network, network_text

AGENDA = """
[[topics]]                       # proposed, not yet on an agenda
topic = "Wohnsitzauflage: Erfahrungen der Ausländerbehörden"
by = "FD"
proposed = 2026-12-01

[[topics]]
topic = "Ehrenamt"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
title = "3. Treffen"
[[meetings.agenda]]              # in order; belongs to the meeting above
topic = "Begrüßung und Vorstellungsrunde"
minutes = 15
[[meetings.agenda]]
topic = "Sprachkurse für Geflüchtete: Erfahrungen"
by = "WAK"
minutes = 45
[[meetings.agenda]]
topic = "Verschiedenes"
"""


def problems(body: str, language: Language = Language.EN) -> list[str]:
    with pytest.raises(NetworkFileError) as info:
        parse_network(network_text(body), source="n.toml", today=TODAY)
    said = words(language)
    return [said.problem(p.where, p.what) for p in info.value.found]


def test_the_agenda_and_the_topics_are_read_in_order() -> None:
    network = make_network(AGENDA)
    (meeting,) = network.meetings
    assert meeting.agenda == (
        AgendaItem("Begrüßung und Vorstellungsrunde", minutes=15),
        AgendaItem("Sprachkurse für Geflüchtete: Erfahrungen", by="WAK", minutes=45),
        AgendaItem("Verschiedenes"),
    )
    assert network.topics == (
        Topic("Wohnsitzauflage: Erfahrungen der Ausländerbehörden", "FD", dt.date(2026, 12, 1)),
        Topic("Ehrenamt"),
    )


def test_a_file_without_them_has_none() -> None:
    network = make_network('[[meetings]]\ndate = 2027-04-07\nhost = "ESW"\n')
    assert network.meetings[0].agenda == () and network.topics == ()


@pytest.mark.parametrize(
    ("body", "english_problem", "german_problem"),
    [
        (
            '[[meetings]]\ndate = 2027-04-07\nhost = "ESW"\n[[meetings.agenda]]\nminutes = 5\n'
            "[[meetings.agenda]]\ntopic = 3\n",
            [
                'meetings[1] (2027-04-07) agenda[1]: "topic" is missing',
                "meetings[1] (2027-04-07) agenda[2]: topic must be text in quotes "
                '(e.g. "..."), got a number (3)',
            ],
            [
                "meetings[1] (2027-04-07) agenda[1]: „topic“ fehlt",
                "meetings[1] (2027-04-07) agenda[2]: topic muss Text in Anführungszeichen "
                '(z. B. "...") sein, ist aber eine Zahl (3)',
            ],
        ),
        (
            '[[meetings]]\ndate = 2027-04-07\nhost = "ESW"\n[[meetings.agenda]]\n'
            'topic = "A"\nby = "WKA"\nminutes = 0\n',
            [
                "meetings[1] (2027-04-07) agenda[1]: minutes must be between 1 and 1440, got 0",
                'meetings[1] (2027-04-07) agenda[1]: by: "WKA" is not a member; did you mean WAK?',
            ],
            [
                "meetings[1] (2027-04-07) agenda[1]: minutes muss zwischen 1 und 1440 liegen, "
                "ist aber 0",
                "meetings[1] (2027-04-07) agenda[1]: by: „WKA“ ist kein Mitglied; meinten Sie WAK?",
            ],
        ),
        (
            '[[meetings]]\ndate = 2027-04-07\nhost = "ESW"\n[[meetings.agenda]]\n'
            'topic = "A"\nminuten = 5\n',
            ['meetings[1] (2027-04-07) agenda[1]: unknown key "minuten" (a typo for "minutes"?)'],
            [
                "meetings[1] (2027-04-07) agenda[1]: unbekannter Schlüssel „minuten“ "
                "(meinten Sie „minutes“?)"
            ],
        ),
        (
            '[[meetings]]\ndate = 2027-04-07\nhost = "ESW"\nagenda = "Begrüßung"\n',
            [
                "meetings[1] (2027-04-07): agenda must be [[meetings.agenda]] tables below the "
                "meeting's keys, one per item, got text ('Begrüßung')"
            ],
            [
                "meetings[1] (2027-04-07): agenda muss aus Tabellen [[meetings.agenda]] unter "
                "den Schlüsseln des Treffens bestehen, je Tagesordnungspunkt eine, ist aber "
                "Text ('Begrüßung')"
            ],
        ),
        (
            '[[meetings]]\ndate = 2027-04-07\nhost = "ESW"\nagendas = []\n',
            ['meetings[1] (2027-04-07): unknown key "agendas" (a typo for "agenda"?)'],
            ["meetings[1] (2027-04-07): unbekannter Schlüssel „agendas“ (meinten Sie „agenda“?)"],
        ),
        (
            '[[topics]]\nby = "XY"\nproposed = "2026-12-01"\nthema = "A"\n',
            [
                'topics[1]: unknown key "thema" (known: topic, by, proposed)',
                'topics[1]: "topic" is missing',
                "topics[1]: proposed must be a date like 2024-04-01 (without quotes), "
                "got text ('2026-12-01')",
                'topics[1]: by: "XY" is not a member (members: HEF, WAK, ESW, FD)',
            ],
            [
                "topics[1]: unbekannter Schlüssel „thema“ (bekannt: topic, by, proposed)",
                "topics[1]: „topic“ fehlt",
                "topics[1]: proposed muss ein Datum wie 2024-04-01 (ohne Anführungszeichen) "
                "sein, ist aber Text ('2026-12-01')",
                "topics[1]: by: „XY“ ist kein Mitglied (Mitglieder: HEF, WAK, ESW, FD)",
            ],
        ),
    ],
)
def test_bad_agenda_and_topics_are_refused_with_their_places(
    body: str, english_problem: list[str], german_problem: list[str] | None
) -> None:
    assert problems(body) == english_problem
    if german_problem is not None:
        assert problems(body, Language.DE) == german_problem


def test_an_agenda_longer_than_its_meeting_is_a_note_with_the_sum_and_the_length() -> None:
    body = AGENDA.replace("minutes = 45", "minutes = 110")
    network = make_network(body, header="start = 10:00:00\n")
    (note,) = long_agendas(network)
    assert english(note) == (
        "Note: meetings[1] (2027-04-07): the agenda takes 125 minutes, longer than the meeting "
        "(120 minutes)."
    )
    assert words(Language.DE).say(note) == (
        "Hinweis: meetings[1] (2027-04-07): Die Tagesordnung umfasst 125 Minuten und ist damit "
        "länger als das Treffen (120 Minuten)."
    )
    assert long_agendas(make_network(AGENDA)) == ()
    longer = body.replace('title = "3. Treffen"', 'title = "3. Treffen"\nduration_minutes = 125')
    assert long_agendas(make_network(longer)) == ()


def test_topics_written_as_text_are_refused() -> None:
    with pytest.raises(NetworkFileError) as info:
        parse_network('topics = "Ehrenamt"\n[network]\nname = "N"\n', source="n", today=TODAY)
    assert info.value.problems == [
        "topics: must be a list of [[topics]] tables, got text ('Ehrenamt')"
    ]


def test_validate_says_the_note_on_stderr_and_stays_valid(runner: Any, write_network: Any) -> None:
    from netzwerk_cli.cli import app

    path: Path = write_network(AGENDA.replace("minutes = 45", "minutes = 110"))
    result = runner.invoke(app, ["validate", "-f", str(path), "--today", "2026-11-24"])
    assert result.exit_code == 0, result.output
    assert "valid" in result.stdout
    assert "the agenda takes 125 minutes, longer than the meeting (120 minutes)" in result.stderr
    result = runner.invoke(
        app, ["validate", "-f", str(path), "--today", "2026-11-24"], env={"NETZWERK_LANG": "de"}
    )
    assert "Die Tagesordnung umfasst 125 Minuten" in result.stderr


def test_the_declaration_the_json_schema_and_the_reference_show_them() -> None:
    from netzwerk_cli.file.reference import text as reference

    assert schema.AGENDA.header == "[[meetings.agenda]]"
    assert "agenda" in schema.MEETINGS.known and "topics" in schema.TABLE_NAMES
    made = build(Language.EN)
    agenda = made["properties"]["meetings"]["items"]["properties"]["agenda"]
    assert agenda["type"] == "array"
    assert agenda["items"]["required"] == ["topic"]
    assert agenda["items"]["additionalProperties"] is False
    assert agenda["items"]["properties"]["minutes"] == {
        "title": "minutes",
        "description": "How long it takes, in minutes.",
        "type": "integer",
        "minimum": 1,
        "maximum": 1440,
    }
    topics = made["properties"]["topics"]["items"]
    assert topics["required"] == ["topic"] and "proposed" in topics["properties"]
    english_reference, german_reference = reference(Language.EN), reference(Language.DE)
    for text in (english_reference, german_reference):
        assert "## `[[meetings.agenda]]`" in text and "## `[[topics]]`" in text
        assert text.index("## `[[meetings]]`") < text.index("## `[[meetings.agenda]]`")
    assert "Die vorgesehene Dauer in Minuten." in german_reference


def test_the_json_schema_takes_the_issues_example_and_refuses_a_bad_item() -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(build(Language.EN))
    good = {
        "network": {"name": "N"},
        "topics": [{"topic": "Wohnsitzauflage", "by": "FD", "proposed": "2026-12-01"}],
        "meetings": [
            {
                "date": "2027-04-07T10:00:00",
                "host": "ESW",
                "agenda": [{"topic": "Begrüßung", "minutes": 15}, {"topic": "X", "by": "WAK"}],
            }
        ],
    }
    assert validator.is_valid(good)
    good["meetings"][0]["agenda"][0]["minutes"] = 0  # type: ignore[index]
    assert not validator.is_valid(good)
