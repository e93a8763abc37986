"""Member ids as people type them (`core.memberids`): the file's id, else the one that differs only
in upper and lower case, else "did you mean"; ids with umlauts; and `--lang DE`."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.core.memberids import member_id, member_ids, new_member_id
from netzwerk_cli.errors import CommandError
from netzwerk_cli.model import Language, Network
from netzwerk_cli.words import words

from .conftest import make_network
from .test_edit_support import assert_untouched, snapshot

EN = words(Language.EN)
DE = words(Language.DE)


def members(*ids: str) -> str:
    return "".join(
        f'[[members]]\nid = "{i}"\nname = "Kreis {i}"\nseat = "Sitz {i}"\nstate = "BW"\n\n'
        for i in ids
    )


def network(*ids: str) -> Network:
    return make_network(members=members(*ids))


def refusal(call: Any) -> tuple[str, str]:
    with pytest.raises(CommandError) as caught:
        call()
    return EN.say(caught.value.text), DE.say(caught.value.text)


# --- the resolver ----------------------------------------------------------------------------


def test_an_id_as_the_file_writes_it_is_that_member() -> None:
    assert member_id(network("NU", "UL", "GZ"), "UL") == "UL"


@pytest.mark.parametrize("typed", ["nu", "Nu", "nU", " nu "])
def test_an_id_in_other_case_is_the_member_when_only_one_matches(typed: str) -> None:
    assert member_id(network("NU", "UL", "GZ"), typed) == "NU"


def test_an_exact_id_wins_over_one_in_other_case() -> None:
    both = network("NU", "nu", "UL")
    assert member_id(both, "nu") == "nu"
    assert member_id(both, "NU") == "NU"


def test_an_id_two_members_match_in_other_case_is_refused_with_both() -> None:
    assert refusal(lambda: member_id(network("NU", "nu", "UL"), "Nu")) == (
        '"Nu" is not a member; NU, nu differ from it only in upper and lower case: '
        "type one of them exactly",
        "„Nu“ ist kein Mitglied; NU, nu unterscheiden sich davon nur in der Groß- und "
        "Kleinschreibung: bitte schreiben Sie eines dieser Kürzel genau so",
    )


@pytest.mark.parametrize(("typed", "close"), [("NUU", "NU"), ("nuu", "NU"), ("GZZ", "GZ")])
def test_an_unknown_id_close_to_one_asks_did_you_mean(typed: str, close: str) -> None:
    assert refusal(lambda: member_id(network("NU", "UL", "GZ"), typed)) == (
        f'"{typed}" is not a member; did you mean {close}?',
        f"„{typed}“ ist kein Mitglied; meinten Sie {close}?",
    )


def test_an_unknown_id_close_to_none_lists_the_members() -> None:
    assert refusal(lambda: member_id(network("NU", "UL", "GZ"), "XYZ")) == (
        '"XYZ" is not a member (members: NU, UL, GZ)',
        "„XYZ“ ist kein Mitglied (Mitglieder: NU, UL, GZ)",
    )


def test_an_id_in_a_network_without_members_says_so() -> None:
    empty = make_network(members="")
    assert refusal(lambda: member_id(empty, "NU")) == (
        '"NU" is not a member (members: none yet)',
        "„NU“ ist kein Mitglied (Mitglieder: noch keine)",
    )


def test_an_umlaut_typed_decomposed_is_the_files_composed_one() -> None:
    typed = unicodedata.normalize("NFD", "MÜN")
    assert typed != "MÜN"
    assert member_id(network("MÜN", "UL"), typed) == "MÜN"
    assert member_id(network("MÜN", "UL"), "mün") == "MÜN"


def test_an_id_without_its_umlaut_is_close_to_the_one_with_it() -> None:
    assert refusal(lambda: member_id(network("MÜN", "UL"), "MUN"))[0] == (
        '"MUN" is not a member; did you mean MÜN?'
    )


def test_a_list_of_ids_is_resolved_in_the_order_typed() -> None:
    assert member_ids(network("NU", "UL", "GZ"), ["gz", "nu", "UL"]) == ("GZ", "NU", "UL")
    assert refusal(lambda: member_ids(network("NU", "UL", "GZ"), ["nu", "ULL"]))[0] == (
        '"ULL" is not a member; did you mean UL?'
    )


def test_a_new_id_that_differs_from_another_only_in_case_is_refused() -> None:
    assert new_member_id(network("NU", "UL"), "NEU") == "NEU"
    assert refusal(lambda: new_member_id(network("NU", "UL"), "nu")) == (
        'member id "nu" differs from NU (Kreis NU) only in upper and lower case; choose another id',
        "das Kürzel „nu“ unterscheidet sich von NU (Kreis NU) nur in der Groß- und "
        "Kleinschreibung; bitte wählen Sie ein anderes Kürzel",
    )


# --- the commands ----------------------------------------------------------------------------

FIVE = members("NU", "UL", "GZ", "HDH", "MÜN")


@pytest.fixture
def five(write_network: Any) -> Path:
    path: Path = write_network(
        """
        [[meetings]]
        date = 2026-09-02
        host = "UL"
        status = "held"

        [[meetings]]
        date = 2027-03-10
        host = "GZ"
        status = "planned"
        uid = "meeting-gz@netzwerk-cli"
        """,
        members=FIVE,
    )
    return path


def invoke(path: Path, *args: str, lang: str = "en", today: str = "2027-01-01") -> Any:
    return CliRunner().invoke(app, [*args, "--file", str(path), "--lang", lang, "--today", today])


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (("plan", "2027-03-10", "--host", "nu"), '+host = "NU"'),
        (("plan", "2027-03-10", "--host", "mün"), '+host = "MÜN"'),
        (("record", "2026-09-02", "--attended", "nu,ul,hdh"), '+attended = ["NU", "UL", "HDH"]'),
        (("record", "2026-10-01", "--host", "hdh"), 'host = "HDH"'),
        (("member", "leave", "hdh", "--date", "2027-06-01"), "+left = 2027-06-01"),
    ],
)
def test_commands_take_an_id_in_other_case_and_write_the_files(
    five: Path, args: tuple[str, ...], written: str
) -> None:
    result = invoke(five, *args, "--dry-run")
    assert result.exit_code == 0, result.output
    assert written in result.stdout


def test_cancel_takes_an_id_in_other_case(five: Path) -> None:
    result = invoke(five, "cancel", "2027-03-10", "--host", "gz", "--dry-run")
    assert result.exit_code == 0, result.output
    assert '+status = "cancelled"' in result.stdout


def test_history_takes_an_id_in_other_case(five: Path) -> None:
    exact = invoke(five, "history", "--host", "UL", "--json")
    typed = invoke(five, "history", "--host", "ul", "--json")
    assert exact.exit_code == 0, exact.output
    assert [m["host"] for m in json.loads(exact.stdout)] == ["UL"]
    assert typed.stdout == exact.stdout


# Every option that takes a member id, with a typo for one.
TYPOS = {
    "plan --host": ("plan", "2027-03-10", "--host", "NUU"),
    "record --host": ("record", "2026-09-02", "--host", "NUU"),
    "record --attended": ("record", "2026-09-02", "--attended", "UL,NUU"),
    "cancel --host": ("cancel", "2027-03-10", "--host", "NUU"),
    "history --host": ("history", "--host", "NUU"),
    "member leave ID": ("member", "leave", "NUU", "--date", "2027-06-01"),
}


@pytest.mark.parametrize("option", list(TYPOS))
@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", 'netzwerk: "NUU" is not a member; did you mean NU?\n'),
        ("de", "netzwerk: „NUU“ ist kein Mitglied; meinten Sie NU?\n"),
    ],
)
def test_every_id_option_asks_did_you_mean(
    five: Path, option: str, lang: str, message: str
) -> None:
    before = snapshot(five)
    result = invoke(five, *TYPOS[option], lang=lang)
    assert result.exit_code == 1, result.output
    assert result.stderr == message
    assert result.stdout == ""
    assert_untouched(five, before)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", 'netzwerk: "XYZ" is not a member (members: NU, UL, GZ, HDH, MÜN)\n'),
        ("de", "netzwerk: „XYZ“ ist kein Mitglied (Mitglieder: NU, UL, GZ, HDH, MÜN)\n"),
    ],
)
def test_member_leave_names_an_unknown_id_a_member_not_a_host(
    five: Path, lang: str, message: str
) -> None:
    result = invoke(five, "member", "leave", "XYZ", "--date", "2027-06-01", lang=lang)
    assert result.exit_code == 1
    assert result.stderr == message


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            'netzwerk: member id "nu" differs from NU (Kreis NU) only in upper and lower case; '
            "choose another id\n",
        ),
        (
            "de",
            "netzwerk: das Kürzel „nu“ unterscheidet sich von NU (Kreis NU) nur in der Groß- "
            "und Kleinschreibung; bitte wählen Sie ein anderes Kürzel\n",
        ),
    ],
)
def test_member_add_refuses_an_id_that_differs_only_in_case(
    five: Path, lang: str, message: str
) -> None:
    before = snapshot(five)
    result = invoke(
        five, "member", "add", "nu", "--name", "N", "--seat", "S", "--state", "BW", lang=lang
    )
    assert result.exit_code == 1
    assert result.stderr == message
    assert_untouched(five, before)


# --- ids with umlauts ------------------------------------------------------------------------


def test_a_member_id_with_umlauts_is_added_planned_and_exported(five: Path) -> None:
    added = invoke(
        five,
        *("member", "add", "ÖHR", "--name", "Hohenlohekreis", "--seat", "Künzelsau"),
        *("--state", "BW", "--joined", "01.01.2027"),
    )
    assert added.exit_code == 0, added.output
    assert 'id = "ÖHR"' in five.read_text(encoding="utf-8")
    planned = invoke(five, "plan", "05.05.2027", "--host", "öhr", "--new")
    assert planned.exit_code == 0, planned.output
    text = five.read_text(encoding="utf-8")
    # The UID spells the umlaut out: calendars, mail and the outbox's file names stay ASCII.
    assert 'uid = "meeting-20270505-OEHR.netzwerk-integration@netzwerk-cli"' in text
    exported = invoke(five, "export", "--output", str(five.parent / "n.ics"))
    assert exported.exit_code == 0, exported.output
    ics = (five.parent / "n.ics").read_text(encoding="utf-8")
    assert "UID:meeting-20270505-OEHR.netzwerk-integration@netzwerk-cli" in ics


@pytest.mark.parametrize("ident", ["MÜN", "Ärzte", "ÖHR-2", "Groß.Gerau", "1A", "Ελλάδα"])
def test_an_id_of_letters_any_script_digits_and_signs_is_valid(ident: str) -> None:
    assert [m.id for m in network(ident).members] == [ident]


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            "id '{id}' may hold only letters (umlauts and ß too), the digits 0-9, '-', '_' and "
            '\'.\', and must begin with a letter or a digit (e.g. "HEF" or "MÜ")',
        ),
        (
            "de",
            "id „{id}“ darf nur Buchstaben (auch Umlaute und ß), die Ziffern 0-9, '-', '_' und "
            "'.' enthalten und muss mit einem Buchstaben oder einer Ziffer beginnen (z. B. "
            '"HEF" oder "MÜ")',
        ),
    ],
)
@pytest.mark.parametrize("ident", ["_A", ".A", "A B", "A/B", "Ä!", "A²"])
def test_an_id_with_other_signs_is_refused_saying_what_is_allowed(
    five: Path, lang: str, message: str, ident: str
) -> None:
    before = snapshot(five)
    result = invoke(
        five, "member", "add", ident, "--name", "N", "--seat", "S", "--state", "BW", lang=lang
    )
    assert result.exit_code == 1, result.output
    assert message.format(id=ident) in result.stderr
    assert_untouched(five, before)


def test_the_uid_of_an_ascii_id_stays_as_it_was() -> None:
    from netzwerk_cli.calendar.uids import new_meeting_uid

    net = network("HEF", "A.B_C", "MÜN", "Ελλάδα")
    assert new_meeting_uid(net, day=None, host="HEF") == (
        "meeting-undated-HEF.netzwerk-integration@netzwerk-cli"
    )
    assert new_meeting_uid(net, day=None, host="A.B_C") == (
        "meeting-undated-A-B-C.netzwerk-integration@netzwerk-cli"
    )
    assert new_meeting_uid(net, day=None, host="MÜN") == (
        "meeting-undated-MUEN.netzwerk-integration@netzwerk-cli"
    )
    assert new_meeting_uid(net, day=None, host="Ελλάδα") == (
        "meeting-undated-member.netzwerk-integration@netzwerk-cli"
    )


# --- --lang DE ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (("--lang", "DE"), "Nächster Gastgeber"),
        (("--lang=De",), "Nächster Gastgeber"),
        (("--lang", "EN"), "Next host"),
        (("--lang", "En"), "Next host"),
    ],
)
def test_lang_is_read_in_any_case(network_file: Path, args: tuple[str, ...], first: str) -> None:
    result = CliRunner().invoke(
        app, ["next-host", *args, "--file", str(network_file), "--today", "2027-01-01"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(first)


def test_lang_in_capitals_says_help_in_german(network_file: Path) -> None:
    result = CliRunner().invoke(app, ["next-host", "--lang", "DE", "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Aufruf:")


@pytest.mark.parametrize("value", ["DE", "De", "de_DE.UTF-8"])
def test_netzwerk_lang_is_read_in_any_case(
    network_file: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("NETZWERK_LANG", value)
    result = CliRunner().invoke(
        app, ["next-host", "--file", str(network_file), "--today", "2027-01-01"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Nächster Gastgeber")


def test_an_unknown_lang_is_still_a_usage_error(network_file: Path) -> None:
    result = CliRunner().invoke(app, ["next-host", "--lang", "fr", "--file", str(network_file)])
    assert result.exit_code == 2
    assert "'fr' is not one of 'de', 'en'" in result.stderr


def test_an_umlaut_id_gives_ascii_outbox_file_names(write_network: Any) -> None:
    umlaut = members("NU").replace(
        'state = "BW"\n', 'state = "BW"\ncontacts = ["nu@nu.example.de"]\n'
    )
    umlaut += members("MÜN")
    path: Path = write_network(
        '[mail]\nfrom = "Koordination <netzwerk@example.de>"\n', members=umlaut
    )
    planned = invoke(path, "plan", "10.03.2027 10:00", "--host", "mün")
    assert planned.exit_code == 0, planned.output
    outbox = path.parent / "ausgang"
    sent = invoke(path, "invite", "--outbox", str(outbox))
    assert sent.exit_code == 0, sent.output
    (written,) = [p.name for p in outbox.iterdir()]
    assert written.isascii() and "MUEN" in written, written
    import email
    import email.policy

    mail = email.message_from_bytes((outbox / written).read_bytes(), policy=email.policy.default)
    (calendar,) = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
    assert "UID:meeting-20270310-MUEN.netzwerk-integration@netzwerk-cli" in calendar.get_content()
