"""The press release (issue 31): the facts of the record (core/press.py), said as a press office
writes them in the network's language (words/press.py), written as .docx and .txt
(output/papers/press.py) and read back with python-docx, LibreOffice and pdftotext."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import time
from pathlib import Path

import pytest

from netzwerk_cli.core.press import press_facts
from netzwerk_cli.file.store import parse_network, read_network
from netzwerk_cli.model import AgendaItem, Article, Language, Network
from netzwerk_cli.output.papers.press import TemplateError, write_press
from netzwerk_cli.outside.holidaycache import HolidayCache
from netzwerk_cli.words.press import press_release

from .conftest import BUNDLED
from .programs import program

TODAY = dt.date(2026, 12, 6)


def bundled() -> Network:
    return read_network(BUNDLED, today=TODAY)


def release_text(
    network: Network, position: int, language: Language, *, today: dt.date = TODAY
) -> str:
    meeting = network.meetings[position - 1]
    facts = press_facts(network, meeting, today=today, holidays=HolidayCache(None))
    return press_release(facts, language, today=today).text()


def flat(text: str) -> str:
    """One space between words, no line-end hyphens (pdftotext joins broken words)."""
    return re.sub(r"\s+", " ", text.replace("-\n", "-"))


# Each fact of the network's first press release, as the draft says it of the bundled file.
SEED_FACTS = [
    "zum zweiten Mal",  # which meeting it was, in words
    "Am 6. November 2024",  # the date in the German long form
    "Gastgeber in Bad Salzungen war diesmal der Wartburgkreis.",
    "Das erste gemeinsame Treffen richtete der Landkreis Hersfeld-Rotenburg in Bad Hersfeld "
    "im April 2024 aus.",
    "der Landkreis Hersfeld-Rotenburg, der Wartburgkreis, der Werra-Meißner-Kreis und der "
    "Landkreis Fulda",  # the four districts, Fulda among them
    "im Werra-Meißner-Kreis in der Kreisstadt Eschwege statt.",  # where the next meeting is
]


def test_the_press_release_of_the_second_meeting_holds_each_fact_of_the_seed() -> None:
    network = bundled()
    assert network.meetings[1].date == dt.date(2024, 11, 6)
    text = flat(release_text(network, 2, Language.DE))
    for found in SEED_FACTS:
        assert found in text
    # The next meeting has no date in the file: the cadence's is said as not yet confirmed.
    assert (
        "Das nächste Treffen findet voraussichtlich am 7. April 2027 im Werra-Meißner-Kreis in "
        "der Kreisstadt Eschwege statt." in text
    )


def test_the_quote_paragraph_is_marked_for_the_press_office() -> None:
    text = release_text(bundled(), 2, Language.DE)
    assert "[Zitat, von der Pressestelle zu ergänzen: „…“" in text


def test_an_english_network_gets_an_english_draft() -> None:
    network = dataclasses.replace(bundled(), language=Language.EN)
    text = flat(release_text(network, 2, Language.EN))
    assert "On 6 November 2024, Netzwerk Integration met for the second time." in text
    assert "This time the host in Bad Salzungen was Wartburgkreis." in text
    assert (
        "The first meeting was hosted by Landkreis Hersfeld-Rotenburg in Bad Hersfeld in April 2024."
        in text
    )
    assert "Werra-Meißner-Kreis and Landkreis Fulda." in text
    assert (
        "on 7 April 2027 (date to be confirmed) hosted by Werra-Meißner-Kreis in the district town of Eschwege"
        in text
    )
    assert "[Quote, for the press office to fill in" in text
    assert "Gastgeber" not in text


def test_the_first_meeting_says_first_and_names_no_earlier_one() -> None:
    text = flat(release_text(bundled(), 1, Language.DE, today=dt.date(2024, 4, 30)))
    assert "Im April 2024 ist das Netzwerk Integration zum ersten Mal zusammengekommen." in text
    assert "Gastgeber in Bad Hersfeld war der Landkreis Hersfeld-Rotenburg." in text
    assert "diesmal" not in text and "Das erste gemeinsame Treffen" not in text
    # The file's next meeting, held since: its date as the file has it.
    assert (
        "findet am 6. November 2024 im Wartburgkreis in der Kreisstadt Bad Salzungen statt" in text
    )


def test_the_agenda_topics_are_named() -> None:
    network = bundled()
    meetings = list(network.meetings)
    agenda = (AgendaItem("Sprachkurse"), AgendaItem("Wohnraum für Geflüchtete"))
    meetings[1] = dataclasses.replace(meetings[1], agenda=agenda)
    network = dataclasses.replace(network, meetings=tuple(meetings))
    text = release_text(network, 2, Language.DE)
    assert (
        "Auf der Tagesordnung standen die Themen „Sprachkurse“ und „Wohnraum für Geflüchtete“."
        in text
    )
    english = release_text(network, 2, Language.EN)
    assert "The topics on the agenda were “Sprachkurse” and “Wohnraum für Geflüchtete”." in english
    meetings[1] = dataclasses.replace(meetings[1], agenda=agenda[:1])
    one = release_text(dataclasses.replace(network, meetings=tuple(meetings)), 2, Language.DE)
    assert "Auf der Tagesordnung stand das Thema „Sprachkurse“." in one


CITIES = """
[network]
name = "Städtenetz Mitte"
language = "de"

[[members]]
id = "KS"
name = "Stadt Kassel"
seat = "Kassel"
state = "HE"

[[members]]
id = "H"
name = "Region Hannover"
seat = "Hannover"
state = "NI"

[[members]]
id = "GÖ"
name = "Göttingen"
seat = "Göttingen"
state = "NI"
article = ""

[[members]]
id = "MK"
name = "Märkischer Kreis"
seat = "Lüdenscheid"
state = "NW"

[[meetings]]
date = 2026-03-04
host = "KS"
status = "held"

[[meetings]]
date = 2026-09-02
host = "H"
status = "held"

[[meetings]]
date = 2027-03-03
host = "GÖ"
status = "planned"
"""


def test_every_kind_of_member_is_declined_right() -> None:
    network = parse_network(CITIES, source="n.toml", today=TODAY)
    assert network.member("GÖ").article is Article.NONE
    text = flat(release_text(network, 2, Language.DE))
    assert "Gastgeber in Hannover war diesmal die Region Hannover." in text
    assert (
        "Das erste gemeinsame Treffen richtete die Stadt Kassel in Kassel am 4. März 2026 aus."
        in text
    )
    assert "die Stadt Kassel, die Region Hannover, Göttingen und der Märkische Kreis" in text
    # A town, no district: no Kreisstadt; a date the file fixes: not "voraussichtlich".
    assert "Das nächste Treffen findet am 3. März 2027 in Göttingen statt." in text
    assert "Am 2. September 2026 ist Städtenetz Mitte zum zweiten Mal zusammengekommen." in text


def test_the_next_meeting_in_a_district_town_of_an_adjective_district() -> None:
    text = CITIES.replace('host = "GÖ"', 'host = "MK"')
    network = parse_network(text, source="n.toml", today=TODAY)
    said = flat(release_text(network, 2, Language.DE))
    assert "im Märkischen Kreis in der Kreisstadt Lüdenscheid statt." in said


def test_without_a_next_meeting_nor_a_cadence_the_rotation_names_the_host() -> None:
    network = parse_network(
        CITIES.split("[[meetings]]\ndate = 2027")[0], source="n.toml", today=TODAY
    )
    said = flat(release_text(network, 2, Language.DE))
    # Rotation order: after the Region Hannover, Göttingen; no date is known.
    assert "Das nächste Treffen findet in Göttingen statt." in said


def test_a_later_meeting_counts_in_words_past_twelve() -> None:
    body = CITIES.split("[[meetings]]")[0]
    meetings = "".join(
        f'\n[[meetings]]\ndate = 20{10 + n}-03-03\nhost = "KS"\nstatus = "held"\n'
        for n in range(13)
    )
    network = parse_network(body + meetings, source="n.toml", today=TODAY)
    assert "zum 13. Mal" in release_text(network, 13, Language.DE)
    assert "zum zwölften Mal" in release_text(network, 12, Language.DE)
    assert "for the 13th time" in release_text(network, 13, Language.EN)


def test_the_writer_writes_a_word_file_and_plain_text(tmp_path: Path) -> None:
    from docx import Document

    network = bundled()
    paths = write_press(
        network, network.meetings[1], tmp_path, today=TODAY, holidays=HolidayCache(None)
    )
    assert [p.name for p in paths] == [
        "pressemitteilung-2024-11-06.docx",
        "pressemitteilung-2024-11-06.txt",
    ]
    docx_text = "\n".join(p.text for p in Document(str(paths[0])).paragraphs)
    plain = paths[1].read_text(encoding="utf-8")
    for text in (docx_text, plain):
        for found in SEED_FACTS:
            assert found in flat(text)
    # The same record, the same bytes, a second later too.
    time.sleep(2.1)  # past the zip format's two seconds
    (tmp_path / "again").mkdir()
    again = write_press(
        network, network.meetings[1], tmp_path / "again", today=TODAY, holidays=HolidayCache(None)
    )
    assert again[0].read_bytes() == paths[0].read_bytes()


def test_an_english_network_writes_english_file_names(tmp_path: Path) -> None:
    network = dataclasses.replace(bundled(), language=Language.EN)
    paths = write_press(network, network.meetings[1], tmp_path, today=TODAY)
    assert [p.name for p in paths] == [
        "press-release-2024-11-06.docx",
        "press-release-2024-11-06.txt",
    ]
    assert "met for the second time" in paths[1].read_text(encoding="utf-8")


def test_a_template_gives_the_page_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Cm

    template = Document()
    template.sections[0].left_margin = Cm(4.2)
    template.add_paragraph("Briefkopf, den die Vorlage mitbringt")
    path = tmp_path / "vorlage.docx"
    template.save(str(path))
    out = tmp_path / "out"
    out.mkdir()
    network = bundled()
    written = write_press(network, network.meetings[1], out, today=TODAY, template=path)
    document = Document(str(written[0]))
    assert abs(document.sections[0].left_margin - Cm(4.2)) < Cm(0.01)  # twips, rounded
    assert "Briefkopf" not in "\n".join(p.text for p in document.paragraphs)
    # The template's bytes, as the command reads them, do the same.
    (out / "bytes").mkdir()
    given = write_press(
        network, network.meetings[1], out / "bytes", today=TODAY, template=path.read_bytes()
    )
    assert abs(Document(str(given[0])).sections[0].left_margin - Cm(4.2)) < Cm(0.01)
    bad = tmp_path / "kaputt.docx"
    bad.write_text("kein Word", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        write_press(network, network.meetings[1], out, today=TODAY, template=bad)
    assert "not a Word file" in str(caught.value)
    with pytest.raises(TemplateError):
        write_press(network, network.meetings[1], out, today=TODAY, template=b"kein Word")


def libreoffice_pdf(docx: Path, tmp_path: Path) -> str:
    """The text of the PDF that LibreOffice makes of `docx` (a private profile, headless)."""
    soffice = program("soffice", package="libreoffice-writer-nogui")
    pdftotext = program("pdftotext", package="poppler-utils")
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / docx.with_suffix(".pdf").name
    assert result.returncode == 0 and pdf.exists(), result.stderr
    return subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_the_word_file_converts_in_libreoffice_with_every_fact(tmp_path: Path) -> None:
    network = bundled()
    out = tmp_path / "out"
    out.mkdir()
    docx = write_press(network, network.meetings[1], out, today=TODAY, holidays=HolidayCache(None))[
        0
    ]
    text = flat(libreoffice_pdf(docx, tmp_path))
    for found in SEED_FACTS:
        # pdftotext drops the hyphen of a name broken at the line's end (Hersfeld-|Rotenburg).
        assert found.replace("-", "") in text.replace("-", ""), found


def test_a_meeting_without_a_date_still_reads_as_sentences() -> None:
    network = bundled()
    text = release_text(network, 3, Language.DE)
    assert "Das Netzwerk Integration ist zum dritten Mal zusammengekommen." in text
    english = release_text(network, 3, Language.EN)
    assert "Netzwerk Integration met for the third time." in english
    # Its next meeting is the one after it, not itself (it takes the cadence's first date).
    assert (
        "findet voraussichtlich am 3. November 2027 im Landkreis Fulda in der Kreisstadt Fulda"
        in flat(text)
    )
