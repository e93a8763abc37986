"""The files of `netzwerk papers`: a meeting's paper as Word and PDF bytes, named in the
network's language, on the office's template or the package's; the package's template to change;
and the press release and the annual report, which their writers make in a folder."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from netzwerk_cli.cli.app import Loaded
from netzwerk_cli.cli.paperfacts import answers_since, meeting_facts, paper_meeting
from netzwerk_cli.cli.paperwriting import move_made
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact

if TYPE_CHECKING:
    from netzwerk_cli.core.papers import Kind
    from netzwerk_cli.model import Meeting
    from netzwerk_cli.output.papers.document import Paper

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


def paper_files(
    loaded: Loaded, chosen: "Kind", date: str | None, templates: Path | None
) -> dict[str, bytes]:
    """The files of a paper that netzwerk makes here, by name."""
    from netzwerk_cli.core.papers import Kind

    if chosen is Kind.TEMPLATES:
        return _template_files(loaded)
    return _meeting_files(loaded, chosen, paper_meeting(loaded, chosen, date), templates)


def _meeting_files(
    loaded: Loaded, kind: "Kind", meeting: "Meeting", templates: Path | None
) -> dict[str, bytes]:
    """The files of one paper by name: its .docx (and .pdf)."""
    from netzwerk_cli.output.papers import meeting as papers

    gathered = meeting_facts(loaded, kind, meeting)
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


def made_elsewhere(
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
    meeting = paper_meeting(loaded, kind, date) if kind is Kind.PRESS else None
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
                answers=answers_since(loaded, dt.date(chosen, 1, 1)),
                template=template,
                stamp=stamp,
            )

    return move_made(output, make, force=force)
