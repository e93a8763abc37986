"""The Typer app, the options every command shares, and the one place errors become exit codes."""

import contextlib
import datetime as dt
import functools
import importlib
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from netzwerk_cli import __version__
from netzwerk_cli.cli.clickwords import fail_unknown_command, show_usage_error, translate_command
from netzwerk_cli.cli.language import file_argument, speaking, spoken, terminal_language
from netzwerk_cli.cli.options import LangOption
from netzwerk_cli.cli.terminal import report_error, say
from netzwerk_cli.errors import NetworkFileError, NetzwerkError
from netzwerk_cli.file.store import DEFAULT_FILE, parse_network, read_text
from netzwerk_cli.message import N_
from netzwerk_cli.model import Language, Network

if TYPE_CHECKING:
    from collections.abc import Sequence

    from netzwerk_cli.outside.holidaycache import HolidayCache


# Which module defines each command, in the order `netzwerk --help` lists them. A command's module
# is imported, and its options built, only when that command runs (or for --help): typer builds
# every option of every command it knows at start-up, and `netzwerk next-host` should not pay for
# the writing commands.
COMMAND_MODULES = {
    "next-host": "query",
    "members": "query",
    "history": "query",
    "schedule": "query",
    "export": "calendar",
    "remind": "calendar",
    "invite": "mail",
    "replies": "replies",
    "publish": "publish",
    "papers": "papers",
    "trust": "trust",
    "password": "password",
    "record": "edit",
    "plan": "edit",
    "cancel": "edit",
    "agenda": "agenda",
    "topic": "agenda",
    "member": "members",
    "cadence": "cadence",
    "init": "setup",
    "schema": "setup",
    "validate": "edit",
    "undo": "undo",
}


@functools.cache
def _command(name: str, language: Language) -> Any:
    """The click command `name`, with its help in `language`. Only that command's options are
    built: typer builds every option of every command of the Typer it is given, and a module
    defines several (`next-host` need not pay for the options of `history`)."""
    typer_app = importlib.import_module(f"netzwerk_cli.cli.{COMMAND_MODULES[name]}").commands
    alone = typer.Typer(rich_markup_mode=None, add_completion=False)
    alone.registered_commands = [
        info
        for info in typer_app.registered_commands
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name
    ]
    alone.registered_groups = [info for info in typer_app.registered_groups if info.name == name]
    return _built(alone, language).get(name)


def _built(typer_app: typer.Typer, language: Language) -> dict[str, Any]:
    from netzwerk_cli.words import words

    built = typer.main.get_command(typer_app)
    # A Typer with several commands becomes a group, one with a single command that command.
    commands = dict(getattr(built, "commands", None) or {str(built.name): built})
    for command in commands.values():
        _lang_for_groups(command)
        translate_command(command, words(language))
    return commands


def _lang_for_groups(command: Any) -> None:
    """Every command takes --lang, a group of commands (`member`) too: it has no function to
    declare it, so it takes a copy of its first command's (`netzwerk member --help --lang de`)."""
    import copy

    subcommands = list((getattr(command, "commands", None) or {}).values())
    for sub in subcommands:
        _lang_for_groups(sub)
    if subcommands and not any(param.name == "lang" for param in command.params):
        lang = next((p for sub in subcommands for p in sub.params if p.name == "lang"), None)
        if lang is not None:
            command.params.append(copy.copy(lang))


def _is_usage_error(exc: BaseException) -> bool:
    """Whether click raised `exc` to be shown to the user (its `ClickException`, whichever click
    typer uses: its vendored one or click itself)."""
    return any(kind.__name__ == "ClickException" for kind in type(exc).__mro__)


class _Group(TyperGroup):
    """The root command: chooses the terminal's language, loads commands lazily, and turns every
    `NetzwerkError` of any command into its message on stderr and its exit code (the one place
    that does)."""

    def main(
        self,
        args: "Sequence[str] | None" = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        # The language is chosen before click builds any help or parses anything, so that
        # `--help` and click's usage errors are in it too.
        arguments = list(sys.argv[1:] if args is None else args)
        run = _Run(file_argument(arguments, os.environ))
        _runs.append(run)
        try:
            language = terminal_language(arguments, os.environ, file_text=run.peek)
            _last_language[0] = language
            return self._main(
                arguments,
                language,
                prog_name,
                complete_var,
                standalone_mode=standalone_mode,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        finally:
            _runs.remove(run)

    def _main(
        self,
        arguments: list[str],
        language: Language,
        prog_name: str | None,
        complete_var: str | None,
        *,
        standalone_mode: bool,
        windows_expand_args: bool,
        **extra: Any,
    ) -> Any:
        with speaking(language) as said:
            translate_command(self, said)
            try:
                result = super().main(
                    arguments,
                    prog_name,
                    complete_var,
                    standalone_mode=False,
                    windows_expand_args=windows_expand_args,
                    **extra,
                )
            except Exception as exc:
                if standalone_mode and _is_usage_error(exc):
                    if type(exc).__name__ == "NoArgsIsHelpError":
                        exc.show()  # type: ignore[attr-defined]  # the help, in the language
                    else:
                        show_usage_error(exc, said)
                    sys.exit(exc.exit_code)  # type: ignore[attr-defined]
                if standalone_mode and type(exc).__name__ == "Abort":
                    say(said(N_("Aborted!")))
                    sys.exit(1)
                raise
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    # `Any`: typer vendors its own click in newer releases and uses click itself in older ones;
    # the context is passed through untouched either way.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NetzwerkError as exc:
            report_error(spoken().error(exc))
            raise typer.Exit(exc.exit_code) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return _command(cmd_name, spoken().language) if cmd_name in COMMAND_MODULES else None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        # The commands are not loaded up front, so suggest from the names themselves.
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMAND_MODULES:
            fail_unknown_command(ctx, name, list(COMMAND_MODULES))
        return super().resolve_command(ctx, args)


app = typer.Typer(
    # Plain click help and errors: they rewrap paragraphs, read well in a pipe, and need no Rich.
    rich_markup_mode=None,
    cls=_Group,
    name="netzwerk",
    help=N_("Rotating host meetings for a network of neighbouring districts."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"netzwerk {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help=N_("Show the version and exit."), callback=_version, is_eager=True
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Who hosts next, the coming meetings, the history, and calendar files, from one TOML file."""


@dataclass(frozen=True)
class Loaded:
    """The network a command works on, the file it came from, and the day taken as today."""

    network: Network
    path: Path
    today: dt.date


def resolve_today(today: dt.date | None) -> dt.date:
    """`--today` if given, else the machine's local date (the only clock read of the tool)."""
    return today or dt.date.today()


class _Run:
    """The network file of one run, read at most once, through the store's one reader: for the
    terminal's language (when nothing else chose it) and for the command itself."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._text: str | None = None
        self._error: NetworkFileError | None = None
        self._read = False

    def text(self) -> str:
        """The file's text; its `NetworkFileError` (the same one each time) if it cannot be read."""
        if not self._read:
            self._read = True
            try:
                self._text = read_text(self.path)
            except NetworkFileError as exc:
                self._error = exc
        if self._error is not None:
            raise self._error
        assert self._text is not None
        return self._text

    def peek(self) -> str | None:
        """The file's text, or None when it cannot be read (the command says why, if it reads
        the file)."""
        try:
            return self.text()
        except NetworkFileError:
            return None


_runs: list[_Run] = []  # the runs under way (tests run commands inside commands' processes)
_last_language = [Language.EN]  # the language the last run chose


def network_text(path: Path) -> str:
    """The text of the network file at `path`: the run's one read of it when the run has read (or
    will read) that file, else a read of its own through the store's reader."""
    for run in reversed(_runs):
        if run.path == path:
            return run.text()
    return read_text(path)


def load(
    file: Path | None, today: dt.date | None, *, keep: bool = True, warn: bool = True
) -> Loaded:
    """Read and validate the network file for a command. A large file's network is kept in the
    user's cache folder (`file.networkcache`), unless not to `keep` it (a dry run). A meeting
    recorded as held after today is said on stderr, unless not to `warn` (`validate` refuses)."""
    path = file or Path(DEFAULT_FILE)
    day = resolve_today(today)
    from netzwerk_cli.file.networkcache import cached_network
    from netzwerk_cli.outside.holidaycache import cache_folder

    network = cached_network(
        network_text(path),
        path=path,
        folder=cache_folder(os.environ),
        today=day,
        read=functools.partial(parse_network, source=str(path), today=day),
        keep=keep,
    )
    from netzwerk_cli.cli.terminal import warn_held_later
    from netzwerk_cli.core.heldlater import held_after_today

    if warn and (later := held_after_today(network, day)):
        warn_held_later(path, later)
    return Loaded(_paths_beside(path, network), path, day)


def beside(file: Path, value: str) -> Path:
    """A path that the network file names: `~` is the user's home, a relative path is relative
    to the file's folder, not to where the command runs (cron runs it from the home folder)."""
    path = Path(value)
    with contextlib.suppress(RuntimeError):  # `~name` of an unknown user: a name like any other
        path = path.expanduser()
    return path if path.is_absolute() else file.parent / path


def _paths_beside(file: Path, network: Network) -> Network:
    """The network with each `ca_file` as the commands open it (see `beside`)."""
    mail, publish = network.mail, network.publish
    if mail is not None and mail.ca_file:
        mail = replace(mail, ca_file=str(beside(file, mail.ca_file)))
    if publish is not None and publish.ca_file:
        publish = replace(publish, ca_file=str(beside(file, publish.ca_file)))
    if mail is network.mail and publish is network.publish:
        return network
    return replace(network, mail=mail, publish=publish)


def holiday_lookup(*, keep: bool = True) -> "HolidayCache":
    """Public holidays for one command, cached in the user's cache folder (from the environment);
    without `keep` (a dry run) the cache is read but nothing is written to it."""
    from netzwerk_cli.outside.holidaycache import cached_holidays

    return cached_holidays(os.environ, keep=keep)


def main() -> None:
    """The console script's entry point.

    Output that cannot be written (a full disk, /dev/full, a closed stdout) ends with one line on
    stderr and exit 1, here, for every command; a closed pipe (`| head`) stays quiet, as click
    makes it. Buffered output is flushed here, inside the handler, rather than at interpreter
    exit, where a failure could only print a traceback-like note.
    """
    if sys.stdout is None:  # started with stdout closed (`>&-`): fail where output is written
        sys.stdout = _closed_stdout()
    try:
        try:
            app(prog_name="netzwerk")
        finally:
            sys.stdout.flush()
    except OSError as exc:
        import errno

        _drop_stdout()
        if exc.errno != errno.EPIPE:
            # The run is over; the message is in the language it spoke.
            from netzwerk_cli.words import words

            said = words(_last_language[0])
            report_error(said(N_("cannot write the output: {why}")).format(why=exc.strerror or exc))
        sys.exit(1)


def _closed_stdout() -> Any:
    """A stdout whose every write fails as a closed file descriptor does."""
    import errno
    import io

    class Closed(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    # Unbuffered, so that no data is left to fail once more when Python exits.
    return io.TextIOWrapper(Closed(), encoding="utf-8", write_through=True)


def _drop_stdout() -> None:
    """Point stdout at the null device, so that nothing is written, or fails, at exit."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
        target = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        # A closed stdout's descriptor is free, and the lowest free one is what os.open gives:
        # then the null device is stdout already, and closing it would close stdout again.
        if null != target:
            os.dup2(null, target)
            os.close(null)
