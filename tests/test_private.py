"""Private unless said: a meeting's `notes` never leave the coordinator's machine, its public
`description` goes wherever the meeting goes. Every channel to others is checked: the page and its
netzwerk.ics, a CalDAV calendar (Radicale), invitations by mail (aiosmtpd) and to the outbox,
`export` to stdout and to a file, `remind --ics`."""

from __future__ import annotations

import email
import email.policy
import json
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app

from .conftest import network_text, trust
from .test_invite import Inbox
from .test_invite import free_port as free_smtp_port
from .test_publish import PASSWORD, USER, Server, running_radicale

SECRET = "INTERN-XYZ"
PUBLIC = "OEFFENTLICH-ABC"
AGENDA = "SPRACHKURSE-456"  # an item of the planned meeting's agenda: public, like the description
HELD_AGENDA = "RUECKSCHAU-789"  # of the held meeting's: it stays in the file, as its notes do
TODAY = "2026-11-25"
MEMBERS = """
[[members]]
id = "HEF"
name = "Landkreis Hersfeld-Rotenburg"
seat = "Bad Hersfeld"
state = "HE"
contacts = ["Anna Müller <anna@hef.example.de>"]

[[members]]
id = "WAK"
name = "Wartburgkreis"
seat = "Bad Salzungen"
state = "TH"
contacts = ["integration@wak.example.de"]
"""
# A held meeting (the page's history) and a planned one (invitations, the coming meetings), each
# with a secret in its notes (over two lines, as notes may be), a public description and an agenda.
MEETINGS = f'''
[[meetings]]
date = 2026-04-01
host = "WAK"
status = "held"
notes = """Protokoll: {SECRET}
zweite Zeile"""
description = "Rückblick {PUBLIC}"
[[meetings.agenda]]
topic = "{HELD_AGENDA}"

[[meetings]]
date = 2027-04-07T10:00:00
host = "HEF"
status = "planned"
title = "3. Treffen"
notes = "Vertraulich: {SECRET}"
description = """Tagesordnung: {PUBLIC}
Bitte Unterlagen mitbringen."""
[[meetings.agenda]]
topic = "Begrüßung"
minutes = 15
[[meetings.agenda]]
topic = "{AGENDA}"
by = "WAK"
'''


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_radicale(tmp_path_factory.mktemp("radicale")) as server:
        yield server


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_smtp_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETZWERK_CALDAV_PASSWORD", PASSWORD)


def write(tmp_path: Path, *, language: str, extra: str = "") -> Path:
    path = tmp_path / "network.toml"
    header = f'language = "{language}"\ncadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\n'
    mail = '\n[mail]\nfrom = "Koordination <netzwerk@example.de>"\n' + extra
    path.write_text(network_text(MEETINGS + mail, header=header, members=MEMBERS), "utf-8")
    return path


def run(path: Path, *args: str) -> Result:
    result = CliRunner().invoke(app, [*args, "-f", str(path), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return result


def texts_of(raw: bytes) -> str:
    """Every part of an e-mail, decoded (the text is quoted-printable, the calendar base64)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    found = []
    for part in message.walk():
        if part.is_multipart():
            continue
        content = part.get_content()
        found.append(content.decode("utf-8") if isinstance(content, bytes) else content)
    return "\n".join(found)


def unfolded(calendar: str) -> str:
    """An iCalendar text with its folded lines joined and its TEXT escapes undone."""
    text = calendar.replace("\r\n ", "").replace("\n ", "")
    return text.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")


def private_and_public(text: str, *, channel: str) -> None:
    assert SECRET not in text, f"{channel} carries the notes"
    assert PUBLIC in text, f"{channel} lacks the description"
    assert AGENDA in text, f"{channel} lacks the agenda"
    assert HELD_AGENDA not in text, f"{channel} carries the agenda of a meeting held"


@pytest.mark.parametrize("language", ["de", "en"])
def test_notes_leave_by_no_channel_and_the_description_by_every_one(
    tmp_path: Path, radicale: Server, smtp: tuple[Inbox, int], language: str
) -> None:
    inbox, port = smtp
    calendar = radicale.new_calendar()
    publish = (
        f'\n[publish]\ncaldav = "{calendar}"\ncaldav_user = "{USER}"\nfolder = "web"\n'
        'url = "https://netzwerk.example.de/"\n'
    )
    path = write(
        tmp_path,
        language=language,
        extra=f'smtp_host = "127.0.0.1"\nsmtp_port = {port}\nsecurity = "none"\n{publish}',
    )
    trust(path)

    # export, to stdout and to a file; remind --ics.
    private_and_public(unfolded(run(path, "export").stdout), channel="export")
    run(path, "export", "--output", str(tmp_path / "out.ics"))
    private_and_public(unfolded((tmp_path / "out.ics").read_text()), channel="export --output")
    run(path, "remind", "--ics", str(tmp_path / "remind.ics"))
    private_and_public(unfolded((tmp_path / "remind.ics").read_text()), channel="remind --ics")

    # Invitations: to the outbox, and by mail.
    run(path, "invite", "--outbox", str(tmp_path / "outbox"))
    outbox = sorted((tmp_path / "outbox").iterdir())
    assert outbox
    for eml in outbox:
        private_and_public(unfolded(texts_of(eml.read_bytes())), channel=f"outbox {eml.name}")
    (tmp_path / ".network.toml.sent").unlink()  # send the same invitations once more, by mail
    run(path, "invite")
    assert inbox.raw
    for raw in inbox.raw:
        assert SECRET.encode() not in raw
        text = unfolded(texts_of(raw))
        private_and_public(text, channel="invitation mail")
        plain = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(plain, EmailMessage)
        body = plain.get_body(preferencelist=("plain",))
        assert body is not None
        private_and_public(body.get_content(), channel="the invitation's text part")

    # publish: the page, its calendar file, the CalDAV calendar.
    run(path, "publish")
    web = tmp_path / "web"
    private_and_public((web / "index.html").read_text(), channel="the page")
    assert "Rückblick" in (web / "index.html").read_text()  # the held meeting's too
    private_and_public(unfolded((web / "netzwerk.ics").read_text()), channel="the page's .ics")
    events = radicale.events(calendar)
    assert events
    served = "\n".join(radicale.get(href).decode("utf-8") for href, _ in events.values())
    private_and_public(unfolded(served), channel="CalDAV")
    descriptions = [str(event.get("DESCRIPTION", "")) for _, event in events.values()]
    assert any(PUBLIC in text and "Bitte Unterlagen" in text for text in descriptions)

    # Nothing written anywhere but on the coordinator's machine holds the secret: the network
    # file does, and `history` shows it to the coordinator.
    for written in tmp_path.rglob("*"):
        if written.is_file() and written.name != "network.toml":
            assert SECRET.encode() not in written.read_bytes(), written
            assert HELD_AGENDA.encode() not in written.read_bytes(), written
    history = json.loads(run(path, "history", "--json").stdout)
    assert [m["notes"].splitlines()[0] for m in history] == [f"Protokoll: {SECRET}"]
    assert [m["description"] for m in history] == [f"Rückblick {PUBLIC}"]


def test_a_description_alone_is_what_the_event_says(tmp_path: Path) -> None:
    path = write(tmp_path, language="de")
    calendar = unfolded(run(path, "export").stdout)
    assert f"DESCRIPTION:3. Treffen\n\nTagesordnung: {PUBLIC}\nBitte Unterlagen mitbringen." in (
        calendar
    )


def test_a_changed_description_updates_the_invitation_a_changed_note_does_not(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, language="de")
    outbox = tmp_path / "outbox"
    run(path, "invite", "--outbox", str(outbox))
    first = set(outbox.iterdir())
    text = path.read_text("utf-8")
    path.write_text(text.replace(f"Vertraulich: {SECRET}", "Neu und geheim"), "utf-8")
    run(path, "invite", "--outbox", str(outbox))
    assert set(outbox.iterdir()) == first  # the notes are nobody else's business
    path.write_text(path.read_text("utf-8").replace("Tagesordnung:", "Neue Tagesordnung:"), "utf-8")
    run(path, "invite", "--outbox", str(outbox))
    (update,) = set(outbox.iterdir()) - first
    # Only the description changed: an update with the same SEQUENCE (RFC 5546 2.1.4)
    assert update.name.endswith("-request-0-updated.eml")
    assert "Neue Tagesordnung" in texts_of(update.read_bytes())
