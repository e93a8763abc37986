"""The tables of the network file with one value each, `[network]`, `[mail]` and `[publish]`: their
keys taken as `file.schema` declares them, and turned into the model's values."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from netzwerk_cli.contact import Contact
from netzwerk_cli.errors import Problem
from netzwerk_cli.file import rules
from netzwerk_cli.file.schema import MAIL, NETWORK, PUBLISH
from netzwerk_cli.file.taking import Taker, describe, unknown_keys
from netzwerk_cli.message import N_, Message, Typed, fact
from netzwerk_cli.model import HolidayPolicy, Language, Rotation, SchoolHolidayPolicy

if TYPE_CHECKING:  # imported where a file has [mail] or [publish]: most files have neither
    from netzwerk_cli.servers import ImapSettings, Login, MailSettings, PublishSettings

E = TypeVar("E", bound=StrEnum)  # the choices of a key: Status, Rotation, Security, ...
ADDRESS_EXAMPLE = "Vorname Name <name@example.de>"
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")
IMAP_KEYS = tuple(key for key in MAIL.names if key.startswith("imap_"))


@functools.cache
def by_value(enum: type[E]) -> dict[str, E]:
    """The members of a choice by their value: looked up once per meeting of a long history,
    where calling the enum took 2.6 microseconds, a dictionary a tenth of that."""
    return {member.value: member for member in enum}


def network_table(raw: object, problems: list[Problem]) -> dict[str, Any]:
    """The [network] table's values, by the keys of `model.Network`."""
    where = "[network]"
    if raw is None:
        problems.append(
            Problem(
                None,
                fact(N_('no [network] table: the file needs one with a name, e.g. name = "..."')),
            )
        )
        return {"name": ""}
    if not isinstance(raw, dict):
        problems.append(
            Problem(where, fact(N_('must be a table, e.g. [network] followed by name = "..."')))
        )
        return {"name": ""}
    unknown_keys(raw, NETWORK.names, where, problems)
    values = Taker(raw, where, problems).keys(NETWORK)
    values["name"] = values["name"] or ""
    values["timezone"] = values["timezone"] or NETWORK["timezone"].default
    values["rotation"] = by_value(Rotation)[values["rotation"]]
    values["holidays"] = by_value(HolidayPolicy)[values["holidays"]]
    values["school_holidays"] = by_value(SchoolHolidayPolicy)[values["school_holidays"]]
    values["language"] = by_value(Language)[values["language"]]
    if "timezone" in raw and isinstance(raw["timezone"], str):
        rules.check_timezone(raw["timezone"], where, problems)
    if values["cadence"] is not None:
        rules.check_cadence(values["cadence"], values["cadence_start"], where, problems)
    return values


def publish_table(raw: object, problems: list[Problem]) -> PublishSettings | None:
    """The [publish] table: a CalDAV collection, a folder, or both; never a password."""
    from netzwerk_cli.servers import PublishSettings

    where = "[publish]"
    if not isinstance(raw, dict):
        problems.append(
            Problem(where, fact(N_('must be a table, e.g. [publish] followed by folder = "..."')))
        )
        return None
    unknown_keys(raw, PUBLISH.names, where, problems)
    values = Taker(raw, where, problems).keys(PUBLISH)
    for key in ("caldav", "url"):
        value = values[key]
        if value is not None and not _WEB_ADDRESS.fullmatch(value):
            problems.append(
                Problem(
                    where,
                    fact(
                        N_("{key} {value} is not an http:// or https:// address"),
                        key=key,
                        value=Typed(value),
                    ),
                )
            )
            values[key] = None
    if "caldav" not in raw and "folder" not in raw:
        problems.append(
            Problem(where, fact(N_('give caldav = "https://..." or folder = "..." (or both)')))
        )
    caldav = values["caldav"]
    if caldav is not None and not caldav.endswith("/"):
        values["caldav"] = caldav + "/"  # a collection's address ends with a slash
    return PublishSettings(**values)


def mail_table(raw: object, problems: list[Problem]) -> MailSettings | None:
    """The [mail] table: sender, server and login; never a password."""
    from netzwerk_cli.servers import DEFAULT_SMTP_PORTS, MailSettings, Security

    where = "[mail]"
    if not isinstance(raw, dict):
        problems.append(
            Problem(where, fact(N_('must be a table, e.g. [mail] followed by from = "..."')))
        )
        return None
    unknown_keys(raw, MAIL.names, where, problems)
    take = Taker(raw, where, problems)
    sender = take.key(MAIL["from"])
    host = take.key(MAIL["smtp_host"])  # needed to send, not to write an outbox
    security = by_value(Security)[take.key(MAIL["security"])]
    port = take.key(MAIL["smtp_port"])
    user = take.key(MAIL["user"])
    command = take.key(MAIL["password_command"])
    ca_file = take.key(MAIL["ca_file"])
    login = _login(take, ("auth", "token_command", "password_keyring"), user=user, raw=raw,
                   problems=problems)  # fmt: skip
    imap = _imap_settings(take, raw, user=user, command=command, login=login, problems=problems)
    parsed = email_address(sender) if sender is not None else None
    if sender is not None and parsed is None:
        problems.append(Problem(where, not_an_address("from", sender)))
    if parsed is None:
        return None
    return MailSettings(
        sender=Contact(*parsed),
        smtp_host=host,
        smtp_port=port or DEFAULT_SMTP_PORTS[security],
        security=security,
        user=user,
        password_command=command,
        ca_file=ca_file,
        imap=imap,
        login=login,
    )


def _login(
    take: Taker,
    keys: tuple[str, str, str],
    *,
    user: str | None,
    raw: Mapping[str, Any],
    problems: list[Problem],
    default: Login | None = None,
) -> Login:
    """How one login is made: `auth`, `token_command`, `password_keyring` (or their imap_ forms,
    each defaulting to [mail]'s). A token needs a user to name in the SASL login."""
    from netzwerk_cli.servers import Auth, Login

    auth_key, token_key, keyring_key = keys
    default = default or Login()
    chosen = take.key(MAIL[auth_key])
    auth = default.auth if chosen is None else by_value(Auth)[chosen]
    token = take.key(MAIL[token_key]) or default.token_command
    keyring = take.key(MAIL[keyring_key]) or default.password_keyring
    if auth is not Auth.PASSWORD and user is None and auth_key in raw:
        problems.append(
            Problem(
                "[mail]",
                fact(
                    N_('{key} = "{auth}" needs a user to log in as: user = "..." in [mail]'),
                    key=auth_key,
                    auth=auth.value,
                ),
            )
        )
    return Login(auth=auth, password_keyring=keyring, token_command=token)


def _imap_settings(
    take: Taker,
    raw: Mapping[str, Any],
    *,
    user: str | None,
    command: str | None,
    login: Login,
    problems: list[Problem],
) -> ImapSettings | None:
    """The mailbox of [mail]'s imap_* keys; None without imap_host (the others need it)."""
    from netzwerk_cli.servers import DEFAULT_IMAP_PORTS, ImapSecurity, ImapSettings

    host = take.key(MAIL["imap_host"])
    security = by_value(ImapSecurity)[take.key(MAIL["imap_security"])]
    port = take.key(MAIL["imap_port"])
    imap_user = take.key(MAIL["imap_user"])
    folder = take.key(MAIL["imap_folder"])
    imap_command = take.key(MAIL["imap_password_command"])
    imap_login = _login(
        take,
        ("imap_auth", "imap_token_command", "imap_password_keyring"),
        user=imap_user or user,
        raw=raw,
        problems=problems,
        default=login,
    )
    if not folder.strip():
        problems.append(Problem("[mail]", fact(N_("{key} is empty"), key="imap_folder")))
    if host is None:
        others = [key for key in IMAP_KEYS if key in raw and key != "imap_host"]
        if others and "imap_host" not in raw:
            problems.append(
                Problem(
                    "[mail]",
                    fact(
                        N_('{keys} without imap_host = "imap.example.de" (the mailbox\'s server)'),
                        keys=others,
                    ),
                )
            )
        return None
    return ImapSettings(
        host=host,
        port=port or DEFAULT_IMAP_PORTS[security],
        security=security,
        user=imap_user or user,
        folder=folder or "INBOX",
        password_command=imap_command or command,
        login=imap_login,
    )


def email_address(text: str) -> tuple[str, str] | None:
    """(display name, address) of one address in the usual form, or None if it is none."""
    # Imported here: a network without contacts never pays for the email package.
    from email.headerregistry import Address
    from email.utils import getaddresses

    try:  # Python 3.11.10+ parses strictly (CVE-2023-27043), and says so with `strict`
        pairs = getaddresses([text], strict=True)  # type: ignore[call-arg, unused-ignore]
    except TypeError:  # pragma: no cover - an older 3.11
        pairs = getaddresses([text])
    if len(pairs) != 1:
        return None
    name, address = pairs[0]
    if address.count("@") != 1 or any(c.isspace() for c in address):
        return None
    try:
        parsed = Address(addr_spec=address)
    except (ValueError, IndexError):
        return None
    if not parsed.username or "." not in parsed.domain or parsed.domain.endswith("."):
        return None
    return name, address


def not_an_address(key: str, text: str) -> Message:
    """`from 'x' is not an e-mail address (e.g. ...)`."""
    return fact(
        N_("{key} {value} is not an e-mail address (e.g. {example} or {short})"),
        key=key,
        value=Typed(text),
        example=f'"{ADDRESS_EXAMPLE}"',
        short='"name@example.de"',
    )


def array_of_tables(raw: object, key: str, problems: list[Problem]) -> list[dict[str, Any]]:
    """The tables of `[[key]]`, with a problem for what is not one."""
    if not isinstance(raw, list):
        problems.append(
            Problem(
                key,
                fact(
                    N_("must be a list of [[{key}]] tables, got {value}"),
                    key=key,
                    value=describe(raw),
                ),
            )
        )
        return []
    tables: list[dict[str, Any]] = []
    for number, entry in enumerate(raw, start=1):
        if isinstance(entry, dict):
            tables.append(entry)
        else:
            problems.append(
                Problem(
                    f"{key}[{number}]",
                    fact(
                        N_("must be a [[{key}]] table, got {value}"),
                        key=key,
                        value=describe(entry),
                    ),
                )
            )
    return tables
