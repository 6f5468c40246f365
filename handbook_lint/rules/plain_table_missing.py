"""A table of the page is missing from its plain-text export.

The export is what readers of the plain-text version get. A table the extractor lost, or
that was deleted from the export, leaves them without it. The table counts as missing when
less than half of its words are in the export. A table trafilatura drops (one made mostly
of links) is HL408's note instead, and so is a table it writes as lines of text (a table
inside a list item) whose cells are all there.

Each example page is followed by its export (``page.txt``) where it has one.

Bad (line 5): the export ends after the paragraph.

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

CODE = "HL402"
NAME = "plain-table-missing"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "regenerate the plain-text export from the current page"


def check(context: PageContext) -> Iterator[Finding]:
    return findings_from_divergences(context, "table-missing")
