"""A page file could not be read at all.

The operating system refused to open or read the file: it may be a symbolic link whose
target is gone, a directory whose name ends in ``.md``, or a file without read
permission. Nothing in it can be checked, and the site build may fail on it or leave
the page out, so readers get a broken link. The finding is at line 1, column 1.

Bad (line 1): ``pricing.md`` is a symbolic link to ``pricing-2023.md``, which was deleted.

```markdown
| Tier | Price |
|------|-------|
| Team | $10   |
```

Good: the link is replaced by the page itself.

```markdown
| Tier | Price |
|------|-------|
| Team | $10   |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_problems

CODE = "HL001"
NAME = "unreadable-file"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "make the file readable, or replace a broken symbolic link with the page"


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_problems(context, NAME)
