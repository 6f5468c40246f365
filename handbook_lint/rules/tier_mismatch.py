"""A structure table's tiers differ from the configured tiers.

The tiers (header cells after the first column) must be the configured ones, all of
them and in order: `tiers` in the configuration, or a `structure-tables` entry's own
`tiers`. Names compare ignoring case and an ordinal prefix such as `1 - `.
Without configuration the tiers are `Free`, `Team (Self Serve)`, `Enterprise (C-Level)`.

Bad (line 1):

```markdown
| Function | Free | Enterprise (C-Level) | Team (Self Serve) |
|---|---|---|---|
| Support | Developer Experience | Enterprise Support | Customer Success |
```

Good:

```markdown
| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Support | Developer Experience | Customer Success | Enterprise Support |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.structure_tables import tier_key

CODE = "HL303"
NAME = "tier-mismatch"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "name the tiers in the header as configured, all of them and in order"


def check(context: PageContext) -> Iterator[Finding]:
    for structure in context.structure_tables:
        expected = structure.expected_tiers
        if not expected:
            continue
        actual = [tier_key(tier.text) for tier in structure.tiers]
        wanted = [tier_key(name) for name in expected]
        if actual == wanted:
            continue
        table = structure.table
        for tier in structure.tiers:
            if tier_key(tier.text) not in wanted:
                yield Finding(
                    tier.line,
                    tier.column,
                    f'tier "{tier.text}" is not one of the configured tiers: {", ".join(expected)}',
                )
        missing = [name for name, key in zip(expected, wanted) if key not in actual]
        if missing:
            yield Finding(
                table.line,
                table.column,
                f"structure table has no column for tier {', '.join(repr(m) for m in missing)}",
            )
        present = [key for key in actual if key in wanted]
        if present != [key for key in wanted if key in present]:
            yield Finding(
                table.line,
                table.column,
                "tiers are out of order: expected " + ", ".join(expected),
            )
