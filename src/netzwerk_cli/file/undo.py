"""The undo record (`.network.toml.undo`): the network file as it was before netzwerk's last
change, so that `netzwerk undo` can put it back.

One step deep, like an office program's single undo: each change through `cli.editing.change_file`
replaces the record, and `undo` swaps the file with it (a second `undo` makes the change again).
The record also keeps the SHA-256 of the file netzwerk wrote: when the file is no longer that (a
hand edit, a copy from another district), `undo` refuses, because putting the old text back would
throw that edit away. Written atomically, under the network file's writer lock, before the file
itself (`write_with_undo`): if the file's write then fails, the record is put back as it was, so
the way back from the change before stays. The record holds the whole file, notes and contacts
too: it is readable by the user alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from netzwerk_cli.file.records import (
    RecordError,
    parse_record,
    record_path,
    record_text,
    write_record,
)
from netzwerk_cli.message import N_, fact

UNDO = "undo"
T = TypeVar("T")
_ABOUT = """\
netzwerk's undo record for {name}: the file as it was before netzwerk's last change
({summary}), so that `netzwerk undo` can put it back. Written by netzwerk; do not edit.
Deleting it only means that the last change can no longer be undone."""


@dataclass(frozen=True)
class UndoStep:
    """What `undo` can put back: the text before the change, and what the change was."""

    before: bytes  # the network file's bytes before the change (with its byte-order mark)
    written: str  # the SHA-256 (hex) of the bytes the change wrote
    summary: str  # what the change did, as netzwerk said it then
    day: dt.date  # the day of the change (the run's today)
    undone: bool = False  # whether this step is the undoing of an earlier change


def digest(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def undo_path(network_file: Path) -> Path:
    """The undo record of a network file: `.network.toml.undo` beside it."""
    return record_path(network_file, UNDO)


def read_undo(network_file: Path) -> UndoStep | None:
    """The undo record of `network_file`; None if netzwerk has not changed the file yet."""
    path = undo_path(network_file)
    kept = _damaged_if(path, record_text)
    if kept is None:
        return None
    document = _damaged_if(path, lambda _: parse_record(path, kept))
    try:
        text = document["before"]
        written, summary = document["written"], document["summary"]
        day, bom, undone = (
            document["day"],
            document.get("bom", False),
            document.get("undone", False),
        )
        if not (
            isinstance(text, str)
            and isinstance(written, str)
            and isinstance(summary, str)
            and isinstance(day, dt.date)
            and not isinstance(day, dt.datetime)
            and isinstance(bom, bool)
            and isinstance(undone, bool)
        ):
            raise TypeError
    except (KeyError, TypeError):
        raise _damaged(path) from None
    before = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    return UndoStep(before, written, summary, day, undone)


def write_undo(network_file: Path, step: UndoStep, *, network_name: str) -> None:
    """Replace the undo record of `network_file` with `step`."""
    bom = step.before.startswith(b"\xef\xbb\xbf")
    document = {
        "summary": step.summary,
        "day": step.day,
        "undone": step.undone,
        "written": step.written,
        "bom": bom,
        "before": step.before[3 if bom else 0 :].decode("utf-8"),
    }
    about = _ABOUT.format(name=network_name or network_file.name, summary=step.summary)
    write_record(undo_path(network_file), document, about=about, private=True)


def write_with_undo(network_file: Path, data: bytes, step: UndoStep, *, network_name: str) -> None:
    """Keep `step` in the undo record, then write `data` to the network file; if that write
    fails, the record as it was before (none, if there was none), and the error raised."""
    import contextlib

    from netzwerk_cli.errors import NetzwerkError
    from netzwerk_cli.file.fileio import write_atomically

    path = undo_path(network_file)
    try:
        kept = record_text(path)
    except RecordError:  # a damaged record is replaced, never in the way of a change
        kept = None
    write_undo(network_file, step, network_name=network_name)
    try:
        write_atomically(network_file, data)
    except BaseException:
        with contextlib.suppress(OSError, NetzwerkError):
            if kept is None:
                path.unlink()
            else:
                write_atomically(path, kept.encode("utf-8"), private=True)
        raise


def _damaged(path: Path) -> RecordError:
    return RecordError(
        fact(
            N_(
                "{path}: the undo record is damaged; delete it (only the last change can then "
                "no longer be undone)"
            ),
            path=path,
        )
    )


def _damaged_if(path: Path, read: Callable[[Path], T]) -> T:
    """`read(path)`, with a damaged record said in the undo record's words."""
    try:
        return read(path)
    except RecordError:
        raise _damaged(path) from None
