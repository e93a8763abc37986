"""`netzwerk member`: the members joining and leaving the network.

Every change goes through `cli.edit.change_file`, as the other writing commands' do.
"""

import datetime as dt
from typing import Annotated

import typer

from netzwerk_cli.cli.app import FileOption, LangOption, TodayOption, date_option
from netzwerk_cli.cli.edit import DryRunOption, _refuse_control_characters, change_file
from netzwerk_cli.message import N_

# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None)

member_app = typer.Typer(
    rich_markup_mode=None,
    help=N_("Members joining and leaving the network."),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
commands.add_typer(member_app, name="member")


@member_app.command("add")
def member_add(
    member_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help=N_("The member's short id, e.g. HEF."), show_default=False
        ),
    ],
    name: Annotated[str, typer.Option("--name", help=N_("The member's full name."))],
    seat: Annotated[str, typer.Option("--seat", help=N_("Where the member hosts."))],
    state: Annotated[
        str, typer.Option("--state", help=N_("The German state code of the seat, e.g. HE."))
    ],
    joined: Annotated[
        dt.date | None,
        date_option("--joined", help=N_("The day it joined (it cannot host before).")),
    ] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """A district joins: add it as a member, last in the rotation order."""
    from netzwerk_cli.core.changes import add_member

    _refuse_control_characters({"ID": member_id, "--name": name, "--seat": seat, "--state": state})

    change_file(
        file,
        today,
        lambda network, _on, _holidays: add_member(
            network, member_id=member_id, name=name, seat=seat, state=state, joined=joined
        ),
        dry_run=dry_run,
    )


@member_app.command(
    "leave",
    epilog=N_(
        "A member that hosts a planned meeting on or after that day must hand it over first "
        "(netzwerk plan --host ID, or netzwerk cancel)."
    ),
)
def member_leave(
    member_id: Annotated[
        str, typer.Argument(metavar="ID", help=N_("The member's id."), show_default=False)
    ],
    day: Annotated[
        dt.date,
        date_option("--date", help=N_("The first day it no longer belongs to the network.")),
    ],
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """A district leaves: it stays in the file with its history, and hosts no more."""
    from netzwerk_cli.core.changes import leave_member

    change_file(
        file,
        today,
        lambda network, _on, _holidays: leave_member(network, member_id=member_id, day=day),
        dry_run=dry_run,
    )
