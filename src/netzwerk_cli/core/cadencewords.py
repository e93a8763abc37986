"""A cadence in words, German or English, to the RFC 5545 rule the file holds.

Pure: text in, a rule (or a `Message` for people) out. "jeden 2. Dienstag im März, Juli und
November" and "every second Tuesday in March, July and November" both give
`FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU`; "alle drei Monate am ersten Mittwoch" gives
`FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE`. `core.cadencereading` reads the words (in either language);
this module makes the rule of what they said; `core.cadence` says a rule the other way round.

What it does not understand it names, with an example (`CadenceWordsError`). What it could read two
ways ("every second Tuesday": of the month, or every other week?) it asks about instead of
guessing.

`CadenceWordsError` lives in `core.cadencereading`, which raises it first; a caller catches it
from there (this module imports that one, not the other way round).
"""

from __future__ import annotations

from netzwerk_cli.core.cadencereading import CadenceWordsError, Reading, read_words, with_example
from netzwerk_cli.core.rrules import WEEKDAY_CODES
from netzwerk_cli.message import N_, fact

_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def rule_from_words(text: str) -> str:
    """The RFC 5545 rule (without `RRULE:`) that `text` says; `CadenceWordsError` if it cannot."""
    return _rule(read_words(text))


def _rule(reading: Reading) -> str:
    """The rule of what was read, in the form the file's examples use."""
    ordinal = [d for d in reading.days if d[0] is not None]
    plain = [d for d in reading.days if d[0] is None]
    if ordinal and plain:
        raise CadenceWordsError(
            with_example(N_("say for every weekday which one of the month, or for none."))
        )
    if reading.days and reading.month_days:
        raise CadenceWordsError(with_example(N_("say a weekday or a day of the month, not both.")))
    if not reading.days and not reading.month_days:
        raise CadenceWordsError(with_example(N_("say on which day, e.g. on the first Wednesday.")))
    frequency = reading.frequency
    if frequency is None:
        if plain and not reading.every:
            raise CadenceWordsError(with_example(N_("say how often, e.g. every Monday.")))
        if ordinal and not reading.every and not reading.months:
            # "am 2. Dienstag": of the month (the months, if any, say it too).
            frequency = "MONTHLY"
        elif ordinal and reading.every and not reading.months:
            # "jeden zweiten Dienstag": the 2nd of the month, or every other week?
            raise CadenceWordsError(
                fact(
                    N_(
                        'this can be read two ways: say "every second Tuesday of the month" '
                        'or "every two weeks on Tuesday"'
                    )
                )
            )
        else:
            frequency = "WEEKLY" if plain else "MONTHLY"
    if frequency == "WEEKLY" and (ordinal or reading.month_days):
        raise CadenceWordsError(
            with_example(
                N_("a weekly cadence takes weekdays only, e.g. every two weeks on Monday.")
            )
        )
    if frequency in ("MONTHLY", "YEARLY") and plain:
        raise CadenceWordsError(
            with_example(
                N_("say which weekday of the month, e.g. the first or the last Wednesday.")
            )
        )
    if frequency == "YEARLY" and not reading.months:
        raise CadenceWordsError(
            with_example(N_("say in which months, e.g. in March and November."))
        )
    interval = reading.interval
    months = sorted(set(reading.months))
    if frequency == "MONTHLY" and interval > 1 and months:
        # "alle zwei Monate im März": whether March is among the months the rule counts depends
        # on the day it counts from; it may never be.
        raise CadenceWordsError(
            with_example(
                N_(
                    "say either the months or every how many months, not both (e.g. every three "
                    "months from March)."
                )
            )
        )
    if reading.start_month is not None:
        if reading.months or frequency != "MONTHLY" or 12 % interval:
            raise CadenceWordsError(
                with_example(N_("from a month works for every 1, 2, 3, 4 or 6 months only."))
            )
        months = sorted(
            (reading.start_month - 1 + k * interval) % 12 + 1 for k in range(12 // interval)
        )
        interval = 1
    if reading.month_days and months:
        longest = max(_LONGEST_MONTH[m - 1] for m in months)
        if min(reading.month_days) > longest:
            raise CadenceWordsError(
                fact(N_("none of these months has a day {day}"), day=min(reading.month_days))
            )
    if frequency == "YEARLY" and interval == 1:
        frequency = "MONTHLY"  # the same dates, in the form the file's examples use
    parts = [f"FREQ={frequency}"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if months and months != list(range(1, 13)):
        parts.append("BYMONTH=" + ",".join(str(m) for m in months))
    if reading.month_days:
        parts.append("BYMONTHDAY=" + ",".join(str(d) for d in sorted(set(reading.month_days))))
    if reading.days:
        days = sorted(set(reading.days), key=lambda d: (d[1], d[0] or 0))
        parts.append("BYDAY=" + ",".join(f"{n or ''}{WEEKDAY_CODES[w]}" for n, w in days))
    return ";".join(parts)


def looks_like_a_rule(text: str) -> bool:
    """Whether `text` is written as an RFC 5545 rule (FREQ=...) rather than in words."""
    return "=" in text
