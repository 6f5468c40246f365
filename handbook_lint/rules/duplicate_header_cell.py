"""Two header cells in the same header row have the same text.

Readers tell columns apart by their headings. When two columns have the same heading
(ignoring case and extra spaces), readers cannot tell which one a value belongs to, and
tools that read the table by its headings may keep only one of the columns. Usually one
of them was copied and not renamed. A cell spanning several columns counts once. In a
table with several header rows, the same text under different headings above it is
fine (for example "Value" under both "Minimum" and "Maximum"). The finding is at the
later cell and points at the first.

Bad (line 1): "Seats" appears twice.

```markdown
| Tier | Seats | Seats |
|------|-------|-------|
| Team | 10    | 50    |
```

Good: each heading says what its column holds.

```markdown
| Tier | Included seats | Maximum seats |
|------|----------------|---------------|
| Team | 10             | 50            |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Related, Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.tables.model import Cell, Layout

CODE = "HL109"
NAME = "duplicate-header-cell"
SEVERITY = Severity.WARNING
DEFAULT_ENABLED = True
FIX = "give each column a heading of its own"


def check(context: PageContext) -> Iterator[Finding]:
    for table in context.tables:
        layout = table.layout
        first_of: dict[tuple[object, ...], Cell] = {}
        for cell in layout.header_cells():
            text = _normalized(cell.text)
            if not text:
                continue
            first = first_of.setdefault((cell.row, _headings_above(layout, cell), text), cell)
            if first is not cell:
                yield _finding(context.path, cell, first)


def _normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


def _headings_above(layout: Layout, cell: Cell) -> tuple[str | None, ...]:
    """The texts above `cell` in its first column, within the header rows; () without a grid."""
    if layout.slots is None:
        return ()
    above = (layout.slots[row][cell.col] for row in range(cell.row))
    cells = layout.cells
    return tuple(None if index is None else _normalized(cells[index].text) for index in above)


def _finding(path: str, cell: Cell, first: Cell) -> Finding:
    message = (
        f'header "{cell.text}" repeats the header at line {first.line}, column {first.column}; '
        "readers cannot tell the two columns apart"
    )
    related = Related(path, first.line, first.column, f'first header "{first.text}"')
    return Finding(cell.line, cell.column, message, related=(related,))
