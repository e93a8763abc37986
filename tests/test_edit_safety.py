"""How every write behaves: dry runs, atomic replacement, permissions, the lock, hand edits."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.core.edits import Edit
from netzwerk_cli.file import fileio, locking, tomledit
from netzwerk_cli.file.store import read_network

from .conftest import MUTATION_RUN, ROOT, TODAY
from .test_edit_support import assert_untouched, leftovers, refused, run, snapshot

WRITING_COMMANDS = [
    ["record", "2025-04-02"],
    ["plan", "2026-12-09"],
    ["cancel", "2026-12-02"],
    ["member", "add", "SM", "--name", "N", "--seat", "S", "--state", "TH"],
    ["member", "leave", "WAK", "--date", "2027-01-01"],
]


@pytest.fixture
def in_folder(network_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled file as ./network.toml, so that commands need no --file."""
    monkeypatch.chdir(network_file.parent)
    # cancel needs a meeting planned for a day: give the planned meeting one first.
    result = CliRunner().invoke(app, ["plan", "2026-12-02", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return network_file


@pytest.mark.parametrize("command", WRITING_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_dry_run_shows_a_unified_diff_and_writes_nothing(
    runner: CliRunner, in_folder: Path, command: list[str]
) -> None:
    before = snapshot(in_folder)
    result = runner.invoke(app, [*command, "--dry-run", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("--- network.toml\n+++ network.toml\n@@ ")
    # The summary says it; a note may follow it (record: a meeting planned far later stays so).
    assert result.stderr.splitlines()[0].endswith(" (dry run: nothing written)")
    assert_untouched(in_folder, before)
    # The same command for real makes exactly the change the diff showed.
    diff = result.stdout
    real = runner.invoke(app, [*command, "--today", TODAY.isoformat()])
    assert real.exit_code == 0, real.output
    assert real.stderr == result.stderr.replace(" (dry run: nothing written)\n", "\n", 1)
    added = [line[1:] for line in diff.splitlines()[2:] if line.startswith("+")]
    text = in_folder.read_text(encoding="utf-8")
    assert all(line in text.splitlines() for line in added)


def test_permissions_are_kept(runner: CliRunner, network_file: Path) -> None:
    network_file.chmod(0o640)
    assert run(runner, network_file, "record", "2025-04-02").exit_code == 0
    assert network_file.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_mid_write_leaves_the_original_and_no_temporary_file(
    runner: CliRunner, network_file: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """The undo record is written first: a full disk stops the change there (fsync), or, when
    only the network file's replacement fails, the record names a text the file never got and
    `undo` says there is nothing to undo."""
    real_replace, real_fsync = Path.replace, fileio.os.fsync

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    def broken_for_the_file(self: Path, target: Path) -> Path:
        if Path(target) == network_file:
            raise OSError(28, "No space left on device")
        return real_replace(self, target)

    if failing == "fsync":
        monkeypatch.setattr(fileio.os, "fsync", broken)
        failed = network_file.with_name(f".{network_file.name}.undo")
    else:
        monkeypatch.setattr(Path, "replace", broken_for_the_file)
        failed = network_file
    before = snapshot(network_file)
    result = run(runner, network_file, "record", "2025-04-02")
    refused(result, f"{failed}: cannot write: No space left on device")
    assert_untouched(network_file, before)
    monkeypatch.setattr(fileio.os, "fsync", real_fsync)  # the disk has room again
    monkeypatch.setattr(Path, "replace", real_replace)
    undone = run(runner, network_file, "undo")
    assert undone.exit_code == 1
    assert "nothing to undo" in undone.stderr
    assert_untouched(network_file, before)


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(
    runner: CliRunner, network_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hand_edited = network_file.read_text(encoding="utf-8") + "# a hand edit\n"
    original = tomledit.apply_edit

    def edit_while_computing(text: str, edit: Edit) -> str:
        network_file.write_text(hand_edited, encoding="utf-8")
        return original(text, edit)

    monkeypatch.setattr(tomledit, "apply_edit", edit_while_computing)
    result = run(runner, network_file, "record", "2025-04-02")
    refused(
        result,
        f"{network_file} changed while netzwerk was changing it; nothing written, "
        "run the command again",
    )
    assert network_file.read_text(encoding="utf-8") == hand_edited
    assert leftovers(network_file) == []


def test_a_second_writer_gives_up_after_the_timeout(
    runner: CliRunner, network_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locking, "LOCK_TIMEOUT", 0.2)
    before = snapshot(network_file)
    with locking.writer_lock(network_file):
        result = run(runner, network_file, "member", "leave", "WAK", "--date", "2027-01-01")
    refused(
        result,
        f"another netzwerk command is changing {network_file}; try again "
        f"(waited 0.2 s for its lock {network_file.parent / '.network.toml.lock'})",
    )
    assert_untouched(network_file, before)
    # Once the lock is free, the same command goes through.
    assert (
        run(runner, network_file, "member", "leave", "WAK", "--date", "2027-01-01").exit_code == 0
    )


def test_the_lock_without_fcntl_is_an_exclusive_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locking, "HAS_FLOCK", False)
    target = tmp_path / "network.toml"
    lock = tmp_path / ".network.toml.lock"
    with locking.writer_lock(target):
        assert lock.read_text() == f"{os.getpid()}\n"
        with pytest.raises(locking.WriteError) as info, locking.writer_lock(target, timeout=0.05):
            pass  # pragma: no cover - the lock is taken
        assert info.value.message.endswith(f"; if no netzwerk command is running, delete {lock}")
    assert not lock.exists()


@pytest.mark.parametrize("flock", [True, False])
def test_a_lock_that_cannot_be_created_is_a_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flock: bool
) -> None:
    monkeypatch.setattr(locking, "HAS_FLOCK", flock)
    with (
        pytest.raises(locking.WriteError, match="cannot create the lock file"),
        locking.writer_lock(tmp_path / "missing" / "network.toml"),
    ):
        pass  # pragma: no cover


def test_twenty_writers_at_once_all_get_their_change_in(write_network: Callable[..., Path]) -> None:
    path = write_network()
    days = [f"2025-{month:02d}-{day:02d}" for month in (1, 2) for day in range(1, 11)]
    # Under mutmut each writer also loads its bookkeeping: five writers there, on a busy machine.
    days = days[:5] if MUTATION_RUN else days
    hosts = ["HEF", "WAK", "ESW", "FD"]
    # The writers run the code of this checkout; under mutmut its copy, with no mutant active (a
    # separate process can kill no mutant, and mutmut's bookkeeping is not theirs to do).
    env = {name: value for name, value in os.environ.items() if name != "MUTANT_UNDER_TEST"}
    env["PYTHONPATH"] = str(ROOT / "src")
    options = ["--file", str(path), "--today", TODAY.isoformat()]
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "netzwerk_cli", "record", day, "--host", hosts[n % 4], *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for n, day in enumerate(days)
    ]
    outcomes = [(w.wait(timeout=60), w.communicate()[1].decode()) for w in writers]
    assert [code for code, _ in outcomes] == [0] * len(days), outcomes
    network = read_network(path, today=TODAY)
    assert sorted(m.date.isoformat() for m in network.meetings if m.date) == sorted(days)
    assert len(tomllib.loads(path.read_text(encoding="utf-8"))["meetings"]) == len(days)
    assert leftovers(path) == []


def test_crlf_files_stay_crlf(runner: CliRunner, network_file: Path) -> None:
    crlf = network_file.read_bytes().replace(b"\n", b"\r\n")
    network_file.write_bytes(crlf)
    assert (
        run(runner, network_file, "member", "leave", "WAK", "--date", "2027-01-01").exit_code == 0
    )
    assert network_file.read_bytes() == crlf.replace(
        b'state = "TH"\r\n', b'state = "TH"\r\nleft = 2027-01-01\r\n'
    )


def test_inline_arrays_are_refused_not_rewritten(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    path.write_text(
        'members = [{ id = "A", name = "A", seat = "A", state = "HE" }]\n\n[network]\nname = "N"\n',
        encoding="utf-8",
    )
    before = snapshot(path)
    refused(
        run(runner, path, "member", "add", "B", "--name", "B", "--seat", "B", "--state", "HE"),
        "the file writes its members as `members = [...]`, not as [[members]] tables; netzwerk "
        "changes only [[members]] tables, so nothing was written (write each of the members as a "
        "[[members]] table to let netzwerk change them)",
    )
    assert_untouched(path, before)


def test_an_invalid_file_is_not_changed(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    path.write_text('[network]\nname = "N"\nrotation = "random"\n', encoding="utf-8")
    before = snapshot(path)
    refused(
        run(runner, path, "member", "add", "B", "--name", "B", "--seat", "B", "--state", "HE"),
        f'{path}: [network]: rotation \'random\' is not one of "order", "least-recent"',
    )
    assert_untouched(path, before)


def test_a_missing_file_leaves_no_lock_file(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, tmp_path / "network.toml", "cancel", "2026-12-02")
    assert result.exit_code == 1
    assert "no such file" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_through_a_symbolic_link_the_target_changes_and_the_link_stays(
    runner: CliRunner, network_file: Path
) -> None:
    shared = network_file.parent / "shared"
    shared.mkdir()
    target = shared / "network.toml"
    network_file.rename(target)
    network_file.symlink_to(target)
    assert (
        run(runner, network_file, "member", "leave", "WAK", "--date", "2027-01-01").exit_code == 0
    )
    assert network_file.is_symlink()
    assert "left = 2027-01-01\n" in target.read_text(encoding="utf-8")
    assert (shared / ".network.toml.lock").exists()


def test_a_missing_final_newline_is_kept_and_shown(runner: CliRunner, network_file: Path) -> None:
    text = network_file.read_text(encoding="utf-8").removesuffix("\n")
    network_file.write_text(text, encoding="utf-8")
    result = run(runner, network_file, "record", "2025-04-02", "--dry-run")
    assert '-title = "3. Treffen"\n\\ No newline at end of file\n' in result.stdout
    assert result.stdout.endswith(
        '+title = "3. Treffen"\n+date = 2025-04-02\n\\ No newline at end of file\n'
    )
    assert run(runner, network_file, "record", "2025-04-02").exit_code == 0
    assert network_file.read_text(encoding="utf-8").endswith(
        'title = "3. Treffen"\ndate = 2025-04-02'
    )
