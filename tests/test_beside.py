"""What netzwerk writes where: one rule for every folder it writes files into (created if missing,
never its parents), and beside the network file only its records and one lock file, each named
by a line of the `.gitignore` that CONTRIBUTING.md shows ("How a change of the network file is
written")."""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app
from netzwerk_cli.errors import WriteError
from netzwerk_cli.file import locking
from netzwerk_cli.message import fact

from .conftest import ROOT, network_text, trust
from .test_publish import PASSWORD, USER, Server, running_radicale

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
"""
CADENCE = 'cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\n'


def run(path: Path, *args: str, lang: str = "en") -> Result:
    return CliRunner().invoke(app, [*args, "-f", str(path), "--today", TODAY, "--lang", lang])


# --- one rule for every folder ------------------------------------------------------------------


def test_ensure_folder_creates_a_missing_folder_never_its_parents(tmp_path: Path) -> None:
    from netzwerk_cli.file.fileio import ensure_folder

    refused = fact("{path}: not a folder", path="x")
    assert ensure_folder(tmp_path, not_a_folder=refused) is False
    assert ensure_folder(tmp_path / "new", not_a_folder=refused, create=False) is True
    assert not (tmp_path / "new").exists()  # a dry run creates nothing
    assert ensure_folder(tmp_path / "new", not_a_folder=refused) is True
    assert (tmp_path / "new").is_dir()
    with pytest.raises(WriteError) as info:
        ensure_folder(tmp_path / "a" / "b", not_a_folder=refused)
    assert (
        info.value.message
        == f"{tmp_path / 'a' / 'b'}: the folder {tmp_path / 'a'} does not exist; create it first, or name another"
    )
    assert not (tmp_path / "a").exists()
    (tmp_path / "file").write_text("x")
    with pytest.raises(WriteError) as info:
        ensure_folder(tmp_path / "file", not_a_folder=refused)
    assert info.value.message == "x: not a folder"


def published_network(tmp_path: Path, folder: str = "www/netzwerk") -> Path:
    path = tmp_path / "network.toml"
    body = MEETINGS + f'[publish]\nfolder = "{folder}"\n'
    path.write_text(network_text(body, header=CADENCE + 'language = "de"\n'), "utf-8")
    (tmp_path / "www").mkdir()
    return trust(path)


@pytest.mark.parametrize(
    ("lang", "would", "wrote"),
    [
        (
            "en",
            'Would create the folder "{folder}" (dry run).\n'
            "Would write (dry run): netzwerk.ics, index.html\n",
            'Created the folder "{folder}".\nWritten: netzwerk.ics, index.html\n',
        ),
        (
            "de",
            "Der Ordner „{folder}“ würde angelegt (Probelauf).\n"
            "Zu schreiben (Probelauf): netzwerk.ics, index.html\n",
            "Der Ordner „{folder}“ wurde angelegt.\nGeschrieben: netzwerk.ics, index.html\n",
        ),
    ],
)
def test_publish_creates_its_missing_folder_and_a_dry_run_says_it_would(
    tmp_path: Path, lang: str, would: str, wrote: str
) -> None:
    path = published_network(tmp_path)
    folder = tmp_path / "www" / "netzwerk"
    dry = run(path, "publish", "--dry-run", lang=lang)
    assert (dry.exit_code, dry.stdout) == (0, would.format(folder=folder)), dry.output
    assert not folder.exists()
    done = run(path, "publish", lang=lang)
    assert (done.exit_code, done.stdout) == (0, wrote.format(folder=folder)), done.output
    assert sorted(p.name for p in folder.iterdir()) == ["index.html", "netzwerk.ics"]
    again = run(path, "publish", "--json", lang=lang)
    assert '"created_folder": null' in again.stdout


def test_publish_never_creates_the_parents_of_its_folder(tmp_path: Path) -> None:
    path = published_network(tmp_path, folder="web/netzwerk")
    for args in (["publish"], ["publish", "--dry-run"]):
        result = run(path, *args)
        assert result.exit_code == 1
        assert result.stderr == (
            f"netzwerk: {tmp_path / 'web' / 'netzwerk'}: the folder {tmp_path / 'web'} does not "
            "exist; create it first, or name another\n"
        )
    assert not (tmp_path / "web").exists()


def test_remind_ics_and_export_output_create_the_folder_of_their_file(tmp_path: Path) -> None:
    path = published_network(tmp_path)
    assert run(path, "remind", "--ics", str(tmp_path / "kalender" / "n.ics")).exit_code == 0
    assert (tmp_path / "kalender" / "n.ics").is_file()
    assert run(path, "export", "-o", str(tmp_path / "export" / "n.ics")).exit_code == 0
    assert (tmp_path / "export" / "n.ics").is_file()
    missing = run(path, "export", "-o", str(tmp_path / "x" / "y" / "n.ics"), lang="de")
    assert missing.exit_code == 1
    assert missing.stderr == (
        f"netzwerk: {tmp_path / 'x' / 'y'}: der Ordner {tmp_path / 'x'} existiert nicht; "
        "legen Sie ihn zuerst an oder geben Sie einen anderen an\n"
    )


# --- one lock file ------------------------------------------------------------------------------


def test_every_part_locks_a_byte_of_the_one_lock_file(tmp_path: Path) -> None:
    target = tmp_path / "network.toml"
    target.write_text("")
    with locking.writer_lock(target, part="sent"), locking.writer_lock(target, part="published"):
        with locking.writer_lock(target), locking.writer_lock(target, part="replies"):
            pass  # each part is free while the others are held
        with (
            pytest.raises(WriteError, match="another netzwerk command is changing"),
            locking.writer_lock(target, part="sent", timeout=0.05),
        ):
            pass  # pragma: no cover - the part is taken
    assert sorted(p.name for p in tmp_path.iterdir()) == [".network.toml.lock", "network.toml"]
    with locking.writer_lock(target, part="sent", timeout=0.05):
        pass  # released


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[Path]:
    """Another process that holds the sending lock of a network file until its stdin closes."""
    target = tmp_path / "network.toml"
    target.write_text("")
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from netzwerk_cli.file.locking import writer_lock
        with writer_lock(Path({str(target)!r}), part="sent"):
            print("held", flush=True)
            sys.stdin.read()
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    try:
        yield target
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=10)


def test_another_process_holding_a_part_excludes_only_that_part(holder: Path) -> None:
    with (
        pytest.raises(WriteError, match="another netzwerk command is changing"),
        locking.writer_lock(holder, part="sent", timeout=0.1),
    ):
        pass  # pragma: no cover - the other process holds it
    with locking.writer_lock(holder, timeout=0.1), locking.writer_lock(holder, part="published"):
        pass
    assert sorted(p.name for p in holder.parent.iterdir()) == [".network.toml.lock", "network.toml"]


# --- what lies beside the network file ----------------------------------------------------------


def readme_gitignore() -> list[str]:
    """The lines of the `.gitignore` block of CONTRIBUTING.md."""
    readme = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r"```gitignore\n(.*?)```", readme, re.DOTALL)
    assert block is not None, "CONTRIBUTING.md shows no .gitignore lines"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_radicale(tmp_path_factory.mktemp("radicale")) as server:
        yield server


def test_every_writing_command_leaves_records_and_one_lock_file_beside_the_network_file(
    tmp_path: Path, radicale: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETZWERK_CALDAV_PASSWORD", PASSWORD)
    home = tmp_path / "netz"
    home.mkdir()
    path = home / "network.toml"

    def step(*args: str) -> None:
        result = CliRunner().invoke(app, [*args, "-f", str(path), "--today", TODAY])
        assert result.exit_code == 0, (args, result.output)

    step("init", "--name", "Netzwerk Integration")
    step("member", "add", "HEF", "--name", "Landkreis Hersfeld-Rotenburg", "--seat", "Bad Hersfeld",
         "--state", "HE")  # fmt: skip
    step("member", "add", "WAK", "--name", "Wartburgkreis", "--seat", "Bad Salzungen",
         "--state", "TH")  # fmt: skip
    step("record", "2026-11-04", "--host", "HEF")
    step("plan", "2027-04-07", "--host", "WAK")
    calendar = radicale.new_calendar()
    text = path.read_text("utf-8").replace(
        'state = "HE"\n', 'state = "HE"\ncontacts = ["anna@hef.example.de"]\n', 1
    )
    text += (
        '\n[mail]\nfrom = "Koordination <netzwerk@example.de>"\n'
        f'\n[publish]\nfolder = "../www"\ncaldav = "{calendar}"\ncaldav_user = "{USER}"\n'
    )
    path.write_text(text, "utf-8")
    trust(path)
    for folder in ("answers", "www", "export", "remind"):
        (tmp_path / folder).mkdir()
    step("export", "--output", str(tmp_path / "export" / "netzwerk.ics"))
    step("invite", "--outbox", str(tmp_path / "outbox"))
    step("replies", "--from", str(tmp_path / "answers"))
    step("publish")
    step("remind", "--ics", str(tmp_path / "remind" / "netzwerk.ics"))
    step("cancel", "2027-04-07")
    step("invite", "--outbox", str(tmp_path / "outbox"))
    step("publish")

    beside = sorted(p.name for p in home.iterdir())
    assert beside == [
        ".network.toml.calendar",
        ".network.toml.lock",
        ".network.toml.published",
        ".network.toml.replies",
        ".network.toml.sent",
        ".network.toml.undo",
        "network.toml",
    ]
    assert [name for name in beside if name.endswith(".lock")] == [".network.toml.lock"]
    ignored = readme_gitignore()
    for name in beside:
        if name != "network.toml":
            assert any(fnmatch.fnmatch(name, line) for line in ignored), name
    # The repository's own .gitignore names them too, for any network file.
    own = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    for name in beside:
        if name != "network.toml":
            assert any(fnmatch.fnmatch(name, line) for line in own if line and line[0] != "#")
