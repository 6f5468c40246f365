"""Page tables against export tables, with what each dialect keeps of a table's shape.

The word alignment says which export text belongs to which page table. Within a table:

* trafilatura 2.x keeps every slot, so rows are lined up and then compared column by column;
* trafilatura 1.x keeps only the order of the non-empty cells (empty cells are dropped, a
  span is written once, rows may break over lines), so the table's non-empty cells are
  lined up as one sequence, and a row counts as missing only when all its cells are.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from handbook_lint.plaintext.dialects import PlainCell, PlainDocument, PlainRow, PlainTable
from handbook_lint.plaintext.units import Alignment, Divergence, Unit, words
from handbook_lint.tables.model import Cell, Table

_QUOTE_LIMIT = 60
_PIPE_REFERENCE = re.compile(r"&(?:#0*124|#[xX]0*7[cC]|vert|verbar|VerticalLine);")


def quote(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= _QUOTE_LIMIT else f'"{text[: _QUOTE_LIMIT - 1]}…"'


def contrast(page: str, exported: str) -> tuple[str, str]:
    """Both texts quoted; when they share a long beginning, from a little before they part."""
    a, b = page.split(), exported.split()
    same = 0
    while same < min(len(a), len(b)) and a[same] == b[same]:
        same += 1
    if len(" ".join(a[:same])) > _QUOTE_LIMIT // 2:
        start = max(0, same - 3)
        return quote("… " + " ".join(a[start:])), quote("… " + " ".join(b[start:]))
    return quote(page), quote(exported)


def key(text: str) -> str:
    """What is compared of a cell: its words, white space left out (extractors add and drop
    spaces at inline elements: `(<code>x</code>)` may come out as `( x)`)."""
    return "".join(words(text))


def same_text(page: str, exported: str) -> bool:
    """Whether a cell says the same in the export: its words, in any order (trafilatura
    moves text that stands loose in a list to the end of the cell)."""
    return key(page) == key(exported) or sorted(words(page)) == sorted(words(exported))


@dataclass(slots=True)
class _ExportCell:
    """Export text standing for one cell: merged pieces of a cell broken over lines."""

    text: str
    line: int
    column: int
    fragments: list[int]  # indices into the alignment's fragments


@dataclass(slots=True)
class _Context:
    alignment: Alignment
    export: PlainDocument
    table_of_fragment: list[int | None]  # index into export.tables
    row_of_fragment: list[tuple[int, int] | None]  # (table, row) in export.tables

    def unit(self, fragment: int) -> Unit | None:
        owner = self.alignment.owner[fragment]
        return None if owner is None else self.alignment.units[owner]


def compare_tables(
    alignment: Alignment, tables: list[Table], export: PlainDocument
) -> tuple[list[Divergence], set[int]]:
    """Divergences of every page table, and the export fragments the tables account for."""
    context = _context(alignment, export)
    found: list[Divergence] = []
    table_side = {f for f in range(len(alignment.fragments)) if (u := context.unit(f)) and u.kind == "cell"}
    claimed: set[int] = set()  # export tables paired with a page table
    for index, table in enumerate(tables):
        total = sum(len(words(cell.text)) for cell in table.layout.cells)
        owned = [f for f in range(len(alignment.fragments)) if (u := context.unit(f)) and u.table == index]
        matched = sum(alignment.matched[u] for u, unit in enumerate(alignment.units) if unit.table == index)
        if total == 0:
            continue
        if not owned or matched * 2 < total:
            region = _in_place(context, index, claimed)
            if not region:
                found.append(_missing_or_as_text(context, table, index))
                continue
        else:
            region = _region(context, owned, index)
        if all(context.table_of_fragment[f] is None for f in region):
            found.append(_as_text(context, table, region))
            table_side.difference_update(region)  # its lines stay prose: they hold the text around it
            continue
        table_side.update(region)
        claimed.update(t for f in region if (t := context.table_of_fragment[f]) is not None)
        if export.dialect == "trafilatura-2":
            found.extend(_compare_rows(context, table, region))
        else:
            found.extend(_compare_sequence(context, table, index, region))
    for t, plain in enumerate(export.tables):
        if t in claimed:
            continue
        fragments = [f for f in range(len(alignment.fragments)) if context.table_of_fragment[f] == t]
        owned_by_prose = sum(1 for f in fragments if context.unit(f) is not None)
        if fragments and owned_by_prose * 2 < len(fragments):
            table_side.update(fragments)
            found.append(_extra_table(context, plain, fragments))
    return found, table_side


def _context(alignment: Alignment, export: PlainDocument) -> _Context:
    table_of: list[int | None] = []
    row_of: list[tuple[int, int] | None] = []
    t = -1
    for item in export.items:
        if isinstance(item, PlainTable):
            t += 1
            for r, row in enumerate(item.rows):
                for cell in row.cells:
                    table_of.extend([t] * len(cell.fragments))
                    row_of.extend([(t, r)] * len(cell.fragments))
        else:
            table_of.append(None)
            row_of.append(None)
    return _Context(alignment, export, table_of, row_of)


def _in_place(context: _Context, index: int, claimed: set[int]) -> list[int]:
    """The fragments of an export table that stands where a page table should, between the
    text around the page table, when none of its text matched (every cell edited)."""
    owner, units = context.alignment.owner, context.alignment.units
    first = next(u for u, unit in enumerate(units) if unit.table == index)
    last = max(u for u, unit in enumerate(units) if unit.table == index)
    low = max((f for f, o in enumerate(owner) if o is not None and o < first), default=-1)
    high = min((f for f, o in enumerate(owner) if o is not None and o > last), default=len(owner))
    for t in range(len(context.export.tables)):
        fragments = [f for f, where in enumerate(context.table_of_fragment) if where == t]
        if t not in claimed and fragments and low < fragments[0] and fragments[-1] < high:
            if all((o := owner[f]) is None or units[o].table == index for f in fragments):
                return fragments
    return []


def _region(context: _Context, owned: list[int], index: int) -> list[int]:
    """The export fragments standing for a page table: from its first to its last owned
    fragment, widened to the whole of the export tables they stand in, never over text
    another unit owns."""
    low, high = min(owned), max(owned)
    tables = {context.table_of_fragment[f] for f in (low, high)} - {None}

    def free(f: int) -> bool:
        unit = context.unit(f)
        return unit is None or unit.table == index

    while low > 0 and context.table_of_fragment[low - 1] in tables and free(low - 1):
        low -= 1
    count = len(context.alignment.fragments)
    while high + 1 < count and context.table_of_fragment[high + 1] in tables and free(high + 1):
        high += 1
    return [f for f in range(low, high + 1) if free(f)]


# -- trafilatura 1.x: the sequence of non-empty cells -------------------------------------


def _compare_sequence(context: _Context, table: Table, index: int, region: list[int]) -> list[Divergence]:
    page = [cell for cell in _reading_order(table) if words(cell.text)]
    exported = [cell for cell in _merge(context, region) if key(cell.text)]  # a "-" cell is no text
    matcher = difflib.SequenceMatcher(
        None, [key(c.text) for c in page], [key(c.text) for c in exported], autojunk=False
    )
    found: list[Divergence] = []
    missing: list[Cell] = []
    extra: list[_ExportCell] = []
    for i1, i2, j1, j2 in _changes(matcher.get_opcodes()):
        pairs = min(i2 - i1, j2 - j1)
        for k in range(pairs):
            if not same_text(page[i1 + k].text, exported[j1 + k].text):
                found.append(_cell_differs(table, page[i1 + k], exported[j1 + k]))
        missing.extend(page[i1 + pairs : i2])
        extra.extend(exported[j1 + pairs : j2])
    found.extend(_missing_cells(context, table, missing, exported))
    found.extend(_extra_cells(context, table, extra, exported, page))
    return found


def _reading_order(table: Table) -> list[Cell]:
    return sorted(table.layout.cells, key=lambda c: (c.row, c.col))


def _merge(context: _Context, region: list[int]) -> list[_ExportCell]:
    """Export cells of a region: pieces the same page cell owns are one cell (a cell broken
    over lines, or holding a pipe), and so is an unowned piece between two of them."""
    owners = [context.alignment.owner[f] for f in region]
    for k, owner in enumerate(owners):
        if (
            owner is None
            and 0 < k < len(owners) - 1
            and owners[k - 1] is not None
            and owners[k - 1] == _next_owner(owners, k)
        ):
            owners[k] = owners[k - 1]
    cells: list[_ExportCell] = []
    previous: int | None = None
    fragments = context.alignment.fragments
    for f, owner in zip(region, owners):
        fragment = fragments[f]
        if cells and owner is not None and owner == previous:
            cells[-1].text += " " + fragment.text
            cells[-1].fragments.append(f)
        else:
            cells.append(_ExportCell(fragment.text, fragment.line, fragment.column, [f]))
        previous = owner
    return cells


def _next_owner(owners: list[int | None], k: int) -> int | None:
    return next((o for o in owners[k + 1 :] if o is not None), None)


def _changes(opcodes: Sequence[tuple[str, int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Non-equal stretches; two of uneven length with at most two equal items between
    them are taken as one stretch when that makes it even (cells swapped or moved)."""
    changes = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in opcodes if tag != "equal"]
    merged: list[tuple[int, int, int, int]] = []
    for change in changes:
        if merged:
            i1, i2, j1, j2 = merged[-1]
            n1, n2, m1, m2 = change
            uneven = (i2 - i1) != (j2 - j1) or (n2 - n1) != (m2 - m1)
            gap = n1 - i2
            if uneven and gap <= 2 and m1 - j2 == gap and n2 - i1 == m2 - j1:
                merged[-1] = (i1, n2, j1, m2)
                continue
        merged.append(change)
    return merged


def _cell_differs(table: Table, cell: Cell, exported: _ExportCell) -> Divergence:
    return Divergence(
        "cell",
        cell.line,
        cell.column,
        exported.line,
        exported.column,
        'table "{}" row {}: the export has {} where the page has {}'.format(
            table.id, cell.row + 1, *reversed(contrast(cell.text, exported.text))
        ),
        f"the export's cell: {quote(exported.text)}",
        cell.text,
        exported.text,
    )


def _missing_cells(
    context: _Context, table: Table, missing: list[Cell], exported: list[_ExportCell]
) -> list[Divergence]:
    found = []
    gone = {id(cell) for cell in missing}
    rows: dict[int, list[Cell]] = {}
    for cell in _reading_order(table):
        if words(cell.text):
            rows.setdefault(cell.row, []).append(cell)
    reported_rows: set[int] = set()
    for cell in missing:
        row = rows[cell.row]
        line, column = _export_anchor(context, exported, cell)
        if all(id(c) in gone for c in row):
            if cell.row not in reported_rows:
                reported_rows.add(cell.row)
                found.append(
                    Divergence(
                        "row-missing",
                        row[0].line,
                        row[0].column,
                        line,
                        column,
                        f'table "{table.id}": row {cell.row + 1} ({_row_text(row)}) is missing from the export',
                        "where the export should have the row",
                        " | ".join(c.text for c in row),
                    )
                )
            continue
        found.append(
            Divergence(
                "cell",
                cell.line,
                cell.column,
                line,
                column,
                f'table "{table.id}" row {cell.row + 1}: the export lacks {quote(cell.text)}',
                "where the export should have the cell",
                cell.text,
            )
        )
    return found


def _row_text(row: list[Cell]) -> str:
    return quote(" | ".join(cell.text for cell in row))


def _export_anchor(context: _Context, exported: list[_ExportCell], cell: Cell) -> tuple[int, int]:
    """The export position just before where a missing cell would be."""
    best = None
    for candidate in exported:
        unit = context.unit(candidate.fragments[0])
        if unit is not None and unit.cell is not None and (unit.cell.row, unit.cell.col) < (cell.row, cell.col):
            best = candidate
    if best is None:
        return (exported[0].line, 1) if exported else (1, 1)
    return best.line, best.column


def _extra_cells(
    context: _Context, table: Table, extra: list[_ExportCell], exported: list[_ExportCell], page: list[Cell]
) -> list[Divergence]:
    found = []
    extra_ids = {id(cell) for cell in extra}
    by_line: dict[int, list[_ExportCell]] = {}
    for cell in exported:
        by_line.setdefault(cell.line, []).append(cell)
    reported_lines: set[int] = set()
    for cell in extra:
        before = _page_anchor(context, exported, cell, page, table)
        whole_line = all(id(c) in extra_ids for c in by_line[cell.line])
        if whole_line:
            if cell.line in reported_lines:
                continue
            reported_lines.add(cell.line)
            text = " | ".join(c.text for c in by_line[cell.line])
            found.append(
                Divergence(
                    "row-extra",
                    before.line,
                    before.column,
                    cell.line,
                    1,
                    f'table "{table.id}": the export has a row the page does not: {quote(text)}',
                    f"the extra row: {quote(text)}",
                    "",
                    text,
                )
            )
            continue
        found.append(
            Divergence(
                "cell",
                before.line,
                before.column,
                cell.line,
                cell.column,
                f'table "{table.id}" row {before.row + 1}: the export has {quote(cell.text)}, which the page does not',
                f"the extra cell: {quote(cell.text)}",
                "",
                cell.text,
            )
        )
    return found


def _page_anchor(
    context: _Context, exported: list[_ExportCell], cell: _ExportCell, page: list[Cell], table: Table
) -> Cell:
    """The page cell that the export text stands after (the table's first cell if none)."""
    best: Cell | None = None
    for candidate in exported:
        if candidate is cell:
            break
        unit = context.unit(candidate.fragments[0])
        if unit is not None and unit.cell is not None:
            best = unit.cell
    return best or (page[0] if page else _reading_order(table)[0])


# -- trafilatura 2.x: rows, column by column ---------------------------------------------


def _compare_rows(context: _Context, table: Table, region: list[int]) -> list[Divergence]:
    # Both dialects drop a row whose slots are all empty: there is nothing to compare.
    numbered = [(r, row) for r, row in enumerate(_page_grid(table)) if any(words(text) for text, _ in row)]
    page_rows = [row for _, row in numbered]
    export_rows = _export_rows(context, region)
    matcher = difflib.SequenceMatcher(
        None,
        [tuple(key(text) for text, _ in row) for row in page_rows],
        [tuple(key(cell.text) for cell in row.cells) for row in export_rows],
        autojunk=False,
    )
    found: list[Divergence] = []
    for i1, i2, j1, j2 in _changes(matcher.get_opcodes()):
        pairs = _pair_rows(page_rows[i1:i2], export_rows[j1:j2])
        paired_page = {i for i, _ in pairs}
        paired_export = {j for _, j in pairs}
        for i, j in pairs:
            found.extend(_compare_row(table, numbered[i1 + i][0], page_rows[i1 + i], export_rows[j1 + j]))
        for i in range(i2 - i1):
            if i not in paired_page:
                found.append(_row_missing(table, numbered[i1 + i][0], page_rows[i1 + i], export_rows, j1))
        for j in range(j2 - j1):
            if j not in paired_export:
                found.append(_row_extra(table, page_rows, i1, export_rows[j1 + j]))
    return found


def _page_grid(table: Table) -> list[list[tuple[str, Cell | None]]]:
    """Per slot: the text of the cell anchored there (empty for slots a span covers), as
    trafilatura 2.x writes it: a cell showing a pipe's character reference (``&#124;`` in
    a code span) as more slots, since 2.x escapes the pipes of cell text before it decodes
    its output once more (``html.unescape``), and the pipes made then split the cell."""
    layout = table.layout
    if layout.slots is None:
        return []
    grid = []
    for r, row in enumerate(layout.slots):
        slots: list[tuple[str, Cell | None]] = []
        for c, index in enumerate(row):
            cell = None if index is None else layout.cells[index]
            anchored = cell is not None and (cell.row, cell.col) == (r, c)
            text = cell.text if cell is not None and anchored else ""
            slots.extend((piece, cell) for piece in _PIPE_REFERENCE.split(text))
        grid.append(slots)
    return grid


def _export_rows(context: _Context, region: list[int]) -> list[PlainRow]:
    """The export rows of a region, with rows whose slots are all empty between them."""
    wanted = {where for f in region if (where := context.row_of_fragment[f]) is not None}
    rows = []
    for t in sorted({t for t, _ in wanted}):
        plain = context.export.tables[t]
        indices = [r for tt, r in wanted if tt == t]
        for r in range(min(indices), max(indices) + 1):
            if (t, r) in wanted or not any(cell.text for cell in plain.rows[r].cells):
                rows.append(plain.rows[r])
    return rows


def _pair_rows(page_rows: list, export_rows: list[PlainRow]) -> list[tuple[int, int]]:
    """Rows of a changed stretch that stand for each other: in order, sharing a slot's text,
    or position by position when the stretch is even."""
    if len(page_rows) == len(export_rows):
        return [(k, k) for k in range(len(page_rows))]
    pairs, j = [], 0
    for i, row in enumerate(page_rows):
        for jj in range(j, len(export_rows)):
            shared = sum(
                1 for (text, _), cell in zip(row, export_rows[jj].cells) if words(text) and key(text) == key(cell.text)
            )
            if shared * 2 >= max(1, sum(1 for text, _ in row if words(text))):
                pairs.append((i, jj))
                j = jj + 1
                break
    return pairs


def _compare_row(table: Table, r: int, page_row: list[tuple[str, Cell | None]], row: PlainRow) -> list[Divergence]:
    found = []
    for c in range(max(len(page_row), len(row.cells))):
        text, cell = page_row[c] if c < len(page_row) else ("", None)
        exported: PlainCell | None = row.cells[c] if c < len(row.cells) else None
        export_text = exported.text if exported else ""
        if same_text(text, export_text):
            continue
        where = cell or (page_row[-1][1] if page_row else None)
        line, column = (where.line, where.column) if where else (table.line, table.column)
        export_line, export_column = (exported.line, exported.column) if exported else (row.line, 1)
        column_name = f"grid column {c + 1}"
        if exported is None:
            message = f'table "{table.id}" row {r + 1} {column_name}: the export row ends before {quote(text)}'
        elif not words(text):
            message = f'table "{table.id}" row {r + 1} {column_name}: the export has {quote(export_text)} where the page has an empty slot'
        else:
            page_quote, export_quote = contrast(text, export_text)
            message = (
                f'table "{table.id}" row {r + 1} {column_name}: the export has {export_quote} '
                f"where the page has {page_quote}"
            )
        found.append(
            Divergence(
                "cell",
                line,
                column,
                export_line,
                export_column,
                message,
                f"the export's cell: {quote(export_text)}",
                text,
                export_text,
            )
        )
    return found


def _row_missing(
    table: Table, r: int, page_row: list[tuple[str, Cell | None]], export_rows: list[PlainRow], j: int
) -> Divergence:
    first = next((cell for _, cell in page_row if cell is not None), None)
    line, column = (first.line, first.column) if first else (table.line, table.column)
    anchor = export_rows[j - 1] if 0 < j <= len(export_rows) else (export_rows[0] if export_rows else None)
    export_line = anchor.end_line if anchor else table.line
    text = " | ".join(t for t, _ in page_row if t)
    return Divergence(
        "row-missing",
        line,
        column,
        export_line,
        1,
        f'table "{table.id}": row {r + 1} ({quote(text)}) is missing from the export',
        "where the export should have the row",
        text,
    )


def _row_extra(table: Table, page_rows: list, i: int, row: PlainRow) -> Divergence:
    before = page_rows[i - 1] if 0 < i <= len(page_rows) else (page_rows[0] if page_rows else [])
    cell = next((c for _, c in before if c is not None), None)
    line, column = (cell.line, cell.column) if cell else (table.line, table.column)
    text = " | ".join(c.text for c in row.cells if c.text)
    return Divergence(
        "row-extra",
        line,
        column,
        row.line,
        1,
        f'table "{table.id}": the export has a row the page does not: {quote(text)}',
        f"the extra row: {quote(text)}",
        "",
        text,
    )


# -- whole tables -------------------------------------------------------------------------

REASON_AS_TEXT = "written as lines of text, as trafilatura writes a table inside a list item or quote"


def _as_text(context: _Context, table: Table, region: list[int]) -> Divergence:
    """A table the export writes as text: one note when the text of every cell is in it
    (however the lines break), else one divergence for the table, at the first cell whose
    text is not."""
    fragments = context.alignment.fragments
    exported = "".join(w for fragment in fragments for w in words(fragment.text))  # spaces aside
    first = fragments[region[0]]
    cells = " | ".join(cell.text for cell in _reading_order(table) if cell.text)
    written = " ".join(fragments[f].text for f in region)
    cell = _first_cell_not_written(table, exported)
    if cell is not None:
        return Divergence(
            "cell",
            cell.line,
            cell.column,
            first.line,
            first.column,
            f'table "{table.id}" is {REASON_AS_TEXT}, and it lacks {quote(cell.text)}',
            "the table, written as text",
            cell.text,
            written,
        )
    return Divergence(
        "lost",
        table.line,
        table.column,
        first.line,
        first.column,
        f'table "{table.id}" is {REASON_AS_TEXT}; its text agrees',
        "the table, written as text",
        cells,
        written,
    )


def _first_cell_not_written(table: Table, exported: str) -> Cell | None:
    """The first cell (in reading order) whose text does not follow the cells before it in
    `exported` (the export's text, spaces aside); None when all do."""
    at = 0
    for cell in _reading_order(table):
        text = "".join(words(cell.text))
        found = exported.find(text, at) if text else at
        if found < 0:
            return cell
        at = found + len(text)
    return None


def _missing_or_as_text(context: _Context, table: Table, index: int) -> Divergence:
    """A table none of whose export text was lined up with it: written as text when the
    text of each of its cells is in the export (lines of a list item hold it), else missing."""
    fragments = context.alignment.fragments
    exported = "".join(w for fragment in fragments for w in words(fragment.text))
    cells = [cell for cell in _reading_order(table) if words(cell.text)]
    if cells and fragments and _first_cell_not_written(table, exported) is None:
        anchor = next(
            (
                f
                for f, fragment in enumerate(fragments)
                if "".join(words(cells[0].text)) in "".join(words(fragment.text))
            ),
            0,
        )
        return _as_text(context, table, [anchor])
    return _missing_table(context, table, index)


def _missing_table(context: _Context, table: Table, index: int) -> Divergence:
    units = context.alignment.units
    first_unit = next(u for u, unit in enumerate(units) if unit.table == index)
    before = [f for f, owner in enumerate(context.alignment.owner) if owner is not None and owner < first_unit]
    fragments = context.alignment.fragments
    if before:
        anchor = fragments[before[-1]]
        line = anchor.line + 1
    else:
        line = 1
    first_row = " | ".join(cell.text for cell in _reading_order(table) if cell.row == 0 and cell.text)
    return Divergence(
        "table-missing",
        table.line,
        table.column,
        line,
        1,
        f'table "{table.id}" ({table.layout.height} rows, first {quote(first_row)}) is missing from the export',
        "where the export should have the table",
        " | ".join(cell.text for cell in _reading_order(table) if cell.text),
    )


def _extra_table(context: _Context, plain: PlainTable, fragments: list[int]) -> Divergence:
    owners = [o for o in context.alignment.owner[: fragments[0]] if o is not None]
    anchor = context.alignment.units[owners[-1]] if owners else None
    line, column = (anchor.line, anchor.column) if anchor else (1, 1)
    first = plain.rows[0] if plain.rows else None
    text = " | ".join(c.text for c in first.cells if c.text) if first else ""
    return Divergence(
        "table-extra",
        line,
        column,
        plain.line,
        1,
        f"the export has a table the page does not ({len(plain.rows)} rows, first {quote(text)})",
        f"the extra table: {quote(text)}",
        "",
        " | ".join(c.text for c in plain.cells if c.text),
    )
