"""An e-mail address with the name shown for it: a member's contact, or the sender of the
network's mail. A module of its own, below `model` and `servers`, which both use it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    """An e-mail address of a member, with the name shown for it (may be empty)."""

    name: str
    address: str

    def written(self) -> str:
        """The contact as the network file writes it: `Name <address>`, the name in quotes
        where it holds a sign of the address syntax (`"Müller, Sabine" <...>`), never encoded
        for mail (umlauts stay as they are)."""
        if not self.name:
            return self.address
        return f"{quoted_name(self.name)} <{self.address}>"


_SPECIALS = frozenset('()<>@,;:\\".[]')


def quoted_name(name: str) -> str:
    """A display name as RFC 5322 wants it: in quotes when it holds a special sign."""
    if not any(sign in _SPECIALS for sign in name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def as_typed(text: str) -> str:
    """A contact as a person types it, made into what the file reads: Outlook writes names as
    `Müller, Sabine <sabine@...>`, whose comma would split it into two addresses; its name is
    put in quotes. Anything else is left as it is, for the file's check to judge."""
    import re

    match = re.fullmatch(r"\s*([^<>\"]*?)\s*<([^<>\s]+)>\s*", text)
    if match is None or not match[1]:
        return text
    return Contact(match[1], match[2]).written()
