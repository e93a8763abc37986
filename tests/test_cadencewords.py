"""A cadence in words (German and English) -> the rule the file holds -> its dates; and back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk_cli.core.cadence import describe, next_dates
from netzwerk_cli.core.cadencereading import CadenceWordsError
from netzwerk_cli.core.cadencewords import rule_from_words
from netzwerk_cli.core.rrules import CadenceError, normalise_rule, parse_cadence
from netzwerk_cli.model import Language
from netzwerk_cli.words import words

from .conftest import examples

D = dt.date
START = D(2026, 12, 6)  # a Sunday

# phrase -> the rule, and the rule's first dates from START (counted from START).
TABLE = [
    (
        "jeden 2. Dienstag im März, Juli und November",
        "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU",
        [D(2027, 3, 9), D(2027, 7, 13), D(2027, 11, 9), D(2028, 3, 14)],
    ),
    (
        "2. Dienstag im März, Juli, November",
        "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU",
        [D(2027, 3, 9), D(2027, 7, 13), D(2027, 11, 9), D(2028, 3, 14)],
    ),
    (
        "every second Tuesday in March, July and November",
        "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU",
        [D(2027, 3, 9), D(2027, 7, 13), D(2027, 11, 9), D(2028, 3, 14)],
    ),
    (
        "alle drei Monate am ersten Mittwoch",
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE",
        [D(2027, 3, 3), D(2027, 6, 2), D(2027, 9, 1), D(2027, 12, 1)],
    ),
    (
        "every three months on the first Wednesday",
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE",
        [D(2027, 3, 3), D(2027, 6, 2), D(2027, 9, 1), D(2027, 12, 1)],
    ),
    (
        "jeden ersten Mittwoch im Monat",
        "FREQ=MONTHLY;BYDAY=1WE",
        [D(2027, 1, 6), D(2027, 2, 3), D(2027, 3, 3), D(2027, 4, 7)],
    ),
    (
        "the first Wednesday of every month",
        "FREQ=MONTHLY;BYDAY=1WE",
        [D(2027, 1, 6), D(2027, 2, 3), D(2027, 3, 3), D(2027, 4, 7)],
    ),
    (
        "monatlich am letzten Donnerstag",
        "FREQ=MONTHLY;BYDAY=-1TH",
        [D(2026, 12, 31), D(2027, 1, 28), D(2027, 2, 25), D(2027, 3, 25)],
    ),
    (
        "monthly on the last Thursday",
        "FREQ=MONTHLY;BYDAY=-1TH",
        [D(2026, 12, 31), D(2027, 1, 28), D(2027, 2, 25), D(2027, 3, 25)],
    ),
    (
        "alle zwei Wochen am Montag",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        [D(2026, 12, 14), D(2026, 12, 28), D(2027, 1, 11), D(2027, 1, 25)],
    ),
    (
        "every two weeks on Monday",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        [D(2026, 12, 14), D(2026, 12, 28), D(2027, 1, 11), D(2027, 1, 25)],
    ),
    (
        "alle 14 Tage montags",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        [D(2026, 12, 14), D(2026, 12, 28), D(2027, 1, 11), D(2027, 1, 25)],
    ),
    (
        "every other week on Monday",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        [D(2026, 12, 14), D(2026, 12, 28), D(2027, 1, 11), D(2027, 1, 25)],
    ),
    (
        "jeden Montag und Donnerstag",
        "FREQ=WEEKLY;BYDAY=MO,TH",
        [D(2026, 12, 7), D(2026, 12, 10), D(2026, 12, 14), D(2026, 12, 17)],
    ),
    (
        "vierteljährlich am vorletzten Freitag",
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=-2FR",
        [D(2026, 12, 18), D(2027, 3, 19), D(2027, 6, 18), D(2027, 9, 17)],
    ),
    (
        "alle drei Monate ab Februar am ersten Mittwoch",
        "FREQ=MONTHLY;BYMONTH=2,5,8,11;BYDAY=1WE",
        [D(2027, 2, 3), D(2027, 5, 5), D(2027, 8, 4), D(2027, 11, 3)],
    ),
    (
        "am 15. jedes Monats",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        [D(2026, 12, 15), D(2027, 1, 15), D(2027, 2, 15), D(2027, 3, 15)],
    ),
    (
        "on the 15th of every month",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        [D(2026, 12, 15), D(2027, 1, 15), D(2027, 2, 15), D(2027, 3, 15)],
    ),
    (
        "am 15.03. und 15.9.",
        "FREQ=MONTHLY;BYMONTH=3,9;BYMONTHDAY=15",
        [D(2027, 3, 15), D(2027, 9, 15), D(2028, 3, 15), D(2028, 9, 15)],
    ),
    (
        "Einmal im Jahr am 1. Mittwoch im Oktober.",
        "FREQ=MONTHLY;BYMONTH=10;BYDAY=1WE",
        [D(2027, 10, 6), D(2028, 10, 4), D(2029, 10, 3), D(2030, 10, 2)],
    ),
]


@pytest.mark.parametrize(("phrase", "rule", "dates"), TABLE)
def test_each_phrase_gives_its_rule_and_the_rule_its_dates(
    phrase: str, rule: str, dates: list[dt.date]
) -> None:
    assert rule_from_words(phrase) == rule
    assert next_dates(rule, dtstart=START, after=START, count=4) == dates


@pytest.mark.parametrize(("phrase", "rule", "_dates"), TABLE)
def test_the_rule_said_in_either_language_reads_back_as_the_same_rule(
    phrase: str, rule: str, _dates: list[dt.date]
) -> None:
    described = describe(rule)
    assert described is not None
    for language in Language:
        assert rule_from_words(words(language).say(described)) == rule


def test_the_rule_in_words() -> None:
    rule = "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU"
    described = describe(rule)
    assert described is not None
    assert words(Language.DE).say(described) == "jeden 2. Dienstag im März, Juli und November"
    assert words(Language.EN).say(described) == "the second Tuesday in March, July and November"
    described = describe("FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE")
    assert described is not None
    assert words(Language.DE).say(described) == "alle 3 Monate am 1. Mittwoch"
    assert words(Language.EN).say(described) == "every 3 months on the first Wednesday"
    described = describe("FREQ=MONTHLY;BYMONTH=3;BYMONTHDAY=1,22")
    assert described is not None
    assert words(Language.DE).say(described) == "jeweils am 1. und 22. im März"
    assert words(Language.EN).say(described) == "on the 1st and 22nd in March"


@pytest.mark.parametrize(
    "rule", ["FREQ=DAILY", "FREQ=MONTHLY;BYDAY=1WE;COUNT=3", "FREQ=YEARLY;BYYEARDAY=100", "x"]
)
def test_a_rule_outside_the_words_forms_is_not_described(rule: str) -> None:
    assert describe(rule) is None


ORDINALS = st.sampled_from([1, 2, 3, 4, -1, -2])
WEEKDAYS = st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])


@st.composite
def rules(draw: st.DrawFn) -> str:
    """A rule of the forms the words give: monthly on numbered weekdays (in some months, or every
    few months), or weekly on weekdays."""
    days = sorted(set(draw(st.lists(WEEKDAYS, min_size=1, max_size=3))), key=_day_order)
    if draw(st.booleans()):
        interval = draw(st.sampled_from([1, 1, 2, 3]))
        head = "FREQ=WEEKLY" + (f";INTERVAL={interval}" if interval > 1 else "")
        return f"{head};BYDAY={','.join(days)}"
    ordinal = draw(ORDINALS)
    byday = ",".join(f"{ordinal}{d}" for d in days)
    if draw(st.booleans()):
        months = sorted(set(draw(st.lists(st.integers(1, 12), min_size=1, max_size=11))))
        return f"FREQ=MONTHLY;BYMONTH={','.join(map(str, months))};BYDAY={byday}"
    interval = draw(st.sampled_from([1, 2, 3, 6]))
    head = "FREQ=MONTHLY" + (f";INTERVAL={interval}" if interval > 1 else "")
    return f"{head};BYDAY={byday}"


def _day_order(day: str) -> int:
    return ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].index(day)


@settings(max_examples=examples(200), deadline=None)
@given(rule=rules(), language=st.sampled_from(list(Language)))
def test_any_rule_of_the_words_forms_survives_words_and_back(rule: str, language: Language) -> None:
    described = describe(rule)
    assert described is not None
    again = rule_from_words(words(language).say(described))
    assert again == rule
    assert next_dates(again, dtstart=START, after=START, count=6) == next_dates(
        rule, dtstart=START, after=START, count=6
    )


@pytest.mark.parametrize(
    ("phrase", "english", "german"),
    [
        (
            "jeden 2. Dienstga im März",
            'not understood: "Dienstga". Say when the network meets like this: "every second '
            'Tuesday in March, July and November", "every three months on the first Wednesday", '
            '"every two weeks on Monday"',
            "nicht verstanden: „Dienstga“. Geben Sie den Rhythmus etwa so an: „jeden 2. Dienstag "
            "im März, Juli und November“, „alle drei Monate am ersten Mittwoch“, „alle zwei "
            "Wochen am Montag“",
        ),
        (
            "jeden zweiten Dienstag",
            'this can be read two ways: say "every second Tuesday of the month" or "every two '
            'weeks on Tuesday"',
            "das ist mehrdeutig: schreiben Sie „jeden 2. Dienstag im Monat“ oder „alle zwei Wochen "
            "am Dienstag“",
        ),
        (
            "monatlich",
            'say on which day, e.g. on the first Wednesday. For example: "every second Tuesday '
            'in March, July and November", "every three months on the first Wednesday", "every '
            'two weeks on Monday"',
            "geben Sie den Tag an, z. B. am ersten Mittwoch. Beispiele für einen Terminrhythmus: "
            "„jeden 2. Dienstag im März, Juli und November“, „alle drei Monate am ersten "
            "Mittwoch“, „alle zwei Wochen am Montag“",
        ),
        (
            "monthly on Tuesday",
            "say which weekday of the month, e.g. the first or the last Wednesday. For example: "
            '"every second Tuesday in March, July and November", "every three months on the '
            'first Wednesday", "every two weeks on Monday"',
            "geben Sie an, welcher Wochentag im Monat gemeint ist, z. B. der erste oder der letzte "
            "Mittwoch. Beispiele für einen Terminrhythmus: „jeden 2. Dienstag im März, Juli und "
            "November“, „alle drei Monate am ersten Mittwoch“, „alle zwei Wochen am Montag“",
        ),
        (
            "jeden 2. Dienstag im März um 10 Uhr",
            "give the time of day apart, e.g. with --time 10:00, not in the words",
            "geben Sie die Uhrzeit gesondert an, z. B. mit --time 10:00, nicht in den Worten",
        ),
        (
            "every first Wednesday at 10:00",
            "give the time of day apart, e.g. with --time 10:00, not in the words",
            "geben Sie die Uhrzeit gesondert an, z. B. mit --time 10:00, nicht in den Worten",
        ),
        (
            "am 15.3. und 1.9.",
            'a cadence has the same days in each of its months: say e.g. "on the 15th in March '
            'and September", or set the dates with `netzwerk plan`',
            "ein Terminrhythmus hat in jedem seiner Monate dieselben Tage: schreiben Sie z. B. "
            "„am 15. im März und September“, oder legen Sie die Termine mit „netzwerk plan“ fest",
        ),
        (
            "am 30. im Februar",
            "none of these months has a day 30",
            "keiner dieser Monate hat einen 30. Tag",
        ),
        (
            "jeden 6. Freitag im Monat",
            "a month has five of a weekday at most: say 1 to 5 or last, not 6",
            "ein Monat hat höchstens fünf gleiche Wochentage: geben Sie 1 bis 5 oder „letzten“ "
            "an, nicht 6",
        ),
    ],
)
def test_what_is_not_understood_is_said_with_an_example(
    phrase: str, english: str, german: str
) -> None:
    with pytest.raises(CadenceWordsError) as info:
        rule_from_words(phrase)
    assert words(Language.EN).say(info.value.why) == english
    assert words(Language.DE).say(info.value.why) == german


@pytest.mark.parametrize(
    ("rule", "normal"),
    [
        ("FREQ=MONTHLY;BYDAY=2DI", "FREQ=MONTHLY;BYDAY=2TU"),
        ("FREQ=WEEKLY;BYDAY=mo,di,mi,do,fr,sa,so", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU"),
        ("RRULE:FREQ=MONTHLY;BYDAY=-1DO;WKST=SO", "FREQ=MONTHLY;BYDAY=-1TH;WKST=SU"),
        ("FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE", "FREQ=MONTHLY;BYMONTH=4,11;BYDAY=1WE"),
    ],
)
def test_the_german_two_letter_days_are_taken_in_a_rule(rule: str, normal: str) -> None:
    assert normalise_rule(rule) == normal
    assert list(parse_cadence(rule, dtstart=START)[:3]) == list(
        parse_cadence(normal, dtstart=START)[:3]
    )


@pytest.mark.parametrize(("value", "bad"), [("2XX", "2XX"), ("MO,DIE", "DIE"), ("", '""')])
def test_a_bad_weekday_is_said_in_the_readers_language(value: str, bad: str) -> None:
    with pytest.raises(CadenceError) as info:
        parse_cadence(f"FREQ=MONTHLY;BYDAY={value}", dtstart=START)
    assert words(Language.EN).say(info.value.why) == (
        f"BYDAY={value}: {bad} is no weekday; the weekdays are MO TU WE TH FR SA SU (the German "
        "MO DI MI DO FR SA SO are taken too), with a number before them for one of the month: "
        "2TU, -1FR"
    )
    german = words(Language.DE).say(info.value.why)
    assert german.startswith(f"BYDAY={value}: {bad} ist kein Wochentag; die Wochentage sind MO ")
    assert "invalid" not in german


VOCABULARY = [
    *("jeden", "alle", "every", "the", "am", "im", "in", "on", "of", "and", "und", "monatlich"),
    *("weekly", "2.", "15.", "3rd", "zweiten", "second", "letzten", "last", "vorletzten"),
    *("Dienstag", "Tuesday", "Mo", "Fr", "März", "July", "Monat", "Wochen", "months", "year"),
    *("14", "Tage", "ab", "from", "drei", "three", "0", "6.", "40.", "other", "Februar", "30."),
    "31st",
]


@settings(max_examples=examples(500), deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=40),
        st.lists(st.sampled_from(VOCABULARY), max_size=8).map(" ".join),
        st.lists(st.sampled_from(["am", "30.", "31st", "Februar", "April", "im"]), max_size=5).map(
            " ".join
        ),
    )
)
def test_any_text_gives_a_usable_rule_or_says_why_not(text: str) -> None:
    try:
        rule = rule_from_words(text)
    except CadenceWordsError as exc:
        said = words(Language.DE).say(exc.why)
        assert said, text
        return
    # The rule gives dates (a rule that no day matches would not come out of words).
    assert next_dates(rule, dtstart=START, after=START, count=1)


@pytest.mark.parametrize(
    "phrase",
    [
        "jeden 1. Donnerstag im Oktober und 3. Donnerstag im Mai",
        "am 1. Donnerstag im Oktober, am 3. Donnerstag im Mai",
        "every first Thursday in October and third Thursday in May",
    ],
)
def test_days_with_months_of_their_own_are_refused_not_crossed(phrase: str) -> None:
    """One rule says the same days in each of its months: the 1st Thursday in October and the
    3rd in May would be four meetings a year (both days in both months)."""
    with pytest.raises(CadenceWordsError) as info:
        rule_from_words(phrase)
    assert (
        words(Language.DE)
        .say(info.value.why)
        .startswith("ein Terminrhythmus hat in jedem seiner Monate dieselben Tage")
    )
