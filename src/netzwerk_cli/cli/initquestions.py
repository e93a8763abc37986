"""`init`'s questions on a terminal: the name, the language, the members, when the network meets
(in words, its next dates shown) and the usual start time, each answer checked before the next.
They are asked on stderr, so that stdout stays for the data (a dry run's diff)."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from netzwerk_cli.cli.editing import parse_time
from netzwerk_cli.cli.terminal import say
from netzwerk_cli.errors import CommandError, NetworkFileError
from netzwerk_cli.file.starter import Answers, new_file
from netzwerk_cli.file.store import parse_network
from netzwerk_cli.message import N_, fact
from netzwerk_cli.model import Language

if TYPE_CHECKING:
    from netzwerk_cli.words import Words


def _prompt(said: "Words", question: str, default: str | None = None) -> str:
    """One answer; an empty one is `default` (or "" when `default` is ""). On stderr, so that
    stdout stays for the data (a dry run's diff); through typer, whichever click it uses."""
    answer: str = typer.prompt(
        question,
        default=default,
        show_default=bool(default),
        err=True,
        prompt_suffix=": ",
    )
    return answer.strip()


def _confirm(said: "Words", question: str) -> bool:
    """Yes or no, as the reader writes it (j/ja/y/yes, n/nein/no); an empty answer is yes."""
    choices = said(N_("[Y/n]"))
    while True:
        answer = _prompt(said, f"{question} {choices}", "").lower()
        if answer in ("", "y", "yes", "j", "ja"):
            return True
        if answer in ("n", "no", "nein"):
            return False
        say(said(N_("Please answer yes or no.")))


def ask(answers: Answers, said: "Words", path: Path, day: dt.date) -> None:
    """Ask for every part of the file; each answer is checked before the next question."""
    say(
        said.say(fact(N_("A new network file: {path}. Empty answers keep the default."), path=path))
    )
    while True:
        answers.name = _prompt(said, said(N_("The network's name")), answers.name)
        if _valid(answers, said, day):
            break
    while True:
        choice = _prompt(said, said(N_("Its language (de or en)")), answers.language.value)
        if choice.lower() in ("de", "en"):
            answers.language = Language(choice.lower())
            break
        say(said(N_("Please answer de or en.")))
    _ask_members(answers, said, day)
    _ask_cadence(answers, said, day)
    while True:
        shown = said.time(answers.start) if answers.start is not None else ""
        time = _prompt(said, said(N_("The usual start time, HH:MM (empty: none)")), shown)
        if not time:
            answers.start = None
            break
        try:
            answers.start = parse_time(time)
            break
        except typer.BadParameter as exc:
            say(str(exc.message))


def _ask_members(answers: Answers, said: "Words", day: dt.date) -> None:
    if not answers.members:
        say(said(N_("The members, in rotation order; an empty id ends the list.")))
    from netzwerk_cli.core.memberids import state_code
    from netzwerk_cli.model import GERMAN_STATES

    while True:
        member_id = _prompt(said, said(N_("Member id (e.g. HEF; empty: done)")), "")
        if not member_id:
            return
        taken = [m[0] for m in answers.members if m[0].casefold() == member_id.casefold()]
        if taken:
            say(said.say(fact(N_("{id} is already a member; give another id."), id=taken[0])))
            continue
        name = _prompt(said, said(N_("Its name (e.g. Landkreis Hersfeld-Rotenburg)")))
        seat = _prompt(said, said(N_("Its seat, where it hosts (e.g. Bad Hersfeld)")))
        while True:  # a wrong state is asked again, not the whole member
            typed = _prompt(said, said(N_("Its state, as a code or a name (e.g. HE or Hessen)")))
            state = state_code(typed)
            if state in GERMAN_STATES:
                break
            say(
                said.say(
                    fact(
                        N_('"{state}" is no German state; give its code ({codes}) or its name'),
                        state=typed,
                        codes=", ".join(GERMAN_STATES),
                    )
                )
            )
        answers.members.append((member_id, name, seat, state))
        if not _valid(answers, said, day):
            answers.members.pop()
            say(said(N_("That member was not taken; please enter it again.")))


def _ask_cadence(answers: Answers, said: "Words", day: dt.date) -> None:
    from netzwerk_cli.cli.cadence import dates_text, rule_of
    from netzwerk_cli.core.cadence import next_dates

    if answers.cadence is not None:  # given with --cadence: kept unless the user says otherwise
        given = next_dates(answers.cadence, dtstart=day, after=day, count=5)
        if given:
            say(said.say(fact(N_("Next dates: {dates}"), dates=dates_text(said, given))))
            if _confirm(said, said(N_("Is that right?"))):
                return
    while True:
        text = _prompt(
            said,
            said(
                N_(
                    'When does the network meet? In words, e.g. "every second Tuesday in '
                    'March, July and November" (empty: not yet)'
                )
            ),
            "",
        )
        if not text:
            answers.cadence = None
            return
        try:
            rule = rule_of(text)
            dates = next_dates(rule, dtstart=day, after=day, count=5)
        except CommandError as exc:
            say(said.say(exc.text))
            continue
        except ValueError as exc:  # the rule's own CadenceError
            why = getattr(exc, "why", None)
            say(said.say(why) if why is not None else str(exc))
            continue
        if not dates:
            say(said(N_("The cadence gives no more dates.")))
            continue
        say(said.say(fact(N_("Next dates: {dates}"), dates=dates_text(said, dates))))
        if _confirm(said, said(N_("Is that right?"))):
            answers.cadence = rule
            return


def _valid(answers: Answers, said: "Words", day: dt.date) -> bool:
    """Whether the file of the answers so far is valid; if not, its problems are said."""
    try:
        parse_network(new_file(answers, today=day), source="?", today=day)
    except NetworkFileError as exc:
        for problem in exc.found:
            say(said.problem(problem.where, problem.what))
        return False
    return True
