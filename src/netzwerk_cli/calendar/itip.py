"""Meeting invitations as iCalendar (iTIP, RFC 5546): one event with its organizer and attendees.

Pure: the export's writer (`ical.render_calendar`) writes the calendar, with METHOD:REQUEST or
METHOD:CANCEL and the ORGANIZER and ATTENDEE properties added to the event, so an invitation has
the same UID, SEQUENCE, times and VTIMEZONE as the exported event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from netzwerk_cli.calendar.ical import StampedEvent, render_calendar
from netzwerk_cli.contact import Contact

PRODID = "-//netzwerk//netzwerk-cli invite//EN"


class Method(StrEnum):
    """The iTIP method of a message (RFC 5546)."""

    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


@dataclass(frozen=True)
class Recipient:
    """One address a message goes to."""

    name: str
    address: str

    @property
    def key(self) -> str:
        """How the record knows the address: e-mail addresses are compared without case."""
        return self.address.lower()


def cn_param(name: str) -> str:
    """A CN parameter for a name, quoted where RFC 5545 requires it; '' for no name.

    A parameter value cannot hold a double quote or a control character at all (RFC 5545 3.1):
    they become an apostrophe and a space."""
    text = "".join(" " if ord(c) < 0x20 or c == "\x7f" else c for c in name).replace('"', "'")
    if not text.strip():
        return ""
    if any(c in text for c in ",;:"):
        text = f'"{text}"'
    return f";CN={text}"


def itip_calendar(
    event: StampedEvent,
    *,
    method: Method,
    organizer: Contact,
    attendees: Sequence[Recipient],
    timezone: str,
    made: dt.datetime,
) -> str:
    """The VCALENDAR of one invitation or cancellation, CRLF line endings.

    Its DTSTAMP is `made`, when the message is made (RFC 5546 3.2: with a METHOD, DTSTAMP is the
    time the iCalendar object was created), not the stamp the calendar record keeps for the
    event's content: the export's DTSTAMP stays reproducible, a message's says when it was sent.
    """
    event = dataclasses.replace(event, dtstamp=made)
    lines = [f"ORGANIZER{cn_param(organizer.name)}:mailto:{organizer.address}"]
    for attendee in attendees:
        rsvp = ";RSVP=TRUE" if method is Method.REQUEST else ""
        lines.append(
            f"ATTENDEE{cn_param(attendee.name)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;"
            f"PARTSTAT=NEEDS-ACTION{rsvp}:mailto:{attendee.address}"
        )
    return render_calendar(
        [event],
        name=None,
        timezone=timezone,
        prodid=PRODID,
        method=method.value,
        extra={event.event.uid: lines},
    )
