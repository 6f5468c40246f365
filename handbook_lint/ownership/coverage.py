"""The coverage model of the report: each structure table as drawn, with gaps and findings.

A table is drawn from its canonical layout: every slot belongs to exactly one drawn cell,
a spanning cell becomes one merged cell, and a slot no cell covers becomes an empty cell of
its own. Gaps (a function with no owner at a tier) and the page's diagnostics inside the
table are attached to the drawn cells they are about, as numbered notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from handbook_lint import api, engine
from handbook_lint.config import Config, Configs
from handbook_lint.diagnostics import Diagnostic
from handbook_lint.page import PageError, read_page
from handbook_lint.pool import map_pages
from handbook_lint.rules import internal_error
from handbook_lint.structure_tables import StructureTable, function_key, tier_key
from handbook_lint.tables.model import Layout

#: The rule whose findings are the gaps; the report draws them from the table itself.
MISSING_OWNER = "HL301"


@dataclass(slots=True)
class Note:
    """A message on a table, and on the drawn cell it points at, if any."""

    number: int  # 1-based, within its table
    code: str  # "gap", or the code of the rule that found it
    message: str
    line: int
    column: int


@dataclass(slots=True)
class DrawnCell:
    """One cell as drawn: a rectangle of slots, with what the report knows about it."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    header: bool  # drawn as <th>: a header row, or the function column
    covered: bool  # False for a slot no cell of the page covers
    tiers: tuple[str, ...]  # keys of the tiers whose columns it covers
    line: int | None = None
    column: int | None = None
    gap: bool = False
    notes: list[Note] = field(default_factory=list)


@dataclass(slots=True)
class DrawnRow:
    cells: list[DrawnCell]
    header: bool
    function: str | None  # the key of the row's function, for body rows


@dataclass(slots=True)
class TierCount:
    key: str
    name: str
    owned: int = 0
    slots: int = 0


@dataclass(slots=True)
class CoverageTable:
    """A structure table of a page, drawn, with its counts and notes."""

    path: str
    title: str | None
    headings: tuple[str, ...]
    line: int
    column: int
    tiers: list[TierCount]
    functions: list[tuple[str, str]]  # (key, name) in order
    rows: list[DrawnRow]
    notes: list[Note]

    @property
    def gaps(self) -> int:
        return sum(1 for note in self.notes if note.code == "gap")

    @property
    def findings(self) -> int:
        return len(self.notes) - self.gaps


@dataclass(slots=True)
class PageCount:
    path: str
    tables: int = 0
    owned: int = 0
    slots: int = 0
    gaps: int = 0
    findings: int = 0


@dataclass(slots=True)
class Coverage:
    """The whole report: every structure table of the pages read, in page order."""

    pages_read: int
    tables: list[CoverageTable]
    unreadable: list[tuple[str, str]]  # (path, why)

    def tier_counts(self) -> list[TierCount]:
        """Owned and total owner slots per tier over all tables, tiers in order of appearance."""
        totals: dict[str, TierCount] = {}
        for table in self.tables:
            for tier in table.tiers:
                total = totals.setdefault(tier.key, TierCount(tier.key, tier.name))
                total.owned += tier.owned
                total.slots += tier.slots
        return list(totals.values())

    def page_counts(self) -> list[PageCount]:
        pages: dict[str, PageCount] = {}
        for table in self.tables:
            page = pages.setdefault(table.path, PageCount(table.path))
            page.tables += 1
            page.owned += sum(tier.owned for tier in table.tiers)
            page.slots += sum(tier.slots for tier in table.tiers)
            page.gaps += table.gaps
            page.findings += table.findings
        return list(pages.values())

    @property
    def gaps(self) -> int:
        return sum(table.gaps for table in self.tables)

    @property
    def findings(self) -> int:
        return sum(table.findings for table in self.tables)


def build_coverage(paths: Iterable[str], configs: Configs, *, jobs: int = 1) -> Coverage:
    """Lint every page under `paths` once and draw its structure tables, in `jobs` processes
    (as `check` does: runs under `pool.PARALLEL_THRESHOLD` pages use one).

    Raises `api.PathNotFound` and `config.ConfigError`, as `check` does.
    """
    pages = api.find_pages(paths, configs)
    tables: list[CoverageTable] = []
    unreadable = []
    for drawn, problem in map_pages(page_coverage, [(path, configs(path)) for path in pages], jobs=jobs):
        tables.extend(drawn)
        if problem is not None:
            unreadable.append(problem)
    return Coverage(len(pages), tables, unreadable)


def page_coverage(path: str, config: Config) -> tuple[list[CoverageTable], tuple[str, str] | None]:
    """One page's structure tables drawn, or why the page could not be read (its path and
    the message)."""
    try:
        page = read_page(path, max_bytes=config["max-file-size"])
    except PageError as error:
        return [], (path, error.problem.message)
    try:
        analysis = engine.analyse_page(page, config)
    except Exception as error:  # a bug: the page is listed (HL000), the others still drawn
        return [], (path, internal_error.problem(path, error).message)
    return [
        draw(structure, page.path, page.title, analysis.diagnostics) for structure in analysis.structure_tables
    ], None


def draw(structure: StructureTable, path: str, title: str | None, diagnostics: list[Diagnostic]) -> CoverageTable:
    """A structure table drawn, with its gaps and the diagnostics inside it as notes."""
    table = structure.table
    layout = table.layout
    tier_of_column = {tier.col: tier_key(tier.text) for tier in structure.tiers}
    rows, drawn_at = _draw_rows(layout, tier_of_column)
    tiers: dict[str, TierCount] = {}
    for tier in structure.tiers:
        tiers.setdefault(tier_key(tier.text), TierCount(tier_key(tier.text), tier.text))
    notes: list[Note] = []
    for function in structure.functions:
        for tier in structure.tiers:
            owner = structure.owner(function.row, tier.col)
            count = tiers[tier_key(tier.text)]
            count.slots += 1
            if owner is not None and owner.text:
                count.owned += 1
                continue
            cell = drawn_at[(function.row, tier.col)]
            cell.gap = True
            why = "the cell is empty" if owner is not None else "no cell covers this slot (check the spans of this row)"
            line, column = (cell.line, cell.column) if cell.line and cell.column else (function.line, function.column)
            message = f'"{function.text}" has no owner for tier "{tier.text}": {why}'
            notes.append(Note(0, "gap", message, line, column))
            cell.notes.append(notes[-1])
    by_position = {(cell.line, cell.column): cell for row in rows for cell in row.cells if cell.line is not None}
    for diagnostic in diagnostics:
        if diagnostic.code == MISSING_OWNER or not table.line <= diagnostic.line <= table.end_line:
            continue
        note = Note(0, diagnostic.code, diagnostic.message, diagnostic.line, diagnostic.column)
        marked = by_position.get((diagnostic.line, diagnostic.column))
        if marked is not None:
            marked.notes.append(note)
        notes.append(note)
    notes.sort(key=lambda note: (note.line, note.column, note.code))
    for number, note in enumerate(notes, start=1):
        note.number = number
    functions = [(function_key(f.text), f.text) for f in structure.functions]
    return CoverageTable(
        path, title, table.headings, table.line, table.column, list(tiers.values()), functions, rows, notes
    )


def _draw_rows(
    layout: Layout, tier_of_column: dict[int, str]
) -> tuple[list[DrawnRow], dict[tuple[int, int], DrawnCell]]:
    """Cut the slot grid into drawn cells, row by row; and the drawn cell of every slot."""
    slots = layout.slots or []
    body_start = max(layout.header_rows, 1)
    drawn_at: dict[tuple[int, int], DrawnCell] = {}
    rows = []
    for r in range(layout.height):
        cells = []
        for c in range(layout.width):
            if (r, c) in drawn_at:
                continue
            cell = _rectangle(slots, layout, r, c, drawn_at, tier_of_column, header=r < body_start or c == 0)
            cells.append(cell)
            for row in range(r, r + cell.rowspan):
                for col in range(c, c + cell.colspan):
                    drawn_at[(row, col)] = cell
        header = r < body_start
        first = slots[r][0] if slots[r] else None
        function = function_key(layout.cells[first].text) if first is not None and not header else None
        rows.append(DrawnRow(cells, header, function))
    return rows, drawn_at


def _rectangle(
    slots: list[list[int | None]],
    layout: Layout,
    r: int,
    c: int,
    drawn: dict[tuple[int, int], DrawnCell],
    tier_of_column: dict[int, str],
    *,
    header: bool,
) -> DrawnCell:
    """The largest rectangle from slot (r, c) whose slots all belong to the same cell and
    are not drawn yet; a slot no cell covers is a rectangle of its own."""
    index = slots[r][c]
    width = height = 1
    if index is not None:
        while c + width < layout.width and slots[r][c + width] == index and (r, c + width) not in drawn:
            width += 1
        while r + height < layout.height and all(
            slots[r + height][col] == index and (r + height, col) not in drawn for col in range(c, c + width)
        ):
            height += 1
    tiers = tuple(tier_of_column[col] for col in range(c, c + width) if col in tier_of_column)
    if index is None:
        return DrawnCell(r, c, 1, 1, "", header, False, tiers)
    source = layout.cells[index]
    return DrawnCell(r, c, height, width, source.text, header, True, tiers, source.line, source.column)
