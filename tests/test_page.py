"""The web page of `netzwerk publish`, in a real browser (headless Chromium from Debian's
`chromium` package; skipped without it, failed without it under NETZWERK_TESTS_STRICT=1, which
`.ci/run` sets after installing it): the rendered DOM, a screenshot and an A4 PDF. Also the
folder: written once, untouched when nothing changed."""

from __future__ import annotations

import json
import os
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app

from .conftest import network_text, trust
from .programs import program

TODAY = "2026-11-25"
HOSTILE = "<script>alert(1)</script>"
MEETINGS = f"""
[[meetings]]
date = 2024-11-06
host = "WAK"
status = "held"
title = "Auftakt & Kennenlernen"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"
title = "{HOSTILE}"
"""
# Wartburgkreis is in Thuringia: 31 October 2029 (a Wednesday) is Reformation Day there.
CADENCE = 'cadence = "FREQ=MONTHLY;BYMONTH=10;BYDAY=-1WE"\nlanguage = "de"\n'


def chromium() -> str:
    """Debian's headless-capable Chromium; the test is skipped without it (failed under
    NETZWERK_TESTS_STRICT=1, as in CI)."""
    return program("chromium", package="chromium")


def browse(url: str, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on `url` (as root it needs --no-sandbox), with its own profile."""
    done = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    return done


class Page(HTMLParser):
    """What a reader sees of the page: the rows of each table, links, scripts, the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.times: dict[str, list[str]] = {}
        self.links: dict[str, str] = {}
        self.scripts = 0
        self.lang = ""
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang") or ""
        elif tag == "script":
            self.scripts += 1
        elif tag == "table":
            self._table = attributes.get("id") or ""
            self.tables[self._table] = []
            self.times[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
        elif tag == "time" and self._table is not None:
            self.times[self._table].append(attributes.get("datetime") or "")
        elif tag == "a" and attributes.get("id"):
            self.links[attributes["id"] or ""] = attributes.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._table is not None and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def publish(path: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["publish", "-f", str(path), "--today", TODAY, *args])


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A network with a folder to publish to, published once: the folder."""
    (tmp_path / "www").mkdir()
    path = tmp_path / "network.toml"
    path.write_text(
        network_text(
            MEETINGS + '[publish]\nfolder = "www"\nurl = "https://www.example.de/netzwerk/"\n',
            header=CADENCE,
        ),
        encoding="utf-8",
    )
    trust(path)
    result = publish(path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Written: netzwerk.ics, index.html\n"
    return tmp_path / "www"


def test_the_folder_gets_the_export_and_the_page_and_is_left_alone_when_nothing_changed(
    published: Path, tmp_path: Path
) -> None:
    path = tmp_path / "network.toml"
    export = CliRunner().invoke(app, ["export", "-f", str(path), "--today", TODAY])
    assert (published / "netzwerk.ics").read_bytes() == export.stdout_bytes
    stamps = {f.name: f.stat().st_mtime_ns for f in published.iterdir()}
    again = publish(path)
    assert (again.exit_code, again.output) == (0, "")
    assert {f.name: f.stat().st_mtime_ns for f in published.iterdir()} == stamps
    dry = publish(path, "--dry-run", "--json")
    assert json.loads(dry.stdout)["files"] == []


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        # A missing folder is created, never its parents: a typo is said.
        (
            "nowhere/deeper",
            "{folder}: the folder {tmp}/nowhere does not exist; create it first, or name another",
        ),
        ("network.toml", "{folder}: the folder of [publish] is not a folder"),
        # A folder nobody can write in, not even root (the tests may run as root).
        (
            "/proc/self",
            "{folder}/netzwerk.ics: cannot write in {folder}: No such file or directory",
        ),
    ],
)
def test_a_folder_that_cannot_be_written_exits_1(tmp_path: Path, folder: str, said: str) -> None:
    path = tmp_path / "network.toml"
    path.write_text(
        network_text(MEETINGS + f'[publish]\nfolder = "{folder}"\n', header=CADENCE), "utf-8"
    )
    trust(path)
    result = publish(path)
    assert result.exit_code == 1
    where = folder if folder.startswith("/") else str(tmp_path / folder)
    assert result.stderr == "netzwerk: " + said.format(folder=where, tmp=tmp_path) + "\n"
    assert result.stdout == ""


def test_the_page_in_a_real_browser(published: Path, tmp_path: Path) -> None:
    url = (published / "index.html").as_uri()
    dom = browse(url, "--dump-dom", tmp_path=tmp_path).stdout
    page = Page()
    page.feed(dom)
    assert page.lang == "de"
    # The hostile title is text on the page, never a script.
    assert page.scripts == 0
    coming = page.tables["coming-table"]
    assert coming[0] == ["Datum", "Uhrzeit", "Gastgeber", "Ort", "Status", "Hinweis"]
    assert coming[1] == [
        "Mi 07.04.2027",
        "10:00",
        "Werra-Meißner-Kreis",
        "Eschwege",
        "geplant",
        HOSTILE,
    ]
    # The coming meetings in the order of the schedule, with its dates.
    schedule = CliRunner().invoke(
        app, ["schedule", "--json", "-f", str(tmp_path / "network.toml"), "--today", TODAY]
    )
    dates = [row["date"] for row in json.loads(schedule.stdout)]
    assert page.times["coming-table"] == dates
    assert dates == sorted(dates)
    moved = [row for row in coming if "Reformationstag (TH)" in row[-1]]
    assert moved and moved[0][-1] == "verschoben vom 31.10.2029: Reformationstag (TH)"
    held = page.tables["held-table"]
    assert held[1] == ["Mi 06.11.2024", "Wartburgkreis", "Bad Salzungen", "Auftakt & Kennenlernen"]
    assert page.links == {
        "webcal": "webcal://www.example.de/netzwerk/netzwerk.ics",
        "https": "https://www.example.de/netzwerk/netzwerk.ics",
    }

    # A screenshot as a phone shows the page, and one as a desktop does: real PNG images of
    # the window's size.
    for width, height in ((390, 844), (1280, 900)):
        shot = tmp_path / f"page-{width}.png"
        browse(url, f"--screenshot={shot}", f"--window-size={width},{height}", tmp_path=tmp_path)
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (width, height)
        assert len(data) > 10_000  # more than a blank page

    pdf = tmp_path / "page.pdf"
    browse(url, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", tmp_path=tmp_path)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    # A4 is 595 x 842 points: the print stylesheet's @page size.
    boxes = data.split(b"/MediaBox [")[1:]
    assert boxes
    width, height = (float(v) for v in boxes[0].split(b"]")[0].split()[2:4])
    assert (round(width), round(height)) == (595, 842)


# --- on a phone: each cell a line with its column's name, an empty one left out ---------------


class Cells(HTMLParser):
    """Every data cell of the page: its data-label and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str | None, str]] = []
        self._label: str | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td":
            self._label, self._text = dict(attrs).get("data-label"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._text is not None:
            self.cells.append((self._label, "".join(self._text).strip()))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def test_an_empty_cell_has_no_label(published: Path) -> None:
    cells = Cells()
    cells.feed((published / "index.html").read_text(encoding="utf-8"))
    empty = [label for label, text in cells.cells if not text]
    full = [label for label, text in cells.cells if text]
    # The proposed meetings have no note: empty cells there are (the test shows something).
    assert len(empty) >= 3
    assert empty == [None] * len(empty)
    assert None not in full
    assert {"Datum", "Gastgeber", "Ort", "Status", "Hinweis"} <= set(full)


# A script for a copy of the page only (the page itself has none): it writes what the browser
# shows of each data cell into the cell's attributes, for --dump-dom to give back.
PROBE = """<script>
for (const td of document.querySelectorAll("td")) {
  td.dataset.shown = getComputedStyle(td).display;
  td.dataset.before = getComputedStyle(td, "::before").content;
}
</script>"""


def test_on_a_phone_an_empty_cell_is_neither_labelled_nor_shown(
    published: Path, tmp_path: Path
) -> None:
    page = (published / "index.html").read_text(encoding="utf-8")
    probe = published / "probe.html"
    probe.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    shown: dict[str, list[tuple[str, str, str]]] = {}
    for width in (390, 1280):
        dom = browse(
            probe.as_uri(), "--dump-dom", f"--window-size={width},844", tmp_path=tmp_path
        ).stdout

        class Shown(HTMLParser):
            def __init__(self) -> None:
                super().__init__()
                self.cells: list[tuple[str, str, str]] = []
                self._cell: tuple[str, str] | None = None
                self._text: list[str] = []

            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                if tag == "td":
                    found = dict(attrs)
                    self._cell = (found.get("data-shown") or "", found.get("data-before") or "")
                    self._text = []

            def handle_endtag(self, tag: str) -> None:
                if tag == "td" and self._cell is not None:
                    self.cells.append((*self._cell, "".join(self._text).strip()))
                    self._cell = None

            def handle_data(self, data: str) -> None:
                if self._cell is not None:
                    self._text.append(data)

        parser = Shown()
        parser.feed(dom)
        shown[str(width)] = parser.cells
    phone = shown["390"]
    assert any(text == "" for _, _, text in phone)
    for display, before, text in phone:
        if text:
            # A line of its own, with its column's name in front: "Hinweis: ..."
            assert display == "block"
            assert before.startswith('"') and before.endswith(': "'), before
        else:
            assert (display, before) == ("none", "none")
    # On a desktop, the table as a table: every cell in its column, no labels.
    assert {(display, before) for display, before, _ in shown["1280"]} == {("table-cell", "none")}


def test_a_cancelled_coming_meeting_stays_on_the_page_struck_through(tmp_path: Path) -> None:
    """Whoever saw a date on the page learns that it is off: a cancelled coming meeting keeps its
    row, marked cancelled, among the others by date (the newcomer's walk found it vanished)."""
    (tmp_path / "www").mkdir()
    path = tmp_path / "network.toml"
    cancelled = MEETINGS.replace('status = "planned"', 'status = "cancelled"').replace(
        HOSTILE, "Sprachkurse"
    )
    path.write_text(
        network_text(cancelled + '[publish]\nfolder = "www"\n', header=CADENCE), encoding="utf-8"
    )
    trust(path)
    assert publish(path).exit_code == 0
    html = (tmp_path / "www" / "index.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    coming = page.tables["coming-table"]
    row = next(r for r in coming if "07.04.2027" in r[0])
    assert row[-2:] == ["abgesagt", "Sprachkurse"]
    assert '<tr class="cancelled"><td class="when"' in html
    dates = [r[0] for r in coming[1:]]
    assert dates.index(row[0]) == 0  # April 2027 comes before the cadence's October dates


def test_an_empty_german_page_says_so_in_german(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    path = tmp_path / "network.toml"
    path.write_text(
        network_text('[publish]\nfolder = "www"\n', header='language = "de"\n'), encoding="utf-8"
    )
    trust(path)
    assert publish(path).exit_code == 0
    html = (tmp_path / "www" / "index.html").read_text(encoding="utf-8")
    assert "Keine Treffen geplant." in html and "Bisher keine." in html
    assert "None yet" not in html and "No meetings" not in html
