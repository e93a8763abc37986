"""`netzwerk replies`: the answers to the invitations, read from the mailbox or a folder."""

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netzwerk_cli.cli.app import (
    FileOption,
    JsonOption,
    LangOption,
    Loaded,
    TodayOption,
    load,
    print_json,
    say,
    show,
    terminal_words,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact, facts

if TYPE_CHECKING:
    from collections.abc import Mapping

    from netzwerk_cli.calendar.replies import Reply
    from netzwerk_cli.core.answers import MeetingAnswers
    from netzwerk_cli.file.answered import AnswerRecord
    from netzwerk_cli.message import Message
    from netzwerk_cli.outside.imap import Mailbox

# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None, add_completion=False)


@dataclass
class _Run:
    """What one run read: the new answers, and the IMAP UIDs of the messages that hold them."""

    new: "list[Reply]" = field(default_factory=list)
    moving: list[int] = field(default_factory=list)
    changed: bool = False


@commands.command(
    epilog="Reads the new messages of [mail] imap_folder (or, with --from, the .eml files of a "
    "folder or a Maildir), takes the answers (iMIP REPLY) to the invitations `netzwerk invite` "
    "sent, and remembers what it read in .NETWORK.toml.replies beside the network file: a second "
    "run reads nothing twice and prints nothing. The mailbox is left as it was (no flag set) "
    "unless --move-to is given."
)
def replies(
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="DIR",
            help="Read the .eml files of DIR (or a Maildir) instead of the mailbox, e.g. the "
            "answers saved from Outlook; DIR may also be one .eml file.",
            show_default=False,
        ),
    ] = None,
    move_to: Annotated[
        str | None,
        typer.Option(
            "--move-to",
            metavar="FOLDER",
            help="Move the answers read into this IMAP folder (created if needed); other "
            "messages stay.",
            show_default=False,
        ),
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all", help="Show every coming invited meeting's answers, not only what is new."
        ),
    ] = False,
    as_json: JsonOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Read the answers to the invitations: who comes to which meeting."""
    from netzwerk_cli.file.answered import REPLIES, read_answers, write_answers
    from netzwerk_cli.file.locking import writer_lock
    from netzwerk_cli.file.records import record_path

    loaded = load(file, today)
    mail = loaded.network.mail
    if source is not None and move_to is not None:
        raise typer.BadParameter(
            terminal_words()(N_("--move-to moves messages of the mailbox, not of --from")),
            param_hint="'--move-to'",
        )
    if source is None and (mail is None or mail.imap is None):
        raise CommandError(
            fact(
                N_(
                    "no mailbox to read the answers from: add to [mail] of {file}\n"
                    'imap_host = "imap.example.de"\nimap_user = "netzwerk"\n'
                    "or read saved messages with --from DIR (see the README, netzwerk replies)"
                ),
                file=str(loaded.path),
            )
        )
    path = record_path(loaded.path, REPLIES)
    # One reader at a time, from reading the record to writing it: two runs at once would
    # report the same answers twice.
    with writer_lock(loaded.path, part=REPLIES):
        record = read_answers(path)
        first = not record.existed
        if source is not None:
            run = _read_folder(source, record)
        else:
            run = _read_mailbox(loaded, record, move_to=move_to)
        if run.changed or first:  # a first run is remembered even when it found nothing
            write_answers(path, record, network_name=loaded.path.name)
    _report(loaded, record, run, show_all=show_all or first, as_json=as_json)


def _take(record: "AnswerRecord", data: bytes, name: str, run: _Run) -> bool:
    """Read one message into the record; whether it holds answers. A message read before is
    passed over; one that cannot be read is named on stderr once and remembered."""
    from netzwerk_cli.calendar.replies import ReplyError, message_id, replies_in_message
    from netzwerk_cli.file.answered import Read, message_key
    from netzwerk_cli.model import Language
    from netzwerk_cli.words import words

    english = words(Language.EN).say

    key = message_key(data, message_id(data))
    if key in record.messages:
        return False
    try:
        found = replies_in_message(data)
    except ReplyError as exc:
        _skipped(name, exc.text)
        record.messages[key] = Read((), english(exc.text))
        run.changed = True
        return False
    if not found:
        return False
    record.messages[key] = Read(tuple(found))
    run.new.extend(found)
    run.changed = True
    return True


def _skipped(name: str, why: "Message") -> None:
    said = terminal_words()
    say(
        "netzwerk: "
        + said.say(
            fact(N_("{source}: skipped, not readable as an answer: {why}"), source=name, why=why)
        )
    )


def _read_folder(source: Path, record: "AnswerRecord") -> _Run:
    from netzwerk_cli.calendar.replies import message_id
    from netzwerk_cli.file.answered import message_key, saved_messages

    run = _Run()
    for path, data in saved_messages(source):
        if not isinstance(data, bytes):
            _skipped(str(path), data)
            continue
        _take(record, data, str(path), run)
        if path == source and message_key(data, message_id(data)) not in record.messages:
            # One file named alone that holds no answer: in a folder other mail is normal, but
            # this one was meant to be an answer (Outlook's .msg saved as .eml, a forward).
            said = terminal_words()
            say(
                "netzwerk: "
                + said.say(
                    fact(
                        N_(
                            "{source}: holds no answer to an invitation (no calendar part with "
                            "METHOD:REPLY or METHOD:COUNTER)"
                        ),
                        source=str(path),
                    )
                )
            )
    return run


def _read_mailbox(loaded: Loaded, record: "AnswerRecord", *, move_to: str | None) -> _Run:
    from netzwerk_cli.file.answered import FolderMark
    from netzwerk_cli.outside import imap

    mail = loaded.network.mail
    assert mail is not None and mail.imap is not None
    # The imap_* keys (a server, a login, a command to run) act outside the file: used only once
    # the user trusts them as they are (`netzwerk trust`), before a password is read.
    from netzwerk_cli.cli.trust import require_trusted

    require_trusted(loaded, tables=("mail",))
    secret = imap.password(mail, os.environ)
    run = _Run()
    key = imap.folder_key(mail.imap)
    with imap.mailbox(mail, secret) as box:
        mark = record.folders.get(key)
        last = mark.last_uid if mark is not None and mark.validity == box.validity else 0
        uids = box.uids_after(last)
        for uid in uids:
            data = box.fetch(uid)
            name = f"{imap.where(mail.imap)}/{mail.imap.folder} UID {uid}"
            if not isinstance(data, bytes):
                _skipped(name, data)
            elif _take(record, data, name, run):
                run.moving.append(uid)
        if uids:
            record.folders[key] = FolderMark(box.validity, max(uids))
            run.changed = True
        if move_to is not None:
            _move(loaded, record, run, box, move_to)
    return run


def _move(loaded: Loaded, record: "AnswerRecord", run: _Run, box: "Mailbox", target: str) -> None:
    """Move every message of the folder that the record holds answers of (read now or by an
    earlier run). Record first, then move: a failed move leaves the answers recorded and in the
    folder, and the next run with --move-to moves them."""
    from netzwerk_cli.calendar.replies import message_id
    from netzwerk_cli.file.answered import REPLIES, write_answers
    from netzwerk_cli.file.records import record_path

    if run.changed:
        write_answers(record_path(loaded.path, REPLIES), record, network_name=loaded.path.name)
        run.changed = False
    answers = {key for key, read in record.messages.items() if read.replies}
    moving = set(run.moving)
    for uid, header in box.message_ids().items():
        if message_id(header + b"\r\n") in answers:
            moving.add(uid)
    box.move(sorted(moving), target)


# The most of a stranger's UID said on stderr: enough to find the message, never a screenful.
_UID_SHOWN = 80


def _name_strangers(new: "list[Reply]", invited: "Mapping[str, object]") -> None:
    """Name on stderr, once per UID, the new answers to events that `invite` never sent: they
    are kept in the record but count nowhere, and a coordinator should know why."""
    strangers: dict[str, list[str]] = {}
    for reply in new:
        if reply.uid not in invited:
            strangers.setdefault(reply.uid, []).append(reply.address)
    if not strangers:
        return
    said = terminal_words()
    for uid, addresses in strangers.items():
        shown = uid if len(uid) <= _UID_SHOWN else uid[: _UID_SHOWN - 1] + "…"
        say(
            "netzwerk: "
            + said.say(
                facts(
                    "{uid}: `netzwerk invite` sent no invitation with this UID; {count} answer "
                    "from {addresses} is not counted",
                    "{uid}: `netzwerk invite` sent no invitation with this UID; the {count} "
                    "answers from {addresses} are not counted",
                    count=len(addresses),
                    uid=shown,
                    addresses=sorted(set(addresses)),
                )
            )
        )


def _report(
    loaded: Loaded, record: "AnswerRecord", run: _Run, *, show_all: bool, as_json: bool
) -> None:
    from netzwerk_cli.core.answers import answers
    from netzwerk_cli.file.records import SENT, read_invited, record_path
    from netzwerk_cli.output import answers as said_answers

    network = loaded.network
    invited = read_invited(record_path(loaded.path, SENT))
    meetings = answers(network, invited, record.replies(), today=loaded.today)
    _name_strangers(run.new, invited)
    if as_json:
        print_json([said_answers.meeting_json(network, m) for m in meetings])
        return
    w = terminal_words()
    by_uid: dict[str, MeetingAnswers] = {m.uid: m for m in meetings}
    for reply in sorted(run.new, key=lambda r: (r.stamp, r.address)):
        meeting = by_uid.get(reply.uid)
        if meeting is not None:
            sys.stdout.write(w.say(said_answers.new_line(network, reply, meeting)) + "\n")
    if not show_all:
        return
    if not meetings:
        say(w(N_("No coming meeting was invited to (netzwerk invite sends the invitations).")))
        return
    for meeting in meetings:
        show(said_answers.table(network, meeting, w))
        sys.stdout.write(w.say(said_answers.summary(meeting)) + "\n\n")
    sys.stdout.flush()
