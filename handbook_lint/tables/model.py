"""The table model: raw tables as authored, and canonical tables as readers see them.

Extraction produces `RawTable`s (spans kept as written). `layout.normalize()` lays a
`RawTable` out into a `Table`: a rectangular grid, as a browser forms it. Anything the
layout had to repair or throw away is kept as a `Fact` on the table, for rules to report.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

Source = Literal["markdown", "html"]
GroupKind = Literal["thead", "tbody", "tfoot"]


#: What the extractor and the layout notice; each kind is read by one HL0xx/HL1xx rule.
FactKind = Literal[
    "span-invalid",
    "span-clamped",
    "span-lenient",
    "colspan-zero",
    "cells-overlap",
    "slots-uncovered",
    "grid-too-large",
    "pipe-row-missing-cells",
    "pipe-row-extra-cells",
    "pipe-table-not-rendered",
    "html-table-cut",
    "html-table-unclosed",
    "nesting-too-deep",
]


class Fact(NamedTuple):
    """Something the extractor or normalizer noticed about a table.

    `kind` is a stable kebab-case name (for example ``pipe-row-missing-cells``);
    `line`/`column` are 1-based positions in the page as written; `data` holds details.
    """

    kind: FactKind
    line: int
    column: int
    message: str
    data: Mapping[str, Any] = MappingProxyType({})


class RawCell(NamedTuple):
    """One `td`/`th` (or pipe cell) as authored. Span attributes are kept verbatim."""

    text: str
    header: bool
    line: int
    column: int
    colspan: str | None = None
    rowspan: str | None = None


class RawRow(NamedTuple):
    cells: list[RawCell]
    line: int
    column: int


class RowGroup(NamedTuple):
    kind: GroupKind
    rows: list[RawRow]


class RawColumns(NamedTuple):
    """A `<col>`, or a `<colgroup>` without `<col>`s, declaring columns: `span` as written."""

    span: str | None
    line: int
    column: int


@dataclass(slots=True)
class RawTable:
    """A table before span layout: row groups in document order, and the column groups
    declared before them (a table is at least as wide as they say)."""

    source: Source
    line: int
    column: int
    end_line: int
    groups: list[RowGroup]
    facts: list[Fact] = field(default_factory=list)
    columns: list[RawColumns] = field(default_factory=list)


@dataclass(slots=True)
class Cell:
    """A real cell at its anchor slot in the canonical grid (0-based row/col)."""

    row: int
    col: int
    rowspan: int
    colspan: int
    header: bool
    text: str
    line: int
    column: int

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "col": self.col,
            "rowspan": self.rowspan,
            "colspan": self.colspan,
            "header": self.header,
            "text": self.text,
            "line": self.line,
            "column": self.column,
        }


@dataclass(slots=True)
class Layout:
    """The result of span normalization.

    `cells` are in the order they were placed: by anchor row, then column. `slots[r][c]` is
    the index in `cells` of the cell covering that slot (the first claimant where cells
    overlap), or None. `slots` is None when the grid would exceed the slot bound; `facts`
    then says so.
    """

    width: int
    height: int
    cells: list[Cell]
    slots: list[list[int | None]] | None
    header_rows: int
    facts: list[Fact] = field(default_factory=list)

    def header_cells(self) -> list[Cell]:
        """The cells anchored in the header rows: the first of `cells`, found without reading the others."""
        return self.cells[: bisect.bisect_left(self.cells, self.header_rows, key=_anchor_row)]


def _anchor_row(cell: Cell) -> int:
    return cell.row


@dataclass(slots=True)
class Table:
    """A canonical table of a page."""

    id: str
    index: int
    source: Source
    line: int
    column: int
    end_line: int
    headings: tuple[str, ...]
    layout: Layout
    facts: list[Fact]

    @property
    def grid(self) -> list[list[str | None]] | None:
        """Cell text per slot; a spanning cell repeats in every slot it covers."""
        if self.layout.slots is None:
            return None
        cells = self.layout.cells
        return [[None if i is None else cells[i].text for i in row] for row in self.layout.slots]

    def grid_row(self, row: int) -> list[str | None] | None:
        """One row of `grid`, without building the others (None without a grid or that row)."""
        if self.layout.slots is None or row >= len(self.layout.slots):
            return None
        cells = self.layout.cells
        return [None if i is None else cells[i].text for i in self.layout.slots[row]]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "index": self.index,
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "headings": list(self.headings),
            "header_rows": self.layout.header_rows,
            "width": self.layout.width,
            "height": self.layout.height,
            "grid": self.grid,
            "cells": [cell.to_json() for cell in self.layout.cells],
            "facts": [{"kind": f.kind, "line": f.line, "column": f.column, "message": f.message} for f in self.facts],
        }
