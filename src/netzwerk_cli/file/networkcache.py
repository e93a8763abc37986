"""A large network file as read and checked, kept in the user's cache folder while nothing it was
made from changes, so that a cron job reading the same file every few minutes reads it once.

`tomllib` is pure Python in 3.11, and checking a meeting builds a frozen dataclass of twelve
fields: a file of four centuries (5000 meetings, 1.4 MB) costs more to read than the whole start
of the command framework, and most runs read a file that has not changed since the run before. So,
as Python keeps the bytecode of a module, this keeps the `Network` that reading the file made: one
slot per network file (named after its path) and Python (its cache tag). A slot's first line says
what the network was made from: the SHA-256 of the text, the day (it decides the status of a
meeting that states none), the program (its release and the size and time of each of its modules,
so that a developer's edit counts as a new release does), the exact Python release (tomllib's
grammar follows it), and the SHA-256 of the body below it. A slot whose first line differs in
anything is read anew and overwritten: an edit of the file never shows an old network, another day
or release never an old reading, and a damaged slot is never believed.

The body is a pickle, which Python's C unpickler reads in a fraction of the time the reading
costs, read by an unpickler that admits nothing but a network (`file.networkpickle`). What it holds
is used as it is, so a slot is believed only when the user alone can have written it: no link,
the user's own, and neither it nor its folder writable by anyone else (`_owned_alone`).

Texts under `SMALLEST` characters are always read anew (see there); a file that is not a valid
network is never kept (its problems are said on every run). Slots are written 0600 in a
0700 folder: a copy of the user's own file. Like the holiday cache, the cache only ever saves time:
a slot that is missing, damaged, too large or unwritable is ignored silently, and a dry run
(`keep=False`) reads it but writes nothing. Not part of the key: the time zone data and
dateutil's release, which decide only which files are refused (a meeting time in a gap of the
clocks, a cadence); a file that a new release of them refuses is refused from its next edit or
day on, and until then `validate` passes it as it did.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netzwerk_cli.model import Network

# Below this many characters (a network of a few districts and decades) the text is read anew on
# every run: at most about 15 ms on the development machine, against some 3 ms for importing
# pickle and reading a slot. Only long histories are worth a file in the cache.
SMALLEST = 64 * 2**10
# Part of a slot's name: raise it when the stored form changes.
FORMAT = 2
# The permission bits that would let someone else write a slot or its folder (group, others).
_OTHERS_WRITE = 0o022


def cached_network(
    text: str,
    *,
    path: Path,
    folder: Path | None,
    today: dt.date,
    read: Callable[[str], Network],
    keep: bool = True,
) -> Network:
    """`read(text)`: the network that the text of the file at `path` is on `today`, from the cache
    in `folder` when nothing it was made from changed; raises what `read` raises."""
    if folder is None or len(text) < SMALLEST:
        return read(text)
    import hashlib

    slot = folder / f"network-{_path_key(path)}-{sys.implementation.cache_tag}-v{FORMAT}.pickle"
    try:
        made_from = _made_from(hashlib.sha256(text.encode("utf-8")).hexdigest(), today)
    except OSError:  # a module that vanished mid-upgrade, a package in a zip: no cache
        return read(text)
    network = _read(slot, made_from, most=4 * len(text) + 2**12)
    if network is not None:
        return network
    network = read(text)
    if keep:
        _write(slot, made_from, network)
    return network


def _path_key(path: Path) -> str:
    """A short name for the network file's slot, from its absolute path."""
    import hashlib

    return hashlib.sha256(str(path.absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _made_from(source: str, today: dt.date) -> str:
    """What a slot's network was made from (its first line, after the body's own digest)."""
    python = " ".join(sys.version.split())
    return f"{source} {today.isoformat()} {_program()} {python}"


def _program() -> str:
    """The program that reads network files: its release, and the size and modification time of
    each of its modules (as Python's bytecode cache tells an edited module)."""
    import hashlib
    import os

    from netzwerk_cli import __version__

    state = [__version__]
    folders = [str(Path(__file__).resolve().parent.parent)]
    while folders:  # os.scandir: a third of the time Path.rglob takes
        with os.scandir(folders.pop()) as entries:
            for entry in sorted(entries, key=lambda entry: entry.name):
                # Links are not followed: an editor's lock file `.#model.py` is a dangling one.
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    found = entry.stat(follow_symlinks=False)
                    state.append(f"{entry.path} {found.st_size} {found.st_mtime_ns}")
    return hashlib.sha256("\n".join(state).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _read(slot: Path, made_from: str, *, most: int) -> Network | None:
    """The network in `slot` if it is the user's own, was made from what `made_from` says and is
    whole (its own digest holds); None otherwise."""
    import hashlib

    from netzwerk_cli.file.fileio import Unreadable, read_bounded
    from netzwerk_cli.file.networkpickle import network_from_pickle

    if not (_owned_alone(slot.parent) and _owned_alone(slot)):
        return None
    try:
        data = read_bounded(slot, most=most)
        head, _, body = data.partition(b"\n")
        if head.decode("utf-8") != f"{hashlib.sha256(body).hexdigest()} {made_from}":
            return None
    except (Unreadable, UnicodeDecodeError):  # missing, damaged or not ours
        return None
    return network_from_pickle(body)


def _owned_alone(path: Path) -> bool:
    """Whether `path` is no link, belongs to this user, and no one else may write it.

    A slot is believed as Python believes its bytecode: the network in it is used as it is, so
    a slot that someone else could have written (a shared cache folder, a folder or slot made
    group- or world-writable) could give the commands a network that the file does not say,
    settings that `netzwerk trust` never showed included. Checked as ssh checks its keys; a
    folder that is the user's alone also keeps anyone else from swapping the slot after the
    check.
    """
    import os
    import stat

    try:
        found = path.lstat()
    except OSError:
        return False
    mode = found.st_mode
    return not stat.S_ISLNK(mode) and found.st_uid == os.geteuid() and not mode & _OTHERS_WRITE


def _write(slot: Path, made_from: str, network: Network) -> None:
    """Keep `network` in `slot` (readable by the user alone, like a copy of their file); any
    failure is ignored.

    The folder is made 0700, and made so again when it is the user's and others may write it
    (made by hand, or under a umask of 002, the default of many desktops, before the holiday cache
    made it 0700 too): no slot in it would ever be believed."""
    import hashlib
    import os

    from netzwerk_cli.errors import WriteError
    from netzwerk_cli.file.fileio import write_atomically
    from netzwerk_cli.file.networkpickle import network_pickle

    body = network_pickle(network)
    head = f"{hashlib.sha256(body).hexdigest()} {made_from}"
    try:
        slot.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder = slot.parent.lstat()
        if folder.st_uid == os.geteuid() and folder.st_mode & _OTHERS_WRITE:
            slot.parent.chmod(0o700)
        write_atomically(slot, head.encode("utf-8") + b"\n" + body, private=True)
    except (OSError, WriteError):
        return
