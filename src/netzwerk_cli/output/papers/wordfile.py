"""A `Paper` as a Word file (.docx, python-docx), on a template the office may replace.

The template's page, styles, header and footer (a district's letterhead) stay; its body is
emptied, so that sample text of a letter made into a template does not ride along (the press
release and the annual report take their templates the same way). The styles used are Word's own
(Title, Heading 1, Heading 2, Table Grid): a template without one of them gets plain bold text or
a plain table instead.
"""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources
from typing import TYPE_CHECKING, Any

from netzwerk_cli.output.papers.document import Blank, Heading, Paper, Paragraph, Table

if TYPE_CHECKING:
    from docx.document import Document

DEFAULT_TEMPLATE = "paper.docx"
# A row to sign in: 1 cm, as printed attendance lists leave.
TALL_ROW_CM = 1.0


class NotAWordFile(ValueError):
    """The template is no Word file python-docx can open."""


def default_template() -> bytes:
    """The package's template: A4, 2.5 cm margins, Word's styles."""
    return (resources.files(__package__) / "templates" / DEFAULT_TEMPLATE).read_bytes()


def word_bytes(paper: Paper, *, template: bytes | None = None, stamp: dt.datetime) -> bytes:
    """The paper as a .docx on `template` (the package's when None), with `stamp` as its
    creation and change date (the files of a paper differ only where the paper does)."""
    document = open_template(template if template is not None else default_template())
    properties = document.core_properties
    properties.title = paper.title
    properties.author = paper.author
    properties.last_modified_by = paper.author
    properties.language = paper.language
    properties.created = stamp
    properties.modified = stamp
    properties.revision = 1
    properties.comments = ""
    properties.keywords = ""
    properties.subject = ""
    for block in (Heading(paper.title, 0), *paper.blocks):
        _add(document, block)
    out = io.BytesIO()
    document.save(out)
    return _stamped(out.getvalue(), stamp)


def _stamped(data: bytes, stamp: dt.datetime) -> bytes:
    """The .docx (a zip file) with `stamp` as every part's time, where python-docx writes the
    clock's: the same file and day give the same bytes."""
    import zipfile

    moment = stamp.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            part = zipfile.ZipInfo(item.filename, date_time=moment)
            part.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(part, source.read(item))
    return out.getvalue()


def open_template(data: bytes) -> Document:
    """The template as a python-docx document; `NotAWordFile` for anything else."""
    import zipfile

    from docx import Document as open_document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = open_document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise NotAWordFile(str(exc)) from None
    body = document.element.body
    for child in list(body.iterchildren()):
        if not child.tag.endswith("}sectPr"):  # the page itself: size, margins, letterhead
            body.remove(child)
    return document


def _style(document: Document, name: str) -> Any:
    """The template's style `name`, or None when it has none."""
    try:
        return document.styles[name]
    except KeyError:
        return None


def _add(document: Document, block: object) -> None:
    if isinstance(block, Heading):
        style = _style(document, "Title" if block.level == 0 else f"Heading {block.level}")
        if style is not None:
            document.add_paragraph(block.text, style=style)
        else:
            document.add_paragraph().add_run(block.text).bold = True
    elif isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        for number, line in enumerate(block.text.split("\n")):
            if number:
                paragraph.add_run().add_break()
            paragraph.add_run(line).bold = block.bold or None
    elif isinstance(block, Blank):
        for _ in range(block.lines):
            document.add_paragraph()
    elif isinstance(block, Table):
        _table(document, block)


def _table(document: Document, block: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Emu

    table = document.add_table(rows=1, cols=len(block.header))
    style = _style(document, "Table Grid")
    if style is not None:
        table.style = style
    section = document.sections[-1]
    width = (
        (section.page_width or Cm(21)) - (section.left_margin or 0) - (section.right_margin or 0)
    )
    header = table.rows[0]
    # Word and LibreOffice repeat a row marked so at the top of every page the table runs over.
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(mark)
    for cell, text in zip(header.cells, block.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for values in block.rows:
        row = table.add_row()
        if block.tall:
            row.height = Cm(TALL_ROW_CM)
        for cell, text in zip(row.cells, values, strict=True):
            cell.paragraphs[0].add_run(text)
    # Word reads the cells' widths, LibreOffice the grid's: both are set.
    table.autofit = False
    for column, share in zip(table.columns, block.widths, strict=True):
        column.width = Emu(int(width * share))
        for cell in column.cells:
            cell.width = Emu(int(width * share))
