"""Sending mail: `smtplib` over STARTTLS, TLS or a plain connection, and the password for it.

Every failure becomes a `MailError` whose message says what failed and quotes the server's
answer; nothing here decides what to send.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.model import MailSettings, Security

if TYPE_CHECKING:
    import smtplib
    from email.message import EmailMessage

PASSWORD_VARIABLE = "NETZWERK_SMTP_PASSWORD"
TIMEOUT = 30.0  # seconds for connecting and for every answer of the server


class MailError(NetzwerkError):
    """The mail server could not be reached, refused the login, or refused a message."""


def password(settings: MailSettings, environ: Mapping[str, str]) -> str | None:
    """The login password: NETZWERK_SMTP_PASSWORD, else what `password_command` prints."""
    if settings.user is None:
        return None
    if environ.get(PASSWORD_VARIABLE):
        return environ[PASSWORD_VARIABLE]
    if settings.password_command is None:
        raise MailError(
            f"[mail] user {settings.user!r} needs a password: set {PASSWORD_VARIABLE}, or "
            'password_command = "..." in [mail] (a command that prints it, e.g. "pass show '
            'netzwerk/smtp")'
        )
    return run_password_command(settings.password_command)


def run_password_command(command: str) -> str:
    """What a password command prints on its first line; a `MailError` if it fails."""
    import shlex
    import subprocess

    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise MailError(f"password_command {command!r} cannot be read: {exc}") from None
    if not argv:
        raise MailError("password_command is empty")
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=TIMEOUT, check=False, stdin=None
        )
    except FileNotFoundError:
        raise MailError(f"password_command: {argv[0]!r} was not found") from None
    except subprocess.TimeoutExpired:
        raise MailError(f"password_command did not finish within {TIMEOUT:g} s") from None
    except OSError as exc:
        raise MailError(f"password_command cannot be run: {exc.strerror}") from None
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise MailError(f"password_command failed (exit status {done.returncode}): {said}")
    lines = done.stdout.splitlines()
    if not lines or not lines[0]:
        raise MailError("password_command printed no password")
    return lines[0]


@contextlib.contextmanager
def connection(settings: MailSettings, secret: str | None) -> Iterator[smtplib.SMTP]:
    """An open, logged-in connection to the mail server of [mail]."""
    import smtplib
    import ssl

    host, port = settings.smtp_host, settings.smtp_port
    if host is None:
        raise MailError(
            '[mail] has no smtp_host: add smtp_host = "mail.example.de" to send, or write the '
            "messages to a folder with --outbox DIR"
        )
    where = f"{host}:{port}"
    context = ssl.create_default_context()
    if settings.ca_file:
        try:
            context.load_verify_locations(cafile=settings.ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise MailError(f"[mail] ca_file {settings.ca_file}: cannot be read: {exc}") from None
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
                    f'{where} does not offer STARTTLS; set security = "ssl" (port 465) or, '
                    'for a relay inside your network only, security = "none"'
                )
            server.starttls(context=context)
            server.ehlo()
        if settings.user is not None:
            server.login(settings.user, secret or "")
        yield server
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(
            f"{where} refused the login of {settings.user!r} (wrong user or password?): "
            f"{_answer(exc.smtp_code, exc.smtp_error)}"
        ) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(f"{where}: {exc}") from None
    except ssl.SSLCertVerificationError as exc:
        raise MailError(
            f"TLS with {where} failed: the server's certificate is not trusted "
            f"({exc.verify_message}); for a relay with its own CA, set ca_file in [mail]"
        ) from None
    except ssl.SSLError as exc:
        raise MailError(f"TLS with {where} failed: {exc.reason or exc}") from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"{where} answered: {_answer(exc.smtp_code, exc.smtp_error)}") from None
    except smtplib.SMTPException as exc:
        raise MailError(f"{where}: {exc}") from None
    except TimeoutError:
        raise MailError(f"{where} did not answer within {TIMEOUT:g} s") from None
    except OSError as exc:
        raise MailError(f"cannot connect to {where}: {exc.strerror or exc}") from None
    finally:
        if server is not None:
            with contextlib.suppress(Exception):  # the connection may be gone already
                server.quit()


def send(server: smtplib.SMTP, message: EmailMessage, *, where: str) -> None:
    """Send one message to all its recipients, or raise `MailError` with the server's answer."""
    import smtplib

    try:
        refused = server.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"{where} refused the recipients: {_refused(exc.recipients)}") from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(
            f"{where} refused the message: {_answer(exc.smtp_code, exc.smtp_error)}"
        ) from None
    except smtplib.SMTPException as exc:
        raise MailError(f"{where}: {exc}") from None
    except OSError as exc:
        raise MailError(f"{where}: the connection failed: {exc.strerror or exc}") from None
    if refused:
        # Some recipients took it, some did not: the message is out, and must not go again to
        # those who have it; the caller records it and says who was refused.
        raise PartlyRefused(_refused(refused))


class PartlyRefused(MailError):
    """The server took the message for some recipients and refused others."""


def _refused(recipients: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{address}: {_answer(*answer)}" for address, answer in recipients.items())


def _answer(code: int, text: bytes | str) -> str:
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(said.split())}"
