"""A colspan or rowspan attribute is not a number browsers accept.

Browsers read a span they cannot parse as a number (``colspan="two"``, ``rowspan="-1"``),
and ``colspan="0"``, as 1. The cell then covers fewer columns or rows than the author
meant, and the cells after it shift into the wrong columns. The finding is at the cell.

Bad (line 2): the colspan is a word, so "Limits" covers only one column.

```markdown
<table>
<tr><th>Tier</th><th colspan="two">Limits</th></tr>
<tr><td>Team</td><td>10 seats</td><td>5 GB</td></tr>
</table>
```

Good: the colspan is a number.

```markdown
<table>
<tr><th>Tier</th><th colspan="2">Limits</th></tr>
<tr><td>Team</td><td>10 seats</td><td>5 GB</td></tr>
</table>
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_facts

CODE = "HL103"
NAME = "invalid-span"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "write the span as a whole number from 1 up"


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_facts(context, "span-invalid", "colspan-zero")
