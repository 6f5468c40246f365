"""A page's YAML front matter cannot be read.

The block between the opening ``---`` and the closing ``---`` must be YAML that forms a
mapping of keys to values. When it is not, the site generator drops the page's title and
other settings, or fails the build, and readers may see the raw block as text. The
finding is where the YAML parser stopped, or at line 2 when the block is valid YAML but
not a mapping.

Bad (line 2): the title contains ``: `` and is not quoted, so the YAML is invalid.

```markdown
---
title: Pricing: tiers and limits
---

| Tier | Price |
|------|-------|
| Team | $10   |
```

Good: the title is quoted.

```markdown
---
title: "Pricing: tiers and limits"
---

| Tier | Price |
|------|-------|
| Team | $10   |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_problems

CODE = "HL004"
NAME = "invalid-front-matter"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "make the block between the --- lines a YAML mapping (key: value lines)"


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_problems(context, NAME)
