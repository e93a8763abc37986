"""The one exception family of netzwerk: each error knows its message and its exit status."""

from __future__ import annotations

# The most problems one message lists.
MAX_LISTED = 50


class NetzwerkError(Exception):
    """A problem with the user's data or files; the command layer prints it and exits."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NetworkFileError(NetzwerkError):
    """The network file is missing, unreadable, not TOML, or breaks the file format."""

    def __init__(self, source: str, problems: list[str], *, hint: str | None = None) -> None:
        self.source = source
        self.problems = list(problems)
        self.hint = hint
        if len(self.problems) == 1:
            text = f"{source}: {self.problems[0]}"
        else:
            # A generated or broken file can have a problem in every one of 100,000 tables.
            listed = "\n".join(f"  - {p}" for p in self.problems[:MAX_LISTED])
            if len(self.problems) > MAX_LISTED:
                listed += f"\n  ... and {len(self.problems) - MAX_LISTED} more"
            text = f"{source}: {len(self.problems)} problems:\n{listed}"
        if hint:
            text += f"\n{hint}"
        super().__init__(text)


class NoHostError(NetzwerkError):
    """No member of the network can host on the date in question."""


class CommandError(NetzwerkError):
    """A command cannot do what was asked with this network (unknown host, no such meeting)."""


class WriteError(NetzwerkError):
    """A file could not be written safely; nothing was changed."""
