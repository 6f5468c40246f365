"""The table in the plain-text export has a row the page table does not.

An extra row (added to the export, or left from an old version of the page) tells readers
of the export about something the page does not have.

In trafilatura 1.x a row is a line only where no cell breaks it over lines; an extra line
of cells that stands between rows is reported as an extra row.

Each example page is followed by its export (``page.txt``) where it has one.

Bad (line 8): the export has a Billing row.

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
Billing | Finance | Finance |
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

CODE = "HL405"
NAME = "plain-row-extra"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "remove the row from the export, or add it to the page, then regenerate the export"


def check(context: PageContext) -> Iterator[Finding]:
    return findings_from_divergences(context, "row-extra")
