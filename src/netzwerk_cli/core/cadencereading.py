"""A cadence in words read into what they say: the period, its interval, the days, the months.

Pure: text in, a `Reading` out. The words of both languages (`core.cadencelexicon`) are
understood in any phrase, so no language is chosen first. What it does not understand it names,
with an example (`CadenceWordsError`); `core.cadencewords` makes the rule of what it read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netzwerk_cli.core.cadencelexicon import (
    ADVERBS,
    FREQUENCY_WORDS,
    MONTHS,
    NUMBERED,
    NUMBERS,
    ORDINALS,
    WEEKDAYS,
    kind_of,
    value_in,
)
from netzwerk_cli.message import N_, Message, Typed, fact


class CadenceWordsError(ValueError):
    """The words are no cadence this parser understands; `why` says what and gives an example."""

    def __init__(self, why: Message) -> None:
        super().__init__(why.msgid)
        self.why = why


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


@dataclass
class Reading:
    """What the words said so far."""

    frequency: str | None = None
    interval: int = 1
    every: bool = False  # "jeden", "every": a plain weekday then means every week
    days: list[tuple[int | None, int]] = field(default_factory=list)  # (ordinal, weekday)
    month_days: list[int] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    start_month: int | None = None
    interval_said: bool = False


def read_words(text: str) -> Reading:
    """What `text` says of a cadence; `CadenceWordsError` for words no cadence has."""
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
    unknown = [t for t in found if kind_of(t.lower()) is None]
    if unknown:
        raise CadenceWordsError(
            fact(
                N_(
                    'not understood: {words}. Say when the network meets like this: "every '
                    'second Tuesday in March, July and November", "every three months on the '
                    'first Wednesday", "every two weeks on Monday"'
                ),
                words=[Typed(word, '"') for word in dict.fromkeys(unknown)],
            )
        )
    if not tokens:
        raise CadenceWordsError(with_example(N_("no words were given.")))
    return _read(tokens)


def _read(tokens: list[str]) -> Reading:
    """The parts of the phrase: frequency and interval, days, months."""
    reading = Reading()
    groups: list[str] = []  # "D" for days, "M" for months, in the order the phrase says them
    day_groups: list[set[object]] = []  # the days of each "D"
    at = 0
    while at < len(tokens):
        said_days = len(reading.days) + len(reading.month_days)
        said_months = len(reading.months)
        token = tokens[at]
        kind = kind_of(token)
        following = _next_meaningful(tokens, at + 1)
        after = kind_of(tokens[following]) if following is not None else None
        if kind == "every":
            reading.every = True
        elif kind == "adverb":
            frequency, interval = ADVERBS[token.rstrip(".")]
            _set_frequency(reading, frequency, interval)
        elif kind == "frequency":
            _set_frequency(reading, FREQUENCY_WORDS[token.rstrip(".")], None)
        elif kind == "from":
            if following is None or after != "month":
                raise CadenceWordsError(with_example(N_("say from which month, e.g. from March.")))
            reading.start_month = value_in(MONTHS, tokens[following])
            at = following
        elif kind == "month":
            reading.months.append(value_in(MONTHS, token))
        elif kind == "weekday":
            reading.days.append((None, value_in(WEEKDAYS, token)))
        elif kind in ("number", "ordinal"):
            at = _read_number(reading, tokens, at, following)
        elif kind == "days":
            raise CadenceWordsError(
                with_example(N_("say the days as weeks, e.g. every two weeks."))
            )
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


def _read_number(reading: Reading, tokens: list[str], at: int, following: int | None) -> int:
    """Read a number or ordinal at `at`; the index of the last token it took."""
    token = tokens[at]
    numbered = NUMBERED.fullmatch(token)
    if numbered is not None:
        value = int(numbered[1])
    elif kind_of(token) == "ordinal":
        value = value_in(ORDINALS, token)
    else:
        value = value_in(NUMBERS, token)
    after = kind_of(tokens[following]) if following is not None else None
    # "second last", "zweit letzten": the second from the end.
    if after == "ordinal" and following is not None and value_in(ORDINALS, tokens[following]) == -1:
        if value < 1:
            raise CadenceWordsError(
                with_example(N_("say which day of the week, e.g. last Thursday."))
            )
        value, at = -value, following
        following = _next_meaningful(tokens, at + 1)
        after = kind_of(tokens[following]) if following is not None else None
    if after == "weekday" and following is not None:
        if value == 0 or abs(value) > 5:
            raise CadenceWordsError(
                fact(
                    N_("a month has five of a weekday at most: say 1 to 5 or last, not {number}"),
                    number=value,
                )
            )
        reading.days.append((value, value_in(WEEKDAYS, tokens[following])))
        return following
    if after == "frequency" and following is not None:
        if value < 1:
            raise CadenceWordsError(
                with_example(N_("say how often as a number, e.g. every 2 weeks."))
            )
        _set_frequency(reading, FREQUENCY_WORDS[tokens[following].rstrip(".")], value)
        return following
    if after == "days" and following is not None:
        if value < 1 or value % 7:
            raise CadenceWordsError(
                with_example(N_("say the days as weeks, e.g. every two weeks."))
            )
        _set_frequency(reading, "WEEKLY", value // 7)
        return following
    if numbered is not None and 1 <= value <= 31:
        reading.month_days.append(value)
        return at
    raise CadenceWordsError(
        fact(
            N_("{word} must stand before a weekday (the 2nd Tuesday) or a period (every 2 weeks)"),
            word=Typed(token, '"'),
        )
    )


def _next_meaningful(tokens: list[str], at: int) -> int | None:
    """The index of the next token that is not a filler word."""
    while at < len(tokens):
        if kind_of(tokens[at]) != "filler":
            return at
        at += 1
    return None


def _set_frequency(reading: Reading, frequency: str, interval: int | None) -> None:
    # "im Monat" after "alle drei Monate" repeats the period; another period is a contradiction.
    if reading.frequency is not None and (
        reading.frequency != frequency
        or (interval is not None and reading.interval_said and interval != reading.interval)
    ):
        raise CadenceWordsError(with_example(N_("say one period only (weeks, months or years).")))
    reading.frequency = frequency
    if interval is not None:
        reading.interval = interval
        reading.interval_said = True


def with_example(why: str) -> Message:
    """`why` the words are no cadence, with three that are."""
    return fact(
        N_(
            '{why} For example: "every second Tuesday in March, July and November", "every '
            'three months on the first Wednesday", "every two weeks on Monday"'
        ),
        why=fact(why),
    )
