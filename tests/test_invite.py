"""`netzwerk invite` against a real SMTP server (aiosmtpd) on 127.0.0.1: plain, with login, and with
STARTTLS and a certificate of a CA the test makes; what arrives is read with the `email` package
and its calendar with `icalendar`."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import icalendar
import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.file.records import CALENDAR, SENT, read_stamps, record_path

from .conftest import network_text, trust

MEMBERS = """
[[members]]
id = "HEF"
name = "Landkreis Hersfeld-Rotenburg"
seat = "Bad Hersfeld"
state = "HE"
contacts = ["Anna Müller <anna@hef.example.de>"]

[[members]]
id = "WAK"
name = "Wartburgkreis"
seat = "Bad Salzungen"
state = "TH"
contacts = ["Kevin Rodeck <kevin@wak.example.de>", "integration@wak.example.de"]

[[members]]
id = "ESW"
name = "Werra-Meißner-Kreis"
seat = "Eschwege"
state = "HE"
"""
MEETINGS = """
[[meetings]]
date = 2024-11-06
host = "WAK"
status = "held"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"
description = "Raum 1.07"

[[meetings]]
date = 2027-11-03
host = "HEF"
status = "planned"
"""
TODAY = "2026-11-25"
EVERYONE = ["anna@hef.example.de", "kevin@wak.example.de", "integration@wak.example.de"]


@dataclass
class Inbox:
    """What the server received: one entry per message, with its envelope."""

    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    raw: list[bytes] = field(default_factory=list)  # each message's bytes as they arrived

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.raw.append(envelope.original_content)
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK: queued"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    inbox: Inbox
    port: int
    ca_file: Path | None = None


def check_login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"netzwerk", b"geheim")
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def plain_server() -> Iterator[Server]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield Server(inbox, controller.port)
    finally:
        controller.stop()


@pytest.fixture
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """STARTTLS required, login required, a certificate for 127.0.0.1 from the test's own CA."""
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    inbox = Inbox()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        authenticator=check_login,
        auth_required=True,
    )
    controller.start()
    try:
        yield Server(inbox, controller.port, ca_file)
    finally:
        controller.stop()


def mail_table(server: Server, *, security: str = "none", user: bool = False) -> str:
    lines = [
        "[mail]",
        'from = "Koordination Netzwerk Integration <netzwerk@example.de>"',
        'smtp_host = "127.0.0.1"',
        f"smtp_port = {server.port}",
        f'security = "{security}"',
    ]
    if user:
        lines.append('user = "netzwerk"')
    if server.ca_file is not None:
        lines.append(f'ca_file = "{server.ca_file}"')
    return "\n".join(lines) + "\n"


@pytest.fixture
def make_file(tmp_path: Path) -> Callable[..., Path]:
    def make(
        mail: str, *, members: str = MEMBERS, meetings: str = MEETINGS, trusted: bool = True
    ) -> Path:
        path = tmp_path / "network.toml"
        text = network_text(meetings, members=members) + "\n" + mail
        path.write_text(text, encoding="utf-8")
        return trust(path) if trusted else path

    return make


def invite(runner: CliRunner, path: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, ["invite", "-f", str(path), "--today", TODAY, *args], env=env)


def calendar_of(message: EmailMessage) -> icalendar.Calendar:
    """The text/calendar part, checked to be the same as the invite.ics attachment."""
    parts = {part.get_content_type(): part for part in message.walk()}
    assert message.get_content_type() == "multipart/mixed"
    assert "multipart/alternative" in parts and "text/plain" in parts
    inline = parts["text/calendar"]
    attachment = parts["application/ics"]
    assert attachment.get_filename() == "invite.ics"
    text = inline.get_content()
    assert attachment.get_content().decode("utf-8") == text
    calendar = icalendar.Calendar.from_ical(text)
    assert inline.get_param("method") == str(calendar["METHOD"])
    return calendar


def event_of(message: EmailMessage) -> icalendar.Event:
    (event,) = calendar_of(message).walk("VEVENT")
    return event


def attendees(event: icalendar.Event) -> list[str]:
    found = event.get("ATTENDEE", [])
    found = found if isinstance(found, list) else [found]
    return sorted(str(a).removeprefix("mailto:") for a in found)


def test_first_run_invites_everyone_to_every_planned_meeting_then_nothing(
    runner: CliRunner, plain_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(plain_server))
    result = invite(runner, path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Invitation sent: 2027-04-07 Eschwege to 3 recipients",
        "Invitation sent: 2027-11-03 Bad Hersfeld to 3 recipients",
    ]
    inbox = plain_server.inbox.messages
    assert len(inbox) == 2
    sender, rcpts, message = inbox[0]
    assert sender == "netzwerk@example.de"
    assert sorted(rcpts) == sorted(EVERYONE)
    assert message["Subject"] == "Invitation: Netzwerk Integration, 2027-04-07 in Eschwege"
    assert message["Message-ID"] != inbox[1][2]["Message-ID"]
    assert message["Date"] is not None
    calendar = calendar_of(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    event = event_of(message)
    assert str(event["UID"]) == "meeting-2.netzwerk-integration@netzwerk-cli"
    assert int(event["SEQUENCE"]) == 0
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2027, 4, 7, 8, 0, tzinfo=dt.UTC)  # 10:00 in Berlin, summer time
    assert str(event.decoded("DTSTART").tzinfo) == "Europe/Berlin"
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:netzwerk@example.de"
    assert organizer.params["CN"] == "Koordination Netzwerk Integration"
    assert attendees(event) == sorted(EVERYONE)
    first = event["ATTENDEE"][0]
    assert (first.params["ROLE"], first.params["PARTSTAT"], first.params["RSVP"]) == (
        "REQ-PARTICIPANT",
        "NEEDS-ACTION",
        "TRUE",
    )
    plain = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    assert "Where: Eschwege" in plain.get_content() and "Raum 1.07" in plain.get_content()
    # A second run: nothing to send, nothing printed (cron).
    again = invite(runner, path)
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")
    assert len(plain_server.inbox.messages) == 2


def test_a_moved_meeting_is_updated_and_export_agrees(
    runner: CliRunner, plain_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(plain_server))
    assert invite(runner, path).exit_code == 0
    path.write_text(path.read_text().replace("2027-04-07T10:00", "2027-04-08T14:00"))
    result = invite(runner, path)
    assert result.stdout == "Invitation sent: 2027-04-08 Eschwege to 3 recipients\n"
    message = plain_server.inbox.messages[-1][2]
    assert message["Subject"].startswith("Updated invitation:")
    event = event_of(message)
    assert str(event["UID"]) == "meeting-2.netzwerk-integration@netzwerk-cli"
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART").hour == 14
    exported = runner.invoke(app, ["export", "-f", str(path), "--today", TODAY]).stdout
    same = [
        e for e in icalendar.Calendar.from_ical(exported).walk("VEVENT") if e["UID"] == event["UID"]
    ]
    assert int(same[0]["SEQUENCE"]) == 1
    assert read_stamps(record_path(path, CALENDAR))[str(event["UID"])].sequence == 1


def test_cancel_sends_a_cancellation_and_a_removed_meeting_too(
    runner: CliRunner, plain_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(plain_server))
    assert invite(runner, path).exit_code == 0
    cancelled = runner.invoke(app, ["cancel", "2027-04-07", "-f", str(path), "--today", TODAY])
    assert cancelled.exit_code == 0, cancelled.output
    result = invite(runner, path)
    assert result.stdout == "Cancellation sent: 2027-04-07 Eschwege to 3 recipients\n"
    message = plain_server.inbox.messages[-1][2]
    assert str(calendar_of(message)["METHOD"]) == "CANCEL"
    event = event_of(message)
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CANCELLED", 1)
    assert message["Subject"] == "Cancelled: Netzwerk Integration, 2027-04-07 in Eschwege"
    assert invite(runner, path).stdout == ""  # called off once
    # The November meeting is taken out of the file by hand: everyone invited hears of it.
    text = path.read_text()
    path.write_text(
        text.replace('[[meetings]]\ndate = 2027-11-03\nhost = "HEF"\nstatus = "planned"\n', "")
    )
    result = invite(runner, path)
    assert result.stdout == "Cancellation sent: 2027-11-03 Bad Hersfeld to 3 recipients\n"
    event = event_of(plain_server.inbox.messages[-1][2])
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CANCELLED", 1)
    assert str(event["UID"]) == "meeting-3.netzwerk-integration@netzwerk-cli"


def test_an_added_contact_gets_one_message_a_removed_one_a_cancellation(
    runner: CliRunner, plain_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(plain_server))
    assert invite(runner, path).exit_code == 0
    text = path.read_text()
    text = text.replace(
        'seat = "Eschwege"\nstate = "HE"\n',
        'seat = "Eschwege"\nstate = "HE"\ncontacts = ["esw@esw.example.de"]\n',
    )
    text = text.replace('"Kevin Rodeck <kevin@wak.example.de>", ', "")
    path.write_text(text)
    result = invite(runner, path)
    assert result.exit_code == 0, result.output
    new = [(rcpts, m) for _, rcpts, m in plain_server.inbox.messages[2:]]
    to_new = [m for rcpts, m in new if rcpts == ["esw@esw.example.de"]]
    to_gone = [m for rcpts, m in new if rcpts == ["kevin@wak.example.de"]]
    assert len(new) == 4 and len(to_new) == 2 and len(to_gone) == 2
    assert all(str(calendar_of(m)["METHOD"]) == "REQUEST" for m in to_new)
    assert all(int(event_of(m)["SEQUENCE"]) == 0 for m in to_new)
    assert all(str(calendar_of(m)["METHOD"]) == "CANCEL" for m in to_gone)
    assert invite(runner, path).stdout == ""


def test_starttls_with_login_and_the_ca_file(
    runner: CliRunner, tls_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(tls_server, security="starttls", user=True))
    result = invite(runner, path, env={"NETZWERK_SMTP_PASSWORD": "geheim"})
    assert result.exit_code == 0, result.output
    assert len(tls_server.inbox.messages) == 2
    # The password from a command instead of the environment.
    path.write_text(path.read_text() + 'password_command = "echo geheim"\n')
    trust(path)
    path.write_text(path.read_text().replace("2027-11-03", "2027-11-04"))
    result = invite(runner, path)
    assert result.exit_code == 0, result.output
    assert len(tls_server.inbox.messages) == 3


def test_a_relative_ca_file_is_found_beside_the_network_file_from_any_folder(
    runner: CliRunner,
    tls_server: Server,
    make_file: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """cron runs commands from the home folder: `ca_file = "ca.pem"` names the file beside the
    network file, as `[publish] folder` does, not one in the folder the command runs in."""
    assert tls_server.ca_file is not None
    (tmp_path / "certs").mkdir()
    (tmp_path / "certs" / "ca.pem").write_bytes(tls_server.ca_file.read_bytes())
    table = mail_table(tls_server, security="starttls", user=True)
    path = make_file(table.replace(f'ca_file = "{tls_server.ca_file}"', 'ca_file = "certs/ca.pem"'))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invite(runner, path, env={"NETZWERK_SMTP_PASSWORD": "geheim"})
    assert result.exit_code == 0, result.output
    assert len(tls_server.inbox.messages) == 2
    shown = runner.invoke(app, ["trust", "-f", str(path)], input="n\n")
    resolved = tmp_path.resolve() / "certs" / "ca.pem"
    assert f'Certificates netzwerk trusts ([mail] ca_file = "certs/ca.pem"): "{resolved}"' in (
        shown.stdout
    )


def test_an_empty_ca_file_means_no_extra_certificates(
    runner: CliRunner, plain_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(plain_server) + 'ca_file = ""\n')
    result = invite(runner, path)
    assert result.exit_code == 0, result.output
    assert len(plain_server.inbox.messages) == 2


def test_a_refused_login_exits_1_with_the_servers_words_and_records_nothing(
    runner: CliRunner, tls_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(tls_server, security="starttls", user=True))
    result = invite(runner, path, env={"NETZWERK_SMTP_PASSWORD": "falsch"})
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"netzwerk: 127.0.0.1:{tls_server.port} refused the login of 'netzwerk' (wrong user or "
        "password?): 535 5.7.8 Authentication credentials invalid"
    )
    assert not record_path(path, SENT).exists()
    assert tls_server.inbox.messages == []


def test_an_untrusted_certificate_is_a_tls_failure(
    runner: CliRunner, tls_server: Server, make_file: Callable[..., Path]
) -> None:
    table = mail_table(tls_server, security="starttls", user=True)
    path = make_file(table.replace(f'ca_file = "{tls_server.ca_file}"\n', ""))
    result = invite(runner, path, env={"NETZWERK_SMTP_PASSWORD": "geheim"})
    assert result.exit_code == 1
    assert result.stderr.startswith(f"netzwerk: TLS with 127.0.0.1:{tls_server.port} failed: ")
    assert "set ca_file in [mail]" in result.stderr
    assert not record_path(path, SENT).exists()


def test_a_refused_connection_exits_1_and_records_nothing(
    runner: CliRunner, make_file: Callable[..., Path]
) -> None:
    port = free_port()  # nothing listens there
    path = make_file(mail_table(Server(Inbox(), port)))
    result = invite(runner, path)
    assert result.exit_code == 1
    assert result.stderr == f"netzwerk: cannot connect to 127.0.0.1:{port}: Connection refused\n"
    assert not record_path(path, SENT).exists()


def test_a_refused_recipient_keeps_what_went_out_and_sends_the_rest_later(
    runner: CliRunner, plain_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(plain_server))
    plain_server.inbox.refuse = {"integration@wak.example.de"}
    result = invite(runner, path)
    assert result.exit_code == 1
    assert "refused some recipients: integration@wak.example.de: 550 5.1.1" in result.stderr
    assert len(plain_server.inbox.messages) == 1  # the first message went out, to two of three
    plain_server.inbox.refuse = set()
    result = invite(runner, path)
    assert result.exit_code == 0, result.output
    later = [(rcpts, m["Subject"]) for _, rcpts, m in plain_server.inbox.messages[1:]]
    assert later == [
        (
            ["integration@wak.example.de"],
            "Invitation: Netzwerk Integration, 2027-04-07 in Eschwege",
        ),
        (
            sorted(EVERYONE, key=EVERYONE.index),
            "Invitation: Netzwerk Integration, 2027-11-03 in Bad Hersfeld",
        ),
    ]
    assert invite(runner, path).stdout == ""  # nothing twice
    assert later and "to 1 recipient\n" in result.stdout  # one, not "1 recipients"
    assert "to 3 recipients\n" in result.stdout


def test_outbox_files_have_the_same_structure(
    runner: CliRunner, make_file: Callable[..., Path], tmp_path: Path
) -> None:
    path = make_file('[mail]\nfrom = "Koordination <netzwerk@example.de>"\n')  # no server needed
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    result = invite(runner, path, "--outbox", str(outbox))
    assert result.exit_code == 0, result.output
    files = sorted(outbox.iterdir())
    assert [f.name for f in files] == [
        "20270407-meeting-2-netzwerk-integration-request-0-new.eml",
        "20271103-meeting-3-netzwerk-integration-request-0-new.eml",
    ]
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert str(calendar_of(message)["METHOD"]) == "REQUEST"
    assert attendees(event_of(message)) == sorted(EVERYONE)
    # Outlook opens it as a message to send, with its Send button (X-Unsent); one header only.
    assert message.get_all("X-Unsent") == ["1"]
    assert invite(runner, path, "--outbox", str(outbox)).stdout == ""  # they count as sent


def test_dry_run_and_json(
    runner: CliRunner, make_file: Callable[..., Path], tmp_path: Path
) -> None:
    path = make_file('[mail]\nfrom = "Koordination <netzwerk@example.de>"\n')
    result = invite(runner, path, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "Would send an invitation (new meeting): 2027-04-07 Eschwege to "
        "anna@hef.example.de, kevin@wak.example.de, integration@wak.example.de"
    )
    assert not record_path(path, SENT).exists() and not record_path(path, CALENDAR).exists()
    rows = json.loads(invite(runner, path, "--dry-run", "--json").stdout)
    assert rows[0] == {
        "uid": "meeting-2.netzwerk-integration@netzwerk-cli",
        "method": "REQUEST",
        "sequence": 0,
        "date": "2027-04-07",
        "to": EVERYONE,
        "subject": "Invitation: Netzwerk Integration, 2027-04-07 in Eschwege",
        "why": "new",
    }


def test_without_mail_or_contacts_it_says_what_to_add(
    runner: CliRunner, make_file: Callable[..., Path]
) -> None:
    path = make_file("")
    result = invite(runner, path)
    assert result.exit_code == 1
    assert "has no [mail] table: add one with the sender" in result.stderr
    path = make_file('[mail]\nfrom = "n@example.de"\n', members=MEMBERS.replace("contacts", "#"))
    result = invite(runner, path)
    assert result.exit_code == 1
    assert result.stderr.startswith("netzwerk: no member has contacts to invite")


@pytest.mark.parametrize(
    ("contacts", "problem"),
    [
        ('["nobody"]', "members[1] (HEF): contacts[1] 'nobody' is not an e-mail address"),
        ('"a@b.de"', "members[1] (HEF): contacts must be a list of addresses in quotes"),
        (
            '["ok@x.de", "x <broken@>"]',
            "members[1] (HEF): contacts[2] 'x <broken@>' is not an e-mail address",
        ),
    ],
)
def test_malformed_contacts_are_refused_with_their_place(
    runner: CliRunner, make_file: Callable[..., Path], contacts: str, problem: str
) -> None:
    members = MEMBERS.replace('["Anna Müller <anna@hef.example.de>"]', contacts)
    path = make_file("", members=members, trusted=False)  # not valid: nothing to trust
    result = runner.invoke(app, ["validate", "-f", str(path)])
    assert result.exit_code == 1
    assert problem in result.stderr


def test_a_german_network_invites_in_german(
    runner: CliRunner, plain_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(plain_server))
    path.write_text(path.read_text().replace("[network]\n", '[network]\nlanguage = "de"\n', 1))
    assert invite(runner, path, env={"LANG": "C"}).exit_code == 0
    message = plain_server.inbox.messages[0][2]
    assert message["Subject"] == "Einladung: Netzwerk Integration, 07.04.2027, Eschwege"
    plain = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    assert plain.get_content().replace("\r\n", "\n") == (
        "Sehr geehrte Damen und Herren,\n\n"
        "Sie sind zu folgendem Treffen von „Netzwerk Integration“ eingeladen:\n\n"
        "Wann:      Mi 07.04.2027, 10:00–12:00\nWo:        Eschwege\nGastgeber: Werra-Meißner-Kreis\n\n"
        "Raum 1.07\n\n"
        "Bitte sagen Sie über Ihr Kalenderprogramm zu oder ab.\n\n"
        "Mit freundlichen Grüßen\nKoordination Netzwerk Integration\n"
    )


def plain_texts(outbox: Path) -> list[str]:
    """The text/plain part of each message in the outbox, in the order of the file names."""
    texts = []
    for file in sorted(outbox.iterdir()):
        message = email.message_from_bytes(file.read_bytes(), policy=email.policy.default)
        plain = next(p for p in message.walk() if p.get_content_type() == "text/plain")
        texts.append(plain.get_content().replace("\r\n", "\n"))
    return texts


@pytest.mark.parametrize(
    ("language", "sender", "greeting", "signed"),
    [
        ("en", "netzwerk@example.de", "Dear colleagues,\n\nYou are invited", "Kind regards\n"),
        (
            "de",
            "Koordination Netzwerk Integration <netzwerk@example.de>",
            "Sehr geehrte Damen und Herren,\n\nSie sind",
            "Mit freundlichen Grüßen\n",
        ),
    ],
    ids=["en", "de"],
)
def test_the_mail_is_greeted_and_signed_by_the_sender_as_the_letter_is(
    runner: CliRunner,
    make_file: Callable[..., Path],
    tmp_path: Path,
    language: str,
    sender: str,
    greeting: str,
    signed: str,
) -> None:
    """The invitation letter of `papers` opens with a salutation and closes with the sender; the
    e-mail did neither (found in the German first week). Signed by the name of [mail] from, or
    by its address when it has no name; the calendar parts stay as they were."""
    path = make_file(f'[mail]\nfrom = "{sender}"\n')
    path.write_text(
        path.read_text().replace("[network]\n", f'[network]\nlanguage = "{language}"\n', 1)
    )
    result = invite(runner, path, "--outbox", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    name = sender.split(" <")[0]
    for text in plain_texts(tmp_path / "out"):
        assert text.startswith(greeting)
        assert text.endswith(f"\n\n{signed}{name}\n")
    for file in (tmp_path / "out").iterdir():  # the calendar's description has neither
        calendar = seven_bit_calendar(file.read_bytes()).decode("utf-8")
        assert greeting.split(",")[0] not in calendar and signed.strip() not in calendar


def test_a_german_cancellation_goes_on_in_lower_case_after_the_salutation(
    runner: CliRunner, make_file: Callable[..., Path], tmp_path: Path
) -> None:
    path = make_file('[mail]\nfrom = "Koordination <netzwerk@example.de>"\n')
    path.write_text(path.read_text().replace("[network]\n", '[network]\nlanguage = "de"\n', 1))
    assert invite(runner, path, "--outbox", str(tmp_path / "first")).exit_code == 0
    cancelled = runner.invoke(app, ["cancel", "2027-04-07", "-f", str(path), "--today", TODAY])
    assert cancelled.exit_code == 0, cancelled.output
    assert invite(runner, path, "--outbox", str(tmp_path / "then")).exit_code == 0
    (text,) = plain_texts(tmp_path / "then")
    assert text.startswith(
        "Sehr geehrte Damen und Herren,\n\n"
        "das folgende Treffen von „Netzwerk Integration“ findet nicht statt:\n\n"
    )
    assert text.endswith("\n\nMit freundlichen Grüßen\nKoordination\n")


def test_a_failed_run_leaves_the_record_as_it_was(
    runner: CliRunner, tls_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(tls_server, security="starttls", user=True))
    assert invite(runner, path, env={"NETZWERK_SMTP_PASSWORD": "geheim"}).exit_code == 0
    record = record_path(path, SENT)
    before = record.read_bytes()
    path.write_text(path.read_text().replace("2027-04-07T10:00", "2027-04-09T10:00"))
    result = invite(runner, path, env={"NETZWERK_SMTP_PASSWORD": "falsch"})
    assert result.exit_code == 1 and "535 5.7.8" in result.stderr
    assert record.read_bytes() == before
    result = invite(runner, path, env={"NETZWERK_SMTP_PASSWORD": "geheim"})
    assert result.stdout == "Invitation sent: 2027-04-09 Eschwege to 3 recipients\n"
    assert int(event_of(tls_server.inbox.messages[-1][2])["SEQUENCE"]) == 1


def test_two_runs_at_once_send_each_message_once(
    plain_server: Server, make_file: Callable[..., Path]
) -> None:
    """Cron and a coordinator at the same moment: real processes, one sender at a time."""
    import os
    import subprocess
    import sys

    path = make_file(mail_table(plain_server))
    env = {**os.environ, "NETZWERK_LANG": "en"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "netzwerk_cli", "invite", "-f", str(path), "--today", TODAY],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], outputs
    lines = [line for out, _ in outputs for line in out.splitlines()]
    assert sorted(lines) == [
        "Invitation sent: 2027-04-07 Eschwege to 3 recipients",
        "Invitation sent: 2027-11-03 Bad Hersfeld to 3 recipients",
    ]
    assert len(plain_server.inbox.messages) == 2


def seven_bit_calendar(raw: bytes) -> bytes:
    """The calendar of a message as it travelled: every byte 7-bit, the inline text/calendar
    part and the invite.ics attachment in base64 (as Outlook sends them), the text
    quoted-printable, and both calendar parts decoding to the same bytes, CRLF line ends."""
    assert max(raw) < 0x80, "an 8-bit byte: a relay without 8BITMIME would have to change it"
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = {part.get_content_type(): part for part in message.walk()}
    assert parts["text/plain"]["Content-Transfer-Encoding"] == "quoted-printable"
    assert parts["text/calendar"]["Content-Transfer-Encoding"] == "base64"
    assert parts["application/ics"]["Content-Transfer-Encoding"] == "base64"
    inline = parts["text/calendar"].get_payload(decode=True)
    assert inline == parts["application/ics"].get_payload(decode=True)
    assert inline.endswith(b"END:VCALENDAR\r\n") and b"\n" not in inline.replace(b"\r\n", b"")
    return bytes(inline)


def vevent_lines(calendar: bytes, uid: str) -> list[str]:
    """The unfolded lines of the event `uid`, without DTSTAMP and the iTIP properties."""
    lines = calendar.decode("utf-8").replace("\r\n ", "").split("\r\n")
    start = lines.index(f"UID:{uid}") - 1
    end = lines.index("END:VEVENT", start)
    skip = ("DTSTAMP:", "ORGANIZER", "ATTENDEE")
    return [line for line in lines[start:end] if not line.startswith(skip)]


def test_messages_are_7_bit_and_carry_the_exported_event(
    runner: CliRunner, plain_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(plain_server))
    path.write_text(path.read_text().replace("[network]\n", '[network]\nlanguage = "de"\n', 1))
    assert invite(runner, path).exit_code == 0
    exported = runner.invoke(app, ["export", "-f", str(path), "--today", TODAY]).stdout_bytes
    assert len(plain_server.inbox.raw) == 2
    for raw in plain_server.inbox.raw:
        calendar = seven_bit_calendar(raw)
        assert "Werra-Meißner-Kreis".encode() in calendar or b"Landkreis Hersfeld" in calendar
        (event,) = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
        uid = str(event["UID"])
        assert vevent_lines(calendar, uid) == vevent_lines(exported, uid)
    german = email.message_from_bytes(plain_server.inbox.raw[0], policy=email.policy.default)
    plain = next(p for p in german.walk() if p.get_content_type() == "text/plain")
    assert "Gastgeber: Werra-Meißner-Kreis" in plain.get_content()
    assert all(b"X-Unsent" not in raw for raw in plain_server.inbox.raw)  # only the outbox's


def test_a_timed_invitation_has_an_end_and_its_dtstamp_is_when_it_was_made(
    runner: CliRunner, plain_server: Server, make_file: Callable[..., Path]
) -> None:
    path = make_file(mail_table(plain_server))
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert invite(runner, path).exit_code == 0
    after = dt.datetime.now(dt.UTC)
    event = event_of(plain_server.inbox.messages[0][2])
    start = event.decoded("DTSTART")
    assert event.decoded("DTEND") - start == dt.timedelta(hours=2)  # the default length
    made = event.decoded("DTSTAMP")
    assert before <= made <= after  # RFC 5546: when the message was made ...
    # ... while the export keeps its reproducible stamp: the start of --today.
    exported = runner.invoke(app, ["export", "-f", str(path), "--today", TODAY]).stdout
    (same,) = [
        e for e in icalendar.Calendar.from_ical(exported).walk("VEVENT") if e["UID"] == event["UID"]
    ]
    assert same.decoded("DTSTAMP") == dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    assert same.decoded("DTEND") == event.decoded("DTEND")
    plain = next(
        p for p in plain_server.inbox.messages[0][2].walk() if p.get_content_type() == "text/plain"
    )
    assert "When:  Wed 2027-04-07, 10:00–12:00" in plain.get_content()


def test_outbox_is_created_and_its_files_are_7_bit(
    runner: CliRunner, make_file: Callable[..., Path], tmp_path: Path
) -> None:
    path = make_file('[mail]\nfrom = "Koordination <netzwerk@example.de>"\n')
    outbox = tmp_path / "ausgang"
    dry = invite(runner, path, "--outbox", str(outbox), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert not outbox.exists()  # a dry run creates nothing
    result = invite(runner, path, "--outbox", str(outbox))
    assert result.exit_code == 0, result.output
    files = sorted(outbox.iterdir())
    assert len(files) == 2
    for file in files:
        seven_bit_calendar(file.read_bytes())


@pytest.mark.parametrize("kind", ["no parent", "a file"])
def test_outbox_that_cannot_be_a_folder_exits_1(
    runner: CliRunner, make_file: Callable[..., Path], tmp_path: Path, kind: str
) -> None:
    path = make_file('[mail]\nfrom = "Koordination <netzwerk@example.de>"\n')
    if kind == "a file":
        outbox = tmp_path / "ausgang.txt"
        outbox.write_text("x")
        said = f"netzwerk: {outbox}: --outbox must be a folder\n"
    else:
        outbox = tmp_path / "fehlt" / "ausgang"
        said = (
            f"netzwerk: {outbox}: the folder {outbox.parent} does not exist; "
            "create it first, or name another\n"
        )
    result = invite(runner, path, "--outbox", str(outbox))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", said)
    assert not (tmp_path / "fehlt").exists()
    assert not record_path(path, SENT).exists()
