"""`netzwerk init`: a new network file, from a commented starter template in the network's language.

On a terminal it asks what a coordinator knows (the network's name and language, its members, when
it meets in words, the usual start time); in a script (`--no-input`, or stdin not a terminal) the
options say it. An existing file is never overwritten; the file is written atomically, under the
writer's lock, and validated before. The questions are `cli.initquestions`; the file's text is
made by `file.starter`.
"""

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from netzwerk_cli.cli.app import resolve_today
from netzwerk_cli.cli.editing import (
    DryRunOption,
    UsualTimeOption,
    refuse_control_characters,
    show_diff,
)
from netzwerk_cli.cli.options import FileOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import say, terminal_words
from netzwerk_cli.errors import CommandError
from netzwerk_cli.file.store import DEFAULT_FILE, parse_network
from netzwerk_cli.message import N_, fact
from netzwerk_cli.model import Language

# The command of this module; `cli.app` loads it when it runs.
commands = typer.Typer(rich_markup_mode=None, add_completion=False)


def stdin_is_terminal() -> bool:
    """Whether a person can answer questions (tests patch it)."""
    return sys.stdin.isatty()


@commands.command(
    epilog=N_(
        "On a terminal, init asks for the name, the language, the members, when the network "
        "meets (in words) and the usual start time; --no-input (or a stdin that is no terminal) "
        "takes them from the options. The comments of the file are in the network's language."
    )
)
def init(
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help=N_("The network's name, shown in tables and calendars."),
            show_default=False,
        ),
    ] = None,
    language: Annotated[
        Language | None,
        typer.Option(
            "--language",
            help=N_(
                "The network's language: of what it shares and of the file's comments, de or en "
                "(default: the reader's, see --lang)."
            ),
            show_default=False,
        ),
    ] = None,
    member: Annotated[
        list[str] | None,
        typer.Option(
            "--member",
            metavar="ID;NAME;SEAT;STATE",
            help=N_(
                'A member, e.g. "HEF;Landkreis Hersfeld-Rotenburg;Bad Hersfeld;HE"; repeat '
                "for more, in rotation order."
            ),
            show_default=False,
        ),
    ] = None,
    cadence: Annotated[
        str | None,
        typer.Option(
            "--cadence",
            metavar="WORDS",
            help=N_(
                'When the network meets, in words (e.g. "jeden 2. Dienstag im März, Juli und '
                'November") or as an RFC 5545 rule.'
            ),
            show_default=False,
        ),
    ] = None,
    time: UsualTimeOption = None,
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--interactive/--no-input",
            help=N_("Ask for what the file holds (default: when stdin is a terminal)."),
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Write a commented starter network file; an existing file is never overwritten."""
    from netzwerk_cli.cli.cadence import rule_of
    from netzwerk_cli.file.starter import Answers, new_file

    refuse_control_characters({"--name": name, "--cadence": cadence})
    for value in member or ():
        refuse_control_characters({"--member": value})
    path = file or Path(DEFAULT_FILE)
    day = resolve_today(today)
    _refuse_existing(path)  # before any question: the answers would be for nothing
    said = terminal_words()
    answers = Answers(
        name=name or "Netzwerk",
        language=language or said.language,
        members=[_member_option(m) for m in member or ()],
        cadence=None if cadence is None else rule_of(cadence),
        start=time,
    )
    ids = [m[0].casefold() for m in answers.members]
    twice = next((m[0] for m in answers.members if ids.count(m[0].casefold()) > 1), None)
    if twice is not None:
        raise typer.BadParameter(
            said.say(fact(N_("{id} is already a member; give another id."), id=twice)),
            param_hint="'--member'",
        )
    if interactive if interactive is not None else stdin_is_terminal():
        from netzwerk_cli.cli.initquestions import ask

        ask(answers, said, path, day)
    text = new_file(answers, today=day)
    _write(path, text, day, dry_run=dry_run)


@commands.command(
    epilog=N_(
        "init writes its path as the first line of a new file (#:schema ...), so that taplo and "
        "VS Code with Even Better TOML complete and check the file while it is edited."
    )
)
def schema(lang: LangOption = None) -> None:
    """Print the JSON Schema of the network file, its descriptions in the reader's language."""
    from netzwerk_cli.file.jsonschema import shipped

    sys.stdout.write(shipped(terminal_words().language).read_text(encoding="utf-8"))
    sys.stdout.flush()


def _write(path: Path, text: str, day: dt.date, *, dry_run: bool) -> None:
    from netzwerk_cli.file.fileio import write_atomically
    from netzwerk_cli.file.locking import writer_lock

    network = parse_network(text, source=str(path), today=day)
    said = terminal_words()
    if dry_run:
        _refuse_existing(path)
        show_diff(path, "", text)
        say(said.say(fact(N_("Would write {path} (dry run: nothing written)."), path=path)))
        return
    with writer_lock(path):
        _refuse_existing(path)
        write_atomically(path, text.encode("utf-8"))
    from netzwerk_cli.cli.trust import trust_file

    trust_file(path, network)  # the user wrote it: its server settings, if any, are theirs
    if network.members:
        say(said.say(fact(N_("Wrote {path}."), path=path)))
    else:
        say(said.say(fact(N_("Wrote {path}; add members with `netzwerk member add`."), path=path)))


def _member_option(value: str) -> tuple[str, str, str, str]:
    parts = [part.strip() for part in value.split(";")]
    if len(parts) != 4 or not all(parts):
        raise typer.BadParameter(
            terminal_words().say(
                fact(
                    N_(
                        '{value} is not a member like "HEF;Landkreis Hersfeld-Rotenburg;Bad '
                        'Hersfeld;HE" (id, name, seat and state, with semicolons)'
                    ),
                    value=repr(value),
                )
            ),
            param_hint="'--member'",
        )
    from netzwerk_cli.core.memberids import state_code

    return parts[0], parts[1], parts[2], state_code(parts[3])


def _refuse_existing(path: Path) -> None:
    if path.exists() or path.is_symlink():
        raise CommandError(
            fact(
                N_("{path} already exists; init never overwrites a file (use another --file)"),
                path=path,
            )
        )
