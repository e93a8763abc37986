"""Reading the mailbox the answers arrive in: `imaplib` over TLS, STARTTLS or (only when the file
says so) a plain connection.

The standard library's `imaplib`, not IMAPClient: netzwerk needs five commands (LOGIN, EXAMINE,
UID SEARCH, UID FETCH BODY.PEEK[], UID MOVE), and a dependency for those would be a dependency
for every user. What imaplib leaves to its caller is done here: folder names are quoted and
written in IMAP's modified UTF-7 (RFC 3501 5.1.3), the FETCH answers are taken apart, and every
failure becomes an `ImapError` quoting the server.

The folder is opened read-only (EXAMINE) and messages are fetched with BODY.PEEK[], so reading
changes no flag; only `move` (for `--move-to`) opens it for writing.
"""

from __future__ import annotations

import base64
import contextlib
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.message import N_, Message, fact
from netzwerk_cli.outside.connecting import no_answer, tls_failed, unreachable
from netzwerk_cli.servers import Auth, ImapSecurity, ImapSettings, MailSettings

if TYPE_CHECKING:
    import imaplib

PASSWORD_VARIABLE = "NETZWERK_IMAP_PASSWORD"
TIMEOUT = 30.0  # seconds for connecting and for every answer of the server
MAX_MESSAGE_BYTES = 8 * 2**20
_FETCHED = re.compile(rb"UID (\d+)")
_SIZE = re.compile(rb"UID (\d+).*RFC822\.SIZE (\d+)|RFC822\.SIZE (\d+).*UID (\d+)")


class ImapError(NetzwerkError):
    """The mailbox could not be reached, refused the login, or refused a command."""


def where(imap: ImapSettings) -> str:
    """The server as messages name it."""
    return f"{imap.host}:{imap.port}"


def folder_key(imap: ImapSettings) -> str:
    """How the record of answers names a folder: user, server and folder."""
    return f"{imap.user or ''}@{imap.host}:{imap.port}/{imap.folder}"


def password(mail: MailSettings, environ: Mapping[str, str]) -> str:
    """The mailbox's password or access token, from the places `outside.credentials` names, in
    its order (imap_* keys, else [mail]'s)."""
    imap = mail.imap
    assert imap is not None
    from netzwerk_cli.outside.credentials import secret

    return secret(
        "imap",
        user=imap.user or "",
        login=imap.login,
        password_command=imap.password_command,
        environ=environ,
        missing=fact(
            N_(
                "the mailbox {server} needs a password: set {variable}, or "
                'imap_password_command = "..." in [mail] (a command that prints it, e.g. '
                '"pass show netzwerk/imap")'
            ),
            server=where(imap),
            variable=PASSWORD_VARIABLE,
        ),
    )


def encode_folder(name: str) -> str:
    """A folder name as an IMAP command writes it: modified UTF-7 (RFC 3501 5.1.3), quoted."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            data = "".join(pending).encode("utf-16-be")
            out.append(
                "&" + base64.b64encode(data).decode("ascii").rstrip("=").replace("/", ",") + "-"
            )
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    text = "".join(out)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Mailbox:
    """A logged-in connection with the answers' folder examined."""

    def __init__(self, client: imaplib.IMAP4, imap: ImapSettings, validity: int) -> None:
        self.client = client
        self.imap = imap
        self.validity = validity

    def uids_after(self, last: int) -> list[int]:
        """The UIDs of the folder's messages above `last`, ascending."""
        found = _ok(self.imap, self.client.uid("SEARCH", f"UID {last + 1}:*"), "UID SEARCH")
        uids = [int(n) for n in b" ".join(x for x in found if isinstance(x, bytes)).split()]
        return sorted(u for u in uids if u > last)  # "n:*" always names the last message

    def fetch(self, uid: int) -> bytes | Message:
        """A message's bytes, fetched without setting \\Seen; why not, for one too large."""
        sizes = _ok(self.imap, self.client.uid("FETCH", str(uid), "(RFC822.SIZE)"), "UID FETCH")
        size = next(
            (
                int(m[2] or m[3])
                for s in sizes
                if isinstance(s, bytes)
                for m in [_SIZE.search(s)]
                if m
            ),
            None,
        )
        if size is not None and size > MAX_MESSAGE_BYTES:
            return fact(N_("larger than {most} MiB"), most=MAX_MESSAGE_BYTES // 2**20)
        data = _ok(self.imap, self.client.uid("FETCH", str(uid), "(BODY.PEEK[])"), "UID FETCH")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
                return item[1]
        return fact(N_("the server sent no message"))

    def message_ids(self) -> dict[int, bytes]:
        """The Message-ID header of every message of the folder, by UID (without setting
        \\Seen), for `--move-to` to find the answers recorded by an earlier run."""
        data = _ok(
            self.imap,
            self.client.uid("FETCH", "1:*", "(UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])"),
            "UID FETCH",
        )
        found: dict[int, bytes] = {}
        for item in data:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
                uid = _FETCHED.search(item[0]) if isinstance(item[0], bytes) else None
                if uid is not None:
                    found[int(uid[1])] = item[1]
        return found

    def move(self, uids: Sequence[int], target: str) -> None:
        """Move these messages into `target`, creating it if needed."""
        if not uids:
            return
        client, imap = self.client, self.imap
        _ok(imap, client.select(encode_folder(imap.folder)), "SELECT")
        folder = encode_folder(target)
        status, _ = client.create(folder)  # NO when it exists already: then it is used
        del status
        numbers = ",".join(str(u) for u in uids)
        if "MOVE" in client.capabilities:
            _ok(imap, client.uid("MOVE", numbers, folder), "UID MOVE")
            return
        _ok(imap, client.uid("COPY", numbers, folder), "UID COPY")
        _ok(imap, client.uid("STORE", numbers, "+FLAGS.SILENT", r"(\Deleted)"), "UID STORE")
        if "UIDPLUS" in client.capabilities:
            _ok(imap, client.uid("EXPUNGE", numbers), "UID EXPUNGE")
        else:
            _ok(imap, client.expunge(), "EXPUNGE")


def _ok(imap: ImapSettings, answer: tuple[str, Sequence[object]], command: str) -> Sequence[object]:
    status, data = answer
    if status != "OK":
        raise ImapError(
            fact(
                N_("{server} refused {command}: {answer}"),
                server=where(imap),
                command=command,
                answer=_said(data),
            )
        )
    return data


def _said(data: Sequence[object]) -> str:
    parts = [d.decode("utf-8", "replace") if isinstance(d, bytes) else str(d) for d in data]
    text = " ".join(" ".join(parts).split())
    return "".join(c for c in text if c.isprintable())[:300]


@contextlib.contextmanager
def mailbox(mail: MailSettings, secret: str) -> Iterator[Mailbox]:
    """An open, logged-in connection with [mail]'s imap_folder examined (read-only)."""
    import imaplib
    import ssl

    from netzwerk_cli.outside.tls import trusting

    imap = mail.imap
    assert imap is not None
    server = where(imap)
    if imap.user is None:
        raise ImapError(
            fact(
                N_('the mailbox {server} needs a user: imap_user = "..." (or user) in [mail]'),
                server=server,
            )
        )
    context = trusting(mail.ca_file, table="mail")
    client: imaplib.IMAP4 | None = None
    try:
        if imap.security is ImapSecurity.TLS:
            client = imaplib.IMAP4_SSL(imap.host, imap.port, ssl_context=context, timeout=TIMEOUT)
        else:
            client = imaplib.IMAP4(imap.host, imap.port, timeout=TIMEOUT)
        if imap.security is ImapSecurity.STARTTLS:
            if "STARTTLS" not in client.capabilities:
                raise ImapError(
                    fact(
                        N_(
                            '{server} does not offer STARTTLS; set imap_security = "tls" (port '
                            "993) or, for a server inside your network only, imap_security = "
                            '"none"'
                        ),
                        server=server,
                    )
                )
            client.starttls(ssl_context=context)
        try:
            if imap.login.auth is Auth.PASSWORD:
                client.login(imap.user, secret)
            else:
                _token_login(client, imap, secret)
        except imaplib.IMAP4.error as exc:
            raise ImapError(
                fact(
                    N_("{server} refused the login of {user} (wrong user or password?): {answer}"),
                    server=server,
                    user=repr(imap.user),
                    answer=_said(list(exc.args)),
                )
            ) from None
        status, data = client.select(encode_folder(imap.folder), readonly=True)
        if status != "OK":
            raise ImapError(
                fact(
                    N_("{server}: the folder {folder} cannot be opened: {answer}"),
                    server=server,
                    folder=repr(imap.folder),
                    answer=_said(data),
                )
            )
        _, found = client.response("UIDVALIDITY")
        validity = int(found[0]) if found and isinstance(found[0], bytes | str) else 0
        yield Mailbox(client, imap, validity)
    except ssl.SSLCertVerificationError as exc:
        raise ImapError(
            fact(
                N_(
                    "TLS with {server} failed: the server's certificate is not trusted ({why}); "
                    "for a server with its own CA, set ca_file in [mail]"
                ),
                server=server,
                why=str(exc.verify_message),
            )
        ) from None
    except ssl.SSLError as exc:
        raise ImapError(tls_failed(server, str(exc.reason or exc))) from None
    except imaplib.IMAP4.abort as exc:
        raise ImapError(
            fact(
                N_("{server}: the connection broke off: {why}"),
                server=server,
                why=_said(list(exc.args)),
            )
        ) from None
    except imaplib.IMAP4.error as exc:
        raise ImapError(
            fact(N_("{server}: {why}"), server=server, why=_said(list(exc.args)))
        ) from None
    except TimeoutError:
        raise ImapError(no_answer(server, TIMEOUT)) from None
    except OSError as exc:
        raise ImapError(unreachable(server, exc)) from None
    finally:
        if client is not None:
            with contextlib.suppress(Exception):  # the connection may be gone already
                client.logout()


def _token_login(client: imaplib.IMAP4, imap: ImapSettings, token: str) -> None:
    """AUTHENTICATE XOAUTH2 or OAUTHBEARER (imaplib sends the token on a continuation line)."""
    import imaplib

    from netzwerk_cli.outside.sasl import Conversation, token_refused

    assert imap.user is not None
    conversation = Conversation(
        imap.login.auth, user=imap.user, token=token, host=imap.host, port=imap.port
    )
    try:
        client.authenticate(conversation.mechanism, conversation.in_bytes)
    except imaplib.IMAP4.error as exc:
        raise ImapError(
            token_refused(where(imap), _said(list(exc.args)), conversation.error)
        ) from None
