"""The agenda's times and the members' share of it, in the pure core."""

from __future__ import annotations

import datetime as dt

from netzwerk_cli.core.agenda import agenda_minutes, timed_agenda, topics_brought
from netzwerk_cli.model import AgendaItem, Meeting, Member, Network, Status


def _network(*meetings: Meeting, start: dt.time | None = dt.time(10)) -> Network:
    members = (Member("A", "Kreis A", "Aheim", "HE"), Member("B", "Kreis B", "Bdorf", "TH"))
    return Network(name="N", members=members, meetings=meetings, start=start)


def _meeting(
    *items: AgendaItem, status: Status = Status.PLANNED, time: dt.time | None = None
) -> Meeting:
    return Meeting(1, "A", status, date=dt.date(2027, 4, 7), time=time, agenda=items)


def test_each_item_starts_when_the_ones_before_it_end() -> None:
    meeting = _meeting(
        AgendaItem("Begrüßung", minutes=15),
        AgendaItem("Sprachkurse", "B", 45),
        AgendaItem("Verschiedenes"),
    )
    timed = timed_agenda(_network(meeting), meeting)
    assert [(t.number, t.starts) for t in timed] == [
        (1, dt.time(10)),
        (2, dt.time(10, 15)),
        (3, dt.time(11)),
    ]
    assert agenda_minutes(meeting) == 60


def test_after_an_item_without_minutes_and_without_a_start_the_times_are_unknown() -> None:
    meeting = _meeting(
        AgendaItem("Begrüßung"), AgendaItem("Sprachkurse", minutes=45), time=dt.time(14)
    )
    assert [t.starts for t in timed_agenda(_network(meeting), meeting)] == [dt.time(14), None]
    all_day = _meeting(AgendaItem("Begrüßung", minutes=15))
    assert [t.starts for t in timed_agenda(_network(all_day, start=None), all_day)] == [None]


def test_topics_brought_counts_held_meetings_for_every_member() -> None:
    held = _meeting(AgendaItem("x", "B"), AgendaItem("y", "B"), AgendaItem("z"), status=Status.HELD)
    planned = _meeting(AgendaItem("w", "A"))
    network = _network(held, planned)
    assert topics_brought(network) == {"A": 0, "B": 2}
    assert topics_brought(network, held_only=False) == {"A": 1, "B": 2}
