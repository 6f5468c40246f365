"""A table's layout would need more grid slots than the limit.

Column and row spans decide how many slots a table's grid has: its width times its
height, where one ``colspan="1000"`` makes a thousand columns and one ``rowspan="65534"``
adds thousands of rows. When a table would need more slots than the limit (the
``max-slots`` option, one million by default), its grid is not built, so the other
table checks cannot look at it. Readers see a table that is mostly empty, very wide, or
so long that the browser struggles. The finding is at the table.

Bad (line 1): typos made the colspan 20 instead of 2 and the rowspan 60000 instead of 2.

```markdown
<table>
<tr><th colspan="20">Limits</th></tr>
<tr><td rowspan="60000">Team</td><td>10 seats</td></tr>
<tr><td>5 GB storage</td></tr>
</table>
```

Good: the spans are the ones meant.

```markdown
<table>
<tr><th colspan="2">Limits</th></tr>
<tr><td rowspan="2">Team</td><td>10 seats</td></tr>
<tr><td>5 GB storage</td></tr>
</table>
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_facts

CODE = "HL005"
NAME = "table-too-large"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "correct the spans or split the table, or raise `max-slots`"


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_facts(context, "grid-too-large")
