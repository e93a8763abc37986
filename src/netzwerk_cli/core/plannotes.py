"""The notes `netzwerk plan` adds to its change: what the coordinator should know about the
date planned (a weekend, a public holiday, the school holidays) and about its host (an earlier
date of the cadence left unplanned passes its host over). Pure, as `core.plan`."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from netzwerk_cli.core.changes import Change
from netzwerk_cli.core.schedule import (
    ComingMeeting,
    HolidayLookup,
    holiday_on,
    school_holidays_on,
    school_lookup,
)
from netzwerk_cli.message import N_, Message, fact
from netzwerk_cli.model import HolidayPolicy, Network

SATURDAY, SUNDAY = 5, 6  # `date.weekday()`


def date_notes(network: Network, change: Change, holidays: HolidayLookup) -> Change:
    """The change, with a note for each reason against the date it plans: a weekend, a public
    holiday (unless `holidays = "ignore"`) or the school holidays (unless `school_holidays =
    "ignore"`) in the state of a member that belongs then. The coordinator decides, so it is
    planned all the same."""
    when = change.edit.values.get("date")
    if not isinstance(when, dt.date):
        return change
    day = when.date() if isinstance(when, dt.datetime) else when
    notes: list[Message] = []
    if day.weekday() == SATURDAY:
        notes.append(fact(N_("Note: {date} is a Saturday."), date=day))
    elif day.weekday() == SUNDAY:
        notes.append(fact(N_("Note: {date} is a Sunday."), date=day))
    public = (
        None if network.holidays is HolidayPolicy.IGNORE else holiday_on(network, day, holidays)
    )
    if public is not None:
        notes.append(
            fact(N_("Note: {date} is a public holiday: {holidays}."), date=day, holidays=public)
        )
    found = school_holidays_on(network, day, school_lookup(network, holidays))
    if found is not None:
        notes.append(
            fact(
                N_("Note: {date} falls in the school holidays: {holidays}."),
                date=day,
                holidays=found,
            )
        )
    return replace(change, notes=(*change.notes, *notes))


def passed_over_note(earlier: list[ComingMeeting], day: dt.date | None, host: str) -> Message:
    """The note that planning `day` passes over the cadence's earlier dates and their hosts: the
    host of `day` follows the last of them in turn; the first one's host is whose turn it was."""
    first, last = earlier[0], earlier[-1]
    if len(earlier) == 1:
        return fact(
            N_(
                "Note: the cadence's earlier date {earlier} is not planned, and its host "
                "{earlier_host} is passed over: {host} follows {earlier_host} in turn. For "
                '{earlier_host} to host this meeting: "netzwerk plan {day} --host {earlier_host}".'
            ),
            earlier=first.date,
            earlier_host=first.host.id,
            host=host,
            day=day,
        )
    return fact(
        N_(
            "Note: the cadence's earlier dates {dates} are not planned, and their hosts {hosts} "
            "are passed over: {host} follows {last_host} in turn. For {first_host} to host this "
            'meeting: "netzwerk plan {day} --host {first_host}".'
        ),
        dates=[row.date for row in earlier],
        hosts=[row.host.id for row in earlier],
        host=host,
        last_host=last.host.id,
        first_host=first.host.id,
        day=day,
    )
