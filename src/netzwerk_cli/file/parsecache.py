"""A large network file's parsed document, kept in the user's cache folder while the file is
unchanged, so that a cron job reading the same file every few minutes parses it once.

`tomllib` is pure Python in 3.11: a file of four centuries (5000 meetings, 1.4 MB) costs about as
much to parse as the whole start of the command framework, and most runs read a file that has not
changed since the run before. So, as Python keeps the bytecode of a module, this keeps what
`tomllib` made of a file: one slot per network file (named after its path) and Python (its cache
tag), holding the SHA-256 of the text it was made from, the SHA-256 of the JSON it holds, the
exact Python release that parsed it, and the document as JSON (read by the `json` module's C
parser in a tenth of the time). A slot whose digests or Python differ is parsed anew and
overwritten: editing the file never shows an old document, and a damaged slot is never believed.

Texts under `SMALLEST` characters are always parsed (quicker than reading a slot); a text that is
not valid TOML is never kept (its error is said on every run). Slots are written 0600, a copy of
the user's own file. Like the holiday cache, the cache only ever saves time: a slot that is
missing, damaged, too large or unwritable is ignored silently, and a dry run (`keep=False`) reads
it but writes nothing.
"""

from __future__ import annotations

import datetime as dt
import sys
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

# Below this many characters (a network of a few districts and decades) tomllib parses the text
# faster than a slot can be read.
SMALLEST = 64 * 2**10
# Part of a slot's name: raise it when the stored form changes.
FORMAT = 1
# The stored form of a date, time or date-time: a one-key object, `{"$toml": [kind, ISO text]}`.
# A document with a table that has this key itself is not kept (see `_encode`).
_TAG = "$toml"
_KINDS: dict[str, Callable[[str], Any]] = {
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
}


def parse_toml(text: str, *, path: Path, folder: Path | None, keep: bool = True) -> dict[str, Any]:
    """What `tomllib.loads(text)` returns for the network file at `path`, from the cache in
    `folder` when the text is unchanged; raises what `tomllib.loads` raises."""
    if folder is None or len(text) < SMALLEST:
        return tomllib.loads(text)
    import hashlib

    slot = folder / f"parsed-{_path_key(path)}-{sys.implementation.cache_tag}-v{FORMAT}.json"
    source = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = _read(slot, source, most=4 * len(text) + 2**10)
    if document is not None:
        return document
    document = tomllib.loads(text)
    if keep:
        _write(slot, source, document)
    return document


def _path_key(path: Path) -> str:
    """A short name for the network file's slot, from its absolute path."""
    import hashlib

    return hashlib.sha256(str(path.absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _head(source: str, body: bytes) -> str:
    """A slot's first line: the digests of the text it was parsed from and of the JSON below it,
    and the Python that parsed it (tomllib's grammar follows Python's release: TOML 1.1 in later
    ones; even a bug-fix release could change what it makes of a text)."""
    import hashlib

    python = " ".join(sys.version.split())
    return f"{source} {hashlib.sha256(body).hexdigest()} {python}"


def _read(slot: Path, source: str, *, most: int) -> dict[str, Any] | None:
    """The document in `slot` if it was made from the text with the digest `source`, by this
    Python, and is whole (its own digest holds); None otherwise."""
    import json

    from netzwerk_cli.file.fileio import Unreadable, read_bounded

    try:
        data = read_bounded(slot, most=most)
        head, _, body = data.partition(b"\n")
        if head.decode("utf-8") != _head(source, body):  # another text, Python or a damaged body
            return None
        document = json.loads(body, object_hook=_decode_tagged)
    # Missing, damaged or not ours; nested beyond what json reads (tomllib refuses those too).
    except (Unreadable, ValueError, KeyError, TypeError, RecursionError):
        return None
    return document if isinstance(document, dict) else None


def _write(slot: Path, source: str, document: Mapping[str, Any]) -> None:
    """Keep `document` in `slot` (readable by the user alone, like a copy of their file), unless
    it cannot be stored exactly; any failure is ignored."""
    from netzwerk_cli.errors import WriteError
    from netzwerk_cli.file.fileio import write_atomically

    text = _encode(document)
    if text is None:
        return
    body = text.encode("utf-8")
    try:
        slot.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(slot, _head(source, body).encode("utf-8") + b"\n" + body, private=True)
    except (OSError, WriteError):
        return


def _encode(document: Mapping[str, Any]) -> str | None:
    """The document as JSON, or None if reading that JSON back would not give the same document
    (a table with the key "$toml", a float that is not a number)."""
    import json

    def tagged(value: object) -> dict[str, list[str]]:
        if isinstance(value, dt.datetime):  # first: a datetime is a date too
            return {_TAG: ["datetime", value.isoformat()]}
        if isinstance(value, dt.date):
            return {_TAG: ["date", value.isoformat()]}
        if isinstance(value, dt.time):
            return {_TAG: ["time", value.isoformat()]}
        raise TypeError  # json's way to refuse a value; caught below, never said to anyone

    try:
        body = json.dumps(document, default=tagged, ensure_ascii=False, separators=(",", ":"))
        same = json.loads(body, object_hook=_decode_tagged) == document
    except (TypeError, ValueError, KeyError, RecursionError):
        return None
    return body if same else None


def _decode_tagged(value: dict[str, Any]) -> Any:
    if len(value) == 1 and _TAG in value:
        kind, text = value[_TAG]
        return _KINDS[kind](text)
    return value
