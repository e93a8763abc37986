"""Dovecot with OAuth2 logins, for the tests: its IMAP and its submission service (Debian's
dovecot-imapd and dovecot-submissiond), started from a configuration in a temporary folder, with an
`oauth2` passdb that validates tokens signed by a key the test makes (HS256, no identity provider,
no network). The submission service relays what it accepts to an aiosmtpd sink on 127.0.0.1.

A `passwd-file` passdb for PLAIN and LOGIN sits beside it, so that the test itself (and a password
login) still gets in. Refusals are immediate (`auth_failure_delay = 0`, no anvil penalty): a
refused token would otherwise cost 2, 4, 8 s per test.
"""

from __future__ import annotations

import base64
import contextlib
import email
import email.policy
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from .dovecot import PASSWORD, USER, Dovecot, _free_port
from .programs import program


@dataclass
class Sink:
    """What the submission service relayed: (envelope sender, recipients, message)."""

    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK: queued"


@dataclass
class OAuthDovecot(Dovecot):
    """A running Dovecot that takes tokens: its IMAP, its submission port and what it relayed."""

    submission_port: int = 0
    sink: Sink = field(default_factory=Sink)
    secret: bytes = b""  # the HS256 key the server trusts

    def token(self, *, lifetime: int = 600, size: int = 0, key: bytes | None = None) -> str:
        """A signed access token for the user, valid `lifetime` seconds (negative: expired), at
        least `size` characters long (padded with a claim, as identity providers' roles are)."""
        import jwt

        now = int(time.time())
        claims: dict[str, Any] = {"sub": USER, "exp": now + lifetime, "scp": "IMAP SMTP"}
        if lifetime < 0:
            claims["iat"] = now + lifetime - 60  # issued before it expired
        token = jwt.encode(claims, key or self.secret, algorithm="HS256")
        if len(token) < size:
            claims["roles"] = "x" * (size - len(token))
            token = jwt.encode(claims, key or self.secret, algorithm="HS256")
        return token


def _dovecot() -> str:
    sbin = Path("/usr/sbin/dovecot")
    if os.access(sbin, os.X_OK) and sbin.is_file():
        return str(sbin)
    return program("dovecot", package="dovecot-imapd")


def _submission() -> None:
    """The submission service is a package of its own; without it, skip (or fail under strict)."""
    found = [Path(d) / "submission" for d in ("/usr/lib/dovecot", "/usr/libexec/dovecot")]
    if not any(p.is_file() for p in found):
        program("dovecot-submission-service", package="dovecot-submissiond")


@contextlib.contextmanager
def oauth_dovecot() -> Iterator[OAuthDovecot]:
    """A running Dovecot with IMAP and submission (no TLS: 127.0.0.1 only) taking tokens."""
    _needs("jwt", "pyjwt")
    binary = _dovecot()
    _submission()
    from aiosmtpd.controller import Controller

    root = Path(tempfile.mkdtemp(prefix="netzwerk-dovecot-oauth-"))
    root.chmod(0o755)  # the mail and auth processes, unprivileged users, must reach it
    sink = Sink()
    relay = Controller(sink, hostname="127.0.0.1", port=_free_port())
    relay.start()
    process: subprocess.Popen[bytes] | None = None
    try:
        home = root / "home" / USER
        home.mkdir(parents=True)
        if os.geteuid() == 0:
            import pwd

            mail_user, login_user, internal = "nobody", "dovenull", "dovecot"
            owner = pwd.getpwnam(mail_user)
            os.chown(home, owner.pw_uid, owner.pw_gid)
        else:
            import getpass

            mail_user = login_user = internal = getpass.getuser()
        (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        secret = secrets.token_bytes(32)
        keys = root / "keys" / "default" / "HS256"
        keys.mkdir(parents=True)
        (keys / "default").write_text(base64.b64encode(secret).decode())
        for folder in (root / "keys", root / "keys" / "default", keys):
            folder.chmod(0o755)
        (keys / "default").chmod(0o644)
        (root / "oauth2.conf.ext").write_text(
            "introspection_mode = local\n"
            f"local_validation_key_dict = fs:posix:prefix={root}/keys/\n"
            "username_attribute = sub\n"
        )
        port, submission_port = _free_port(), _free_port()
        group = mail_user if mail_user != "nobody" else "nogroup"
        config = root / "dovecot.conf"
        config.write_text(
            f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap submission
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
default_login_user = {login_user}
default_internal_user = {internal}
first_valid_uid = 0
hostname = submission.test
submission_relay_host = 127.0.0.1
submission_relay_port = {relay.port}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={group} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service submission-login {{
  chroot =
  inet_listener submission {{
    address = 127.0.0.1
    port = {submission_port}
  }}
}}
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""
        )
        (root / "run").mkdir()
        (root / "state").mkdir()
        process = subprocess.Popen(
            [binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _wait(process, root, (port, submission_port))
        yield OAuthDovecot(
            port, 0, root / "none.pem", root / "dovecot.log", submission_port, sink, secret
        )
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        relay.stop()
        shutil.rmtree(root, ignore_errors=True)


def _wait(process: subprocess.Popen[bytes], root: Path, ports: tuple[int, ...]) -> None:
    deadline = time.monotonic() + 15
    for port in ports:
        while True:
            if process.poll() is not None:
                said = process.stderr.read().decode() if process.stderr else ""
                log = root / "dovecot.log"
                raise RuntimeError(
                    f"dovecot did not start: {said} {log.read_text() if log.exists() else ''}"
                )
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("dovecot did not listen within 15 s")
            time.sleep(0.05)


def _needs(module: str, package: str) -> None:
    """A Python package of the test extra; skipped (failed under strict) with its name."""
    import importlib

    import pytest

    try:
        importlib.import_module(module)
    except ImportError:
        reason = f"needs the Python package {package}: pip install -e '.[test]'"
        if os.environ.get("NETZWERK_TESTS_STRICT") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
