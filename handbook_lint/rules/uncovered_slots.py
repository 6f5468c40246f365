"""A row of an HTML table has slots that no cell covers.

A table is as wide as its widest row. A row with fewer cells, or a ``rowspan`` that runs
past the last row, leaves slots that no cell covers: browsers draw no cell there, so the
row looks ragged and its borders and background stop short. It usually means a cell was
forgotten or a span is wrong. Write an empty cell where the table has nothing to say.
The finding is at the row; rows that a ``rowspan`` added beyond the last row are
reported once, at that cell.

Bad (line 3): the Team row has no Storage cell.

```markdown
<table>
<tr><th>Tier</th><th>Seats</th><th>Storage</th></tr>
<tr><td>Team</td><td>10</td></tr>
</table>
```

Good: the row has a cell for every column.

```markdown
<table>
<tr><th>Tier</th><th>Seats</th><th>Storage</th></tr>
<tr><td>Team</td><td>10</td><td></td></tr>
</table>
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.tables.model import Fact

CODE = "HL107"
NAME = "uncovered-slots"
SEVERITY = Severity.WARNING
DEFAULT_ENABLED = True
FIX = "add the missing cells (an empty <td></td> where there is nothing to say), or correct the spans"


def check(context: PageContext) -> Iterator[Finding]:
    for table in context.tables:
        run: list[Fact] = []
        for fact in table.facts:
            if fact.kind != "slots-uncovered":
                continue
            if run and not _continues(run[-1], fact):
                yield _finding(run)
                run = []
            run.append(fact)
        if run:
            yield _finding(run)


def _continues(previous: Fact, fact: Fact) -> bool:
    """Whether `fact` is about the next row, written at the same place (rows a rowspan added)."""
    same_place = (previous.line, previous.column) == (fact.line, fact.column)
    return same_place and fact.data["row"] == previous.data["row"] + 1


def _finding(run: list[Fact]) -> Finding:
    first = run[0]
    if len(run) == 1:
        return Finding(first.line, first.column, first.message)
    second, last = first.data["row"] + 2, run[-1].data["row"] + 1  # 1-based row numbers
    message = f"{first.message}; rows {second} to {last} also have slots no cell covers"
    return Finding(first.line, first.column, message)
