"""`netzwerk init`: a new network file, from a commented starter template.

An existing file is never overwritten; the file is written atomically, under the writer's lock.
"""

from pathlib import Path
from typing import Annotated

import typer

from netzwerk_cli.cli.app import (
    FileOption,
    LangOption,
    TodayOption,
    resolve_today,
    say,
    terminal_words,
)
from netzwerk_cli.cli.edit import DryRunOption, _refuse_control_characters, _show_diff
from netzwerk_cli.errors import CommandError
from netzwerk_cli.file.store import DEFAULT_FILE, parse_network
from netzwerk_cli.message import N_, fact

# The command of this module; `cli.app` loads it when it runs.
commands = typer.Typer(rich_markup_mode=None)


@commands.command(
    epilog=N_(
        "The file has no members yet, which `netzwerk validate` accepts, and comments that "
        "show how to add them."
    )
)
def init(
    name: Annotated[
        str, typer.Option("--name", help=N_("The network's name, shown in tables and calendars."))
    ] = "Netzwerk",
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Write a commented starter network file; an existing file is never overwritten."""
    _refuse_control_characters({"--name": name})
    from netzwerk_cli.file.fileio import write_atomically
    from netzwerk_cli.file.locking import writer_lock

    path = file or Path(DEFAULT_FILE)
    text = starter_file(name)
    network = parse_network(text, source=str(path), today=resolve_today(today))
    if dry_run:
        _refuse_existing(path)
        _show_diff(path, "", text)
        say(
            terminal_words().say(
                fact(N_("Would write {path} (dry run: nothing written)."), path=path)
            )
        )
        return
    with writer_lock(path):
        _refuse_existing(path)
        write_atomically(path, text.encode("utf-8"))
    from netzwerk_cli.cli.trust import trust_file

    trust_file(path, network)  # the user wrote it: its server settings, if any, are theirs
    say(
        terminal_words().say(
            fact(N_("Wrote {path}; add members with `netzwerk member add`."), path=path)
        )
    )


def _refuse_existing(path: Path) -> None:
    if path.exists() or path.is_symlink():
        raise CommandError(
            fact(
                N_("{path} already exists; init never overwrites a file (use another --file)"),
                path=path,
            )
        )


def starter_file(name: str) -> str:
    """A commented network file with no members yet, for `netzwerk init`."""
    from netzwerk_cli.file.tomledit import render_line

    # The template is package data: a TOML file with comments, read as text, not parsed.
    template = Path(__file__).resolve().parent.parent / "file" / "starter.toml"
    text = template.read_text(encoding="utf-8")
    return text.replace("@NAME@", render_line("name", name))
