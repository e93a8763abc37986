"""The agenda where it leaves the machine: invitations through a real SMTP server (aiosmtpd) and
their update after the agenda changed, with the answers already given still current in
`replies`; the update read by three independent readers (icalendar, vobject, ical.js); a CalDAV
calendar on Radicale and on Xandikos; the page in Chromium on a phone and a desktop."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import os
import subprocess
import time
from collections.abc import Iterator
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from aiosmtpd.controller import Controller
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app

from .conftest import network_text, trust
from .programs import STRICT, program
from .replymail import CLIENTS, reply_calendar
from .test_agenda_carry import AGENDA, MEETING, UID
from .test_invite import MEMBERS, Inbox, free_port
from .test_page import browse
from .test_publish import PASSWORD, USER, Server, running_radicale, running_xandikos

TODAY = "2026-11-25"
EVERYONE = ["anna@hef.example.de", "integration@wak.example.de", "kevin@wak.example.de"]
JS = Path(__file__).resolve().parent / "js"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETZWERK_CALDAV_PASSWORD", PASSWORD)


def write(tmp_path: Path, language: str, tables: str) -> Path:
    path = tmp_path / "network.toml"
    header = f'language = "{language}"\n'
    path.write_text(network_text(MEETING + tables, header=header, members=MEMBERS), "utf-8")
    return trust(path)


def add_third_item(path: Path) -> None:
    """The agenda gets a third item, at its end, as the coordinator adds it: `agenda add`."""
    before = path.read_text("utf-8")
    command = ["agenda", "add", "Verschiedenes", "--date", "2027-04-07"]
    added = CliRunner().invoke(app, [*command, "-f", str(path), "--today", TODAY])
    assert added.exit_code == 0, added.output
    assert path.read_text("utf-8") != before


def run(path: Path, *args: str) -> Result:
    result = CliRunner().invoke(app, [*args, "-f", str(path), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return result


def calendar_part(message: EmailMessage) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    content = part.get_content()
    return content.decode("utf-8") if isinstance(content, bytes) else str(content)


def plain_part(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content()).replace("\r\n", "\n")


# --- invitations, their update, and the answers ----------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_update_of_an_agenda_goes_to_everyone_and_the_answers_stay_current(
    tmp_path: Path, smtp: tuple[Inbox, int], language: str
) -> None:
    inbox, port = smtp
    mail = (
        '\n[mail]\nfrom = "Koordination <netzwerk@example.de>"\nsmtp_host = "127.0.0.1"\n'
        f'smtp_port = {port}\nsecurity = "none"\n'
    )
    path = write(tmp_path, language, mail)
    run(path, "invite")
    ((_, rcpts, first),) = inbox.messages
    assert sorted(rcpts) == EVERYONE
    assert AGENDA[language] in plain_part(first)
    event = icalendar.Calendar.from_ical(calendar_part(first)).walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]) == "3. Treffen\n\n" + AGENDA[language]
    assert int(event["SEQUENCE"]) == 0

    # Anna accepts; `replies` counts it.
    box = tmp_path / "answers"
    box.mkdir()
    answer = reply_calendar(uid=UID, address="anna@hef.example.de", sequence=0)
    (box / "1.eml").write_bytes(
        CLIENTS["outlook"](answer, sender="anna@hef.example.de", message_id="<o1@hef>")
    )
    (before,) = json.loads(run(path, "replies", "--from", str(box), "--json").stdout)
    anna = next(a for a in before["answers"] if a["contact"] == "anna@hef.example.de")
    assert (anna["answer"], anna["outdated"], before["sequence"]) == ("accepted", False, 0)

    # The agenda grows by an item: everyone gets the update, with the same SEQUENCE and a newer
    # DTSTAMP (a message's DTSTAMP is when it is made: a second later at least).
    time.sleep(1.1)
    add_third_item(path)
    # The server refuses one address this time: it gets the update on the next run.
    inbox.refuse = {"integration@wak.example.de"}
    refused = CliRunner().invoke(app, ["invite", "-f", str(path), "--today", TODAY])
    assert refused.exit_code == 1
    inbox.refuse = set()
    run(path, "invite")
    (_, rcpts, update), (_, rest, later) = inbox.messages[1:]
    assert sorted(rcpts) == ["anna@hef.example.de", "kevin@wak.example.de"]
    assert rest == ["integration@wak.example.de"]
    assert later["Subject"] == update["Subject"] != first["Subject"]
    for message in (update, later):
        new = icalendar.Calendar.from_ical(calendar_part(message)).walk("VEVENT")[0]
        assert str(new["UID"]) == UID
        assert int(new["SEQUENCE"]) == 0
        assert new.decoded("DTSTAMP") > event.decoded("DTSTAMP")
        assert str(new["DESCRIPTION"]).endswith("\n3. 11:00 Verschiedenes")
        assert plain_part(message).count("3. 11:00 Verschiedenes") == 1
    assert run(path, "invite").stdout == ""  # nothing twice

    # Anna's answer still counts: the update kept the SEQUENCE it answered.
    (after,) = json.loads(run(path, "replies", "--from", str(box), "--json").stdout)
    anna = next(a for a in after["answers"] if a["contact"] == "anna@hef.example.de")
    assert (anna["answer"], anna["outdated"], after["sequence"]) == ("accepted", False, 0)
    waiting = [a["contact"] for a in after["answers"] if a["answer"] == "none"]
    assert sorted(waiting) == ["integration@wak.example.de", "kevin@wak.example.de"]


# --- three readers take the update for the newer version ---------------------------------------


def invitations(tmp_path: Path) -> tuple[str, str]:
    """The calendar of the invitation, and of its update after the agenda changed (outbox)."""
    path = write(tmp_path, "de", '\n[mail]\nfrom = "Koordination <netzwerk@example.de>"\n')
    outbox = tmp_path / "outbox"
    run(path, "invite", "--outbox", str(outbox))
    (first,) = outbox.iterdir()
    time.sleep(1.1)
    add_third_item(path)
    run(path, "invite", "--outbox", str(outbox))
    (second,) = set(outbox.iterdir()) - {first}
    found = []
    for eml in (first, second):
        message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        found.append(calendar_part(message))
    return found[0], found[1]


def newer(old: tuple[int, dt.datetime], new: tuple[int, dt.datetime]) -> bool:
    """RFC 5546 2.1.5: the higher SEQUENCE wins; with the same one, the later DTSTAMP."""
    return new[0] > old[0] or (new[0] == old[0] and new[1] > old[1])


def read_with_icalendar(text: str) -> tuple[str, int, dt.datetime, str]:
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    return (
        str(event["UID"]),
        int(event["SEQUENCE"]),
        event.decoded("DTSTAMP"),
        str(event["DESCRIPTION"]),
    )


def read_with_vobject(text: str) -> tuple[str, int, dt.datetime, str]:
    import vobject

    event = vobject.readOne(text).vevent
    return (
        event.uid.value,
        int(event.sequence.value),
        event.dtstamp.value,
        event.description.value,
    )


def read_with_icaljs(tmp_path: Path, *texts: str) -> list[tuple[str, int, dt.datetime, str]]:
    node = program("node", package="nodejs")
    if not (JS / "node_modules" / "ical.js").is_dir():
        reason = "needs ical.js: npm ci --prefix tests/js (Debian's npm)"
        if os.environ.get(STRICT) == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    files = []
    for number, text in enumerate(texts):
        file = tmp_path / f"{number}.ics"
        file.write_text(text, encoding="utf-8", newline="")
        files.append(str(file))
    done = subprocess.run(
        [node, str(JS / "read_event.mjs"), *files],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [
        (
            found["uid"],
            int(found["sequence"]),
            dt.datetime.fromisoformat(found["dtstamp"].replace("Z", "+00:00")),
            found["description"],
        )
        for found in json.loads(done.stdout)
    ]


def test_three_readers_take_the_agenda_update_for_the_newer_version_of_the_same_event(
    tmp_path: Path,
) -> None:
    old, new = invitations(tmp_path)
    read = {
        "icalendar": [read_with_icalendar(old), read_with_icalendar(new)],
        "vobject": [read_with_vobject(old), read_with_vobject(new)],
        "ical.js": read_with_icaljs(tmp_path, old, new),
    }
    for reader, (before, after) in read.items():
        assert before[0] == after[0] == UID, reader  # the same event
        assert before[1] == after[1] == 0, reader  # the same SEQUENCE: the answers stand
        assert newer(before[1:3], after[1:3]) and not newer(after[1:3], before[1:3]), reader
        assert before[3] == "3. Treffen\n\n" + AGENDA["de"], reader
        assert after[3] == before[3] + "\n3. 11:00 Verschiedenes", reader
    # All three read the same values.
    assert len({tuple(pair) for pair in read.values()}) == 1


# --- CalDAV: Radicale and Xandikos ---------------------------------------------------------------


@pytest.fixture(scope="module", params=["radicale", "xandikos"])
def caldav(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    root = tmp_path_factory.mktemp(request.param)
    start = running_radicale if request.param == "radicale" else running_xandikos
    with start(root) as server:
        yield server


@pytest.mark.parametrize("language", ["de", "en"])
def test_publish_puts_the_agenda_into_the_event_and_its_change_keeps_the_sequence(
    tmp_path: Path, caldav: Server, language: str
) -> None:
    calendar = caldav.new_calendar()
    path = write(
        tmp_path,
        language,
        f'\n[publish]\ncaldav = "{calendar}"\ncaldav_user = "{USER}"\nfolder = "web"\n',
    )
    run(path, "publish")
    _, event = caldav.events(calendar)[UID]
    assert str(event["DESCRIPTION"]) == "3. Treffen\n\n" + AGENDA[language]
    assert "INTERN-XYZ" not in caldav.get(caldav.events(calendar)[UID][0]).decode("utf-8")
    add_third_item(path)
    said = (
        CliRunner()
        .invoke(app, ["publish", "-f", str(path), "--today", TODAY, "--lang", language])
        .stdout
    )
    assert said.startswith(
        "Calendar: 0 new, 1 changed, 0 deleted"
        if language == "en"
        else "Kalender: 0 neu, 1 geändert, 0 gelöscht"
    )
    _, changed = caldav.events(calendar)[UID]
    assert str(changed["DESCRIPTION"]).endswith("\n3. 11:00 Verschiedenes")
    assert int(changed["SEQUENCE"]) == int(event["SEQUENCE"]) == 0
    assert changed.decoded("DTSTAMP") > event.decoded("DTSTAMP")
    # The page's calendar file says the same.
    page_calendar = icalendar.Calendar.from_ical((tmp_path / "web" / "netzwerk.ics").read_text())
    (same,) = [e for e in page_calendar.walk("VEVENT") if str(e["UID"]) == UID]
    assert str(same["DESCRIPTION"]) == str(changed["DESCRIPTION"])


# --- the page, in Chromium ------------------------------------------------------------------------

# For a copy of the page only (the page itself has no script): what the browser shows of each
# agenda line, written into the line's attributes for --dump-dom to give back.
PROBE = """<script>
for (const li of document.querySelectorAll(".agenda li")) {
  const box = li.getBoundingClientRect();
  li.dataset.shown = getComputedStyle(li.closest("td")).display;
  li.dataset.inside = String(box.width > 0 && box.left >= 0 && box.right <= innerWidth);
}
</script>"""


class Lines(HTMLParser):
    """The agenda lines of the page: their text and what the probe wrote into them."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[tuple[str, str, str]] = []
        self.heads: list[str] = []
        self._attrs: dict[str, str | None] | None = None
        self._text: list[str] = []
        self._head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self._attrs, self._text = dict(attrs), []
        elif tag == "strong":
            self._head, self._text = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._attrs is not None:
            found = self._attrs
            self.lines.append(
                ("".join(self._text), found.get("data-shown") or "", found.get("data-inside") or "")
            )
            self._attrs = None
        elif tag == "strong" and self._head:
            self.heads.append("".join(self._text))
            self._head = False

    def handle_data(self, data: str) -> None:
        if self._attrs is not None or self._head:
            self._text.append(data)


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_page_shows_a_coming_meetings_agenda_on_a_phone_and_a_desktop(
    tmp_path: Path, language: str
) -> None:
    (tmp_path / "web").mkdir()
    path = write(tmp_path, language, '\n[publish]\nfolder = "web"\n')
    run(path, "publish")
    page = (tmp_path / "web" / "index.html").read_text(encoding="utf-8")
    # The held meeting's agenda is not on the page (nothing more than before for it).
    assert "Rückschau" not in page and "Berichte" not in page
    probe = tmp_path / "web" / "probe.html"
    probe.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    heading, *items = AGENDA[language].splitlines()
    for width, cell in ((390, "block"), (1280, "table-cell")):
        dom = browse(
            probe.as_uri(), "--dump-dom", f"--window-size={width},844", tmp_path=tmp_path
        ).stdout
        lines = Lines()
        lines.feed(dom)
        assert lines.heads == [heading]
        assert lines.lines == [(item, cell, "true") for item in items], width
