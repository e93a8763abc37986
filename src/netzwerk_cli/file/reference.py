"""The reference of the network file's format, made from its declaration (`file.schema`), in
English and German: `docs/en/reference/network-file.md` and `docs/de/reference/network-file.md`,
pages of the manual.

Made when the docs change, not at run time: `python -m netzwerk_cli.file.reference` writes both,
and a test fails when the committed ones differ from what this module makes.
"""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path

from netzwerk_cli.file import schema
from netzwerk_cli.file.schema import Key, Table
from netzwerk_cli.message import N_, fact
from netzwerk_cli.model import Language

# Each language's page, under docs/ of the source tree.
FILES = {
    Language.EN: Path("en", "reference", "network-file.md"),
    Language.DE: Path("de", "reference", "network-file.md"),
}

_KINDS = {
    schema.TEXT: N_("text in quotes, one line"),
    schema.LINES: N_("text in quotes, may span lines"),
    schema.NOTES: N_("text in quotes, may span lines and hold tabs"),
    schema.TRUTH: N_("true or false (without quotes)"),
    schema.DATE: N_("a date like 2024-04-01 (without quotes)"),
    schema.TIME: N_("a local time like 10:00:00 (without quotes)"),
    schema.STATE: N_("a German state code"),
    schema.MEMBER_ID: N_("a member id: letters (umlauts and ß too), the digits 0-9, - _ ."),
    schema.MEETING_DATE: N_("a date, a local date-time, or a month in quotes"),
    schema.ADDRESS: N_("an e-mail address in quotes"),
    schema.ADDRESSES: N_("a list of e-mail addresses"),
    schema.MEMBER_IDS: N_("a list of member ids"),
    schema.PERIODS: N_("a list of periods, each [from, to]"),
    schema.WEB_ADDRESS: N_("an http:// or https:// address in quotes"),
}


def _value(key: Key, said: object) -> str:
    from netzwerk_cli.words import Words

    assert isinstance(said, Words)
    if key.kind == schema.WHOLE:
        return said.say(
            fact(
                N_("a whole number from {minimum} to {maximum}"),
                minimum=key.minimum,
                maximum=key.maximum,
            )
        )
    if key.kind == schema.CHOICE:
        # An empty choice (a member's `article = ""`) as TOML writes it.
        options = [f"`{choice}`" if choice else '`""`' for choice in key.choices]
        return said.say(fact(N_("one of {options}"), options=options))
    if key.kind == schema.STATE:
        return f"{said(_KINDS[key.kind])}: {', '.join(key.choices)}"
    return said(_KINDS[key.kind])


def _default(key: Key) -> str:
    if key.default is None:
        return ""
    if isinstance(key.default, bool):
        return f"`{'true' if key.default else 'false'}`"
    if isinstance(key.default, str):
        return f'`"{key.default}"`'
    return f"`{key.default}`"


def _table(table: Table, said: object) -> list[str]:
    from netzwerk_cli.words import Words

    assert isinstance(said, Words)
    lines = [f"## `{table.header}`", "", said(table.about), ""]
    heads = [said(N_("Key")), said(N_("Value")), said(N_("Default")), said(N_("Meaning"))]
    lines += ["| " + " | ".join(heads) + " |", "|---|---|---|---|"]
    for key in table.keys:
        name = f"`{key.name}`"
        if key.required:
            name += " " + said(N_("(required)"))
        meaning = said(key.about)
        if key.outside:
            outside = N_("Acts outside the file: used once trusted (`netzwerk trust`).")
            meaning += " " + said(outside)
        cells = [name, _value(key, said), _default(key), meaning]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return [*lines, ""]


def text(language: Language) -> str:
    """The reference in `language`, as Markdown."""
    from netzwerk_cli.words import words

    said = words(language)
    lines = [
        "# " + said(N_("The network file: every table and key")),
        "",
        said(
            N_(
                "Generated from the file's declaration (src/netzwerk_cli/file/schema.py) by "
                "`python -m netzwerk_cli.file.reference`; do not edit by hand."
            )
        ),
        "",
    ]
    for table in schema.TABLES:
        lines += _table(table, said)
        for within in table.tables:  # [[meetings.agenda]] right after [[meetings]]
            lines += _table(within, said)
    return "\n".join(lines).rstrip() + "\n"


_OPTIONAL = N_("optional")
# The column of the comments beside the keys of the starter file, and its width.
COMMENT_COLUMN = 32
_WIDTH = 100


def commented_lines(table: Table, language: Language, *, leave_out: Container[str] = ()) -> str:
    """The keys of `table` that have an example, each as a commented line of TOML with its
    description beside it in `language` (`# joined = 2024-04-01   # The day the member ...`), for
    the starter file: a new key with an example appears in new files by itself. `leave_out`: the
    keys the starter file writes already."""
    import textwrap

    from netzwerk_cli.words import words

    said = words(language)
    lines = []
    for key in table.keys:
        if key.example is None or key.name in leave_out:
            continue
        setting = f"# {key.name} = {key.example}"
        about = said(key.about)
        if not about[1:2].isupper():  # "IANA" stays as it is
            about = about[0].lower() + about[1:]
        if not key.required:
            about = f"{said(_OPTIONAL)}: {about}"
        width = _WIDTH - COMMENT_COLUMN - 2
        if len(setting) >= COMMENT_COLUMN:  # a long example: its description on the lines below
            lines.append(setting)
            setting = "#"
        for part in textwrap.wrap(about.rstrip("."), width, break_on_hyphens=False):
            lines.append(f"{setting.ljust(COMMENT_COLUMN)}# {part}")
            setting = "#"
    return "\n".join(lines)


def folder() -> Path:
    """docs/ of the source tree."""
    return Path(__file__).resolve().parents[3] / "docs"


def main() -> None:  # pragma: no cover - run when the declaration changes
    for language, name in FILES.items():
        (folder() / name).parent.mkdir(parents=True, exist_ok=True)
        (folder() / name).write_text(text(language), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
