"""The manual's command reference and the man page netzwerk(1) are the command line's own help,
in German and English, every command and option (`netzwerk_cli.cli.reference`)."""

from __future__ import annotations

import re
import subprocess

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.cli.reference import MAN_PAGES, PAGES, commands, man, page
from netzwerk_cli.model import Language

from .conftest import ROOT
from .programs import program
from .test_docs import all_commands

LANGUAGES = [Language.DE, Language.EN]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_pages_are_the_command_line(language: Language) -> None:
    """Regenerate with `python -m netzwerk_cli.cli.reference` after a change of a command."""
    assert (ROOT / PAGES[language]).read_text(encoding="utf-8") == page(language)
    assert (ROOT / MAN_PAGES[language]).read_text(encoding="utf-8") == man(language)


def _flat(text: str) -> str:
    """The words, however click wraps them (it also breaks a line after a hyphen)."""
    return re.sub(r"- ", "-", " ".join(text.split()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_command_and_option_is_in_the_reference_and_the_man_page(
    language: Language,
) -> None:
    reference = page(language)
    roff = man(language)
    for name, command in all_commands():
        path = f"netzwerk {name}".strip()
        assert f"## `{path}`\n" in reference, path
        assert f'.SS "{path.replace("-", chr(92) + "-")}"' in roff or not name, path
        section = reference.split(f"## `{path}`\n", 1)[1].split("\n## ", 1)[0]
        for param in command.params:
            for opt in param.opts if param.param_type_name == "option" else ():
                assert re.search(rf"`[^`]*{re.escape(opt)}\b", section), (path, opt)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reference_says_what_help_says(language: Language) -> None:
    """Each command's help text and each option's line, as `netzwerk COMMAND --help` prints them
    in the language, are the reference's (the words, however click wraps them)."""
    for command in commands(language):
        result = CliRunner().invoke(
            app, [*command.name.split(), "--help", "--lang", language.value], env={"COLUMNS": "80"}
        )
        assert result.exit_code == 0, command.name
        shown = _flat(result.stdout)
        assert _flat(f"{command.path} {command.usage}") in shown, command.name
        assert _flat(command.help) in shown, command.name
        for term, meaning in command.arguments + command.options:
            assert _flat(f"{term} {meaning}") in shown, (command.name, term)


def test_german_and_english_pages_have_the_same_commands() -> None:
    headings = [re.findall(r"^## (.+)$", page(language), re.MULTILINE) for language in LANGUAGES]
    assert headings[0] == headings[1]
    assert len(headings[0]) == len(all_commands())


def test_the_man_page_reads_in_man() -> None:
    """groff renders it without a warning (`-ww`), as `man -l man/de/man1/netzwerk.1` does; its
    sections are in German."""
    groff = program("groff", package="groff-base")
    result = subprocess.run(
        [groff, "-k", "-man", "-Tutf8", "-ww", "-z", str(ROOT / MAN_PAGES[Language.DE])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == ""
    text = man(Language.DE)
    for heading in ("ÜBERSICHT", "BESCHREIBUNG", "OPTIONEN", "BEFEHLE", "SIEHE AUCH"):
        assert f".SH {heading}\n" in text


def test_the_man_pages_are_installed_with_the_package() -> None:
    """pyproject's data-files put both man pages where `man` looks beside the environment's bin/."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = project["tool"]["setuptools"]["data-files"]
    assert data["share/man/man1"] == [MAN_PAGES[Language.EN].as_posix()]
    assert data["share/man/de/man1"] == [MAN_PAGES[Language.DE].as_posix()]
