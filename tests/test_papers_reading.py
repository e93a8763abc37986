"""The papers as a native German reader read them (2026-12-06): what they found, read back the
way a reader reads the files (python-docx's text, `pdftotext -layout`), in German and English.

The reader's run: the bundled network.toml, today 2026-11-24, `plan 07.04.2027 --time 10:00`."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app

from .conftest import BUNDLED
from .programs import pdftotext

TODAY = "2026-11-24"


def run(folder: Path, *args: str) -> list[Path]:
    """`netzwerk ARGS --json` on the folder's network.toml; the paths it wrote."""
    result = CliRunner().invoke(
        app, [*args, "-f", str(folder / "network.toml"), "--today", TODAY, "--json"]
    )
    assert result.exit_code == 0, result.output
    return [Path(p) for p in json.loads(result.stdout)] if args[0] == "papers" else []


def reader_network(folder: Path, language: str) -> Path:
    """The bundled file, in `language`, with the third meeting planned as the reader did."""
    folder.mkdir(parents=True, exist_ok=True)
    text = BUNDLED.read_text(encoding="utf-8")
    if language == "en":
        text = re.sub(r'(?m)^language = "de"', 'language = "en"', text, count=1)
    (folder / "network.toml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["plan", "2027-04-07", "--time", "10:00", "-f", str(folder / "network.toml")],
        env={"NETZWERK_TODAY": TODAY, "NETZWERK_LANG": "en"},
    )
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module", params=["de", "en"])
def folder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return reader_network(tmp_path_factory.mktemp(request.param), request.param)


def paper(folder: Path, *args: str, suffix: str = ".docx") -> Path:
    out = folder / "out" / "-".join(args)
    out.mkdir(parents=True, exist_ok=True)
    return next(
        p for p in run(folder, "papers", *args, "-o", str(out), "--force") if p.suffix == suffix
    )


def word_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines)


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        [pdftotext(), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def german(folder: Path) -> bool:
    text = (folder / "network.toml").read_text(encoding="utf-8")
    return re.search(r'(?m)^language = "de"', text) is not None


# 1. Paper size.
@pytest.mark.parametrize("kind", [("press",), ("report", "--year", "2024")])
def test_the_press_release_and_the_annual_report_are_a4(folder: Path, kind: tuple[str]) -> None:
    import docx
    from docx.shared import Cm

    section = docx.Document(str(paper(folder, *kind))).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width - Cm(21)) < Cm(0.1)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.1)


# 2. The draft's note.
def test_the_press_release_ends_with_a_marked_note_to_delete(folder: Path) -> None:
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    note = (
        "[Hinweis: Entwurf – vor dem Versand prüfen und diesen Absatz löschen.]"
        if german(folder)
        else "[Note: draft – check it before it is sent and delete this paragraph.]"
    )
    docx_path = paper(folder, "press")
    last = [p for p in docx.Document(str(docx_path)).paragraphs if p.text][-1]
    assert last.text == note
    assert all(r.italic and r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in last.runs)
    text = docx_path.with_suffix(".txt").read_text(encoding="utf-8")
    assert text.rstrip().endswith(note)
    assert "netzwerk" not in text  # the tool's name (the network's is "Netzwerk Integration")


# 3. The annual report names no tool.
def test_the_annual_report_names_no_tool_and_says_as_of(folder: Path) -> None:
    docx_path = paper(folder, "report", "--year", "2024")
    for text in (word_text(docx_path), flat(pdf_text(docx_path.with_suffix(".pdf")))):
        assert "netzwerk" not in text
        if german(folder):
            assert "Für die Treffen 2024 sind keine Rückmeldungen erfasst." in text
            assert "Stand: 24.11.2026" in text
        else:
            assert "No answers are recorded for the meetings of 2024." in text
            assert "As of 2026-11-24." in text


# 4. The next meeting in the minutes: a proposal of the cadence says so.
def test_the_minutes_call_the_cadence_date_a_proposal(folder: Path) -> None:
    text = word_text(paper(folder, "minutes", "2027-04-07"))
    if german(folder):
        assert (
            "Vorschlag: Mittwoch, 03.11.2027, Landkreis Fulda in Fulda (noch nicht beschlossen)"
        ) in text
        assert "Datum: Mittwoch, 03.11.2027" not in text
    else:
        assert "Proposal: Wednesday, 2027-11-03, Landkreis Fulda in Fulda (not decided yet)" in text


def test_a_planned_meeting_of_the_file_is_no_proposal_in_the_minutes(folder: Path) -> None:
    text = word_text(paper(folder, "minutes", "2024-11-06"))
    if german(folder):
        assert "Datum: Mittwoch, 07.04.2027\nGastgeber: Werra-Meißner-Kreis" in text
        assert "Vorschlag" not in text
    else:
        assert "Date: Wednesday, 2027-04-07\nHost: Werra-Meißner-Kreis" in text
        assert "Proposal" not in text


# The annual report.
def test_the_annual_report_reads_as_an_office_writes_it(folder: Path) -> None:
    docx_path = paper(folder, "report", "--year", "2024")
    pdf = pdf_text(docx_path.with_suffix(".pdf"))
    for text in (word_text(docx_path), flat(pdf)):
        if german(folder):
            assert text.startswith("Netzwerk Integration – Jahresbericht 2024")
            assert "Im Jahr 2024 fanden zwei Treffen des Netzwerks statt." in text
            assert "Gastgeber im bisherigen Turnus" in text
            assert "Anzahl der ausgerichteten Treffen bis Ende 2024" in text
            assert "April 2024" in text and "04.2024" not in text
            assert "Kommende Termine (Stand: 24.11.2026)" in text
        else:
            assert text.startswith("Netzwerk Integration – Annual Report 2024")
            assert "In 2024, the network held two meetings." in text
            assert "April 2024" in text and "2024-04 " not in text
            assert "Coming dates (as of 2026-11-24)" in text
    assert ("Seite 1 von 1" if german(folder) else "Page 1 of 1") in pdf
    assert "1/1" not in pdf


def test_no_chart_of_empty_bars_when_no_attendance_is_recorded(folder: Path) -> None:
    docx_path = paper(folder, "report", "--year", "2024")
    word = word_text(docx_path)
    pdf = flat(pdf_text(docx_path.with_suffix(".pdf")))
    said = (
        "Die Teilnahme ist für 2024 nicht erfasst."
        if german(folder)
        else "Attendance is not recorded for 2024."
    )
    for text in (word, pdf):
        assert said in text
        assert text.count("nicht erfasst") + text.count("not recorded") == 1  # no empty bars
        assert "Teilnahme je Mitglied" not in text and "attended per member" not in text


def test_recorded_attendance_is_said_in_one_plain_sentence(tmp_path: Path) -> None:
    folder = reader_network(tmp_path, "de")
    path = folder / "network.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('venue = "Bad Salzungen"\n', 'venue = "Bad Salzungen"\nattended = ["WAK"]\n'),
        encoding="utf-8",
    )
    docx_path = paper(folder, "report", "--year", "2024")
    for said in (word_text(docx_path), flat(pdf_text(docx_path.with_suffix(".pdf")))):
        assert "Teilnahme der Mitglieder an den Treffen, soweit erfasst." in said
        assert "von denen, deren" not in said
        assert "Teilnahme je Mitglied" in said  # the chart, now that there is something to draw


# The command's help names the press release and the annual report, and their templates.
@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "de",
            [
                "Protokoll, Pressemitteilung) oder den Jahresbericht",
                "pressemitteilung.docx, jahresbericht.docx",
                "pressemitteilung, jahresbericht, vorlagen",
            ],
        ),
        (
            "en",
            [
                "minutes, press release) or the annual report",
                "press.docx, report.docx",
                "minutes, press, report, templates",
            ],
        ),
    ],
)
def test_the_help_names_the_press_release_and_the_annual_report(
    language: str, said: list[str]
) -> None:
    result = CliRunner().invoke(
        app, ["papers", "--help"], env={"NETZWERK_LANG": language, "COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    for words in said:
        assert words in text, words


# The invitation letter.
def test_the_invitation_reads_as_an_office_writes_it(folder: Path) -> None:
    docx_path = paper(folder, "invitation", "2027-04-07")
    word, pdf = word_text(docx_path), pdf_text(docx_path.with_suffix(".pdf"))
    de = german(folder)
    for text in (word, flat(pdf)):
        if de:
            assert (
                "Einladung zum 3. Treffen des Netzwerks Integration am Mittwoch, 7. April 2027, "
                "in Eschwege"
            ) in text
            assert (
                "hiermit laden wir Sie herzlich zum 3. Treffen des Netzwerks Integration ein. "
                "Gastgeber ist diesmal der Werra-Meißner-Kreis."
            ) in text
            assert "Uhrzeit: 10:00 bis 12:00 Uhr" in text
            assert "bis zum 24. März 2027" in text
            assert "Netzwerk: Netzwerk Integration" not in text  # the title names it
        else:
            assert (
                "Invitation to meeting no. 3 of Netzwerk Integration on Wednesday, "
                "7 April 2027, in Eschwege"
            ) in text
            assert "This time the host is Werra-Meißner-Kreis." in text
            assert "Time: 10:00 to 12:00" in text
            assert "by 24 March 2027" in text
            assert "Network: Netzwerk Integration" not in text


def test_the_invitation_agenda_puts_the_item_before_its_time(tmp_path: Path) -> None:
    folder = reader_network(tmp_path, "de")
    for topic in ("Begrüßung", "Bericht aus den Kreisen"):
        result = CliRunner().invoke(
            app,
            ["agenda", "add", topic, "--by", "WAK", "-f", str(folder / "network.toml")],
            env={"NETZWERK_TODAY": TODAY},
        )
        assert result.exit_code == 0, result.output
    docx_path = paper(folder, "invitation", "2027-04-07")
    assert "TOP | Uhrzeit | Thema | Beitrag von" in word_text(docx_path)
    assert "1 | 10:00 | Begrüßung | Wartburgkreis" in word_text(docx_path)
    pdf = pdf_text(docx_path.with_suffix(".pdf"))
    assert re.search(r"TOP\s+Uhrzeit\s+Thema\s+Beitrag von", pdf), pdf
    assert re.search(r"1\s+10:00\s+Begrüßung\s+Wartburgkreis", pdf), pdf


# The minutes.
def test_the_minutes_leave_a_blank_for_an_unknown_time(folder: Path) -> None:
    text = word_text(paper(folder, "minutes", "2024-11-06"))
    assert ("Uhrzeit: ________" if german(folder) else "Time: ________") in text
    assert "ganztägig" not in text and "all day" not in text


# The press release.
def test_the_press_release_has_a_headline_a_dateline_and_the_states(folder: Path) -> None:
    docx_path = paper(folder, "press")
    txt = docx_path.with_suffix(".txt").read_text(encoding="utf-8")
    for text in (word_text(docx_path), txt):
        if german(folder):
            assert text.startswith(
                "Netzwerk Integration trifft sich zum zweiten Mal – Gastgeber diesmal der "
                "Wartburgkreis\n"
            )
            assert "\nBad Salzungen, 7. November 2024 – Am 6. November 2024 ist" in text
            assert "Die Mitglieder kommen aus Hessen und Thüringen." in text
        else:
            assert text.startswith(
                "Netzwerk Integration meets for the second time – this time hosted by "
                "Wartburgkreis\n"
            )
            assert "\nBad Salzungen, 7 November 2024 – On 6 November 2024" in text
            assert "The members come from Hessen and Thüringen." in text


TOWNS = """\
[network]
name = "Städtenetz"
language = "de"

[[members]]
id = "KS"
name = "Stadt Kassel"
seat = "Kassel"
state = "HE"

[[members]]
id = "FD"
name = "Landkreis Fulda"
seat = "Fulda"
state = "HE"

[[meetings]]
date = 2024-11-06
host = "FD"
status = "held"

[[meetings]]
date = 2025-04-02
host = "KS"
status = "planned"
"""


def test_the_next_meeting_names_a_town_once(tmp_path: Path) -> None:
    (tmp_path / "network.toml").write_text(TOWNS, encoding="utf-8")
    text = paper(tmp_path, "press", suffix=".txt").read_text(encoding="utf-8")
    assert "Das nächste Treffen findet am 2. April 2025 in Kassel statt." in text
    assert "Das Mitglied" not in text and "Die Mitglieder kommen aus Hessen." in text
    # A district keeps its name before its town: "im Landkreis Fulda in der Kreisstadt Fulda".
    swapped = TOWNS.replace('host = "FD"', 'host = "X"').replace('host = "KS"', 'host = "FD"')
    (tmp_path / "network.toml").write_text(swapped.replace('host = "X"', 'host = "KS"'), "utf-8")
    text = paper(tmp_path, "press", suffix=".txt").read_text(encoding="utf-8")
    assert "im Landkreis Fulda in der Kreisstadt Fulda statt." in text


def test_the_annual_report_with_answers_names_no_tool(tmp_path: Path) -> None:
    import datetime as dt

    from netzwerk_cli.output.papers.report import write_report
    from netzwerk_cli.outside.holidaycache import HolidayCache

    from .test_report import ANSWERS, network_2024

    docx_path, pdf_path = write_report(
        network_2024(),
        2024,
        tmp_path,
        today=dt.date(2026, 12, 6),
        holidays=HolidayCache(None),
        answers=ANSWERS,
    )
    for text in (word_text(docx_path), flat(pdf_text(pdf_path))):
        assert "Rückmeldungen auf die" in text and "verschickten Einladungen" in text
        assert "netzwerk" not in text


@pytest.mark.parametrize(("kind", "day"), [("attendance", "2027-04-07"), ("minutes", "2024-11-06")])
def test_the_title_names_the_network_and_no_line_repeats_it(
    folder: Path, kind: str, day: str
) -> None:
    docx_path = paper(folder, kind, day)
    texts = [word_text(docx_path)]
    if kind == "attendance":
        texts.append(flat(pdf_text(docx_path.with_suffix(".pdf"))))
    for text in texts:
        if german(folder):
            assert "Treffen des Netzwerks Integration, Mittwoch" in text
            assert "Netzwerk: Netzwerk Integration" not in text
        else:
            assert "of Netzwerk Integration, Wednesday" in text
            assert "Network: Netzwerk Integration" not in text


# 5. Running text is left-aligned, not justified: a justified line that wraps puts wide gaps
# between its words ("Teilnehmerliste:   3.   Treffen   des          Netzwerks"), which
# pdftotext keeps as runs of spaces (found in the German first week).
@pytest.mark.parametrize("kind", ["invitation", "attendance"])
def test_the_running_text_of_a_pdf_has_single_spaces(folder: Path, kind: str) -> None:
    text = pdf_text(paper(folder, kind, "2027-04-07", suffix=".pdf"))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    table = next((i for i, line in enumerate(lines) if line.startswith("Name ")), len(lines))
    title = "Teilnehmerliste: 3. Treffen des Netzwerks" if german(folder) else "Attendance"
    if kind == "attendance":
        assert lines[1].startswith(title)
    assert [line for line in lines[:table] if "  " in line] == []
