"""Helpers shared by the tests of the writing commands (this module holds no tests itself)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app

from .conftest import TODAY


def run(runner: CliRunner, path: Path, *args: str, today: dt.date = TODAY) -> Result:
    """Run a command on the network file at `path`, with `--today` fixed."""
    return runner.invoke(app, [*args, "--file", str(path), "--today", today.isoformat()])


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes, modification time and permission bits."""

    data: bytes
    mtime_ns: int
    mode: int


def snapshot(path: Path) -> Snapshot:
    """What must stay the same when a command refuses."""
    info = path.stat()
    return Snapshot(path.read_bytes(), info.st_mtime_ns, info.st_mode)


def assert_untouched(path: Path, before: Snapshot) -> None:
    """Same bytes, same mtime, same mode, and no temporary file left beside it."""
    assert snapshot(path) == before
    assert leftovers(path) == []


def leftovers(path: Path) -> list[str]:
    """Files beside `path` other than itself, its lock file and its undo record."""
    allowed = {path.name, f".{path.name}.lock", f".{path.name}.undo"}
    return sorted(p.name for p in path.parent.iterdir() if p.name not in allowed)


def refused(result: Result, message: str) -> None:
    """Exit 1, the message on stderr (after 'netzwerk: '), nothing on stdout."""
    assert result.exit_code == 1, result.output
    assert result.stderr == f"netzwerk: {message}\n"
    assert result.stdout == ""
