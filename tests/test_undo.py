"""`netzwerk undo`: the network file back as it was before netzwerk's last change, one step deep,
never over a change made since by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .test_edit_support import assert_untouched, run, snapshot

PLANNED = """
[[meetings]]
date = 2024-11-06  # the first
host = "HEF"

[[meetings]]
host = "WAK"
status = "planned"
"""


@pytest.mark.parametrize("lang", ["en", "de"])
def test_undo_puts_the_file_back_byte_for_byte_and_a_second_undo_makes_the_change_again(
    runner: CliRunner, write_network: Callable[..., Path], lang: str
) -> None:
    path = write_network(PLANNED)
    before = path.read_bytes()
    planned = run(runner, path, "plan", "2026-12-02", "--time", "10:00", "--lang", lang)
    assert planned.exit_code == 0, planned.output
    after = path.read_bytes()
    assert after != before

    undone = run(runner, path, "undo", "--lang", lang)
    assert undone.exit_code == 0, undone.output
    assert path.read_bytes() == before
    word = {"en": 'Taken back: the change "', "de": "Zurückgenommen wurde die Änderung „"}[lang]
    assert undone.stderr.startswith(word)
    assert "2026-12-02" in undone.stderr or "02.12.2026" in undone.stderr

    redone = run(runner, path, "undo", "--lang", lang)
    assert redone.exit_code == 0, redone.output
    assert path.read_bytes() == after
    again = {"en": 'Made again: the change "', "de": "Erneut ausgeführt wurde die Änderung „"}
    assert redone.stderr.startswith(again[lang])


@pytest.mark.parametrize(
    ("lang", "undone", "redone", "would"),
    [
        (
            "en",
            'Taken back: the change "Set the date of the meeting hosted by WAK (Wartburgkreis): '
            'date 2026-12-02 (was no date yet)"; the file is as it was before it.\n',
            'Made again: the change "Set the date of the meeting hosted by WAK (Wartburgkreis): '
            'date 2026-12-02 (was no date yet)".\n',
            'Would be taken back: the change "Set the date of the meeting hosted by WAK '
            '(Wartburgkreis): date 2026-12-02 (was no date yet)" (dry run: nothing written).\n',
        ),
        (
            "de",
            "Zurückgenommen wurde die Änderung „Das Treffen mit Gastgeber WAK (Wartburgkreis) "
            "wurde festgelegt: Datum 02.12.2026 (bisher: noch ohne Datum)“; die Datei ist wieder "
            "so wie davor.\n",
            "Erneut ausgeführt wurde die Änderung „Das Treffen mit Gastgeber WAK (Wartburgkreis) "
            "wurde festgelegt: Datum 02.12.2026 (bisher: noch ohne Datum)“.\n",
            "Zurückgenommen würde die Änderung „Das Treffen mit Gastgeber WAK (Wartburgkreis) "
            "wurde festgelegt: Datum 02.12.2026 (bisher: noch ohne Datum)“ (Probelauf: nichts "
            "geschrieben).\n",
        ),
    ],
)
def test_undo_says_the_change_was_taken_back_not_what_the_file_says_now(
    runner: CliRunner,
    write_network: Callable[..., Path],
    lang: str,
    undone: str,
    redone: str,
    would: str,
) -> None:
    """The change's own sentence ("... wurde eingetragen") after "Rückgängig gemacht:" read as
    the file's state (found in the German first week): it is quoted as the change taken back."""
    path = write_network(PLANNED)
    assert run(runner, path, "plan", "2026-12-02", "--lang", lang).exit_code == 0
    assert run(runner, path, "undo", "--dry-run", "--lang", lang).stderr == would
    assert run(runner, path, "undo", "--lang", lang).stderr == undone
    assert run(runner, path, "undo", "--lang", lang).stderr == redone


@pytest.mark.parametrize("lang", ["en", "de"])
def test_nothing_to_undo_before_netzwerk_changed_the_file(
    runner: CliRunner, write_network: Callable[..., Path], lang: str
) -> None:
    path = write_network(PLANNED)
    before = snapshot(path)
    result = run(runner, path, "undo", "--lang", lang)
    assert result.exit_code == 1
    expected = {
        "en": "nothing to undo: netzwerk has not changed this file yet",
        "de": "Es gibt nichts rückgängig zu machen: netzwerk hat diese Datei noch nicht geändert",
    }[lang]
    assert result.stderr == f"netzwerk: {path}: {expected}\n"
    assert "Traceback" not in result.output
    assert_untouched(path, before)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_file_changed_by_hand_since_is_not_put_back(
    runner: CliRunner, write_network: Callable[..., Path], lang: str
) -> None:
    path = write_network(PLANNED)
    assert run(runner, path, "plan", "2026-12-02").exit_code == 0
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# a colleague's note, typed by hand\n")
    before = snapshot(path)
    record = path.with_name(f".{path.name}.undo").read_bytes()
    result = run(runner, path, "undo", "--lang", lang)
    assert result.exit_code == 1
    said = {
        "en": "was changed after netzwerk's last change, by hand or by another program",
        "de": "wurde nach der letzten Änderung durch netzwerk von Hand oder mit einem anderen",
    }[lang]
    assert said in result.stderr and ".network.toml.undo" in result.stderr
    assert_untouched(path, before)
    assert path.with_name(f".{path.name}.undo").read_bytes() == record


def test_a_dry_run_shows_the_way_back_and_writes_nothing(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(PLANNED)
    assert run(runner, path, "plan", "2026-12-02", "--time", "10:00").exit_code == 0
    record = path.with_name(f".{path.name}.undo")
    kept = record.read_bytes()
    before = snapshot(path)
    result = run(runner, path, "undo", "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        "-date = 2026-12-02T10:00:00" in result.stdout
        or "-date = 2026-12-02 10:00:00" in result.stdout
    )
    assert result.stderr.startswith('Would be taken back: the change "')
    assert result.stderr.endswith('" (dry run: nothing written).\n')
    assert_untouched(path, before)
    assert record.read_bytes() == kept


def test_a_refused_change_keeps_the_way_back_to_the_last_one(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(PLANNED)
    first = path.read_bytes()
    assert run(runner, path, "plan", "2026-12-02").exit_code == 0
    refused = run(runner, path, "cancel", "2030-01-01")  # no meeting planned that day
    assert refused.exit_code == 1
    assert run(runner, path, "undo").exit_code == 0
    assert path.read_bytes() == first


def test_each_writing_command_can_be_undone(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(PLANNED)
    steps = [
        ("record", "2024-11-06", "--attended", "HEF,WAK"),
        ("member", "add", "KS", "--name", "Stadt Kassel", "--seat", "Kassel", "--state", "HE"),
        ("agenda", "add", "Begrüßung", "--date", "2024-11-06", "--minutes", "15"),
        ("cancel", "2026-12-02"),
    ]
    for step in steps:
        if step[0] == "cancel":
            assert run(runner, path, "plan", "2026-12-02").exit_code == 0
        before = path.read_bytes()
        result = run(runner, path, *step)
        assert result.exit_code == 0, (step, result.output)
        assert path.read_bytes() != before
        undone = run(runner, path, "undo")
        assert undone.exit_code == 0, (step, undone.output)
        assert path.read_bytes() == before, step


def test_a_byte_order_mark_comes_back_with_the_text(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(PLANNED)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    assert run(runner, path, "plan", "2026-12-02").exit_code == 0
    assert run(runner, path, "undo").exit_code == 0
    assert path.read_bytes() == before


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_damaged_record_is_said_and_the_file_stays(
    runner: CliRunner, write_network: Callable[..., Path], lang: str
) -> None:
    path = write_network(PLANNED)
    assert run(runner, path, "plan", "2026-12-02").exit_code == 0
    path.with_name(f".{path.name}.undo").write_text('summary = "x"\n', encoding="utf-8")
    before = snapshot(path)
    result = run(runner, path, "undo", "--lang", lang)
    assert result.exit_code == 1
    said = {"en": "the undo record is damaged", "de": "Die Aufzeichnung für undo ist beschädigt"}
    assert said[lang] in result.stderr
    assert "Traceback" not in result.output
    assert_untouched(path, before)


def test_the_record_is_readable_by_the_user_alone(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    """It holds the whole file before the change, notes and contacts too."""
    path = write_network(PLANNED)
    assert run(runner, path, "plan", "2026-12-02").exit_code == 0
    assert path.with_name(f".{path.name}.undo").stat().st_mode & 0o777 == 0o600


def test_a_failed_write_keeps_the_way_back_from_the_change_before(
    runner: CliRunner, write_network: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record is written first; when the network file's write then fails, the record is
    put back: the change before stays undoable (it was lost, and undo blamed the wrong change)."""
    path = write_network(PLANNED)
    first = path.read_bytes()
    assert run(runner, path, "plan", "2026-12-02").exit_code == 0
    record = path.with_name(f".{path.name}.undo")
    kept = record.read_bytes()
    real_replace = Path.replace

    def full_disk(self: Path, target: Path) -> Path:
        if Path(target) == path:
            raise OSError(28, "No space left on device")
        return real_replace(self, target)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "replace", full_disk)
        failed = run(runner, path, "plan", "2026-12-03")
        assert failed.exit_code == 1 and "No space left on device" in failed.stderr
        assert record.read_bytes() == kept
        failed_undo = run(runner, path, "undo")
        assert failed_undo.exit_code == 1
        assert record.read_bytes() == kept
    undone = run(runner, path, "undo")
    assert undone.exit_code == 0, undone.output
    assert path.read_bytes() == first


def test_a_record_that_is_no_toml_is_said_in_the_undo_words(
    runner: CliRunner, write_network: Callable[..., Path]
) -> None:
    path = write_network(PLANNED)
    path.with_name(f".{path.name}.undo").write_text("before = [\n", encoding="utf-8")
    result = run(runner, path, "undo")
    assert result.exit_code == 1
    assert "the undo record is damaged; delete it" in result.stderr
    assert "calendar clients" not in result.stderr
    # A damaged record is never in the way of a change: it is replaced.
    assert run(runner, path, "plan", "2026-12-02").exit_code == 0
    assert run(runner, path, "undo").exit_code == 0


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_change_that_changes_nothing_keeps_the_file_and_the_way_back(
    runner: CliRunner, write_network: Callable[..., Path], lang: str
) -> None:
    """Recording the same attendance again writes nothing and says so; the undo record still
    leads back from the real change (a no-op would have replaced it)."""
    path = write_network(PLANNED)
    before = path.read_bytes()
    assert run(runner, path, "record", "2024-11-06", "--attended", "HEF,WAK").exit_code == 0
    record = path.with_name(f".{path.name}.undo").read_bytes()
    after = snapshot(path)
    again = run(runner, path, "record", "2024-11-06", "--attended", "HEF,WAK", "--lang", lang)
    assert again.exit_code == 0, again.output
    said = {
        "en": "Who took part in the meeting of 2024-11-06 is recorded already: HEF, WAK.",
        "de": "Die Teilnahme am Treffen vom 06.11.2024 ist bereits so eingetragen: HEF, WAK.",
    }[lang]
    assert again.stderr == said + "\n"
    assert_untouched(path, after)
    assert path.with_name(f".{path.name}.undo").read_bytes() == record
    assert run(runner, path, "undo").exit_code == 0
    assert path.read_bytes() == before


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_second_record_near_a_held_one_says_how_to_take_the_wrong_one_back(
    runner: CliRunner, network_file: Path, lang: str
) -> None:
    """The newcomer recorded 08.04. for the meeting of 07.04., then 07.04.: two held meetings.
    The second record says so, and `undo` takes it back."""
    today = dt.date(2027, 4, 20)
    assert run(runner, network_file, "record", "2027-04-08", today=today).exit_code == 0
    before = network_file.read_bytes()
    second = run(runner, network_file, "record", "2027-04-07", "--lang", lang, today=today)
    assert second.exit_code == 0, second.output
    said = {
        "en": "A meeting hosted by ESW is recorded as held on 2027-04-08 already.",
        "de": "Ein Treffen mit Gastgeber ESW ist bereits als am 08.04.2027 abgehalten eingetragen.",
    }[lang]
    assert said in second.stderr
    assert "undo" in second.stderr
    assert run(runner, network_file, "undo", today=today).exit_code == 0
    assert network_file.read_bytes() == before
