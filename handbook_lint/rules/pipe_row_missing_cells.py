"""A pipe-table row has fewer cells than the header row.

GitHub pads a short row with empty cells, so readers see blanks where the author may have
meant a value, or a value that slid into the wrong column because a ``|`` was left out.
Write every cell, even an empty one, so the row says what it means. The finding is at
the end of the short row. Fixable: ``--fix`` writes the missing cells as empty ones, which
is what GitHub shows already.

Bad (line 3): the Team row has no cell for Storage.

```markdown
| Tier       | Seats     | Storage |
|------------|-----------|---------|
| Team       | 10        |
| Enterprise | Unlimited | 1 TB    |
```

Good: the empty cell is written out.

```markdown
| Tier       | Seats     | Storage |
|------------|-----------|---------|
| Team       | 10        |         |
| Enterprise | Unlimited | 1 TB    |
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.tables.markdown import line_starts

if TYPE_CHECKING:
    from handbook_lint.fixes import Fix

CODE = "HL101"
NAME = "pipe-row-missing-cells"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "write every cell of the row, even an empty one (| |)"


def check(context: PageContext) -> Iterator[Finding]:
    starts: list[int] = []  # where each line of the page starts, found at the first finding
    for fact in context.facts("pipe-row-missing-cells"):
        starts = starts or line_starts(context.text)  # (once: counting lines per finding was quadratic)
        missing = fact.data["expected"] - fact.data["found"]
        end = starts[fact.line - 1] + fact.column - 1
        yield Finding(fact.line, fact.column, fact.message, fix=_pad(context.text, end, missing))


def _pad(text: str, end: int, missing: int) -> Fix:
    """Empty cells written at the end of the row (offset `end`, the finding's column), closing its last cell first."""
    from handbook_lint.fixes import Edit, Fix  # (most pages have no fix)

    closed = text.endswith("|", 0, end) and not text.endswith("\\|", 0, end)
    cells = " |" * (missing + (not closed))
    plural = "s" if missing > 1 else ""
    return Fix(f"write {missing} empty cell{plural}", (Edit(end, end, cells),))
