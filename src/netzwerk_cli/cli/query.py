"""The commands that answer questions: next-host, members, history, schedule."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from netzwerk_cli.cli.app import (
    FileOption,
    JsonOption,
    TodayOption,
    app,
    date_option,
    load,
    print_json,
    show,
)
from netzwerk_cli.errors import CommandError
from netzwerk_cli.model import Meeting, Network, Status


@app.command("next-host")
def next_host(
    file: FileOption = None,
    today: TodayOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who hosts the next meeting, where, when (if known), and why."""
    from netzwerk_cli import render
    from netzwerk_cli.holidaycache import cached_holidays
    from netzwerk_cli.schedule import next_meeting

    loaded = load(file, today)
    with cached_holidays() as holidays:
        row = next_meeting(loaded.network, today=loaded.today, holidays=holidays)
    if as_json:
        print_json(render.coming_json(row))
    else:
        show(render.next_host_view(row))


@app.command()
def members(
    file: FileOption = None,
    today: TodayOption = None,
    as_json: JsonOption = False,
) -> None:
    """The members in rotation order: state, times hosted, last hosted, whether they can host."""
    from netzwerk_cli import render

    loaded = load(file, today)
    if as_json:
        print_json(render.members_json(loaded.network, today=loaded.today))
    else:
        show(render.members_table(loaded.network, today=loaded.today))


@app.command()
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
) -> None:
    """The meetings held and cancelled so far, oldest first."""
    from netzwerk_cli import render

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
    if as_json:
        print_json([render.meeting_json(network, m) for m in meetings])
    else:
        show(render.history_table(network, meetings))


@app.command()
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
) -> None:
    """The coming meetings: planned ones, then the cadence's dates, with hosts and holidays."""
    from netzwerk_cli import render
    from netzwerk_cli.cli.app import say
    from netzwerk_cli.holidaycache import cached_holidays
    from netzwerk_cli.schedule import coming_meetings

    loaded = load(file, today)
    limit = count if count is not None else (None if until is not None else 4)
    with cached_holidays() as holidays:
        plan = coming_meetings(
            loaded.network, today=loaded.today, holidays=holidays, count=limit, until=until
        )
    if as_json:
        print_json([render.coming_json(row) for row in plan.meetings])
    else:
        show(render.schedule_table(loaded.network, plan))
    if not plan.has_cadence:
        say("The file sets no cadence, so only the planned meetings are listed.")
    elif plan.exhausted:
        say(f"Fewer meetings than asked for: {plan.exhausted}.")


def _within(meeting: Meeting, *, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether a dated meeting falls in the bounds; a month-only one spans its whole month."""
    if meeting.date is None:
        return False
    last = meeting.date
    if meeting.month_only:
        last = (meeting.date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        last -= dt.timedelta(days=1)
    return (since is None or last >= since) and (until is None or meeting.date <= until)


def _check_host(network: Network, host: str | None) -> None:
    if host is not None and not network.has_member(host):
        known = ", ".join(m.id for m in network.members) or "none yet"
        raise CommandError(f'"{host}" is not a member (members: {known})')
