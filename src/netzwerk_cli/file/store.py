"""The network file: TOML in, validated `Network` out, with every problem said with its place.

Reading is `read_network` (file) over `parse_network` (text); both raise `NetworkFileError`, which
lists every problem found, not only the first.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from netzwerk_cli.contact import Contact
from netzwerk_cli.errors import NetworkFileError, Problem
from netzwerk_cli.message import N_, Message, fact
from netzwerk_cli.model import (
    DEFAULT_DURATION_MINUTES,
    DEFAULT_TIMEZONE,
    GERMAN_STATES,
    HolidayPolicy,
    Language,
    Meeting,
    Member,
    Network,
    Rotation,
    SchoolHolidayPolicy,
    Status,
    month_text,
)

if TYPE_CHECKING:  # imported where a file has [mail] or [publish]: most files have neither
    from dateutil.rrule import rrule

    from netzwerk_cli.servers import (
        ImapSettings,
        Login,
        MailSettings,
        PublishSettings,
        ServerSetting,
    )

DEFAULT_FILE = "network.toml"
# The largest network file read: a century of a dozen districts is a few hundred kilobytes.
MAX_FILE_BYTES = 8 * 2**20
START_HINT = fact(
    N_("Start one with `netzwerk init`, or point to yours with --file FILE or NETZWERK_FILE.")
)
THE_FILE = fact(N_("the file"))
MAX_MINUTES = 24 * 60  # the longest meeting: a day

NETWORK_KEYS = (
    "name",
    "timezone",
    "rotation",
    "cadence",
    "cadence_start",
    "start",
    "duration_minutes",
    "holidays",
    "school_holidays",
    "remind_weeks",
    "language",
)
MEMBER_KEYS = ("id", "name", "seat", "state", "joined", "left", "hosts", "contacts", "away")
# How a login is made besides password_command (issue 33): "password" | "xoauth2" |
# "oauthbearer", a command that prints an access token, a keychain entry; the imap_ forms default
# to these. Server settings like the others: used only once trusted.
LOGIN_KEYS = ("auth", "token_command", "password_keyring")
IMAP_LOGIN_KEYS = ("imap_auth", "imap_token_command", "imap_password_keyring")
MAIL_KEYS = (
    "from",
    "smtp_host",
    "smtp_port",
    "security",
    "user",
    "password_command",
    "ca_file",
    "imap_host",
    "imap_port",
    "imap_security",
    "imap_user",
    "imap_folder",
    "imap_password_command",
    *LOGIN_KEYS,
    *IMAP_LOGIN_KEYS,
)
IMAP_KEYS = (*MAIL_KEYS[7:13], *IMAP_LOGIN_KEYS)
MEETING_KEYS = (
    "date",
    "host",
    "venue",
    "status",
    "title",
    "notes",
    "description",
    "uid",
    "duration_minutes",
    "attended",
)
TOP_KEYS = ("network", "members", "meetings", "mail", "publish")
PUBLISH_KEYS = (
    "caldav",
    "caldav_user",
    "password_command",
    "password_keyring",
    "folder",
    "url",
    "ca_file",
)
# The keys of [mail] and [publish] that stay inside the file: the sender and the page's address.
# Every other key of these tables, present or added later (a mailbox for answers), acts outside
# the file and is used only once the user trusts it (`netzwerk trust`).
INSIDE_KEYS = {"mail": ("from",), "publish": ("url",)}

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
# C0 and C1 control characters: on a terminal they are commands (colours, titles, hyperlinks).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# In notes: line breaks and tabs are text. Titles may have line breaks (as before), no tabs.
_CONTROL_BUT_LINES = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES_AND_TAB = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
E = TypeVar("E", bound=StrEnum)  # the choices of a key: Status, Rotation, Security, ...


def read_network(path: Path, *, today: dt.date) -> Network:
    """Read and validate the network file at `path`."""
    return parse_network(read_text(path), source=str(path), today=today)


def read_text(path: Path) -> str:
    """The file's text, or a `NetworkFileError` that says why it cannot be had.

    The one reader of the network file (through `fileio.read_bounded`): only a regular file of at
    most `MAX_FILE_BYTES` is read; a folder, a pipe, a device or a socket is refused at once.
    """
    return decode_text(read_bytes(path), source=str(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes as they are (a byte-order mark included), bounded as `read_text` says."""
    from netzwerk_cli.file.fileio import Unreadable, read_bounded

    try:
        return read_bounded(path, most=MAX_FILE_BYTES, too_large=_too_large)
    except Unreadable as exc:
        hint = START_HINT if exc.missing or exc.folder else None
        raise NetworkFileError(str(path), [exc.why], hint=hint) from None


def decode_text(data: bytes, *, source: str) -> str:
    """The network file's bytes as text: UTF-8, without a byte-order mark (Notepad writes one,
    and it is not part of the TOML)."""
    text = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as exc:
        from netzwerk_cli.file.tomlreasons import not_utf8

        found = not_utf8(text, exc, before=len(data) - len(text))
        raise NetworkFileError(found.place(source), [found.reason], hint=found.fix) from None


def _too_large(size: int) -> Message:
    return fact(
        N_(
            "is {size} MiB; a network file may be at most {most} MiB (a network of a few "
            "districts needs a few kilobytes a century)"
        ),
        size=f"{size / 2**20:.1f}",
        most=MAX_FILE_BYTES // 2**20,
    )


def parse_network(
    text: str,
    *,
    source: str,
    today: dt.date,
) -> Network:
    """Validate TOML text as a network file; `today` decides the default status of meetings."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from netzwerk_cli.file.tomlreasons import toml_problem

        # tomllib's reason in the reader's language, with the line and column as the place.
        found = toml_problem(exc, text)
        raise NetworkFileError(found.place(source), [found.reason], hint=found.fix) from None
    except RecursionError:  # arrays or tables nested thousands deep: tomllib recurses
        raise NetworkFileError(
            source, [fact(N_("not valid TOML: values are nested too deeply"))]
        ) from None
    return network_from_document(document, source=source, today=today)


def network_from_document(document: Mapping[str, Any], *, source: str, today: dt.date) -> Network:
    """Validate an already parsed TOML document (as `tomllib` returns it)."""
    problems: list[Problem] = []
    misplaced = [key for key in document if key in NETWORK_KEYS]
    problems.extend(
        Problem(
            THE_FILE,
            fact(
                N_('"{key}" belongs in the [network] table (write it below a [network] line)'),
                key=key,
            ),
        )
        for key in misplaced
    )
    rest = {k: v for k, v in document.items() if k not in misplaced}
    _unknown_keys(rest, TOP_KEYS, THE_FILE, problems, tables=True)
    network = _network_table(document.get("network"), problems)
    members = _members(document.get("members", []), problems)
    ids = [m.id for m in members]
    meetings = _meetings(document.get("meetings", []), ids, today, problems)
    mail = _mail_table(document["mail"], problems) if "mail" in document else None
    publish = _publish_table(document["publish"], problems) if "publish" in document else None
    if not problems:  # the timezone is known to be valid
        _check_local_times(meetings, network["timezone"], network["start"], problems)
    if problems:
        raise NetworkFileError(source, problems)
    return Network(
        members=tuple(members),
        meetings=tuple(meetings),
        mail=mail,
        publish=publish,
        server_settings=_server_settings(document),
        **network,
    )


def _server_settings(document: Mapping[str, Any]) -> tuple[ServerSetting, ...]:
    """The settings that act outside the file, as written (validated above: known keys, simple
    values), in the file's order."""
    if not any(table in document for table in INSIDE_KEYS):
        return ()
    from netzwerk_cli.servers import ServerSetting

    return tuple(
        ServerSetting(table, key, value)
        for table, inside in INSIDE_KEYS.items()
        for key, value in document.get(table, {}).items()
        if key not in inside
    )


_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")


def _publish_table(raw: object, problems: list[Problem]) -> PublishSettings | None:
    """The [publish] table: a CalDAV collection, a folder, or both; never a password."""
    from netzwerk_cli.servers import PublishSettings

    where = "[publish]"
    if not isinstance(raw, dict):
        problems.append(
            Problem(where, fact(N_('must be a table, e.g. [publish] followed by folder = "..."')))
        )
        return None
    _unknown_keys(raw, PUBLISH_KEYS, where, problems)
    take = _Taker(raw, where, problems)
    values = {key: take.text(key) for key in PUBLISH_KEYS}
    for key in ("caldav", "url"):
        value = values[key]
        if value is not None and not _WEB_ADDRESS.fullmatch(value):
            problems.append(
                Problem(
                    where,
                    fact(
                        N_("{key} {value} is not an http:// or https:// address"),
                        key=key,
                        value=repr(value),
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


def _mail_table(raw: object, problems: list[Problem]) -> MailSettings | None:
    """The [mail] table: sender, server and login; never a password."""
    from netzwerk_cli.servers import DEFAULT_SMTP_PORTS, MailSettings, Security

    where = "[mail]"
    if not isinstance(raw, dict):
        problems.append(
            Problem(where, fact(N_('must be a table, e.g. [mail] followed by from = "..."')))
        )
        return None
    _unknown_keys(raw, MAIL_KEYS, where, problems)
    take = _Taker(raw, where, problems)
    sender = take.text("from", required=True)
    host = take.text("smtp_host")  # needed to send, not to write an outbox
    security = take.choice("security", Security, Security.STARTTLS)
    port = take.integer("smtp_port", minimum=1, maximum=65535)
    user = take.text("user")
    command = take.text("password_command")
    ca_file = take.text("ca_file")
    login = _login(take, LOGIN_KEYS, user=user, problems=problems)
    imap = _imap_settings(take, raw, user=user, command=command, login=login, problems=problems)
    parsed = email_address(sender) if sender is not None else None
    if sender is not None and parsed is None:
        problems.append(Problem(where, _not_an_address("from", sender)))
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
    take: _Taker,
    keys: tuple[str, str, str],
    *,
    user: str | None,
    problems: list[Problem],
    default: Login | None = None,
) -> Login:
    """How one login is made: `auth`, `token_command`, `password_keyring` (or their imap_ forms,
    each defaulting to [mail]'s). A token needs a user to name in the SASL login."""
    from netzwerk_cli.servers import Auth, Login

    auth_key, token_key, keyring_key = keys
    default = default or Login()
    auth = take.choice(auth_key, Auth, default.auth)
    token = take.text(token_key) or default.token_command
    keyring = take.text(keyring_key) or default.password_keyring
    if auth is not Auth.PASSWORD and user is None and auth_key in take.raw:
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
    take: _Taker,
    raw: Mapping[str, Any],
    *,
    user: str | None,
    command: str | None,
    login: Login,
    problems: list[Problem],
) -> ImapSettings | None:
    """The mailbox of [mail]'s imap_* keys; None without imap_host (the others need it)."""
    from netzwerk_cli.servers import DEFAULT_IMAP_PORTS, ImapSecurity, ImapSettings

    host = take.text("imap_host")
    security = take.choice("imap_security", ImapSecurity, ImapSecurity.TLS)
    port = take.integer("imap_port", minimum=1, maximum=65535)
    imap_user = take.text("imap_user")
    folder = take.text("imap_folder")
    imap_command = take.text("imap_password_command")
    imap_login = _login(
        take, IMAP_LOGIN_KEYS, user=imap_user or user, problems=problems, default=login
    )
    if folder is not None and not folder.strip():
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


_ADDRESS = "Vorname Name <name@example.de>"


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


def _network_table(raw: object, problems: list[Problem]) -> dict[str, Any]:
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
    _unknown_keys(raw, NETWORK_KEYS, where, problems)
    take = _Taker(raw, where, problems)
    values: dict[str, Any] = {
        "name": take.text("name", required=True) or "",
        "timezone": take.text("timezone") or DEFAULT_TIMEZONE,
        "rotation": take.choice("rotation", Rotation, Rotation.ORDER),
        "cadence": take.text("cadence"),
        "cadence_start": take.date("cadence_start"),
        "start": take.time("start"),
        "duration_minutes": take.integer("duration_minutes", minimum=1, maximum=MAX_MINUTES)
        or DEFAULT_DURATION_MINUTES,
        "holidays": take.choice("holidays", HolidayPolicy, HolidayPolicy.SHIFT),
        "school_holidays": take.choice(
            "school_holidays", SchoolHolidayPolicy, SchoolHolidayPolicy.WARN
        ),
        "remind_weeks": take.integer("remind_weeks", minimum=0, maximum=520),
        "language": take.choice("language", Language, Language.EN),
    }
    if "timezone" in raw and isinstance(raw["timezone"], str):
        _check_timezone(raw["timezone"], where, problems)
    if values["cadence"] is not None:
        from netzwerk_cli.core.schedule import CadenceError, parse_cadence

        start = values["cadence_start"] or dt.date(2000, 1, 1)
        try:
            rule = parse_cadence(values["cadence"], dtstart=start)
        except CadenceError as exc:
            problems.append(
                Problem(
                    where,
                    fact(
                        N_("cadence {cadence} is not a usable rule: {why}"),
                        cadence=repr(values["cadence"]),
                        why=exc.why,
                    ),
                )
            )
        else:
            if not _gives_a_day(rule, start):
                problems.append(
                    Problem(
                        where,
                        fact(
                            N_(
                                "cadence {cadence} gives no date at all: no day matches all of "
                                "its parts (e.g. BYSETPOS=2 with FREQ=DAILY, or 30 February)"
                            ),
                            cadence=repr(values["cadence"]),
                        ),
                    )
                )
    return values


def _gives_a_day(rule: rrule, start: dt.date) -> bool:
    """Whether the cadence gives any date at all.

    400 Gregorian years are exactly 146,097 days, 20,871 weeks and 4,800 months: moved by a
    multiple of them, a rule gives the same days of the month and of the week, in the same phase
    of its INTERVAL. So it is asked from the last such start that leaves 400 years before 9999, the
    end of dateutil's calendar: a rule that no day matches (BYSETPOS=2 of a daily rule, 30
    February) is searched through those years alone, not day by day from its start to 9999 (ten
    seconds), and a rule that gives days finds its first at once. UNTIL and COUNT are left out:
    they end a rule, they do not say whether it matches a day."""
    years = (dt.MAXYEAR - 400 - start.year) // 400 * 400
    later = dt.datetime.combine(start.replace(year=start.year + years), dt.time())
    return next(iter(rule.replace(dtstart=later, count=None, until=None)), None) is not None


def _check_timezone(name: str, where: str, problems: list[Problem]) -> None:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (
        zoneinfo.ZoneInfoNotFoundError,
        ValueError,
        OSError,
    ):  # OSError: a folder, e.g. "Europe"
        problems.append(
            Problem(
                where,
                fact(
                    N_("timezone {name} is not an IANA time zone (e.g. {example})"),
                    name=repr(name),
                    example=repr(DEFAULT_TIMEZONE),
                ),
            )
        )


def _members(raw: object, problems: list[Problem]) -> list[Member]:
    entries = _array_of_tables(raw, "members", problems)
    members: list[Member] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        member_id = entry.get("id")
        where = f"members[{number}]" + (
            f" ({shown(member_id)})" if isinstance(member_id, str) else ""
        )
        _unknown_keys(entry, MEMBER_KEYS, where, problems)
        take = _Taker(entry, where, problems)
        ident = take.text("id", required=True)
        name = take.text("name", required=True)
        seat = take.text("seat", required=True)
        state = take.text("state", required=True)
        joined = take.date("joined")
        left = take.date("left")
        hosts = take.boolean("hosts", default=True)
        contacts = _contacts(entry, where, problems)
        away = _away(entry.get("away"), where, problems, joined=joined, left=left)
        if ident is not None:
            if not is_member_id(ident):
                problems.append(
                    Problem(
                        where,
                        fact(
                            N_(
                                "id {id} may hold only letters (umlauts and ß too), the digits "
                                "0-9, '-', '_' and '.', and must begin with a letter or a digit "
                                '(e.g. "HEF" or "MÜ")'
                            ),
                            id=repr(ident),
                        ),
                    )
                )
            elif ident in seen:
                problems.append(
                    Problem(
                        where,
                        fact(
                            N_("id {id} is already used by {other}"),
                            id=repr(ident),
                            other=f"members[{seen[ident]}]",
                        ),
                    )
                )
            else:
                seen[ident] = number
        if state is not None and state not in GERMAN_STATES:
            problems.append(
                Problem(
                    where,
                    fact(
                        N_("state {state} is not a German state code ({codes})"),
                        state=repr(state),
                        codes=sorted(GERMAN_STATES),
                    ),
                )
            )
        if joined is not None and left is not None and left <= joined:
            # The dates as the file writes them: the coordinator searches the file for them.
            problems.append(
                Problem(
                    where,
                    fact(
                        N_("left ({left}) must be after joined ({joined})"),
                        left=left.isoformat(),
                        joined=joined.isoformat(),
                    ),
                )
            )
        if None not in (ident, name, seat, state):
            members.append(
                Member(
                    id=str(ident),
                    name=str(name),
                    seat=str(seat),
                    state=str(state),
                    joined=joined,
                    left=left,
                    hosts=hosts,
                    contacts=contacts,
                    away=away,
                )
            )
    return members


def _away(
    raw: object,
    where: str,
    problems: list[Problem],
    *,
    joined: dt.date | None,
    left: dt.date | None,
) -> tuple[tuple[dt.date, dt.date], ...]:
    """A member's `away`: the periods it did not belong, each [the day it left, the day it
    rejoined], in order, between `joined` and `left`."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(
        isinstance(pair, list)
        and len(pair) == 2
        and all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in pair)
        for pair in raw
    ):
        _Taker({"away": raw}, where, problems)._bad(
            "away",
            fact(
                N_(
                    "a list of periods, each [the day it left, the day it rejoined], "
                    "e.g. [[2025-01-01, 2026-07-01]]"
                )
            ),
            raw,
        )
        return ()
    periods = tuple((pair[0], pair[1]) for pair in raw)
    after = joined
    for number, (start, end) in enumerate(periods, start=1):
        if (after is not None and start <= after) or end <= start or (left and end >= left):
            # The dates as the file writes them: the coordinator searches the file for them.
            problems.append(
                Problem(
                    where,
                    fact(
                        N_(
                            "away[{number}] ({start} to {end}) must end after it begins, begin "
                            "after joined and after the period before it, and end before left"
                        ),
                        number=number,
                        start=start.isoformat(),
                        end=end.isoformat(),
                    ),
                )
            )
            return ()
        after = end
    return periods


def _contacts(entry: Mapping[str, Any], where: str, problems: list[Problem]) -> tuple[Contact, ...]:
    """A member's `contacts`: a list of e-mail addresses, each one checked."""
    raw = entry.get("contacts")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        problems.append(
            Problem(
                where,
                fact(
                    N_(
                        "contacts must be a list of addresses in quotes, "
                        "e.g. [{example}], got {value}"
                    ),
                    example=f'"{_ADDRESS}"',
                    value=_describe(raw),
                ),
            )
        )
        return ()
    found: list[Contact] = []
    for number, text in enumerate(raw, start=1):
        control = _CONTROL.search(text)
        parsed = None if control else email_address(text)
        if control is not None:
            problems.append(
                Problem(
                    where,
                    fact(
                        N_("contacts[{number}] contains a control character ({code})"),
                        number=number,
                        code=f"U+{ord(control[0]):04X}",
                    ),
                )
            )
        elif parsed is None:
            problems.append(Problem(where, _not_an_address(f"contacts[{number}]", text)))
        else:
            found.append(Contact(*parsed))
    return tuple(found)


def _not_an_address(key: str, text: str) -> Message:
    return fact(
        N_("{key} {value} is not an e-mail address (e.g. {example} or {short})"),
        key=key,
        value=repr(text),
        example=f'"{_ADDRESS}"',
        short='"name@example.de"',
    )


def _meetings(
    raw: object, ids: list[str], today: dt.date, problems: list[Problem]
) -> list[Meeting]:
    entries = _array_of_tables(raw, "meetings", problems)
    members = set(ids)  # looked up once per meeting: a list would make this members x meetings
    meetings: list[Meeting] = []
    uids: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"meetings[{number}]"
        day, month_only, time = _meeting_date(entry.get("date"), where, problems)
        if day is not None:
            # The place as the file writes it (ISO dates), in every language: a coordinator
            # searches the file for it.
            where += f" ({month_text(day)})" if month_only else f" ({day})"
        _unknown_keys(entry, MEETING_KEYS, where, problems)
        take = _Taker(entry, where, problems)
        host = take.text("host", required=True)
        venue = take.text("venue")
        title = take.text("title", allow_newlines=True)
        notes = take.text("notes", allow_newlines=True, allow_tabs=True)
        description = take.text("description", allow_newlines=True, allow_tabs=True)
        uid = take.text("uid")
        duration = take.integer("duration_minutes", minimum=1, maximum=MAX_MINUTES)
        status = take.choice("status", Status, None)
        attended = _attended(entry, where, ids, problems)
        if host is not None and host not in members:
            problems.append(Problem(where, not_a_member(host, ids)))
        if status is None:
            status = _default_status(day, month_only, today)
        if day is None and "date" not in entry and status is not Status.PLANNED:
            needs = {
                Status.HELD: N_("a held meeting needs a date (only a planned one may have none)"),
                Status.CANCELLED: N_(
                    "a cancelled meeting needs a date (only a planned one may have none)"
                ),
            }
            problems.append(Problem(where, fact(needs[status])))
        if uid is not None:
            if uid in uids:
                problems.append(
                    Problem(
                        where,
                        fact(
                            N_("uid {uid} is already used by {other}"),
                            uid=repr(uid),
                            other=f"meetings[{uids[uid]}]",
                        ),
                    )
                )
            uids[uid] = number
        if host is not None:
            meetings.append(
                Meeting(
                    position=number,
                    host=host,
                    status=status,
                    date=day,
                    month_only=month_only,
                    time=time,
                    venue=venue,
                    title=title,
                    notes=notes,
                    description=description,
                    uid=uid,
                    duration_minutes=duration,
                    attended=attended,
                )
            )
    return meetings


def _attended(
    entry: Mapping[str, Any], where: str, ids: list[str], problems: list[Problem]
) -> tuple[str, ...] | None:
    """A meeting's `attended`: the ids of members, each once."""
    if "attended" not in entry:
        return None
    raw = entry["attended"]
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        problems.append(
            Problem(
                where,
                fact(
                    N_('attended must be a list of member ids in quotes, e.g. ["HEF", "WAK"]'),
                ),
            )
        )
        return None
    found: list[str] = []
    for item in raw:
        if item not in ids:
            problems.append(Problem(where, not_attending(shown(item), ids)))
        elif item in found:
            problems.append(Problem(where, fact(N_("attended names {id} twice"), id=item)))
        else:
            found.append(item)
    return tuple(found)


def _check_local_times(
    meetings: list[Meeting], timezone: str, start: dt.time | None, problems: list[Problem]
) -> None:
    """Refuse a meeting whose start does not exist in the network's timezone (spring forward).

    Only a meeting on a day near a change of the clocks can start in a gap, and the zone's data
    lists those days per year (`zonedata.clock_change_days`): zoneinfo is asked about those
    meetings alone, not about each of a long history's."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from netzwerk_cli.calendar.zonedata import clock_change_days

    zone = ZoneInfo(timezone)
    for meeting in meetings:
        time = meeting.time or start
        day = meeting.date
        if time is None or day is None or not meeting.has_full_date:
            continue
        try:
            if day not in clock_change_days(zone, day.year):
                continue
        except (ValueError, OverflowError, OSError, ZoneInfoNotFoundError):
            pass  # data that zoneinfo read but this reader cannot: zoneinfo is asked instead
        gap = clock_gap(dt.datetime.combine(day, time), zone)
        if gap is not None:
            where = f"meetings[{meeting.position}] ({meeting.date})"
            what = gap_message(day, time, timezone, gap)
            if not meeting.time:
                what = fact(N_("{problem} (the network's start)"), problem=what)
            problems.append(Problem(where, what))


def clock_gap(local: dt.datetime, zone: dt.tzinfo) -> tuple[dt.time, dt.time] | None:
    """Where the clocks jump when `local` (naive) does not exist in `zone`: (from, to); else None.

    A time that does not exist comes back changed from a round trip through UTC.
    """
    there = local.replace(tzinfo=zone)
    before, after = there.utcoffset(), there.replace(fold=1).utcoffset()
    if before == after:  # all but the two hours a year around a change of the clocks
        return None
    if there.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == local:
        return None  # it exists, twice (the hour the clocks go back)
    if before is None or after is None:  # pragma: no cover - a ZoneInfo always knows its offset
        return None
    jump = abs(after - before)
    begin = local.replace(second=0, microsecond=0)
    # Back to the first minute that does not exist: the gap is at most a few hours long.
    for _ in range(24 * 60):
        earlier = begin - dt.timedelta(minutes=1)
        probe = earlier.replace(tzinfo=zone)
        if probe.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == earlier:
            break
        begin = earlier
    return begin.time(), (begin + jump).time()


def gap_message(
    day: dt.date, time: dt.time, timezone: str, gap: tuple[dt.time, dt.time]
) -> Message:
    """The message for a time in a gap, e.g. '2027-03-28 02:30 does not exist in ...'."""
    return fact(
        N_("{date} {time} does not exist in {timezone} (the clocks go from {start} to {end})"),
        date=day,
        time=time,
        timezone=timezone,
        start=gap[0],
        end=gap[1],
    )


def _default_status(day: dt.date | None, month_only: bool, today: dt.date) -> Status:
    if day is None:
        return Status.PLANNED
    if month_only:
        return Status.HELD if (day.year, day.month) < (today.year, today.month) else Status.PLANNED
    return Status.HELD if day < today else Status.PLANNED


def not_attending(member: str, ids: list[str]) -> Message:
    """`attended: "X" is not a member (members: A, B)`."""
    return fact(N_('attended: "{id}" is not a member (members: {ids})'), id=member, ids=ids)


def not_a_member(host: str, ids: list[str]) -> Message:
    """`host "X" is not a member (members: A, B)`, or `(members: none yet)`."""
    if not ids:
        return fact(N_('host "{host}" is not a member (members: none yet)'), host=host)
    return fact(N_('host "{host}" is not a member (members: {ids})'), host=host, ids=ids)


def _meeting_date(
    value: object, where: str, problems: list[Problem]
) -> tuple[dt.date | None, bool, dt.time | None]:
    """A meeting's `date`: a local date or date-time, or "YYYY-MM" when only the month is known."""
    if value is None:
        return None, False, None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            problems.append(
                Problem(
                    where,
                    fact(
                        N_(
                            "date {value} has a UTC offset; write the local time without one "
                            "(the network's timezone applies), e.g. 2025-04-02T10:00:00"
                        ),
                        value=value.isoformat(),
                    ),
                )
            )
            return None, False, None
        return value.date(), False, value.time()
    if isinstance(value, dt.date):
        return value, False, None
    if isinstance(value, str):
        match = _MONTH.fullmatch(value.strip())
        if match and int(match[1]) >= 1 and 1 <= int(match[2]) <= 12:
            return dt.date(int(match[1]), int(match[2]), 1), True, None
        problems.append(
            Problem(
                where,
                fact(
                    N_(
                        "date {value} is neither a date (2024-11-06, without quotes), "
                        'a date-time (2024-11-06T10:00:00) nor a month ("2024-04")'
                    ),
                    value=repr(value),
                ),
            )
        )
        return None, False, None
    problems.append(
        Problem(
            where,
            fact(N_("date must be a date like 2024-11-06, got {value}"), value=_describe(value)),
        )
    )
    return None, False, None


def _array_of_tables(raw: object, key: str, problems: list[Problem]) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        problems.append(
            Problem(
                key,
                fact(
                    N_("must be a list of [[{key}]] tables, got {value}"),
                    key=key,
                    value=_describe(raw),
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
                        value=_describe(entry),
                    ),
                )
            )
    return tables


def _unknown_keys(
    raw: Mapping[str, Any],
    known: tuple[str, ...],
    where: str | Message,
    problems: list[Problem],
    *,
    tables: bool = False,
) -> None:
    for key in raw:
        if key in known:
            continue
        close = closest(key, known)
        name = shown(key)
        if close and tables:
            what = fact(N_('unknown table "{key}" (a typo for "{close}"?)'), key=name, close=close)
        elif close:
            what = fact(N_('unknown key "{key}" (a typo for "{close}"?)'), key=name, close=close)
        elif tables:
            what = fact(N_('unknown table "{key}" (known: {known})'), key=name, known=list(known))
        else:
            what = fact(N_('unknown key "{key}" (known: {known})'), key=name, known=list(known))
        problems.append(Problem(where, what))


def closest(word: str, known: Sequence[str]) -> str | None:
    """The one of `known` that `word` is most likely a typo for, if any is close: "did you mean"
    for the file's keys and tables, and for the member ids typed on the command line."""
    import difflib

    close = difflib.get_close_matches(word, known, n=1)
    return close[0] if close else None


def is_member_id(text: str) -> bool:
    """Whether `text` is a member id: letters (any, Ä and ß too, in composed form), the digits
    0-9, '-', '_' and '.', beginning with a letter or a digit. Ids name the member in TOML keys'
    values, --host options and calendar UIDs (which spell letters beyond ASCII out, see
    `calendar.uids`), so no spaces, quotes or other signs."""
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    return (
        bool(text)
        and (text[0].isalpha() or text[0] in _ID_DIGITS)
        and all(c.isalpha() or c in _ID_SIGNS for c in text)
    )


_ID_DIGITS = "0123456789"
_ID_SIGNS = _ID_DIGITS + "_.-"


def shown(text: str) -> str:
    """Text from the file as a message may quote it: control characters as \\uXXXX escapes."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


_KINDS: dict[type, str] = {
    bool: N_("true/false"),
    int: N_("a number"),
    float: N_("a number"),
    str: N_("text"),
    list: N_("a list"),
    dict: N_("a table"),
    dt.datetime: N_("a date-time"),
    dt.date: N_("a date"),
    dt.time: N_("a time"),
}


def _describe(value: object) -> Message | str:
    """What a value of the file is, and the value as TOML shows it: `a number (5)`."""
    kind: Message | str = (
        fact(_KINDS[type(value)]) if type(value) in _KINDS else type(value).__name__
    )
    if isinstance(value, list | dict):
        return kind
    shown = repr(value) if isinstance(value, str | int | float | bool) else str(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return fact(N_("{kind} ({value})"), kind=kind, value=shown)


@functools.cache
def _by_value(enum: type[E]) -> dict[str, E]:
    """The members of a choice by their value: looked up once per meeting of a long history,
    where calling the enum took 2.6 microseconds, a dictionary a tenth of that."""
    return {member.value: member for member in enum}


class _Taker:
    """Reads typed values out of one table, noting a problem (with its place) for each bad one."""

    def __init__(self, raw: Mapping[str, Any], where: str, problems: list[Problem]) -> None:
        self.raw = raw
        self.where = where
        self.problems = problems

    def _get(self, key: str, required: bool) -> object:
        if key not in self.raw:
            if required:
                self._add(fact(N_('"{key}" is missing'), key=key))
            return None
        return self.raw[key]

    def _add(self, what: Message) -> None:
        self.problems.append(Problem(self.where, what))

    def _bad(self, key: str, expected: Message, value: object) -> None:
        self._add(
            fact(
                N_("{key} must be {expected}, got {value}"),
                key=key,
                expected=expected,
                value=_describe(value),
            )
        )

    def text(
        self,
        key: str,
        *,
        required: bool = False,
        allow_newlines: bool = False,
        allow_tabs: bool = False,
    ) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self._bad(key, fact(N_('text in quotes (e.g. "...")')), value)
            return None
        if required and not value.strip():
            self._add(fact(N_("{key} is empty"), key=key))
            return None
        if not allow_newlines and ("\n" in value or "\r" in value):
            self._add(fact(N_("{key} must be one line"), key=key))
            return None
        allowed = _CONTROL_BUT_LINES_AND_TAB if allow_tabs else _CONTROL_BUT_LINES
        control = (allowed if allow_newlines else _CONTROL).search(value)
        if control is not None:
            self._add(
                fact(
                    N_("{key} contains a control character ({code})"),
                    key=key,
                    code=f"U+{ord(control[0]):04X}",
                )
            )
            return None
        # LF, CR LF and a lone CR are line breaks, kept as written (the JSON form stays exact).
        return value

    def date(self, key: str) -> dt.date | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self._bad(key, fact(N_("a date like 2024-04-01 (without quotes)")), value)
            return None
        return value

    def time(self, key: str) -> dt.time | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, dt.time) or value.tzinfo is not None:
            self._bad(key, fact(N_("a local time like 10:00:00 (without quotes)")), value)
            return None
        return value

    def integer(self, key: str, *, minimum: int, maximum: int) -> int | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._bad(key, fact(N_("a whole number")), value)
            return None
        if not minimum <= value <= maximum:
            self._add(
                fact(
                    N_("{key} must be between {minimum} and {maximum}, got {value}"),
                    key=key,
                    minimum=minimum,
                    maximum=maximum,
                    value=value,
                )
            )
            return None
        return value

    def boolean(self, key: str, *, default: bool) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._bad(key, fact(N_("true or false (without quotes)")), value)
            return default
        return value

    def choice(self, key: str, enum: type[E], default: Any) -> Any:
        value = self._get(key, False)
        if value is None:
            return default
        if isinstance(value, str) and (member := _by_value(enum).get(value)) is not None:
            return member
        options = [f'"{e.value}"' for e in enum]  # only for the message
        if not isinstance(value, str):
            self._bad(key, fact(N_("one of {options}"), options=options), value)
        else:
            self._add(
                fact(
                    N_("{key} {value} is not one of {options}"),
                    key=key,
                    value=repr(value),
                    options=options,
                )
            )
        return default
