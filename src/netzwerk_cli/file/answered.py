"""The record of the answers read (`.network.toml.replies`), and the one door for saved messages.

The record is keyed by each message's Message-ID and the SHA-256 of its bytes (a reused
Message-ID never hides another message): a message read once is never read, reported or moved
again. For each it keeps the answers to invitations `invite` sent (control characters removed
and text capped by the reader, at most `MAX_KEPT` answers), or why it was skipped (capped), so
that a second run over the same folder says nothing, and where in the mailbox it lies until
`--move-to` moved it. For an IMAP folder it also keeps the folder's UIDVALIDITY and the highest
UID looked at, so that the next run fetches only what came since; for `--from`, each file's
name, size and time, so that the next run reads only new or changed files. Like every record:
bounded, written atomically, under a lock (see `cli/replies.py`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netzwerk_cli.calendar.replies import MAX_MESSAGE_BYTES, Answer, Kind, Reply
from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.file.records import RecordError, read_record, write_record
from netzwerk_cli.message import N_, Message, fact

REPLIES = "replies"
_ABOUT = """\
netzwerk's record of the answers to its invitations for {name}: per message read (by its
Message-ID), the answers found in it (UID, SEQUENCE, DTSTAMP, address, PARTSTAT, comment) or why
it was skipped, and per IMAP folder the last message looked at, so that `netzwerk replies` reads
nothing twice. Written by netzwerk; do not edit. Deleting it makes the next run read every
message again (and report them as new)."""


# Per message: the answers kept, and the length of the reason it was skipped.
MAX_KEPT = 10
MAX_SKIPPED = 300


@dataclass(frozen=True)
class Place:
    """Where a message lies in a mailbox, until `--move-to` moves it: folder, UIDVALIDITY, UID."""

    folder: str
    validity: int
    uid: int


@dataclass(frozen=True)
class Read:
    """One message read: its answers, or why it could not be read, and where it lies."""

    replies: tuple[Reply, ...] = ()
    skipped: str | None = None  # why a message is no readable answer (in English)
    place: Place | None = None


@dataclass(frozen=True)
class FolderMark:
    """How far an IMAP folder was read: its UIDVALIDITY and the highest UID looked at."""

    validity: int
    last_uid: int


@dataclass
class AnswerRecord:
    """The record as read, and changed by a run before it is written."""

    messages: dict[str, Read] = field(default_factory=dict)
    folders: dict[str, FolderMark] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # --from: path -> "size mtime_ns"
    existed: bool = False

    def replies(self) -> Iterator[Reply]:
        """Every answer recorded."""
        for read in self.messages.values():
            yield from read.replies


def message_key(data: bytes, message_id: str | None) -> str:
    """How the record knows a message: its Message-ID (if any) and the digest of its bytes."""
    import hashlib

    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    return f"{message_id} {digest}" if message_id else digest


def file_mark(size: int, mtime_ns: int) -> str:
    """How the record knows a saved file did not change: its size and modification time."""
    return f"{size} {mtime_ns}"


def read_answers(path: Path) -> AnswerRecord:
    """The record beside the network file (through the records' one bounded reader); an empty
    one if there is none yet."""
    document = read_record(path)
    record = AnswerRecord(existed=bool(document) or path.exists())
    try:
        for key, entry in document.get("messages", {}).items():
            skipped = entry.get("skipped")
            if not isinstance(skipped, str | None):
                raise ValueError("skipped")
            place = None
            if "folder" in entry:
                folder, validity, uid = entry["folder"], entry["uidvalidity"], entry["uid"]
                if not (isinstance(folder, str) and isinstance(validity, int)):
                    raise TypeError(key)
                if not isinstance(uid, int):
                    raise TypeError(key)
                place = Place(folder, validity, uid)
            record.messages[key] = Read(
                tuple(_reply(item) for item in entry.get("replies", [])), skipped, place
            )
        for name, mark in document.get("files", {}).items():
            if not isinstance(mark, str):
                raise TypeError(name)
            record.files[name] = mark
        for name, mark in document.get("folders", {}).items():
            validity, last = mark["uidvalidity"], mark["last_uid"]
            if not (isinstance(validity, int) and isinstance(last, int)):
                raise TypeError(name)
            record.folders[name] = FolderMark(validity, last)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RecordError(
            _damaged(path, fact(N_("an entry cannot be read ({why})"), why=str(exc)))
        ) from None
    return record


def _reply(item: Mapping[str, Any]) -> Reply:
    stamp = item["dtstamp"]
    if not isinstance(stamp, dt.datetime) or stamp.utcoffset() is None:
        raise ValueError("dtstamp")
    for key in ("uid", "address", "name", "comment", "proposed", "sender"):
        if not isinstance(item.get(key, ""), str):
            raise ValueError(key)
    if not isinstance(item.get("auth_failed", False), bool):
        raise ValueError("auth_failed")
    # A record written before senders were kept has none (None): its answers were counted, and
    # still are.
    sender = item.get("sender")
    if isinstance(item["sequence"], bool) or not isinstance(item["sequence"], int):
        raise ValueError("sequence")
    return Reply(
        kind=Kind(item["kind"]),
        uid=str(item["uid"]),
        sequence=int(item["sequence"]),
        stamp=stamp.astimezone(dt.UTC),
        address=str(item["address"]),
        name=str(item.get("name", "")),
        answer=Answer(item["answer"]),
        comment=item.get("comment"),
        proposed=item.get("proposed"),
        sender=sender,
        auth_failed=bool(item.get("auth_failed", False)),
    )


def write_answers(path: Path, record: AnswerRecord, *, network_name: str) -> None:
    """Write the record atomically."""
    messages: dict[str, Any] = {}
    for key, read in sorted(record.messages.items()):
        entry: dict[str, Any] = {}
        if read.skipped is not None:
            entry["skipped"] = read.skipped[:MAX_SKIPPED]
        if read.place is not None:
            entry["folder"] = read.place.folder
            entry["uidvalidity"] = read.place.validity
            entry["uid"] = read.place.uid
        entry["replies"] = [_item(reply) for reply in read.replies[:MAX_KEPT]]
        messages[key] = entry
    folders = {
        name: {"uidvalidity": mark.validity, "last_uid": mark.last_uid}
        for name, mark in sorted(record.folders.items())
    }
    document: dict[str, Any] = {"messages": messages, "folders": folders}
    if record.files:
        document["files"] = dict(sorted(record.files.items()))
    write_record(path, document, about=_ABOUT.format(name=network_name))


def _item(reply: Reply) -> dict[str, Any]:
    item: dict[str, Any] = {
        "kind": reply.kind.value,
        "uid": reply.uid,
        "sequence": reply.sequence,
        "dtstamp": reply.stamp,
        "address": reply.address,
        "name": reply.name,
        "answer": reply.answer.value,
    }
    if reply.sender is not None:
        item["sender"] = reply.sender
    if reply.auth_failed:
        item["auth_failed"] = True
    if reply.comment is not None:
        item["comment"] = reply.comment
    if reply.proposed is not None:
        item["proposed"] = reply.proposed
    return item


def _damaged(path: Path, why: Message) -> Message:
    return fact(
        N_(
            "{path}: the record of answers is damaged ({why}); restore it from a backup, or "
            "delete it to read every answer again"
        ),
        path=path,
        why=why,
    )


# --- saved messages: a folder of .eml files, or a Maildir -----------------------------------


class FolderError(NetzwerkError):
    """The folder of saved messages cannot be read."""


def saved_messages(
    source: Path, known: Mapping[str, str] | None = None
) -> Iterator[tuple[Path, str | None, bytes | Message]]:
    """Each message of `source`: its mark (`file_mark`, None if it cannot be told) and its bytes,
    or why it cannot be read (too large, no regular file). A Maildir (`cur/` and `new/`) gives
    the files of both; any other folder its `.eml` files, sorted by name, so that runs go
    through them alike; a file is the one message. A file whose mark is its mark in `known` (by
    its path) is passed over unread: it was read before, as it is.

    A source that does not exist is a `FolderError`, and so is a file named alone that cannot
    be read: the user named it, and passing it over would say nothing of the mistake."""
    if not source.is_dir():
        if not os.path.lexists(source):
            raise FolderError(
                fact(
                    N_(
                        "{path}: does not exist (--from takes a folder of .eml files, a Maildir "
                        "or one .eml file)"
                    ),
                    path=source,
                )
            )
        data = _read_bounded(source)
        if not isinstance(data, bytes):
            raise FolderError(fact(N_("{path}: {why}"), path=source, why=data))
        yield source, None, data
        return
    try:
        if (source / "cur").is_dir() and (source / "new").is_dir():
            paths = sorted([*(source / "cur").iterdir(), *(source / "new").iterdir()])
        else:
            paths = sorted(p for p in source.iterdir() if p.suffix.lower() == ".eml")
    except OSError as exc:
        raise FolderError(
            fact(N_("{path}: cannot be read: {why}"), path=source, why=exc.strerror)
        ) from None
    known = known or {}
    for path in paths:
        if path.name.startswith("."):
            continue
        try:
            status = path.stat()
            mark: str | None = file_mark(status.st_size, status.st_mtime_ns)
        except OSError:
            mark = None
        if mark is not None and known.get(str(path)) == mark:
            continue
        yield path, mark, _read_bounded(path)


def _read_bounded(path: Path) -> bytes | Message:
    """A saved message through the one bounded reader (`fileio.read_bounded`), or why not."""
    from netzwerk_cli.file.fileio import Unreadable, read_bounded

    try:
        return read_bounded(path, most=MAX_MESSAGE_BYTES)
    except Unreadable as exc:
        return exc.why
