"""The answers to invitations as people and scripts see them: the lines of what is new, a table
per meeting, the summary, the short form of `schedule`, and the stable JSON."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from netzwerk_cli.calendar.replies import Answer, Kind, Reply
from netzwerk_cli.core.answers import ContactAnswer, MeetingAnswers, owner
from netzwerk_cli.message import N_, Message, fact, facts
from netzwerk_cli.model import Network
from netzwerk_cli.words import Words

if TYPE_CHECKING:
    from rich.console import RenderableType

NEW = {
    Answer.ACCEPTED: N_("New: {who} accepted: {date} {venue}"),
    Answer.DECLINED: N_("New: {who} declined: {date} {venue}"),
    Answer.TENTATIVE: N_("New: {who} accepted tentatively: {date} {venue}"),
    Answer.DELEGATED: N_("New: {who} delegated the invitation: {date} {venue}"),
}
ANSWERS = {
    Answer.ACCEPTED: N_("accepted"),
    Answer.DECLINED: N_("declined"),
    Answer.TENTATIVE: N_("tentative"),
    Answer.DELEGATED: N_("delegated"),
    Answer.NONE: N_("no answer"),
}


def who(network: Network, reply: Reply) -> Message | str:
    """Who answered, for a sentence: `Anna Müller (HEF)`, `a@hef.de (HEF)`, or an unknown one."""
    member, contact = owner(network, reply.address)
    if member is None:
        return fact(N_("{address} (unknown address)"), address=reply.address)
    if contact and reply.name:
        return f"{reply.name} ({member})"
    return f"{reply.address} ({member})"


def proposed_time(network: Network, reply: Reply) -> dt.date | dt.datetime | str:
    """A COUNTER's proposed start as people read it (`20.07.2027 10:00`, `2027-07-20 10:00`): a
    day, or a day and a time of day; a time in UTC in the network's zone, any other as it was
    sent. Text that is no such moment (a record edited by hand) is shown as it is."""
    text = reply.proposed or ""
    try:
        if "T" not in text:
            return dt.date.fromisoformat(text)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        from zoneinfo import ZoneInfo

        try:
            moment = moment.astimezone(ZoneInfo(network.timezone)).replace(tzinfo=None)
        except OverflowError:  # 9999-12-31T23:59:59Z is past the last day in Berlin
            return text
    return moment


def new_line(network: Network, reply: Reply, meeting: MeetingAnswers) -> Message:
    """One line of what is new: an answer, an outdated answer, or a proposal."""
    said: Message
    where: dict[str, Any] = {
        "who": who(network, reply),
        "date": meeting.day,
        "venue": meeting.venue,
    }
    if reply.kind is Kind.COUNTER:
        said = fact(
            N_("New: {who} proposes another time ({proposed}), not applied: {date} {venue}"),
            proposed=proposed_time(network, reply),
            **where,
        )
    elif reply.sequence < meeting.sequence:
        said = fact(
            N_(
                "New: {who} answered an earlier invitation ({answer}); the meeting changed "
                "since, so this counts as no answer: {date} {venue}"
            ),
            answer=fact(ANSWERS[reply.answer]),
            **where,
        )
    else:
        said = fact(NEW[reply.answer], **where)
    if reply.comment:
        said = fact(N_('{said}, with the comment "{comment}"'), said=said, comment=reply.comment)
    if not reply.verified:
        said = fact(UNVERIFIED, said=said, sender=reply.sender or "-")
    return said


UNVERIFIED = N_(
    "{said} (unverified: the mail came from {sender}, or its sender failed the receiving "
    "server's check; not counted)"
)


def summary(meeting: MeetingAnswers) -> Message:
    """What the table shows, counted: `3 accepted, 1 declined, 1 tentative, 2 without an answer`
    (delegated only when there), then the answers from unknown addresses, which the table lists
    but which count for no member, and the proposals of another time."""
    from netzwerk_cli.message import Joined
    from netzwerk_cli.output.answercounts import counted

    said = fact("{parts}", parts=Joined(tuple(counted(meeting.counts(), every=True)), ", "))
    unknown = sum(1 for row in meeting.rows if row.member is None)
    if unknown:
        said = fact(
            N_("{counts} (not counted: {unknown})"),
            counts=said,
            unknown=facts(
                "{count} answer from an unknown address",
                "{count} answers from unknown addresses",
                count=unknown,
            ),
        )
    if meeting.proposals:
        said = fact(
            N_("{counts}; {proposals}"),
            counts=said,
            proposals=facts(
                "{count} proposal of another time",
                "{count} proposals of another time",
                count=len(meeting.proposals),
            ),
        )
    return said


def answer_text(row: ContactAnswer, w: Words) -> str:
    """A row's answer as a word; an outdated one says what it was, and one from an unknown
    address that it counts for no member (the summary says so too)."""
    if row.outdated and row.reply is not None:
        text = w(N_("no answer (answered an earlier invitation: {answer})")).format(
            answer=w(ANSWERS[row.reply.answer])
        )
    else:
        text = w(ANSWERS[row.answer])
    if not row.verified and row.reply is not None:
        text = w(N_("{answer} (unverified, not counted)")).format(
            answer=w(ANSWERS[row.reply.answer])
        )
    if row.member is None:
        return w(N_("{answer} (not counted)")).format(answer=text)
    return text


def table(network: Network, meeting: MeetingAnswers, w: Words) -> RenderableType:
    """The answers to one meeting: Member | Contact | Answer | Comment."""
    from netzwerk_cli.output.fitted import Column, table_of
    from netzwerk_cli.output.tables import table_title

    columns: tuple[Column, ...] = (
        (N_("Member"), "left", False),
        (N_("Contact"), "left", True),
        (N_("Answer"), "left", True),
        (N_("Comment"), "left", True),
    )
    rows: list[list[Any]] = []
    for row in meeting.rows:
        contact = f"{row.name} <{row.contact}>" if row.name else row.contact
        comment = row.reply.comment if row.reply is not None and row.reply.comment else ""
        rows.append([row.member or w(N_("unknown")), contact, answer_text(row, w), comment])
    for proposal in meeting.proposals:
        member, _ = owner(network, proposal.address)
        proposed = w(N_("proposes {proposed}")).format(
            proposed=w.arg(proposed_time(network, proposal))
        )
        rows.append(
            [member or w(N_("unknown")), proposal.address, proposed, proposal.comment or ""]
        )
    when = w.say(fact(N_("{date} {venue}"), date=meeting.day, venue=meeting.venue))
    title = table_title(network, when)
    return table_of(title, columns, rows, w)


def meeting_json(network: Network, meeting: MeetingAnswers) -> dict[str, Any]:
    """A meeting's answers for --json (the stable form, docs/en/reference/outputs.md)."""
    return {
        "date": meeting.day.isoformat(),
        "uid": meeting.uid,
        "sequence": meeting.sequence,
        "answers": [
            {
                "member": row.member,
                "contact": row.contact,
                "answer": row.answer.value,
                "sequence": row.reply.sequence if row.reply else None,
                "outdated": row.outdated,
                "verified": row.verified,
                "comment": row.reply.comment if row.reply else None,
                "at": _stamp(row.reply),
            }
            for row in meeting.rows
        ],
        "proposals": [
            {
                "member": owner_id,
                "contact": proposal.address,
                "proposed": proposal.proposed,
                "verified": proposal.verified,
                "comment": proposal.comment,
                "at": _stamp(proposal),
            }
            for proposal in meeting.proposals
            for owner_id in [owner(network, proposal.address)[0]]
        ],
    }


def _stamp(reply: Reply | None) -> str | None:
    if reply is None:
        return None
    return reply.stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
