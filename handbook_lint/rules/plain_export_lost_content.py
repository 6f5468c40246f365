"""The plain-text export lacks page content that its extractor is known to drop (a note).

trafilatura leaves out what looks like navigation or decoration, so the export never had
it, and no edit of the export would add it: paragraphs and lists made mostly of links (its
link-density tests), tables made mostly of links, a heading left with nothing under it at
the end of the page, text that is only a sharing word ("Email", "PDF"), images, the text
right inside a raw-HTML `<div>` on a page whose paragraphs hold 750 characters or more (a
notice box above the content, say); and with trafilatura 1.x, code blocks in table cells
and the text right after a raw-HTML list. Such
content is reported once per block or table, as a note (shown, never failing a run), with
the reason; HL402–HL407 stay quiet about it. Rephrase the page if readers of the export
need it, or ignore the rule.

Each example page is followed by its export (``page.txt``).

Bad (line 5): the list of links is not in the export.

```markdown
## Support tiers

Every tier has an owner, and the owner answers within a day. Read more:

- [Tier policy](policy.md)
- [Escalations](escalations.md)

| Function | Free | Team |
|---|---|---|
| Support | Developer Experience | Customer Success |
| Sales | Self-serve | Account Executive |
```

Its export, page.txt:

```text
Support tiers
Every tier has an owner, and the owner answers within a day. Read more:
Function | Free | Team |
---|---|---|
Support | Developer Experience | Customer Success |
Sales | Self-serve | Account Executive |
```

Good:

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
from handbook_lint.rules._api import Finding, PageContext, findings_from_divergences

CODE = "HL408"
NAME = "plain-export-lost-content"
SEVERITY = Severity.NOTE
DEFAULT_ENABLED = True
FIX = "nothing to change: the extractor drops this content by design (see the message for why)"


def check(context: PageContext) -> Iterator[Finding]:
    return findings_from_divergences(context, "lost")
