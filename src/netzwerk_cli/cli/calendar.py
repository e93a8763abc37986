"""Commands for the calendar: export (an iCalendar file) and remind (what to do, for cron)."""

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netzwerk_cli.cli.app import Loaded, holiday_lookup, load
from netzwerk_cli.cli.options import FileOption, JsonOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import print_json, say, terminal_words
from netzwerk_cli.errors import WriteError
from netzwerk_cli.message import MONTH_NAMES, N_, Month, fact, facts, label_of

if TYPE_CHECKING:
    from netzwerk_cli.calendar.ical import EventChange
    from netzwerk_cli.core.reminder import Sent
    from netzwerk_cli.core.schedule import HolidayLookup
    from netzwerk_cli.model import Meeting

# `export`'s defaults, which `remind --ics` writes with too: one calendar file, one way to write it.
EXPORT_COUNT = 4


@dataclass(frozen=True)
class Published:
    """What writing the calendar did: whether the file changed, which events (when asked: see
    `publish_calendar`), what was left out."""

    written: bool
    changes: "tuple[EventChange, ...]"
    left_out: "tuple[Meeting, ...]"


# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None)


@commands.command()
def export(
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=N_(
                "Write the calendar to this file (atomically; untouched when nothing changed) "
                "instead of stdout."
            ),
            show_default=False,
        ),
    ] = None,
    count: Annotated[
        int,
        typer.Option("--count", "-n", min=0, help=N_("How many coming meetings of the schedule.")),
    ] = EXPORT_COUNT,
    no_past: Annotated[
        bool, typer.Option("--no-past", help=N_("Leave out the meetings before today."))
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help=N_("Say on stderr which events were added or changed.")
        ),
    ] = False,
) -> None:
    """Write the meetings as an iCalendar file (RFC 5545) for any calendar program."""

    loaded = load(file, today)
    with holiday_lookup() as holidays:
        done = publish_calendar(
            loaded,
            holidays=holidays,
            output=output,
            count=count,
            include_past=not no_past,
            verbose=verbose,
        )
    said = terminal_words()
    if done.left_out and done.written:
        left_out = facts(
            "Left out {count} meeting without a known day: {dates}.",
            "Left out {count} meetings without a known day: {dates}.",
            count=len(done.left_out),
            dates=[_in_words(label_of(m)) for m in done.left_out],
        )
        say(said.say(left_out))
    if verbose:
        for change in done.changes:
            say(f"{said.value(change.kind)}: {said.date(change.day)} {change.summary}")
        if output is not None and not done.written:
            say(said.say(fact(N_("{path} is up to date; not rewritten."), path=output)))


@commands.command()
def remind(
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
    weeks: Annotated[
        int | None,
        typer.Option(
            "--weeks",
            "-w",
            min=0,
            max=520,
            help=N_(
                "How far ahead to look, in weeks (default: remind_weeks in [network], else 12)."
            ),
            show_default=False,
        ),
    ] = None,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            metavar="FILE",
            help=N_(
                "Also keep this iCalendar file current, as `export --output FILE` does, and "
                "name it in the invitation reminder."
            ),
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """What to do now, for a nightly cron job: silent when nothing needs doing.

    Planned meetings whose date has passed (record or cancel them), the next meeting within the
    weeks ahead whose date the file does not fix (plan it), in the week before a meeting who has
    not answered its invitation, and the next planned one whose invitation `netzwerk invite` has
    not sent (send it, or its update). Plain text, one paragraph each, whatever the terminal: it
    goes into mail.
    """
    from netzwerk_cli.cli.recorded import answers_now
    from netzwerk_cli.core import remind as core
    from netzwerk_cli.core.remindtext import as_text

    loaded = load(file, today)
    network = loaded.network
    ahead = weeks if weeks is not None else network.remind_weeks
    waiting = {m.uid: m.waiting() for m in answers_now(loaded)}
    sent = _sent(loaded)
    with holiday_lookup() as holidays:
        found = core.reminders(
            network,
            today=loaded.today,
            holidays=holidays,
            weeks=core.DEFAULT_WEEKS if ahead is None else ahead,
            calendar_file=str(ics) if ics is not None else None,
            waiting=waiting,
            sent=sent,
        )
        if as_json:
            from netzwerk_cli.output.jsonrows import reminder_json

            print_json([reminder_json(r) for r in found])
        elif found:
            sys.stdout.write(as_text(found, terminal_words().say))
            sys.stdout.flush()
        if ics is not None:
            # Written even when there is nothing to remind of, so that the calendar stays current,
            # and after the reminders, so that a failed write cannot swallow them. Its notes stay
            # unsaid: cron mails every line, and an updated calendar is no task.
            publish_calendar(loaded, holidays=holidays, output=ics, option="--ics")


def _sent(loaded: Loaded) -> "dict[str, Sent]":
    """What `invite` sent so far, by meeting (see `cli.mail.sent_states`); nothing when it never
    ran for this file (without reading a record or importing the mail code)."""
    real = loaded.path.resolve() if loaded.path.is_symlink() else loaded.path
    if not real.with_name(f".{real.name}.sent").exists():
        return {}
    from netzwerk_cli.cli.mail import sent_states

    return sent_states(loaded)


def publish_calendar(
    loaded: Loaded,
    *,
    holidays: "HolidayLookup",
    output: Path | None,
    count: int = EXPORT_COUNT,
    include_past: bool = True,
    option: str = "--output",
    write: bool = True,
    verbose: bool = False,
) -> Published:
    """Build the calendar, stamp it against the last output, write it to `output` or stdout.

    The one way a calendar is written: `export` and `remind --ics` give the same bytes for the
    same file and day, and an unchanged `output` is not touched. `option` names the option that
    gave `output`, for the messages. Without `write` (a dry run) nothing is written or recorded,
    and `written` says whether `output` would change. With `verbose`, `changes` says how the
    calendar differs from the file it replaces (every event, for stdout or a new file).
    """
    from netzwerk_cli.calendar.ical import EventChange, render_calendar
    from netzwerk_cli.calendar.previous import PreviousCalendar
    from netzwerk_cli.calendar.sequence import changes_in_file
    from netzwerk_cli.core.schedule import coming_meetings
    from netzwerk_cli.file.records import settle_with_record
    from netzwerk_cli.output.events import calendar_events, stamp_of

    network = loaded.network
    coming = coming_meetings(network, today=loaded.today, holidays=holidays, count=count)
    found = calendar_events(
        network, coming.meetings, today=loaded.today, include_past=include_past, holidays=holidays
    )
    previous = PreviousCalendar("")
    if output is not None:
        # Before the record: a typo must not record anything.
        check_output(output, option=option, create=write)
        previous = PreviousCalendar(_previous_text(output) or "")
    settled = settle_with_record(
        loaded.path,
        found.events,
        stamp=stamp_of(loaded.today),
        timezone=network.timezone,
        previous=previous,
        record=write,
    )
    changes: tuple[EventChange, ...] = ()
    if verbose:
        changes = changes_in_file(
            settled.events, previous.events_except(()), timezone=network.timezone
        )
    data = render_calendar(settled.events, name=network.name, timezone=network.timezone).encode(
        "utf-8"
    )
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        written = True
    elif not write:
        written = _previous_text(output) != data.decode("utf-8")
    else:
        written = write_if_changed(output, data, option=option)
    return Published(written, changes, found.left_out)


def _previous_text(path: Path) -> str | None:
    """The calendar written last time, if there is a readable one; anything else counts as none
    (also a file larger than a network file may be: it cannot be one that netzwerk wrote)."""
    from netzwerk_cli.file.fileio import Unreadable, read_bounded
    from netzwerk_cli.file.store import MAX_FILE_BYTES

    try:
        return read_bounded(path, most=4 * MAX_FILE_BYTES).decode("utf-8")
    except (Unreadable, UnicodeDecodeError):
        return None


def holds_already(path: Path, data: bytes) -> bool:
    """Whether the file at `path` holds exactly `data` (a missing file does not); read through
    the one reader, never more than `data` and a byte."""
    from netzwerk_cli.file.fileio import Unreadable, read_bounded

    try:
        return read_bounded(path, most=len(data)) == data
    except Unreadable as exc:
        if exc.missing or exc.oversize:
            return False
        raise WriteError(exc.text) from None


def check_output(path: Path, *, option: str, create: bool = True) -> None:
    """Refuse an output path that names no file; its folder is created if it is missing (not
    its parents: `fileio.ensure_folder`), unless not to `create` (a dry run)."""
    from netzwerk_cli.file.fileio import ensure_folder

    folder = path.parent
    not_a_folder = fact(N_("{path}: {folder} is not a folder"), path=path, folder=folder)
    if ensure_folder(folder, not_a_folder=not_a_folder, create=create):
        return  # a new folder holds no file yet
    if path.is_dir():
        raise WriteError(
            fact(N_("{path}: is a folder; give a file name for {option}"), path=path, option=option)
        )
    if path.exists() and not path.is_file():
        # It would be replaced by a file: a device or a pipe is never what a calendar goes to.
        raise WriteError(
            fact(
                N_("{path}: is not a regular file; give a file name for {option}"),
                path=path,
                option=option,
            )
        )


def write_if_changed(path: Path, data: bytes, *, option: str) -> bool:
    """Write `data` atomically unless the file already holds exactly it; whether it wrote."""
    from netzwerk_cli.file.fileio import write_atomically

    check_output(path, option=option)
    if holds_already(path, data):
        return False
    write_atomically(path, data)
    return True


def _in_words(label: object) -> object:
    """A month as people say it in a sentence ("April 2024"), any other label as it is."""
    if isinstance(label, Month):
        return fact(
            N_("{month} {year}"), month=fact(MONTH_NAMES[label.day.month - 1]), year=label.day.year
        )
    return label
