"""tomledit: an edit changes its lines only; comments, blank lines, quoting and newlines stay."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.core.edits import AddTable, SetKeys
from netzwerk_cli.errors import CommandError
from netzwerk_cli.file import tomlsurgery
from netzwerk_cli.file.tomledit import apply_edit
from netzwerk_cli.file.tomlrender import render_line, render_table

TEXT = """\
# top comment
[network]
name = "N"   # the name
notes = \"\"\"
[[meetings]]
\"\"\"

[[members]]
id = "A"
name = 'Alpha'
seat = "Aa"
state = "HE"

[[meetings]]   # the first
date = 2024-11-06      # when
host = "A"             # who
notes = \"\"\"two
[[members]]
lines\"\"\"   # multi
  "status" = 'held'
# a comment inside the table

[[meetings]]
host = "A"
"""


def test_set_keys_replaces_values_in_place_and_keeps_their_comments() -> None:
    edit = SetKeys("meetings", 0, {"date": dt.date(2024, 11, 7), "host": "Bee", "status": "x"})
    assert apply_edit(TEXT, edit) == TEXT.replace(
        'date = 2024-11-06      # when\nhost = "A"             # who\n',
        'date = 2024-11-07      # when\nhost = "Bee"           # who\n',
    ).replace("  \"status\" = 'held'\n", '  "status" = "x"\n')


def test_a_longer_value_pushes_the_comment_two_spaces_away() -> None:
    edit = SetKeys("meetings", 0, {"host": "a much longer host id"})
    assert '\nhost = "a much longer host id"  # who\n' in apply_edit(TEXT, edit)


def test_a_multi_line_value_becomes_one_line_with_its_comment() -> None:
    new = apply_edit(TEXT, SetKeys("meetings", 0, {"notes": "one\nline"}))
    assert new == TEXT.replace(
        'notes = """two\n[[members]]\nlines"""   # multi\n', 'notes = "one\\nline"   # multi\n'
    )


def test_new_keys_go_after_the_last_key_line_of_the_table() -> None:
    new = apply_edit(TEXT, SetKeys("meetings", 0, {"venue": "V", "uid": "u"}))
    assert new == TEXT.replace(
        "  \"status\" = 'held'\n", '  "status" = \'held\'\n  venue = "V"\n  uid = "u"\n'
    )


def test_a_key_is_added_to_the_last_table_at_the_end_of_the_file() -> None:
    new = apply_edit(TEXT, SetKeys("meetings", 1, {"date": dt.datetime(2025, 4, 2, 10, 0)}))
    assert new == TEXT + "date = 2025-04-02 10:00:00\n"


def test_a_new_table_goes_after_the_last_table_of_its_array() -> None:
    new = apply_edit(TEXT, AddTable("members", {"id": "B", "hosts": False}))
    assert new == TEXT.replace(
        'state = "HE"\n\n', 'state = "HE"\n\n[[members]]\nid = "B"\nhosts = false\n\n'
    )


def test_a_new_table_at_the_end_gets_one_blank_line_before_it() -> None:
    new = apply_edit(TEXT, AddTable("meetings", {"host": "A", "date": dt.date(2025, 4, 2)}))
    assert new == TEXT + '\n[[meetings]]\nhost = "A"\ndate = 2025-04-02\n'


def test_the_first_table_of_an_array_is_appended_at_the_end() -> None:
    text = '[network]\nname = "N"\n\n# members below\n\n'
    new = apply_edit(text, AddTable("members", {"id": "A"}))
    assert new == text + '[[members]]\nid = "A"\n'
    assert apply_edit("[network]\nname = 'N'", AddTable("members", {"id": "A"})) == (
        "[network]\nname = 'N'\n\n[[members]]\nid = \"A\""
    )


def test_a_table_written_without_blank_lines_gets_one_after_the_new_table() -> None:
    text = '[[members]]\nid = "A"\n[[meetings]]\nhost = "A"\n'
    new = apply_edit(text, AddTable("members", {"id": "B"}))
    assert new == '[[members]]\nid = "A"\n\n[[members]]\nid = "B"\n\n[[meetings]]\nhost = "A"\n'


def test_crlf_and_a_missing_final_newline_are_kept() -> None:
    text = TEXT.replace("\n", "\r\n").removesuffix("\r\n")
    new = apply_edit(text, AddTable("meetings", {"host": "A"}))
    assert new == text + '\r\n\r\n[[meetings]]\r\nhost = "A"'
    changed = apply_edit(text, SetKeys("meetings", 1, {"host": "B"}))
    assert changed == text.removesuffix('host = "A"') + 'host = "B"'


def test_indented_and_spaced_headers_and_their_indentation() -> None:
    text = '[network]\nname = "N"\n  [[ "members" ]]  # m\n    id = "A"\n'
    new = apply_edit(text, AddTable("members", {"id": "B"}))
    assert new == text + '\n  [[members]]\n    id = "B"\n'


def test_lines_that_look_like_headers_inside_strings_are_no_tables() -> None:
    text = "[network]\nname = '''\n[[members]]\n'''\nx = \"[[members]]\"\n"
    # The text has no [[members]] table; the one added must be the first and only one.
    new = apply_edit(text, AddTable("members", {"id": "A"}))
    assert tomllib.loads(new)["members"] == [{"id": "A"}]
    assert new.startswith(text)


def test_escaped_quotes_do_not_end_strings_or_start_comments() -> None:
    text = (
        '[network]\nname = "a \\" # no comment"  # a comment\n'
        'notes = """x \\""" [[members]]\n[[members]]\n"""\n'
    )
    new = apply_edit(text, AddTable("members", {"id": "A"}))
    assert new == text + '\n[[members]]\nid = "A"\n'


def test_an_edit_of_a_table_that_is_not_there_is_refused() -> None:
    with pytest.raises(CommandError, match="the file has no meetings number 3"):
        apply_edit(TEXT, SetKeys("meetings", 2, {"host": "B"}))


def test_a_file_that_is_not_toml_is_refused() -> None:
    with pytest.raises(CommandError, match="the file is not valid TOML"):
        apply_edit("[network\n", AddTable("members", {"id": "A"}))


def test_an_inline_array_is_refused() -> None:
    text = 'meetings = [{host = "A"}]\n\n[network]\nname = "N"\n'
    with pytest.raises(CommandError, match=r"writes its meetings as `meetings = \[\.\.\.\]`"):
        apply_edit(text, SetKeys("meetings", 0, {"host": "B"}))
    with pytest.raises(CommandError, match=r"not as \[\[meetings\]\] tables"):
        apply_edit(text, AddTable("meetings", {"host": "B"}))


@pytest.mark.parametrize("rendered", ['"something else"', '"not TOML'])
def test_a_result_that_is_not_exactly_the_intended_change_is_refused(
    monkeypatch: pytest.MonkeyPatch, rendered: str
) -> None:
    monkeypatch.setattr(tomlsurgery, "render_value", lambda value: rendered)
    with pytest.raises(CommandError, match="could not make this change without touching"):
        apply_edit(TEXT, SetKeys("meetings", 0, {"host": "B"}))


def test_render_table_writes_array_tables_even_for_short_entries() -> None:
    # tomli-w alone would write `meetings = [{ host = "A" }]` for so short a table.
    assert render_table("meetings", {"host": "A"}) == '[[meetings]]\nhost = "A"\n'


# --- property: whatever comments surround them, only the edited lines change ----------------

COMMENTS = st.sampled_from(["", "# note", "  # indented note", "#", "# [[members]] in a comment"])
FILLER = st.lists(COMMENTS, max_size=3).map(lambda lines: "".join(f"{c}\n" for c in lines))
TRAILING = st.sampled_from(["", "  # why", "   # aligned"])


@st.composite
def member_files(draw: st.DrawFn) -> tuple[str, int]:
    count = draw(st.integers(min_value=1, max_value=4))
    parts = ['[network]\nname = "N"\n', draw(FILLER)]
    for number in range(count):
        parts.append(f"[[members]]{draw(TRAILING)}\n{draw(FILLER)}")
        for key, value in (("id", f'"M{number}"'), ("name", '"n"'), ("seat", "'s'")):
            parts.append(f"{key} = {value}{draw(TRAILING)}\n{draw(FILLER)}")
        parts.append(draw(st.sampled_from(["", "\n", "\n\n"])))
    return "".join(parts), count


@settings(max_examples=150, deadline=None)
@given(member_files(), st.data())
def test_surgery_keeps_every_line_it_does_not_mean_to_change(
    case: tuple[str, int], data: st.DataObject
) -> None:
    text, count = case
    index = data.draw(st.integers(min_value=0, max_value=count - 1))
    seat = data.draw(st.text(max_size=12))
    new = apply_edit(text, SetKeys("members", index, {"seat": seat, "left": dt.date(2030, 1, 1)}))
    old_lines, new_lines = text.split("\n"), new.split("\n")
    # One line replaced (the seat) and one inserted (left): the rest is the text as it was.
    assert len(new_lines) == len(old_lines) + 1
    kept = [line for line in new_lines if not line.startswith(("seat = ", "left = "))]
    assert kept == [line for line in old_lines if not line.startswith("seat = ")]
    assert tomllib.loads(new)["members"][index]["seat"] == seat

    added = apply_edit(text, AddTable("members", {"id": "NEW", "seat": seat}))
    block = '\n[[members]]\nid = "NEW"\n' + render_line("seat", seat) + "\n"
    at = added.index(block)
    # The block is inserted at a line boundary, followed by a blank line if the next line is not.
    spacer = "\n" if text[at:] and not text[at:].startswith("\n") else ""
    assert added == text[:at] + block + spacer + text[at:]
