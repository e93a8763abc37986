"""How the network greets and signs what it sends, in its language: the invitation letter of
`netzwerk papers` and the invitation e-mail open and close alike ("Sehr geehrte Damen und
Herren," ... "Mit freundlichen Grüßen", the sender)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netzwerk_cli.message import N_

if TYPE_CHECKING:
    from netzwerk_cli.contact import Contact
    from netzwerk_cli.words import Words

SALUTATION = N_("Dear colleagues,")
CLOSING = N_("Kind regards")


def salutation(w: Words) -> str:
    """The line that opens a letter or an e-mail of the network."""
    return w(SALUTATION)


def signer(w: Words, sender: Contact | None, *, network: str) -> str:
    """Who signs: the sender of `[mail] from` by its name, else its address; without a sender
    (papers need no [mail] table) the network's coordination."""
    if sender is None:
        return w(N_("Coordination, {network}")).format(network=network)
    return sender.name or sender.address


def sign_off(w: Words, sender: Contact | None, *, network: str) -> tuple[str, str]:
    """The closing and the signer, each a line of its own (no comma after the closing, as
    German letters write it)."""
    return w(CLOSING), signer(w, sender, network=network)
