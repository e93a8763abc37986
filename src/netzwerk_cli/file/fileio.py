"""Writing files so that a crash leaves either the old or the new content, never a mix."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from netzwerk_cli.errors import WriteError
from netzwerk_cli.message import N_, fact


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: temporary file in the same folder, fsync, rename.

    An existing file's permission bits are kept; a new file gets the usual mode (0666 less umask).
    On any failure nothing is left behind and the original file is untouched.
    """
    folder = path.parent
    if not folder.is_dir():
        raise WriteError(
            fact(N_("{path}: the folder {folder} does not exist"), path=path, folder=folder)
        )
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
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
