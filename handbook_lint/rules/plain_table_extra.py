"""The plain-text export has a table the page does not.

A table only the export has was added to the export by hand or left there from an old
version of the page: readers of the two versions are told different things.

Each example page is followed by its export (``page.txt``) where it has one.

Bad (line 9): the export has a second table.

```markdown
## Support tiers

Every tier has an owner, and the owner answers within a day.

| Function | Free |
|---|---|
| Support | Developer Experience |

Ask in the support channel when in doubt.
```

Its export, page.txt:

```text
Support tiers
Every tier has an owner, and the owner answers within a day.
Function | Free |
---|---|
Support | Developer Experience |
Ask in the support channel when in doubt.
Billing | Finance |
Refunds | Finance |
```

Good:

```markdown
## Support tiers

Every tier has an owner, and the owner answers within a day.

| Function | Free |
|---|---|
| Support | Developer Experience |

Ask in the support channel when in doubt.
```

Its export, page.txt:

```text
Support tiers
Every tier has an owner, and the owner answers within a day.
Function | Free |
---|---|
Support | Developer Experience |
Ask in the support channel when in doubt.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_divergences

CODE = "HL403"
NAME = "plain-table-extra"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "remove the table from the export, or add it to the page, then regenerate the export"


def check(context: PageContext) -> Iterator[Finding]:
    return findings_from_divergences(context, "table-extra")
