"""A suppression comment silences nothing.

Off by default, like ruff's RUF100: select it with `extend-select = ["HL011"]`. A comment
that once hid a real problem outlives the fix, and then silently hides the next problem of
its rules in the same place. A comment silences nothing when no finding of the rules it
names falls in its range, including when those rules are not selected, and a
`handbook-lint-disable-next-table` with no table after it. This rule runs after every other
rule, and suppression comments do not silence it; leave files out with `per-file-ignores`.

Bad (line 1):

```markdown
<!-- handbook-lint-disable-next-table HL301 -->

| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Support | Developer Experience | Customer Success | Enterprise Support |
```

Good: the comment silences an `HL301` finding.

```markdown
<!-- handbook-lint-disable-next-table HL301 -->

| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Support | Developer Experience | | Enterprise Support |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext

CODE = "HL011"
NAME = "unused-suppression"
SEVERITY = Severity.WARNING
DEFAULT_ENABLED = False
FIX = "remove the comment"
#: Run after the other rules, unsilenced (see the engine).
AUDITS_SUPPRESSIONS = True
#: The documentation's examples run with HL301 selected too, so that there is something to silence.
EXAMPLE_CONFIG = {"extend-select": ["HL301"]}


def check(context: PageContext) -> Iterator[Finding]:
    if context.suppressions is not None:
        for directive in context.suppressions.unused():
            yield Finding(directive.line, directive.column, f"`{directive.text}` silences nothing here; remove it")
