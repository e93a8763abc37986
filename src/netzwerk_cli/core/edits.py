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


@dataclass(frozen=True)
class AddSubTable:
    """A new `[[array.sub]]` table (a meeting's agenda item) in the array's table number `index`
    (from 0), at position `at` among that entry's `sub` tables (0: first; their count: last)."""

    array: str
    index: int
    sub: str
    at: int
    values: Mapping[str, TomlValue]


@dataclass(frozen=True)
class RemoveSubTable:
    """Take the `sub` table number `number` (from 0) of the array's table number `index` out:
    its header, its keys and the comments among them."""

    array: str
    index: int
    sub: str
    number: int

    @property
    def values(self) -> Mapping[str, TomlValue]:
        """No value is set."""
        return {}


@dataclass(frozen=True)
class MoveSubTable:
    """Move the `sub` table number `number` (from 0) of the array's table number `index` to
    position `to` among them, with its comments, as written."""

    array: str
    index: int
    sub: str
    number: int
    to: int

    @property
    def values(self) -> Mapping[str, TomlValue]:
        """No value is set."""
        return {}


@dataclass(frozen=True)
class Edits:
    """Several edits, made one after the other (a proposed topic taken onto an agenda: the item
    added, the topic taken out)."""

    edits: tuple[AddTable | SetKeys | RemoveTable | SetTableKeys | AddSubTable | RemoveSubTable
                 | MoveSubTable, ...]  # fmt: skip

    @property
    def values(self) -> Mapping[str, TomlValue]:
        """The values the edits set, together."""
        found: dict[str, TomlValue] = {}
        for edit in self.edits:
            found.update(edit.values)
        return found


Edit = (
    AddTable
    | SetKeys
    | RemoveTable
    | SetTableKeys
    | AddSubTable
    | RemoveSubTable
    | MoveSubTable
    | Edits
)
