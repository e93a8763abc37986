"""The answers to a meeting's invitation in a few words: `3 yes, 1 no, 2 open` (the schedule's
cell, the CSV and Markdown form of its counts)."""

from __future__ import annotations

from collections.abc import Mapping

from netzwerk_cli.message import N_
from netzwerk_cli.words import Words

SHORT = {
    "accepted": N_("{count} yes"),
    "declined": N_("{count} no"),
    "tentative": N_("{count} maybe"),
    "delegated": N_("{count} passed on"),
    "none": N_("{count} open"),
}


def short(counts: Mapping[str, int], w: Words) -> str:
    """`3 yes, 1 no, 2 open`: maybe and passed on only when there are some."""
    return ", ".join(
        w(text).format(count=counts.get(kind, 0))
        for kind, text in SHORT.items()
        if kind in ("accepted", "declined", "none") or counts.get(kind, 0)
    )
