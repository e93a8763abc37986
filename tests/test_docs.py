"""The user's manual and the command line agree: help everywhere, README commands real."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from netzwerk_cli.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


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


def test_every_command_is_in_the_readme() -> None:
    for name, command in all_commands():
        if name and not hasattr(command, "list_commands"):
            assert f"netzwerk {name}" in README, f"the README does not show `netzwerk {name}`"


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    marker = re.search(r"# README-TEST-COMMAND.*\n(.+)\n", ci)
    assert marker is not None
    command = marker.group(1).strip()
    assert f"\n{command}\n" in README


def test_changelog_has_an_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog


# The README's examples on the bundled file, run as written (with its `--today 2026-11-24`).
BUNDLED_EXAMPLES = [
    "next-host",
    "next-host --json",
    "members",
    "history",
    "schedule",
    "export --count 2",
]


# The German quick start's examples, run as written (German through their `--lang de`).
GERMAN_EXAMPLES = ["next-host --lang de", "schedule --lang de"]


def readme_example(command: str) -> str:
    """The output the README shows under `$ netzwerk COMMAND` (up to the next prompt or fence)."""
    lines = README.splitlines()
    start = lines.index(f"$ netzwerk {command}") + 1
    end = start
    while not lines[end].startswith(("$ ", "```")):
        end += 1
    return "\n".join(lines[start:end])


def test_the_readme_shows_real_output_of_the_bundled_network(network_file: Path) -> None:
    """On a copy of the bundled file, as a new user has it: the records that `export` keeps
    beside a network file must not pile up beside the repository's own."""
    from typer.testing import CliRunner

    for command in BUNDLED_EXAMPLES:
        result = CliRunner().invoke(
            app, [*command.split(), "-f", str(network_file), "--today", "2026-11-24"]
        )
        assert result.exit_code == 0, command
        shown = result.stdout_bytes.decode("utf-8").replace("\r\n", "\n")
        shown = "\n".join(line.rstrip() for line in shown.rstrip("\n").splitlines())
        assert shown == readme_example(command), command


def test_the_german_quick_start_shows_real_output(network_file: Path) -> None:
    from typer.testing import CliRunner

    for command in GERMAN_EXAMPLES:
        result = CliRunner().invoke(
            app,
            [*command.split(), "-f", str(network_file), "--today", "2026-11-24"],
            env={"COLUMNS": "80"},
        )
        assert result.exit_code == 0, command
        shown = "\n".join(line.rstrip() for line in result.stdout.rstrip("\n").splitlines())
        assert shown == readme_example(command), command
    assert "## Language" in README and "### Auf Deutsch" in README
