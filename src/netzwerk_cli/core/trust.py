"""Whether the settings of a network file that act outside it are trusted as they are now: pure.

A trust is what `netzwerk trust` recorded for one file: a digest of each such setting's value,
keyed by `table.key`. The digests are of the values, not of the file's text, so a new meeting or
a comment changes nothing, while any changed, added or removed setting does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from netzwerk_cli.servers import ServerSetting


def store_key(setting: ServerSetting) -> str:
    """The setting's key in the trust store: `mail.smtp_host`."""
    return f"{setting.table}.{setting.key}"


def setting_digest(setting: ServerSetting) -> str:
    """The SHA-256 of the setting's table, key and value (as JSON: `1` and `"1"` differ), and of
    the content of the file it names, where that is part of it (a certificate file)."""
    named = [setting.table, setting.key, setting.value]
    if setting.content is not None:
        named.append(setting.content)
    data = json.dumps(named, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def digests(settings: Iterable[ServerSetting]) -> dict[str, str]:
    """What `netzwerk trust` records for these settings."""
    return {store_key(s): setting_digest(s) for s in settings}


@dataclass(frozen=True)
class Distrust:
    """Why the settings are not trusted as they are: never trusted here (`never`), or which ones
    are new, changed or removed since the user trusted them."""

    never: bool
    new: tuple[ServerSetting, ...] = ()
    changed: tuple[ServerSetting, ...] = ()
    removed: tuple[str, ...] = ()  # names as in the file: `[mail] ca_file`


def distrust(
    settings: Iterable[ServerSetting],
    trusted: Mapping[str, str] | None,
    *,
    tables: Collection[str],
) -> Distrust | None:
    """None if the settings of `tables` are trusted as they are; else what is not.

    `trusted` is the user's record for this file (None: never trusted). Settings of other
    tables are not looked at: `invite` does not need the [publish] settings it never uses.
    """
    mine = [s for s in settings if s.table in tables]
    if trusted is None:
        return Distrust(never=True, new=tuple(mine)) if mine else None
    new = tuple(s for s in mine if store_key(s) not in trusted)
    changed = tuple(
        s for s in mine if store_key(s) in trusted and trusted[store_key(s)] != setting_digest(s)
    )
    present = {store_key(s) for s in mine}
    removed = tuple(
        f"[{table}] {key}"
        for table, _, key in (name.partition(".") for name in trusted)
        if table in tables and f"{table}.{key}" not in present
    )
    if new or changed or removed:
        return Distrust(never=False, new=new, changed=changed, removed=removed)
    return None


def shown_value(value: str | int | float | bool) -> str:
    """A value as TOML writes it, with every character that does not print escaped: a command or
    host cannot hide part of itself from the reader (bidi overrides, zero-width spaces)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return str(value)
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04X}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08X}")
    return '"' + "".join(out) + '"'


def shown(setting: ServerSetting) -> str:
    """`[mail] password_command = "pass show netzwerk/smtp"`."""
    return f"{setting.name} = {shown_value(setting.value)}"
