"""Member ids as a person types them on the command line -> the ids of the file.

One resolver for every option that takes a member (`--host`, `--attended`, `history --host`,
`member leave ID`, ...): an id written exactly as in the file is that member; else one that
differs only in upper and lower case (`nu` for `NU`), when no other member's id also does; else
the id is refused with the closest id ("did you mean NU?", found as the file's unknown keys are,
by `closest`), or with the list of members when none is close. The file's ids stay as
they are written there: the resolver only answers which one was meant.

Ids are compared in Unicode's composed form (NFC), so that an Ä typed on a terminal that sends
A + combining diaeresis is the Ä of the file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, Message, fact
from netzwerk_cli.model import Network


def member_id(network: Network, typed: str) -> str:
    """The id, as the file writes it, of the member `typed` names; a `CommandError` if none."""
    ids = [m.id for m in network.members]
    wanted = _composed(typed.strip())
    exact = [i for i in ids if _composed(i) == wanted]
    if exact:
        return exact[0]
    by_case = [i for i in ids if _composed(i).casefold() == wanted.casefold()]
    if len(by_case) == 1:
        return by_case[0]
    if by_case:
        raise CommandError(
            fact(
                N_(
                    '"{id}" is not a member; {ids} differ from it only in upper and lower case: '
                    "type one of them exactly"
                ),
                id=typed,
                ids=by_case,
            )
        )
    if not ids:
        raise CommandError(fact(N_('"{host}" is not a member (members: none yet)'), host=typed))
    folded = {_composed(i).casefold(): i for i in reversed(ids)}
    close = closest(wanted.casefold(), list(folded))
    if close is not None:
        raise CommandError(
            fact(
                N_('"{id}" is not a member; did you mean {close}?'),
                id=typed,
                close=folded[close],
            )
        )
    raise CommandError(fact(N_('"{host}" is not a member (members: {ids})'), host=typed, ids=ids))


def member_ids(network: Network, typed: Iterable[str]) -> tuple[str, ...]:
    """The file's ids of the members `typed` names, in the order typed (see `member_id`)."""
    return tuple(member_id(network, one) for one in typed)


def new_member_id(network: Network, typed: str) -> str:
    """The id of a member to be added, in composed form; refused if it differs from a member's
    id only in upper and lower case (typed later, neither could be told from the other)."""
    wanted = _composed(typed)
    for member in network.members:
        other = _composed(member.id)
        if other != wanted and other.casefold() == wanted.casefold():
            raise CommandError(
                fact(
                    N_(
                        'member id "{id}" differs from {other} ({name}) only in upper and lower '
                        "case; choose another id"
                    ),
                    id=typed,
                    other=member.id,
                    name=member.name,
                )
            )
    return wanted


def _composed(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def state_code(typed: str) -> str:
    """A state as a person types it -> its code: the code in any case (`by` is BY), or the
    state's name (`Bayern`, `thüringen`, `Thueringen`). Anything else comes back in capitals,
    for the file's check to refuse with the list of codes."""
    from netzwerk_cli.model import GERMAN_STATES

    text = _composed(typed.strip())
    if text.upper() in GERMAN_STATES:
        return text.upper()
    by_name = {_plain(name): code for code, name in GERMAN_STATES.items()}
    return by_name.get(_plain(text), text.upper())


def _plain(name: str) -> str:
    """A state's name without case and umlauts (`Thüringen`, `thueringen`)."""
    folded = name.casefold()
    for umlaut, spelled in (("ü", "ue"), ("ö", "oe"), ("ä", "ae"), ("ß", "ss")):
        folded = folded.replace(umlaut, spelled)
    return folded.replace(" ", "-")


def closest(word: str, known: Sequence[str]) -> str | None:
    """The one of `known` that `word` is most likely a typo for, if any is close: "did you mean"
    for the file's keys and tables, and for the member ids typed on the command line."""
    import difflib

    close = difflib.get_close_matches(word, known, n=1)
    return close[0] if close else None


def not_attending(member: str, ids: list[str]) -> Message:
    """`attended: "X" is not a member (members: A, B)`."""
    return fact(N_('attended: "{id}" is not a member (members: {ids})'), id=member, ids=ids)
