"""A pipe-table row has fewer cells than the header row.

GitHub pads a short row with empty cells, so readers see blanks where the author may have
meant a value, or a value that slid into the wrong column because a ``|`` was left out.
Write every cell, even an empty one, so the row says what it means. The finding is at
the end of the short row.

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

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_facts

CODE = "HL101"
NAME = "pipe-row-missing-cells"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "write every cell of the row, even an empty one (| |)"


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_facts(context, "pipe-row-missing-cells")
