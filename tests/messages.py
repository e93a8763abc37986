"""Every message of the code, as the catalog must hold it: extracted from the source with Babel
(`N_`, and the singular and plural of `facts` and `Words.plural`) and read from the built
commands (their docstrings, epilogs and option help, which typer takes as they are)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import typer

from .conftest import ROOT

SOURCE = ROOT / "src"
CATALOG = SOURCE / "netzwerk_cli" / "words" / "locale" / "de" / "LC_MESSAGES" / "netzwerk.po"
KEYWORDS = {"N_": None, "facts": (1, 2), "plural": (1, 2)}


def code_messages() -> dict[str, str | None]:
    """msgid -> its plural msgid (None for a message without plural forms)."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, str | None] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        if isinstance(message, tuple):
            found[message[0]] = message[1]
        else:
            found.setdefault(message, None)
    for text in help_texts():
        found.setdefault(text, None)
    return found


def help_texts() -> list[str]:
    """The help of every command and option, as click shows it (before translation)."""
    from netzwerk_cli.model import Language

    # The module, not the Typer that `netzwerk_cli.cli` exports under the same name.
    app_module = importlib.import_module("netzwerk_cli.cli.app")

    texts: list[str] = []

    def collect(command: Any) -> None:
        for attribute in ("help", "short_help", "epilog"):
            text = getattr(command, attribute, None)
            if text:
                texts.append(text)
        for param in command.params:
            if getattr(param, "help", None):
                texts.append(param.help)
        for sub in (getattr(command, "commands", None) or {}).values():
            collect(sub)

    collect(typer.main.get_command(app_module.app))
    for module in sorted(set(app_module.COMMAND_MODULES.values())):
        commands = importlib.import_module(f"netzwerk_cli.cli.{module}").commands
        for command in app_module._built(commands, Language.EN).values():
            collect(command)
    return texts


def catalog_path() -> Path:
    return CATALOG
