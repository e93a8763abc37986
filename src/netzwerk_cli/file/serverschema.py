"""The declaration of the network file's server tables, [mail] and [publish]: how invitations
are sent and answers read, and where the plan is published. Part of `file.schema` (which lists every
table); a module of its own because these tables and their logins grow by themselves. Nearly every
key here acts outside the file (`outside=True`): `trust` asks before it is used.
"""

from __future__ import annotations

from netzwerk_cli.file.shape import ADDRESS, CHOICE, TEXT, WEB_ADDRESS, WHOLE, Key, Table
from netzwerk_cli.message import N_

MAIL = Table(
    "mail",
    N_("Sending invitations by SMTP and reading the answers by IMAP; never a password."),
    (
        Key(
            "from",
            ADDRESS,
            N_("The sender of invitations."),
            required=True,
            example='"Vorname Name <name@example.de>"',
        ),
        Key(
            "smtp_host",
            TEXT,
            N_("The mail server that sends; needed to send, not to write an outbox."),
            outside=True,
            example='"smtp.example.de"',
        ),
        Key(
            "smtp_port",
            WHOLE,
            N_("Its port; 587, 465 or 25 by `security` if left out."),
            minimum=1,
            maximum=65535,
            outside=True,
        ),
        Key(
            "security",
            CHOICE,
            N_("How the connection to the mail server is protected."),
            default="starttls",
            choices=("starttls", "ssl", "none"),
            outside=True,
        ),
        Key("user", TEXT, N_("The login at the mail server."), outside=True),
        Key(
            "password_command",
            TEXT,
            N_("The command that prints the password (e.g. pass show netzwerk/smtp)."),
            outside=True,
        ),
        Key(
            "ca_file",
            TEXT,
            N_("A file of certificates to trust, besides the system's."),
            outside=True,
        ),
        Key(
            "auth",
            CHOICE,
            N_("How to log in at the mail server: a password, or an OAuth2 access token."),
            default="password",
            choices=("password", "xoauth2", "oauthbearer"),
            outside=True,
        ),
        Key(
            "token_command",
            TEXT,
            N_("The command that prints a fresh OAuth2 access token (e.g. oama access ...)."),
            outside=True,
        ),
        Key(
            "password_keyring",
            TEXT,
            N_("The system keychain's entry that holds the password (the user is `user`)."),
            outside=True,
            example='"netzwerk/smtp"',
        ),
        Key(
            "imap_host",
            TEXT,
            N_("The server of the mailbox the answers arrive in."),
            outside=True,
            example='"imap.example.de"',
        ),
        Key(
            "imap_port",
            WHOLE,
            N_("Its port; 993 or 143 by `imap_security` if left out."),
            minimum=1,
            maximum=65535,
            outside=True,
        ),
        Key(
            "imap_security",
            CHOICE,
            N_("How the connection to the mailbox is protected."),
            default="tls",
            choices=("tls", "starttls", "none"),
            outside=True,
        ),
        Key("imap_user", TEXT, N_("The mailbox's login; `user` if left out."), outside=True),
        Key(
            "imap_folder",
            TEXT,
            N_("The mailbox's folder."),
            default="INBOX",
            outside=True,
        ),
        Key(
            "imap_password_command",
            TEXT,
            N_("The command that prints the mailbox's password; `password_command` if left out."),
            outside=True,
        ),
        Key(
            "imap_auth",
            CHOICE,
            N_("How to log in at the mailbox; `auth` if left out."),
            choices=("password", "xoauth2", "oauthbearer"),
            outside=True,
        ),
        Key(
            "imap_token_command",
            TEXT,
            N_("The command that prints the mailbox's access token; `token_command` if left out."),
            outside=True,
        ),
        Key(
            "imap_password_keyring",
            TEXT,
            N_("The keychain's entry of the mailbox's password; `password_keyring` if left out."),
            outside=True,
        ),
    ),
    array=False,
)

PUBLISH = Table(
    "publish",
    N_("Where `netzwerk publish` puts the calendar: a CalDAV collection, a folder, or both."),
    (
        Key(
            "caldav",
            WEB_ADDRESS,
            N_("The CalDAV collection's address."),
            outside=True,
            example='"https://cloud.example.de/remote.php/dav/calendars/netzwerk/treffen/"',
        ),
        Key("caldav_user", TEXT, N_("The login at the CalDAV server."), outside=True),
        Key(
            "password_command",
            TEXT,
            N_("The command that prints the CalDAV password."),
            outside=True,
        ),
        Key(
            "password_keyring",
            TEXT,
            N_("The system keychain's entry that holds the CalDAV password."),
            outside=True,
        ),
        Key(
            "folder",
            TEXT,
            N_("A folder the page and the calendar file are written to."),
            outside=True,
            example='"public"',
        ),
        Key(
            "url",
            WEB_ADDRESS,
            N_("The address the page is read at, for the links in invitations."),
            example='"https://www.example.de/netzwerk/"',
        ),
        Key(
            "ca_file",
            TEXT,
            N_("A file of certificates to trust, besides the system's."),
            outside=True,
        ),
    ),
    array=False,
)
