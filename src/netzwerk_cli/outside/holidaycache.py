"""Public and school holidays for the schedule, from the `holidays` package, kept in the user's
cache folder.

Importing `holidays` and building one German state's calendar costs about as much as the whole
start of the command framework, and the answer for a state and a year never changes for one
release of the package. So the holidays that a run computed are kept per state and year in
`$XDG_CACHE_HOME/netzwerk` (else `~/.cache/netzwerk`), in a file named after the installed
release of `holidays`, found without importing it: a new release starts a new file.

The cache only ever saves time: a file that is missing, corrupt, unreadable or unwritable (a cron
job with a read-only home) is ignored silently, and the package is asked instead.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable, Mapping
from pathlib import Path

from netzwerk_cli.model import HolidayName

# The largest cache file read: every state for centuries is a few megabytes.
MAX_CACHE_BYTES = 32 * 2**20

# Part of the file name: raise it when the stored form or the holiday names' language changes.
# 4: each holiday with its English and its German name. 5: a run of days with one name (the school
# holidays) as one line, FIRST/LAST, so that a warm start reads a tenth of the lines.
FORMAT = 5


def public_holidays(state: str, year: int) -> dict[dt.date, HolidayName]:
    """The public holidays of a German state in a year, named in English and in German, both by
    the `holidays` package (never a table of our own)."""
    import holidays

    # The languages are set, not left to the user's locale: names must not change between a
    # terminal and cron, nor between the runs that share the cache.
    english = holidays.country_holidays("DE", subdiv=state, years=year, language="en_US")
    german = holidays.country_holidays("DE", subdiv=state, years=year, language="de")
    return {day: HolidayName(en=name, de=german.get(day, name)) for day, name in english.items()}


def school_holidays(state: str, year: int) -> dict[dt.date, HolidayName]:
    """Every day of the school holidays of a German state in a year (`Oster-/Frühjahrsferien`,
    `Easter/Spring Break`), from the `holidays` package; none for a year it does not know."""
    import holidays

    def days(language: str) -> Mapping[dt.date, str]:
        try:
            return holidays.country_holidays(
                "DE", subdiv=state, years=year, categories=("school",), language=language
            )
        except (NotImplementedError, ValueError):  # a release without them: no warning, no crash
            return {}

    english, german = days("en_US"), days("de")
    return {day: HolidayName(en=name, de=german.get(day, name)) for day, name in english.items()}


class HolidayCache:
    """A `HolidayLookup` that reads and fills the cache file; `save` writes what it learned.

    `school` looks up the school holidays the same way (a `SchoolHolidaySource`)."""

    def __init__(self, path: Path | None, *, keep: bool = True) -> None:
        self.path = path
        self.keep = keep  # whether `save` writes what this run learned (not in a dry run)
        self._known: dict[str, dict[str, HolidayName]] | None = None  # read at the first lookup
        self._dirty = False
        self._parsed: dict[str, Mapping[dt.date, HolidayName]] = {}

    def _read(self) -> dict[str, dict[str, HolidayName]]:
        from netzwerk_cli.file.fileio import Unreadable, read_bounded

        assert self.path is not None
        try:
            data = read_bounded(self.path, most=MAX_CACHE_BYTES)
            return _parse_cache(data.decode("utf-8"))
        # Missing, not a regular file, too large, unreadable, not UTF-8 or damaged: start afresh.
        except (Unreadable, ValueError):
            return {}

    def __call__(self, state: str, year: int) -> Mapping[dt.date, HolidayName]:
        return self._lookup(f"{state}-{year}", lambda: public_holidays(state, year))

    def school(self, state: str, year: int) -> Mapping[dt.date, HolidayName]:
        """The school holidays of a state in a year, day by day (stored beside the public ones)."""
        return self._lookup(f"school-{state}-{year}", lambda: school_holidays(state, year))

    def _lookup(
        self, key: str, compute: Callable[[], dict[dt.date, HolidayName]]
    ) -> Mapping[dt.date, HolidayName]:
        if key in self._parsed:
            return self._parsed[key]
        if self._known is None:
            self._known = self._read() if self.path else {}
        stored = self._known.get(key)
        days = _parse_days(stored) if stored is not None else None
        if days is None:
            days = compute()
            self._known[key] = {d.isoformat(): n for d, n in sorted(days.items())}
            self._dirty = True
        self._parsed[key] = days
        return days

    def __enter__(self) -> HolidayCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.save()

    def save(self) -> None:
        """Write the cache file if this run learned something; any failure is ignored."""
        if not (self.keep and self._dirty and self.path and self._known is not None):
            return
        from netzwerk_cli.errors import WriteError
        from netzwerk_cli.file.fileio import write_atomically

        data = _format_cache(self._known).encode("utf-8")
        try:
            # 0700 like the network cache's slots beside it (`file.networkcache`).
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomically(self.path, data)
        except (OSError, WriteError):
            return
        self._dirty = False


# The cache is a few lines of text rather than JSON: reading it must cost less than importing the
# json module. A file that does not end with the end line was cut off, and is not used at all.
_HEADER = "netzwerk holiday cache\n"
_END = "end\n"


def _format_cache(known: Mapping[str, Mapping[str, HolidayName]]) -> str:
    lines = [
        # A name is one line without tabs.
        f"{key}\t{days}\t{' '.join(name.en.split())}\t{' '.join(name.de.split())}\n"
        for key in sorted(known)
        for days, name in _runs(known[key])
    ]
    keys = "".join(f"{key}\n" for key in sorted(known))  # a state and year without holidays too
    return f"{_HEADER}{keys}\n{''.join(lines)}{_END}"


def _parse_cache(text: str) -> dict[str, dict[str, HolidayName]]:
    """The cached holidays by "STATE-YEAR"; ValueError unless the file is whole and well-formed."""
    if not (text.startswith(_HEADER) and text.endswith(_END)):
        raise ValueError("not a complete cache file")
    keys, _, entries = text[len(_HEADER) : -len(_END)].partition("\n\n")
    known: dict[str, dict[str, HolidayName]] = {key: {} for key in keys.splitlines()}
    for line in entries.splitlines():
        key, day, english, german = line.split("\t")
        if key not in known:
            raise ValueError(f"an entry of an unlisted state and year: {key}")
        for end in day.split("/"):
            dt.date.fromisoformat(end)
        known[key][day] = HolidayName(en=english, de=german)
    return known


def _parse_days(stored: Mapping[str, HolidayName]) -> dict[dt.date, HolidayName] | None:
    """Each day of the stored entries (a day, or a run of days FIRST/LAST) with its name."""
    days: dict[dt.date, HolidayName] = {}
    try:
        for text, name in stored.items():
            first, _, last = text.partition("/")
            day = dt.date.fromisoformat(first)
            end = dt.date.fromisoformat(last) if last else day
            if not 0 <= (end - day).days <= 366:
                return None  # backwards, or longer than a year: not a file this code wrote
            while day <= end:
                days[day] = name
                day += dt.timedelta(days=1)
    except (ValueError, OverflowError):
        return None
    return days


def _runs(stored: Mapping[str, HolidayName]) -> list[tuple[str, HolidayName]]:
    """The entries as runs of consecutive days with one name: "FIRST/LAST", or a single day."""
    days = sorted((_parse_days(stored) or {}).items())
    runs: list[tuple[dt.date, dt.date, HolidayName]] = []
    for day, name in days:
        if runs and runs[-1][2] == name and (day - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], day, name)
        else:
            runs.append((day, day, name))
    return [
        (first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}", name)
        for first, last, name in runs
    ]


def cache_folder(environ: Mapping[str, str]) -> Path | None:
    """$XDG_CACHE_HOME/netzwerk, else ~/.cache/netzwerk; None if neither can be named."""
    base = environ.get("XDG_CACHE_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / "netzwerk"
    home = environ.get("HOME")
    if home:
        return Path(home) / ".cache" / "netzwerk"
    return None


def holidays_release() -> str | None:
    """The installed `holidays` release, from its dist-info folder, without importing it."""
    try:
        spec = importlib.util.find_spec("holidays")
    except (ImportError, ValueError):  # pragma: no cover - a broken installation
        return None
    if spec is None or spec.origin is None:  # pragma: no cover - it is a dependency
        return None
    package = Path(spec.origin).parent
    for info in sorted(package.parent.glob("holidays-*.dist-info")):
        return info.name.removeprefix("holidays-").removesuffix(".dist-info")
    try:  # pragma: no cover - an installation without dist-info: its files' age must do
        return f"mtime{(package / '__init__.py').stat().st_mtime_ns}"
    except OSError:  # pragma: no cover - the package vanished while we looked
        return None


def cached_holidays(environ: Mapping[str, str], *, keep: bool = True) -> HolidayCache:
    """The holiday lookup for one command: `with cached_holidays() as holidays: ...` saves the
    cache file when the block ends (unless not to `keep` it: a dry run changes nothing)."""
    folder = cache_folder(environ)
    release = holidays_release()
    path = folder / f"holidays-{release}-v{FORMAT}.txt" if folder and release else None
    return HolidayCache(path, keep=keep)
