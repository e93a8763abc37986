"""Facts -> sentences in a language: the gettext catalogs, and dates and times for people.

The core says what happened as a `Message` (a msgid and its data, `netzwerk_cli.message`); this
package says it in German or English. A message is written in the code as its English text, the
gettext `msgid`, marked with `N_` where it is only named (the core, option help) and looked up with
`Words.__call__` where it is said. The catalogs are `locale/<language>/LC_MESSAGES/netzwerk.po`,
compiled to `.mo` when the package is built or installed (`setup.py`), never kept compiled in git.

English needs no catalog: its `Words` never imports `gettext` or opens a file, so the commands pay
for a language only when they speak German.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netzwerk_cli.message import N_, Joined, Message, Month, Subject, Typed, Weekday
from netzwerk_cli.model import HolidayHit, HolidayName, Language, SchoolHolidays

if TYPE_CHECKING:
    import gettext

__all__ = ["DOMAIN", "LOCALE_DIR", "N_", "Words", "words"]

DOMAIN = "netzwerk"
# The most problems one message lists.
MAX_LISTED = 50
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_WEEKDAYS = {
    Language.EN: ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    Language.DE: ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
}

# The words for the values of the file's closed sets, as a table or a sentence shows them.
_VALUES = {
    "held": N_("held"),
    "planned": N_("planned"),
    "cancelled": N_("cancelled"),
    "proposed": N_("proposed"),
    "added": N_("added"),
    "changed": N_("changed"),
    "removed": N_("removed"),
}


class Words:
    """Sentences, dates and times in one language."""

    def __init__(self, language: Language, catalog: gettext.NullTranslations | None) -> None:
        self.language = language
        self._catalog = catalog

    def __call__(self, message: str) -> str:
        """The message in this language (the English text itself when there is no translation)."""
        return self._catalog.gettext(message) if self._catalog else message

    def plural(self, singular: str, plural: str, count: int) -> str:
        """The singular or plural form for `count`, in this language."""
        if self._catalog:
            return self._catalog.ngettext(singular, plural, count)
        return singular if count == 1 else plural

    def date(self, day: dt.date) -> str:
        """A day for people: 07.04.2027 in German, 2027-04-07 (ISO 8601) in English."""
        if self.language is Language.DE:
            return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"

    def month(self, day: dt.date) -> str:
        """A month for people: 04.2024 in German, 2024-04 in English."""
        if self.language is Language.DE:
            return f"{day.month:02d}.{day.year:04d}"
        return f"{day.year:04d}-{day.month:02d}"

    def weekday(self, day: dt.date) -> str:
        """The day of the week, abbreviated: Mi / Wed."""
        return _WEEKDAYS[self.language][day.weekday()]

    def time(self, moment: dt.time) -> str:
        """A time of day: 10:00 in both languages."""
        return f"{moment.hour:02d}:{moment.minute:02d}"

    def holiday(self, name: HolidayName) -> str:
        """A public holiday's name in this language, as the `holidays` package spells it."""
        return name.de if self.language is Language.DE else name.en

    def value(self, value: enum.Enum) -> str:
        """A status or kind as a word: "geplant" / "planned"."""
        return self.value_text(str(value.value))

    def value_text(self, text: str) -> str:
        """A status or kind, given as the file or --json writes it, as a word."""
        return self(_VALUES[text]) if text in _VALUES else text

    def say(self, message: Message) -> str:
        """A `Message` as a sentence in this language, its arguments said in it too."""
        if message.plural is not None:
            template = self.plural(message.msgid, message.plural, int(message.args["count"]))
        else:
            template = self(message.msgid)
        text = template.format_map(_Said(self, message.args))
        first = template[1 : template.find("}")] if template.startswith("{") else None
        if isinstance(message.args.get(first or ""), Subject):  # "Der Landkreis Kassel ..."
            from netzwerk_cli.words.grammar import capitalised

            return capitalised(text)
        return text

    def arg(self, value: Any) -> str:
        """One argument of a message, said in this language."""
        if isinstance(value, enum.Enum):
            return self.value(value)
        if isinstance(value, str | int):
            return str(value)
        if isinstance(value, Message):
            return self.say(value)
        if isinstance(value, Typed):
            if self.language is Language.DE:
                return f"„{value.text}“"
            return (
                repr(value.text)
                if value.quote is None
                else f"{value.quote}{value.text}{value.quote}"
            )
        if isinstance(value, Subject):
            if self.language is Language.DE and value.article:
                from netzwerk_cli.words.grammar import german_name

                return german_name(value.name, article=value.article).nominative
            return value.name
        if isinstance(value, dt.datetime):  # in German prose: 07.04.2027, 10:00 Uhr
            if self.language is Language.DE:
                return f"{self.date(value.date())}, {self.time(value.time())} Uhr"
            return f"{self.date(value.date())} {self.time(value.time())}"
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, dt.time):
            return self.time(value)
        if isinstance(value, Month):
            return self.month(value.day)
        if isinstance(value, Joined):
            return value.separator.join(self.say(part) for part in value.parts)
        if isinstance(value, Weekday):
            return self.weekday(value.day)
        if isinstance(value, HolidayName):
            return self.holiday(value)
        if isinstance(value, list | tuple):
            return ", ".join(self.arg(item) for item in value)
        if isinstance(value, HolidayHit | SchoolHolidays):
            return self.holidays(value)
        return str(value)

    def holidays(self, hit: HolidayHit | SchoolHolidays) -> str:
        """The public (or school) holidays on a day, each with its states: `Reformationstag (TH)`,
        `Oster-/Frühjahrsferien (HE, TH)`."""
        return "; ".join(
            f"{self.holiday(name)} ({', '.join(states)})" for name, states in hit.names
        )

    def error(self, error: Any) -> str:
        """An error's message; for the network file, the file and every problem with its place."""
        # Any `NetzwerkError` (not imported: the errors import this module for their English);
        # a network file's error has `found`, its problems with their places.
        found = getattr(error, "found", None)
        if found is None:
            return self.say(error.text)
        source = self.arg(error.source)
        count = len(found)
        # A generated or broken file can have a problem in every one of 100,000 tables.
        problems = [self.problem(p.where, p.what) for p in found[:MAX_LISTED]]
        if count == 1:
            text = f"{source}: {problems[0]}"
        else:
            head = self.plural("{count} problem:", "{count} problems:", count).format(count=count)
            listed = "\n".join(f"  - {p}" for p in problems)
            if count > MAX_LISTED:
                more = self.plural(
                    "... and {count} more", "... and {count} more", count - MAX_LISTED
                )
                listed += "\n  " + more.format(count=count - MAX_LISTED)
            text = f"{source}: {head}\n{listed}"
        if error.hint is not None:
            text += f"\n{self.say(error.hint)}"
        return text

    def problem(self, where: str | Message | None, what: Message) -> str:
        """A problem with its place: `meetings[3] (2024-11-06): ...` (the place as in the file)."""
        if where is None:
            return self.say(what)
        return f"{self.arg(where)}: {self.say(what)}"


class _Said(Mapping[str, str]):
    """A message's arguments, each said in the language when the template asks for it."""

    def __init__(self, speaker: Words, args: Mapping[str, Any]) -> None:
        self._speaker = speaker
        self._args = args

    def __getitem__(self, key: str) -> str:
        return self._speaker.arg(self._args[key])

    def __iter__(self) -> Any:
        return iter(self._args)

    def __len__(self) -> int:
        return len(self._args)


@functools.cache
def words(language: Language) -> Words:
    """The `Words` of a language; German reads the compiled catalog once per process."""
    if language is Language.EN:
        return Words(language, None)
    import gettext

    catalog = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[language.value], fallback=True
    )
    return Words(language, catalog)
