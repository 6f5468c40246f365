"""The same tier is named differently in two structure tables of one page.

Structure tables on a page describe the same tiers. When one says `Free` and another
`Starter` for the same tier, readers and tools can no longer match them. Tiers are matched
by name, never by column number: a name standing in the place of another between the
tiers both tables share, or a name alike, is the same tier named differently; a table with
other tiers is not a renaming. Names compare ignoring case and an ordinal prefix such as
`1 - `. A name outside a table's configured tiers is left to tier-mismatch, which names
both spellings; this rule reports names each table's configuration allows that still
differ across the page. The examples configure two `structure-tables` entries, one for
tables headed `Function, Free, Team, Enterprise` and one for tables headed
`Function, Starter, Team, Enterprise`, each with those tiers.

Bad (line 9):

```markdown
## Plans

| Function | Free | Team | Enterprise |
|---|---|---|---|
| Sales | Developer Experience | Customer Success | Enterprise Sales |

## Support

| Function | Starter | Team | Enterprise |
|---|---|---|---|
| Support | Developer Experience | Customer Success | Enterprise Support |
```

Good:

```markdown
## Plans

| Function | Free | Team | Enterprise |
|---|---|---|---|
| Sales | Developer Experience | Customer Success | Enterprise Sales |

## Support

| Function | Free | Team | Enterprise |
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

CODE = "HL304"
NAME = "inconsistent-tier-names"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "name each tier the same way in every structure table of the page"
EXAMPLE_CONFIG = {
    "structure-tables": [
        {"header": ["Function", "Free", "Team", "Enterprise"], "tiers": ["Free", "Team", "Enterprise"]},
        {"header": ["Function", "Starter", "Team", "Enterprise"], "tiers": ["Starter", "Team", "Enterprise"]},
    ]
}


def check(context: PageContext) -> Iterator[Finding]:
    tables = context.structure_tables
    if len(tables) < 2:
        return
    reference = tables[0]
    for other in tables[1:]:
        match = match_tiers([tier.text for tier in other.tiers], [tier.text for tier in reference.tiers])
        for found, name in match.renamed:
            tier, first = other.tiers[found], reference.tiers[name]
            if _not_configured(other, tier) or _not_configured(reference, first):
                continue  # tier-mismatch reports it, naming both spellings
            yield Finding(
                tier.line,
                tier.column,
                f'tier "{tier.text}" is called "{first.text}" in the table at line {reference.table.line}',
                related=(Related(context.path, first.line, first.column, f'named "{first.text}" here'),),
            )


def _not_configured(structure: StructureTable, tier: Cell) -> bool:
    expected = structure.expected_tiers or []
    return bool(expected) and tier_key(tier.text) not in {tier_key(name) for name in expected}
