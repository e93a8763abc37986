"""`netzwerk init`: a new network file, from a commented starter template in the network's language.

On a terminal it asks what a coordinator knows (the network's name and language, its members, when
it meets in words, the usual start time); in a script (`--no-input`, or stdin not a terminal) the
options say it. An existing file is never overwritten; the file is written atomically, under the
writer's lock, and validated before.
"""

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netzwerk_cli.cli.app import resolve_today
from netzwerk_cli.cli.editing import (
    DryRunOption,
    UsualTimeOption,
    parse_time,
    refuse_control_characters,
    show_diff,
)
from netzwerk_cli.cli.options import FileOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import say, terminal_words
from netzwerk_cli.errors import CommandError, NetworkFileError
from netzwerk_cli.file.store import DEFAULT_FILE, parse_network
from netzwerk_cli.message import N_, fact
from netzwerk_cli.model import Language

if TYPE_CHECKING:
    from netzwerk_cli.words import Words

# The command of this module; `cli.app` loads it when it runs.
commands = typer.Typer(rich_markup_mode=None, add_completion=False)

# The column of the comments beside the settings of the starter file.
_COMMENT_COLUMN = 32


@dataclass
class Answers:
    """What the new file holds beyond the template: from the options, then from the questions."""

    name: str
    language: Language
    members: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, name, seat, state
    cadence: str | None = None  # the rule
    start: dt.time | None = None


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
        _ask(answers, said, path, day)
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


# --- the questions ----------------------------------------------------------------------------


def _prompt(said: "Words", question: str, default: str | None = None) -> str:
    """One answer; an empty one is `default` (or "" when `default` is ""). On stderr, so that
    stdout stays for the data (a dry run's diff); through typer, whichever click it uses."""
    answer: str = typer.prompt(
        question,
        default=default,
        show_default=bool(default),
        err=True,
        prompt_suffix=": ",
    )
    return answer.strip()


def _confirm(said: "Words", question: str) -> bool:
    """Yes or no, as the reader writes it (j/ja/y/yes, n/nein/no); an empty answer is yes."""
    choices = said(N_("[Y/n]"))
    while True:
        answer = _prompt(said, f"{question} {choices}", "").lower()
        if answer in ("", "y", "yes", "j", "ja"):
            return True
        if answer in ("n", "no", "nein"):
            return False
        say(said(N_("Please answer yes or no.")))


def _ask(answers: Answers, said: "Words", path: Path, day: dt.date) -> None:
    """Ask for every part of the file; each answer is checked before the next question."""
    say(
        said.say(fact(N_("A new network file: {path}. Empty answers keep the default."), path=path))
    )
    while True:
        answers.name = _prompt(said, said(N_("The network's name")), answers.name)
        if _valid(answers, said, day):
            break
    while True:
        choice = _prompt(said, said(N_("Its language (de or en)")), answers.language.value)
        if choice.lower() in ("de", "en"):
            answers.language = Language(choice.lower())
            break
        say(said(N_("Please answer de or en.")))
    _ask_members(answers, said, day)
    _ask_cadence(answers, said, day)
    while True:
        shown = said.time(answers.start) if answers.start is not None else ""
        time = _prompt(said, said(N_("The usual start time, HH:MM (empty: none)")), shown)
        if not time:
            answers.start = None
            break
        try:
            answers.start = parse_time(time)
            break
        except typer.BadParameter as exc:
            say(str(exc.message))


def _ask_members(answers: Answers, said: "Words", day: dt.date) -> None:
    if not answers.members:
        say(said(N_("The members, in rotation order; an empty id ends the list.")))
    from netzwerk_cli.core.memberids import state_code
    from netzwerk_cli.model import GERMAN_STATES

    while True:
        member_id = _prompt(said, said(N_("Member id (e.g. HEF; empty: done)")), "")
        if not member_id:
            return
        taken = [m[0] for m in answers.members if m[0].casefold() == member_id.casefold()]
        if taken:
            say(said.say(fact(N_("{id} is already a member; give another id."), id=taken[0])))
            continue
        name = _prompt(said, said(N_("Its name (e.g. Landkreis Hersfeld-Rotenburg)")))
        seat = _prompt(said, said(N_("Its seat, where it hosts (e.g. Bad Hersfeld)")))
        while True:  # a wrong state is asked again, not the whole member
            typed = _prompt(said, said(N_("Its state, as a code or a name (e.g. HE or Hessen)")))
            state = state_code(typed)
            if state in GERMAN_STATES:
                break
            say(
                said.say(
                    fact(
                        N_('"{state}" is no German state; give its code ({codes}) or its name'),
                        state=typed,
                        codes=", ".join(GERMAN_STATES),
                    )
                )
            )
        answers.members.append((member_id, name, seat, state))
        if not _valid(answers, said, day):
            answers.members.pop()
            say(said(N_("That member was not taken; please enter it again.")))


def _ask_cadence(answers: Answers, said: "Words", day: dt.date) -> None:
    from netzwerk_cli.cli.cadence import dates_text, rule_of
    from netzwerk_cli.core.cadence import next_dates

    if answers.cadence is not None:  # given with --cadence: kept unless the user says otherwise
        given = next_dates(answers.cadence, dtstart=day, after=day, count=5)
        if given:
            say(said.say(fact(N_("Next dates: {dates}"), dates=dates_text(said, given))))
            if _confirm(said, said(N_("Is that right?"))):
                return
    while True:
        text = _prompt(
            said,
            said(
                N_(
                    'When does the network meet? In words, e.g. "every second Tuesday in '
                    'March, July and November" (empty: not yet)'
                )
            ),
            "",
        )
        if not text:
            answers.cadence = None
            return
        try:
            rule = rule_of(text)
            dates = next_dates(rule, dtstart=day, after=day, count=5)
        except CommandError as exc:
            say(said.say(exc.text))
            continue
        except ValueError as exc:  # the rule's own CadenceError
            why = getattr(exc, "why", None)
            say(said.say(why) if why is not None else str(exc))
            continue
        if not dates:
            say(said(N_("The cadence gives no more dates.")))
            continue
        say(said.say(fact(N_("Next dates: {dates}"), dates=dates_text(said, dates))))
        if _confirm(said, said(N_("Is that right?"))):
            answers.cadence = rule
            return


def _valid(answers: Answers, said: "Words", day: dt.date) -> bool:
    """Whether the file of the answers so far is valid; if not, its problems are said."""
    try:
        parse_network(new_file(answers, today=day), source="?", today=day)
    except NetworkFileError as exc:
        for problem in exc.found:
            say(said.problem(problem.where, problem.what))
        return False
    return True


# --- the file ---------------------------------------------------------------------------------


def new_file(answers: Answers, *, today: dt.date) -> str:
    """The starter file with the answers in it: the settings in [network], the members after."""
    from netzwerk_cli.core.rrules import rule_parts
    from netzwerk_cli.file.tomledit import AddTable, apply_edit

    cadence_start = None
    if answers.cadence is not None and rule_parts(answers.cadence).get("INTERVAL", "1") != "1":
        cadence_start = today  # the dates shown stay the dates the rule gives
    text = starter_file(
        answers.name,
        language=answers.language,
        cadence=answers.cadence,
        cadence_start=cadence_start,
        start=answers.start,
    )
    for member_id, name, seat, state in answers.members:
        values = {"id": member_id, "name": name, "seat": seat, "state": state}
        text = apply_edit(text, AddTable("members", dict(values)))
    return text


def _refuse_existing(path: Path) -> None:
    if path.exists() or path.is_symlink():
        raise CommandError(
            fact(
                N_("{path} already exists; init never overwrites a file (use another --file)"),
                path=path,
            )
        )


def starter_file(
    name: str,
    *,
    language: Language = Language.EN,
    cadence: str | None = None,
    cadence_start: dt.date | None = None,
    start: dt.time | None = None,
) -> str:
    """A commented network file with no members yet, its comments in `language`."""
    from netzwerk_cli.file.jsonschema import shipped
    from netzwerk_cli.file.reference import commented_lines
    from netzwerk_cli.file.schema import MEETINGS, MEMBERS, NETWORK
    from netzwerk_cli.file.tomlrender import render_line

    # The template is package data: a TOML file with comments, read as text, not parsed.
    folder = Path(__file__).resolve().parent.parent / "file"
    template = folder / ("starter.de.toml" if language is Language.DE else "starter.toml")
    text = template.read_text(encoding="utf-8")
    if cadence is None:
        cadence_lines = '# cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"'
    else:
        cadence_lines = render_line("cadence", cadence)
        if cadence_start is not None:
            cadence_lines += "\n" + render_line("cadence_start", cadence_start)
    start_line = render_line("start", start or dt.time(10))
    if start is None:
        start_line = f"# {start_line}"
    language_line = render_line("language", language.value)
    text = text.replace("@NAME@", render_line("name", name)).replace("@CADENCE@", cadence_lines)
    # taplo's directive: editors (taplo, Even Better TOML) check the file against the schema of
    # the installed netzwerk, in the file's language (README, `netzwerk schema`).
    text = f"#:schema {shipped(language).as_uri()}\n{text}"
    # A setting with a comment beside it: the comment stays in its column.
    for marker, line in (("@START@", start_line), ("@LANGUAGE@", language_line)):
        text = re.sub(f"{marker} *", line.ljust(_COMMENT_COLUMN).replace("\\", "\\\\"), text)
    # The keys' examples and their meaning, from the file's declaration, in the file's language.
    written = set(re.findall(r"^#? ?([a-z_]+) =", text, re.MULTILINE))
    more = commented_lines(NETWORK, language, leave_out=written)
    text = text.replace("@MORE_NETWORK@", more).replace("\n\n\n", "\n\n")
    text = text.replace("@MEMBERS@", "# [[members]]\n" + commented_lines(MEMBERS, language))
    return text.replace("@MEETINGS@", "# [[meetings]]\n" + commented_lines(MEETINGS, language))
