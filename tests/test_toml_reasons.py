"""A file that is not TOML is said in the reader's language, with its line and column: every
reason of Python's TOML reader a person can meet by editing the file by hand."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from netzwerk_cli.errors import NetworkFileError
from netzwerk_cli.file import tomlreasons
from netzwerk_cli.file.store import parse_network
from netzwerk_cli.model import Language
from netzwerk_cli.words import words

TODAY = dt.date(2026, 11, 24)

# A broken file, tomllib's reason as it says it, and the message in English and in German.
CASES = [
    (
        '[network]\nlanguage = "de"\ntimezone = Europe/Berlin\n',
        "Invalid value",
        'n.toml, line 3, column 12: invalid value\nPut text in quotes: timezone = "Europe/Berlin"',
        "n.toml, Zeile 3, Spalte 12: ungültiger Wert\n"
        'Setzen Sie Text in Anführungszeichen: timezone = "Europe/Berlin"',
    ),
    (
        '[network]\nname = "N"\n!\n',
        "Invalid statement",
        "n.toml, line 3, column 1: invalid statement (a line holds key = value, [table] or "
        "[[array]])",
        "n.toml, Zeile 3, Spalte 1: ungültige Anweisung (eine Zeile enthält Schlüssel = Wert, "
        "[Tabelle] oder [[Liste]])",
    ),
    (
        '[network]\nname = "N\n',
        "Illegal character '\\n'",
        "n.toml, line 2, column 10: unclosed string (its closing quote is missing)",
        "n.toml, Zeile 2, Spalte 10: nicht geschlossene Zeichenkette (das schließende "
        "Anführungszeichen fehlt)",
    ),
    (
        '[network]\nname = "N',
        "Unterminated string",
        "n.toml, at its end: unclosed string (its closing quote is missing)",
        "n.toml, am Ende: nicht geschlossene Zeichenkette (das schließende Anführungszeichen "
        "fehlt)",
    ),
    (
        "[network]\nname = '''N\n",
        "Expected \"'''\"",
        "n.toml, at its end: unclosed string (its closing quote is missing)",
        "n.toml, am Ende: nicht geschlossene Zeichenkette (das schließende Anführungszeichen "
        "fehlt)",
    ),
    (
        '[network]\nname = "N"\n[[members]]\ncontacts = ["a", "b"\n',
        "Unclosed array",
        "n.toml, at its end: unclosed array (a comma or its closing ] is missing)",
        "n.toml, am Ende: nicht geschlossene Liste (ein Komma oder die schließende ] fehlt)",
    ),
    (
        '[network]\nname = "N"\nx = {a = 1\n',
        "Unclosed inline table",
        "n.toml, line 3, column 11: unclosed inline table (a comma or its closing } is missing)",
        "n.toml, Zeile 3, Spalte 11: nicht geschlossene eingebettete Tabelle (ein Komma oder die "
        "schließende } fehlt)",
    ),
    (
        '[network]\nname = "N"\nname = "M"\n',
        "Cannot overwrite a value",
        "n.toml, line 3, column 11: duplicate key (a value is set twice)",
        "n.toml, Zeile 3, Spalte 11: doppelter Schlüssel (ein Wert ist zweimal gesetzt)",
    ),
    (
        '[network]\nname = "N"\n[network]\nname = "M"\n',
        "Cannot declare ('network',) twice",
        "n.toml, line 3, column 9: the table [network] is declared twice",
        "n.toml, Zeile 3, Spalte 9: die Tabelle [network] ist zweimal angelegt",
    ),
    (
        '[network]\nname = "N"\n[network.mail]\n[network.mail]\n',
        "Cannot declare ('network', 'mail') twice",
        "n.toml, line 4, column 14: the table [network.mail] is declared twice",
        "n.toml, Zeile 4, Spalte 14: die Tabelle [network.mail] ist zweimal angelegt",
    ),
    (
        '[network]\nname "N"\n',
        "Expected '=' after a key in a key/value pair",
        "n.toml, line 2, column 6: = is missing after a key",
        "n.toml, Zeile 2, Spalte 6: nach einem Schlüssel fehlt =",
    ),
    (
        '[network]\nname = "N" "M"\n',
        "Expected newline or end of document after a statement",
        "n.toml, line 2, column 12: more after a value (one key = value per line)",
        "n.toml, Zeile 2, Spalte 12: nach einem Wert steht noch etwas (je Zeile ein Schlüssel = "
        "Wert)",
    ),
    (
        "[network]\nname = 'N'\n[.members]\n",
        "Invalid initial character for a key part",
        "n.toml, line 3, column 2: a key cannot start with this character",
        "n.toml, Zeile 3, Spalte 2: mit diesem Zeichen kann kein Schlüssel beginnen",
    ),
    (
        '[network\nname = "N"\n',
        "Expected ']' at the end of a table declaration",
        "n.toml, line 1, column 9: ] is missing after a table's name",
        "n.toml, Zeile 1, Spalte 9: nach dem Namen einer Tabelle fehlt ]",
    ),
    (
        '[network]\nname = "N"\n[[members\nid = "A"\n',
        "Expected ']]' at the end of an array declaration",
        "n.toml, line 3, column 10: ]] is missing after an array's name",
        "n.toml, Zeile 3, Spalte 10: nach dem Namen einer Liste fehlt ]]",
    ),
    (
        '[network]\nname = "N"\ncadence_start = 2024-02-30\n',
        "Invalid date or datetime",
        "n.toml, line 3, column 17: invalid date or time\n2024-02-30 is no day of the calendar",
        "n.toml, Zeile 3, Spalte 17: ungültiges Datum oder ungültige Uhrzeit\n"
        "Das Datum 2024-02-30 gibt es im Kalender nicht.",
    ),
    (
        '[network]\nname = "N\\q"\n',
        "Unescaped '\\' in a string",
        "n.toml, line 2, column 12: a backslash \\ in a string that starts no escape (write \\\\ "
        "for one)",
        "n.toml, Zeile 2, Spalte 12: ein umgekehrter Schrägstrich \\ in einer Zeichenkette, mit "
        "dem keine gültige Escape-Sequenz beginnt (für das Zeichen selbst \\\\ schreiben)",
    ),
    (
        '[network]\nname = "N\\u12"\n',
        "Invalid hex value",
        "n.toml, line 2, column 12: invalid \\u or \\U escape (it needs 4 or 8 hexadecimal digits)",
        "n.toml, Zeile 2, Spalte 12: ungültige Escape-Sequenz \\u oder \\U (sie braucht 4 bzw. "
        "8 Hexadezimalziffern)",
    ),
    (
        '[network]\nname = "N\\UFFFFFFFF"\n',
        "Escaped character is not a Unicode scalar value",
        "n.toml, line 2, column 20: a \\u or \\U escape that names no Unicode character",
        "n.toml, Zeile 2, Spalte 20: eine Escape-Sequenz \\u oder \\U, die kein Unicode-Zeichen "
        "bezeichnet",
    ),
    (
        '[network]\nname = "N"\nx = {a = 1}\nx.b = 2\n',
        "Cannot mutate immutable namespace ('network', 'x')",
        "n.toml, line 4, column 8: network.x is an inline table or array and cannot be extended",
        "n.toml, Zeile 4, Spalte 8: network.x ist eine eingebettete Tabelle oder Liste und kann "
        "nicht erweitert werden",
    ),
    (
        "[a.b]\n[a]\nb.c = 1\n",
        "Cannot redefine namespace ('a', 'b')",
        "n.toml, line 3, column 8: the table [a.b] is declared already and cannot be extended "
        "with a dotted key",
        "n.toml, Zeile 3, Spalte 8: die Tabelle [a.b] ist schon angelegt und kann nicht mit "
        "einem Schlüssel mit Punkt erweitert werden",
    ),
    (
        '[network]\nname = "N"\nx = {a = 1, a = 2}\n',
        "Duplicate inline table key 'a'",
        'n.toml, line 3, column 18: duplicate key "a" in an inline table',
        'n.toml, Zeile 3, Spalte 18: doppelter Schlüssel "a" in einer eingebetteten Tabelle',
    ),
    (
        '[network]\nname = "N\x07"\n',
        "Illegal character '\\x07'",
        'n.toml, line 2, column 10: character "U+0007" is not allowed',
        'n.toml, Zeile 2, Spalte 10: das Zeichen "U+0007" ist nicht erlaubt',
    ),
    (
        '[network]\nname = "N" # \x07\n',
        "Found invalid character '\\x07'",
        'n.toml, line 2, column 14: character "U+0007" is not allowed',
        'n.toml, Zeile 2, Spalte 14: das Zeichen "U+0007" ist nicht erlaubt',
    ),
]


def refusal(text: str) -> NetworkFileError:
    with pytest.raises(NetworkFileError) as caught:
        parse_network(text, source="n.toml", today=TODAY)
    return caught.value


@pytest.mark.parametrize(("text", "reason", "english", "german"), CASES)
def test_each_reason_in_english_and_german_with_its_place(
    text: str, reason: str, english: str, german: str
) -> None:
    # tomllib says it so (a new Python that words it otherwise shows here first) ...
    with pytest.raises(tomllib.TOMLDecodeError) as raw:
        tomllib.loads(text)
    assert str(raw.value).startswith(reason + " (at ")
    # ... and netzwerk says it in the reader's language.
    error = refusal(text)
    assert words(Language.EN).error(error) == english
    assert words(Language.DE).error(error) == german


@pytest.mark.parametrize(("text", "reason", "english", "german"), CASES)
def test_no_english_word_is_left_in_the_german(
    text: str, reason: str, english: str, german: str
) -> None:
    """Every word of the English sentence (of more than three letters) is gone in the German,
    and none of tomllib's own words is left either; only the file's own words stay."""
    error = refusal(text)
    said = words(Language.DE).error(error)
    english_words = {w.strip("()[],;:") for w in english.split()} | set(reason.split())
    english_words = {w for w in english_words if w.isalpha() and len(w) > 3}
    # The file's own words (a table's name: [network]) are said as the file writes them.
    english_words -= set(re.findall(r"[A-Za-z]+", text))
    assert english_words, english
    assert not english_words & {w.strip("()[],;:") for w in said.split()}, said


def test_every_reason_of_the_table_is_met_by_a_case() -> None:
    met = {reason for _, reason, _, _ in CASES}
    assert set(tomlreasons._FIXED) - {"Unterminated string"} <= met
    for pattern, _ in tomlreasons._WITH_VALUE:
        if pattern.pattern.startswith("Expected"):
            continue  # "Expected X": the closing quotes of a long string are a case of their own
        assert any(pattern.fullmatch(reason) for reason in met), pattern.pattern


def test_a_reason_not_known_is_kept_as_the_parser_says_it_after_the_place() -> None:
    error = ValueError("Something new went wrong (at line 4, column 2)")
    found = tomlreasons.toml_problem(error)
    for language, said in (
        (Language.EN, "n.toml, line 4, column 2: not valid TOML: Something new went wrong"),
        (Language.DE, "n.toml, Zeile 4, Spalte 2: kein gültiges TOML: Something new went wrong"),
    ):
        w = words(language)
        assert f"{w.say(found.place('n.toml'))}: {w.say(found.reason)}" == said
    # Without a place that tomllib would write: all of it is the reason.
    bare = tomlreasons.toml_problem(ValueError("odd"))
    assert (bare.line, bare.column) == (None, None)
    assert words(Language.EN).say(bare.reason) == "not valid TOML: odd"


def test_the_issues_example_as_a_command_with_no_language_in_the_environment(
    tmp_path: Path,
) -> None:
    """The file says language = "de" and the environment says nothing: the terminal speaks the
    file's language, to the last word."""
    (tmp_path / "network.toml").write_text(CASES[0][0], encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE") and not k.startswith("NETZWERK_")
    }
    done = subprocess.run(
        [sys.executable, "-m", "netzwerk_cli", "next-host"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "netzwerk: network.toml, Zeile 3, Spalte 12: ungültiger Wert\n"
        'Setzen Sie Text in Anführungszeichen: timezone = "Europe/Berlin"\n'
    )


def test_a_damaged_record_is_german_too(tmp_path: Path) -> None:
    from netzwerk_cli.file.records import RecordError, read_record

    record = tmp_path / ".network.toml.calendar"
    record.write_text('[events]\nx = "a"\nx = "b"\n', encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        read_record(record)
    said = words(Language.DE).error(caught.value)
    assert said.startswith(
        f"{record}, Zeile 3, Spalte 8: das Protokoll ist beschädigt (doppelter Schlüssel (ein "
        "Wert ist zweimal gesetzt)); "
    )
    record.write_bytes(b"[events]\n\xff\n")
    with pytest.raises(RecordError) as caught:
        read_record(record)
    assert "Byte 10 ist kein UTF-8" in words(Language.DE).error(caught.value)


# --- the likely fix of a line edited by hand (issue 27) ----------------------------------------

MEMBER = '[network]\nname = "N"\n\n[[members]]\nid = "NU"\nname = "Landkreis Neu-Ulm"\n'
FIXES = [
    (
        MEMBER + 'seat = Ulm\nstate = "BY"\n',
        'n.toml, line 7, column 8: invalid value\nPut text in quotes: seat = "Ulm"',
        "n.toml, Zeile 7, Spalte 8: ungültiger Wert\n"
        'Setzen Sie Text in Anführungszeichen: seat = "Ulm"',
    ),
    (
        MEMBER + 'seat = Neu-Ulm, Kantstraße 8   # the office\nstate = "BY"\n',
        'n.toml, line 7, column 8: invalid value\nPut text in quotes: seat = "Neu-Ulm, Kantstraße 8"',
        "n.toml, Zeile 7, Spalte 8: ungültiger Wert\n"
        'Setzen Sie Text in Anführungszeichen: seat = "Neu-Ulm, Kantstraße 8"',
    ),
    (
        MEMBER + 'seat = Landkreis "Neu" Ulm\n',
        "n.toml, line 7, column 8: invalid value\n"
        'Put text in quotes: seat = "Landkreis \\"Neu\\" Ulm"',
        "n.toml, Zeile 7, Spalte 8: ungültiger Wert\n"
        'Setzen Sie Text in Anführungszeichen: seat = "Landkreis \\"Neu\\" Ulm"',
    ),
    (
        '[network]\nname = "N"\n\n[[meetings]]\ndate = 09.03.2027\nhost = "NU"\n',
        "n.toml, line 5, column 9: more after a value (one key = value per line)\n"
        "Write a date as year-month-day, without quotes: date = 2027-03-09",
        "n.toml, Zeile 5, Spalte 9: nach einem Wert steht noch etwas (je Zeile ein Schlüssel = "
        "Wert)\nSchreiben Sie ein Datum als Jahr-Monat-Tag, ohne Anführungszeichen: "
        "date = 2027-03-09",
    ),
    (
        '[network]\nname = "N"\n\n[[meetings]]\ndate = 9.3.2027\n',
        "n.toml, line 5, column 11: more after a value (one key = value per line)\n"
        "Write a date as year-month-day, without quotes: date = 2027-03-09",
        "n.toml, Zeile 5, Spalte 11: nach einem Wert steht noch etwas (je Zeile ein Schlüssel = "
        "Wert)\nSchreiben Sie ein Datum als Jahr-Monat-Tag, ohne Anführungszeichen: "
        "date = 2027-03-09",
    ),
    (
        '[network]\nname = "N"\n\n[[meetings]]\ndate = 2027-3-9\n',
        "n.toml, line 5, column 12: more after a value (one key = value per line)\n"
        "Write a date as year-month-day, without quotes: date = 2027-03-09",
        "n.toml, Zeile 5, Spalte 12: nach einem Wert steht noch etwas (je Zeile ein Schlüssel = "
        "Wert)\nSchreiben Sie ein Datum als Jahr-Monat-Tag, ohne Anführungszeichen: "
        "date = 2027-03-09",
    ),
    (
        '[network]\nname = "N"\n\n[[meetings]]\ndate = 31.02.2027\n',
        "n.toml, line 5, column 13: more after a value (one key = value per line)\n"
        "31.02.2027 is no day of the calendar; write a date as year-month-day, e.g. 2027-04-07",
        "n.toml, Zeile 5, Spalte 13: nach einem Wert steht noch etwas (je Zeile ein Schlüssel = "
        "Wert)\nDas Datum 31.02.2027 gibt es im Kalender nicht; schreiben Sie ein Datum als "
        "Jahr-Monat-Tag, z. B. 2027-04-07",
    ),
    (
        MEMBER + 'seat = "Neu-Ulm"\nstate = "BY"\nhosts = nein\n',
        "n.toml, line 9, column 9: invalid value\nWrite true or false, without quotes: hosts = false",
        "n.toml, Zeile 9, Spalte 9: ungültiger Wert\n"
        "Schreiben Sie true oder false, ohne Anführungszeichen: hosts = false",
    ),
    (
        '[network]\nname = "N"\nstart = 10:00\n',
        "n.toml, line 3, column 11: more after a value (one key = value per line)\n"
        "Write a time with its seconds, without quotes: start = 10:00:00",
        "n.toml, Zeile 3, Spalte 11: nach einem Wert steht noch etwas (je Zeile ein Schlüssel = "
        "Wert)\nSchreiben Sie eine Uhrzeit mit Sekunden, ohne Anführungszeichen: "
        "start = 10:00:00",
    ),
]


@pytest.mark.parametrize(("text", "english", "german"), FIXES)
def test_a_hand_edit_is_answered_with_its_likely_fix(text: str, english: str, german: str) -> None:
    error = refusal(text)
    assert words(Language.EN).error(error) == english
    assert words(Language.DE).error(error) == german


@pytest.mark.parametrize(
    "line",
    [
        'name = "N',  # an unclosed string: its own reason says so
        "contacts = [a]",  # inside an array
        "[[members]",
        "= 3",
        "x = 12",  # a value TOML reads
        "name = ",
    ],
)
def test_no_fix_is_guessed_where_the_line_shows_none(line: str) -> None:
    assert tomlreasons.likely_fix(line) is None


def test_the_fix_is_said_by_the_commands(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from netzwerk_cli.cli import app

    path = tmp_path / "network.toml"
    path.write_text(MEMBER + 'seat = Ulm\nstate = "BY"\n', encoding="utf-8")
    for lang, said in (
        ("en", 'Put text in quotes: seat = "Ulm"'),
        ("de", 'Setzen Sie Text in Anführungszeichen: seat = "Ulm"'),
    ):
        result = CliRunner().invoke(app, ["validate", "-f", str(path), "--lang", lang])
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr.splitlines()[-1] == said


# A coordinator's edit in an editor that saves Windows-1252 ("ANSI"): the line with the umlaut.
WINDOWS_1252 = (MEMBER.replace("Neu-Ulm", "Fürth") + 'seat = "Zirndorf"\n').encode("cp1252")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "netzwerk: {path}, line 6, column 20: a character that is not UTF-8 (byte 64 of the "
            "file)\n"
            'The file seems to be saved as Windows-1252 (ANSI); line 6 would read: name = "Landkreis '
            'Fürth"\n'
            'Save it as UTF-8 (in Notepad: "Save as", encoding "UTF-8").\n',
        ),
        (
            "de",
            "netzwerk: {path}, Zeile 6, Spalte 20: ein Zeichen, das kein UTF-8 ist (Byte 64 der "
            "Datei)\n"
            "Die Datei ist offenbar als Windows-1252 (ANSI) gespeichert; Zeile 6 hieße: "
            'name = "Landkreis Fürth"\n'
            "Speichern Sie sie als UTF-8 (im Editor: „Speichern unter“, Codierung „UTF-8“).\n",
        ),
    ],
)
def test_a_windows_1252_file_names_the_line_and_says_to_save_it_as_utf8(
    tmp_path: Path, lang: str, expected: str
) -> None:
    from typer.testing import CliRunner

    from netzwerk_cli.cli import app

    path = tmp_path / "network.toml"
    path.write_bytes(WINDOWS_1252)
    assert WINDOWS_1252.index(b"\xfc") == 63  # the ü, the file's 64th byte
    result = CliRunner().invoke(app, ["validate", "-f", str(path), "--lang", lang])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == expected.format(path=path)
    assert path.read_bytes() == WINDOWS_1252  # nothing written


def test_a_byte_order_mark_counts_in_the_byte_said(tmp_path: Path) -> None:
    with pytest.raises(NetworkFileError) as caught:
        read_network_bytes(tmp_path, b"\xef\xbb\xbf" + WINDOWS_1252)
    assert "(byte 67 of the file)" in words(Language.EN).error(caught.value)


def test_a_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    with pytest.raises(NetworkFileError) as caught:
        read_network_bytes(tmp_path, MEMBER.encode("utf-16"))
    assert (
        words(Language.EN)
        .error(caught.value)
        .endswith('\nThe file is saved as UTF-16 ("Unicode"); save it as UTF-8.')
    )
    assert (
        words(Language.DE)
        .error(caught.value)
        .endswith(
            "\nDie Datei ist als UTF-16 („Unicode“) gespeichert; speichern Sie sie als UTF-8."
        )
    )


def test_bytes_that_are_no_text_at_all_are_only_told_to_be_utf8(tmp_path: Path) -> None:
    with pytest.raises(NetworkFileError) as caught:
        read_network_bytes(tmp_path, b'[network]\nname = "\x81\x00"\n')
    said = words(Language.EN).error(caught.value)
    assert said.endswith(
        ": a character that is not UTF-8 (byte 19 of the file)\nSave the file as UTF-8."
    )


def read_network_bytes(folder: Path, data: bytes) -> object:
    from netzwerk_cli.file.store import read_network

    path = folder / "n.toml"
    path.write_bytes(data)
    return read_network(path, today=TODAY)


@pytest.mark.parametrize(
    "line",
    [
        "date = 2027-03-09 10:00",
        "date = 2027-03-09T10:00",
        "date = 09.03.2027 10:00",
        "date = 9.3.2027 10.00",
    ],
)
def test_a_date_with_a_time_gets_a_fix_that_reads(line: str) -> None:
    """The fix of a date with its time of day is a TOML date-time that reads (not text in
    quotes, which the file's check then refuses)."""
    import tomllib

    from netzwerk_cli.file.tomlreasons import likely_fix
    from netzwerk_cli.model import Language
    from netzwerk_cli.words import words

    fix = likely_fix(line)
    assert fix is not None
    english = words(Language.EN).say(fix)
    assert english == (
        "Write a date and time as year-month-dayThh:mm:ss, without quotes: "
        "date = 2027-03-09T10:00:00"
    )
    assert words(Language.DE).say(fix).startswith("Schreiben Sie Datum und Uhrzeit als ")
    written = english.rsplit(": ", 1)[1]
    assert tomllib.loads(written)["date"].isoformat() == "2027-03-09T10:00:00"
    assert likely_fix("date = 31.02.2027 10:00") is not None
