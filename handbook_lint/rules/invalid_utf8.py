r"""A page is not valid UTF-8.

Pages are read as UTF-8, as the site generator and most tools read them. A file saved in
another encoding (Windows-1252 and Latin-1 are the usual ones) has bytes that are not
UTF-8, and readers see a replacement character (``�``) where the author typed an accented
letter or a typographic quote. The page is not checked further. The finding is at the
first byte that is not UTF-8. In the examples, ``\xNN`` stands for the single byte NN.

Bad (line 1): the page was saved as Latin-1, so ``é`` is the single byte E9.

```markdown
| Tier  | Caf\xe9 budget |
|-------|----------------|
| Team  | $10            |
```

Good: the page is saved as UTF-8.

```markdown
| Tier  | Café budget |
|-------|-------------|
| Team  | $10         |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext, findings_from_problems

CODE = "HL002"
NAME = "invalid-utf8"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "save the file as UTF-8"


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_problems(context, NAME)
