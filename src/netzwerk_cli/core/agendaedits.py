"""What `netzwerk agenda` and `netzwerk topic` change: a meeting's agenda items added, moved or
taken out, and the proposed topics (the Themenspeicher) added, taken onto an agenda or dropped.

Pure, as `core/changes.py`: network, request and today in; one `Change` or a `CommandError` out.
Numbers and positions are the ones people see: from 1, as `agenda show` and `topic list` number
them. The edits are `[[meetings.agenda]]` and `[[topics]]` tables (`core/edits.py`), which
`file/tomledit.py` makes without touching anything else in the file.
"""

from __future__ import annotations

import datetime as dt

from netzwerk_cli.core.agenda import agenda_minutes, length_of
from netzwerk_cli.core.changes import Change, with_planned
from netzwerk_cli.core.edits import (
    AddSubTable,
    AddTable,
    Edits,
    MoveSubTable,
    RemoveSubTable,
    RemoveTable,
    TomlValue,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, Message, Month, fact
from netzwerk_cli.model import AgendaItem, Meeting, Network, Status, Topic


def the_meeting(meeting: Meeting) -> Message:
    """How a sentence names a meeting whose agenda it is: `the meeting on 2027-04-07`."""
    if meeting.date is None:
        return fact(N_("the coming meeting hosted by {host} (no date yet)"), host=meeting.host)
    if meeting.month_only:
        return fact(N_("the meeting in {month}"), month=Month(meeting.date))
    return fact(N_("the meeting on {date}"), date=meeting.date)


def next_meeting_of_file(network: Network, *, today: dt.date) -> Meeting:
    """The next planned meeting of the file: the first dated today or later, else one planned
    without a date; a `CommandError` when there is none."""
    for meeting in network.chronological():
        if meeting.status is Status.PLANNED and (meeting.date is None or meeting.is_coming(today)):
            return meeting
    raise CommandError(
        fact(
            N_(
                "no coming meeting in the file: plan one with `netzwerk plan`, or name a "
                "meeting by its date (DATE)"
            )
        )
    )


def meeting_on(network: Network, day: dt.date) -> Meeting:
    """The meeting on `day` (one not cancelled, if there are several); a `CommandError` with the
    planned ones' dates when there is none."""
    on_day = [m for m in network.meetings if m.has_full_date and m.date == day]
    if on_day:
        return next((m for m in on_day if m.status is not Status.CANCELLED), on_day[0])
    missing = fact(N_("meeting not found: no meeting on {date}"), date=day)
    raise CommandError(with_planned(missing, network))


def the_agenda_meeting(network: Network, *, today: dt.date, day: dt.date | None) -> Meeting:
    """The meeting on `day`, or the next one of the file when no day is given."""
    return next_meeting_of_file(network, today=today) if day is None else meeting_on(network, day)


def add_item(
    network: Network,
    meeting: Meeting,
    *,
    topic: str,
    by: str | None = None,
    minutes: int | None = None,
    at: int | None = None,
) -> Change:
    """A new item on the meeting's agenda, at position `at` (from 1; last if None)."""
    position = _position(meeting, at)
    item = AgendaItem(topic, by=by, minutes=minutes)
    edit = AddSubTable("meetings", meeting.position - 1, "agenda", position - 1, _values(item))
    summary = fact(
        N_("Added item {number} to the agenda of {meeting}: {topic}."),
        number=position,
        meeting=the_meeting(meeting),
        topic=topic,
    )
    agenda = (*meeting.agenda[: position - 1], item, *meeting.agenda[position - 1 :])
    return Change(edit, summary, long_agenda_note(network, meeting, agenda))


def take_topic(
    network: Network,
    meeting: Meeting,
    *,
    number: int,
    by: str | None = None,
    minutes: int | None = None,
    at: int | None = None,
) -> Change:
    """Proposed topic `number` (from 1) onto the meeting's agenda, at `at`: it leaves the list of
    proposed topics. Brought by whoever proposed it, unless `by` says another member."""
    topic = _topic(network, number)
    added = add_item(network, meeting, topic=topic.topic, by=by or topic.by, minutes=minutes, at=at)
    assert isinstance(added.edit, AddSubTable)
    summary = fact(
        N_(
            "Took proposed topic {topic_number} onto the agenda of {meeting} as item "
            "{number}: {topic}."
        ),
        topic_number=number,
        meeting=the_meeting(meeting),
        number=added.edit.at + 1,
        topic=topic.topic,
    )
    # The topics after it move up one: their numbers change, and a number from the list of a
    # minute ago would now take another topic (found in the second German first week).
    rest = [t.topic for t in network.topics if t is not topic]
    moved: tuple[Message, ...] = ()
    if number <= len(rest):
        moved = (
            fact(
                N_("The proposed topics are numbered anew: {topics}."),
                topics=[f"{n}. {text}" for n, text in enumerate(rest, start=1)],
            ),
        )
    # The item first: removing the topic does not move the meeting's table.
    edits = Edits((added.edit, RemoveTable("topics", number - 1)))
    return Change(edits, summary, (*added.notes, *moved))


def move_item(network: Network, meeting: Meeting, *, number: int, to: int) -> Change:
    """Item `number` of the meeting's agenda to position `to` (both from 1)."""
    item = _item(meeting, number)
    count = len(meeting.agenda)
    if not 1 <= to <= count:
        raise CommandError(
            fact(
                N_("position {position} is not on the agenda of {meeting}: give 1 to {last}"),
                position=to,
                meeting=the_meeting(meeting),
                last=count,
            )
        )
    if to == number:
        raise CommandError(
            fact(
                N_("item {number} of the agenda of {meeting} is at position {number} already"),
                number=number,
                meeting=the_meeting(meeting),
            )
        )
    edit = MoveSubTable("meetings", meeting.position - 1, "agenda", number - 1, to - 1)
    summary = fact(
        N_("Moved item {number} of the agenda of {meeting} to position {to}: {topic}."),
        number=number,
        meeting=the_meeting(meeting),
        to=to,
        topic=item.topic,
    )
    return Change(edit, summary)


def remove_item(network: Network, meeting: Meeting, *, number: int) -> Change:
    """Item `number` (from 1) off the meeting's agenda."""
    item = _item(meeting, number)
    edit = RemoveSubTable("meetings", meeting.position - 1, "agenda", number - 1)
    summary = fact(
        N_("Removed item {number} from the agenda of {meeting}: {topic}."),
        number=number,
        meeting=the_meeting(meeting),
        topic=item.topic,
    )
    return Change(edit, summary)


def add_topic(
    network: Network, *, topic: str, by: str | None = None, proposed: dt.date | None = None
) -> Change:
    """A proposed topic, last on the list."""
    values: dict[str, TomlValue] = {"topic": topic}
    if by is not None:
        values["by"] = by
    if proposed is not None:
        values["proposed"] = proposed
    summary = fact(
        N_("Added proposed topic {number}: {topic}."),
        number=len(network.topics) + 1,
        topic=topic,
    )
    return Change(AddTable("topics", values), summary)


def remove_topic(network: Network, *, number: int) -> Change:
    """Proposed topic `number` (from 1) off the list, without putting it on an agenda."""
    topic = _topic(network, number)
    summary = fact(
        N_("Removed proposed topic {number}: {topic}."), number=number, topic=topic.topic
    )
    return Change(RemoveTable("topics", number - 1), summary)


def _values(item: AgendaItem) -> dict[str, TomlValue]:
    values: dict[str, TomlValue] = {"topic": item.topic}
    if item.by is not None:
        values["by"] = item.by
    if item.minutes is not None:
        values["minutes"] = item.minutes
    return values


def _position(meeting: Meeting, at: int | None) -> int:
    """Where a new item goes (from 1): `at`, or after the last."""
    last = len(meeting.agenda) + 1
    if at is None:
        return last
    if not 1 <= at <= last:
        raise CommandError(
            fact(
                N_("position {position} is not on the agenda of {meeting}: give 1 to {last}"),
                position=at,
                meeting=the_meeting(meeting),
                last=last,
            )
        )
    return at


def _item(meeting: Meeting, number: int) -> AgendaItem:
    if not meeting.agenda:
        raise CommandError(
            fact(N_("the agenda of {meeting} has no items yet"), meeting=the_meeting(meeting))
        )
    if not 1 <= number <= len(meeting.agenda):
        raise CommandError(
            fact(
                N_("the agenda of {meeting} has no item {number}; its items are 1 to {last}"),
                meeting=the_meeting(meeting),
                number=number,
                last=len(meeting.agenda),
            )
        )
    return meeting.agenda[number - 1]


def _topic(network: Network, number: int) -> Topic:
    if not network.topics:
        raise CommandError(
            fact(N_("there are no proposed topics; add one with `netzwerk topic add TOPIC`"))
        )
    if not 1 <= number <= len(network.topics):
        if len(network.topics) == 1:
            raise CommandError(
                fact(
                    N_("there is no proposed topic {number}; there is only topic 1: {topic}"),
                    number=number,
                    topic=network.topics[0].topic,
                )
            )
        raise CommandError(
            fact(
                N_("there is no proposed topic {number}; the proposed topics are 1 to {last}"),
                number=number,
                last=len(network.topics),
            )
        )
    return network.topics[number - 1]


def long_agenda_note(
    network: Network, meeting: Meeting, agenda: tuple[AgendaItem, ...] | None = None
) -> tuple[Message, ...]:
    """A note when the meeting's agenda (or `agenda`, as it will be) takes longer than the
    meeting."""
    from dataclasses import replace

    changed = meeting if agenda is None else replace(meeting, agenda=agenda)
    minutes, length = agenda_minutes(changed), length_of(network, changed)
    if minutes <= length:
        return ()
    return (
        fact(
            N_(
                "Note: the agenda of {meeting} takes {minutes} minutes, longer than the meeting "
                "({length} minutes)."
            ),
            meeting=the_meeting(meeting),
            minutes=minutes,
            length=length,
        ),
    )
