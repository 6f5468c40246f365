"""A header cell is empty.

A header cell names its column. When it is empty, readers see a column without a
heading and must guess what its values mean, and screen readers announce the column's
cells without a name. The top-left cell is allowed to be empty: it usually sits above a
column of row labels, where a heading would say nothing. The finding is at the cell.

Bad (line 1): the second column has no heading.

```markdown
| Tier |     | Storage |
|------|-----|---------|
| Team | 10  | 5 GB    |
```

Good: every column has a heading; the corner above the row labels may stay empty.

```markdown
|          | Seats | Storage |
|----------|-------|---------|
| Team     | 10    | 5 GB    |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.tables.model import Cell

CODE = "HL108"
NAME = "empty-header-cell"
SEVERITY = Severity.WARNING
DEFAULT_ENABLED = True
FIX = "write a heading in the cell"


def check(context: PageContext) -> Iterator[Finding]:
    for table in context.tables:
        for cell in table.layout.header_cells():
            corner = (cell.row, cell.col) == (0, 0)
            if cell.header and not corner and not cell.text.strip():
                yield Finding(cell.line, cell.column, _message(cell))


def _message(cell: Cell) -> str:
    if cell.colspan > 1:
        columns = f"grid columns {cell.col + 1} to {cell.col + cell.colspan}"
    else:
        columns = f"grid column {cell.col + 1}"
    return (
        f"header cell in row {cell.row + 1}, {columns} is empty; "
        f"readers see no heading for {'those columns' if cell.colspan > 1 else 'that column'}"
    )
