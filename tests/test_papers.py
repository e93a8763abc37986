"""`netzwerk papers`: the invitation letter, the attendance sheet and the minutes, read back by
real readers: python-docx, LibreOffice (each .docx converted to PDF) and poppler's pdftotext."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app

from .conftest import network_text
from .programs import libreoffice, pdftotext

HEADER = """\
[network]
name = "Netzwerk Integration"
language = "{language}"
start = 10:00:00

[mail]
from = "Sabine Müller <netzwerk@kreis-fulda.de>"
"""
MEMBERS = """
[[members]]
id = "HEF"
name = "Landkreis Hersfeld-Rotenburg"
seat = "Bad Hersfeld"
state = "HE"
contacts = ["Anna Groß <anna@hef.de>", "Jörg Weiß <joerg@hef.de>"]

[[members]]
id = "WAK"
name = "Wartburgkreis"
seat = "Bad Salzungen"
state = "TH"
contacts = ["Uwe Schäfer <uwe@wak.de>"]

[[members]]
id = "ESW"
name = "Werra-Meißner-Kreis"
seat = "Eschwege"
state = "HE"
"""
MEETINGS = """
[[meetings]]
date = 2026-11-04
host = "WAK"
status = "held"
attended = ["WAK", "HEF"]

[[meetings.agenda]]
topic = "Begrüßung"
by = "WAK"
minutes = 15

[[meetings.agenda]]
topic = "Bericht aus den Kreisen"
minutes = 60

[[meetings]]
date = 2027-04-07
host = "ESW"
status = "planned"

[[meetings.agenda]]
topic = "Begrüßung durch den Gastgeber"
by = "ESW"
minutes = 15

[[meetings.agenda]]
topic = "„Sprachkurse“ – Straßenbefragung"
by = "HEF"
minutes = 45

[[meetings.agenda]]
topic = "Verschiedenes"
"""
TODAY = "2026-11-24"


def network(folder: Path, language: str = "de", members: str = MEMBERS) -> Path:
    path = folder / "network.toml"
    path.write_text(HEADER.format(language=language) + members + MEETINGS, encoding="utf-8")
    return path


def papers(path: Path, *args: str) -> list[Path]:
    """Run `netzwerk papers ... --json` on `path`; the paths it wrote."""
    result = CliRunner().invoke(app, ["papers", *args, "-f", str(path), "--today", TODAY, "--json"])
    assert result.exit_code == 0, result.output
    return [Path(p) for p in json.loads(result.stdout)]


def pdf_pages(path: Path, *, layout: bool = False) -> list[str]:
    """The text of each page of a PDF, as pdftotext extracts it (in reading order, or as laid
    out: a table's row on one line)."""
    done = subprocess.run(
        [pdftotext(), *(["-layout"] if layout else []), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.split("\f")[:-1]


def word_text(path: Path) -> str:
    """Every paragraph and table cell of a .docx, as python-docx reads them."""
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines)


def converted(files: list[Path], folder: Path) -> dict[str, Path]:
    """Each .docx converted to PDF by LibreOffice headless, in one run, with a profile of its
    own; a failed conversion fails the test."""
    soffice = libreoffice()
    words = [f for f in files if f.suffix == ".docx"]
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, words),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    made = {f.name: folder / f"{f.stem}.pdf" for f in words}
    missing = [name for name, pdf in made.items() if not pdf.exists()]
    assert not missing, (missing, done.stdout, done.stderr)
    return made


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every paper of both languages, and a sheet of 40 contacts, written once; the .docx
    converted by LibreOffice, all in one run (LibreOffice takes seconds to start)."""
    base = tmp_path_factory.mktemp("papers")
    files: list[Path] = []
    for language in ("de", "en"):
        folder = base / language
        folder.mkdir()
        path = network(folder, language)
        files += papers(path, "invitation", "--output", str(folder / "out"))
        files += papers(path, "attendance", "-o", str(folder / "out"))
        files += papers(path, "minutes", "-o", str(folder / "out"))
        files += papers(path, "press", "-o", str(folder / "out"))
        files += papers(path, "report", "--year", "2026", "-o", str(folder / "out"))
    many = base / "many"
    many.mkdir()
    contacts = ", ".join(f'"Person Nummer{n:02d} Ärger <p{n}@hef.de>"' for n in range(40))
    big = MEMBERS.replace(
        'contacts = ["Anna Groß <anna@hef.de>", "Jörg Weiß <joerg@hef.de>"]',
        f"contacts = [{contacts}]",
    )
    files += papers(network(many, "de", big), "teilnehmerliste", "-o", str(many / "out"))
    found = {f"{f.parent.parent.name}/{f.name}": f for f in files}
    # One LibreOffice run for all, under names that differ (it names a PDF after its .docx).
    inbox = base / "office-in"
    inbox.mkdir()
    copies = []
    for key, file in found.items():
        if file.suffix == ".docx":
            copies.append(inbox / key.replace("/", "--"))
            shutil.copyfile(file, copies[-1])
    for name, pdf in converted(copies, base / "office").items():
        parent, _, original = name.partition("--")
        found[f"{parent}/office/{original}"] = pdf
    return found


def test_the_files_are_named_in_the_network_language(written: dict[str, Path]) -> None:
    assert sorted(k for k in written if k.startswith("de/") and "office" not in k) == [
        "de/einladung-2027-04-07.docx",
        "de/einladung-2027-04-07.pdf",
        "de/jahresbericht-2026.docx",
        "de/jahresbericht-2026.pdf",
        "de/pressemitteilung-2026-11-04.docx",
        "de/pressemitteilung-2026-11-04.txt",
        "de/protokoll-2026-11-04.docx",
        "de/teilnehmerliste-2027-04-07.docx",
        "de/teilnehmerliste-2027-04-07.pdf",
    ]
    assert "en/invitation-2027-04-07.pdf" in written
    assert "en/minutes-2026-11-04.docx" in written
    # Every .docx went through LibreOffice (the fixture fails on any that did not convert).
    words = [k for k in written if k.endswith(".docx") and "/office/" not in k]
    assert len(words) == 11
    assert all(k.replace("/", "/office/", 1) in written for k in words)


INVITATION_DE = (
    "Einladung zum 2. Treffen des Netzwerks Integration am Mittwoch, 7. April 2027, in Eschwege",
    "Absender: Sabine Müller <netzwerk@kreis-fulda.de>",
    "Sehr geehrte Damen und Herren,",
    "hiermit laden wir Sie herzlich zum 2. Treffen des Netzwerks Integration ein. "
    "Gastgeber ist diesmal der Werra-Meißner-Kreis.",
    "Uhrzeit: 10:00 bis 12:00 Uhr",
    "Ort: Eschwege",
    "Gastgeber: Werra-Meißner-Kreis",
    "Tagesordnung",
    "Begrüßung durch den Gastgeber",
    "„Sprachkurse“ – Straßenbefragung",
    "Verschiedenes",
    "Bitte teilen Sie uns bis zum 24. März 2027 mit, ob Sie teilnehmen.",
    "Mit freundlichen Grüßen",
)
INVITATION_EN = (
    "Invitation to meeting no. 2 of Netzwerk Integration on Wednesday, 7 April 2027, in Eschwege",
    "From: Sabine Müller <netzwerk@kreis-fulda.de>",
    "we cordially invite you to meeting no. 2 of Netzwerk Integration. "
    "This time the host is Werra-Meißner-Kreis.",
    "Time: 10:00 to 12:00",
    "Venue: Eschwege",
    "Host: Werra-Meißner-Kreis",
    "„Sprachkurse“ – Straßenbefragung",
    "Please let us know by 24 March 2027 whether you will attend.",
    "Kind regards",
)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("language", "name", "facts"),
    [("de", "einladung", INVITATION_DE), ("en", "invitation", INVITATION_EN)],
)
def test_the_invitation_says_every_fact_in_each_reader(
    written: dict[str, Path], language: str, name: str, facts: tuple[str, ...]
) -> None:
    stem = f"{language}/{name}-2027-04-07"
    readings = {
        "python-docx": word_text(written[f"{stem}.docx"]),
        "netzwerk's PDF": "".join(pdf_pages(written[f"{stem}.pdf"])),
        "LibreOffice's PDF": "".join(
            pdf_pages(written[f"{language}/office/{name}-2027-04-07.docx"])
        ),
    }
    for reader, text in readings.items():
        flat = _flat(text)
        missing = [fact for fact in facts if fact not in flat]
        assert not missing, (reader, missing, text)


def test_the_invitation_agenda_has_times_and_who_brings_each_item(
    written: dict[str, Path],
) -> None:
    text = word_text(written["de/einladung-2027-04-07.docx"])
    assert "TOP | Uhrzeit | Thema | Beitrag von" in text
    assert "1 | 10:00 | Begrüßung durch den Gastgeber | Werra-Meißner-Kreis" in text
    assert "2 | 10:15 | „Sprachkurse“ – Straßenbefragung | Landkreis Hersfeld-Rotenburg" in text
    assert "3 | 11:00 | Verschiedenes | " in text


def test_the_pdf_embeds_its_font_and_is_pdf_a(written: dict[str, Path]) -> None:
    assert pdf_pages(written["de/einladung-2027-04-07.pdf"])[0].rstrip().endswith("Seite 1 von 1")
    assert pdf_pages(written["en/invitation-2027-04-07.pdf"])[0].rstrip().endswith("Page 1 of 1")
    data = written["de/einladung-2027-04-07.pdf"].read_bytes()
    assert b"/FontFile2" in data  # the TrueType font itself, not a name to look up
    assert b"DejaVuSans" in data
    assert b"pdfaid:part" in data and b"GTS_PDFA1" in data  # PDF/A's XMP part and output intent


def test_the_attendance_sheet_of_40_contacts_repeats_its_header_on_every_page(
    written: dict[str, Path],
) -> None:
    names = [f"Person Nummer{n:02d} Ärger" for n in range(40)]
    for key in (
        "many/teilnehmerliste-2027-04-07.pdf",
        "many/office/teilnehmerliste-2027-04-07.docx",
    ):
        pages = pdf_pages(written[key], layout=True)
        assert len(pages) >= 2, key
        for number, page in enumerate(pages, start=1):
            header = [line.split() for line in page.splitlines() if "Unterschrift" in line]
            assert header == [["Name", "Institution", "Unterschrift"]], (key, number, page)
        text = "".join(pages)
        assert [n for n in names if n not in text] == [], key
        assert "Wartburgkreis" in text and "Werra-Meißner-Kreis" in text  # one row without contacts
    # In the Word file itself: the header row is marked to repeat.
    with zipfile.ZipFile(written["many/teilnehmerliste-2027-04-07.docx"]) as docx:
        body = docx.read("word/document.xml").decode()
    assert body.count("<w:tblHeader") == 1


def test_the_attendance_sheet_has_the_meeting_and_empty_rows(written: dict[str, Path]) -> None:
    import docx

    document = docx.Document(str(written["en/attendance-2027-04-07.docx"]))
    (table,) = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Name", "Institution", "Signature"]
    assert rows[1:5] == [
        ["Anna Groß", "Landkreis Hersfeld-Rotenburg", ""],
        ["Jörg Weiß", "Landkreis Hersfeld-Rotenburg", ""],
        ["Uwe Schäfer", "Wartburgkreis", ""],
        ["", "Werra-Meißner-Kreis", ""],
    ]
    assert rows[5:] == [["", "", ""]] * 8
    text = _flat("".join(pdf_pages(written["en/attendance-2027-04-07.pdf"])))
    for fact in (
        "Attendance list: meeting no. 2",
        "Meeting: Meeting 2",
        "Wednesday, 2027-04-07",
        "Venue: Eschwege",
    ):
        assert fact in text


def test_the_minutes_follow_the_agenda_and_name_the_next_meeting(
    written: dict[str, Path],
) -> None:
    import docx

    document = docx.Document(str(written["de/protokoll-2026-11-04.docx"]))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings == [
        ("Title", "Protokoll: 1. Treffen des Netzwerks Integration, Mittwoch, 04.11.2026"),
        ("Heading 1", "Anwesend"),
        ("Heading 1", "Entschuldigt"),
        ("Heading 1", "Tagesordnung"),
        ("Heading 2", "TOP 1: Begrüßung"),
        ("Heading 2", "TOP 2: Bericht aus den Kreisen"),
        ("Heading 1", "Nächstes Treffen"),
    ]
    text = word_text(written["de/protokoll-2026-11-04.docx"])
    # `attended` in the file order of the members.
    assert "Landkreis Hersfeld-Rotenburg\nWartburgkreis" in text
    assert "Beitrag von: Wartburgkreis" in text
    assert "Datum: Mittwoch, 07.04.2027\nGastgeber: Werra-Meißner-Kreis\nOrt: Eschwege" in text
    office = _flat("".join(pdf_pages(written["de/office/protokoll-2026-11-04.docx"])))
    assert "TOP 2: Bericht aus den Kreisen" in office and "Nächstes Treffen" in office
    english = word_text(written["en/minutes-2026-11-04.docx"])
    assert "Item 1: Welcome" not in english  # topics stay as written
    assert "Item 1: Begrüßung" in english and "Next meeting" in english and "Present" in english


def test_papers_prints_the_paths_it_wrote(tmp_path: Path) -> None:
    path = network(tmp_path)
    result = CliRunner().invoke(
        app,
        [
            "papers",
            "Einladung",
            "07.04.2027",
            "-f",
            str(path),
            "--today",
            TODAY,
            "-o",
            str(tmp_path / "neu"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        str(tmp_path / "neu" / "einladung-2027-04-07.docx"),
        str(tmp_path / "neu" / "einladung-2027-04-07.pdf"),
    ]


def test_an_existing_paper_is_kept_unless_force(tmp_path: Path) -> None:
    path = network(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "einladung-2027-04-07.pdf"
    kept.write_bytes(b"filled in by hand")
    run = CliRunner().invoke
    result = run(app, ["papers", "einladung", "-f", str(path), "--today", TODAY, "-o", str(out)])
    assert result.exit_code == 1
    assert "exists already: nothing was written; --force replaces it" in result.stderr
    assert kept.read_bytes() == b"filled in by hand"
    assert sorted(p.name for p in out.iterdir()) == ["einladung-2027-04-07.pdf"]  # not half
    result = run(
        app, ["papers", "einladung", "--force", "-f", str(path), "--today", TODAY, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert kept.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["letter"], 2, "no paper 'letter': say invitation, attendance"),
        (["minutes", "--year", "2026"], 2, "--year is for the annual report (report) only"),
        (["minutes", "2026-13-45"], 2, "there is no month 13"),
        (["minutes", "soon"], 2, "is not a date"),
        (["minutes", "2026-11-05"], 1, "has no meeting on 2026-11-05"),
        (["invitation", "-o", "/proc/netzwerk-papers"], 1, "cannot create the folder"),
        (["invitation", "-o", "missing/deeper"], 1, "does not exist"),
        (["attendance", "-o", "network.toml"], 1, "--output must be a folder"),
    ],
)
def test_bad_input_says_why_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    path = network(tmp_path)
    before = sorted(tmp_path.iterdir())
    result = CliRunner().invoke(app, ["papers", *args, "-f", str(path), "--today", TODAY])
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert sorted(tmp_path.iterdir()) == before


def test_bad_input_in_german(tmp_path: Path) -> None:
    path = network(tmp_path)
    run = CliRunner().invoke
    result = run(app, ["papers", "brief", "-f", str(path), "--lang", "de"])
    assert result.exit_code == 2
    assert "keine Unterlage „brief“: möglich sind einladung, teilnehmerliste" in result.stderr
    result = run(app, ["papers", "protokoll", "05.11.2026", "-f", str(path), "--lang", "de"])
    assert result.exit_code == 1
    assert "hat kein Treffen am 05.11.2026" in result.stderr


def test_a_meeting_without_a_day_gets_no_invitation(network_file: Path) -> None:
    result = CliRunner().invoke(
        app, ["papers", "invitation", "-f", str(network_file), "--today", TODAY, "--lang", "en"]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "netzwerk: the meeting hosted by Werra-Meißner-Kreis has no day yet: fix it first with "
        "`netzwerk plan DATE`\n"
    )


def test_the_bundled_file_minutes_are_of_the_last_meeting_held(
    network_file: Path, tmp_path: Path
) -> None:
    (written,) = papers(network_file, "protokoll", "-o", str(tmp_path / "p"))
    assert written.name == "protokoll-2024-11-06.docx"
    text = word_text(written)
    assert "Protokoll: 2. Treffen des Netzwerks Integration, Mittwoch, 06.11.2024" in text
    assert "Ort: Bad Salzungen" in text and "Gastgeber: Wartburgkreis" in text
    # The undated third meeting takes the cadence's first date from today on.
    assert "Datum: Mittwoch, 07.04.2027\nGastgeber: Werra-Meißner-Kreis\nOrt: Eschwege" in text
    # A month-only meeting's minutes, by its month.
    (first,) = papers(network_file, "minutes", "04.2024", "-o", str(tmp_path / "p"))
    assert first.name == "protokoll-2024-04.docx"
    assert "Protokoll: 1. Treffen des Netzwerks Integration, 04.2024" in word_text(first)


def test_the_press_release_and_the_annual_report_are_written_through_the_command(
    network_file: Path, tmp_path: Path
) -> None:
    """`press` and `report` are the other papers' writers (output/papers/press.py, report.py),
    with the command's folder, --json, --force and --year."""
    out = tmp_path / "out"
    press = papers(network_file, "pressemitteilung", "-o", str(out))
    assert [p.name for p in press] == [
        "pressemitteilung-2024-11-06.docx",
        "pressemitteilung-2024-11-06.txt",
    ]
    text = press[1].read_text(encoding="utf-8")
    assert "zum zweiten Mal" in text and "Am 6. November 2024" in text
    assert "Wartburgkreis" in word_text(press[0])
    report = papers(network_file, "report", "--year", "2024", "-o", str(out))
    assert [p.name for p in report] == ["jahresbericht-2024.docx", "jahresbericht-2024.pdf"]
    assert "Bad Salzungen" in "".join(pdf_pages(report[1]))
    # Nothing else beside them: the writers' scratch folder is gone.
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in press + report)
    run = CliRunner().invoke
    again = run(app, ["papers", "press", "-f", str(network_file), "--today", TODAY, "-o", str(out)])
    assert again.exit_code == 1
    assert "exist already: nothing was written; --force replaces them" in again.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in press + report)
    forced = papers(network_file, "press", "--force", "-o", str(out))
    assert forced == press
    dated = run(app, ["papers", "report", "2024", "-f", str(network_file), "--lang", "en"])
    assert dated.exit_code == 2
    assert "report takes no DATE (the annual report: --year YYYY)" in dated.stderr


def test_the_press_release_of_an_english_network(tmp_path: Path) -> None:
    path = network(tmp_path, "en")
    (docx_file, text_file) = papers(path, "press", "-o", str(tmp_path / "o"))
    assert docx_file.name == "press-release-2026-11-04.docx"
    assert "Netzwerk Integration" in text_file.read_text(encoding="utf-8")


def letterhead(path: Path, text: str) -> Path:
    """A template with a letterhead in its page header, as an office makes it in Word."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = text
    document.add_paragraph("Sehr geehrte Frau Musterfrau, (Mustertext)")
    document.save(str(path))
    return path


def test_the_office_template_gives_the_letterhead(tmp_path: Path) -> None:
    path = network(tmp_path)
    templates = tmp_path / "vorlagen"
    templates.mkdir()
    letterhead(templates / "einladung.docx", "Landkreis Musterstadt · Der Landrat")
    (docx_file, _) = papers(
        path, "einladung", "--templates", str(templates), "-o", str(tmp_path / "o")
    )
    import docx

    document = docx.Document(str(docx_file))
    assert document.sections[0].header.paragraphs[0].text == "Landkreis Musterstadt · Der Landrat"
    assert "Tagesordnung" in word_text(docx_file)
    assert "Mustertext" not in word_text(docx_file)  # the template's sample text stays out
    # The attendance sheet has no template in that folder: the package's.
    (sheet, _) = papers(
        path, "teilnehmerliste", "--templates", str(templates), "-o", str(tmp_path / "o")
    )
    assert docx.Document(str(sheet)).sections[0].header.paragraphs[0].text == ""


def test_a_template_that_is_no_word_file_is_refused(tmp_path: Path) -> None:
    path = network(tmp_path)
    templates = tmp_path / "vorlagen"
    templates.mkdir()
    (templates / "invitation.docx").write_text("not a zip", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "papers",
            "invitation",
            "--templates",
            str(templates),
            "-f",
            str(path),
            "--today",
            TODAY,
            "-o",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 1
    assert "invitation.docx: not a Word file (.docx) to use as a template" in result.stderr
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_the_templates_are_written_to_be_changed(tmp_path: Path) -> None:
    path = network(tmp_path, "en")
    files = papers(path, "templates", "-o", str(tmp_path / "t"))
    assert [f.name for f in files] == [
        "invitation.docx",
        "attendance.docx",
        "minutes.docx",
        "press.docx",
        "report.docx",
    ]
    import docx

    for file in files:
        section = docx.Document(str(file)).sections[0]
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_the_papers_are_the_same_whoever_runs_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same file and day give the same bytes, at any time of the clock (python-docx and
    fpdf2 write the clock's time; netzwerk puts the day's in its place)."""
    import datetime as dt
    import time

    import fpdf.output

    path = network(tmp_path)
    kinds = (("teilnehmerliste",), ("jahresbericht", "--year", "2027"))
    first = [f for kind in kinds for f in papers(path, *kind, "-o", str(tmp_path / "a"))]

    class Clock(type):
        """fpdf2's `datetime`, with a clock of another day; instances are datetimes."""

        def __instancecheck__(cls, value: object) -> bool:
            return isinstance(value, dt.datetime)

        def __call__(cls, *args: object, **kwargs: object) -> dt.datetime:
            return dt.datetime(*args, **kwargs)  # type: ignore[arg-type]

    def now(tz: dt.tzinfo | None = None) -> dt.datetime:
        return dt.datetime(2031, 5, 6, 7, 8, 9, tzinfo=tz)

    monkeypatch.setattr(fpdf.output, "datetime", Clock("datetime", (), {"now": now}))
    monkeypatch.setattr(time, "time", lambda: 1_950_000_000.0)
    again = [f for kind in kinds for f in papers(path, *kind, "-o", str(tmp_path / "b"))]
    assert any(f.name.startswith("jahresbericht") and f.suffix == ".pdf" for f in again)
    for one, other in zip(first, again, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_the_minutes_name_who_accepted_and_who_declined(tmp_path: Path) -> None:
    """The answers `replies` recorded to what `invite` sent: present (as accepted) and excused,
    also once the meeting has passed."""
    from .test_replies import APRIL, MEETINGS, answer, save
    from .test_replies import MEMBERS as INVITED

    path = tmp_path / "network.toml"
    path.write_text(network_text(MEETINGS, members=INVITED), encoding="utf-8")
    run = CliRunner().invoke
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    sent = run(app, ["invite", "-f", str(path), "--today", "2026-11-25", "--outbox", str(outbox)])
    assert sent.exit_code == 0, sent.output
    box = tmp_path / "saved"
    save(box, "1.eml", answer("outlook", uid=APRIL, msgid="<o1@hef>", partstat="ACCEPTED"))
    save(
        box,
        "2.eml",
        answer(
            "gmail",
            uid=APRIL,
            msgid="<g1@wak>",
            address="kevin@wak.example.de",
            name="Kevin Rodeck",
            partstat="DECLINED",
        ),
    )
    read = run(app, ["replies", "-f", str(path), "--today", "2026-11-25", "--from", str(box)])
    assert read.exit_code == 0, read.output
    for today in ("2026-11-25", "2027-05-01"):
        result = run(
            app,
            [
                "papers",
                "minutes",
                "2027-04-07",
                "-f",
                str(path),
                "--today",
                today,
                "--json",
                "-o",
                str(tmp_path / today),
                "--lang",
                "en",
            ],
        )
        assert result.exit_code == 0, result.output
        (minutes,) = json.loads(result.stdout)
        text = word_text(Path(minutes))
        assert "Present (as accepted)\nLandkreis Hersfeld-Rotenburg: Anna Müller\n" in text
        assert "Excused\nKevin Rodeck (Wartburgkreis)\n" in text


def test_letters_the_pdf_font_lacks_are_said_once_in_our_words(tmp_path: Path) -> None:
    members = MEMBERS.replace("Uwe Schäfer <uwe@wak.de>", "李小龙 <li@wak.de>")
    path = network(tmp_path, "de", members)
    result = CliRunner().invoke(
        app,
        [
            "papers",
            "teilnehmerliste",
            "-f",
            str(path),
            "--today",
            TODAY,
            "--lang",
            "en",
            "-o",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "The PDF's font has no letter for 李 小 龙: the PDF shows a box for each, the Word file "
        "shows them.\n"
    )
    assert "李小龙 | Wartburgkreis" in word_text(tmp_path / "o" / "teilnehmerliste-2027-04-07.docx")


def test_a_templates_folder_that_is_not_there_is_said(tmp_path: Path) -> None:
    path = network(tmp_path)
    result = CliRunner().invoke(
        app,
        [
            "papers",
            "invitation",
            "--templates",
            str(tmp_path / "nowhere"),
            "-f",
            str(path),
            "--today",
            TODAY,
            "-o",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr == f"netzwerk: {tmp_path / 'nowhere'}: --templates must be a folder\n"
    assert not (tmp_path / "o").exists()
