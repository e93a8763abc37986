"""Facts -> sentences in a language: the gettext catalogs, and dates and times for people.

The core says what happened (a kind and its data); this package says it in German or English. A
message is written in the code as its English text, the gettext `msgid`, marked with `N_` where it
is only named (the core, option help) and looked up with `Words.__call__` where it is said. The
catalogs are `locale/<language>/LC_MESSAGES/netzwerk.po`, compiled to `.mo` when the package is
built or installed (`setup.py`), never kept compiled in git.

English needs no catalog: its `Words` never imports `gettext` or opens a file, so the commands pay
for a language only when they speak German.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from netzwerk_cli.model import Language

if TYPE_CHECKING:
    import gettext

DOMAIN = "netzwerk"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_WEEKDAYS = {
    Language.EN: ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    Language.DE: ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
}


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it here (gettext's `gettext_noop`)."""
    return message


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
