"""Does a page's plain-text export say what the page says? Alignment, then tables and prose.

The page's words (prose units and table cells, in reading order) are lined up with the
export's words. That tells which export text belongs to which page table, however the
export broke its lines; `plaintext.tables` then compares each table in its dialect, and
`plaintext.prose` the prose left over, reporting the first divergence of each section.
"""

from __future__ import annotations

from handbook_lint.page import Page
from handbook_lint.plaintext.dialects import PlainDocument
from handbook_lint.plaintext.prose import compare_prose
from handbook_lint.plaintext.tables import compare_tables
from handbook_lint.plaintext.units import Divergence, align, page_units
from handbook_lint.tables.markdown import Document
from handbook_lint.tables.model import Table


def compare(page: Page, tables: list[Table], export: PlainDocument) -> list[Divergence]:
    """Every divergence between a page and its parsed export, in page order."""
    units = page_units(Document(page), tables, export.dialect)
    alignment = align(units, export.fragments())
    found, table_side = compare_tables(alignment, tables, export)
    found.extend(compare_prose(alignment, export, table_side))
    return sorted(found, key=lambda d: (d.line, d.column, d.kind))


def page_position(page: Page, tables: list[Table], export: PlainDocument, export_line: int) -> tuple[int, int]:
    """The page position that an export's line stands for: the page unit owning the first
    text at or after that line (the page's start when none does)."""
    units = page_units(Document(page), tables)
    alignment = align(units, export.fragments())
    for fragment, owner in zip(alignment.fragments, alignment.owner):
        if fragment.line >= export_line and owner is not None:
            return units[owner].line, units[owner].column
    return 1, 1
