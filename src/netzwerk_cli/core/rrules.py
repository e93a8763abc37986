"""The cadence's RFC 5545 rule: read, checked part by part in the reader's words, written in one
normal form, and its phase (the first date of an every-N rule on or after a day).

Pure: text and dates in, a dateutil rule or a `CadenceError` out. `core.schedule` lays the rule's
dates out; `core.cadencewords` writes a rule from words.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from netzwerk_cli.message import N_, Message, fact

if TYPE_CHECKING:
    from dateutil.rrule import rrule

_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# The German two-letter days, taken in a rule as a convenience and written as RFC 5545's.
GERMAN_WEEKDAY_CODES = {"DI": "TU", "MI": "WE", "DO": "TH", "SO": "SU"}
# The parts of a rule that dateutil reads (BYWEEKDAY and BYEASTER are its own), and those that
# hold whole numbers.
_PARTS = (
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYMONTH",
    "BYWEEKNO",
    "BYYEARDAY",
    "BYMONTHDAY",
    "BYDAY",
    "BYHOUR",
    "BYMINUTE",
    "BYSECOND",
    "BYSETPOS",
    "WKST",
    "BYWEEKDAY",
    "BYEASTER",
)
_NUMBER_PARTS = {p for p in _PARTS if p not in ("FREQ", "UNTIL", "BYDAY", "WKST", "BYWEEKDAY")}
# A weekday of BYDAY (with its optional number: 2TU, -1FR) or of WKST.
_WEEKDAY = re.compile(r"[+-]?[0-9]{0,2}(?:MO|TU|WE|TH|FR|SA|SU)")


class CadenceError(ValueError):
    """The cadence is not an RFC 5545 rule this tool can use; `why` says why."""

    def __init__(self, why: Message) -> None:
        super().__init__(why.msgid)
        self.why = why


def parse_cadence(text: str, *, dtstart: dt.date) -> rrule:
    """The cadence as a dateutil rule counting from `dtstart`; `CadenceError` if unusable."""
    from dateutil.rrule import rrule, rrulestr

    body = normalise_rule(text)
    if "DTSTART" in body.upper():
        raise CadenceError(fact(N_("give the start as cadence_start, not DTSTART inside the rule")))
    parts = _rule_parts(body)
    if parts.get("FREQ") not in _FREQUENCIES:
        raise CadenceError(fact(N_("FREQ must be one of {values}"), values=list(_FREQUENCIES)))
    if "\n" in body.strip():
        raise CadenceError(fact(N_("give one rule, not a set")))
    _check_parts(body)
    for name in ("BYDAY", "BYWEEKDAY", "WKST"):
        bad = [d for d in parts.get(name, "MO").split(",") if not _WEEKDAY.fullmatch(d.strip())]
        if bad:
            raise CadenceError(
                fact(
                    N_(
                        "{name}={value}: {bad} is no weekday; the weekdays are MO TU WE TH FR "
                        "SA SU (the German MO DI MI DO FR SA SO are taken too), with a number "
                        "before them for one of the month: 2TU, -1FR"
                    ),
                    name=name,
                    value=parts[name],
                    bad=bad[0] or '""',
                )
            )
    # dateutil takes INTERVAL=0, then loops for ever, and a negative one, then fails deep inside.
    interval = parts.get("INTERVAL")
    if interval is not None and re.fullmatch(r"[+-]?[0-9]+", interval) and int(interval) < 1:
        raise CadenceError(fact(N_("INTERVAL must be 1 or more, not {value}"), value=interval))
    try:
        rule = rrulestr(body, dtstart=dt.datetime.combine(dtstart, dt.time()))
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        # dateutil's own words (e.g. "unknown parameter name"), quoted as it says them.
        raise CadenceError(
            fact(N_("dateutil cannot read it: {why}"), why=str(exc) or type(exc).__name__)
        ) from None
    if not isinstance(rule, rrule):  # pragma: no cover - rrulestr gives an rruleset only for sets
        raise CadenceError(fact(N_("give one rule, not a set")))
    return rule


def _check_parts(body: str) -> None:
    """A `CadenceError` in the reader's words for a part that dateutil would refuse in English:
    one that is no NAME=VALUE, an unknown name, a number that is none."""
    for part in body.split(";"):
        name, equals, value = part.partition("=")
        if not equals:
            raise CadenceError(
                fact(
                    N_("{part} is not a part like NAME=VALUE (the parts are separated by ;)"),
                    part=repr(part),
                )
            )
        if name.upper() not in _PARTS:
            raise CadenceError(
                fact(
                    N_("{name} is not a part of a rule; the parts are {names}"),
                    name=name,
                    names=list(_PARTS[:14]),
                )
            )
        if name.upper() == "UNTIL" and not re.fullmatch(r"[0-9]{8}(T[0-9]{6}Z?)?", value.upper()):
            raise CadenceError(fact(N_("UNTIL={value} is not a date like 20301231"), value=value))
        if name.upper() in _NUMBER_PARTS:
            bad = [n for n in value.split(",") if not re.fullmatch(r"[+-]?[0-9]+", n)]
            if bad:
                raise CadenceError(
                    fact(
                        N_("{name}={value}: {bad} is not a whole number"),
                        name=name,
                        value=value,
                        bad=bad[0] or '""',
                    )
                )


def normalise_rule(text: str) -> str:
    """The rule without `RRULE:` and the spaces around it, its German two-letter days (DI, MI,
    DO, SO) written as RFC 5545's (TU, WE, TH, SU), without spaces around its parts and values and
    without empty parts (a trailing `;`); its other parts as written."""
    parts = []
    for part in _rule_body(text).split(";"):
        name, equals, value = part.partition("=")
        name, value = name.strip(), ",".join(item.strip() for item in value.split(","))
        if equals and name.upper() in ("BYDAY", "BYWEEKDAY", "WKST"):
            value = ",".join(_english_day(item) for item in value.split(","))
        if name or equals or value:
            parts.append(f"{name}{equals}{value}")
    return ";".join(parts)


def _english_day(item: str) -> str:
    match = re.fullmatch(r"\s*([+-]?[0-9]*)([A-Za-z]{2})\s*", item)
    if match is None:
        return item
    code = match[2].upper()
    return match[1] + GERMAN_WEEKDAY_CODES.get(code, code)


def rule_parts(text: str) -> dict[str, str]:
    """The rule's NAME=VALUE parts, in upper case, its German days as RFC 5545's."""
    return _rule_parts(normalise_rule(text))


def _rule_body(text: str) -> str:
    """The rule without the spaces around it and its optional `RRULE:` (in any case)."""
    body = text.strip()
    return body[len("RRULE:") :] if body.upper().startswith("RRULE:") else body


def _rule_parts(body: str) -> dict[str, str]:
    """The rule's NAME=VALUE parts, in upper case."""
    return dict(p.split("=", 1) for p in body.upper().split(";") if "=" in p)


def in_phase_start(cadence: str, *, dtstart: dt.date, begin: dt.date) -> dt.date:
    """A DTSTART as late as `begin` allows that gives the rule the same dates from `begin` on.

    A rule without COUNT repeats its pattern every INTERVAL days, weeks, months or years, counted
    from DTSTART; what it takes from DTSTART (the weekday, the day of the month, the month) stays
    the same when DTSTART moves by whole periods. So the search for the next date need not walk
    the weeks since a first meeting four centuries ago. A rule with COUNT counts from its first
    date and keeps `dtstart`; so do a monthly rule from the 29th on and a yearly one from
    29 February (a whole period later, that day may not exist).
    """
    parts = rule_parts(cadence)
    frequency = parts.get("FREQ")
    if "COUNT" in parts:
        return dtstart
    try:
        interval = int(parts.get("INTERVAL", "1"))
    except ValueError:
        return dtstart
    if interval < 1:
        return dtstart
    # One period less than fits: the rule's first period is cut at DTSTART (BYSETPOS counts only
    # the dates from there), so it must end before `begin`.
    if frequency in ("DAILY", "WEEKLY"):
        step = interval * (7 if frequency == "WEEKLY" else 1)
        periods = (begin - dtstart).days // step - 1
        return dtstart + dt.timedelta(days=max(periods, 0) * step)
    if dtstart.day > 28 or frequency not in ("MONTHLY", "YEARLY"):
        return dtstart
    months = interval * (12 if frequency == "YEARLY" else 1)
    elapsed = (begin.year - dtstart.year) * 12 + begin.month - dtstart.month
    if begin.day < dtstart.day:
        elapsed -= 1
    shift = max(elapsed // months - 1, 0) * months
    month = dtstart.month - 1 + shift
    return dtstart.replace(year=dtstart.year + month // 12, month=month % 12 + 1)
