"""A structure table does not satisfy its JSON Schema.

Every structure table is turned into a structure view,
`{"tiers": [...], "functions": {function: {tier: owner}}}`, and checked against the bundled
`structure.schema.json` and, when its `structure-tables` entry names one, the team's own
schema (a local file; remote `$ref`s are refused, never fetched). Each error is reported
at the cell it is about. The example below uses a schema requiring owners to be one of
the known teams.

Bad (line 3):

```markdown
| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
|---|---|---|---|
| Support | Developer Experience | Customer Success | Somebody |
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
from typing import Any

from handbook_lint.diagnostics import Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.schema_store import SchemaError, bundled_validator, surely_conforms, user_validator

CODE = "HL201"
NAME = "schema-violation"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
EXAMPLE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "functions": {
            "additionalProperties": {
                "additionalProperties": {"enum": ["Developer Experience", "Customer Success", "Enterprise Support"]}
            }
        }
    },
}


def check(context: PageContext) -> Iterator[Finding]:
    for structure in context.structure_tables:
        view, places = structure.view()
        # jsonschema only where the bundled schema may be violated, or a team schema applies
        validators = (
            [] if surely_conforms("structure.schema.json", view) else [bundled_validator("structure.schema.json")]
        )
        if structure.schema:
            path = (context.config.root / structure.schema).resolve()
            try:
                validators.append(user_validator(str(path)))
            except SchemaError as error:
                yield Finding(structure.table.line, structure.table.column, f"schema {structure.schema}: {error}")
        for validator in validators:
            from referencing.exceptions import Unresolvable

            try:
                errors = sorted(validator.iter_errors(view), key=lambda e: list(e.absolute_path))
            except Unresolvable as unresolvable:
                yield Finding(
                    structure.table.line,
                    structure.table.column,
                    f"schema {structure.schema}: cannot resolve {unresolvable.ref!r}; remote references are never fetched",
                )
                continue
            for invalid in errors:
                cell = _nearest_cell(places, tuple(str(p) for p in invalid.absolute_path))
                line, column = (cell.line, cell.column) if cell else (structure.table.line, structure.table.column)
                where = "/".join(str(p) for p in invalid.absolute_path) or "table"
                yield Finding(line, column, f"{where}: {invalid.message}")


def _nearest_cell(places: dict, path: tuple[str, ...]) -> Any:
    while path:
        if path in places:
            return places[path]
        path = path[:-1]
    return None
