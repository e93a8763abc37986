"""A table of plain text cells that fits the terminal's width without breaking a word, drawn by
Rich on a terminal and written by itself into a pipe or file (`FittedTable.plain_text`).

Rich is imported only when a table is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import JustifyMethod

    from netzwerk_cli.words import Words

# A column: its header (a msgid), its justification, and whether its cells may wrap. Dates, days,
# times, ids and statuses never wrap; names, venues and notes wrap at spaces, and a word longer
# than the column folds onto the next line: no cell is ever cut with an ellipsis.
Column = tuple[str, "JustifyMethod", bool]
# A cell: its text, or its text and a Rich style (the style shows on a terminal only). Literal
# text either way: a network's names must never be read as Rich markup.
Cell = str | tuple[str, str]


class FittedTable:
    """A Rich table whose wrapping columns share the width so that no word is broken.

    Rich narrows the widest wrapping column first, even below its longest word, which it then
    breaks ("Hersfeld-Rot|enburg"). Here every column gets at least its longest word (a column
    that does not wrap: its longest cell), and the width left is shared in proportion to what
    each column would need to show its cells on one line. Only when even the longest words do not
    fit is the narrowing left to Rich, which then folds (never cuts) a word.

    Where no styles are shown (a pipe, a file) and every cell fits on one line, `plain_text`
    writes the very characters Rich would, without importing or asking it: Rich's layout of
    400 rows costs as long as reading their file, and importing Rich a tenth of the command
    framework's start.
    """

    def __init__(
        self, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]
    ) -> None:
        self.title = title
        self.columns = columns
        self.rows = rows

    def plain_text(self, width: int) -> str | None:
        """The table as Rich prints it `width` columns wide to a console that shows no styles;
        None when Rich's layout would do more than pad cells (a cell or the title that must
        wrap, a line break, a character that is not one column wide, no rows): then only Rich
        can say what it draws."""
        texts = [[cell_text(cell) for cell in row] for row in self.rows]
        headers = [header for header, _justify, _wraps in self.columns]
        if not texts or not _one_column_each(self.title, *headers, *(t for r in texts for t in r)):
            return None
        widths = [
            max(len(header), *(len(row[index]) for row in texts))
            for index, header in enumerate(headers)
        ]
        table_width = sum(widths) + 3 * (len(widths) - 1)
        if table_width > width or len(self.title) > table_width or not all(widths):
            return None
        rights = [justify == "right" for _header, justify, _wraps in self.columns]

        def line(cells: Sequence[str], rule: str) -> str:
            # Rich strips a right-justified cell's trailing spaces before it pads it.
            return rule.join(
                cell.rstrip().rjust(size) if right else cell.ljust(size)
                for cell, size, right in zip(cells, widths, rights, strict=True)
            )

        last = len(widths) - 1
        under_header = "╇".join(
            "━" * (size + (index > 0) + (index < last)) for index, size in enumerate(widths)
        )
        lines = [self.title.ljust(table_width)] if self.title else []  # Rich leaves out ""
        lines += [line(headers, " ┃ "), under_header]
        lines += (line(row, " │ ") for row in texts)
        return "\n".join(lines) + "\n"

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.cells import cell_len
        from rich.table import Table
        from rich.text import Text

        texts = [[cell_text(cell) for cell in row] for row in self.rows]
        natural: list[int] = []
        least: list[int] = []
        slashed: list[int] = []  # the least if a word may also break after a hyphen or slash
        for index, (header, _justify, wraps) in enumerate(self.columns):
            cells = [header, *(row[index] for row in texts)]
            lines = [line for cell in cells for line in cell.splitlines() or [""]]
            natural.append(max(cell_len(line) for line in lines))
            if wraps:
                words = [word for line in lines for word in _words(line) or [""]]
                least.append(max(cell_len(word) for word in words))
                pieces = (cell_len(p) for w in words for p in re.findall(_BREAKS, w))
                slashed.append(max(pieces, default=0))
            else:
                least.append(natural[-1])
                slashed.append(natural[-1])
        # Between two columns: a space, the rule, a space; no edge and no padding at the sides.
        room = options.max_width - 3 * (len(self.columns) - 1)
        widths: list[int | None] = [None] * len(self.columns)
        # As in print, "Oster-/Frühjahrsferien" may break after its slash and "Hersfeld-Rotenburg"
        # after its hyphen (both stay visible): better than a word cut anywhere.
        at_slashes = sum(least) > room >= sum(slashed)
        if at_slashes:
            least = slashed
        if sum(natural) > room >= sum(least):
            spare = room - sum(least)
            wants = [n - m for n, m in zip(natural, least, strict=True)]
            total = sum(wants) or 1
            shares = [least[i] + spare * wants[i] // total for i in range(len(wants))]
            widths = list(shares)
        title = Text(self.title, style="table.title")
        table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
        for (header, justify, wraps), width in zip(self.columns, widths, strict=True):
            table.add_column(
                Text(header), justify=justify, no_wrap=not wraps, overflow="fold", width=width
            )
        for row in self.rows:
            shown = [Text(cell) if isinstance(cell, str) else Text(*cell) for cell in row]
            if at_slashes:
                shown = [
                    Text(_wrapped(cell.plain, width), style=cell.style) if width and wraps else cell
                    for cell, (_, _, wraps), width in zip(shown, self.columns, widths, strict=True)
                ]
            table.add_row(*shown)
        yield table


# The pieces of a word that a line may end after: up to and including each hyphen or slash (a
# pattern compiled by `re` at its first use, when Rich draws a table, not at every start).
_BREAKS = r"[^/-]*[/-]+|[^/-]+"


def _words(line: str) -> list[str]:
    """The words of a line, parted at spaces only: a no-break space (U+00A0) holds a weekday to
    its date ("Mi 07.04.2027") as a typesetter's does."""
    return [word for word in line.split(" ") if word]


def _wrapped(text: str, width: int) -> str:
    """`text` wrapped at its spaces and, where a word does not fit, after a hyphen or slash."""
    from rich.cells import cell_len

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _words(paragraph):
            for number, piece in enumerate(re.findall(_BREAKS, word)):
                joined = f"{line} {piece}" if line and number == 0 else line + piece
                if line and cell_len(joined) > width:
                    lines.append(line)
                    line = piece
                else:
                    line = joined
        lines.append(line)
    return "\n".join(lines)


def cell_text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell[0]


def _one_column_each(*texts: str) -> bool:
    """Whether every character of the texts takes one column, for Rich as for a terminal: printable
    ASCII, the Latin letters of Latin-1 and Latin Extended-A/B, and the dashes, quotes and ellipsis
    of U+2010..U+2027 (a test checks them against Rich). No line breaks, tabs or control
    characters, no combining accents (zero columns) and no wide CJK or emoji (two)."""
    for text in texts:
        if not (text.isascii() and text.isprintable()):
            for char in text:
                if not (
                    " " <= char <= "~" or "\xa0" <= char <= "\u02ff" or "\u2010" <= char <= "\u2027"
                ):
                    return False
    return True


def table_of(
    title: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], said: Words
) -> FittedTable:
    """A table of `rows`, without the columns that are empty in every row (a table at 80
    columns has no room for a column that says nothing), fitted to the console's width."""
    keep = [i for i in range(len(columns)) if any(cell_text(row[i]) for row in rows)] or list(
        range(len(columns))
    )
    return FittedTable(
        title,
        [(said(columns[i][0]), columns[i][1], columns[i][2]) for i in keep],
        [[row[i] for i in keep] for row in rows],
    )
