"""The words the declaration of the network file (`file.schema`) is written in: the kinds of value
a key holds, a key, a table. Plain classes with slots, not dataclasses: the declaration is
imported by every run that reads the file, and creating a dataclass costs about a millisecond at
start-up."""

from __future__ import annotations

# The kinds of value a key holds: what TOML writes, and what the checks take.
TEXT = "text"  # one line of text
LINES = "lines"  # text with line breaks
NOTES = "notes"  # text with line breaks and tabs
WHOLE = "whole"  # a whole number within [minimum, maximum]
TRUTH = "truth"  # true or false
DATE = "date"  # a local date, without quotes
TIME = "time"  # a local time, without quotes
CHOICE = "choice"  # one of `choices`, in quotes
# Kinds with a check of their own (a function of `file.tables`), declared for the schema and the
# reference:
MEMBER_ID = "member-id"
STATE = "state"
MEETING_DATE = "meeting-date"  # a date, a local date-time, or "YYYY-MM"
ADDRESS = "address"  # an e-mail address
ADDRESSES = "addresses"  # a list of e-mail addresses
MEMBER_IDS = "member-ids"  # a list of member ids
PERIODS = "periods"  # a list of [from, to] dates
WEB_ADDRESS = "web-address"  # http:// or https://


class Key:
    """One key of a table: `name = value`.

    `about` is a one-line description (an msgid); `example` a value as TOML writes it, for the
    reference and the starter file; `outside` whether the key acts outside the file (a server, a
    command, a folder), so that it is used only once the user trusts it (`netzwerk trust`)."""

    __slots__ = (
        "about",
        "choices",
        "default",
        "example",
        "kind",
        "maximum",
        "minimum",
        "name",
        "outside",
        "required",
    )

    def __init__(
        self,
        name: str,
        kind: str,
        about: str,
        *,
        required: bool = False,
        default: str | int | bool | None = None,
        choices: tuple[str, ...] = (),
        minimum: int | None = None,
        maximum: int | None = None,
        outside: bool = False,
        example: str | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.about = about
        self.required = required
        self.default = default
        self.choices = choices
        self.minimum = minimum
        self.maximum = maximum
        self.outside = outside
        self.example = example

    def __repr__(self) -> str:
        return f"Key({self.name!r}, {self.kind!r})"


class Table:
    """A table of the file: `[network]`, or an array of tables such as `[[members]]`.

    `tables` are the arrays of tables within each of its entries (a meeting's
    `[[meetings.agenda]]`), each with `within` naming this table."""

    __slots__ = ("_by_name", "about", "array", "keys", "name", "required", "tables", "within")

    def __init__(
        self,
        name: str,
        about: str,
        keys: tuple[Key, ...],
        *,
        array: bool,
        required: bool = False,
        tables: tuple[Table, ...] = (),
        within: str | None = None,
    ) -> None:
        self.name = name
        self.about = about
        self.keys = keys
        self.array = array
        self.required = required
        self.tables = tables
        self.within = within
        self._by_name = {key.name: key for key in keys}

    def __getitem__(self, name: str) -> Key:
        return self._by_name[name]

    @property
    def names(self) -> tuple[str, ...]:
        """The table's keys, in the declared order."""
        return tuple(self._by_name)

    @property
    def known(self) -> tuple[str, ...]:
        """What an entry may hold: its keys, then the names of the tables within it."""
        return self.names + tuple(table.name for table in self.tables)

    @property
    def path(self) -> str:
        """`members`, or `meetings.agenda` for a table within another."""
        return f"{self.within}.{self.name}" if self.within else self.name

    @property
    def header(self) -> str:
        """`[network]`, `[[members]]` or `[[meetings.agenda]]`."""
        return f"[[{self.path}]]" if self.array else f"[{self.path}]"

    def __repr__(self) -> str:
        return f"Table({self.name!r})"
