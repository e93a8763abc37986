"""Commands that change the network file: record, plan, cancel, member add/leave, validate.

Every change goes through `change_file`: lock, read, compute, cut the text, prove and validate the
result, check that the file did not change meanwhile, write atomically. A refusal at any step
leaves the file as it was, byte for byte and with its modification time.
"""

import contextlib
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netzwerk_cli.cli.app import (
    FileOption,
    LangOption,
    TodayOption,
    date_option,
    holiday_lookup,
    load,
    network_text,
    parse_date,
    resolve_today,
    say,
    terminal_words,
)
from netzwerk_cli.errors import NetworkFileError, WriteError
from netzwerk_cli.file.store import (
    DEFAULT_FILE,
    MAX_MINUTES,
    decode_text,
    parse_network,
    read_bytes,
)
from netzwerk_cli.message import N_, fact, facts
from netzwerk_cli.model import Network, Status

if TYPE_CHECKING:
    from netzwerk_cli.core.changes import Change
    from netzwerk_cli.core.schedule import HolidayLookup

# The writing machinery (changes, tomledit, locking, fileio, difflib) is imported by the commands
# that use it, so that the question commands do not pay for it at start-up.

DryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run", help=N_("Show the change as a unified diff on stdout; write nothing.")
    ),
]
VenueOption = Annotated[
    str | None, typer.Option("--venue", help=N_("Where the meeting is (default: the host's seat)."))
]


def _date_argument(help: str) -> Any:
    return typer.Argument(parser=parse_date, metavar="YYYY-MM-DD", help=help, show_default=False)


def _parse_time(value: str) -> dt.time:
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
    if match is None:
        raise typer.BadParameter(
            terminal_words()(N_("{value} is not a time like 10:00")).format(value=repr(value))
        )
    return dt.time(int(match[1]), int(match[2]))


def _refuse_control_characters(options: dict[str, str | None], *, notes: str = "") -> None:
    """A usage error (exit 2) for a control character in a text option, as the file refuses it:
    a tab only in `notes` (the option named so). Line breaks are left to the file's rule (one line,
    but in titles and notes), which the written result is validated against."""
    for name, value in options.items():
        if value is None:
            continue
        allowed = "\n\r\t" if name == notes else "\n\r"
        bad = next((c for c in value if _is_control(c) and c not in allowed), None)
        if bad is not None:
            raise typer.BadParameter(
                terminal_words()(N_("contains a control character ({code})")).format(
                    code=f"U+{ord(bad):04X}"
                ),
                param_hint=f"'{name}'",
            )


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None)


member_app = typer.Typer(
    rich_markup_mode=None,
    help=N_("Members joining and leaving the network."),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
commands.add_typer(member_app, name="member")


@commands.command(
    epilog=N_(
        "The meeting that becomes the held one: the host's planned (or cancelled) meeting on "
        "DATE or in its month; else any planned meeting that day (its host is swapped); else "
        "the host's latest planned meeting before DATE; else the host's planned meeting in the "
        "two weeks after DATE (held early); else the host's planned meeting without a date. "
        "Otherwise a new meeting is added. A held meeting's venue is always written, so that it "
        "stays history when a seat moves. The network meets once a day at most: a DATE that "
        "already has a held meeting is refused, whoever hosted it."
    )
)
def record(
    day: Annotated[dt.date, _date_argument("The day the meeting was held.")],
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help=N_(
                "Who hosted (a member id). Default: the host of the planned meeting on or "
                "nearest before DATE, else the answer of `netzwerk next-host`."
            ),
        ),
    ] = None,
    venue: Annotated[
        str | None,
        typer.Option(
            "--venue", help="Where it was held (default: as planned, else the host's seat)."
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help=N_("A title, e.g. '3. Treffen'."))
    ] = None,
    notes: Annotated[str | None, typer.Option("--notes", help=N_("Notes on the meeting."))] = None,
    attended: Annotated[
        str | None,
        typer.Option(
            "--attended",
            metavar="IDS",
            help=N_(
                "The members who took part, as ids with commas: HEF,WAK,ESW (also for a meeting "
                "already recorded)."
            ),
        ),
    ] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """A meeting was held on DATE: record it, from its planned meeting or as a new one."""
    from netzwerk_cli.core.changes import record_meeting

    ids = None
    if attended is not None:
        ids = tuple(part.strip() for part in attended.split(",") if part.strip())

    _refuse_control_characters(
        {
            "--host": host,
            "--venue": venue,
            "--title": title,
            "--notes": notes,
            "--attended": attended,
        },
        notes="--notes",
    )

    change_file(
        file,
        today,
        lambda network, on, holidays: record_meeting(
            network,
            day=day,
            today=on,
            holidays=holidays,
            host=host,
            venue=venue,
            title=title,
            notes=notes,
            attended=ids,
        ),
        dry_run=dry_run,
    )


@commands.command(
    epilog=N_(
        "The meeting planned on DATE, else the next coming planned meeting, is changed in "
        "place; if there is none (or with --new), a planned meeting is added. Without DATE, a new "
        "meeting takes the cadence's next date from the schedule, and so does an undated planned "
        "one on a bare `plan` or with --time (not when only --host or --venue change); without a "
        "cadence the meeting has no date yet. A new host brings its seat as the venue unless "
        "--venue says otherwise; a planned time of day is kept when only the date changes. A "
        "meeting added on a date the cadence proposes takes that slot's calendar UID, so the "
        "tentative calendar event becomes the confirmed one."
    )
)
def plan(
    day: Annotated[
        dt.date | None,
        typer.Argument(
            parser=parse_date,
            metavar="[YYYY-MM-DD]",
            help=N_(
                "The day of the meeting. Without it: the day already planned, else the "
                "cadence's next date (for a new meeting, a bare `plan` or with --time), else "
                "none yet."
            ),
            show_default=False,
        ),
    ] = None,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help=N_(
                "Who hosts (a member id). Default: the planned host, or for a new meeting the "
                "rotation's next host."
            ),
        ),
    ] = None,
    venue: VenueOption = None,
    time: Annotated[
        dt.time | None,
        typer.Option("--time", parser=_parse_time, metavar="HH:MM", help=N_("The start time.")),
    ] = None,
    duration: Annotated[
        int | None,
        typer.Option(
            "--duration",
            metavar="MINUTES",
            min=1,
            max=MAX_MINUTES,
            help=N_(
                "How long the meeting lasts, in minutes (its own duration_minutes; default: the "
                "network's, else 120)."
            ),
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        bool,
        typer.Option(
            "--new", help=N_("Add another planned meeting instead of changing the next one.")
        ),
    ] = False,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Fix the next meeting: its date, its host, or both."""
    from netzwerk_cli.core.changes import plan_meeting

    _refuse_control_characters({"--host": host, "--venue": venue})

    change_file(
        file,
        today,
        lambda network, on, holidays: plan_meeting(
            network,
            today=on,
            holidays=holidays,
            day=day,
            host=host,
            venue=venue,
            time=time,
            duration=duration,
            new=new,
        ),
        dry_run=dry_run,
    )


@commands.command(
    epilog=N_(
        "The rotation gives its host a turn again. Only a planned meeting can be cancelled "
        "(also after its day has passed); a held one cannot."
    )
)
def cancel(
    day: Annotated[dt.date, _date_argument("The day of the planned meeting.")],
    host: Annotated[
        str | None,
        typer.Option("--host", help=N_("Whose meeting, if more than one is planned that day.")),
    ] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """A planned meeting will not take place: it stays in the file as cancelled."""
    from netzwerk_cli.core.changes import cancel_meeting

    change_file(
        file,
        today,
        lambda network, _on, _holidays: cancel_meeting(network, day=day, host=host),
        dry_run=dry_run,
    )


@member_app.command("add")
def member_add(
    member_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help=N_("The member's short id, e.g. HEF."), show_default=False
        ),
    ],
    name: Annotated[str, typer.Option("--name", help=N_("The member's full name."))],
    seat: Annotated[str, typer.Option("--seat", help=N_("Where the member hosts."))],
    state: Annotated[
        str, typer.Option("--state", help=N_("The German state code of the seat, e.g. HE."))
    ],
    joined: Annotated[
        dt.date | None,
        date_option("--joined", help=N_("The day it joined (it cannot host before).")),
    ] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """A district joins: add it as a member, last in the rotation order."""
    from netzwerk_cli.core.changes import add_member

    _refuse_control_characters({"ID": member_id, "--name": name, "--seat": seat, "--state": state})

    change_file(
        file,
        today,
        lambda network, _on, _holidays: add_member(
            network, member_id=member_id, name=name, seat=seat, state=state, joined=joined
        ),
        dry_run=dry_run,
    )


@member_app.command(
    "leave",
    epilog=N_(
        "A member that hosts a planned meeting on or after that day must hand it over first "
        "(netzwerk plan --host ID, or netzwerk cancel)."
    ),
)
def member_leave(
    member_id: Annotated[
        str, typer.Argument(metavar="ID", help=N_("The member's id."), show_default=False)
    ],
    day: Annotated[
        dt.date,
        date_option("--date", help=N_("The first day it no longer belongs to the network.")),
    ],
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """A district leaves: it stays in the file with its history, and hosts no more."""
    from netzwerk_cli.core.changes import leave_member

    change_file(
        file,
        today,
        lambda network, _on, _holidays: leave_member(network, member_id=member_id, day=day),
        dry_run=dry_run,
    )


@commands.command(
    epilog="The summary goes to stdout and the problems to stderr, for a git hook or CI."
)
def validate(file: FileOption = None, today: TodayOption = None, lang: LangOption = None) -> None:
    """Check the network file: exit 0 with a one-line summary, or 1 with every problem found."""
    loaded = load(file, today)
    network = loaded.network
    count = {s: sum(1 for m in network.meetings if m.status is s) for s in Status}
    summary = fact(
        N_("{path}: valid: {name}, {members}, {meetings} ({held}, {planned}, {cancelled})"),
        path=loaded.path,
        name=network.name,
        members=facts("{count} member", "{count} members", count=len(network.members)),
        meetings=facts("{count} meeting", "{count} meetings", count=len(network.meetings)),
        held=facts("{count} held", "{count} held", count=count[Status.HELD]),
        planned=facts("{count} planned", "{count} planned", count=count[Status.PLANNED]),
        cancelled=facts("{count} cancelled", "{count} cancelled", count=count[Status.CANCELLED]),
    )
    sys.stdout.write(terminal_words().say(summary) + "\n")


def change_file(
    file: Path | None,
    today: dt.date | None,
    compute: Callable[[Network, dt.date, "HolidayLookup"], "Change"],
    *,
    dry_run: bool,
) -> None:
    """The one safe write path of every command that changes the network file."""
    from netzwerk_cli.file.fileio import write_atomically
    from netzwerk_cli.file.locking import writer_lock
    from netzwerk_cli.file.tomledit import apply_edit

    path = file or Path(DEFAULT_FILE)
    day = resolve_today(today)
    # The run's read of the file: a missing or unreadable file is reported as such before a lock
    # file appears beside it, and a dry run (which takes no lock) works on it alone.
    text = network_text(path)
    # Through a symbolic link, lock and replace the file it points to, and keep the link.
    real = path.resolve() if path.is_symlink() else path
    with contextlib.nullcontext() if dry_run else writer_lock(real):
        if not dry_run:
            # Under the lock, the file as it is now: another writer may have changed it since.
            data = read_bytes(path)
            text = decode_text(data, source=str(path))
        network = parse_network(text, source=str(path), today=day)
        # The holidays are read only if the change asks for one; a dry run keeps no cache.
        with holiday_lookup(keep=not dry_run) as holidays:
            change = compute(network, day, holidays)
        new_text = apply_edit(text, change.edit)
        _validate_result(path, new_text, day)
        if dry_run:
            _show_diff(path, text, new_text)
            said = terminal_words()
            say(said.say(fact(N_("{summary} (dry run: nothing written)"), summary=change.summary)))
            _say_notes(change)
            return
        _refuse_changed(real, data)
        # A byte-order mark (Notepad writes one) is written back as it was.
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        write_atomically(real, bom + new_text.encode("utf-8"))
    say(terminal_words().say(change.summary))
    _say_notes(change)


def _say_notes(change: "Change") -> None:
    for note in change.notes:
        say(terminal_words().say(note))


def _validate_result(path: Path, text: str, today: dt.date) -> None:
    try:
        parse_network(text, source=str(path), today=today)
    except NetworkFileError as exc:
        raise NetworkFileError(
            fact(N_("{path}: nothing written, the change would make the file invalid"), path=path),
            exc.found,
        ) from None


def _refuse_changed(path: Path, data: bytes) -> None:
    # The lock keeps out other netzwerk commands, not an editor: compare what is there now.
    try:
        current: bytes | None = read_bytes(path)
    except NetworkFileError:
        current = None
    if current != data:
        raise WriteError(
            fact(
                N_(
                    "{path} changed while netzwerk was changing it; nothing written, run the "
                    "command again"
                ),
                path=path,
            )
        )


def _show_diff(path: Path, old: str, new: str) -> None:
    import difflib

    from netzwerk_cli.file.tomledit import split_lines

    name = str(path)
    for line in difflib.unified_diff(split_lines(old), split_lines(new), name, name):
        sys.stdout.write(line)
        if not line.endswith("\n"):
            sys.stdout.write("\n\\ No newline at end of file\n")
    sys.stdout.flush()
