"""The agenda's edits in the pure part: the text surgery on `[[meetings.agenda]]` tables (each
result byte for byte), and the planner of `agenda` and `topic` (`core/agendaedits.py`)."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.core.agendaedits import (
    add_item,
    add_topic,
    meeting_on,
    move_item,
    next_meeting_of_file,
    remove_item,
    remove_topic,
    take_topic,
)
from netzwerk_cli.core.edits import (
    AddSubTable,
    AddTable,
    Edits,
    MoveSubTable,
    RemoveSubTable,
    RemoveTable,
    SetKeys,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.file.tomledit import apply_edit
from netzwerk_cli.model import Language
from netzwerk_cli.words import words

from .conftest import english, examples, make_network

TEXT = """\
[network]
name = "N"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
title = "3. Treffen"
[[meetings.agenda]]              # in order; belongs to the meeting above
topic = "Begrüßung"
minutes = 15                     # how long
[[meetings.agenda]]
topic = "Sprachkurse"
by = "WAK"                       # who brings it
minutes = 45

[[meetings]]
date = 2027-11-03
host = "FD"

[mail]
from = "a@example.de"
"""

FIRST = """\
[[meetings.agenda]]              # in order; belongs to the meeting above
topic = "Begrüßung"
minutes = 15                     # how long
"""
SECOND = """\
[[meetings.agenda]]
topic = "Sprachkurse"
by = "WAK"                       # who brings it
minutes = 45
"""


def test_an_item_goes_between_two_and_nothing_else_changes() -> None:
    edit = AddSubTable("meetings", 0, "agenda", 1, {"topic": "Neu", "minutes": 10})
    added = '[[meetings.agenda]]\ntopic = "Neu"\nminutes = 10\n'
    assert apply_edit(TEXT, edit) == TEXT.replace(SECOND, added + SECOND)


def test_an_item_goes_first_last_or_to_a_meeting_without_an_agenda() -> None:
    first = AddSubTable("meetings", 0, "agenda", 0, {"topic": "A"})
    assert apply_edit(TEXT, first) == TEXT.replace(
        FIRST, '[[meetings.agenda]]\ntopic = "A"\n' + FIRST
    )
    last = AddSubTable("meetings", 0, "agenda", 2, {"topic": "Z"})
    assert apply_edit(TEXT, last) == TEXT.replace(
        SECOND, SECOND + '[[meetings.agenda]]\ntopic = "Z"\n'
    )
    other = AddSubTable("meetings", 1, "agenda", 0, {"topic": "B", "by": "FD"})
    assert apply_edit(TEXT, other) == TEXT.replace(
        'host = "FD"\n', 'host = "FD"\n[[meetings.agenda]]\ntopic = "B"\nby = "FD"\n'
    )


def test_an_item_is_taken_out_or_moved_with_its_comments() -> None:
    assert apply_edit(TEXT, RemoveSubTable("meetings", 0, "agenda", 0)) == TEXT.replace(FIRST, "")
    assert apply_edit(TEXT, RemoveSubTable("meetings", 0, "agenda", 1)) == TEXT.replace(SECOND, "")
    moved = apply_edit(TEXT, MoveSubTable("meetings", 0, "agenda", 1, 0))
    assert moved == TEXT.replace(FIRST + SECOND, SECOND + FIRST)
    assert apply_edit(moved, MoveSubTable("meetings", 0, "agenda", 0, 1)) == TEXT


def test_items_set_apart_by_blank_lines_stay_so() -> None:
    spaced = TEXT.replace(FIRST, FIRST + "\n")
    added = apply_edit(spaced, AddSubTable("meetings", 0, "agenda", 2, {"topic": "Z"}))
    assert added == spaced.replace(SECOND, SECOND + '\n[[meetings.agenda]]\ntopic = "Z"\n')
    removed = apply_edit(spaced, RemoveSubTable("meetings", 0, "agenda", 0))
    assert removed == TEXT.replace(FIRST, "")
    first = apply_edit(spaced, AddSubTable("meetings", 0, "agenda", 0, {"topic": "A"}))
    assert first == spaced.replace(FIRST, '[[meetings.agenda]]\ntopic = "A"\n\n' + FIRST)
    moved = apply_edit(spaced, MoveSubTable("meetings", 0, "agenda", 1, 0))
    assert moved == spaced.replace(FIRST + "\n" + SECOND, SECOND + "\n" + FIRST)
    removed = apply_edit(spaced, RemoveSubTable("meetings", 0, "agenda", 1))
    assert removed == spaced.replace(SECOND, "").replace(FIRST + "\n", FIRST)


def test_a_new_meeting_goes_after_the_last_meetings_agenda() -> None:
    """Before sub-tables were known, a new [[meetings]] went between the last meeting's keys
    and its agenda, which then belonged to the new meeting: the proof refused the change."""
    text = TEXT.replace('\n[[meetings]]\ndate = 2027-11-03\nhost = "FD"\n', "")
    added = apply_edit(text, AddTable("meetings", {"date": dt.date(2027, 11, 3), "host": "FD"}))
    assert added == text.replace(
        SECOND, SECOND + '\n[[meetings]]\ndate = 2027-11-03\nhost = "FD"\n'
    )


def test_a_meeting_taken_out_takes_its_agenda_and_keys_go_above_it() -> None:
    removed = apply_edit(TEXT, RemoveTable("meetings", 0))
    assert removed == TEXT.replace(
        '[[meetings]]\ndate = 2027-04-07T10:00:00\nhost = "ESW"\ntitle = "3. Treffen"\n'
        + FIRST
        + SECOND
        + "\n",
        "",
    )
    changed = apply_edit(TEXT, SetKeys("meetings", 0, {"venue": "Eschwege"}))
    assert changed == TEXT.replace('"3. Treffen"\n', '"3. Treffen"\nvenue = "Eschwege"\n')


def test_several_edits_one_after_the_other_and_crlf_kept() -> None:
    crlf = TEXT.replace("\n", "\r\n") + '\r\n[[topics]]\r\ntopic = "T"\r\n'
    both = Edits(
        (AddSubTable("meetings", 1, "agenda", 0, {"topic": "T"}), RemoveTable("topics", 0))
    )
    assert apply_edit(crlf, both) == TEXT.replace(
        'host = "FD"\n', 'host = "FD"\n[[meetings.agenda]]\ntopic = "T"\n'
    ).replace("\n", "\r\n")


def test_an_agenda_written_inline_is_refused() -> None:
    inline = TEXT.replace('host = "FD"\n', 'host = "FD"\nagenda = [{topic = "X"}]\n')
    with pytest.raises(CommandError) as info:
        apply_edit(inline, AddSubTable("meetings", 1, "agenda", 1, {"topic": "Y"}))
    assert "not as [[meetings.agenda]] tables" in english(info.value.text)


# --- the planner -----------------------------------------------------------------------------

BODY = """
[[topics]]
topic = "Wohnsitzauflage"
by = "FD"

[[meetings]]
date = 2024-11-06
host = "WAK"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
[[meetings.agenda]]
topic = "Begrüßung"
minutes = 15
[[meetings.agenda]]
topic = "Sprachkurse"
by = "WAK"
minutes = 45

[[meetings]]
host = "FD"
"""
TODAY = dt.date(2026, 11, 24)


def test_the_next_meeting_is_the_first_coming_one_else_one_without_a_date() -> None:
    network = make_network(BODY)
    assert next_meeting_of_file(network, today=TODAY).host == "ESW"
    assert next_meeting_of_file(network, today=dt.date(2027, 4, 8)).host == "FD"
    with pytest.raises(CommandError) as info:
        next_meeting_of_file(
            make_network(
                BODY.replace(
                    'host = "FD"\n', 'host = "FD"\nstatus = "cancelled"\ndate = 2027-11-03\n'
                )
            ),
            today=dt.date(2027, 4, 8),
        )
    assert english(info.value.text).startswith("no coming meeting in the file")
    with pytest.raises(CommandError) as info:
        meeting_on(network, dt.date(2027, 4, 8))
    assert english(info.value.text) == (
        "meeting not found: no meeting on 2027-04-08 (planned: 2027-04-07, no date yet)"
    )


def test_add_puts_the_item_where_asked_and_says_so_in_both_languages() -> None:
    network = make_network(BODY)
    meeting = meeting_on(network, dt.date(2027, 4, 7))
    change = add_item(network, meeting, topic="Neu", by="FD", minutes=20, at=2)
    assert change.edit == AddSubTable(
        "meetings", 1, "agenda", 1, {"topic": "Neu", "by": "FD", "minutes": 20}
    )
    assert (
        english(change.summary) == "Added item 2 to the agenda of the meeting on 2027-04-07: Neu."
    )
    assert words(Language.DE).say(change.summary) == (
        "In die Tagesordnung des Treffens am 07.04.2027 wurde als Punkt 2 aufgenommen: Neu."
    )
    assert change.notes == ()
    last = add_item(network, meeting, topic="Ende")
    assert last.edit == AddSubTable("meetings", 1, "agenda", 2, {"topic": "Ende"})
    for at in (0, 4):
        with pytest.raises(CommandError) as info:
            add_item(network, meeting, topic="X", at=at)
        assert english(info.value.text) == (
            f"position {at} is not on the agenda of the meeting on 2027-04-07: give 1 to 3"
        )


def test_an_item_that_makes_the_agenda_too_long_is_added_with_a_note() -> None:
    network = make_network(BODY)
    meeting = meeting_on(network, dt.date(2027, 4, 7))
    change = add_item(network, meeting, topic="Lang", minutes=61)
    (note,) = change.notes
    assert english(note) == (
        "Note: the agenda of the meeting on 2027-04-07 takes 121 minutes, longer than the "
        "meeting (120 minutes)."
    )
    assert (
        words(Language.DE)
        .say(note)
        .startswith("Hinweis: Die Tagesordnung des Treffens am 07.04.2027 umfasst 121 Minuten")
    )
    assert add_item(network, meeting, topic="Passt", minutes=60).notes == ()


def test_a_proposed_topic_goes_onto_the_agenda_and_leaves_the_list() -> None:
    network = make_network(BODY)
    undated = next_meeting_of_file(network, today=dt.date(2027, 4, 8))
    change = take_topic(network, undated, number=1, minutes=30)
    assert change.edit == Edits(
        (
            AddSubTable(
                "meetings", 2, "agenda", 0, {"topic": "Wohnsitzauflage", "by": "FD", "minutes": 30}
            ),
            RemoveTable("topics", 0),
        )
    )
    assert english(change.summary) == (
        "Took proposed topic 1 onto the agenda of the coming meeting hosted by FD (no date yet) "
        "as item 1: Wohnsitzauflage."
    )
    other = take_topic(network, undated, number=1, by="HEF")
    assert isinstance(other.edit, Edits)
    assert other.edit.edits[0].values["by"] == "HEF"
    with pytest.raises(CommandError) as info:
        take_topic(network, undated, number=2)
    assert english(info.value.text) == (
        "there is no proposed topic 2; there is only topic 1: Wohnsitzauflage"
    )


def test_move_and_remove_name_the_item_and_refuse_what_is_not_there() -> None:
    network = make_network(BODY)
    meeting = meeting_on(network, dt.date(2027, 4, 7))
    moved = move_item(network, meeting, number=2, to=1)
    assert moved.edit == MoveSubTable("meetings", 1, "agenda", 1, 0)
    assert english(moved.summary) == (
        "Moved item 2 of the agenda of the meeting on 2027-04-07 to position 1: Sprachkurse."
    )
    removed = remove_item(network, meeting, number=1)
    assert removed.edit == RemoveSubTable("meetings", 1, "agenda", 0)
    assert words(Language.DE).say(removed.summary) == (
        "Punkt 1 wurde aus der Tagesordnung des Treffens am 07.04.2027 gestrichen: Begrüßung."
    )
    for call, message in (
        (
            lambda: move_item(network, meeting, number=3, to=1),
            "has no item 3; its items are 1 to 2",
        ),
        (lambda: move_item(network, meeting, number=1, to=3), "position 3 is not on the agenda"),
        (lambda: move_item(network, meeting, number=1, to=1), "is at position 1 already"),
        (
            lambda: remove_item(network, meeting_on(network, dt.date(2024, 11, 6)), number=1),
            "has no items yet",
        ),
    ):
        with pytest.raises(CommandError) as info:
            call()
        assert message in english(info.value.text)


def test_topics_are_added_last_and_removed_by_number() -> None:
    network = make_network(BODY)
    added = add_topic(network, topic="Ehrenamt", by="HEF", proposed=TODAY)
    assert added.edit == AddTable("topics", {"topic": "Ehrenamt", "by": "HEF", "proposed": TODAY})
    assert english(added.summary) == "Added proposed topic 2: Ehrenamt."
    assert add_topic(network, topic="X").edit == AddTable("topics", {"topic": "X"})
    removed = remove_topic(network, number=1)
    assert removed.edit == RemoveTable("topics", 0)
    assert words(Language.DE).say(removed.summary) == (
        "Thema 1 wurde aus dem Themenspeicher gestrichen: Wohnsitzauflage."
    )
    with pytest.raises(CommandError) as info:
        remove_topic(make_network(""), number=1)
    assert english(info.value.text).startswith("there are no proposed topics")


@settings(max_examples=examples(200), deadline=None)
@given(
    spaced=st.booleans(),
    steps=st.lists(
        st.tuples(st.sampled_from(["add", "move", "remove"]), st.integers(0, 9), st.integers(0, 9)),
        max_size=8,
    ),
)
def test_any_run_of_agenda_edits_is_made_exactly(
    spaced: bool, steps: list[tuple[str, int, int]]
) -> None:
    """Whatever the order of adds, moves and removals, each edit is made (`apply_edit` proves
    the document is exactly the intended one) and the rest of the file stays as it was."""
    text = TEXT.replace(FIRST, FIRST + "\n") if spaced else TEXT
    for kind, one, two in steps:
        count = len(tomllib.loads(text)["meetings"][0].get("agenda", []))
        if kind == "add":
            edit: Any = AddSubTable(
                "meetings", 0, "agenda", one % (count + 1), {"topic": f"T{one}"}
            )
        elif count == 0:
            continue
        elif kind == "move":
            edit = MoveSubTable("meetings", 0, "agenda", one % count, two % count)
        else:
            edit = RemoveSubTable("meetings", 0, "agenda", one % count)
        text = apply_edit(text, edit)
    assert text.startswith('[network]\nname = "N"\n\n[[meetings]]\ndate = 2027-04-07T10:00:00\n')
    assert text.endswith(
        '\n\n[[meetings]]\ndate = 2027-11-03\nhost = "FD"\n\n[mail]\nfrom = "a@example.de"\n'
    )
