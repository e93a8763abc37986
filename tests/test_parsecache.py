"""A large network file's parsed form in the cache folder: the same document as tomllib's, made
anew whenever the text changes, and never trusted when it is damaged or made by another Python."""

from __future__ import annotations

import datetime as dt
import math
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.file import parsecache
from netzwerk_cli.file.parsecache import SMALLEST, parse_toml

from .conftest import network_text

# A comment long enough to make any text a large file.
PADDING = "\n# " + "x" * SMALLEST + "\n"


def large(document: dict[str, Any]) -> str:
    return tomli_w.dumps(document) + PADDING


def slots(folder: Path) -> list[Path]:
    return sorted(folder.glob("parsed-*.json")) if folder.exists() else []


class Counted:
    """tomllib.loads, counting its calls (a call is a parse the cache did not save)."""

    def __init__(self) -> None:
        self.calls = 0
        self.loads = tomllib.loads

    def __call__(self, text: str) -> dict[str, Any]:
        self.calls += 1
        return self.loads(text)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counted:
    counter = Counted()
    monkeypatch.setattr(parsecache.tomllib, "loads", counter)
    return counter


DOCUMENT = {
    "network": {"name": "Netz", "start": dt.time(10, 0), "timezone": "Europe/Berlin"},
    "meetings": [
        {"date": dt.date(2024, 11, 6), "host": "WAK", "notes": 'a\nb "c" \\ ä'},
        {"date": dt.datetime(2027, 4, 7, 10, 0), "host": "ESW"},
        {"when": dt.datetime(2027, 4, 7, 10, 0, 0, 123000, tzinfo=dt.UTC), "n": 1.5, "b": True},
        {"when": dt.datetime(2027, 4, 7, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=-3.5)))},
    ],
    "nested": {"a": [[1, 2], ["x"]], "empty": {}, "list": []},
}


def test_the_second_read_takes_the_document_from_the_cache(
    tmp_path: Path, counted: Counted
) -> None:
    text = large(DOCUMENT)
    path = tmp_path / "network.toml"
    first = parse_toml(text, path=path, folder=tmp_path / "cache")
    second = parse_toml(text, path=path, folder=tmp_path / "cache")
    assert counted.calls == 1
    assert first == second == counted.loads(text) == DOCUMENT
    assert len(slots(tmp_path / "cache")) == 1
    # The types too, not only equal values: a datetime stays a datetime, a date a date.
    assert [type(m.get("date")) for m in second["meetings"][:2]] == [dt.date, dt.datetime]
    assert second["meetings"][2]["when"].tzinfo == dt.UTC


def test_a_changed_text_is_parsed_anew_and_replaces_the_slot(
    tmp_path: Path, counted: Counted
) -> None:
    path, folder = tmp_path / "network.toml", tmp_path / "cache"
    parse_toml(large(DOCUMENT), path=path, folder=folder)
    changed = {**DOCUMENT, "network": {**DOCUMENT["network"], "name": "Anderes Netz"}}
    assert parse_toml(large(changed), path=path, folder=folder)["network"]["name"] == "Anderes Netz"
    assert parse_toml(large(changed), path=path, folder=folder) == changed
    assert counted.calls == 2
    assert len(slots(folder)) == 1  # one slot per file, not one per version of it


def test_each_file_has_its_own_slot(tmp_path: Path, counted: Counted) -> None:
    folder = tmp_path / "cache"
    other = {**DOCUMENT, "network": {"name": "B"}}
    parse_toml(large(DOCUMENT), path=tmp_path / "a.toml", folder=folder)
    parse_toml(large(other), path=tmp_path / "b.toml", folder=folder)
    assert parse_toml(large(DOCUMENT), path=tmp_path / "a.toml", folder=folder) == DOCUMENT
    assert parse_toml(large(other), path=tmp_path / "b.toml", folder=folder) == other
    assert counted.calls == 2
    assert len(slots(folder)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut off
        lambda data: data.replace(b'"host"', b'"hoss"', 1)[:-1] + b"x",  # not JSON
        lambda data: b"\xff\xfe" + data,  # not UTF-8
        lambda data: data.split(b"\n", 1)[0] + b"\n[1, 2]",  # JSON, but not a document
        lambda data: data.split(b"\n", 1)[0] + b'\n{"a": {"$toml": ["week", "1"]}}',
        lambda data: data.split(b"\n", 1)[0] + b'\n{"a": {"$toml": 5}}',
    ],
)
def test_a_damaged_slot_is_ignored_and_made_again(
    tmp_path: Path, counted: Counted, damage: Any
) -> None:
    text, path, folder = large(DOCUMENT), tmp_path / "network.toml", tmp_path / "cache"
    parse_toml(text, path=path, folder=folder)
    [slot] = slots(folder)
    slot.write_bytes(damage(slot.read_bytes()))
    assert parse_toml(text, path=path, folder=folder) == DOCUMENT
    assert parse_toml(text, path=path, folder=folder) == DOCUMENT
    assert counted.calls == 2  # parsed again once, then the slot made again was used


def forge(slot: Path, body: str, *, python: str | None = None) -> None:
    """Write `body` into `slot` under a first line that is right for it (the text's digest as
    the slot has it, the body's own digest), with another Python if one is given."""
    import hashlib

    source, _, python_now = slot.read_text(encoding="utf-8").partition("\n")[0].split(" ", 2)
    data = body.encode("utf-8")
    head = f"{source} {hashlib.sha256(data).hexdigest()} {python or python_now}"
    slot.write_bytes(head.encode("utf-8") + b"\n" + data)


def test_a_slot_is_believed_only_for_its_text_its_body_and_this_python(
    tmp_path: Path, counted: Counted
) -> None:
    text, path, folder = large(DOCUMENT), tmp_path / "network.toml", tmp_path / "cache"
    parse_toml(text, path=path, folder=folder)
    [slot] = slots(folder)
    assert sys.implementation.cache_tag in slot.name  # one slot per Python: no ping-pong
    head, _, body = slot.read_text(encoding="utf-8").partition("\n")
    assert head.endswith(" ".join(sys.version.split()))
    forged = body.replace("Netz", "Falsch")
    # A forged body under its own digest is read: the digests guard against damage, and the
    # slot is the user's own file (0600) in the user's own folder.
    forge(slot, forged)
    assert parse_toml(text, path=path, folder=folder)["network"]["name"] == "Falsch"
    calls = counted.calls
    # The same body from another Python release, even a bug-fix one: parsed anew.
    forge(slot, forged, python="3.11.0 (main, Oct 24 2022) [GCC 12.2.0]")
    assert parse_toml(text, path=path, folder=folder) == DOCUMENT
    assert counted.calls == calls + 1
    # A changed byte of the body (valid JSON still) under the old first line: parsed anew.
    head, _, body = slot.read_text(encoding="utf-8").partition("\n")
    slot.write_text(f"{head}\n{body.replace('Netz', 'Nety')}", encoding="utf-8")
    assert parse_toml(text, path=path, folder=folder) == DOCUMENT
    assert counted.calls == calls + 2


def test_a_slot_nested_beyond_what_json_reads_is_ignored(tmp_path: Path, counted: Counted) -> None:
    text, path, folder = large(DOCUMENT), tmp_path / "network.toml", tmp_path / "cache"
    parse_toml(text, path=path, folder=folder)
    [slot] = slots(folder)
    forge(slot, '{"a":' + "[" * 100_000 + "]" * 100_000 + "}")
    assert parse_toml(text, path=path, folder=folder) == DOCUMENT
    assert parse_toml(text, path=path, folder=folder) == DOCUMENT
    assert counted.calls == 2  # parsed once more, and the slot made again


def test_the_slot_is_readable_by_its_user_alone(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    parse_toml(large(DOCUMENT), path=tmp_path / "n.toml", folder=folder)
    [slot] = slots(folder)
    assert slot.stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700


def test_what_json_cannot_say_exactly_is_not_kept(tmp_path: Path, counted: Counted) -> None:
    folder = tmp_path / "cache"
    tagged_table = {"a": {"$toml": ["date", "2024-01-01"]}}  # a table that looks like our tag
    not_a_number = {"a": math.nan}
    for document in (tagged_table, not_a_number):
        text = large(document)
        result = parse_toml(text, path=tmp_path / "n.toml", folder=folder)
        assert tomli_w.dumps(result) == tomli_w.dumps(document)
    assert slots(folder) == []


def test_small_files_invalid_toml_and_dry_runs_leave_no_slot(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    small = tomli_w.dumps(DOCUMENT)
    assert parse_toml(small, path=tmp_path / "n.toml", folder=folder) == DOCUMENT
    with pytest.raises(tomllib.TOMLDecodeError):
        parse_toml("a = \n" + PADDING, path=tmp_path / "n.toml", folder=folder)
    assert parse_toml(large(DOCUMENT), path=tmp_path / "n.toml", folder=folder, keep=False)
    assert parse_toml(large(DOCUMENT), path=tmp_path / "n.toml", folder=None) == DOCUMENT
    assert slots(folder) == []


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    assert parse_toml(large(DOCUMENT), path=tmp_path / "n.toml", folder=blocked) == DOCUMENT


# Every kind of TOML value, nested, as tomllib gives them back.
keys = st.text(min_size=1, max_size=8)
offsets = st.integers(min_value=-23 * 60, max_value=23 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
scalars = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.times(),
    st.datetimes(),
    st.datetimes(timezones=offsets),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(document=st.dictionaries(keys, values, max_size=6))
def test_the_cached_document_is_tomllibs(document: dict[str, Any]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = large(document)
        expected = tomllib.loads(text)
        parse_toml(text, path=folder / "n.toml", folder=folder)
        cached = parse_toml(text, path=folder / "n.toml", folder=folder)
        assert cached == expected
        # Equal values of equal types all the way down (1 == 1.0 and True == 1 would hide a
        # change of type).
        assert repr(cached) == repr(expected)


def test_the_commands_read_the_same_network_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: Counted
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    meetings = "".join(
        f'\n[[meetings]]\ndate = {2000 + j // 12}-{1 + j % 12:02d}-05T10:30:00\nhost = "ESW"\n'
        f'status = "held"\nnotes = "Protokoll {j}: {"Ausführlich. " * 8}"\n'
        for j in range(400)
    )
    path = tmp_path / "network.toml"
    path.write_text(network_text(meetings), encoding="utf-8")
    assert path.stat().st_size >= SMALLEST
    args = ["history", "--json", "-f", str(path), "--today", "2026-11-25"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert len(slots(tmp_path / "cache" / "netzwerk")) == 1
    parsed = counted.calls
    again = CliRunner().invoke(app, args)
    assert counted.calls == parsed  # the second run read the slot, not the text
    assert again.stdout == first.stdout
    assert '"notes": "Protokoll 299: Ausführlich.' in again.stdout
    # An edit is seen at once.
    path.write_text(path.read_text(encoding="utf-8").replace("Protokoll 299", "Neu"), "utf-8")
    edited = CliRunner().invoke(app, args)
    assert '"notes": "Neu: Ausführlich.' in edited.stdout
