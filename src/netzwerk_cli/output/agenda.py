"""A meeting's agenda and the proposed topics as people and scripts see them: a table each, and
JSON-ready dicts (the stable form, the same in every language; ISO dates and times)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from netzwerk_cli.core.agenda import TimedItem, agenda_minutes, length_of, start_of, timed_agenda
from netzwerk_cli.message import N_
from netzwerk_cli.model import Meeting, Network
from netzwerk_cli.output.fitted import Column, FittedTable
from netzwerk_cli.output.jsonrows import meeting_date_text
from netzwerk_cli.words import Words


def _by_name(network: Network, member_id: str | None) -> str | None:
    if member_id is None or not network.has_member(member_id):
        return None
    return network.member(member_id).name


def agenda_json(network: Network, meeting: Meeting) -> dict[str, Any]:
    """The meeting and its agenda for --json: each item with its number, its start ("10:15:00",
    null where it cannot be told), its topic, who brings it and how long it takes."""
    start = start_of(network, meeting)
    starts = None
    if start is not None and meeting.has_full_date and meeting.date is not None:
        starts = dt.datetime.combine(meeting.date, start).isoformat()
    return {
        "date": meeting_date_text(meeting),
        "start": starts,
        "host": meeting.host,
        "venue": network.venue_of(meeting),
        "title": meeting.title,
        "status": meeting.status.value,
        "minutes": agenda_minutes(meeting),
        "length": length_of(network, meeting),
        "items": [_item_json(network, timed) for timed in timed_agenda(network, meeting)],
    }


def _item_json(network: Network, timed: TimedItem) -> dict[str, Any]:
    return {
        "number": timed.number,
        "start": timed.starts.isoformat() if timed.starts is not None else None,
        "topic": timed.item.topic,
        "by": timed.item.by,
        "by_name": _by_name(network, timed.item.by),
        "minutes": timed.item.minutes,
    }


def meeting_heading(network: Network, meeting: Meeting, said: Words) -> str:
    """The meeting an agenda is of, for its table's title: `07.04.2027 (Mi) 10:00, Eschwege`."""
    if meeting.date is None:
        when = said(N_("no date yet"))
    elif meeting.month_only:
        when = said.month(meeting.date)
    else:
        when = f"{said.date(meeting.date)} ({said.weekday(meeting.date)})"
        start = start_of(network, meeting)
        if start is not None:
            when += f" {said.time(start)}"
    parts = [when, network.venue_of(meeting)]
    if meeting.title:
        parts.append(" ".join(meeting.title.split()))
    return ", ".join(part for part in parts if part)


def agenda_table(network: Network, meeting: Meeting, said: Words) -> FittedTable:
    """The agenda, one row per item: its number, its start, its topic, who brings it, how long."""
    columns: tuple[Column, ...] = (
        ("#", "right", False),
        (N_("Time"), "left", False),
        (N_("Topic"), "left", True),
        (N_("Brought by"), "left", True),
        (N_("Minutes"), "right", False),
    )
    rows = [
        [
            str(timed.number),
            said.time(timed.starts) if timed.starts is not None else "",
            timed.item.topic,
            _by_name(network, timed.item.by) or "",
            str(timed.item.minutes) if timed.item.minutes is not None else "",
        ]
        for timed in timed_agenda(network, meeting)
    ]
    title = said(N_("Agenda: {meeting}")).format(meeting=meeting_heading(network, meeting, said))
    return _fitted(title, columns, rows, said)


def topics_json(network: Network) -> list[dict[str, Any]]:
    """The proposed topics for --json, numbered as `topic remove` and `agenda add --topic` take
    them."""
    return [
        {
            "number": number,
            "topic": topic.topic,
            "by": topic.by,
            "by_name": _by_name(network, topic.by),
            "proposed": topic.proposed.isoformat() if topic.proposed is not None else None,
        }
        for number, topic in enumerate(network.topics, start=1)
    ]


def topics_table(network: Network, said: Words) -> FittedTable:
    """The proposed topics, numbered."""
    columns: tuple[Column, ...] = (
        ("#", "right", False),
        (N_("Topic"), "left", True),
        (N_("Proposed by"), "left", True),
        (N_("Proposed on"), "left", False),
    )
    rows = [
        [
            str(number),
            topic.topic,
            _by_name(network, topic.by) or "",
            said.date(topic.proposed) if topic.proposed is not None else "",
        ]
        for number, topic in enumerate(network.topics, start=1)
    ]
    return _fitted(said(N_("Proposed topics")), columns, rows, said)


def _fitted(
    title: str, columns: tuple[Column, ...], rows: list[list[str]], said: Words
) -> FittedTable:
    """The table without the columns empty in every row (no one brings anything, no minutes)."""
    keep = [i for i in range(len(columns)) if any(row[i] for row in rows)] or list(
        range(len(columns))
    )
    return FittedTable(
        title,
        [(said(columns[i][0]), columns[i][1], columns[i][2]) for i in keep],
        [[row[i] for i in keep] for row in rows],
    )
