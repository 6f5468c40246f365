"""The same function appears in two rows of a structure table.

Each function must have exactly one row: with two, readers cannot tell which owners
apply, and tools reading the table keep only one of them.

Bad (line 4):

```markdown
| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Sales | Developer Experience | Customer Success | Enterprise Sales |
| Sales | Developer Experience | Customer Success | Account Executives |
```

Good:

```markdown
| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Sales | Developer Experience | Customer Success | Enterprise Sales |
| Sales Ops | Sales Ops | Sales Ops | Sales Ops |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Related, Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.structure_tables import function_key
from handbook_lint.tables.model import Cell

CODE = "HL302"
NAME = "duplicate-function"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "merge the two rows into one, or rename one of the functions"


def check(context: PageContext) -> Iterator[Finding]:
    for structure in context.structure_tables:
        first_seen: dict[str, Cell] = {}
        for function in structure.functions:
            key = function_key(function.text)
            if not key:
                continue
            if key in first_seen:
                first = first_seen[key]
                yield Finding(
                    function.line,
                    function.column,
                    f'function "{function.text}" is listed twice (first at line {first.line})',
                    related=(Related(context.path, first.line, first.column, "first listed here"),),
                )
            else:
                first_seen[key] = function
