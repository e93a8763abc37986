"""Calendar UIDs that derive from the network file alone, so they survive hand edits.

- A meeting with a `uid` key in the file has that UID (the writing commands always add one).
- A meeting without one is named by its position among the file's [[meetings]] tables, which a
  hand edit of its date, host or venue does not change.
- A slot that only the cadence proposes is named by the cadence date it fills (before any holiday
  move); `netzwerk plan` copies that UID into the meeting it writes, so the calendar event that
  was tentative becomes the confirmed one instead of a second event.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from netzwerk_cli.model import Meeting, Network

DOMAIN = "netzwerk-cli"


def network_slug(network: Network) -> str:
    """The network's name as a lower-case ASCII slug, e.g. 'netzwerk-integration'."""
    return _slug(network.name)


@functools.lru_cache(maxsize=16)  # asked once per event of a calendar, for one name
def _slug(name: str) -> str:
    import unicodedata

    ascii_name = (
        unicodedata.normalize("NFKD", name.replace("ß", "ss"))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "network"


def meeting_uid(network: Network, meeting: Meeting) -> str:
    """The UID of a meeting of the file."""
    if meeting.uid:
        return meeting.uid
    return f"meeting-{meeting.position}.{network_slug(network)}@{DOMAIN}"


def slot_uid(network: Network, slot: dt.date) -> str:
    """The UID of a slot that the cadence proposes for the cadence date `slot`."""
    return f"slot-{slot:%Y%m%d}.{network_slug(network)}@{DOMAIN}"


def new_meeting_uid(network: Network, *, day: dt.date | None, host: str) -> str:
    """A UID for a meeting that a writing command adds and that fills no cadence slot."""
    when = f"{day:%Y%m%d}" if day else "undated"
    base = f"meeting-{when}-{_ascii_id(host)}.{network_slug(network)}"
    taken = {m.uid for m in network.meetings}
    uid, n = f"{base}@{DOMAIN}", 2
    while uid in taken:
        uid, n = f"{base}-{n}@{DOMAIN}", n + 1
    return uid


_SPELT_OUT = str.maketrans(
    {"Ä": "AE", "Ö": "OE", "Ü": "UE", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
)


def _ascii_id(host: str) -> str:
    """A member id in a UID (and so in the outbox's file names, which are made from UIDs): its
    letters beyond ASCII spelt out as Germans do (MÜN -> MUEN) or without their accents (É -> E);
    anything else becomes '-'. An ASCII id stays as before, and so do the UIDs already written."""
    import unicodedata

    spelt = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", host).translate(_SPELT_OUT))
    ascii_id = spelt.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_id) or "member"  # an id in Greek, say
