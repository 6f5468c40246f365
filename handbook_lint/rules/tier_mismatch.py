"""A structure table's tiers differ from the configured tiers.

The tiers (header cells after the first column) must be the configured ones, all of
them and in order: `tiers` in the configuration, or a `structure-tables` entry's own
`tiers`. Names compare ignoring case and an ordinal prefix such as `1 - `.
Without configuration the tiers are `Free`, `Team (Self Serve)`, `Enterprise (C-Level)`.

Tiers are matched by name, never by column number. A tier named otherwise than the
configured tier it stands in place of (between the tiers that do match, or with a name
alike, such as `Enterprise` for `Enterprise (C-Level)`) is one finding: it names both
spellings, the one another table of the page uses too when there is one, and suggests the
configured name. A tier that stands in no configured tier's place is not configured; a
configured tier with no column is missing; and tiers in another order are out of order.

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

from handbook_lint.diagnostics import Related, Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.structure_tables import StructureTable, match_tiers, tier_key
from handbook_lint.tables.model import Cell

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
        table, tiers = structure.table, structure.tiers
        match = match_tiers([tier.text for tier in tiers], expected)
        for found, name in match.renamed:
            yield _renamed(context, structure, tiers[found], expected[name])
        for found in match.unknown:
            yield Finding(
                tiers[found].line,
                tiers[found].column,
                f'tier "{tiers[found].text}" is not one of the configured tiers: {", ".join(expected)}',
            )
        if match.missing:
            names = ", ".join(f'"{expected[name]}"' for name in match.missing)
            plural = "s" if len(match.missing) > 1 else ""
            yield Finding(table.line, table.column, f"structure table has no column for tier{plural} {names}")
        if not match.in_reference_order():
            yield Finding(table.line, table.column, "tiers are out of order: expected " + ", ".join(expected))


def _renamed(context: PageContext, structure: StructureTable, tier: Cell, configured: str) -> Finding:
    """One finding for a tier named otherwise than the configured tier in its place."""
    elsewhere = _spelled_elsewhere(context, structure, configured)
    if elsewhere is None:
        return Finding(
            tier.line,
            tier.column,
            f'tier "{tier.text}" is not a configured tier; rename it to "{configured}", the configured tier in its place',
        )
    other_table, other = elsewhere
    return Finding(
        tier.line,
        tier.column,
        f'tier "{tier.text}" is called "{other.text}" in the table at line {other_table.table.line}; '
        f'rename it to the configured "{configured}"',
        related=(Related(context.path, other.line, other.column, f'named "{other.text}" here'),),
    )


def _spelled_elsewhere(
    context: PageContext, structure: StructureTable, configured: str
) -> tuple[StructureTable, Cell] | None:
    """Another structure table of the page and its tier cell naming the configured tier."""
    key = tier_key(configured)
    for other in context.structure_tables:
        if other is structure:
            continue
        cell = next((tier for tier in other.tiers if tier_key(tier.text) == key), None)
        if cell is not None:
            return other, cell
    return None
