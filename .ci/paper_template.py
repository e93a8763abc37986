"""Make the package's default Word template for the papers (src/netzwerk_cli/output/papers/
templates/paper.docx): python-docx's own template, on A4 with 2.5 cm margins, 11 pt text, and no
author or dates of its own. Run it after changing this script; the file is committed.

    .venv/bin/python .ci/paper_template.py
"""

import datetime as dt
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt

TARGET = (
    Path(__file__).resolve().parent.parent / "src/netzwerk_cli/output/papers/templates/paper.docx"
)


def main() -> None:
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))
    document.styles["Normal"].font.size = Pt(11)
    properties = document.core_properties
    properties.author = properties.last_modified_by = ""
    properties.title = properties.subject = properties.comments = properties.keywords = ""
    properties.created = properties.modified = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    body = document.element.body
    for paragraph in list(body.iterchildren()):
        if paragraph.tag.endswith("}p"):
            body.remove(paragraph)
    document.save(TARGET)


if __name__ == "__main__":
    main()
