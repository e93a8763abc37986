"""`netzwerk papers`: a meeting's invitation letter, attendance sheet and minutes (and the press
release and the annual report) as Word and PDF files, made from the network file."""

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netzwerk_cli.cli.app import Loaded, load
from netzwerk_cli.cli.options import FileOption, JsonOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import print_json, usage_error
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact, facts

if TYPE_CHECKING:
    from collections.abc import Callable

    from netzwerk_cli.core.answers import MeetingAnswers
    from netzwerk_cli.core.papers import Kind
    from netzwerk_cli.model import Meeting
    from netzwerk_cli.output.papers.document import Paper
    from netzwerk_cli.output.papers.meeting import MeetingFacts, Next

# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None, add_completion=False)

# A template is a Word file of a few pages and a logo; more is no template.
TEMPLATE_MOST = 20 * 2**20
# The file names of the papers, in the network's language: `einladung-2027-04-07.pdf`.
FILE_WORDS = {
    "de": {
        "invitation": "einladung",
        "attendance": "teilnehmerliste",
        "minutes": "protokoll",
        "press": "pressemitteilung",
        "report": "jahresbericht",
    },
}
# Which files each kind of paper is written as.
FORMATS = {"invitation": ("docx", "pdf"), "attendance": ("docx", "pdf"), "minutes": ("docx",)}
# Every paper with a Word template, as `netzwerk papers templates` writes them.
TEMPLATE_KINDS = (*FORMATS, "press", "report")


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
        written = _made_elsewhere(loaded, chosen, date, year, templates, output, force=force)
    else:
        written = _write(output, _files(loaded, chosen, date, templates), force=force)
    if as_json:
        print_json([str(path) for path in written])
    else:
        sys.stdout.write("".join(f"{path}\n" for path in written))


def _files(
    loaded: Loaded, chosen: "Kind", date: str | None, templates: Path | None
) -> dict[str, bytes]:
    """The files of a paper that netzwerk makes here, by name."""
    from netzwerk_cli.core.papers import Kind

    if chosen is Kind.TEMPLATES:
        return _template_files(loaded)
    return _meeting_files(loaded, chosen, _meeting(loaded, chosen, date), templates)


def _meeting(loaded: Loaded, kind: "Kind", typed: str | None) -> "Meeting":
    """The meeting of DATE, else the kind's default one; a `CommandError` that says why none."""
    from netzwerk_cli.core.papers import AFTERWARDS, default_meeting, meetings_on
    from netzwerk_cli.model import Status
    from netzwerk_cli.words.typed import TypedValueError, typed_day, typed_month

    network = loaded.network
    if typed is None:
        found = default_meeting(network, kind, today=loaded.today)
        if found is None:
            raise CommandError(
                fact(N_("no meeting has been held yet: give the DATE of one"))
                if kind in AFTERWARDS
                else fact(
                    N_("no meeting is planned from {today} on: plan one with `netzwerk plan`"),
                    today=loaded.today,
                )
            )
        meeting = found
    else:
        try:
            day, month = typed_day(typed), False
        except TypedValueError as exc:
            try:
                day, month = typed_month(typed), True
            except TypedValueError:
                from netzwerk_cli.cli.language import spoken

                raise usage_error(spoken().say(exc.text)) from None
        on = meetings_on(network, day, month=month)
        kept = [m for m in on if m.status is not Status.CANCELLED]
        if not kept:
            raise CommandError(
                fact(N_("the meeting of {date} is cancelled"), date=on[0].date)
                if on
                else fact(N_("{file} has no meeting on {date}"), file=str(loaded.path), date=day)
            )
        meeting = kept[0]
    if kind not in AFTERWARDS and not meeting.has_full_date:
        raise CommandError(
            fact(
                N_(
                    "the meeting hosted by {host} has no day yet: fix it first with "
                    "`netzwerk plan DATE`"
                ),
                host=network.member(meeting.host).name
                if network.has_member(meeting.host)
                else meeting.host,
            )
        )
    return meeting


def _meeting_files(
    loaded: Loaded, kind: "Kind", meeting: "Meeting", templates: Path | None
) -> dict[str, bytes]:
    """The files of one paper by name: its .docx (and .pdf)."""
    from netzwerk_cli.output.papers import meeting as papers

    gathered = _facts(loaded, kind, meeting)
    makers = {"invitation": papers.invitation, "attendance": papers.attendance}
    paper = makers.get(kind.value, papers.minutes)(gathered)
    stamp = dt.datetime.combine(loaded.today, dt.time(), tzinfo=dt.UTC)
    assert meeting.date is not None
    day = meeting.date.strftime("%Y-%m") if meeting.month_only else meeting.date.isoformat()
    stem = f"{_file_word(loaded, kind.value)}-{day}"
    files: dict[str, bytes] = {}
    for extension in FORMATS[kind.value]:
        files[f"{stem}.{extension}"] = _render(
            paper, extension, _template(loaded, kind, templates), stamp
        )
    return files


def _render(paper: "Paper", extension: str, template: bytes | None, stamp: dt.datetime) -> bytes:
    if extension == "pdf":
        from netzwerk_cli.output.papers.pdffile import pdf_bytes

        missing: list[str] = []
        data = pdf_bytes(paper, stamp=stamp, missing=missing)
        if missing:
            from netzwerk_cli.cli.terminal import say, terminal_words

            note = N_(
                "The PDF's font has no letter for {letters}: the PDF shows a box for each, the "
                "Word file shows them."
            )
            say(terminal_words()(note).format(letters=" ".join(missing)))
        return data
    from netzwerk_cli.output.papers.wordfile import word_bytes

    return word_bytes(paper, template=template, stamp=stamp)


def _file_word(loaded: Loaded, kind: str) -> str:
    return FILE_WORDS.get(loaded.network.language.value, {}).get(kind, kind)


def _template(loaded: Loaded, kind: "Kind", folder: Path | None) -> bytes | None:
    """The office's template for `kind` from `folder` (its English or German name), or None
    for the package's. The folder is the user's own choice (an option or their environment),
    never the network file's: a file that travels between districts names no file to read."""
    if folder is None:
        return None
    from netzwerk_cli.core.papers import KIND_NAMES
    from netzwerk_cli.file.fileio import read_bounded

    names = [name for name, value in KIND_NAMES.items() if value is kind]
    for name in names:
        path = folder / f"{name}.docx"
        if path.is_file():
            data = read_bounded(path, most=TEMPLATE_MOST)
            from netzwerk_cli.output.papers.wordfile import NotAWordFile, open_template

            try:
                open_template(data)
            except NotAWordFile:
                raise CommandError(
                    fact(N_("{path}: not a Word file (.docx) to use as a template"), path=str(path))
                ) from None
            return data
    if not folder.is_dir():
        raise CommandError(fact(N_("{path}: --templates must be a folder"), path=str(folder)))
    return None


def _template_files(loaded: Loaded) -> dict[str, bytes]:
    """The package's template once for each paper written in Word, to change and give back
    with --templates."""
    from netzwerk_cli.output.papers.wordfile import default_template

    data = default_template()
    return {f"{_file_word(loaded, kind)}.docx": data for kind in TEMPLATE_KINDS}


def _facts(loaded: Loaded, kind: "Kind", meeting: "Meeting") -> "MeetingFacts":
    from netzwerk_cli.core.agenda import start_of, timed_agenda
    from netzwerk_cli.core.papers import Kind, invited_on, meeting_number, presence, reply_by
    from netzwerk_cli.output.papers.meeting import MeetingFacts

    network = loaded.network
    assert meeting.date is not None
    host = network.member(meeting.host)
    gathered = MeetingFacts(
        network=network,
        meeting=meeting,
        number=meeting_number(network, meeting),
        host=host,
        venue=network.venue_of(meeting),
        start=start_of(network, meeting),
        agenda=timed_agenda(network, meeting),
        invited=invited_on(network, meeting.date),
        sender=network.mail.sender if network.mail is not None else None,
    )
    if kind is Kind.INVITATION:
        from dataclasses import replace

        # A meeting that has passed asks for no answer any more.
        if meeting.date < loaded.today:
            return gathered
        return replace(gathered, reply_by=reply_by(meeting.date, today=loaded.today))
    if kind is Kind.MINUTES:
        from dataclasses import replace

        return replace(
            gathered,
            presence=presence(network, meeting, _answers(loaded, meeting)),
            next=_next(loaded, meeting),
        )
    return gathered


def _answers(loaded: Loaded, meeting: "Meeting") -> "MeetingAnswers | None":
    """The answers to the invitation of `meeting`, from the records beside the file (None when
    it was never invited)."""
    from netzwerk_cli.calendar.uids import meeting_uid
    from netzwerk_cli.core.answers import answers
    from netzwerk_cli.file.answered import REPLIES, read_answers
    from netzwerk_cli.file.records import SENT, read_invited, record_path

    sent = record_path(loaded.path, SENT)
    if not sent.exists() or meeting.date is None:
        return None
    invited = read_invited(sent)
    uid = meeting_uid(loaded.network, meeting)
    if uid not in invited:
        return None
    record = read_answers(record_path(loaded.path, REPLIES))
    found = answers(loaded.network, {uid: invited[uid]}, record.replies(), today=meeting.date)
    return found[0] if found else None


def _answers_since(loaded: Loaded, day: dt.date) -> "list[MeetingAnswers]":
    """The answers to every meeting invited to from `day` on, from the records beside the file
    (none when nothing was ever sent)."""
    from netzwerk_cli.core.answers import answers
    from netzwerk_cli.file.answered import REPLIES, read_answers
    from netzwerk_cli.file.records import SENT, read_invited, record_path

    sent = record_path(loaded.path, SENT)
    if not sent.exists():
        return []
    record = read_answers(record_path(loaded.path, REPLIES))
    return answers(loaded.network, read_invited(sent), record.replies(), today=day)


def _next(loaded: Loaded, meeting: "Meeting") -> "Next | None":
    """The meeting after `meeting`, as the schedule has it from the day after it (or from today,
    when that is later)."""
    from netzwerk_cli.cli.app import holiday_lookup
    from netzwerk_cli.core.rrules import CadenceError
    from netzwerk_cli.core.schedule import Kind as Planned
    from netzwerk_cli.core.schedule import coming_meetings
    from netzwerk_cli.errors import NoHostError
    from netzwerk_cli.output.papers.meeting import Next

    assert meeting.last_day is not None
    since = max(loaded.today, meeting.last_day + dt.timedelta(days=1))
    try:
        with holiday_lookup() as holidays:
            schedule = coming_meetings(loaded.network, today=since, holidays=holidays, count=2)
    except (CadenceError, NoHostError):
        return None
    for row in schedule.meetings:
        if row.meeting is not None and row.meeting.position == meeting.position:
            continue
        day = row.date if not row.month_only else None
        return Next(day, row.host, row.venue, row.start, proposed=row.kind is Planned.PROPOSED)
    return None


def _made_elsewhere(
    loaded: Loaded,
    kind: "Kind",
    date: str | None,
    year: int | None,
    templates: Path | None,
    output: Path,
    *,
    force: bool,
) -> list[Path]:
    """The press release and the annual report, whose writers (`output.papers.press`,
    `output.papers.report`) write into a folder themselves: into a scratch folder inside
    `output` first, then moved beside it, so that an existing paper is kept unless `force` and
    nothing is left half-written."""
    from netzwerk_cli.cli.app import holiday_lookup
    from netzwerk_cli.core.papers import Kind

    stamp = dt.datetime.combine(loaded.today, dt.time(), tzinfo=dt.UTC)
    template = _template(loaded, kind, templates)
    meeting = _meeting(loaded, kind, date) if kind is Kind.PRESS else None
    chosen = year if year is not None else loaded.today.year

    def make(folder: Path) -> list[Path]:
        with holiday_lookup() as holidays:
            if meeting is not None:
                from netzwerk_cli.output.papers.press import write_press

                return write_press(
                    loaded.network,
                    meeting,
                    folder,
                    today=loaded.today,
                    holidays=holidays,
                    template=template,
                    stamp=stamp,
                )
            from netzwerk_cli.output.papers.report import write_report

            return write_report(
                loaded.network,
                chosen,
                folder,
                today=loaded.today,
                holidays=holidays,
                answers=_answers_since(loaded, dt.date(chosen, 1, 1)),
                template=template,
                stamp=stamp,
            )

    return _moved(output, make, force=force)


def _moved(folder: Path, make: "Callable[[Path], list[Path]]", *, force: bool) -> list[Path]:
    """The files `make` writes into a scratch folder inside `folder`, moved into `folder` (a
    rename in one folder: each file whole or not at all); none when one exists already and not
    `force`. The scratch folder is removed whatever happens."""
    import shutil
    import tempfile

    from netzwerk_cli.errors import WriteError
    from netzwerk_cli.file.fileio import ensure_folder

    ensure_folder(
        folder, not_a_folder=fact(N_("{path}: --output must be a folder"), path=str(folder))
    )
    try:
        scratch = Path(tempfile.mkdtemp(prefix=".netzwerk-papers-", dir=folder))
    except OSError as exc:
        raise WriteError(
            fact(N_("{path}: cannot write: {why}"), path=folder, why=exc.strerror)
        ) from None
    try:
        made = make(scratch)
        targets = [folder / path.name for path in made]
        _refuse_existing(targets, force=force)
        for path, target in zip(made, targets, strict=True):
            path.replace(target)
        return targets
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _refuse_existing(targets: list[Path], *, force: bool) -> None:
    """A `CommandError` when one of `targets` exists already and not `force`."""
    there = [path for path in targets if path.exists() or path.is_symlink()]
    if there and not force:
        raise CommandError(
            facts(
                "{paths} exists already: nothing was written; --force replaces it",
                "{paths} exist already: nothing was written; --force replaces them",
                count=len(there),
                paths=", ".join(map(str, there)),
            )
        )


def _write(folder: Path, files: dict[str, bytes], *, force: bool) -> list[Path]:
    """Write `files` into `folder` (created if missing, as every folder netzwerk writes into),
    each atomically; none at all when one exists already and not `force`."""
    from netzwerk_cli.file.fileio import ensure_folder, write_atomically

    ensure_folder(
        folder, not_a_folder=fact(N_("{path}: --output must be a folder"), path=str(folder))
    )
    targets = [folder / name for name in files]
    _refuse_existing(targets, force=force)
    for path, data in zip(targets, files.values(), strict=True):
        write_atomically(path, data)
    return targets
