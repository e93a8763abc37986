"""SASL logins with an OAuth2 access token: XOAUTH2 (the form Microsoft 365 and Google accept)
and OAUTHBEARER (RFC 7628), for `smtplib` and `imaplib` alike.

Both libraries call an "authobject" with each challenge of the server and send what it returns.
The first call gives the initial response: on the AUTH command's line where it fits (SMTP), else
on a line of its own after the server's empty challenge, because a token of 2 KB does not fit the
~1 KB that some servers (Dovecot's submission) allow for the AUTH command's line; imaplib always
sends it on a line of its own. A second challenge is the
server's error (a JSON object, RFC 7628 3.2.2): the client must answer it (XOAUTH2: empty,
OAUTHBEARER: %x01) before the server says NO or 535; what it said is kept for the message.
"""

from __future__ import annotations

import json

from netzwerk_cli.message import N_, Message, fact
from netzwerk_cli.servers import Auth

MECHANISMS = {Auth.XOAUTH2: "XOAUTH2", Auth.OAUTHBEARER: "OAUTHBEARER"}


def initial_response(auth: Auth, *, user: str, token: str, host: str, port: int) -> str:
    """What the client says first: the user and the token in the mechanism's form."""
    if auth is Auth.XOAUTH2:
        return f"user={user}\x01auth=Bearer {token}\x01\x01"
    # RFC 7628 3.1: a GS2 header naming the user (`,` and `=` escaped), then key=value pairs.
    name = user.replace("=", "=3D").replace(",", "=2C")
    return f"n,a={name},\x01host={host}\x01port={port}\x01auth=Bearer {token}\x01\x01"


class Conversation:
    """The client's side of one token login: call it with each challenge the server sends."""

    def __init__(self, auth: Auth, *, user: str, token: str, host: str, port: int) -> None:
        self.mechanism = MECHANISMS[auth]
        self._first = initial_response(auth, user=user, token=token, host=host, port=port)
        self._answer = "" if auth is Auth.XOAUTH2 else "\x01"
        self._started = False
        self.error: str | None = None  # the server's error challenge, as it said it

    def __call__(self, challenge: bytes | None = None) -> str:
        if not self._started:
            self._started = True
            return self._first
        self.error = said(challenge or b"")
        return self._answer

    def fits_one_line(self) -> bool:
        """Whether the initial response, in base64, fits the AUTH command's line with room to
        spare (RFC 5321 allows 512 octets; Dovecot's submission about 1 KB): a token of the
        usual 200 characters (Google's) does; Microsoft's 2 KB ones go on a line of their own."""
        return len(self._first) <= 300

    def in_bytes(self, challenge: bytes) -> bytes:
        """The same answer, as `imaplib` takes it."""
        return self(challenge).encode("utf-8")


def said(challenge: bytes) -> str:
    """The server's error challenge in a few printable words: its `status` (and `scope`) where it
    is the JSON the RFC asks for, else its text."""
    text = challenge.decode("utf-8", "replace")
    try:
        found = json.loads(text)
    except ValueError:
        found = None
    if isinstance(found, dict) and found.get("status"):
        text = " ".join(f"{k}={found[k]}" for k in ("status", "scope") if found.get(k))
    text = " ".join(text.split())
    return "".join(c for c in text if c.isprintable())[:200]


def token_refused(where: str, answer: str, error: str | None) -> Message:
    """A server refused an access token: its words, and what to do (SMTP and IMAP alike)."""
    return fact(
        N_("{server}: the token was refused: is it expired? run your token helper ({answer})"),
        server=where,
        answer=f"{answer}; {error}" if error else answer,
    )
