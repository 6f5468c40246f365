"""A colspan or rowspan is larger than browsers allow.

Browsers cut a ``colspan`` above 1000 down to 1000 and a ``rowspan`` above 65534 down to
65534. A span that large is almost always a typo, and even cut down it makes a table
with hundreds of empty columns or thousands of empty rows. The finding is at the cell.

Bad (line 2): "30" was typed as "3000".

```markdown
<table>
<tr><th colspan="3000">Quarterly targets</th></tr>
<tr><td>Q1</td><td>Q2</td><td>Q3</td></tr>
</table>
```

Good: the span is the number of columns meant.

```markdown
<table>
<tr><th colspan="3">Quarterly targets</th></tr>
<tr><td>Q1</td><td>Q2</td><td>Q3</td></tr>
</table>
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_facts

CODE = "HL104"
NAME = "clamped-span"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "set the span to the number of columns or rows the cell should cover"


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_facts(context, "span-clamped")
