"""The annual report (Jahresbericht) as a Word file (python-docx) and a PDF (fpdf2, DejaVu Sans
embedded): the year's meetings, the attendance per member as a table and a bar chart, the answers
per member, the hosts in the rotation so far, and the coming dates.

The chart: in the PDF, bars drawn with fpdf2's rectangles; in the Word file, a table whose cells
hold bars of block characters (█), which Word, LibreOffice and a screen reader all show without
an image library (no matplotlib, no Pillow drawing). Both files say the same words
(`words.report`); they are written atomically into the folder the command names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netzwerk_cli.core.answers import MeetingAnswers
from netzwerk_cli.core.report import year_report
from netzwerk_cli.core.schedule import HolidayLookup
from netzwerk_cli.file.fileio import write_atomically
from netzwerk_cli.message import N_
from netzwerk_cli.model import Language, Network
from netzwerk_cli.output.papers.pdffile import FONT
from netzwerk_cli.output.papers.press import document_bytes, new_document, no_holidays
from netzwerk_cli.words import words
from netzwerk_cli.words.report import Bar, ReportText, Section, report_words

if TYPE_CHECKING:
    from docx.document import Document

STEM = N_("annual-report")
BAR_CELLS = 24  # the longest bar of the Word file, in block characters
BAR_COLOUR = (46, 110, 158)


def write_report(
    network: Network,
    year: int,
    folder: Path,
    *,
    today: dt.date,
    holidays: HolidayLookup = no_holidays,
    answers: Iterable[MeetingAnswers] = (),
    template: Path | bytes | None = None,
    stamp: dt.datetime | None = None,
) -> list[Path]:
    """Write the annual report of `year` into `folder`: a .docx and a .pdf; their paths.

    `holidays`: the public holidays' lookup of the schedule (the command's holiday cache), for
    the coming dates; `answers`: the answers to the invitations as `core.answers.answers` gives
    them from the year's first day on (`answers(network, read_invited(sent),
    read_answers(replies).replies(), today=dt.date(year, 1, 1))`; none: the report says that
    netzwerk sent no invitation); `template`: a .docx (path or bytes) whose page and styles the
    Word file takes; `stamp`: the files' creation time (default: midnight of `today`).
    """
    report = year_report(network, year, today=today, holidays=holidays, answers=answers)
    text = report_words(report, network.language, today=today)
    made = stamp or dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    stem = f"{words(network.language)(STEM)}-{year:04d}"
    docx_path, pdf_path = folder / f"{stem}.docx", folder / f"{stem}.pdf"
    document = new_document(template, title=text.title, stamp=made)
    _word(document, text)
    word = document_bytes(document)
    pdf = pdf_bytes(text, language=network.language, stamp=made)
    write_atomically(docx_path, word)
    write_atomically(pdf_path, pdf)
    return [docx_path, pdf_path]


def _word(document: Document, text: ReportText) -> None:
    document.add_heading(text.title, level=1)
    document.add_paragraph(text.intro)
    for section in text.sections:
        document.add_heading(section.heading, level=2)
        if section.text:
            document.add_paragraph(section.text)
        if section.header:
            _word_table(document, section.header, section.rows)
        if section.bars:
            if section.chart_title:
                from docx.shared import Pt

                title = document.add_paragraph()
                title.paragraph_format.space_before = Pt(10)
                title.add_run(section.chart_title).bold = True
            _word_bars(document, section.bars)
    document.add_paragraph().add_run(text.note).italic = True


def _word_table(
    document: Document, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]
) -> None:
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    _grid(document, table)
    for cell, value in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(value).bold = True
    _repeat_header(table.rows[0])
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value


def _word_bars(document: Document, bars: tuple[Bar, ...]) -> None:
    from docx.shared import Cm, Pt, RGBColor

    table = document.add_table(rows=len(bars), cols=3)
    table.autofit = False
    widths = (Cm(6), Cm(7), Cm(3))  # the bar's column holds the longest bar on one line
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice reads; Word reads the cells'
    for row, bar in zip(table.rows, bars, strict=True):
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
        row.cells[0].text = bar.label
        cells = round(BAR_CELLS * bar.value / bar.most) if bar.most else 0
        run = row.cells[1].paragraphs[0].add_run("█" * cells or " ")
        run.font.color.rgb = RGBColor(*BAR_COLOUR)
        run.font.size = Pt(8)
        row.cells[2].text = bar.text


def _grid(document: Document, table: Any) -> None:
    """python-docx's grid style where the template has it (a user's template may not)."""
    import contextlib

    with contextlib.suppress(KeyError):
        table.style = document.styles["Table Grid"]


def _repeat_header(row: Any) -> None:
    """Mark the row as the table's header, repeated on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def pdf_bytes(text: ReportText, *, language: Language, stamp: dt.datetime) -> bytes:
    """The report as an A4 PDF/A-2b with DejaVu Sans embedded, its tables' header rows repeated
    on each page, and the attendance drawn as bars."""
    from netzwerk_cli.output.papers.pdffile import finished, new_pdf

    pdf = new_pdf(
        title=text.title,
        author="",
        language=language.value,
        stamp=stamp,
        page_label=words(language)(N_("Page {page} of {pages}")),
        identity=repr(text),
    )
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, text.title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(2)
    _pdf_text(pdf, text.intro)
    for section in text.sections:
        _pdf_section(pdf, section)
    pdf.ln(4)
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(0, 5, text.note, new_x="LMARGIN", new_y="NEXT", align="L")
    return finished(pdf, stamp=stamp)


def _pdf_text(pdf: Any, text: str) -> None:
    pdf.set_font(FONT, "", 10.5)
    pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(2)


def _pdf_section(pdf: Any, section: Section) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(0, 7, section.heading, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1)
    if section.text:
        _pdf_text(pdf, section.text)
    if section.header:
        pdf.set_font(FONT, "", 9.5)
        widths = section.widths or tuple(1 / len(section.header) for _ in section.header)
        with pdf.table(
            col_widths=tuple(round(share * 100) for share in widths),
            text_align="LEFT",
            line_height=5.5,
            repeat_headings=1,
            headings_style=_bold(),
        ) as table:
            for values in (section.header, *section.rows):
                row = table.row()
                for value in values:
                    row.cell(value)
        pdf.ln(3)
    if section.bars:
        _pdf_bars(pdf, section)


def _bold() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(family=FONT, emphasis="BOLD")


def _pdf_bars(pdf: Any, section: Section) -> None:
    """A horizontal bar per member: its name, a bar as long as its share, the value as text."""
    label_mm, text_mm, height = 60, 28, 6
    room = pdf.epw - label_mm - text_mm
    if section.chart_title:
        pdf.set_font(FONT, "B", 10.5)
        pdf.multi_cell(0, 6, section.chart_title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 9.5)
    for bar in section.bars:
        if pdf.will_page_break(height + 1):
            pdf.add_page()
        x, y = pdf.l_margin, pdf.get_y()
        pdf.set_xy(x, y)
        pdf.cell(label_mm, height, bar.label, new_x="RIGHT", new_y="TOP")
        length = room * bar.value / bar.most if bar.most else 0
        pdf.set_draw_color(*BAR_COLOUR)
        pdf.rect(x + label_mm, y + 1, room, height - 2, style="D")
        if length > 0:
            pdf.set_fill_color(*BAR_COLOUR)
            pdf.rect(x + label_mm, y + 1, length, height - 2, style="F")
        pdf.set_xy(x + label_mm + room + 2, y)
        pdf.cell(text_mm - 2, height, bar.text, new_x="LMARGIN", new_y="NEXT", align="L")
    # The colours as they were: the tables after the chart fill and draw with them.
    pdf.set_draw_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)


__all__ = ["pdf_bytes", "write_report"]
