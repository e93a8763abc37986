"""The TOML text of the network file read as lines: where each table's header and each key's
lines are, found by a small scanner that knows just enough TOML to tell a table header from a line
inside a multi-line string or array. `file.tomlsurgery` cuts the text at what it finds.

Pure: text in, positions out.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact

_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEY = re.compile(rf"\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=\s*")
_HEADER = re.compile(rf"(\[\[?)\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*(\]\]?)")


@dataclass(frozen=True)
class KeyLine:
    """Where one `key = value` sits: its lines (first to last) and the columns that matter."""

    name: str | None  # None for a dotted key, which no edit addresses
    first: int
    last: int
    value_at: int  # column where the value begins on the first line
    comment_at: int | None  # column of the `#` of a comment on the last line


@dataclass(frozen=True)
class TableLines:
    """A table of the text: `[name]` or `[[name]]` (or the root, header -1) and its keys."""

    name: str | None  # dotted for a table within an entry: "meetings.agenda"
    is_array: bool
    header: int
    keys: tuple[KeyLine, ...]


def split_lines(text: str) -> list[str]:
    """Lines with their endings; only LF (and CRLF) end a line in TOML, not str.splitlines' set."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def body_of(line: str) -> str:
    return line.rstrip("\n").removesuffix("\r")


def scan(lines: list[str]) -> list[TableLines]:
    """The tables of the text, in order, each with its keys' line spans."""
    tables: list[TableLines] = []
    name: str | None = None
    is_array = False
    header = -1
    keys: list[KeyLine] = []
    open_key: tuple[str | None, int, int] | None = None
    ml: str | None = None
    depth = 0
    for number, line in enumerate(lines):
        body = body_of(line)
        if ml is None and depth == 0:
            stripped = body.lstrip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("["):
                tables.append(TableLines(name, is_array, header, tuple(keys)))
                name, is_array = _header(body, number)
                header, keys = number, []
                continue
            match = _KEY.match(body)
            if match is None:
                raise CommandError(
                    fact(
                        N_("line {line} of the file is neither a key nor a table"), line=number + 1
                    )
                )
            open_key = (_key_name(match[1]), number, match.end())
            ml, depth, comment_at = _advance(body, match.end(), None, 0)
        else:
            ml, depth, comment_at = _advance(body, 0, ml, depth)
        if open_key is not None and ml is None and depth == 0:
            key_name, first, value_at = open_key
            keys.append(KeyLine(key_name, first, number, value_at, comment_at))
            open_key = None
    tables.append(TableLines(name, is_array, header, tuple(keys)))
    return tables


def _advance(text: str, at: int, ml: str | None, depth: int) -> tuple[str | None, int, int | None]:
    """Scan `text` from `at`: the open multi-line string and bracket depth after it, and where a
    comment begins (if one does)."""
    end = len(text)
    while at < end:
        if ml is not None:
            if ml == '"""' and text[at] == "\\":
                at += 2
            elif text.startswith(ml, at):
                # Up to two quotes before the closing three belong to the string: take the run.
                while at < end and text[at] == ml[0]:
                    at += 1
                ml = None
            else:
                at += 1
            continue
        char = text[at]
        if char == "#":
            return ml, depth, at
        if text.startswith('"""', at) or text.startswith("'''", at):
            ml = text[at : at + 3]
            at += 3
            continue
        if char == '"':
            at = _after_basic_string(text, at + 1)
            continue
        if char == "'":
            close = text.find("'", at + 1)
            at = end if close < 0 else close + 1
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        at += 1
    return ml, depth, None


def _after_basic_string(text: str, at: int) -> int:
    while at < len(text):
        if text[at] == "\\":
            at += 2
        elif text[at] == '"':
            return at + 1
        else:
            at += 1
    return at


def _header(body: str, number: int) -> tuple[str | None, bool]:
    _, _, comment_at = _advance(body, 0, None, 0)
    code = body[:comment_at].strip()
    match = _HEADER.fullmatch(code)
    if match is None or len(match[1]) != len(match[3]):
        raise CommandError(
            fact(
                N_("line {line} of the file is not a table header netzwerk can read"),
                line=number + 1,
            )
        )
    return _table_name(match[2]), match[1] == "[["


def _table_name(token: str) -> str | None:
    """The name a table header gives: `members`, or `meetings.agenda` for a dotted one."""
    parts = re.split(r"\s*\.\s*", token.strip())
    if all(re.fullmatch(r"[A-Za-z0-9_-]+", part) for part in parts):
        return ".".join(parts)
    if len(parts) == 1:
        return _key_name(token)
    parsed: Any = tomllib.loads(f"[{token}]")
    names = []
    while isinstance(parsed, dict) and len(parsed) == 1:
        ((name, parsed),) = parsed.items()
        names.append(name)
    return ".".join(names) if names else None


def _key_name(token: str) -> str | None:
    """The key a (possibly quoted) key token names; None for a dotted key."""
    token = token.strip()
    if re.fullmatch(r"[A-Za-z0-9_-]+", token):
        return token
    parsed = tomllib.loads(f"{token} = 0")
    ((name, value),) = parsed.items()
    return name if value == 0 and not isinstance(value, dict) else None
