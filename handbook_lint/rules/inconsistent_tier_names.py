"""The same tier is named differently in two structure tables of one page.

Structure tables on a page describe the same tiers, column by column. When one says
`1 - Free` and another `Starter` for the same column, readers and tools can no longer
match them. Names compare ignoring case and an ordinal prefix such as `1 - `.

Bad (line 5):

```markdown
| | 1 - Free | 2 - Team (Self Serve) | 3 - Enterprise (C-Level) |
|---|---|---|---|
| Value | Creation | Collaboration | Compliance |

| Function | Starter | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Support | Developer Experience | Customer Success | Enterprise Support |
```

Good:

```markdown
| | 1 - Free | 2 - Team (Self Serve) | 3 - Enterprise (C-Level) |
|---|---|---|---|
| Value | Creation | Collaboration | Compliance |

| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Support | Developer Experience | Customer Success | Enterprise Support |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Related, Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.structure_tables import tier_key

CODE = "HL304"
NAME = "inconsistent-tier-names"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "name each tier the same way in every structure table of the page"


def check(context: PageContext) -> Iterator[Finding]:
    tables = context.structure_tables
    if len(tables) < 2:
        return
    reference = tables[0]
    for other in tables[1:]:
        for first, tier in zip(reference.tiers, other.tiers):
            if tier_key(first.text) != tier_key(tier.text):
                yield Finding(
                    tier.line,
                    tier.column,
                    f'tier "{tier.text}" is called "{first.text}" in the table at line {reference.table.line}',
                    related=(Related(context.path, first.line, first.column, f'named "{first.text}" here'),),
                )
