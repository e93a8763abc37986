"""The way into the mailbox the answers arrive in: its password, and a connection by `imaplib`
over TLS, STARTTLS or (only when the file says so) plain, logged in (password or token), with the
answers' folder examined (read-only)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from netzwerk_cli.message import N_, fact
from netzwerk_cli.outside.connecting import no_answer, tls_failed, unreachable
from netzwerk_cli.outside.imapfolder import Mailbox
from netzwerk_cli.outside.imapprotocol import ImapError, encode_folder, server_text, where
from netzwerk_cli.servers import Auth, ImapSecurity, MailSettings

if TYPE_CHECKING:
    import imaplib

    from netzwerk_cli.servers import ImapSettings

PASSWORD_VARIABLE = "NETZWERK_IMAP_PASSWORD"
TIMEOUT = 30.0  # seconds for connecting and for every answer of the server
# One answer line of the server: a message's BODYSTRUCTURE may be long, never this long.
MAX_LINE = 16 * 2**20


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
                    answer=server_text(list(exc.args)),
                )
            ) from None
        status, data = client.select(encode_folder(imap.folder), readonly=True)
        if status != "OK":
            raise ImapError(
                fact(
                    N_("{server}: the folder {folder} cannot be opened: {answer}"),
                    server=server,
                    folder=repr(imap.folder),
                    answer=server_text(data),
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
                why=server_text(list(exc.args)),
            )
        ) from None
    except imaplib.IMAP4.error as exc:
        raise ImapError(
            fact(N_("{server}: {why}"), server=server, why=server_text(list(exc.args)))
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
            token_refused(where(imap), server_text(list(exc.args)), conversation.error)
        ) from None
