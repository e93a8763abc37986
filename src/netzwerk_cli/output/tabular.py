"""Rows of the JSON form as text for spreadsheets and minutes: CSV for Excel, Markdown tables.

Pure: rows (the JSON-ready dicts of `jsonrows`) and their columns in, text out. The JSON form stays
the one source of truth; these only spell its values as cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# Excel opens a CSV file by double-click only as UTF-8 when it starts with a byte-order mark, and
# on a German desktop it splits the columns at ";" (the comma is the decimal separator there).
BOM = "\ufeff"
EXCEL_DELIMITER = ";"

Row = Mapping[str, Any]

# A cell that begins with one of these is a formula to Excel and LibreOffice (or becomes one when
# a tab or CR is stripped). OWASP's advice: write it with a leading apostrophe, which both show as
# text. The JSON form stays exact; this only concerns CSV.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(cell: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula: a leading ' where it could be one."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def cell_text(value: object) -> str:
    """A JSON value as a cell: null as empty, booleans as in JSON, everything else as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_text(
    columns: Sequence[str], rows: Iterable[Row], *, delimiter: str = EXCEL_DELIMITER
) -> str:
    """A CSV file: byte-order mark, one header row, CR LF row endings, quoting by the csv module.

    The csv module quotes a cell that holds the delimiter, a quote or a line break, so a note with
    any of them stays one cell, in Excel as in any other reader. A cell that a spreadsheet would
    take for a formula gets a leading apostrophe (`defused`).
    """
    import csv
    import io

    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([defused(cell_text(row.get(c))) for c in columns] for row in rows)
    return buffer.getvalue()


def markdown_cell(value: object) -> str:
    r"""A cell of a GitHub-flavoured Markdown table that shows `value` as written.

    A `|` would end the cell and a line break the row: they become `\|` and `<br>`. A backslash is
    doubled, so that one written before a `|` (or any punctuation) stays a backslash.
    """
    text = cell_text(value).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def markdown_text(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """A GitHub-flavoured Markdown table: header row, separator row, one row per item."""
    lines = [_markdown_row(columns), _markdown_row(["---"] * len(columns))]
    lines.extend(_markdown_row([markdown_cell(row.get(c)) for c in columns]) for row in rows)
    return "\n".join(lines) + "\n"


def _markdown_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
