"""The manual's command reference and the man page netzwerk(1), made from the command line itself.

Both are built from the click commands that `--help` shows, in each language, with the same
context (usage line, help text, every argument and option as `--help` lists it, with its
placeholder, environment variable and range): a new option or a changed help text changes them.
`python -m netzwerk_cli.cli.reference` writes `docs/de/reference/commands.md`,
`docs/en/reference/commands.md`, `man/man1/netzwerk.1` and `man/de/man1/netzwerk.1`; a test fails
when the committed ones differ from what this module makes.

Why not mkdocs-click or click-man: both test the commands with `isinstance` against the `click`
package, while typer 0.29 builds them from the click it vendors (`typer._click`), so they lose the
options or refuse the app; and neither knows a second language.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netzwerk_cli.message import N_
from netzwerk_cli.model import Language

# Where each language's page and man page go, under the source tree.
PAGES = {
    Language.DE: Path("docs", "de", "reference", "commands.md"),
    Language.EN: Path("docs", "en", "reference", "commands.md"),
}
MAN_PAGES = {
    Language.EN: Path("man", "man1", "netzwerk.1"),
    Language.DE: Path("man", "de", "man1", "netzwerk.1"),
}
# The width click wraps the help to (its own limit for a wide terminal).
WIDTH = 80


@dataclass(frozen=True)
class Command:
    """One command as `--help` shows it: its name after `netzwerk`, the usage line's arguments,
    its help text, its arguments' and options' (terms, meaning) and its subcommands' names."""

    name: str
    usage: str
    help: str
    short: str
    arguments: tuple[tuple[str, str], ...]
    options: tuple[tuple[str, str], ...]
    subcommands: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"netzwerk {self.name}".strip()


def commands(language: Language) -> list[Command]:
    """Every command, the root first, each group before its subcommands, in `--help`'s order."""
    import typer.main

    from netzwerk_cli.cli.app import app
    from netzwerk_cli.cli.clickwords import translate_command
    from netzwerk_cli.cli.language import speaking

    found: list[Command] = []
    with speaking(language) as said:
        root = typer.main.get_command(app)
        translate_command(root, said)
        context = root.make_context(
            "netzwerk", [], resilient_parsing=True, terminal_width=WIDTH, max_content_width=WIDTH
        )
        _walk("", root, context, found)
    return found


def _walk(name: str, command: Any, context: Any, found: list[Command]) -> None:
    records = [
        (param.param_type_name, param.get_help_record(context))
        for param in command.get_params(context)
    ]
    names = list(command.list_commands(context)) if hasattr(command, "list_commands") else []
    found.append(
        Command(
            name=name,
            usage=" ".join(command.collect_usage_pieces(context)),
            help=inspect.cleandoc(command.help or ""),
            short=command.get_short_help_str(limit=300),
            arguments=tuple(record for kind, record in records if kind == "argument" and record),
            options=tuple(record for kind, record in records if kind == "option" and record),
            subcommands=tuple(names),
        )
    )
    for sub_name in names:
        sub = command.get_command(context, sub_name)
        sub_context = sub.make_context(
            sub_name,
            [],
            parent=context,
            resilient_parsing=True,
            terminal_width=WIDTH,
            max_content_width=WIDTH,
        )
        _walk(f"{name} {sub_name}".strip(), sub, sub_context, found)


# --- the manual's page ---------------------------------------------------------------------


def _inline(text: str, *, table: bool = False) -> str:
    """Help text as Markdown: code spans (`netzwerk remind`) kept, everything else shown as it is
    written (no emphasis from `*`, no HTML from `<name@kreis.de>`)."""
    parts = re.split(r"(`[^`]*`)", text)
    for index in range(0, len(parts), 2):
        plain = parts[index]
        plain = plain.replace("\\", "\\\\").replace("&", "&amp;")
        plain = plain.replace("<", "&lt;").replace(">", "&gt;")
        plain = re.sub(r"([*_\[\]])", r"\\\1", plain)
        parts[index] = plain
    joined = "".join(parts)
    return joined.replace("|", "\\|") if table else joined


def _paragraphs(text: str) -> list[str]:
    """A help text's paragraphs, each on one line (click rewraps them anyway)."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]


def _term(term: str) -> str:
    """`-f, --file DATEI` as code, the `|` of `<de|en>` escaped for the table."""
    return "`" + term.replace("|", "\\|") + "`"


def page(language: Language) -> str:
    """The command reference in `language`, as Markdown."""
    from netzwerk_cli.words import words

    said = words(language)
    everything = commands(language)
    lines = [
        "# " + said(N_("Commands: every command and option")),
        "",
        said(
            N_(
                "Generated from the command line itself (the help that `netzwerk COMMAND --help` "
                "shows) by `python -m netzwerk_cli.cli.reference`; do not edit by hand."
            )
        ),
        "",
    ]
    for command in everything:
        lines += [f"## `{command.path}`", ""]
        lines += ["```text", f"{command.path} {command.usage}".rstrip(), "```", ""]
        for paragraph in _paragraphs(command.help):
            lines += [_inline(paragraph), ""]
        if command.subcommands:
            lines += [f"| {said(N_('Commands'))} | {said(N_('Meaning'))} |", "|---|---|"]
            subs = {c.name: c for c in everything}
            for sub in command.subcommands:
                full = subs[f"{command.name} {sub}".strip()]
                anchor = _anchor(full.path)
                short = _inline(_paragraphs(full.help)[0] if full.help else "", table=True)
                lines.append(f"| [`{sub}`](#{anchor}) | {short} |")
            lines.append("")
        for title, records in (
            (N_("Arguments"), command.arguments),
            (N_("Options"), command.options),
        ):
            if not records:
                continue
            lines += [f"| {said(title)} | {said(N_('Meaning'))} |", "|---|---|"]
            for term, meaning in records:
                lines.append(
                    f"| {_term(term)} | {_inline(' '.join(meaning.split()), table=True)} |"
                )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _anchor(heading: str) -> str:
    """The id Python-Markdown's toc gives the heading `` `netzwerk member add` ``."""
    return re.sub(r"[^\w]+", "-", heading.lower()).strip("-")


# --- the man page --------------------------------------------------------------------------


def _roff(text: str) -> str:
    """Text for a roff line: backslashes and hyphens escaped, no line taken for a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(
        "\\&" + line if line.startswith((".", "'")) else line for line in text.splitlines()
    )


def man(language: Language) -> str:
    """netzwerk(1) in `language`, as roff (man(7) macros)."""
    from netzwerk_cli import __version__
    from netzwerk_cli.words import words

    said = words(language)
    everything = commands(language)
    root, rest = everything[0], everything[1:]
    manual = said(N_("netzwerk manual"))
    name, synopsis, description = said(N_("NAME")), said(N_("SYNOPSIS")), said(N_("DESCRIPTION"))
    options, subcommands, see_also = said(N_("OPTIONS")), said(N_("COMMANDS")), said(N_("SEE ALSO"))
    lines = [
        '.\\" -*- coding: UTF-8 -*-',  # man-db's preconv reads the German letters as UTF-8
        '.\\" Generated by `python -m netzwerk_cli.cli.reference`; do not edit by hand.',
        f'.TH NETZWERK 1 "" "netzwerk {__version__}" "{manual}"',
        ".nh",  # no hyphenation: option names and file names stay whole
        ".ad l",
        f".SH {name}",
        f"netzwerk \\- {_roff(_paragraphs(root.help)[0].rstrip('.'))}",
        f".SH {synopsis}",
        f".B netzwerk\n{_roff(root.usage)}",
        f".SH {description}",
    ]
    for paragraph in _paragraphs(root.help):
        lines += [_roff(paragraph), ".PP"]
    lines.pop()
    lines += [f".SH {options}"]
    lines += _records(root.options)
    lines += [f".SH {subcommands}"]
    for command in rest:
        lines += [
            f'.SS "{_roff(command.path)}"',
            f"\\fB{_roff(command.path)}\\fR {_roff(command.usage)}",
        ]
        for paragraph in _paragraphs(command.help):
            lines += [".PP", _roff(paragraph)]
        if command.subcommands:
            lines += [".PP", f"{said(N_('Commands'))}: {_roff(', '.join(command.subcommands))}"]
        lines += _records(command.arguments + command.options)
    lines += [
        f".SH {see_also}",
        _roff(
            said(
                N_(
                    "The manual in docs/ of the source (German and English): getting started, "
                    "tasks, the network file, exit status, JSON and CSV output."
                )
            )
        ),
    ]
    return "\n".join(lines) + "\n"


def _records(records: tuple[tuple[str, str], ...]) -> list[str]:
    lines = []
    for term, meaning in records:
        lines += [".TP", f"\\fB{_roff(term)}\\fR", _roff(" ".join(meaning.split()))]
    return lines


def root_folder() -> Path:
    """The source tree (the folder of pyproject.toml)."""
    return Path(__file__).resolve().parents[3]


def main() -> None:  # pragma: no cover - run when a command or its help changes
    for language, path in PAGES.items():
        target = root_folder() / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(language), encoding="utf-8")
    for language, path in MAN_PAGES.items():
        target = root_folder() / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(man(language), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
