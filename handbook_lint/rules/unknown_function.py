"""A structure table has a row for a function the configuration does not list.

When a `structure-tables` entry lists `functions` (the examples below use
`functions = ["Sales", "Support"]`), rows for other functions are
reported: usually a typo (`Suport`) or a function that needs adding to the list.

Bad (line 4):

```markdown
| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Sales | Developer Experience | Customer Success | Enterprise Sales |
| Suport | Developer Experience | Customer Success | Enterprise Support |
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

CODE = "HL306"
NAME = "unknown-function"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "correct the function's name, or add it to the entry's `functions`"
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
        known = {function_key(name) for name in structure.expected_functions}
        for function in structure.functions:
            if function.text and function_key(function.text) not in known:
                yield Finding(
                    function.line, function.column, f'function "{function.text}" is not in the configured list'
                )
