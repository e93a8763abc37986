"""A run with nothing to do: silent for cron (no terminal), one line for a person at a terminal,
in the reader's language (the newcomer could not tell "done already" from "did nothing")."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import trust
from .test_edit_support import run

APP = importlib.import_module("netzwerk_cli.cli.terminal")
MAIL = '[mail]\nfrom = "Koordination <k@example.de>"\n'


@pytest.mark.parametrize("terminal", [False, True])
def test_invite_with_nothing_to_send_tells_only_a_terminal(
    runner: CliRunner,
    write_network: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
) -> None:
    members = (
        '[[members]]\nid = "ESW"\nname = "Werra-Meißner-Kreis"\nseat = "Eschwege"\n'
        'state = "HE"\ncontacts = ["Anna <anna@esw.example>"]\n'
    )
    path = write_network(
        MAIL + '[[meetings]]\ndate = 2027-04-07\nhost = "ESW"\nstatus = "planned"\n',
        members=members,
    )
    outbox = str(tmp_path / "out")
    assert run(runner, path, "invite", "--outbox", outbox).exit_code == 0
    monkeypatch.setattr(APP, "person_at_terminal", lambda: terminal)
    again = run(runner, path, "invite", "--outbox", outbox, "--lang", "de")
    assert again.exit_code == 0 and again.stdout == ""
    if terminal:
        assert again.stderr.startswith("Nichts zu verschicken")
    else:
        assert again.stderr == ""


@pytest.mark.parametrize("terminal", [False, True])
def test_publish_with_nothing_to_publish_tells_only_a_terminal(
    runner: CliRunner,
    write_network: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
) -> None:
    path = write_network('[publish]\nfolder = "www"\n')
    trust(path)
    assert run(runner, path, "publish").exit_code == 0
    monkeypatch.setattr(APP, "person_at_terminal", lambda: terminal)
    again = run(runner, path, "publish", "--lang", "de")
    assert again.exit_code == 0 and again.stdout == ""
    if terminal:
        assert again.stderr.startswith("Nichts zu veröffentlichen")
    else:
        assert again.stderr == ""
