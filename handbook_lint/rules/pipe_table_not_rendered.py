"""Lines meant as a pipe table that GitHub does not render as a table.

A pipe table needs a header row and a delimiter row with the same number of cells. When
they differ, GitHub renders no table at all: readers see the whole block as one paragraph
of pipes and dashes, and no other table rule can look at it. Make the delimiter row as
wide as the header.

Bad (line 1):

```markdown
| Tier | Owner |
|---|---|---|
| Free | Developer Experience |
```

Good:

```markdown
| Tier | Owner |
|---|---|
| Free | Developer Experience |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_facts

CODE = "HL113"
NAME = "pipe-table-not-rendered"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "give the delimiter row as many cells as the header row"


def check(context: PageContext) -> Iterator[Finding]:
    return findings_from_facts(context, "pipe-table-not-rendered")
