"""Each edit made on the network file's lines: tables added and removed, keys set, agenda items
added, taken out and moved.

Pure: lines in, lines out. The lines are cut at what the small scanner of `file.tomlscan` finds;
the new lines are rendered by `file.tomlrender`, indented and set apart as the file's own. What
the file's form does not allow is refused with a `CommandError`; `file.tomledit` proves each
result.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from netzwerk_cli.core.edits import (
    AddSubTable,
    AddTable,
    MoveSubTable,
    RemoveSubTable,
    RemoveTable,
    SetKeys,
    SetTableKeys,
    TomlValue,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.file.tomlrender import render_line, render_table, render_value
from netzwerk_cli.file.tomlscan import KeyLine, TableLines, body_of, scan, split_lines
from netzwerk_cli.message import N_, fact


def _arrays(tables: list[TableLines], array: str) -> list[TableLines]:
    return [t for t in tables if t.is_array and t.name == array]


def _end_of(table: TableLines) -> int:
    """The line after the table's last key (or after its header): where new lines go."""
    return (table.keys[-1].last if table.keys else table.header) + 1


def _within(tables: list[TableLines], table: TableLines) -> list[TableLines]:
    """The tables written within an entry (a meeting's `[[meetings.agenda]]`): those after its
    header whose names go on from its name, up to the next table that does not."""
    at = tables.index(table)
    found = []
    for other in tables[at + 1 :]:
        if other.name is None or not other.name.startswith(f"{table.name}."):
            break
        found.append(other)
    return found


def _entry_end(tables: list[TableLines], table: TableLines) -> int:
    """The line after an entry's last key, the keys of the tables within it included."""
    within = _within(tables, table)
    return _end_of(within[-1] if within else table)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def add_table(lines: list[str], tables: list[TableLines], edit: AddTable, nl: str) -> list[str]:
    """A new `[[array]]` table after the last of its kind (and the tables within it), indented as
    that one; the file's first at its end."""
    existing = _arrays(tables, edit.array)
    if not existing:
        out = list(lines)  # apply_edit gave the last line its newline
        if out and body_of(out[-1]).strip():
            out.append(nl)
        out.extend(split_lines(render_table(edit.array, edit.values, nl=nl)))
        return out
    last = existing[-1]
    head_indent = _indent(lines[last.header])
    key_indent = _indent(lines[last.keys[-1].first]) if last.keys else head_indent
    block = [nl, f"{head_indent}[[{edit.array}]]{nl}"]
    block += [f"{key_indent}{render_line(k, v)}{nl}" for k, v in edit.values.items()]
    at = _entry_end(tables, last)  # after the agenda of the last meeting
    if at < len(lines) and body_of(lines[at]).strip():
        block.append(nl)
    return lines[:at] + block + lines[at:]


def _entry(tables: list[TableLines], edit: SetKeys | RemoveTable) -> TableLines:
    entries = _arrays(tables, edit.array)
    if not 0 <= edit.index < len(entries):
        raise CommandError(
            fact(
                N_("the file has no {array} number {number}"),
                array=edit.array,
                number=edit.index + 1,
            )
        )
    return entries[edit.index]


def remove_table(lines: list[str], tables: list[TableLines], edit: RemoveTable) -> list[str]:
    """An entry's lines taken out, its tables within and the blank lines that set it apart."""
    table = _entry(tables, edit)
    end = _entry_end(tables, table)  # its agenda goes with a meeting
    while end < len(lines) and not body_of(lines[end]).strip():
        end += 1
    start = table.header
    if end == len(lines):
        # The last table of the file: the blank lines that set it apart go with it.
        while start > 0 and not body_of(lines[start - 1]).strip():
            start -= 1
    return lines[:start] + lines[end:]


def sub_edit(
    lines: list[str],
    tables: list[TableLines],
    document: Mapping[str, Any],
    edit: AddSubTable | RemoveSubTable | MoveSubTable,
    nl: str,
) -> list[str]:
    """An agenda item added, taken out or moved: the `[[array.sub]]` tables of one entry."""
    entry = _entry(tables, SetKeys(edit.array, edit.index, {}))
    name = f"{edit.array}.{edit.sub}"
    subs = [t for t in _within(tables, entry) if t.name == name]
    written = document[edit.array][edit.index].get(edit.sub, [])
    if not isinstance(written, list) or len(subs) != len(written):
        raise CommandError(
            fact(
                N_(
                    "the file writes this entry's {array} not as [[{array}]] tables; netzwerk "
                    "changes only [[{array}]] tables, so nothing was written"
                ),
                array=name,
            )
        )
    if isinstance(edit, AddSubTable):
        # Indented as the entry's other items are, else as the entry itself.
        model = subs[0] if subs else entry
        head = _indent(lines[model.header])
        keys = _indent(lines[model.keys[0].first]) if model.keys else head
        block = [f"{head}[[{name}]]{nl}"]
        block += [f"{keys}{render_line(k, v)}{nl}" for k, v in edit.values.items()]
        return _insert_sub(lines, entry, subs, edit.at, block, nl, spaced=_spaced(lines, subs))
    gone = subs[edit.number]
    start, end = gone.header, _end_of(gone)
    followed = edit.number + 1 < len(subs)  # another item of the entry comes after it
    if isinstance(edit, RemoveSubTable):
        return _cut(lines, start, end, followed=followed)
    block = lines[start:end]
    rest = _cut(lines, start, end, followed=followed)
    rescanned = scan(rest)
    entry = _entry(rescanned, SetKeys(edit.array, edit.index, {}))
    spaced = _spaced(lines, subs)  # as the items were set apart before one was taken out
    subs = [t for t in _within(rescanned, entry) if t.name == name]
    return _insert_sub(rest, entry, subs, edit.to, block, nl, spaced=spaced)


def _cut(lines: list[str], start: int, end: int, *, followed: bool) -> list[str]:
    """The lines without [start, end); the blank lines after them go too where a blank line
    before them stays to set apart what follows (items written with a blank line between), or
    where the next item takes their place (`followed`)."""
    blank_before = start > 0 and not body_of(lines[start - 1]).strip()
    if blank_before or followed or end == len(lines):
        while end < len(lines) and not body_of(lines[end]).strip():
            end += 1
        if end == len(lines):
            while start > 0 and not body_of(lines[start - 1]).strip():
                start -= 1
    return lines[:start] + lines[end:]


def _spaced(lines: list[str], subs: list[TableLines]) -> bool:
    """Whether an entry's items are set apart by blank lines: from one another, else the first
    from the entry's keys."""
    model = subs[1] if len(subs) > 1 else subs[0] if subs else None
    return model is not None and not body_of(lines[model.header - 1]).strip()


def _insert_sub(
    lines: list[str],
    entry: TableLines,
    subs: list[TableLines],
    at: int,
    block: list[str],
    nl: str,
    *,
    spaced: bool,
) -> list[str]:
    """`block` (a sub-table's lines) put at position `at` among `subs`: after the one before it,
    or after the entry's own keys; set apart by a blank line if `spaced`."""
    if at == 0 and subs:  # first: where the first was, set apart from it as the items are
        after = subs[0].header
        block = [*block, nl] if spaced else block
    else:
        after = _end_of(subs[at - 1]) if at > 0 else _end_of(entry)
        block = [nl, *block] if spaced else block
    return lines[:after] + block + lines[after:]


def set_keys(lines: list[str], tables: list[TableLines], edit: SetKeys, nl: str) -> list[str]:
    """Keys of one `[[array]]` entry set or taken out."""
    return _set_in(lines, _entry(tables, edit), edit.values, nl, remove=edit.remove)


def set_table_keys(
    lines: list[str], tables: list[TableLines], edit: SetTableKeys, nl: str
) -> list[str]:
    """Keys of a `[table]` set, such as [network]'s; a new key after the last key's comment."""
    found = [t for t in tables if t.name == edit.table and not t.is_array]
    if len(found) != 1:
        raise CommandError(
            fact(
                N_(
                    "the file writes no [{table}] table on its own lines, which netzwerk "
                    "changes; nothing was written"
                ),
                table=edit.table,
            )
        )
    # A comment that goes on below the last key's line, indented as in the starter file, is the
    # key's: a new key goes after it.
    end = _end_of(found[0])
    while end < len(lines) and re.match(r"[ \t]+#", lines[end]):
        end += 1
    return _set_in(lines, found[0], edit.values, nl, end=end)


def _set_in(
    lines: list[str],
    table: TableLines,
    values: Mapping[str, TomlValue],
    nl: str,
    *,
    end: int | None = None,
    remove: tuple[str, ...] = (),
) -> list[str]:
    """The lines with `values` set in `table`: each key's value replaced, or a new line added
    (at `end`, else after the table's last key)."""
    by_name = {key.name: key for key in table.keys if key.name is not None}
    replaced: dict[int, tuple[int, str]] = {}
    for name in remove:
        if (gone := by_name.get(name)) is not None:
            replaced[gone.first] = (gone.last, "")
    added: list[str] = []
    indent = _indent(lines[table.keys[-1].first]) if table.keys else _indent(lines[table.header])
    for name, value in values.items():
        key = by_name.get(name)
        if key is None:
            added.append(f"{indent}{render_line(name, value)}{nl}")
            continue
        replaced[key.first] = (key.last, _replace_value(lines, key, render_value(value), nl))
    out: list[str] = []
    at = 0
    end = _end_of(table) if end is None else end
    while at <= len(lines):
        if at == end:
            out.extend(added)
        if at == len(lines):
            break
        if at in replaced:
            last, text = replaced[at]
            out.append(text)
            at = last + 1
            continue
        out.append(lines[at])
        at += 1
    return out


def _replace_value(lines: list[str], key: KeyLine, value: str, nl: str) -> str:
    """The key's line(s) as one line with the new value; the key as written and a comment stay."""
    first = lines[key.first]
    prefix = body_of(first)[: key.value_at]
    code = prefix + value
    last = body_of(lines[key.last])
    if key.comment_at is None:
        return code + nl
    # Keep the comment in its column if the new value leaves room, as aligned comments are common;
    # else keep the gap the coordinator left before it (two spaces at most).
    old_code = last[: key.comment_at]
    padding = len(old_code) - len(old_code.rstrip())
    least = min(padding, 2) or 1
    gap = key.comment_at - len(code) if key.first == key.last else padding
    return code + " " * (gap if gap >= least else least) + last[key.comment_at :] + nl
