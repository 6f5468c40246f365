r"""A page file is binary, not text.

A NUL byte in the first 8 KiB means the file is not a text page: usually an image, a PDF
or a word-processor document saved with a ``.md`` name. Readers of the handbook see
garbage or nothing, and the page is not checked further. The finding is at line 1,
column 1. In the examples, ``\xNN`` stands for the single byte NN.

Bad (line 1): a PNG screenshot of the pricing table, saved as ``pricing.md``.

```markdown
\x89PNG\x0d\x0a\x1a\x0a\x00\x00\x00\x0dIHDR\x00\x00\x02\x80
```

Good: the page is Markdown text and links to the image.

```markdown
| Tier | Price |
|------|-------|
| Team | $10   |

![Pricing screenshot](pricing.png)
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_problems

CODE = "HL003"
NAME = "binary-file"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "replace the file with the Markdown page, or give it a name that is not a page's (.md, .mdx, .markdown)"


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_problems(context, NAME)
