"""The tests that need a program outside Python skip without it, saying which package has it, and
fail without it under NETZWERK_TESTS_STRICT=1 (as CI runs them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .programs import STRICT, program

NEEDS = "needs chromium: apt-get install chromium"


@pytest.fixture
def no_programs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH with nothing on it."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return empty


def test_a_program_that_is_there_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = tmp_path / "bin" / "chromium"
    tool.parent.mkdir()
    tool.write_text("#!/bin/sh\n", encoding="utf-8")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tool.parent))
    monkeypatch.setenv(STRICT, "1")
    assert program("chromium", package="chromium") == str(tool)


def test_a_missing_program_skips_and_names_the_package(
    no_programs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(STRICT, raising=False)
    with pytest.raises(pytest.skip.Exception) as caught:
        program("chromium", package="chromium")
    assert str(caught.value) == NEEDS
    monkeypatch.setenv(STRICT, "0")  # only "1" is strict
    with pytest.raises(pytest.skip.Exception):
        program("dovecot", package="dovecot-imapd")


def test_a_missing_program_fails_under_strict(
    no_programs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(STRICT, "1")
    with pytest.raises(pytest.fail.Exception) as caught:
        program("chromium", package="chromium")
    assert str(caught.value) == NEEDS


def suite(*args: str, path: str, strict: bool) -> subprocess.CompletedProcess[str]:
    """pytest in a new process, on a machine whose PATH is `path`."""
    env = {k: v for k, v in os.environ.items() if k != STRICT}
    env["PATH"] = path
    env["COLUMNS"] = "300"  # the summary lines whole
    if strict:
        env[STRICT] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--no-cov", "-ra", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_browser_test_on_a_machine_without_chromium(no_programs: Path) -> None:
    """The real test, on a PATH without Chromium: skipped with the package's name; under
    NETZWERK_TESTS_STRICT=1, failed with it."""
    test = "tests/test_page.py::test_the_page_in_a_real_browser"
    done = suite(test, path=str(no_programs), strict=False)
    assert done.returncode == 0, done.stdout[-3000:]
    # -ra shows the skip and its reason (at the line of programs.py that skips).
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert line.startswith("SKIPPED [1] tests/programs.py:") and line.endswith(f": {NEEDS}")
    assert "1 skipped" in done.stdout
    strict = suite(test, path=str(no_programs), strict=True)
    assert strict.returncode == 1, strict.stdout[-3000:]
    assert f"FAILED {test} - Failed: {NEEDS}" in strict.stdout


def test_ci_runs_the_suite_strict() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nexport NETZWERK_TESTS_STRICT=1\n" in ci
    assert ci.index("export NETZWERK_TESTS_STRICT=1") < ci.index("# README-TEST-COMMAND")


def test_every_program_a_test_needs_is_asked_for_through_programs() -> None:
    """A test finds a program outside Python only with `program(...)`, never by itself, so that
    its absence is a skip with the package's name (or, strict, a failure)."""
    for path in sorted((ROOT / "tests").glob("*.py")):
        if path.name in ("programs.py", "test_programs.py"):
            continue
        assert "shutil.which" not in path.read_text(encoding="utf-8"), path.name


def test_the_papers_readers_name_their_packages(
    no_programs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice and pdftotext, which read the papers back, skip naming Debian's packages."""
    from .programs import libreoffice, pdftotext

    monkeypatch.delenv(STRICT, raising=False)
    with pytest.raises(pytest.skip.Exception) as caught:
        libreoffice()
    assert str(caught.value) == "needs soffice: apt-get install libreoffice-writer-nogui"
    monkeypatch.setenv(STRICT, "1")
    with pytest.raises(pytest.fail.Exception) as failed:
        pdftotext()
    assert str(failed.value) == "needs pdftotext: apt-get install poppler-utils"
