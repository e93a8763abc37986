"""The network file's JSON Schema (draft 2020-12), made from its declaration (`file.schema`), for
editors: taplo and VS Code's Even Better TOML complete and check the file with it while it is typed.

Built when the package is made, not at run time: `python -m netzwerk_cli.file.jsonschema` writes
`network.schema.json` (English) and `network.schema.de.json` (German) beside this module, and a
test fails when they differ from what this module makes. `netzwerk schema` prints the shipped file.

The schema is a helper, not the judge: what it cannot say (a host that is no member, `left` after
`joined`, a time in a gap of the clocks, a date written in quotes) `netzwerk validate` says.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from netzwerk_cli.file import schema
from netzwerk_cli.file.schema import Key, Table
from netzwerk_cli.model import Language

FILES = {Language.EN: "network.schema.json", Language.DE: "network.schema.de.json"}
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Text without control characters (C0, C1), with line breaks, with line breaks and tabs.
_ONE_LINE = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
_LINES = "^[^\\x00-\\x09\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"
_NOTES = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"
_NOT_BLANK = "\\S"
_DATE = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
_TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?$"
# A meeting's date: a day, a day and a local time (no offset), or a month ("2025-04").
_MEETING_DATE = (
    "^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])"
    "([T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?)?)?$"
)
# A member id: letters, the digits 0-9, '-', '_' and '.', beginning with a letter or a digit. The
# letters here are those of the Latin alphabets (umlauts and ß, also of neighbouring languages):
# a pattern of every letter (\p{L}) is not read alike by the schema readers of Rust, Python and
# JavaScript. `validate` also takes letters of other alphabets.
_LETTER = "A-Za-z\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f"
_MEMBER_ID = f"^[0-9{_LETTER}][0-9{_LETTER}_.-]*$"
_ADDRESS = "^[^\\x00-\\x1f\\x7f-\\x9f@]*[^\\s@<>]@[^\\s@<>]+\\.[^\\s@<>.]+>?$"
_WEB_ADDRESS = "^https?://[^\\s/?#]+(/[^\\s?#]*)?$"


def _value(key: Key) -> dict[str, Any]:
    """The schema of one key's value, by its kind."""
    kind = key.kind
    if kind in (schema.TEXT, schema.LINES, schema.NOTES):
        pattern = {schema.TEXT: _ONE_LINE, schema.LINES: _LINES, schema.NOTES: _NOTES}[kind]
        if key.required:
            return {"type": "string", "allOf": [{"pattern": pattern}, {"pattern": _NOT_BLANK}]}
        return {"type": "string", "pattern": pattern}
    if kind == schema.WHOLE:
        return {"type": "integer", "minimum": key.minimum, "maximum": key.maximum}
    if kind == schema.TRUTH:
        return {"type": "boolean"}
    if kind in (schema.CHOICE, schema.STATE):
        return {"type": "string", "enum": list(key.choices)}
    if kind == schema.DATE:
        return {"type": "string", "format": "date", "pattern": _DATE}
    if kind == schema.TIME:
        return {"type": "string", "pattern": _TIME}
    if kind == schema.MEETING_DATE:
        return {"type": "string", "pattern": _MEETING_DATE}
    if kind == schema.MEMBER_ID:
        return {"type": "string", "pattern": _MEMBER_ID}
    if kind == schema.MEMBER_IDS:
        return {"type": "array", "items": {"type": "string", "pattern": _MEMBER_ID}}
    if kind == schema.ADDRESS:
        return {"type": "string", "pattern": _ADDRESS}
    if kind == schema.ADDRESSES:
        return {"type": "array", "items": {"type": "string", "pattern": _ADDRESS}}
    if kind == schema.WEB_ADDRESS:
        return {"type": "string", "pattern": _WEB_ADDRESS}
    if kind == schema.PERIODS:
        day = {"type": "string", "format": "date", "pattern": _DATE}
        period = {"type": "array", "items": day, "minItems": 2, "maxItems": 2}
        return {"type": "array", "items": period}
    raise ValueError(f"no schema for {key!r}")  # pragma: no cover - a kind without one


def _key(key: Key, said: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"title": key.name, "description": said(key.about)}
    found.update(_value(key))
    if key.default is not None:
        found["default"] = key.default
    return found


def _table(table: Table, said: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "title": table.header,
        "description": said(table.about),
        "type": "object",
        "properties": {key.name: _key(key, said) for key in table.keys},
        "additionalProperties": False,
    }
    # The arrays of tables within each entry (a meeting's agenda), as the entry's properties.
    found["properties"].update({sub.name: _table(sub, said) for sub in table.tables})
    required = [key.name for key in table.keys if key.required]
    if required:
        found["required"] = required
    # The rules of two keys a schema can say: [publish] needs caldav or folder, and the mailbox's
    # keys need its server.
    if table is schema.PUBLISH:
        found["anyOf"] = [{"required": ["caldav"]}, {"required": ["folder"]}]
    if table is schema.MAIL:
        imap = [name for name in table.names if name.startswith("imap_") and name != "imap_host"]
        found["dependentRequired"] = {name: ["imap_host"] for name in imap}
    if not table.array:
        return found
    return {
        "title": table.header,
        "description": found["description"],
        "type": "array",
        "items": found,
    }


def build(language: Language) -> dict[str, Any]:
    """The JSON Schema of the network file, its descriptions in `language`."""
    from netzwerk_cli.message import N_
    from netzwerk_cli.words import words

    said = words(language)
    return {
        "$schema": DRAFT,
        "title": said(N_("netzwerk's network file")),
        "description": said(
            N_("A network of districts that meets in turn at each member's seat (netzwerk-cli).")
        ),
        "type": "object",
        "properties": {table.name: _table(table, said) for table in schema.TABLES},
        "required": [table.name for table in schema.TABLES if table.required],
        "additionalProperties": False,
    }


def text(language: Language) -> str:
    """The schema as the shipped file writes it."""
    return json.dumps(build(language), ensure_ascii=False, indent=2) + "\n"


def shipped(language: Language) -> Path:
    """The shipped schema file of `language`."""
    return Path(__file__).resolve().parent / FILES[language]


def main() -> None:  # pragma: no cover - run when the package is made (README, "The schema")
    for language in FILES:
        shipped(language).write_text(text(language), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
