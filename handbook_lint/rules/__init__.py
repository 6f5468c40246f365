"""The rule registry: every rule module, imported explicitly, by code and by name."""

from __future__ import annotations

from types import ModuleType

from handbook_lint.diagnostics import RuleMeta
from handbook_lint.rules import (
    binary_file,
    clamped_span,
    cut_html_table,
    duplicate_function,
    duplicate_header_cell,
    empty_header_cell,
    file_too_large,
    header_only_table,
    inconsistent_tier_names,
    invalid_front_matter,
    invalid_span,
    invalid_utf8,
    lenient_span,
    missing_function,
    missing_owner,
    nesting_too_deep,
    overlapping_cells,
    pipe_row_extra_cells,
    pipe_row_missing_cells,
    pipe_table_not_rendered,
    plain_cell_mismatch,
    plain_export_missing,
    plain_row_extra,
    plain_row_missing,
    plain_table_extra,
    plain_table_missing,
    plain_text_mismatch,
    schema_violation,
    table_too_large,
    tier_mismatch,
    unclosed_html_table,
    uncovered_slots,
    unknown_function,
    unreadable_file,
)
from handbook_lint.rules._api import summary

FAMILIES = {
    "0": "input",
    "1": "table structure",
    "2": "JSON Schema",
    "3": "structure tables",
    "4": "plain-text agreement",
}

RULES: dict[str, ModuleType] = {
    module.CODE: module
    for module in sorted(
        (
            unreadable_file,
            invalid_utf8,
            binary_file,
            invalid_front_matter,
            table_too_large,
            file_too_large,
            nesting_too_deep,
            pipe_row_missing_cells,
            pipe_row_extra_cells,
            invalid_span,
            clamped_span,
            lenient_span,
            overlapping_cells,
            uncovered_slots,
            empty_header_cell,
            duplicate_header_cell,
            cut_html_table,
            header_only_table,
            unclosed_html_table,
            pipe_table_not_rendered,
            schema_violation,
            missing_owner,
            duplicate_function,
            tier_mismatch,
            inconsistent_tier_names,
            missing_function,
            unknown_function,
            plain_export_missing,
            plain_table_missing,
            plain_table_extra,
            plain_row_missing,
            plain_row_extra,
            plain_cell_mismatch,
            plain_text_mismatch,
        ),
        key=lambda module: module.CODE,
    )
}
BY_NAME: dict[str, ModuleType] = {module.NAME: module for module in RULES.values()}


def get(code_or_name: str) -> ModuleType:
    """A rule by code (`HL301`) or name (`missing-owner`)."""
    rule = RULES.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
    if rule is None:
        raise ValueError(f"unknown rule {code_or_name!r}; `handbook-lint rules` lists them")
    return rule


def family(code: str) -> str:
    return FAMILIES.get(code[2], "other")


def rule_metadata() -> dict[str, RuleMeta]:
    """Every rule's code, name, summary, documentation and default severity, by code."""
    import inspect  # slow to import, and only reports that describe rules need it

    return {
        code: RuleMeta(code, rule.NAME, summary(rule), inspect.cleandoc(rule.__doc__ or ""), rule.SEVERITY)
        for code, rule in RULES.items()
    }
