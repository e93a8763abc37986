"""An invitation as an e-mail that Outlook, Thunderbird, Apple Mail and Gmail show as a meeting.

Pure: the message id and the date come in. The structure is the one these clients expect (RFC
6047): multipart/mixed holding a multipart/alternative (a short text/plain in the network's
language, and the calendar as text/calendar with its METHOD) and the same calendar once more as
the attachment invite.ics. Python's `email` package builds it; nothing is written by hand.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from netzwerk_cli.calendar.itip import itip_calendar
from netzwerk_cli.core.invitations import Method, Outgoing, Why
from netzwerk_cli.message import N_
from netzwerk_cli.model import Network
from netzwerk_cli.words import Words, words
from netzwerk_cli.words.letter import salutation, sign_off

if TYPE_CHECKING:
    from email.message import EmailMessage

SUBJECTS = {
    Why.NEW: N_("Invitation: {network}, {date} in {venue}"),
    Why.ADDED: N_("Invitation: {network}, {date} in {venue}"),
    Why.CHANGED: N_("Updated invitation: {network}, {date} in {venue}"),
    Why.UPDATED: N_("Updated invitation: {network}, {date} in {venue}"),
    Why.CANCELLED: N_("Cancelled: {network}, {date} in {venue}"),
    Why.REMOVED: N_("Cancelled: {network}, {date} in {venue}"),
    Why.DROPPED: N_("Cancelled for you: {network}, {date} in {venue}"),
}


def subject(network: Network, message: Outgoing) -> str:
    """The subject line, in the network's language."""
    w = words(network.language)
    event = message.event.event
    return w(SUBJECTS[message.why]).format(
        network=network.name, date=w.date(event.day), venue=event.location
    )


def body(network: Network, message: Outgoing, host: str) -> str:
    """The text/plain part: what, when, where, who hosts, the event's public description with the
    agenda (never the meeting's private notes); in the network's language, greeted and signed as
    the invitation letter of `papers` is (`words.letter`), by the sender of `[mail] from`."""
    w = words(network.language)
    event = message.event.event
    if message.method is Method.CANCEL:
        opening = w(N_("This meeting of the {network} will not take place:"))
    elif message.why is Why.CHANGED:
        opening = w(N_("This meeting of the {network} has changed; the invitation is updated:"))
    elif message.why is Why.UPDATED:
        opening = w(
            N_(
                "The agenda or description of this meeting of the {network} has changed; day, "
                "time and place have not, and an answer you gave still counts:"
            )
        )
    else:
        opening = w(N_("You are invited to this meeting of the {network}:"))
    # After the salutation's comma a German sentence goes on in lower case: the German openings
    # that begin with an article are written so in the catalog ("das folgende Treffen ...").
    lines = [salutation(w), "", opening.format(network=network.name), ""]
    rows = [
        (w(N_("When")), _when(w, event.day, event.start, event.duration_minutes)),
        (w(N_("Where")), event.location),
        (w(N_("Host")), host),
    ]
    width = max(len(label) for label, _ in rows) + 2
    lines += [f"{label + ':':<{width}}{value}" for label, value in rows]
    if event.description:
        lines += ["", event.description]
    if message.method is Method.REQUEST:
        lines += ["", w(N_("Please answer with the buttons of your calendar program."))]
    sender = network.mail.sender if network.mail is not None else None
    lines += ["", *sign_off(w, sender, network=network.name)]
    return "\n".join(lines) + "\n"


def _when(w: Words, day: dt.date, start: dt.time | None, minutes: int | None) -> str:
    text = f"{w.weekday(day)} {w.date(day)}"
    if start is None:
        return text + ", " + w(N_("all day"))
    text += f", {w.time(start)}"
    if minutes:
        end = (dt.datetime.combine(day, start) + dt.timedelta(minutes=minutes)).time()
        text += f"–{w.time(end)}"
    return text


def email_message(
    network: Network,
    message: Outgoing,
    *,
    host: str,
    message_id: str,
    date: dt.datetime,
) -> EmailMessage:
    """The whole e-mail of one invitation or cancellation; `date` is when it is made (its Date
    header and its calendar's DTSTAMP)."""
    from email import policy
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.utils import format_datetime

    assert network.mail is not None
    sender = network.mail.sender
    calendar = itip_calendar(
        message.event,
        method=message.method,
        organizer=sender,
        attendees=message.recipients,
        timezone=network.timezone,
        made=date,
    )
    mail = EmailMessage(policy=policy.SMTP)
    mail["From"] = _address(Address, sender.name, sender.address)
    mail["To"] = [_address(Address, r.name, r.address) for r in message.recipients]
    mail["Subject"] = subject(network, message)
    mail["Date"] = format_datetime(date)
    mail["Message-ID"] = message_id
    # 7-bit only, as Outlook sends it: a relay without 8BITMIME carries every byte unchanged. The
    # text readable as quoted-printable, the calendar in base64, which keeps its CRLF line ends.
    mail.set_content(body(network, message, host), cte="quoted-printable")
    mail.add_alternative(
        calendar, subtype="calendar", params={"method": message.method.value}, cte="base64"
    )
    mail.add_attachment(
        calendar.encode("utf-8"), maintype="application", subtype="ics", filename="invite.ics"
    )
    # Outlook takes a message with this header for a meeting request before it reads the calendar
    # part. Set last: making the message multipart moves every Content-* header into a part.
    mail["Content-Class"] = "urn:content-classes:calendarmessage"
    return mail


def _address(kind: type, name: str, address: str) -> object:
    username, _, domain = address.rpartition("@")
    return kind(display_name=name, username=username, domain=domain)
