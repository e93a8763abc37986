"""`netzwerk password set smtp|imap|caldav`: a server's password into the system's keychain.

The entry is the one the file names (`password_keyring`, `imap_password_keyring`, or [publish]'s
`password_keyring`), for the login's user; `outside.credentials` reads it back, after the
environment and before `password_command`. The file names the entry, so it is a server setting:
the password is stored only once the file's settings are trusted (a file could otherwise name
another program's entry and have it overwritten).
"""

from enum import StrEnum
from typing import Annotated

import typer

from netzwerk_cli.cli.app import load
from netzwerk_cli.cli.clickwords import Subcommands
from netzwerk_cli.cli.options import FileOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import say, terminal_words
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact

# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None, add_completion=False)

password_app = typer.Typer(
    rich_markup_mode=None,
    cls=Subcommands,
    help=N_("Passwords for the servers, kept in the system's keychain."),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
commands.add_typer(password_app, name="password")


class Server(StrEnum):
    """Whose password: sending (SMTP), the answers' mailbox (IMAP), the calendar (CalDAV)."""

    SMTP = "smtp"
    IMAP = "imap"
    CALDAV = "caldav"


# Where the file names each server's keychain entry (imap's defaults to [mail] password_keyring).
KEYS = {
    Server.SMTP: ("mail", "password_keyring"),
    Server.IMAP: ("mail", "imap_password_keyring"),
    Server.CALDAV: ("publish", "password_keyring"),
}


@password_app.command("set")
def password_set(
    server: Annotated[
        Server,
        typer.Argument(
            metavar="SERVER",  # German DIENST: smtp, imap or caldav
            help=N_("smtp, imap or caldav: the server whose password is stored."),
            show_default=False,
        ),
    ],
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Ask for a server's password (not shown) and keep it in the system's keychain, in the
    entry the file names with password_keyring."""
    from netzwerk_cli.cli.trust import require_trusted
    from netzwerk_cli.outside.credentials import keychain_password, store_in_keychain

    loaded = load(file, today)
    network = loaded.network
    mail, publish = network.mail, network.publish
    table, key = KEYS[server]
    entry = user = None
    if server is Server.SMTP and mail is not None:
        entry, user = mail.login.password_keyring, mail.user
    elif server is Server.IMAP and mail is not None and mail.imap is not None:
        entry, user = mail.imap.login.password_keyring, mail.imap.user
    elif server is Server.CALDAV and publish is not None:
        entry, user = publish.password_keyring, publish.caldav_user
    if entry is None or user is None:
        raise CommandError(
            fact(
                N_(
                    '{server} has no keychain entry: add {key} = "netzwerk/{server}" to '
                    "[{table}], beside its user, then run this again"
                ),
                server=server.value,
                key=key,
                table=table,
            )
        )
    require_trusted(loaded, tables=(table,))
    keychain_password(entry, user)  # a keychain that cannot be used says so before the question
    w = terminal_words()
    secret = typer.prompt(
        w.say(fact(N_("Password of {user} for {entry}"), user=user, entry=entry)),
        hide_input=True,
        confirmation_prompt=w.say(fact(N_("The same again"))),
        default="",
        show_default=False,
    )
    if not secret:
        raise CommandError(fact(N_("no password given: nothing was stored")))
    store_in_keychain(entry, user, secret)
    say(
        w.say(
            fact(
                N_("Stored in the system's keychain: the password of {user} for {entry}."),
                user=user,
                entry=entry,
            )
        )
    )
