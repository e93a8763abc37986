"""The JSON rows for people: CSV's and Markdown's header row and cells in the reader's language
(dates stay ISO)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netzwerk_cli.message import N_
from netzwerk_cli.model import Language
from netzwerk_cli.words import Words

# The header of each column in CSV and Markdown for a German reader; in English the header row
# stays the JSON keys, as it always was (scripts read CSV too).
HEADERS = {
    "date": N_("Date"),
    "start": N_("Start"),
    "id": N_("ID"),
    "host": N_("Host"),
    "host_name": N_("Host name"),
    "name": N_("Name"),
    "seat": N_("Seat"),
    "venue": N_("Venue"),
    "state": N_("State"),
    "status": N_("Status"),
    "moved_from": N_("Moved from"),
    "holiday": N_("Holiday"),
    "school_holidays": N_("School holidays"),
    "reason": N_("Reason"),
    "joined": N_("Joined"),
    "left": N_("Left"),
    "hosts": N_("Hosts"),
    "hosted": N_("Hosted"),
    "last_hosted": N_("Last hosted"),
    "can_host_now": N_("Can host now"),
    "title": N_("Title"),
    "notes": N_("Notes"),
    "description": N_("Description"),
    "attended": N_("Attendance"),
    "topics_brought": N_("Topics brought"),
    "answers": N_("Answers"),
    "weekend": N_("Weekend"),
}


def people_columns(columns: Sequence[str], said: Words) -> list[str]:
    """The header row of a CSV or Markdown table in the reader's language."""
    if said.language is Language.EN:
        return list(columns)
    return [said(HEADERS[c]) for c in columns]


def people_row(row: dict[str, Any], said: Words) -> dict[str, Any]:
    """A JSON row with its words (status, yes/no) in the reader's language; dates stay ISO, as
    Excel reads them as dates in every locale."""
    said_row = dict(row)
    if isinstance(row.get("school_holidays"), list):  # a cell: "Oster-/Frühjahrsferien (HE, TH)"
        said_row["school_holidays"] = school_cell(row["school_holidays"])
    row = {key: _flat(value, said) for key, value in said_row.items()}
    if said.language is Language.EN:
        return row
    said_row = dict(row)
    for key, value in row.items():
        if isinstance(value, bool):
            said_row[key] = said(N_("yes")) if value else said(N_("no"))
        elif key == "status" and isinstance(value, str):
            said_row[key] = said.value_text(value)
    return said_row


def school_cell(found: list[dict[str, str]]) -> str:
    """The school holidays of a JSON row as one cell for people: `Herbstferien (TH)`."""
    states: dict[str, list[str]] = {}
    for item in found:
        states.setdefault(item["name"], []).append(item["state"])
    return "; ".join(f"{name} ({', '.join(where)})" for name, where in states.items())


def _flat(value: Any, said: Words) -> Any:
    """A list or the answers' counts as one cell of CSV or Markdown."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        from netzwerk_cli.output.answercounts import short

        return short(value, said)
    return value
