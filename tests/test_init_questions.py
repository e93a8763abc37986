"""`netzwerk init` on a terminal: the questions, in the reader's language, and the file they give;
in a script (--no-input, or stdin no terminal) the options instead."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.file.store import read_network
from netzwerk_cli.model import Language

from .conftest import ROOT

TODAY = dt.date(2026, 12, 6)


def init(path: Path, *args: str, answers: list[str] | None = None) -> Result:
    text = None if answers is None else "".join(f"{a}\n" for a in answers)
    return CliRunner().invoke(
        app, ["init", "-f", str(path), "--today", TODAY.isoformat(), *args], input=text
    )


GERMAN_ANSWERS = [
    "Netzwerk Donau-Iller",  # name
    "",  # language: the reader's (German)
    "NU",
    "Landkreis Neu-Ulm",
    "Neu-Ulm",
    "by",  # the state in lower case: taken as BY
    "UL",
    "Alb-Donau-Kreis",
    "Ulm",
    "XX",  # no state: the state is asked again
    "BW",
    "",  # no more members
    "jeden 2. Dienstga im März",  # not understood: asked again
    "jeden 2. Dienstag im März, Juli und November",
    "ja",
    "10.00",  # not a time (here): asked again
    "10:00",
]


def test_init_asks_in_german_and_writes_a_german_file(tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    result = init(path, "--interactive", "--lang", "de", answers=GERMAN_ANSWERS)
    assert result.exit_code == 0, result.output
    asked = result.stderr
    for question in (
        "Name des Netzwerks [Netzwerk]: ",
        "Sprache des Netzwerks (de oder en) [de]: ",
        "Kürzel des Mitglieds (z. B. HEF; leer: fertig): ",
        "Bundesland, als Kürzel oder Name (z. B. HE oder Hessen): ",
        "Wann trifft sich das Netzwerk? In Worten, z. B. „jeden 2. Dienstag im März, Juli und "
        "November“ (leer: noch offen): ",
        "Stimmt das? [J/n]: ",
        "Übliche Anfangszeit, z. B. 10:00 (leer: keine): ",
    ):
        assert question.rstrip() in asked  # click leaves the prompt's last space to the echo
    assert "„XX“ ist kein deutsches Bundesland" in asked
    assert "nicht verstanden: „Dienstga“." in asked
    assert "Nächste Termine: Di 09.03.2027, Di 13.07.2027, Di 09.11.2027, " in asked
    assert asked.endswith(f"{path} wurde angelegt.\n")
    # No English sentence among the questions and answers (the file's path aside).
    english = re.compile(r"\b(the|of|and|member|when|usual|empty|wrote)\b", re.IGNORECASE)
    assert english.findall(asked.replace(str(path), "")) == []
    text = path.read_text(encoding="utf-8")
    assert "# Die Netzwerkdatei, gelesen von `netzwerk`." in text
    assert 'language = "de"                 # die Sprache der Kalendertexte' in text
    assert 'cadence = "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU"\n' in text
    assert "start = 10:00:00                # die übliche Anfangszeit" in text
    network = read_network(path, today=TODAY)
    assert network.name == "Netzwerk Donau-Iller"
    assert network.language is Language.DE
    assert [(m.id, m.name, m.seat, m.state) for m in network.members] == [
        ("NU", "Landkreis Neu-Ulm", "Neu-Ulm", "BY"),
        ("UL", "Alb-Donau-Kreis", "Ulm", "BW"),
    ]
    assert network.start == dt.time(10)


def test_init_asks_in_english_and_a_date_list_can_be_declined(tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    answers = [
        "",  # the default name
        "EN",
        "HEF",
        "Landkreis Hersfeld-Rotenburg",
        "Bad Hersfeld",
        "HE",
        "",
        "every second Tuesday",  # two ways to read it: asked again
        "every three months on the first Wednesday",
        "no",  # not these dates: asked again
        "every two weeks on Monday",
        "",  # yes
        "",  # no start time
    ]
    result = init(path, "--interactive", answers=answers)
    assert result.exit_code == 0, result.output
    assert "this can be read two ways" in result.stderr
    assert "Next dates: Wed 2027-03-03, Wed 2027-06-02, " in result.stderr
    assert "Is that right? [Y/n]:" in result.stderr
    network = read_network(path, today=TODAY)
    assert (network.name, network.language) == ("Netzwerk", Language.EN)
    assert network.cadence == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
    assert network.cadence_start == TODAY  # the dates shown stay the dates it gives
    assert network.start is None
    assert [m.id for m in network.members] == ["HEF"]
    text = path.read_text(encoding="utf-8")
    assert "# The network file, read by `netzwerk`." in text
    assert "# start = 10:00:00              # the usual start time" in text


def test_a_terminal_is_asked_without_the_flag_and_no_input_asks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netzwerk_cli.cli import setup

    monkeypatch.setattr(setup, "stdin_is_terminal", lambda: True)
    asked = tmp_path / "asked.toml"
    result = init(asked, answers=["Netz", "", "", "", ""])
    assert result.exit_code == 0, result.output
    assert "The network's name [Netzwerk]:" in result.stderr
    assert read_network(asked, today=TODAY).name == "Netz"
    quiet = tmp_path / "quiet.toml"
    result = init(quiet, "--no-input", "--name", "Still")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {quiet}; add members with `netzwerk member add`.\n"
    assert read_network(quiet, today=TODAY).name == "Still"


def test_a_script_gives_everything_as_options(tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    result = init(
        path,
        "--name", "Netzwerk Süd",
        "--language", "de",
        "--member", "NU;Landkreis Neu-Ulm;Neu-Ulm;BY",
        "--member", "UL; Alb-Donau-Kreis ; Ulm ; bw",
        "--cadence", "alle drei Monate ab März am ersten Mittwoch",
        "--time", "09:30",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {path}.\n"  # the reader is English; the file is German
    network = read_network(path, today=TODAY)
    assert network.language is Language.DE
    assert network.cadence == "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=1WE"
    assert network.cadence_start is None
    assert network.start == dt.time(9, 30)
    assert [(m.id, m.state) for m in network.members] == [("NU", "BY"), ("UL", "BW")]
    assert "# Die Mitglieder, in der Reihenfolge des Turnus." in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "language", "comment"),
    [
        ([], Language.EN, "# The network file, read by `netzwerk`."),
        (["--lang", "de"], Language.DE, "# Die Netzwerkdatei, gelesen von `netzwerk`."),
    ],
)
def test_init_writes_the_readers_language_and_comments_in_it(
    tmp_path: Path, lang: list[str], language: Language, comment: str
) -> None:
    path = tmp_path / "network.toml"
    result = init(path, *lang)
    assert result.exit_code == 0, result.output
    directive, rest = path.read_text(encoding="utf-8").split("\n", 1)
    assert directive.startswith("#:schema file:")  # taplo's, for editors: the schema's path
    assert rest.startswith(comment)
    assert read_network(path, today=TODAY).language is language


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--member", "NU;Neu-Ulm"], 2, "'NU;Neu-Ulm' is not a member like"),
        (["--cadence", "jeden Dienstga"], 1, 'netzwerk: not understood: "Dienstga".'),
        (["--member", "NU;A;B;XX"], 1, "state 'XX' is not a German state code"),
    ],
)
def test_bad_options_write_nothing(
    tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    path = tmp_path / "network.toml"
    result = init(path, *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_refused_before_any_question(tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    path.write_text("keep", encoding="utf-8")
    result = init(path, "--interactive", "--lang", "de", answers=[])
    assert result.exit_code == 1
    assert "existiert bereits" in result.stderr
    assert "Name des Netzwerks" not in result.stderr
    assert path.read_text(encoding="utf-8") == "keep"


def test_a_wrong_state_is_asked_again_alone_and_a_name_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    answers = ["N", "", "NU", "Landkreis Neu-Ulm", "Neu-Ulm", "XX", "Bayern", "nu", "UL",
               "Alb-Donau-Kreis", "Ulm", "baden-württemberg", "", "", ""]  # fmt: skip
    result = init(path, "--interactive", "--lang", "de", answers=answers)
    assert result.exit_code == 0, result.output
    assert "„XX“ ist kein deutsches Bundesland" in result.stderr
    assert "nu ist schon Mitglied" not in result.stderr and "NU ist schon Mitglied" in result.stderr
    assert "Dieses Mitglied wurde nicht übernommen" not in result.stderr  # only the state again
    network = read_network(path, today=TODAY)
    assert [(m.id, m.state) for m in network.members] == [("NU", "BY"), ("UL", "BW")]


def test_two_members_whose_ids_differ_in_case_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    result = init(
        path, "--no-input", "--member", "NU;a;b;BY", "--member", "nu;c;d;Bayern", "--lang", "de"
    )
    assert result.exit_code == 2
    assert "NU ist schon Mitglied" in result.stderr
    assert not path.exists()


def test_options_given_on_a_terminal_are_the_answers_enter_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's init typed on a terminal asks its questions: Enter must keep what the options
    gave (the cadence was dropped: the file had none)."""
    from netzwerk_cli.cli import setup

    monkeypatch.setattr(setup, "stdin_is_terminal", lambda: True)
    path = tmp_path / "network.toml"
    options = ("--name", "Netz", "--language", "de", "--cadence", "jeden 1. Mittwoch im April")
    member = ("--member", "KS;Landkreis Kassel;Kassel;HE", "--time", "10:00")
    result = init(path, *options, *member, "--lang", "de", answers=[""] * 8)
    assert result.exit_code == 0, result.output
    assert "Nächste Termine: Mi 07.04.2027" in result.stderr
    network = read_network(path, today=TODAY)
    assert network.cadence == "FREQ=MONTHLY;BYMONTH=4;BYDAY=1WE"
    assert network.name == "Netz" and network.start == dt.time(10)
    assert [m.id for m in network.members] == ["KS"]


def test_init_speaks_the_language_it_writes_the_file_in_unless_the_reader_chose_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no language set (a server, cron, `env -i`), every later command speaks the file's
    language; `init --language de` writes that file, so it speaks German already."""
    monkeypatch.delenv("NETZWERK_LANG")
    german = init(tmp_path / "de.toml", "--language", "de", "--name", "X", "--no-input")
    assert german.exit_code == 0, german.output
    assert german.stderr.startswith(f"{tmp_path / 'de.toml'} wurde angelegt")
    chosen = CliRunner().invoke(
        app,
        ["--lang", "en", "init", "-f", str(tmp_path / "en.toml"), "--language", "de", "--no-input"],
    )
    assert chosen.stderr.startswith(f"Wrote {tmp_path / 'en.toml'}")


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_manual_shows_init_as_it_asks_and_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """The interactive `init` of "Getting started" (a `text` block, which the examples' test does
    not run: it needs a terminal), answered as the page answers it, prints what the page shows."""
    page = (ROOT / "docs" / language / "getting-started.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n\$ netzwerk init\n(.*?)```", page, re.DOTALL)
    assert block is not None
    shown, answers = [], []
    for line in block.group(1).splitlines():
        asked = re.fullmatch(r"(.*[)\]]:)(?: (.*))?", line)
        if asked is None:
            shown.append(line + "\n")
        else:
            shown.append(asked.group(1))  # the answer and its newline are the echo on stdout
            answers.append(asked.group(2) or "")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app,
        ["init", "--interactive", "--lang", language, "--today", "2026-11-24"],
        input="".join(f"{a}\n" for a in answers),
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == "".join(shown)
