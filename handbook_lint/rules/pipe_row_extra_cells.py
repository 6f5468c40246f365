r"""A pipe-table row has more cells than the header row.

GitHub drops every cell past the header's width without a word, so readers never see
that text. It is usually a value with an unescaped ``|`` in it, or a column added to the
body but not to the header. The finding is at the first dropped cell. A row whose extra
cells are all empty (a stray pipe after the last cell) shows exactly as meant, so it is not
reported.

Bad (line 3): the ``|`` in "Read | Write" splits the cell, and "Write" is dropped.

```markdown
| Role   | Access       |
|--------|--------------|
| Owner  | Read | Write |
| Viewer | Read         |
```

Good: the ``|`` is escaped.

```markdown
| Role   | Access        |
|--------|---------------|
| Owner  | Read \| Write |
| Viewer | Read          |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext

CODE = "HL102"
NAME = "pipe-row-extra-cells"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "escape a | inside a cell as \\|, or add the column to the header"


def check(context: PageContext) -> Iterator[Finding]:
    for fact in context.facts("pipe-row-extra-cells"):
        if any(text.strip() for text in fact.data["dropped"]):
            yield Finding(fact.line, fact.column, fact.message)
