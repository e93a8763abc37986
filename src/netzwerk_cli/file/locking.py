"""One writer at a time: an exclusive lock on a file beside the network file.

With `fcntl` the lock is an `flock` on `.NAME.lock`: the kernel drops it when the process ends,
however it ends, so a crash never leaves the network locked. The lock file itself stays (removing
it would let a third writer lock a new file while a second still holds the old one). Without
`fcntl` (Windows) the lock is the existence of that file, created exclusively and removed on
release; a crash can leave it behind, and the timeout message says how to clear it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from netzwerk_cli.errors import WriteError
from netzwerk_cli.message import N_, fact

# How long a second writer waits for the first before it gives up, in seconds.
LOCK_TIMEOUT = 10.0
POLL_INTERVAL = 0.02
HAS_FLOCK = sys.platform != "win32"


def lock_path(target: Path) -> Path:
    """The lock file of a network file: `.network.toml.lock` beside `network.toml`."""
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def writer_lock(target: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the writer lock of `target` for the block; `WriteError` after `timeout` seconds."""
    wait = LOCK_TIMEOUT if timeout is None else timeout
    if HAS_FLOCK:
        with _flock(target, wait):
            yield
    else:
        with _exclusive_file(target, wait):
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


@contextlib.contextmanager
def _flock(target: Path, wait: float) -> Iterator[None]:
    import fcntl

    try:
        fd = os.open(lock_path(target), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise _open_failed(target, exc) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _busy(target, wait) from None
                time.sleep(POLL_INTERVAL)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _exclusive_file(target: Path, wait: float) -> Iterator[None]:
    path = lock_path(target)
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
