"""`netzwerk invite`: meeting invitations by e-mail, updated and cancelled as the plan changes."""

import dataclasses
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netzwerk_cli.cli.app import Loaded, load
from netzwerk_cli.cli.options import FileOption, JsonOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import print_json, terminal_words
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact

if TYPE_CHECKING:
    from email.message import EmailMessage

    from netzwerk_cli.core.invitations import Invited, Outgoing
    from netzwerk_cli.core.reminder import Sent
    from netzwerk_cli.message import Message

# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None, add_completion=False)

DONE = {
    "REQUEST": N_("Invitation sent: {date} {venue} to {recipients}"),
    "CANCEL": N_("Cancellation sent: {date} {venue} to {recipients}"),
}
WRITTEN = {
    "REQUEST": N_("Invitation written: {file} ({date} {venue}, {recipients})"),
    "CANCEL": N_("Cancellation written: {file} ({date} {venue}, {recipients})"),
}
WOULD = {
    "REQUEST": N_("Would send an invitation ({why}): {date} {venue} to {addresses}"),
    "CANCEL": N_("Would send a cancellation ({why}): {date} {venue} to {addresses}"),
}


@commands.command(
    epilog="Every planned meeting from today on whose day the file fixes is sent to the "
    "contacts of all members, from [mail] from. A changed meeting (date, time, venue, host) is "
    "sent again with SEQUENCE one higher; a changed agenda or description with the same SEQUENCE, "
    "so that the answers given stand; a cancelled or removed one is called off "
    "(METHOD:CANCEL); an added contact gets the invitation, a removed one a cancellation. What "
    "was sent is kept in .network.toml.sent beside the network file: a run without changes "
    "sends nothing and prints nothing."
)
def invite(
    outbox: Annotated[
        Path | None,
        typer.Option(
            "--outbox",
            metavar="DIR",
            help="Write each message as an .eml file into DIR instead of sending it (they count "
            "as sent; Outlook and Thunderbird open them). DIR is created if its parent exists.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Say what would be sent, to whom and why; change nothing."),
    ] = False,
    as_json: JsonOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Send meeting invitations by e-mail (iMIP): new, updated and cancelled meetings."""
    loaded = load(file, today, keep=not dry_run)
    network = loaded.network
    if network.mail is None:
        # An outbox needs only the sender; sending by e-mail, the server too.
        without = (
            N_(
                "{file} has no [mail] table: add one with the sender of the invitations, e.g.\n"
                '[mail]\nfrom = "Koordination Netzwerk <netzwerk@example.de>"\n'
                "(see the manual, netzwerk invite)"
            )
            if outbox is not None
            else N_(
                "{file} has no [mail] table: add one with the sender, e.g.\n[mail]\n"
                'from = "Koordination Netzwerk <netzwerk@example.de>"\n'
                'smtp_host = "mail.example.de"\n(see the manual, netzwerk invite)'
            )
        )
        raise CommandError(fact(without, file=str(loaded.path)))
    if not any(member.contacts for member in network.members):
        raise CommandError(
            fact(
                N_(
                    "no member has contacts to invite: add one with "
                    '`netzwerk member edit ID --contact "First Last <name@example.de>"`'
                )
            )
        )
    if outbox is None and not dry_run:  # sending uses the server settings; an outbox only `from`
        from netzwerk_cli.cli.trust import require_trusted

        require_trusted(loaded, tables=("mail",))
    if outbox is not None:
        _outbox_folder(outbox, create=not dry_run)
    import contextlib

    from netzwerk_cli.file.locking import writer_lock
    from netzwerk_cli.file.records import SENT

    # One sender at a time, from reading the record to the last message recorded, so that cron
    # and a coordinator never send a message twice; the network file's lock stays free. A dry
    # run writes nothing, not even the lock file.
    lock = contextlib.nullcontext() if dry_run else writer_lock(loaded.path, part=SENT)
    with lock:
        messages, invited = _due(loaded, record=not dry_run)
        if dry_run:
            _report_dry_run(loaded, messages, as_json=as_json)
            return
        sent = _deliver(loaded, messages, invited, outbox=outbox, quiet=as_json)
    if as_json:
        print_json([_json(loaded, message) for message in sent])
    else:
        from netzwerk_cli.cli.terminal import person_at_terminal

        if not sent and person_at_terminal():
            # Nothing to send: silent for cron, but a person at a terminal is told why.
            sys.stderr.write(terminal_words().say(_why_nothing(loaded)) + "\n")


def _outbox_folder(outbox: Path, *, create: bool) -> None:
    """Check the --outbox folder, and create it if it is missing (`fileio.ensure_folder`)."""
    from netzwerk_cli.file.fileio import ensure_folder

    not_a_folder = fact(N_("{path}: --outbox must be a folder"), path=str(outbox))
    ensure_folder(outbox, not_a_folder=not_a_folder, create=create)


def sent_states(loaded: Loaded) -> "dict[str, Sent]":
    """What `invite` has sent for each meeting it invited to, as `remind` tells it: current, or
    due again (the meeting changed, or a contact has no invitation yet). Reads the records only;
    nothing is written. Empty when nothing was ever sent."""
    from netzwerk_cli.core.invitations import Method, Why
    from netzwerk_cli.core.reminder import Sent

    messages, invited = _due(loaded, record=False)
    states = {uid: Sent.CURRENT for uid, record in invited.items() if record.invited()}
    for message in messages:
        uid = message.event.event.uid
        if message.method is not Method.REQUEST or uid not in states:
            continue
        states[uid] = Sent.PARTLY if message.why is Why.ADDED else Sent.CHANGED
    return states


def _due(loaded: Loaded, *, record: bool) -> "tuple[list[Outgoing], dict[str, Invited]]":
    """The messages due, with SEQUENCE settled in the calendar record, and the sent record."""
    from netzwerk_cli.calendar.uids import meeting_uid
    from netzwerk_cli.cli.app import holiday_lookup
    from netzwerk_cli.core import invitations
    from netzwerk_cli.file.records import SENT, read_invited, record_path, settle_with_record
    from netzwerk_cli.model import Status
    from netzwerk_cli.output.events import calendar_events, stamp_of

    network, today = loaded.network, loaded.today
    invited = read_invited(record_path(loaded.path, SENT))
    wanted = {
        meeting_uid(network, m): m
        for m in network.meetings
        if invitations.invitable(m, today)
        or (m.status is Status.CANCELLED and m.has_full_date and m.date and m.date >= today)
    }
    # The school holidays, for the events' descriptions; a dry run keeps no cache.
    with holiday_lookup(keep=record) as holidays:
        found = calendar_events(network, (), today=today, include_past=False, holidays=holidays)
    events = {e.uid: e for e in found.events if e.uid in wanted}
    called_off = invitations.cancellations(events, invited, today=today)
    giving = [e for e in events.values() if e.status.value != "CANCELLED"]
    giving += [event for event, _ in called_off.values()]
    removed = {uid for uid, (_, why) in called_off.items() if why is invitations.Why.REMOVED}
    # Settle without writing first: only the events that go out are recorded below.
    settled = settle_with_record(
        loaded.path, giving, stamp=stamp_of(today), timezone=network.timezone, record=False
    )
    messages = invitations.due(
        network, settled.events, invited, removed=removed, timezone=network.timezone
    )
    if record and messages:
        going = {m.event.event.uid for m in messages}
        settle_with_record(
            loaded.path,
            [e for e in giving if e.uid in going],
            stamp=stamp_of(today),
            timezone=network.timezone,
        )
    return messages, dict(invited)


def _deliver(
    loaded: Loaded,
    messages: "list[Outgoing]",
    invited: "dict[str, Invited]",
    *,
    outbox: Path | None,
    quiet: bool = False,
) -> "list[Outgoing]":
    """Send (or write) each message, recording it as soon as it went out; stop at a failure.
    Each is said on a line of its own unless `quiet` (--json: stdout is the JSON alone)."""
    import contextlib

    from netzwerk_cli.outside import smtp

    if not messages:
        return []
    settings = loaded.network.mail
    assert settings is not None
    done: list[Outgoing] = []
    w = terminal_words()
    opened: contextlib.AbstractContextManager[Any] = contextlib.nullcontext()
    if outbox is None:
        opened = smtp.connection(settings, smtp.password(settings, os.environ))
    with opened as server:
        for message in messages:
            mail = _email(loaded, message)
            event = message.event.event
            facts = {
                "date": w.date(event.day),
                "venue": event.location,
                "recipients": w.plural(
                    "{count} recipient", "{count} recipients", len(message.recipients)
                ).format(count=len(message.recipients)),
            }
            if outbox is not None:
                path = _write_eml(outbox, message, mail)
                _record(loaded, invited, message)
                line = w(WRITTEN[message.method.value]).format(file=path, **facts)
            else:
                where = f"{settings.smtp_host}:{settings.smtp_port}"
                try:
                    smtp.send(server, mail, where=where)
                except smtp.PartlyRefused as exc:
                    _record(loaded, invited, _without(message, exc.refused))
                    raise smtp.MailError(
                        fact(
                            N_(
                                "{server} refused some recipients: {answer}; the others have "
                                "the message, the refused ones get it on the next run"
                            ),
                            server=where,
                            answer=exc.refused,
                        )
                    ) from None
                _record(loaded, invited, message)
                line = w(DONE[message.method.value]).format(**facts)
            done.append(message)
            if not quiet:
                sys.stdout.write(line + "\n")
                sys.stdout.flush()
    return done


def _email(loaded: Loaded, message: "Outgoing") -> "EmailMessage":
    from email.utils import make_msgid

    from netzwerk_cli.output.invitation import email_message

    network = loaded.network
    assert network.mail is not None
    domain = network.mail.sender.address.rpartition("@")[2]
    host = _host_of(loaded, message)
    # The real clock: the Date of a message, and the DTSTAMP of its calendar (RFC 5546), is when
    # it is made, whatever --today says.
    return email_message(
        network,
        message,
        host=host,
        message_id=make_msgid(domain=domain),
        date=dt.datetime.now(dt.UTC).replace(microsecond=0),
    )


def _host_of(loaded: Loaded, message: "Outgoing") -> str:
    """The host's name, from the meeting in the file, else from the event's summary."""
    from netzwerk_cli.calendar.uids import meeting_uid

    network = loaded.network
    for meeting in network.meetings:
        if meeting_uid(network, meeting) == message.event.event.uid:
            return network.member(meeting.host).name
    return message.event.event.summary.rpartition(" – ")[2]


def _write_eml(outbox: Path, message: "Outgoing", mail: "EmailMessage") -> Path:
    """The message as an .eml file, written atomically, named so that files sort by meeting."""
    import re

    from netzwerk_cli.file.fileio import write_atomically

    event = message.event
    slug = re.sub(r"[^A-Za-z0-9]+", "-", event.event.uid.partition("@")[0]).strip("-")
    name = (
        f"{event.event.day:%Y%m%d}-{slug}-{message.method.value.lower()}-{event.sequence}"
        f"-{message.why.value}.eml"
    )
    path = outbox / name
    number = 2
    while path.exists():
        path = outbox / f"{name.removesuffix('.eml')}-{number}.eml"
        number += 1
    # Outlook opens an .eml with X-Unsent: 1 as a message to send (with its Send button), not
    # as one received; only the outbox's files carry it, never a message that is sent.
    del mail["X-Unsent"]
    mail["X-Unsent"] = "1"
    write_atomically(path, mail.as_bytes())
    return path


def _record(loaded: Loaded, invited: "dict[str, Invited]", message: "Outgoing") -> None:
    """Note in the sent record that `message` went out, and write the record at once."""
    from netzwerk_cli.calendar.sequence import fingerprint
    from netzwerk_cli.core.invitations import Invited, SentTo
    from netzwerk_cli.file.records import SENT, record_path, write_invited

    uid = message.event.event.uid
    before = invited.get(uid)
    sent = dict(before.sent) if before else {}
    content = fingerprint(message.event.event, loaded.network.timezone)
    for recipient in message.recipients:
        sent[recipient.key] = SentTo(
            message.method, message.event.sequence, recipient.name, content
        )
    # The event as last sent: a cancellation keeps the day and place it calls off.
    invited[uid] = Invited(message.event.event, sent)
    path = record_path(loaded.path, SENT)
    write_invited(path, invited, network_name=loaded.path.name)


def _without(message: "Outgoing", refused: str) -> "Outgoing":
    """The message as far as the server took it: without the refused addresses."""
    kept = tuple(r for r in message.recipients if f"{r.address}:" not in refused)
    return dataclasses.replace(message, recipients=kept)


def _report_dry_run(loaded: Loaded, messages: "list[Outgoing]", *, as_json: bool) -> None:
    w = terminal_words()
    if not messages:
        # Nothing to do: say why (on stderr, also with --json: it is for people).
        if as_json:
            print_json([])
        sys.stderr.write(w.say(_why_nothing(loaded)) + "\n")
        return
    if as_json:
        print_json([_json(loaded, message) for message in messages])
        return
    for message in messages:
        event = message.event.event
        addresses = ", ".join(r.address for r in message.recipients)
        line = w(WOULD[message.method.value]).format(
            why=w(WHY[message.why.value]),
            date=w.date(event.day),
            venue=event.location,
            addresses=addresses,
        )
        sys.stdout.write(line + "\n")
    sys.stderr.write(w(N_("(dry run: nothing sent, nothing recorded)")) + "\n")


def _why_nothing(loaded: Loaded) -> "Message":
    """Why nothing is due, with the dates the schedule proposes for the meetings not dated yet."""
    from netzwerk_cli.cli.app import holiday_lookup
    from netzwerk_cli.core.invitations import nothing_due
    from netzwerk_cli.core.schedule import coming_meetings
    from netzwerk_cli.model import Status

    network = loaded.network
    planned = sum(1 for meeting in network.meetings if meeting.status is Status.PLANNED)
    with holiday_lookup(keep=False) as holidays:  # a dry run keeps no cache
        plan = coming_meetings(network, today=loaded.today, holidays=holidays, count=planned)
    proposed = {
        row.meeting.position: row.date
        for row in plan.meetings
        if row.meeting is not None and row.date is not None and not row.month_only
    }
    return nothing_due(network, today=loaded.today, proposed=proposed)


WHY = {
    "new": N_("new meeting"),
    "changed": N_("the meeting changed"),
    "updated": N_("the agenda, the title or the description changed"),
    "added": N_("new contacts"),
    "cancelled": N_("the meeting is cancelled"),
    "removed": N_("the meeting was removed from the file"),
    "dropped": N_("contacts removed"),
}


def _json(loaded: Loaded, message: "Outgoing") -> dict[str, Any]:
    """A message for --json: stable English keys."""
    from netzwerk_cli.output.invitation import subject

    event = message.event.event
    return {
        "uid": event.uid,
        "method": message.method.value,
        "sequence": message.event.sequence,
        "date": event.day.isoformat(),
        "to": [r.address for r in message.recipients],
        "subject": subject(loaded.network, message),
        "why": message.why.value,
    }
