"""A structure table does not satisfy its JSON Schema.

Every structure table is turned into a structure view,
`{"tiers": [...], "functions": {function: {tier: owner}}}`, and checked against the bundled
`structure.schema.json` and, when its `structure-tables` entry names one, the team's own
schema (a local file; remote `$ref`s are refused, never fetched). Each error is reported
at the cell it is about, in the table's terms (function, tier, the value found and what
is allowed); the JSON Pointer of the value in the structure view is kept in the
diagnostic's related information, for tools. A slot with no owner is missing-owner's
finding, not this rule's. The example below uses a schema requiring owners to be one of
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

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from handbook_lint.diagnostics import Related, Severity
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.schema_store import SchemaError, bundled_validator, surely_conforms, user_validator
from handbook_lint.structure_tables import StructureTable
from handbook_lint.tables.model import Cell

if TYPE_CHECKING:  # jsonschema is imported only where a schema may be violated
    from jsonschema.exceptions import ValidationError

CODE = "HL201"
NAME = "schema-violation"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "change the cell so the structure view satisfies the schema, or change the schema"
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
_LISTED = 10  # allowed values named in a message; more are counted


def check(context: PageContext) -> Iterator[Finding]:
    for structure in context.structure_tables:
        view, places = structure.view()
        # jsonschema only where the bundled schema may be violated, or a team schema applies
        validators = (
            [] if surely_conforms("structure.schema.json", view) else [bundled_validator("structure.schema.json")]
        )
        if structure.schema:
            schema_file = (context.config.root / structure.schema).resolve()
            try:
                validators.append(user_validator(str(schema_file)))
            except SchemaError as error:
                yield Finding(structure.table.line, structure.table.column, f"schema {structure.schema}: {error}")
        for validator in validators:
            from referencing.exceptions import Unresolvable

            try:
                errors = sorted(validator.iter_errors(view), key=lambda e: [str(p) for p in e.absolute_path])
            except Unresolvable as unresolvable:
                yield Finding(
                    structure.table.line,
                    structure.table.column,
                    f"schema {structure.schema}: cannot resolve {unresolvable.ref!r}; remote references are never fetched",
                )
                continue
            for invalid in errors:
                path = tuple(str(part) for part in invalid.absolute_path)
                if _is_owner(path) and invalid.instance in ("", None):
                    continue  # an empty slot: missing-owner reports it
                yield _finding(context, structure, places, path, invalid)


def _finding(
    context: PageContext,
    structure: StructureTable,
    places: dict[tuple[str, ...], Cell],
    path: tuple[str, ...],
    invalid: ValidationError,
) -> Finding:
    about, name = path, isinstance(invalid.instance, str) and "propertyNames" in invalid.absolute_schema_path
    if name:
        about = (*path, str(invalid.instance))  # the error is about a function's or a tier's name
    cell = _nearest_cell(places, about)
    line, column = (cell.line, cell.column) if cell else (structure.table.line, structure.table.column)
    pointer = "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in about)
    related = Related(
        context.path, line, column, f"JSON Pointer in the structure view: {pointer or '(the whole view)'}"
    )
    return Finding(line, column, _message(about, invalid, name=name), related=(related,))


def _is_owner(path: tuple[str, ...]) -> bool:
    return len(path) == 3 and path[0] == "functions"


def _message(about: tuple[str, ...], invalid: ValidationError, *, name: bool = False) -> str:
    """What the error is about, in the table's terms, and what is wrong, without Python reprs.

    `name`: the value is the name of a function or tier (a `propertyNames` error), not an owner.
    """
    keyword, wanted, value = str(invalid.validator), cast(Any, invalid.validator_value), cast(Any, invalid.instance)
    if name and _is_owner(about):
        subject, members = f'"{about[1]}" has tier "{about[2]}", whose name', "tiers"
    elif _is_owner(about):
        subject, members = f'"{about[1]}" at tier "{about[2]}": owner {_show(value)}', "tiers"
    elif len(about) == 2 and about[0] == "functions":
        subject, members = f'function "{about[1]}"', "tiers"
    elif about == ("functions",):
        subject, members = "the table", "functions"
    elif len(about) == 2 and about[0] == "tiers":
        subject, members = f"tier {_show(value)}", "tiers"
    elif about == ("tiers",):
        subject, members = "the tiers", "tiers"
    else:
        subject, members = "the structure table", "entries"
    if keyword == "required" and isinstance(value, dict):
        absent = [name for name in wanted if name not in value]
        kind = "row for function" if members == "functions" else "column for tier"
        return f"{subject} has no {kind} {_listing(absent)}, which the schema requires"
    if keyword == "additionalProperties" and isinstance(value, dict):
        known = invalid.schema.get("properties", {}) if isinstance(invalid.schema, dict) else {}
        extra = [name for name in value if name not in known]
        kind = "function" if members == "functions" else "tier"
        return f"{subject} has {kind} {_listing(extra)}, which the schema does not allow"
    if keyword in ("minProperties", "maxProperties", "minItems", "maxItems"):
        bound = "at least" if keyword.startswith("min") else "at most"
        return f"{subject} must have {bound} {wanted} {members}; it has {len(value)}"
    return f"{subject} {_problem(keyword, wanted)}"


def _problem(keyword: str, wanted: Any) -> str:
    """What is wrong with a value, by the schema keyword that failed."""
    if keyword == "enum":
        return f"is not allowed; expected one of {_listing(wanted)}"
    if keyword == "const":
        return f"is not allowed; expected {_show(wanted)}"
    if keyword == "type":
        kinds = wanted if isinstance(wanted, list) else [wanted]
        return f"is not allowed; expected {' or '.join(_TYPE_NAMES.get(kind, str(kind)) for kind in kinds)}"
    if keyword == "pattern":
        return f"does not match the pattern {_show(wanted)}"
    if keyword == "minLength":
        return f"is shorter than the {wanted} characters required"
    if keyword == "maxLength":
        return f"is longer than the {wanted} characters allowed"
    if keyword == "not":
        return "is not allowed by the schema"
    if keyword == "anyOf":
        return "matches none of the forms the schema allows"
    if keyword == "oneOf":
        return "must match exactly one of the forms the schema allows"
    return f"does not satisfy the schema's {keyword} {json.dumps(wanted, ensure_ascii=False, sort_keys=True)}"


_TYPE_NAMES = {
    "string": "text",
    "null": "no value",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "an object",
    "array": "a list",
}


def _show(value: Any) -> str:
    """A value as JSON, as the schema writes it: strings in double quotes."""
    return json.dumps(value, ensure_ascii=False)


def _listing(values: list[Any]) -> str:
    shown = ", ".join(_show(value) for value in values[:_LISTED])
    return shown if len(values) <= _LISTED else f"{shown}, … ({len(values)} in all)"


def _nearest_cell(places: dict[tuple[str, ...], Cell], path: tuple[str, ...]) -> Cell | None:
    while path:
        if path in places:
            return places[path]
        path = path[:-1]
    return None
