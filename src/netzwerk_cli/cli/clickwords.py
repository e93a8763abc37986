"""typer's and click's own words, said from our one catalog in the terminal's language.

- typer's own (`typer.core`: "Options", "Commands", "default: ...", "Missing command.") go through
  `gettext.gettext`; `cli.language.speaking` points gettext at our catalog for a run, and
  `TYPER_WORDS` below puts them in it.
- click, as typer 0.29 vendors it (`typer._click`), writes its words as fixed English text without
  gettext ("Usage: ", "Error: ", "Show this message and exit.", "No such option: --x"). They are
  said here instead: the usage prefix by our help formatter, the help option's text when a command
  is built, and a usage error by matching its English sentence against click's templates below
  (each a msgid of our catalog) and saying it with the German template.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from typer.core import TyperGroup

from netzwerk_cli.cli.language import spoken
from netzwerk_cli.cli.placeholders import say_placeholder
from netzwerk_cli.message import N_
from netzwerk_cli.model import Language

if TYPE_CHECKING:
    from netzwerk_cli.words import Words

# --- typer's own words ----------------------------------------------------------------------

# The words typer itself looks up with gettext (typer/core.py), spelt exactly as it does, so that
# they are in our catalog (the catalog test finds them here).
TYPER_WORDS = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
)

# --- click's own sentences -------------------------------------------------------------------

# The sentences of typer's vendored click, as its code writes them, `{name}` where it puts a value
# (quotes included where click puts them). A usage error's English message is matched against
# these and said with the translated template; its values are said again the same way (a "bad
# value" message holds another message).
CLICK_SENTENCES = (
    N_("No such option: {name}"),
    N_("No such option: {name} (Possible options: {options})"),
    N_("No such command '{name}'."),
    N_("No such command '{name}'. Did you mean '{close}'?"),
    N_("Invalid value for {name}: {problem}"),
    N_("Invalid value for {name} (env var: {var}): {problem}"),
    N_("Invalid value: {problem}"),
    N_("Missing option {name}."),
    N_("Missing argument {name}."),
    N_("Missing parameter {name}."),
    N_("Option '{name}' requires an argument."),
    N_("Option '{name}' requires {count} arguments."),
    N_("Option '{name}' does not take a value."),
    N_("Got unexpected extra argument ({args})"),
    N_("Got unexpected extra arguments ({args})"),
    N_("'{value}' is not one of {choices}."),
    N_("'{value}' is not a valid integer."),
    N_("'{value}' is not a valid float."),
    N_("{value} is not in the range {range}."),
    N_("'{value}' is not a valid boolean."),
    N_("{name} (env var: {var})"),
    N_("Value error, {problem}"),
    N_("Input should be greater than or equal to {value}"),
    N_("Input should be less than or equal to {value}"),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Value {value} is not a valid {kind}."),
)


def _pattern(msgid: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", msgid)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(regex + r"\Z", re.DOTALL)


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """click's sentences as patterns, the most specific first ("No such option: {name}
    (Possible options: {options})" before "No such option: {name}", which would take the whole
    rest as the name); compiled only when a usage error is said."""
    ordered = sorted(CLICK_SENTENCES, key=lambda m: len(re.sub(r"\{\w+\}", "", m)), reverse=True)
    return tuple((msgid, _pattern(msgid)) for msgid in ordered)


def click_sentence(text: str, said: Words) -> str:
    """One of click's English sentences in the language of `said`; other text as it is (our own
    messages in a usage error are said already)."""
    if said.language is Language.EN:
        return text
    # "Got unexpected extra argument(s) (x)": click writes both numbers in one sentence; the
    # arguments are joined with spaces, so one word is one argument (or one with a space in it).
    extra = re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", text, re.DOTALL)
    if extra is not None:
        number = "argument" if len(extra.group(1).split()) == 1 else "arguments"
        text = f"Got unexpected extra {number} ({extra.group(1)})"
    for msgid, pattern in _patterns():
        match = pattern.match(text)
        if match is not None:
            values = {k: _quoted(click_sentence(v, said)) for k, v in match.groupdict().items()}
            return said(msgid).format(**values)
    return text


def _quoted(value: str) -> str:
    """A value click put in straight quotes ('DATE', or '--count' / '-n'), in German quotes
    („DATUM“)."""
    if re.fullmatch(r"'[^']*'(?:(?:, | / )'[^']*')*", value) is None:
        return value
    return re.sub(r"'([^']*)'", r"„\1“", value)


def fail_unknown_command(ctx: Any, name: str, names: list[str]) -> None:
    """The usage error for a command `name` that is none of `names`, with the closest one.

    Said here rather than by typer, which appends its English "Did you mean" to the sentence that
    gettext has already said, with straight quotes."""
    import difflib

    close = difflib.get_close_matches(name, names, n=1)
    if close:
        ctx.fail(
            spoken()(N_("No such command '{name}'. Did you mean '{close}'?")).format(
                name=name, close=close[0]
            )
        )
    ctx.fail(spoken()(N_("No such command '{name}'.")).format(name=name))


class Subcommands(TyperGroup):
    """A group of subcommands (`agenda`, `member`, `topic`, `password`): a mistyped one is named
    as the root names a mistyped command."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            fail_unknown_command(ctx, name, self.list_commands(ctx))
        return super().resolve_command(ctx, args)


def show_usage_error(error: Any, said: Words) -> None:
    """A click usage error on stderr, in the terminal's language: usage line, hint, message."""
    import sys

    ctx = getattr(error, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            hint = said(N_("Try '{command} {option}' for help.")).format(
                command=ctx.command_path, option=ctx.help_option_names[0]
            )
            lines.append(hint)
    message = click_sentence(error.format_message(), said)
    lines.append(said(N_("Error: {message}")).format(message=message))
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def translate_command(command: Any, said: Words) -> None:
    """A built click command (and its subcommands) with its help in the language of `said`."""
    for attribute in ("help", "short_help", "epilog"):
        text = getattr(command, attribute, None)
        if text:
            setattr(command, attribute, said(text))
    for param in command.params:
        if getattr(param, "help", None):
            param.help = said(param.help)
        say_placeholder(param, said)
    # The placeholders of the usage line, which click writes in English.
    if getattr(command, "options_metavar", None) == "[OPTIONS]":
        command.options_metavar = said(N_("[OPTIONS]"))
    if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
        command.subcommand_metavar = said(N_("COMMAND [ARGS]..."))
    command.context_class = _context_class()
    for sub in (getattr(command, "commands", None) or {}).values():
        translate_command(sub, said)


@functools.cache
def _context_class() -> type[Any]:
    """click's context, with a help formatter that writes "Usage:" and the help option's text in
    the terminal's language (click writes both as fixed English text)."""
    from typer.core import TyperCommand

    base: type[Any] = TyperCommand.context_class
    formatter_base: type[Any] = base.formatter_class

    class Formatter(formatter_base):  # type: ignore[misc]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            if prefix is None:
                prefix = spoken()(N_("Usage:")) + " "
            super().write_usage(prog, args, prefix)

    class Context(base):  # type: ignore[misc]
        formatter_class = Formatter

        def __init__(self, command: Any, *args: Any, **kwargs: Any) -> None:
            super().__init__(command, *args, **kwargs)
            option = command.get_help_option(self)
            if option is not None:
                option.help = spoken()(N_("Show this message and exit."))

    return Context
