"""Every table of a page, as canonical tables: pipe and HTML, positioned and in context."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from handbook_lint.page import Page
from handbook_lint.tables.html import CHROMIUM_MAX_DEPTH, extract_html_tables
from handbook_lint.tables.layout import normalize
from handbook_lint.tables.markdown import Document, Heading, PipeTableToken, UnrenderedPipeTable
from handbook_lint.tables.model import Fact, RawCell, RawRow, RawTable, RowGroup, Table
from handbook_lint.tables.pipe import row_cells

DEFAULT_MAX_SLOTS = 1_000_000
#: What a page needs to hold a table: a pipe, a `<table` tag, or a delimiter row without pipes
#: (a one-column table: a colon is needed, or the row would underline a setext heading).
_MAY_HOLD_TABLE = re.compile(r"\||<table|^[ \t>]*(?::-+:?|-+:)[ \t\v\f]*$", re.IGNORECASE | re.MULTILINE)


@dataclass(slots=True)
class Extraction:
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
    return _MAY_HOLD_TABLE.search(page.body) is not None


def extract(page: Page, *, max_slots: int = DEFAULT_MAX_SLOTS, max_depth: int = CHROMIUM_MAX_DEPTH) -> Extraction:
    """All tables of the page in document order, and page-level facts. HTML elements nested
    deeper than `max_depth` are attached at that depth, as browsers do."""
    document = Document(page)  # parsed on first use: never, for most pages without a table
    if not may_hold_table(page):
        return Extraction([], [], document)
    raws = [_pipe_raw_table(document, found) for found in document.pipe_tables]
    raws.extend(extract_html_tables(document, max_depth=max_depth))
    raws.sort(key=lambda raw: (raw.line, raw.column))
    ids = _TableIds()
    tables = []
    for index, raw in enumerate(raws, start=1):
        headings = heading_path(document.headings, raw.line)
        layout = normalize(raw, max_slots=max_slots)
        tables.append(
            Table(
                id=ids.next(headings[-1] if headings else ""),
                index=index,
                source=raw.source,
                line=raw.line,
                column=raw.column,
                end_line=raw.end_line,
                headings=headings,
                layout=layout,
                facts=sorted([*raw.facts, *layout.facts], key=lambda f: (f.line, f.column, f.kind)),
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


def _pipe_raw_table(document: Document, found: PipeTableToken) -> RawTable:
    """A pipe table's rows, each line split once: cells of a line without markup are taken as
    written, the others read as inline Markdown; short rows padded, long ones cut, as GitHub does."""
    token = found.token
    width = len(token["header"])
    line_texts = token["lines"]
    first_line, inline_text, as_written = found.first_line, document.inline_text, document.row_reads_as_written
    prefixes = found.prefixes + [0] * (len(line_texts) - len(found.prefixes))
    facts: list[Fact] = []

    def row(raw_cells: list[RawCell], k: int) -> RawRow:
        line, column, source = first_line + k, prefixes[k] + 1, line_texts[k]
        if len(raw_cells) > width:
            facts.append(_extra_cells_fact(raw_cells, width))
            del raw_cells[width:]
        if not as_written(source):
            for cell in raw_cells:
                cell.text = inline_text(cell.text)
        if len(raw_cells) < width:  # (a body row: the header row sets the width)
            end_column = column + len(source.rstrip())
            facts.append(_missing_cells_fact(len(raw_cells), width, line, end_column))
            raw_cells.extend(RawCell("", False, line, end_column) for _ in range(width - len(raw_cells)))
        return RawRow(raw_cells, line, column)

    header = [RawCell(text, True, first_line, prefixes[0] + 1 + offset) for text, offset in token["header"]]
    header_row = row(header, 0)
    body_rows = [
        row(row_cells(line_texts[k], first_line + k, prefixes[k] + 1, False), k) for k in range(2, len(line_texts))
    ]
    groups = [RowGroup("thead", [header_row])]
    if body_rows:
        groups.append(RowGroup("tbody", body_rows))
    end_line = found.first_line + len(line_texts) - 1
    return RawTable("markdown", found.first_line, header_row.column, end_line, groups, facts)


def _missing_cells_fact(found: int, width: int, line: int, column: int) -> Fact:
    return Fact(
        "pipe-row-missing-cells",
        line,
        column,
        f"row has {found} of {width} cells; GitHub adds {width - found} empty",
        {"found": found, "expected": width},
    )


def _extra_cells_fact(cells: list[RawCell], width: int) -> Fact:
    dropped = [cell.text for cell in cells[width:]]
    first = cells[width]
    return Fact(
        "pipe-row-extra-cells",
        first.line,
        first.column,
        f"row has {len(cells)} cells but the header has {width}; GitHub drops " + ", ".join(map(repr, dropped)),
        {"found": len(cells), "expected": width, "dropped": dropped},
    )
