"""The network as immutable values: members, meetings and the network's settings.

Everything here is plain data parsed once from the network file by `store`; nothing reads a file,
the clock or the terminal.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from netzwerk_cli.contact import Contact

if TYPE_CHECKING:  # the server settings live apart: most runs never need them
    from netzwerk_cli.servers import MailSettings, PublishSettings, ServerSetting

DEFAULT_TIMEZONE = "Europe/Berlin"
# The length of a meeting with a start time when the file gives none: a working meeting of
# district offices that people travel to takes a morning or an afternoon, not the half hour or hour
# of a calendar program's default; so that every timed event has an end (RFC 5545 reads an event
# without DTEND as ending when it starts).
DEFAULT_DURATION_MINUTES = 120

# The sixteen German states by their ISO 3166-2:DE codes. This is not a holiday table: the holidays
# themselves come from the `holidays` package, and a test checks that these codes are the ones that
# package knows for Germany, so validating a file need not import it.
GERMAN_STATES: dict[str, str] = {
    "BB": "Brandenburg",
    "BE": "Berlin",
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "HB": "Bremen",
    "HE": "Hessen",
    "HH": "Hamburg",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SH": "Schleswig-Holstein",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "TH": "Thüringen",
}


def month_text(day: dt.date) -> str:
    """YYYY-MM, with a four-digit year also before 1000 (strftime's %Y does not pad on glibc)."""
    return f"{day.year:04d}-{day.month:02d}"


class Article(StrEnum):
    """The German article of a member's name, as the file may declare it; NONE: a bare name."""

    MASCULINE = "der"
    FEMININE = "die"
    NEUTER = "das"
    NONE = ""


class Rotation(StrEnum):
    """How the next host is chosen."""

    ORDER = "order"
    LEAST_RECENT = "least-recent"


class Status(StrEnum):
    """Where a meeting stands."""

    HELD = "held"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class Language(StrEnum):
    """A language netzwerk speaks: the network's own (what it shares) or the reader's (terminal)."""

    DE = "de"
    EN = "en"


@dataclass(frozen=True)
class HolidayName:
    """A public holiday's name in each language netzwerk speaks, both from the `holidays` package
    (`Reformation Day` and `Reformationstag`): the core carries both, `words` says one."""

    en: str
    de: str


@dataclass(frozen=True)
class HolidayHit:
    """The public holidays on a date (the caller knows which), each with the member states where
    it is one."""

    names: tuple[tuple[HolidayName, tuple[str, ...]], ...]


@dataclass(frozen=True)
class SchoolHolidays:
    """The school holidays a date falls into, each name (in both languages, from the `holidays`
    package) with the member states where it is one: `Oster-/Frühjahrsferien` in HE and TH."""

    names: tuple[tuple[HolidayName, tuple[str, ...]], ...]


class HolidayPolicy(StrEnum):
    """What the schedule does with a cadence date that is a public holiday in a member's state."""

    SHIFT = "shift"
    SKIP = "skip"
    IGNORE = "ignore"


class SchoolHolidayPolicy(StrEnum):
    """What the schedule does with a coming date in the school holidays of a member's state."""

    WARN = "warn"  # keep it, and say so
    SHIFT = "shift"  # move a proposed date to the first week after them (in its month)
    IGNORE = "ignore"  # look nothing up


@dataclass(frozen=True)
class Member:
    """A district of the network; the order of members is the rotation order."""

    id: str
    name: str
    seat: str
    state: str
    joined: dt.date | None = None
    left: dt.date | None = None
    hosts: bool = True
    contacts: tuple[Contact, ...] = ()  # the people invitations go to
    # The periods it did not belong between `joined` and `left`: from the day it left to the day
    # it rejoined (that day it belongs again), in order.
    away: tuple[tuple[dt.date, dt.date], ...] = ()
    # The German article of its name ("der", "die", "das"; "" for none, a bare place name) as the
    # file declares it; None: derived from the name (`words.grammar`).
    article: Article | None = None

    def belongs_on(self, day: dt.date) -> bool:
        """Whether the member belongs to the network on `day` (joined by then, not yet left, and
        not away)."""
        if self.joined is not None and day < self.joined:
            return False
        if any(start <= day < end for start, end in self.away):
            return False
        return self.left is None or day < self.left

    def rejoins_after(self, day: dt.date) -> dt.date | None:
        """The day it rejoins, if it is away on `day`."""
        return next((end for start, end in self.away if start <= day < end), None)

    def can_host_on(self, day: dt.date) -> bool:
        """Whether the member may host a meeting on `day`."""
        return self.hosts and self.belongs_on(day)


@dataclass(frozen=True)
class AgendaItem:
    """An item of a meeting's agenda (Tagesordnungspunkt), in the agenda's order."""

    topic: str
    by: str | None = None  # the id of the member who brings it
    minutes: int | None = None  # how long it takes; None: not said


@dataclass(frozen=True)
class Topic:
    """A topic proposed for a coming meeting, not yet on an agenda (the Themenspeicher)."""

    topic: str
    by: str | None = None  # the id of the member who proposes it
    proposed: dt.date | None = None


@dataclass(frozen=True)
class Meeting:
    """One meeting of the network, held, planned or cancelled.

    `date` is None for a planned meeting whose date is not fixed yet; for a meeting of which only
    the month is known, `date` is the first of that month and `month_only` is true.
    """

    position: int  # 1-based position among the file's [[meetings]] tables
    host: str
    status: Status
    date: dt.date | None = None
    month_only: bool = False
    time: dt.time | None = None
    venue: str | None = None
    title: str | None = None
    notes: str | None = None  # private: never leaves the coordinator's machine
    description: str | None = None  # public: shared wherever the meeting goes to others
    uid: str | None = None
    duration_minutes: int | None = None  # its own length; None: the network's
    attended: tuple[str, ...] | None = None  # the ids of the members who took part; None: unknown
    agenda: tuple[AgendaItem, ...] = ()  # in order; public, like `description`

    @property
    def has_full_date(self) -> bool:
        """Whether the day of the meeting is known."""
        return self.date is not None and not self.month_only

    @property
    def label(self) -> str:
        """How messages name the meeting: its date, its month, or 'no date yet'."""
        if self.date is None:
            return "no date yet"
        if self.month_only:
            return month_text(self.date)
        return self.date.isoformat()

    @property
    def last_day(self) -> dt.date | None:
        """The last day the meeting may fall on: its date, or the end of its month."""
        if self.date is None or not self.month_only:
            return self.date
        if self.date.month == 12:
            return self.date.replace(day=31)
        return self.date.replace(month=self.date.month + 1) - dt.timedelta(days=1)

    def is_coming(self, today: dt.date) -> bool:
        """Whether the meeting is dated today or later (a month-only one: from this month on)."""
        last = self.last_day
        return last is not None and last >= today

    def still_coming(self, today: dt.date) -> bool:
        """Whether the meeting is still to come: undated, or from today on (month-only: its
        month)."""
        return self.date is None or self.is_coming(today)

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        """Chronological order: month-only dates as the first of the month, undated ones last."""
        return (self.date or dt.date.max, self.position)


@dataclass(frozen=True)
class Network:
    """The whole network file: settings, members in rotation order, meetings in file order."""

    name: str
    members: tuple[Member, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    timezone: str = DEFAULT_TIMEZONE
    rotation: Rotation = Rotation.ORDER
    cadence: str | None = None
    cadence_start: dt.date | None = None
    start: dt.time | None = None
    duration_minutes: int = DEFAULT_DURATION_MINUTES  # of a meeting with a time, unless its own
    holidays: HolidayPolicy = HolidayPolicy.SHIFT
    school_holidays: SchoolHolidayPolicy = SchoolHolidayPolicy.WARN
    remind_weeks: int | None = None
    topics: tuple[Topic, ...] = ()  # proposed for coming meetings, in the file's order
    # The language of everything the network shares: calendar texts, invitations, its web page.
    language: Language = Language.EN
    mail: MailSettings | None = None
    publish: PublishSettings | None = None
    # The settings of [mail] and [publish] that act outside the file, in the file's order.
    server_settings: tuple[ServerSetting, ...] = ()
    _by_id: dict[str, Member] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A frozen dataclass may still fill its own private cache once, at construction.
        object.__setattr__(self, "_by_id", {m.id: m for m in self.members})

    def member(self, member_id: str) -> Member:
        """The member with this id; KeyError if there is none."""
        return self._by_id[member_id]

    def has_member(self, member_id: str) -> bool:
        """Whether a member has this id."""
        return member_id in self._by_id

    def venue_of(self, meeting: Meeting) -> str:
        """The meeting's venue: its own, else its host's seat."""
        if meeting.venue:
            return meeting.venue
        member = self._by_id.get(meeting.host)
        return member.seat if member else ""

    def duration_of(self, meeting: Meeting | None) -> int:
        """How long a timed meeting lasts, in minutes: its own length, else the network's."""
        if meeting is not None and meeting.duration_minutes is not None:
            return meeting.duration_minutes
        return self.duration_minutes

    def chronological(self) -> tuple[Meeting, ...]:
        """The meetings by date (month-only as the first of the month; undated last)."""
        return self._chronological

    # Sorted once per network: an export asks three times (rotation, schedule, calendar), and a
    # history of 5000 meetings takes 3 ms to sort. (cached_property writes the instance's
    # dictionary itself, which a frozen dataclass allows; equality and repr ignore it.)
    @functools.cached_property
    def _chronological(self) -> tuple[Meeting, ...]:
        return tuple(sorted(self.meetings, key=lambda m: m.sort_key))
