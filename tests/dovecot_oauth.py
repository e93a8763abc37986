"""Dovecot with OAuth2 logins, for the tests: its IMAP and its submission service (Debian's
dovecot-imapd and dovecot-submissiond), started from a configuration in a temporary folder, with an
`oauth2` passdb that validates tokens signed by a key the test makes (HS256, no identity provider,
no network). The submission service relays what it accepts to an aiosmtpd sink on 127.0.0.1.

A `passwd-file` passdb for PLAIN and LOGIN sits beside it, so that the test itself (and a password
login) still gets in. Refusals are immediate (`auth_failure_delay = 0`, no anvil penalty): a
refused token would otherwise cost 2, 4, 8 s per test.

It is tests/dovecot.py's server (its folder, configuration and process), with `_oauth2_lines`
added after that configuration.
"""

from __future__ import annotations

import base64
import contextlib
import email
import email.policy
import os
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from .dovecot import (
    USER,
    Dovecot,
    configuration,
    dovecot_binary,
    free_port,
    login_service,
    mail_folder,
    started,
)
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


def _submission() -> None:
    """The submission service is a package of its own; without it, skip (or fail under strict)."""
    found = [Path(d) / "submission" for d in ("/usr/lib/dovecot", "/usr/libexec/dovecot")]
    if not any(p.is_file() for p in found):
        program("dovecot-submission-service", package="dovecot-submissiond")


def _trust_a_key(root: Path) -> bytes:
    """A new HS256 key, where the `oauth2` passdb finds it (readable by its unprivileged user),
    and that passdb's settings; the key itself is returned for signing tokens."""
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
    return secret


def _oauth2_lines(root: Path, *, submission_port: int, relay_port: int) -> str:
    """What tests/dovecot.py's configuration needs more: the token mechanisms with their own
    passdb (after the passwd-file one, which keeps PLAIN and LOGIN), the submission service
    relaying to `relay_port`, and immediate refusals."""
    return f"""
protocols = $protocols submission
auth_mechanisms = $auth_mechanisms xoauth2 oauthbearer
auth_failure_delay = 0
hostname = submission.test
submission_relay_host = 127.0.0.1
submission_relay_port = {relay_port}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
{login_service("submission-login", submission=submission_port)}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""


@contextlib.contextmanager
def oauth_dovecot() -> Iterator[OAuthDovecot]:
    """A running Dovecot with IMAP and submission (no TLS: 127.0.0.1 only) taking tokens."""
    _needs("jwt", "pyjwt")
    binary = dovecot_binary()
    _submission()
    from aiosmtpd.controller import Controller

    sink = Sink()
    relay = Controller(sink, hostname="127.0.0.1", port=free_port())
    relay.start()
    try:
        with mail_folder("netzwerk-dovecot-oauth-") as root:
            secret = _trust_a_key(root)
            port, submission_port = free_port(), free_port()
            config = configuration(root, port=port) + _oauth2_lines(
                root, submission_port=submission_port, relay_port=relay.port
            )
            with started(binary, root, config, (port, submission_port)):
                yield OAuthDovecot(
                    port, 0, root / "none.pem", root / "dovecot.log", submission_port, sink, secret
                )
    finally:
        relay.stop()


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
