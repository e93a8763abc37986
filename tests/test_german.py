"""netzwerk in German: under LANG=de_DE.UTF-8 every command, error and help speaks German, while
--json stays English and the calendar speaks the network's own language."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app

from .conftest import BUNDLED
from .messages import help_texts

TODAY = "2026-11-24"
REFORMATION = 'cadence = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31"\n'


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    """A German desktop: the locale says de_DE.UTF-8, nothing else chooses a language."""
    monkeypatch.delenv("NETZWERK_LANG")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("german")
def test_next_host(network_file: Path) -> None:
    code, out, _ = run("next-host", "-f", str(network_file), "--today", TODAY)
    assert code == 0
    assert out == (
        "Nächster Gastgeber: Werra-Meißner-Kreis (ESW)\n"
        "Ort:                Eschwege\n"
        "Datum:              07.04.2027 (Mi), nächster Termin nach dem Terminrhythmus "
        "(in der Datei noch kein Datum)\n"
        "Grund:              Werra-Meißner-Kreis ist Gastgeber des in der Datei (noch ohne "
        "Datum) geplanten Treffens; der Terminrhythmus schlägt dafür den 07.04.2027 vor.\n"
    )


@pytest.mark.usefixtures("german")
def test_next_host_says_why_in_a_round(write_network: Callable[..., Path]) -> None:
    path = write_network('[[meetings]]\ndate = 2024-11-06\nhost = "HEF"\n')
    _, out, _ = run("next-host", "-f", str(path), "--today", TODAY)
    assert "Grund:              Wartburgkreis war in dieser Runde noch nicht Gastgeber; " in out
    assert "bisher in dieser Runde: Landkreis Hersfeld-Rotenburg." in out
    assert "Datum:              noch nicht festgelegt\n" in out


@pytest.mark.usefixtures("german")
def test_members(network_file: Path) -> None:
    code, out, _ = run("members", "-f", str(network_file), "--today", TODAY)
    assert code == 0
    assert "Netzwerk Integration: Mitglieder in der Reihenfolge des Turnus" in out
    for word in ("Mitglied", "Sitz", "Land", "Ausgerichtet", "Zuletzt", "Jetzt", "möglich"):
        assert word in out
    assert "06.11.2024" in out and "04.2024" in out and "nie" in out and " ja\n" in out
    assert "never" not in out and "yes" not in out


@pytest.mark.usefixtures("german")
def test_history(network_file: Path) -> None:
    code, out, _ = run("history", "-f", str(network_file), "--today", TODAY)
    assert code == 0
    assert "Netzwerk Integration: bisherige Treffen" in out
    assert "06.11.2024" in out and "stattgefunden" in out and "2. Treffen" in out
    assert "held" not in out


@pytest.mark.usefixtures("german")
def test_schedule_with_a_reformation_day_move(write_network: Callable[..., Path]) -> None:
    path = write_network(header=REFORMATION)
    code, out, _ = run("schedule", "-f", str(path), "--today", "2025-10-01", "--count", "2")
    assert code == 0
    assert "Netzwerk Integration: kommende Treffen" in out
    assert "Mo\N{NO-BREAK SPACE}03.11.2025" in out  # the weekday held to its date
    assert "vorgeschlagen" in out
    # The holiday's German name comes from the `holidays` package itself.
    assert "verschoben vom 31.10.2025: Reformationstag (TH)" in " ".join(out.split())
    assert "Reformation Day" not in out


@pytest.mark.usefixtures("german")
def test_schedule_dropped_dates_and_the_note_on_stderr(write_network: Callable[..., Path]) -> None:
    path = write_network(header='cadence = "FREQ=MONTHLY;BYMONTHDAY=31"\nholidays = "skip"\n')
    _, out, _ = run("schedule", "-f", str(path), "--today", "2025-10-01", "--count", "1")
    assert "entfällt" in out and "Feiertag: Reformationstag (TH)" in " ".join(out.split())
    plain = write_network('[[meetings]]\ndate = 2027-04-07\nhost = "HEF"\nstatus = "planned"\n')
    _, _, err = run("schedule", "-f", str(plain), "--today", TODAY)
    assert err == (
        "Die Datei legt keinen Terminrhythmus fest; deshalb sind nur die geplanten Treffen "
        "aufgeführt.\n"
    )


@pytest.mark.usefixtures("german")
def test_remind(network_file: Path) -> None:
    code, out, _ = run("remind", "-f", str(network_file), "--today", "2027-03-01")
    assert code == 0
    assert out == (
        "Das Treffen mit Gastgeber Werra-Meißner-Kreis (ESW) ist ohne Datum geplant\n"
        "(Ort: Eschwege); der Terminrhythmus schlägt den 07.04.2027 (Mi) vor (in 37\n"
        "Tagen). Stimmen Sie Datum und Ort mit dem Gastgeber ab und legen Sie beides\n"
        "mit „netzwerk plan 07.04.2027“ fest („--venue ORT“ für einen anderen Ort,\n"
        "„--time UHRZEIT“ für eine Anfangszeit).\n"
    )


@pytest.mark.usefixtures("german")
def test_validate(network_file: Path) -> None:
    code, out, _ = run("validate", "-f", str(network_file), "--today", TODAY)
    assert code == 0
    assert out == (
        f"{network_file} ist gültig: Netzwerk Integration, 4 Mitglieder, 3 Treffen "
        "(2 stattgefunden, 1 geplant, 0 abgesagt)\n"
    )


@pytest.mark.usefixtures("german")
def test_every_problem_of_a_file_in_german_with_its_place_as_written(tmp_path: Path) -> None:
    path = tmp_path / "n.toml"
    path.write_text(
        '[network]\nname = "N"\nlanguage = "fr"\nrotaton = "order"\n'
        '[[members]]\nid = "A"\nname = "A"\nseat = "S"\nstate = "XX"\n'
        '[[meetings]]\ndate = 2024-11-06\nhost = "B"\n',
        encoding="utf-8",
    )
    code, out, err = run("validate", "-f", str(path))
    assert (code, out) == (1, "")
    assert err == (
        f"netzwerk: {path}: 4 Probleme:\n"
        "  - [network]: unbekannter Schlüssel „rotaton“ (meinten Sie „rotation“?)\n"
        '  - [network]: language „fr“ ist keiner der zulässigen Werte "de", "en"\n'
        "  - members[1] (A): state „XX“ ist kein Kürzel eines Bundeslandes (BB, BE, BW, BY, "
        "HB, HE, HH, MV, NI, NW, RP, SH, SL, SN, ST, TH)\n"
        # The place keeps the file's ISO date: the coordinator searches the file for it.
        "  - meetings[1] (2024-11-06): host „B“ ist kein Mitglied (Mitglieder: A)\n"
    )


@pytest.mark.usefixtures("german")
@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (
            ("next-host", "-f", "missing.toml"),
            1,
            "netzwerk: missing.toml: Datei nicht gefunden\nLegen Sie mit „netzwerk init“ eine an, "
            "oder nennen Sie Ihre Datei mit --file DATEI oder NETZWERK_FILE.\n",
        ),
        (
            ("history", "--host", "XX"),
            1,
            "netzwerk: „XX“ ist kein Mitglied (Mitglieder: HEF, WAK, ESW, FD)\n",
        ),
        (
            ("cancel", "2030-01-01"),
            1,
            "netzwerk: Am 01.01.2030 ist kein Treffen geplant (das geplante Treffen hat noch kein Datum)\n",
        ),
        (
            ("record", "2030-01-01"),
            1,
            "netzwerk: der 01.01.2030 liegt in der Zukunft (heute ist der 24.11.2026): Tragen Sie ein Treffen "
            "erst ein, wenn es stattgefunden hat; ein kommendes planen Sie mit „netzwerk plan“\n",
        ),
        (
            ("plan", "2026-11-30", "--host", "XX"),
            1,
            "netzwerk: „XX“ ist kein Mitglied (Mitglieder: HEF, WAK, ESW, FD)\n",
        ),
    ],
)
def test_errors_in_german(
    network_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    code: int,
    expected: str,
) -> None:
    monkeypatch.chdir(network_file.parent)
    result = CliRunner().invoke(app, [*args, "--today", TODAY])
    assert (result.exit_code, result.stderr) == (code, expected)


@pytest.mark.usefixtures("german")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("schedule", "--bogus"), "Fehler: Unbekannte Option: --bogus\n"),
        (
            ("schedule", "--count", "0"),
            "Fehler: Ungültiger Wert für „--count“ / „-n“: Der Wert muss mindestens 1 sein\n",
        ),
        (("schedule", "--count"), "Fehler: Die Option „--count“ braucht einen Wert.\n"),
        (
            ("schedule", "--format", "xls"),
            "Fehler: Ungültiger Wert für „--format“: „xls“ ist "
            "keiner der zulässigen Werte „table“, „json“, „csv“, „markdown“.\n",
        ),
        (
            ("next-host", "--today", "31.02.2026"),
            "Fehler: Ungültiger Wert für „--today“ "
            "(Umgebungsvariable: „NETZWERK_TODAY“): den 31. Februar 2026 gibt es nicht "
            "(der Februar 2026 hat 28 Tage)\n",
        ),
        (("member", "add"), "Fehler: Argument „KÜRZEL“ fehlt.\n"),
        (("scedule",), "Fehler: Unbekannter Befehl „scedule“. Meinten Sie „schedule“?\n"),
    ],
)
def test_click_speaks_german_too(
    network_file: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str
) -> None:
    monkeypatch.chdir(network_file.parent)  # its network.toml is the default file
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 2
    lines = result.stderr.splitlines(keepends=True)
    assert lines[-1] == message
    if len(lines) > 1:  # click shows the usage where it knows the command
        assert lines[0].startswith("Aufruf: netzwerk")
        assert lines[1].startswith("Hilfe erhalten Sie mit „netzwerk")


def all_help_commands() -> list[list[str]]:
    return [
        [],
        *[
            [name]
            for name in (
                "next-host",
                "members",
                "history",
                "schedule",
                "export",
                "remind",
                "record",
                "plan",
                "cancel",
                "member",
                "init",
                "validate",
            )
        ],
        ["member", "add"],
        ["member", "edit"],
        ["member", "leave"],
        ["member", "rejoin"],
        ["member", "remove"],
    ]


@pytest.mark.usefixtures("german")
@pytest.mark.parametrize("command", all_help_commands(), ids=lambda c: " ".join(c) or "netzwerk")
def test_help_is_german_from_the_first_line_to_the_last(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert result.stdout.startswith("Aufruf: netzwerk")
    assert "Optionen:" in text and "Diese Hilfe anzeigen und beenden." in text
    for english in (
        "Usage:",
        "Options:",
        "Arguments:",
        "Show this message",
        "Commands:",
        "[env var",
        "default:",
        "[OPTIONS]",
        "<str>",
        "<path>",
        "<date>",
        "<int",
        "required]",
    ):
        assert english not in text
    # No English help text of any command or option is left in between.
    for english in help_texts():
        first_words = " ".join(english.split()[:5])
        assert first_words not in text, first_words


@pytest.mark.usefixtures("german")
def test_the_root_help_lists_the_commands_in_german() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert "Befehle:" in result.stdout
    assert "Wer das nächste Treffen ausrichtet" in result.stdout
    assert "--lang <de|en>" in result.stdout


def test_help_follows_lang_whatever_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    english = CliRunner().invoke(app, ["schedule", "--help", "--lang", "en"]).stdout
    assert english.startswith("Usage: netzwerk schedule") and "Show this message" in english
    monkeypatch.setenv("LANG", "C")
    german = CliRunner().invoke(app, ["schedule", "--help", "--lang", "de"]).stdout
    assert german.startswith("Aufruf: netzwerk schedule")


# --- what stays the same in every language ----------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["next-host", "--json"],
        ["members", "--json"],
        ["history", "--json"],
        ["schedule", "--json", "--count", "6"],
        ["remind", "--json", "--today", "2027-03-01"],
    ],
)
def test_json_is_byte_for_byte_the_same_in_german_and_english(
    write_network: Callable[..., Path], command: list[str]
) -> None:
    path = write_network('[[meetings]]\ndate = 2024-11-06\nhost = "HEF"\n', header=REFORMATION)
    outputs = {
        lang: CliRunner()
        .invoke(app, [*command, "-f", str(path), "--today", "2025-10-01", "--lang", lang])
        .stdout_bytes
        for lang in ("de", "en")
    }
    assert outputs["de"] == outputs["en"]
    assert b"Reformation Day (TH)" in outputs["de"] or command[0] not in ("schedule", "next-host")
    json.loads(outputs["de"])


def unfolded(calendar: str) -> str:
    """iCalendar text with its folded lines joined and its commas unescaped."""
    return calendar.replace("\r\n", "\n").replace("\n ", "").replace("\\,", ",")


def test_export_is_the_same_under_lang_c_and_a_german_locale(
    network_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETZWERK_LANG")
    calendars = []
    for locale in ("C", "de_DE.UTF-8"):
        monkeypatch.setenv("LANG", locale)
        result = CliRunner().invoke(app, ["export", "-f", str(network_file), "--today", TODAY])
        assert result.exit_code == 0
        calendars.append(result.stdout_bytes)
    assert calendars[0] == calendars[1]
    # The bundled network's language is German: so are the texts it shares.
    text = unfolded(calendars[0].decode("utf-8"))
    assert "Vom Terminrhythmus des Netzwerks vorgeschlagener Termin, noch nicht festgelegt." in text


def test_the_calendar_speaks_the_networks_language_not_the_readers(
    write_network: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_network(header=REFORMATION + 'language = "en"\n')
    monkeypatch.setenv("NETZWERK_LANG", "de")
    out = CliRunner().invoke(app, ["export", "-f", str(path), "--today", "2025-10-01"]).stdout
    assert "Date proposed by the network's cadence, not fixed yet." in unfolded(out)
    assert "Moved from 2025-10-31: public holiday Reformation Day (TH)." in unfolded(out)
    german = write_network(header=REFORMATION + 'language = "de"\n')
    out = CliRunner().invoke(app, ["export", "-f", str(german), "--today", "2025-10-01"]).stdout
    assert "Verschoben vom 31.10.2025: Feiertag Reformationstag (TH)." in unfolded(out)


@pytest.mark.usefixtures("german")
def test_csv_for_a_german_reader_keeps_iso_dates(network_file: Path) -> None:
    result = CliRunner().invoke(
        app, ["history", "--format", "csv", "-f", str(network_file), "--today", TODAY]
    )
    lines = result.stdout_bytes.decode("utf-8").lstrip("\ufeff").splitlines()
    assert lines[0] == (
        "Datum;Beginn;Gastgeber;Name des Gastgebers;Ort;Status;Titel;Notizen;Teilnahme;Beschreibung"
    )
    assert lines[2].startswith("2024-11-06;;WAK;Wartburgkreis;Bad Salzungen;stattgefunden;")


def test_the_bundled_file_is_german_and_init_writes_the_readers_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from netzwerk_cli.file.store import read_network
    from netzwerk_cli.model import Language

    assert 'language = "de"' in BUNDLED.read_text(encoding="utf-8")
    for variable in ("NETZWERK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for extra, language in (([], Language.EN), (["--lang", "de"], Language.DE)):
        target = tmp_path / f"new-{language.value}.toml"
        assert CliRunner().invoke(app, ["init", "-f", str(target), *extra]).exit_code == 0
        assert read_network(target, today=dt.date(2026, 1, 1)).language is language


# --- every fault of the store's tests, said in German ------------------------------------------


def _store_cases() -> list[tuple[str, str]]:
    """The faulty files of tests/test_store.py, each with the English problem it asserts."""
    from . import test_store
    from .conftest import network_text

    cases: list[tuple[str, str]] = []
    for test, wrap in (
        (test_store.test_network_table_faults, lambda t: t),
        (test_store.test_member_faults, lambda t: network_text(members=f"[[members]]\n{t}")),
        (test_store.test_meeting_faults, lambda t: network_text(f"[[meetings]]\n{t}")),
    ):
        for mark in test.pytestmark:  # type: ignore[attr-defined]
            cases.extend((wrap(text), expected) for text, expected in mark.args[1])
    return cases


@pytest.mark.parametrize(("text", "english"), _store_cases())
def test_every_fault_of_the_store_tests_is_german_with_the_same_place(
    text: str, english: str
) -> None:
    import datetime as dt

    from netzwerk_cli.errors import NetworkFileError
    from netzwerk_cli.file.store import parse_network
    from netzwerk_cli.model import Language
    from netzwerk_cli.words import words

    with pytest.raises(NetworkFileError) as caught:
        parse_network(text, source="n.toml", today=dt.date(2026, 11, 24))
    found = caught.value.found
    said_en = words(Language.EN)
    said_de = words(Language.DE)
    (problem,) = [p for p in found if said_en.problem(p.where, p.what).startswith(english)]
    in_german = said_de.problem(problem.where, problem.what)
    in_english = said_en.problem(problem.where, problem.what)
    assert in_german != in_english
    # The place is the file's, in both languages (ISO dates included) ...
    place = in_english.split(": ", 1)[0] if problem.where is not None else ""
    assert in_german.startswith(place.replace("the file", "die Datei"))
    # ... and the sentence is German: its English words are gone, but for the file's own keys
    # (`rotation`, `joined`: they are what the coordinator writes). The reasons of Python's TOML
    # reader are German too (tests/test_toml_reasons.py has each of them).
    from netzwerk_cli.file import store

    keys = {*store.NETWORK_KEYS, *store.MEMBER_KEYS, *store.MEETING_KEYS, "IANA", "true", "false"}
    sentence = in_english[len(place) :]
    english_words = {w for w in sentence.split() if w.isalpha() and len(w) > 3} - keys
    assert not english_words & set(in_german.split()), in_german


@pytest.mark.usefixtures("german")
def test_the_hostile_files_messages_are_german_too(tmp_path: Path) -> None:
    path = tmp_path / "n.toml"
    path.write_text(
        '[network]\nname = "N\\u001b[31m"\ntimezone = "Europe/Berlin"\nstart = 02:30:00\n'
        '[[members]]\nid = "A"\nname = "A"\nseat = "S"\nstate = "HE"\n'
        '[[meetings]]\ndate = 2027-03-28\nhost = "A"\n',
        encoding="utf-8",
    )
    _, _, err = run("validate", "-f", str(path))
    assert err == f"netzwerk: {path}: [network]: name enthält ein Steuerzeichen (U+001B)\n"
    path.write_text(path.read_text(encoding="utf-8").replace("\\u001b[31m", ""), encoding="utf-8")
    _, _, err = run("validate", "-f", str(path))
    assert err == (
        f"netzwerk: {path}: meetings[1] (2027-03-28): 28.03.2027 02:30 gibt es in Europe/Berlin "
        "nicht (die Uhren springen von 02:00 auf 03:00); betroffen ist die Anfangszeit des Netzwerks\n"
    )
    _, _, err = run("validate", "-f", str(tmp_path))
    assert err.startswith(f"netzwerk: {tmp_path}: ist ein Ordner, keine Datei\n")
