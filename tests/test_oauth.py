"""OAuth2 logins against real servers: Dovecot's IMAP and its submission service, validating
tokens signed by a key the test makes (tests/dovecot_oauth.py). `invite` sends through submission
and `replies` reads the mailbox, each with XOAUTH2 and OAUTHBEARER, with tokens as large as
identity providers issue; a refused token and a failing token command are said, and nothing is
sent or recorded. Passwords keep working on the same server."""

from __future__ import annotations

import secrets
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.file.answered import REPLIES
from netzwerk_cli.file.records import SENT, record_path

from .conftest import network_text, trust
from .dovecot import PASSWORD
from .dovecot_oauth import OAuthDovecot, oauth_dovecot
from .replymail import CLIENTS, reply_calendar
from .test_invite import MEMBERS
from .test_replies import APRIL, MEETINGS, TODAY

REFUSED = {
    "en": "the token was refused: is it expired? run your token helper",
    "de": "das Token wurde abgelehnt: Ist es abgelaufen? Führen Sie Ihr Token-Programm aus",
}
BIG = 4096  # characters: tokens of Microsoft's identity platform run to 2-3 KB


@pytest.fixture(scope="module")
def server() -> Iterator[OAuthDovecot]:
    with oauth_dovecot() as running:
        yield running


@pytest.fixture(autouse=True)
def _empty(server: OAuthDovecot) -> Iterator[None]:
    server.sink.messages.clear()
    yield
    client = server.client()  # an empty mailbox for the next test
    try:
        _, count = client.select("INBOX")
        if count[0] != b"0":
            client.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
            client.expunge()
    finally:
        client.logout()


def token_helper(tmp_path: Path, token: str, *, status: int = 0) -> str:
    """A token command that prints `token`, counts its runs in `runs`, and exits with `status`."""
    (tmp_path / "token").write_text(token + "\n")
    script = tmp_path / "helper.py"
    script.write_text(
        "import pathlib, sys\n"
        f"here = pathlib.Path({str(tmp_path)!r})\n"
        "with open(here / 'runs', 'a') as runs: runs.write('.')\n"
        "print((here / 'token').read_text().strip())\n"
        f"sys.exit({status})\n"
    )
    return f"{sys.executable} {script}"


def runs(tmp_path: Path) -> int:
    counted = tmp_path / "runs"
    return len(counted.read_text()) if counted.exists() else 0


def network(
    tmp_path: Path,
    server: OAuthDovecot,
    *,
    auth: str = "xoauth2",
    imap_auth: str | None = None,
    command: str | None = None,
    smtp_port: int | None = None,
    extra: str = "",
) -> Path:
    lines = [
        'smtp_host = "127.0.0.1"',
        f"smtp_port = {smtp_port or server.submission_port}",
        'security = "none"',
        'user = "netzwerk"',
        f'auth = "{auth}"',
        'imap_host = "127.0.0.1"',
        f"imap_port = {server.port}",
        'imap_security = "none"',
    ]
    if imap_auth is not None:
        lines.append(f'imap_auth = "{imap_auth}"')
    if command is not None:
        lines.append(f"token_command = {command!r}".replace("'", '"'))
    body = MEETINGS.replace("[mail]\n", "[mail]\n" + "\n".join(lines) + "\n" + extra)
    path = tmp_path / "network.toml"
    path.write_text(network_text(body, members=MEMBERS), encoding="utf-8")
    return trust(path)


def invite(runner: CliRunner, path: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, ["invite", "-f", str(path), "--today", TODAY, *args], env=env)


def replies(runner: CliRunner, path: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, ["replies", "-f", str(path), "--today", TODAY, *args], env=env)


def deliver_answer(server: OAuthDovecot) -> None:
    calendar = reply_calendar(uid=APRIL, address="anna@hef.example.de")
    server.append(CLIENTS["outlook"](calendar, sender="anna@hef.example.de", message_id="<o1@h>"))


@pytest.mark.parametrize("size", [0, BIG], ids=["token", "4KB-token"])
@pytest.mark.parametrize("auth", ["xoauth2", "oauthbearer"])
def test_invite_sends_through_submission_with_a_token_from_the_command(
    runner: CliRunner, server: OAuthDovecot, tmp_path: Path, auth: str, size: int
) -> None:
    token = server.token(size=size)
    assert len(token) >= size
    path = network(tmp_path, server, auth=auth, command=token_helper(tmp_path, token))
    result = invite(runner, path)
    assert result.exit_code == 0, result.output
    assert len(server.sink.messages) == 2  # the two planned meetings
    assert {m.get("From") for *_, m in server.sink.messages} == {
        "Koordination Netzwerk <netzwerk@example.de>"
    }
    assert record_path(path, SENT).exists()
    assert runs(tmp_path) == 1  # once per connection, for both messages
    assert token not in result.output
    assert f"method={auth.upper()}" in server.log.read_text()


@pytest.mark.parametrize("size", [0, BIG], ids=["token", "4KB-token"])
@pytest.mark.parametrize("auth", ["xoauth2", "oauthbearer"])
def test_replies_reads_with_a_token_from_the_environment(
    runner: CliRunner, server: OAuthDovecot, tmp_path: Path, auth: str, size: int
) -> None:
    path = network(tmp_path, server, auth="password", imap_auth=auth)
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    assert invite(runner, path, "--outbox", str(outbox)).exit_code == 0
    deliver_answer(server)
    result = replies(runner, path, env={"NETZWERK_IMAP_TOKEN": server.token(size=size)})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "New: Anna Müller (HEF) accepted: 2027-04-07 Eschwege"
    assert record_path(path, REPLIES).exists()


def test_one_token_command_serves_sending_and_reading(
    runner: CliRunner, server: OAuthDovecot, tmp_path: Path
) -> None:
    """imap_auth and imap_token_command default to [mail]'s auth and token_command."""
    path = network(tmp_path, server, command=token_helper(tmp_path, server.token(size=BIG)))
    assert invite(runner, path).exit_code == 0
    deliver_answer(server)
    result = replies(runner, path)
    assert result.exit_code == 0, result.output
    assert "accepted" in result.stdout
    assert runs(tmp_path) == 2  # one per connection: the submission's, then the mailbox's


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("kind", ["other-key", "expired"])
@pytest.mark.parametrize("auth", ["xoauth2", "oauthbearer"])
def test_a_refused_token_is_said_and_nothing_is_sent_or_recorded(
    runner: CliRunner, server: OAuthDovecot, tmp_path: Path, auth: str, kind: str, lang: str
) -> None:
    token = (
        server.token(key=secrets.token_bytes(32))  # not the server's key
        if kind == "other-key"
        else server.token(lifetime=-120)
    )
    path = network(tmp_path, server, auth=auth, imap_auth=auth)
    sent = invite(runner, path, "--lang", lang, env={"NETZWERK_SMTP_TOKEN": token})
    assert sent.exit_code == 1
    where = f"127.0.0.1:{server.submission_port}"
    assert sent.stderr.startswith(f"netzwerk: {where}: {REFUSED[lang]} (535 5.7.8 ")
    assert "; status=" in sent.stderr  # the server's error challenge, answered
    assert server.sink.messages == []
    assert not record_path(path, SENT).exists()
    deliver_answer(server)
    read = replies(runner, path, "--lang", lang, env={"NETZWERK_IMAP_TOKEN": token})
    assert read.exit_code == 1
    assert read.stderr.startswith(f"netzwerk: 127.0.0.1:{server.port}: {REFUSED[lang]} (")
    assert "AUTHENTICATIONFAILED" in read.stderr
    assert not record_path(path, REPLIES).exists()
    assert token not in sent.output + read.output


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_failing_token_command_is_refused_before_any_connection(
    runner: CliRunner, server: OAuthDovecot, tmp_path: Path, lang: str
) -> None:
    with socket.socket() as listener:  # a server that would see any connection
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        token = server.token()
        command = token_helper(tmp_path, token, status=1)
        path = network(tmp_path, server, command=command, smtp_port=port)
        result = invite(runner, path, "--lang", lang)
        with pytest.raises(BlockingIOError):
            listener.accept()
    assert result.exit_code == 1
    assert (
        result.stderr
        == {
            "en": "netzwerk: token_command failed (exit status 1); no connection was made\n",
            "de": "netzwerk: token_command ist fehlgeschlagen (Exit-Status 1); es wurde keine "
            "Verbindung aufgebaut\n",
        }[lang]
    )
    assert token not in result.output
    assert not record_path(path, SENT).exists()


def test_a_token_command_that_prints_nothing_is_said_with_its_status(
    runner: CliRunner, server: OAuthDovecot, tmp_path: Path
) -> None:
    path = network(tmp_path, server, command=token_helper(tmp_path, ""))
    result = replies(runner, path)
    assert result.exit_code == 1
    assert result.stderr == (
        "netzwerk: imap_token_command printed no token (exit status 0); no connection was made\n"
    )


def test_without_a_token_it_says_where_one_comes_from(
    runner: CliRunner, server: OAuthDovecot, tmp_path: Path
) -> None:
    path = network(tmp_path, server)
    result = invite(runner, path)
    assert result.exit_code == 1
    assert "set NETZWERK_SMTP_TOKEN, or token_command = " in result.stderr
    assert server.sink.messages == []


def test_passwords_keep_working_on_the_same_server(
    runner: CliRunner, server: OAuthDovecot, tmp_path: Path
) -> None:
    path = network(tmp_path, server, auth="password")
    env = {"NETZWERK_SMTP_PASSWORD": PASSWORD, "NETZWERK_IMAP_PASSWORD": PASSWORD}
    assert invite(runner, path, env=env).exit_code == 0
    assert len(server.sink.messages) == 2
    deliver_answer(server)
    result = replies(runner, path, env=env)
    assert result.exit_code == 0, result.output
    assert "accepted" in result.stdout


@pytest.mark.parametrize(("size", "on_the_line"), [(0, True), (BIG, False)])
def test_a_short_token_rides_on_the_auth_line_a_long_one_on_its_own(
    runner: CliRunner,
    server: OAuthDovecot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: int,
    on_the_line: bool,
) -> None:
    """Dovecot's submission refuses an AUTH line over ~1 KB (500 5.5.2 Line too long)."""
    import smtplib

    said: list[str] = []
    docmd = smtplib.SMTP.docmd

    def recording(self: smtplib.SMTP, cmd: str, args: str = "") -> tuple[int, bytes]:
        said.append(f"{cmd} {args}".strip())
        return docmd(self, cmd, args)

    monkeypatch.setattr(smtplib.SMTP, "docmd", recording)
    path = network(tmp_path, server, auth="oauthbearer")
    result = invite(runner, path, env={"NETZWERK_SMTP_TOKEN": server.token(size=size)})
    assert result.exit_code == 0, result.output
    auth = next(line for line in said if line.startswith("AUTH"))
    assert (auth != "AUTH OAUTHBEARER") is on_the_line
    assert len(auth) < 512
