"""The bundled JSON Schemas: loaded through importlib.resources, checked, cached.

Schemas reference each other by `$id`; the registry resolves those references offline,
and any other reference is an error, never a network call. jsonschema is imported only
when data may not conform: `surely_conforms` answers for the simple keywords the bundled
schemas use, so a valid configuration or structure table costs no jsonschema import.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema
    from referencing import Registry, Resource

_PACKAGE = "handbook_lint.schemas"
#: Keywords that never make data invalid (`$defs` holds the targets of `$ref`s).
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"})
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


class SchemaError(Exception):
    """A schema is missing, invalid, or refers to something that cannot be loaded offline."""


def _package_files() -> Any:
    """The bundled schemas' folder (importlib.resources, imported when a schema is first read)."""
    from importlib import resources

    return resources.files(_PACKAGE)


def _refuse_remote(uri: str) -> Resource[Any]:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs class: mypy misses its __init__


@functools.cache
def bundled_schema(name: str) -> dict[str, Any]:
    """A bundled schema by file name, e.g. `export.schema.json`."""
    try:
        text = _package_files().joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise SchemaError(f"no bundled schema named {name!r}") from error
    return json.loads(text)


@functools.cache
def bundled_registry() -> Registry:
    """Every bundled schema, by `$id` and by file name, for offline `$ref` resolution."""
    from referencing import Registry, Resource

    registry: Registry = Registry(retrieve=_refuse_remote)  # type: ignore[call-arg]  # as above
    for entry in _package_files().iterdir():
        if entry.name.endswith(".schema.json"):
            schema = bundled_schema(entry.name)
            resource = Resource.from_contents(schema)
            registry = registry.with_resources([(schema["$id"], resource), (entry.name, resource)])
    return registry


def validator_for(
    schema: dict[str, Any], registry: Registry | None = None, *, checked: bool = False
) -> jsonschema.protocols.Validator:
    """A validator for `schema`, after checking the schema against its metaschema (unless
    it is `checked` already: the bundled schemas are, by the tests)."""
    import jsonschema

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    if not checked:
        try:
            cls.check_schema(schema)
        except jsonschema.SchemaError as error:
            raise SchemaError(f"invalid schema: {error.message}") from error
    return cls(schema, registry=registry or bundled_registry(), format_checker=cls.FORMAT_CHECKER)


@functools.cache
def bundled_validator(name: str) -> jsonschema.protocols.Validator:
    return validator_for(bundled_schema(name), checked=True)


def surely_conforms(name: str, data: Any) -> bool:
    """True when `data` certainly conforms to the bundled schema `name`; False when it may
    not (or the schema uses a keyword this check does not know), and jsonschema must decide."""
    root = bundled_schema(name)
    return _surely(root, root, data)


def _conforms_here(root: dict[str, Any], schema: Any, value: Any, pending: list[tuple[Any, Any]]) -> bool:
    """Check one schema's own keywords against `value`; queue its subschemas in `pending`."""
    if not isinstance(schema, dict):
        return False
    for keyword, expected in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        if keyword == "$ref":
            target = _local_ref(root, expected)
            if target is None:
                return False
            pending.append((target, value))
        elif keyword == "type":
            names = [expected] if isinstance(expected, str) else expected
            if not any(type(value) in _TYPES.get(name, ()) for name in names):
                return False
        elif keyword in ("enum", "const"):
            options = expected if keyword == "enum" else [expected]
            if not any(type(option) is type(value) and option == value for option in options):
                return False
        elif keyword == "anyOf":
            if not any(_surely(root, option, value) for option in expected):
                return False
        elif not _conforms_to_typed(keyword, expected, value, schema, pending):
            return False
    return True


def _conforms_to_typed(keyword: str, expected: Any, value: Any, schema: dict[str, Any], pending: list[Any]) -> bool:
    """The keywords that apply to one type of value (and pass any other)."""
    if keyword in ("properties", "additionalProperties", "required"):
        if type(value) is not dict:
            return True
        properties = schema.get("properties", {})
        if keyword == "required":
            return all(key in value for key in expected)
        if keyword == "properties":
            pending.extend((properties[key], item) for key, item in value.items() if key in properties)
            return True
        extra = [item for key, item in value.items() if key not in properties]
        if expected is False:
            return not extra
        pending.extend((expected, item) for item in extra)
        return True
    if keyword in ("items", "minItems"):
        if type(value) is not list:
            return True
        if keyword == "minItems":
            return len(value) >= expected
        pending.extend((expected, item) for item in value)
        return isinstance(expected, dict)
    if keyword in ("minLength", "pattern"):
        if type(value) is not str:
            return True
        return len(value) >= expected if keyword == "minLength" else re.search(expected, value) is not None
    if keyword in ("minimum", "maximum"):
        if type(value) not in (int, float):
            return True
        return value >= expected if keyword == "minimum" else value <= expected
    return False


def _surely(root: dict[str, Any], schema: Any, value: Any) -> bool:
    """Whether `value` certainly conforms to `schema`, a part of `root`, without recursion."""
    pending: list[tuple[Any, Any]] = [(schema, value)]
    while pending:
        subschema, item = pending.pop()
        if not _conforms_here(root, subschema, item, pending):
            return False
    return True


def _local_ref(root: dict[str, Any], ref: Any) -> Any:
    """The target of a `#/$defs/name` reference within the same schema; None for any other."""
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        return None
    return root.get("$defs", {}).get(ref.removeprefix("#/$defs/"))


def user_validator(path: str) -> jsonschema.protocols.Validator:
    """A validator for a user's schema file (local only; bundled schemas resolve by `$id`),
    compiled once per content: the file is read every time, so an edit is never missed."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise SchemaError(f"cannot read: {error.strerror or error}") from error
    return _validator_for_text(text)


@functools.lru_cache(maxsize=64)
def _validator_for_text(text: str) -> jsonschema.protocols.Validator:
    try:
        schema = json.loads(text)
    except ValueError as error:
        raise SchemaError(f"not valid JSON: {error}") from error
    return validator_for(schema)
