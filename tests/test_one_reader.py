"""One door per input: the network file and every record beside it are read through one bounded
reader (a regular file, at most a bound), whatever the environment says about the language.

Each reader is run as a user runs it: the installed console script as a new process, with no
language anywhere in its environment (no LANG, LC_ALL, LC_MESSAGES, LANGUAGE, NETZWERK_LANG: a
cron job, a container), on a named pipe without a writer and on /dev/zero. It must end with exit 1
and one line that says why, at once: a reader that waits for the pipe is killed by the timeout
(the test fails rather than hangs), and one that reads /dev/zero without bound runs into the
memory limit set for the process (and ends with a traceback, which fails the test too).

"At once" is measured in processor time: within a second of a run that fails before it reads
anything. The wall clock of a machine that seven test suites share stretches by seconds; the
processor time a run uses does not.
"""

from __future__ import annotations

import ast
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, network_text

SCRIPT = Path(sys.executable).with_name("netzwerk")
LANGUAGE_VARIABLES = ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "NETZWERK_LANG")
# More than the command needs, far less than /dev/zero would fill.
MEMORY_LIMIT = 1 << 30
MEETINGS = """
[[meetings]]
date = 2024-11-06
host = "WAK"
status = "held"

[[meetings]]
date = 2027-04-07
host = "ESW"
status = "planned"
"""
MAIL = '[mail]\nfrom = "Koordination <netzwerk@example.de>"\nsmtp_host = "127.0.0.1"\n'
# A server that is never asked: the record is read before anything is sent.
PUBLISH = '[publish]\ncaldav = "http://127.0.0.1:9/calendars/netzwerk/"\n'
CONTACT = 'state = "HE"\ncontacts = ["Anna Müller <anna@hef.example.de>"]\n'


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def bare_environment(tmp_path: Path) -> dict[str, str]:
    """The environment of a cron job: no language at all, no netzwerk settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in LANGUAGE_VARIABLES and not k.startswith("NETZWERK_")
    }
    env["HOME"] = str(tmp_path)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    return env


# Ample for a loaded machine to run the command, and a bound for one that waits on a pipe.
HANG = 30.0


def run(*args: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """The console script as a new process; the processor time it used (user and system)."""
    assert SCRIPT.exists(), SCRIPT
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        done = subprocess.run(
            [str(SCRIPT), *args],
            env=bare_environment(tmp_path),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=HANG,
            check=False,
            preexec_fn=_limited,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"netzwerk {' '.join(args)} did not end within {HANG:g} s")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done, used


@pytest.fixture(scope="module")
def start_up(tmp_path_factory: pytest.TempPathFactory) -> float:
    """The processor time of a run that fails at once (a missing file): the start-up of the
    command, the most of three."""
    tmp_path = tmp_path_factory.mktemp("start")
    times = []
    for _ in range(3):
        done, took = run("next-host", "-f", "missing.toml", tmp_path=tmp_path)
        assert done.returncode == 1, done.stderr
        times.append(took)
    return max(times)


def pipe(path: Path) -> str:
    os.mkfifo(path)
    return "is a named pipe, not a regular file"


def zero(path: Path) -> str:
    path.symlink_to("/dev/zero")
    return "is a device, not a regular file"


KINDS = {"a named pipe": pipe, "/dev/zero": zero}


def network(
    tmp_path: Path, body: str = "", *, members: str | None = None, header: str = ""
) -> Path:
    from .conftest import MEMBERS

    path = tmp_path / "network.toml"
    members = MEMBERS if members is None else members
    # language = "de" in the file: with nothing in the environment, the run reads the file for
    # its language first, the way that once skipped the reader's rules.
    text = network_text(MEETINGS + body, header='language = "de"\n' + header, members=members)
    path.write_text(text, encoding="utf-8")
    return path


def check(
    done: subprocess.CompletedProcess[str], took: float, start_up: float, path: Path, said: str
) -> None:
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"netzwerk: {path}: {said}\n"
    # Within a second (of processor time) of a run that fails at once, or of the normal run.
    assert took < start_up + 1.0, (took, start_up)


GERMAN = {
    "is a named pipe, not a regular file": "ist eine benannte Pipe, keine gewöhnliche Datei",
    "is a device, not a regular file": "ist ein Gerät, keine gewöhnliche Datei",
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", [["next-host"], ["schedule"], ["plan", "--dry-run"]])
def test_the_network_file(tmp_path: Path, start_up: float, kind: str, command: list[str]) -> None:
    path = tmp_path / "network.toml"
    said = KINDS[kind](path)
    if command[0] == "plan":
        command = ["plan", "2027-04-07", "--dry-run"]
    done, took = run(*command, "-f", str(path), tmp_path=tmp_path)
    # No language anywhere, and the file cannot tell one: English.
    check(done, took, start_up, path, said)


RECORDS: dict[str, tuple[str, list[str]]] = {
    # record kind: (what the network file needs, the command that reads the record)
    "calendar": ("", ["export"]),
    "sent": (MAIL, ["invite", "--dry-run"]),
    "published": (PUBLISH, ["publish", "--dry-run"]),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("record", RECORDS)
def test_every_record_beside_the_file(
    tmp_path: Path, start_up: float, kind: str, record: str
) -> None:
    from netzwerk_cli.file.records import record_path

    from .conftest import MEMBERS, trust

    body, command = RECORDS[record]
    members = MEMBERS.replace('state = "HE"\n', CONTACT, 1)
    path = trust(network(tmp_path, body, members=members))  # as its coordinator has
    target = record_path(path, record)
    if body:  # [mail] or [publish]: trusted first, as a coordinator does (`netzwerk trust`)
        trusted, _ = run("trust", "-f", str(path), tmp_path=tmp_path)
        assert trusted.returncode == 0, trusted.stderr
    args = [*command, "-f", str(path), "--today", "2026-11-25"]
    # The same command as it runs with no record yet (the export writes one: gone again).
    _, normal = run(*args, tmp_path=tmp_path)
    target.unlink(missing_ok=True)
    said = KINDS[kind](target)
    done, took = run(*args, tmp_path=tmp_path)
    # The file's language, read once: the record's refusal is German.
    check(done, took, max(normal, start_up), target, GERMAN[said])
    assert done.stderr.startswith(f"netzwerk: {target}: ")


@pytest.mark.parametrize("kind", KINDS)
def test_the_holiday_cache_in_the_way_is_passed_by(
    tmp_path: Path, start_up: float, kind: str
) -> None:
    """The cache only saves time: a pipe or a device where it should be is not read, and the
    holidays are asked of the `holidays` package instead."""
    from netzwerk_cli.outside.holidaycache import FORMAT, holidays_release

    path = network(tmp_path, header='cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\n')
    cache = tmp_path / "cache" / "netzwerk"
    cache.mkdir(parents=True)
    KINDS[kind](cache / f"holidays-{holidays_release()}-v{FORMAT}.txt")
    args = ["schedule", "--json", "-f", str(path), "--today", "2026-11-25"]
    done, _ = run(*args, tmp_path=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert '"date": "2027-04-07"' in done.stdout


def test_the_language_comes_from_the_one_read(tmp_path: Path) -> None:
    """With no language in the environment, the file's own `language` is the terminal's, taken
    from the same read that the command parses (the file is read once)."""
    path = network(tmp_path)
    done, _ = run("validate", "-f", str(path), tmp_path=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"{path} ist gültig")


def test_the_file_is_opened_once_per_question(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """In one run of a command that only reads, the network file is opened exactly once, also
    when its language is looked up first."""
    from typer.testing import CliRunner

    from netzwerk_cli.cli import app
    from netzwerk_cli.file import fileio

    path = network(tmp_path)
    opened: list[Path] = []
    real = fileio.read_bounded

    def counted(where: Path, **kwargs: object) -> bytes:
        opened.append(Path(where))
        return real(where, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fileio, "read_bounded", counted)
    for variable in LANGUAGE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    for command in (["next-host"], ["members"], ["validate"], ["history", "--json"]):
        opened.clear()
        result = CliRunner().invoke(app, [*command, "-f", str(path), "--today", "2026-11-25"])
        assert result.exit_code == 0, result.output
        assert opened.count(path) == 1, (command, opened)


# --- nothing opens a file but the one reader --------------------------------------------------

# The calls that open or read a file, and the few places allowed to make them, each with why.
ALLOWED = {
    ("file/fileio.py", "os.open"),  # the one reader, and the folder's fsync after a write
    ("file/locking.py", "os.open"),  # the lock file: opened to lock, never read
    ("cli/app.py", "os.open"),  # the null device, for a stdout that cannot be written
    ("cli/setup.py", "path.read_text"),  # the JSON Schema `schema` prints: package data
    ("file/starter.py", "path.read_text"),  # the template of `init`: package data, not the user's
    ("calendar/zonedata.py", "path.read_bytes"),  # a zone of the `tzdata` package: package data
    ("output/papers/wordfile.py", "path.read_bytes"),  # the default Word template: package data
}
OPENING = {"open", "read_text", "read_bytes", "fdopen"}


def test_no_module_opens_a_file_but_through_the_one_reader() -> None:
    source = ROOT / "src" / "netzwerk_cli"
    found = set()
    for module in sorted(source.rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "open":
                call = "open"  # the builtin
            elif isinstance(func, ast.Attribute) and func.attr in OPENING:
                owner = func.value.id if isinstance(func.value, ast.Name) else ""
                # os.open, or a method of a path: path.read_text(), path.open()
                call = f"os.{func.attr}" if owner == "os" else f"path.{func.attr}"
            else:
                continue
            found.add((module.relative_to(source).as_posix(), call))
    # fdopen: the one reader's and the atomic writer's handles on what they opened themselves.
    assert found - {("file/fileio.py", "os.fdopen")} == ALLOWED


def test_the_bound_holds_for_a_file_that_grows(tmp_path: Path) -> None:
    """The reader reads one byte more than its bound, never more, whatever the file's size says."""
    from netzwerk_cli.file.fileio import Unreadable, read_bounded

    path = tmp_path / "big"
    path.write_bytes(b"x" * 101)
    with pytest.raises(Unreadable) as caught:
        read_bounded(path, most=100)
    assert caught.value.oversize
    assert read_bounded(path, most=101) == b"x" * 101
