"""An HTML table is never closed.

A ``<table>`` without a matching ``</table>`` is closed by browsers only at the end of
the page (or at the next ``<table>`` outside its cells). Whatever comes between
(paragraphs, headings, lists) is parsed inside the table, so browsers move it above the
table: readers see the rest of the page out of order. The finding is at the
``<table>`` tag.

Bad (line 1): the table is never closed.

```markdown
<table>
<tr><th>Tier</th><th>Seats</th></tr>
<tr><td>Team</td><td>10</td></tr>

## Billing
```

Good: the table is closed.

```markdown
<table>
<tr><th>Tier</th><th>Seats</th></tr>
<tr><td>Team</td><td>10</td></tr>
</table>

## Billing
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_facts

CODE = "HL112"
NAME = "unclosed-html-table"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "close the table with </table> where it ends"


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_facts(context, "html-table-unclosed")
