"""A cadence in words, German or English, to the RFC 5545 rule the file holds.

Pure: text in, a rule (or a `Message` for people) out. "jeden 2. Dienstag im März, Juli und
November" and "every second Tuesday in March, July and November" both give
`FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU`; "alle drei Monate am ersten Mittwoch" gives
`FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE`. The words of both languages are understood in any phrase, so
no language is chosen first; `core.cadence` says a rule the other way round.

What it does not understand it names, with an example (`CadenceWordsError`). What it could read two
ways ("every second Tuesday": of the month, or every other week?) it asks about instead of
guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netzwerk_cli.core.rrules import WEEKDAY_CODES
from netzwerk_cli.message import N_, Message, fact


class CadenceWordsError(ValueError):
    """The words are no cadence this parser understands; `why` says what and gives an example."""

    def __init__(self, why: Message) -> None:
        super().__init__(why.msgid)
        self.why = why


def _forms(*groups: tuple[int, str]) -> dict[str, int]:
    return {word: value for value, words in groups for word in words.split()}


_WEEKDAYS = _forms(
    (0, "montag montags mo mo. mon monday mondays"),
    (1, "dienstag dienstags di di. tue tues tuesday tuesdays"),
    (2, "mittwoch mittwochs mi mi. wed weds wednesday wednesdays"),
    (3, "donnerstag donnerstags do do. thu thur thurs thursday thursdays"),
    (4, "freitag freitags fr fr. fri friday fridays"),
    (5, "samstag samstags sonnabend sonnabends sa sa. sat saturday saturdays"),
    (6, "sonntag sonntags so so. sun sunday sundays"),
)
_MONTHS = _forms(
    (1, "januar jänner jan jan. january"),
    (2, "februar feb feb. february"),
    (3, "märz maerz marz mär mär. mrz mrz. mar mar. march"),
    (4, "april apr apr."),
    (5, "mai may"),
    (6, "juni jun jun. june"),
    (7, "juli jul jul. july"),
    (8, "august aug aug."),
    (9, "september sep sep. sept sept."),
    (10, "oktober okt okt. october oct oct."),
    (11, "november nov nov."),
    (12, "dezember dez dez. december dec dec."),
)
_NUMBERS = _forms(
    (1, "ein eine einen einem one"),
    (2, "zwei two"),
    (3, "drei three"),
    (4, "vier four"),
    (5, "fünf fuenf five"),
    (6, "sechs six"),
    (7, "sieben seven"),
    (8, "acht eight"),
    (9, "neun nine"),
    (10, "zehn ten"),
    (11, "elf eleven"),
    (12, "zwölf zwoelf twelve"),
)
_ORDINALS = _forms(
    (1, "erste ersten erster erstes first"),
    (2, "zweite zweiten zweiter zweites second other"),
    (3, "dritte dritten dritter drittes third"),
    (4, "vierte vierten vierter viertes fourth"),
    (5, "fünfte fünften fünfter fuenfte fuenften fifth"),
    (-1, "letzte letzten letzter letztes last"),
    (-2, "vorletzte vorletzten vorletzter zweitletzte zweitletzten penultimate"),
)
_FREQUENCY_WORDS = {
    "woche": "WEEKLY",
    "wochen": "WEEKLY",
    "week": "WEEKLY",
    "weeks": "WEEKLY",
    "monat": "MONTHLY",
    "monate": "MONTHLY",
    "monats": "MONTHLY",
    "monaten": "MONTHLY",
    "month": "MONTHLY",
    "months": "MONTHLY",
    "jahr": "YEARLY",
    "jahre": "YEARLY",
    "jahres": "YEARLY",
    "jahren": "YEARLY",
    "year": "YEARLY",
    "years": "YEARLY",
}
_DAY_WORDS = {"tag", "tage", "tagen", "day", "days"}
# Adverbs: a frequency and its interval in one word.
_ADVERBS = {
    "wöchentlich": ("WEEKLY", 1),
    "weekly": ("WEEKLY", 1),
    "zweiwöchentlich": ("WEEKLY", 2),
    "vierzehntägig": ("WEEKLY", 2),
    "vierzehntäglich": ("WEEKLY", 2),
    "biweekly": ("WEEKLY", 2),
    "fortnightly": ("WEEKLY", 2),
    "monatlich": ("MONTHLY", 1),
    "monthly": ("MONTHLY", 1),
    "zweimonatlich": ("MONTHLY", 2),
    "vierteljährlich": ("MONTHLY", 3),
    "quartalsweise": ("MONTHLY", 3),
    "quarterly": ("MONTHLY", 3),
    "halbjährlich": ("MONTHLY", 6),
    "jährlich": ("YEARLY", 1),
    "yearly": ("YEARLY", 1),
    "annually": ("YEARLY", 1),
}
_EVERY = {"jeden", "jede", "jeder", "jedes", "jedem", "every", "each", "alle", "aller"}
_FROM = {"ab", "from", "starting", "beginning", "beginnend", "beginnt"}
_FILLERS = {
    "am",
    "an",
    "im",
    "in",
    "den",
    "dem",
    "der",
    "des",
    "die",
    "das",
    "und",
    "sowie",
    "jeweils",
    "immer",
    "the",
    "on",
    "of",
    "a",
    "and",
    "at",
    "to",
    "s",  # the "'s" of "month's", split off at the apostrophe
    "mal",
    "time",
    "times",
    "with",
    "&",
    "+",
    "einmal",
    "once",
}
_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TOKEN = re.compile(r"[0-9]+(?:st|nd|rd|th|\.)?|[^\W\d_]+\.?|[&+]", re.IGNORECASE)
# A time of day in the words: 10:00, 9.30 Uhr, 10 Uhr, 10 am, 3pm, at 10.
_TIME = re.compile(
    r"\b[0-9]{1,2}[:.][0-9]{2}\b(?!\.)|\b[0-9]{1,2}\s*(?:uhr|am|pm|h)\b|\b(?:um|at)\s+[0-9]{1,2}\b",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(r"\b([0-9]{1,2})\.(0?[1-9]|1[0-2])\.(?![0-9])")
_MONTH_WORDS = [
    *("januar", "februar", "märz", "april", "mai", "juni"),
    *("juli", "august", "september", "oktober", "november", "dezember"),
]
_NUMBERED = re.compile(r"([0-9]+)(st|nd|rd|th|\.)?", re.IGNORECASE)


@dataclass
class _Reading:
    """What the words said so far."""

    frequency: str | None = None
    interval: int = 1
    every: bool = False  # "jeden", "every": a plain weekday then means every week
    days: list[tuple[int | None, int]] = field(default_factory=list)  # (ordinal, weekday)
    month_days: list[int] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    start_month: int | None = None
    interval_said: bool = False


def rule_from_words(text: str) -> str:
    """The RFC 5545 rule (without `RRULE:`) that `text` says; `CadenceWordsError` if it cannot."""
    if _TIME.search(text):
        raise CadenceWordsError(
            fact(N_("give the time of day apart, e.g. with --time 10:00, not in the words"))
        )
    # A day as Germans write it, 15.03.: the 15th of March. A rule gives the same days in each of
    # its months, so 15.03. and 01.09. cannot be one.
    dated = {(int(m[1]), int(m[2])) for m in _DAY_MONTH.finditer(text)}
    if len({d for d, _ in dated}) > 1 and len({m for _, m in dated}) > 1:
        raise CadenceWordsError(
            fact(
                N_(
                    'a cadence has the same days in each of its months: say e.g. "on the 15th '
                    'in March and September", or set the dates with `netzwerk plan`'
                )
            )
        )
    text = _DAY_MONTH.sub(lambda m: f"{m[1]}. {_MONTH_WORDS[int(m[2]) - 1]} ", text)
    found = _TOKEN.findall(text)
    tokens = [t.lower() for t in found]
    unknown = [t for t in found if _kind(t.lower()) is None]
    if unknown:
        raise CadenceWordsError(
            fact(
                N_(
                    'not understood: {words}. Say when the network meets like this: "every '
                    'second Tuesday in March, July and November", "every three months on the '
                    'first Wednesday", "every two weeks on Monday"'
                ),
                words=[f'"{word}"' for word in dict.fromkeys(unknown)],
            )
        )
    if not tokens:
        raise CadenceWordsError(_example(N_("no words were given.")))
    return _rule(_read(tokens))


def _kind(token: str) -> str | None:
    """The kind of a token, or None for a word no cadence has."""
    if _NUMBERED.fullmatch(token):
        return "number"
    for kind, table in (
        ("weekday", _WEEKDAYS),
        ("month", _MONTHS),
        ("number", _NUMBERS),
        ("ordinal", _ORDINALS),
        ("frequency", _FREQUENCY_WORDS),
        ("adverb", _ADVERBS),
    ):
        if token in table or token.rstrip(".") in table:
            return kind
    bare = token.rstrip(".")
    if bare in _DAY_WORDS:
        return "days"
    if bare in _EVERY:
        return "every"
    if bare in _FROM:
        return "from"
    if bare in _FILLERS or token in _FILLERS:
        return "filler"
    return None


def _look(table: dict[str, int], token: str) -> int:
    return table[token] if token in table else table[token.rstrip(".")]


def _read(tokens: list[str]) -> _Reading:
    """The parts of the phrase: frequency and interval, days, months."""
    reading = _Reading()
    groups: list[str] = []  # "D" for days, "M" for months, in the order the phrase says them
    day_groups: list[set[object]] = []  # the days of each "D"
    at = 0
    while at < len(tokens):
        said_days = len(reading.days) + len(reading.month_days)
        said_months = len(reading.months)
        token = tokens[at]
        kind = _kind(token)
        following = _next_meaningful(tokens, at + 1)
        after = _kind(tokens[following]) if following is not None else None
        if kind == "every":
            reading.every = True
        elif kind == "adverb":
            frequency, interval = _ADVERBS[token.rstrip(".")]
            _set_frequency(reading, frequency, interval)
        elif kind == "frequency":
            _set_frequency(reading, _FREQUENCY_WORDS[token.rstrip(".")], None)
        elif kind == "from":
            if following is None or after != "month":
                raise CadenceWordsError(_example(N_("say from which month, e.g. from March.")))
            reading.start_month = _look(_MONTHS, tokens[following])
            at = following
        elif kind == "month":
            reading.months.append(_look(_MONTHS, token))
        elif kind == "weekday":
            reading.days.append((None, _look(_WEEKDAYS, token)))
        elif kind in ("number", "ordinal"):
            at = _read_number(reading, tokens, at, following)
        elif kind == "days":
            raise CadenceWordsError(_example(N_("say the days as weeks, e.g. every two weeks.")))
        new_days = [*reading.days, *reading.month_days][said_days:]
        if new_days:
            if groups[-1:] != ["D"]:
                groups.append("D")
                day_groups.append(set())
            day_groups[-1].update(new_days)
        if len(reading.months) > said_months and groups[-1:] != ["M"]:
            groups.append("M")
        at += 1
    # "the 1st Thursday in October and the 3rd Thursday in May": each day has its own months,
    # which one rule cannot say (it would meet on both days in both months). The same days
    # again ("15.03. und 15.09.") are one rule.
    if "M" in groups and any(days != day_groups[0] for days in day_groups):
        raise CadenceWordsError(
            fact(
                N_(
                    'a cadence has the same days in each of its months: say e.g. "on the 15th '
                    'in March and September", or set the dates with `netzwerk plan`'
                )
            )
        )
    return reading


def _read_number(reading: _Reading, tokens: list[str], at: int, following: int | None) -> int:
    """Read a number or ordinal at `at`; the index of the last token it took."""
    token = tokens[at]
    numbered = _NUMBERED.fullmatch(token)
    if numbered is not None:
        value = int(numbered[1])
    elif _kind(token) == "ordinal":
        value = _look(_ORDINALS, token)
    else:
        value = _look(_NUMBERS, token)
    after = _kind(tokens[following]) if following is not None else None
    # "second last", "zweit letzten": the second from the end.
    if after == "ordinal" and following is not None and _look(_ORDINALS, tokens[following]) == -1:
        if value < 1:
            raise CadenceWordsError(_example(N_("say which day of the week, e.g. last Thursday.")))
        value, at = -value, following
        following = _next_meaningful(tokens, at + 1)
        after = _kind(tokens[following]) if following is not None else None
    if after == "weekday" and following is not None:
        if value == 0 or abs(value) > 5:
            raise CadenceWordsError(
                fact(
                    N_("a month has five of a weekday at most: say 1 to 5 or last, not {number}"),
                    number=value,
                )
            )
        reading.days.append((value, _look(_WEEKDAYS, tokens[following])))
        return following
    if after == "frequency" and following is not None:
        if value < 1:
            raise CadenceWordsError(_example(N_("say how often as a number, e.g. every 2 weeks.")))
        _set_frequency(reading, _FREQUENCY_WORDS[tokens[following].rstrip(".")], value)
        return following
    if after == "days" and following is not None:
        if value < 1 or value % 7:
            raise CadenceWordsError(_example(N_("say the days as weeks, e.g. every two weeks.")))
        _set_frequency(reading, "WEEKLY", value // 7)
        return following
    if numbered is not None and 1 <= value <= 31:
        reading.month_days.append(value)
        return at
    raise CadenceWordsError(
        fact(
            N_("{word} must stand before a weekday (the 2nd Tuesday) or a period (every 2 weeks)"),
            word=f'"{token}"',
        )
    )


def _next_meaningful(tokens: list[str], at: int) -> int | None:
    """The index of the next token that is not a filler word."""
    while at < len(tokens):
        if _kind(tokens[at]) != "filler":
            return at
        at += 1
    return None


def _set_frequency(reading: _Reading, frequency: str, interval: int | None) -> None:
    # "im Monat" after "alle drei Monate" repeats the period; another period is a contradiction.
    if reading.frequency is not None and (
        reading.frequency != frequency
        or (interval is not None and reading.interval_said and interval != reading.interval)
    ):
        raise CadenceWordsError(_example(N_("say one period only (weeks, months or years).")))
    reading.frequency = frequency
    if interval is not None:
        reading.interval = interval
        reading.interval_said = True


def _rule(reading: _Reading) -> str:
    """The rule of what was read, in the form the file's examples use."""
    ordinal = [d for d in reading.days if d[0] is not None]
    plain = [d for d in reading.days if d[0] is None]
    if ordinal and plain:
        raise CadenceWordsError(
            _example(N_("say for every weekday which one of the month, or for none."))
        )
    if reading.days and reading.month_days:
        raise CadenceWordsError(_example(N_("say a weekday or a day of the month, not both.")))
    if not reading.days and not reading.month_days:
        raise CadenceWordsError(_example(N_("say on which day, e.g. on the first Wednesday.")))
    frequency = reading.frequency
    if frequency is None:
        if plain and not reading.every:
            raise CadenceWordsError(_example(N_("say how often, e.g. every Monday.")))
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
            _example(N_("a weekly cadence takes weekdays only, e.g. every two weeks on Monday."))
        )
    if frequency in ("MONTHLY", "YEARLY") and plain:
        raise CadenceWordsError(
            _example(N_("say which weekday of the month, e.g. the first or the last Wednesday."))
        )
    if frequency == "YEARLY" and not reading.months:
        raise CadenceWordsError(_example(N_("say in which months, e.g. in March and November.")))
    interval = reading.interval
    months = sorted(set(reading.months))
    if frequency == "MONTHLY" and interval > 1 and months:
        # "alle zwei Monate im März": whether March is among the months the rule counts depends
        # on the day it counts from; it may never be.
        raise CadenceWordsError(
            _example(
                N_(
                    "say either the months or every how many months, not both (e.g. every three "
                    "months from March)."
                )
            )
        )
    if reading.start_month is not None:
        if reading.months or frequency != "MONTHLY" or 12 % interval:
            raise CadenceWordsError(
                _example(N_("from a month works for every 1, 2, 3, 4 or 6 months only."))
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


def _example(why: str) -> Message:
    return fact(
        N_(
            '{why} For example: "every second Tuesday in March, July and November", "every '
            'three months on the first Wednesday", "every two weeks on Monday"'
        ),
        why=fact(why),
    )


def looks_like_a_rule(text: str) -> bool:
    """Whether `text` is written as an RFC 5545 rule (FREQ=...) rather than in words."""
    return "=" in text
