"""Reminders as plain text for a terminal and a cron mail: one paragraph each, wrapped.

Pure: the sentences are said by the function passed in (a `Words.say`), in any language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from netzwerk_cli.core.reminder import Reminder
from netzwerk_cli.message import Message

WIDTH = 78  # mail readers show plain text at about this width
# A command in quotes ("…", German „…“) is one word for wrapping: a command parted over two lines
# cannot be pasted. Commands are quoted, not put in Markdown backticks: the text is read in a
# terminal and a plain-text mail.
_QUOTES = '"„“'
_WORD = re.compile(rf"(?:[^\s{_QUOTES}]*[{_QUOTES}][^{_QUOTES}]*[{_QUOTES}])+[^\s{_QUOTES}]*|\S+")


def as_text(
    found: Sequence[Reminder], said: Callable[[Message], str], *, width: int = WIDTH
) -> str:
    """The reminders as plain text, their sentences said by `said` (a `Words.say`): one paragraph
    each, a blank line between; empty if none."""
    return "\n".join(
        _wrap(" ".join(said(part) for part in reminder.message), width) for reminder in found
    )


def _wrap(paragraph: str, width: int) -> str:
    lines: list[str] = []
    line = ""
    for word in _WORD.findall(paragraph):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines) + "\n"
