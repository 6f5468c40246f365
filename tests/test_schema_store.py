"""The bundled schemas are valid JSON Schema (checked here, so not at every run), and the
quick conformance check never calls valid what jsonschema calls invalid."""

from __future__ import annotations

from importlib import resources

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook_lint.schema_store import bundled_schema, bundled_validator, surely_conforms

BUNDLED = sorted(e.name for e in resources.files("handbook_lint.schemas").iterdir() if e.name.endswith(".schema.json"))


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_schema_is_valid_json_schema(name):
    schema = bundled_schema(name)
    jsonschema.validators.validator_for(schema).check_schema(schema)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"select": ["HL1", "missing-owner"], "max-slots": 10, "tiers": ["A"]},
        {"structure-tables": [{"heading": "Our structure", "functions": ["Sales"]}]},
        {"severity": {"HL101": "note"}, "per-file-ignores": {"a/**": ["HL3"]}, "plain-pattern": "x/{path}.txt"},
    ],
)
def test_a_valid_configuration_is_surely_valid(data):
    assert surely_conforms("config.schema.json", data)
    assert bundled_validator("config.schema.json").is_valid(data)


VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(-2, 2)
    | st.sampled_from(["", "HL1", "x/{path}", "note"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(["a", "heading"]), children, max_size=2)
    ),
    max_leaves=6,
)
KEYS = st.sampled_from(
    ["select", "ignore", "max-slots", "tiers", "severity", "structure-tables", "plain-pattern", "nope"]
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=4))
def test_surely_conforms_never_accepts_an_invalid_configuration(data):
    if surely_conforms("config.schema.json", data):
        assert bundled_validator("config.schema.json").is_valid(data)


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {"tiers": st.lists(st.text(max_size=3) | st.none(), max_size=3)},
        optional={"functions": st.dictionaries(st.text(max_size=2), st.dictionaries(st.text(max_size=2), VALUES))},
    )
)
def test_surely_conforms_never_accepts_an_invalid_structure_view(view):
    if surely_conforms("structure.schema.json", view):
        assert bundled_validator("structure.schema.json").is_valid(view)


def test_an_empty_configuration_is_valid_so_it_is_not_validated():
    """config._validate returns at once for an empty table (no file, no option): true only
    while the schema requires nothing at its top level."""
    schema = bundled_schema("config.schema.json")
    assert "required" not in schema and "minProperties" not in schema and "anyOf" not in schema
    assert bundled_validator("config.schema.json").is_valid({})
