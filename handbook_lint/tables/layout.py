"""Span layout: a `RawTable` becomes a rectangular grid, the way browsers form tables.

This follows the HTML Standard's "forming a table" algorithm (tables, processing model),
in no-quirks mode: column groups before the rows make the table at least as wide as their
spans say, row groups in tree order with `tfoot` groups last, a rowspan that runs
past its group adds rows to that group, and `rowspan="0"` grows to the end of the group.
Cells are placed using column intervals, so time and memory follow the number of cells,
not the size of their spans; the dense `slots` grid is built last, only within `max_slots`.

A pipe table needs none of it: its cells span nothing and its rows are as wide as its header,
so `stack_rows` takes its rows as the grid (the layout `normalize` gives, property-tested).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterator
from typing import Literal, NamedTuple

from handbook_lint.tables.model import Cell, Fact, Layout, RawCell, RawColumns, RawRow, RawTable, RowGroup

SpanKind = Literal["colspan", "rowspan", "span"]  # span: of a <col> or <colgroup>
SpanProblem = Literal["span-invalid", "span-clamped", "span-lenient", "colspan-zero"]

SPAN_LIMITS: dict[SpanKind, int] = {"colspan": 1000, "rowspan": 65534, "span": 1000}
_ASCII_WHITESPACE = "\t\n\f\r "
_ASCII_DIGITS = "0123456789"
_SPAN_MESSAGES: dict[SpanProblem, str] = {
    "span-invalid": '{kind}="{raw}" is not a valid number; browsers use {value}',
    "colspan-zero": '{kind}="{raw}" is not allowed; browsers use {value}',
    "span-clamped": '{kind}="{raw}" is more than {value}; browsers use {value}',
    "span-lenient": '{kind}="{raw}" is not a plain number; browsers read it as {value}',
}


class SpanValue(NamedTuple):
    """A span attribute as browsers read it: the `value` used, and what was wrong if anything.

    A rowspan `value` of 0 means the cell grows to the end of its row group.
    """

    value: int
    problem: SpanProblem | None = None


def parse_span(value: str | None, *, kind: SpanKind) -> SpanValue:
    """Read a colspan, rowspan or (column) span attribute, None when absent, as the HTML
    Standard does."""
    if value is None:
        return SpanValue(1)
    number = _parse_non_negative_integer(value)
    if number is None:
        return SpanValue(1, "span-invalid")
    if number == 0 and kind != "rowspan":
        return SpanValue(1, "colspan-zero")
    if number > SPAN_LIMITS[kind]:
        return SpanValue(SPAN_LIMITS[kind], "span-clamped")
    plain = value.isascii() and value.isdigit()
    return SpanValue(number, None if plain else "span-lenient")


def _parse_non_negative_integer(text: str) -> int | None:
    """HTML's "rules for parsing non-negative integers"; None where they give an error."""
    start = len(text) - len(text.lstrip(_ASCII_WHITESPACE))
    negative = text.startswith("-", start)
    if text.startswith(("-", "+"), start):
        start += 1
    end = start
    while end < len(text) and text[end] in _ASCII_DIGITS:
        end += 1
    if end == start:
        return None
    # Ten significant digits already exceed every span limit; reading more only costs time.
    number = int(text[start:end].lstrip("0")[:10] or "0")
    return None if negative and number else number


def normalize(table: RawTable, *, max_slots: int = 1_000_000) -> Layout:
    """Lay `table` out as browsers do; `slots` stays None if it would exceed `max_slots`."""
    former = _TableFormer(max_slots)
    former.process_column_groups(table.columns)
    feet = [group for group in table.groups if group.kind == "tfoot"]
    for group in [group for group in table.groups if group.kind != "tfoot"] + feet:
        former.process_row_group(group)
        if former.over_bound:
            break
    return former.layout(table, max_slots)


def stack_rows(cells: list[Cell], width: int, *, max_slots: int, where: tuple[int, int]) -> Layout:
    """The layout of a table whose rows each hold `width` (at least one) cells that span
    nothing, already at their row and column (`cells`, row after row), the first row its header
    (a pipe table; `where` is its position).

    The rows are the grid: this is what `normalize` makes of a `thead` of the first row and a
    `tbody` of the others, rows past the slot bound left out as it leaves them, without forming
    a table cell by cell.
    """
    rows = len(cells) // width
    placed = max(0, min(rows, max_slots // width + 1))
    size = width * placed
    del cells[size:]
    if size > max_slots:
        facts = [_too_large(width, placed, size, max_slots, placed < rows, where)]
        return Layout(width, placed, cells, None, min(placed, 1), facts)
    indexes: list[int | None] = list(range(size))  # row after row
    slots = [indexes[start : start + width] for start in range(0, size, width)]
    return Layout(width, placed, cells, slots, min(placed, 1), [])


def _too_large(width: int, height: int, size: int, max_slots: int, stopped: bool, where: tuple[int, int]) -> Fact:
    """The fact that a grid was not built; `stopped`: the layout stopped early (`size` is then a lower bound)."""
    needs = f"more than {size}" if stopped else f"{size}"
    message = (
        f"laying out this {width}-column, {height}-row table needs "
        f"{needs} slots, more than the limit of {max_slots}; its grid was not built"
    )
    data = dict(width=width, height=height, slots=size, max_slots=max_slots)
    return Fact("grid-too-large", *where, message, data)


class _Span(NamedTuple):
    """Columns [start, stop) that cell `cell` holds down to `last_row` (inf while growing)."""

    start: int
    stop: int
    last_row: float
    cell: int


class _TableFormer:
    """The state of "forming a table"; method names follow the algorithm's sections."""

    def __init__(self, max_slots: int) -> None:
        self.max_slots = max_slots
        self.over_bound = False  # layout stopped: the grid already exceeds max_slots
        self.width = 0  # xwidth
        self.height = 0  # yheight
        self.y = 0  # ycurrent
        self.cells: list[Cell] = []
        self.facts: list[Fact] = []
        self.spans: list[_Span] = []  # cells reaching into row y from above, by column
        self.growing: list[int] = []  # downward-growing cells of the current row group
        self.downward: set[int] = set()  # every downward-growing cell
        self.spanning = False  # whether a cell takes more than one slot (or grows downward)
        self.groups: list[tuple[str, int, int]] = []  # (kind, first row, stop row)
        self.row_positions: dict[int, tuple[int, int]] = {}  # authored row -> (line, column)
        self.extensions: list[tuple[int, int]] = []  # (first row added, cell whose rowspan did)

    def process_column_groups(self, columns: list[RawColumns]) -> None:
        """The "column groups" steps: each `<col>` (or `<colgroup>` without one) before the
        rows adds its span of columns, which cells need not fill."""
        for declared in columns:
            self.width += self.span_of(declared.span, "span", declared.line, declared.column)

    def process_row_group(self, group: RowGroup) -> None:
        """Lay out a group's rows; stop once the grid exceeds the bound, so the work done
        (which grows with rows × open spans) stays within the bound too."""
        start = self.height
        if any(raw.colspan is not None or raw.rowspan is not None for row in group.rows for raw in row.cells):
            for row in group.rows:
                if self.width * self.height > self.max_slots:
                    self.over_bound = True
                    break
                self.process_row(row)
        else:  # most groups: no cell reaches into another row or column
            self.place_plain_rows(group.rows)
        self.end_row_group()
        self.groups.append((group.kind, start, self.height))

    def place_plain_rows(self, rows: list[RawRow]) -> None:
        """What `process_row` does with each row of a group whose cells span nothing (the group
        starts with no cell from above, and none of its cells reaches below)."""
        cells, positions, y, width = self.cells, self.row_positions, self.y, self.width
        for row in rows:
            if width * y > self.max_slots:  # (every row so far was a new row: height is y)
                self.over_bound = True
                break
            positions[y] = (row.line, row.column)
            cells += [Cell(y, x, 1, 1, raw.header, raw.text, raw.line, raw.column) for x, raw in enumerate(row.cells)]
            if len(row.cells) > width:
                width = len(row.cells)
            y += 1
        self.y = self.height = y
        self.width = width

    def process_row(self, row: RawRow) -> None:
        if self.height == self.y:
            self.height += 1
        self.row_positions[self.y] = (row.line, row.column)
        if self.spans:
            self.spans = sorted(span for span in self.spans if span.last_row >= self.y)
        if not self.spans and all(raw.colspan is None and raw.rowspan is None for raw in row.cells):
            self.place_plain_row(row)  # most rows: nothing from above, one slot per cell
            return
        below: list[_Span] = []
        x = k = 0
        for raw in row.cells:
            # Skip taken slots: spans[:k] all end at or before x, spans[k:] start after it.
            while k < len(self.spans) and self.spans[k].start <= x:
                x = max(x, self.spans[k].stop)
                k += 1
            x += self.place_cell(raw, x, k, below)
        self.spans += below
        self.y += 1

    def place_plain_row(self, row: RawRow) -> None:
        """What `process_row` does with cells that span nothing, where no cell from above reaches."""
        y = self.y
        self.cells += [Cell(y, x, 1, 1, raw.header, raw.text, raw.line, raw.column) for x, raw in enumerate(row.cells)]
        self.width = max(self.width, len(row.cells))
        self.y += 1

    def place_cell(self, raw: RawCell, x: int, k: int, below: list[_Span]) -> int:
        """Anchor `raw` at free slot (x, y), left of `spans[k]`; return its colspan."""
        colspan = self.read_span(raw, "colspan")
        rowspan = self.read_span(raw, "rowspan")
        rows = max(rowspan, 1)
        index = len(self.cells)
        self.spanning = self.spanning or rowspan != 1 or colspan != 1
        self.width = max(self.width, x + colspan)
        if self.y + rows > self.height:
            self.extensions.append((self.height, index))
            self.height = self.y + rows
        self.check_overlap(raw, x, x + colspan, k)
        self.cells.append(Cell(self.y, x, rows, colspan, raw.header, raw.text, raw.line, raw.column))
        if rowspan == 0:
            self.growing.append(index)
            self.downward.add(index)
            below.append(_Span(x, x + colspan, math.inf, index))
        elif rows > 1:
            below.append(_Span(x, x + colspan, self.y + rows - 1, index))
        return colspan

    def read_span(self, raw: RawCell, kind: SpanKind) -> int:
        return self.span_of(raw.colspan if kind == "colspan" else raw.rowspan, kind, raw.line, raw.column)

    def span_of(self, written: str | None, kind: SpanKind, line: int, column: int) -> int:
        """The span browsers use for an attribute written at (line, column); a fact if it is wrong."""
        span = parse_span(written, kind=kind)
        if span.problem:
            message = _SPAN_MESSAGES[span.problem].format(kind=kind, raw=written, value=span.value)
            data = {"attribute": kind, "written": written, "used": span.value}
            self.facts.append(Fact(span.problem, line, column, message, data))
        return span.value

    def check_overlap(self, raw: RawCell, start: int, stop: int, k: int) -> None:
        """Record the cells from rows above that hold row y in columns [start, stop).

        Those are the `spans[k:]` that start before `stop`. Cells reaching further down
        also hold row y, so checking row y finds every overlap; a downward-growing cell
        only runs into cells it already overlapped when they were placed.
        """
        later = itertools.islice(self.spans, k, None)
        earlier = [span.cell for span in itertools.takewhile(lambda s: s.start < stop, later)]
        if earlier:
            other = self.cells[earlier[0]]
            message = (
                f"cell in row {self.y + 1}, grid column {start + 1} overlaps the cell from line "
                f"{other.line}, column {other.column}, whose span reaches into it"
            )
            data = {"row": self.y, "col": start, "overlaps": earlier}
            self.facts.append(Fact("cells-overlap", raw.line, raw.column, message, data))

    def end_row_group(self) -> None:
        for index in self.growing:
            cell = self.cells[index]
            cell.rowspan = self.height - cell.row
        self.growing.clear()
        self.spans.clear()
        self.y = self.height

    def layout(self, table: RawTable, max_slots: int) -> Layout:
        # Overlapping cells paint some slots more than once; count that work too.
        size = self.width * self.height
        if self.spanning:
            size = max(size, sum(c.rowspan * c.colspan for c in self.cells))
        slots = None
        if size > max_slots:
            where = (table.line, table.column)
            self.facts.append(_too_large(self.width, self.height, size, max_slots, self.over_bound, where))
        else:
            slots = self.paint()
            self.facts += self.uncovered(slots)
        return Layout(self.width, self.height, self.cells, slots, self.header_rows(), self.facts)

    def paint(self) -> list[list[int | None]]:
        """The dense grid, each slot showing the cell that claimed it first."""
        slots: list[list[int | None]] = [[None] * self.width for _ in range(self.height)]
        if not self.spanning:  # one slot each, never another's: no claims to order
            for index, cell in enumerate(self.cells):
                slots[cell.row][cell.col] = index
            return slots
        # A claim is (row, 0 = grown into at the row's start / 1 = placed, cell, first row,
        # stop row); downward-growing cells claim each row below their anchor separately.
        claims: list[tuple[int, int, int, int, int]] = []
        for index, cell in enumerate(self.cells):
            if index in self.downward:
                claims.append((cell.row, 1, index, cell.row, cell.row + 1))
                grown = range(cell.row + 1, cell.row + cell.rowspan)
                claims += [(row, 0, index, row, row + 1) for row in grown]
            else:
                claims.append((cell.row, 1, index, cell.row, cell.row + cell.rowspan))
        for _, _, index, top, bottom in sorted(claims, reverse=True):  # first claims paint last
            cell = self.cells[index]
            for row in slots[top:bottom]:
                row[cell.col : cell.col + cell.colspan] = [index] * cell.colspan
        return slots

    def uncovered(self, slots: list[list[int | None]]) -> Iterator[Fact]:
        """One fact per row with slots no cell covers."""
        for y, row in enumerate(slots):
            if None in row:
                columns = [x for x, index in enumerate(row) if index is None]
                message = (
                    f"row {y + 1} has no cell in {len(columns)} of its {self.width} columns, "
                    f"starting at grid column {columns[0] + 1}"
                )
                line, column = self.row_position(y)
                yield Fact("slots-uncovered", line, column, message, {"row": y, "columns": columns})

    def row_position(self, y: int) -> tuple[int, int]:
        """Where row y was written; for a row a rowspan added, where that cell was."""
        if y in self.row_positions:
            return self.row_positions[y]
        _, index = self.extensions[bisect.bisect_right(self.extensions, (y, math.inf)) - 1]
        return self.cells[index].line, self.cells[index].column

    def header_rows(self) -> int:
        """Leading rows from `thead` groups, else leading rows anchoring header cells only."""
        laid_out = [(kind, start) for kind, start, stop in self.groups if stop > start]
        if laid_out and laid_out[0][0] == "thead":
            return next((start for kind, start in laid_out if kind != "thead"), self.height)
        all_header: dict[int, bool] = {}
        for cell in self.cells:
            all_header[cell.row] = all_header.get(cell.row, True) and cell.header
        rows = 0
        while all_header.get(rows):
            rows += 1
        return rows
