"""Reading the mailbox the answers arrive in: `imaplib` over TLS, STARTTLS or (only when the file
says so) a plain connection.

The standard library's `imaplib`, not IMAPClient: netzwerk needs a handful of commands (LOGIN,
EXAMINE, UID SEARCH, UID FETCH, UID MOVE), and a dependency for those would be a dependency for
every user.

The cost of a run follows the answers, not the folder: the UIDs since the last run are looked at
in batches (`BATCH` UIDs per command, so that no answer line grows with the folder). The server
searches each batch for the messages that carry a calendar (`SEARCH ... SINCE` the first
invitation where that is known, and a top-level `Content-Type` naming a calendar or, for a
multipart message, a decoded body holding one: only the UIDs found travel); `FETCH
(BODYSTRUCTURE)` of those confirms a calendar part, and only those are fetched whole. A server
that refuses such a SEARCH is asked for the BODYSTRUCTURE of every message of the batch instead.

What imaplib leaves to its caller is done here: folder names are quoted and
written in IMAP's modified UTF-7 (RFC 3501 5.1.3), the FETCH answers are taken apart, and every
failure becomes an `ImapError` quoting the server.

The folder is opened read-only (EXAMINE) and messages are fetched with BODY.PEEK[], so reading
changes no flag; only `move` (for `--move-to`) opens it for writing.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.message import N_, Message, fact
from netzwerk_cli.outside.connecting import no_answer, tls_failed, unreachable
from netzwerk_cli.servers import Auth, ImapSecurity, ImapSettings, MailSettings

if TYPE_CHECKING:
    import imaplib

PASSWORD_VARIABLE = "NETZWERK_IMAP_PASSWORD"
TIMEOUT = 30.0  # seconds for connecting and for every answer of the server
MAX_MESSAGE_BYTES = 8 * 2**20
BATCH = 1000  # UIDs per SEARCH or FETCH of structures
# One answer line of the server: a message's BODYSTRUCTURE may be long, never this long.
MAX_LINE = 16 * 2**20
_UID = re.compile(rb"\bUID (\d+)")
_STRUCTURE = re.compile(rb"^\d+ \((?=.*?\bUID (\d+))(?=.*?\bRFC822\.SIZE (\d+))", re.DOTALL)
# A calendar part: text/calendar, text/x-vcalendar, application/ics, or a file named *.ics.
_CALENDAR = re.compile(rb'"(?:X-V)?CALENDAR"|"ICS"|\.ICS"', re.IGNORECASE)
# RFC 3501 6.4.4: a top-level Content-Type naming a calendar, or a multipart message whose body
# (the server decodes base64 and quoted-printable) holds one. Only a multipart message can carry
# a calendar part under another top-level type, so the bodies of the others are not searched.
_HAS_CALENDAR = (
    "OR OR HEADER Content-Type calendar HEADER Content-Type ics "
    '(HEADER Content-Type multipart BODY "BEGIN:VCALENDAR")'
)
_ESEARCH_ALL = re.compile(rb"\bALL ([0-9:,]+)")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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

    def __init__(
        self, client: imaplib.IMAP4, imap: ImapSettings, validity: int, uidnext: int = 0
    ) -> None:
        self.client = client
        self.imap = imap
        self.validity = validity
        self.uidnext = uidnext  # 0: the server did not say
        self.too_large: set[int] = set()
        self.searching = True  # whether the server searches for calendars (else: structures)
        self.esearch = True  # whether it answers SEARCH RETURN (ALL) (RFC 4731)

    def highest_uid(self) -> int:
        """The highest UID of the folder (0 when it is empty)."""
        if self.uidnext:
            return self.uidnext - 1
        data = _ok(self.imap, self.client.uid("FETCH", "*", "(UID)"), "UID FETCH")
        found = [int(m[1]) for d in data if isinstance(d, bytes) for m in [_UID.search(d)] if m]
        return max(found, default=0)

    def calendar_messages(
        self, *, after: int, since: dt.date | None = None
    ) -> Iterator[tuple[int, list[int]]]:
        """In batches of UIDs above `after`: the highest UID looked at, and the UIDs of the
        messages that carry a calendar part (one larger than MAX_MESSAGE_BYTES is noted in
        `too_large`: `fetch` then says so without fetching it)."""
        highest = self.highest_uid()
        start = after + 1
        while start <= highest:
            end = min(start + BATCH - 1, highest)
            span = f"{start}:{end}"
            if since is not None:
                # First the messages since the first invitation (the server's index knows their
                # arrival), then the calendar among those alone: a server searches bodies
                # whatever else the criteria say.
                day = f"{since.day}-{_MONTHS[since.month - 1]}-{since.year}"
                span = self._uid_set(f"UID {span} SINCE {day}", start, end) or ""
            if span and self.searching:
                found = self._uid_set(f"UID {span} {_HAS_CALENDAR}", start, end, refusable=True)
                if found is None:  # a server without such a search: BODYSTRUCTURE alone
                    self.searching = False
                else:
                    span = found
            yield end, self._with_calendar(span) if span else []
            start = end + 1

    def _uid_set(
        self, criteria: str, start: int, end: int, *, refusable: bool = False
    ) -> str | None:
        """The UIDs a SEARCH finds (between `start` and `end`) as a UID set: with ESEARCH
        (RFC 4731) the server's own compact set (`1:389,400`), else the numbers joined. None
        for a refused search when `refusable`, else an `ImapError`."""
        if self.esearch:
            answer = self._search(f"RETURN (ALL) {criteria}")
            if answer[0] == "OK":
                _, said = self.client.response("ESEARCH")
                text = b" ".join(x for x in said if isinstance(x, bytes))
                found = _ESEARCH_ALL.search(text)
                return found[1].decode() if found else ""
            self.esearch = False
        answer = self._search(criteria)
        if answer[0] != "OK" and refusable:
            self.esearch = True  # the criteria were refused, not RETURN (ALL)
            return None
        numbers = b" ".join(
            x for x in _ok(self.imap, answer, "UID SEARCH") if isinstance(x, bytes)
        ).split()
        return ",".join(n.decode() for n in numbers if n.isdigit() and start <= int(n) <= end)

    def _search(self, criteria: str) -> tuple[str, Sequence[object]]:
        """A UID SEARCH whose refusal (NO, or BAD: imaplib raises it) is an answer, not an end."""
        import imaplib

        try:
            return self.client.uid("SEARCH", criteria)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:
            return "BAD", list(exc.args)

    def _with_calendar(self, span: str) -> list[int]:
        """The UIDs of `span` whose BODYSTRUCTURE names a calendar part, ascending."""
        data = _ok(
            self.imap,
            self.client.uid("FETCH", span, "(UID RFC822.SIZE BODYSTRUCTURE)"),
            "UID FETCH",
        )
        found: list[int] = []
        current: tuple[int, int] | None = None
        calendar = False

        def close() -> None:
            if current is not None and calendar:
                found.append(current[0])
                if current[1] > MAX_MESSAGE_BYTES:
                    self.too_large.add(current[0])

        for item in data:
            pieces = list(item) if isinstance(item, tuple) else [item]
            head = pieces[0] if pieces and isinstance(pieces[0], bytes) else b""
            begun = _STRUCTURE.match(head)
            if begun is not None:
                close()
                current, calendar = (int(begun[1]), int(begun[2])), False
            for piece in pieces:
                if isinstance(piece, bytes) and _CALENDAR.search(piece):
                    calendar = True
        close()
        return sorted(set(found))

    def fetch(self, uid: int) -> bytes | Message:
        """A message's bytes, fetched without setting \\Seen; why not, for one too large."""
        if uid in self.too_large:
            return fact(N_("larger than {most} MiB"), most=MAX_MESSAGE_BYTES // 2**20)
        data = _ok(self.imap, self.client.uid("FETCH", str(uid), "(BODY.PEEK[])"), "UID FETCH")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
                if len(item[1]) > MAX_MESSAGE_BYTES:
                    return fact(N_("larger than {most} MiB"), most=MAX_MESSAGE_BYTES // 2**20)
                return item[1]
        return fact(N_("the server sent no message"))

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


def _number(value: object) -> int:
    try:
        return int(value) if isinstance(value, bytes | str) else 0
    except ValueError:
        return 0


def _long_lines(base: type[imaplib.IMAP4]) -> type[imaplib.IMAP4]:
    """imaplib's client, reading answer lines up to MAX_LINE (imaplib's own limit, 1 MB, is
    below the BODYSTRUCTURE of a message of many parts, and would end the run)."""

    class LongLines(base):  # type: ignore[valid-type,misc]
        def readline(self) -> bytes:
            line: bytes = self.file.readline(MAX_LINE + 1)
            if not line:
                raise self.abort("socket error: EOF")
            if len(line) > MAX_LINE:
                raise self.error(f"got more than {MAX_LINE} bytes")
            return line

    return LongLines


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
        tls_client: Any = _long_lines(imaplib.IMAP4_SSL)
        plain_client: Any = _long_lines(imaplib.IMAP4)
        if imap.security is ImapSecurity.TLS:
            client = tls_client(imap.host, imap.port, ssl_context=context, timeout=TIMEOUT)
        else:
            client = plain_client(imap.host, imap.port, timeout=TIMEOUT)
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
        _, following = client.response("UIDNEXT")
        uidnext = _number(following[0]) if following else 0
        yield Mailbox(client, imap, validity, uidnext)
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
