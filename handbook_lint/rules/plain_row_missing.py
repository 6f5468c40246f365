"""A row of a page table is missing from the table in the plain-text export.

A row is missing when none of its cells is in the export (a row with some cells left is
reported cell by cell, by HL406).

Both dialects drop a row whose cells are all empty, so such a row is never missing.

Each example page is followed by its export (``page.txt``) where it has one.

Bad (line 8): the export lost the Sales row.

```markdown
## Support tiers

Every tier has an owner, and the owner answers within a day.

| Function | Free | Team |
|---|---|---|
| Support | Developer Experience | Customer Success |
| Sales | Self-serve | Account Executive |
```

Its export, page.txt:

```text
Support tiers
Every tier has an owner, and the owner answers within a day.
Function | Free | Team |
---|---|---|
Support | Developer Experience | Customer Success |
```

Good:

```markdown
## Support tiers

Every tier has an owner, and the owner answers within a day.

| Function | Free | Team |
|---|---|---|
| Support | Developer Experience | Customer Success |
| Sales | Self-serve | Account Executive |
```

Its export, page.txt:

```text
Support tiers
Every tier has an owner, and the owner answers within a day.
Function | Free | Team |
---|---|---|
Support | Developer Experience | Customer Success |
Sales | Self-serve | Account Executive |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_divergences

CODE = "HL404"
NAME = "plain-row-missing"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "regenerate the plain-text export from the current page"


def check(context: PageContext) -> Iterator[Finding]:
    return findings_from_divergences(context, "row-missing")
