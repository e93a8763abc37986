"""Typed values out of one table of the network file, as its declaration (`file.schema`) says,
with a located problem for each bad one: the checks every key gets from its declaration (type,
required, allowed values, range, unknown keys with "did you mean")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from netzwerk_cli.core.memberids import closest
from netzwerk_cli.errors import Problem
from netzwerk_cli.file import schema
from netzwerk_cli.file.schema import Key, Table
from netzwerk_cli.message import N_, Message, Typed, fact

# C0 and C1 control characters: on a terminal they are commands (colours, titles, hyperlinks).
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# In notes: line breaks and tabs are text. Titles may have line breaks (as before), no tabs.
_CONTROL_BUT_LINES = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES_AND_TAB = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def unknown_keys(
    raw: Mapping[str, Any],
    known: tuple[str, ...],
    where: str | Message,
    problems: list[Problem],
    *,
    tables: bool = False,
) -> None:
    """A problem for each key of `raw` that is not `known`, with the known one it is likely a
    typo for ("did you mean"), else the known ones."""
    for key in raw:
        if key in known:
            continue
        close = closest(key, known)
        name = shown(key)
        if close and tables:
            what = fact(N_('unknown table "{key}" (a typo for "{close}"?)'), key=name, close=close)
        elif close:
            what = fact(N_('unknown key "{key}" (a typo for "{close}"?)'), key=name, close=close)
        elif tables:
            what = fact(N_('unknown table "{key}" (known: {known})'), key=name, known=list(known))
        else:
            what = fact(N_('unknown key "{key}" (known: {known})'), key=name, known=list(known))
        problems.append(Problem(where, what))


def is_member_id(text: str) -> bool:
    """Whether `text` is a member id: letters (any, Ä and ß too, in composed form), the digits
    0-9, '-', '_' and '.', beginning with a letter or a digit. Ids name the member in TOML keys'
    values, --host options and calendar UIDs (which spell letters beyond ASCII out, see
    `calendar.uids`), so no spaces, quotes or other signs."""
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    return (
        bool(text)
        and (text[0].isalpha() or text[0] in _ID_DIGITS)
        and all(c.isalpha() or c in _ID_SIGNS for c in text)
    )


_ID_DIGITS = "0123456789"
_ID_SIGNS = _ID_DIGITS + "_.-"


def shown(text: str) -> str:
    """Text from the file as a message may quote it: control characters as \\uXXXX escapes."""
    return CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


_KINDS: dict[type, str] = {
    bool: N_("true/false"),
    int: N_("a number"),
    float: N_("a number"),
    str: N_("text"),
    list: N_("a list"),
    dict: N_("a table"),
    dt.datetime: N_("a date-time"),
    dt.date: N_("a date"),
    dt.time: N_("a time"),
}


def describe(value: object) -> Message | str:
    """What a value of the file is, and the value as TOML shows it: `a number (5)`."""
    kind: Message | str = (
        fact(_KINDS[type(value)]) if type(value) in _KINDS else type(value).__name__
    )
    if isinstance(value, list | dict):
        return kind
    shown = repr(value) if isinstance(value, str | int | float | bool) else str(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return fact(N_("{kind} ({value})"), kind=kind, value=shown)


class Taker:
    """Reads typed values out of one table, noting a problem (with its place) for each bad one."""

    def __init__(self, raw: Mapping[str, Any], where: str, problems: list[Problem]) -> None:
        self.raw = raw
        self.where = where
        self.problems = problems

    def _get(self, key: str, required: bool) -> object:
        if key not in self.raw:
            if required:
                self._add(fact(N_('"{key}" is missing'), key=key))
            return None
        return self.raw[key]

    def _add(self, what: Message) -> None:
        self.problems.append(Problem(self.where, what))

    def _bad(self, key: str, expected: Message, value: object) -> None:
        self._add(
            fact(
                N_("{key} must be {expected}, got {value}"),
                key=key,
                expected=expected,
                value=describe(value),
            )
        )

    def text(
        self,
        key: str,
        *,
        required: bool = False,
        allow_newlines: bool = False,
        allow_tabs: bool = False,
    ) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self._bad(key, fact(N_('text in quotes (e.g. "...")')), value)
            return None
        if required and not value.strip():
            self._add(fact(N_("{key} is empty"), key=key))
            return None
        if not allow_newlines and ("\n" in value or "\r" in value):
            self._add(fact(N_("{key} must be one line"), key=key))
            return None
        allowed = _CONTROL_BUT_LINES_AND_TAB if allow_tabs else _CONTROL_BUT_LINES
        control = (allowed if allow_newlines else CONTROL).search(value)
        if control is not None:
            self._add(
                fact(
                    N_("{key} contains a control character ({code})"),
                    key=key,
                    code=f"U+{ord(control[0]):04X}",
                )
            )
            return None
        # LF, CR LF and a lone CR are line breaks, kept as written (the JSON form stays exact).
        return value

    def date(self, key: str) -> dt.date | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self._bad(key, fact(N_("a date like 2024-04-01 (without quotes)")), value)
            return None
        return value

    def time(self, key: str) -> dt.time | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, dt.time) or value.tzinfo is not None:
            self._bad(key, fact(N_("a local time like 10:00:00 (without quotes)")), value)
            return None
        return value

    def integer(self, key: str, *, minimum: int, maximum: int) -> int | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._bad(key, fact(N_("a whole number")), value)
            return None
        if not minimum <= value <= maximum:
            self._add(
                fact(
                    N_("{key} must be between {minimum} and {maximum}, got {value}"),
                    key=key,
                    minimum=minimum,
                    maximum=maximum,
                    value=value,
                )
            )
            return None
        return value

    def boolean(self, key: str, *, default: bool) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._bad(key, fact(N_("true or false (without quotes)")), value)
            return default
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: Any) -> Any:
        value = self._get(key, False)
        if value is None:
            return default
        if isinstance(value, str) and value in choices:
            return value
        options = [f'"{choice}"' for choice in choices]  # only for the message
        if not isinstance(value, str):
            self._bad(key, fact(N_("one of {options}"), options=options), value)
        else:
            self._add(
                fact(
                    N_("{key} {value} is not one of {options}"),
                    key=key,
                    value=Typed(value),
                    options=options,
                )
            )
        return default

    def key(self, key: Key) -> Any:
        """The value of a key of a simple kind, checked as its declaration says; its default
        when it is missing or bad (None where it has none)."""
        name, kind = key.name, key.kind
        if kind in _TEXTS:
            found = self.text(
                name,
                required=key.required,
                allow_newlines=kind != schema.TEXT,
                allow_tabs=kind == schema.NOTES,
            )
            return key.default if found is None else found
        if kind == schema.WHOLE:
            assert key.minimum is not None and key.maximum is not None
            whole = self.integer(name, minimum=key.minimum, maximum=key.maximum)
            return key.default if whole is None else whole
        if kind == schema.CHOICE:
            return self.choice(name, key.choices, key.default)
        if kind == schema.TRUTH:
            return self.boolean(name, default=bool(key.default))
        if kind == schema.DATE:
            return self.date(name)
        if kind == schema.TIME:
            return self.time(name)
        raise ValueError(f"{key!r} has a check of its own")  # pragma: no cover - a bug

    def keys(self, table: Table) -> dict[str, Any]:
        """Every key of `table` of a simple kind, by name."""
        return {key.name: self.key(key) for key in table.keys if key.kind in _SIMPLE}


# Kinds taken as text; those with more to check (an id, a state, an address) are checked further
# by the table's own function.
_TEXTS = frozenset(
    {schema.TEXT, schema.LINES, schema.NOTES, schema.MEMBER_ID, schema.STATE, schema.ADDRESS}
    | {schema.WEB_ADDRESS}
)
_SIMPLE = _TEXTS | {schema.WHOLE, schema.CHOICE, schema.TRUTH, schema.DATE, schema.TIME}
