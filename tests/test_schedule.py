"""The schedule: cadence, planned meetings, rotation and the public holidays of members' states."""

from __future__ import annotations

import datetime as dt

import pytest

from netzwerk_cli.core.rrules import parse_cadence
from netzwerk_cli.core.schedule import Kind, Schedule, coming_meetings, next_meeting
from netzwerk_cli.file.store import read_network
from netzwerk_cli.model import Language, Network
from netzwerk_cli.outside.holidaycache import HolidayCache
from netzwerk_cli.words import words

from .conftest import BUNDLED, english, make_network
from .test_rotation import make_members

SEED_CADENCE = 'cadence = "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"\n'
EN = words(Language.EN)
HESSIAN = make_members(("HEF", ""), ("ESW", ""), ("FD", ""))


def plan(network: Network, today: str, **kwargs: object) -> Schedule:
    return coming_meetings(
        network, today=dt.date.fromisoformat(today), holidays=HolidayCache(None), **kwargs
    )  # type: ignore[arg-type]


def dates(schedule: Schedule) -> list[str]:
    return [row.date.isoformat() if row.date else "-" for row in schedule.meetings]


def test_seed_cadence_gives_6_november_2024_and_2_april_2025() -> None:
    schedule = plan(make_network(header=SEED_CADENCE), "2024-10-15", count=3)
    assert dates(schedule) == ["2024-11-06", "2025-04-02", "2025-11-05"]
    assert [r.host.id for r in schedule.meetings] == ["HEF", "WAK", "ESW"]
    assert all(r.kind is Kind.PROPOSED for r in schedule.meetings)


def test_bundled_network_the_day_after_the_second_meeting() -> None:
    network = read_network(BUNDLED, today=dt.date(2024, 11, 7))
    schedule = plan(network, "2024-11-07", count=4)
    assert dates(schedule) == ["2025-04-02", "2025-11-05", "2026-04-01", "2026-11-04"]
    first = schedule.meetings[0]
    assert (first.host.id, first.venue, first.kind) == ("ESW", "Eschwege", Kind.PLANNED)
    assert [r.host.id for r in schedule.meetings[1:]] == ["FD", "HEF", "WAK"]


def test_slots_start_today_when_the_file_is_behind() -> None:
    network = read_network(BUNDLED, today=dt.date(2026, 11, 24))
    assert dates(plan(network, "2026-11-24", count=2)) == ["2027-04-07", "2027-11-03"]


REFORMATION = 'cadence = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31"\n'


def test_reformation_day_moves_when_a_thuringian_member_belongs() -> None:
    row = plan(make_network(header=REFORMATION), "2025-10-01", count=1).meetings[0]
    assert row.date == dt.date(2025, 11, 3)  # Friday 31 October -> Monday 3 November
    assert row.moved_from == dt.date(2025, 10, 31)
    assert row.holiday is not None and EN.holidays(row.holiday) == "Reformation Day (TH)"


def test_reformation_day_stays_when_all_members_are_hessian() -> None:
    row = plan(make_network(header=REFORMATION, members=HESSIAN), "2025-10-01", count=1).meetings[0]
    assert (row.date, row.moved_from, row.holiday) == (dt.date(2025, 10, 31), None, None)


def test_corpus_christi_moves_for_hesse_not_for_thuringia_alone() -> None:
    corpus = 'cadence = "FREQ=DAILY;BYMONTH=6;BYMONTHDAY=19;BYYEARDAY=170"\n'  # 2025-06-19
    thuringian = make_members(("WAK", ""))
    only_th = make_network(header=corpus, members=thuringian.replace('"HE"', '"TH"'))
    assert dates(plan(only_th, "2025-06-01", count=1)) == ["2025-06-19"]
    row = plan(make_network(header=corpus), "2025-06-01", count=1).meetings[0]
    assert row.date == dt.date(2025, 6, 20)
    assert row.holiday is not None and EN.holidays(row.holiday) == "Corpus Christi (HE)"


@pytest.mark.parametrize(
    ("rule", "slot", "moved"),
    [
        ("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=21", "2025-04-21", "2025-04-22"),  # Easter Monday
        ("FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1", "2025-05-01", "2025-05-02"),  # Labour Day
    ],
)
def test_holidays_of_every_state_move_for_everyone(rule: str, slot: str, moved: str) -> None:
    for members in (HESSIAN, make_members(("WAK", "")).replace('"HE"', '"TH"')):
        row = plan(
            make_network(header=f'cadence = "{rule}"\n', members=members), "2025-01-01", count=1
        ).meetings[0]
        assert row.date == dt.date.fromisoformat(moved)
        assert row.moved_from == dt.date.fromisoformat(slot)


def test_shift_skips_weekends_and_further_holidays() -> None:
    # Good Friday 2025-04-18 -> Saturday, Sunday, Easter Monday are passed -> Tuesday 22 April.
    header = 'cadence = "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=18"\n'
    assert dates(plan(make_network(header=header), "2025-01-01", count=1)) == ["2025-04-22"]


def test_skip_drops_the_date_and_says_why() -> None:
    header = 'cadence = "FREQ=MONTHLY;BYMONTHDAY=31"\nholidays = "skip"\n'
    schedule = plan(make_network(header=header), "2025-10-01", count=2)
    assert dates(schedule) == ["2025-12-31", "2026-01-31"]
    assert [(d.day.isoformat(), EN.holidays(d.holiday)) for d in schedule.dropped] == [
        ("2025-10-31", "Reformation Day (TH)")
    ]


def test_skip_of_a_rule_that_only_hits_holidays_ends_with_a_message() -> None:
    header = 'cadence = "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"\nholidays = "skip"\n'
    schedule = plan(make_network(header=header), "2025-01-01", count=4)
    assert schedule.meetings == ()
    assert schedule.exhausted is not None and "each fell on a public holiday" in str(
        schedule.exhausted
    )


def test_ignore_keeps_holiday_dates() -> None:
    header = REFORMATION + 'holidays = "ignore"\n'
    schedule = plan(make_network(header=header), "2025-10-01", count=2)
    assert dates(schedule) == ["2025-10-31", "2026-10-31"]


def test_a_member_that_has_left_is_not_given_a_slot() -> None:
    members = make_members(
        ("HEF", ""), ("WAK", "left = 2025-06-01"), ("ESW", ""), ("NEW", "joined = 2026-01-01")
    )
    schedule = plan(make_network(header=SEED_CADENCE, members=members), "2025-01-01", count=5)
    assert [(r.date.isoformat() if r.date else "", r.host.id) for r in schedule.meetings] == [
        ("2025-04-02", "HEF"),
        ("2025-11-05", "ESW"),  # WAK left in June
        # HEF and ESW completed the round before NEW joined; the new round goes by members' order.
        ("2026-04-01", "HEF"),
        ("2026-11-04", "ESW"),
        ("2027-04-07", "NEW"),
    ]


def test_count_and_until_bound_the_list() -> None:
    network = make_network(header=SEED_CADENCE)
    assert len(plan(network, "2025-01-01", count=2).meetings) == 2
    assert dates(plan(network, "2025-01-01", count=None, until=dt.date(2026, 4, 1))) == [
        "2025-04-02",
        "2025-11-05",
        "2026-04-01",
    ]
    assert dates(plan(network, "2025-01-01", count=1, until=dt.date(2026, 4, 1))) == ["2025-04-02"]


def test_planned_meetings_replace_cadence_slots() -> None:
    body = '[[meetings]]\ndate = 2025-04-09\nhost = "FD"\nstatus = "planned"\n'
    schedule = plan(make_network(body, header=SEED_CADENCE), "2025-01-01", count=3)
    assert dates(schedule) == ["2025-04-09", "2025-11-05", "2026-04-01"]
    assert [r.kind for r in schedule.meetings] == [Kind.PLANNED, Kind.PROPOSED, Kind.PROPOSED]
    # FD's planned turn was a swap: HEF, WAK, ESW keep theirs.
    assert [r.host.id for r in schedule.meetings] == ["FD", "HEF", "WAK"]


def test_an_undated_planned_meeting_takes_the_first_slot() -> None:
    body = '[[meetings]]\nhost = "ESW"\nstatus = "planned"\n'
    schedule = plan(make_network(body, header=SEED_CADENCE), "2025-01-01", count=2)
    first, second = schedule.meetings
    assert (first.date, first.host.id, first.kind) == (dt.date(2025, 4, 2), "ESW", Kind.PLANNED)
    assert (second.host.id, second.kind) == ("HEF", Kind.PROPOSED)


def test_without_a_cadence_only_planned_meetings_are_listed() -> None:
    body = '[[meetings]]\ndate = 2027-03-03\nhost = "FD"\n[[meetings]]\nhost = "ESW"\n'
    schedule = plan(make_network(body), "2026-11-24")
    assert not schedule.has_cadence
    assert dates(schedule) == ["2027-03-03", "-"]


def test_cadence_start_anchors_interval_rules() -> None:
    rule = 'cadence = "FREQ=MONTHLY;INTERVAL=5;BYDAY=1WE"\n'
    anchored = make_network(header=rule + "cadence_start = 2025-02-01\n")
    assert dates(plan(anchored, "2025-01-01", count=3)) == [
        "2025-02-05",
        "2025-07-02",
        "2025-12-03",
    ]
    # Without cadence_start, the earliest full meeting date is the rule's start.
    body = '[[meetings]]\ndate = 2024-11-06\nhost = "HEF"\n'
    from_meeting = make_network(body, header=rule)
    assert dates(plan(from_meeting, "2025-01-01", count=2)) == ["2025-04-02", "2025-09-03"]


def test_a_rule_that_runs_out_says_so() -> None:
    header = 'cadence = "FREQ=MONTHLY;COUNT=2;BYDAY=1WE"\ncadence_start = 2025-02-01\n'
    schedule = plan(make_network(header=header), "2025-01-01", count=4)
    assert dates(schedule) == ["2025-02-05", "2025-03-05"]
    assert (
        english(schedule.exhausted)
        == "the cadence has no more dates (its COUNT or UNTIL is reached, or it matches no day)"
    )


def test_start_time_of_the_network_applies_to_slots() -> None:
    network = make_network(header=SEED_CADENCE + "start = 10:00:00\n")
    row = plan(network, "2025-01-01", count=1).meetings[0]
    assert row.start_at == dt.datetime(2025, 4, 2, 10, 0)


def test_next_meeting_without_cadence_or_plans_is_the_rotation_without_a_date() -> None:
    row = next_meeting(make_network(), today=dt.date(2026, 11, 24), holidays=HolidayCache(None))
    assert (row.host.id, row.date, row.kind) == ("HEF", None, Kind.PROPOSED)


def test_parse_cadence_accepts_an_rrule_prefix() -> None:
    rule = parse_cadence("RRULE:FREQ=WEEKLY;BYDAY=MO", dtstart=dt.date(2025, 1, 1))
    assert rule.after(dt.datetime(2025, 1, 1)).date() == dt.date(2025, 1, 6)


def test_a_schedule_from_29_february_looks_ahead_without_error() -> None:
    # Found by the property tests: the look-ahead limit was "the same day 50 years on".
    header = 'cadence = "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"\nholidays = "skip"\n'
    schedule = plan(make_network(header=header), "2024-02-29", count=1)
    assert schedule.meetings == ()
    assert schedule.exhausted is not None and "2024-02-29" in english(schedule.exhausted)
