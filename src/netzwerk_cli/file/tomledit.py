"""Text surgery on the network file: change exactly the lines a command means to change.

Pure: text in, text out. A TOML library would give back the values but drop the coordinator's
comments, blank lines and quoting, so the text is cut at line boundaries instead, found by the
small scanner of `file.tomlscan`. The values written are rendered by tomli-w. `apply_edit` proves
its own result: the new text must parse to the old document with exactly the intended change, or
nothing comes back.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Mapping
from typing import Any

import tomli_w

from netzwerk_cli.core.edits import (
    AddSubTable,
    AddTable,
    Edit,
    Edits,
    MoveSubTable,
    RemoveSubTable,
    RemoveTable,
    SetKeys,
    SetTableKeys,
    TomlValue,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.file.tomlscan import KeyLine, TableLines, body_of, scan, split_lines
from netzwerk_cli.message import N_, fact

# The edits are declared in the core, which plans them; they are applied here.
__all__ = [
    "AddSubTable",
    "AddTable",
    "Edit",
    "Edits",
    "MoveSubTable",
    "RemoveSubTable",
    "RemoveTable",
    "SetKeys",
    "SetTableKeys",
    "TomlValue",
    "apply_edit",
    "split_lines",
]


def apply_edit(text: str, edit: Edit) -> str:
    """The text with `edit` made, everything else byte for byte as it was.

    Raises `CommandError` if the file's form does not allow the edit (meetings or members written
    as an inline array) or if the result would not be exactly the intended document.
    """
    if isinstance(edit, Edits):  # one after the other, each proven
        for each in edit.edits:
            text = apply_edit(text, each)
        return text
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CommandError(fact(N_("the file is not valid TOML: {why}"), why=str(exc))) from None
    # A file without a final newline keeps that; the surgery itself works on whole lines.
    open_end = bool(text) and not text.endswith("\n")
    nl = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    lines = split_lines(text + nl if open_end else text)
    tables = scan(lines)
    if isinstance(edit, SetTableKeys):
        result = _set_table_keys(lines, tables, edit, nl)
    elif isinstance(edit, AddTable):
        _check_form(tables, before, edit.array)
        result = _add_table(lines, tables, edit, nl)
    elif isinstance(edit, RemoveTable):
        _check_form(tables, before, edit.array)
        result = _remove_table(lines, tables, edit)
    elif isinstance(edit, AddSubTable | RemoveSubTable | MoveSubTable):
        _check_form(tables, before, edit.array)
        result = _sub_edit(lines, tables, before, edit, nl)
    else:
        _check_form(tables, before, edit.array)
        result = _set_keys(lines, tables, edit, nl)
    new = "".join(result)
    if open_end and new.endswith(nl):
        new = new[: -len(nl)]
    _prove(new, intended_document(before, edit))
    return new


def intended_document(document: Mapping[str, Any], edit: Edit) -> dict[str, Any]:
    """The parsed document as it must be after `edit`: the check on every surgery's result."""
    after = copy.deepcopy(dict(document))
    if isinstance(edit, SetTableKeys):
        after[edit.table] = {**after.get(edit.table, {}), **edit.values}
    elif isinstance(edit, AddTable):
        after.setdefault(edit.array, []).append(dict(edit.values))
    elif isinstance(edit, RemoveTable):
        del after[edit.array][edit.index]
        if not after[edit.array]:
            del after[edit.array]  # no [[array]] table left: the text has no such key
    elif isinstance(edit, AddSubTable):
        after[edit.array][edit.index].setdefault(edit.sub, []).insert(edit.at, dict(edit.values))
    elif isinstance(edit, RemoveSubTable):
        entry = after[edit.array][edit.index]
        del entry[edit.sub][edit.number]
        if not entry[edit.sub]:
            del entry[edit.sub]
    elif isinstance(edit, MoveSubTable):
        subs = after[edit.array][edit.index][edit.sub]
        subs.insert(edit.to, subs.pop(edit.number))
    elif isinstance(edit, Edits):
        for each in edit.edits:
            after = intended_document(after, each)
    else:
        after[edit.array][edit.index].update(edit.values)
        for key in edit.remove:
            after[edit.array][edit.index].pop(key, None)
    return after


def render_table(array: str, values: Mapping[str, TomlValue], *, nl: str = "\n") -> str:
    """A `[[array]]` table as text, one `key = value` line per key, as tomli-w renders each."""
    # tomli-w would write a short array of tables inline (`meetings = [{...}]`), which the file
    # format's readers could not edit by hand as easily: so the header is ours, the values its.
    body = "".join(f"{render_line(key, value)}{nl}" for key, value in values.items())
    return f"[[{array}]]{nl}{body}"


def render_line(key: str, value: TomlValue) -> str:
    """One `key = value` line (without its newline) as tomli-w writes it; a list on one line,
    as people write a short one (`attended = ["HEF", "WAK"]`), where tomli-w would take one line
    per item."""
    if isinstance(value, list):
        items = ", ".join(_render_value(item) for item in value)
        return f"{render_line(key, '')[:-2]}[{items}]"
    return tomli_w.dumps({key: value}).rstrip("\n")


def _render_value(value: TomlValue) -> str:
    line = render_line("v", value)
    return line[len("v = ") :]


def _check_form(tables: list[TableLines], document: Mapping[str, Any], array: str) -> None:
    """Refuse to edit an array the text does not write as `[[array]]` tables, one per entry."""
    headers = sum(1 for t in tables if t.is_array and t.name == array)
    entries = document.get(array, [])
    if isinstance(entries, list) and headers == len(entries):
        return
    raise CommandError(
        fact(
            N_(
                "the file writes its {array} as `{array} = [...]`, not as [[{array}]] tables; "
                "netzwerk changes only [[{array}]] tables, so nothing was written (write each of "
                "the {array} as a [[{array}]] table to let netzwerk change them)"
            ),
            array=array,
        )
    )


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


def _add_table(lines: list[str], tables: list[TableLines], edit: AddTable, nl: str) -> list[str]:
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


def _remove_table(lines: list[str], tables: list[TableLines], edit: RemoveTable) -> list[str]:
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


def _sub_edit(
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


def _set_keys(lines: list[str], tables: list[TableLines], edit: SetKeys, nl: str) -> list[str]:
    return _set_in(lines, _entry(tables, edit), edit.values, nl, remove=edit.remove)


def _set_table_keys(
    lines: list[str], tables: list[TableLines], edit: SetTableKeys, nl: str
) -> list[str]:
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
        replaced[key.first] = (key.last, _replace_value(lines, key, _render_value(value), nl))
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


def _prove(new: str, intended: Mapping[str, Any]) -> None:
    try:
        result = tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        result = None
    if result != intended:
        raise CommandError(
            fact(
                N_(
                    "netzwerk could not make this change without touching other parts of the "
                    "file, so nothing was written; please make it by hand (and report the file's "
                    "form as a bug)"
                )
            )
        )
