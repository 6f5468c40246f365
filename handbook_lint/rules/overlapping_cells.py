"""Two cells of an HTML table claim the same slot.

A cell's ``colspan`` can reach into a slot that a ``rowspan`` from a row above already
holds. Browsers then draw the two cells on top of each other: one hides part of the
other, and the text of the hidden part is unreadable or gone. The finding is at the
later cell, and names the cell whose span reaches into it.

Bad (line 4): "Billed monthly" spans two rows, and the Enterprise cell spans all three columns
beneath it.

```markdown
<table>
<tr><th>Tier</th><th>Seats</th><th>Notes</th></tr>
<tr><td>Team</td><td>10</td><td rowspan="2">Billed monthly</td></tr>
<tr><td colspan="3">Enterprise: talk to sales</td></tr>
</table>
```

Good: the Enterprise cell spans only the two free columns.

```markdown
<table>
<tr><th>Tier</th><th>Seats</th><th>Notes</th></tr>
<tr><td>Team</td><td>10</td><td rowspan="2">Billed monthly</td></tr>
<tr><td colspan="2">Enterprise: talk to sales</td></tr>
</table>
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_facts

CODE = "HL106"
NAME = "overlapping-cells"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "shorten the span that reaches into the other cell, or remove one of the cells"


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_facts(context, "cells-overlap")
