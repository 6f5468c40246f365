"""A function the configuration lists has no row in its structure table.

When a `structure-tables` entry lists `functions` (the examples below use
`functions = ["Sales", "Support"]`), each of them must have a row, so
that a function cannot silently drop out of the table.

Bad (line 1):

```markdown
| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Sales | Developer Experience | Customer Success | Enterprise Sales |
```

Good:

```markdown
| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Sales | Developer Experience | Customer Success | Enterprise Sales |
| Support | Developer Experience | Customer Success | Enterprise Support |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.structure_tables import function_key

CODE = "HL305"
NAME = "missing-function"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "add a row for the function, or remove it from the entry's `functions`"
# The configuration the docstring examples are checked with.
EXAMPLE_CONFIG = {
    "structure-tables": [
        {"header": ["Function", "Free", "Team (Self Serve)", "Enterprise (C-Level)"], "functions": ["Sales", "Support"]}
    ]
}


def check(context: PageContext) -> Iterator[Finding]:
    for structure in context.structure_tables:
        if not structure.expected_functions:
            continue
        present = {function_key(f.text) for f in structure.functions}
        for name in structure.expected_functions:
            if function_key(name) not in present:
                table = structure.table
                yield Finding(table.line, table.column, f'function "{name}" has no row in this structure table')
