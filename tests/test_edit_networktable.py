"""Setting keys of the [network] table (`netzwerk cadence`): the keys' lines change, nothing else."""

from __future__ import annotations

import datetime as dt

import pytest

from netzwerk_cli.core.edits import SetTableKeys
from netzwerk_cli.errors import CommandError
from netzwerk_cli.file.tomledit import apply_edit

CADENCE = SetTableKeys("network", {"cadence": "FREQ=MONTHLY;BYDAY=1WE", "start": dt.time(10)})


def test_a_value_is_replaced_in_place_and_a_new_key_goes_after_the_last() -> None:
    text = (
        '# top\n[network]\nname = "N"\ncadence = "FREQ=WEEKLY"   # by hand\n'
        'duration_minutes = 90\n\n[[members]]\nid = "A"\n'
    )
    assert apply_edit(text, CADENCE) == (
        '# top\n[network]\nname = "N"\ncadence = "FREQ=MONTHLY;BYDAY=1WE"  # by hand\n'
        'duration_minutes = 90\nstart = 10:00:00\n\n[[members]]\nid = "A"\n'
    )


def test_crlf_and_a_missing_final_newline_are_kept() -> None:
    text = '[network]\r\nname = "N"'
    assert apply_edit(text, CADENCE) == (
        '[network]\r\nname = "N"\r\ncadence = "FREQ=MONTHLY;BYDAY=1WE"\r\nstart = 10:00:00'
    )


def test_a_comment_below_the_last_key_stays_with_it_but_a_heading_comment_does_not() -> None:
    text = (
        '[network]\nname = "N"   # the name,\n       # said twice\n# the members:\n'
        '[[members]]\nid = "A"\n'
    )
    assert apply_edit(text, SetTableKeys("network", {"start": dt.time(9, 30)})) == (
        '[network]\nname = "N"   # the name,\n       # said twice\nstart = 09:30:00\n'
        '# the members:\n[[members]]\nid = "A"\n'
    )


@pytest.mark.parametrize("text", ['network = { name = "N" }\n', 'network.name = "N"\n'])
def test_a_network_table_not_written_as_its_own_lines_is_refused(text: str) -> None:
    with pytest.raises(CommandError):
        apply_edit(text, CADENCE)
