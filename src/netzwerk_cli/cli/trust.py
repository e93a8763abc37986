"""`netzwerk trust`, and the check every command makes before it uses a setting that acts outside
the network file (`require_trusted`).

The network file travels (a shared folder, e-mail, git); whoever can write it could otherwise
make the coordinator's netzwerk run a command, send a password to a host of their choosing,
trust their certificate, or write into any folder. So `invite`, `publish` (and `replies`) use
those settings only once the user has read them and said `netzwerk trust`, and again after every
change, as git asks for `safe.directory` and direnv for `direnv allow`.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netzwerk_cli.cli.app import Loaded, beside, load
from netzwerk_cli.cli.options import FileOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import print_json, say, terminal_words
from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.file.schema import TRUSTED_TABLES
from netzwerk_cli.message import N_, Joined, Message, fact

if TYPE_CHECKING:
    from netzwerk_cli.core.trust import Distrust
    from netzwerk_cli.model import Network
    from netzwerk_cli.servers import ServerSetting

# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None, add_completion=False)

# The tables with settings that act outside the file: their keys say so in the file's
# declaration (`file.schema`, `outside`).
ALL_TABLES = TRUSTED_TABLES


class UntrustedError(NetzwerkError):
    """Settings that act outside the network file are not trusted as they are now."""


def require_trusted(loaded: Loaded, *, tables: Collection[str]) -> None:
    """Go on only if the user trusts, as they are now, the settings of `tables` ("mail",
    "publish") in the file `loaded` came from that act outside it; else an `UntrustedError`
    (exit 1) that names what is new, changed or removed, and how to trust it.

    Call it before any such setting is used: before a password command runs or a password is
    read, a connection is opened, a certificate is loaded or a folder is written. A file with no
    such settings in `tables` passes.
    """
    from netzwerk_cli.core.trust import distrust
    from netzwerk_cli.file.truststore import store_path, trusted_settings

    settings = [s for s in loaded.network.server_settings if s.table in tables]
    if not settings:  # nothing in these tables can act outside the file
        return
    settings = list(with_contents(loaded.path, settings))
    recorded = trusted_settings(store_path(os.environ), loaded.path)
    found = distrust(settings, recorded, tables=tables)
    if found is not None:
        raise UntrustedError(
            fact(
                N_(
                    "{file}: the settings that act outside the file are not trusted ({what}); "
                    "read them, then run: {command}"
                ),
                file=loaded.path,
                what=describe(found),
                command=trust_command(loaded.path),
            )
        )


def describe(found: Distrust) -> Message | Joined:
    """What is not trusted: `new: [mail] password_command = "…"; changed: …`."""
    from netzwerk_cli.core.trust import shown

    if found.never:
        return fact(N_("never trusted here: {settings}"), settings=", ".join(map(shown, found.new)))
    parts = []
    if found.new:
        parts.append(fact(N_("new: {settings}"), settings=", ".join(map(shown, found.new))))
    if found.changed:
        parts.append(fact(N_("changed: {settings}"), settings=", ".join(map(shown, found.changed))))
    if found.removed:
        parts.append(fact(N_("removed: {settings}"), settings=", ".join(found.removed)))
    return Joined(tuple(parts), "; ")


def trust_command(path: Path) -> str:
    """The command that trusts the file at `path`, as the user would type it: with the path,
    unless it is the default file and no NETZWERK_FILE could make `netzwerk trust` another."""
    from netzwerk_cli.file.store import DEFAULT_FILE

    if path == Path(DEFAULT_FILE) and not os.environ.get("NETZWERK_FILE"):
        return "netzwerk trust"
    return f"netzwerk trust -f {shlex.quote(str(path))}"


def trust_file(path: Path, network: Network) -> bool:
    """Record that the user trusts the settings of `network` (read from `path`) as they are;
    whether there were any to trust (a file without them is not recorded)."""
    return _remember(path, with_contents(path, network.server_settings))


def _remember(path: Path, settings: Sequence[ServerSetting]) -> bool:
    from netzwerk_cli.core.trust import digests

    if not settings:
        return False
    from netzwerk_cli.file.truststore import remember, store_path

    remember(store_path(os.environ), path, digests(settings))
    return True


def with_contents(path: Path, settings: Iterable[ServerSetting]) -> tuple[ServerSetting, ...]:
    """The settings of the file at `path`, each `ca_file` with the SHA-256 of the certificate
    file it names (`beside` the network file), which trusting the setting covers too. Read only
    when trust is asked, not on every run that loads the file."""
    return tuple(
        replace(s, content=_content_digest(beside(path, s.value)))
        if s.key == "ca_file" and isinstance(s.value, str) and s.value
        else s
        for s in settings
    )


# The largest certificate file read: a system's whole bundle is a few hundred kilobytes.
_MAX_CERTIFICATES = 4 * 2**20


def _content_digest(path: Path) -> str | None:
    """The SHA-256 of the file at `path`; None if it cannot be read (the command that needs it
    says so, with the TLS library's words)."""
    import hashlib

    from netzwerk_cli.file.fileio import Unreadable, read_bounded

    try:
        return hashlib.sha256(read_bounded(path, most=_MAX_CERTIFICATES)).hexdigest()
    except Unreadable:
        return None


@commands.command(
    epilog="Settings that act outside the network file: every key of [mail] except from, every "
    "key of [publish] except url (servers, logins, password commands, certificates, the "
    "folder, the mailbox). invite, publish and replies use them only once you trust them, and "
    "again after every change to them; a new meeting or a comment changes nothing. The trust "
    "is kept in your config folder ($XDG_CONFIG_HOME/netzwerk/trusted.toml, else "
    "~/.config/netzwerk/trusted.toml), for the file's absolute path: a copy elsewhere, or "
    "another user, is not trusted."
)
def trust(
    revoke: Annotated[
        bool, typer.Option("--revoke", help="Forget the trust of this file's settings.")
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print the settings and whether they are trusted, as JSON; record nothing "
            "(with --revoke: after forgetting).",
        ),
    ] = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Show the settings of the file that act outside it (servers, commands, certificates,
    folders), then trust them as they are."""
    from netzwerk_cli.core.trust import distrust
    from netzwerk_cli.file.truststore import forget, store_path, trusted_settings

    loaded = load(file, today)
    network, path = loaded.network, loaded.path
    store = store_path(os.environ)
    w = terminal_words()
    if revoke:
        forgotten = forget(store, path)
        if not as_json:
            text = (
                N_("No longer trusted: the settings of {file} ({store}).")
                if forgotten
                else N_("{file} was not trusted; nothing to forget.")
            )
            say(w.say(fact(text, file=path, store=store)))
            return
    recorded = trusted_settings(store, path)
    if as_json:
        print_json(_json(loaded, store, recorded))
        return
    if not network.server_settings:
        forget(store, path)  # a trust of settings since removed is of no use any more
        say(
            w.say(
                fact(
                    N_(
                        "{file} has no settings that act outside it (in [mail] other than from, "
                        "in [publish] other than url): it needs no trust."
                    ),
                    file=path,
                )
            )
        )
        return
    _show(loaded)
    settings = with_contents(path, network.server_settings)
    found = distrust(settings, recorded, tables=ALL_TABLES)
    if found is not None and not found.never:
        say(w.say(fact(N_("Since you last trusted them: {what}"), what=describe(found))))
    _remember(path, settings)
    say(
        w.say(
            fact(
                N_(
                    "Trusted: these settings of {file}, as they are now; invite, publish and "
                    "replies ask again when one of them changes (kept in {store})."
                ),
                file=path,
                store=store,
            )
        )
    )


def _json(loaded: Loaded, store: Path, recorded: dict[str, str] | None) -> dict[str, Any]:
    """The settings and whether they are trusted: stable English keys."""
    from netzwerk_cli.core.trust import distrust, setting_digest, store_key
    from netzwerk_cli.file.truststore import file_key

    settings = with_contents(loaded.path, loaded.network.server_settings)
    found = distrust(settings, recorded, tables=ALL_TABLES)
    known = recorded or {}
    return {
        "file": file_key(loaded.path),
        "store": str(store),
        "needs_trust": bool(settings),
        "trusted": found is None,
        "settings": [
            {
                "table": s.table,
                "key": s.key,
                "value": s.value,
                "trusted": known.get(store_key(s)) == setting_digest(s),
            }
            for s in settings
        ],
        "removed": list(found.removed) if found else [],
    }


def _show(loaded: Loaded) -> None:
    """The settings as the user should read them, on stdout: each server with its host, port,
    security and user; each command in full; each certificate file and folder; then any other."""
    from netzwerk_cli.file.truststore import file_key

    w = terminal_words()
    lines = [
        w.say(
            fact(
                N_("The settings of {file} that act outside it ({path}):"),
                file=loaded.path,
                path=file_key(loaded.path),
            )
        )
    ]
    lines += ["  " + w.say(line) for line in _readings(loaded)]
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


def _readings(loaded: Loaded) -> list[Message]:
    """One line per server, command, certificate file and folder; the rest as written."""
    from netzwerk_cli.core.trust import shown, shown_value

    network = loaded.network
    raw = {(s.table, s.key): s for s in network.server_settings}
    told: set[tuple[str, str]] = set()
    lines: list[Message] = []

    def value(table: str, key: str) -> str | None:
        setting = raw.get((table, key))
        told.add((table, key))
        return shown_value(setting.value) if setting else None

    def login(table: str, key: str) -> Message:
        user = value(table, key)
        return fact(N_("user {user}"), user=user) if user else fact(N_("no login"))

    mail = network.mail
    if mail is not None and mail.smtp_host is not None:
        lines.append(
            fact(
                N_("Mail server (SMTP): host {host}, port {port}, security {security}, {login}"),
                host=value("mail", "smtp_host"),
                port=mail.smtp_port,
                security=mail.security.value,
                login=login("mail", "user"),
            )
        )
        told |= {("mail", "smtp_port"), ("mail", "security")}
    imap = mail.imap if mail is not None else None
    if mail is not None and imap is not None:
        # As `replies` uses them: the defaults of the keys left out filled in.
        lines.append(
            fact(
                N_(
                    "Mailbox (IMAP): host {host}, port {port}, security {security}, {login}, "
                    "folder {folder}"
                ),
                host=value("mail", "imap_host"),
                port=imap.port,
                security=imap.security.value,
                login=login("mail", "imap_user" if ("mail", "imap_user") in raw else "user"),
                folder=shown_value(imap.folder),
            )
        )
        told |= {("mail", "imap_port"), ("mail", "imap_security"), ("mail", "imap_folder")}
    publish = network.publish
    if publish is not None and publish.caldav is not None:
        from urllib.parse import urlsplit

        parts = urlsplit(publish.caldav)
        secure = parts.scheme == "https"
        lines.append(
            fact(
                N_(
                    "Calendar server (CalDAV): host {host}, port {port}, security {security}, "
                    "{login}; calendar {url}"
                ),
                host=shown_value(parts.hostname or ""),
                port=parts.port or (443 if secure else 80),
                security="https" if secure else fact(N_("none (http)")),
                login=login("publish", "caldav_user"),
                url=value("publish", "caldav"),
            )
        )
    for setting in network.server_settings:
        where = (setting.table, setting.key)
        if setting.key.endswith("password_command"):
            lines.append(
                fact(
                    N_("Command netzwerk runs as you, for a password ({name}): {command}"),
                    name=setting.name,
                    command=value(*where),
                )
            )
        elif setting.key.endswith("token_command"):
            lines.append(
                fact(
                    N_("Command netzwerk runs as you, for an access token ({name}): {command}"),
                    name=setting.name,
                    command=value(*where),
                )
            )
        elif setting.key == "ca_file":
            path = _path_of(loaded, str(setting.value))
            lines.append(
                fact(
                    N_("Certificates netzwerk trusts ({name}): {path}"),
                    # As written too, when that is not the file itself (relative, `~`).
                    name=setting.name if path == setting.value else shown(setting),
                    path=shown_value(path),
                )
            )
            told.add(where)
        elif where == ("publish", "folder"):
            folder = _path_of(loaded, str(setting.value))
            lines.append(
                fact(
                    N_("Folder netzwerk writes into ({setting}): {path}"),
                    # As written too, when that is not the folder itself (relative, `~`).
                    setting=setting.name if folder == setting.value else shown(setting),
                    path=shown_value(folder),
                )
            )
            told.add(where)
    lines += [
        fact(N_("Also: {setting}"), setting=shown(s))
        for s in network.server_settings
        if (s.table, s.key) not in told
    ]
    return lines


def _path_of(loaded: Loaded, value: str) -> str:
    """A folder or certificate file as the commands find it (`beside` the network file, in the
    folder that holds the file's name: a symlink's own folder), as an absolute path."""
    return str(beside(loaded.path.parent.resolve() / loaded.path.name, value))
