"""The answers to a meeting's invitation counted, in the words of the table of `replies`: one word
for one answer everywhere (`replies`' summary, the schedule's cell, its CSV and Markdown, the page):
`3 accepted, 1 declined, 2 without an answer`."""

from __future__ import annotations

from collections.abc import Mapping

from netzwerk_cli.message import Message, facts
from netzwerk_cli.words import Words

# In the order they are said; tentative and delegated in the short form only when there are some.
KINDS = ("accepted", "declined", "tentative", "delegated", "none")


def count_of(kind: str, count: int) -> Message:
    """`3 accepted`: how many rows have one kind of answer (`none`: no current answer)."""
    if kind == "accepted":
        return facts("{count} accepted", "{count} accepted", count=count)
    if kind == "declined":
        return facts("{count} declined", "{count} declined", count=count)
    if kind == "tentative":
        return facts("{count} tentative", "{count} tentative", count=count)
    if kind == "delegated":
        return facts("{count} delegated", "{count} delegated", count=count)
    return facts("{count} without an answer", "{count} without an answer", count=count)


def counted(counts: Mapping[str, int], *, every: bool = False) -> list[Message]:
    """The counts, each said by `count_of`: tentative only when there are some (or `every`),
    delegated only when there are some."""
    shown = ("accepted", "declined", "none", *(("tentative",) if every else ()))
    return [
        count_of(kind, counts.get(kind, 0))
        for kind in KINDS
        if kind in shown or counts.get(kind, 0)
    ]


def short(counts: Mapping[str, int], w: Words) -> str:
    """`3 accepted, 1 declined, 2 without an answer` (the schedule's cell, CSV, Markdown, page)."""
    return ", ".join(w.say(part) for part in counted(counts))
