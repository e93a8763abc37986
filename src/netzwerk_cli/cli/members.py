"""`netzwerk member`: the members joining, changing, leaving, rejoining, or removed as a mistake.

Every change goes through `cli.editing.change_file`, as the other writing commands' do.
"""

import datetime as dt
from typing import Annotated, Any

import typer

from netzwerk_cli.cli.clickwords import Subcommands
from netzwerk_cli.cli.editing import DryRunOption, change_file, refuse_control_characters
from netzwerk_cli.cli.options import FileOption, LangOption, TodayOption, date_option
from netzwerk_cli.cli.terminal import terminal_words, usage_error
from netzwerk_cli.message import N_

# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None)

member_app = typer.Typer(
    rich_markup_mode=None,
    cls=Subcommands,
    help=N_("The members: add, edit, leave, rejoin, remove."),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
commands.add_typer(member_app, name="member")

IdArgument = Annotated[
    str, typer.Argument(metavar="ID", help=N_("The member's id."), show_default=False)
]


def _contact_option(help: str) -> Any:
    # CONTACT (German KONTAKT): a name and an address, as `Anna Roth <anna@nu.example>`.
    return typer.Option("--contact", metavar="CONTACT", help=help, show_default=False)


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
    contact: Annotated[
        list[str] | None,
        _contact_option(
            N_(
                "Who gets the invitations, e.g. 'Vorname Name <name@kreis.de>' (its contacts; "
                "give it once per address)."
            )
        ),
    ] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """A district joins: add it as a member, last in the rotation order."""
    from netzwerk_cli.contact import as_typed
    from netzwerk_cli.core.memberids import new_member_id, state_code
    from netzwerk_cli.core.members import add_member

    contacts = tuple(as_typed(text) for text in contact or ())
    refuse_control_characters(
        {"ID": member_id, "--name": name, "--seat": seat, "--state": state, **_named(contacts)}
    )

    change_file(
        file,
        today,
        lambda network, _on, _holidays: add_member(
            network,
            member_id=new_member_id(network, member_id),
            name=name,
            seat=seat,
            state=state_code(state),  # "by" and "Bayern" are BY
            joined=joined,
            contacts=contacts,
        ),
        dry_run=dry_run,
    )


@member_app.command(
    "edit",
    epilog=N_(
        "Only what is given changes; the rest of the file stays as it is, comments included. "
        "A held meeting keeps the venue written in it when the seat moves."
    ),
)
def member_edit(
    member_id: IdArgument,
    name: Annotated[
        str | None, typer.Option("--name", help=N_("The member's new full name."))
    ] = None,
    seat: Annotated[
        str | None, typer.Option("--seat", help=N_("Where the member hosts from now on."))
    ] = None,
    state: Annotated[
        str | None,
        typer.Option("--state", help=N_("The German state code of the seat, e.g. HE.")),
    ] = None,
    contact: Annotated[
        list[str] | None,
        _contact_option(
            N_(
                "The member's contacts from now on, replacing those in the file: give it once "
                "per address, e.g. 'Vorname Name <name@kreis.de>'."
            )
        ),
    ] = None,
    no_contacts: Annotated[
        bool,
        typer.Option("--no-contacts", help=N_("Take all of the member's contacts out.")),
    ] = False,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Change a member's name, seat, state or contacts."""
    from netzwerk_cli.core.memberids import member_id as typed_id
    from netzwerk_cli.core.memberids import state_code
    from netzwerk_cli.core.members import edit_member

    if contact and no_contacts:
        raise typer.BadParameter(
            terminal_words()(N_("give --contact or --no-contacts, not both")),
            param_hint="'--no-contacts'",
        )
    from netzwerk_cli.contact import as_typed

    contacts = () if no_contacts else (tuple(as_typed(t) for t in contact) if contact else None)
    if name is None and seat is None and state is None and contacts is None:
        raise usage_error(
            terminal_words()(N_("give what changes: --name, --seat, --state or --contact"))
        )
    refuse_control_characters(
        {"--name": name, "--seat": seat, "--state": state, **_named(contacts or ())}
    )

    change_file(
        file,
        today,
        lambda network, _on, _holidays: edit_member(
            network,
            member_id=typed_id(network, member_id),
            name=name,
            seat=seat,
            state=None if state is None else state_code(state),
            contacts=contacts,
        ),
        dry_run=dry_run,
    )


@member_app.command(
    "leave",
    epilog=N_(
        "A member that hosts a planned meeting on or after that day must hand it over first "
        "(netzwerk plan --host ID, or netzwerk cancel). A member that left can rejoin "
        "(netzwerk member rejoin)."
    ),
)
def member_leave(
    member_id: IdArgument,
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
    from netzwerk_cli.core.memberids import member_id as typed_id
    from netzwerk_cli.core.members import leave_member

    change_file(
        file,
        today,
        lambda network, on, _holidays: leave_member(
            network, member_id=typed_id(network, member_id), day=day, today=on
        ),
        dry_run=dry_run,
    )


@member_app.command(
    "rejoin",
    epilog=N_(
        "The member keeps its one entry in the file: `left` goes, and the time away (from the "
        "day it left to the day it rejoins) is kept in its `away` list. Its past meetings stay "
        "its own; the rotation counts it again from that day, as a member that newly joined. "
        "Rejoining on the day it left takes the leaving back."
    ),
)
def member_rejoin(
    member_id: IdArgument,
    day: Annotated[
        dt.date,
        date_option("--date", help=N_("The first day it belongs to the network again.")),
    ],
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """A district that left comes back: it belongs again and hosts in turn."""
    from netzwerk_cli.core.memberids import member_id as typed_id
    from netzwerk_cli.core.members import rejoin_member

    change_file(
        file,
        today,
        lambda network, _on, _holidays: rejoin_member(
            network, member_id=typed_id(network, member_id), day=day
        ),
        dry_run=dry_run,
    )


@member_app.command(
    "remove",
    epilog=N_(
        "Only a member that no meeting names (as host, held, planned or cancelled, or in its "
        "attendance); a member with meetings leaves instead (netzwerk member leave), so that "
        "its history stays."
    ),
)
def member_remove(
    member_id: IdArgument,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Take out a member added by mistake."""
    from netzwerk_cli.core.memberids import member_id as typed_id
    from netzwerk_cli.core.members import remove_member

    change_file(
        file,
        today,
        lambda network, _on, _holidays: remove_member(
            network, member_id=typed_id(network, member_id)
        ),
        dry_run=dry_run,
    )


def _named(contacts: tuple[str, ...]) -> dict[str, str | None]:
    """The addresses of --contact, each named for a message about it."""
    return {f"--contact {number}": text for number, text in enumerate(contacts, start=1)}
