"""The network file: reading the bundled file, and a clear, located message for every fault."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import holidays
import pytest

from netzwerk_cli.errors import NetworkFileError
from netzwerk_cli.file.store import parse_network, read_network
from netzwerk_cli.model import GERMAN_STATES, HolidayPolicy, Rotation, Status

from .conftest import BUNDLED, MEMBERS, TODAY, network_text


def problems_of(text: str, today: dt.date = TODAY) -> list[str]:
    with pytest.raises(NetworkFileError) as info:
        parse_network(text, source="n.toml", today=today)
    return info.value.problems


def test_bundled_file_is_the_seed_network() -> None:
    network = read_network(BUNDLED, today=TODAY)
    assert network.name == "Netzwerk Integration"
    assert [(m.id, m.seat, m.state) for m in network.members] == [
        ("HEF", "Bad Hersfeld", "HE"),
        ("WAK", "Bad Salzungen", "TH"),
        ("ESW", "Eschwege", "HE"),
        ("FD", "Fulda", "HE"),
    ]
    april, november, eschwege = network.meetings
    assert (april.date, april.month_only, april.host, april.status) == (
        dt.date(2024, 4, 1),
        True,
        "HEF",
        Status.HELD,
    )
    assert (november.date, november.host, november.venue) == (
        dt.date(2024, 11, 6),
        "WAK",
        "Bad Salzungen",
    )
    assert (eschwege.date, eschwege.host, eschwege.status) == (None, "ESW", Status.PLANNED)
    assert network.cadence == "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"
    assert network.rotation is Rotation.ORDER and network.holidays is HolidayPolicy.SHIFT


def test_defaults() -> None:
    network = parse_network('[network]\nname = "N"\n', source="n", today=TODAY)
    assert network.timezone == "Europe/Berlin"
    assert network.rotation is Rotation.ORDER
    assert network.members == () and network.meetings == ()


@pytest.mark.parametrize(
    ("date", "status"),
    [
        ("2026-11-23", Status.HELD),
        ("2026-11-24", Status.PLANNED),
        ('"2026-10"', Status.HELD),
        ('"2026-11"', Status.PLANNED),
        ("2026-11-23T10:00:00", Status.HELD),
    ],
)
def test_status_defaults_by_today(date: str, status: Status) -> None:
    text = network_text(f'[[meetings]]\ndate = {date}\nhost = "HEF"\n')
    (meeting,) = parse_network(text, source="n", today=TODAY).meetings
    assert meeting.status is status


def test_date_time_gives_the_meeting_a_time() -> None:
    text = network_text('[[meetings]]\ndate = 2025-04-02T10:30:00\nhost = "ESW"\n')
    (meeting,) = parse_network(text, source="n", today=TODAY).meetings
    assert (meeting.date, meeting.time) == (dt.date(2025, 4, 2), dt.time(10, 30))


def test_syntax_error_says_line_and_column() -> None:
    with pytest.raises(NetworkFileError) as info:
        parse_network('[network]\nname = "N\n', source="n.toml", today=TODAY)
    assert str(info.value) == (
        "n.toml, line 2, column 10: unclosed string (its closing quote is missing)"
    )


def test_the_issue_example_message() -> None:
    body = """
    [[meetings]]
    date = "2024-04"
    host = "HEF"
    [[meetings]]
    date = 2024-10-01
    host = "HEF"
    [[meetings]]
    date = 2024-11-06
    host = "WAKK"
    """
    assert problems_of(network_text(body)) == [
        'meetings[3] (2024-11-06): host "WAKK" is not a member (members: HEF, WAK, ESW, FD)'
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[network]\n", '[network]: "name" is missing'),
        (
            "[network]\nname = 3\n",
            '[network]: name must be text in quotes (e.g. "..."), got a number (3)',
        ),
        ('[network]\nname = ""\n', "[network]: name is empty"),
        (
            '[network]\nname = "N"\nrotation = "random"\n',
            '[network]: rotation \'random\' is not one of "order", "least-recent"',
        ),
        (
            '[network]\nname = "N"\ntimezone = "Mars/Olympus"\n',
            "[network]: timezone 'Mars/Olympus' is not an IANA time zone (e.g. 'Europe/Berlin')",
        ),
        (
            '[network]\nname = "N"\nrotaton = "order"\n',
            '[network]: unknown key "rotaton" (a typo for "rotation"?)',
        ),
        (
            '[network]\nname = "N"\n[members]\nid = "X"\n',
            "members: must be a list of [[members]] tables, got a table",
        ),
        (
            '[network]\nname = "N"\n[netwrk]\n',
            'the file: unknown table "netwrk" (a typo for "network"?)',
        ),
        (
            '[network]\nname = "N"\nduration_minutes = true\n',
            "[network]: duration_minutes must be a whole number, got true/false (True)",
        ),
        (
            '[network]\nname = "N"\nduration_minutes = 0\n',
            "[network]: duration_minutes must be between 1 and 1440, got 0",
        ),
        (
            '[network]\nname = "N"\nstart = "10:00"\n',
            "[network]: start must be a local time like 10:00:00 (without quotes), got text ('10:00')",
        ),
    ],
)
def test_network_table_faults(text: str, expected: str) -> None:
    assert problems_of(text) == [expected]


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        ('id = "X"\nname = "X"\nseat = "X"\n', 'members[1] (X): "state" is missing'),
        (
            'id = "X"\nname = "X"\nseat = "X"\nstate = "XX"\n',
            "members[1] (X): state 'XX' is not a German state code",
        ),
        (
            'id = "X"\nname = "X"\nseat = "X"\nstate = "HE"\njoined = "2024-01-01"\n',
            "members[1] (X): joined must be a date like 2024-04-01 (without quotes), got text ('2024-01-01')",
        ),
        (
            'id = "X"\nname = "X"\nseat = "X"\nstate = "HE"\njoined = 2024-05-01\nleft = 2024-04-01\n',
            "members[1] (X): left (2024-04-01) must be after joined (2024-05-01)",
        ),
        (
            'id = "X"\nname = "X"\nseat = "X"\nstate = "HE"\nhosts = "no"\n',
            "members[1] (X): hosts must be true or false (without quotes), got text ('no')",
        ),
        (
            'id = "X Y"\nname = "X"\nseat = "X"\nstate = "HE"\n',
            "members[1] (X Y): id 'X Y' may hold only letters",
        ),
        (
            'id = "X"\nname = "X"\nseat = "X"\nstate = "HE"\nhost = true\n',
            'members[1] (X): unknown key "host" (a typo for "hosts"?)',
        ),
    ],
)
def test_member_faults(member: str, expected: str) -> None:
    (problem,) = problems_of(network_text(members=f"[[members]]\n{member}"))
    assert problem.startswith(expected)


def test_network_keys_outside_the_network_table() -> None:
    assert problems_of('name = "N"\n') == [
        'the file: "name" belongs in the [network] table (write it below a [network] line)',
        'no [network] table: the file needs one with a name, e.g. name = "..."',
    ]


def test_duplicate_member_ids() -> None:
    doubled = MEMBERS + '\n[[members]]\nid = "WAK"\nname = "Again"\nseat = "S"\nstate = "TH"\n'
    assert problems_of(network_text(members=doubled)) == [
        "members[5] (WAK): id 'WAK' is already used by members[2]"
    ]


@pytest.mark.parametrize(
    ("meeting", "expected"),
    [
        ('date = 2024-02-30\nhost = "HEF"\n', "invalid date or time"),
        ('date = "2024-13"\nhost = "HEF"\n', "meetings[1]: date '2024-13' is neither a date"),
        ('date = "next week"\nhost = "HEF"\n', "meetings[1]: date 'next week' is neither a date"),
        ("date = 2024-11-06\n", 'meetings[1] (2024-11-06): "host" is missing'),
        (
            'date = 2024-11-06T10:00:00+01:00\nhost = "HEF"\n',
            "meetings[1]: date 2024-11-06T10:00:00+01:00 has a UTC offset",
        ),
        (
            'date = 20241106\nhost = "HEF"\n',
            "meetings[1]: date must be a date like 2024-11-06, got a number",
        ),
        (
            'date = 2024-11-06\nhost = "HEF"\nstatus = "done"\n',
            "meetings[1] (2024-11-06): status 'done' is not one of",
        ),
        ('host = "HEF"\nstatus = "held"\n', "meetings[1]: a held meeting needs a date"),
        (
            'date = 2024-11-06\nhost = "HEF"\nvenu = "X"\n',
            'meetings[1] (2024-11-06): unknown key "venu" (a typo for "venue"?)',
        ),
        (
            'date = 2024-11-06\nhost = "HEF"\nvenue = "a\\nb"\n',
            "meetings[1] (2024-11-06): venue must be one line",
        ),
    ],
)
def test_meeting_faults(meeting: str, expected: str) -> None:
    (problem,) = problems_of(network_text(f"[[meetings]]\n{meeting}"))
    assert problem.startswith(expected)


def test_notes_may_hold_newlines_and_any_characters() -> None:
    text = network_text(
        '[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\nnotes = """Zeile 1\n„Zitat“; a,b \\\\ ✓"""\n'
    )
    (meeting,) = parse_network(text, source="n", today=TODAY).meetings
    assert meeting.notes == "Zeile 1\n„Zitat“; a,b \\ ✓"


def test_description_is_public_text_that_may_span_lines() -> None:
    text = network_text(
        '[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\nnotes = "intern"\n'
        'description = """Tagesordnung:\n\tTOP 1"""\n'
    )
    (meeting,) = parse_network(text, source="n", today=TODAY).meetings
    assert (meeting.notes, meeting.description) == ("intern", "Tagesordnung:\n\tTOP 1")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            [
                'meetings[1] (2024-11-06): description must be text in quotes (e.g. "..."), got a '
                "number (5)",
                'meetings[2] (2024-11-07): unknown key "descripton" (a typo for "description"?)',
                "meetings[3] (2024-11-08): description contains a control character (U+0007)",
            ],
        ),
        (
            "de",
            [
                'meetings[1] (2024-11-06): description muss Text in Anführungszeichen (z. B. "...")'
                " sein, ist aber eine Zahl (5)",
                "meetings[2] (2024-11-07): unbekannter Schlüssel „descripton“ (meinten Sie "
                "„description“?)",
                "meetings[3] (2024-11-08): description enthält ein Steuerzeichen (U+0007)",
            ],
        ),
    ],
)
def test_a_bad_description_is_named_with_its_place(
    tmp_path: Path, lang: str, said: list[str]
) -> None:
    from typer.testing import CliRunner

    from netzwerk_cli.cli import app

    path = tmp_path / "network.toml"
    path.write_text(
        network_text(
            '[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\ndescription = 5\n'
            '[[meetings]]\ndate = 2024-11-07\nhost = "WAK"\ndescripton = "x"\n'
            '[[meetings]]\ndate = 2024-11-08\nhost = "WAK"\ndescription = "a\\u0007b"\n'
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", "-f", str(path), "--lang", lang])
    assert result.exit_code == 1
    problems = [line[4:] for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert problems == said


def test_every_problem_is_reported_not_only_the_first() -> None:
    text = network_text(
        '[[meetings]]\ndate = 2024-11-06\nhost = "NOPE"\n[[meetings]]\ndate = "x"\nhost = "HEF"\n',
        header='rotation = "sometimes"\n',
    )
    problems = problems_of(text)
    assert len(problems) == 3
    message = str(NetworkFileError("n.toml", problems))
    assert message.startswith("n.toml: 3 problems:\n  - ")


def test_duplicate_uids_are_refused() -> None:
    body = '[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\nuid = "a"\n[[meetings]]\ndate = 2025-04-02\nhost = "ESW"\nuid = "a"\n'
    assert problems_of(network_text(body)) == [
        "meetings[2] (2025-04-02): uid 'a' is already used by meetings[1]"
    ]


def test_invalid_cadence_is_a_validation_error() -> None:
    (problem,) = problems_of(network_text(header='cadence = "FREQ=FORTNIGHTLY"\n'))
    assert problem.startswith("[network]: cadence 'FREQ=FORTNIGHTLY' is not a usable rule")
    (problem,) = problems_of(network_text(header='cadence = "FREQ=MONTHLY;BYDAY=XX"\n'))
    assert "is not a usable rule" in problem
    (problem,) = problems_of(network_text(header='cadence = "DTSTART:20240101;FREQ=MONTHLY"\n'))
    assert "cadence_start" in problem


@pytest.mark.parametrize(
    "cadence",
    [
        "FREQ=DAILY;BYSETPOS=2",  # one candidate a day: there is no second
        "FREQ=WEEKLY;BYDAY=WE;BYSETPOS=3",
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3",
    ],
)
def test_a_cadence_that_no_day_matches_is_refused_at_once(cadence: str) -> None:
    import time

    started = time.process_time()
    (problem,) = problems_of(network_text(header=f'cadence = "{cadence}"\n'))
    # dateutil searched such a rule day by day to the year 9999: ten seconds here, for nothing.
    assert time.process_time() - started < 4
    assert problem == (
        f"[network]: cadence {cadence!r} gives no date at all: no day matches all of its parts "
        "(e.g. BYSETPOS=2 with FREQ=DAILY, or 30 February)"
    )


@pytest.mark.parametrize(
    ("cadence", "start"),
    [
        ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", "2000-01-01"),  # leap years only
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;UNTIL=20010101", "1999-03-01"),  # ended: still a rule
        ("FREQ=MONTHLY;INTERVAL=7;BYDAY=-1FR;BYSETPOS=-1", "2024-02-29"),
        ("FREQ=DAILY;INTERVAL=146097", "0001-01-01"),  # one day in 400 years
        ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=1", "9999-12-01"),
    ],
)
def test_rare_cadences_that_give_days_are_kept(cadence: str, start: str) -> None:
    header = f'cadence = "{cadence}"\ncadence_start = {start}\n'
    network = parse_network(network_text(header=header), source="n.toml", today=TODAY)
    assert network.cadence == cadence


def test_missing_file_gives_a_hint(tmp_path: Path) -> None:
    with pytest.raises(NetworkFileError) as info:
        read_network(tmp_path / "none.toml", today=TODAY)
    assert "no such file" in str(info.value)
    assert "netzwerk init" in str(info.value)


def test_folder_and_unreadable_and_binary(tmp_path: Path) -> None:
    with pytest.raises(NetworkFileError, match="is a folder"):
        read_network(tmp_path, today=TODAY)
    binary = tmp_path / "b.toml"
    binary.write_bytes(b"\xff\xfe[network]")
    with pytest.raises(NetworkFileError, match="not UTF-8"):
        read_network(binary, today=TODAY)


def test_state_codes_are_those_of_the_holidays_package() -> None:
    two_letter = {s for s in holidays.Germany.subdivisions if len(s) == 2}
    assert set(GERMAN_STATES) == two_letter


def test_language_is_de_or_en_and_english_by_default() -> None:
    assert parse_network(network_text(), source="n", today=TODAY).language == "en"
    german = parse_network(network_text(header='language = "de"\n'), source="n", today=TODAY)
    assert german.language == "de"
    with pytest.raises(NetworkFileError) as caught:
        parse_network(network_text(header='language = "fr"\n'), source="n", today=TODAY)
    assert caught.value.problems == ['[network]: language \'fr\' is not one of "de", "en"']
