"""A press release's draft in the network's language, from the facts of `core.press`.

Written as a press office writes one (the network's first press release is the model): which
meeting it was, in words ("zum zweiten Mal"), the date in the long form ("am 6. November 2024"),
host and venue ("Gastgeber in Bad Salzungen war diesmal der Wartburgkreis"), the first meeting,
the members, the agenda's topics, a paragraph marked for the press office's quotes, and where and
when the network meets next ("Das nächste Treffen findet ... im Werra-Meißner-Kreis in der
Kreisstadt Eschwege statt"). The sentences are the catalog's; German names are declined by
`words.grammar`, English ones stand as the file writes them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from netzwerk_cli.core.cadence import ordinal_msgid
from netzwerk_cli.core.press import NextMeeting, PressFacts
from netzwerk_cli.message import MONTH_NAMES, N_, fact
from netzwerk_cli.model import GERMAN_STATES, Language, Member
from netzwerk_cli.words import Words, words
from netzwerk_cli.words.grammar import capitalised, german_name

# "for the first time" ... "for the twelfth time"; later ones by number.
_TIMES = (
    N_("for the first time"),
    N_("for the second time"),
    N_("for the third time"),
    N_("for the fourth time"),
    N_("for the fifth time"),
    N_("for the sixth time"),
    N_("for the seventh time"),
    N_("for the eighth time"),
    N_("for the ninth time"),
    N_("for the tenth time"),
    N_("for the eleventh time"),
    N_("for the twelfth time"),
)
QUOTE = N_(
    "[Quote, for the press office to fill in: “…”, said … (name, role, member). "
    "Delete this paragraph if there is none.]"
)

# The draft's last paragraph, marked as the quote's, for the press office to delete.
NOTE = N_("[Note: draft – check it before it is sent and delete this paragraph.]")


@dataclass(frozen=True)
class PressRelease:
    """The draft: a title, its paragraphs (the quote's among them, marked), and a note below."""

    title: str
    paragraphs: tuple[str, ...]
    note: str

    def text(self) -> str:
        """The draft as plain text: title, paragraphs and note, a blank line between them."""
        return "\n\n".join((self.title, *self.paragraphs, self.note)) + "\n"


def long_date(w: Words, day: dt.date) -> str:
    """6. November 2024 / 6 November 2024."""
    return w(N_("{day} {month} {year}")).format(
        day=day.day, month=w(MONTH_NAMES[day.month - 1]), year=day.year
    )


def long_month(w: Words, day: dt.date) -> str:
    """November 2024, in either language."""
    return f"{w(MONTH_NAMES[day.month - 1])} {day.year}"


def when(w: Words, day: dt.date | None, *, month_only: bool) -> str:
    """am 6. November 2024 / im April 2024 / on 6 November 2024 / in April 2024; "" unknown."""
    if day is None:
        return ""
    if month_only:
        return w(N_("in {long_month}")).format(long_month=long_month(w, day))
    return w(N_("on {long_date}")).format(long_date=long_date(w, day))


def press_release(facts: PressFacts, language: Language, *, today: dt.date) -> PressRelease:
    """The draft of the press release, in `language` (the network's)."""
    w = words(language)
    meeting = facts.meeting
    german = language is Language.DE
    network = german_name(facts.network).nominative if german else facts.network
    title = w(
        N_("{network} meets {times} – this time hosted by {host}")
        if facts.first is not None
        else N_("{network} meets {times} – hosted by {host}")
    ).format(network=facts.network, times=_times(w, facts.number), host=_name(facts.host, german))
    opening = [
        w(N_("{when}, {network} met {times}.")).format(
            when=when(w, meeting.date, month_only=meeting.month_only),
            network=network,
            times=_times(w, facts.number),
        )
        if meeting.date is not None
        else w(N_("{network} met {times}.")).format(network=network, times=_times(w, facts.number)),
        w(
            N_("This time the host in {venue} was {host}.")
            if facts.first is not None
            else N_("The host in {venue} was {host}.")
        ).format(venue=facts.venue, host=_name(facts.host, german)),
    ]
    if facts.first is not None and facts.first_host is not None:
        opening.append(
            w(N_("The first meeting was hosted by {host} in {venue} {when}.")).format(
                host=_name(facts.first_host, german),
                venue=facts.first_venue,
                when=when(w, facts.first.date, month_only=facts.first.month_only),
            )
        )
    members = [_name(m, german) for m in facts.members]
    belonging = [
        w.plural(
            "The network's member is {members}.",
            "The network's members are {members}.",
            len(members),
        ).format(members=_listed(w, members))
    ]
    states = _states(facts.members)
    if states:
        belonging.append(
            w.plural(
                "The member comes from {states}.", "The members come from {states}.", len(members)
            ).format(states=_listed(w, states))
        )
    paragraphs = [
        _dateline(w, facts) + " ".join(_sentence(s) for s in opening),
        " ".join(_sentence(s) for s in belonging),
    ]
    if facts.topics:
        quoted = [w(N_("“{topic}”")).format(topic=topic) for topic in facts.topics]
        paragraphs.append(
            w.plural(
                "The topic on the agenda was {topics}.",
                "The topics on the agenda were {topics}.",
                len(quoted),
            ).format(topics=_listed(w, quoted))
        )
    paragraphs.append(w(QUOTE))
    if facts.next is not None:
        paragraphs.append(_next(w, facts.next, german))
    note = w(NOTE)
    return PressRelease(title, tuple(paragraphs), note)


def _next(w: Words, coming: NextMeeting, german: bool) -> str:
    said = when(w, coming.date, month_only=coming.month_only)
    if said and coming.proposed:
        said = w(N_("{when} (date to be confirmed)")).format(when=said)
    host = german_name(coming.host.name, article=coming.host.article)
    in_host = host.locative if german else w(N_("hosted by {host}")).format(host=coming.host.name)
    if (
        not host.is_district  # "im Landkreis Fulda in der Kreisstadt Fulda" says two places
        and coming.venue
        and re.search(rf"\b{re.escape(coming.venue)}\b", coming.host.name)
    ):
        in_host = ""  # "in der Stadt Kassel in Kassel": the name says the place already
    if coming.venue == coming.host.seat and host.is_district:
        in_venue = w(N_("in the district town of {venue}")).format(venue=coming.venue)
    else:
        in_venue = f"in {coming.venue}"
    return _sentence(
        w(N_("The next meeting takes place {when} {in_host} {in_venue}.")).format(
            when=said, in_host=in_host, in_venue=in_venue
        )
    )


def _dateline(w: Words, facts: PressFacts) -> str:
    """Where and when, before the first sentence: `Bad Salzungen, 7. November 2024 – ` (the
    meeting's place and the day after it, when a release goes out; the press office changes the
    day if it sends it later). None for a meeting whose day is not known."""
    day = facts.meeting.date
    if day is None or facts.meeting.month_only or not facts.venue:
        return ""
    return f"{facts.venue}, {long_date(w, day + dt.timedelta(days=1))} – "


def _states(members: tuple[Member, ...]) -> list[str]:
    """The members' states by name, each once, in the members' order."""
    names = [GERMAN_STATES.get(m.state, m.state) for m in members if m.state]
    return list(dict.fromkeys(names))


def _times(w: Words, number: int) -> str:
    if 1 <= number <= len(_TIMES):
        return w(_TIMES[number - 1])
    ordinal = w(ordinal_msgid(number)).format(day=number)
    return w(N_("for the {ordinal} time")).format(ordinal=ordinal)


def _name(member: Member, german: bool) -> str:
    """The member as the subject of a sentence: der Wartburgkreis / Wartburgkreis."""
    return german_name(member.name, article=member.article).nominative if german else member.name


def _listed(w: Words, items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return w.say(fact(N_("{items} and {last}"), items=items[:-1], last=items[-1]))


def _sentence(text: str) -> str:
    """One space between words (an empty part leaves none), the first letter upper case."""
    return capitalised(re.sub(r" {2,}", " ", text).replace(" .", ".").replace(" ,", ","))


__all__ = ["NOTE", "QUOTE", "PressRelease", "long_date", "press_release", "when"]
