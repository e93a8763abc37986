"""A meeting's agenda as text in the network's language: the one text that the invitation, the
calendar event's DESCRIPTION (export, remind --ics, invite, publish) and the page share.

Pure: the network and the meeting in, text out. Only the agenda's public items: a meeting's
private `notes` never come near it.
"""

from __future__ import annotations

from netzwerk_cli.core.agenda import timed_agenda
from netzwerk_cli.message import N_
from netzwerk_cli.model import Meeting, Network
from netzwerk_cli.words import words


def agenda_lines(network: Network, meeting: Meeting) -> tuple[str, ...]:
    """The items as numbered lines, each with its start where it is known and who brings it:
    "1. 10:00 Begrüßung und Vorstellungsrunde", "2. 10:15 Sprachkurse (Wartburgkreis)"."""
    w = words(network.language)
    lines: list[str] = []
    for timed in timed_agenda(network, meeting):
        line = f"{timed.number}."
        if timed.starts is not None:
            line += f" {w.time(timed.starts)}"
        line += f" {timed.item.topic}"
        if timed.item.by is not None:
            by = network.member(timed.item.by).name if network.has_member(timed.item.by) else ""
            line += f" ({by or timed.item.by})"
        lines.append(line)
    return tuple(lines)


def agenda_text(network: Network, meeting: Meeting) -> str | None:
    """The agenda under its heading ("Tagesordnung:" / "Agenda:"); None for a meeting without
    one."""
    lines = agenda_lines(network, meeting)
    if not lines:
        return None
    return "\n".join((words(network.language)(N_("Agenda:")), *lines))
