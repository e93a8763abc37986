"""`netzwerk replies --from DIR`: the answers saved as .eml files (or a Maildir) matched to what
`invite --outbox` sent, the record beside the file, the output for people and --json."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.file.answered import REPLIES
from netzwerk_cli.file.records import record_path

from .conftest import network_text
from .replymail import CLIENTS, plain_mail, reply_calendar
from .test_invite import MEMBERS  # the same districts and contacts as the invitations'

MEETINGS = """
[mail]
from = "Koordination Netzwerk <netzwerk@example.de>"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"

[[meetings]]
date = 2027-11-03
host = "HEF"
status = "planned"
"""
TODAY = "2026-11-25"
APRIL = "meeting-1.netzwerk-integration@netzwerk-cli"
NOVEMBER = "meeting-2.netzwerk-integration@netzwerk-cli"


def at(minute: int) -> dt.datetime:
    return dt.datetime(2026, 1, 11, 9, minute, tzinfo=dt.UTC)


@pytest.fixture
def invited(tmp_path: Path, runner: CliRunner) -> Path:
    """A network whose two meetings `invite --outbox` has sent to everyone."""
    path = tmp_path / "network.toml"
    path.write_text(network_text(MEETINGS, members=MEMBERS), encoding="utf-8")
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    result = runner.invoke(
        app, ["invite", "-f", str(path), "--today", TODAY, "--outbox", str(outbox)]
    )
    assert result.exit_code == 0, result.output
    return path


def run(runner: CliRunner, path: Path, *args: str) -> Result:
    return runner.invoke(app, ["replies", "-f", str(path), "--today", TODAY, *args])


def save(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / name
    target.write_bytes(data)
    return target


def answer(
    client: str,
    *,
    uid: str = APRIL,
    address: str = "anna@hef.example.de",
    msgid: str,
    **kwargs: object,
) -> bytes:
    calendar = reply_calendar(uid=uid, address=address, **kwargs)  # type: ignore[arg-type]
    return CLIENTS[client](calendar, sender=address, message_id=msgid)


def test_each_client_s_answer_is_recorded_and_shown(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    save(box, "1.eml", answer("outlook", msgid="<o1@hef>", partstat="ACCEPTED", stamp=at(1)))
    save(
        box,
        "2.eml",
        answer(
            "gmail",
            msgid="<g1@wak>",
            address="kevin@wak.example.de",
            name="Kevin Rodeck",
            partstat="DECLINED",
            stamp=at(2),
            comment="Urlaub",
        ),
    )
    save(
        box,
        "3.eml",
        answer(
            "thunderbird",
            msgid="<t1@wak>",
            address="integration@wak.example.de",
            name="",
            partstat="TENTATIVE",
            stamp=at(3),
            uid=NOVEMBER,
        ),
    )
    save(box, "4.eml", plain_mail(sender="x@y.de", message_id="<p@y>"))
    result = run(runner, invited, "--from", str(box))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "New: Anna Müller (HEF) accepted: 2027-04-07 Eschwege",
        'New: Kevin Rodeck (WAK) declined: 2027-04-07 Eschwege, with the comment "Urlaub"',
        "New: integration@wak.example.de (WAK) accepted tentatively: 2027-11-03 Bad Hersfeld",
    ]
    # The first run shows every meeting's table and summary.
    assert "\n1 accepted, 1 declined, 0 tentative, 1 without an answer\n" in result.stdout
    assert "\n0 accepted, 0 declined, 1 tentative, 2 without an answer\n" in result.stdout
    assert "Urlaub" in result.stdout
    assert record_path(invited, REPLIES).exists()
    # A second run reads nothing twice and prints nothing.
    again = run(runner, invited, "--from", str(box))
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")
    shown = json.loads(run(runner, invited, "--from", str(box), "--json").stdout)
    assert [m["uid"] for m in shown] == [APRIL, NOVEMBER]
    assert shown[0]["sequence"] == 0
    assert shown[0]["answers"] == [
        {
            "member": "HEF",
            "contact": "anna@hef.example.de",
            "answer": "accepted",
            "sequence": 0,
            "outdated": False,
            "verified": True,
            "comment": None,
            "at": "2026-01-11T09:01:00Z",
        },
        {
            "member": "WAK",
            "contact": "integration@wak.example.de",
            "answer": "none",
            "sequence": None,
            "outdated": False,
            "verified": True,
            "comment": None,
            "at": None,
        },
        {
            "member": "WAK",
            "contact": "kevin@wak.example.de",
            "answer": "declined",
            "sequence": 0,
            "outdated": False,
            "verified": True,
            "comment": "Urlaub",
            "at": "2026-01-11T09:02:00Z",
        },
    ]
    assert shown[0]["date"] == "2027-04-07" and shown[0]["proposals"] == []


@pytest.mark.parametrize("late_first", [True, False])
def test_the_latest_dtstamp_wins_in_either_order_of_arrival(
    runner: CliRunner, invited: Path, tmp_path: Path, late_first: bool
) -> None:
    early = answer("outlook", msgid="<early@hef>", partstat="ACCEPTED", stamp=at(1))
    late = answer(
        "gmail", msgid="<late@hef>", partstat="DECLINED", stamp=at(5), comment="doch nicht"
    )
    box = tmp_path / "saved"
    for data in (late, early) if late_first else (early, late):
        save(box, f"{len(list(box.glob('*'))) if box.exists() else 0}.eml", data)
        assert run(runner, invited, "--from", str(box)).exit_code == 0
    shown = json.loads(run(runner, invited, "--from", str(box), "--json").stdout)
    anna = shown[0]["answers"][0]
    assert (anna["answer"], anna["comment"], anna["at"]) == (
        "declined",
        "doch nicht",
        "2026-01-11T09:05:00Z",
    )


def test_an_answer_to_an_earlier_sequence_is_outdated_after_the_date_moved(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    save(box, "1.eml", answer("outlook", msgid="<o1@hef>", sequence=0))
    assert run(runner, invited, "--from", str(box)).exit_code == 0
    invited.write_text(invited.read_text().replace("2027-04-07T10:00:00", "2027-04-14T10:00:00"))
    outbox = tmp_path / "outbox"
    assert (
        runner.invoke(
            app, ["invite", "-f", str(invited), "--today", TODAY, "--outbox", str(outbox)]
        ).exit_code
        == 0
    )
    shown = json.loads(run(runner, invited, "--from", str(box), "--json").stdout)
    assert shown[0]["sequence"] == 1 and shown[0]["date"] == "2027-04-14"
    assert shown[0]["answers"][0] | {"at": None} == {
        "member": "HEF",
        "contact": "anna@hef.example.de",
        "answer": "none",
        "sequence": 0,
        "outdated": True,
        "verified": True,
        "comment": None,
        "at": None,
    }
    save(
        box,
        "2.eml",
        answer("thunderbird", msgid="<t2@hef>", sequence=1, partstat="DECLINED", stamp=at(9)),
    )
    result = run(runner, invited, "--from", str(box))
    assert result.stdout.startswith("New: Anna Müller (HEF) declined: 2027-04-14")
    assert (
        json.loads(run(runner, invited, "--from", str(box), "--json").stdout)[0]["answers"][0][
            "answer"
        ]
        == "declined"
    )


def test_a_broken_file_is_named_once_and_the_others_are_read(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    broken = answer("outlook", msgid="<broken@hef>").replace(
        b"Content-Transfer-Encoding: base64", b"X-Nothing: 1"
    )
    save(box, "0-broken.eml", broken)
    save(box, "1.eml", answer("gmail", msgid="<ok@hef>"))
    result = run(runner, invited, "--from", str(box))
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        f"netzwerk: {box / '0-broken.eml'}: skipped, not readable as an answer:"
    )
    assert "New: Anna Müller (HEF) accepted" in result.stdout
    again = run(runner, invited, "--from", str(box))
    assert (again.stdout, again.stderr) == ("", "")


def test_an_escape_sequence_in_a_comment_never_reaches_the_terminal(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    save(
        box,
        "1.eml",
        answer(
            "thunderbird",
            msgid="<e@hef>",
            name="Anna\x1b[2J Müller",
            comment="ok\x1b]8;;http://evil\x07 \x9b31m rot",
        ),
    )
    result = run(runner, invited, "--from", str(box), "--all")
    as_json = run(runner, invited, "--from", str(box), "--json").stdout
    for text in (result.stdout, result.stderr, as_json):
        assert not any((ord(c) < 0x20 and c not in "\n") or 0x7F <= ord(c) <= 0x9F for c in text)
    assert "ok ]8;;http://evil 31m rot" in result.stdout
    assert json.loads(as_json)[0]["answers"][0]["comment"] == "ok ]8;;http://evil 31m rot"


def test_german_output(runner: CliRunner, invited: Path, tmp_path: Path) -> None:
    box = tmp_path / "saved"
    save(box, "1.eml", answer("outlook", msgid="<o1@hef>"))
    save(
        box,
        "2.eml",
        answer(
            "outlook",
            msgid="<o2@wak>",
            address="kevin@wak.example.de",
            name="Kevin Rodeck",
            partstat="TENTATIVE",
            comment="wahrscheinlich",
        ),
    )
    result = run(runner, invited, "--from", str(box), "--lang", "de")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Neu: Anna Müller (HEF) hat zugesagt: 07.04.2027, Eschwege\n"
        "Neu: Kevin Rodeck (WAK) hat unter Vorbehalt zugesagt: 07.04.2027, Eschwege, mit dem Kommentar „wahrscheinlich“\n"
    )
    for word in (
        "Mitglied",
        "Kontakt",
        "Antwort",
        "Kommentar",
        "zugesagt",
        "ohne Antwort",
        "1 zugesagt, 0 abgesagt, 1 unter Vorbehalt, 1 ohne Antwort",
    ):
        assert word in result.stdout


def test_colleagues_unknown_addresses_and_proposals(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    save(
        box,
        "1.eml",
        answer("gmail", msgid="<c@wak>", address="vertretung@wak.example.de", name="Vertretung"),
    )
    save(
        box,
        "2.eml",
        answer("gmail", msgid="<u@x>", address="fremd@elsewhere.de", partstat="DECLINED"),
    )
    save(
        box,
        "3.eml",
        answer(
            "outlook",
            msgid="<p@hef>",
            method="COUNTER",
            proposed="20270414T100000",
            comment="Geht es eine Woche später?",
        ),
    )
    result = run(runner, invited, "--from", str(box))
    assert "New: vertretung@wak.example.de (WAK) accepted" in result.stdout
    assert "New: fremd@elsewhere.de (unknown address) declined" in result.stdout
    assert (
        "New: Anna Müller (HEF) proposes another time (2027-04-14 10:00), not applied"
        in result.stdout
    )
    shown = json.loads(run(runner, invited, "--from", str(box), "--json").stdout)[0]
    rows = {a["contact"]: a for a in shown["answers"]}
    assert rows["vertretung@wak.example.de"]["member"] == "WAK"
    assert rows["fremd@elsewhere.de"]["member"] is None
    assert rows["anna@hef.example.de"]["answer"] == "none"
    assert shown["proposals"] == [
        {
            "member": "HEF",
            "contact": "anna@hef.example.de",
            "proposed": "2027-04-14T10:00:00",
            "verified": True,
            "comment": "Geht es eine Woche später?",
            "at": "2026-01-11T09:00:00Z",
        }
    ]


def test_a_maildir_is_read(runner: CliRunner, invited: Path, tmp_path: Path) -> None:
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    save(maildir / "new", "1700000000.M1P1.host", answer("gmail", msgid="<m@hef>"))
    save(
        maildir / "cur",
        "1700000001.M2P2.host:2,S",
        answer("outlook", msgid="<n@wak>", address="kevin@wak.example.de"),
    )
    result = run(runner, invited, "--from", str(maildir))
    assert result.stdout.count("New: ") == 2


def test_no_mailbox_and_a_missing_folder_are_refused(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    result = run(runner, invited)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "netzwerk: no mailbox to read the answers from: add to [mail] of"
    )
    assert 'imap_host = "imap.example.de"' in result.stderr and "--from DIR" in result.stderr
    missing = run(runner, invited, "--from", str(tmp_path / "nope"))
    assert missing.exit_code == 1
    assert missing.stderr == (
        f"netzwerk: {tmp_path / 'nope'}: does not exist (--from takes a folder of .eml files, "
        "a Maildir or one .eml file)\n"
    )
    german = run(runner, invited, "--from", str(tmp_path / "nope"), "--lang", "de")
    assert german.exit_code == 1
    assert german.stderr == (
        f"netzwerk: {tmp_path / 'nope'}: existiert nicht (--from nimmt einen Ordner mit "
        ".eml-Dateien, ein Maildir oder eine einzelne .eml-Datei)\n"
    )
    assert not record_path(invited, REPLIES).exists()
    both = run(runner, invited, "--from", str(tmp_path), "--move-to", "Done")
    assert both.exit_code == 2


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ('imap_security = "ssl"', "imap_security 'ssl' is not one of"),
        ('imap_host = "imap.example.de"\nimap_port = 0', "imap_port must be between 1 and 65535"),
        ('imap_folder = "INBOX"', "imap_folder without imap_host"),
        ("imap_host = 5", "imap_host must be text"),
    ],
)
def test_the_imap_keys_are_validated_with_their_place(
    runner: CliRunner, tmp_path: Path, key: str, problem: str
) -> None:
    path = tmp_path / "network.toml"
    path.write_text(network_text(MEETINGS.replace("[mail]\n", f"[mail]\n{key}\n"), members=MEMBERS))
    result = runner.invoke(app, ["validate", "-f", str(path), "--today", TODAY])
    assert result.exit_code == 1
    assert "[mail]" in result.stderr and problem in result.stderr


def test_no_invitation_sent_yet_says_so(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    path.write_text(network_text(MEETINGS, members=MEMBERS), encoding="utf-8")
    box = tmp_path / "saved"
    save(box, "1.eml", answer("outlook", msgid="<o1@hef>"))
    result = run(runner, path, "--from", str(box))
    assert result.exit_code == 0 and result.stdout == ""
    assert "No coming meeting was invited to" in result.stderr


def test_help_names_the_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["replies", "--help"])
    assert result.exit_code == 0 and "--move-to" in result.stdout


def test_one_reader_at_a_time(
    runner: CliRunner, invited: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netzwerk_cli.file import locking

    box = tmp_path / "saved"
    save(box, "1.eml", answer("outlook", msgid="<o1@hef>"))
    monkeypatch.setattr(locking, "LOCK_TIMEOUT", 0.2)
    with locking.writer_lock(invited, part=REPLIES):
        busy = run(runner, invited, "--from", str(box))
    assert busy.exit_code == 1
    assert busy.stderr.startswith("netzwerk: another netzwerk command is changing")
    assert busy.stdout == ""
    assert not record_path(invited, REPLIES).exists()
    assert run(runner, invited, "--from", str(box)).stdout.startswith("New: Anna Müller")


def test_a_damaged_or_huge_record_is_an_error_never_started_anew(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    save(box, "1.eml", answer("outlook", msgid="<o1@hef>"))
    record = record_path(invited, REPLIES)
    record.write_text('[messages."<x>"]\nreplies = [{kind = "REPLY"}]\n')
    damaged = run(runner, invited, "--from", str(box))
    assert damaged.exit_code == 1
    assert "the record of answers is damaged (an entry cannot be read" in damaged.stderr
    with record.open("wb") as handle:
        handle.truncate(33 * 2**20)  # sparse: no disk space, but 33 MiB long
    huge = run(runner, invited, "--from", str(box))
    assert huge.exit_code == 1
    assert "is 33.0 MiB; a record may be at most 32 MiB" in huge.stderr


def test_what_is_no_regular_file_in_the_folder_is_named_and_passed_over(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    import os

    box = tmp_path / "saved"
    box.mkdir()
    os.mkfifo(box / "0-pipe.eml")
    save(box, "1.eml", answer("outlook", msgid="<o1@hef>"))
    result = run(runner, invited, "--from", str(box))
    assert result.exit_code == 0
    assert (
        result.stderr
        == f"netzwerk: {box / '0-pipe.eml'}: skipped, not readable as an answer: is a named pipe, not a regular file\n"
    )
    assert result.stdout.startswith("New: Anna Müller (HEF) accepted")


TOML_VALUES = st.recursive(
    st.none().map(lambda _: "x")
    | st.integers(-3, 3)
    | st.booleans()
    | st.text(max_size=5)
    | st.datetimes(timezones=st.just(dt.UTC)),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "replies",
                    "kind",
                    "uid",
                    "sequence",
                    "dtstamp",
                    "address",
                    "answer",
                    "skipped",
                    "comment",
                    "uidvalidity",
                    "last_uid",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["messages", "folders"]),
        st.dictionaries(st.text(min_size=1, max_size=4), TOML_VALUES, max_size=3),
        max_size=2,
    )
)
def test_any_record_reads_or_is_a_record_error(document: dict[str, object]) -> None:
    import tempfile

    import tomli_w

    from netzwerk_cli.file.answered import read_answers
    from netzwerk_cli.file.records import RecordError

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".network.toml.replies"
        path.write_text(tomli_w.dumps(document))
        try:
            record = read_answers(path)
        except RecordError:
            return
        list(record.replies())


def test_a_first_run_that_finds_nothing_shows_the_tables_once(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "empty"
    box.mkdir()
    first = run(runner, invited, "--from", str(box))
    assert first.exit_code == 0
    assert "0 accepted, 0 declined, 0 tentative, 3 without an answer" in first.stdout
    again = run(runner, invited, "--from", str(box))
    assert (again.stdout, again.stderr) == ("", "")
    assert "3 without an answer" in run(runner, invited, "--from", str(box), "--all").stdout


@pytest.mark.parametrize(
    ("lang", "new", "nothing"),
    [
        (
            "en",
            "New: Anna Müller (HEF) accepted: 2027-04-07 Eschwege",
            "holds no answer to an invitation (no calendar part with METHOD:REPLY or "
            "METHOD:COUNTER)",
        ),
        (
            "de",
            "Neu: Anna Müller (HEF) hat zugesagt: 07.04.2027, Eschwege",
            "enthält keine Antwort auf eine Einladung (kein Kalenderteil mit METHOD:REPLY oder "
            "METHOD:COUNTER)",
        ),
    ],
)
def test_from_one_eml_file_reads_that_file_alone(
    runner: CliRunner, invited: Path, tmp_path: Path, lang: str, new: str, nothing: str
) -> None:
    box = tmp_path / "saved"
    one = save(box, "anna.eml", answer("outlook", msgid="<o1@hef>"))
    save(box, "kevin.eml", answer("gmail", msgid="<g1@wak>", address="kevin@wak.example.de"))
    result = run(runner, invited, "--from", str(one), "--lang", lang)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert result.stdout.splitlines()[0] == new
    shown = json.loads(run(runner, invited, "--from", str(one), "--json").stdout)
    answered = {a["contact"] for a in shown[0]["answers"] if a["answer"] != "none"}
    assert answered == {"anna@hef.example.de"}  # kevin.eml beside it was not read
    again = run(runner, invited, "--from", str(one), "--lang", lang)
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")
    other = save(box, "frage.eml", plain_mail(sender="x@y.de", message_id="<p@y>"))
    plain = run(runner, invited, "--from", str(other), "--lang", lang)
    assert (plain.exit_code, plain.stdout) == (0, "")
    assert plain.stderr == f"netzwerk: {other}: {nothing}\n"


def test_from_a_file_that_cannot_be_read_is_exit_1(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    import os

    pipe = tmp_path / "answer.eml"
    os.mkfifo(pipe)
    result = run(runner, invited, "--from", str(pipe))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"netzwerk: {pipe}: ")
    assert not record_path(invited, REPLIES).exists()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "netzwerk: nie-verschickt@example.de: `netzwerk invite` sent no invitation with "
                "this UID; the 3 answers from anna@hef.example.de, kevin@wak.example.de are not "
                "counted",
                "netzwerk: auch-nicht@example.de: `netzwerk invite` sent no invitation with this "
                "UID; 1 answer from anna@hef.example.de is not counted",
            ],
        ),
        (
            "de",
            [
                "netzwerk: nie-verschickt@example.de: „netzwerk invite“ hat keine Einladung mit "
                "dieser UID verschickt; die 3 Antworten von anna@hef.example.de, "
                "kevin@wak.example.de werden nicht gezählt",
                "netzwerk: auch-nicht@example.de: „netzwerk invite“ hat keine Einladung mit "
                "dieser UID verschickt; 1 Antwort von anna@hef.example.de wird nicht gezählt",
            ],
        ),
    ],
)
def test_an_answer_to_a_uid_invite_never_sent_is_named_once(
    runner: CliRunner, invited: Path, tmp_path: Path, lang: str, expected: list[str]
) -> None:
    box = tmp_path / "saved"
    never = "nie-verschickt@example.de"
    save(box, "1.eml", answer("outlook", msgid="<n1@hef>", uid=never))
    save(box, "2.eml", answer("gmail", msgid="<n2@wak>", uid=never, address="kevin@wak.example.de"))
    save(box, "3.eml", answer("thunderbird", msgid="<n3@hef>", uid=never, stamp=at(7)))
    save(box, "4.eml", answer("outlook", msgid="<n4@hef>", uid="auch-nicht@example.de"))
    save(box, "5.eml", answer("outlook", msgid="<ok@hef>"))
    result = run(runner, invited, "--from", str(box), "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == expected
    assert result.stdout.count("\n") > 1 and "nie-verschickt" not in result.stdout
    again = run(runner, invited, "--from", str(box), "--lang", lang)
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("sent", "english", "german"),
    [
        ("20270720T100000", "2027-07-20 10:00", "20.07.2027, 10:00 Uhr"),
        # UTC, in Berlin's summer
        ("20270720T080000Z", "2027-07-20 10:00", "20.07.2027, 10:00 Uhr"),
        ("20270720", "2027-07-20", "20.07.2027"),
        ("99991231T235959Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),  # past Berlin's end
    ],
)
def test_a_proposed_time_is_shown_as_the_reader_writes_it(
    runner: CliRunner, invited: Path, tmp_path: Path, sent: str, english: str, german: str
) -> None:
    box = tmp_path / "saved"
    save(box, "1.eml", answer("outlook", msgid="<p@hef>", method="COUNTER", proposed=sent))
    result = run(runner, invited, "--from", str(box))
    assert result.stdout.startswith(
        f"New: Anna Müller (HEF) proposes another time ({english}), not applied: "
        "2027-04-07 Eschwege\n"
    )
    assert f"proposes {english}" in result.stdout
    record_path(invited, REPLIES).unlink()
    result = run(runner, invited, "--from", str(box), "--lang", "de")
    assert result.stdout.startswith(
        f"Neu: Anna Müller (HEF) schlägt einen anderen Termin vor ({german}), nicht übernommen: "
        "07.04.2027, Eschwege\n"
    )
    assert f"schlägt {german} vor" in result.stdout
    shown = json.loads(run(runner, invited, "--from", str(box), "--json").stdout)
    assert shown[0]["proposals"][0]["proposed"][:10] == f"{sent[:4]}-{sent[4:6]}-{sent[6:8]}"


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "2027-04-07 Eschwege"), ("de", "07.04.2027, Eschwege")],
)
def test_the_table_names_the_meeting_as_the_reader_writes_it(
    runner: CliRunner, invited: Path, tmp_path: Path, lang: str, title: str
) -> None:
    box = tmp_path / "saved"
    save(box, "1.eml", answer("outlook", msgid="<t@hef>"))
    shown = run(runner, invited, "--from", str(box), "--lang", lang).stdout
    assert f": {title}\n" in shown, shown


# The one word of each answer, per language: the table's cell, and its count in the summary, the
# schedule's cell and the page (issue 27: TENTATIVE was "unter Vorbehalt" and "vorläufig").
WORDS = {
    "en": {"tentative": "tentative", "accepted": "accepted", "none": "without an answer"},
    "de": {"tentative": "unter Vorbehalt", "accepted": "zugesagt", "none": "ohne Antwort"},
}
OTHER_WORDS = {"en": ("maybe", " yes", " open"), "de": ("vorläufig", " zu,", "offen", "Zusage")}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_one_word_for_one_answer_everywhere(
    runner: CliRunner, invited: Path, tmp_path: Path, lang: str
) -> None:
    from netzwerk_cli.cli.app import load
    from netzwerk_cli.cli.recorded import answers_now
    from netzwerk_cli.core.schedule import coming_meetings
    from netzwerk_cli.model import Language
    from netzwerk_cli.output.page import page

    box = tmp_path / "saved"
    save(box, "1.eml", answer("outlook", msgid="<o1@hef>", partstat="TENTATIVE"))
    save(box, "2.eml", answer("gmail", msgid="<g1@wak>", address="kevin@wak.example.de"))
    shown = run(runner, invited, "--from", str(box), "--lang", lang).stdout
    word = WORDS[lang]
    new, table = shown.splitlines()[0], shown.split("\n\n")[0]
    assert word["tentative"] in new
    assert f"│ {word['tentative']}" in table and f"│ {word['accepted']}" in table
    summary = table.splitlines()[-1]
    assert summary == (
        f"1 {word['accepted']}, 0 {'declined' if lang == 'en' else 'abgesagt'}, "
        f"1 {word['tentative']}, 1 {word['none']}"
    )
    schedule = runner.invoke(
        app, ["schedule", "-f", str(invited), "--today", TODAY, "--lang", lang, "--format", "csv"]
    ).stdout
    assert f"1 {word['tentative']}" in schedule and f"1 {word['none']}" in schedule
    loaded = load(invited, dt.date(2026, 11, 25))
    counts = {m.uid: m.counts() for m in answers_now(loaded)}
    plan = coming_meetings(loaded.network, today=loaded.today, holidays=lambda *a: None, count=2)  # type: ignore[arg-type]
    network = dataclasses.replace(loaded.network, language=Language(lang))
    html = page(network, plan, today=loaded.today, url=None, calendar_file="n.ics", answers=counts)
    assert f"1 {word['tentative']}" in html
    for text in (shown, schedule, html):
        assert not any(other in text for other in OTHER_WORDS[lang])


@pytest.mark.parametrize(
    ("lang", "cell", "summary"),
    [
        (
            "en",
            "declined (not counted)",
            "1 accepted, 0 declined, 0 tentative, 3 without an answer (not counted: 1 answer from "
            "an unknown address); 1 proposal of another time",
        ),
        (
            "de",
            "abgesagt (nicht gezählt)",
            "1 zugesagt, 0 abgesagt, 0 unter Vorbehalt, 3 ohne Antwort (nicht gezählt: 1 Antwort "
            "von einer unbekannten Adresse); 1 Vorschlag für einen anderen Termin",
        ),
    ],
)
def test_the_summary_counts_what_the_table_shows(
    runner: CliRunner, invited: Path, tmp_path: Path, lang: str, cell: str, summary: str
) -> None:
    box = tmp_path / "saved"
    save(box, "1.eml", answer("gmail", msgid="<c@wak>", address="vertretung@wak.example.de"))
    save(
        box,
        "2.eml",
        answer("gmail", msgid="<u@x>", address="fremd@elsewhere.de", partstat="DECLINED"),
    )
    save(
        box,
        "3.eml",
        answer("outlook", msgid="<p@hef>", method="COUNTER", proposed="20270414T100000"),
    )
    result = run(runner, invited, "--from", str(box), "--lang", lang)
    assert result.exit_code == 0, result.output
    table = result.stdout.split("\n\n")[0].splitlines()
    rows = [line for line in table if "│" in line]
    said = table[-1]
    assert said == summary
    assert any(cell in row for row in rows)
    # Every row of the table is counted once in the line: the members' answers, the unknown
    # address's (as not counted), the proposal.
    assert sum(int(n) for n in re.findall(r"(?:^|[ (;])(\d+) ", said)) == len(rows) == 6
