"""`netzwerk replies` against a real IMAP server (Dovecot, see tests/dovecot.py): the answers
delivered with IMAP APPEND as Outlook, Gmail and Thunderbird write them. Without Dovecot these
tests skip (and fail under NETZWERK_TESTS_STRICT=1)."""

from __future__ import annotations

import datetime as dt
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.file.answered import REPLIES
from netzwerk_cli.file.records import record_path

from .conftest import network_text, trust
from .dovecot import PASSWORD, Dovecot, dovecot_server
from .replymail import CLIENTS, plain_mail, reply_calendar
from .test_replies import APRIL, MEETINGS, MEMBERS, NOVEMBER, TODAY


@pytest.fixture
def server() -> Iterator[Dovecot]:
    with dovecot_server() as running:
        yield running


def network(
    tmp_path: Path,
    runner: CliRunner,
    server: Dovecot,
    *,
    security: str = "none",
    ca: bool = True,
    port: int | None = None,
    extra: str = "",
    trusted: bool = True,
) -> Path:
    """A network with its mailbox on `server`, whose two meetings were invited (--outbox)."""
    lines = [
        'imap_host = "127.0.0.1"',
        f"imap_port = {port or server.port}",
        f'imap_security = "{security}"',
        'imap_user = "netzwerk"',
    ]
    if ca:
        lines.append(f'ca_file = "{server.ca_file}"')
    body = MEETINGS.replace("[mail]\n", "[mail]\n" + "\n".join(lines) + "\n" + extra)
    path = tmp_path / "network.toml"
    path.write_text(network_text(body, members=MEMBERS), encoding="utf-8")
    outbox = tmp_path / "outbox"
    outbox.mkdir(exist_ok=True)
    result = runner.invoke(
        app, ["invite", "-f", str(path), "--today", TODAY, "--outbox", str(outbox)]
    )
    assert result.exit_code == 0, result.output
    return trust(path) if trusted else path


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETZWERK_IMAP_PASSWORD", PASSWORD)


def run(runner: CliRunner, path: Path, *args: str) -> Result:
    return runner.invoke(app, ["replies", "-f", str(path), "--today", TODAY, *args])


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


def at(minute: int) -> dt.datetime:
    return dt.datetime(2026, 1, 11, 9, minute, tzinfo=dt.UTC)


def deliver_three(server: Dovecot) -> None:
    server.append(answer("outlook", msgid="<o1@hef>", stamp=at(1)))
    server.append(plain_mail(sender="chef@example.de", message_id="<plain@x>"))
    server.append(
        answer(
            "gmail",
            msgid="<g1@wak>",
            address="kevin@wak.example.de",
            name="Kevin Rodeck",
            partstat="DECLINED",
            stamp=at(2),
            comment="Urlaub",
        )
    )
    server.append(
        answer(
            "thunderbird",
            msgid="<t1@wak>",
            address="integration@wak.example.de",
            name="Beispiel, Integration",
            partstat="TENTATIVE",
            stamp=at(3),
            uid=NOVEMBER,
        )
    )


def test_each_client_s_answer_is_recorded_and_the_mailbox_is_left_as_it_was(
    runner: CliRunner, server: Dovecot, tmp_path: Path
) -> None:
    path = network(tmp_path, runner, server)
    deliver_three(server)
    before = server.flags()
    result = run(runner, path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        "New: Anna Müller (HEF) accepted: 2027-04-07 Eschwege",
        'New: Kevin Rodeck (WAK) declined: 2027-04-07 Eschwege, with the comment "Urlaub"',
        "New: Beispiel, Integration (WAK) accepted tentatively: 2027-11-03 Bad Hersfeld",
    ]
    assert "\n1 accepted, 1 declined, 0 tentative, 1 without an answer\n" in result.stdout
    again = run(runner, path)
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")
    assert server.flags() == before  # no \Seen, nothing moved or deleted
    assert len(before) == 4
    shown = json.loads(run(runner, path, "--json").stdout)
    assert [a["answer"] for a in shown[1]["answers"]] == ["none", "tentative", "none"]


@pytest.mark.parametrize("late_first", [True, False])
def test_the_latest_dtstamp_wins_in_either_order(
    runner: CliRunner, server: Dovecot, tmp_path: Path, late_first: bool
) -> None:
    path = network(tmp_path, runner, server)
    early = answer("outlook", msgid="<early@hef>", partstat="ACCEPTED", stamp=at(1))
    late = answer("thunderbird", msgid="<late@hef>", partstat="DECLINED", stamp=at(7))
    for data in (late, early) if late_first else (early, late):
        server.append(data)
        assert run(runner, path).exit_code == 0
    anna = json.loads(run(runner, path, "--json").stdout)[0]["answers"][0]
    assert (anna["answer"], anna["at"]) == ("declined", "2026-01-11T09:07:00Z")


def test_an_answer_to_an_earlier_sequence_is_outdated_after_the_date_moved(
    runner: CliRunner, server: Dovecot, tmp_path: Path
) -> None:
    path = network(tmp_path, runner, server)
    server.append(answer("gmail", msgid="<g0@hef>", sequence=0))
    assert run(runner, path).exit_code == 0
    path.write_text(path.read_text().replace("2027-04-07T10:00:00", "2027-04-09T10:00:00"))
    assert (
        runner.invoke(
            app, ["invite", "-f", str(path), "--today", TODAY, "--outbox", str(tmp_path / "outbox")]
        ).exit_code
        == 0
    )
    anna = json.loads(run(runner, path, "--json").stdout)[0]["answers"][0]
    assert (anna["answer"], anna["outdated"], anna["sequence"]) == ("none", True, 0)
    all_shown = run(runner, path, "--all").stdout
    assert "no answer (answered an earlier invitation: accepted)" in all_shown


def test_move_to_moves_only_the_answers(runner: CliRunner, server: Dovecot, tmp_path: Path) -> None:
    path = network(tmp_path, runner, server)
    deliver_three(server)
    result = run(runner, path, "--move-to", "Antworten/Netzwerk")
    assert result.exit_code == 0, result.output
    assert server.count("INBOX") == 1
    assert list(server.flags("INBOX")) == [b"Message-ID: <plain@x>"]
    assert server.count("Antworten/Netzwerk") == 3
    again = run(runner, path, "--move-to", "Antworten/Netzwerk")
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")
    assert server.count("Antworten/Netzwerk") == 3


def test_move_to_also_moves_answers_an_earlier_run_recorded(
    runner: CliRunner, server: Dovecot, tmp_path: Path
) -> None:
    path = network(tmp_path, runner, server)
    deliver_three(server)
    assert run(runner, path).exit_code == 0
    assert server.count("INBOX") == 4
    later = run(runner, path, "--move-to", "Erledigt/Rückmeldungen")
    assert (later.exit_code, later.stdout, later.stderr) == (0, "", "")
    assert (server.count("INBOX"), server.count("Erledigt/R&APw-ckmeldungen")) == (1, 3)
    server.append(answer("gmail", msgid="<late@hef>", partstat="DECLINED", stamp=at(30)))
    newer = run(runner, path, "--move-to", "Erledigt/Rückmeldungen")
    assert newer.stdout.startswith("New: Anna Müller (HEF) declined")
    assert (server.count("INBOX"), server.count("Erledigt/R&APw-ckmeldungen")) == (1, 4)


def test_starttls_is_refused_without_ca_file_and_accepted_with_it(
    runner: CliRunner, server: Dovecot, tmp_path: Path
) -> None:
    server.append(answer("outlook", msgid="<o1@hef>"))
    path = network(tmp_path, runner, server, security="starttls", ca=False)
    refused = run(runner, path)
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        f"netzwerk: TLS with 127.0.0.1:{server.port} failed: the server's certificate is not trusted"
    )
    assert "set ca_file in [mail]" in refused.stderr
    assert not record_path(path, REPLIES).exists()
    path = network(tmp_path, runner, server, security="starttls", ca=True)
    accepted = run(runner, path)
    assert accepted.exit_code == 0, accepted.output
    assert accepted.stdout.startswith("New: Anna Müller (HEF) accepted")
    assert "secured" in server.log.read_text()


def test_tls_from_the_first_byte_to_a_plain_port_fails_with_one_line(
    runner: CliRunner, server: Dovecot, tmp_path: Path
) -> None:
    path = network(tmp_path, runner, server, security="tls")
    result = run(runner, path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"netzwerk: TLS with 127.0.0.1:{server.port} failed")
    assert result.stderr.count("\n") == 1


def test_a_wrong_password_and_a_closed_port_exit_1_with_nothing_recorded(
    runner: CliRunner, server: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.append(answer("outlook", msgid="<o1@hef>"))
    path = network(tmp_path, runner, server)
    monkeypatch.setenv("NETZWERK_IMAP_PASSWORD", "falsch")
    wrong = run(runner, path)
    assert wrong.exit_code == 1
    assert wrong.stderr.startswith(
        f"netzwerk: 127.0.0.1:{server.port} refused the login of 'netzwerk' (wrong user or password?): "
    )
    assert wrong.stderr.endswith(": [AUTHENTICATIONFAILED] Authentication failed.\n")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    path = network(tmp_path, runner, server, port=closed)
    refused = run(runner, path)
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"netzwerk: cannot connect to 127.0.0.1:{closed}: ")
    assert not record_path(path, REPLIES).exists()


def test_the_password_comes_from_the_command_when_no_variable_is_set(
    runner: CliRunner, server: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETZWERK_IMAP_PASSWORD")
    server.append(answer("gmail", msgid="<g@hef>"))
    path = network(tmp_path, runner, server, extra=f'password_command = "echo {PASSWORD}"\n')
    result = run(runner, path)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("New: Anna Müller (HEF) accepted")
    path = network(
        tmp_path,
        runner,
        server,
        extra='password_command = "echo falsch"\nimap_password_command = "false"\n',
    )
    failed = run(runner, path)
    assert failed.exit_code == 1 and "password_command failed (exit status 1)" in failed.stderr


def test_a_missing_folder_is_named(runner: CliRunner, server: Dovecot, tmp_path: Path) -> None:
    path = network(tmp_path, runner, server, extra='imap_folder = "Einladungen/Antworten"\n')
    result = run(runner, path)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"netzwerk: 127.0.0.1:{server.port}: the folder 'Einladungen/Antworten' cannot be opened: "
    )
    assert not record_path(path, REPLIES).exists()


def test_a_broken_message_is_named_once_and_german_output(
    runner: CliRunner, server: Dovecot, tmp_path: Path
) -> None:
    path = network(tmp_path, runner, server)
    broken = answer("outlook", msgid="<b@hef>").replace(
        b"Content-Transfer-Encoding: base64", b"X: 1"
    )
    server.append(broken)
    server.append(
        answer(
            "gmail",
            msgid="<g@wak>",
            address="kevin@wak.example.de",
            name="Kevin Rodeck",
            comment="Mit \x1b[31mKollegin\x1b[0m",
        )
    )
    result = run(runner, path, "--lang", "de")
    assert result.exit_code == 0
    assert result.stderr == (
        f"netzwerk: 127.0.0.1:{server.port}/INBOX UID 1: übersprungen, nicht als Antwort lesbar: "
        "der Kalender beginnt nicht mit BEGIN:VCALENDAR\n"
    )
    assert result.stdout.startswith(
        "Neu: Kevin Rodeck (WAK) hat zugesagt: 07.04.2027, Eschwege, mit dem Kommentar „Mit [31mKollegin [0m“\n"
    )
    assert "\x1b" not in result.stdout
    assert "0 abgesagt" in result.stdout
    again = run(runner, path, "--lang", "de")
    assert (again.stdout, again.stderr) == ("", "")


def test_without_the_program_the_tests_skip_and_under_strict_fail(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from .programs import program

    monkeypatch.delenv("NETZWERK_TESTS_STRICT", raising=False)
    with pytest.raises(
        pytest.skip.Exception, match="needs no-such-dovecot: apt-get install dovecot-imapd"
    ):
        program("no-such-dovecot", package="dovecot-imapd")
    monkeypatch.setenv("NETZWERK_TESTS_STRICT", "1")
    with pytest.raises(pytest.fail.Exception, match="needs no-such-dovecot"):
        program("no-such-dovecot", package="dovecot-imapd")


def test_folder_names_are_written_in_modified_utf7() -> None:
    from netzwerk_cli.outside.imapprotocol import encode_folder

    assert encode_folder("INBOX") == '"INBOX"'
    assert encode_folder("Entwürfe") == '"Entw&APw-rfe"'
    assert encode_folder('A&B \\ "x"') == '"A&-B \\\\ \\"x\\""'
    assert encode_folder("日本語") == '"&ZeVnLIqe-"'


def test_without_a_password_it_says_where_to_put_one(
    runner: CliRunner, server: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETZWERK_IMAP_PASSWORD")
    path = network(tmp_path, runner, server)
    result = run(runner, path)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"netzwerk: the mailbox 127.0.0.1:{server.port} needs a password: set NETZWERK_IMAP_PASSWORD"
    )


def test_tls_from_the_first_byte_the_default(
    runner: CliRunner, server: Dovecot, tmp_path: Path
) -> None:
    server.append(answer("thunderbird", msgid="<t@hef>"))
    path = network(tmp_path, runner, server, security="tls", port=server.tls_port)
    result = run(runner, path)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("New: Anna Müller (HEF) accepted")
    assert "secured" in server.log.read_text()


def test_starttls_not_offered_is_named(runner: CliRunner, tmp_path: Path) -> None:
    with dovecot_server(tls=False) as plain:
        path = network(tmp_path, runner, plain, security="starttls")
        result = run(runner, path)
    assert result.exit_code == 1
    assert result.stderr == (
        f'netzwerk: 127.0.0.1:{plain.port} does not offer STARTTLS; set imap_security = "tls" '
        '(port 993) or, for a server inside your network only, imap_security = "none"\n'
    )


def test_a_server_without_move_gets_copy_store_and_expunge(server: Dovecot, tmp_path: Path) -> None:
    from netzwerk_cli.file.store import parse_network
    from netzwerk_cli.outside.imaplogin import mailbox

    for n in range(3):
        server.append(plain_mail(sender="a@b.de", message_id=f"<m{n}@b.de>"))
    body = MEETINGS.replace(
        "[mail]\n",
        f'[mail]\nimap_host = "127.0.0.1"\nimap_port = {server.port}\nimap_security = "none"\n'
        'imap_user = "netzwerk"\n',
    )
    network_ = parse_network(
        network_text(body, members=MEMBERS), source="t", today=dt.date(2026, 11, 25)
    )
    assert network_.mail is not None
    with mailbox(network_.mail, PASSWORD) as box:
        box.client.capabilities = tuple(c for c in box.client.capabilities if c != "MOVE")
        box.move([1, 3], "Alt")
    assert (server.count("INBOX"), server.count("Alt")) == (1, 2)
    assert list(server.flags("INBOX")) == [b"Message-ID: <m1@b.de>"]


def test_the_mailbox_is_used_only_once_its_settings_are_trusted(
    runner: CliRunner, server: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETZWERK_IMAP_PASSWORD")
    marker = tmp_path / "password-command-ran"
    server.append(answer("outlook", msgid="<o1@hef>"))
    path = network(
        tmp_path,
        runner,
        server,
        trusted=False,
        extra=f"imap_password_command = \"sh -c 'touch {marker}; echo {PASSWORD}'\"\n",
    )
    logins = server.log.read_text().count("Login: user=<netzwerk>")
    refused = run(runner, path)
    assert refused.exit_code == 1
    assert "the settings that act outside the file are not trusted" in refused.stderr
    assert not marker.exists() and not record_path(path, REPLIES).exists()
    assert server.log.read_text().count("Login: user=<netzwerk>") == logins  # never connected
    trust(path)
    accepted = run(runner, path)
    assert accepted.exit_code == 0, accepted.output
    assert marker.exists() and accepted.stdout.startswith("New: Anna Müller (HEF) accepted")
    # --from needs no trust: a changed imap_folder makes the file untrusted again, --from reads on.
    path.write_text(
        path.read_text().replace(
            'imap_user = "netzwerk"', 'imap_user = "netzwerk"\nimap_folder = "Antworten"'
        )
    )
    box = tmp_path / "saved"
    box.mkdir()
    (box / "1.eml").write_bytes(
        answer("gmail", msgid="<g2@wak>", address="kevin@wak.example.de", name="Kevin Rodeck")
    )
    assert run(runner, path).exit_code == 1
    from_folder = run(runner, path, "--from", str(box))
    assert from_folder.exit_code == 0 and from_folder.stdout.startswith(
        "New: Kevin Rodeck (WAK) accepted"
    )


# --- the cost follows the answers --------------------------------------------------------------


def _attachment_mail(n: int, size: int = 100_000) -> bytes:
    """An ordinary message with an attachment of `size` bytes (a PDF, say): no answer."""
    import base64

    blob = base64.encodebytes(bytes(range(256)) * (size // 256)).replace(b"\n", b"\r\n")
    return (
        (
            f"From: kollege{n}@example.de\r\nMessage-ID: <a{n}@x>\r\nSubject: Protokoll\r\n"
            'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="p"\r\n\r\n'
            "--p\r\nContent-Type: text/plain\r\n\r\nAnbei.\r\n--p\r\nContent-Type: application/pdf; "
            'name="protokoll.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        ).encode()
        + blob
        + b"\r\n--p--\r\n"
    )


def _commands(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every UID command the run sends, as text."""
    import imaplib

    sent: list[str] = []
    original = imaplib.IMAP4.uid

    def uid(self: imaplib.IMAP4, command: str, *args: str) -> tuple[str, list[object]]:
        sent.append(" ".join([command, *args]))
        return original(self, command, *args)

    monkeypatch.setattr(imaplib.IMAP4, "uid", uid)
    return sent


def test_only_messages_with_a_calendar_are_fetched(
    runner: CliRunner, server: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = network(tmp_path, runner, server)
    for n in range(20):
        server.append(_attachment_mail(n))
        if n % 7 == 3:
            server.append(answer("outlook", msgid=f"<o{n}@hef>", stamp=at(n)))
    answers = len(answer("outlook", msgid="<o3@hef>", stamp=at(3))) * 3
    sent = _commands(monkeypatch)
    offset = server.log_offset()
    result = run(runner, path)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("New: Anna Müller (HEF) accepted")
    fetched = server.sent_since(offset)
    assert fetched < 2 * answers + 20_000, fetched  # the attachments: 20 x 135 KB, never sent
    assert [c for c in sent if "BODY.PEEK[]" in c] == [
        f"FETCH {uid} (BODY.PEEK[])" for uid in (5, 13, 21)
    ]
    assert not any(":*" in c or "1:*" in c for c in sent)


def test_a_folder_larger_than_a_batch_is_read_in_batches(
    runner: CliRunner, server: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netzwerk_cli.outside import imapfolder

    monkeypatch.setattr(imapfolder, "BATCH", 3)
    path = network(tmp_path, runner, server)
    for n in range(10):
        server.append(
            answer("gmail", msgid=f"<g{n}@hef>", stamp=at(n))
            if n in (2, 3, 9)
            else plain_mail(sender="a@b.de", message_id=f"<p{n}@x>")
        )
    sent = _commands(monkeypatch)
    result = run(runner, path, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["answers"][0]["at"] == "2026-01-11T09:09:00Z"
    sent[:] = [c.replace("RETURN (ALL) ", "") for c in sent]  # ESEARCH: the server's compact sets
    spans = [c.split(" SINCE")[0] for c in sent if c.startswith("SEARCH") and "SINCE" in c]
    assert spans == ["SEARCH UID 1:3", "SEARCH UID 4:6", "SEARCH UID 7:9", "SEARCH UID 10:10"]
    among = [c.split(" OR ")[0] for c in sent if c.startswith("SEARCH") and "BODY" in c]
    assert among == ["SEARCH UID 1:3", "SEARCH UID 4:6", "SEARCH UID 7:9", "SEARCH UID 10"]
    assert [c for c in sent if "BODYSTRUCTURE" in c] == [
        f"FETCH {uid} (UID RFC822.SIZE BODYSTRUCTURE)" for uid in (3, 4, 10)
    ]
    assert not any("*" in c for c in sent)
    sent.clear()
    again = run(runner, path)
    assert (again.exit_code, again.stdout, sent) == (0, "", [])


def test_an_interrupted_run_keeps_what_it_read(
    runner: CliRunner, server: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netzwerk_cli.message import fact
    from netzwerk_cli.outside import imapfolder
    from netzwerk_cli.outside.imapprotocol import ImapError

    monkeypatch.setattr(imapfolder, "BATCH", 2)
    path = network(tmp_path, runner, server)
    for n in range(4):
        server.append(
            answer(
                "outlook",
                msgid=f"<o{n}@x>",
                address=[
                    "anna@hef.example.de",
                    "kevin@wak.example.de",
                    "integration@wak.example.de",
                    "anna@hef.example.de",
                ][n],
                stamp=at(n),
                partstat="DECLINED" if n == 3 else "ACCEPTED",
            )
        )
    original = imapfolder.Mailbox.fetch
    calls: list[int] = []

    def failing(self: imapfolder.Mailbox, uid: int) -> object:
        calls.append(uid)
        if len(calls) == 3:
            raise ImapError(fact("the connection broke off"))
        return original(self, uid)

    monkeypatch.setattr(imapfolder.Mailbox, "fetch", failing)
    broken = run(runner, path)
    assert broken.exit_code == 1
    monkeypatch.setattr(imapfolder.Mailbox, "fetch", original)
    later = run(runner, path)
    assert later.exit_code == 0, later.output
    assert [line.split(":")[1] for line in later.stdout.splitlines() if line.startswith("New")] == [
        " Anna Müller (WAK) accepted",  # the CN the answer gives
        " Anna Müller (HEF) declined",
    ]


def test_move_to_moves_what_the_record_says_and_fetches_nothing(
    runner: CliRunner, server: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = network(tmp_path, runner, server)
    deliver_three(server)
    assert run(runner, path).exit_code == 0
    sent = _commands(monkeypatch)
    moved = run(runner, path, "--move-to", "Erledigt")
    assert (moved.exit_code, moved.stdout, moved.stderr) == (0, "", "")
    assert not any(c.startswith("FETCH") for c in sent), sent
    assert (server.count("INBOX"), server.count("Erledigt")) == (1, 3)
    sent.clear()
    again = run(runner, path, "--move-to", "Erledigt")
    assert (again.exit_code, sent) == (0, [])


def test_messages_from_before_the_first_invitation_are_not_looked_at(
    runner: CliRunner, server: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    path = network(tmp_path, runner, server)
    year = 365 * 86400
    server.append(answer("outlook", msgid="<old@hef>", stamp=at(1)), arrived=time.time() - year)
    server.append(answer("outlook", msgid="<new@wak>", address="kevin@wak.example.de"))
    sent = _commands(monkeypatch)
    result = run(runner, path)
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if line.startswith("New")] == [
        "New: Anna Müller (WAK) accepted: 2027-04-07 Eschwege"
    ]
    assert any("SINCE" in c for c in sent)


def test_a_server_that_cannot_search_for_calendars_is_asked_for_structures(
    runner: CliRunner, server: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import imaplib

    path = network(tmp_path, runner, server)
    deliver_three(server)
    original = imaplib.IMAP4.uid

    def no_body_search(self: imaplib.IMAP4, command: str, *args: str) -> tuple[str, list[object]]:
        if command == "SEARCH" and "BODY" in " ".join(args):
            raise imaplib.IMAP4.error("UID command error: BAD [b'Unknown argument BODY']")
        return original(self, command, *args)

    monkeypatch.setattr(imaplib.IMAP4, "uid", no_body_search)
    sent = _commands(monkeypatch)
    result = run(runner, path)
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stdout.splitlines() if line.startswith("New")]) == 3
    assert "FETCH 1:4 (UID RFC822.SIZE BODYSTRUCTURE)" in sent
