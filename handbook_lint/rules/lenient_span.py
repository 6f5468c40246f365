"""A colspan or rowspan is not a plain number, though browsers can read it.

Browsers read a span such as ``"2px"``, ``" 3 "``, ``"+2"`` or ``"2.5"`` by skipping
leading spaces and a plus sign and taking the digits that follow, so the table looks
right today. Other tools that read the page's HTML (converters, exporters, spreadsheet
imports) may read it differently or reject it, and the next editor cannot tell what was
meant. Write the span as digits only. The finding is at the cell.

Bad (line 2): the colspan has a unit.

```markdown
<table>
<tr><th colspan="2px">Limits</th></tr>
<tr><td>10 seats</td><td>5 GB</td></tr>
</table>
```

Good: the colspan is digits only.

```markdown
<table>
<tr><th colspan="2">Limits</th></tr>
<tr><td>10 seats</td><td>5 GB</td></tr>
</table>
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_facts

CODE = "HL105"
NAME = "lenient-span"
SEVERITY = Severity.WARNING
DEFAULT_ENABLED = True
FIX = 'write the span as digits only, such as colspan="2"'


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_facts(context, "span-lenient")
