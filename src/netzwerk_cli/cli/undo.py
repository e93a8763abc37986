"""`netzwerk undo`: put the network file back as it was before netzwerk's last change.

The record and its rules are `file.undo`'s; this command checks that the file is still what that
change wrote, shows the way back as a diff (`--dry-run`) or takes it, under the writer lock.
"""

import contextlib
from pathlib import Path

import typer

from netzwerk_cli.cli.app import resolve_today
from netzwerk_cli.cli.editing import DryRunOption, show_diff
from netzwerk_cli.cli.options import FileOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import say, terminal_words
from netzwerk_cli.errors import CommandError, WriteError
from netzwerk_cli.file.store import DEFAULT_FILE, decode_text, read_bytes
from netzwerk_cli.message import N_, fact

commands = typer.Typer(rich_markup_mode=None, add_completion=False)


@commands.command(
    epilog=N_(
        "One step back: a second undo makes the change again. netzwerk keeps the text before "
        "each of its changes beside the file (.network.toml.undo); a file changed since by hand "
        "or by another program is not put back, so that nothing is lost."
    )
)
def undo(
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Take back netzwerk's last change of the network file (record, plan, member, ...)."""
    from netzwerk_cli.file.locking import writer_lock
    from netzwerk_cli.file.undo import UndoStep, digest, read_undo, undo_path, write_with_undo

    path = file or Path(DEFAULT_FILE)
    day = resolve_today(today)
    said = terminal_words()
    real = path.resolve() if path.is_symlink() else path
    data = read_bytes(path)  # a missing or unreadable file is said as such
    with contextlib.nullcontext() if dry_run else writer_lock(real):
        step = read_undo(real)
        if step is None:
            raise CommandError(
                fact(
                    N_("{path}: nothing to undo: netzwerk has not changed this file yet"),
                    path=path,
                )
            )
        if not dry_run:
            data = read_bytes(path)  # under the lock, as it is now
        if data == step.before and digest(data) != step.written:
            raise CommandError(
                fact(
                    N_(
                        "{path}: nothing to undo: netzwerk's last change ({summary}) was not "
                        "written (its write failed)"
                    ),
                    path=path,
                    summary=_bare(step.summary),
                )
            )
        if digest(data) != step.written:
            raise WriteError(
                fact(
                    N_(
                        "{path} was changed after netzwerk's last change, by hand or by another "
                        "program; undo would throw that away, so nothing was written. netzwerk's "
                        "last change was: {summary} (the text before it is in {record})"
                    ),
                    path=path,
                    summary=_bare(step.summary),
                    record=undo_path(real),
                )
            )
        if dry_run:
            show_diff(path, decode_text(data, source=str(path)), step.before.decode("utf-8-sig"))
            would = N_('Would be taken back: the change "{summary}" (dry run: nothing written).')
            say(said.say(fact(would, summary=_bare(step.summary))))
            return
        back = UndoStep(data, digest(step.before), step.summary, day, undone=not step.undone)
        write_with_undo(real, step.before, back, network_name="")
    # The summary is the change's own sentence ("Das Treffen ... wurde festgelegt"): quoted, so
    # that it reads as the change taken back or made again, not as what the file says now.
    if step.undone:
        done = N_('Made again: the change "{summary}".')
    else:
        done = N_('Taken back: the change "{summary}"; the file is as it was before it.')
    say(said.say(fact(done, summary=_bare(step.summary))))


def _bare(summary: str) -> str:
    """A change's summary inside another sentence or quotes: without its full stop."""
    return summary.removesuffix(".")
