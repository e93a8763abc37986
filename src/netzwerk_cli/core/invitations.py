"""Which invitations are due: a pure function of the network, its events and what was sent.

Every planned meeting from today on whose day the file fixes is an invitation (iTIP REQUEST) to
the contacts of every member that belongs to the network on that day. What was sent before (the
record `file/invitations.py` keeps) decides what goes out now:

- a contact that has no invitation yet, or one with a lower SEQUENCE (the meeting changed), or a
  cancellation, gets the current invitation; one message goes to all such contacts of a meeting;
- a contact whose invitation has the current SEQUENCE but another content (only the description
  changed: the agenda) gets the update with that same SEQUENCE, and the answer given stays
  current (RFC 5546 2.1.4: a change that is not significant);
- a contact that was invited and is no longer one (removed from `contacts`) gets a cancellation;
- everyone invited to a meeting that is cancelled, removed from the file, or no longer has a fixed
  day gets a cancellation (iTIP CANCEL) with the event's SEQUENCE one higher;
- nothing else: a second run without changes sends nothing.

SEQUENCE comes from the calendar record (`calendar/sequence.py`), so an invitation and `export`
give an event the same number.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from enum import StrEnum

from netzwerk_cli.calendar.ical import CalendarEvent, EventStatus, StampedEvent
from netzwerk_cli.calendar.itip import Method as Method  # the format's; named here for callers
from netzwerk_cli.calendar.itip import Recipient as Recipient
from netzwerk_cli.message import N_, Joined, Message, fact
from netzwerk_cli.model import Meeting, Network, Status


class Why(StrEnum):
    """Why a message is due."""

    NEW = "new"  # nobody has been invited to this meeting yet
    CHANGED = "changed"  # the meeting changed since the invitation
    UPDATED = "updated"  # only its description (the agenda) changed: the same SEQUENCE
    ADDED = "added"  # contacts that were added since the invitation
    CANCELLED = "cancelled"  # the meeting is cancelled
    REMOVED = "removed"  # the meeting is no longer in the file, or has no fixed day any more
    DROPPED = "dropped"  # contacts that were removed since the invitation


@dataclass(frozen=True)
class SentTo:
    """What one recipient last got for one meeting."""

    method: Method
    sequence: int
    name: str = ""
    # The digest of the event's content as sent (`calendar.sequence.fingerprint`); "" in a record
    # of an older release: the event the record keeps for the meeting stands in for it.
    fingerprint: str = ""


@dataclass(frozen=True)
class Invited:
    """What the record knows of one meeting: the event as last sent, and who got what."""

    event: CalendarEvent
    sent: Mapping[str, SentTo]  # by `Recipient.key`

    def invited(self) -> list[Recipient]:
        """Those whose last message was an invitation, not a cancellation."""
        return [
            Recipient(to.name, key) for key, to in self.sent.items() if to.method is Method.REQUEST
        ]


@dataclass(frozen=True)
class Outgoing:
    """One message that is due."""

    method: Method
    event: StampedEvent
    recipients: tuple[Recipient, ...]
    why: Why


def recipients_on(network: Network, day: dt.date) -> tuple[Recipient, ...]:
    """The contacts of every member that belongs to the network on `day`, each address once."""
    found: dict[str, Recipient] = {}
    for member in network.members:
        if member.belongs_on(day):
            for contact in member.contacts:
                recipient = Recipient(contact.name, contact.address)
                found.setdefault(recipient.key, recipient)
    return tuple(found.values())


def invitable(meeting: Meeting, today: dt.date) -> bool:
    """Whether a meeting is one to invite to: planned, its day fixed, today or later."""
    return (
        meeting.status is Status.PLANNED
        and meeting.has_full_date
        and meeting.date is not None
        and meeting.date >= today
    )


def cancellations(
    events: Mapping[str, CalendarEvent], invited: Mapping[str, Invited], *, today: dt.date
) -> dict[str, tuple[CalendarEvent, Why]]:
    """The cancelled event of each meeting that was invited to and must be called off.

    `events` are the file's current events by UID (planned ones still to come, and cancelled
    ones); a meeting that is gone from them (removed, or its day no longer fixed) is cancelled
    with the event as it was last sent. Meetings whose day has passed are history: no message.
    """
    cancelled: dict[str, tuple[CalendarEvent, Why]] = {}
    for uid, record in invited.items():
        if not record.invited():
            continue
        current = events.get(uid)
        if current is not None:
            if current.status is EventStatus.CANCELLED:
                cancelled[uid] = (current, Why.CANCELLED)
            continue
        if record.event.day >= today:
            gone = dataclasses.replace(record.event, status=EventStatus.CANCELLED)
            cancelled[uid] = (gone, Why.REMOVED)
    return cancelled


def due(
    network: Network,
    events: Sequence[StampedEvent],
    invited: Mapping[str, Invited],
    *,
    removed: Set[str] = frozenset(),
    timezone: str,
) -> list[Outgoing]:
    """The messages due now, in the order of the meetings' days.

    `events` are the settled events to give out: the invitations (CONFIRMED) and the
    cancellations (CANCELLED) that `cancellations` found; `removed` the UIDs among those of
    meetings no longer in the file (or without a fixed day).
    """
    from netzwerk_cli.calendar.sequence import fingerprint

    messages: list[Outgoing] = []
    for stamped in sorted(events, key=lambda s: (s.event.day, s.event.uid)):
        event = stamped.event
        record = invited.get(event.uid)
        if event.status is EventStatus.CANCELLED:
            if record is not None and record.invited():
                why = Why.REMOVED if event.uid in removed else Why.CANCELLED
                messages.append(Outgoing(Method.CANCEL, stamped, tuple(record.invited()), why))
            continue
        everyone = recipients_on(network, event.day)
        sent = record.sent if record is not None else {}
        now = fingerprint(event, timezone)
        before = fingerprint(record.event, timezone) if record is not None else ""
        wanting = [r for r in everyone if _needs_invitation(sent.get(r.key), stamped, now, before)]
        if wanting:
            if not sent:
                why = Why.NEW
            elif any(_outdated(sent.get(r.key), stamped.sequence) for r in wanting):
                why = Why.CHANGED
            elif any(r.key in sent for r in wanting):
                why = Why.UPDATED
            else:
                why = Why.ADDED
            messages.append(Outgoing(Method.REQUEST, stamped, tuple(wanting), why))
        keys = {r.key for r in everyone}
        dropped = [r for r in (record.invited() if record else []) if r.key not in keys]
        if dropped:
            messages.append(Outgoing(Method.CANCEL, stamped, tuple(dropped), Why.DROPPED))
    return messages


def _outdated(last: SentTo | None, sequence: int) -> bool:
    return last is not None and (last.method is Method.CANCEL or last.sequence < sequence)


def _needs_invitation(last: SentTo | None, stamped: StampedEvent, now: str, before: str) -> bool:
    """Whether a recipient must get the invitation: none yet, an older one, or one of the same
    SEQUENCE whose content (the description) is not the current one."""
    if last is None or _outdated(last, stamped.sequence):
        return True
    return (last.fingerprint or before) != now


def nothing_due(network: Network, *, today: dt.date, proposed: Mapping[int, dt.date]) -> Message:
    """Why no message is due: the planned meetings whose day the file does not fix yet (with the
    date the schedule proposes for each, by the meeting's position), else that every invitation
    went out already, else that nothing is planned."""
    waiting: list[Message] = []
    for meeting in network.chronological():
        last = meeting.last_day
        if meeting.status is not Status.PLANNED or meeting.has_full_date:
            continue
        if last is not None and last < today:
            continue  # a month that is over: history, not an invitation
        day = proposed.get(meeting.position)
        command = f"netzwerk plan {day.isoformat() if day else 'YYYY-MM-DD'}"
        if meeting.date is None:
            text = N_("the planned meeting of {host} has no date yet ({command} fixes it)")
        else:
            text = N_(
                "the planned meeting of {host} has a month but no day yet ({command} fixes it)"
            )
        waiting.append(fact(text, host=meeting.host, command=command))
    sent = any(invitable(meeting, today) for meeting in network.meetings)
    if waiting:
        if sent:
            waiting.append(fact(N_("the other planned meetings' invitations went out already")))
        return fact(N_("Nothing to send: {why}."), why=Joined(tuple(waiting), "; "))
    if sent:
        return fact(
            N_("Nothing to send: the invitations went out already, and no meeting changed since.")
        )
    return fact(
        N_("Nothing to send: no meeting is planned from {today} on (netzwerk plan plans one)."),
        today=today,
    )
