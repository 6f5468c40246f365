"""The bundled JSON Schemas: loaded through importlib.resources, checked, cached.

Schemas reference each other by `$id`; the registry resolves those references offline,
and any other reference is an error, never a network call.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

_PACKAGE = "handbook_lint.schemas"


class SchemaError(Exception):
    """A schema is missing, invalid, or refers to something that cannot be loaded offline."""


def _refuse_remote(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs class: mypy misses its __init__


@functools.cache
def bundled_schema(name: str) -> dict[str, Any]:
    """A bundled schema by file name, e.g. `export.schema.json`."""
    try:
        text = resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise SchemaError(f"no bundled schema named {name!r}") from error
    return json.loads(text)


@functools.cache
def bundled_registry() -> Registry:
    """Every bundled schema, by `$id` and by file name, for offline `$ref` resolution."""
    registry: Registry = Registry(retrieve=_refuse_remote)  # type: ignore[call-arg]  # as above
    for entry in resources.files(_PACKAGE).iterdir():
        if entry.name.endswith(".schema.json"):
            schema = bundled_schema(entry.name)
            resource = Resource.from_contents(schema)
            registry = registry.with_resources([(schema["$id"], resource), (entry.name, resource)])
    return registry


def validator_for(schema: dict[str, Any], registry: Registry | None = None) -> jsonschema.protocols.Validator:
    """A validator for `schema`, after checking the schema against its metaschema."""
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as error:
        raise SchemaError(f"invalid schema: {error.message}") from error
    return cls(schema, registry=registry or bundled_registry(), format_checker=cls.FORMAT_CHECKER)


@functools.cache
def bundled_validator(name: str) -> jsonschema.protocols.Validator:
    return validator_for(bundled_schema(name))


@functools.lru_cache(maxsize=64)
def user_validator(path: str) -> jsonschema.protocols.Validator:
    """A validator for a user's schema file (local only; bundled schemas resolve by `$id`)."""
    try:
        schema = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise SchemaError(f"cannot read: {error.strerror or error}") from error
    except ValueError as error:
        raise SchemaError(f"not valid JSON: {error}") from error
    return validator_for(schema)
