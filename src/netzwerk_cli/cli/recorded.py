"""The answers recorded so far, for the commands that show them beside other things (schedule,
next-host, remind, publish): a module of its own, so that those commands load neither `replies`'
options nor the records when the network was never invited."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netzwerk_cli.cli.app import Loaded
    from netzwerk_cli.core.answers import MeetingAnswers


def answers_now(loaded: "Loaded") -> "list[MeetingAnswers]":
    """The answers to every coming invited meeting, from the records beside the file (read only,
    without the lock: records are replaced atomically, so a reader sees one whole version)."""
    # The sent record's path as `records.record_path` makes it, without importing the records
    # (and the calendar writer they import): `schedule` pays nothing for a network never invited.
    real = loaded.path.resolve() if loaded.path.is_symlink() else loaded.path
    if not real.with_name(f".{real.name}.sent").exists():
        return []
    from netzwerk_cli.core.answers import answers
    from netzwerk_cli.file.answered import REPLIES, read_answers
    from netzwerk_cli.file.records import SENT, read_invited, record_path

    sent = record_path(loaded.path, SENT)

    record = read_answers(record_path(loaded.path, REPLIES))
    return answers(loaded.network, read_invited(sent), record.replies(), today=loaded.today)
