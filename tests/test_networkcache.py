"""A large network file's network in the cache folder: the same network as reading the file gives,
made anew whenever the text, the day, the program or Python changes, never believed when damaged,
and never able to run anything, even when forged."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.file import networkcache
from netzwerk_cli.file.networkcache import SMALLEST, cached_network
from netzwerk_cli.file.networkpickle import network_from_pickle, network_pickle
from netzwerk_cli.file.store import parse_network
from netzwerk_cli.model import Network, Status

from .conftest import network_text

TODAY = dt.date(2026, 11, 25)
# A comment long enough to make any network file a large one.
PADDING = "\n# " + "x" * SMALLEST + "\n"
MAIL = """
[mail]
from = "Koordination <netzwerk@example.de>"
smtp_host = "mail.example.de"
user = "netzwerk"
password_command = "pass show netzwerk/smtp"
imap_host = "imap.example.de"
imap_security = "starttls"

[publish]
caldav = "https://dav.example.de/calendars/netzwerk/"
folder = "www"
"""


def large(body: str = "", *, name: str = "Netzwerk Integration") -> str:
    """A network file of every kind of value a network holds, padded to a large one."""
    meetings = """
        [[meetings]]
        date = 2024-11-06
        host = "WAK"
        notes = "Protokoll: a\\nb \\"c\\" \\\\ ä"
        attended = ["WAK", "HEF"]

        [[meetings]]
        date = 2027-04-07T10:00:00
        host = "HEF"
        status = "planned"
        duration_minutes = 90

        [[meetings]]
        date = "2028-04"
        host = "WAK"
    """
    text = network_text(meetings + body, header='cadence = "FREQ=MONTHLY;BYDAY=1WE"\n')
    return text.replace("Netzwerk Integration", name, 1) + MAIL + PADDING


def slots(folder: Path) -> list[Path]:
    return sorted(folder.glob("network-*.pickle")) if folder.exists() else []


class Counted:
    """parse_network for one file, counting its calls (a call is a reading the cache did not
    save)."""

    def __init__(self, today: dt.date = TODAY) -> None:
        self.calls = 0
        self.today = today

    def __call__(self, text: str) -> Network:
        self.calls += 1
        return parse_network(text, source="network.toml", today=self.today)


def cached(text: str, folder: Path, read: Counted, **options: Any) -> Network:
    options.setdefault("path", folder.parent / "network.toml")
    options.setdefault("today", read.today)
    return cached_network(text, folder=folder, read=read, **options)


def test_the_second_read_takes_the_network_from_the_cache(tmp_path: Path) -> None:
    read, folder = Counted(), tmp_path / "cache"
    first = cached(large(), folder, read)
    second = cached(large(), folder, read)
    assert read.calls == 1
    assert second == first == parse_network(large(), source="n", today=TODAY)
    assert second is not first
    assert len(slots(folder)) == 1
    # Every part as reading made it, down to the types and the private lookup of members.
    assert repr(second) == repr(first)
    assert second.member("WAK") is second.members[1]
    assert [m.status for m in second.meetings] == [Status.HELD, Status.PLANNED, Status.PLANNED]
    assert second.mail is not None and second.mail.imap is not None
    assert second.publish is not None and second.server_settings == first.server_settings


def test_a_changed_text_is_read_anew_and_replaces_the_slot(tmp_path: Path) -> None:
    read, folder = Counted(), tmp_path / "cache"
    cached(large(), folder, read)
    assert cached(large(name="Anderes Netz"), folder, read).name == "Anderes Netz"
    assert cached(large(name="Anderes Netz"), folder, read).name == "Anderes Netz"
    assert read.calls == 2
    assert len(slots(folder)) == 1  # one slot per file, not one per version of it


def test_another_day_is_read_anew(tmp_path: Path) -> None:
    """The day decides the status of a meeting that states none: the 2027 meeting without one
    is planned until its day, then held."""
    folder = tmp_path / "cache"
    before, after = Counted(dt.date(2028, 3, 1)), Counted(dt.date(2028, 5, 1))
    assert cached(large(), folder, before).meetings[2].status is Status.PLANNED
    assert cached(large(), folder, after).meetings[2].status is Status.HELD
    assert cached(large(), folder, after).meetings[2].status is Status.HELD
    assert (before.calls, after.calls) == (1, 1)


def test_each_file_has_its_own_slot(tmp_path: Path) -> None:
    read, folder = Counted(), tmp_path / "cache"
    cached(large(name="A"), folder, read, path=tmp_path / "a.toml")
    cached(large(name="B"), folder, read, path=tmp_path / "b.toml")
    assert cached(large(name="A"), folder, read, path=tmp_path / "a.toml").name == "A"
    assert cached(large(name="B"), folder, read, path=tmp_path / "b.toml").name == "B"
    assert read.calls == 2
    assert len(slots(folder)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut off
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit of the body
        lambda data: b"\xff\xfe" + data,  # a first line that is not UTF-8
        lambda data: data.split(b"\n", 1)[0],  # no body
        lambda data: b"",
    ],
)
def test_a_damaged_slot_is_ignored_and_made_again(tmp_path: Path, damage: Any) -> None:
    read, folder = Counted(), tmp_path / "cache"
    cached(large(), folder, read)
    [slot] = slots(folder)
    slot.write_bytes(damage(slot.read_bytes()))
    assert cached(large(), folder, read) == cached(large(), folder, read)
    assert read.calls == 2  # read again once, then the slot made again was used


def forge(slot: Path, body: bytes, *, made_from: str | None = None) -> None:
    """Write `body` into `slot` under a first line that is right for it (its own digest, and what
    the slot says it was made from, or `made_from`)."""
    head = slot.read_bytes().partition(b"\n")[0].decode("utf-8")
    made_from = made_from or head.split(" ", 1)[1]
    slot.write_bytes(f"{hashlib.sha256(body).hexdigest()} {made_from}".encode() + b"\n" + body)


class Call:
    """A pickle that calls `function` with `arguments` when it is read (itself callable, so that
    it may stand for the function of another call)."""

    def __init__(self, function: Any, *arguments: Any) -> None:
        self.function, self.arguments = function, arguments

    def __call__(self) -> None:
        raise AssertionError("only pickled")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return self.function, self.arguments


class Boom:
    """Unpickling this calls os.system: what a forged slot would do if anything were admitted."""

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, ("touch PWNED",))


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(pickle.dumps(Boom()), id="a call of os.system"),
        pytest.param(pickle.dumps([Boom()]), id="inside a list"),
        pytest.param(pickle.dumps(Call(Path.touch, Path("PWNED"))), id="another module's function"),
        pytest.param(pickle.dumps([1, 2]), id="no network"),
        pytest.param(pickle.dumps(Status.HELD), id="a part of a network"),
        pytest.param(b"not a pickle", id="not a pickle"),
        pytest.param(b"\x80\x05Nr\xff\xff\xff\x7f.", id="a memo index near 2**31"),
    ],
)
def test_a_forged_slot_runs_nothing_and_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    read, folder = Counted(), tmp_path / "cache"
    cached(large(), folder, read)
    [slot] = slots(folder)
    forge(slot, body)
    assert cached(large(), folder, read) == cached(large(), folder, read)
    assert read.calls == 2
    assert not (tmp_path / "PWNED").exists()


class ByName(pickle.Pickler):
    """Pickles an enumeration's member as Python 3.11.2 does: `getattr(Status, "HELD")`."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, enum.Enum):
            return getattr, (type(obj), obj.name)
        return NotImplemented


def test_a_network_pickled_as_other_python_releases_do_comes_back(tmp_path: Path) -> None:
    network = parse_network(large(), source="n", today=TODAY)
    buffer = io.BytesIO()
    ByName(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(network)
    assert b"getattr" in buffer.getvalue()
    back = network_from_pickle(buffer.getvalue())
    assert back == network
    assert back is not None and back.meetings[0].status is Status.HELD


def test_getattr_in_a_pickle_reaches_members_of_enumerations_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With getattr itself admitted, a pickle walks from a class of the model to eval: its
    method, the method's module globals, their builtins, eval."""
    monkeypatch.chdir(tmp_path)
    method = Call(getattr, Network, "__post_init__")
    get_global = Call(getattr, Call(getattr, method, "__globals__"), "get")
    get_builtin = Call(getattr, Call(get_global, "__builtins__"), "get")
    walk = Call(Call(get_builtin, "eval"), "__import__('os').system('touch PWNED')")
    for forged in (walk, Call(getattr, Status, "_value2member_map_"), Call(getattr, Status, 1)):
        assert network_from_pickle(pickle.dumps(forged)) is None
    assert not (tmp_path / "PWNED").exists()


def test_a_slot_is_believed_only_for_its_text_day_program_and_python(tmp_path: Path) -> None:
    read, folder = Counted(), tmp_path / "cache"
    cached(large(), folder, read)
    [slot] = slots(folder)
    assert sys.implementation.cache_tag in slot.name  # one slot per Python: no ping-pong
    head = slot.read_bytes().partition(b"\n")[0].decode("utf-8")
    _, source, day, program, python = head.split(" ", 4)
    assert source == hashlib.sha256(large().encode("utf-8")).hexdigest()
    assert (day, python) == (TODAY.isoformat(), " ".join(sys.version.split()))
    # A network forged under its own digest is believed: the digests guard against damage, and
    # the slot is the user's own file (0600) in the user's own folder.
    forged = network_pickle(parse_network(large(name="Falsch"), source="n", today=TODAY))
    forge(slot, forged)
    assert cached(large(), folder, read).name == "Falsch"
    # The same under another text, day, program or Python release: read anew.
    for made_from in (
        f"{'0' * 64} {day} {program} {python}",
        f"{source} 2026-11-26 {program} {python}",
        f"{source} {day} {'0' * 16} {python}",
        f"{source} {day} {program} 3.11.0 (main, Oct 24 2022) [GCC 12.2.0]",
    ):
        calls = read.calls
        forge(slot, forged, made_from=made_from)
        assert cached(large(), folder, read).name == "Netzwerk Integration"
        assert read.calls == calls + 1


def test_an_edited_module_of_the_program_is_a_new_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As Python's bytecode cache does: a module's size or time changes the program's key."""
    package = tmp_path / "package"
    (package / "file").mkdir(parents=True)
    (package / "model.py").write_text("A = 1\n", encoding="utf-8")
    (package / "file" / "store.py").write_text("B = 1\n", encoding="utf-8")
    (package / "file" / "__pycache__").mkdir()
    monkeypatch.setattr(networkcache, "__file__", str(package / "file" / "networkcache.py"))
    first = networkcache._program()
    (package / "file" / "__pycache__" / "store.cpython-311.pyc").write_bytes(b"ignored")
    (package / ".#model.py").symlink_to("root@host.1234:1764000000")  # an editor's lock: dangling
    assert networkcache._program() != first  # a new name in the package, and no error
    first = networkcache._program()
    os.utime(package / "model.py", ns=(0, 10**18))
    touched = networkcache._program()
    (package / "file" / "store.py").write_text("B = 2\n", encoding="utf-8")
    assert len({first, touched, networkcache._program()}) == 3


def forged_server_settings() -> bytes:
    """The network of `large()` with a password command that its trusted settings do not show."""
    import dataclasses

    network = parse_network(large(), source="n", today=TODAY)
    assert network.publish is not None
    publish = dataclasses.replace(network.publish, password_command="touch PWNED")
    return network_pickle(dataclasses.replace(network, publish=publish))


@pytest.mark.parametrize(
    "share",
    [
        pytest.param(lambda slot: slot.chmod(0o622), id="a slot others may write"),
        pytest.param(lambda slot: slot.chmod(0o620), id="a slot the group may write"),
        pytest.param(lambda slot: slot.parent.chmod(0o777), id="a folder others may write"),
        pytest.param(lambda slot: slot.parent.chmod(0o770), id="a folder the group may write"),
    ],
)
def test_a_slot_that_someone_else_could_have_written_is_not_believed(
    tmp_path: Path, share: Any
) -> None:
    read, folder = Counted(), tmp_path / "cache"
    cached(large(), folder, read)
    [slot] = slots(folder)
    forge(slot, forged_server_settings())
    share(slot)
    network = cached(large(), folder, read)
    assert network.publish is not None and network.publish.password_command is None
    assert read.calls == 2


def test_a_slot_of_another_user_or_behind_a_link_is_not_believed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read, folder = Counted(), tmp_path / "cache"
    cached(large(), folder, read)
    [slot] = slots(folder)
    forge(slot, forged_server_settings())
    elsewhere = tmp_path / "elsewhere.pickle"
    slot.rename(elsewhere)
    slot.symlink_to(elsewhere)
    assert cached(large(), folder, read, keep=False).publish.password_command is None  # type: ignore[union-attr]
    slot.unlink()
    elsewhere.rename(slot)
    owner = slot.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    assert cached(large(), folder, read).publish.password_command is None  # type: ignore[union-attr]
    monkeypatch.undo()
    # The user's own slot, 0600 in a 0700 folder, is believed as it is: only the user can have
    # forged it, and the user can change the file and the trust store as well.
    forge(slot, forged_server_settings())
    assert cached(large(), folder, read).publish.password_command == "touch PWNED"  # type: ignore[union-attr]
    assert read.calls == 3


def test_a_folder_of_the_users_that_others_may_write_is_made_theirs_alone(tmp_path: Path) -> None:
    read, folder = Counted(), tmp_path / "cache"
    folder.mkdir(mode=0o775)
    folder.chmod(0o775)  # as a umask of 002 makes it
    cached(large(), folder, read)
    assert folder.stat().st_mode & 0o777 == 0o700
    cached(large(), folder, read)
    assert read.calls == 1


def test_the_holiday_cache_makes_the_folder_the_users_alone_too(tmp_path: Path) -> None:
    from netzwerk_cli.outside.holidaycache import cached_holidays

    with cached_holidays({"XDG_CACHE_HOME": str(tmp_path)}) as holidays:
        holidays("HE", 2027)
    assert (tmp_path / "netzwerk").stat().st_mode & 0o777 == 0o700


def test_a_program_that_cannot_be_looked_at_reads_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def vanished() -> str:
        raise FileNotFoundError("model.py")

    monkeypatch.setattr(networkcache, "_program", vanished)
    read, folder = Counted(), tmp_path / "cache"
    assert cached(large(), folder, read) == cached(large(), folder, read)
    assert read.calls == 2
    assert slots(folder) == []


def test_the_slot_is_readable_by_its_user_alone(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cached(large(), folder, Counted())
    [slot] = slots(folder)
    assert slot.stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700


def test_small_files_invalid_files_and_dry_runs_leave_no_slot(tmp_path: Path) -> None:
    from netzwerk_cli.errors import NetworkFileError

    read, folder = Counted(), tmp_path / "cache"
    small = network_text('[[meetings]]\ndate = 2024-11-06\nhost = "WAK"\n')
    assert cached(small, folder, read).meetings[0].host == "WAK"
    invalid = large('[[meetings]]\ndate = 2024-11-07\nhost = "XYZ"\n')
    for _ in range(2):
        with pytest.raises(NetworkFileError, match="XYZ"):
            cached(invalid, folder, read)
    assert cached(large(), folder, read, keep=False).name == "Netzwerk Integration"
    assert cached_network(large(), path=tmp_path / "n.toml", folder=None, today=TODAY, read=read)
    assert slots(folder) == []
    assert read.calls == 5  # each read anew


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    assert cached(large(), blocked, Counted()).name == "Netzwerk Integration"


names = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1)


@settings(max_examples=40, deadline=None)
@given(
    notes=st.lists(names, min_size=1, max_size=5),
    days=st.lists(st.dates(dt.date(1600, 1, 1), dt.date(2200, 12, 31)), min_size=5, max_size=5),
    minutes=st.lists(st.integers(1, 1440) | st.none(), min_size=5, max_size=5),
)
def test_a_network_comes_back_from_its_pickle_as_it_was(
    notes: list[str], days: list[dt.date], minutes: list[int | None]
) -> None:
    import tomli_w

    meetings = [
        {"date": day, "host": "WAK", "notes": note}
        | ({"duration_minutes": length} if length else {})
        for day, note, length in zip(days, notes, minutes, strict=False)
    ]
    text = network_text("".join(f"[[meetings]]\n{tomli_w.dumps(m)}\n" for m in meetings))
    network = parse_network(text, source="n", today=TODAY)
    back = network_from_pickle(network_pickle(network))
    assert back == network
    assert repr(back) == repr(network)  # equal values of equal types all the way down


def test_the_commands_read_the_same_network_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomllib

    from netzwerk_cli.file import store

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    parses: list[str] = []
    real_loads = tomllib.loads

    def counted_loads(text: str) -> dict[str, Any]:
        parses.append(text)
        return real_loads(text)

    monkeypatch.setattr(store.tomllib, "loads", counted_loads)
    meetings = "".join(
        f'\n[[meetings]]\ndate = {1990 + j // 12}-{1 + j % 12:02d}-05T10:30:00\nhost = "ESW"\n'
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
    read = len(parses)
    again = CliRunner().invoke(app, args)
    assert len(parses) == read  # the second run read the slot, not the text
    assert again.stdout == first.stdout
    assert '"notes": "Protokoll 299: Ausführlich.' in again.stdout
    # An edit is seen at once.
    path.write_text(path.read_text(encoding="utf-8").replace("Protokoll 299", "Neu"), "utf-8")
    edited = CliRunner().invoke(app, args)
    assert '"notes": "Neu: Ausführlich.' in edited.stdout


def test_the_meetings_in_order_are_sorted_once_and_never_stale() -> None:
    import dataclasses

    network = parse_network(large(), source="n", today=TODAY)
    ordered = network.chronological()
    assert ordered is network.chronological()
    assert [m.date for m in ordered] == sorted(m.date for m in network.meetings if m.date)
    later = dataclasses.replace(network, meetings=network.meetings[:1])
    assert later.chronological() == network.meetings[:1]
    assert network_from_pickle(network_pickle(network)) == network  # the sorted tuple aside
