"""The words a cadence is said in, German and English alike, and the kind of each.

Pure tables: weekdays, months, numbers, ordinals, periods and the adverbs that say a period and
its interval in one word ("vierzehntägig", "quarterly"), the words that say "every" or "from",
and the fillers that say nothing a rule needs. `core.cadencereading` reads a phrase with them.
"""

from __future__ import annotations

import re


def _forms(*groups: tuple[int, str]) -> dict[str, int]:
    return {word: value for value, words in groups for word in words.split()}


WEEKDAYS = _forms(
    (0, "montag montags mo mo. mon monday mondays"),
    (1, "dienstag dienstags di di. tue tues tuesday tuesdays"),
    (2, "mittwoch mittwochs mi mi. wed weds wednesday wednesdays"),
    (3, "donnerstag donnerstags do do. thu thur thurs thursday thursdays"),
    (4, "freitag freitags fr fr. fri friday fridays"),
    (5, "samstag samstags sonnabend sonnabends sa sa. sat saturday saturdays"),
    (6, "sonntag sonntags so so. sun sunday sundays"),
)
MONTHS = _forms(
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
NUMBERS = _forms(
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
ORDINALS = _forms(
    (1, "erste ersten erster erstes first"),
    (2, "zweite zweiten zweiter zweites second other"),
    (3, "dritte dritten dritter drittes third"),
    (4, "vierte vierten vierter viertes fourth"),
    (5, "fünfte fünften fünfter fuenfte fuenften fifth"),
    (-1, "letzte letzten letzter letztes last"),
    (-2, "vorletzte vorletzten vorletzter zweitletzte zweitletzten penultimate"),
)
FREQUENCY_WORDS = {
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
ADVERBS = {
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
NUMBERED = re.compile(r"([0-9]+)(st|nd|rd|th|\.)?", re.IGNORECASE)


def kind_of(token: str) -> str | None:
    """The kind of a token, or None for a word no cadence has."""
    if NUMBERED.fullmatch(token):
        return "number"
    for kind, table in (
        ("weekday", WEEKDAYS),
        ("month", MONTHS),
        ("number", NUMBERS),
        ("ordinal", ORDINALS),
        ("frequency", FREQUENCY_WORDS),
        ("adverb", ADVERBS),
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


def value_in(table: dict[str, int], token: str) -> int:
    """The value a table gives a token, written with its final dot or without."""
    return table[token] if token in table else table[token.rstrip(".")]
