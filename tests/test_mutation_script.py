"""The mutation run's script (.ci/mutation.py, CONTRIBUTING.md "Mutation testing"): what it does to mutmut's
copy before mutmut runs."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "mutation.py"


def script(root: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "ROOT", root)
    return module


def put(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_copy_gets_the_catalog_as_it_is_now_and_loses_what_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The copy mutmut made before the catalog learned a word, and before a test file was deleted.
    catalog = "src/pkg/locale/de/LC_MESSAGES/netzwerk.po"
    put(tmp_path / catalog, 'msgid "School holidays"\nmsgstr "Schulferien"\n')
    os.utime(tmp_path / catalog, (1_000_000_000, 1_000_000_000))
    put(tmp_path / "src/pkg/core.py", "x = 1\n")
    put(tmp_path / "tests/test_kept.py", "def test_kept() -> None: ...\n")
    copy = tmp_path / "mutants"
    put(copy / catalog, "")
    put(copy / "src/pkg/core.py", "x = 2  # mutated by mutmut\n")
    put(copy / "src/pkg/core.py.meta", "{}")
    put(copy / "src/pkg/core.py.spans", "{}")
    put(copy / "src/pkg/gone.dat", "old")
    put(copy / "tests/test_kept.py", "def test_kept() -> None: ...\n")
    put(copy / "tests/test_deleted.py", "def test_deleted() -> None: assert False\n")

    script(tmp_path, monkeypatch).refresh_copy()

    assert (copy / catalog).read_text(encoding="utf-8") == (tmp_path / catalog).read_text(
        encoding="utf-8"
    )
    assert (copy / catalog).stat().st_mtime == 1_000_000_000  # its time too: the .mo is rebuilt
    assert (copy / "src/pkg/core.py").read_text(encoding="utf-8") == "x = 2  # mutated by mutmut\n"
    assert (copy / "src/pkg/core.py.meta").exists() and (copy / "src/pkg/core.py.spans").exists()
    assert not (copy / "src/pkg/gone.dat").exists()
    assert not (copy / "tests/test_deleted.py").exists()
    assert (copy / "tests/test_kept.py").exists()


def test_without_a_copy_nothing_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put(tmp_path / "src/pkg/data.txt", "x")
    script(tmp_path, monkeypatch).refresh_copy()
    assert not (tmp_path / "mutants").exists()
