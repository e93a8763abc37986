"""Everywhere the meeting goes, its agenda goes: one text in the network's language (the
invitation's text part, the event's DESCRIPTION, the page); a change of the agenda alone keeps the
event's SEQUENCE with a newer DTSTAMP; `remind` asks for a missing agenda two weeks ahead; the
members' count of the items they brought. The servers' side is in test_agenda_servers.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.calendar.ical import CalendarEvent, EventStatus
from netzwerk_cli.calendar.sequence import Stamp, settle
from netzwerk_cli.cli import app
from netzwerk_cli.core.invitations import Invited, Method, Recipient, SentTo, Why, due
from netzwerk_cli.core.remind import reminders
from netzwerk_cli.core.reminder import Task
from netzwerk_cli.core.remindtext import as_text
from netzwerk_cli.file.records import CALENDAR, read_stamps, record_path, write_stamps
from netzwerk_cli.file.store import parse_network
from netzwerk_cli.model import Language, Network
from netzwerk_cli.output.agendatext import agenda_text
from netzwerk_cli.words import words

from .conftest import network_text
from .test_invite import MEMBERS

TODAY = "2026-11-25"
MEETING = """
[[topics]]
topic = "Wohnsitzauflage: Erfahrungen der Ausländerbehörden"
by = "HEF"

[[topics]]
topic = "Ehrenamt"

[[meetings]]
date = 2024-11-06
host = "WAK"
status = "held"
[[meetings.agenda]]
topic = "Rückschau"
by = "WAK"
[[meetings.agenda]]
topic = "Berichte"
by = "HEF"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"
title = "3. Treffen"
notes = "INTERN-XYZ"
[[meetings.agenda]]
topic = "Begrüßung und Vorstellungsrunde"
minutes = 15
[[meetings.agenda]]
topic = "Sprachkurse für Geflüchtete: Erfahrungen"
by = "WAK"
minutes = 45
"""
AGENDA = {
    "de": "Tagesordnung:\n1. 10:00 Begrüßung und Vorstellungsrunde\n"
    "2. 10:15 Sprachkurse für Geflüchtete: Erfahrungen (Wartburgkreis)",
    "en": "Agenda:\n1. 10:00 Begrüßung und Vorstellungsrunde\n"
    "2. 10:15 Sprachkurse für Geflüchtete: Erfahrungen (Wartburgkreis)",
}
THIRD = '[[meetings.agenda]]\ntopic = "Verschiedenes"\n'
UID = "meeting-2.netzwerk-integration@netzwerk-cli"


def text(language: str, meetings: str = MEETING) -> str:
    return network_text(meetings, header=f'language = "{language}"\n', members=MEMBERS)


def network(language: str, meetings: str = MEETING) -> Network:
    return parse_network(text(language, meetings), source="n.toml", today=dt.date(2026, 11, 25))


def write(tmp_path: Path, language: str, meetings: str = MEETING) -> Path:
    path = tmp_path / "network.toml"
    path.write_text(text(language, meetings), encoding="utf-8")
    return path


def run(path: Path, *args: str, today: str = TODAY) -> Result:
    result = CliRunner().invoke(app, [*args, "-f", str(path), "--today", today])
    assert result.exit_code == 0, result.output
    return result


def event_of(calendar: str, uid: str = UID) -> icalendar.Event:
    found = [e for e in icalendar.Calendar.from_ical(calendar).walk("VEVENT") if e["UID"] == uid]
    assert len(found) == 1
    return found[0]


# --- the one text ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_agenda_is_a_numbered_list_with_times_in_the_networks_language(language: str) -> None:
    found = network(language)
    assert agenda_text(found, found.meetings[1]) == AGENDA[language]
    # From an item without minutes on, the times are not known: the number and the topic.
    longer = network(language, MEETING + THIRD + THIRD)
    assert agenda_text(longer, longer.meetings[1]).splitlines()[3:] == [  # type: ignore[union-attr]
        "3. 11:00 Verschiedenes",
        "4. Verschiedenes",
    ]
    assert agenda_text(found, found.meetings[0]) is not None  # a held meeting has one
    bare = network(language, '[[meetings]]\ndate = 2027-04-07\nhost = "ESW"\n')
    assert agenda_text(bare, bare.meetings[0]) is None


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_event_describes_a_planned_meeting_with_its_agenda_whoever_exports_it(
    tmp_path: Path, language: str
) -> None:
    path = write(tmp_path, language)
    for reader in ("de", "en"):  # the network's language, not the reader's
        calendar = CliRunner().invoke(
            app, ["export", "-f", str(path), "--today", TODAY, "--lang", reader]
        )
        event = event_of(calendar.stdout)
        assert str(event["DESCRIPTION"]) == "3. Treffen\n\n" + AGENDA[language]
        assert "INTERN-XYZ" not in calendar.stdout
        # The held meeting's event says nothing of its agenda (the page neither).
        held = event_of(calendar.stdout, "meeting-1.netzwerk-integration@netzwerk-cli")
        assert "DESCRIPTION" not in held


# --- SEQUENCE and DTSTAMP ----------------------------------------------------------------------


def _event(**changes: object) -> CalendarEvent:
    values: dict[str, object] = {
        "uid": "u",
        "summary": "N – ESW",
        "status": EventStatus.CONFIRMED,
        "day": dt.date(2027, 4, 7),
        "start": dt.time(10),
        "duration_minutes": 120,
        "location": "Eschwege",
        "description": "Agenda:\n1. 10:00 A",
    }
    values.update(changes)
    return CalendarEvent(**values)  # type: ignore[arg-type]


DAY = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)


def test_a_changed_description_keeps_the_sequence_with_a_newer_stamp() -> None:
    first = settle([_event()], {}, stamp=DAY, timezone="Europe/Berlin")
    (made,) = first.events
    assert (made.sequence, made.dtstamp) == (0, DAY)
    # The same day: a second later than the stamp given out before, so it is still newer.
    again = settle(
        [_event(description="Agenda:\n1. 10:00 A\n2. 10:15 B")],
        first.stamps,
        stamp=DAY,
        timezone="Europe/Berlin",
    )
    (updated,) = again.events
    assert (updated.sequence, updated.dtstamp) == (0, DAY + dt.timedelta(seconds=1))
    assert [change.kind.value for change in again.changes] == ["changed"]
    later = settle(
        [_event(description=None)],
        again.stamps,
        stamp=DAY + dt.timedelta(days=2),
        timezone="Europe/Berlin",
    )
    assert (later.events[0].sequence, later.events[0].dtstamp) == (0, DAY + dt.timedelta(days=2))


@pytest.mark.parametrize(
    "change",
    [
        {"day": dt.date(2027, 4, 8)},
        {"start": dt.time(14)},
        {"duration_minutes": 60},
        {"location": "Bad Hersfeld"},
        {"status": EventStatus.CANCELLED},
        {"summary": "N – HEF"},
    ],
)
def test_a_significant_change_raises_the_sequence_also_with_the_description(
    change: dict[str, object],
) -> None:
    first = settle([_event()], {}, stamp=DAY, timezone="Europe/Berlin")
    for description in ("Agenda:\n1. 10:00 A", "other"):
        moved = settle(
            [_event(**change, description=description)],
            first.stamps,
            stamp=DAY,
            timezone="Europe/Berlin",
        )
        assert moved.events[0].sequence == 1


def test_a_record_of_an_older_release_counts_any_change_as_significant(tmp_path: Path) -> None:
    first = settle([_event()], {}, stamp=DAY, timezone="Europe/Berlin")
    old = {
        uid: Stamp(s.sequence, s.dtstamp, s.fingerprint, s.cancelled)
        for uid, s in first.stamps.items()
    }
    changed = settle([_event(description="new")], old, stamp=DAY, timezone="Europe/Berlin")
    assert changed.events[0].sequence == 1
    # Unchanged, the entry learns its digest (and is written with it), and keeps everything else.
    same = settle([_event()], old, stamp=DAY + dt.timedelta(days=1), timezone="Europe/Berlin")
    assert same.events[0].dtstamp == DAY and same.stamps["u"] == first.stamps["u"]
    assert same.changed_record(old)
    path = tmp_path / "record"
    write_stamps(path, same.stamps, network_name="n")
    assert read_stamps(path) == dict(same.stamps)
    write_stamps(path, old, network_name="n")
    assert read_stamps(path) == old  # a record without the digest still reads


def test_the_invitation_goes_again_with_the_same_sequence_to_whom_has_another_content() -> None:
    net = network("en")
    before = _event(uid=UID)
    after = _event(uid=UID, description="Agenda:\n1. 10:00 A\n2. 10:15 B")
    first = settle([before], {}, stamp=DAY, timezone=net.timezone)
    from netzwerk_cli.calendar.sequence import fingerprint

    old = fingerprint(before, net.timezone)
    everyone = {
        "anna@hef.example.de": SentTo(Method.REQUEST, 0, "Anna Müller", old),
        "kevin@wak.example.de": SentTo(Method.REQUEST, 0, "Kevin Rodeck", old),
        # A record of an older release: the event the record keeps stands in for its content.
        "integration@wak.example.de": SentTo(Method.REQUEST, 0, ""),
    }
    invited = {UID: Invited(before, everyone)}
    assert due(net, first.events, invited, timezone=net.timezone) == []
    second = settle([after], first.stamps, stamp=DAY, timezone=net.timezone)
    (message,) = due(net, second.events, invited, timezone=net.timezone)
    assert (message.why, message.method, message.event.sequence) == (Why.UPDATED, Method.REQUEST, 0)
    assert sorted(r.key for r in message.recipients) == sorted(everyone)
    # One of them got it (the server refused the others): the others still want it.
    new = fingerprint(after, net.timezone)
    partly = {key: SentTo(Method.REQUEST, 0, "", old) for key in everyone}
    partly["anna@hef.example.de"] = SentTo(Method.REQUEST, 0, "Anna", new)
    (rest,) = due(net, second.events, {UID: Invited(after, partly)}, timezone=net.timezone)
    assert rest.why is Why.UPDATED
    assert sorted(r.key for r in rest.recipients) == [
        "integration@wak.example.de",
        "kevin@wak.example.de",
    ]
    # A moved meeting is a change, whatever else.
    moved = settle([_event(uid=UID, start=dt.time(14))], first.stamps, stamp=DAY, timezone="UTC")
    (message,) = due(net, moved.events, invited, timezone=net.timezone)
    assert (message.why, message.event.sequence) == (Why.CHANGED, 1)
    assert Recipient("", "x").key == "x"


@pytest.mark.parametrize(
    ("language", "subject", "opening"),
    [
        (
            "en",
            "Updated invitation: Netzwerk Integration, 2027-04-07 in Eschwege",
            "Dear colleagues,\n\nThe agenda or description of this meeting of the Netzwerk Integration has changed; "
            "day, time and place have not, and an answer you gave still counts:",
        ),
        (
            "de",
            "Geänderte Einladung: Netzwerk Integration, 07.04.2027, Eschwege",
            "Sehr geehrte Damen und Herren,\n\ndie Tagesordnung oder die Beschreibung des folgenden Treffens von „Netzwerk "
            "Integration“ hat sich geändert; Tag, Uhrzeit und Ort bleiben, und eine bereits "
            "gegebene Zu- oder Absage gilt weiter:",
        ),
    ],
)
def test_an_agenda_change_goes_to_the_outbox_as_an_update_of_the_same_sequence(
    tmp_path: Path, language: str, subject: str, opening: str
) -> None:
    import email
    import email.policy

    mail = '\n[mail]\nfrom = "Koordination <netzwerk@example.de>"\n'
    path = write(tmp_path, language, MEETING + mail)
    outbox = tmp_path / "outbox"
    run(path, "invite", "--outbox", str(outbox))
    first = set(outbox.iterdir())
    exported = event_of(run(path, "export").stdout)
    path.write_text(path.read_text("utf-8").replace(mail, THIRD + mail), "utf-8")
    due = json.loads(run(path, "invite", "--outbox", str(outbox), "--json", "--dry-run").stdout)
    assert [(m["why"], m["sequence"], m["subject"], len(m["to"])) for m in due] == [
        ("updated", 0, subject, 3)
    ]
    # --json prints the JSON alone (it printed each message's line before it).
    sent = json.loads(run(path, "invite", "--outbox", str(outbox), "--json").stdout)
    assert sent == due
    (update,) = set(outbox.iterdir()) - first
    message = email.message_from_bytes(update.read_bytes(), policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert body.startswith(opening + "\n")
    assert AGENDA[language] + "\n3. 11:00 Verschiedenes\n" in body
    assert run(path, "invite", "--outbox", str(outbox)).stdout == ""  # nothing twice
    again = event_of(run(path, "export").stdout)
    assert int(again["SEQUENCE"]) == int(exported["SEQUENCE"]) == 0
    assert again.decoded("DTSTAMP") > exported.decoded("DTSTAMP")
    stamps = read_stamps(record_path(path, CALENDAR))
    assert stamps[UID].sequence == 0 and stamps[UID].significant is not None


# --- remind: two weeks before, the agenda --------------------------------------------------------

NO_AGENDA = """
[[topics]]
topic = "Wohnsitzauflage: Erfahrungen der Ausländerbehörden"
by = "HEF"

[[topics]]
topic = "Ehrenamt"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"
"""
REMIND = {
    "en": (
        "The meeting on 2027-04-07 (Wed) at 10:00 in Eschwege, hosted by Werra-Meißner-Kreis "
        '(ESW), is in 14 days and has no agenda yet: add its items with "netzwerk agenda add '
        'TOPIC --date 2027-04-07". 2 proposed topics are waiting: 1. Wohnsitzauflage: '
        "Erfahrungen der Ausländerbehörden (Landkreis Hersfeld-Rotenburg); 2. Ehrenamt; "
        '"netzwerk agenda add --topic N --date 2027-04-07" puts topic N on the agenda.'
    ),
    "de": (
        "Das Treffen am 07.04.2027 (Mi) um 10:00 Uhr mit Gastgeber Werra-Meißner-Kreis (ESW) "
        "findet in 14 Tagen statt (Ort: Eschwege) und hat noch keine Tagesordnung. Bitte tragen "
        "Sie die Punkte mit „netzwerk agenda add THEMA --date 07.04.2027“ ein. 2 "
        "vorgeschlagene Themen warten: 1. Wohnsitzauflage: Erfahrungen der Ausländerbehörden "
        "(Landkreis Hersfeld-Rotenburg); 2. Ehrenamt; „netzwerk agenda add --topic N --date "
        "07.04.2027“ setzt Thema N auf die Tagesordnung."
    ),
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_two_weeks_before_a_meeting_without_an_agenda_remind_names_the_topics_waiting(
    tmp_path: Path, language: str
) -> None:
    path = write(tmp_path, "en", NO_AGENDA)
    said = CliRunner().invoke(
        app, ["remind", "-f", str(path), "--today", "2027-03-24", "--lang", language]
    )
    assert said.exit_code == 0, said.output
    paragraphs = said.stdout.split("\n\n")
    assert " ".join(paragraphs[-1].split()) == REMIND[language]
    found = json.loads(run(path, "remind", "--json", today="2027-03-24").stdout)
    assert found[-1]["kind"] == "agenda" and found[-1]["message"] == REMIND["en"]


def lookup(state: str, year: int) -> dict[dt.date, object]:
    return {}


def test_remind_asks_for_the_agenda_only_when_it_is_due() -> None:
    found = network("en", NO_AGENDA)
    kinds = lambda today: [  # noqa: E731
        r.kind
        for r in reminders(found, today=today, holidays=lookup)  # type: ignore[arg-type]
    ]
    assert Task.AGENDA not in kinds(dt.date(2027, 3, 23))  # 15 days before: not yet
    assert Task.AGENDA in kinds(dt.date(2027, 3, 24))
    assert Task.AGENDA in kinds(dt.date(2027, 4, 7))
    # With an agenda, or with no topic and no agenda anywhere (a network that writes its agenda
    # elsewhere), nothing about it.
    with_agenda = network("en", NO_AGENDA + '[[meetings.agenda]]\ntopic = "Begrüßung"\n')
    assert Task.AGENDA not in [
        r.kind
        for r in reminders(with_agenda, today=dt.date(2027, 3, 30), holidays=lookup)  # type: ignore[arg-type]
    ]
    plain = network("en", "[[meetings]]" + NO_AGENDA.split("[[meetings]]")[1])
    assert plain.topics == ()
    assert Task.AGENDA not in [
        r.kind
        for r in reminders(plain, today=dt.date(2027, 3, 30), holidays=lookup)  # type: ignore[arg-type]
    ]
    # No topics waiting, but agendas kept: it says so without a list.
    kept = network(
        "en",
        '[[meetings]]\ndate = 2026-11-04\nhost = "HEF"\nstatus = "held"\n'
        '[[meetings.agenda]]\ntopic = "Rückschau"\n'
        + "[[meetings]]"
        + NO_AGENDA.split("[[meetings]]")[1],
    )
    (asked,) = [
        r
        for r in reminders(kept, today=dt.date(2027, 3, 30), holidays=lookup)  # type: ignore[arg-type]
        if r.kind is Task.AGENDA
    ]
    said = as_text([asked], words(Language.EN).say)
    assert "has no agenda yet" in said and "proposed topic" not in said


def test_cron_stays_silent_when_the_agenda_is_there(tmp_path: Path) -> None:
    path = write(tmp_path, "de", NO_AGENDA + '[[meetings.agenda]]\ntopic = "Begrüßung"\n')
    outbox = tmp_path / "outbox"
    path.write_text(
        path.read_text("utf-8") + '\n[mail]\nfrom = "K <netzwerk@example.de>"\n', "utf-8"
    )
    run(path, "invite", "--outbox", str(outbox))
    assert run(path, "remind", today="2027-03-24").stdout == ""


# --- members: the items each brought -------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_members_count_the_agenda_items_each_brought_to_held_meetings(
    tmp_path: Path, language: str
) -> None:
    path = write(tmp_path, language)
    rows = json.loads(run(path, "members", "--json", "--lang", language).stdout)
    # The held meeting's two items count; the planned meeting's item of WAK not yet.
    assert {row["id"]: row["topics_brought"] for row in rows} == {"HEF": 1, "WAK": 1, "ESW": 0}
    csv = run(path, "members", "--format", "csv", "--lang", language).stdout
    header = csv.lstrip("\ufeff").splitlines()[0]
    assert header.endswith(";Eingebrachte Themen" if language == "de" else ";topics_brought")


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Netzwerk Integration: members in rotation order, the meetings of 2024"),
        (
            "de",
            "Netzwerk Integration: Mitglieder in der Reihenfolge des Turnus, Treffen des Jahres 2024",
        ),
    ],
)
def test_the_annual_counts_of_members_year(tmp_path: Path, language: str, title: str) -> None:
    later = MEETING + (
        '[[meetings]]\ndate = 2025-04-02\nhost = "HEF"\nstatus = "held"\n'
        '[[meetings.agenda]]\ntopic = "Wohnsitzauflage"\nby = "HEF"\n'
        '[[meetings.agenda]]\ntopic = "Ehrenamt"\nby = "HEF"\n'
    )
    path = write(tmp_path, language, later)
    counts = {
        year: {
            row["id"]: (row["hosted"], row["topics_brought"])
            for row in json.loads(run(path, "members", "--json", *year).stdout)
        }
        for year in ((), ("--year", "2024"), ("--year", "2025"), ("--year", "2026"))
    }
    assert counts[()] == {"HEF": (1, 3), "WAK": (1, 1), "ESW": (0, 0)}
    assert counts[("--year", "2024")] == {"HEF": (0, 1), "WAK": (1, 1), "ESW": (0, 0)}
    assert counts[("--year", "2025")] == {"HEF": (1, 2), "WAK": (0, 0), "ESW": (0, 0)}
    assert counts[("--year", "2026")] == {"HEF": (0, 0), "WAK": (0, 0), "ESW": (0, 0)}
    table = CliRunner().invoke(
        app,
        ["members", "--year", "2024", "-f", str(path), "--today", TODAY, "--lang", language],
        env={"COLUMNS": "120"},
    )
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].strip() == title
    bad = CliRunner().invoke(app, ["members", "--year", "0", "-f", str(path)])
    assert bad.exit_code == 2
