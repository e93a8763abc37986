"""The press release of a meeting as a Word file (python-docx) and as plain text, for the press
office to finish: the draft of `words.press`, its quote paragraph marked (italic, highlighted).

Written atomically into the folder the command names; the file names are in the network's
language (pressemitteilung-2024-11-06.docx / press-release-2024-11-06.docx).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netzwerk_cli.core.press import press_facts
from netzwerk_cli.core.schedule import HolidayLookup
from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.file.fileio import read_bounded, write_atomically
from netzwerk_cli.message import N_, fact
from netzwerk_cli.model import Meeting, Network
from netzwerk_cli.words import words
from netzwerk_cli.words.press import QUOTE, press_release

if TYPE_CHECKING:
    from docx.document import Document

# A Word template is a few hundred kilobytes; a letterhead with a logo a few megabytes.
MOST_TEMPLATE_BYTES = 20 * 1024 * 1024
# The files' name, in the network's language, before the meeting's day.
STEM = N_("press-release")


class TemplateError(NetzwerkError):
    """The Word template given for a paper is no Word file."""


def no_holidays(state: str, year: int) -> dict[dt.date, Any]:
    """A holiday lookup that knows none (for a network without a cadence, or a test)."""
    return {}


def write_press(
    network: Network,
    meeting: Meeting,
    folder: Path,
    *,
    today: dt.date,
    holidays: HolidayLookup = no_holidays,
    template: Path | bytes | None = None,
    stamp: dt.datetime | None = None,
) -> list[Path]:
    """Write the press release of `meeting` into `folder`: a .docx and a .txt; their paths.

    `holidays`: the public holidays' lookup of the schedule (the command's holiday cache), for
    the next meeting's date where the cadence gives it; `template`: a .docx (its path, or its bytes
    as the command read them) whose styles, page and letterhead the paper takes (its body is
    replaced); `stamp`: the Word file's creation time
    (default: midnight of `today`), so that the same record gives the same bytes.
    """
    facts = press_facts(network, meeting, today=today, holidays=holidays)
    release = press_release(facts, network.language, today=today)
    w = words(network.language)
    stem = f"{w(STEM)}-{_day_text(meeting)}"
    document = new_document(template, title=release.title, stamp=stamp or _midnight(today))
    document.add_heading(release.title, level=1)
    marked = (w(QUOTE), release.note)
    for paragraph in (*release.paragraphs, release.note):
        run = document.add_paragraph().add_run(paragraph)
        if paragraph in marked:  # for the press office to fill in or delete
            from docx.enum.text import WD_COLOR_INDEX

            run.italic = True
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    docx_path, text_path = folder / f"{stem}.docx", folder / f"{stem}.txt"
    write_atomically(docx_path, document_bytes(document))
    write_atomically(text_path, release.text().encode("utf-8"))
    return [docx_path, text_path]


def new_document(template: Path | bytes | None, *, title: str, stamp: dt.datetime) -> Document:
    """A Word document from `template` (a path or the file's bytes; its body emptied) or
    the package's (A4), its properties set from the paper (no author or dates of the machine)."""
    from docx import Document as open_document

    from netzwerk_cli.output.papers.wordfile import default_template

    if template is None:
        template = default_template()  # A4, as every other paper (python-docx's own is Letter)
    if isinstance(template, bytes):
        data, template = template, Path("template.docx")
    else:
        data = read_bounded(template, most=MOST_TEMPLATE_BYTES)
    try:
        document = open_document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises what zipfile and lxml raise: many kinds
        raise TemplateError(
            fact(N_("{path}: not a Word file (.docx): {why}"), path=template, why=str(exc))
        ) from None
    body = document.element.body
    for child in list(body.iterchildren()):
        if not child.tag.endswith("}sectPr"):  # keep the page (size, margins, letterhead)
            body.remove(child)
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = "netzwerk"
    properties.created = properties.modified = stamp
    properties.revision = 1
    return document


def document_bytes(document: Document) -> bytes:
    """The Word file's bytes: the same document, the same bytes (python-docx stamps each part of
    the zip with the clock; here they carry the document's creation time instead)."""
    import zipfile

    buffer = io.BytesIO()
    document.save(buffer)
    created = document.core_properties.created or dt.datetime(1980, 1, 1)
    stamp = (max(created.year, 1980), created.month, created.day, 0, 0, 0)
    packed = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item))
    return packed.getvalue()


def _day_text(meeting: Meeting) -> str:
    if meeting.date is None:
        return "undated"
    return f"{meeting.date.year:04d}-{meeting.date.month:02d}" + (
        "" if meeting.month_only else f"-{meeting.date.day:02d}"
    )


def _midnight(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)


__all__ = ["TemplateError", "document_bytes", "new_document", "write_press"]
