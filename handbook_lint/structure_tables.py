"""Structure tables: rows are functions (first column), columns are tiers (header cells).

A table is a structure table when a `structure-tables` entry of the configuration matches
it (by heading and/or header cells), when `<!-- handbook-lint: structure -->` stands just
before it, or, with no entries configured, when at least two of its header cells name
configured tiers (ignoring case and an ordinal prefix such as `1 - `).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from handbook_lint.tables.model import Cell, Table
from handbook_lint.tables.text import collapse

STRUCTURE_MARKER = re.compile(r"<!--\s*handbook-lint:\s*structure\s*-->")
_ORDINAL_PREFIX = re.compile(r"^\s*\d+\s*[-.):]\s*")


def tier_key(text: str) -> str:
    """How tier names compare: no ordinal prefix, case-folded, whitespace collapsed."""
    return collapse(_ORDINAL_PREFIX.sub("", text)).casefold()


def function_key(text: str) -> str:
    return collapse(text).casefold()


@dataclass(slots=True)
class StructureTable:
    """A structure table: its tier header cells, its function cells, and its owners."""

    table: Table
    tiers: list[Cell]
    functions: list[Cell]
    expected_tiers: list[str] | None
    expected_functions: list[str] | None
    schema: str | None
    entry: int | None = None  # the index of the `structure-tables` entry that made it one

    def owner_slots(self) -> list[tuple[Cell, Cell]]:
        """(function cell, tier cell) for every owner slot: row `function.row`, column `tier.col`."""
        return [(function, tier) for function in self.functions for tier in self.tiers]

    def owner(self, row: int, col: int) -> Cell | None:
        slots = self.table.layout.slots
        index = slots[row][col] if slots is not None else None
        return None if index is None else self.table.layout.cells[index]

    def view(self) -> tuple[dict[str, Any], dict[tuple[str, ...], Cell]]:
        """The structure view `{"tiers": [...], "functions": {function: {tier: owner}}}`,
        and the cell behind each JSON path, to place schema errors in the page."""
        places: dict[tuple[str, ...], Cell] = {}
        functions: dict[str, dict[str, str | None]] = {}
        for function in self.functions:
            owners: dict[str, str | None] = {}
            places[("functions", function.text)] = function
            for tier in self.tiers:
                owner = self.owner(function.row, tier.col)
                owners[tier.text] = owner.text if owner is not None else None
                places[("functions", function.text, tier.text)] = owner or function
            functions[function.text] = owners
        for index, tier in enumerate(self.tiers):
            places[("tiers", str(index))] = tier
        return {"tiers": [tier.text for tier in self.tiers], "functions": functions}, places


def find_structure_tables(tables: list[Table], text: str, config: Any) -> list[StructureTable]:
    """The page's structure tables, by configuration entry, marker or default tiers."""
    lines = text.split("\n")
    entries = config["structure-tables"] if config is not None else []
    tiers = list(config["tiers"]) if config is not None else None
    found = []
    for table in tables:
        if table.layout.slots is None or table.layout.height < 2 or table.layout.width < 2:
            continue
        index, entry = next(((i, e) for i, e in enumerate(entries) if _entry_matches(e, table)), (None, None))
        if entry is not None:
            structure = _structure(table, entry.get("tiers", tiers), entry.get("functions"), entry.get("schema"))
            structure.entry = index
            found.append(structure)
        elif _marked(table, lines) or (not entries and _looks_like_structure(table, tiers)):
            found.append(_structure(table, tiers, None, None))
    return found


def _structure(
    table: Table, tiers: list[str] | None, functions: list[str] | None, schema: str | None
) -> StructureTable:
    layout = table.layout
    header_row = 0
    body_start = max(layout.header_rows, 1)
    tier_cells = _distinct_cells(table, header_row, range(1, layout.width), by_row=False)
    function_cells = _distinct_cells(table, 0, range(body_start, layout.height), by_row=True)
    return StructureTable(table, tier_cells, function_cells, tiers, functions, schema)


def _distinct_cells(table: Table, fixed: int, indices: range, *, by_row: bool) -> list[Cell]:
    """Cells along the first column (by_row) or the header row, each spanning cell once.

    A slot no cell covers yields an empty placeholder cell at that slot.
    """
    cells, seen = [], set()
    slots = table.layout.slots or []
    for index in indices:
        row, col = (index, fixed) if by_row else (fixed, index)
        cell_index = slots[row][col]
        if cell_index is None:
            line = table.line
            cells.append(Cell(row, col, 1, 1, not by_row, "", line, table.column))
        elif cell_index not in seen:
            seen.add(cell_index)
            cell = table.layout.cells[cell_index]
            cells.append(Cell(row, col, cell.rowspan, cell.colspan, cell.header, cell.text, cell.line, cell.column))
    return cells


def _entry_matches(entry: dict[str, Any], table: Table) -> bool:
    if "heading" in entry and function_key(entry["heading"]) not in {function_key(h) for h in table.headings}:
        return False
    if "header" in entry:
        grid = table.grid or [[]]
        if [function_key(c or "") for c in grid[0]] != [function_key(c) for c in entry["header"]]:
            return False
    return True


def _marked(table: Table, lines: list[str]) -> bool:
    line = table.line - 2
    while line >= 0 and not lines[line].strip():
        line -= 1
    return line >= 0 and bool(STRUCTURE_MARKER.search(lines[line]))


def _looks_like_structure(table: Table, tiers: list[str] | None) -> bool:
    if not tiers or table.grid is None:
        return False
    known = {tier_key(t) for t in tiers}
    header = table.grid[0][1:]
    return sum(1 for cell in header if cell is not None and tier_key(cell) in known) >= min(2, len(known))
