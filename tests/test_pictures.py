"""The manual's pictures (docs/pictures.py) are what the program shows: the committed SVGs of the
`schedule` and `replies` tables are made anew and compared; the screenshots are PNGs of the phone's
and the desktop's window size."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import ROOT

LANGUAGES = ["de", "en"]


def pictures() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pictures", ROOT / "docs" / "pictures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_tables_are_what_the_commands_print(language: str, tmp_path: Path) -> None:
    """Regenerate with `python docs/pictures.py` after a change of the tables."""
    module = pictures()
    module.network(tmp_path, language)
    made = module.tables(tmp_path, language)
    assert sorted(made) == ["replies.svg", "schedule.svg"]
    for name, picture in made.items():
        committed = ROOT / "docs" / language / "pictures" / name
        assert committed.read_text(encoding="utf-8") == picture, name
    # The answers came in: the schedule counts them, the replies table names the one missing.
    assert "1&#160;accepted" in made["schedule.svg"] or "1&#160;zugesagt" in made["schedule.svg"]
    assert "https://cdnjs" not in made["schedule.svg"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_screenshots_are_a_phone_and_a_desktop(language: str) -> None:
    module = pictures()
    for kind, size in module.SIZES.items():
        data = (ROOT / "docs" / language / "pictures" / f"page-{kind}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == size
        assert len(data) > 10_000  # more than a blank page
