"""The edits of the network file a change means, as values: what the change planner (`core/`)
decides and `file/tomledit.py` applies to the text, line by line. Pure data, no text surgery."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

TomlValue = (
    str
    | int
    | bool
    | dt.date
    | dt.datetime
    | dt.time
    | list[str]
    | list[dt.date]
    | list[list[dt.date]]
)


@dataclass(frozen=True)
class AddTable:
    """A new `[[array]]` table with these keys, in this order, after the array's last table."""

    array: str
    values: Mapping[str, TomlValue]


@dataclass(frozen=True)
class SetKeys:
    """Set keys of the array's table number `index` (from 0): replace their values, or add them;
    and take out the keys of `remove` (their lines go, with a comment on them)."""

    array: str
    index: int
    values: Mapping[str, TomlValue]
    remove: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemoveTable:
    """Take the array's table number `index` (from 0) out: its header, its keys and the comments
    among them, and the blank lines after it. Comments above its header stay: they may be about
    what comes before it or about the whole array."""

    array: str
    index: int

    @property
    def values(self) -> Mapping[str, TomlValue]:
        """No value is set (for the callers that look at what an edit writes)."""
        return {}


@dataclass(frozen=True)
class SetTableKeys:
    """Set keys of the table `[table]` (the network's settings): replace their values, or add
    them after its last key."""

    table: str
    values: Mapping[str, TomlValue]


Edit = AddTable | SetKeys | RemoveTable | SetTableKeys
