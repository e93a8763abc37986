"""Where a login's secret comes from (outside/credentials.py): the one order (environment,
keychain, command) for SMTP, IMAP and CalDAV; `netzwerk password set`; the SASL responses
(outside/sasl.py); and the [mail] keys of issue 33. The keychain is keyrings.alt's file backend
in a temporary folder; without that package the keychain tests are skipped (failed under
NETZWERK_TESTS_STRICT=1) with its name."""

from __future__ import annotations

import base64
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.errors import NetworkFileError
from netzwerk_cli.message import fact
from netzwerk_cli.outside import credentials, sasl
from netzwerk_cli.outside.credentials import CredentialError, secret
from netzwerk_cli.servers import Auth, Login

from .conftest import make_network as parse
from .conftest import network_text, trust
from .dovecot import PASSWORD, dovecot_server
from .dovecot_oauth import _needs
from .test_replies import MEETINGS, TODAY

MISSING = fact("{key} is empty", key="none")  # any message: only its identity is checked


@pytest.fixture
def keychain(tmp_path: Path) -> Iterator[Any]:
    """keyrings.alt's plaintext file backend, in this test's folder, as the system's keychain."""
    _needs("keyrings.alt", "keyrings.alt")
    import keyring
    import keyring.core
    from keyrings.alt.file import PlaintextKeyring

    before = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keychain.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(before)


def smtp_secret(login: Login, environ: dict[str, str], command: str | None = None) -> str:
    return secret(
        "smtp",
        user="netzwerk",
        login=login,
        password_command=command,
        environ=environ,
        missing=MISSING,
    )


ECHO = f"{sys.executable} -c \"print('from-command')\""


def test_the_order_is_environment_then_keychain_then_command(keychain: Any) -> None:
    login = Login(password_keyring="netzwerk/smtp")
    keychain.set_password("netzwerk/smtp", "netzwerk", "from-keychain")
    env = {"NETZWERK_SMTP_PASSWORD": "from-environment"}
    assert smtp_secret(login, env, ECHO) == "from-environment"
    assert smtp_secret(login, {}, ECHO) == "from-keychain"
    keychain.delete_password("netzwerk/smtp", "netzwerk")
    assert smtp_secret(login, {}, ECHO) == "from-command"  # an empty entry falls through
    assert smtp_secret(Login(), {}, ECHO) == "from-command"  # no entry named: not asked


def test_an_empty_keychain_entry_without_a_command_says_how_to_store_one(keychain: Any) -> None:
    with pytest.raises(CredentialError) as caught:
        smtp_secret(Login(password_keyring="netzwerk/smtp"), {})
    assert caught.value.message == (
        "the keychain has no password for 'netzwerk' in 'netzwerk/smtp': store one with "
        "`netzwerk password set smtp`"
    )


def test_nothing_set_up_says_the_callers_message() -> None:
    with pytest.raises(CredentialError) as caught:
        smtp_secret(Login(), {})
    assert caught.value.text is MISSING


def test_a_token_comes_from_the_environment_before_the_command() -> None:
    login = Login(auth=Auth.XOAUTH2, token_command=ECHO)
    assert smtp_secret(login, {"NETZWERK_SMTP_TOKEN": "t0ken\n"}) == "t0ken"
    assert smtp_secret(login, {"NETZWERK_SMTP_PASSWORD": "not a token"}) == "from-command"


def test_a_failing_token_command_never_shows_its_output() -> None:
    command = f"{sys.executable} -c \"import sys; print('s3cret'); sys.exit(3)\""
    with pytest.raises(CredentialError) as caught:
        smtp_secret(Login(auth=Auth.OAUTHBEARER, token_command=command), {})
    assert caught.value.message == "token_command failed (exit status 3); no connection was made"


def test_without_the_keyring_package_it_says_which_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)
    with pytest.raises(CredentialError) as caught:
        smtp_secret(Login(password_keyring="netzwerk/smtp"), {})
    assert caught.value.message == (
        "password_keyring needs the keyring package: pip install 'netzwerk-cli[keyring]'"
    )


def test_keyring_is_imported_only_when_a_file_names_an_entry(network_file: Path) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from netzwerk_cli.cli import app\n"
        f"CliRunner().invoke(app, ['next-host', '-f', {str(network_file)!r}])\n"
        "print('keyring' in sys.modules, 'netzwerk_cli.outside.credentials' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False False\n"


def mailbox_file(tmp_path: Path, port: int, extra: str = "") -> Path:
    lines = [
        'imap_host = "127.0.0.1"',
        f"imap_port = {port}",
        'imap_security = "none"',
        'user = "netzwerk"',
        'password_keyring = "netzwerk/mail"',
        extra,
    ]
    body = MEETINGS.replace("[mail]\n", "[mail]\n" + "\n".join(lines) + "\n")
    path = tmp_path / "network.toml"
    path.write_text(network_text(body), encoding="utf-8")
    return path


def test_password_set_stores_it_and_replies_logs_in_with_it(
    runner: CliRunner, keychain: Any, tmp_path: Path
) -> None:
    with dovecot_server(tls=False) as server:
        path = trust(mailbox_file(tmp_path, server.port))
        stored = runner.invoke(
            app, ["password", "set", "imap", "-f", str(path)], input=f"{PASSWORD}\n{PASSWORD}\n"
        )
        assert stored.exit_code == 0, stored.output
        assert PASSWORD not in stored.output  # asked without echo
        assert stored.stderr.endswith(
            "Stored in the system's keychain: the password of netzwerk for netzwerk/mail.\n"
        )
        assert keychain.get_password("netzwerk/mail", "netzwerk") == PASSWORD
        read = runner.invoke(app, ["replies", "-f", str(path), "--today", TODAY])
        assert read.exit_code == 0, read.output


def test_password_set_speaks_german(runner: CliRunner, keychain: Any, tmp_path: Path) -> None:
    path = trust(mailbox_file(tmp_path, 143))
    stored = runner.invoke(
        app, ["password", "set", "smtp", "-f", str(path), "--lang", "de"], input="a\na\n"
    )
    assert stored.exit_code == 0, stored.output
    assert "Passwort von netzwerk für netzwerk/mail" in stored.stdout
    assert stored.stderr.endswith(
        "Das Passwort von netzwerk für netzwerk/mail wurde im Schlüsselbund des Systems gespeichert.\n"
    )


def test_password_set_needs_a_named_entry_and_a_trusted_file(
    runner: CliRunner, keychain: Any, tmp_path: Path
) -> None:
    path = mailbox_file(tmp_path, 143)
    untrusted = runner.invoke(app, ["password", "set", "imap", "-f", str(path)], input="a\na\n")
    assert untrusted.exit_code == 1
    assert "the settings that act outside the file are not trusted" in untrusted.stderr
    assert keychain.get_password("netzwerk/mail", "netzwerk") is None
    none = runner.invoke(app, ["password", "set", "caldav", "-f", str(path)], input="a\na\n")
    assert none.exit_code == 1
    assert none.stderr == (
        'netzwerk: caldav has no keychain entry: add password_keyring = "netzwerk/caldav" to '
        "[publish], beside its user, then run this again\n"
    )
    trust(path)
    empty = runner.invoke(app, ["password", "set", "smtp", "-f", str(path)], input="\n\n")
    assert (empty.exit_code, empty.stderr) == (
        1,
        "netzwerk: no password given: nothing was stored\n",
    )


def test_the_sasl_initial_responses_and_the_error_challenge() -> None:
    xoauth2 = sasl.Conversation(Auth.XOAUTH2, user="a@b.de", token="T", host="h", port=587)
    assert xoauth2.mechanism == "XOAUTH2"
    assert xoauth2(b"") == "user=a@b.de\x01auth=Bearer T\x01\x01"
    error = base64.b64decode(base64.b64encode(b'{"status":"invalid_token","scope":"mail"}'))
    assert xoauth2(error) == ""  # answered, so that the server says its NO
    assert xoauth2.error == "status=invalid_token scope=mail"
    bearer = sasl.Conversation(Auth.OAUTHBEARER, user="a,=b", token="T", host="h", port=993)
    assert bearer.in_bytes(b"") == b"n,a=a=2C=3Db,\x01host=h\x01port=993\x01auth=Bearer T\x01\x01"
    assert bearer(b"not json") == "\x01"
    assert bearer.error == "not json"


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        ('auth = "oauth2"', "auth 'oauth2' is not one of"),
        ('auth = "xoauth2"', 'auth = "xoauth2" needs a user to log in as: user = "..." in [mail]'),
        ('imap_auth = "xoauth2"', "imap_auth without imap_host"),
    ],
)
def test_the_login_keys_are_checked(keys: str, problem: str) -> None:
    body = MEETINGS.replace("[mail]\n", f"[mail]\n{keys}\n")
    with pytest.raises(NetworkFileError) as caught:
        parse(body)
    assert problem in caught.value.message


def test_the_imap_login_keys_default_to_mail_s() -> None:
    body = MEETINGS.replace(
        "[mail]\n",
        '[mail]\nuser = "u"\nauth = "xoauth2"\ntoken_command = "oama access u"\n'
        'password_keyring = "k"\nimap_host = "imap.example.de"\n',
    )
    mail = parse(body).mail
    assert mail is not None and mail.imap is not None
    assert mail.login == Login(Auth.XOAUTH2, password_keyring="k", token_command="oama access u")
    assert mail.imap.login == mail.login
    other = parse(body.replace("imap_host", 'imap_auth = "oauthbearer"\nimap_host')).mail
    assert other is not None and other.imap is not None
    assert other.imap.login.auth is Auth.OAUTHBEARER
    assert other.login.auth is Auth.XOAUTH2


def test_trust_shows_the_token_command(runner: CliRunner, tmp_path: Path) -> None:
    body = MEETINGS.replace(
        "[mail]\n", '[mail]\nuser = "u"\nauth = "xoauth2"\ntoken_command = "oama access u"\n'
    )
    path = tmp_path / "network.toml"
    path.write_text(network_text(body), encoding="utf-8")
    shown = runner.invoke(app, ["trust", "-f", str(path)])
    assert shown.exit_code == 0, shown.output
    assert (
        "Command netzwerk runs as you, for an access token ([mail] token_command): "
        '"oama access u"' in shown.stdout
    )
    assert '[mail] auth = "xoauth2"' in shown.stdout


def test_the_variables_are_named_for_their_server() -> None:
    assert credentials.variable("caldav") == "NETZWERK_CALDAV_PASSWORD"
    assert credentials.variable("imap", "TOKEN") == "NETZWERK_IMAP_TOKEN"


def test_publish_takes_the_caldav_password_from_the_keychain(
    keychain: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .test_publish import PASSWORD as CALDAV_PASSWORD
    from .test_publish import USER as CALDAV_USER
    from .test_publish import publish, running_radicale, write

    monkeypatch.delenv("NETZWERK_CALDAV_PASSWORD", raising=False)
    (tmp_path / "radicale").mkdir()
    with running_radicale(tmp_path / "radicale") as server:
        path = write(
            tmp_path / "network.toml",
            server.new_calendar(),
            extra='password_keyring = "netzwerk/caldav"\n',
        )
        missing = publish(path)
        assert missing.exit_code == 1
        assert "`netzwerk password set caldav`" in missing.stderr
        keychain.set_password("netzwerk/caldav", CALDAV_USER, CALDAV_PASSWORD)
        done = publish(path)
        assert done.exit_code == 0, done.output


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("", "token_command is empty"),
        ("'unclosed", "token_command cannot be read: No closing quotation"),
        ("no-such-token-helper x", "token_command: 'no-such-token-helper' was not found"),
        (f"{sys.executable} -c pass", "token_command printed no token (exit status 0); "),
    ],
)
def test_a_token_command_that_cannot_give_a_token_says_why(command: str, said: str) -> None:
    with pytest.raises(CredentialError) as caught:
        credentials.run_token_command(command, key="token_command")
    assert caught.value.message.startswith(said)


def test_a_missing_test_package_skips_with_its_name_or_fails_under_strict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NETZWERK_TESTS_STRICT", raising=False)
    with pytest.raises(pytest.skip.Exception, match="needs the Python package no-such-package"):
        _needs("no_such_module_here", "no-such-package")
    monkeypatch.setenv("NETZWERK_TESTS_STRICT", "1")
    with pytest.raises(pytest.fail.Exception, match="needs the Python package no-such-package"):
        _needs("no_such_module_here", "no-such-package")


def test_a_keychain_that_cannot_be_used_says_so(keychain: Any) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # what keyring uses with no keychain at all
    with pytest.raises(CredentialError) as caught:
        smtp_secret(Login(password_keyring="netzwerk/smtp"), {})
    assert caught.value.message.startswith("the system's keychain cannot be used: No recommended")
    with pytest.raises(CredentialError):
        credentials.store_in_keychain("netzwerk/smtp", "netzwerk", "x")
