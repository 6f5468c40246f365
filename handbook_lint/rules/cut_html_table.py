"""A blank line inside an HTML table ends its HTML block.

In Markdown, an HTML block runs only to the next blank line. What follows a blank line
inside a ``<table>`` is read as Markdown again: a line indented by four spaces becomes a
code block, and text becomes a paragraph that browsers move out of the table. Readers
see tags printed as text, or cells missing from the table. Remove blank lines between
``<table>`` and ``</table>``. The finding is at the blank line. Fixable: ``--fix`` removes
the blank lines when each is followed by a table tag (``<tr>``, ``<td>``, ``</table>`` …),
never when text that may be Markdown written into a cell follows one.

Bad (line 8): the blank line makes the indented ``<td>10</td>`` a code block.

```markdown
<table>
  <tr>
    <th>Tier</th>
    <th>Seats</th>
  </tr>
  <tr>
    <td>Team</td>

    <td>10</td>
  </tr>
</table>
```

Good: no blank line inside the table.

```markdown
<table>
  <tr>
    <th>Tier</th>
    <th>Seats</th>
  </tr>
  <tr>
    <td>Team</td>
    <td>10</td>
  </tr>
</table>
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.rules._cut_fix import remove_blank_lines
from handbook_lint.tables.model import Table

CODE = "HL110"
NAME = "cut-html-table"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "remove the blank lines between <table> and </table>"


def check(context: PageContext) -> Iterator[Finding]:
    for table in context.tables:
        for fact in table.facts:
            if fact.kind == "html-table-cut" and _inside_table(table, fact.line):
                yield Finding(fact.line, fact.column, fact.message, fix=remove_blank_lines(context.text, table))


def _inside_table(table: Table, line: int) -> bool:
    """Whether a blank line is inside what the author wrote as the table.

    An unclosed table runs to the end of the page, so any later blank line is "inside"
    it; that is one mistake, which unclosed-html-table reports. Its blank line counts
    here only when a cell of the table comes after it.
    """
    if not any(fact.kind == "html-table-unclosed" for fact in table.facts):
        return True
    return any(cell.line > line for cell in table.layout.cells)
