"""The annual report (issue 31): its facts (core/report.py), its words (words/report.py), and the
.docx and .pdf (output/papers/report.py) read back with python-docx, pdftotext and LibreOffice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from pathlib import Path

from netzwerk_cli.calendar.replies import Answer
from netzwerk_cli.core.answers import ContactAnswer, MeetingAnswers
from netzwerk_cli.core.report import year_report
from netzwerk_cli.core.schedule import Kind
from netzwerk_cli.file.store import read_network
from netzwerk_cli.model import AgendaItem, Language, Network, Status
from netzwerk_cli.output.papers.report import write_report
from netzwerk_cli.outside.holidaycache import HolidayCache
from netzwerk_cli.words.report import report_words

from .conftest import BUNDLED
from .programs import program
from .test_press import libreoffice_pdf

TODAY = dt.date(2026, 12, 6)


def network_2024() -> Network:
    """The bundled network, its second meeting with an agenda and who took part."""
    network = read_network(BUNDLED, today=TODAY)
    meetings = list(network.meetings)
    meetings[0] = dataclasses.replace(meetings[0], attended=("HEF", "WAK", "ESW", "FD"))
    meetings[1] = dataclasses.replace(
        meetings[1],
        attended=("HEF", "WAK", "ESW"),
        agenda=(AgendaItem("Sprachkurse für Erwachsene"), AgendaItem("Wohnraum")),
    )
    return dataclasses.replace(network, meetings=tuple(meetings))


def row(member: str | None, answer: Answer, *, contact: str = "", **kwargs: bool) -> ContactAnswer:
    address = contact or f"{member or 'x'}@example.de".lower()
    return ContactAnswer(
        member, address, "", answer, None, False, kwargs.pop("invited", True), **kwargs
    )


def invited(day: dt.date, *rows: ContactAnswer) -> MeetingAnswers:
    return MeetingAnswers(f"uid-{day}", day, "", 0, rows, ())


ANSWERS = [
    invited(
        dt.date(2024, 11, 6),
        # two contacts: the best answer counts
        row("HEF", Answer.NONE, contact="a@hef.de"),
        row("HEF", Answer.ACCEPTED, contact="b@hef.de"),
        row("WAK", Answer.TENTATIVE),
        row("ESW", Answer.DECLINED),
        row("FD", Answer.NONE),
        # a forged acceptance counts for no one
        row("FD", Answer.ACCEPTED, contact="fake@fd.de", invited=False, verified=False),
    ),
    invited(
        dt.date(2024, 4, 10),
        row("HEF", Answer.ACCEPTED),
        row("WAK", Answer.DELEGATED),
        # a colleague at the member's domain answers for it
        row("ESW", Answer.NONE),
        row("ESW", Answer.ACCEPTED, contact="kollegin@esw.de", invited=False),
    ),
    # another year's meeting does not count
    invited(dt.date(2025, 4, 2), row("FD", Answer.ACCEPTED)),
]


def test_the_facts_of_a_year() -> None:
    report = year_report(network_2024(), 2024, today=TODAY, holidays=HolidayCache(None))
    assert [(h.meeting.label, h.host.id, h.venue) for h in report.meetings] == [
        ("2024-04", "HEF", "Bad Hersfeld"),
        ("2024-11-06", "WAK", "Bad Salzungen"),
    ]
    assert report.meetings[1].topics == ("Sprachkurse für Erwachsene", "Wohnraum")
    assert [(a.member.id, a.attended, a.recorded) for a in report.attendance] == [
        ("HEF", 2, 2),
        ("WAK", 2, 2),
        ("ESW", 2, 2),
        ("FD", 1, 2),
    ]
    assert [(h.member.id, h.count) for h in report.hosts] == [
        ("HEF", 1),
        ("WAK", 1),
        ("ESW", 0),
        ("FD", 0),
    ]
    assert report.answers == () and report.invited == 0
    first = report.coming[0]
    assert (first.host.id, first.date, first.kind) == ("ESW", dt.date(2027, 4, 7), Kind.PLANNED)


def test_the_answers_per_member() -> None:
    report = year_report(
        network_2024(), 2024, today=TODAY, holidays=HolidayCache(None), answers=ANSWERS
    )
    assert report.invited == 2
    assert [(a.member.id, a.accepted, a.tentative, a.declined, a.none) for a in report.answers] == [
        ("HEF", 2, 0, 0, 0),
        ("WAK", 1, 1, 0, 0),
        ("ESW", 1, 0, 1, 0),
        ("FD", 0, 0, 0, 1),  # invited once; the forged answer does not count
    ]


def test_hosts_so_far_count_up_to_the_end_of_the_year() -> None:
    network = network_2024()
    later = dataclasses.replace(network.meetings[2], date=dt.date(2025, 4, 2), status=Status.HELD)
    network = dataclasses.replace(network, meetings=(*network.meetings[:2], later))
    assert [
        h.count for h in year_report(network, 2024, today=TODAY, holidays=HolidayCache(None)).hosts
    ] == [1, 1, 0, 0]
    assert [
        h.count for h in year_report(network, 2025, today=TODAY, holidays=HolidayCache(None)).hosts
    ] == [1, 1, 1, 0]


def test_a_year_without_meetings_says_so_in_both_languages() -> None:
    report = year_report(network_2024(), 2023, today=TODAY, holidays=HolidayCache(None))
    german = report_words(report, Language.DE, today=TODAY).text()
    assert "Im Jahr 2023 fand kein Treffen des Netzwerks statt." in german
    assert "In diesem Jahr fand kein Treffen statt." in german
    english = report_words(report, Language.EN, today=TODAY).text()
    assert "In 2023, the network held no meeting." in english
    assert "No meeting was held this year." in english


def facts_of_2024(german: bool) -> list[str]:
    """What the report of 2024 must say, in either language."""
    if german:
        return [
            "Netzwerk Integration – Jahresbericht 2024",
            "Im Jahr 2024 fanden zwei Treffen des Netzwerks statt.",
            "06.11.2024",
            "April 2024",
            "Bad Salzungen",
            "Sprachkurse für",
            "Wohnraum",
            "Teilnahme je Mitglied",
            "1 von 2",  # Fulda
            "Antworten auf die Einladungen",
            "zugesagt",
            "Gastgeber im bisherigen Turnus",
            "Kommende Termine (Stand: 06.12.2026)",
            "07.04.2027",
            "Eschwege",
        ]
    return [
        "Netzwerk Integration – Annual Report 2024",
        "In 2024, the network held two meetings.",
        "2024-11-06",
        "Bad Salzungen",
        "Meetings attended per member",
        "1 of 2",
        "accepted",
        "Hosts in the rotation so far",
        "Coming dates (as of 2026-12-06)",
        "2027-04-07",
    ]


def docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(path: Path) -> str:
    pdftotext = program("pdftotext", package="poppler-utils")
    return subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_word_file_and_the_pdf_hold_the_facts(tmp_path: Path) -> None:
    paths = write_report(
        network_2024(), 2024, tmp_path, today=TODAY, holidays=HolidayCache(None), answers=ANSWERS
    )
    assert [p.name for p in paths] == ["jahresbericht-2024.docx", "jahresbericht-2024.pdf"]
    word, pdf = docx_text(paths[0]), pdf_text(paths[1])
    for found in facts_of_2024(german=True):
        assert found in word, found
        assert found in flat(pdf), found
    # The bars: block characters in the Word file, as long as the share.
    assert "█" * 24 in word and "█" * 12 in word
    from docx import Document
    from docx.shared import Cm

    chart = next(t for t in Document(str(paths[0])).tables if "█" in t.rows[0].cells[1].text)
    # The bars' column is wide enough for the longest bar on one line, in Word and LibreOffice.
    for width in (chart.columns[1].width, chart.rows[0].cells[1].width):
        assert abs(width - Cm(7)) < Cm(0.01)  # in twips, rounded
    # Umlauts and ß embedded in the PDF's font.
    assert "Werra-Meißner-Kreis" in pdf and "Durchgeführt" not in pdf


def test_the_pdf_draws_the_bars(tmp_path: Path) -> None:
    import zlib

    path = write_report(network_2024(), 2024, tmp_path, today=TODAY, holidays=HolidayCache(None))[1]
    data = path.read_bytes()
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    drawn = b"".join(_inflated(zlib, s) for s in streams)
    # A filled rectangle per member who attended (all four), in the bars' colour.
    assert len(re.findall(rb"re f", drawn)) == 4
    assert b"0.1804 0.4314 0.6196 rg" in drawn  # (46, 110, 158)
    # PDF/A-2b, the archive's format, as its metadata declares it.
    assert b"<pdfaid:part>2</pdfaid:part>" in data
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in data


def _inflated(zlib: object, stream: bytes) -> bytes:
    try:
        return zlib.decompress(stream)  # type: ignore[attr-defined,no-any-return]
    except Exception:
        return stream


def test_an_english_network_gets_an_english_report(tmp_path: Path) -> None:
    network = dataclasses.replace(network_2024(), language=Language.EN)
    paths = write_report(
        network, 2024, tmp_path, today=TODAY, holidays=HolidayCache(None), answers=ANSWERS
    )
    assert [p.name for p in paths] == ["annual-report-2024.docx", "annual-report-2024.pdf"]
    word, pdf = docx_text(paths[0]), flat(pdf_text(paths[1]))
    for found in facts_of_2024(german=False):
        assert found in word, found
        assert found in pdf, found
    assert "Teilnahme" not in word


def test_the_word_file_converts_in_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    docx = write_report(
        network_2024(), 2024, out, today=TODAY, holidays=HolidayCache(None), answers=ANSWERS
    )[0]
    text = flat(libreoffice_pdf(docx, tmp_path))
    for found in facts_of_2024(german=True):
        assert found in text, found


def test_forty_members_fill_pages_and_every_one_is_named(tmp_path: Path) -> None:
    from netzwerk_cli.file.store import parse_network

    members = "".join(
        f'\n[[members]]\nid = "K{n:02d}"\nname = "Landkreis Nummer {n:02d}"\nseat = "Stadt{n:02d}"'
        '\nstate = "HE"\n'
        for n in range(40)
    )
    attended = ", ".join(f'"K{n:02d}"' for n in range(0, 40, 2))
    meetings = f'\n[[meetings]]\ndate = 2026-03-04\nhost = "K00"\nstatus = "held"\nattended = [{attended}]\n'
    network = parse_network(
        '[network]\nname = "Großes Netz"\nlanguage = "de"\n' + members + meetings,
        source="n.toml",
        today=TODAY,
    )
    path = write_report(network, 2026, tmp_path, today=TODAY)[1]
    text = pdf_text(path)
    for n in range(40):
        # In the attendance table, the chart and the hosts' table.
        assert text.count(f"Landkreis Nummer {n:02d}") >= 3, n
    pages = text.count("\f")
    assert pages >= 3
    assert f"Seite {pages} von {pages}" in text
