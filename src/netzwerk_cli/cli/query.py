"""The commands that answer questions: next-host, members, history, schedule."""

import datetime as dt
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netzwerk_cli.cli.app import holiday_lookup, load
from netzwerk_cli.cli.options import FileOption, JsonOption, LangOption, TodayOption, date_option
from netzwerk_cli.cli.terminal import print_json, show, terminal_words
from netzwerk_cli.message import N_, fact, facts, label_of
from netzwerk_cli.model import Meeting, Network, Status

if TYPE_CHECKING:
    from rich.console import RenderableType

    from netzwerk_cli.core.schedule import ComingMeeting
    from netzwerk_cli.words import Words


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
        help=N_("table (default), json (as --json), csv (for Excel) or markdown (for minutes)."),
        show_default=False,
    ),
]
DelimiterOption = Annotated[
    str | None,
    typer.Option(
        "--delimiter",
        metavar="CHAR",
        help=N_(
            'The CSV column separator (default ";", as Excel on a German desktop expects; '
            '"," for other tools).'
        ),
        show_default=False,
    ),
]


# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None)


@commands.command("next-host")
def next_host(
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who hosts the next meeting, where, when (if known), and why."""
    from netzwerk_cli.core.schedule import next_meeting
    from netzwerk_cli.output import jsonrows, tables

    loaded = load(file, today)
    with holiday_lookup() as holidays:
        row = next_meeting(loaded.network, today=loaded.today, holidays=holidays)
    if as_json:
        from netzwerk_cli.cli.recorded import answers_now

        counts = {m.uid: m.counts() for m in answers_now(loaded)}
        answered = None
        if counts and row.meeting is not None:
            from netzwerk_cli.calendar.uids import meeting_uid

            answered = counts.get(meeting_uid(loaded.network, row.meeting))
        print_json(jsonrows.coming_json(row, answers=answered))
    else:
        sys.stdout.write(tables.next_host_text(row, terminal_words()))


@commands.command()
def members(
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
    output_format: FormatOption = None,
    delimiter: DelimiterOption = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar=N_("YYYY"),
            min=1,
            max=9999,
            help=N_(
                "Count only the meetings of this year: hosted, attended, agenda items brought "
                "(the figures of an annual report)."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """The members in rotation order: state, times hosted, last hosted, whether they can host."""
    import dataclasses

    from netzwerk_cli.output import jsonrows, tables

    chosen = _format(output_format, as_json=as_json, delimiter=delimiter)
    loaded = load(file, today)
    network = loaded.network
    if year is not None:
        kept = tuple(m for m in network.meetings if m.date is not None and m.date.year == year)
        network = dataclasses.replace(network, meetings=kept)
    _print_rows(
        chosen,
        jsonrows.MEMBER_KEYS,
        jsonrows.members_json(network, today=loaded.today),
        table=lambda: tables.members_table(
            network, today=loaded.today, said=terminal_words(), year=year
        ),
        delimiter=delimiter,
        empty=lambda: terminal_words()(NO_MEMBERS),
    )


@commands.command()
def history(
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
    since: Annotated[
        dt.date | None,
        date_option("--since", month="first", help=N_("Only meetings on or after this date.")),
    ] = None,
    until: Annotated[
        dt.date | None,
        date_option("--until", month="last", help=N_("Only meetings on or before this date.")),
    ] = None,
    host: Annotated[
        str | None, typer.Option("--host", help=N_("Only meetings this member hosted (its id)."))
    ] = None,
    as_json: JsonOption = False,
    output_format: FormatOption = None,
    delimiter: DelimiterOption = None,
) -> None:
    """The meetings held and cancelled so far, oldest first."""
    from netzwerk_cli.output import jsonrows, tables

    chosen = _format(output_format, as_json=as_json, delimiter=delimiter)
    loaded = load(file, today)
    network = loaded.network
    if host is not None:
        from netzwerk_cli.core.memberids import member_id

        host = member_id(network, host)
    meetings = [
        m
        for m in network.chronological()
        if m.status is not Status.PLANNED
        and (host is None or m.host == host)
        and _within(m, since=since, until=until)
    ]
    _print_rows(
        chosen,
        jsonrows.MEETING_KEYS,
        [jsonrows.meeting_json(network, m) for m in meetings],
        table=lambda: tables.history_table(network, meetings, terminal_words()),
        delimiter=delimiter,
        empty=lambda: _no_history(network, since=since, until=until, host=host),
    )


@commands.command()
def schedule(
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
    count: Annotated[
        int | None,
        typer.Option(
            "--count",
            "-n",
            min=1,
            help=N_("How many meetings (default 4; no limit with --until)."),
        ),
    ] = None,
    until: Annotated[
        dt.date | None,
        date_option("--until", month="last", help=N_("No meetings after this date.")),
    ] = None,
    as_json: JsonOption = False,
    output_format: FormatOption = None,
    delimiter: DelimiterOption = None,
) -> None:
    """The coming meetings: planned ones, then the cadence's dates, with hosts and holidays."""
    from netzwerk_cli.cli.terminal import say
    from netzwerk_cli.core.schedule import coming_meetings
    from netzwerk_cli.output import jsonrows, tables

    chosen = _format(output_format, as_json=as_json, delimiter=delimiter)
    loaded = load(file, today)
    limit = count if count is not None else (None if until is not None else 4)
    with holiday_lookup() as holidays:
        plan = coming_meetings(
            loaded.network, today=loaded.today, holidays=holidays, count=limit, until=until
        )
    said = terminal_words()
    from netzwerk_cli.cli.recorded import answers_now

    counts = {m.uid: m.counts() for m in answers_now(loaded)}

    def answered(row: "ComingMeeting") -> dict[str, int] | None:
        if not counts or row.meeting is None:
            return None
        from netzwerk_cli.calendar.uids import meeting_uid

        return counts.get(meeting_uid(loaded.network, row.meeting))

    # CSV and Markdown are for people: their reasons and holidays in the reader's language.
    for_people = chosen in (Format.CSV, Format.MARKDOWN)
    _print_rows(
        chosen,
        jsonrows.COMING_KEYS,
        [
            jsonrows.coming_json(
                row, said if for_people else jsonrows.JSON_WORDS, answers=answered(row)
            )
            for row in plan.meetings
        ],
        table=lambda: tables.schedule_table(loaded.network, plan, said, answers=counts),
        delimiter=delimiter,
        empty=lambda: _no_coming_meeting(
            loaded.network, plan.has_cadence, until=until, today=loaded.today
        ),
    )
    if not plan.has_cadence and (plan.meetings or chosen is not Format.TABLE):
        say(said(N_("The file sets no cadence, so only the planned meetings are listed.")))
    elif plan.exhausted:
        say(said.say(fact(N_("Fewer meetings than asked for: {why}."), why=plan.exhausted)))


def _format(chosen: Format | None, *, as_json: bool, delimiter: str | None) -> Format:
    """The format asked for, with `--json` as the short form of `--format json`; usage errors
    (exit 2) for a conflict, and for a `--delimiter` that CSV cannot use or that no CSV uses."""
    said = terminal_words()
    if as_json and chosen not in (None, Format.JSON):
        raise typer.BadParameter(
            said(N_("--json and --format {format} ask for two formats; give one")).format(
                format=chosen.value
            ),
            param_hint="'--format'",
        )
    result = Format.JSON if as_json else chosen or Format.TABLE
    if delimiter is not None:
        if result is not Format.CSV:
            raise typer.BadParameter(
                said(N_("a delimiter is for --format csv only")), param_hint="'--delimiter'"
            )
        # One character, and not one the csv module needs for quoting or for ending rows.
        if len(delimiter) != 1 or delimiter in '"\r\n':
            raise typer.BadParameter(
                said(
                    N_(
                        "{delimiter} is not one character other than a quote or a line break "
                        '(e.g. ",")'
                    )
                ).format(delimiter=repr(delimiter)),
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
    empty: Callable[[], str],
) -> None:
    """The rows of a list command on stdout, in the format asked for; the JSON rows are the source
    of every other form but the table, which `table` builds only when asked (it imports Rich).
    Without rows, the table is a sentence (`empty`) that says what is empty and what to do; JSON
    stays an empty list, CSV and Markdown keep their header row."""
    if chosen is Format.TABLE and not rows:
        sys.stdout.write(empty() + "\n")
    elif chosen is Format.TABLE:
        show(table())
    elif chosen is Format.JSON:
        print_json(list(rows))
    elif chosen is Format.CSV:
        from netzwerk_cli.output.peoplerows import people_columns, people_row
        from netzwerk_cli.output.tabular import EXCEL_DELIMITER, csv_text

        said = terminal_words()
        text = csv_text(
            people_columns(columns, said),
            [_renamed(people_row(dict(row), said), columns, said) for row in rows],
            delimiter=delimiter or EXCEL_DELIMITER,
        )
        # Bytes, so that no platform turns the CR LF row endings Excel expects into anything else.
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        from netzwerk_cli.output.peoplerows import people_columns, people_row
        from netzwerk_cli.output.tabular import markdown_text

        said = terminal_words()
        sys.stdout.write(
            markdown_text(
                people_columns(columns, said),
                [_renamed(people_row(dict(row), said), columns, said) for row in rows],
            )
        )
        sys.stdout.flush()


NO_MEMBERS = N_(
    "The network has no members yet. Add one with "
    "`netzwerk member add ID --name NAME --seat PLACE --state STATE`."
)


def _no_history(
    network: Network, *, since: dt.date | None, until: dt.date | None, host: str | None
) -> str:
    """Why `history` lists nothing, and what to do."""
    said = terminal_words()
    if not any(m.status is not Status.PLANNED for m in network.meetings):
        return said(
            N_(
                "No meeting has been recorded yet. Record one that was held with "
                "`netzwerk record DATE`."
            )
        )
    filters = [
        f"{option} {value}"
        for option, value in (
            ("--since", said.date(since) if since else None),
            ("--until", said.date(until) if until else None),
            ("--host", host),
        )
        if value
    ]
    return said(N_("No meeting held or cancelled matches {filters}.")).format(
        filters=", ".join(filters)
    )


def _no_coming_meeting(
    network: Network, has_cadence: bool, *, until: dt.date | None, today: dt.date
) -> str:
    """Why `schedule` lists nothing, and what to do (why the cadence gave out is said on stderr);
    planned meetings whose day has passed are named, as they wait to be recorded or cancelled."""
    said = terminal_words()
    if not network.members:
        return said(NO_MEMBERS)
    if not has_cadence:
        text = said(
            N_(
                "No meeting is planned, and the file sets no cadence. Plan one with "
                '`netzwerk plan DATE`, or say when the network meets: `netzwerk cadence "2nd '
                'Tuesday in March, July and November"`.'
            )
        )
    elif until is not None:
        text = said(N_("No coming meeting up to {date}; a later --until shows more.")).format(
            date=said.date(until)
        )
    else:
        text = said(N_("No coming meeting."))
    passed = [
        m
        for m in network.chronological()
        if m.status is Status.PLANNED and m.date is not None and not m.is_coming(today)
    ]
    if passed:
        text += " " + said.say(
            facts(
                "{count} planned meeting has passed ({dates}): record or cancel it "
                "(`netzwerk remind` says how).",
                "{count} planned meetings have passed ({dates}): record or cancel them "
                "(`netzwerk remind` says how).",
                count=len(passed),
                dates=[label_of(m) for m in passed],
            )
        )
    return text


def _renamed(row: Mapping[str, Any], columns: Sequence[str], said: "Words") -> dict[str, Any]:
    """A row keyed by its header in the reader's language (the columns' keys in English)."""
    from netzwerk_cli.output.peoplerows import people_columns

    return dict(zip(people_columns(columns, said), (row.get(c) for c in columns), strict=True))


def _within(meeting: Meeting, *, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether a dated meeting falls in the bounds; a month-only one spans its whole month."""
    if meeting.date is None or meeting.last_day is None:
        return False
    return (since is None or meeting.last_day >= since) and (until is None or meeting.date <= until)
