"""The counts of a members table in one pass over the meetings, as each member's own count."""

from __future__ import annotations

import dataclasses
import datetime as dt

from netzwerk_cli.core.rotation import attendance_counts
from netzwerk_cli.model import Meeting, Status

from .conftest import make_network


def test_attendance_is_counted_in_one_pass_as_member_by_member() -> None:
    network = make_network()
    ids = [m.id for m in network.members]
    meetings = tuple(
        Meeting(
            position=j + 1,
            date=dt.date(2020, 1, 1) + dt.timedelta(days=30 * j),
            host=ids[j % len(ids)],
            status=(Status.HELD, Status.CANCELLED, Status.HELD)[j % 3],
            attended=None if j % 5 == 4 else tuple(ids[k] for k in range(j % 4) for _ in (0, 1)),
        )
        for j in range(40)
    )
    network = dataclasses.replace(network, meetings=meetings)
    counts = attendance_counts(network)
    assert counts is not None
    for member_id in ids:
        naive = sum(
            1
            for m in meetings
            if m.status is Status.HELD and m.attended is not None and member_id in m.attended
        )
        assert counts.get(member_id, 0) == naive
    unrecorded = dataclasses.replace(
        network, meetings=tuple(dataclasses.replace(m, attended=None) for m in meetings)
    )
    assert attendance_counts(unrecorded) is None
