"""`netzwerk agenda` and `netzwerk topic`: what a meeting is about.

`agenda` shows the next meeting's agenda (`agenda show DATE` another's), each item with its time
from the start; `agenda add/move/remove` change it, and `topic add/list/remove` keep the list of
proposed topics, which `agenda add --topic N` takes onto an agenda. Every change goes through
`cli.editing.change_file`, as the other writing commands' do.
"""

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netzwerk_cli.cli.app import load
from netzwerk_cli.cli.clickwords import Subcommands
from netzwerk_cli.cli.editing import DryRunOption, change_file, refuse_control_characters
from netzwerk_cli.cli.options import FileOption, JsonOption, LangOption, TodayOption, parse_date
from netzwerk_cli.cli.terminal import print_json, say, show, terminal_words, usage_error
from netzwerk_cli.message import N_, fact

if TYPE_CHECKING:
    from netzwerk_cli.model import Meeting, Network

# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None)

agenda_app = typer.Typer(
    rich_markup_mode=None,
    cls=Subcommands,
    help=N_(
        "A meeting's agenda: without a command, the next meeting's, each item with its time "
        "from the start."
    ),
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
commands.add_typer(agenda_app, name="agenda")

topic_app = typer.Typer(
    rich_markup_mode=None,
    cls=Subcommands,
    help=N_("The topics proposed for coming meetings: add, list, remove."),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
commands.add_typer(topic_app, name="topic")

DateOption = Annotated[
    dt.date | None,
    typer.Option(
        "--date",
        parser=parse_date,
        metavar="YYYY-MM-DD",
        help=N_("The meeting's day (default: the next meeting in the file)."),
        show_default=False,
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option("--by", metavar="ID", help=N_("The id of the member who brings it.")),
]
MinutesOption = Annotated[
    int | None,
    typer.Option(
        "--minutes",
        min=1,
        max=24 * 60,
        metavar="MINUTES",
        help=N_("How long it takes, in minutes."),
    ),
]
NumberArgument = Annotated[
    int,
    typer.Argument(metavar=N_("N"), min=1, help=N_("The item's number, as the agenda shows it.")),
]


def _date_argument(help: str) -> Any:
    return typer.Argument(parser=parse_date, metavar="YYYY-MM-DD", help=help, show_default=False)


def _show(network: "Network", meeting: "Meeting", *, as_json: bool, day: dt.date | None) -> None:
    from netzwerk_cli.core.agendaedits import long_agenda_note, the_meeting
    from netzwerk_cli.output.agenda import agenda_json, agenda_table

    said = terminal_words()
    if as_json:
        print_json(agenda_json(network, meeting))
    elif meeting.agenda:
        show(agenda_table(network, meeting, said))
    if not meeting.agenda:
        how = f"netzwerk agenda add {said(N_('TOPIC'))}"
        if day is not None:
            how += f" --date {said.date(day)}"
        empty = N_("The agenda of {meeting} has no items yet; add one with `{how}`.")
        say(said.say(fact(empty, meeting=the_meeting(meeting), how=how)))
    for note in long_agenda_note(network, meeting):
        say(said.say(note))


@agenda_app.callback()
def agenda(
    ctx: typer.Context,
    as_json: JsonOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """The agenda of the next meeting, each item with its time from the start and who brings
    it; `agenda show DATE` shows another meeting's."""
    if ctx.invoked_subcommand is not None:
        return
    from netzwerk_cli.core.agendaedits import next_meeting_of_file

    loaded = load(file, today)
    meeting = next_meeting_of_file(loaded.network, today=loaded.today)
    _show(loaded.network, meeting, as_json=as_json, day=None)


@agenda_app.command("show")
def agenda_show(
    day: Annotated[dt.date, _date_argument(N_("The meeting's day."))],
    as_json: JsonOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """The agenda of the meeting on DATE, each item with its time from the start."""
    from netzwerk_cli.core.agendaedits import meeting_on

    loaded = load(file, today)
    _show(loaded.network, meeting_on(loaded.network, day), as_json=as_json, day=day)


@agenda_app.command(
    "add",
    epilog=N_(
        "With --topic N, proposed topic N (`netzwerk topic list`) goes onto the agenda and "
        "leaves the list; it is brought by whoever proposed it, unless --by says another member."
    ),
)
def agenda_add(
    topic: Annotated[
        str | None,
        typer.Argument(metavar=N_("TOPIC"), help=N_("What the item is about."), show_default=False),
    ] = None,
    day: DateOption = None,
    by: ByOption = None,
    minutes: MinutesOption = None,
    at: Annotated[
        int | None,
        typer.Option(
            "--at",
            min=1,
            metavar=N_("POSITION"),
            help=N_("Where on the agenda it goes, from 1 (default: last)."),
        ),
    ] = None,
    proposed: Annotated[
        int | None,
        typer.Option(
            "--topic",
            min=1,
            metavar=N_("N"),
            help=N_("Take proposed topic N onto the agenda (it leaves the list)."),
        ),
    ] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Add an item to a meeting's agenda."""
    from netzwerk_cli.core.agendaedits import add_item, take_topic, the_agenda_meeting
    from netzwerk_cli.core.memberids import member_id

    said = terminal_words()
    if (topic is None) == (proposed is None):
        raise usage_error(said(N_("give either TOPIC or --topic N (a proposed topic's number)")))
    refuse_control_characters({"TOPIC": topic, "--by": by})

    def compute(network: "Network", on: dt.date, _holidays: Any) -> Any:
        meeting = the_agenda_meeting(network, today=on, day=day)
        who = member_id(network, by) if by is not None else None
        if proposed is not None:
            return take_topic(network, meeting, number=proposed, by=who, minutes=minutes, at=at)
        assert topic is not None
        return add_item(network, meeting, topic=topic, by=who, minutes=minutes, at=at)

    change_file(file, today, compute, dry_run=dry_run)


@agenda_app.command("move")
def agenda_move(
    number: NumberArgument,
    to: Annotated[
        int,
        typer.Argument(metavar=N_("POSITION"), min=1, help=N_("Its new position, from 1.")),
    ],
    day: DateOption = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Move item N of a meeting's agenda to another position."""
    from netzwerk_cli.core.agendaedits import move_item, the_agenda_meeting

    change_file(
        file,
        today,
        lambda network, on, _holidays: move_item(
            network, the_agenda_meeting(network, today=on, day=day), number=number, to=to
        ),
        dry_run=dry_run,
    )


@agenda_app.command("remove")
def agenda_remove(
    number: NumberArgument,
    day: DateOption = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Take item N off a meeting's agenda."""
    from netzwerk_cli.core.agendaedits import remove_item, the_agenda_meeting

    change_file(
        file,
        today,
        lambda network, on, _holidays: remove_item(
            network, the_agenda_meeting(network, today=on, day=day), number=number
        ),
        dry_run=dry_run,
    )


@topic_app.command("add")
def topic_add(
    topic: Annotated[
        str, typer.Argument(metavar=N_("TOPIC"), help=N_("The proposed topic."), show_default=False)
    ],
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="ID", help=N_("The id of the member who proposes it.")),
    ] = None,
    proposed: Annotated[
        dt.date | None,
        typer.Option(
            "--proposed",
            parser=parse_date,
            metavar="YYYY-MM-DD",
            help=N_("The day it was proposed (default: today)."),
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Propose a topic for a coming meeting: it goes last on the list."""
    from netzwerk_cli.core.agendaedits import add_topic
    from netzwerk_cli.core.memberids import member_id

    refuse_control_characters({"TOPIC": topic, "--by": by})
    change_file(
        file,
        today,
        lambda network, on, _holidays: add_topic(
            network,
            topic=topic,
            by=member_id(network, by) if by is not None else None,
            proposed=proposed or on,
        ),
        dry_run=dry_run,
    )


@topic_app.command("list")
def topic_list(
    as_json: JsonOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """The proposed topics, numbered as `topic remove` and `agenda add --topic` take them."""
    from netzwerk_cli.output.agenda import topics_json, topics_table

    network = load(file, today).network
    said = terminal_words()
    if as_json:
        print_json(topics_json(network))
    elif network.topics:
        show(topics_table(network, said))
    if not network.topics:
        say(said(N_("No topics proposed yet; propose one with `netzwerk topic add TOPIC`.")))


@topic_app.command("remove")
def topic_remove(
    number: Annotated[
        int,
        typer.Argument(
            metavar=N_("N"),
            min=1,
            help=N_("The topic's number, as `netzwerk topic list` shows it."),
        ),
    ],
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Drop proposed topic N from the list (`agenda add --topic N` puts it on an agenda)."""
    from netzwerk_cli.core.agendaedits import remove_topic

    change_file(
        file,
        today,
        lambda network, _on, _holidays: remove_topic(network, number=number),
        dry_run=dry_run,
    )
