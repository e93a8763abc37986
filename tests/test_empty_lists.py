"""An empty list says what is empty and what to do, in the reader's language, instead of a bare
header; `--json` stays an empty list and CSV and Markdown keep their header row. And no table line
ends in spaces, whoever draws it (our plain writer in a pipe, or Rich)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app

TODAY = "2026-11-24"
NO_MEMBERS = {
    "en": "The network has no members yet. Add one with "
    "`netzwerk member add ID --name NAME --seat PLACE --state STATE`.\n",
    "de": "Das Netzwerk hat noch keine Mitglieder. Tragen Sie eines mit "
    "„netzwerk member add KÜRZEL --name NAME --seat ORT --state LAND“ ein.\n",
}


def run(path: Path, *args: str, lang: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "-f", str(path), "--today", TODAY, "--lang", lang])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def no_members(tmp_path: Path) -> Path:
    path = tmp_path / "network.toml"
    path.write_text('[network]\nname = "Netzwerk"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("command", ["members", "schedule"])
def test_no_members_says_how_to_add_one(no_members: Path, command: str, lang: str) -> None:
    assert run(no_members, command, lang=lang) == (0, NO_MEMBERS[lang], "")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "No meeting has been recorded yet. Record one that was held with "
            "`netzwerk record DATE`.\n",
        ),
        (
            "de",
            "Bisher ist kein Treffen eingetragen. Ein Treffen, das stattgefunden hat, tragen Sie "
            "mit „netzwerk record DATUM“ ein.\n",
        ),
    ],
)
def test_no_history_says_how_to_record_a_meeting(
    write_network: Callable[..., Path], lang: str, said: str
) -> None:
    # A planned meeting is no history yet.
    path = write_network('[[meetings]]\ndate = 2027-04-07\nhost = "HEF"\nstatus = "planned"\n')
    assert run(path, "history", lang=lang) == (0, said, "")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "No meeting held or cancelled matches --since 2030-01-01, --host FD.\n"),
        (
            "de",
            "Kein Treffen, das stattgefunden hat oder abgesagt wurde, passt zu "
            "--since 01.01.2030, --host FD.\n",
        ),
    ],
)
def test_a_history_filtered_to_nothing_names_the_filters(
    network_file: Path, lang: str, said: str
) -> None:
    args = ("history", "--since", "2030-01-01", "--host", "FD")
    assert run(network_file, *args, lang=lang) == (0, said, "")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "No meeting is planned, and the file sets no cadence. Plan one with "
            '`netzwerk plan DATE`, or say when the network meets: `netzwerk cadence "2nd '
            'Tuesday in March, July and November"`.\n',
        ),
        (
            "de",
            "Es ist kein Treffen geplant, und die Datei legt keinen Terminrhythmus fest. "
            "Planen Sie eines mit „netzwerk plan DATUM“, oder legen Sie fest, wann sich das "
            'Netzwerk trifft: „netzwerk cadence "2. Dienstag im März, Juli und November"“.\n',
        ),
    ],
)
def test_a_schedule_without_cadence_or_plan_says_how_to_get_one(
    write_network: Callable[..., Path], lang: str, said: str
) -> None:
    # The sentence says it all: no second note about the cadence on stderr.
    assert run(write_network(), "schedule", lang=lang) == (0, said, "")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "No coming meeting up to 2026-11-25; a later --until shows more.\n"),
        (
            "de",
            "Bis zum 25.11.2026 ist kein Treffen vorgesehen; ein späteres --until zeigt mehr.\n",
        ),
    ],
)
def test_a_schedule_cut_short_by_until_says_so(network_file: Path, lang: str, said: str) -> None:
    assert run(network_file, "schedule", "--until", "2026-11-25", lang=lang) == (0, said, "")


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("command", ["members", "history", "schedule"])
def test_json_csv_and_markdown_of_an_empty_list_stay_data(
    no_members: Path, command: str, lang: str
) -> None:
    code, out, _ = run(no_members, command, "--json", lang=lang)
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run(no_members, command, "--format", "csv", lang=lang)
    assert code == 0 and out.startswith("\ufeff") and out.count("\n") == 1  # the header alone
    code, out, _ = run(no_members, command, "--format", "markdown", lang=lang)
    assert code == 0 and out.count("\n") == 2 and out.startswith("| ")  # header and separator


# --- no trailing spaces ---------------------------------------------------------------------


def table_lines(
    path: Path, command: str, lang: str, monkeypatch: pytest.MonkeyPatch, **env: str
) -> list[str]:
    with monkeypatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        code, out, _ = run(path, command, lang=lang)
    assert code == 0
    return out.splitlines()


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("command", ["members", "history", "schedule"])
@pytest.mark.parametrize(
    "env",
    [
        {},  # a pipe: our plain writer
        {"COLUMNS": "60"},  # narrow: Rich wraps the cells
        {"FORCE_COLOR": "1"},  # styles: Rich, with escape codes at the ends of lines
    ],
    ids=["plain", "narrow", "styled"],
)
def test_no_table_line_ends_in_spaces(
    network_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    lang: str,
    env: dict[str, str],
) -> None:
    import re

    lines = table_lines(network_file, command, lang, monkeypatch, **env)
    assert len(lines) > 3
    plain = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in lines]
    assert [line for line in plain if line != line.rstrip()] == []
    if env.get("FORCE_COLOR"):
        assert any("\x1b[" in line for line in lines)  # it was Rich that drew it


def test_rich_and_the_plain_writer_still_print_the_same_table(
    network_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = sys.modules["netzwerk_cli.cli.terminal"]
    plain = table_lines(network_file, "members", "de", monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(terminal, "plain_width", lambda: None)
        drawn_by_rich = table_lines(network_file, "members", "de", monkeypatch)
    assert plain == drawn_by_rich


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "1 planned meeting has passed (2026-11-04): record or cancel it (`netzwerk remind` "
            "says how).",
        ),
        (
            "de",
            "1 geplantes Treffen liegt in der Vergangenheit (04.11.2026); tragen Sie es ein oder "
            "sagen Sie es ab („netzwerk remind“ sagt, wie).",
        ),
    ],
)
def test_an_empty_schedule_names_the_planned_meetings_that_have_passed(
    write_network: Callable[..., Path], lang: str, said: str
) -> None:
    """The review found `schedule` saying nothing was planned while a planned meeting waited to
    be recorded: it is named, with what to do."""
    path = write_network('[[meetings]]\ndate = 2026-11-04\nhost = "FD"\nstatus = "planned"\n')
    code, out, _ = run(path, "schedule", lang=lang)
    assert code == 0
    assert " ".join(out.split()).endswith(said)
