"""A suppression comment names a rule that does not exist, or is no known suppression comment.

A comment meant to silence one rule silences nothing when the rule's code or name is
misspelled (`missing-ownr`), and a misspelled directive (`handbook-lint-enabel`) is no
directive at all: the `handbook-lint-disable` range it was meant to close then runs to the
end of the page and hides every later problem of its rules. Each unknown word is reported
where it is written, with the closest code, name or directive.

Bad (line 1):

```markdown
<!-- handbook-lint-disable-next-table missing-ownr -->

| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Support | Developer Experience | | Enterprise Support |
```

Good:

```markdown
<!-- handbook-lint-disable-next-table missing-owner -->

| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Support | Developer Experience | | Enterprise Support |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext

CODE = "HL010"
NAME = "invalid-suppression"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "use a code, prefix or name that `handbook-lint rules` lists, in a known directive"


def check(context: PageContext) -> Iterator[Finding]:
    if context.suppressions is not None:
        for problem in context.suppressions.problems:
            yield Finding(problem.line, problem.column, problem.message)
