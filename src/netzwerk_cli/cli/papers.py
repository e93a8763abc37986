"""`netzwerk papers`: a meeting's invitation letter, attendance sheet and minutes (and the press
release and the annual report) as Word and PDF files, made from the network file.

The command: its options, the checks of KIND, DATE and --year, and what it prints. What a paper
says comes from `cli.paperfacts`, its files from `cli.paperfiles`; `cli.paperwriting` puts them
into the folder."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from netzwerk_cli.cli.app import load
from netzwerk_cli.cli.options import FileOption, JsonOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import print_json, usage_error
from netzwerk_cli.message import N_

# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None, add_completion=False)


@commands.command(
    epilog="KIND: invitation (einladung), attendance (teilnehmerliste), minutes (protokoll), "
    "press (pressemitteilung), report (jahresbericht), or templates (vorlagen: the default Word "
    "templates, to change). Without DATE: the next planned meeting; for minutes and press, the "
    "last one held. The papers are in the network's language. A file that exists already is "
    "left as it is unless --force: the minutes may have been written in meanwhile."
)
def papers(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help=N_("Which paper: invitation, attendance, minutes, press, report, templates"),
        ),
    ],
    date: Annotated[
        str | None,
        typer.Argument(
            metavar="DATE",
            help=N_("The meeting's day (2027-04-07 or 07.04.2027), or its month (04.2027)."),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help=N_("The folder to write into (default: the current one); created if missing."),
            show_default=False,
        ),
    ] = Path(),
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DIR",
            envvar="NETZWERK_TEMPLATES",
            help=N_(
                "A folder of Word templates (invitation.docx, attendance.docx, minutes.docx, "
                "press.docx, report.docx or their German names) to use instead of the package's "
                "(or set NETZWERK_TEMPLATES)."
            ),
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YYYY",
            min=1900,
            max=9999,
            help=N_("The year of the annual report (default: the current one)."),
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Replace papers that exist already."))
    ] = False,
    as_json: JsonOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Write a meeting's papers (invitation letter, attendance sheet, minutes, press release) or
    the annual report, as Word, PDF and text files."""
    from netzwerk_cli.cli.language import spoken
    from netzwerk_cli.cli.paperfiles import made_elsewhere, paper_files
    from netzwerk_cli.cli.paperwriting import write_files
    from netzwerk_cli.core.papers import Kind, paper_kind

    chosen = paper_kind(kind)
    if chosen is None:
        raise usage_error(
            spoken()(
                N_(
                    "no paper '{kind}': say invitation, attendance, minutes, press, report or "
                    "templates (einladung, teilnehmerliste, protokoll, pressemitteilung, "
                    "jahresbericht, vorlagen)"
                )
            ).format(kind=kind)
        )
    if year is not None and chosen is not Kind.REPORT:
        raise usage_error(spoken()(N_("--year is for the annual report (report) only")))
    if date is not None and chosen in (Kind.REPORT, Kind.TEMPLATES):
        raise usage_error(
            spoken()(N_("{kind} takes no DATE (the annual report: --year YYYY)")).format(
                kind=chosen.value
            )
        )
    loaded = load(file, today)
    if chosen in (Kind.PRESS, Kind.REPORT):
        written = made_elsewhere(loaded, chosen, date, year, templates, output, force=force)
    else:
        written = write_files(output, paper_files(loaded, chosen, date, templates), force=force)
    if as_json:
        print_json([str(path) for path in written])
    else:
        sys.stdout.write("".join(f"{path}\n" for path in written))
