"""The options every command shares (--file, --today, --lang, --json) and the parsers of the days
typed on the command line (ISO or German, through `words.typed`)."""

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from netzwerk_cli.cli.language import spoken
from netzwerk_cli.message import N_
from netzwerk_cli.model import Language


def parse_date(value: str | dt.date) -> dt.date:
    """A day typed on the command line (2027-04-07, 07.04.2027, 7.4.2027: `words.typed`); a
    usage error (exit 2) that says why otherwise."""
    if isinstance(value, dt.date):
        return value
    from netzwerk_cli.words.typed import TypedValueError, typed_day

    try:
        return typed_day(value)
    except TypedValueError as exc:
        raise typer.BadParameter(spoken().say(exc.text)) from None


def parse_first_day(value: str | dt.date) -> dt.date:
    """A day, or a month for its first day (`--since 04.2027`); a usage error otherwise."""
    return _parse_bound(value, last=False)


def parse_last_day(value: str | dt.date) -> dt.date:
    """A day, or a month for its last day (`--until 04.2027`); a usage error otherwise."""
    return _parse_bound(value, last=True)


def _parse_bound(value: str | dt.date, *, last: bool) -> dt.date:
    if isinstance(value, dt.date):
        return value
    from netzwerk_cli.words.typed import TypedValueError, typed_bound

    try:
        return typed_bound(value, last=last)
    except TypedValueError as exc:
        raise typer.BadParameter(spoken().say(exc.text)) from None


FileOption = Annotated[
    Path | None,
    typer.Option(
        "--file",
        "-f",
        envvar="NETZWERK_FILE",
        help=N_("The network file (default: ./network.toml; or set NETZWERK_FILE)."),
        show_default=False,
    ),
]
TodayOption = Annotated[
    dt.date | None,
    typer.Option(
        "--today",
        envvar="NETZWERK_TODAY",
        parser=parse_date,
        metavar="YYYY-MM-DD",
        help=N_(
            "Take this day as today (or set NETZWERK_TODAY), for what-if questions and scripts."
        ),
        show_default=False,
    ),
]
# Every command takes --lang (like --today). Its value is not used by the command: the language
# is chosen from the arguments before click parses them (`_Group.main`), so that --help and
# click's own errors are in it too; the option is declared so that click lists and checks it.
LangOption = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        case_sensitive=False,  # --lang DE, as NETZWERK_LANG=DE
        help=N_(
            "The language of the output for people: de or en (default: NETZWERK_LANG, the "
            "locale, the file's language, English)."
        ),
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool,
    typer.Option("--json", help=N_("Print JSON (stable keys, see the manual) instead of a table.")),
]


def date_option(*names: str, help: str, month: str | None = None) -> Any:
    """An optional date option (ISO or German, `words.typed`); with `month` "first" or "last", a
    month typed (04.2027) stands for its first or last day."""
    parser = {None: parse_date, "first": parse_first_day, "last": parse_last_day}[month]
    return typer.Option(*names, parser=parser, metavar="YYYY-MM-DD", help=help, show_default=False)
