"""One writer at a time: exclusive locks in one file beside the network file.

With `fcntl` each lock is a POSIX record lock on one byte of `.NAME.lock`: byte 0 for changing
the network file itself, one byte each for the records whose writers may take long (the
invitations sent, the events published, the answers read), so that sending mail or publishing
never keeps an edit waiting, yet every lock of a network lives in that one file. The kernel drops
a lock when the process ends, however it ends, so a crash never leaves the network locked. The
lock file itself stays (removing it would let a third writer lock a new file while a second still
holds the old one). Without `fcntl` (Windows) a lock is the existence of a file, created
exclusively and removed on release; a crash can leave it behind, and the timeout message says how
to clear it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from netzwerk_cli.errors import WriteError
from netzwerk_cli.message import N_, fact

# How long a second writer waits for the first before it gives up, in seconds.
LOCK_TIMEOUT = 10.0
POLL_INTERVAL = 0.02
HAS_FLOCK = sys.platform != "win32"
# The byte of the lock file that each part of a network's writing holds (see the docstring): the
# network file itself (None) and the records by their names (`file.records`, `file.answered`).
PARTS: dict[str | None, int] = {None: 0, "sent": 1, "published": 2, "replies": 3}


def lock_path(target: Path) -> Path:
    """The lock file of a network file: `.network.toml.lock` beside `network.toml`."""
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def writer_lock(
    target: Path, *, part: str | None = None, timeout: float | None = None
) -> Iterator[None]:
    """Hold the writer lock of `target` (of its record `part`, if given) for the block;
    `WriteError` after `timeout` seconds. Through a symbolic link, the file it points to is
    locked: every link to one network shares its locks, as it shares its records."""
    wait = LOCK_TIMEOUT if timeout is None else timeout
    real = target.resolve() if target.is_symlink() else target
    if HAS_FLOCK:
        with _record_lock(real, PARTS[part], wait):
            yield
    else:
        with _exclusive_file(real, part, wait):
            yield


def _busy(target: Path, wait: float, stale: Path | None = None) -> WriteError:
    busy = fact(
        N_(
            "another netzwerk command is changing {path}; try again "
            "(waited {seconds} s for its lock {lock})"
        ),
        path=target,
        seconds=f"{wait:g}",
        lock=lock_path(target),
    )
    if stale is not None:
        busy = fact(
            N_("{busy}; if no netzwerk command is running, delete {lock}"), busy=busy, lock=stale
        )
    return WriteError(busy)


def _open_failed(target: Path, exc: OSError) -> WriteError:
    return WriteError(
        fact(
            N_("{path}: cannot create the lock file {lock}: {why}"),
            path=target,
            lock=lock_path(target),
            why=exc.strerror,
        )
    )


# The lock files this process has open, with how many of its locks use each, and the bytes it
# holds. POSIX record locks belong to the process, not to a descriptor: a second lock of a byte the
# process holds would be granted at once, and closing any descriptor of the file would drop every
# lock on it. So the process keeps one descriptor per lock file while it holds a lock there, and
# refuses itself a byte it holds (another thread, or a command run inside a test), as the kernel
# refuses it to other processes.
_open: dict[Path, list[int]] = {}  # lock file -> [descriptor, locks held through it]
_held: set[tuple[Path, int]] = set()
_guard = threading.Lock()


@contextlib.contextmanager
def _record_lock(target: Path, byte: int, wait: float) -> Iterator[None]:
    path = lock_path(target)
    deadline = time.monotonic() + wait
    while not _try_lock(target, path, byte):
        if time.monotonic() >= deadline:
            raise _busy(target, wait)
        time.sleep(POLL_INTERVAL)
    try:
        yield
    finally:
        _unlock(path, byte)


def _try_lock(target: Path, path: Path, byte: int) -> bool:
    """Take `byte` of the lock file `path` if no one holds it; whether it was taken."""
    import errno
    import fcntl

    with _guard:
        if (path, byte) in _held:
            return False
        if path not in _open:
            try:
                _open[path] = [os.open(path, os.O_RDWR | os.O_CREAT, 0o666), 0]
            except OSError as exc:
                raise _open_failed(target, exc) from None
        entry = _open[path]
        try:
            fcntl.lockf(entry[0], fcntl.LOCK_EX | fcntl.LOCK_NB, 1, byte, os.SEEK_SET)
        except OSError as exc:
            if entry[1] == 0:
                os.close(_open.pop(path)[0])
            if exc.errno in (errno.EACCES, errno.EAGAIN):
                return False
            raise _open_failed(target, exc) from None
        entry[1] += 1
        _held.add((path, byte))
        return True


def _unlock(path: Path, byte: int) -> None:
    import fcntl

    with _guard:
        entry = _open[path]
        try:
            fcntl.lockf(entry[0], fcntl.LOCK_UN, 1, byte, os.SEEK_SET)
        finally:
            _held.discard((path, byte))
            entry[1] -= 1
            if entry[1] == 0:
                os.close(_open.pop(path)[0])


@contextlib.contextmanager
def _exclusive_file(target: Path, part: str | None, wait: float) -> Iterator[None]:
    # A file per part: each exists only while its lock is held.
    path = lock_path(target) if part is None else target.with_name(f".{target.name}.{part}.lock")
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            if time.monotonic() >= deadline:
                raise _busy(target, wait, path) from None
            time.sleep(POLL_INTERVAL)
        except OSError as exc:
            raise _open_failed(target, exc) from None
    try:
        os.write(fd, f"{os.getpid()}\n".encode())
    finally:
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
