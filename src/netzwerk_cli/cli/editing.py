"""What every writing command shares: `change_file`, the one safe write path, its `--dry-run`, the
time parser and the check for control characters in a text option.

`change_file` locks, reads, computes, cuts the text, proves and validates the result, checks that
the file did not change meanwhile, keeps the text before for `netzwerk undo` (`file.undo`) and
writes atomically. A refusal at any step leaves the file as
it was, byte for byte and with its modification time. The commands that use it: record, plan and
cancel (`cli.edit`), `member`'s (`cli.members`), `init` (`cli.setup`) and `cadence`
(`cli.cadence`).
"""

import contextlib
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netzwerk_cli.cli.app import holiday_lookup, network_text, resolve_today
from netzwerk_cli.cli.terminal import say, terminal_words
from netzwerk_cli.errors import NetworkFileError, WriteError
from netzwerk_cli.file.store import DEFAULT_FILE, decode_text, parse_network, read_bytes
from netzwerk_cli.message import N_, fact
from netzwerk_cli.model import Network

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


def parse_time(value: str) -> dt.time:
    """A time typed on the command line (10:00, 10.00: `words.typed`); a usage error otherwise."""
    from netzwerk_cli.words.typed import TypedValueError, typed_time

    try:
        return typed_time(value)
    except TypedValueError as exc:
        raise typer.BadParameter(terminal_words().say(exc.text)) from None


# The usual start time of the meetings, as `cadence` and `init` take it.
UsualTimeOption = Annotated[
    dt.time | None,
    typer.Option(
        "--time",
        parser=parse_time,
        metavar="HH:MM",
        help=N_("The usual start time of the meetings."),
        show_default=False,
    ),
]


def refuse_control_characters(options: dict[str, str | None], *, notes: str = "") -> None:
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


def change_file(
    file: Path | None,
    today: dt.date | None,
    compute: Callable[[Network, dt.date, "HolidayLookup"], "Change"],
    *,
    dry_run: bool,
) -> None:
    """The one safe write path of every command that changes the network file."""
    from netzwerk_cli.cli.terminal import warn_held_later
    from netzwerk_cli.core.heldlater import held_after_today
    from netzwerk_cli.file.locking import writer_lock
    from netzwerk_cli.file.tomledit import apply_edit
    from netzwerk_cli.file.undo import UndoStep, digest, write_with_undo

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
        if later := held_after_today(network, day):  # said, and the change goes on (`load`)
            warn_held_later(path, later)
        # The holidays are read only if the change asks for one; a dry run keeps no cache.
        with holiday_lookup(keep=not dry_run) as holidays:
            change = compute(network, day, holidays)
        new_text = apply_edit(text, change.edit)
        _validate_result(path, new_text, day)
        if dry_run:
            show_diff(path, text, new_text)
            said = terminal_words()
            say(said.say(fact(N_("{summary} (dry run: nothing written)"), summary=change.summary)))
            _say_notes(change)
            return
        _refuse_changed(real, data)
        if new_text == text:  # nothing to write: the file, and the way back, stay as they are
            say(terminal_words().say(change.summary))
            _say_notes(change)
            return
        # A byte-order mark (Notepad writes one) is written back as it was.
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        new_data = bom + new_text.encode("utf-8")
        # The text before, for `netzwerk undo`: kept first, so that a change is never made
        # without the way back.
        step = UndoStep(data, digest(new_data), terminal_words().say(change.summary), day)
        write_with_undo(real, new_data, step, network_name=network.name)
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


def show_diff(path: Path, old: str, new: str) -> None:
    import difflib

    from netzwerk_cli.file.tomlscan import split_lines

    name = str(path)
    for line in difflib.unified_diff(split_lines(old), split_lines(new), name, name):
        sys.stdout.write(line)
        if not line.endswith("\n"):
            sys.stdout.write("\n\\ No newline at end of file\n")
    sys.stdout.flush()
