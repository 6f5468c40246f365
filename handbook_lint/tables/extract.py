"""Every table of a page, as canonical tables: pipe and HTML, positioned and in context."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from handbook_lint.page import Page
from handbook_lint.tables.html import CHROMIUM_MAX_DEPTH, extract_html_tables
from handbook_lint.tables.layout import normalize, stack_rows
from handbook_lint.tables.markdown import Document, Heading, PipeTableToken, UnrenderedPipeTable
from handbook_lint.tables.model import Cell, Fact, Layout, Source, Table
from handbook_lint.tables.pipe import row_cells

DEFAULT_MAX_SLOTS = 1_000_000
#: What a page needs to hold a table: a pipe, a `<table` tag, or a delimiter row without pipes
#: (a one-column table: a colon is needed, or the row would underline a setext heading).
#: A delimiter row of a table without pipes (one column): `:-`, `-:` or `:-:`.
_PIPELESS_DELIMITER_ROW = re.compile(r"^[ \t>]*(?::-+:?|-+:)[ \t\v\f]*$", re.MULTILINE)


class Extraction(NamedTuple):
    """A page's tables, facts about table-like text that renders as no table, and the parse."""

    tables: list[Table]
    facts: list[Fact]
    document: Document


def extract_tables(
    page: Page, *, max_slots: int = DEFAULT_MAX_SLOTS, max_depth: int = CHROMIUM_MAX_DEPTH
) -> list[Table]:
    """All tables of the page in document order."""
    return extract(page, max_slots=max_slots, max_depth=max_depth).tables


def may_hold_table(page: Page) -> bool:
    """Whether the page has what a table needs; one that has not is not parsed at all."""
    body = page.body
    if "|" in body or ("<" in body and "<table" in body.lower()):  # substring tests: no regex pass over most pages
        return True
    return (":-" in body or "-:" in body) and _PIPELESS_DELIMITER_ROW.search(body) is not None


def extract(page: Page, *, max_slots: int = DEFAULT_MAX_SLOTS, max_depth: int = CHROMIUM_MAX_DEPTH) -> Extraction:
    """All tables of the page in document order, and page-level facts. HTML elements nested
    deeper than `max_depth` are attached at that depth, as browsers do."""
    document = Document(page, tables_only=True)  # parsed on first use: never, for most pages without a table
    if not may_hold_table(page):
        return Extraction([], [], document)
    laid_out = [_pipe_table(document, found, max_slots) for found in document.pipe_tables]
    for raw in extract_html_tables(document, max_depth=max_depth):
        laid_out.append(
            _LaidOut(raw.source, raw.line, raw.column, raw.end_line, raw.facts, normalize(raw, max_slots=max_slots))
        )
    laid_out.sort(key=lambda table: (table.line, table.column))
    ids = _TableIds()
    tables = []
    for index, laid in enumerate(laid_out, start=1):
        headings = heading_path(document.headings, laid.line)
        tables.append(
            Table(
                id=ids.next(headings[-1] if headings else ""),
                index=index,
                source=laid.source,
                line=laid.line,
                column=laid.column,
                end_line=laid.end_line,
                headings=headings,
                layout=laid.layout,
                facts=sorted([*laid.facts, *laid.layout.facts], key=lambda f: (f.line, f.column, f.kind)),
            )
        )
    return Extraction(tables, [_unrendered_fact(found) for found in document.unrendered_pipe_tables], document)


def _unrendered_fact(found: UnrenderedPipeTable) -> Fact:
    return Fact(
        "pipe-table-not-rendered",
        found.line,
        found.column,
        f"header row has {found.header_cells} cells but the delimiter row below it has "
        f"{found.delimiter_cells}; GitHub renders no table, only a paragraph of pipes",
        {"header_cells": found.header_cells, "delimiter_cells": found.delimiter_cells},
    )


def heading_path(headings: list[Heading], line: int) -> tuple[str, ...]:
    """The chain of headings above `line`, one per level."""
    stack: list[Heading] = []
    for heading in headings:
        if heading.line >= line:
            break
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        stack.append(heading)
    return tuple(heading.text for heading in stack)


def slug(text: str) -> str:
    """A GitHub-style anchor slug: lower case, punctuation dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.strip().replace(" ", "-")


class _TableIds:
    """Stable ids unique in a page: the nearest heading's slug, then -2, -3 … as needed."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.ordinals: dict[str, int] = {}  # base -> the last ordinal taken: the search resumes there

    def next(self, heading: str) -> str:
        base = slug(heading) or "table"
        ordinal = self.ordinals.get(base, 1)
        candidate = base if ordinal == 1 else f"{base}-{ordinal}"
        while candidate in self.used:
            ordinal += 1
            candidate = f"{base}-{ordinal}"
        self.used.add(candidate)
        self.ordinals[base] = ordinal
        return candidate


class _LaidOut(NamedTuple):
    """A table laid out, before it is named: where it stands, and what its reading noticed."""

    source: Source
    line: int
    column: int
    end_line: int
    facts: list[Fact]
    layout: Layout


def _pipe_table(document: Document, found: PipeTableToken, max_slots: int) -> _LaidOut:
    """A pipe table read in one pass, each line split once into grid cells: cells of a line
    without markup are taken as written, the others read as inline Markdown; short rows padded,
    long ones cut, as GitHub does. Its rows are its grid."""
    token = found.token
    width = len(token["header"])
    line_texts = token["lines"]
    first_line, inline_text, as_written = found.first_line, document.inline_text, document.row_reads_as_written
    prefixes = found.prefixes + [0] * (len(line_texts) - len(found.prefixes))
    facts: list[Fact] = []

    def row(cells: list[Cell], k: int) -> list[Cell]:
        line, column, source = first_line + k, prefixes[k] + 1, line_texts[k]
        if len(cells) > width:
            facts.append(_extra_cells_fact(cells, width))
            del cells[width:]
        if not as_written(source):
            for cell in cells:
                cell.text = inline_text(cell.text)
        if len(cells) < width:  # (a body row: the header row sets the width)
            end_column = column + len(source.rstrip())
            facts.append(_missing_cells_fact(len(cells), width, line, end_column))
            cells.extend(Cell(k - 1, x, 1, 1, False, "", line, end_column) for x in range(len(cells), width))
        return cells

    column = prefixes[0] + 1  # the table's: its header line's first
    header = [
        Cell(0, x, 1, 1, True, text, first_line, column + offset) for x, (text, offset) in enumerate(token["header"])
    ]
    grid = row(header, 0)
    for k in range(2, len(line_texts)):  # most rows are as split: no markup, as wide as the header
        cells = row_cells(line_texts[k], k - 1, first_line + k, prefixes[k] + 1, False)
        grid += cells if len(cells) == width and as_written(line_texts[k]) else row(cells, k)
    end_line = first_line + len(line_texts) - 1
    layout = stack_rows(grid, width, max_slots=max_slots, where=(first_line, column))
    return _LaidOut("markdown", first_line, column, end_line, facts, layout)


def _missing_cells_fact(found: int, width: int, line: int, column: int) -> Fact:
    return Fact(
        "pipe-row-missing-cells",
        line,
        column,
        f"row has {found} of {width} cells; GitHub adds {width - found} empty",
        {"found": found, "expected": width},
    )


def _extra_cells_fact(cells: list[Cell], width: int) -> Fact:
    dropped = [cell.text for cell in cells[width:]]
    first = cells[width]
    return Fact(
        "pipe-row-extra-cells",
        first.line,
        first.column,
        f"row has {len(cells)} cells but the header has {width}; GitHub drops " + ", ".join(map(repr, dropped)),
        {"found": len(cells), "expected": width, "dropped": dropped},
    )
