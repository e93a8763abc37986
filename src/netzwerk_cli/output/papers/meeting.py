"""The words of a meeting's papers: the invitation letter, the attendance sheet and the minutes,
as `Paper`s in the network's language (what the files say, whoever runs the command)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netzwerk_cli.contact import Contact
from netzwerk_cli.core.agenda import TimedItem
from netzwerk_cli.core.papers import Guests, Presence
from netzwerk_cli.message import N_
from netzwerk_cli.model import Meeting, Member, Network
from netzwerk_cli.output.papers.document import (
    Blank,
    Block,
    Heading,
    Paper,
    Paragraph,
    Table,
)
from netzwerk_cli.words import Words, words
from netzwerk_cli.words.grammar import german_name
from netzwerk_cli.words.letter import salutation, sign_off, signer
from netzwerk_cli.words.press import long_date, when

WEEKDAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
# Empty rows after the invited on the attendance sheet: for those who come in their stead.
EMPTY_ROWS = 8


@dataclass(frozen=True)
class Next:
    """The meeting after this one, as the schedule has it: its day (None: not yet known), host
    and venue; `proposed`: only the cadence's proposal, not a meeting of the file."""

    day: dt.date | None
    host: Member
    venue: str
    start: dt.time | None = None
    proposed: bool = False


@dataclass(frozen=True)
class MeetingFacts:
    """What a meeting's papers say, gathered by the command from the file and the records."""

    network: Network
    meeting: Meeting
    number: int
    host: Member
    venue: str
    start: dt.time | None
    agenda: tuple[TimedItem, ...]
    invited: tuple[Guests, ...] = ()
    reply_by: dt.date | None = None
    sender: Contact | None = None
    presence: Presence | None = None
    next: Next | None = None


def _w(facts: MeetingFacts) -> Words:
    return words(facts.network.language)


def _day(w: Words, meeting: Meeting) -> str:
    """`Mittwoch, 07.04.2027` (a month-only meeting: its month)."""
    if meeting.date is None:
        return w(N_("no date yet"))
    if meeting.month_only:
        return w.month(meeting.date)
    return f"{w(WEEKDAY_NAMES[meeting.date.weekday()])}, {w.date(meeting.date)}"


# The time of minutes whose meeting has none in the file: a blank to fill in by hand.
TIME_BLANK = "________"


def _clock(w: Words, start: dt.time | None, minutes: int | None = None) -> str:
    """`10:00 bis 12:00 Uhr` / `10:00 to 12:00` (`10:00 Uhr` without a length); `ganztägig`
    without a time."""
    if start is None:
        return w(N_("all day"))
    if minutes:
        end = (
            dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=minutes)
        ).time()
        return w(N_("{start} to {end}")).format(start=w.time(start), end=w.time(end))
    # German prose writes the hour with "Uhr" (10:00 Uhr), English the time alone.
    return w(N_("{time}")).format(time=w.time(start))


def _ordinal(w: Words, number: int) -> str:
    return w(N_("Meeting {number}")).format(number=number)


def _member_name(network: Network, member_id: str | None) -> str:
    if member_id is None:
        return ""
    return network.member(member_id).name if network.has_member(member_id) else member_id


def _lines(*pairs: tuple[str, str]) -> Paragraph:
    return Paragraph("\n".join(f"{label}: {value}" for label, value in pairs))


def _facts(
    w: Words, facts: MeetingFacts, *, network: bool = True, time_blank: bool = False
) -> Paragraph:
    """The meeting's facts, line by line; `network`: with the network's line (not where the
    title names it); `time_blank`: a blank to fill in where the file knows no time."""
    clock = (
        TIME_BLANK
        if time_blank and facts.start is None
        else _clock(w, facts.start, facts.network.duration_of(facts.meeting))
    )
    pairs = [
        (w(N_("Network")), facts.network.name),
        (w(N_("Meeting")), _ordinal(w, facts.number)),
        (w(N_("Date")), _day(w, facts.meeting)),
        (w(N_("Time")), clock),
        (w(N_("Venue")), facts.venue),
        (w(N_("Host")), facts.host.name),
    ]
    return _lines(*(pairs if network else pairs[1:]))


def _of_network(w: Words, facts: MeetingFacts) -> str:
    """des Netzwerks Integration, des Arbeitskreises Migration / of Netzwerk Integration; a
    German name whose gender is not known: des Netzwerks Großes Netz."""
    name = facts.network.name
    german = german_name(name)
    if facts.network.language.value == "de" and german.article:
        return german.genitive
    return w(N_("of {network}")).format(network=name)


def _on_day(w: Words, meeting: Meeting) -> str:
    """am Mittwoch, 7. April 2027 / on Wednesday, 7 April 2027 (a month-only one: im April)."""
    if meeting.date is None:
        return ""
    if meeting.month_only:
        return when(w, meeting.date, month_only=True)
    return w(N_("on {weekday}, {long_date}")).format(
        weekday=w(WEEKDAY_NAMES[meeting.date.weekday()]), long_date=long_date(w, meeting.date)
    )


def _host(facts: MeetingFacts) -> str:
    """The host as a sentence's subject: der Werra-Meißner-Kreis / Werra-Meißner-Kreis."""
    if facts.network.language.value == "de":
        return german_name(facts.host.name, article=facts.host.article).nominative
    return facts.host.name


def _running_head(w: Words, facts: MeetingFacts) -> str:
    return " – ".join(
        (facts.network.name, _ordinal(w, facts.number), _day(w, facts.meeting), facts.venue)
    )


def _sender(w: Words, facts: MeetingFacts) -> str:
    return signer(w, facts.sender, network=facts.network.name)


def _paper(w: Words, facts: MeetingFacts, title: str, blocks: list[Block]) -> Paper:
    return Paper(
        title,
        w.language.value,
        _running_head(w, facts),
        tuple(blocks),
        _sender(w, facts),
        w(N_("Page {page} of {pages}")),
    )


def invitation(facts: MeetingFacts) -> Paper:
    """The invitation letter: from the coordinator, the meeting's facts, the agenda with times
    and who brings each item, and the day to answer by."""
    w = _w(facts)
    blocks: list[Block] = []
    sender = facts.sender
    if sender is not None:
        blocks.append(_lines((w(N_("From")), sender.written() if sender.name else sender.address)))
    blocks += [
        Paragraph(salutation(w)),
        Paragraph(
            w(N_("we cordially invite you to meeting no. {number} {of_network}.")).format(
                number=facts.number, of_network=_of_network(w, facts)
            )
            + " "
            + w(
                N_("This time the host is {host}.")
                if facts.number > 1
                else N_("The host is {host}.")
            ).format(host=_host(facts))
        ),
        _facts(w, facts, network=False),  # the title names the network
        Heading(w(N_("Agenda"))),
    ]
    if facts.agenda:
        blocks.append(_agenda_table(w, facts))
    else:
        blocks.append(Paragraph(w(N_("The agenda will follow."))))
    if facts.reply_by is not None:
        blocks.append(
            Paragraph(
                w(N_("Please let us know by {date} whether you will attend.")).format(
                    date=long_date(w, facts.reply_by)
                )
            )
        )
    blocks += map(Paragraph, sign_off(w, facts.sender, network=facts.network.name))
    title = w(N_("Invitation to meeting no. {number} {of_network} {on_day}, in {venue}")).format(
        number=facts.number,
        of_network=_of_network(w, facts),
        on_day=_on_day(w, facts.meeting),
        venue=facts.venue,
    )
    return _paper(w, facts, title, blocks)


def _agenda_table(w: Words, facts: MeetingFacts) -> Table:
    rows = tuple(
        (
            str(timed.number),
            w.time(timed.starts) if timed.starts is not None else "",
            timed.item.topic,
            _member_name(facts.network, timed.item.by),
        )
        for timed in facts.agenda
    )
    header = (w(N_("Item")), w(N_("Time")), w(N_("Topic")), w(N_("Brought by")))
    return Table(header, rows, (0.08, 0.12, 0.5, 0.3))


def attendance(facts: MeetingFacts) -> Paper:
    """The attendance sheet: one row per invited contact (a member without contacts: a row with
    its name only), then empty rows; Name | Institution | Signature."""
    w = _w(facts)
    rows: list[tuple[str, str, str]] = []
    for invited in facts.invited:
        if not invited.contacts:
            rows.append(("", invited.member.name, ""))
        for contact in invited.contacts:
            rows.append((contact.name or contact.address, invited.member.name, ""))
    rows += [("", "", "")] * EMPTY_ROWS
    header = (w(N_("Name")), w(N_("Institution")), w(N_("Signature")))
    blocks: list[Block] = [
        _facts(w, facts, network=False),  # the title names the network
        Table(header, tuple(rows), (0.36, 0.34, 0.30), tall=True),
    ]
    title = w(N_("Attendance list: meeting no. {number} {of_network}, {date}")).format(
        number=facts.number, of_network=_of_network(w, facts), date=_day(w, facts.meeting)
    )
    return _paper(w, facts, title, blocks)


def minutes(facts: MeetingFacts) -> Paper:
    """The minutes to write: the facts, present and excused, each agenda item as a heading with
    room to write, and the next meeting."""
    w = _w(facts)
    blocks: list[Block] = [_facts(w, facts, network=False, time_blank=True)]
    presence = facts.presence
    known = presence is not None and presence.known
    blocks.append(Heading(w(N_("Present")) if known else w(N_("Present (as accepted)"))))
    present = presence.present if presence is not None else ()
    if present:
        blocks.append(
            Paragraph(
                "\n".join(
                    f"{member.name}: {', '.join(names)}" if names else member.name
                    for member, names in present
                )
            )
        )
    else:
        blocks.append(Paragraph(w(N_("(not recorded)"))))
    blocks.append(Heading(w(N_("Excused"))))
    excused = presence.excused if presence is not None else ()
    if excused:
        blocks.append(
            Paragraph(
                "\n".join(
                    f"{person.name} ({person.member.name})" if person.member else person.name
                    for person in excused
                )
            )
        )
    else:
        blocks.append(Paragraph("–"))
    blocks.append(Heading(w(N_("Agenda"))))
    for timed in facts.agenda:
        blocks.append(
            Heading(
                w(N_("Item {number}: {topic}")).format(number=timed.number, topic=timed.item.topic),
                2,
            )
        )
        by = _member_name(facts.network, timed.item.by)
        if by:
            blocks.append(Paragraph(w(N_("Brought by: {member}")).format(member=by)))
        blocks.append(Blank(4))
    if not facts.agenda:
        blocks.append(Blank(8))
    blocks.append(Heading(w(N_("Next meeting"))))
    following = facts.next
    if following is None:
        blocks.append(Paragraph(w(N_("not planned yet"))))
    else:
        day = (
            f"{w(WEEKDAY_NAMES[following.day.weekday()])}, {w.date(following.day)}"
            if following.day is not None
            else w(N_("no date yet"))
        )
        if following.proposed:  # the cadence's date, which the network has not decided on
            proposal = w(N_("{date}, {host} in {venue} (not decided yet)")).format(
                date=day, host=following.host.name, venue=following.venue
            )
            blocks.append(_lines((w(N_("Proposal")), proposal)))
        else:
            blocks.append(
                _lines(
                    (w(N_("Date")), day),
                    (w(N_("Host")), following.host.name),
                    (w(N_("Venue")), following.venue),
                )
            )
    blocks.append(Paragraph(w(N_("Minutes taken by:")) + " "))
    title = w(N_("Minutes: meeting no. {number} {of_network}, {date}")).format(
        number=facts.number, of_network=_of_network(w, facts), date=_day(w, facts.meeting)
    )
    return _paper(w, facts, title, blocks)
