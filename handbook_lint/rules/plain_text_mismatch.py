"""A heading or text block of the page says something else in its plain-text export.

Headings, paragraphs, list items and code are compared word by word, markup removed (links
and emphasis are text in the export). Only the first divergence of each section (the text
under one heading) is reported, quoting the sentence on each side, so a lost paragraph is
one diagnostic and not a cascade.

The export does not mark headings (they are lines of text like paragraphs), keeps no
markup and no images, and its extractor adds or drops spaces and line breaks at inline
elements and list items, and may repeat or move text: none of that is compared (text
without spaces, Chinese or Japanese, is compared character by character). What trafilatura
is known to drop (paragraphs and lists made mostly of links, a trailing heading, …) is
HL408's note, not this rule's error.

Each example page is followed by its export (``page.txt``) where it has one.

Bad (line 3): the export's paragraph was edited.

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
Every tier has an owner, and the owner answers within a week.
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

CODE = "HL407"
NAME = "plain-text-mismatch"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "make the page and its export say the same, then regenerate the export"


def check(context: PageContext) -> Iterator[Finding]:
    return findings_from_divergences(context, "prose")
