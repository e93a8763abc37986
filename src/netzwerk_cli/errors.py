"""The one exception family of netzwerk: each error knows its message and its exit status.

A message is a `Message` (msgid and arguments), said in the reader's language by the command
layer; `message` is its English text, for logs and tests that read it in English.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netzwerk_cli.message import Message


@dataclass(frozen=True)
class Problem:
    """One problem of the network file: where (as written in the file, ISO dates) and what."""

    where: str | Message | None
    what: Message


class NetzwerkError(Exception):
    """A problem with the user's data or files; the command layer prints it and exits."""

    exit_code = 1

    def __init__(self, text: Message) -> None:
        super().__init__(text)
        self.text = text

    @property
    def message(self) -> str:
        """The message in English."""
        from netzwerk_cli.model import Language
        from netzwerk_cli.words import words

        return words(Language.EN).error(self)

    def __str__(self) -> str:
        return self.message


class NetworkFileError(NetzwerkError):
    """The network file is missing, unreadable, not TOML, or breaks the file format."""

    def __init__(
        self,
        source: str | Message,
        problems: Sequence[Problem | Message | str],
        *,
        hint: Message | None = None,
    ) -> None:
        self.source = source
        self.found = [
            p
            if isinstance(p, Problem)
            else Problem(None, p if isinstance(p, Message) else Message(p))
            for p in problems
        ]
        self.hint = hint
        # Said as a whole by `Words.error`, which lists every problem with its place.
        super().__init__(self.found[0].what if self.found else Message(""))

    @property
    def problems(self) -> list[str]:
        """Each problem with its place, in English."""
        from netzwerk_cli.model import Language
        from netzwerk_cli.words import words

        said = words(Language.EN)
        return [said.problem(p.where, p.what) for p in self.found]


class NoHostError(NetzwerkError):
    """No member of the network can host on the date in question."""


class CommandError(NetzwerkError):
    """A command cannot do what was asked with this network (unknown host, no such meeting)."""


class WriteError(NetzwerkError):
    """A file could not be written safely; nothing was changed."""
