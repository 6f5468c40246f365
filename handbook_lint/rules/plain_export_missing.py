"""A page has no plain-text export, or its export cannot be read.

With `require-plain-text = true` every page must have its export: ``x/page.txt`` beside
``x/page.md``, ``DIR/x/page.txt`` with `plain-root`, or where `plain-pattern` says. An
export that exists but is not UTF-8 text is reported whether or not exports are required.

Each example page is followed by its export (``page.txt``) where it has one; the
examples are linted with `EXAMPLE_CONFIG`.

Bad (line 1): no page.txt.

```markdown
## Support tiers

Every tier has an owner, and the owner answers within a day.

| Function | Free | Team |
|---|---|---|
| Support | Developer Experience | Customer Success |
| Sales | Self-serve | Account Executive |
```

Good: page.txt beside it.

```markdown
## Support tiers

Every tier has an owner, and the owner answers within a day.

| Function | Free | Team |
|---|---|---|
| Support | Developer Experience | Customer Success |
| Sales | Self-serve | Account Executive |
```

Its export, page.txt:

```text
Support tiers
Every tier has an owner, and the owner answers within a day.
Function | Free | Team |
---|---|---|
Support | Developer Experience | Customer Success |
Sales | Self-serve | Account Executive |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext

CODE = "HL401"
NAME = "plain-export-missing"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "write the page's plain-text export where the configuration looks for it"
EXAMPLE_CONFIG = {"require-plain-text": True}


def check(context: PageContext) -> Iterator[Finding]:
    pairing = context.plain_text
    if pairing is None or pairing.error is None:
        return
    if pairing.error != "missing":
        yield Finding(1, 1, f"the plain-text export {pairing.path} {pairing.error}")
    elif context.config["require-plain-text"]:
        yield Finding(1, 1, f"the page has no plain-text export: {pairing.path} does not exist")
