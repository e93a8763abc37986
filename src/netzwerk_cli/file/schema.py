"""The network file declared once: every table and key, its type, whether it is required, its
default, its allowed values or range, whether it acts outside the file, and what it means.

The checks (`file.taking`, `file.tables`), the JSON Schema for editors (`file.jsonschema`, built
into `network.schema.json`), the reference of the file format (`docs/reference/`) and `trust` read
this declaration; a new key is added here (or, for the server tables [mail] and [publish], in
`file.serverschema`), and its checks, its schema and its reference follow. What cannot be declared
(a cadence that gives no day, a host that is no member, `left` after `joined`, a time in a gap of
the clocks) is a function of `file.rules`, one per rule.

The descriptions are msgids of the catalog (English), said in German by `words`. The kinds of
value and the classes `Key` and `Table` are in `file.shape`, re-exported here (`schema.TEXT`).
"""

from __future__ import annotations

from netzwerk_cli.file.serverschema import MAIL, PUBLISH
from netzwerk_cli.file.shape import (
    ADDRESS,
    ADDRESSES,
    CHOICE,
    DATE,
    LINES,
    MEETING_DATE,
    MEMBER_ID,
    MEMBER_IDS,
    NOTES,
    PERIODS,
    STATE,
    TEXT,
    TIME,
    TRUTH,
    WEB_ADDRESS,
    WHOLE,
    Key,
    Table,
)
from netzwerk_cli.message import N_
from netzwerk_cli.model import (
    DEFAULT_DURATION_MINUTES,
    DEFAULT_TIMEZONE,
    GERMAN_STATES,
    Article,
)

MAX_MINUTES = 24 * 60  # the longest meeting: a day


NETWORK = Table(
    "network",
    N_("The network's settings: its name, when it meets and how the host is chosen."),
    (
        Key(
            "name",
            TEXT,
            N_("The network's name, as calendars, invitations and its page show it."),
            required=True,
            example='"Netzwerk Nordhessen"',
        ),
        Key(
            "timezone",
            TEXT,
            N_("The IANA time zone of the meeting times."),
            default=DEFAULT_TIMEZONE,
            example='"Europe/Berlin"',
        ),
        Key(
            "rotation",
            CHOICE,
            N_(
                'How the next host is chosen: "order", every member once per round in the '
                'members\' order; "least-recent", the member whose last hosting is longest ago.'
            ),
            default="order",
            choices=("order", "least-recent"),
        ),
        Key(
            "cadence",
            TEXT,
            N_(
                "When the network meets, as an RFC 5545 rule; `netzwerk cadence` writes it "
                "from words."
            ),
            example='"FREQ=YEARLY;BYMONTH=4,11;BYDAY=1WE"',
        ),
        Key(
            "cadence_start",
            DATE,
            N_("The day the cadence counts its intervals from."),
            example="2025-01-01",
        ),
        Key(
            "start",
            TIME,
            N_("The usual start time; without it, meetings are all-day entries."),
            example="10:00:00",
        ),
        Key(
            "duration_minutes",
            WHOLE,
            N_("How long a meeting with a start time lasts, in minutes."),
            default=DEFAULT_DURATION_MINUTES,
            minimum=1,
            maximum=MAX_MINUTES,
        ),
        Key(
            "holidays",
            CHOICE,
            N_(
                "A cadence date that is a public holiday in a member's state moves to the next "
                'working day ("shift"), is dropped ("skip") or stays ("ignore").'
            ),
            default="shift",
            choices=("shift", "skip", "ignore"),
        ),
        Key(
            "school_holidays",
            CHOICE,
            N_(
                'A coming date in a member\'s school holidays is noted ("warn"), moved after '
                'them within its month ("shift"), or not looked up ("ignore").'
            ),
            default="warn",
            choices=("warn", "shift", "ignore"),
        ),
        Key(
            "remind_weeks",
            WHOLE,
            N_("How many weeks before a meeting `netzwerk remind` reminds of it."),
            minimum=0,
            maximum=520,
            example="4",
        ),
        Key(
            "language",
            CHOICE,
            N_("The language of what the network shares: calendar texts, invitations, its page."),
            default="en",
            choices=("de", "en"),
        ),
    ),
    array=False,
    required=True,
)

MEMBERS = Table(
    "members",
    N_("The members, one table each, in rotation order."),
    (
        Key(
            "id",
            MEMBER_ID,
            N_("The member's short key, used everywhere else in the file."),
            required=True,
            example='"HEF"',
        ),
        Key(
            "name",
            TEXT,
            N_("The member's name."),
            required=True,
            example='"Landkreis Hersfeld-Rotenburg"',
        ),
        Key("seat", TEXT, N_("Where the member hosts."), required=True, example='"Bad Hersfeld"'),
        Key(
            "state",
            STATE,
            N_("The German state's code (HE Hessen, TH Thüringen, ...)."),
            required=True,
            choices=tuple(sorted(GERMAN_STATES)),
            example='"HE"',
        ),
        Key(
            "joined",
            DATE,
            N_("The day the member joined: it cannot host before it."),
            example="2024-04-01",
        ),
        Key(
            "left",
            DATE,
            N_("The day the member left: it cannot host from this day on."),
            example="2030-12-31",
        ),
        Key(
            "hosts",
            TRUTH,
            N_("Whether the member hosts; false: it attends but never hosts."),
            default=True,
            example="false",
        ),
        Key(
            "contacts",
            ADDRESSES,
            N_("The people invitations go to, as e-mail addresses."),
            example='["Vorname Name <name@example.de>"]',
        ),
        Key(
            "away",
            PERIODS,
            N_("The periods it did not belong: each [the day it left, the day it rejoined]."),
            example="[[2025-01-01, 2026-07-01]]",
        ),
        Key(
            "article",
            CHOICE,
            N_(
                'The German article of the name ("der", "die", "das"; "" for none, as for a '
                "town), where it does not follow from the name; the papers decline it."
            ),
            choices=tuple(a.value for a in Article),
            example='"die"',
        ),
    ),
    array=True,
)

AGENDA = Table(
    "agenda",
    N_(
        "A meeting's agenda, one table per item, in order, below the meeting's keys: each "
        "[[meetings.agenda]] belongs to the [[meetings]] above it."
    ),
    (
        Key(
            "topic",
            TEXT,
            N_("What the item is about."),
            required=True,
            example='"Begrüßung und Vorstellungsrunde"',
        ),
        Key("by", MEMBER_ID, N_("The id of the member who brings it."), example='"WAK"'),
        Key(
            "minutes",
            WHOLE,
            N_("How long it takes, in minutes."),
            minimum=1,
            maximum=MAX_MINUTES,
            example="15",
        ),
    ),
    array=True,
    within="meetings",
)

MEETINGS = Table(
    "meetings",
    N_("The meetings, held, planned or cancelled, one table each."),
    (
        Key(
            "date",
            MEETING_DATE,
            N_(
                "The day (2025-04-02), the day and time (2025-04-02T10:00:00), or the month "
                '("2025-04") when only that is known.'
            ),
            example="2025-04-02",
        ),
        Key("host", MEMBER_ID, N_("The host's member id."), required=True, example='"HEF"'),
        Key(
            "venue",
            TEXT,
            N_("Where the meeting takes place; the host's seat if left out."),
            example='"Bad Hersfeld"',
        ),
        Key(
            "status",
            CHOICE,
            N_(
                "Where the meeting stands; if left out, held when its date is past, else "
                "planned. A held meeting's date must not be after today."
            ),
            choices=("held", "planned", "cancelled"),
            example='"held"',
        ),
        Key("title", LINES, N_("The meeting's title."), example='"1. Treffen"'),
        Key(
            "notes",
            NOTES,
            N_("Private notes: they never leave the coordinator's machine."),
            example='"Protokoll folgt"',
        ),
        Key(
            "description",
            NOTES,
            N_("Public text: shared wherever the meeting goes to others."),
            example='"Tagesordnung: ..."',
        ),
        Key(
            "uid",
            TEXT,
            N_("The meeting's calendar UID, once it was shared; netzwerk writes it."),
        ),
        Key(
            "duration_minutes",
            WHOLE,
            N_("This meeting's own length in minutes; the network's if left out."),
            minimum=1,
            maximum=MAX_MINUTES,
            example="90",
        ),
        Key(
            "attended",
            MEMBER_IDS,
            N_("The ids of the members who took part."),
            example='["HEF", "WAK"]',
        ),
    ),
    array=True,
    tables=(AGENDA,),
)

TOPICS = Table(
    "topics",
    N_("Topics proposed for coming meetings and not yet on an agenda, one table each."),
    (
        Key(
            "topic",
            TEXT,
            N_("The proposed topic."),
            required=True,
            example='"Wohnsitzauflage: Erfahrungen der Ausländerbehörden"',
        ),
        Key("by", MEMBER_ID, N_("The id of the member who proposes it."), example='"FD"'),
        Key("proposed", DATE, N_("The day it was proposed."), example="2026-12-01"),
    ),
    array=True,
)

TABLES: tuple[Table, ...] = (NETWORK, MEMBERS, MEETINGS, TOPICS, MAIL, PUBLISH)
TABLE_NAMES = tuple(table.name for table in TABLES)


def outside_keys(table: str) -> tuple[str, ...]:
    """The keys of `table` that act outside the file: used only once the user trusts them."""
    return tuple(key.name for t in TABLES if t.name == table for key in t.keys if key.outside)


# The tables with keys that act outside the file ("mail", "publish").
TRUSTED_TABLES = tuple(t.name for t in TABLES if any(key.outside for key in t.keys))

__all__ = [
    "ADDRESS",
    "ADDRESSES",
    "AGENDA",
    "CHOICE",
    "DATE",
    "LINES",
    "MAIL",
    "MAX_MINUTES",
    "MEETINGS",
    "MEETING_DATE",
    "MEMBERS",
    "MEMBER_ID",
    "MEMBER_IDS",
    "NETWORK",
    "NOTES",
    "PERIODS",
    "PUBLISH",
    "STATE",
    "TABLES",
    "TABLE_NAMES",
    "TEXT",
    "TIME",
    "TOPICS",
    "TRUSTED_TABLES",
    "TRUTH",
    "WEB_ADDRESS",
    "WHOLE",
    "Key",
    "Table",
]
