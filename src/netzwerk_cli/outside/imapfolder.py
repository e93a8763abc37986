"""The answers' folder, examined: which messages carry a calendar, fetched, and moved.

The cost of a run follows the answers, not the folder: the UIDs since the last run are looked at
in batches (`BATCH` UIDs per command, so that no answer line grows with the folder). The server
searches each batch for the messages that carry a calendar (`SEARCH ... SINCE` the first
invitation where that is known, and a top-level `Content-Type` naming a calendar or, for a
multipart message, a decoded body holding one: only the UIDs found travel); `FETCH
(BODYSTRUCTURE)` of those confirms a calendar part, and only those are fetched whole. A server
that refuses such a SEARCH is asked for the BODYSTRUCTURE of every message of the batch instead.

The folder is opened read-only (EXAMINE, `outside.imaplogin`) and messages are fetched with
BODY.PEEK[], so reading changes no flag; only `move` (for `--move-to`) opens it for writing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from netzwerk_cli.message import N_, Message, fact
from netzwerk_cli.outside.imapprotocol import checked, encode_folder

if TYPE_CHECKING:
    import datetime as dt
    import imaplib

    from netzwerk_cli.servers import ImapSettings

MAX_MESSAGE_BYTES = 8 * 2**20
BATCH = 1000  # UIDs per SEARCH or FETCH of structures
_UID = re.compile(rb"\bUID (\d+)")
_STRUCTURE = re.compile(rb"^\d+ \((?=.*?\bUID (\d+))(?=.*?\bRFC822\.SIZE (\d+))", re.DOTALL)
# A calendar part: text/calendar, text/x-vcalendar, application/ics, or a file named *.ics.
_CALENDAR = re.compile(rb'"(?:X-V)?CALENDAR"|"ICS"|\.ICS"', re.IGNORECASE)
# RFC 3501 6.4.4: a top-level Content-Type naming a calendar, or a multipart message whose body
# (the server decodes base64 and quoted-printable) holds one. Only a multipart message can carry
# a calendar part under another top-level type, so the bodies of the others are not searched.
_HAS_CALENDAR = (
    "OR OR HEADER Content-Type calendar HEADER Content-Type ics "
    '(HEADER Content-Type multipart BODY "BEGIN:VCALENDAR")'
)
_ESEARCH_ALL = re.compile(rb"\bALL ([0-9:,]+)")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Mailbox:
    """A logged-in connection with the answers' folder examined."""

    def __init__(
        self, client: imaplib.IMAP4, imap: ImapSettings, validity: int, uidnext: int = 0
    ) -> None:
        self.client = client
        self.imap = imap
        self.validity = validity
        self.uidnext = uidnext  # 0: the server did not say
        self.too_large: set[int] = set()
        self.searching = True  # whether the server searches for calendars (else: structures)
        self.esearch = True  # whether it answers SEARCH RETURN (ALL) (RFC 4731)

    def highest_uid(self) -> int:
        """The highest UID of the folder (0 when it is empty)."""
        if self.uidnext:
            return self.uidnext - 1
        data = checked(self.imap, self.client.uid("FETCH", "*", "(UID)"), "UID FETCH")
        found = [int(m[1]) for d in data if isinstance(d, bytes) for m in [_UID.search(d)] if m]
        return max(found, default=0)

    def calendar_messages(
        self, *, after: int, since: dt.date | None = None
    ) -> Iterator[tuple[int, list[int]]]:
        """In batches of UIDs above `after`: the highest UID looked at, and the UIDs of the
        messages that carry a calendar part (one larger than MAX_MESSAGE_BYTES is noted in
        `too_large`: `fetch` then says so without fetching it)."""
        highest = self.highest_uid()
        start = after + 1
        while start <= highest:
            end = min(start + BATCH - 1, highest)
            span = f"{start}:{end}"
            if since is not None:
                # First the messages since the first invitation (the server's index knows their
                # arrival), then the calendar among those alone: a server searches bodies
                # whatever else the criteria say.
                day = f"{since.day}-{_MONTHS[since.month - 1]}-{since.year}"
                span = self._uid_set(f"UID {span} SINCE {day}", start, end) or ""
            if span and self.searching:
                found = self._uid_set(f"UID {span} {_HAS_CALENDAR}", start, end, refusable=True)
                if found is None:  # a server without such a search: BODYSTRUCTURE alone
                    self.searching = False
                else:
                    span = found
            yield end, self._with_calendar(span) if span else []
            start = end + 1

    def _uid_set(
        self, criteria: str, start: int, end: int, *, refusable: bool = False
    ) -> str | None:
        """The UIDs a SEARCH finds (between `start` and `end`) as a UID set: with ESEARCH
        (RFC 4731) the server's own compact set (`1:389,400`), else the numbers joined. None
        for a refused search when `refusable`, else an `ImapError`."""
        if self.esearch:
            answer = self._search(f"RETURN (ALL) {criteria}")
            if answer[0] == "OK":
                _, said = self.client.response("ESEARCH")
                text = b" ".join(x for x in said if isinstance(x, bytes))
                found = _ESEARCH_ALL.search(text)
                return found[1].decode() if found else ""
            self.esearch = False
        answer = self._search(criteria)
        if answer[0] != "OK" and refusable:
            self.esearch = True  # the criteria were refused, not RETURN (ALL)
            return None
        numbers = b" ".join(
            x for x in checked(self.imap, answer, "UID SEARCH") if isinstance(x, bytes)
        ).split()
        return ",".join(n.decode() for n in numbers if n.isdigit() and start <= int(n) <= end)

    def _search(self, criteria: str) -> tuple[str, Sequence[object]]:
        """A UID SEARCH whose refusal (NO, or BAD: imaplib raises it) is an answer, not an end."""
        import imaplib

        try:
            return self.client.uid("SEARCH", criteria)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:
            return "BAD", list(exc.args)

    def _with_calendar(self, span: str) -> list[int]:
        """The UIDs of `span` whose BODYSTRUCTURE names a calendar part, ascending."""
        data = checked(
            self.imap,
            self.client.uid("FETCH", span, "(UID RFC822.SIZE BODYSTRUCTURE)"),
            "UID FETCH",
        )
        found: list[int] = []
        current: tuple[int, int] | None = None
        calendar = False

        def close() -> None:
            if current is not None and calendar:
                found.append(current[0])
                if current[1] > MAX_MESSAGE_BYTES:
                    self.too_large.add(current[0])

        for item in data:
            pieces = list(item) if isinstance(item, tuple) else [item]
            head = pieces[0] if pieces and isinstance(pieces[0], bytes) else b""
            begun = _STRUCTURE.match(head)
            if begun is not None:
                close()
                current, calendar = (int(begun[1]), int(begun[2])), False
            for piece in pieces:
                if isinstance(piece, bytes) and _CALENDAR.search(piece):
                    calendar = True
        close()
        return sorted(set(found))

    def fetch(self, uid: int) -> bytes | Message:
        """A message's bytes, fetched without setting \\Seen; why not, for one too large."""
        if uid in self.too_large:
            return fact(N_("larger than {most} MiB"), most=MAX_MESSAGE_BYTES // 2**20)
        data = checked(self.imap, self.client.uid("FETCH", str(uid), "(BODY.PEEK[])"), "UID FETCH")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
                if len(item[1]) > MAX_MESSAGE_BYTES:
                    return fact(N_("larger than {most} MiB"), most=MAX_MESSAGE_BYTES // 2**20)
                return item[1]
        return fact(N_("the server sent no message"))

    def move(self, uids: Sequence[int], target: str) -> None:
        """Move these messages into `target`, creating it if needed."""
        if not uids:
            return
        client, imap = self.client, self.imap
        checked(imap, client.select(encode_folder(imap.folder)), "SELECT")
        folder = encode_folder(target)
        status, _ = client.create(folder)  # NO when it exists already: then it is used
        del status
        numbers = ",".join(str(u) for u in uids)
        if "MOVE" in client.capabilities:
            checked(imap, client.uid("MOVE", numbers, folder), "UID MOVE")
            return
        checked(imap, client.uid("COPY", numbers, folder), "UID COPY")
        checked(imap, client.uid("STORE", numbers, "+FLAGS.SILENT", r"(\Deleted)"), "UID STORE")
        if "UIDPLUS" in client.capabilities:
            checked(imap, client.uid("EXPUNGE", numbers), "UID EXPUNGE")
        else:
            checked(imap, client.expunge(), "EXPUNGE")
