"""Sending mail: `smtplib` over STARTTLS, TLS or a plain connection, and the login to it (a
password, or an OAuth2 token by SASL).

Every failure becomes a `MailError` that says what failed and quotes the server's answer; nothing
here decides what to send.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.message import N_, Message, fact
from netzwerk_cli.outside.connecting import no_answer, tls_failed, unreachable
from netzwerk_cli.servers import Auth, MailSettings, Security

if TYPE_CHECKING:
    import smtplib
    from email.message import EmailMessage

PASSWORD_VARIABLE = "NETZWERK_SMTP_PASSWORD"
TIMEOUT = 30.0  # seconds for connecting and for every answer of the server


class MailError(NetzwerkError):
    """The mail server could not be reached, refused the login, or refused a message."""


class PartlyRefused(MailError):
    """The server took the message for some recipients and refused others."""

    def __init__(self, refused: str) -> None:
        super().__init__(fact(N_("the server refused some recipients: {answer}"), answer=refused))
        self.refused = refused  # "address: code text; ...", the server's words


def password(settings: MailSettings, environ: Mapping[str, str]) -> str | None:
    """The login's password or access token, from the places `outside.credentials` names, in
    its order; None without a user (no login)."""
    if settings.user is None:
        return None
    from netzwerk_cli.outside.credentials import secret

    return secret(
        "smtp",
        user=settings.user,
        login=settings.login,
        password_command=settings.password_command,
        environ=environ,
        missing=fact(
            N_(
                "[mail] user {user} needs a password: set {variable}, or password_command = "
                '"..." in [mail] (a command that prints it, e.g. "pass show netzwerk/smtp")'
            ),
            user=repr(settings.user),
            variable=PASSWORD_VARIABLE,
        ),
    )


@contextlib.contextmanager
def connection(settings: MailSettings, secret: str | None) -> Iterator[smtplib.SMTP]:
    """An open, logged-in connection to the mail server of [mail]."""
    import smtplib
    import ssl

    host, port = settings.smtp_host, settings.smtp_port
    if host is None:
        raise MailError(
            fact(
                N_(
                    '[mail] has no smtp_host: add smtp_host = "mail.example.de" to send, or '
                    "write the messages to a folder with --outbox DIR"
                )
            )
        )
    where = f"{host}:{port}"
    from netzwerk_cli.outside.tls import trusting

    context = trusting(settings.ca_file, table="mail")
    server: smtplib.SMTP | None = None
    try:
        if settings.security is Security.SSL:
            server = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=context)
        else:
            server = smtplib.SMTP(host, port, timeout=TIMEOUT)
        if settings.security is Security.STARTTLS:
            server.ehlo()
            if not server.has_extn("starttls"):
                raise MailError(
                    fact(
                        N_(
                            '{server} does not offer STARTTLS; set security = "ssl" (port 465) '
                            'or, for a relay inside your network only, security = "none"'
                        ),
                        server=where,
                    )
                )
            server.starttls(context=context)
            server.ehlo()
        if settings.user is not None and settings.login.auth is not Auth.PASSWORD:
            _token_login(server, settings, secret or "", where=where)
        elif settings.user is not None:
            server.login(settings.user, secret or "")
        yield server
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(
            fact(
                N_("{server} refused the login of {user} (wrong user or password?): {answer}"),
                server=where,
                user=repr(settings.user),
                answer=_answer(exc.smtp_code, exc.smtp_error),
            )
        ) from None
    except ssl.SSLCertVerificationError as exc:
        raise MailError(
            fact(
                N_(
                    "TLS with {server} failed: the server's certificate is not trusted ({why}); "
                    "for a relay with its own CA, set ca_file in [mail]"
                ),
                server=where,
                why=str(exc.verify_message),
            )
        ) from None
    except ssl.SSLError as exc:
        raise MailError(tls_failed(where, str(exc.reason or exc))) from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(
            fact(
                N_("{server} answered: {answer}"),
                server=where,
                answer=_answer(exc.smtp_code, exc.smtp_error),
            )
        ) from None
    except smtplib.SMTPException as exc:
        raise MailError(_said(where, exc)) from None
    except TimeoutError:
        raise MailError(no_answer(where, TIMEOUT)) from None
    except OSError as exc:
        raise MailError(unreachable(where, exc)) from None
    finally:
        if server is not None:
            with contextlib.suppress(Exception):  # the connection may be gone already
                server.quit()


def _token_login(server: smtplib.SMTP, settings: MailSettings, token: str, *, where: str) -> None:
    """AUTH XOAUTH2 or OAUTHBEARER, a long token on a line of its own (see `outside.sasl`)."""
    import smtplib

    from netzwerk_cli.outside.sasl import Conversation, token_refused

    assert settings.user is not None and settings.smtp_host is not None
    conversation = Conversation(
        settings.login.auth,
        user=settings.user,
        token=token,
        host=settings.smtp_host,
        port=settings.smtp_port,
    )
    try:
        server.ehlo_or_helo_if_needed()  # `login` does it itself, `auth` does not
        server.auth(
            conversation.mechanism, conversation, initial_response_ok=conversation.fits_one_line()
        )
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(
            token_refused(where, _answer(exc.smtp_code, exc.smtp_error), conversation.error)
        ) from None


def send(server: smtplib.SMTP, message: EmailMessage, *, where: str) -> None:
    """Send one message to all its recipients, or raise `MailError` with the server's answer."""
    import smtplib

    try:
        refused = server.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(
            fact(
                N_("{server} refused the recipients: {answer}"),
                server=where,
                answer=_refused(exc.recipients),
            )
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(
            fact(
                N_("{server} refused the message: {answer}"),
                server=where,
                answer=_answer(exc.smtp_code, exc.smtp_error),
            )
        ) from None
    except smtplib.SMTPException as exc:
        raise MailError(_said(where, exc)) from None
    except OSError as exc:
        raise MailError(
            fact(
                N_("{server}: the connection failed: {why}"),
                server=where,
                why=exc.strerror or str(exc),
            )
        ) from None
    if refused:
        # Some recipients took it, some did not: the message is out and must not go again to
        # those who have it; the caller records it and says who was refused.
        raise PartlyRefused(_refused(refused))


def _said(where: str, exc: Exception) -> Message:
    """An error of smtplib as it says it (the server's or the library's words)."""
    return fact(N_("{server}: {why}"), server=where, why=str(exc))


def _refused(recipients: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{address}: {_answer(*answer)}" for address, answer in recipients.items())


def _answer(code: int, text: bytes | str) -> str:
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(said.split())}"
