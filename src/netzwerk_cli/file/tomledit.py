"""Text surgery on the network file: change exactly the lines a command means to change.

Pure: text in, text out. A TOML library would give back the values but drop the coordinator's
comments, blank lines and quoting, so the text is cut at line boundaries instead, found by the
small scanner of `file.tomlscan`, and each edit's lines are changed by `file.tomlsurgery`. The
values written are rendered by tomli-w (`file.tomlrender`). `apply_edit` proves its own result:
the new text must parse to the old document with exactly the intended change, or nothing comes
back.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Mapping
from typing import Any

from netzwerk_cli.core.edits import (
    AddSubTable,
    AddTable,
    Edit,
    Edits,
    MoveSubTable,
    RemoveSubTable,
    RemoveTable,
    SetTableKeys,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.file.tomlscan import TableLines, scan, split_lines
from netzwerk_cli.file.tomlsurgery import (
    add_table,
    remove_table,
    set_keys,
    set_table_keys,
    sub_edit,
)
from netzwerk_cli.message import N_, fact


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
        result = set_table_keys(lines, tables, edit, nl)
    elif isinstance(edit, AddTable):
        _check_form(tables, before, edit.array)
        result = add_table(lines, tables, edit, nl)
    elif isinstance(edit, RemoveTable):
        _check_form(tables, before, edit.array)
        result = remove_table(lines, tables, edit)
    elif isinstance(edit, AddSubTable | RemoveSubTable | MoveSubTable):
        _check_form(tables, before, edit.array)
        result = sub_edit(lines, tables, before, edit, nl)
    else:
        _check_form(tables, before, edit.array)
        result = set_keys(lines, tables, edit, nl)
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
