"""`netzwerk cadence`: when the network meets, said in words (or as a rule), without editing TOML.

The words become the RFC 5545 rule the file holds (`core.cadencewords`); the next dates it gives
are shown before the rule is written through the one safe write path (`cli.editing.change_file`).
"""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netzwerk_cli.cli.app import load
from netzwerk_cli.cli.editing import DryRunOption, UsualTimeOption, change_file
from netzwerk_cli.cli.options import FileOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import say, terminal_words
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact

if TYPE_CHECKING:
    from netzwerk_cli.model import Network
    from netzwerk_cli.words import Words

# How many coming dates are shown.
SHOWN_DATES = 5

# The command of this module; `cli.app` loads it when it runs.
commands = typer.Typer(rich_markup_mode=None, add_completion=False)


@commands.command(
    epilog=N_(
        'Words in German or English, e.g. "jeden 2. Dienstag im März, Juli und November", '
        '"alle drei Monate am ersten Mittwoch", "every two weeks on Monday"; or a rule as the '
        "file holds it, e.g. FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU (the German days DI, MI, DO, "
        "SO are taken too). The next dates are shown before the rule is written; `netzwerk "
        "schedule` shows them with hosts and public holidays."
    )
)
def cadence(
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="WORDS",
            help=N_("When the network meets, in words or as an RFC 5545 rule."),
            show_default=False,
        ),
    ] = None,
    time: UsualTimeOption = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Set when the network meets, in words; without WORDS, show the cadence and its next dates."""
    if text is None and time is None:
        _show(file, today)
        return
    rule = None if text is None else rule_of(text)

    def compute(network: "Network", on: dt.date, _holidays: object) -> "Change":
        from netzwerk_cli.core.cadence import set_cadence

        change = set_cadence(network, rule=rule, start=time, today=on)
        if rule is not None:
            anchored = "cadence_start" in change.edit.values
            say(_dates_line(network, rule, on, anchored=anchored))
        return change

    change_file(file, today, compute, dry_run=dry_run)


if TYPE_CHECKING:
    from netzwerk_cli.core.changes import Change


def rule_of(text: str) -> str:
    """The rule that `text` says: a rule as written (its German days as RFC 5545's), or words."""
    from netzwerk_cli.core.cadencereading import CadenceWordsError
    from netzwerk_cli.core.cadencewords import looks_like_a_rule, rule_from_words
    from netzwerk_cli.core.rrules import normalise_rule

    if looks_like_a_rule(text):
        return normalise_rule(text)
    try:
        return rule_from_words(text)
    except CadenceWordsError as exc:
        raise CommandError(exc.why) from None


def next_dates_of(network: "Network", rule: str, today: dt.date) -> list[dt.date]:
    """The rule's next dates from `today`, counted from the network's cadence start."""
    from netzwerk_cli.core.cadence import next_dates
    from netzwerk_cli.core.rrules import CadenceError
    from netzwerk_cli.core.schedule import cadence_start

    try:
        return next_dates(
            rule, dtstart=cadence_start(network, today=today), after=today, count=SHOWN_DATES
        )
    except CadenceError as exc:
        raise CommandError(
            fact(
                N_("cadence {cadence} is not a usable rule: {why}"), cadence=repr(rule), why=exc.why
            )
        ) from None


def dates_text(said: "Words", dates: list[dt.date]) -> str:
    """The dates as the reader writes them, each with its weekday: `Di 09.03.2027, ...`."""
    return ", ".join(f"{said.weekday(day)} {said.date(day)}" for day in dates)


def _dates_line(network: "Network", rule: str, today: dt.date, *, anchored: bool) -> str:
    said = terminal_words()
    if anchored:
        from dataclasses import replace

        network = replace(network, cadence_start=today)
    dates = next_dates_of(network, rule, today)
    if not dates:
        return said(N_("The cadence gives no more dates."))
    return said.say(fact(N_("Next dates: {dates}"), dates=dates_text(said, dates)))


def _show(file: Path | None, today: dt.date | None) -> None:
    import sys

    from netzwerk_cli.core.cadence import describe

    loaded = load(file, today)
    network = loaded.network
    said = terminal_words()
    if network.cadence is None:
        say(
            said(
                N_(
                    "The file sets no cadence yet; set one with e.g. "
                    '`netzwerk cadence "every first Wednesday of the month" --time 10:00`.'
                )
            )
        )
        return
    words = describe(network.cadence)
    lines = [
        said.say(
            fact(N_("Cadence: {words} ({rule})"), words=words, rule=network.cadence)
            if words is not None
            else fact(N_("Cadence: {rule}"), rule=network.cadence)
        )
    ]
    if network.start is not None:
        lines.append(said.say(fact(N_("Usual start time: {time}"), time=network.start)))
    dates = next_dates_of(network, network.cadence, loaded.today)
    if dates:
        lines.append(said.say(fact(N_("Next dates: {dates}"), dates=dates_text(said, dates))))
    else:
        lines.append(said(N_("The cadence gives no more dates.")))
    sys.stdout.write("".join(f"{line}\n" for line in lines))
