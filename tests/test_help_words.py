"""No English in German help or usage errors, and no Python type names in any language: every
command and subcommand of the app, found by walking the built commands (a command added later is
walked too), renders its --help in German without a word of a list of English words, and its
placeholders are words of the reader's language (`--host KÜRZEL`, `record [OPTIONEN] DATUM`)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.model import Language

# The module, not the Typer that `netzwerk_cli.cli` exports under the same name.
app_module = importlib.import_module("netzwerk_cli.cli.app")

# English that click, typer or a command's declaration would put into German help: the
# framework's words, and the placeholders of options and arguments (as whole words: the
# environment variable NETZWERK_FILE is no placeholder).
ENGLISH_PHRASES = (
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Show this message",
    "env var",
    "default:",
    "required]",
    "[OPTIONS]",
    "YYYY-MM-DD",
    "HH:MM",
)
ENGLISH_PLACEHOLDERS = (
    "COMMAND",
    "ARGS",
    "ID",
    "IDS",
    "MINUTES",
    "DIR",
    "FILE",
    "FOLDER",
    "CHAR",
    "TEXT",
    "PATH",
    "NUMBER",
    "INTEGER",
    "VALUE",
    "DATE",
    "PLACE",
    "TITLE",
    "NOTES",
    "STATE",
    "WEEKS",
)
# typer's names of Python types (`<str>`, `<int range>`, `<path>`), in any language; a choice
# (`<de|en>`) lists the values as they are typed.
TYPE_NAME = re.compile(r"<[A-Za-zÄÖÜäöü_ ]+>")
# Placeholders that German writes as English does.
SAME_IN_GERMAN = {"NAME"}


def _commands(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    found = [(path, command)]
    for name, sub in (getattr(command, "commands", None) or {}).items():
        found += _commands(sub, [*path, name])
    return found


def every_command(language: Language = Language.EN) -> list[tuple[list[str], Any]]:
    """Every command and subcommand of the app as built for `language`, with its path."""
    found: list[tuple[list[str], Any]] = []
    for module in dict.fromkeys(app_module.COMMAND_MODULES.values()):
        commands = importlib.import_module(f"netzwerk_cli.cli.{module}").commands
        for name, command in app_module._built(commands, language).items():
            found += _commands(command, [name])
    return sorted(found, key=lambda entry: entry[0])


COMMAND_PATHS = [[], *(path for path, _ in every_command())]


def test_the_walk_finds_every_command_and_subcommand() -> None:
    names = {" ".join(path) for path in COMMAND_PATHS}
    assert set(app_module.COMMAND_MODULES) <= names
    assert {"member add", "member leave"} <= names


def english_in(text: str) -> list[str]:
    found = [phrase for phrase in ENGLISH_PHRASES if phrase in text]
    found += [
        word
        for word in ENGLISH_PLACEHOLDERS
        if re.search(rf"(?<![\w./-]){re.escape(word)}(?![\w-])", text)
    ]
    return found + TYPE_NAME.findall(text)


@pytest.mark.parametrize("where", ["after", "before"])
@pytest.mark.parametrize("command", COMMAND_PATHS, ids=lambda c: " ".join(c) or "netzwerk")
def test_german_help_has_no_english_placeholder_or_type_name(
    command: list[str], where: str
) -> None:
    """`netzwerk CMD --help --lang de` and `netzwerk --lang de CMD --help` (a group too)."""
    args = (
        [*command, "--help", "--lang", "de"]
        if where == "after"
        else ["--lang", "de", *command, "--help"]
    )
    result = CliRunner().invoke(app, args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("Aufruf: netzwerk")
    assert english_in(result.stdout) == []
    usage = result.stdout.splitlines()[0]
    assert "{" not in usage and "[[" not in usage, usage


@pytest.mark.parametrize("command", COMMAND_PATHS, ids=lambda c: " ".join(c) or "netzwerk")
def test_english_help_shows_no_python_type_names(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help", "--lang", "en"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: netzwerk")
    assert TYPE_NAME.findall(result.stdout) == []
    usage = result.stdout.splitlines()[0]
    assert "{" not in usage and "[[" not in usage, usage


def test_every_placeholder_has_a_german_word() -> None:
    """A placeholder a command declares (or one named for its option) has a German word in
    the catalog: an option added later with `metavar="DAY"` fails here until it has one."""
    english = {" ".join(path): command for path, command in every_command(Language.EN)}
    german = {" ".join(path): command for path, command in every_command(Language.DE)}
    untranslated = []
    for name, command in english.items():
        for en, de in zip(command.params, german[name].params, strict=True):
            if en.metavar is None:
                continue  # a flag, or a choice of values typed as they are
            assert de.metavar is not None and de.metavar == de.metavar.upper()
            if de.metavar == en.metavar and en.metavar not in SAME_IN_GERMAN:
                untranslated.append(f"{name} {en.opts[0] if en.opts else en.name}: {en.metavar}")
    assert untranslated == []


@pytest.mark.parametrize(
    ("command", "english", "german"),
    [
        (
            ["record"],
            "Usage: netzwerk record [OPTIONS] YYYY-MM-DD",
            "Aufruf: netzwerk record [OPTIONEN] DATUM",
        ),
        (
            ["plan"],
            "Usage: netzwerk plan [OPTIONS] [YYYY-MM-DD]",
            "Aufruf: netzwerk plan [OPTIONEN] [DATUM]",
        ),
        (
            ["member", "add"],
            "Usage: netzwerk member add [OPTIONS] ID",
            "Aufruf: netzwerk member add [OPTIONEN] KÜRZEL",
        ),
    ],
)
def test_usage_lines_name_arguments_as_click_does(
    command: list[str], english: str, german: str
) -> None:
    """A required argument bare, an optional one in one pair of brackets (typer wrote
    `{YYYY-MM-DD}` and, for plan's declared `[YYYY-MM-DD]`, `[[YYYY-MM-DD]]`)."""
    for lang, first in (("en", english), ("de", german)):
        result = CliRunner().invoke(app, [*command, "--help", "--lang", lang])
        assert result.stdout.splitlines()[0] == first


@pytest.mark.parametrize(
    ("option", "english", "german"),
    [
        ("--host", "--host ID", "--host KÜRZEL"),
        ("--attended", "--attended IDS", "--attended KÜRZEL"),
        ("--file", "-f, --file FILE", "-f, --file DATEI"),
        ("--today", "--today YYYY-MM-DD", "--today DATUM"),
        ("--venue", "--venue PLACE", "--venue ORT"),
        ("--time", "--time HH:MM", "--time UHRZEIT"),
    ],
)
def test_options_name_what_they_take(option: str, english: str, german: str) -> None:
    command = ["record"] if option != "--time" else ["plan"]
    for lang, shown in (("en", english), ("de", german)):
        result = CliRunner().invoke(app, [*command, "--help", "--lang", lang])
        assert f"\n  {shown} " in result.stdout


# --- click's usage errors, in German ------------------------------------------------------------

ENGLISH_IN_ERRORS = (
    "Usage",
    "Try ",
    "Error",
    "Missing",
    "Invalid",
    "No such",
    "Got unexpected",
    "extra argument",
    "is not",
    "Input should",
    "requires",
    "Possible",
    "Did you mean",
    "env var",
    "does not take",
)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["record"], "Fehler: Argument „DATUM“ fehlt.\n"),
        (["member", "leave"], "Fehler: Argument „KÜRZEL“ fehlt.\n"),
        (["member", "add", "XY"], "Fehler: Option „--name“ fehlt.\n"),
        (["schedule", "--bogus"], "Fehler: Unbekannte Option: --bogus\n"),
        (["--versio"], "Fehler: Unbekannte Option: --versio (mögliche Optionen: --version)\n"),
        (
            ["members", "--format", "xml"],
            "Fehler: Ungültiger Wert für „--format“: „xml“ ist keiner der zulässigen Werte "
            "„table“, „json“, „csv“, „markdown“.\n",
        ),
        (
            ["schedule", "--count", "x"],
            "Fehler: Ungültiger Wert für „--count“ / „-n“: Der Wert muss eine ganze Zahl sein\n",
        ),
        (
            ["plan", "--duration", "1441"],
            "Fehler: Ungültiger Wert für „--duration“: Der Wert darf höchstens 1440 sein\n",
        ),
        (["schedule", "extra"], "Fehler: Unerwartetes zusätzliches Argument (extra)\n"),
        (["schedule", "a", "b"], "Fehler: Unerwartete zusätzliche Argumente (a b)\n"),
        (["history", "--until"], "Fehler: Die Option „--until“ braucht einen Wert.\n"),
        (["member", "stay"], "Fehler: Unbekannter Befehl „stay“.\n"),
        (["agenda", "foo"], "Fehler: Unbekannter Befehl „foo“.\n"),
        (["agenda", "ad", "x"], "Fehler: Unbekannter Befehl „ad“. Meinten Sie „add“?\n"),
        (["member", "edt"], "Fehler: Unbekannter Befehl „edt“. Meinten Sie „edit“?\n"),
        (["topic", "lst"], "Fehler: Unbekannter Befehl „lst“. Meinten Sie „list“?\n"),
        (["password", "sett"], "Fehler: Unbekannter Befehl „sett“. Meinten Sie „set“?\n"),
        (["histry"], "Fehler: Unbekannter Befehl „histry“. Meinten Sie „history“?\n"),
    ],
)
def test_usage_errors_in_german(
    network_file: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(network_file.parent)
    result = CliRunner().invoke(app, ["--lang", "de", *args])
    assert (result.exit_code, result.stdout) == (2, "")
    lines = result.stderr.splitlines(keepends=True)
    assert lines[-1] == message
    if len(lines) > 1:  # the usage, where click knows the command
        assert lines[0].startswith("Aufruf: netzwerk")
        assert lines[1].startswith("Hilfe erhalten Sie mit „netzwerk")
    found = [word for word in ENGLISH_IN_ERRORS if word in result.stderr]
    assert found + english_in(result.stderr) == []


def test_usage_errors_stay_english_in_english(
    network_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(network_file.parent)
    result = CliRunner().invoke(app, ["record", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: netzwerk record [OPTIONS] YYYY-MM-DD\n"
        "Try 'netzwerk record -h' for help.\n"
        "Error: Missing argument 'YYYY-MM-DD'.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["agenda", "ad", "x"], "Error: No such command 'ad'. Did you mean 'add'?\n"),
        (["member", "edt"], "Error: No such command 'edt'. Did you mean 'edit'?\n"),
        (["agenda", "foo"], "Error: No such command 'foo'.\n"),
    ],
)
def test_a_mistyped_subcommand_is_named_as_a_mistyped_command(
    network_file: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(network_file.parent)
    result = CliRunner().invoke(app, ["--lang", "en", *args])
    assert result.exit_code == 2
    lines = result.stderr.splitlines(keepends=True)
    assert lines[0].startswith(f"Usage: netzwerk {args[0]} ")
    assert lines[-1] == message
