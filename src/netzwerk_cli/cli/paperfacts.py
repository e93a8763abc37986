"""What a meeting's paper says, read from the network file and the records beside it: the
meeting (of DATE, or the kind's default one), its facts, the answers to its invitation, and the
meeting after it."""

import datetime as dt
from typing import TYPE_CHECKING

from netzwerk_cli.cli.app import Loaded
from netzwerk_cli.cli.terminal import usage_error
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact

if TYPE_CHECKING:
    from netzwerk_cli.core.answers import MeetingAnswers
    from netzwerk_cli.core.papers import Kind
    from netzwerk_cli.model import Meeting
    from netzwerk_cli.output.papers.meeting import MeetingFacts, Next


def paper_meeting(loaded: Loaded, kind: "Kind", typed: str | None) -> "Meeting":
    """The meeting of DATE, else the kind's default one; a `CommandError` that says why none."""
    from netzwerk_cli.core.papers import AFTERWARDS, default_meeting, meetings_on
    from netzwerk_cli.model import Status
    from netzwerk_cli.words.typed import TypedValueError, typed_day, typed_month

    network = loaded.network
    if typed is None:
        found = default_meeting(network, kind, today=loaded.today)
        if found is None:
            raise CommandError(
                fact(N_("no meeting has been held yet: give the DATE of one"))
                if kind in AFTERWARDS
                else fact(
                    N_("no meeting is planned from {today} on: plan one with `netzwerk plan`"),
                    today=loaded.today,
                )
            )
        meeting = found
    else:
        try:
            day, month = typed_day(typed), False
        except TypedValueError as exc:
            try:
                day, month = typed_month(typed), True
            except TypedValueError:
                from netzwerk_cli.cli.language import spoken

                raise usage_error(spoken().say(exc.text)) from None
        on = meetings_on(network, day, month=month)
        kept = [m for m in on if m.status is not Status.CANCELLED]
        if not kept:
            raise CommandError(
                fact(N_("the meeting of {date} is cancelled"), date=on[0].date)
                if on
                else fact(N_("{file} has no meeting on {date}"), file=str(loaded.path), date=day)
            )
        meeting = kept[0]
    if kind not in AFTERWARDS and not meeting.has_full_date:
        raise CommandError(
            fact(
                N_(
                    "the meeting hosted by {host} has no day yet: fix it first with "
                    "`netzwerk plan DATE`"
                ),
                host=network.member(meeting.host).name
                if network.has_member(meeting.host)
                else meeting.host,
            )
        )
    return meeting


def meeting_facts(loaded: Loaded, kind: "Kind", meeting: "Meeting") -> "MeetingFacts":
    """What the paper of `kind` says of `meeting`: its facts from the file, and the answers
    and the next meeting from the records beside it."""
    from netzwerk_cli.core.agenda import start_of, timed_agenda
    from netzwerk_cli.core.papers import Kind, invited_on, meeting_number, presence, reply_by
    from netzwerk_cli.output.papers.meeting import MeetingFacts

    network = loaded.network
    assert meeting.date is not None
    host = network.member(meeting.host)
    gathered = MeetingFacts(
        network=network,
        meeting=meeting,
        number=meeting_number(network, meeting),
        host=host,
        venue=network.venue_of(meeting),
        start=start_of(network, meeting),
        agenda=timed_agenda(network, meeting),
        invited=invited_on(network, meeting.date),
        sender=network.mail.sender if network.mail is not None else None,
    )
    if kind is Kind.INVITATION:
        from dataclasses import replace

        # A meeting that has passed asks for no answer any more.
        if meeting.date < loaded.today:
            return gathered
        return replace(gathered, reply_by=reply_by(meeting.date, today=loaded.today))
    if kind is Kind.MINUTES:
        from dataclasses import replace

        return replace(
            gathered,
            presence=presence(network, meeting, _answers(loaded, meeting)),
            next=_next(loaded, meeting),
        )
    return gathered


def _answers(loaded: Loaded, meeting: "Meeting") -> "MeetingAnswers | None":
    """The answers to the invitation of `meeting`, from the records beside the file (None when
    it was never invited)."""
    from netzwerk_cli.calendar.uids import meeting_uid
    from netzwerk_cli.core.answers import answers
    from netzwerk_cli.file.answered import REPLIES, read_answers
    from netzwerk_cli.file.records import SENT, read_invited, record_path

    sent = record_path(loaded.path, SENT)
    if not sent.exists() or meeting.date is None:
        return None
    invited = read_invited(sent)
    uid = meeting_uid(loaded.network, meeting)
    if uid not in invited:
        return None
    record = read_answers(record_path(loaded.path, REPLIES))
    found = answers(loaded.network, {uid: invited[uid]}, record.replies(), today=meeting.date)
    return found[0] if found else None


def answers_since(loaded: Loaded, day: dt.date) -> "list[MeetingAnswers]":
    """The answers to every meeting invited to from `day` on, from the records beside the file
    (none when nothing was ever sent)."""
    from netzwerk_cli.core.answers import answers
    from netzwerk_cli.file.answered import REPLIES, read_answers
    from netzwerk_cli.file.records import SENT, read_invited, record_path

    sent = record_path(loaded.path, SENT)
    if not sent.exists():
        return []
    record = read_answers(record_path(loaded.path, REPLIES))
    return answers(loaded.network, read_invited(sent), record.replies(), today=day)


def _next(loaded: Loaded, meeting: "Meeting") -> "Next | None":
    """The meeting after `meeting`, as the schedule has it from the day after it (or from today,
    when that is later)."""
    from netzwerk_cli.cli.app import holiday_lookup
    from netzwerk_cli.core.rrules import CadenceError
    from netzwerk_cli.core.schedule import Kind as Planned
    from netzwerk_cli.core.schedule import coming_meetings
    from netzwerk_cli.errors import NoHostError
    from netzwerk_cli.output.papers.meeting import Next

    assert meeting.last_day is not None
    since = max(loaded.today, meeting.last_day + dt.timedelta(days=1))
    try:
        with holiday_lookup() as holidays:
            schedule = coming_meetings(loaded.network, today=since, holidays=holidays, count=2)
    except (CadenceError, NoHostError):
        return None
    for row in schedule.meetings:
        if row.meeting is not None and row.meeting.position == meeting.position:
            continue
        day = row.date if not row.month_only else None
        return Next(day, row.host, row.venue, row.start, proposed=row.kind is Planned.PROPOSED)
    return None
