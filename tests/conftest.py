"""Shared fixtures: a CliRunner, a copy of the bundled network file, and a file factory."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from netzwerk_cli.file.store import parse_network
from netzwerk_cli.message import Message
from netzwerk_cli.model import Language, Network
from netzwerk_cli.words import words

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "network.toml"
TODAY = dt.date(2026, 11, 24)

# Under mutmut (CONTRIBUTING.md, "Mutation testing"; it sets MUTANT_UNDER_TEST in every run it makes) each
# mutant that survives runs every test that reaches it: there the property tests try a tenth of
# their examples, always the same ones (the example tests are the ones written to kill mutants).
MUTATION_RUN = "MUTANT_UNDER_TEST" in os.environ
settings.register_profile("mutation", derandomize=True, database=None)
if MUTATION_RUN:
    settings.load_profile("mutation")


def examples(count: int) -> int:
    """`count` examples for a property test; a tenth of them (at least 10) under mutmut."""
    return max(count // 10, 10) if MUTATION_RUN else count


# Four members as in the seed, without meetings: tests add what they need.
MEMBERS = """
[[members]]
id = "HEF"
name = "Landkreis Hersfeld-Rotenburg"
seat = "Bad Hersfeld"
state = "HE"

[[members]]
id = "WAK"
name = "Wartburgkreis"
seat = "Bad Salzungen"
state = "TH"

[[members]]
id = "ESW"
name = "Werra-Meißner-Kreis"
seat = "Eschwege"
state = "HE"

[[members]]
id = "FD"
name = "Landkreis Fulda"
seat = "Fulda"
state = "HE"
"""


def _compile_catalogs() -> None:
    """The compiled catalogs as current as their .po files: an editable install compiles them
    once, and a test run after an edit of a .po must not read the old .mo (Babel is a test
    requirement)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(
        (ROOT / "src" / "netzwerk_cli" / "words" / "locale").glob("*/LC_MESSAGES/*.po")
    ):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source)
        with mo.open("wb") as target:
            write_mo(target, catalog, use_fuzzy=False)


_compile_catalogs()


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test sees the developer's NETZWERK_* settings, colours, holiday cache or trust store."""
    for name in ("NETZWERK_FILE", "NETZWERK_TODAY", "NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    # Nor the developer's locale: the terminal speaks English unless a test asks for German
    # (the tests of the language's choice set these themselves).
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETZWERK_LANG", "en")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    # Nor the developer's trust store (`netzwerk trust`): a fresh config folder for each test, and
    # a home of its own, so that a run without XDG_CONFIG_HOME cannot reach ~/.config either.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(autouse=True)
def _fresh_calendar_caches() -> None:
    """Under mutmut, the writer's remembered zones, VTIMEZONEs and event lines start empty in each
    test: remembered from the run before, they would hide a mutant of the code that makes them."""
    if MUTATION_RUN:
        from netzwerk_cli.calendar import ical, zonedata

        ical._vtimezone.cache_clear()
        ical._zone.cache_clear()
        ical._content_lines.cache_clear()
        ical._utc_stamp.cache_clear()
        zonedata.clock_change_days.cache_clear()


@pytest.fixture(autouse=True)
def _a_mutant_that_loops_fails_soon() -> Iterator[None]:
    """While mutmut tests a mutant, a test that has used 10 s of CPU time fails: a mutant that
    loops forever (and may fill the memory) is caught then, not after mutmut's own limit, which
    is the time of all the tests that reach it, many times over. No test of the tool needs that
    much CPU time, the more as the property tests try fewer examples there."""
    if "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", ""):
        yield
        return

    def stop(_signal: int, _frame: object) -> None:
        raise TimeoutError("10 s of CPU time in one test: the mutant under test loops")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, 10)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@pytest.fixture
def runner() -> CliRunner:
    """Typer's CliRunner."""
    return CliRunner()


@pytest.fixture
def network_file(tmp_path: Path) -> Path:
    """A copy of the bundled network.toml in a temporary folder."""
    target = tmp_path / "network.toml"
    shutil.copyfile(BUNDLED, target)
    return target


NetworkText = Callable[..., str]


def english(message: Message) -> str:
    """A message of the core as an English reader sees it."""
    return words(Language.EN).say(message)


def network_text(body: str = "", *, header: str = "", members: str = MEMBERS) -> str:
    """A network file: [network] with `header` lines, the members, then `body`."""
    head = 'name = "Netzwerk Integration"\n' + textwrap.dedent(header)
    return f"[network]\n{head}\n{textwrap.dedent(members)}\n{textwrap.dedent(body)}"


@pytest.fixture
def write_network(tmp_path: Path) -> Callable[..., Path]:
    """Write a network file made with `network_text` and return its path."""

    def write(
        body: str = "", *, header: str = "", members: str = MEMBERS, name: str = "network.toml"
    ) -> Path:
        path = tmp_path / name
        path.write_text(network_text(body, header=header, members=members), encoding="utf-8")
        return path

    return write


def make_network(
    body: str = "", *, header: str = "", members: str = MEMBERS, today: dt.date = TODAY
) -> Network:
    """Parse a network made with `network_text`."""
    return parse_network(
        network_text(body, header=header, members=members), source="test.toml", today=today
    )


def trust(path: Path) -> Path:
    """Trust the file's server settings as a coordinator does: read them, then `netzwerk trust`."""
    from netzwerk_cli.cli import app

    result = CliRunner().invoke(app, ["trust", "-f", str(path)])
    assert result.exit_code == 0, result.output
    return path
