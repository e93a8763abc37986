"""A `Paper` as a PDF (fpdf2): A4, DejaVu Sans embedded (umlauts, „quotes“, ß), PDF/A-2b for
the archive (the e-Akte), the running head and the table's header row on every page.

fpdf2 is pure Python (with fontTools and Pillow, which ship wheels): nothing outside Python is
needed. PDF/A-2b costs about 4 KB a file (the sRGB colour profile and the XMP metadata it asks for)
and no measurable time.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import TYPE_CHECKING, Any

from netzwerk_cli.output.papers.document import Blank, Heading, Paper, Paragraph, Table

if TYPE_CHECKING:
    from fpdf import FPDF

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
COMPLIANCE = "PDF/A-2B"
MARGIN_MM = 20
LINE_MM = 6
TALL_ROW_MM = 10  # a row to sign in
SIZES = {0: 16, 1: 13, 2: 11.5}


def pdf_bytes(paper: Paper, *, stamp: dt.datetime, missing: list[str] | None = None) -> bytes:
    """The paper as a PDF/A-2b file, created at `stamp` (the file depends on nothing else).
    The letters its font has no shape for (Chinese, say) are added to `missing`: the PDF shows
    an empty box for each; the caller says so in its own words (fpdf2's log stays quiet)."""
    import logging

    quiet = logging.getLogger("fpdf.output")
    was = quiet.disabled
    quiet.disabled = True
    try:
        return _pdf_bytes(paper, stamp=stamp, missing=missing)
    finally:
        quiet.disabled = was


def _pdf_bytes(paper: Paper, *, stamp: dt.datetime, missing: list[str] | None) -> bytes:
    pdf = new_pdf(
        title=paper.title,
        author=paper.author,
        language=paper.language,
        stamp=stamp,
        page_label=paper.page_label,
        running_head=paper.running_head,
        identity=repr(paper),
    )
    for block in (Heading(paper.title, 0), *paper.blocks):
        _add(pdf, block)
    return finished(pdf, stamp=stamp, missing=missing)


def new_pdf(
    *,
    title: str,
    author: str,
    language: str,
    stamp: dt.datetime,
    page_label: str,
    running_head: str = "",
    identity: str,
) -> FPDF:
    """An A4 PDF/A-2b with DejaVu Sans embedded and its first page begun: the running head (if
    any) at the top of every page, `page_label` ("Seite {page} von {pages}") at the foot, made at
    `stamp`; `identity` (the paper's content) gives the file's /ID, so that the same paper and
    day give the same bytes. Every paper's PDF, the annual report's too, starts here."""
    import hashlib

    from fpdf import FPDF

    class Writer(FPDF):
        def header(self) -> None:
            if not running_head:
                return
            self.set_font(FONT, "", 8)
            self.set_text_color(90)
            self.cell(0, 5, running_head, new_x="LMARGIN", new_y="NEXT", align="L")
            self.set_text_color(0)
            self.ln(3)

        def file_id(self) -> str:
            # The paper's own identifier: fpdf2's hashes the file, which holds the clock's time.
            digest = hashlib.md5(usedforsecurity=False)
            digest.update(f"{identity}{stamp.isoformat()}".encode())
            value = digest.hexdigest().upper()
            return f"<{value}><{value}>"

        def footer(self) -> None:
            self.set_y(-MARGIN_MM + 5)
            self.set_font(FONT, "", 8)
            self.cell(0, 5, page_label.format(page=self.page_no(), pages="{nb}"), align="R")

    pdf: FPDF = Writer(format="A4", enforce_compliance=COMPLIANCE)
    pdf.set_creation_date(stamp)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_lang(language)
    pdf.set_creator("netzwerk")
    pdf.set_producer("netzwerk")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=MARGIN_MM)
    fonts = resources.files(__package__) / "fonts"
    for style, name in FONT_FILES.items():
        with resources.as_file(fonts / name) as path:
            pdf.add_font(FONT, style, str(path))
    pdf.add_page()
    return pdf


def finished(pdf: FPDF, *, stamp: dt.datetime, missing: list[str] | None = None) -> bytes:
    """The PDF's bytes, its XMP dates set to `stamp`; the letters its font lacks added to
    `missing`."""
    data = _stamped(bytes(pdf.output()), stamp)
    if missing is not None:
        for font in pdf.fonts.values():
            for code in getattr(font, "missing_glyphs", ()):
                if chr(code) not in missing:
                    missing.append(chr(code))
    return data


def _stamped(data: bytes, stamp: dt.datetime) -> bytes:
    """The PDF with `stamp` as the XMP metadata's change dates, where fpdf2 writes the clock's
    time: the same file and day give the same bytes. The two times have the same length, so no
    offset of the file moves (and its /ID is the paper's own, see `new_pdf`)."""
    import re

    moment = stamp.astimezone(dt.UTC).isoformat(timespec="seconds").encode()
    return re.sub(
        rb'(xmp:(?:ModifyDate|MetadataDate)=")[0-9T:+-]{25}(")',
        lambda found: found.group(1) + moment + found.group(2),
        data,
    )


def _add(pdf: Any, block: object) -> None:
    if isinstance(block, Heading):
        pdf.ln(2 if block.level else 0)
        pdf.set_font(FONT, "B", SIZES.get(block.level, 11))
        pdf.multi_cell(0, LINE_MM + 1, block.text, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(2)
    elif isinstance(block, Paragraph):
        pdf.set_font(FONT, "B" if block.bold else "", 10.5)
        pdf.multi_cell(0, LINE_MM, block.text, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(2)
    elif isinstance(block, Blank):
        pdf.ln(LINE_MM * block.lines)
    elif isinstance(block, Table):
        _table(pdf, block)


def _table(pdf: Any, block: Table) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font(FONT, "", 10)
    width = pdf.epw
    with pdf.table(
        col_widths=tuple(share * width for share in block.widths),
        width=width,
        line_height=TALL_ROW_MM if block.tall else LINE_MM,
        headings_style=FontFace(family=FONT, emphasis="BOLD"),
        repeat_headings=1,  # on top of every page
        text_align="LEFT",
        v_align="MIDDLE",
    ) as table:
        for values in (block.header, *block.rows):
            row = table.row()
            for text in values:
                row.cell(text)
    pdf.ln(3)
