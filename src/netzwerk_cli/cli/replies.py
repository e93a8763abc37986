"""`netzwerk replies`: the answers to the invitations, read from the mailbox or a folder."""

import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netzwerk_cli.cli.app import Loaded, load
from netzwerk_cli.cli.options import FileOption, JsonOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import print_json, say, show, terminal_words
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact, facts

if TYPE_CHECKING:
    from collections.abc import Mapping

    from netzwerk_cli.calendar.replies import Reply
    from netzwerk_cli.core.answers import MeetingAnswers
    from netzwerk_cli.core.invitations import Invited
    from netzwerk_cli.file.answered import AnswerRecord, Place
    from netzwerk_cli.message import Message
    from netzwerk_cli.outside.imapfolder import Mailbox

# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None, add_completion=False)


@dataclass
class _Run:
    """What one run reads: the invitations sent (by UID), the moment it reads, how to save its
    progress; and what it found: the new answers, and those to UIDs never invited."""

    invited: "Mapping[str, object]"
    read_at: dt.datetime
    save: Callable[[], None]
    new: "list[Reply]" = field(default_factory=list)
    strangers: "list[Reply]" = field(default_factory=list)
    changed: bool = False

    def progress(self) -> None:
        """Write what was read so far: an interrupted run keeps it."""
        if self.changed:
            self.save()
            self.changed = False


# Messages read between two writes of the record (--from).
_SAVE_EVERY = 200


@commands.command(
    epilog="Reads the new messages of [mail] imap_folder (or, with --from, the .eml files of a "
    "folder or a Maildir), takes the answers (iMIP REPLY) to the invitations `netzwerk invite` "
    "sent, and remembers what it read in .network.toml.replies beside the network file: a second "
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
    from netzwerk_cli.file.records import SENT, read_invited, record_path

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
                    "or read saved messages with --from DIR (see the manual, netzwerk replies)"
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
        invited = read_invited(record_path(loaded.path, SENT))

        def save() -> None:
            write_answers(path, record, network_name=loaded.path.name)

        # The moment of reading caps a DTSTAMP from the future: the one use of the clock here.
        run = _Run(invited, dt.datetime.now(dt.UTC).replace(microsecond=0), save)
        if source is not None:
            _read_folder(source, record, run)
        else:
            _read_mailbox(loaded, record, run, move_to=move_to)
        if run.changed or first:  # a first run is remembered even when it found nothing
            save()
    _name_strangers(run.strangers)
    _report(loaded, record, run, invited, show_all=show_all or first, as_json=as_json)


def _take(
    record: "AnswerRecord", data: bytes, name: str, run: _Run, place: "Place | None" = None
) -> bool:
    """Read one message into the record; whether it holds answers to invitations sent. A
    message read before is passed over; one that cannot be read, whatever it holds, is named on
    stderr once and remembered; answers to UIDs `invite` never sent are not kept."""
    from netzwerk_cli.calendar.replies import ReplyError, clean, message_id, replies_in_message
    from netzwerk_cli.file.answered import MAX_KEPT, Read, message_key
    from netzwerk_cli.model import Language
    from netzwerk_cli.words import words

    english = words(Language.EN).say

    key = message_key(data, message_id(data))
    if key in record.messages:
        return False
    why: Message | None = None
    try:
        found = replies_in_message(data, read_at=run.read_at)
    except ReplyError as exc:
        why = exc.text
    except Exception as exc:
        why = fact(N_("not a readable e-mail ({why})"), why=clean(type(exc).__name__))
    if why is not None:
        _skipped(name, why)
        record.messages[key] = Read((), english(why))
        run.changed = True
        return False
    if not found:
        return False
    kept = [r for r in found if r.uid in run.invited][:MAX_KEPT]
    run.strangers.extend(r for r in found if r.uid not in run.invited)
    record.messages[key] = Read(tuple(kept), None, place if kept else None)
    run.new.extend(kept)
    run.changed = True
    return bool(kept)


def _skipped(name: str, why: "Message") -> None:
    from netzwerk_cli.calendar.replies import clean

    said = terminal_words()
    say(
        "netzwerk: "
        + said.say(
            fact(
                N_("{source}: skipped, not readable as an answer: {why}"),
                source=clean(name, most=300),
                why=why,
            )
        )
    )


def _read_folder(source: Path, record: "AnswerRecord", run: _Run) -> None:
    from netzwerk_cli.calendar.replies import clean, message_id
    from netzwerk_cli.file.answered import message_key, saved_messages

    marks: dict[str, str] = {}
    count = 0
    for path, mark, data in saved_messages(source, record.files):
        if mark is not None:
            marks[str(path)] = mark
        if not isinstance(data, bytes):
            _skipped(str(path), data)
            continue
        _take(record, data, str(path), run)
        count += 1
        if count % _SAVE_EVERY == 0:
            _keep_marks(record, source, marks, run)
            run.progress()
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
                        source=clean(str(path), most=300),
                    )
                )
            )
    if source.is_dir():
        _keep_marks(record, source, marks, run, done=True)


def _keep_marks(
    record: "AnswerRecord", source: Path, marks: dict[str, str], run: _Run, *, done: bool = False
) -> None:
    """Remember the files read (name, size and time), so that the next run passes them over;
    once the folder is done, forget the files of this folder that are gone."""
    if done:
        inside = str(source).rstrip(os.sep) + os.sep
        for name in [n for n in record.files if n.startswith(inside)]:
            if name not in marks and not os.path.lexists(name):
                del record.files[name]
                run.changed = True
    for name, mark in marks.items():
        if record.files.get(name) != mark:
            record.files[name] = mark
            run.changed = True


def _first_invitation(loaded: Loaded, invited: "Mapping[str, object]") -> dt.date | None:
    """The day before the first invitation was stamped (the calendar record's DTSTAMP of the
    invited events), less a day for time zones: no answer can be older. None if not known."""
    from netzwerk_cli.file.records import CALENDAR, read_stamps, record_path

    stamps = read_stamps(record_path(loaded.path, CALENDAR))
    known = [stamps[uid].dtstamp for uid in invited if uid in stamps]
    if not known or len(known) != len(invited):
        return None
    return min(known).date() - dt.timedelta(days=2)


def _read_mailbox(
    loaded: Loaded, record: "AnswerRecord", run: _Run, *, move_to: str | None
) -> None:
    from netzwerk_cli.file.answered import FolderMark, Place
    from netzwerk_cli.outside.imaplogin import mailbox, password
    from netzwerk_cli.outside.imapprotocol import folder_key, where

    mail = loaded.network.mail
    assert mail is not None and mail.imap is not None
    # The imap_* keys (a server, a login, a command to run) act outside the file: used only once
    # the user trusts them as they are (`netzwerk trust`), before a password is read.
    from netzwerk_cli.cli.trust import require_trusted

    require_trusted(loaded, tables=("mail",))
    secret = password(mail, os.environ)
    key = folder_key(mail.imap)
    with mailbox(mail, secret) as box:
        mark = record.folders.get(key)
        last = mark.last_uid if mark is not None and mark.validity == box.validity else 0
        since = _first_invitation(loaded, run.invited) if last == 0 else None
        # The server says which messages carry a calendar (BODYSTRUCTURE, in batches of UIDs);
        # only those are fetched, and the record is written after each batch.
        for batch, (looked_at, candidates) in enumerate(
            box.calendar_messages(after=last, since=since)
        ):
            for uid in candidates:
                data = box.fetch(uid)
                name = f"{where(mail.imap)}/{mail.imap.folder} UID {uid}"
                if not isinstance(data, bytes):
                    _skipped(name, data)
                else:
                    _take(record, data, name, run, Place(key, box.validity, uid))
            record.folders[key] = FolderMark(box.validity, looked_at)
            run.changed = True
            if candidates or batch % 10 == 9:  # what was read, and now and then how far
                run.progress()
        if move_to is not None:
            _move(record, run, box, key, move_to)


def _move(record: "AnswerRecord", run: _Run, box: "Mailbox", key: str, target: str) -> None:
    """Move every message of the folder that the record holds answers of and places in it (read
    now or by an earlier run), and nothing else. Record first, then move: a failed move leaves
    the answers recorded and in the folder, and the next run with --move-to moves them."""
    import dataclasses

    run.progress()
    moving = {
        name: read
        for name, read in record.messages.items()
        if read.replies
        and read.place is not None
        and read.place.folder == key
        and read.place.validity == box.validity
    }
    if not moving:
        return
    box.move(sorted({read.place.uid for read in moving.values() if read.place}), target)
    for name, read in moving.items():
        record.messages[name] = dataclasses.replace(read, place=None)
    run.changed = True
    run.progress()


# The most of a stranger's UID said on stderr: enough to find the message, never a screenful.
_UID_SHOWN = 80


def _name_strangers(new: "list[Reply]") -> None:
    """Name on stderr, once per UID, the new answers to events that `invite` never sent: they
    are not kept and count nowhere, and a coordinator should know why."""
    strangers: dict[str, list[str]] = {}
    for reply in new[:1000]:
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
    loaded: Loaded,
    record: "AnswerRecord",
    run: _Run,
    invited: "Mapping[str, Invited]",
    *,
    show_all: bool,
    as_json: bool,
) -> None:
    from netzwerk_cli.core.answers import answers
    from netzwerk_cli.output import answers as said_answers

    network = loaded.network
    meetings = answers(network, invited, record.replies(), today=loaded.today)
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
