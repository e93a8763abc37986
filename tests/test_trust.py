"""`netzwerk trust`: the settings of a network file that act outside it (servers, logins, password
commands, certificates, the folder) are used only once the user trusts them as they are.

Tried as a hostile district would: a password command that leaves a marker. The real servers of
the invite and publish tests (aiosmtpd, Radicale) record every connection, login and request, so
"nothing connected" is what they saw, not what netzwerk says."""

from __future__ import annotations

import json
import os
import shutil
import stat
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.core.trust import digests, distrust, shown_value
from netzwerk_cli.file.records import CALENDAR, PUBLISHED, SENT, record_path
from netzwerk_cli.file.truststore import MAX_STORE_BYTES, config_folder, read_trusted
from netzwerk_cli.servers import ServerSetting

from .conftest import network_text, trust
from .test_invite import MEMBERS, Inbox, free_port
from .test_publish import USER, Server, running_radicale

TODAY = "2026-11-25"
MEETINGS = """
[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"
"""


@dataclass
class Smtp:
    """aiosmtpd on 127.0.0.1 with login (also without TLS), counting what reached it."""

    inbox: Inbox
    port: int
    connections: list[int] = field(default_factory=list)
    logins: list[tuple[bytes, bytes]] = field(default_factory=list)


class _Counting(Controller):
    """A controller whose server notes every connection it accepts."""

    def __init__(self, seen: list[int], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen = seen

    def factory(self) -> SMTP:
        server = super().factory()
        made = server.connection_made

        def counted(transport: Any) -> None:
            self.seen.append(threading.get_ident())
            made(transport)

        server.connection_made = counted  # type: ignore[method-assign]
        return server


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    server = Smtp(Inbox(), free_port())

    def login(_: Any, __: Any, ___: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        server.logins.append((data.login, data.password))
        return AuthResult(success=(data.login, data.password) == (b"netzwerk", b"geheim"))

    controller = _Counting(
        server.connections,
        server.inbox,
        hostname="127.0.0.1",
        port=server.port,
        authenticator=login,
        auth_require_tls=False,
    )
    controller.start()
    server.connections.clear()  # the controller's own probe at start
    try:
        yield server
    finally:
        controller.stop()


@dataclass
class Caldav:
    radicale: Server
    log: Path
    calendar: str

    def requests(self) -> list[str]:
        """Every request Radicale received (its log at level info says each one)."""
        return [line for line in self.log.read_text().splitlines() if " request for " in line]


@pytest.fixture(scope="module")
def radicale_logged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    root = tmp_path_factory.mktemp("radicale")
    with running_radicale(root, log=root / "log") as server:
        yield server, root / "log"


@pytest.fixture
def caldav(radicale_logged: tuple[Server, Path]) -> Caldav:
    radicale, log = radicale_logged
    calendar = radicale.new_calendar()
    return Caldav(radicale, log, calendar)


@pytest.fixture(autouse=True)
def _no_passwords_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The passwords come from the file's commands: the ones a hostile file would run."""
    monkeypatch.delenv("NETZWERK_SMTP_PASSWORD", raising=False)
    monkeypatch.delenv("NETZWERK_CALDAV_PASSWORD", raising=False)


@dataclass
class Hostile:
    """A network file with [mail] and [publish] whose password commands leave a marker."""

    path: Path
    marker: Path
    site: Path
    smtp: Smtp
    caldav: Caldav

    def edit(self, old: str, new: str) -> None:
        text = self.path.read_text()
        assert old in text
        self.path.write_text(text.replace(old, new, 1))


def marking(marker: Path, password: str) -> str:
    """A password command that leaves `marker` behind, as a hostile file's would."""
    return f"sh -c 'echo ran >> {marker}; echo {password}'"


@pytest.fixture
def hostile(tmp_path: Path, smtp: Smtp, caldav: Caldav) -> Hostile:
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "site").mkdir()
    marker = tmp_path / "owned.txt"
    body = (
        MEETINGS
        + "\n[mail]\n"
        + 'from = "Koordination <netzwerk@example.de>"\n'
        + f'smtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsecurity = "none"\n'
        + f'user = "netzwerk"\npassword_command = "{marking(marker, "geheim")}"\n'
        + "\n[publish]\n"
        + f'caldav = "{caldav.calendar}"\ncaldav_user = "{USER}"\n'
        + f'password_command = "{marking(marker, "geheim")}"\n'
        + 'folder = "site"\nurl = "https://example.de/netzwerk/"\n'
    )
    path = folder / "network.toml"
    path.write_text(network_text(body, members=MEMBERS), encoding="utf-8")
    return Hostile(path, marker, folder / "site", smtp, caldav)


def run(path: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    command, *rest = args
    return CliRunner().invoke(app, [command, "-f", str(path), "--today", TODAY, *rest], env=env)


def nothing_happened(hostile: Hostile, requests_before: int) -> None:
    """No command ran, no server saw anything, nothing was written."""
    assert not hostile.marker.exists()
    assert hostile.smtp.connections == [] and hostile.smtp.logins == []
    assert hostile.smtp.inbox.messages == []
    assert len(hostile.caldav.requests()) == requests_before
    assert list(hostile.site.iterdir()) == []
    for kind in (SENT, PUBLISHED, CALENDAR):
        assert not record_path(hostile.path, kind).exists()
    # (A lock file may stay: it holds no data.)
    kept = {p.name for p in hostile.path.parent.iterdir() if not p.name.endswith(".lock")}
    assert kept == {"network.toml", "site"}


def test_an_untrusted_file_runs_no_command_connects_nowhere_and_writes_nothing(
    hostile: Hostile,
) -> None:
    before = len(hostile.caldav.requests())
    path = str(hostile.path)
    for args in (("invite",), ("publish",), ("publish", "--dry-run"), ("publish", "--json")):
        result = run(hostile.path, *args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stdout == ""
        assert result.stderr.startswith(
            f"netzwerk: {path}: the settings that act outside the file are not trusted (never trusted here: "
        ), args
        assert result.stderr.endswith(f"); read them, then run: netzwerk trust -f {path}\n")
        nothing_happened(hostile, before)
    invite = run(hostile.path, "invite")
    assert invite.stderr == (
        f"netzwerk: {path}: the settings that act outside the file are not trusted (never trusted here: "
        '[mail] smtp_host = "127.0.0.1", '
        f"[mail] smtp_port = {hostile.smtp.port}, "
        '[mail] security = "none", [mail] user = "netzwerk", '
        f"[mail] password_command = \"sh -c 'echo ran >> {hostile.marker}; echo geheim'\"); "
        f"read them, then run: netzwerk trust -f {path}\n"
    )
    published = run(hostile.path, "publish")
    assert "[publish] folder = " in published.stderr and "[mail]" not in published.stderr

    # The coordinator reads them and trusts them: now they run, and the servers see them.
    trusted = run(hostile.path, "trust")
    assert trusted.exit_code == 0, trusted.output
    assert run(hostile.path, "invite").exit_code == 0
    assert hostile.marker.read_text() == "ran\n"
    assert hostile.smtp.logins == [(b"netzwerk", b"geheim")]
    assert len(hostile.smtp.inbox.messages) == 1
    result = run(hostile.path, "publish")
    assert result.exit_code == 0, result.output
    assert hostile.marker.read_text() == "ran\nran\n"
    assert len(hostile.caldav.requests()) > before
    assert sorted(p.name for p in hostile.site.iterdir()) == ["index.html", "netzwerk.ics"]


CHANGES = [
    # (command, old, new, what the message says)
    ("invite", 'smtp_host = "127.0.0.1"', 'smtp_host = "localhost"', "changed: [mail] smtp_host"),
    ("invite", 'user = "netzwerk"', 'user = "andere"', "changed: [mail] user"),
    ("invite", 'security = "none"', 'security = "none"\nca_file = "/x.pem"', "new: [mail] ca_file"),
    ("invite", "echo geheim'\"\n\n[publish]", "echo geheim; id'\"\n\n[publish]", "changed: [mail]"),
    ("invite", "smtp_port = ", "smtp_port = 1\n# smtp_port = ", "changed: [mail] smtp_port = 1"),
    ("publish", "127.0.0.1:", "localhost:", "changed: [publish] caldav"),
    ("publish", f'caldav_user = "{USER}"', 'caldav_user = "andere"', "changed: [publish]"),
    ("publish", 'folder = "site"', 'folder = "/tmp"', 'changed: [publish] folder = "/tmp"'),
    ("publish", 'folder = "site"', 'folder = "site"\nca_file = "/x.pem"', "new: [publish] ca_file"),
    ("publish", "geheim'\"\nfolder", "geheim; id'\"\nfolder", "changed: [publish] password_c"),
    ("publish", f'caldav_user = "{USER}"\n', "", "removed: [publish] caldav_user"),
]


@pytest.mark.parametrize(("command", "old", "new", "said"), CHANGES)
def test_a_changed_server_setting_is_refused_until_trusted_again(
    hostile: Hostile, command: str, old: str, new: str, said: str
) -> None:
    trust(hostile.path)
    before = len(hostile.caldav.requests())
    hostile.edit(old, new)
    result = run(hostile.path, command)
    assert result.exit_code == 1, result.output
    assert said in result.stderr
    assert "the settings that act outside the file are not trusted (" in result.stderr
    assert "never trusted" not in result.stderr
    nothing_happened(hostile, before)
    # The other command's settings did not change: it is not stopped by them.
    other = ("publish", "--dry-run") if command == "invite" else ("invite",)
    result = run(hostile.path, *other)
    assert result.exit_code == 0, result.output


def test_a_new_meeting_or_a_comment_changes_no_trust(hostile: Hostile) -> None:
    trust(hostile.path)
    text = hostile.path.read_text()
    text = text.replace("[mail]", "# the office's relay\n[mail]").replace(
        "\n[mail]", '\n[[meetings]]\ndate = 2027-11-03\nhost = "HEF"\nstatus = "planned"\n\n[mail]'
    )
    text = text.replace('smtp_host = "127.0.0.1"', 'smtp_host = "127.0.0.1"   # the relay')
    hostile.path.write_text(text)
    result = run(hostile.path, "invite")
    assert result.exit_code == 0, result.output
    assert len(hostile.smtp.inbox.messages) == 2
    assert run(hostile.path, "publish").exit_code == 0


def test_a_copy_elsewhere_and_another_user_are_not_trusted(
    hostile: Hostile, tmp_path: Path
) -> None:
    trust(hostile.path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "site").mkdir()
    copy = elsewhere / "network.toml"
    shutil.copyfile(hostile.path, copy)
    before = len(hostile.caldav.requests())
    for command in ("invite", "publish"):
        result = run(copy, command)
        assert result.exit_code == 1
        assert "not trusted (never trusted here: " in result.stderr
    # Another user: another config folder.
    other = tmp_path / "other-config"
    for command in ("invite", "publish"):
        result = run(hostile.path, command, env={"XDG_CONFIG_HOME": str(other)})
        assert result.exit_code == 1
        assert "not trusted (never trusted here: " in result.stderr
    nothing_happened(hostile, before)
    assert not other.exists()
    # A link to the trusted file is that file.
    link = tmp_path / "link.toml"
    link.symlink_to(hostile.path)
    assert run(link, "invite").exit_code == 0


READING = [
    ("next-host",),
    ("members",),
    ("history",),
    ("schedule",),
    ("export",),
    ("remind",),
    ("validate",),
    ("invite", "--dry-run"),
    ("trust", "--json"),
]


@pytest.mark.parametrize("args", READING, ids=lambda args: " ".join(args))
def test_reading_commands_work_on_an_untrusted_file(hostile: Hostile, args: tuple[str]) -> None:
    before = len(hostile.caldav.requests())
    result = run(hostile.path, *args)
    assert result.exit_code == 0, result.output
    if args[0] == "export":  # the export's record is the only file a reading command keeps
        record_path(hostile.path, CALENDAR).unlink()
    nothing_happened(hostile, before)


def test_invite_outbox_uses_only_from_and_works_untrusted(hostile: Hostile, tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    result = run(hostile.path, "invite", "--outbox", str(outbox))
    assert result.exit_code == 0, result.output
    assert len(list(outbox.glob("*.eml"))) == 1
    assert not hostile.marker.exists()
    assert hostile.smtp.connections == []


def test_the_writing_commands_work_on_an_untrusted_file(hostile: Hostile) -> None:
    result = run(hostile.path, "plan", "2027-04-08")
    assert result.exit_code == 0, result.output
    assert "2027-04-08" in hostile.path.read_text()


def test_trust_shows_the_settings_as_the_user_should_read_them(hostile: Hostile) -> None:
    hostile.edit('folder = "site"', 'folder = "site"\nca_file = "/etc/netzwerk/ca.pem"')
    result = run(hostile.path, "trust")
    assert result.exit_code == 0, result.output
    port, caldav_port = hostile.smtp.port, hostile.caldav.calendar.split(":")[2].split("/")[0]
    command = f"\"sh -c 'echo ran >> {hostile.marker}; echo geheim'\""
    path = hostile.path
    assert result.stdout.splitlines() == [
        f"The settings of {path} that act outside it ({path}):",
        f'  Mail server (SMTP): host "127.0.0.1", port {port}, security none, user "netzwerk"',
        f'  Calendar server (CalDAV): host "127.0.0.1", port {caldav_port}, security none '
        f'(http), user "netzwerk"; calendar "{hostile.caldav.calendar}"',
        f"  Command netzwerk runs as you, for a password ([mail] password_command): {command}",
        f"  Command netzwerk runs as you, for a password ([publish] password_command): {command}",
        f'  Folder netzwerk writes into ([publish] folder = "site"): "{hostile.site}"',
        '  Certificates netzwerk trusts ([publish] ca_file): "/etc/netzwerk/ca.pem"',
    ]
    store = Path(os.environ["XDG_CONFIG_HOME"]) / "netzwerk" / "trusted.toml"
    assert result.stderr == (
        f"Trusted: these settings of {path}, as they are now; invite, publish and replies ask "
        f"again when one of them changes (kept in {store}).\n"
    )
    (entry,) = read_trusted(store).values()
    assert set(entry) == {
        "mail.smtp_host",
        "mail.smtp_port",
        "mail.security",
        "mail.user",
        "mail.password_command",
        "publish.caldav",
        "publish.caldav_user",
        "publish.password_command",
        "publish.folder",
        "publish.ca_file",
    }  # not `from`, not `url`
    assert stat.S_IMODE(store.parent.stat().st_mode) == 0o700
    # A change is named when the user trusts again.
    hostile.edit('user = "netzwerk"', 'user = "andere"')
    again = run(hostile.path, "trust")
    assert again.stderr.startswith('Since you last trusted them: changed: [mail] user = "andere"\n')


def test_trust_json_records_nothing_and_revoke_forgets(hostile: Hostile) -> None:
    def status() -> dict[str, Any]:
        result = run(hostile.path, "trust", "--json")
        assert result.exit_code == 0, result.output
        data: dict[str, Any] = json.loads(result.stdout)
        return data

    first = status()
    assert (first["needs_trust"], first["trusted"], first["removed"]) == (True, False, [])
    assert first["file"] == str(hostile.path.resolve())
    assert first["settings"][0] == {
        "table": "mail",
        "key": "smtp_host",
        "value": "127.0.0.1",
        "trusted": False,
    }
    assert status()["trusted"] is False  # --json trusted nothing
    trust(hostile.path)
    assert status()["trusted"] is True
    hostile.edit('folder = "site"', 'folder = "elsewhere"')
    changed = status()
    assert changed["trusted"] is False
    assert [s["key"] for s in changed["settings"] if not s["trusted"]] == ["folder"]
    trust(hostile.path)
    revoked = run(hostile.path, "trust", "--revoke")
    assert revoked.exit_code == 0
    assert revoked.stderr.startswith(f"No longer trusted: the settings of {hostile.path} (")
    assert status()["trusted"] is False
    assert run(hostile.path, "invite").exit_code == 1
    again = run(hostile.path, "trust", "--revoke")
    assert again.stderr == f"{hostile.path} was not trusted; nothing to forget.\n"


def test_a_file_without_such_settings_needs_no_trust(
    write_network: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_network(
        MEETINGS + '\n[mail]\nfrom = "n@example.de"\n\n[publish]\ncaldav = "https://x.de/c/"\n'
    )
    assert run(path, "trust").exit_code == 0  # caldav acts outside
    path.write_text(network_text(MEETINGS + '\n[mail]\nfrom = "n@example.de"\n'))
    result = run(path, "trust")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        f"{path} has no settings that act outside it (in [mail] other than from, in [publish] "
        "other than url): it needs no trust.\n"
    )
    data = json.loads(run(path, "trust", "--json").stdout)
    assert (data["needs_trust"], data["trusted"], data["settings"]) == (False, True, [])
    store = Path(os.environ["XDG_CONFIG_HOME"]) / "netzwerk" / "trusted.toml"
    assert read_trusted(store) == {}  # the old trust of caldav is gone with it


def test_init_trusts_the_file_it_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from netzwerk_cli.file import starter

    original = starter.starter_file
    monkeypatch.setattr(
        starter,
        "starter_file",
        lambda name, **kw: (
            original(name, **kw) + '\n[mail]\nfrom = "n@example.de"\nsmtp_host = "relay"\n'
        ),
    )
    path = tmp_path / "network.toml"
    assert CliRunner().invoke(app, ["init", "-f", str(path)]).exit_code == 0
    data = json.loads(run(path, "trust", "--json").stdout)
    assert (data["needs_trust"], data["trusted"]) == (True, True)
    # ... and only that file: a copy is another file.
    copy = tmp_path / "copy.toml"
    shutil.copyfile(path, copy)
    assert json.loads(run(copy, "trust", "--json").stdout)["trusted"] is False


def test_the_message_in_german(hostile: Hostile) -> None:
    trust(hostile.path)
    hostile.edit('smtp_host = "127.0.0.1"', 'smtp_host = "mail.example.de"')
    result = run(hostile.path, "invite", "--lang", "de")
    assert result.exit_code == 1
    assert result.stderr == (
        f"netzwerk: {hostile.path}: die Einstellungen, die außerhalb der Datei wirken, sind nicht freigegeben "
        '(geändert: [mail] smtp_host = "mail.example.de"); prüfen Sie sie und führen Sie dann aus: '
        f"netzwerk trust -f {hostile.path}\n"
    )


def test_a_damaged_store_is_a_clear_error_and_nothing_runs(hostile: Hostile) -> None:
    store = Path(os.environ["XDG_CONFIG_HOME"]) / "netzwerk" / "trusted.toml"
    trust(hostile.path)
    store.write_text(store.read_text().replace("format = 1", "format = [1"))
    result = run(hostile.path, "invite")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"netzwerk: {store}: the trust store is damaged (")
    assert result.stderr.endswith(
        "); delete it and trust your network files again (netzwerk trust -f FILE)\n"
    )
    assert not hostile.marker.exists()
    # A digest that is none, a store too large, a FIFO in its place: damaged, at once.
    store.write_text(f'format = 1\n[files."{hostile.path}"]\n"mail.user" = "x"\n')
    assert "the trust store is damaged (bad entry" in run(hostile.path, "publish").stderr
    store.write_bytes(b"#" * (MAX_STORE_BYTES + 1))
    assert "damaged (is 1.0 MiB, more than the 1 MiB netzwerk reads of it)" in (
        run(hostile.path, "trust").stderr
    )
    store.unlink()
    os.mkfifo(store)
    result = run(hostile.path, "invite")
    assert result.exit_code == 1
    assert "damaged (is a named pipe, not a regular file)" in result.stderr
    assert not hostile.marker.exists()


def test_no_config_folder_is_a_clear_error(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.delenv("HOME")
    result = run(hostile.path, "invite")
    assert result.exit_code == 1
    assert result.stderr == (
        "netzwerk: cannot find your config folder, where netzwerk keeps what you trust: set "
        "HOME or XDG_CONFIG_HOME\n"
    )


def test_the_config_folder() -> None:
    assert config_folder({"XDG_CONFIG_HOME": "/c", "HOME": "/h"}) == Path("/c/netzwerk")
    assert config_folder({"XDG_CONFIG_HOME": "rel", "HOME": "/h"}) == Path("/h/.config/netzwerk")
    assert config_folder({"HOME": "/h"}) == Path("/h/.config/netzwerk")
    assert config_folder({}) is None
    import platformdirs

    expected = Path(platformdirs.user_config_dir("netzwerk", appauthor=False))
    assert config_folder({"HOME": "/h"}, platform="darwin") == expected


def setting(key: str, value: str | int, table: str = "mail") -> ServerSetting:
    return ServerSetting(table, key, value)


def test_distrust_names_new_changed_and_removed_settings_of_the_tables_asked() -> None:
    before = [
        setting("smtp_host", "a"),
        setting("smtp_port", 25),
        setting("folder", "x", "publish"),
    ]
    recorded = digests(before)
    assert distrust(before, recorded, tables=("mail", "publish")) is None
    assert distrust(before, None, tables=("mail",)) is not None
    now = [setting("smtp_host", "b"), setting("user", "u"), setting("folder", "y", "publish")]
    found = distrust(now, recorded, tables=("mail",))
    assert found is not None and not found.never
    assert (found.new, found.changed, found.removed) == (
        (setting("user", "u"),),
        (setting("smtp_host", "b"),),
        ("[mail] smtp_port",),
    )
    # The port as text is another value than the port as a number.
    assert distrust(
        [setting("smtp_port", "25")], digests([setting("smtp_port", 25)]), tables=("mail",)
    )


def test_a_shown_value_hides_nothing() -> None:
    assert shown_value('sh -c "x"') == '"sh -c \\"x\\""'
    assert shown_value("evil\u202e.txt") == '"evil\\u202E.txt"'  # a right-to-left override
    assert shown_value("a\u200bb") == '"a\\u200Bb"'
    assert shown_value(587) == "587"
    assert shown_value(True) == "true"


def test_the_command_to_trust_names_the_file_unless_it_is_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netzwerk_cli.cli.trust import trust_command

    assert trust_command(Path("network.toml")) == "netzwerk trust"
    assert trust_command(Path("/srv/my network.toml")) == "netzwerk trust -f '/srv/my network.toml'"
    monkeypatch.setenv("NETZWERK_FILE", "/srv/other.toml")
    assert trust_command(Path("network.toml")) == "netzwerk trust -f network.toml"


def test_the_default_file_in_the_current_folder(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile.path.parent)
    result = CliRunner().invoke(app, ["publish", "--today", TODAY])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "netzwerk: network.toml: the settings that act outside the file are not trusted"
    )
    assert result.stderr.endswith("); read them, then run: netzwerk trust\n")
    assert CliRunner().invoke(app, ["trust"]).exit_code == 0
    assert CliRunner().invoke(app, ["publish", "--today", TODAY]).exit_code == 0


IMAP = {
    "from": "n@example.de",
    "user": "netzwerk",
    "imap_host": "imap.example.de",
    "imap_folder": "INBOX",
    "imap_password_command": "pass show netzwerk/imap",
}


def test_keys_a_table_gains_act_outside_the_file_without_a_list_to_update() -> None:
    """The mailbox keys of the coming `replies` are server settings as soon as the store reads
    them: every key of [mail] but `from`, of [publish] but `url`."""
    from netzwerk_cli.file.store import _server_settings

    found = _server_settings({"mail": IMAP, "publish": {"url": "https://x.de/", "folder": "w"}})
    assert [s.name for s in found] == [
        "[mail] user",
        "[mail] imap_host",
        "[mail] imap_folder",
        "[mail] imap_password_command",
        "[publish] folder",
    ]


def test_trust_shows_a_mailbox_with_its_defaults_and_its_command(
    write_network: Callable[..., Path],
) -> None:
    mail = "".join(f'{key} = "{value}"\n' for key, value in IMAP.items() if key != "imap_folder")
    path = write_network(MEETINGS + "\n[mail]\n" + mail, members=MEMBERS)
    result = run(path, "trust")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        '  Mailbox (IMAP): host "imap.example.de", port 993, security tls, user "netzwerk", '
        'folder "INBOX"',
        "  Command netzwerk runs as you, for a password ([mail] imap_password_command): "
        '"pass show netzwerk/imap"',
    ]
    # A changed mailbox stops `replies` as it stops `invite`.
    path.write_text(path.read_text().replace("imap.example.de", "imap.example.net"))
    refused = run(path, "invite")
    assert refused.exit_code == 1
    assert '(changed: [mail] imap_host = "imap.example.net"); read them' in refused.stderr


def test_a_file_with_only_the_sender_needs_no_trust_to_send(
    write_network: Callable[..., Path],
) -> None:
    path = write_network(MEETINGS + '\n[mail]\nfrom = "n@example.de"\n', members=MEMBERS)
    result = run(path, "invite")
    assert result.exit_code == 1
    assert "trust" not in result.stderr  # it fails for want of a server, not of trust


def test_more_damaged_stores(hostile: Hostile) -> None:
    store = Path(os.environ["XDG_CONFIG_HOME"]) / "netzwerk" / "trusted.toml"
    store.parent.mkdir(parents=True)
    for text, why in [
        ("format = 1\nextra = 2\n", "unexpected content"),
        ('format = 1\n[files."relative.toml"]\n', "bad entry 'relative.toml'"),
        ("format = 2\n", "format 2, expected 1"),
    ]:
        store.write_text(text)
        result = run(hostile.path, "invite")
        assert result.exit_code == 1
        assert f"the trust store is damaged ({why})" in result.stderr, result.stderr
    assert not hostile.marker.exists()


def test_a_config_folder_that_cannot_be_made(hostile: Hostile, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    result = run(hostile.path, "trust", env={"XDG_CONFIG_HOME": str(blocker)})
    assert result.exit_code == 1
    assert result.stderr == (
        f"netzwerk: {blocker}/netzwerk/trusted.toml: cannot be read: Not a directory\n"
    )


def test_a_changed_certificate_file_is_refused(hostile: Hostile) -> None:
    hostile.edit('security = "none"', 'security = "none"\nca_file = "/etc/netzwerk/a.pem"')
    trust(hostile.path)
    hostile.edit("/etc/netzwerk/a.pem", "/tmp/b.pem")
    result = run(hostile.path, "invite")
    assert result.exit_code == 1
    assert '(changed: [mail] ca_file = "/tmp/b.pem"); read them' in result.stderr
    nothing_happened(hostile, len(hostile.caldav.requests()))


def test_a_certificate_file_whose_content_changed_is_refused(
    hostile: Hostile, tmp_path: Path
) -> None:
    """What is trusted is what the certificate file says: a file beside a shared network file
    can change with it (a `git pull`), its name staying the same."""
    certificates = tmp_path / "certs" / "ca.pem"  # beside the shared folder, as ../certs/ca.pem
    certificates.parent.mkdir()
    certificates.write_text("-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n")
    hostile.edit('security = "none"', 'security = "none"\nca_file = "../certs/ca.pem"')
    trust(hostile.path)
    requests = len(hostile.caldav.requests())
    certificates.write_text("-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----\n")
    result = run(hostile.path, "invite")
    assert result.exit_code == 1
    assert '(changed: [mail] ca_file = "../certs/ca.pem"); read them' in result.stderr
    nothing_happened(hostile, requests)
    # Trusted again as it is now: the file's new content is what is trusted.
    trust(hostile.path)
    assert "changed" not in run(hostile.path, "trust", "--json").stdout


def test_paths_of_a_symlinked_network_file_are_found_where_publish_finds_them(
    hostile: Hostile, tmp_path: Path
) -> None:
    """A link to the network file in another folder: `folder = "site"` is beside the link (where
    `publish` writes), and `trust` shows that folder, not the one beside the file linked to."""
    linked = tmp_path / "linked"
    (linked / "site").mkdir(parents=True)
    link = linked / "network.toml"
    link.symlink_to(hostile.path)
    shown = run(link, "trust")
    assert shown.exit_code == 0, shown.output
    assert f'([publish] folder = "site"): "{(linked / "site").resolve()}"' in shown.stdout
    published = run(link, "publish")
    assert published.exit_code == 0, published.output
    assert (linked / "site" / "index.html").is_file()
    assert not (hostile.site / "index.html").exists()
