"""The commands that answer questions: next-host, members, history, schedule."""

import datetime as dt
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netzwerk_cli.cli.app import (
    FileOption,
    JsonOption,
    TodayOption,
    date_option,
    holiday_lookup,
    load,
    print_json,
    show,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.model import Meeting, Network, Status

if TYPE_CHECKING:
    from rich.console import RenderableType


class Format(StrEnum):
    """How a list command prints its rows."""

    TABLE = "table"  # for people, Rich
    JSON = "json"  # for scripts, the stable form
    CSV = "csv"  # for spreadsheets: Excel on a German desktop opens it by double-click
    MARKDOWN = "markdown"  # for minutes: a GitHub-flavoured table


FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        help="table (default), json (as --json), csv (for Excel) or markdown (for minutes).",
        show_default=False,
    ),
]
DelimiterOption = Annotated[
    str | None,
    typer.Option(
        "--delimiter",
        metavar="CHAR",
        help='The CSV column separator (default ";", as Excel on a German desktop expects; '
        '"," for other tools).',
        show_default=False,
    ),
]


# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None)


@commands.command("next-host")
def next_host(
    file: FileOption = None,
    today: TodayOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who hosts the next meeting, where, when (if known), and why."""
    from netzwerk_cli.core.schedule import next_meeting
    from netzwerk_cli.output import render

    loaded = load(file, today)
    with holiday_lookup() as holidays:
        row = next_meeting(loaded.network, today=loaded.today, holidays=holidays)
    if as_json:
        print_json(render.coming_json(row))
    else:
        sys.stdout.write(render.next_host_text(row))


@commands.command()
def members(
    file: FileOption = None,
    today: TodayOption = None,
    as_json: JsonOption = False,
    output_format: FormatOption = None,
    delimiter: DelimiterOption = None,
) -> None:
    """The members in rotation order: state, times hosted, last hosted, whether they can host."""
    from netzwerk_cli.output import render

    chosen = _format(output_format, as_json=as_json, delimiter=delimiter)
    loaded = load(file, today)
    _print_rows(
        chosen,
        render.MEMBER_KEYS,
        render.members_json(loaded.network, today=loaded.today),
        table=lambda: render.members_table(loaded.network, today=loaded.today),
        delimiter=delimiter,
    )


@commands.command()
def history(
    file: FileOption = None,
    today: TodayOption = None,
    since: Annotated[
        dt.date | None, date_option("--since", help="Only meetings on or after this date.")
    ] = None,
    until: Annotated[
        dt.date | None, date_option("--until", help="Only meetings on or before this date.")
    ] = None,
    host: Annotated[
        str | None, typer.Option("--host", help="Only meetings this member hosted (its id).")
    ] = None,
    as_json: JsonOption = False,
    output_format: FormatOption = None,
    delimiter: DelimiterOption = None,
) -> None:
    """The meetings held and cancelled so far, oldest first."""
    from netzwerk_cli.output import render

    chosen = _format(output_format, as_json=as_json, delimiter=delimiter)
    loaded = load(file, today)
    network = loaded.network
    _check_host(network, host)
    meetings = [
        m
        for m in network.chronological()
        if m.status is not Status.PLANNED
        and (host is None or m.host == host)
        and _within(m, since=since, until=until)
    ]
    _print_rows(
        chosen,
        render.MEETING_KEYS,
        [render.meeting_json(network, m) for m in meetings],
        table=lambda: render.history_table(network, meetings),
        delimiter=delimiter,
    )


@commands.command()
def schedule(
    file: FileOption = None,
    today: TodayOption = None,
    count: Annotated[
        int | None,
        typer.Option(
            "--count", "-n", min=1, help="How many meetings (default 4; no limit with --until)."
        ),
    ] = None,
    until: Annotated[
        dt.date | None, date_option("--until", help="No meetings after this date.")
    ] = None,
    as_json: JsonOption = False,
    output_format: FormatOption = None,
    delimiter: DelimiterOption = None,
) -> None:
    """The coming meetings: planned ones, then the cadence's dates, with hosts and holidays."""
    from netzwerk_cli.cli.app import say
    from netzwerk_cli.core.schedule import coming_meetings
    from netzwerk_cli.output import render

    chosen = _format(output_format, as_json=as_json, delimiter=delimiter)
    loaded = load(file, today)
    limit = count if count is not None else (None if until is not None else 4)
    with holiday_lookup() as holidays:
        plan = coming_meetings(
            loaded.network, today=loaded.today, holidays=holidays, count=limit, until=until
        )
    _print_rows(
        chosen,
        render.COMING_KEYS,
        [render.coming_json(row) for row in plan.meetings],
        table=lambda: render.schedule_table(loaded.network, plan),
        delimiter=delimiter,
    )
    if not plan.has_cadence:
        say("The file sets no cadence, so only the planned meetings are listed.")
    elif plan.exhausted:
        say(f"Fewer meetings than asked for: {plan.exhausted}.")


def _format(chosen: Format | None, *, as_json: bool, delimiter: str | None) -> Format:
    """The format asked for, with `--json` as the short form of `--format json`; usage errors
    (exit 2) for a conflict, and for a `--delimiter` that CSV cannot use or that no CSV uses."""
    if as_json and chosen not in (None, Format.JSON):
        raise typer.BadParameter(
            f"--json and --format {chosen.value} ask for two formats; give one",
            param_hint="'--format'",
        )
    result = Format.JSON if as_json else chosen or Format.TABLE
    if delimiter is not None:
        if result is not Format.CSV:
            raise typer.BadParameter(
                "a delimiter is for --format csv only", param_hint="'--delimiter'"
            )
        # One character, and not one the csv module needs for quoting or for ending rows.
        if len(delimiter) != 1 or delimiter in '"\r\n':
            raise typer.BadParameter(
                f'{delimiter!r} is not one character other than a quote or a line break (e.g. ",")',
                param_hint="'--delimiter'",
            )
    return result


def _print_rows(
    chosen: Format,
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    *,
    table: Callable[[], "RenderableType"],
    delimiter: str | None,
) -> None:
    """The rows of a list command on stdout, in the format asked for; the JSON rows are the source
    of every other form but the table, which `table` builds only when asked (it imports Rich)."""
    if chosen is Format.TABLE:
        show(table())
    elif chosen is Format.JSON:
        print_json(list(rows))
    elif chosen is Format.CSV:
        from netzwerk_cli.output.tabular import EXCEL_DELIMITER, csv_text

        text = csv_text(columns, rows, delimiter=delimiter or EXCEL_DELIMITER)
        # Bytes, so that no platform turns the CR LF row endings Excel expects into anything else.
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        from netzwerk_cli.output.tabular import markdown_text

        sys.stdout.write(markdown_text(columns, rows))
        sys.stdout.flush()


def _within(meeting: Meeting, *, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether a dated meeting falls in the bounds; a month-only one spans its whole month."""
    if meeting.date is None or meeting.last_day is None:
        return False
    return (since is None or meeting.last_day >= since) and (until is None or meeting.date <= until)


def _check_host(network: Network, host: str | None) -> None:
    if host is not None and not network.has_member(host):
        known = ", ".join(m.id for m in network.members) or "none yet"
        raise CommandError(f'"{host}" is not a member (members: {known})')
