"""The one door for reading a file, and writing files so that a crash leaves either the old or
the new content, never a mix.

Every file netzwerk reads (the network file, the records beside it, an earlier calendar or page
it compares with) comes in through `read_bounded`: a regular file only, opened without blocking,
and never more than a bound, so that a named pipe cannot hang a command and `/dev/zero` cannot
fill the memory. Each reader says the refusal in its own error, with the same reasons.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from netzwerk_cli.errors import NetzwerkError, WriteError
from netzwerk_cli.message import N_, Message, fact


class Unreadable(NetzwerkError):
    """A file `read_bounded` refused or could not read; `why` says why, without the path."""

    def __init__(
        self,
        path: Path,
        why: Message,
        *,
        missing: bool = False,
        folder: bool = False,
        irregular: bool = False,
        oversize: bool = False,
    ) -> None:
        super().__init__(fact(N_("{path}: {why}"), path=str(path), why=why))
        self.path = path
        self.why = why
        self.missing = missing
        self.folder = folder
        self.irregular = irregular  # a pipe, a device, a socket
        self.oversize = oversize


def read_bounded(
    path: Path, *, most: int, too_large: Callable[[int], Message] | None = None
) -> bytes:
    """The bytes of the regular file at `path`, at most `most` of them; `Unreadable` otherwise.

    A folder, a pipe, a device or a socket is refused at once: opening is non-blocking, so a FIFO
    without a writer cannot hang the command, and its kind is looked at before a byte is read.
    A file over `most` bytes is refused with `too_large(size)`, also one that grows while it is
    read (one byte more than allowed is all that is ever read).
    """
    too_large = too_large or (lambda size: _too_large(size, most))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise Unreadable(path, fact(N_("no such file")), missing=True) from None
    except IsADirectoryError:
        raise Unreadable(path, fact(N_("is a folder, not a file")), folder=True) from None
    except OSError as exc:
        raise Unreadable(path, fact(N_("cannot be read: {why}"), why=exc.strerror)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable(path, fact(N_("is a folder, not a file")), folder=True)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(path, _not_regular(info.st_mode), irregular=True)
        if info.st_size > most:
            raise Unreadable(path, too_large(info.st_size), oversize=True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(most + 1)
    except OSError as exc:
        raise Unreadable(path, fact(N_("cannot be read: {why}"), why=exc.strerror)) from None
    finally:
        os.close(fd)
    if len(data) > most:
        raise Unreadable(path, too_large(len(data)), oversize=True)
    return data


def _too_large(size: int, most: int) -> Message:
    return fact(
        N_("is {size} MiB, more than the {most} MiB netzwerk reads of it"),
        size=f"{size / 2**20:.1f}",
        most=f"{most / 2**20:g}",
    )


def _not_regular(mode: int) -> Message:
    kinds = (
        (stat.S_ISFIFO, N_("is a named pipe, not a regular file")),
        (stat.S_ISCHR, N_("is a device, not a regular file")),
        (stat.S_ISBLK, N_("is a device, not a regular file")),
        (stat.S_ISSOCK, N_("is a socket, not a regular file")),
    )
    return fact(next((kind for test, kind in kinds if test(mode)), N_("is not a regular file")))


def write_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    """Replace `path` with `data`: temporary file in the same folder, fsync, rename.

    An existing file's permission bits are kept and a new file gets the usual mode (0666 less
    umask), unless `private`: then the file is always 0600 (a copy of what the user's own files
    say, readable by the user alone).
    On any failure nothing is left behind and the original file is untouched.
    """
    import tempfile  # here, not at the top: every run reads through this module, few write

    folder = path.parent
    if not folder.is_dir():
        raise WriteError(
            fact(
                N_("{path}: the folder {folder} does not exist; create it first, or name another"),
                path=path,
                folder=folder,
            )
        )
    try:
        mode = 0o600 if private else stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise WriteError(
            fact(N_("{path}: cannot read its permissions: {why}"), path=path, why=exc.strerror)
        ) from exc
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(
            fact(
                N_("{path}: cannot write in {folder}: {why}"),
                path=path,
                folder=folder,
                why=exc.strerror,
            )
        ) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteError(
            fact(N_("{path}: cannot write: {why}"), path=path, why=exc.strerror)
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


def ensure_folder(path: Path, *, not_a_folder: Message, create: bool = True) -> bool:
    """Make `path` a folder netzwerk can write into; whether it is new (or, without `create`,
    a dry run, would be).

    The one rule for every folder netzwerk writes files into (`--outbox`, the folder of
    [publish], the folder of `export --output` and `remind --ics`): an existing folder is used, a
    missing one is created, but never its parents, so that a typo in a path is said, not made into
    folders. Something else in its place is refused with `not_a_folder`.
    """
    if path.is_dir():
        return False
    if path.exists() or path.is_symlink():
        raise WriteError(not_a_folder)
    parent = path.absolute().parent
    if not parent.is_dir():
        raise WriteError(
            fact(
                N_("{path}: the folder {folder} does not exist; create it first, or name another"),
                path=path,
                folder=parent,
            )
        )
    if create:
        try:
            path.mkdir()
        except OSError as exc:
            raise WriteError(
                fact(
                    N_("{path}: cannot create the folder: {why}"),
                    path=path,
                    why=exc.strerror or str(exc),
                )
            ) from None
    return True


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        pass
    finally:
        os.close(fd)
