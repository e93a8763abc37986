"""The text of a new network file: the commented starter template in the network's language, with
what `init` was told (`Answers`) in it."""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from netzwerk_cli.model import Language

# The column of the comments beside the settings of the starter file.
_COMMENT_COLUMN = 32


@dataclass
class Answers:
    """What the new file holds beyond the template: from the options, then from the questions."""

    name: str
    language: Language
    members: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, name, seat, state
    cadence: str | None = None  # the rule
    start: dt.time | None = None


def new_file(answers: Answers, *, today: dt.date) -> str:
    """The starter file with the answers in it: the settings in [network], the members after."""
    from netzwerk_cli.core.edits import AddTable
    from netzwerk_cli.core.rrules import rule_parts
    from netzwerk_cli.file.tomledit import apply_edit

    cadence_start = None
    if answers.cadence is not None and rule_parts(answers.cadence).get("INTERVAL", "1") != "1":
        cadence_start = today  # the dates shown stay the dates the rule gives
    text = starter_file(
        answers.name,
        language=answers.language,
        cadence=answers.cadence,
        cadence_start=cadence_start,
        start=answers.start,
    )
    for member_id, name, seat, state in answers.members:
        values = {"id": member_id, "name": name, "seat": seat, "state": state}
        text = apply_edit(text, AddTable("members", dict(values)))
    return text


def starter_file(
    name: str,
    *,
    language: Language = Language.EN,
    cadence: str | None = None,
    cadence_start: dt.date | None = None,
    start: dt.time | None = None,
) -> str:
    """A commented network file with no members yet, its comments in `language`."""
    from netzwerk_cli.file.jsonschema import shipped
    from netzwerk_cli.file.reference import commented_lines
    from netzwerk_cli.file.schema import MEETINGS, MEMBERS, NETWORK
    from netzwerk_cli.file.tomlrender import render_line

    # The template is package data: a TOML file with comments, read as text, not parsed.
    folder = Path(__file__).resolve().parent
    template = folder / ("starter.de.toml" if language is Language.DE else "starter.toml")
    text = template.read_text(encoding="utf-8")
    if cadence is None:
        cadence_lines = '# cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"'
    else:
        cadence_lines = render_line("cadence", cadence)
        if cadence_start is not None:
            cadence_lines += "\n" + render_line("cadence_start", cadence_start)
    start_line = render_line("start", start or dt.time(10))
    if start is None:
        start_line = f"# {start_line}"
    language_line = render_line("language", language.value)
    text = text.replace("@NAME@", render_line("name", name)).replace("@CADENCE@", cadence_lines)
    # taplo's directive: editors (taplo, Even Better TOML) check the file against the schema of
    # the installed netzwerk, in the file's language (README, `netzwerk schema`).
    text = f"#:schema {shipped(language).as_uri()}\n{text}"
    # A setting with a comment beside it: the comment stays in its column.
    for marker, line in (("@START@", start_line), ("@LANGUAGE@", language_line)):
        text = re.sub(f"{marker} *", line.ljust(_COMMENT_COLUMN).replace("\\", "\\\\"), text)
    # The keys' examples and their meaning, from the file's declaration, in the file's language.
    written = set(re.findall(r"^#? ?([a-z_]+) =", text, re.MULTILINE))
    more = commented_lines(NETWORK, language, leave_out=written)
    text = text.replace("@MORE_NETWORK@", more).replace("\n\n\n", "\n\n")
    text = text.replace("@MEMBERS@", "# [[members]]\n" + commented_lines(MEMBERS, language))
    return text.replace("@MEETINGS@", "# [[meetings]]\n" + commented_lines(MEETINGS, language))
