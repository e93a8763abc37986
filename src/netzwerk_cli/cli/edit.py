"""Commands that change the network file: record, plan, cancel, validate (and `member`'s, in
`cli.members`, `init` in `cli.setup` and `cadence` in `cli.cadence`, through the same
`change_file`).

Every change goes through `change_file`: lock, read, compute, cut the text, prove and validate the
result, check that the file did not change meanwhile, write atomically. A refusal at any step
leaves the file as it was, byte for byte and with its modification time.
"""

import contextlib
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netzwerk_cli.cli.app import (
    FileOption,
    LangOption,
    TodayOption,
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
    """A time typed on the command line (10:00, 10.00: `words.typed`); a usage error otherwise."""
    from netzwerk_cli.words.typed import TypedValueError, typed_time

    try:
        return typed_time(value)
    except TypedValueError as exc:
        raise typer.BadParameter(terminal_words().say(exc.text)) from None


def _parse_day_and_time(value: str | dt.date) -> dt.date:
    """`plan`'s DATE: a day, or a day with its time ("07.04.2027 10:00", a `datetime`)."""
    if isinstance(value, dt.date):
        return value
    from netzwerk_cli.words.typed import TypedValueError, typed_day_and_time

    try:
        day, time = typed_day_and_time(value)
    except TypedValueError as exc:
        raise typer.BadParameter(terminal_words().say(exc.text)) from None
    return day if time is None else dt.datetime.combine(day, time)


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

# What a meeting's texts are for: `--notes` never leave the coordinator's computer,
# `--description` goes wherever the meeting goes (README, "Private unless said").
NotesOption = Annotated[
    str | None,
    typer.Option(
        "--notes",
        help=N_("Notes on the meeting, for the coordinator only: they never leave this computer."),
    ),
]
DescriptionOption = Annotated[
    str | None,
    typer.Option(
        "--description",
        help=N_(
            "A public description of the meeting (its topic): invitations, calendars and the "
            "page show it; --notes stay private."
        ),
    ),
]


@commands.command(
    epilog=N_(
        "The meeting that becomes the held one, with --host: the host's planned (or cancelled) "
        "meeting on DATE or in its month; else any planned meeting that day (its host is "
        "swapped); else the host's latest planned meeting in the four weeks before DATE; else "
        "the host's planned meeting in the two weeks after DATE (held early); else the host's "
        "planned meeting without a date. Without --host: the planned meeting on DATE, in its "
        "month or nearest before it within four weeks; else the first planned in the two weeks "
        "after DATE; else the first planned without a date. Otherwise a new meeting is added: a "
        "meeting planned more than four weeks before DATE or more than two weeks after it is "
        "never taken, it stays planned, and a line says so. A held meeting's venue "
        "is always written, so that it stays history when a seat moves. The network meets once a "
        "day at most: a DATE that already has a held meeting is refused, whoever hosted it."
    )
)
def record(
    day: Annotated[dt.date, _date_argument("The day the meeting was held.")],
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help=N_(
                "Who hosted (a member id). Default: the host of the planned meeting that becomes "
                "the held one (see below), else the rotation's choice for DATE."
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
    notes: NotesOption = None,
    description: DescriptionOption = None,
    attended: Annotated[
        str | None,
        typer.Option(
            "--attended",
            metavar="IDS",
            help=N_(
                "The members who took part, as ids with commas: HEF,WAK,ESW (also for a meeting "
                "already recorded: it replaces the list, and says what it was). With a plus "
                "before each id (+HEF,+WAK) they are added to the recorded ones."
            ),
        ),
    ] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """A meeting was held on DATE: record it, from its planned meeting or as a new one."""
    from netzwerk_cli.core.memberids import member_id, member_ids
    from netzwerk_cli.core.record import record_meeting

    ids, adding = (None, False) if attended is None else _attended_ids(attended)

    _refuse_control_characters(
        {
            "--host": host,
            "--venue": venue,
            "--title": title,
            "--notes": notes,
            "--description": description,
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
            host=member_id(network, host) if host is not None else None,
            venue=venue,
            title=title,
            notes=notes,
            description=description,
            attended=member_ids(network, ids) if ids is not None else None,
            add_attended=adding,
        ),
        dry_run=dry_run,
    )


def _attended_ids(value: str) -> tuple[tuple[str, ...], bool]:
    """The ids of `--attended`, and whether they are added (each written +ID) rather than replace
    the recorded ones. Whether each is a member is the core's check."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    plus = [part.startswith("+") for part in parts]
    if any(plus) and not all(plus):
        raise typer.BadParameter(
            terminal_words()(
                N_(
                    "put a plus before each id to add them (+HEF,+WAK), or before none to "
                    "replace the recorded ones"
                )
            ),
            param_hint="'--attended'",
        )
    ids = tuple(part.removeprefix("+").strip() for part in parts)
    if "" in ids:
        raise typer.BadParameter(
            terminal_words()(N_("a plus needs a member id after it (+HEF)")),
            param_hint="'--attended'",
        )
    return ids, any(plus)


@commands.command(
    epilog=N_(
        "The meeting planned on DATE, else the next coming planned meeting, is changed in "
        "place; if there is none (or with --new), a planned meeting is added. Without DATE, a new "
        "meeting takes the cadence's next date from the schedule, and so does an undated planned "
        "one on a bare `plan` or with --time (not when only --host or --venue change); without a "
        "cadence the meeting has no date yet. A new host brings its seat as the venue unless "
        "--venue says otherwise; a planned time of day is kept when only the date changes. A "
        "meeting added on a date the cadence proposes takes that slot's calendar UID, so the "
        "tentative calendar event becomes the confirmed one. A date on a Saturday or Sunday, on a "
        "public holiday or in the school holidays of a member's state is planned all the same, "
        "with a note on stderr."
    )
)
def plan(
    day: Annotated[
        dt.date | None,
        typer.Argument(
            parser=_parse_day_and_time,
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
    description: DescriptionOption = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Fix the next meeting: its date, its host, or both."""
    from netzwerk_cli.core.memberids import member_id
    from netzwerk_cli.core.plan import plan_meeting

    _refuse_control_characters({"--host": host, "--venue": venue, "--description": description})
    if isinstance(day, dt.datetime):  # "07.04.2027 10:00": the day and its time in one
        if time is not None and time != day.time():
            raise typer.BadParameter(
                terminal_words()(N_("the time is given twice (in the date and with --time)")),
                param_hint="'--time'",
            )
        time = day.time()
        day = day.date()

    change_file(
        file,
        today,
        lambda network, on, holidays: plan_meeting(
            network,
            today=on,
            holidays=holidays,
            day=day,
            host=member_id(network, host) if host is not None else None,
            venue=venue,
            time=time,
            duration=duration,
            description=description,
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
    from netzwerk_cli.core.memberids import member_id
    from netzwerk_cli.core.plan import cancel_meeting

    change_file(
        file,
        today,
        lambda network, _on, _holidays: cancel_meeting(
            network, day=day, host=member_id(network, host) if host is not None else None
        ),
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
