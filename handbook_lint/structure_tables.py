"""Structure tables: rows are functions (first column), columns are tiers (header cells).

A table is a structure table when a `structure-tables` entry of the configuration matches
it (by heading and/or header cells), when `<!-- handbook-lint: structure -->` stands just
before it, or, with no entries configured, when at least two of its header cells name
configured tiers (ignoring case and an ordinal prefix such as `1 - `).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from handbook_lint.tables.model import Cell, Table
from handbook_lint.tables.text import collapse

STRUCTURE_MARKER = re.compile(r"<!--\s*handbook-lint:\s*structure\s*-->")
_ORDINAL_PREFIX = re.compile(r"^\s*\d+\s*[-.):]\s*")
#: How alike two tier names must be to be taken for one tier when they stand in different places.
SIMILAR_TIERS = 0.6


def tier_key(text: str) -> str:
    """How tier names compare: no ordinal prefix, case-folded, whitespace collapsed."""
    return collapse(_ORDINAL_PREFIX.sub("", text)).casefold()


def function_key(text: str) -> str:
    return collapse(text).casefold()


def tier_similarity(first: str, second: str) -> float:
    """How alike two tier names are, 0 to 1: difflib's ratio of their keys, 0.9 when one
    key begins the other (`Team` and `Team (Self Serve)`)."""
    import difflib  # only a page with a structure table needs it

    a, b = tier_key(first), tier_key(second)
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    return max(0.9, ratio) if a and b and (a.startswith(b) or b.startswith(a)) else ratio


class TierMatch(NamedTuple):
    """How a table's tier names line up with reference names (configured, or another table's).

    `same` and `renamed` pair an index of `found` with an index of `names`; `renamed` are
    different names for one tier. `unknown` found names and `missing` reference names have
    no counterpart; a found name repeating a reference name already matched is in neither.
    """

    same: list[tuple[int, int]]
    renamed: list[tuple[int, int]]
    unknown: list[int]
    missing: list[int]

    def in_reference_order(self) -> bool:
        order = [name for _, name in sorted(self.same + self.renamed)]
        return order == sorted(order)


def match_tiers(found: list[str], names: list[str]) -> TierMatch:
    """Pair tier names by name, never by column number.

    Equal names (by `tier_key`) pair first, wherever they stand. A found name that is not a
    reference name is a renaming of a missing reference name when it stands in its place
    between the tiers that did pair (difflib's alignment of the two lists; the most alike
    first when a place holds several), or, anywhere else, when the two names are alike
    (`tier_similarity` at least `SIMILAR_TIERS`). So a table that drops one tier and adds
    another elsewhere has no renaming, only an unknown and a missing tier.
    """
    found_keys, name_keys = [tier_key(t) for t in found], [tier_key(n) for n in names]
    same: list[tuple[int, int]] = []
    free_names = list(range(len(names)))
    for index, key in enumerate(found_keys):
        match = next((j for j in free_names if name_keys[j] == key), None)
        if match is not None:
            same.append((index, match))
            free_names.remove(match)
    paired, known = {index for index, _ in same}, set(name_keys)
    unknown = [i for i, key in enumerate(found_keys) if i not in paired and key not in known]
    missing = list(free_names)
    unknown_set, missing_set = set(unknown), set(missing)
    renamed: list[tuple[int, int]] = []
    import difflib  # as in tier_similarity

    matcher = difflib.SequenceMatcher(None, found_keys, name_keys, autojunk=False)
    places = [
        ([i for i in range(i1, i2) if i in unknown_set], [j for j in range(j1, j2) if j in missing_set])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag == "replace"
    ]
    for here, there in places:
        renamed += _most_alike(found, names, here, there, 0.0)
    taken_found, taken_names = {i for i, _ in renamed}, {j for _, j in renamed}
    rest_found = [i for i in unknown if i not in taken_found]
    rest_names = [j for j in missing if j not in taken_names]
    renamed += _most_alike(found, names, rest_found, rest_names, SIMILAR_TIERS)
    taken_found, taken_names = {i for i, _ in renamed}, {j for _, j in renamed}
    return TierMatch(
        same,
        sorted(renamed),
        [i for i in unknown if i not in taken_found],
        [j for j in missing if j not in taken_names],
    )


def _most_alike(
    found: list[str], names: list[str], here: list[int], there: list[int], at_least: float
) -> list[tuple[int, int]]:
    """Pairs of `here` and `there` indices, the most alike names first, each index once."""
    scored = sorted(
        (
            (tier_similarity(found[i], names[j]), abs(k - m), i, j)
            for k, i in enumerate(here)
            for m, j in enumerate(there)
        ),
        key=lambda item: (-item[0], item[1], item[2], item[3]),
    )
    pairs: list[tuple[int, int]] = []
    for score, _, i, j in scored:
        if score >= at_least and all(i != a and j != b for a, b in pairs):
            pairs.append((i, j))
    return pairs


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
        header = table.grid_row(0) or []
        if [function_key(c or "") for c in header] != [function_key(c) for c in entry["header"]]:
            return False
    return True


def _marked(table: Table, lines: list[str]) -> bool:
    line = table.line - 2
    while line >= 0 and not lines[line].strip():
        line -= 1
    return line >= 0 and bool(STRUCTURE_MARKER.search(lines[line]))


def _looks_like_structure(table: Table, tiers: list[str] | None) -> bool:
    first_row = table.grid_row(0)
    if not tiers or first_row is None:
        return False
    known = {tier_key(t) for t in tiers}
    header = first_row[1:]
    return sum(1 for cell in header if cell is not None and tier_key(cell) in known) >= min(2, len(known))
