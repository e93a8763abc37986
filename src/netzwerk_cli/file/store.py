"""The network file: TOML in, validated `Network` out, with every problem said with its place.

Reading is `read_network` (file) over `parse_network` (text); both raise `NetworkFileError`, which
lists every problem found, not only the first. Where the rest lives: the file's shape is declared
in `file.schema`; `file.taking` checks each key as declared; `file.tables` ([network], [mail],
[publish]) and `file.entries` ([[members]], [[meetings]] with their agendas, [[topics]]) take the
tables; `file.rules` holds the rules the declaration cannot say, one function each.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netzwerk_cli.core.memberids import closest, not_attending
from netzwerk_cli.errors import NetworkFileError, Problem
from netzwerk_cli.file import entries, schema, tables
from netzwerk_cli.file.rules import check_local_times, clock_gap, gap_message
from netzwerk_cli.file.schema import MAX_MINUTES, TABLE_NAMES
from netzwerk_cli.file.tables import email_address
from netzwerk_cli.file.taking import is_member_id, shown, unknown_keys
from netzwerk_cli.message import N_, Message, fact
from netzwerk_cli.model import Network

if TYPE_CHECKING:  # imported where a file has [mail] or [publish]: most files have neither
    from netzwerk_cli.servers import ServerSetting

__all__ = [  # used by other modules from here, where the file is read
    "MAX_MINUTES",
    "check_local_times",
    "clock_gap",
    "closest",
    "email_address",
    "gap_message",
    "is_member_id",
    "not_attending",
    "shown",
]

DEFAULT_FILE = "network.toml"
# The largest network file read: a century of a dozen districts is a few hundred kilobytes.
MAX_FILE_BYTES = 8 * 2**20
START_HINT = fact(
    N_("Start one with `netzwerk init`, or point to yours with --file FILE or NETZWERK_FILE.")
)
THE_FILE = fact(N_("the file"))

# The keys of the tables, as declared (`file.schema`).
NETWORK_KEYS = schema.NETWORK.names
MEMBER_KEYS = schema.MEMBERS.names
MEETING_KEYS = schema.MEETINGS.names
MAIL_KEYS = schema.MAIL.names
PUBLISH_KEYS = schema.PUBLISH.names


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
    unknown_keys(rest, TABLE_NAMES, THE_FILE, problems, tables=True)
    network = tables.network_table(document.get("network"), problems)
    members = entries.members(document.get("members", []), problems)
    ids = [m.id for m in members]
    meetings = entries.meetings(document.get("meetings", []), ids, today, problems)
    topics = entries.topics(document.get("topics", []), ids, problems)
    mail = tables.mail_table(document["mail"], problems) if "mail" in document else None
    publish = tables.publish_table(document["publish"], problems) if "publish" in document else None
    if not problems:  # the timezone is known to be valid
        check_local_times(meetings, network["timezone"], network["start"], problems)
    if problems:
        raise NetworkFileError(source, problems)
    return Network(
        members=tuple(members),
        meetings=tuple(meetings),
        topics=tuple(topics),
        mail=mail,
        publish=publish,
        server_settings=_server_settings(document),
        **network,
    )


def _server_settings(document: Mapping[str, Any]) -> tuple[ServerSetting, ...]:
    """The settings that act outside the file (`outside` in their declaration), as written
    (validated above: known keys, simple values), in the file's order."""
    if not any(table in document for table in schema.TRUSTED_TABLES):
        return ()
    from netzwerk_cli.servers import ServerSetting

    return tuple(
        ServerSetting(table, key, value)
        for table in schema.TRUSTED_TABLES
        for key, value in document.get(table, {}).items()
        if key in schema.outside_keys(table)
    )
