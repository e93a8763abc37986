"""A paper as plain blocks (headings, paragraphs, tables, lines to write on), in one language
already: what both writers (`wordfile`, `pdffile`) make into their format, so that a paper's
.docx and .pdf say the same. Pure values; no library is imported here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    """A heading; level 0 is the paper's title."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text; lines in it break where `\\n` is."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Blank:
    """Empty lines to write on (the minutes under each agenda item)."""

    lines: int = 3


@dataclass(frozen=True)
class Table:
    """A table with a header row that every page repeats. `widths` are the columns' shares of
    the line (they add up to 1); `tall` rows leave room for a signature."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    tall: bool = False


Block = Heading | Paragraph | Blank | Table


@dataclass(frozen=True)
class Paper:
    """A whole paper: its title (also the files' title), its language (`de`, `en`), the line at
    the top of every page of the PDF, its blocks in order, its author, and the words of the
    PDF's page numbers (`Seite {page} von {pages}`)."""

    title: str
    language: str
    running_head: str
    blocks: tuple[Block, ...]
    author: str = ""
    page_label: str = "{page} / {pages}"  # the PDF's footer, in the paper's language
