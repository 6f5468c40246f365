"""A table has header rows but no data rows.

A table whose every row is a header row shows readers headings with nothing under them.
It is usually a table whose rows were never filled in, or whose rows were deleted, or
text laid out as a table just to draw a box around it. Add the rows, or write the text
as a list or a paragraph. The finding is at the table.

Bad (line 1): the table has a header row only.

```markdown
| Tier | Seats | Storage |
|------|-------|---------|
```

Good: the table has data rows.

```markdown
| Tier | Seats | Storage |
|------|-------|---------|
| Team | 10    | 5 GB    |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext

CODE = "HL111"
NAME = "header-only-table"
SEVERITY = Severity.WARNING
DEFAULT_ENABLED = True
FIX = "add the data rows, or write the text as a list or a paragraph"


def check(context: PageContext) -> Iterator[Finding]:
    for table in context.tables:
        layout = table.layout
        if layout.height > 0 and layout.header_rows == layout.height:
            rows = "row" if layout.height == 1 else f"{layout.height} rows"
            message = f"table has only its header {rows} and no data rows; readers see headings with nothing under them"
            yield Finding(table.line, table.column, message)
