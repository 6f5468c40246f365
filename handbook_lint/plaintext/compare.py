"""Does a page's plain-text export say what the page says? Alignment, then tables and prose.

The page's words (prose units and table cells, in reading order) are lined up with the
export's words. That tells which export text belongs to which page table, however the
export broke its lines; `plaintext.tables` then compares each table in its dialect, and
`plaintext.prose` the prose left over, reporting the first divergence of each section.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handbook_lint.page import Page
from handbook_lint.plaintext.dialects import Fragment, PlainBlock, PlainCell, PlainDocument, PlainTable, parse_export
from handbook_lint.plaintext.diff import matching_blocks
from handbook_lint.plaintext.extractor import REASON_CELL_LINKS, REASON_SHARING, SHARING_WORD
from handbook_lint.plaintext.prose import compare_prose
from handbook_lint.plaintext.tables import compare_tables, quote
from handbook_lint.plaintext.units import Alignment, Divergence, Unit, align, page_units, words
from handbook_lint.tables.markdown import Document
from handbook_lint.tables.model import Table

REASON_FALLBACK = (
    "left out by trafilatura's fallback extractor, which kept only a table's body rows "
    "(a page of little more than tables)"
)
REASON_CONTROL = "on a page with a control character, for which trafilatura 1.x returns nothing"
_RECOVERY_LIMIT = 250  # trafilatura 1.x's MIN_EXTRACTED_SIZE: a shorter main pass recovers "wild" text
_GLUE_SCAN = 2_000  # longer first cells are not looked at for glued loose text
_RECOVERY_SCAN = 20_000  # exports longer than this are not looked at for a recovered copy
_SEPARATOR = re.compile(r"^\|?(?:-{3,}\|)+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def compare(page: Page, tables: list[Table], export: PlainDocument) -> list[Divergence]:
    """Every divergence between a page and its parsed export, in page order; what the
    extractor is known to drop is a divergence of kind "lost"."""
    units = page_units(Document(page), tables, export.dialect)
    if export.dialect == "trafilatura-1":
        export = _unglued(export, units)
    found = _compare(page, tables, units, export)
    if export.dialect != "trafilatura-2" and any(d.kind != "lost" for d in found):
        recovered = _with_recovered_copy(page, tables, units, export)
        return found if recovered is None else recovered
    return found


def _compare(page: Page, tables: list[Table], units: list[Unit], export: PlainDocument) -> list[Divergence]:
    fragments = export.fragments()
    if not fragments and _CONTROL.search(page.body):
        return [_page_lost(units, REASON_CONTROL)] if units else []
    alignment = align(units, fragments)
    found, table_side = compare_tables(alignment, tables, export)
    fallback = _fallback(alignment, tables, export)
    found.extend(compare_prose(alignment, export, table_side, page.title, REASON_FALLBACK if fallback else None))
    found = [_explained(d, units, tables, fallback) for d in found]
    return sorted(found, key=lambda d: (d.line, d.column, d.kind))


def _with_recovered_copy(
    page: Page, tables: list[Table], units: list[Unit], export: PlainDocument
) -> list[Divergence] | None:
    """The divergences of an export that trafilatura 1.x made of a short page, or None when
    it is not one.

    When its main pass finds under `_RECOVERY_LIMIT` characters, 1.x (``recover_wild_text``)
    appends every paragraph, list, code block and table of the page again, headings left out
    and loose text glued on: a second copy, which repeats most of the first part and holds
    little else. The first part is compared in full; of the copy, its tables.
    """
    if len(export.text) > _RECOVERY_SCAN:
        return None
    lines = [words(line) for line in export.lines]
    starts: list[int] = []  # where the copy may start: the first part is under the limit
    for k in range(1, len(lines)):
        if len(" ".join(map(_text_of, export.lines[:k]))) >= _RECOVERY_LIMIT:
            break
        starts.append(k)
    # The copy repeats at most all of the first part and holds a quarter more at most.
    if not starts or sum(map(len, lines)) > 2.25 * sum(map(len, lines[: starts[-1]])):
        return None
    best: tuple[int, int] | None = None  # (words the copy repeats, where it starts)
    for k in starts:
        first = [w for line in lines[:k] for w in line]
        copy = [w for line in lines[k:] for w in line]
        repeated = sum(size for _, _, size in matching_blocks(first, copy))
        if copy and repeated >= 0.8 * len(copy) and repeated >= 0.5 * len(first):
            if best is None or repeated > best[0]:
                best = (repeated, k)
    if best is None:
        return None
    k = best[1]
    head = parse_export("\n".join(export.lines[:k]), export.dialect)
    copy_document = parse_export("\n" * k + "\n".join(export.lines[k:]), export.dialect)
    found = _compare(page, tables, units, head)
    found += [d for d in _compare(page, tables, units, copy_document) if d.kind not in ("prose", "lost")]
    return sorted(found, key=lambda d: (d.line, d.column, d.kind))


def _unglued(export: PlainDocument, units: list[Unit]) -> PlainDocument:
    """The export with loose text taken back out of the table cell it was glued to.

    trafilatura 1.x writes the loose text after an element (its tail: raw HTML's text in no
    element, such as a ``<style>`` block GitHub shows as text) with no line break after it,
    so when a table follows, that text starts the table's first cell. A page's loose text
    right before a table, found at the start of that table's first cell, is made a line of
    its own again.
    """
    glued = [
        words(unit.text)
        for unit, after in zip(units, units[1:])
        if unit.loose and not unit.lost and after.kind == "cell" and words(unit.text)
    ]
    if not glued:
        return export
    items: list[PlainBlock | PlainTable] = []
    for item in export.items:
        first = item.rows[0].cells[0] if isinstance(item, PlainTable) and item.rows and item.rows[0].cells else None
        cut = next((c for loose in glued if first is not None and (c := _cut_after(first.text, loose))), 0)
        if first is None or not cut or not isinstance(item, PlainTable):
            items.append(item)
            continue
        rest = first.text[cut:].strip()
        column = first.column + len(first.text) - len(rest)
        cell = PlainCell(rest, first.line, column, [Fragment(rest, first.line, column, True)])
        row = replace(item.rows[0], cells=[cell, *item.rows[0].cells[1:]])
        items.append(PlainBlock("text", first.text[:cut].strip(), first.line, first.column))
        items.append(replace(item, rows=[row, *item.rows[1:]]))
    return replace(export, items=items)


def _cut_after(text: str, prefix: list[str]) -> int:
    """Where `text` goes on after words `prefix` (0: it does not start with them, or
    nothing follows)."""
    if len(text) > _GLUE_SCAN or words(text)[: len(prefix)] != prefix or len(words(text)) == len(prefix):
        return 0
    return next((i for i in range(1, len(text)) if words(text[:i]) == prefix and words(text[i:])), 0)


def _text_of(line: str) -> str:
    """A line's text as trafilatura measures it: no table pipes, no separator line."""
    return "" if _SEPARATOR.match(line.strip()) else " ".join(line.replace("|", " ").split())


def _fallback(alignment: Alignment, tables: list[Table], export: PlainDocument) -> bool:
    """Whether the export is trafilatura's fallback (readability) for a page of tables: only
    table text, none of the page's prose, no table's header row and no header separator
    line (an export whose header row was deleted keeps its ``---|`` line)."""
    units = alignment.units
    owners = [units[o] for o in alignment.owner if o is not None]
    if not owners or any(unit.kind != "cell" for unit in owners):
        return False
    if any(_SEPARATOR.match(line.strip()) for line in export.lines):
        return False
    return not any(
        unit.cell is not None and unit.cell.row < tables[unit.table or 0].layout.header_rows for unit in owners
    )


def _explained(divergence: Divergence, units: list[Unit], tables: list[Table], fallback: bool) -> Divergence:
    """A divergence the extractor explains, made a "lost" one with its reason."""
    reason = None
    table = next((t for t, table in enumerate(tables) if table.line <= divergence.line <= table.end_line), None)
    if divergence.kind == "table-missing" and table is not None:
        reason = next((u.lost for u in units if u.table == table and u.lost), None)
        reason = reason or (REASON_FALLBACK if fallback else None)
    elif divergence.kind == "row-missing" and table is not None and fallback:
        header = tables[table].layout.header_rows
        if any(c.row < header and c.line == divergence.line for c in tables[table].layout.cells):
            reason = REASON_FALLBACK
    elif divergence.kind == "row-missing" and table is not None and _without_drops(divergence, units, table):
        reason = REASON_CELL_LINKS  # every cell of the row holds only text the extractor drops
    elif (
        divergence.kind == "cell" and not words(divergence.export_text) and SHARING_WORD.fullmatch(divergence.page_text)
    ):
        reason = REASON_SHARING
    elif divergence.kind == "cell" and table is not None and _without_drops(divergence, units, table):
        reason = REASON_CELL_LINKS
    elif divergence.kind == "row-extra" and table is not None:
        drops = {"".join(words(text)) for unit in units if unit.table == table for text in unit.drops}
        if "".join(words(divergence.export_text)) in drops:
            reason = REASON_CELL_LINKS
    if reason is None:
        return divergence
    if divergence.kind == "row-extra":
        message = f"the export has a row of text from a cell, {quote(divergence.export_text)}: {reason}"
    else:
        row = "header row" if reason == REASON_FALLBACK else "row"
        what = {"table-missing": "table", "row-missing": row}.get(divergence.kind, "cell")
        message = f"the export lacks {what} {quote(divergence.page_text)}: {reason}"
    return replace(divergence, kind="lost", message=message)


def _without_drops(divergence: Divergence, units: list[Unit], table: int) -> bool:
    """Whether the export's cell is the page's cell less text the extractor drops there."""
    drops = {text for unit in units if unit.table == table for text in unit.drops}
    page = "\x1f" + "\x1f".join(words(divergence.page_text)) + "\x1f"
    for text in sorted(drops, key=len, reverse=True):
        page = page.replace("\x1f" + "\x1f".join(words(text)) + "\x1f", "\x1f")
    return bool(drops) and page.strip("\x1f").split("\x1f") == (words(divergence.export_text) or [""])


def _page_lost(units: list[Unit], reason: str) -> Divergence:
    first = units[0]
    return Divergence(
        "lost", first.line, first.column, 1, 1, f"the export is empty: {reason}", "the empty export", first.text
    )


def page_position(page: Page, tables: list[Table], export: PlainDocument, export_line: int) -> tuple[int, int]:
    """The page position that an export's line stands for: the page unit owning the first
    text at or after that line (the page's start when none does)."""
    units = page_units(Document(page), tables)
    alignment = align(units, export.fragments())
    for fragment, owner in zip(alignment.fragments, alignment.owner):
        if fragment.line >= export_line and owner is not None:
            return units[owner].line, units[owner].column
    return 1, 1
