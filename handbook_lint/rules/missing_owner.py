"""A function has no owner at some tier of a structure table.

After spans are expanded, every slot of a structure table (a function's row under a
tier's column) must name an owner. An empty cell, or a slot no cell covers (a colspan
shortened, a cell deleted), leaves readers with nobody to go to at that tier. This rule
alone reports such slots: schema-violation does not report them again, whatever the
schema says about owners.

Bad (line 3):

```markdown
| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Support | Developer Experience | | Enterprise Support |
```

Good:

```markdown
| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Support | Developer Experience | Customer Success | Enterprise Support |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext

CODE = "HL301"
NAME = "missing-owner"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "name an owner in the slot (write a cell, or widen a span to cover it)"


def check(context: PageContext) -> Iterator[Finding]:
    for structure in context.structure_tables:
        for function, tier in structure.owner_slots():
            owner = structure.owner(function.row, tier.col)
            if owner is not None and owner.text:
                continue
            where = owner or function
            gap = "an empty cell" if owner is not None else "no cell (check the spans of this row)"
            yield Finding(
                where.line,
                where.column,
                f'"{function.text}" has no owner for tier "{tier.text}": the table has {gap}',
            )
