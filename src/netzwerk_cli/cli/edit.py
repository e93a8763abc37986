"""Commands that change the network file: record, plan, cancel, validate (and `member`'s, in
`cli.members`, `init` in `cli.setup` and `cadence` in `cli.cadence`, through the same
`change_file`, in `cli.editing`).

Each command here reads its options, refuses a control character in a text, and hands the core's
planner (`core.record`, `core.plan`) to `change_file`; `validate` only reads.
"""

import datetime as dt
import sys
from typing import Annotated, Any

import typer

from netzwerk_cli.cli.app import load
from netzwerk_cli.cli.editing import (
    DryRunOption,
    change_file,
    parse_time,
    refuse_control_characters,
)
from netzwerk_cli.cli.options import FileOption, LangOption, TodayOption, parse_date
from netzwerk_cli.cli.terminal import say, terminal_words
from netzwerk_cli.errors import NetworkFileError
from netzwerk_cli.file.store import MAX_MINUTES
from netzwerk_cli.message import N_, fact, facts
from netzwerk_cli.model import Status

VenueOption = Annotated[
    str | None, typer.Option("--venue", help=N_("Where the meeting is (default: the host's seat)."))
]


def _date_argument(help: str) -> Any:
    return typer.Argument(parser=parse_date, metavar="YYYY-MM-DD", help=help, show_default=False)


def _parse_day_and_time(value: str | dt.date) -> dt.date:
    """`plan`'s DATE: a day, or a day with its time ("07.04.2027 10:00", a `datetime`)."""
    if isinstance(value, dt.date):
        return value
    from netzwerk_cli.words.typed import TypedValueError, typed_day_and_time

    try:
        day, time = typed_day_and_time(value)
    except TypedValueError as exc:
        raise typer.BadParameter(terminal_words().say(exc.text)) from None
    return day if time is None else dt.datetime.combine(day, time)


# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None)

# What a meeting's texts are for: `--notes` never leave the coordinator's computer,
# `--description` goes wherever the meeting goes (README, "Private unless said").
NotesOption = Annotated[
    str | None,
    typer.Option(
        "--notes",
        help=N_("Notes on the meeting, for the coordinator only: they never leave this computer."),
    ),
]
DescriptionOption = Annotated[
    str | None,
    typer.Option(
        "--description",
        help=N_(
            "A public description of the meeting (its topic): invitations, calendars and the "
            "page show it; --notes stay private."
        ),
    ),
]


@commands.command(
    epilog=N_(
        "The meeting that becomes the held one, with --host: the host's planned (or cancelled) "
        "meeting on DATE or in its month; else any planned meeting that day (its host is "
        "swapped); else the host's latest planned meeting in the six weeks before DATE; else "
        "the host's planned meeting in the two weeks after DATE (held early); else the host's "
        "planned meeting without a date. Without --host: the planned meeting on DATE, in its "
        "month or nearest before it within six weeks; else the first planned in the two weeks "
        "after DATE; else the first planned without a date. Otherwise a new meeting is added: a "
        "meeting planned more than six weeks before DATE or more than two weeks after it is "
        "never taken, it stays planned, and a line says so. A held meeting's venue "
        "is always written, so that it stays history when a seat moves. The network meets once a "
        "day at most: a DATE that already has a held meeting is refused, whoever hosted it."
    )
)
def record(
    day: Annotated[dt.date, _date_argument("The day the meeting was held.")],
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help=N_(
                "Who hosted (a member id). Default: the host of the planned meeting that becomes "
                "the held one (see below), else the rotation's choice for DATE."
            ),
        ),
    ] = None,
    venue: Annotated[
        str | None,
        typer.Option(
            "--venue", help="Where it was held (default: as planned, else the host's seat)."
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help=N_("A title, e.g. '3. Treffen'."))
    ] = None,
    notes: NotesOption = None,
    description: DescriptionOption = None,
    attended: Annotated[
        str | None,
        typer.Option(
            "--attended",
            metavar="IDS",
            help=N_(
                "The members who took part, as ids with commas: HEF,WAK,ESW (also for a meeting "
                "already recorded: it replaces the list, and says what it was). With a plus "
                "before each id (+HEF,+WAK) they are added to the recorded ones."
            ),
        ),
    ] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """A meeting was held on DATE: record it, from its planned meeting or as a new one."""
    from netzwerk_cli.core.memberids import member_id, member_ids
    from netzwerk_cli.core.record import record_meeting

    ids, adding = (None, False) if attended is None else _attended_ids(attended)

    refuse_control_characters(
        {
            "--host": host,
            "--venue": venue,
            "--title": title,
            "--notes": notes,
            "--description": description,
            "--attended": attended,
        },
        notes="--notes",
    )

    change_file(
        file,
        today,
        lambda network, on, holidays: record_meeting(
            network,
            day=day,
            today=on,
            holidays=holidays,
            host=member_id(network, host) if host is not None else None,
            venue=venue,
            title=title,
            notes=notes,
            description=description,
            attended=member_ids(network, ids) if ids is not None else None,
            add_attended=adding,
        ),
        dry_run=dry_run,
    )


def _attended_ids(value: str) -> tuple[tuple[str, ...], bool]:
    """The ids of `--attended`, and whether they are added (each written +ID) rather than replace
    the recorded ones. Whether each is a member is the core's check."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    plus = [part.startswith("+") for part in parts]
    if any(plus) and not all(plus):
        raise typer.BadParameter(
            terminal_words()(
                N_(
                    "put a plus before each id to add them (+HEF,+WAK), or before none to "
                    "replace the recorded ones"
                )
            ),
            param_hint="'--attended'",
        )
    ids = tuple(part.removeprefix("+").strip() for part in parts)
    if "" in ids:
        raise typer.BadParameter(
            terminal_words()(N_("a plus needs a member id after it (+HEF)")),
            param_hint="'--attended'",
        )
    return ids, any(plus)


@commands.command(
    epilog=N_(
        "The meeting planned on DATE, else the next coming planned meeting, is changed in "
        "place; if there is none (or with --new), a planned meeting is added. Without DATE, a new "
        "meeting takes the cadence's next date from the schedule, and so does an undated planned "
        "one on a bare `plan` or with --time (not when only --host or --venue change); without a "
        "cadence the meeting has no date yet. A new host brings its seat as the venue unless "
        "--venue says otherwise; a planned time of day is kept when only the date changes. A "
        "meeting added on a date the cadence proposes takes that slot's calendar UID, so the "
        "tentative calendar event becomes the confirmed one. A date on a Saturday or Sunday, on a "
        "public holiday or in the school holidays of a member's state is planned all the same, "
        "with a note on stderr."
    )
)
def plan(
    day: Annotated[
        dt.date | None,
        typer.Argument(
            parser=_parse_day_and_time,
            metavar="[YYYY-MM-DD]",
            help=N_(
                "The day of the meeting. Without it: the day already planned, else the "
                "cadence's next date (for a new meeting, a bare `plan` or with --time), else "
                "none yet."
            ),
            show_default=False,
        ),
    ] = None,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help=N_(
                "Who hosts (a member id). Default: the planned host, or for a new meeting the "
                "rotation's next host."
            ),
        ),
    ] = None,
    venue: VenueOption = None,
    time: Annotated[
        dt.time | None,
        typer.Option("--time", parser=parse_time, metavar="HH:MM", help=N_("The start time.")),
    ] = None,
    duration: Annotated[
        int | None,
        typer.Option(
            "--duration",
            metavar="MINUTES",
            min=1,
            max=MAX_MINUTES,
            help=N_(
                "How long the meeting lasts, in minutes (its own duration_minutes; default: the "
                "network's, else 120)."
            ),
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        bool,
        typer.Option(
            "--new", help=N_("Add another planned meeting instead of changing the next one.")
        ),
    ] = False,
    description: DescriptionOption = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Fix the next meeting: its date, its host, or both."""
    from netzwerk_cli.core.memberids import member_id
    from netzwerk_cli.core.plan import plan_meeting

    refuse_control_characters({"--host": host, "--venue": venue, "--description": description})
    if isinstance(day, dt.datetime):  # "07.04.2027 10:00": the day and its time in one
        if time is not None and time != day.time():
            raise typer.BadParameter(
                terminal_words()(N_("the time is given twice (in the date and with --time)")),
                param_hint="'--time'",
            )
        time = day.time()
        day = day.date()

    change_file(
        file,
        today,
        lambda network, on, holidays: plan_meeting(
            network,
            today=on,
            holidays=holidays,
            day=day,
            host=member_id(network, host) if host is not None else None,
            venue=venue,
            time=time,
            duration=duration,
            description=description,
            new=new,
        ),
        dry_run=dry_run,
    )


@commands.command(
    epilog=N_(
        "The rotation gives its host a turn again. Only a planned meeting can be cancelled "
        "(also after its day has passed); a held one cannot."
    )
)
def cancel(
    day: Annotated[dt.date, _date_argument("The day of the planned meeting.")],
    host: Annotated[
        str | None,
        typer.Option("--host", help=N_("Whose meeting, if more than one is planned that day.")),
    ] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """A planned meeting will not take place: it stays in the file as cancelled."""
    from netzwerk_cli.core.memberids import member_id
    from netzwerk_cli.core.plan import cancel_meeting

    change_file(
        file,
        today,
        lambda network, _on, _holidays: cancel_meeting(
            network, day=day, host=member_id(network, host) if host is not None else None
        ),
        dry_run=dry_run,
    )


@commands.command(
    epilog="The summary goes to stdout and the problems to stderr, for a git hook or CI."
)
def validate(file: FileOption = None, today: TodayOption = None, lang: LangOption = None) -> None:
    """Check the network file: exit 0 with a one-line summary, or 1 with every problem found."""
    from netzwerk_cli.core.heldlater import held_after_today

    loaded = load(file, today, warn=False)
    network = loaded.network
    if later := held_after_today(network, loaded.today):
        raise NetworkFileError(str(loaded.path), later)
    count = {s: sum(1 for m in network.meetings if m.status is s) for s in Status}
    summary = fact(
        N_("{path}: valid: {name}, {members}, {meetings} ({held}, {planned}, {cancelled})"),
        path=loaded.path,
        name=network.name,
        members=facts("{count} member", "{count} members", count=len(network.members)),
        meetings=facts("{count} meeting", "{count} meetings", count=len(network.meetings)),
        held=facts("{count} held", "{count} held", count=count[Status.HELD]),
        planned=facts("{count} planned", "{count} planned", count=count[Status.PLANNED]),
        cancelled=facts("{count} cancelled", "{count} cancelled", count=count[Status.CANCELLED]),
    )
    sys.stdout.write(terminal_words().say(summary) + "\n")
    from netzwerk_cli.core.agenda import long_agendas

    for note in long_agendas(network):  # warnings, not problems: the file stays valid
        say(terminal_words().say(note))
