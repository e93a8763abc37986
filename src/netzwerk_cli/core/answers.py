"""Who comes: each invited contact's current answer, a pure function of what was sent and read.

Given the sent record (`core.invitations.Invited` by UID), the answers read from the mailbox
(`calendar.replies.Reply`, in any order) and the network, `answers` returns, for every coming
meeting that was invited, one row per invited contact:

- the answer with the latest DTSTAMP wins, whatever order the messages came in (ties are broken
  by the rest of the answer, so the result never depends on the order);
- an answer to an earlier SEQUENCE than the one last sent is kept but *outdated*, and counts as
  no answer: the meeting changed since, and that person must answer the new invitation;
- an answer from an address that is no contact but shares its domain with the contacts of
  exactly one member counts for that member, on a row of its own with its address (a colleague
  answering for the district); any other address is listed with no member;
- an answer counts only when it is *verified*: the mail's From address is the ATTENDEE (a contact,
  or a colleague at a member's domain) and the receiving server did not say DKIM or DMARC failed
  (`Reply.verified`); any other is listed on a row of its own, marked unverified, and counts for
  no one (the member is still waiting);
- a COUNTER (a proposed new time) is listed as a proposal, never applied;
- answers to UIDs that `invite` did not send are ignored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from netzwerk_cli.calendar.replies import Answer, Kind, Reply
from netzwerk_cli.core.invitations import Invited, Method
from netzwerk_cli.model import Network


@dataclass(frozen=True)
class ContactAnswer:
    """One row: a contact (or a colleague, or an unknown address) and its current answer."""

    member: str | None  # the member's id; None for an unknown address
    contact: str  # the address, lower-case
    name: str
    answer: Answer  # NONE for no answer, and for an outdated one
    reply: Reply | None  # the answer that counts (latest DTSTAMP), outdated or not
    outdated: bool
    invited: bool  # whether the invitation went to this address
    verified: bool = True  # False: an answer that did not come from this address; counts not


@dataclass(frozen=True)
class MeetingAnswers:
    """The answers to one coming meeting that was invited."""

    uid: str
    day: dt.date
    venue: str
    sequence: int  # the SEQUENCE last sent
    rows: tuple[ContactAnswer, ...]
    proposals: tuple[Reply, ...]  # COUNTERs, latest first

    def counts(self) -> dict[str, int]:
        """Answers per kind, over the rows of members (unknown addresses do not count)."""
        found = {a.value: 0 for a in Answer}
        for row in self.rows:
            if row.member is None or not row.verified:
                continue
            found[row.answer.value] += 1
        return found

    def waiting(self) -> list[str]:
        """The ids of the members none of whose rows has a current answer, in the file's order
        of the rows."""
        answered = {
            r.member for r in self.rows if r.member and r.verified and r.answer is not Answer.NONE
        }
        ids: list[str] = []
        for row in self.rows:
            if row.member and row.member not in answered and row.member not in ids:
                ids.append(row.member)
        return ids


def owner(network: Network, address: str) -> tuple[str | None, bool]:
    """The member an address answers for, and whether it is one of its contacts (False: a
    colleague at the same domain); (None, False) for an address of no member."""
    key = address.lower()
    domains: dict[str, set[str]] = {}
    for member in network.members:
        for contact in member.contacts:
            if contact.address.lower() == key:
                return member.id, True
            domains.setdefault(contact.address.rpartition("@")[2].lower(), set()).add(member.id)
    ids = domains.get(key.rpartition("@")[2], set())
    if len(ids) == 1:
        return next(iter(ids)), False
    return None, False


def latest(replies: Iterable[Reply]) -> Reply | None:
    """The answer with the latest DTSTAMP; the same whatever order `replies` come in."""
    return max(
        replies,
        key=lambda r: (
            r.stamp,
            r.sequence,
            r.answer.value,
            r.comment is not None,
            r.comment or "",
            r.name,
        ),
        default=None,
    )


def answers(
    network: Network,
    invited: Mapping[str, Invited],
    replies: Iterable[Reply],
    *,
    today: dt.date,
) -> list[MeetingAnswers]:
    """Every coming invited meeting's answers, in date order (then UID)."""
    by_uid: dict[str, dict[str, list[Reply]]] = {}
    forged: dict[str, dict[str, list[Reply]]] = {}
    counters: dict[str, list[Reply]] = {}
    for reply in replies:
        if reply.kind is Kind.COUNTER:
            counters.setdefault(reply.uid, []).append(reply)
        else:
            kept = by_uid if reply.verified else forged
            kept.setdefault(reply.uid, {}).setdefault(reply.address, []).append(reply)
    found: list[MeetingAnswers] = []
    for uid, record in invited.items():
        guests = record.invited()
        if not guests or record.event.day < today:
            continue
        sequence = max(to.sequence for to in record.sent.values() if to.method is Method.REQUEST)
        heard = by_uid.get(uid, {})
        rows: list[ContactAnswer] = []
        for guest in guests:
            member, _ = owner(network, guest.key)
            rows.append(_row(member, guest.key, guest.name, heard.get(guest.key, []), sequence))
        keys = {g.key for g in guests}
        for address in sorted(set(heard) - keys):
            member, _ = owner(network, address)
            rows.append(_row(member, address, "", heard[address], sequence, invited=False))
        unverified = forged.get(uid, {})
        for address in sorted(unverified):
            member, _ = owner(network, address)
            row = _row(member, address, "", unverified[address], sequence, invited=address in keys)
            rows.append(dataclasses.replace(row, verified=False))
        order = {m.id: n for n, m in enumerate(network.members)}
        rows.sort(
            key=lambda r: (
                r.member is None,
                order.get(r.member or "", len(order)),
                not r.invited,
                r.contact,
                not r.verified,
            )
        )
        proposals = sorted(counters.get(uid, []), key=lambda r: (r.stamp, r.address), reverse=True)
        found.append(
            MeetingAnswers(
                uid,
                record.event.day,
                record.event.location,
                sequence,
                tuple(rows),
                tuple(proposals),
            )
        )
    return sorted(found, key=lambda m: (m.day, m.uid))


def _row(
    member: str | None,
    address: str,
    name: str,
    heard: list[Reply],
    sequence: int,
    *,
    invited: bool = True,
) -> ContactAnswer:
    reply = latest(heard)
    if reply is None:
        return ContactAnswer(member, address, name, Answer.NONE, None, False, invited)
    outdated = reply.sequence < sequence
    answer = Answer.NONE if outdated else reply.answer
    return ContactAnswer(member, address, name or reply.name, answer, reply, outdated, invited)
