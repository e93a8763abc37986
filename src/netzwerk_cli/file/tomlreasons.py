"""Why Python's TOML reader refused a document, as a fact with its place.

`tomllib` says its reasons in English, with the place appended: "Invalid value (at line 3,
column 12)". Here the place becomes a place (a line and a column, or the end of the file) and each
reason a person can meet when editing the network file by hand becomes a message of our catalog,
so that the whole sentence is said in the reader's language. A reason not known here (tomllib may
word new ones) is kept as the parser says it, after the located sentence.

The reasons are tomllib's as its source writes them (the same in Python 3.11 to 3.14).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from netzwerk_cli.message import N_, Message, fact

_LOCATED = re.compile(
    r"(?P<reason>.*) \(at (?:line (?P<line>[0-9]+), column (?P<column>[0-9]+)|end of document)\)",
    re.DOTALL,
)

# tomllib's fixed reasons -> ours.
_FIXED = {
    "Invalid value": N_("invalid value"),
    "Invalid statement": N_("invalid statement (a line holds key = value, [table] or [[array]])"),
    "Unterminated string": N_("unclosed string (its closing quote is missing)"),
    "Unclosed array": N_("unclosed array (a comma or its closing ] is missing)"),
    "Unclosed inline table": N_("unclosed inline table (a comma or its closing }} is missing)"),
    "Cannot overwrite a value": N_("duplicate key (a value is set twice)"),
    "Expected newline or end of document after a statement": N_(
        "more after a value (one key = value per line)"
    ),
    "Expected '=' after a key in a key/value pair": N_("= is missing after a key"),
    "Invalid initial character for a key part": N_("a key cannot start with this character"),
    "Expected ']' at the end of a table declaration": N_("] is missing after a table's name"),
    "Expected ']]' at the end of an array declaration": N_("]] is missing after an array's name"),
    "Invalid date or datetime": N_("invalid date or time"),
    "Unescaped '\\' in a string": N_(
        "a backslash \\ in a string that starts no escape (write \\\\ for one)"
    ),
    "Invalid hex value": N_("invalid \\u or \\U escape (it needs 4 or 8 hexadecimal digits)"),
    "Escaped character is not a Unicode scalar value": N_(
        "a \\u or \\U escape that names no Unicode character"
    ),
}

# tomllib's reasons with a value in them -> ours; `key` is a tuple of key parts as Python writes
# it ("('network',)"), `char` and `text` a Python string literal.
_WITH_VALUE = (
    (
        re.compile(r"Cannot declare (?P<key>\(.*\)) twice"),
        N_("the table [{key}] is declared twice"),
    ),
    (
        re.compile(r"Cannot redefine namespace (?P<key>\(.*\))"),
        N_("the table [{key}] is declared already and cannot be extended with a dotted key"),
    ),
    (
        re.compile(r"Cannot mutate immutable namespace (?P<key>\(.*\))"),
        N_("{key} is an inline table or array and cannot be extended"),
    ),
    (
        re.compile(r"Duplicate inline table key (?P<text>'.*'|\".*\")"),
        N_("duplicate key {text} in an inline table"),
    ),
    (re.compile(r"Illegal character (?P<char>'.*'|\".*\")"), N_("character {char} is not allowed")),
    (
        re.compile(r"Found invalid character (?P<char>'.*'|\".*\")"),
        N_("character {char} is not allowed"),
    ),
    (re.compile(r"Expected (?P<text>'.*'|\".*\")"), N_("{text} is missing")),
)


@dataclass(frozen=True)
class TomlProblem:
    """Why tomllib refused a document, and where: `line` and `column` count from 1 (both None at
    the end of the document)."""

    reason: Message
    line: int | None
    column: int | None
    fix: Message | None = None  # what the person most likely meant (`likely_fix`)

    def place(self, file: str) -> Message:
        """`network.toml, line 3, column 12` (or `network.toml, at its end`)."""
        if self.line is None or self.column is None:
            return fact(N_("{file}, at its end"), file=file)
        return fact(
            N_("{file}, line {line}, column {column}"),
            file=file,
            line=self.line,
            column=self.column,
        )


def toml_problem(error: ValueError, text: str | None = None) -> TomlProblem:
    """tomllib's `TOMLDecodeError` as a reason of our catalog with its place; with the
    document's `text`, also the likely fix of the line it names (`likely_fix`)."""
    said = str(error)
    match = _LOCATED.fullmatch(said)
    if match is None:  # not how tomllib words it: all of it is the reason
        return TomlProblem(_reason(said), None, None)
    line, column = match.group("line"), match.group("column")
    fix = None
    if text is not None and line and match.group("reason") in _VALUE_REASONS:
        lines = text.splitlines()
        if int(line) <= len(lines):
            fix = likely_fix(lines[int(line) - 1])
    return TomlProblem(
        _reason(match.group("reason")),
        int(line) if line else None,
        int(column) if column else None,
        fix,
    )


# A string whose closing quote is missing: tomllib meets the line's end inside it (or, for a
# string of several lines, the document's end).
_UNCLOSED = ("Illegal character '\\n'", "Expected \"'''\"", 'Expected \'"""\'')


def _reason(said: str) -> Message:
    if said in _FIXED:
        return fact(_FIXED[said])
    if said in _UNCLOSED:
        return fact(_FIXED["Unterminated string"])
    for pattern, msgid in _WITH_VALUE:
        match = pattern.fullmatch(said)
        if match is None:
            continue
        values = match.groupdict()
        try:
            if "key" in values:
                values["key"] = ".".join(str(part) for part in ast.literal_eval(values["key"]))
            for name in ("char", "text"):
                if name in values:
                    values[name] = _shown(ast.literal_eval(values[name]))
        except (ValueError, SyntaxError, TypeError):
            break
        return fact(msgid, **values)
    return fact(N_("not valid TOML: {why}"), why=said)


def _shown(text: str) -> str:
    """A character or a few, as a person can read them: quoted, a control character by its
    code point (U+0007)."""
    return '"' + "".join(f"U+{ord(c):04X}" if not c.isprintable() else c for c in text) + '"'


# --- the likely fix of a line edited by hand --------------------------------------------------

# tomllib's reasons for a value it cannot read on the line it names.
_VALUE_REASONS = (
    "Invalid value",
    "Expected newline or end of document after a statement",
    "Invalid date or datetime",
)
# `key = value  # comment`, with a bare or dotted key; the value is all up to a comment.
_KEY_VALUE = re.compile(
    r"\s*(?P<key>[A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*=\s*(?P<value>[^#]*?)\s*(?:#.*)?"
)
_GERMAN_DATE = re.compile(r"(?P<day>[0-9]{1,2})\.(?P<month>[0-9]{1,2})\.(?P<year>[0-9]{4})")
_SHORT_ISO_DATE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})")
# Yes and no as people write them (`hosts = ja`, `hosts = True`): TOML knows only true and false.
_TRUTHS = {"ja": "true", "yes": "true", "wahr": "true", "true": "true"} | {
    "nein": "false",
    "no": "false",
    "falsch": "false",
    "false": "false",
}
_SHORT_TIME = re.compile(r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})")
_DATE_AND_TIME = re.compile(
    r"(?P<date>[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})[ T]"
    r"(?P<hour>[0-9]{1,2})[:.](?P<minute>[0-9]{2})"
)


def likely_fix(line: str) -> Message | None:
    """What a person most likely meant by a line tomllib cannot read, as the line to write
    instead: text without quotes (`seat = Ulm` -> `seat = "Ulm"`), a date as Germans write it
    (`date = 09.03.2027` -> `date = 2027-03-09`), a time without seconds (`start = 10:00` ->
    `start = 10:00:00`), yes or no in words (`hosts = ja` -> `hosts = true`); None when the line
    is none of these."""
    import datetime as dt
    import json
    import tomllib

    match = _KEY_VALUE.fullmatch(line)
    if match is None or not match.group("value"):
        return None
    key, value = match.group("key"), match.group("value")
    if value[0] in "\"'[{":
        return None  # a string, array or table: its own reason says what is wrong
    # A date with a time of day: `2027-03-09 10:00`, `2027-03-09T10:00`, `09.03.2027 10:00`.
    moment = _DATE_AND_TIME.fullmatch(value)
    if moment is not None:
        date = _GERMAN_DATE.fullmatch(moment["date"]) or _SHORT_ISO_DATE.fullmatch(moment["date"])
        assert date is not None  # _DATE_AND_TIME's date is one of the two
        try:
            day = dt.date(int(date["year"]), int(date["month"]), int(date["day"]))
            at = dt.time(int(moment["hour"]), int(moment["minute"]))
        except ValueError:
            return fact(N_("{value} is no day and time of the calendar"), value=value)
        return fact(
            N_("Write a date and time as year-month-dayThh:mm:ss, without quotes: {line}"),
            line=f"{key} = {dt.datetime.combine(day, at).isoformat()}",
        )
    date = _GERMAN_DATE.fullmatch(value) or _SHORT_ISO_DATE.fullmatch(value)
    if date is not None:
        try:
            day = dt.date(int(date["year"]), int(date["month"]), int(date["day"]))
        except ValueError:
            if date.re is _SHORT_ISO_DATE:
                return fact(N_("{value} is no day of the calendar"), value=value)
            return fact(
                N_(
                    "{value} is no day of the calendar; write a date as year-month-day, e.g. "
                    "2027-04-07"
                ),
                value=value,
            )
        return fact(
            N_("Write a date as year-month-day, without quotes: {line}"),
            line=f"{key} = {day.isoformat()}",
        )
    truth = _TRUTHS.get(value.lower())
    if truth is not None:
        return fact(N_("Write true or false, without quotes: {line}"), line=f"{key} = {truth}")
    time = _SHORT_TIME.fullmatch(value)
    if time is not None and int(time["hour"]) < 24:
        return fact(
            N_("Write a time with its seconds, without quotes: {line}"),
            line=f"{key} = {int(time['hour']):02d}:{time['minute']}:00",
        )
    try:
        tomllib.loads(f"value = {value}")
    except tomllib.TOMLDecodeError:
        # No value TOML knows: text, written without its quotes.
        quoted = json.dumps(value, ensure_ascii=False)
        return fact(N_("Put text in quotes: {line}"), line=f"{key} = {quoted}")
    return None


# --- a file that is not UTF-8 ----------------------------------------------------------------


def not_utf8(data: bytes, error: UnicodeDecodeError, *, before: int = 0) -> TomlProblem:
    """Where a file's bytes stop being UTF-8, and what to do: a file saved as Windows-1252 (what
    Windows' editors long called "ANSI") shows its line as it would read, and is to be saved
    as UTF-8. `before`: the bytes of the file before `data` (a byte-order mark)."""
    start = data.rfind(b"\n", 0, error.start) + 1
    end = data.find(b"\n", error.start)
    line_bytes = data[start : len(data) if end < 0 else end].rstrip(b"\r")
    number = data.count(b"\n", 0, error.start) + 1
    column = len(data[start : error.start].decode("utf-8", errors="replace")) + 1
    reason = fact(
        N_("a character that is not UTF-8 (byte {byte} of the file)"), byte=before + error.start + 1
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # the mark of UTF-16, Windows' "Unicode"
        fix = fact(N_('The file is saved as UTF-16 ("Unicode"); save it as UTF-8.'))
        return TomlProblem(reason, number, column, fix)
    try:
        shown = line_bytes.decode("cp1252").strip()
    except UnicodeDecodeError:  # not Windows-1252 either
        shown = None
    if shown is None or not shown.isprintable():  # no text in any case (NUL bytes, binary)
        return TomlProblem(reason, number, column, fact(N_("Save the file as UTF-8.")))
    fix = fact(
        N_(
            "The file seems to be saved as Windows-1252 (ANSI); line {line} would read: {text}\n"
            'Save it as UTF-8 (in Notepad: "Save as", encoding "UTF-8").'
        ),
        line=number,
        text=shown,
    )
    return TomlProblem(reason, number, column, fix)
