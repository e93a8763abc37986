"""The web page of `netzwerk publish`, in a real browser (headless Chromium from Debian's
`chromium` package; `.ci/run` installs it when it is missing): the rendered DOM, a screenshot and
an A4 PDF. Also the folder: written once, untouched when nothing changed."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app

from .conftest import network_text, trust

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
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("no Chromium: install Debian's chromium package (apt-get install chromium)")


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
        ("nowhere", "{folder}: the folder of [publish] does not exist"),
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
    assert result.stderr == "netzwerk: " + said.format(folder=where) + "\n"
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
    assert coming[0] == ["Datum", "Zeit", "Gastgeber", "Ort", "Status", "Hinweis"]
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
