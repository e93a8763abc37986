"""The language of the terminal, and the command framework's own words in it.

Which language: the first of `--lang de|en` (read from the arguments before click parses them, so
that `--help` is in it too), `NETZWERK_LANG`, the locale (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
`LANG`, read as gettext reads them), the network file's `language` (looked up in the text of the
run's one read of the file, never by opening it again), then English. What the network shares
(calendar texts) is not decided here: it is always in `network.language`.

The framework's words come from two places, and both are said from our one catalog:

- typer's own (`typer.core`: "Options", "Commands", "default: ...", "Missing command.") go through
  `gettext.gettext`, i.e. gettext's global text domain and the language in `LANGUAGE`. For one run,
  `speaking` points that domain at our catalog and `LANGUAGE` at the chosen language, and puts both
  back afterwards (tests run many commands in one process).
- click, as typer 0.29 vendors it (`typer._click`), writes its words as fixed English text without
  gettext ("Usage: ", "Error: ", "Show this message and exit.", "No such option: --x"). They are
  said here instead: the usage prefix by our help formatter, the help option's text when a command
  is built, and a usage error by matching its English sentence against click's templates below
  (each a msgid of our catalog) and saying it with the German template.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from netzwerk_cli.message import N_
from netzwerk_cli.model import Language
from netzwerk_cli.words import DOMAIN, LOCALE_DIR, Words, words

LANG_OPTION = "--lang"
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from_locale(value: str) -> Language | None:
    """`de_DE.UTF-8`, `de_AT`, `de` -> German, `en_GB` -> English; anything else -> None."""
    code = re.split(r"[_.@-]", value.strip(), maxsplit=1)[0].lower()
    try:
        return Language(code)
    except ValueError:
        return None


def option_language(args: Sequence[str], option: str = LANG_OPTION) -> Language | None:
    """The value of the last `--lang de|en` (or `--lang=de`, `--lang DE`) before `--`; None
    without one (an unknown value is left to click, which reports it as a usage error)."""
    found: Language | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value: str | None = None
        if arg == option and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith(option + "="):
            value = arg.partition("=")[2]
        if value is not None and value.lower() in ("de", "en"):
            found = Language(value.lower())
    return found


def new_file_language(args: Sequence[str]) -> Language | None:
    """For `init`, the language it writes the new file in (`--language`): the file's language,
    before there is a file to read it from."""
    words = [arg for arg, before in zip(args, ["", *args], strict=False) if before != LANG_OPTION]
    command = next((arg for arg in words if not arg.startswith("-")), None)
    return option_language(args, "--language") if command == "init" else None


def environment_language(environ: Mapping[str, str]) -> Language | None:
    """`NETZWERK_LANG`, else the locale as gettext reads it: the first of LANGUAGE, LC_ALL,
    LC_MESSAGES and LANG that is set (LANGUAGE may list several, "de:en"); C and POSIX, or a
    language netzwerk does not speak, say nothing."""
    own = environ.get("NETZWERK_LANG", "")
    if own:
        chosen = language_from_locale(own)
        if chosen is not None:
            return chosen
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            for entry in value.split(":"):
                if entry in ("C", "POSIX") or entry.startswith(("C.", "POSIX.")):
                    return None
                chosen = language_from_locale(entry)
                if chosen is not None:
                    return chosen
            return None
    return None


_TABLE_HEADER = re.compile(r"\s*\[\s*([A-Za-z0-9_.\"' -]+?)\s*\]\s*(?:#.*)?$")
_LANGUAGE_KEY = re.compile(r"""\s*language\s*=\s*["'](de|en)["']\s*(?:#.*)?$""")


def file_language(text: str) -> Language | None:
    """The `language` of the [network] table of a network file's text, looked at cheaply (no TOML
    parser: the command parses and validates the text itself a moment later)."""
    table: str | None = None
    for line in text.splitlines():
        header = _TABLE_HEADER.match(line)
        if header is not None and not line.lstrip().startswith("[["):
            table = header.group(1).strip("\"'")
            continue
        if line.lstrip().startswith("[["):
            table = None
            continue
        if table == "network":
            key = _LANGUAGE_KEY.match(line)
            if key is not None:
                return Language(key.group(1))
    return None


def file_argument(args: Sequence[str], environ: Mapping[str, str]) -> Path:
    """The network file a command will read: --file/-f, else NETZWERK_FILE, else ./network.toml."""
    from netzwerk_cli.file.store import DEFAULT_FILE

    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--file", "-f") and index + 1 < len(args):
            return Path(args[index + 1])
        if arg.startswith("--file="):
            return Path(arg.partition("=")[2])
        if arg.startswith("-f") and len(arg) > 2 and not arg.startswith("--"):
            return Path(arg[2:])
    return Path(environ.get("NETZWERK_FILE") or DEFAULT_FILE)


def terminal_language(
    args: Sequence[str], environ: Mapping[str, str], *, file_text: Callable[[], str | None]
) -> Language:
    """The language of everything this run prints for people (see the module's docstring).

    `file_text` gives the network file's text as the run reads it (None when it cannot be read);
    it is asked only when neither the arguments nor the environment choose a language."""
    chosen = option_language(args) or environment_language(environ) or new_file_language(args)
    if chosen is not None:
        return chosen
    text = file_text()
    return (file_language(text) if text is not None else None) or Language.EN


_spoken = [words(Language.EN)]  # the terminal's words for the run under way


def spoken() -> Words:
    """The words of the run under way (English outside a run)."""
    return _spoken[-1]


@contextlib.contextmanager
def speaking(language: Language) -> Iterator[Words]:
    """For one run: the terminal's words, and typer's gettext lookups answered from our catalog
    in `language`; all as it was afterwards."""
    domain = gettext.textdomain()
    before = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    # English has no catalog: gettext then answers with the English text itself.
    os.environ["LANGUAGE"] = language.value
    _spoken.append(words(language))
    try:
        yield _spoken[-1]
    finally:
        _spoken.pop()
        gettext.textdomain(domain)
        if before is None:
            del os.environ["LANGUAGE"]
        else:
            os.environ["LANGUAGE"] = before


# --- typer's and click's own words -----------------------------------------------------------

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
        _say_placeholder(param, said)
    # The placeholders of the usage line, which click writes in English.
    if getattr(command, "options_metavar", None) == "[OPTIONS]":
        command.options_metavar = said(N_("[OPTIONS]"))
    if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
        command.subcommand_metavar = said(N_("COMMAND [ARGS]..."))
    command.context_class = _context_class()
    for sub in (getattr(command, "commands", None) or {}).values():
        translate_command(sub, said)


# --- the placeholders of the help and the usage line -------------------------------------------

# What a value is, as the help and the usage line show it (`--host ID`, `record [OPTIONS]
# YYYY-MM-DD`), where typer would show the Python type (`--host <str>`, `YYYY-MM-DD <date>`):
# the placeholder an option or argument declares (`metavar=`), else the one named here for its
# option, else one for the kind of value. All are said in the terminal's language here, in one
# place, so that a command module declares a placeholder once, in English, and nothing else.
METAVARS = (
    N_("YYYY-MM-DD"),
    N_("DATE"),
    N_("HH:MM"),
    N_("ID"),
    N_("IDS"),
    N_("MINUTES"),
    N_("DIR"),
    N_("FILE"),
    N_("FOLDER"),
    N_("CHAR"),
    N_("WORDS"),
    N_("ID;NAME;SEAT;STATE"),
    N_("CONTACT"),
    N_("SERVER"),
    N_("KIND"),
    N_("YYYY"),
)
OPTION_METAVARS = {
    "--file": N_("FILE"),
    "--output": N_("FILE"),
    "--host": N_("ID"),
    "--venue": N_("PLACE"),
    "--seat": N_("PLACE"),
    "--title": N_("TITLE"),
    "--notes": N_("NOTES"),
    "--description": N_("DESCRIPTION"),
    "--name": N_("NAME"),
    "--state": N_("STATE"),
    "--count": N_("NUMBER"),
    "--weeks": N_("WEEKS"),
}
# typer's names of the kinds of value (`<str>`, `<int range>`), for an option named nowhere above.
KIND_METAVARS = {
    "<str>": N_("VALUE"),
    "<path>": N_("PATH"),
    "<date>": N_("DATE"),
    "<datetime>": N_("DATE"),
    "<int>": N_("NUMBER"),
    "<int range>": N_("NUMBER"),
    "<float>": N_("NUMBER"),
    "<float range>": N_("NUMBER"),
}


def declared_placeholder(param: Any) -> str | None:
    """The placeholder an option or argument has in English before it is said (see `METAVARS`):
    its own, else its option's; None for a flag, and for an option left to its kind of value."""
    declared = getattr(param, "_declared_metavar", param.metavar)
    if declared is not None:
        # `[YYYY-MM-DD]`: the usage line brackets an optional argument itself.
        return str(declared).removeprefix("[").removesuffix("]")
    if param.param_type_name == "argument":
        return str(param.name).upper()
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    return next((OPTION_METAVARS[name] for name in param.opts if name in OPTION_METAVARS), None)


def kind_placeholder(kind: str | None) -> str | None:
    """The placeholder for typer's name of a kind of value (`<str>`, `<int range>`); None for
    no kind, and for a choice, whose values typer lists as they are typed (`<de|en>`)."""
    if kind is None or "|" in kind:
        return None
    return KIND_METAVARS.get(kind, N_("VALUE"))


def _said_placeholder(placeholder: str, said: Words) -> str:
    """A placeholder in the language of `said`, in capitals as placeholders are written (the
    msgid "ID" is also the column title "Kürzel")."""
    return said(placeholder).upper()


def _say_placeholder(param: Any, said: Words) -> None:
    """An option's or argument's placeholder in the language of `said`, in its help line, the
    usage line and click's errors ("Missing argument 'DATUM'")."""
    if not hasattr(param, "_declared_metavar"):
        param._declared_metavar = param.metavar
    placeholder = declared_placeholder(param)
    if param.param_type_name == "argument":
        name = _said_placeholder(placeholder or str(param.name), said)
        param.metavar = name
        usage = (name if param.required else f"[{name}]") + ("..." if param.nargs != 1 else "")
        # The help line names an argument once, without its kind of value; the usage line
        # writes it as click does (typer writes a required one as `{DATE}`).
        param.display_type_rich = lambda ctx: None
        param.get_usage_pieces = lambda ctx: [usage]
    elif placeholder is not None:
        param.metavar = _said_placeholder(placeholder, said)
    elif not (getattr(param, "is_flag", False) or getattr(param, "count", False)):
        shown = param.display_type_rich

        def display_type_rich(ctx: Any) -> Any:
            label = shown(ctx)
            kind = kind_placeholder(label)
            return _said_placeholder(kind, said) if kind is not None else label

        param.display_type_rich = display_type_rich


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
