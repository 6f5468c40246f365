"""Reading a page's plain-text export: text lines and tables, in the trafilatura dialects.

An export is what trafilatura makes of the rendered page. It marks nothing but tables:
headings, paragraphs and list items are all lines of text (list items start with ``- ``).
Tables come in two dialects (see ../shared/PLAIN-TEXT-DIALECTS.md):

* ``trafilatura-1`` (1.x): ``a | b |`` rows, ``---|---|`` after a header row, empty cells
  dropped, padding pipes at the end of a row, pipes in text not escaped, and a row broken
  over several lines where a cell holds a list, a paragraph or code.
* ``trafilatura-2`` (2.x): ``| a | b |`` rows, ``|---|---|`` after the header row, every
  slot written (empty cells kept, a span followed by its empty slots), ``\\|`` in text.

A 1.x row broken over lines cannot be told from lines of text around a table, so the parser
keeps to what the lines show: a 1.x table is a run of pipe-terminated lines, with only the
lines between them that must belong to it (list items written inside a cell, and lines up to
one that starts by closing a cell). Which cells form a 1.x row is not recoverable; the
comparison in `agreement` reads 1.x tables as a sequence of cells for that reason.
Positions are 1-based; a cell's column is where its text starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Dialect = Literal["trafilatura-1", "trafilatura-2", "none"]

_SEPARATOR_1 = re.compile(r"^(?:---\|)+$")
_SEPARATOR_2 = re.compile(r"^\|(?:---\|)+$")
_ROW_2 = re.compile(r"^\| .*\|$|^\|\|*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_MAX_BROKEN_LINES = 200  # how far a row broken over lines is followed


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of text on one export line: a cell's text (or part of it) or a whole line."""

    text: str
    line: int
    column: int
    in_table: bool


@dataclass(slots=True)
class PlainCell:
    """A table cell of the export; `fragments` are its pieces, one per line it spans."""

    text: str
    line: int
    column: int
    fragments: list[Fragment] = field(default_factory=list)


@dataclass(slots=True)
class PlainRow:
    cells: list[PlainCell]
    line: int
    end_line: int
    padding: int = 0  # 1.x: bare pipes written after the cells


@dataclass(slots=True)
class PlainTable:
    dialect: Dialect
    line: int
    end_line: int
    rows: list[PlainRow]
    header_rows: int  # 1 when a separator line follows the first row, else 0
    width: int | None  # columns, as the separator line says (None without one)

    @property
    def cells(self) -> list[PlainCell]:
        return [cell for row in self.rows for cell in row.cells]


@dataclass(slots=True)
class PlainBlock:
    """A line of text outside tables: a heading, a paragraph or a list item (``- ``)."""

    kind: Literal["text", "item"]
    text: str
    line: int
    column: int


@dataclass(slots=True)
class PlainDocument:
    text: str
    dialect: Dialect
    items: list[PlainBlock | PlainTable]
    lines: list[str]

    @property
    def tables(self) -> list[PlainTable]:
        return [item for item in self.items if isinstance(item, PlainTable)]

    @property
    def blocks(self) -> list[PlainBlock]:
        return [item for item in self.items if isinstance(item, PlainBlock)]

    def fragments(self) -> list[Fragment]:
        """Every piece of text in export order: table cells' pieces and text lines."""
        found: list[Fragment] = []
        for item in self.items:
            if isinstance(item, PlainBlock):
                found.append(Fragment(item.text, item.line, item.column, False))
            else:
                for cell in item.cells:
                    found.extend(cell.fragments)
        return found


def detect_dialect(lines: list[str]) -> Dialect:
    """The export's table dialect, from its separator lines, else from its rows.

    A separator decides (``---|`` is 1.x, ``|---|`` is 2.x); without one, 2.x rows end in a
    trailing space that 1.x never writes, and otherwise the more common row shape wins
    (a 1.x row may start with ``|`` where a cell broke the row over lines).
    """
    stripped = [line.strip() for line in lines]
    if any(_SEPARATOR_1.match(line) for line in stripped):
        return "trafilatura-1"
    if any(_SEPARATOR_2.match(line) for line in stripped):
        return "trafilatura-2"
    if any(line.startswith("| ") and line.endswith("| ") for line in lines):
        return "trafilatura-2"
    rows_2 = sum(1 for line in stripped if line.startswith("| ") and line.endswith("|"))
    rows_1 = sum(1 for line in stripped if line.endswith("|") and not line.startswith("|"))
    if rows_2 > rows_1:
        return "trafilatura-2"
    return "trafilatura-1" if rows_1 else "none"


def parse_export(text: str, dialect: Dialect | None = None) -> PlainDocument:
    """Split an export into text blocks and tables, in order."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    dialect = dialect or detect_dialect(lines)
    if dialect == "trafilatura-2":
        items = _Parser2(lines).items
    elif dialect == "trafilatura-1":
        items = _Parser1(lines).items
    else:
        items = [_block(line, k + 1) for k, line in enumerate(lines) if line.strip()]
    return PlainDocument(text, dialect, [item for item in items if item is not None], lines)


def _block(line: str, number: int) -> PlainBlock | None:
    content = line.strip()
    if not content:
        return None
    column = len(line) - len(line.lstrip()) + 1
    if content.startswith("- "):
        return PlainBlock("item", content[2:].strip(), number, column + 2)
    return PlainBlock("text", content, number, column)


def _split_cells(line: str, number: int, pattern: re.Pattern[str], start: int = 0) -> list[PlainCell]:
    """Cells of one line between pipes (from offset `start`); text stripped, columns kept."""
    cells = []
    position = start
    for match in [*pattern.finditer(line, start), None]:
        end = match.start() if match else len(line)
        raw = line[position:end]
        content = raw.strip()
        column = position + len(raw) - len(raw.lstrip()) + 1 if content else position + 1 + min(1, len(raw))
        if match is None:
            if content:  # text after the last pipe: only in broken 1.x rows
                cells.append(PlainCell(content, number, column))
            break
        cells.append(PlainCell(content, number, column))
        position = match.end()
    return cells


class _Parser1:
    """trafilatura 1.x: pipe-terminated lines; empty cells dropped, padding at the end."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.items: list[PlainBlock | PlainTable | None] = []
        k = 0
        while k < len(lines):
            if self._opens_table(k) or (" | " in lines[k] and self._continues(k)):
                k = self._table(k)
            else:
                self.items.append(_block(lines[k], k + 1))
                k += 1

    def _is_table_line(self, k: int) -> bool:
        return self.lines[k].rstrip().endswith("|")

    def _opens_table(self, k: int) -> bool:
        """A pipe-terminated line that does not start with a pipe: 1.x drops empty cells, so
        its rows never do (a line such as ``| a | b |`` is text, a code block's say), but a
        cell broken over lines may close on one."""
        return self._is_table_line(k) and not self.lines[k].lstrip().startswith("|")

    def _is_separator(self, k: int) -> bool:
        return k < len(self.lines) and bool(_SEPARATOR_1.match(self.lines[k].strip()))

    def _continues(self, k: int) -> int:
        """How many lines from `k` on belong to the table before its next pipe line (0: none).

        Taken: list items written inside a cell (``- x`` lines), runs that end on a line
        starting with ``|`` (the broken cell closing) and runs that start with a row whose
        cells go on past the line (``a | b`` then ``more of b |``); other text ends the table.
        """
        j = k
        while j < len(self.lines) and not self._is_table_line(j):
            if not self.lines[j].strip() or j - k >= _MAX_BROKEN_LINES:
                return 0
            j += 1
        if j == len(self.lines) or j == k:
            return 0
        closing = self.lines[j].lstrip().startswith("|")
        items_only = all(self.lines[i].lstrip().startswith("- ") for i in range(k, j))
        opens_row = " | " in self.lines[k]
        if (closing or items_only or opens_row) and not self._is_separator(j + 1):
            return j - k
        return 0

    def _table(self, start: int) -> int:
        rows: list[PlainRow] = []
        header_rows, width = 0, None
        k = start
        pending: list[PlainCell] = []  # cells of a row broken over lines, not yet closed
        while k < len(self.lines):
            line = self.lines[k]
            if self._is_separator(k):
                if rows and header_rows == 0 and len(rows) == 1:
                    header_rows = 1
                    width = line.strip().count("|")
                elif rows:
                    break  # a separator after later rows belongs to a new table's header
                k += 1
                continue
            if self._is_table_line(k):
                if rows and self._is_separator(k + 1) and not pending:
                    break  # a new table's header row
                cells = pending + _split_cells(line, k + 1, _UNESCAPED_PIPE)
                pending = []
                padding = sum(1 for cell in cells if not cell.text)
                kept = [cell for cell in cells if cell.text]
                first = kept[0].line if kept else k + 1
                rows.append(PlainRow(kept, first, k + 1, padding))
                k += 1
                continue
            taken = self._continues(k)
            if not taken:
                break
            for j in range(k, k + taken):
                line = self.lines[j]
                if line.lstrip().startswith("- "):  # a list item written inside a cell
                    line = line.replace("- ", "  ", 1)
                pending.extend(_split_cells(line, j + 1, _UNESCAPED_PIPE))
            k += taken
        for row in rows:
            for cell in row.cells:
                cell.fragments = [Fragment(cell.text, cell.line, cell.column, True)]
        self.items.append(PlainTable("trafilatura-1", start + 1, k, rows, header_rows, width))
        return k


class _Parser2:
    """trafilatura 2.x: ``| a | b |`` rows, every slot written, ``\\|`` in text."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.items: list[PlainBlock | PlainTable | None] = []
        k = 0
        while k < len(lines):
            if self._starts_row(k):
                k = self._table(k)
            else:
                self.items.append(_block(lines[k], k + 1))
                k += 1

    def _starts_row(self, k: int) -> bool:
        line = self.lines[k].rstrip()
        return line.startswith("|") and (_ROW_2.match(line) is not None or self._closes_later(k))

    def _closes_later(self, k: int) -> bool:
        """A row whose cell text holds line breaks: `| a | b` … until a line ending in `|`."""
        if not self.lines[k].startswith("| "):
            return False
        for j in range(k + 1, min(k + _MAX_BROKEN_LINES, len(self.lines))):
            line = self.lines[j].rstrip()
            if line.startswith("| ") or not line:
                return False
            if _closes_row(line):
                return True
        return False

    def _table(self, start: int) -> int:
        rows: list[PlainRow] = []
        header_rows, width = 0, None
        k = start
        while k < len(self.lines):
            line = self.lines[k].rstrip()
            if _SEPARATOR_2.match(line):
                if len(rows) == 1 and header_rows == 0:
                    header_rows, width = 1, line.count("|") - 1
                    k += 1
                    continue
                break
            if not self._starts_row(k):
                break
            end = k
            while end + 1 < len(self.lines) and not _closes_row(self.lines[end]):
                end += 1
            rows.append(self._row(k, end))
            k = end + 1
        self.items.append(PlainTable("trafilatura-2", start + 1, k, rows, header_rows, width))
        return k

    def _row(self, first: int, last: int) -> PlainRow:
        """One row from its lines: cells split on unescaped pipes, broken text joined."""
        cells: list[PlainCell] = []
        for k in range(first, last + 1):
            line = self.lines[k].rstrip()
            for index, cell in enumerate(_split_cells(line, k + 1, _UNESCAPED_PIPE, 1 if k == first else 0)):
                fragment = Fragment(_unescape(cell.text), cell.line, cell.column, True)
                if index == 0 and k > first and cells:
                    continued = cells[-1]  # the text of a cell broken over lines goes on
                    continued.fragments.append(fragment)
                    continued.text = " ".join(f.text for f in continued.fragments if f.text)
                    continue
                cells.append(PlainCell(fragment.text, cell.line, cell.column, [fragment] if cell.text else []))
        return PlainRow(cells, first + 1, last + 1)


def _closes_row(line: str) -> bool:
    line = line.rstrip()
    return line.endswith("|") and not line.endswith("\\|")


def _unescape(text: str) -> str:
    return text.replace("\\|", "|")
