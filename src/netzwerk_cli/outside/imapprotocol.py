"""What imaplib leaves to its caller, for every IMAP command netzwerk sends: folder names quoted
and written in IMAP's modified UTF-7 (RFC 3501 5.1.3), each answer checked, and every failure an
`ImapError` quoting the server; and the names of the server and folder in messages and the record.

The standard library's `imaplib`, not IMAPClient: netzwerk needs a handful of commands (LOGIN,
EXAMINE, UID SEARCH, UID FETCH, UID MOVE), and a dependency for those would be a dependency for
every user.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.message import N_, fact
from netzwerk_cli.servers import ImapSettings


class ImapError(NetzwerkError):
    """The mailbox could not be reached, refused the login, or refused a command."""


def where(imap: ImapSettings) -> str:
    """The server as messages name it."""
    return f"{imap.host}:{imap.port}"


def folder_key(imap: ImapSettings) -> str:
    """How the record of answers names a folder: user, server and folder."""
    return f"{imap.user or ''}@{imap.host}:{imap.port}/{imap.folder}"


def encode_folder(name: str) -> str:
    """A folder name as an IMAP command writes it: modified UTF-7 (RFC 3501 5.1.3), quoted."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            data = "".join(pending).encode("utf-16-be")
            out.append(
                "&" + base64.b64encode(data).decode("ascii").rstrip("=").replace("/", ",") + "-"
            )
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    text = "".join(out)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def checked(
    imap: ImapSettings, answer: tuple[str, Sequence[object]], command: str
) -> Sequence[object]:
    """The data of a command's answer when the server said OK; else an `ImapError` quoting it."""
    status, data = answer
    if status != "OK":
        raise ImapError(
            fact(
                N_("{server} refused {command}: {answer}"),
                server=where(imap),
                command=command,
                answer=server_text(data),
            )
        )
    return data


def server_text(data: Sequence[object]) -> str:
    """The server's words (an answer's data, an error's arguments) as one printable line of at
    most 300 characters."""
    parts = [d.decode("utf-8", "replace") if isinstance(d, bytes) else str(d) for d in data]
    text = " ".join(" ".join(parts).split())
    return "".join(c for c in text if c.isprintable())[:300]
