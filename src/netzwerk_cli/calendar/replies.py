"""The answers to invitations (iMIP, RFC 6047; iTIP REPLY and COUNTER, RFC 5546 3.2.3 and 3.2.7).

Pure: bytes of an e-mail in, frozen values out. Hand-written, not `icalendar`: a reply is a
handful of properties (METHOD, UID, SEQUENCE, DTSTAMP, one ATTENDEE with PARTSTAT, COMMENT,
DTSTART of a COUNTER), and the reader must be *stricter* than a general library: a reply with no
UID, no DTSTAMP in UTC, a PARTSTAT it does not know, no ATTENDEE or more than one, or an address
that is no `mailto:` is refused with a `ReplyError` naming what is wrong, instead of being read
with defaults. What it does handle is what the clients really write: folded lines, quoted
parameters (`CN="Beispiel, Anna"`), `MAILTO:` in capitals, `COMMENT;LANGUAGE=de-DE:`, escaped
text, and the calendar in a single part, in a `multipart/alternative`, or as an `.ics` attachment
in base64, quoted-printable or 8bit with its charset.

Text taken from a message (names, comments) has its control characters (and lone surrogates,
which no file can hold) removed here and is capped in length, so that no output, `--json`
included, can carry an escape sequence from a stranger's e-mail, and no message can bloat the
record. Whatever a message does, the reader ends in answers or a `ReplyError`, in time linear in
its size (sets and dicts; too many events or attendees are refused), never in another exception.

Each answer keeps the message's From address and whether the receiving server's
`Authentication-Results` (RFC 8601) said that DKIM or DMARC failed for it: `core.answers` counts
an answer only when the From address is the ATTENDEE and nothing failed. A DTSTAMP later than the
moment the message was read (plus a day of clock skew) counts as that moment, so that no message
can win over every later answer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from enum import StrEnum

from netzwerk_cli.message import N_, Message, fact

# A message larger than this is not an answer to an invitation: skipped, never parsed.
MAX_MESSAGE_BYTES = 8 * 2**20
# What is kept of a message's text: a comment of a few thousand characters, a name of a few
# hundred; an address or a UID longer than any real one makes the answer unreadable.
MAX_COMMENT = 2000
MAX_NAME = 200
MAX_ADDRESS = 254  # RFC 5321 4.5.3.1.3
MAX_UID = 255
# A reply answers one event (with a few exceptions of a series): more is no answer.
MAX_EVENTS = 200
MAX_ATTENDEES = 500
# A DTSTAMP may be this much later than the moment the message was read (clocks disagree).
CLOCK_SKEW = dt.timedelta(days=1)
MAX_MESSAGE_ID = 200
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UTC_STAMP = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z")
_DATE_TIME = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})(Z?))?")
_NAME = re.compile(r"[A-Za-z0-9-]+")
_ESCAPE_PAIR = re.compile(r"\\(.)", re.DOTALL)
_SEPARATOR = re.compile("[;:]")


class ReplyError(ValueError):
    """A message that holds a calendar which cannot be read as an answer; `text` says why."""

    def __init__(self, text: Message) -> None:
        super().__init__(text.msgid)
        self.text = text

    def __str__(self) -> str:
        from netzwerk_cli.model import Language
        from netzwerk_cli.words import words

        return words(Language.EN).say(self.text)


class Answer(StrEnum):
    """An attendee's answer (PARTSTAT), and `none` for no (current) answer."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"
    DELEGATED = "delegated"
    NONE = "none"


class Kind(StrEnum):
    """What a message says: an answer (REPLY) or a proposal of another time (COUNTER)."""

    REPLY = "REPLY"
    COUNTER = "COUNTER"


@dataclass(frozen=True)
class Reply:
    """One attendee's answer to one event, as one message said it."""

    kind: Kind
    uid: str
    sequence: int
    stamp: dt.datetime  # DTSTAMP, in UTC
    address: str  # the ATTENDEE's address, lower-case
    name: str  # its CN, control characters removed ('' for none)
    answer: Answer
    comment: str | None = None
    proposed: str | None = None  # a COUNTER's DTSTART as ISO 8601 text (its own zone, as sent)
    # The message's From address, lower-case; '' for none or several; None where it is not known
    # (an answer recorded before senders were kept, which was counted then and still is).
    sender: str | None = None
    auth_failed: bool = False  # the receiving server said DKIM or DMARC failed for the sender

    @property
    def verified(self) -> bool:
        """Whether this answer counts: the mail came from the ATTENDEE itself, and the receiving
        server did not say that its signature or DMARC failed."""
        return (self.sender is None or self.sender == self.address) and not self.auth_failed


def clean(text: str, *, most: int | None = None) -> str:
    """Text from a stranger's message as netzwerk keeps it: control and direction-changing
    characters and lone surrogates removed (line breaks and tabs become spaces), spaces collapsed;
    cut to `most` characters (the last one then an ellipsis)."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    if most is not None and len(text) > most:
        text = text[: most - 1] + "…"
    return text


def replies_in_message(data: bytes, *, read_at: dt.datetime | None = None) -> list[Reply]:
    """Every REPLY and COUNTER of every calendar part of an e-mail, each answer once, with the
    message's sender; [] for a message that holds none. `ReplyError` if the message or a calendar
    in it cannot be read, whatever is wrong with it (no other exception). A DTSTAMP later than
    `read_at` plus `CLOCK_SKEW` counts as `read_at`."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise ReplyError(fact(N_("larger than {most} MiB"), most=MAX_MESSAGE_BYTES // 2**20))
    try:
        found = _replies_in_message(data)
    except ReplyError:
        raise
    except RecursionError:
        raise ReplyError(fact(N_("its parts are nested too deeply"))) from None
    except Exception as exc:
        why = clean(f"{type(exc).__name__}: {exc}", most=200)
        raise ReplyError(fact(N_("not a readable e-mail ({why})"), why=why)) from None
    if read_at is not None:
        latest = read_at + CLOCK_SKEW
        found = [replace(r, stamp=read_at) if r.stamp > latest else r for r in found]
    return found


def _replies_in_message(data: bytes) -> list[Reply]:
    from email import message_from_bytes, policy

    message = message_from_bytes(data, policy=policy.compat32)
    sender, auth_failed = _sender(message)
    found: dict[Reply, None] = {}
    for part in message.walk():
        if part.is_multipart() or not _is_calendar(part):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = part.get_content_charset() or "utf-8"
        try:
            text = payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise ReplyError(
                fact(N_("a calendar part is not {charset} text"), charset=clean(charset))
            ) from None
        for reply in replies_in_calendar(text):
            found[replace(reply, sender=sender, auth_failed=auth_failed)] = None
            if len(found) > MAX_EVENTS:
                raise ReplyError(
                    fact(N_("more than {most} answers in one message"), most=MAX_EVENTS)
                )
    return list(found)


_AUTH_FAILED = re.compile(r"\b(dkim|dmarc)\s*=\s*fail\b([^;]*)", re.IGNORECASE)
_AUTH_DOMAIN = re.compile(r"header\.(?:from|d|i)\s*=\s*\"?([^\s;\"]+)", re.IGNORECASE)


def _sender(message: object) -> tuple[str, bool]:
    """The From address (lower-case; '' for none or several), and whether an
    `Authentication-Results` header says that DKIM or DMARC failed for its domain (RFC 8601; a
    result naming no domain counts for the sender's)."""
    from email.message import Message
    from email.utils import getaddresses

    assert isinstance(message, Message)
    froms = [str(v) for v in message.get_all("From", [])]
    found = [a for _, a in getaddresses(froms) if a]
    sender = clean(found[0], most=MAX_ADDRESS).replace(" ", "").lower() if len(found) == 1 else ""
    if "@" not in sender:
        sender = ""
    domain = sender.rpartition("@")[2]
    failed = False
    for header in message.get_all("Authentication-Results", []):
        for result in _AUTH_FAILED.finditer(str(header)):
            named = _AUTH_DOMAIN.search(result[2])
            said = named[1].rpartition("@")[2].lower() if named else domain
            if said == domain:
                failed = True
    return sender, failed


def _is_calendar(part: object) -> bool:
    from email.message import Message

    assert isinstance(part, Message)
    kind = part.get_content_type()
    if kind in ("text/calendar", "application/ics", "text/x-vcalendar"):
        return True
    name = part.get_filename() or ""
    return kind == "application/octet-stream" and name.lower().endswith(".ics")


def message_id(data: bytes) -> str | None:
    """The Message-ID header of an e-mail, as written (without spaces); None if it has none."""
    from email import message_from_bytes, policy

    head, _, _ = data.partition(b"\r\n\r\n") if b"\r\n\r\n" in data else data.partition(b"\n\n")
    try:
        value = message_from_bytes(head + b"\n\n", policy=policy.compat32).get("Message-ID")
        text = clean(str(value or ""), most=MAX_MESSAGE_ID).replace(" ", "")
    except Exception:
        return None
    return text or None


def replies_in_calendar(text: str) -> list[Reply]:
    """The answers of one iCalendar object; [] unless its METHOD is REPLY or COUNTER."""
    lines = [line for line in _unfold(text) if line.strip()]
    events_begun = 0
    if not lines or lines[0].strip().upper() != "BEGIN:VCALENDAR":
        raise ReplyError(fact(N_("the calendar does not begin with BEGIN:VCALENDAR")))
    if lines[-1].strip().upper() != "END:VCALENDAR":
        raise ReplyError(fact(N_("the calendar does not end with END:VCALENDAR")))
    method = ""
    events: list[list[tuple[str, dict[str, str], str]]] = []
    depth: list[str] = []
    for line in lines[1:-1]:
        name, params, value = _content_line(line)
        if name == "BEGIN":
            depth.append(value.upper())
            if depth == ["VEVENT"]:
                events.append([])
                events_begun += 1
                if events_begun > MAX_EVENTS:
                    raise ReplyError(
                        fact(N_("more than {most} events in one calendar"), most=MAX_EVENTS)
                    )
        elif name == "END":
            if not depth or depth[-1] != value.upper():
                raise ReplyError(fact(N_("END:{name} without its BEGIN"), name=clean(value)[:40]))
            depth.pop()
        elif not depth and name == "METHOD":
            method = value.strip().upper()
        elif depth == ["VEVENT"]:
            events[-1].append((name, params, value))
    if depth:
        raise ReplyError(fact(N_("BEGIN:{name} without its END"), name=clean(depth[-1])[:40]))
    if method not in (Kind.REPLY, Kind.COUNTER):
        return []
    return [_reply(Kind(method), event) for event in events]


def _reply(kind: Kind, event: list[tuple[str, dict[str, str], str]]) -> Reply:
    by_name: dict[str, list[tuple[dict[str, str], str]]] = {}
    for n, params, value in event:
        by_name.setdefault(n, []).append((params, value))

    def one(name: str) -> tuple[dict[str, str], str] | None:
        found = by_name.get(name, [])
        if len(found) > 1:
            raise ReplyError(
                fact(N_("{name} appears {count} times in one event"), name=name, count=len(found))
            )
        return found[0] if found else None

    uid = one("UID")
    if uid is None or not uid[1].strip():
        raise ReplyError(fact(N_("an event has no UID")))
    if len(uid[1].strip()) > MAX_UID:
        raise ReplyError(fact(N_("the UID is longer than {most} characters"), most=MAX_UID))
    stamp = one("DTSTAMP")
    matched = _UTC_STAMP.fullmatch(stamp[1].strip()) if stamp else None
    if matched is None:
        raise ReplyError(fact(N_("DTSTAMP is missing or not a UTC time like 20250111T090000Z")))
    try:
        year, month, day, hour, minute, second = (int(g) for g in matched.groups())
        when = dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
    except ValueError:
        raise ReplyError(fact(N_("DTSTAMP is no real time"))) from None
    sequence_line = one("SEQUENCE")
    sequence = 0  # RFC 5545 3.8.7.4: no SEQUENCE is SEQUENCE:0
    if sequence_line is not None:
        if not re.fullmatch(r"[0-9]{1,9}", sequence_line[1].strip()):
            raise ReplyError(fact(N_("SEQUENCE is not a whole number")))
        sequence = int(sequence_line[1])
    attendees = by_name.get("ATTENDEE", [])
    if len(attendees) > MAX_ATTENDEES:
        raise ReplyError(fact(N_("more than {most} ATTENDEEs in one event"), most=MAX_ATTENDEES))
    if len(attendees) > 1:
        # A delegation's REPLY (RFC 5546 4.2.5) names the delegator (PARTSTAT=DELEGATED,
        # DELEGATED-TO) and the delegates (DELEGATED-FROM): the answer is the delegator's.
        delegating = [a for a in attendees if "DELEGATED-TO" in a[0]]
        others = [a for a in attendees if "DELEGATED-TO" not in a[0]]
        if len(delegating) == 1 and all("DELEGATED-FROM" in a[0] for a in others):
            attendees = delegating
    if len(attendees) != 1:
        raise ReplyError(
            fact(
                N_("a {method} must name one ATTENDEE, this one names {count}"),
                method=kind.value,
                count=len(attendees),
            )
        )
    params, value = attendees[0]
    address = value.strip()
    if address[:7].lower() != "mailto:" or "@" not in address[7:]:
        raise ReplyError(fact(N_("the ATTENDEE is no mailto: address")))
    address = clean(address[7:]).replace(" ", "").lower()
    if len(address) > MAX_ADDRESS:
        raise ReplyError(
            fact(N_("the ATTENDEE's address is longer than {most} characters"), most=MAX_ADDRESS)
        )
    answer = Answer.NONE
    if kind is Kind.REPLY:
        status = params.get("PARTSTAT", "").upper()
        try:
            answer = Answer(status.lower()) if status != "NONE" else Answer.NONE
        except ValueError:
            raise ReplyError(
                fact(N_("PARTSTAT {value} is not an answer"), value=clean(status)[:40] or "-")
            ) from None
        if answer is Answer.NONE:
            raise ReplyError(
                fact(N_("PARTSTAT {value} is not an answer"), value=clean(status)[:40] or "-")
            )
    comments = [_unescape(v[: MAX_COMMENT * 2]) for _, v in by_name.get("COMMENT", [])[:20]]
    comment = clean(" ".join(comments), most=MAX_COMMENT) or None
    proposed = None
    if kind is Kind.COUNTER:
        start = one("DTSTART")
        proposed = _moment(start[1]) if start else None
        if proposed is None:
            raise ReplyError(fact(N_("a COUNTER has no readable DTSTART")))
    return Reply(
        kind=kind,
        uid=clean(uid[1]).replace(" ", ""),
        sequence=sequence,
        stamp=when,
        address=address,
        name=clean(params.get("CN", "")[: MAX_NAME * 2], most=MAX_NAME),
        answer=answer,
        comment=comment,
        proposed=proposed,
    )


def _moment(value: str) -> str | None:
    matched = _DATE_TIME.fullmatch(value.strip())
    if matched is None:
        return None
    year, month, day, hour, minute, second, utc = matched.groups()
    try:
        if hour is None:
            return dt.date(int(year), int(month), int(day)).isoformat()
        moment = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        return None
    return moment.isoformat() + ("Z" if utc else "")


def _unfold(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"\n[ \t]", "", text).split("\n")


def _content_line(line: str) -> tuple[str, dict[str, str], str]:
    """Name (upper-case), parameters (names upper-case, quotes removed) and the raw value of a
    content line (RFC 5545 3.1): a colon or semicolon inside double quotes is a parameter's."""
    separator = _SEPARATOR.search(line)
    name_end = separator.start() if separator else len(line)
    name = line[:name_end].strip().upper()
    if not _NAME.fullmatch(name) or name_end == len(line):
        raise ReplyError(
            fact(N_("a line is no iCalendar property: {line}"), line=repr(clean(line)[:60]))
        )
    params: dict[str, str] = {}
    index = name_end
    while line[index] == ";":
        equals = line.find("=", index)
        if equals < 0:
            raise ReplyError(fact(N_("a parameter without a value in {name}"), name=name))
        key = line[index + 1 : equals].strip().upper()
        index = equals + 1
        values: list[str] = []
        while True:
            if index < len(line) and line[index] == '"':
                close = line.find('"', index + 1)
                if close < 0:
                    raise ReplyError(fact(N_("an unclosed quote in {name}"), name=name))
                values.append(line[index + 1 : close])
                index = close + 1
            else:
                start = index
                while index < len(line) and line[index] not in ';:,"':
                    index += 1
                values.append(line[start:index])
            if index < len(line) and line[index] == ",":
                index += 1
                continue
            break
        if index >= len(line) or line[index] not in ";:":
            raise ReplyError(fact(N_("a parameter of {name} cannot be read"), name=name))
        params[key] = ",".join(values)
    return name, params, line[index + 1 :]


def _unescape(value: str) -> str:
    return _ESCAPE_PAIR.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
