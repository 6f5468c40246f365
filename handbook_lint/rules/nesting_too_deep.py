"""HTML is nested deeper than browsers build it, so a table is not shown as written.

Browsers bound how deep they nest elements: Chromium attaches an element opened inside more
than 512 open elements to the element at that depth instead, so everything deeper becomes
siblings there. A table opened that deep keeps none of its rows and cells, and the text
of a cell that deep moves out of it. Such nesting is almost always markup left open by
mistake (a ``<div>`` or ``<b>`` never closed, repeated), and the parse is also bounded:
more than 16 formatting elements left open, or markup too deep to read in bounded time,
are reported the same way. The finding is where the limit was first reached. The
``max-html-depth`` option (512, as in Chromium) sets the depth; the example assumes 6.

Bad (line 3): the divs around the table are never closed, so its rows are too deep.

```markdown
<div><div><div>
<table>
<tr><td>Team</td><td>10 seats</td></tr>
</table>
```

Good: each div is closed before the table.

```markdown
<div></div><div></div><div></div>
<table>
<tr><td>Team</td><td>10 seats</td></tr>
</table>
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_facts

CODE = "HL007"
NAME = "nesting-too-deep"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "close the elements left open (a <div> or <b> without its end tag) above the table"
EXAMPLE_CONFIG = {"max-html-depth": 6}


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_facts(context, "nesting-too-deep")
