"""A cell of a page table says something else in the plain-text export.

The diagnostic points at the page cell; its related location is the export's cell, and the
message quotes both. Cells swapped in the export give one diagnostic per cell.

What each dialect can show. trafilatura 2.x keeps every slot (``|  | a |``), so a cell is
compared in its exact column. trafilatura 1.x drops empty cells, writes a spanning cell
once and moves the padding to the end of the row (``Support | DevEx | ||``), and may break
a row over lines: the column of a value is lost, so 1.x cells are compared as the order of
the table's non-empty cells. A value moved into a neighbouring empty slot, a changed span,
a rowspan (neither dialect repeats a spanned value) and text that only differs in white
space cannot be seen, and are never reported. Pipes in 1.x cell text are not escaped, so a
cell holding ``a | b`` and two cells ``a`` and ``b`` read the same there.

Each example page is followed by its export (``page.txt``) where it has one.

Bad (line 7): two cells swapped in the export.

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
Support | Customer Success | Developer Experience |
Sales | Self-serve | Account Executive |
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

CODE = "HL406"
NAME = "plain-cell-mismatch"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "make the cell and the export say the same, then regenerate the export"


def check(context: PageContext) -> Iterator[Finding]:
    return findings_from_divergences(context, "cell")
