"""What `remind` says of a coming meeting without an agenda: that it has none, and which proposed
topics wait for one (the network's `topics`). Pure: sentences out, said by `words`."""

from __future__ import annotations

from netzwerk_cli.message import N_, Message, fact, facts
from netzwerk_cli.model import Meeting, Network


def missing_agenda(network: Network, meeting: Meeting, **about: object) -> tuple[Message, ...]:
    """The sentences of the reminder: the meeting (`about`: when, venue, who, soon, as the other
    reminders name it) has no agenda yet, how to add one, and the proposed topics waiting."""
    day = meeting.date if meeting.has_full_date else meeting.label
    said = [
        fact(
            N_(
                "The meeting on {when} in {venue}, hosted by {who}, is {soon} and has no agenda "
                'yet: add its items with "netzwerk agenda add TOPIC --date {day}".'
            ),
            day=day,
            **about,
        )
    ]
    if network.topics:
        listed = []
        for number, topic in enumerate(network.topics, start=1):
            text = f"{number}. {topic.topic}"
            if topic.by is not None:
                name = network.member(topic.by).name if network.has_member(topic.by) else topic.by
                text += f" ({name})"
            listed.append(text)
        said.append(
            facts(
                '{count} proposed topic is waiting: {topics}; "netzwerk agenda add --topic N '
                '--date {day}" puts topic N on the agenda.',
                '{count} proposed topics are waiting: {topics}; "netzwerk agenda add --topic N '
                '--date {day}" puts topic N on the agenda.',
                count=len(listed),
                topics="; ".join(listed),
                day=day,
            )
        )
    return tuple(said)
