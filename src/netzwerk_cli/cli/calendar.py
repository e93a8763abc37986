"""Commands that write calendar files: export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from netzwerk_cli.cli.app import FileOption, TodayOption, app, load, say
from netzwerk_cli.errors import WriteError


@app.command()
def export(
    file: FileOption = None,
    today: TodayOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the calendar to this file (atomically; untouched when nothing changed) "
            "instead of stdout.",
            show_default=False,
        ),
    ] = None,
    count: Annotated[
        int, typer.Option("--count", "-n", min=0, help="How many coming meetings of the schedule.")
    ] = 4,
    no_past: Annotated[
        bool, typer.Option("--no-past", help="Leave out the meetings before today.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Say on stderr which events were added or changed."),
    ] = False,
) -> None:
    """Write the meetings as an iCalendar file (RFC 5545) for any calendar program."""
    from netzwerk_cli.events import calendar_events, stamp_of
    from netzwerk_cli.holidaycache import cached_holidays
    from netzwerk_cli.ical import render_calendar, stamp_events
    from netzwerk_cli.schedule import coming_meetings

    loaded = load(file, today)
    network = loaded.network
    with cached_holidays() as holidays:
        coming = coming_meetings(network, today=loaded.today, holidays=holidays, count=count)
    found = calendar_events(network, coming.meetings, today=loaded.today, include_past=not no_past)
    previous = _previous_text(output) if output else None
    stamped, changes = stamp_events(
        found.events, previous=previous, stamp=stamp_of(loaded.today), timezone=network.timezone
    )
    data = render_calendar(stamped, name=network.name, timezone=network.timezone).encode("utf-8")
    written = True
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        written = _write_if_changed(output, data)
    if found.left_out and written:
        labels = ", ".join(m.label for m in found.left_out)
        noun = "meeting" if len(found.left_out) == 1 else "meetings"
        say(f"Left out {len(found.left_out)} {noun} without a known day: {labels}.")
    if verbose:
        for change in changes:
            say(f"{change.kind.value}: {change.day} {change.summary}")
        if output is not None and not written:
            say(f"{output} is up to date; not rewritten.")


def _previous_text(path: Path) -> str | None:
    """The calendar written last time, if there is a readable one; anything else counts as none."""
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` atomically unless the file already holds exactly it; whether it wrote."""
    from netzwerk_cli.fileio import write_atomically

    if not path.parent.is_dir():
        raise WriteError(f"{path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise WriteError(f"{path}: is a folder; give a file name for --output")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise WriteError(f"{path}: cannot be read: {exc.strerror}") from None
    write_atomically(path, data)
    return True
