"""`netzwerk publish` against real CalDAV servers started on 127.0.0.1 by the tests: Radicale
(with a password file) and Xandikos (no login; its project tests it for standards conformance,
and it refuses a request body without its Content-Type). The events are read back through CalDAV
and parsed with `icalendar`. Every test that needs no login runs against both."""

from __future__ import annotations

import datetime as dt
import json
import socket
import ssl
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

import httpx
import icalendar
import pytest
import trustme
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.file.records import PUBLISHED, record_path

from .conftest import network_text, trust

USER, PASSWORD = "netzwerk", "geheim"
TODAY = "2026-11-25"
MEETINGS = """
[[meetings]]
date = 2024-11-06
host = "WAK"
status = "held"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"

[[meetings]]
date = 2027-11-03T10:00:00
host = "HEF"
status = "planned"
"""
CADENCE = 'cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\nlanguage = "de"\n'
CALENDAR_QUERY = b"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"/></C:filter>
</C:calendar-query>"""
DAV, CALDAV = "{DAV:}", "{urn:ietf:params:xml:ns:caldav}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A running CalDAV server: its address, the folder its calendars go in, whether it wants
    a login (USER and PASSWORD)."""

    base: str
    home: str
    login: bool = True

    def client(self, password: str = PASSWORD) -> httpx.Client:
        return httpx.Client(auth=(USER, password) if self.login else None, timeout=10)

    def new_calendar(self, name: str | None = None) -> str:
        """A new, empty calendar collection of the user; its URL."""
        url = f"{self.home}{name or uuid.uuid4().hex}/"
        with self.client() as client:
            response = client.request("MKCALENDAR", url)
        assert response.status_code == 201, response.text
        return url

    def get(self, href: str) -> bytes:
        with self.client() as client:
            response = client.get(self.base + quote(href))
        assert response.status_code == 200, response.text
        return response.content

    def events(self, url: str) -> dict[str, tuple[str, icalendar.Event]]:
        """Every event of the calendar by UID, with its resource's path, read with a CalDAV
        calendar-query and parsed with icalendar."""
        with self.client() as client:
            response = client.request(
                "REPORT",
                url,
                content=CALENDAR_QUERY,
                headers={"Depth": "1", "Content-Type": "application/xml"},
            )
        assert response.status_code == 207, response.text
        found: dict[str, tuple[str, icalendar.Event]] = {}
        for item in ET.fromstring(response.content).iter(f"{DAV}response"):
            href = unquote(item.findtext(f"{DAV}href") or "")
            data = item.findtext(f".//{CALDAV}calendar-data")
            if not data:
                continue
            calendar = icalendar.Calendar.from_ical(data)
            (event,) = calendar.walk("VEVENT")
            found[str(event["UID"])] = (href, event)
        return found

    def put(self, url: str, name: str, text: str) -> None:
        with self.client() as client:
            response = client.put(
                url + name,
                content=text.encode(),
                headers={"Content-Type": "text/calendar; charset=utf-8"},
            )
        assert response.status_code in (201, 204), response.text


@contextmanager
def running_radicale(
    root: Path, *, tls: tuple[Path, Path] | None = None, log: Path | None = None
) -> Iterator[Server]:
    """Radicale on a free port of 127.0.0.1, with a password file (plain) for two users; with
    `tls` (certificate, key) it speaks HTTPS only; with `log` it writes every request it
    receives into that file."""
    (root / "users").write_text(f"{USER}:{PASSWORD}\nandere:auch-geheim\n")
    port = free_port()
    server_tls = f"ssl = True\ncertificate = {tls[0]}\nkey = {tls[1]}\n" if tls else ""
    (root / "config").write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n{server_tls}"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {root / 'users'}\n"
        "htpasswd_encryption = plain\ndelay = 0\n"
        f"[storage]\nfilesystem_folder = {root / 'collections'}\n"
        "[rights]\ntype = owner_only\n"
        f"[logging]\nlevel = {'info' if log else 'warning'}\n"
    )
    radicale = [sys.executable, "-m", "radicale", "--config", str(root / "config")]
    with running(radicale, port, log=log):
        base = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
        yield Server(base, f"{base}/{USER}/")


@contextmanager
def running_xandikos(root: Path) -> Iterator[Server]:
    """Xandikos on a free port of 127.0.0.1, serving a folder of its own; no login."""
    port = free_port()
    xandikos = Path(sys.executable).with_name("xandikos")
    command = [str(xandikos), "serve", "--defaults", "-d", str(root / "data")]
    command += ["--state-dir", str(root / "state"), "-l", "127.0.0.1", "-p", str(port)]
    with running(command, port):
        base = f"http://127.0.0.1:{port}"
        yield Server(base, f"{base}/user/calendars/", login=False)


@contextmanager
def running(command: list[str], port: int, *, log: Path | None = None) -> Iterator[None]:
    """A server process, once it takes connections on `port`; ended after. With `log`, what it
    says on stderr goes into that file."""
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=log.open("wb") if log else subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    stderr = server.stderr.read().decode() if server.stderr else ""
                    said = log.read_text() if log else stderr
                    pytest.fail(f"{command[0]} did not start: {said}")
                time.sleep(0.05)
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_radicale(tmp_path_factory.mktemp("radicale")) as server:
        yield server


@pytest.fixture(scope="module")
def xandikos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_xandikos(tmp_path_factory.mktemp("xandikos")) as server:
        yield server


@pytest.fixture(params=["radicale", "xandikos"])
def server(request: pytest.FixtureRequest) -> Server:
    """Each CalDAV server in turn."""
    found: Server = request.getfixturevalue(request.param)
    return found


@pytest.fixture
def calendar(server: Server) -> str:
    """A new calendar on each server in turn."""
    return server.new_calendar()


@pytest.fixture
def radicale_calendar(radicale: Server) -> str:
    """A new calendar on Radicale, for what only it has: logins and other users."""
    return radicale.new_calendar()


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETZWERK_CALDAV_PASSWORD", PASSWORD)


def write(path: Path, calendar: str, meetings: str = MEETINGS, extra: str = "") -> Path:
    publish = f'[publish]\ncaldav = "{calendar}"\ncaldav_user = "{USER}"\n{extra}'
    path.write_text(network_text(meetings + publish, header=CADENCE), encoding="utf-8")
    return trust(path)


def publish(path: Path, *args: str, today: str = TODAY) -> Result:
    return CliRunner().invoke(app, ["publish", "-f", str(path), "--today", today, *args])


def export_uids(path: Path) -> set[str]:
    result = CliRunner().invoke(app, ["export", "-f", str(path), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return {str(e["UID"]) for e in icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")}


def test_the_first_run_creates_every_event_of_the_export(
    tmp_path: Path, server: Server, calendar: str
) -> None:
    path = write(tmp_path / "network.toml", calendar)
    result = publish(path)
    assert result.exit_code == 0, result.output
    events = server.events(calendar)
    assert set(events) == export_uids(path)
    assert result.stdout == f"Calendar: {len(events)} new, 0 changed, 0 deleted\n"
    _, april = next(ev for ev in events.values() if ev[1].decoded("DTSTART").year == 2027)
    assert april.decoded("DTSTART") == dt.datetime(
        2027, 4, 7, 10, 0, tzinfo=april.decoded("DTSTART").tzinfo
    )
    assert str(april["DTSTART"].params["TZID"]) == "Europe/Berlin"
    assert april.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)
    assert int(april["SEQUENCE"]) == 0
    assert "METHOD" not in icalendar.Calendar.from_ical(server.get(events[str(april["UID"])][0]))


def test_a_second_run_publishes_nothing_and_says_nothing(
    tmp_path: Path, server: Server, calendar: str
) -> None:
    path = write(tmp_path / "network.toml", calendar)
    assert publish(path).exit_code == 0
    before = {
        uid: str(ev.get("DTSTAMP").to_ical()) for uid, (_, ev) in server.events(calendar).items()
    }
    record = record_path(path, PUBLISHED)
    stamp = record.stat().st_mtime_ns
    with server.client() as client:
        # Xandikos settles its collection's own ETag (and CTag) at the first listing after a
        # write: take the listing after that one.
        client.request("PROPFIND", calendar, headers={"Depth": "1"})
        etags = client.request("PROPFIND", calendar, headers={"Depth": "1"}).text
    again = publish(path)
    assert (again.exit_code, again.output) == (0, "")
    with server.client() as client:
        assert client.request("PROPFIND", calendar, headers={"Depth": "1"}).text == etags
    assert record.stat().st_mtime_ns == stamp
    after = {
        uid: str(ev.get("DTSTAMP").to_ical()) for uid, (_, ev) in server.events(calendar).items()
    }
    assert after == before


def test_a_moved_meeting_updates_its_event_and_a_cancelled_one_shows_cancelled(
    tmp_path: Path, server: Server, calendar: str
) -> None:
    path = write(tmp_path / "network.toml", calendar)
    assert publish(path).exit_code == 0
    first = server.events(calendar)
    (uid,) = [
        u for u, (_, ev) in first.items() if ev.decoded("DTSTART").timetuple()[:3] == (2027, 4, 7)
    ]
    path.write_text(path.read_text().replace("2027-04-07T10:00:00", "2027-04-14T10:00:00"))
    moved = publish(path)
    assert moved.exit_code == 0, moved.output
    assert moved.stdout.startswith("Calendar: ")
    assert ", 0 deleted" in moved.stdout
    href, event = server.events(calendar)[uid]
    assert href == first[uid][0]
    assert event.decoded("DTSTART").date() == dt.date(2027, 4, 14)
    assert int(event["SEQUENCE"]) == int(first[uid][1]["SEQUENCE"]) + 1

    cancelled = CliRunner().invoke(app, ["cancel", "2027-04-14", "-f", str(path), "--today", TODAY])
    assert cancelled.exit_code == 0, cancelled.output
    assert publish(path).exit_code == 0
    _, event = server.events(calendar)[uid]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == int(first[uid][1]["SEQUENCE"]) + 2


def test_a_removed_meeting_is_deleted_and_other_peoples_events_survive(
    tmp_path: Path, server: Server, calendar: str
) -> None:
    foreign = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//else//EN\r\nBEGIN:VEVENT\r\n"
        "UID:betriebsausflug@example.de\r\nDTSTAMP:20261101T080000Z\r\n"
        "DTSTART;VALUE=DATE:20270407\r\nSUMMARY:Betriebsausflug\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    server.put(calendar, "ausflug.ics", foreign)
    path = write(tmp_path / "network.toml", calendar)
    assert publish(path).exit_code == 0
    before = server.events(calendar)
    (uid,) = [
        u for u, (_, ev) in before.items() if ev.decoded("DTSTART").timetuple()[:3] == (2027, 11, 3)
    ]
    path.write_text(
        path.read_text().replace(
            '[[meetings]]\ndate = 2027-11-03T10:00:00\nhost = "HEF"\nstatus = "planned"\n', ""
        )
    )
    result = publish(path)
    assert result.exit_code == 0, result.output
    after = server.events(calendar)
    # The meeting's own UID is gone from the export (the cadence's date takes its place).
    assert uid not in export_uids(path)
    assert uid not in after
    assert result.stdout.startswith("Calendar: 1 new, 0 changed, 1 deleted\n")
    assert set(after) == export_uids(path) | {"betriebsausflug@example.de"}
    assert str(after["betriebsausflug@example.de"][1]["SUMMARY"]) == "Betriebsausflug"
    assert after["betriebsausflug@example.de"][0].endswith("/ausflug.ics")


def test_a_wrong_password_exits_1_and_says_so(
    tmp_path: Path, radicale_calendar: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "network.toml", radicale_calendar)
    monkeypatch.setenv("NETZWERK_CALDAV_PASSWORD", "falsch")
    result = publish(path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "refused the login (401): wrong user or password?" in result.stderr
    assert "NETZWERK_CALDAV_PASSWORD" in result.stderr
    assert "Traceback" not in result.output
    assert not record_path(path, PUBLISHED).exists()


def test_an_event_changed_on_the_server_is_overwritten_and_named(
    tmp_path: Path, server: Server, calendar: str
) -> None:
    path = write(tmp_path / "network.toml", calendar)
    assert publish(path).exit_code == 0
    events = server.events(calendar)
    uid = next(u for u, (_, ev) in events.items() if ev.decoded("DTSTART").year == 2027)
    href, event = events[uid]
    event["SUMMARY"] = "Von Hand geändert"
    calendar_text = icalendar.Calendar.from_ical(server.get(href))
    for component in calendar_text.walk("VEVENT"):
        component["SUMMARY"] = "Von Hand geändert"
    with server.client() as client:
        assert client.put(server.base + quote(href), content=calendar_text.to_ical()).is_success
    result = publish(path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Calendar: 0 new, 1 changed, 0 deleted",
        f"Overwritten on the calendar, as the file says: 2027-04-07 {event_summary(path, uid)}",
    ]
    assert str(server.events(calendar)[uid][1]["SUMMARY"]) == event_summary(path, uid)
    assert publish(path).output == ""


def event_summary(path: Path, uid: str) -> str:
    result = CliRunner().invoke(app, ["export", "-f", str(path), "--today", TODAY])
    (event,) = [
        e for e in icalendar.Calendar.from_ical(result.stdout).walk("VEVENT") if e["UID"] == uid
    ]
    return str(event["SUMMARY"])


def test_dry_run_and_json_change_nothing_and_say_what_would_be_done(
    tmp_path: Path, server: Server, calendar: str
) -> None:
    path = write(tmp_path / "network.toml", calendar)
    dry = publish(path, "--dry-run")
    assert dry.exit_code == 0, dry.output
    count = len(export_uids(path))
    assert dry.stdout == f"Calendar (dry run): {count} new, 0 changed, 0 deleted\n"
    assert server.events(calendar) == {}
    assert not record_path(path, PUBLISHED).exists()
    assert not [f.name for f in tmp_path.iterdir() if "published" in f.name]  # not even a lock
    as_json = publish(path, "--json")
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(as_json.stdout)
    assert set(report) == {"calendar", "files", "created_folder"}
    assert sorted(d["uid"] for d in report["calendar"]["created"]) == sorted(export_uids(path))
    assert {d["why"] for d in report["calendar"]["created"]} == {"new"}
    assert report["calendar"]["changed"] == report["calendar"]["deleted"] == []
    assert report["files"] == []
    assert json.loads(publish(path, "--json", "--lang", "de").stdout) == {
        "calendar": {"created": [], "changed": [], "deleted": []},
        "files": [],
        "created_folder": None,
    }


def test_german_lines_for_a_german_reader(tmp_path: Path, server: Server, calendar: str) -> None:
    path = write(tmp_path / "network.toml", calendar, extra='folder = "www"\n')
    (tmp_path / "www").mkdir()
    result = publish(path, "--lang", "de")
    assert result.exit_code == 0, result.output
    count = len(export_uids(path))
    assert result.stdout.splitlines() == [
        f"Kalender: {count} neu, 0 geändert, 0 gelöscht",
        "Geschrieben: netzwerk.ics, index.html",
    ]


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("missing", "no such calendar (404)"),
        ("closed", "cannot reach http://127.0.0.1:"),
    ],
)
def test_a_calendar_that_is_not_there_exits_1_with_its_address(
    tmp_path: Path, server: Server, where: str, said: str
) -> None:
    url = f"{server.home}no-such-calendar/"
    if where == "closed":
        url = f"http://127.0.0.1:{free_port()}/{USER}/calendar/"
    path = write(tmp_path / "network.toml", url)
    result = publish(path)
    assert result.exit_code == 1
    assert said in result.stderr
    assert url in result.stderr
    assert "Traceback" not in result.output
    assert not record_path(path, PUBLISHED).exists()


def test_without_a_publish_table_or_with_a_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    path.write_text(network_text(MEETINGS, header=CADENCE), encoding="utf-8")
    result = publish(path)
    assert result.exit_code == 1
    assert "has no [publish] table: add one, e.g." in result.stderr
    path.write_text(
        network_text(MEETINGS + '[publish]\ncaldav = "ftp://x"\nurl = 3\n', header=CADENCE),
        encoding="utf-8",
    )
    result = publish(path)
    assert result.exit_code == 1
    assert "[publish]: caldav 'ftp://x' is not an http:// or https:// address" in result.stderr
    assert "[publish]: url must be text in quotes" in result.stderr
    path.write_text(
        network_text(MEETINGS + '[publish]\ncaldav_user = "x"\n', header=CADENCE),
        encoding="utf-8",
    )
    result = publish(path)
    assert result.exit_code == 1
    assert '[publish]: give caldav = "https://..." or folder = "..." (or both)' in result.stderr


def test_a_password_command_gives_the_password(
    tmp_path: Path, radicale: Server, radicale_calendar: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETZWERK_CALDAV_PASSWORD")
    path = write(tmp_path / "network.toml", radicale_calendar)
    result = publish(path)
    assert result.exit_code == 1
    assert "needs a password: set NETZWERK_CALDAV_PASSWORD" in result.stderr
    path = write(
        tmp_path / "network.toml",
        radicale_calendar,
        extra=f'password_command = "echo {PASSWORD}"\n',
    )
    result = publish(path)
    assert result.exit_code == 0, result.output
    assert set(radicale.events(radicale_calendar)) == export_uids(path)


def test_an_event_changed_between_reading_and_writing_is_read_again_once(
    tmp_path: Path, server: Server, calendar: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server answers 412 to a write whose ETag is stale: the run reads the ETag again and
    the file wins. The stale view stands for someone who changed the event in between."""
    from netzwerk_cli.outside.caldav import Collection

    path = write(tmp_path / "network.toml", calendar)
    assert publish(path).exit_code == 0
    events = server.events(calendar)
    uid = next(u for u, (_, ev) in events.items() if ev.decoded("DTSTART").year == 2027)
    href = events[uid][0]
    with server.client() as client:
        stale = client.request("PROPFIND", server.base + quote(href), headers={"Depth": "0"})
    body = server.get(href).decode()
    with server.client() as client:
        changed = body.replace("SUMMARY:", "SUMMARY:Anders ")
        assert client.put(server.base + quote(href), content=changed.encode()).is_success
    old_etag = ET.fromstring(stale.content).findtext(f".//{DAV}getetag")
    real_etags = Collection.etags
    calls = []

    def stale_first(self: Collection) -> dict[str, str]:
        found = real_etags(self)
        calls.append(found)
        return {**found, href: old_etag or ""} if len(calls) == 1 else found

    monkeypatch.setattr(Collection, "etags", stale_first)
    path.write_text(path.read_text().replace("2027-04-07T10:00:00", "2027-04-07T11:00:00"))
    result = publish(path)
    assert result.exit_code == 0, result.output
    assert len(calls) >= 2  # read again after the 412
    assert result.stdout.splitlines()[0] == "Calendar: 0 new, 1 changed, 0 deleted"
    assert result.stdout.splitlines()[1].startswith("Overwritten on the calendar")
    _, event = server.events(calendar)[uid]
    assert event.decoded("DTSTART").hour == 11
    assert not str(event["SUMMARY"]).startswith("Anders")


def test_a_calendar_the_user_may_not_write_to_exits_1_with_403(
    tmp_path: Path, radicale_calendar: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "network.toml", radicale_calendar)
    path.write_text(path.read_text().replace(f'caldav_user = "{USER}"', 'caldav_user = "andere"'))
    trust(path)
    monkeypatch.setenv("NETZWERK_CALDAV_PASSWORD", "auch-geheim")
    result = publish(path)
    assert result.exit_code == 1
    assert f"netzwerk: {radicale_calendar}: the server forbids this (403)" in result.stderr
    assert not record_path(path, PUBLISHED).exists()


def test_tls_trusts_the_ca_of_ca_file_and_fails_clearly_without_it(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    root = tmp_path_factory.mktemp("radicale-tls")
    certificate.private_key_pem.write_to_path(str(root / "key.pem"))
    certificate.cert_chain_pems[0].write_to_path(str(root / "cert.pem"))
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    with running_radicale(root, tls=(root / "cert.pem", root / "key.pem")) as server:
        url = f"{server.base}/{USER}/integration/"
        with httpx.Client(
            auth=(USER, PASSWORD),
            verify=ssl.create_default_context(cafile=tmp_path / "ca.pem"),
            timeout=10,
        ) as client:
            assert client.request("MKCALENDAR", url).status_code == 201
        path = write(tmp_path / "network.toml", url)
        result = publish(path)
        assert result.exit_code == 1
        assert f"TLS with {url} failed:" in result.stderr
        assert "CERTIFICATE_VERIFY_FAILED" in result.stderr
        assert "set ca_file in [publish]" in result.stderr
        path = write(tmp_path / "network.toml", url, extra=f'ca_file = "{tmp_path / "ca.pem"}"\n')
        result = publish(path)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("Calendar: ")


def test_a_ca_file_that_cannot_be_read_is_named(tmp_path: Path, radicale_calendar: str) -> None:
    missing = tmp_path / "keine-ca.pem"
    path = write(tmp_path / "network.toml", radicale_calendar, extra=f'ca_file = "{missing}"\n')
    result = publish(path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"netzwerk: [publish] ca_file {missing}: cannot be read: ")
    assert "Traceback" not in result.output


def test_a_relative_ca_file_is_looked_for_beside_the_network_file(
    tmp_path: Path, radicale_calendar: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ca_file = "keine-ca.pem"` names the file beside the network file, not one in the folder
    the command runs in (cron runs it from the home folder), as `[mail] ca_file` does."""
    path = write(tmp_path / "network.toml", radicale_calendar, extra='ca_file = "keine-ca.pem"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keine-ca.pem").write_text("not here", encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    result = publish(path)
    assert result.exit_code == 1
    missing = tmp_path / "keine-ca.pem"
    assert result.stderr.startswith(f"netzwerk: [publish] ca_file {missing}: cannot be read: ")


def test_a_redirect_is_not_followed_but_named(tmp_path: Path) -> None:
    """An address that redirects (an old or a web address instead of the calendar's own): a
    real HTTP server on 127.0.0.1 that answers every request with 301."""
    import http.server
    import threading

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_PROPFIND(self) -> None:
            self.send_response(301)
            self.send_header("Location", "https://cloud.example.de/elsewhere/")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/kalender/"
        path = write(tmp_path / "network.toml", url)
        result = publish(path)
    finally:
        server.shutdown()
    assert result.exit_code == 1
    assert result.stderr == (
        f"netzwerk: {url} redirects to https://cloud.example.de/elsewhere/ (301); give the "
        "calendar's own address as caldav in [publish]\n"
    )


def test_an_address_that_is_no_calendar_is_refused_before_anything_is_put(
    tmp_path: Path, server: Server
) -> None:
    """The user's own folder (a principal collection) takes files, but is no calendar."""
    url = server.home
    path = write(tmp_path / "network.toml", url)
    result = publish(path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"netzwerk: {url} is not a calendar; caldav in [publish] must be the address of a "
        "calendar collection\n"
    )
    with server.client() as client:
        listing = client.request("PROPFIND", url, headers={"Depth": "1"}).text
    assert ".ics" not in listing


def test_a_calendar_whose_address_is_percent_encoded_stays_in_step(
    tmp_path: Path, server: Server
) -> None:
    """A calendar named with a space: the server lists its paths decoded, the file has them
    encoded; the record and the requests must agree with both."""
    url = f"{server.home}Netzwerk%20Integration-{uuid.uuid4().hex[:6]}/"
    with server.client() as client:
        assert client.request("MKCALENDAR", url).status_code == 201
    path = write(tmp_path / "network.toml", url)
    assert publish(path).exit_code == 0
    again = publish(path)
    assert (again.exit_code, again.output) == (0, "")
    path.write_text(path.read_text().replace("2027-04-07T10:00:00", "2027-04-14T10:00:00"))
    moved = publish(path)
    assert moved.exit_code == 0, moved.output
    assert moved.stdout.startswith("Calendar: ")
    assert "Overwritten" not in moved.stdout and "Put back" not in moved.stdout
    assert set(server.events(url)) == export_uids(path)
    assert publish(path).output == ""


def test_an_imported_copy_of_an_event_is_named_not_a_mystery(
    tmp_path: Path, server: Server, calendar: str
) -> None:
    """Someone imported netzwerk.ics into the shared calendar earlier: the server refuses a
    second resource with the same UID (Radicale: 409; Xandikos: 412 with RFC 4791's
    no-uid-conflict), and the message says what to do."""
    path = write(tmp_path / "network.toml", calendar)
    exported = CliRunner().invoke(app, ["export", "-f", str(path), "--today", TODAY]).stdout
    first_uid = sorted(export_uids(path))[0]
    only = icalendar.Calendar()
    only.add("prodid", "-//someone//import//EN")
    only.add("version", "2.0")
    for component in icalendar.Calendar.from_ical(exported).walk("VEVENT"):
        if str(component["UID"]) == first_uid:
            only.add_component(component)
    server.put(calendar, "importiert.ics", only.to_ical().decode())
    result = publish(path)
    assert result.exit_code == 1
    assert "already holds an event with the same UID under another name" in result.stderr
    assert "delete that copy in the calendar" in result.stderr
    assert "Traceback" not in result.output


PROPFIND_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>'
)


def test_a_body_without_its_content_type_is_refused_by_the_strict_server(
    radicale: Server, xandikos: Server
) -> None:
    """RFC 4918 wants the media type of every body; Radicale forgives its absence, Xandikos
    does not (415), as the servers of users of `publish` may not."""
    answers = {}
    for name, server in (("radicale", radicale), ("xandikos", xandikos)):
        calendar = server.new_calendar()
        with server.client() as client:
            bare = client.build_request("PROPFIND", calendar, content=PROPFIND_BODY)
            bare.headers["Depth"] = "1"
            assert "Content-Type" not in bare.headers  # httpx adds none for bytes
            said = client.build_request("PROPFIND", calendar, content=PROPFIND_BODY)
            said.headers.update({"Depth": "1", "Content-Type": "application/xml; charset=utf-8"})
            answers[name] = (client.send(bare).status_code, client.send(said).status_code)
    assert answers == {"radicale": (207, 207), "xandikos": (415, 207)}


def test_every_request_with_a_body_says_its_content_type(
    tmp_path: Path, server: Server, calendar: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Create, update and delete: each PROPFIND says application/xml, each PUT text/calendar,
    both with their charset; a request without a body says none."""
    sent: list[httpx.Request] = []
    real_send = httpx.Client.send

    def recording(self: httpx.Client, request: httpx.Request, **kwargs: object) -> httpx.Response:
        sent.append(request)
        return real_send(self, request, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(httpx.Client, "send", recording)
    path = write(tmp_path / "network.toml", calendar)
    assert publish(path).exit_code == 0
    path.write_text(path.read_text().replace("2027-04-07T10:00:00", "2027-04-14T10:00:00"))
    path.write_text(
        path.read_text().replace(
            '[[meetings]]\ndate = 2027-11-03T10:00:00\nhost = "HEF"\nstatus = "planned"\n', ""
        )
    )
    result = publish(path)
    assert result.exit_code == 0, result.output
    methods = {request.method for request in sent}
    assert methods == {"PROPFIND", "PUT", "DELETE"}
    wanted = {
        "PROPFIND": "application/xml; charset=utf-8",
        "PUT": "text/calendar; charset=utf-8",
        "DELETE": None,
    }
    for request in sent:
        assert request.headers.get("Content-Type") == wanted[request.method], request
        assert bool(request.content) == (wanted[request.method] is not None), request
