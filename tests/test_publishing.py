"""The publish planner, without a server: which request for which event, and why."""

from __future__ import annotations

from netzwerk_cli.core.publishing import (
    Action,
    Published,
    Step,
    Why,
    resource_name,
    retried,
    steps,
)


def href_of(name: str) -> str:
    return "/cal/" + name


def plan(
    digests: dict[str, str], record: dict[str, Published], server: dict[str, str]
) -> list[tuple[Action, Why, str, str | None]]:
    return [
        (s.action, s.why, s.uid, s.etag) for s in steps(digests, record, server, href_of=href_of)
    ]


def test_each_case_of_the_planner() -> None:
    record = {
        "same": Published("/cal/same.ics", '"1"', "d-same"),
        "edited": Published("/cal/edited.ics", '"2"', "d-old"),
        "theirs-changed": Published("/cal/theirs-changed.ics", '"3"', "d-tc"),
        "deleted-there": Published("/cal/deleted-there.ics", '"4"', "d-dt"),
        "dropped": Published("/cal/dropped.ics", '"5"', "d-dr"),
        "dropped-and-gone": Published("/cal/dropped-and-gone.ics", '"6"', "d-dg"),
    }
    server = {
        "/cal/same.ics": '"1"',
        "/cal/edited.ics": '"2"',
        "/cal/theirs-changed.ics": '"33"',
        "/cal/dropped.ics": '"5"',
        "/cal/orphan.ics": '"7"',
        "/cal/someone-elses.ics": '"8"',
    }
    digests = {
        "same": "d-same",
        "edited": "d-new",
        "theirs-changed": "d-tc",
        "deleted-there": "d-dt",
        "new": "d-n",
        "orphan": "d-o",
    }
    assert plan(digests, record, server) == [
        (Action.REPLACE, Why.CHANGED, "edited", '"2"'),
        (Action.REPLACE, Why.OVERWRITTEN, "theirs-changed", '"33"'),
        (Action.CREATE, Why.RESTORED, "deleted-there", None),
        (Action.CREATE, Why.NEW, "new", None),
        (Action.REPLACE, Why.ADOPTED, "orphan", '"7"'),
        (Action.DELETE, Why.REMOVED, "dropped", '"5"'),
    ]


def test_nothing_to_do_when_the_record_and_the_server_agree() -> None:
    record = {"a": Published("/cal/a.ics", '"1"', "x")}
    assert plan({"a": "x"}, record, {"/cal/a.ics": '"1"', "/cal/b.ics": '"2"'}) == []


def test_a_retry_after_412_lets_the_file_win_or_finds_nothing_left_to_do() -> None:
    put = Step(Action.REPLACE, Why.CHANGED, "a", "/cal/a.ics", '"1"')
    assert retried(put, '"9"') == Step(Action.REPLACE, Why.OVERWRITTEN, "a", "/cal/a.ics", '"9"')
    assert retried(put, None) == Step(Action.CREATE, Why.RESTORED, "a", "/cal/a.ics")
    new = Step(Action.CREATE, Why.NEW, "a", "/cal/a.ics")
    assert retried(new, '"9"') == Step(Action.REPLACE, Why.OVERWRITTEN, "a", "/cal/a.ics", '"9"')
    delete = Step(Action.DELETE, Why.REMOVED, "a", "/cal/a.ics", '"1"')
    assert retried(delete, None) is None
    assert retried(delete, '"9"') == Step(Action.DELETE, Why.REMOVED, "a", "/cal/a.ics", '"9"')


def test_resource_names_are_safe_in_a_path() -> None:
    assert resource_name("meeting-2.netzwerk@netzwerk-cli") == "meeting-2.netzwerk@netzwerk-cli.ics"
    assert resource_name("a/b?c#d e") == "a-b-c-d-e.ics"
