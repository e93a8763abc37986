"""A reminder of `netzwerk remind` as a value: what it asks the coordinator to do, in sentences.

`core.remind` finds the reminders due, `core.remindmessages` makes each one with its sentences,
`core.remindtext` lays them out as plain text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from netzwerk_cli.message import Message
from netzwerk_cli.model import Member


class Task(StrEnum):
    """What a reminder asks the coordinator to do."""

    RECORD = "record"  # a planned meeting whose date has passed: record it, or cancel it
    PLAN = "plan"  # the next meeting has no date fixed in the file: fix date and venue
    INVITE = "invite"  # the next meeting is planned: send the invitation (or its update)
    ANSWERS = "answers"  # the invitation went out, and in the last week some have not answered
    AGENDA = "agenda"  # a meeting in the next two weeks has no agenda yet


class Sent(StrEnum):
    """What `netzwerk invite` did for a meeting, as its record of what was sent says."""

    NOTHING = "nothing"  # no invitation went out (or the network invites by hand)
    CURRENT = "current"  # the invitation went out to everyone, and `invite` has nothing to send
    CHANGED = "changed"  # it went out, but the meeting changed since: the update is due
    PARTLY = "partly"  # it went out, but not to every contact yet (added, or refused)


@dataclass(frozen=True)
class Reminder:
    """One thing to do now, with the paragraph that says it (said by `words`, in any language)."""

    kind: Task
    host: Member
    venue: str
    message: tuple[Message, ...]  # its sentences
    date: dt.date | None = None  # the meeting's date, or the one the cadence proposes
    month_only: bool = False
