"""The holiday cache only ever saves time: it never changes an answer and never fails a command."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from netzwerk_cli.model import HolidayName
from netzwerk_cli.outside import holidaycache
from netzwerk_cli.outside.holidaycache import (
    HolidayCache,
    cache_folder,
    cached_holidays,
    holidays_release,
    public_holidays,
)

from .conftest import BUNDLED

REFORMATION = dt.date(2025, 10, 31)


def test_cache_folder_follows_xdg_then_home() -> None:
    assert cache_folder({"XDG_CACHE_HOME": "/c", "HOME": "/h"}) == Path("/c/netzwerk")
    assert cache_folder({"XDG_CACHE_HOME": "relative", "HOME": "/h"}) == Path("/h/.cache/netzwerk")
    assert cache_folder({"HOME": "/h"}) == Path("/h/.cache/netzwerk")
    assert cache_folder({}) is None


def test_the_release_is_read_without_importing_the_package() -> None:
    code = (
        "import sys; from netzwerk_cli.outside.holidaycache import holidays_release; "
        "r = holidays_release(); print(r, 'holidays' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    import holidays

    assert out.split() == [holidays.__version__, "False"]


def test_a_first_run_fills_the_cache_and_a_second_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with cached_holidays({"XDG_CACHE_HOME": str(tmp_path)}) as lookup:
        assert lookup("TH", 2025)[REFORMATION] == REFORMATION_DAY
    (cache_file,) = (tmp_path / "netzwerk").iterdir()
    assert cache_file.name == f"holidays-{holidays_release()}-v{holidaycache.FORMAT}.txt"
    text = cache_file.read_text(encoding="utf-8")
    assert "TH-2025\t2025-10-31\tReformation Day\tReformationstag\n" in text

    def no_package(state: str, year: int) -> dict[dt.date, HolidayName]:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(holidaycache, "public_holidays", no_package)
    with cached_holidays({"XDG_CACHE_HOME": str(tmp_path)}) as lookup:
        assert lookup("TH", 2025)[REFORMATION] == REFORMATION_DAY


REFORMATION_DAY = HolidayName(en="Reformation Day", de="Reformationstag")
GOOD = (
    "netzwerk holiday cache\nTH-2025\n\nTH-2025\t2025-10-31\tReformation Day\tReformationstag\n"
    "end\n"
)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not a cache",
        GOOD[:-4].encode(),  # cut off before the end line
        GOOD[:40].encode(),
        GOOD.replace("2025-10-31", "31.10.2025").encode(),
        GOOD.replace("\tReformation ", " Reformation ").encode(),
        GOOD.replace("\tReformationstag", "").encode(),  # the form of FORMAT 3
        GOOD.replace("TH-2025\t", "HE-2025\t").encode(),
        b"\xff\xfe\x00",
        GOOD.replace("2025-10-31", "2025-10-30").encode(),
    ],
)
def test_a_corrupt_cache_is_ignored_or_overruled(tmp_path: Path, damage: bytes) -> None:
    folder = tmp_path / "netzwerk"
    folder.mkdir()
    path = folder / f"holidays-{holidays_release()}-v{holidaycache.FORMAT}.txt"
    path.write_bytes(damage)
    with cached_holidays({"XDG_CACHE_HOME": str(tmp_path)}) as lookup:
        days = lookup("TH", 2025)
    if b"2025-10-30" in damage:
        # Well-formed but wrong: the cache is trusted (it is ours); only a new release resets it.
        assert days == {dt.date(2025, 10, 30): REFORMATION_DAY}
    else:
        assert days == public_holidays("TH", 2025)
        # ... and the damaged file is replaced by a good one.
        assert path.read_text(encoding="utf-8").endswith("end\n")


def test_the_cache_file_round_trips() -> None:
    known = {"HE-2025": {"2025-01-01": HolidayName("New Year's Day", "Neujahr")}, "XX-2030": {}}
    assert holidaycache._parse_cache(holidaycache._format_cache(known)) == known


def test_a_run_of_days_is_one_line_and_reads_back_day_by_day() -> None:
    autumn = HolidayName("Autumn Break", "Herbstferien")
    days = {dt.date(2028, 10, 23) + dt.timedelta(days=n): autumn for n in range(12)}
    christmas = HolidayName("Christmas Break", "Weihnachtsferien")
    days |= {dt.date(2028, 12, 23): christmas, dt.date(2028, 12, 25): christmas}
    known = {"school-TH-2028": {d.isoformat(): n for d, n in days.items()}}
    text = holidaycache._format_cache(known)
    assert "school-TH-2028\t2028-10-23/2028-11-03\tAutumn Break\tHerbstferien\n" in text
    assert "school-TH-2028\t2028-12-23\tChristmas Break" in text  # a gap: two lines
    assert "school-TH-2028\t2028-12-25\tChristmas Break" in text
    assert len(text.splitlines()) == 7  # header, the key, a blank line, three entries, end
    stored = holidaycache._parse_cache(text)["school-TH-2028"]
    assert holidaycache._parse_days(stored) == days


@pytest.mark.parametrize("run", ["2028-11-03/2028-10-23", "2028-01-01/2029-12-31", "2028-10-23/x"])
def test_a_bad_run_is_not_used(run: str) -> None:
    name = HolidayName("Autumn Break", "Herbstferien")
    assert holidaycache._parse_days({run: name}) is None


def test_a_run_with_a_bad_end_makes_the_file_unusable() -> None:
    text = (
        "netzwerk holiday cache\nk\n\nk\t2028-10-23/2028-13-01\tAutumn Break\tHerbstferien\nend\n"
    )
    with pytest.raises(ValueError, match="month"):
        holidaycache._parse_cache(text)


def test_an_unreadable_or_unwritable_cache_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with cached_holidays({"XDG_CACHE_HOME": str(blocker)}) as lookup:
        assert lookup("TH", 2025)[REFORMATION] == REFORMATION_DAY
    assert blocker.read_text() == "a file where the cache folder should be"
    folder = tmp_path / "netzwerk"
    folder.mkdir()
    (
        folder / f"holidays-{holidays_release()}-v{holidaycache.FORMAT}.json"
    ).mkdir()  # unreadable as a file
    with cached_holidays({"XDG_CACHE_HOME": str(tmp_path)}) as lookup:
        assert lookup("HE", 2025) == public_holidays("HE", 2025)


def test_no_cache_folder_at_all() -> None:
    with HolidayCache(None) as lookup:
        assert lookup("HE", 2026) == public_holidays("HE", 2026)


def test_a_new_release_of_the_package_starts_a_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with cached_holidays({"XDG_CACHE_HOME": str(tmp_path)}) as lookup:
        lookup("HE", 2025)
    monkeypatch.setattr(holidaycache, "holidays_release", lambda: "999.0")
    with cached_holidays({"XDG_CACHE_HOME": str(tmp_path)}) as lookup:
        lookup("HE", 2025)
    names = sorted(p.name for p in (tmp_path / "netzwerk").iterdir())
    version = holidaycache.FORMAT
    assert names == sorted(
        [f"holidays-{holidays_release()}-v{version}.txt", f"holidays-999.0-v{version}.txt"]
    )


def test_a_warm_next_host_does_not_import_the_holidays_package(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from netzwerk_cli.cli import app\n"
        "try:\n"
        f"    app(['next-host', '-f', {str(BUNDLED)!r}, '--today', '2026-11-24'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('holidays' in sys.modules, 'rich' in sys.modules)\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    cold = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    warm = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert cold.stdout.splitlines()[-1] == "True False"
    assert warm.stdout.splitlines()[-1] == "False False"
    assert cold.stdout.splitlines()[:-1] == warm.stdout.splitlines()[:-1]  # the same answer
