"""A message for people before it has a language: its gettext msgid and its named arguments.

The core (rotation, schedule, remind, the change planner, the file's validation) says what happened
as a `Message`; only `netzwerk_cli.words` says it in German or English. The msgid is the English
sentence with `{name}` placeholders and is at the same time the message's kind, as in every gettext
program: a test compares the kinds of two messages by their msgids. Nothing here imports gettext.

Arguments keep their type until they are said: a `datetime.date` becomes 07.04.2027 in German and
2027-04-07 in English, a `Month` 04.2024 or 2024-04, a nested `Message` is said in the same
language, a list becomes "a, b, c"; any other value is said as `str(value)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netzwerk_cli.model import Meeting, Member


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it here (gettext's `gettext_noop`)."""
    return message


@dataclass(frozen=True)
class Month:
    """A month for people (a meeting of which only the month is known): 04.2024 or 2024-04."""

    day: dt.date


@dataclass(frozen=True)
class Weekday:
    """The day of the week of a day, abbreviated for people: Mi or Wed."""

    day: dt.date


@dataclass(frozen=True)
class Joined:
    """Messages said one after another with `separator` between them ("; " for a list of changes,
    " " for sentences)."""

    parts: tuple[Message, ...]
    separator: str = " "


@dataclass(frozen=True)
class Typed:
    """A value as the user typed it (into the file or a command), quoted: in English as before,
    `'kaputt'` (Python's repr) or with `quote` around it; in German „kaputt“."""

    text: str
    quote: str | None = None  # English: None for repr's quotes, else this one on either side


@dataclass(frozen=True)
class Subject:
    """A member's name as the subject of a sentence. German says it with the article the file
    declares for it (`article`: "Der Landkreis Kassel ist Gastgeber", "... und der Landkreis
    Kassel steht ..."), a name without one as it is; English always as it is."""

    name: str
    article: str | None = None

    @classmethod
    def of(cls, member: Member) -> Subject:
        return cls(member.name, member.article)


@dataclass(frozen=True)
class Message:
    """A sentence to say: `msgid` (marked with `N_` where it is written) and its arguments."""

    msgid: str
    args: Mapping[str, Any] = field(default_factory=dict)
    plural: str | None = None  # the plural msgid; then `args["count"]` chooses the form


def fact(msgid: str, **args: Any) -> Message:
    """`Message(msgid, args)`, spelt as a call: `fact(N_("{name} hosts."), name=member.name)`."""
    return Message(msgid, args)


def facts(singular: str, plural: str, *, count: int, **args: Any) -> Message:
    """A message with a singular and a plural form, chosen by `count` in the reader's language."""
    return Message(singular, {"count": count, **args}, plural)


def label_of(meeting: Meeting) -> dt.date | Month | Message:
    """How a sentence names a meeting: by its day, its month, or as having no date yet."""
    if meeting.date is None:
        return fact(N_("no date yet"))
    return Month(meeting.date) if meeting.month_only else meeting.date


# The months' names, to be said in the reader's language (`fact(MONTH_NAMES[month - 1])`): the
# typed dates' messages and the cadence in words both name months.
MONTH_NAMES = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
