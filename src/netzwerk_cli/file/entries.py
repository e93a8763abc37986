"""The arrays of tables of the network file, `[[members]]`, `[[meetings]]` (with each meeting's
`[[meetings.agenda]]`) and `[[topics]]`: each entry's keys taken as `file.schema` declares them, the
keys of a kind of their own (a meeting's date, contacts, `away`, `attended`, `by`) by a function
here, and the rules of `file.rules`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from netzwerk_cli.contact import Contact
from netzwerk_cli.core.memberids import closest, not_attending
from netzwerk_cli.errors import Problem
from netzwerk_cli.file import rules
from netzwerk_cli.file.schema import AGENDA, MEETINGS, MEMBERS, TOPICS
from netzwerk_cli.file.tables import (
    ADDRESS_EXAMPLE,
    array_of_tables,
    by_value,
    email_address,
    not_an_address,
)
from netzwerk_cli.file.taking import CONTROL, Taker, describe, shown, unknown_keys
from netzwerk_cli.message import N_, fact
from netzwerk_cli.model import AgendaItem, Article, Meeting, Member, Status, Topic, month_text

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def members(raw: object, problems: list[Problem]) -> list[Member]:
    """The [[members]] tables, in the file's order."""
    entries = array_of_tables(raw, "members", problems)
    found: list[Member] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        member_id = entry.get("id")
        where = f"members[{number}]" + (
            f" ({shown(member_id)})" if isinstance(member_id, str) else ""
        )
        unknown_keys(entry, MEMBERS.names, where, problems)
        values = Taker(entry, where, problems).keys(MEMBERS)
        ident, state, joined, left = (values[k] for k in ("id", "state", "joined", "left"))
        contacts = _contacts(entry, where, problems)
        away = _away(entry.get("away"), where, problems, joined=joined, left=left)
        found_problems = (
            rules.check_member_id(ident, number, seen, where) if ident is not None else None,
            rules.check_state(state, where) if state is not None else None,
            rules.check_left_after_joined(joined, left, where)
            if joined is not None and left is not None
            else None,
        )
        problems.extend(p for p in found_problems if p is not None)
        if None not in (ident, values["name"], values["seat"], state):
            if values["article"] is not None:
                values["article"] = Article(values["article"])
            found.append(Member(**values, contacts=contacts, away=away))
    return found


def _away(
    raw: object,
    where: str,
    problems: list[Problem],
    *,
    joined: dt.date | None,
    left: dt.date | None,
) -> tuple[tuple[dt.date, dt.date], ...]:
    """A member's `away`: the periods it did not belong, each [the day it left, the day it
    rejoined], in order, between `joined` and `left`."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(
        isinstance(pair, list)
        and len(pair) == 2
        and all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in pair)
        for pair in raw
    ):
        Taker({"away": raw}, where, problems)._bad(
            "away",
            fact(
                N_(
                    "a list of periods, each [the day it left, the day it rejoined], "
                    "e.g. [[2025-01-01, 2026-07-01]]"
                )
            ),
            raw,
        )
        return ()
    periods = tuple((pair[0], pair[1]) for pair in raw)
    after = joined
    for number, (start, end) in enumerate(periods, start=1):
        if (after is not None and start <= after) or end <= start or (left and end >= left):
            # The dates as the file writes them: the coordinator searches the file for them.
            problems.append(
                Problem(
                    where,
                    fact(
                        N_(
                            "away[{number}] ({start} to {end}) must end after it begins, begin "
                            "after joined and after the period before it, and end before left"
                        ),
                        number=number,
                        start=start.isoformat(),
                        end=end.isoformat(),
                    ),
                )
            )
            return ()
        after = end
    return periods


def _contacts(entry: Mapping[str, Any], where: str, problems: list[Problem]) -> tuple[Contact, ...]:
    """A member's `contacts`: a list of e-mail addresses, each one checked."""
    raw = entry.get("contacts")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        problems.append(
            Problem(
                where,
                fact(
                    N_(
                        "contacts must be a list of addresses in quotes, "
                        "e.g. [{example}], got {value}"
                    ),
                    example=f'"{ADDRESS_EXAMPLE}"',
                    value=describe(raw),
                ),
            )
        )
        return ()
    found: list[Contact] = []
    for number, text in enumerate(raw, start=1):
        control = CONTROL.search(text)
        parsed = None if control else email_address(text)
        if control is not None:
            problems.append(
                Problem(
                    where,
                    fact(
                        N_("contacts[{number}] contains a control character ({code})"),
                        number=number,
                        code=f"U+{ord(control[0]):04X}",
                    ),
                )
            )
        elif parsed is None:
            problems.append(Problem(where, not_an_address(f"contacts[{number}]", text)))
        else:
            found.append(Contact(*parsed))
    return tuple(found)


# The keys of a meeting taken as declared, in the order their problems are listed.
_TAKEN = tuple(
    MEETINGS[key]
    for key in ("host", "venue", "title", "notes", "description", "uid", "duration_minutes")
)


def meetings(raw: object, ids: list[str], today: dt.date, problems: list[Problem]) -> list[Meeting]:
    """The [[meetings]] tables, in the file's order; `today` decides a meeting's default status."""
    entries = array_of_tables(raw, "meetings", problems)
    members = set(ids)  # looked up once per meeting: a list would make this members x meetings
    found: list[Meeting] = []
    uids: dict[str, int] = {}
    statuses = by_value(Status)
    for number, entry in enumerate(entries, start=1):
        where = f"meetings[{number}]"
        day, month_only, time = _meeting_date(entry.get("date"), where, problems)
        if day is not None:
            # The place as the file writes it (ISO dates), in every language: a coordinator
            # searches the file for it.
            where += f" ({month_text(day)})" if month_only else f" ({day})"
        unknown_keys(entry, MEETINGS.known, where, problems)
        take = Taker(entry, where, problems)
        host, venue, title, notes, description, uid, duration = map(take.key, _TAKEN)
        status_text = take.key(MEETINGS["status"])
        attended = _attended(entry, where, ids, problems)
        agenda = _agenda(entry.get("agenda"), where, members, ids, problems)
        checked = [rules.check_host(host, members, ids, where) if host is not None else None]
        if status_text is None:
            status = rules.default_status(day, month_only, today)
        else:
            status = statuses[status_text]
        if day is None and "date" not in entry:
            checked.append(rules.check_dated(status, where))
        if day is not None:
            checked.append(rules.check_in_calendar(day, where))
        if uid is not None:
            checked.append(rules.check_uid(uid, number, uids, where))
        problems.extend(p for p in checked if p is not None)
        if host is not None:
            found.append(
                Meeting(
                    position=number,
                    host=host,
                    status=status,
                    date=day,
                    month_only=month_only,
                    time=time,
                    venue=venue,
                    title=title,
                    notes=notes,
                    description=description,
                    uid=uid,
                    duration_minutes=duration,
                    attended=attended,
                    agenda=agenda,
                )
            )
    return found


def _agenda(
    raw: object, where: str, members: set[str], ids: list[str], problems: list[Problem]
) -> tuple[AgendaItem, ...]:
    """A meeting's `[[meetings.agenda]]` tables, in order: `meetings[3] (2027-04-07) agenda[2]`."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        problems.append(
            Problem(
                where,
                fact(
                    N_(
                        "agenda must be [[meetings.agenda]] tables below the meeting's keys, "
                        "one per item, got {value}"
                    ),
                    value=describe(raw),
                ),
            )
        )
        return ()
    found: list[AgendaItem] = []
    for number, entry in enumerate(raw, start=1):
        place = f"{where} agenda[{number}]"
        unknown_keys(entry, AGENDA.known, place, problems)
        values = Taker(entry, place, problems).keys(AGENDA)
        by = _by(values["by"], place, members, ids, problems)
        if values["topic"] is not None:
            found.append(AgendaItem(values["topic"], by=by, minutes=values["minutes"]))
    return tuple(found)


def topics(raw: object, ids: list[str], problems: list[Problem]) -> list[Topic]:
    """The [[topics]] tables: the topics proposed and not yet on an agenda, in the file's order."""
    entries = array_of_tables(raw, "topics", problems)
    members = set(ids)
    found: list[Topic] = []
    for number, entry in enumerate(entries, start=1):
        where = f"topics[{number}]"
        unknown_keys(entry, TOPICS.known, where, problems)
        values = Taker(entry, where, problems).keys(TOPICS)
        by = _by(values["by"], where, members, ids, problems)
        if values["topic"] is not None:
            found.append(Topic(values["topic"], by=by, proposed=values["proposed"]))
    return found


def _by(
    by: str | None, where: str, members: set[str], ids: list[str], problems: list[Problem]
) -> str | None:
    """An item's or a topic's `by`: a member's id, else a problem with the id it is likely a
    typo for, or the members."""
    if by is None or by in members:
        return by
    close = closest(by, ids)
    if close is not None:
        what = fact(
            N_('by: "{id}" is not a member; did you mean {close}?'), id=shown(by), close=close
        )
    elif ids:
        what = fact(N_('by: "{id}" is not a member (members: {ids})'), id=shown(by), ids=ids)
    else:
        what = fact(N_('by: "{id}" is not a member (members: none yet)'), id=shown(by))
    problems.append(Problem(where, what))
    return None


def _attended(
    entry: Mapping[str, Any], where: str, ids: list[str], problems: list[Problem]
) -> tuple[str, ...] | None:
    """A meeting's `attended`: the ids of members, each once."""
    if "attended" not in entry:
        return None
    raw = entry["attended"]
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        problems.append(
            Problem(
                where,
                fact(
                    N_('attended must be a list of member ids in quotes, e.g. ["HEF", "WAK"]'),
                ),
            )
        )
        return None
    found: list[str] = []
    for item in raw:
        if item not in ids:
            problems.append(Problem(where, not_attending(shown(item), ids)))
        elif item in found:
            problems.append(Problem(where, fact(N_("attended names {id} twice"), id=item)))
        else:
            found.append(item)
    return tuple(found)


def _meeting_date(
    value: object, where: str, problems: list[Problem]
) -> tuple[dt.date | None, bool, dt.time | None]:
    """A meeting's `date`: a local date or date-time, or "YYYY-MM" when only the month is known."""
    if value is None:
        return None, False, None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            problems.append(
                Problem(
                    where,
                    fact(
                        N_(
                            "date {value} has a UTC offset; write the local time without one "
                            "(the network's timezone applies), e.g. 2025-04-02T10:00:00"
                        ),
                        value=value.isoformat(),
                    ),
                )
            )
            return None, False, None
        return value.date(), False, value.time()
    if isinstance(value, dt.date):
        return value, False, None
    if isinstance(value, str):
        match = _MONTH.fullmatch(value.strip())
        if match and int(match[1]) >= 1 and 1 <= int(match[2]) <= 12:
            return dt.date(int(match[1]), int(match[2]), 1), True, None
        problems.append(
            Problem(
                where,
                fact(
                    N_(
                        "date {value} is neither a date (2024-11-06, without quotes), "
                        'a date-time (2024-11-06T10:00:00) nor a month ("2024-04")'
                    ),
                    value=repr(value),
                ),
            )
        )
        return None, False, None
    problems.append(
        Problem(
            where,
            fact(N_("date must be a date like 2024-11-06, got {value}"), value=describe(value)),
        )
    )
    return None, False, None
