"""The network file's settings for servers: `[mail]` (sending by SMTP, the answers' mailbox by
IMAP) and `[publish]` (a CalDAV calendar, a folder for the web page), and every setting that acts
outside the file, as `netzwerk trust` shows it.

Plain values like `model`'s, kept in a module of their own: a command on a file without these
tables (most runs of `next-host` and `schedule`) never creates these classes, and creating a
frozen dataclass costs about a millisecond at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netzwerk_cli.contact import Contact


class Security(StrEnum):
    """How the connection to the mail server is protected."""

    STARTTLS = "starttls"  # plain connection upgraded with STARTTLS (port 587)
    SSL = "ssl"  # TLS from the first byte (port 465)
    NONE = "none"  # no protection (a relay inside the office network, port 25)


DEFAULT_SMTP_PORTS = {Security.STARTTLS: 587, Security.SSL: 465, Security.NONE: 25}


class ImapSecurity(StrEnum):
    """How the connection to the mailbox the answers arrive in is protected."""

    TLS = "tls"  # TLS from the first byte (port 993)
    STARTTLS = "starttls"  # plain connection upgraded with STARTTLS (port 143)
    NONE = "none"  # no protection: only when the file says so


DEFAULT_IMAP_PORTS = {ImapSecurity.TLS: 993, ImapSecurity.STARTTLS: 143, ImapSecurity.NONE: 143}


class Auth(StrEnum):
    """How netzwerk logs in to a mail server: a password, or an OAuth2 access token by SASL."""

    PASSWORD = "password"  # LOGIN/PLAIN with a password (environment, keychain or command)
    XOAUTH2 = "xoauth2"  # the form Microsoft 365 and Google accept
    OAUTHBEARER = "oauthbearer"  # RFC 7628


@dataclass(frozen=True)
class Login:
    """How one login is made besides `password_command`: the mechanism, the keychain entry of its
    password, the command that prints its token. Never the secret itself."""

    auth: Auth = Auth.PASSWORD
    password_keyring: str | None = None  # the keychain's service name; its user is the login's
    token_command: str | None = None  # prints a fresh access token; run once per connection


@dataclass(frozen=True)
class ImapSettings:
    """The [mail] table's imap_* keys: the mailbox the answers to invitations arrive in."""

    host: str
    port: int
    security: ImapSecurity = ImapSecurity.TLS
    user: str | None = None  # default: the table's `user`
    folder: str = "INBOX"
    password_command: str | None = None  # default: the table's `password_command`
    login: Login = Login()  # imap_auth, imap_token_command, imap_password_keyring (else [mail]'s)


@dataclass(frozen=True)
class MailSettings:
    """The [mail] table: how invitations are sent. The password is never in the file."""

    sender: Contact  # the From of every message and the ORGANIZER of its event
    smtp_host: str | None  # None: no server yet (`invite --outbox` writes files only)
    smtp_port: int
    security: Security = Security.STARTTLS
    user: str | None = None
    password_command: str | None = None
    ca_file: str | None = None
    imap: ImapSettings | None = None  # None: no mailbox (`replies --from DIR` reads files)
    login: Login = Login()  # auth, token_command, password_keyring (password_command above)


@dataclass(frozen=True)
class PublishSettings:
    """The [publish] table: a CalDAV calendar and/or a folder for a web page. No password."""

    caldav: str | None = None  # the URL of a calendar collection, ending in "/"
    caldav_user: str | None = None
    password_command: str | None = None
    folder: str | None = None  # netzwerk.ics and index.html are written there
    url: str | None = None  # where the folder is served, for the subscribe links
    ca_file: str | None = None  # extra certificates to trust, for a server with its own CA
    password_keyring: str | None = None  # the keychain's service name for caldav_user's password


@dataclass(frozen=True)
class ServerSetting:
    """A setting of the network file that acts outside it: a server, a login, a command to run,
    a certificate to trust, a folder to write. The file travels (a shared folder, e-mail, git),
    so netzwerk uses such a setting only once its user trusts it as it is (`netzwerk trust`)."""

    table: str  # "mail" or "publish"
    key: str
    value: str | int | float | bool  # as written in the file
    # For a certificate file (`ca_file`): the SHA-256 of the file it names, where the commands
    # find it (None: it cannot be read). What is trusted is what the file says, not its name
    # alone: a file beside a shared network file can change with it.
    content: str | None = None

    @property
    def name(self) -> str:
        """How people find it in the file: `[mail] smtp_host`."""
        return f"[{self.table}] {self.key}"
