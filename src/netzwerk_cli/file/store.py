"""The network file: TOML in, validated `Network` out, with every problem said with its place.

Reading is `read_network` (file) over `parse_network` (text); both raise `NetworkFileError`, which
lists every problem found, not only the first.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from netzwerk_cli.errors import NetworkFileError
from netzwerk_cli.model import (
    DEFAULT_SMTP_PORTS,
    DEFAULT_TIMEZONE,
    GERMAN_STATES,
    Contact,
    HolidayPolicy,
    Language,
    MailSettings,
    Meeting,
    Member,
    Network,
    Rotation,
    Security,
    Status,
    month_text,
)

DEFAULT_FILE = "network.toml"
# The largest network file read: a century of a dozen districts is a few hundred kilobytes.
MAX_FILE_BYTES = 8 * 2**20
START_HINT = "Start one with `netzwerk init`, or point to yours with --file PATH or NETZWERK_FILE."

NETWORK_KEYS = (
    "name",
    "timezone",
    "rotation",
    "cadence",
    "cadence_start",
    "start",
    "duration_minutes",
    "holidays",
    "remind_weeks",
    "language",
)
MEMBER_KEYS = ("id", "name", "seat", "state", "joined", "left", "hosts", "contacts")
MAIL_KEYS = ("from", "smtp_host", "smtp_port", "security", "user", "password_command", "ca_file")
MEETING_KEYS = ("date", "host", "venue", "status", "title", "notes", "uid")
TOP_KEYS = ("network", "members", "meetings", "mail")

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
# C0 and C1 control characters: on a terminal they are commands (colours, titles, hyperlinks).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# In notes: line breaks and tabs are text. Titles may have line breaks (as before), no tabs.
_CONTROL_BUT_LINES = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES_AND_TAB = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
E = TypeVar("E", Rotation, HolidayPolicy, Status, Language, Security)


def read_network(path: Path, *, today: dt.date) -> Network:
    """Read and validate the network file at `path`."""
    return parse_network(read_text(path), source=str(path), today=today)


def read_text(path: Path) -> str:
    """The file's text, or a `NetworkFileError` that says why it cannot be had.

    Only a regular file of at most `MAX_FILE_BYTES` is read: a folder, a pipe, a device or a
    socket is refused at once (opening is non-blocking, so a FIFO cannot hang the command), and no
    file can make the command read without bound.
    """
    import os
    import stat

    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise NetworkFileError(source, ["no such file"], hint=START_HINT) from None
    except IsADirectoryError:
        raise NetworkFileError(source, ["is a folder, not a file"], hint=START_HINT) from None
    except OSError as exc:
        raise NetworkFileError(source, [f"cannot be read: {exc.strerror}"]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise NetworkFileError(source, ["is a folder, not a file"], hint=START_HINT)
        if not stat.S_ISREG(info.st_mode):
            raise NetworkFileError(source, [f"is {_file_kind(info.st_mode)}, not a regular file"])
        if info.st_size > MAX_FILE_BYTES:
            raise NetworkFileError(source, [_too_large(info.st_size)])
        with os.fdopen(fd, "rb", closefd=False) as handle:
            # One byte more than allowed tells a file that grew since fstat.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise NetworkFileError(source, [f"cannot be read: {exc.strerror}"]) from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise NetworkFileError(source, [_too_large(len(data))])
    # A byte-order mark, as Windows Notepad writes one, is not part of the TOML.
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NetworkFileError(
            source, [f"is not UTF-8 text (byte {exc.start + 1} cannot be read)"]
        ) from None


def _file_kind(mode: int) -> str:
    import stat

    kinds = (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


def _too_large(size: int) -> str:
    return (
        f"is {size / 2**20:.1f} MiB; a network file may be at most {MAX_FILE_BYTES // 2**20} MiB "
        "(a network of a few districts needs a few kilobytes a century)"
    )


def parse_network(text: str, *, source: str, today: dt.date) -> Network:
    """Validate TOML text as a network file; `today` decides the default status of meetings."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NetworkFileError(source, [f"not valid TOML: {exc}"]) from None
    except RecursionError:  # arrays or tables nested thousands deep: tomllib recurses
        raise NetworkFileError(source, ["not valid TOML: values are nested too deeply"]) from None
    return network_from_document(document, source=source, today=today)


def network_from_document(document: Mapping[str, Any], *, source: str, today: dt.date) -> Network:
    """Validate an already parsed TOML document (as `tomllib` returns it)."""
    problems: list[str] = []
    misplaced = [key for key in document if key in NETWORK_KEYS]
    problems.extend(
        f'the file: "{key}" belongs in the [network] table (write it below a [network] line)'
        for key in misplaced
    )
    rest = {k: v for k, v in document.items() if k not in misplaced}
    _unknown_keys(rest, TOP_KEYS, "the file", problems, kind="table")
    network = _network_table(document.get("network"), problems)
    members = _members(document.get("members", []), problems)
    ids = [m.id for m in members]
    meetings = _meetings(document.get("meetings", []), ids, today, problems)
    mail = _mail_table(document["mail"], problems) if "mail" in document else None
    if not problems:  # the timezone is known to be valid
        _check_local_times(meetings, network["timezone"], network["start"], problems)
    if problems:
        raise NetworkFileError(source, problems)
    return Network(members=tuple(members), meetings=tuple(meetings), mail=mail, **network)


def _mail_table(raw: object, problems: list[str]) -> MailSettings | None:
    """The [mail] table: sender, server and login; never a password."""
    where = "[mail]"
    if not isinstance(raw, dict):
        problems.append(f'{where}: must be a table, e.g. [mail] followed by smtp_host = "..."')
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
    parsed = email_address(sender) if sender is not None else None
    if sender is not None and parsed is None:
        problems.append(f"{where}: from {sender!r} is not an e-mail address ({_ADDRESS_EXAMPLE})")
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
    )


_ADDRESS = "Vorname Name <name@example.de>"
_ADDRESS_EXAMPLE = f'e.g. "{_ADDRESS}" or "name@example.de"'


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


def _network_table(raw: object, problems: list[str]) -> dict[str, Any]:
    where = "[network]"
    if raw is None:
        problems.append('no [network] table: the file needs one with a name, e.g. name = "..."')
        return {"name": ""}
    if not isinstance(raw, dict):
        problems.append(f'{where}: must be a table, e.g. [network] followed by name = "..."')
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
        "duration_minutes": take.integer("duration_minutes", minimum=1, maximum=24 * 60),
        "holidays": take.choice("holidays", HolidayPolicy, HolidayPolicy.SHIFT),
        "remind_weeks": take.integer("remind_weeks", minimum=0, maximum=520),
        "language": take.choice("language", Language, Language.EN),
    }
    if "timezone" in raw and isinstance(raw["timezone"], str):
        _check_timezone(raw["timezone"], where, problems)
    if values["cadence"] is not None:
        from netzwerk_cli.core.schedule import CadenceError, parse_cadence

        try:
            parse_cadence(values["cadence"], dtstart=values["cadence_start"] or dt.date(2000, 1, 1))
        except CadenceError as exc:
            problems.append(f"{where}: cadence {values['cadence']!r} is not a usable rule: {exc}")
    return values


def _check_timezone(name: str, where: str, problems: list[str]) -> None:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (
        zoneinfo.ZoneInfoNotFoundError,
        ValueError,
        OSError,
    ):  # OSError: a folder, e.g. "Europe"
        problems.append(
            f"{where}: timezone {name!r} is not an IANA time zone (e.g. {DEFAULT_TIMEZONE!r})"
        )


def _members(raw: object, problems: list[str]) -> list[Member]:
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
        if ident is not None:
            if not _ID.fullmatch(ident):
                problems.append(
                    f"{where}: id {ident!r} must be letters, digits, '-', '_' or '.', "
                    'without spaces (e.g. "HEF")'
                )
            elif ident in seen:
                problems.append(f"{where}: id {ident!r} is already used by members[{seen[ident]}]")
            else:
                seen[ident] = number
        if state is not None and state not in GERMAN_STATES:
            codes = ", ".join(sorted(GERMAN_STATES))
            problems.append(f"{where}: state {state!r} is not a German state code ({codes})")
        if joined is not None and left is not None and left <= joined:
            problems.append(f"{where}: left ({left}) must be after joined ({joined})")
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
                )
            )
    return members


def _contacts(entry: Mapping[str, Any], where: str, problems: list[str]) -> tuple[Contact, ...]:
    """A member's `contacts`: a list of e-mail addresses, each one checked."""
    raw = entry.get("contacts")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        problems.append(
            f'{where}: contacts must be a list of addresses in quotes, e.g. ["{_ADDRESS}"], '
            f"got {_describe(raw)}"
        )
        return ()
    found: list[Contact] = []
    for number, text in enumerate(raw, start=1):
        control = _CONTROL.search(text)
        parsed = None if control else email_address(text)
        if control is not None:
            problems.append(
                f"{where}: contacts[{number}] contains a control character "
                f"(U+{ord(control[0]):04X})"
            )
        elif parsed is None:
            problems.append(
                f"{where}: contacts[{number}] {text!r} is not an e-mail address "
                f"({_ADDRESS_EXAMPLE})"
            )
        else:
            found.append(Contact(*parsed))
    return tuple(found)


def _meetings(raw: object, ids: list[str], today: dt.date, problems: list[str]) -> list[Meeting]:
    entries = _array_of_tables(raw, "meetings", problems)
    members = set(ids)  # looked up once per meeting: a list would make this members x meetings
    meetings: list[Meeting] = []
    uids: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"meetings[{number}]"
        day, month_only, time = _meeting_date(entry.get("date"), where, problems)
        if day is not None:
            where += f" ({month_text(day)})" if month_only else f" ({day})"
        _unknown_keys(entry, MEETING_KEYS, where, problems)
        take = _Taker(entry, where, problems)
        host = take.text("host", required=True)
        venue = take.text("venue")
        title = take.text("title", allow_newlines=True)
        notes = take.text("notes", allow_newlines=True, allow_tabs=True)
        uid = take.text("uid")
        status = take.choice("status", Status, None)
        if host is not None and host not in members:
            known = ", ".join(ids) if ids else "none yet"
            problems.append(f'{where}: host "{host}" is not a member (members: {known})')
        if status is None:
            status = _default_status(day, month_only, today)
        if day is None and "date" not in entry and status is not Status.PLANNED:
            problems.append(
                f"{where}: a {status} meeting needs a date (only a planned one may have none)"
            )
        if uid is not None:
            if uid in uids:
                problems.append(f"{where}: uid {uid!r} is already used by meetings[{uids[uid]}]")
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
                    uid=uid,
                )
            )
    return meetings


def _check_local_times(
    meetings: list[Meeting], timezone: str, start: dt.time | None, problems: list[str]
) -> None:
    """Refuse a meeting whose start does not exist in the network's timezone (spring forward)."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)
    for meeting in meetings:
        time = meeting.time or start
        if time is None or not meeting.has_full_date or meeting.date is None:
            continue
        gap = clock_gap(dt.datetime.combine(meeting.date, time), zone)
        if gap is not None:
            where = f"meetings[{meeting.position}] ({meeting.date})"
            own = "" if meeting.time else " (the network's start)"
            problems.append(f"{where}: {gap_message(meeting.date, time, timezone, gap)}{own}")


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


def gap_message(day: dt.date, time: dt.time, timezone: str, gap: tuple[dt.time, dt.time]) -> str:
    """The message for a time in a gap, e.g. '2027-03-28 02:30 does not exist in ...'."""
    return (
        f"{day} {time:%H:%M} does not exist in {timezone} "
        f"(the clocks go from {gap[0]:%H:%M} to {gap[1]:%H:%M})"
    )


def _default_status(day: dt.date | None, month_only: bool, today: dt.date) -> Status:
    if day is None:
        return Status.PLANNED
    if month_only:
        return Status.HELD if (day.year, day.month) < (today.year, today.month) else Status.PLANNED
    return Status.HELD if day < today else Status.PLANNED


def _meeting_date(
    value: object, where: str, problems: list[str]
) -> tuple[dt.date | None, bool, dt.time | None]:
    """A meeting's `date`: a local date or date-time, or "YYYY-MM" when only the month is known."""
    if value is None:
        return None, False, None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            problems.append(
                f"{where}: date {value.isoformat()} has a UTC offset; write the local time "
                "without one (the network's timezone applies), e.g. 2025-04-02T10:00:00"
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
            f"{where}: date {value!r} is neither a date (2024-11-06, without quotes), "
            'a date-time (2024-11-06T10:00:00) nor a month ("2024-04")'
        )
        return None, False, None
    problems.append(f"{where}: date must be a date like 2024-11-06, got {_describe(value)}")
    return None, False, None


def _array_of_tables(raw: object, key: str, problems: list[str]) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        problems.append(f"{key}: must be a list of [[{key}]] tables, got {_describe(raw)}")
        return []
    tables: list[dict[str, Any]] = []
    for number, entry in enumerate(raw, start=1):
        if isinstance(entry, dict):
            tables.append(entry)
        else:
            problems.append(f"{key}[{number}]: must be a [[{key}]] table, got {_describe(entry)}")
    return tables


def _unknown_keys(
    raw: Mapping[str, Any],
    known: tuple[str, ...],
    where: str,
    problems: list[str],
    *,
    kind: str = "key",
) -> None:
    for key in raw:
        if key in known:
            continue
        import difflib

        close = difflib.get_close_matches(key, known, n=1)
        guess = f' (a typo for "{close[0]}"?)' if close else f" (known: {', '.join(known)})"
        problems.append(f'{where}: unknown {kind} "{shown(key)}"{guess}')


def shown(text: str) -> str:
    """Text from the file as a message may quote it: control characters as \\uXXXX escapes."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _describe(value: object) -> str:
    kinds: dict[type, str] = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a table",
        dt.datetime: "a date-time",
        dt.date: "a date",
        dt.time: "a time",
    }
    kind = kinds.get(type(value), type(value).__name__)
    shown = repr(value) if isinstance(value, str | int | float | bool) else str(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kind} ({shown})" if kind not in ("a list", "a table") else kind


class _Taker:
    """Reads typed values out of one table, noting a problem (with its place) for each bad one."""

    def __init__(self, raw: Mapping[str, Any], where: str, problems: list[str]) -> None:
        self.raw = raw
        self.where = where
        self.problems = problems

    def _get(self, key: str, required: bool) -> object:
        if key not in self.raw:
            if required:
                self.problems.append(f'{self.where}: "{key}" is missing')
            return None
        return self.raw[key]

    def _bad(self, key: str, expected: str, value: object) -> None:
        self.problems.append(f"{self.where}: {key} must be {expected}, got {_describe(value)}")

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
            self._bad(key, 'text in quotes (e.g. "...")', value)
            return None
        if required and not value.strip():
            self.problems.append(f"{self.where}: {key} is empty")
            return None
        if not allow_newlines and ("\n" in value or "\r" in value):
            self.problems.append(f"{self.where}: {key} must be one line")
            return None
        allowed = _CONTROL_BUT_LINES_AND_TAB if allow_tabs else _CONTROL_BUT_LINES
        control = (allowed if allow_newlines else _CONTROL).search(value)
        if control is not None:
            self.problems.append(
                f"{self.where}: {key} contains a control character (U+{ord(control[0]):04X})"
            )
            return None
        # LF, CR LF and a lone CR are line breaks, kept as written (the JSON form stays exact).
        return value

    def date(self, key: str) -> dt.date | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self._bad(key, "a date like 2024-04-01 (without quotes)", value)
            return None
        return value

    def time(self, key: str) -> dt.time | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, dt.time) or value.tzinfo is not None:
            self._bad(key, "a local time like 10:00:00 (without quotes)", value)
            return None
        return value

    def integer(self, key: str, *, minimum: int, maximum: int) -> int | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._bad(key, "a whole number", value)
            return None
        if not minimum <= value <= maximum:
            self.problems.append(
                f"{self.where}: {key} must be between {minimum} and {maximum}, got {value}"
            )
            return None
        return value

    def boolean(self, key: str, *, default: bool) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._bad(key, "true or false (without quotes)", value)
            return default
        return value

    def choice(self, key: str, enum: type[E], default: Any) -> Any:
        value = self._get(key, False)
        if value is None:
            return default
        if isinstance(value, str):
            try:
                return enum(value)
            except ValueError:
                pass
        options = ", ".join(f'"{e.value}"' for e in enum)  # only for the message
        if not isinstance(value, str):
            self._bad(key, f"one of {options}", value)
        else:
            self.problems.append(f"{self.where}: {key} {value!r} is not one of {options}")
        return default
