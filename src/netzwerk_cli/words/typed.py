"""Dates and times as people type them on the command line, in either language.

A day is read as ISO 8601 (2027-04-07, also 2027-4-7) or as Germans write it (07.04.2027,
7.4.2027); a month as 2027-04 or 04.2027 (4.2027); a time as 10:00, 10.00, 10 Uhr or 10:00 Uhr;
a day with a time as "07.04.2027 10:00", "2027-04-07 10:00" or "2027-04-07T10:00"; where a bound
is asked (`--since`, `--until`), a month stands for its first or last day. Both forms are
read whatever the reader's language is: a German reader pastes ISO dates from the file, an English
one copies 07.04.2027 from a German letter.

Refused, each with a sentence that says why (a `Message`, said in the reader's language by the
command layer):
- a day that does not exist (31.02.2027, 2027-02-31): "there is no 31 February 2027", not "not a
  date in the form ...";
- a two-digit year (7.4.27): never guessed, since a wrong century would be written into the file;
  the message shows the four-digit form to type;
- a day without its year (7.4.), a month where a day is asked, a time where only a day is asked;
- day-first forms with slashes (04/07/2027): they mean 4 July or 7 April depending on the writer.

Pure: no clock, no language; nothing here knows what today is.
"""

from __future__ import annotations

import datetime as dt
import re

from netzwerk_cli.message import MONTH_NAMES, N_, Message, fact

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_GERMAN_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SHORT_YEAR = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2})")
_NO_YEAR = re.compile(r"(\d{1,2})\.(\d{1,2})\.?")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_GERMAN_MONTH = re.compile(r"(\d{1,2})\.(\d{4})")
_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2})(?::(\d{2}))?)?(?:\s*Uhr)?", re.IGNORECASE)
# A day and a time: "2027-04-07T10:00", "07.04.2027 10:00", "07.04.2027, 10:00 Uhr".
_DAY_AND_TIME = re.compile(r"(\S+?)(?:T|,?\s+)(\d.*)")


NOT_A_DAY = N_('"{value}" is not a date; write it as 2027-04-07 or 07.04.2027')
NOT_A_DAY_OR_TIME = N_(
    '"{value}" is not a date; write it as 2027-04-07 or 07.04.2027, with a time as '
    '"07.04.2027 10:00"'
)
A_MONTH_NOT_A_DAY = N_(
    '"{value}" is a month, not a day; write the day, e.g. 2027-04-07 or 07.04.2027'
)


class TypedValueError(ValueError):
    """What a person typed is no value of the kind asked for; `text` says why."""

    def __init__(self, text: Message) -> None:
        super().__init__(text.msgid)
        self.text = text


def typed_day(text: str) -> dt.date:
    """A day: 2027-04-07, 2027-4-7, 07.04.2027 or 7.4.2027."""
    value = text.strip()
    day = _day(value)
    if day is not None:
        return day
    if _ISO_MONTH.fullmatch(value) or _GERMAN_MONTH.fullmatch(value):
        raise TypedValueError(fact(A_MONTH_NOT_A_DAY, value=value))
    parts = _split_day_and_time(value)
    if parts is not None and _day(parts[0]) is not None:
        raise TypedValueError(
            fact(N_('"{value}": only a day is asked here, without a time'), value=value)
        )
    raise TypedValueError(fact(NOT_A_DAY, value=value))


def typed_bound(text: str, *, last: bool) -> dt.date:
    """A day, or a month for its first day (or with `last`, its last day): `--since 04.2027` is
    from 1 April, `--until 04.2027` up to 30 April."""
    value = text.strip()
    if _ISO_MONTH.fullmatch(value) or _GERMAN_MONTH.fullmatch(value):
        first = typed_month(value)
        return first.replace(day=_days_in(first.year, first.month)) if last else first
    return typed_day(value)


def typed_day_and_time(text: str) -> tuple[dt.date, dt.time | None]:
    """A day, or a day with a time: "07.04.2027 10:00", "2027-04-07T10:00", "7.4.2027 10.00"."""
    value = text.strip()
    day = _day(value)
    if day is not None:
        return day, None
    parts = _split_day_and_time(value)
    if parts is not None:
        day = _day(parts[0])
        if day is not None:
            return day, typed_time(parts[1])
    if _ISO_MONTH.fullmatch(value) or _GERMAN_MONTH.fullmatch(value):
        raise TypedValueError(fact(A_MONTH_NOT_A_DAY, value=value))
    raise TypedValueError(fact(NOT_A_DAY_OR_TIME, value=value))


def typed_month(text: str) -> dt.date:
    """A month, as its first day: 2027-04, 04.2027 or 4.2027."""
    value = text.strip()
    match = _ISO_MONTH.fullmatch(value)
    if match is not None:
        return _month(value, int(match[1]), int(match[2]))
    match = _GERMAN_MONTH.fullmatch(value)
    if match is not None:
        return _month(value, int(match[2]), int(match[1]))
    raise TypedValueError(
        fact(N_('"{value}" is not a month; write it as 2027-04 or 04.2027'), value=value)
    )


def typed_time(text: str) -> dt.time:
    """A time of day: 10:00, 9:30, 10.00, 10 Uhr, 10:00 Uhr (and 10:00:00, as the file has it)."""
    value = text.strip()
    match = _TIME.fullmatch(value)
    # A bare number ("10") is no time: it may be minutes or a day.
    if match is None or (match[2] is None and "uhr" not in value.lower()):
        raise TypedValueError(
            fact(N_('"{value}" is not a time; write it as 10:00 or 10.00'), value=value)
        )
    hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    if hour <= 23 and minute <= 59 and 0 < second <= 59:
        raise TypedValueError(
            fact(
                N_("{value}: a meeting starts on a minute; write the time without seconds"),
                value=value,
            )
        )
    if hour > 23 or minute > 59 or second != 0:
        raise TypedValueError(
            fact(
                N_("there is no time {value} (hours 0 to 23, minutes 0 to 59)"),
                value=value,
            )
        )
    return dt.time(hour, minute)


def month_name(month: int) -> Message:
    """The name of a month (1 to 12), to be said in the reader's language."""
    return fact(MONTH_NAMES[month - 1])


def _day(value: str) -> dt.date | None:
    """The day `value` names, None if it is written in no form of a day; a `TypedValueError` if it
    is written as a day that cannot be (31.02.2027) or leaves its year out or short."""
    match = _ISO_DAY.fullmatch(value)
    if match is not None:
        return _existing_day(value, int(match[1]), int(match[2]), int(match[3]))
    match = _GERMAN_DAY.fullmatch(value)
    if match is not None:
        return _existing_day(value, int(match[3]), int(match[2]), int(match[1]))
    match = _SHORT_YEAR.fullmatch(value)
    if match is not None:
        # Never guessed: 1.1.99 may mean 1999 (a member's joining) or 2099.
        example = f"{int(match[1]):02d}.{int(match[2]):02d}.20{match[3]}"
        raise TypedValueError(
            fact(
                N_('"{value}": write the year with four digits, e.g. {example}'),
                value=value,
                example=example,
            )
        )
    if _NO_YEAR.fullmatch(value):
        raise TypedValueError(
            fact(N_('"{value}": the year is missing; write e.g. 07.04.2027'), value=value)
        )
    return None


def _existing_day(value: str, year: int, month: int, day: int) -> dt.date:
    if year < 1:
        raise TypedValueError(fact(NOT_A_DAY, value=value))
    if not 1 <= month <= 12:
        raise TypedValueError(_no_month(value, month))
    days = _days_in(year, month)
    if not 1 <= day <= days:
        name = month_name(month)
        raise TypedValueError(
            fact(
                N_("there is no {day} {month} {year} ({month} {year} has {days} days)"),
                day=day,
                month=name,
                year=year,
                days=days,
            )
        )
    return dt.date(year, month, day)


def _days_in(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


def _month(value: str, year: int, month: int) -> dt.date:
    if year < 1:
        raise TypedValueError(
            fact(N_('"{value}" is not a month; write it as 2027-04 or 04.2027'), value=value)
        )
    if not 1 <= month <= 12:
        raise TypedValueError(_no_month(value, month))
    return dt.date(year, month, 1)


def _no_month(value: str, month: int) -> Message:
    return fact(
        N_('"{value}": there is no month {month} (the months are 1 to 12)'),
        value=value,
        month=month,
    )


def _split_day_and_time(value: str) -> tuple[str, str] | None:
    match = _DAY_AND_TIME.fullmatch(value)
    return (match[1], match[2]) if match is not None else None
