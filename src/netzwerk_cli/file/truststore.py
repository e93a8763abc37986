"""The user's trust store: which network files' server settings this user trusts, as they were.

One TOML file in the user's own config folder (`$XDG_CONFIG_HOME/netzwerk/trusted.toml`, else
`~/.config/netzwerk/trusted.toml`; the platform's config folder on Windows and macOS), never
beside the network file: the file travels, the trust stays with the user who gave it. Each entry
is a file's resolved absolute path and a digest per setting (`core/trust.py`). It is read through
one bounded reader (a regular file of at most `MAX_STORE_BYTES`), written atomically under a
lock, and a damaged store is an error, never silently started anew.
"""

from __future__ import annotations

import contextlib
import re
import sys
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.message import N_, Message, fact

STORE_NAME = "trusted.toml"
# Thousands of network files' entries fit in a few hundred kilobytes.
MAX_STORE_BYTES = 2**20
FORMAT = 1
_DIGEST = re.compile(r"[0-9a-f]{64}")
_KEY = re.compile(r"[a-z]+\.[A-Za-z0-9_-]+")

Trusted = dict[str, dict[str, str]]  # resolved path -> {`table.key`: digest}


class TrustStoreError(NetzwerkError):
    """The trust store cannot be found, read or written, or is damaged."""


def config_folder(environ: Mapping[str, str], *, platform: str = sys.platform) -> Path | None:
    """netzwerk's folder in the user's config folder; None if none can be named."""
    if platform in ("win32", "darwin"):
        import platformdirs  # only there: on Linux and the BSDs the XDG rule below is the rule

        return Path(platformdirs.user_config_dir("netzwerk", appauthor=False))
    base = environ.get("XDG_CONFIG_HOME")
    if base and Path(base).is_absolute():  # a relative one is to be ignored (XDG spec)
        return Path(base) / "netzwerk"
    home = environ.get("HOME")
    if home:
        return Path(home) / ".config" / "netzwerk"
    return None


def store_path(environ: Mapping[str, str]) -> Path:
    """The trust store's path; a `TrustStoreError` if the config folder cannot be named."""
    folder = config_folder(environ)
    if folder is None:
        raise TrustStoreError(
            fact(
                N_(
                    "cannot find your config folder, where netzwerk keeps what you trust: set "
                    "HOME or XDG_CONFIG_HOME"
                )
            )
        )
    return folder / STORE_NAME


def file_key(network_file: Path) -> str:
    """The network file as the store names it: its resolved absolute path (a link and its
    target are one file; a copy elsewhere is another)."""
    return str(network_file.resolve())


def read_trusted(store: Path) -> Trusted:
    """Every entry of the store; none if there is no store yet."""
    data = _read_bounded(store)
    if data is None:
        return {}
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        why = fact(N_("byte {byte} is not UTF-8"), byte=exc.start + 1)
        raise TrustStoreError(_damaged(store, why)) from None
    except tomllib.TOMLDecodeError as exc:
        from netzwerk_cli.file.tomlreasons import toml_problem

        # tomllib's reason in the reader's language, with its place.
        found = toml_problem(exc)
        why = fact(N_("{place}: {reason}"), place=found.place(store.name), reason=found.reason)
        raise TrustStoreError(_damaged(store, why)) from None
    return _entries(store, document)


def trusted_settings(store: Path, network_file: Path) -> dict[str, str] | None:
    """The digests this user trusted for `network_file`; None if never (or revoked)."""
    return read_trusted(store).get(file_key(network_file))


def remember(store: Path, network_file: Path, recorded: Mapping[str, str]) -> None:
    """Record that the user trusts these settings' digests for `network_file`."""
    with _changing(store) as entries:
        entries[file_key(network_file)] = dict(recorded)


def forget(store: Path, network_file: Path) -> bool:
    """Forget the trust of `network_file`; whether there was one."""
    if file_key(network_file) not in read_trusted(store):
        return False
    with _changing(store) as entries:
        return entries.pop(file_key(network_file), None) is not None


@contextlib.contextmanager
def _changing(store: Path) -> Iterator[Trusted]:
    """Read, change and write the store under its lock: `with _changing(store) as entries:`."""
    from netzwerk_cli.file.locking import writer_lock

    try:  # a folder only the user may read or change: a trust is the user's alone
        store.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise TrustStoreError(
            fact(N_("{path}: cannot create the folder: {why}"), path=store.parent, why=exc.strerror)
        ) from None
    with writer_lock(store):
        entries = read_trusted(store)
        yield entries
        _write(store, entries)


def _write(store: Path, entries: Trusted) -> None:
    import tomli_w

    from netzwerk_cli.file.fileio import write_atomically

    header = (
        "# The network files whose server settings you trust (`netzwerk trust`): each file's\n"
        "# path and a digest of each setting's value. Written by netzwerk; `netzwerk trust\n"
        "# --revoke` forgets a file.\n\n"
    )
    document = {"format": FORMAT, "files": {path: entries[path] for path in sorted(entries)}}
    write_atomically(store, (header + tomli_w.dumps(document)).encode("utf-8"))


def _entries(store: Path, document: Mapping[str, Any]) -> Trusted:
    """The store's entries, each checked: anything else in the file makes it damaged."""
    if document.get("format") != FORMAT:
        raise TrustStoreError(
            _damaged(
                store,
                fact(
                    N_("format {found}, expected {expected}"),
                    found=repr(document.get("format")),
                    expected=FORMAT,
                ),
            )
        )
    files = document.get("files", {})
    unknown = set(document) - {"format", "files"}
    if unknown or not isinstance(files, dict):
        raise TrustStoreError(_damaged(store, fact(N_("unexpected content"))))
    entries: Trusted = {}
    for path, settings in files.items():
        if not Path(path).is_absolute() or not isinstance(settings, dict):
            raise TrustStoreError(_damaged(store, fact(N_("bad entry {entry}"), entry=repr(path))))
        for key, digest in settings.items():
            if (
                not _KEY.fullmatch(key)
                or not isinstance(digest, str)
                or not _DIGEST.fullmatch(digest)
            ):
                raise TrustStoreError(
                    _damaged(store, fact(N_("bad entry {entry}"), entry=repr(f"{path}: {key}")))
                )
        entries[path] = dict(settings)
    return entries


def _read_bounded(store: Path) -> bytes | None:
    """The store's bytes, None if it does not exist, through the one door of every file read
    (`fileio.read_bounded`): a regular file of at most MAX_STORE_BYTES, opened without blocking."""
    from netzwerk_cli.file.fileio import Unreadable, read_bounded

    try:
        return read_bounded(store, most=MAX_STORE_BYTES)
    except Unreadable as exc:
        if exc.missing:
            return None
        if exc.why.msgid == N_("cannot be read: {why}"):  # the system's reason: no damage
            raise TrustStoreError(exc.text) from None
        # A folder, a pipe, a device or a file too large in its place: no store netzwerk wrote.
        raise TrustStoreError(_damaged(store, exc.why)) from None


def _damaged(store: Path, why: str | Message) -> Message:
    return fact(
        N_(
            "{path}: the trust store is damaged ({why}); delete it and trust your network files "
            "again (netzwerk trust -f FILE)"
        ),
        path=store,
        why=why,
    )
