"""An e-mail address with the name shown for it: a member's contact, or the sender of the
network's mail. A module of its own, below `model` and `servers`, which both use it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    """An e-mail address of a member, with the name shown for it (may be empty)."""

    name: str
    address: str
