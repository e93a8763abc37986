"""What a command prints: notes for people on stderr, data on stdout (JSON, or a table drawn by Rich
on a terminal and written plainly into a pipe or file), and errors in one form."""

import os
import sys
from typing import TYPE_CHECKING, Any

import typer

from netzwerk_cli.cli.language import spoken

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from rich.console import Console, RenderableType

    from netzwerk_cli.errors import Problem
    from netzwerk_cli.words import Words


def terminal_words() -> "Words":
    """The words for what this run prints for people on the terminal (not what the network
    shares: that is always `words(network.language)`)."""
    return spoken()


def report_error(message: str) -> None:
    """An error message on stderr, plain text (no markup, whatever the terminal)."""
    sys.stderr.write(f"netzwerk: {message}\n")
    sys.stderr.flush()


def usage_error(message: str) -> Exception:
    """A usage error (exit 2, "Error: message") that names no option: click's UsageError, taken
    from typer's BadParameter because typer 0.29 vendors click (`typer._click`) and does not
    install it, while older typer versions use click itself."""
    error: type[Exception] = typer.BadParameter.__mro__[1]
    return error(message)


def person_at_terminal() -> bool:
    """Whether a person reads stderr (not cron, not a pipe): the one who is told that a run had
    nothing to do, which cron is not."""
    return sys.stderr.isatty()


def say(message: str) -> None:
    """A short note for people on stderr (stdout stays for data)."""
    sys.stderr.write(f"{message}\n")
    sys.stderr.flush()


def print_json(data: Any) -> None:
    """JSON on stdout: UTF-8 as is (no \\u escapes), two-space indent, one trailing newline."""
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def console() -> "Console":
    """The stdout console; Rich drops colours for pipes, files, NO_COLOR and TERM=dumb itself."""
    from rich.console import Console

    # On a terminal Rich takes its width; in a pipe or file there is no width to fit, so tables
    # keep their natural width instead of wrapping at Rich's fallback of 80 columns.
    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 200
    return Console(highlight=False, soft_wrap=False, width=width)


def show(renderable: "RenderableType") -> None:
    """Print a table or grid on stdout: as plain text where Rich would show no styles and the
    table can write itself (`FittedTable.plain_text`: the same characters, without Rich); either
    way without trailing spaces."""
    width = plain_width()
    plain = getattr(renderable, "plain_text", None)
    text = plain(width) if plain is not None and width is not None else None
    if text is None:
        shown = console()
        with shown.capture() as captured:
            shown.print(renderable)
        text = captured.get()
    sys.stdout.write(without_trailing_spaces(text))


def without_trailing_spaces(text: str) -> str:
    """Text with no spaces at the ends of its lines: Rich pads a table's title and last column
    to the table's width, which a file, `diff` or an e-mail keeps (the spaces before a line's
    closing escape codes, on a terminal that shows styles, too)."""
    import re

    return re.sub(r" +((?:\x1b\[[0-9;]*m)*)$", r"\1", text, flags=re.MULTILINE)


def plain_width() -> int | None:
    """The width of `console()` when it would write no escape codes at all, else None: Rich's
    own decision (`Console.is_terminal`, its width, its box characters), read the way Rich reads
    it. Anything unusual (a terminal, FORCE_COLOR, TTY_COMPATIBLE=1, a non-UTF-8 stdout,
    Windows, Jupyter, a COLUMNS that is no number) is left to Rich."""
    import builtins

    environ = os.environ
    if (
        sys.stdout.isatty()
        or sys.platform == "win32"
        or hasattr(builtins, "get_ipython")
        or not (getattr(sys.stdout, "encoding", None) or "utf-8").lower().startswith("utf")
    ):
        return None
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible == "1" or (compatible != "0" and environ.get("FORCE_COLOR")):
        return None
    columns = environ.get("COLUMNS")
    if not columns:
        return 200  # as `console()` sets it for a pipe or a file
    return int(columns) if columns.isdigit() else None


def warn_held_later(path: "Path", later: "Sequence[Problem]") -> None:
    """Say on stderr the meetings recorded as held after today, in the file's error form, and
    that the file is read all the same (`core.heldlater`)."""
    from netzwerk_cli.errors import NetworkFileError
    from netzwerk_cli.message import N_, fact

    hint = fact(
        N_(
            "Read as it is all the same; correct the date in the file, or take back the change "
            'that wrote it with "netzwerk undo". "netzwerk validate" fails until then.'
        )
    )
    say("netzwerk: " + terminal_words().error(NetworkFileError(str(path), later, hint=hint)))
