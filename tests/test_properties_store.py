"""Property: any damaged network file gives a network or netzwerk's own error, never a crash."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzwerk_cli.errors import NetworkFileError
from netzwerk_cli.file.store import MEETING_KEYS, MEMBER_KEYS, NETWORK_KEYS, parse_network
from netzwerk_cli.model import GERMAN_STATES

TODAY = dt.date(2026, 11, 24)
ids = st.text(alphabet="ABCDEFGHKLMNOPRSTUVWXYZ", min_size=1, max_size=4)
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
texts = st.text(max_size=20)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A network document as the schema allows it (it may still be invalid: e.g. `left` <= `joined`)."""
    member_ids = draw(st.lists(ids, min_size=0, max_size=6, unique=True))
    members = []
    for ident in member_ids:
        member: dict[str, Any] = {
            "id": ident,
            "name": draw(texts.filter(str.strip)),
            "seat": draw(texts.filter(str.strip)),
            "state": draw(st.sampled_from(sorted(GERMAN_STATES))),
        }
        if draw(st.booleans()):
            member["joined"] = draw(dates)
        if draw(st.booleans()):
            member["left"] = draw(dates)
        if draw(st.booleans()):
            member["hosts"] = draw(st.booleans())
        members.append(member)
    meetings = []
    for _ in range(draw(st.integers(0, 6))):
        meeting: dict[str, Any] = {"host": draw(st.sampled_from(member_ids)) if member_ids else "X"}
        kind = draw(st.sampled_from(["date", "datetime", "month", "none"]))
        if kind == "date":
            meeting["date"] = draw(dates)
        elif kind == "datetime":
            meeting["date"] = dt.datetime.combine(draw(dates), dt.time(draw(st.integers(0, 23)), 0))
        elif kind == "month":
            day = draw(dates)
            meeting["date"] = f"{day:%Y-%m}"
        for key in ("venue", "title", "notes"):
            if draw(st.booleans()):
                meeting[key] = draw(texts)
        if draw(st.booleans()):
            meeting["status"] = draw(st.sampled_from(["held", "planned", "cancelled"]))
        meetings.append(meeting)
    network: dict[str, Any] = {"name": draw(texts.filter(str.strip))}
    if draw(st.booleans()):
        network["cadence"] = draw(
            st.sampled_from(
                [
                    "FREQ=MONTHLY;BYDAY=1WE",
                    "FREQ=WEEKLY;INTERVAL=2",
                    "FREQ=YEARLY",
                    "FREQ=DAILY;COUNT=3",
                ]
            )
        )
    if draw(st.booleans()):
        network["rotation"] = draw(st.sampled_from(["order", "least-recent"]))
    return {"network": network, "members": members, "meetings": meetings}


# Values of the wrong type, impossible or odd ones, and stray Unicode.
odd_values = st.one_of(
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(
        ["2024-02-30", "2024-13", "0000-00", "24:61:00", "\u202e\ufeff\x00", "🦉", "HE "]
    ),
    st.times(),
    st.dates(),
    st.datetimes(),
)


@st.composite
def damaged_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A document with keys dropped, renamed or given values of the wrong type; tables doubled."""
    document = draw(documents())
    tables: list[tuple[dict[str, Any], tuple[str, ...]]] = [(document["network"], NETWORK_KEYS)]
    tables += [(m, MEMBER_KEYS) for m in document["members"]]
    tables += [(m, MEETING_KEYS) for m in document["meetings"]]
    for _ in range(draw(st.integers(1, 4))):
        table, keys = draw(st.sampled_from(tables))
        action = draw(st.sampled_from(["drop", "rename", "retype", "add"]))
        present = sorted(table)
        if action == "drop" and present:
            del table[draw(st.sampled_from(present))]
        elif action == "rename" and present:
            key = draw(st.sampled_from(present))
            table[key + draw(st.sampled_from(["s", "_", "X", "é"]))] = table.pop(key)
        elif action == "retype":
            table[draw(st.sampled_from(keys))] = draw(odd_values)
        else:
            table[draw(st.text(min_size=1, max_size=6))] = draw(odd_values)
    if document["members"] and draw(st.booleans()):
        document["members"].append(dict(document["members"][0]))  # a duplicated table
    if draw(st.booleans()):
        del document[draw(st.sampled_from(["network", "members", "meetings"]))]
    return document


def check(text: str) -> None:
    """Either a network, or NetworkFileError with at least one message; any other exception fails."""
    problems: list[str] = []
    try:
        parse_network(text, source="damaged.toml", today=TODAY)
    except NetworkFileError as exc:  # both outcomes are right here, so no pytest.raises
        problems = exc.problems or [""]
    assert all(isinstance(p, str) and p for p in problems)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_documents())
def test_damaged_documents_give_a_network_or_our_error(document: dict[str, Any]) -> None:
    check(tomli_w.dumps(document))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data())
def test_cut_off_or_garbled_text_gives_a_network_or_our_error(
    document: dict[str, Any], data: st.DataObject
) -> None:
    text = tomli_w.dumps(document)
    where = data.draw(st.integers(0, len(text)))
    action = data.draw(st.sampled_from(["cut", "insert", "replace"]))
    if action == "cut":
        text = text[:where]
    else:
        stray = data.draw(st.text(min_size=1, max_size=3))
        text = text[:where] + stray + text[where + (1 if action == "replace" else 0) :]
    check(text)


@settings(max_examples=200)
@given(documents())
def test_undamaged_documents_of_the_schema_are_read_or_refused_for_a_reason(
    document: dict[str, Any],
) -> None:
    check(tomli_w.dumps(document))


@settings(max_examples=8, deadline=None)
@given(damaged_documents())
def test_through_the_command_line_exit_1_and_no_traceback(document: dict[str, Any]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "network.toml"
        path.write_text(tomli_w.dumps(document), encoding="utf-8")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "netzwerk_cli",
                "members",
                "-f",
                str(path),
                "--today",
                "2026-11-24",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)
    if result.returncode == 1:
        assert result.stderr.startswith("netzwerk: ")
