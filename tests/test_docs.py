"""The manual, the READMEs and the command line agree: help everywhere, every command in the\nreference, the READMEs short, in both languages, their examples real."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from netzwerk_cli.cli import app

from .conftest import ROOT
from .test_docs_examples import read_page, run_page


def all_commands() -> list[tuple[str, Any]]:
    # Duck-typed: newer typer releases vendor their own click, so isinstance on click's classes fails.
    root = typer.main.get_command(app)
    found: list[tuple[str, Any]] = []

    def walk(prefix: str, command: Any) -> None:
        found.append((prefix, command))
        if hasattr(command, "list_commands"):  # a group; the root loads its commands lazily
            for name in command.list_commands(None):
                walk(f"{prefix} {name}".strip(), command.get_command(None, name))

    walk("", root)
    return found


def test_every_command_and_option_has_help() -> None:
    commands = all_commands()
    assert len(commands) > 4
    for name, command in commands:
        assert (command.help or "").strip(), f"command {name!r} has no help"
        for param in command.params:
            if param.param_type_name == "option":
                assert (param.help or "").strip(), f"{name} {param.opts} has no help"


def test_every_command_is_in_the_manual() -> None:
    """The command reference of both languages (generated: tests/test_reference_commands.py)
    has a section for every command."""
    for language in ("de", "en"):
        reference = (ROOT / "docs" / language / "reference" / "commands.md").read_text("utf-8")
        for name, _command in all_commands():
            assert f"## `{f'netzwerk {name}'.strip()}`" in reference, (language, name)


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    marker = re.search(r"# README-TEST-COMMAND.*\n(.+)\n", ci)
    assert marker is not None
    command = marker.group(1).strip()
    for readme in READMES:
        assert f"\n{command}\n" in (ROOT / readme).read_text(encoding="utf-8"), readme


def test_changelog_has_an_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog


# --- the READMEs: short, in both languages, their examples real, their links whole ------------

READMES = {"README.md": "en", "README.de.md": "de"}


def test_the_readmes_are_short_and_link_each_other() -> None:
    english = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    german = (ROOT / "README.de.md").read_text(encoding="utf-8").splitlines()
    assert len(english) <= 200 and len(german) <= 200
    assert "](README.de.md)" in english[0]
    assert "](README.md)" in german[0]


@pytest.mark.parametrize("readme", sorted(READMES))
def test_the_readme_examples_run(
    readme: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its console examples, by the manual's convention (tests/test_docs_examples.py), in its
    language."""
    page = read_page(ROOT / readme, language=READMES[readme])
    assert [e.command.split()[1] for e in page.examples][:3] == ["init", "plan", "schedule"]
    failures = run_page(page, tmp_path, monkeypatch)
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("readme", sorted(READMES))
def test_the_readme_links_lead_somewhere(readme: str) -> None:
    text = (ROOT / readme).read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#\s]+)", text)
    assert targets
    for target in targets:
        if "://" not in target:
            assert (ROOT / target).is_file(), f"{readme} links to {target}, which is not there"


# --- the manual: both languages the same pages -------------------------------------------------


def manual_files(language: str) -> set[str]:
    folder = ROOT / "docs" / language
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_both_languages_have_the_same_pages_and_pictures() -> None:
    assert manual_files("de") == manual_files("en")


def test_every_page_of_the_navigation_is_there_in_both_languages() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = config.split("\nnav:\n", 1)[1].split("\n\n", 1)[0]
    pages = re.findall(r":\s+(\S+\.md)\s*$", nav, re.MULTILINE)
    assert "index.md" in pages and "reference/commands.md" in pages
    for language in ("de", "en"):
        pages_there = manual_files(language)
        assert set(pages) == {p for p in pages_there if p.endswith(".md")}, language
