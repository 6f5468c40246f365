"""A page file is larger than the size limit.

Pages over the limit (the ``max-file-size`` option, 10 MiB by default) are not read, so
nothing in them is checked. Such a page is almost always a mistake: a pasted export, a
base64 image embedded in a data URL, or generated output committed by accident; it is
also slow for readers to load. The finding is at line 1, column 1. The examples assume
a limit of 120 bytes.

Bad (line 1): the diagram is embedded in the page as a data URL.

```markdown
| Tier | Limits |
|------|--------|
| Team | ![Diagram](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAoAAAAHgCAYAAAA10dzkAAAg) |
```

Good: the diagram is a file beside the page.

```markdown
| Tier | Limits |
|------|--------|
| Team | ![Diagram](limits.png) |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_problems

CODE = "HL006"
NAME = "file-too-large"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "split the page or remove what makes it large, or raise `max-file-size`"


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_problems(context, NAME)
