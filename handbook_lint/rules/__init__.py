"""The rule registry: every rule module, imported explicitly, by code and by name."""

from __future__ import annotations

import functools
import re
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
    internal_error,
    invalid_front_matter,
    invalid_span,
    invalid_suppression,
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
    plain_export_lost_content,
    plain_export_missing,
    plain_export_stale,
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
    unused_suppression,
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
            internal_error,
            unreadable_file,
            invalid_utf8,
            binary_file,
            invalid_front_matter,
            table_too_large,
            file_too_large,
            nesting_too_deep,
            invalid_suppression,
            unused_suppression,
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
            plain_export_lost_content,
            plain_export_stale,
        ),
        key=lambda module: module.CODE,
    )
}
BY_NAME: dict[str, ModuleType] = {module.NAME: module for module in RULES.values()}


#: The selector for every rule, as in ruff; it stands for the code prefix `HL`.
ALL = "ALL"
_CODE_PREFIX = re.compile(r"HL[0-9]{0,3}", re.IGNORECASE)
#: Typed for a code's digits: letters that look like them, and separators.
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, "_": None, " ": None})


class UnknownRule(ValueError):
    """A rule code, prefix or name that matches no rule; the message suggests close ones."""

    def __init__(self, selector: str, *, one_rule: bool = False):
        self.selector = selector
        self.suggestions = [s for s in suggest(selector) if not one_rule or s in RULES or s in BY_NAME]
        what = "a rule code or rule name" if one_rule else "a rule code, code prefix, rule name or ALL"
        hint = f"; did you mean {' or '.join(map(repr, self.suggestions))}?" if self.suggestions else ""
        super().__init__(f"{selector!r} is not {what}{hint} (`handbook-lint rules` lists the rules)")


def get(code_or_name: str) -> ModuleType:
    """A rule by code (`HL301`) or name (`missing-owner`); raises `UnknownRule`."""
    rule = RULES.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
    if rule is None:
        raise UnknownRule(code_or_name, one_rule=True)
    return rule


@functools.cache
def selector_prefix(selector: str) -> str:
    """The code prefix a selector stands for: a code or prefix of codes (`HL3`) as it is,
    a rule name as its code, `ALL` as `HL`. Raises `UnknownRule` for anything that matches
    no rule, so a typo never selects or ignores nothing."""
    if selector == ALL:
        return "HL"
    rule = BY_NAME.get(selector.lower())
    if rule is not None:
        return rule.CODE
    prefix = selector.upper()
    if _CODE_PREFIX.fullmatch(prefix) and any(code.startswith(prefix) for code in RULES):
        return prefix
    raise UnknownRule(selector)


def suggest(selector: str) -> list[str]:
    """Codes, names or ALL close to a mistyped selector: a code with letters for digits or a
    separator (`HL1O1`, `HL-101` → `HL101`); for a code, the closest code under its longest
    valid prefix, and that prefix (`HL31` → `HL301`, `HL3`); for a name, the names it begins,
    then the closest."""
    import difflib  # only a mistyped selector needs it

    typed = selector.upper()
    if typed.startswith("HL"):
        code = "HL" + typed[2:].translate(_LOOK_ALIKES)
        if code != typed and _CODE_PREFIX.fullmatch(code) and any(c.startswith(code) for c in RULES):
            return [code]
    if _CODE_PREFIX.match(selector):
        prefix = next(typed[:n] for n in range(len(typed), 1, -1) if any(c.startswith(typed[:n]) for c in RULES))
        under = [code for code in RULES if code.startswith(prefix)]
        closest = difflib.get_close_matches(typed, under, n=1, cutoff=0 if len(prefix) > 2 else 0.6)
        return closest + ([prefix] if len(prefix) > 2 and prefix not in closest else [])
    typed = selector.lower()
    names = {name: name for name in BY_NAME} | {ALL.lower(): ALL}
    longer = [name for name in names if name.startswith(typed)]  # a name cut short
    close = longer + [m for m in difflib.get_close_matches(typed, list(names), n=2) if m not in longer]
    return [names[match] for match in close[:2]]


#: Where the rules reference (docs/rules.md) is published: the project's address
#: (pyproject.toml) and the file's path on its default branch.
DOCS_URL = "https://github.com/handbook-lint/handbook-lint/blob/main/docs/rules.md"


def anchor(code: str, name: str) -> str:
    """The id GitHub gives the heading `### CODE name` of the rules reference."""
    return f"{code}-{name}".lower()


def documentation_url(code: str, name: str) -> str:
    """The address of a rule's section of the published rules reference."""
    return f"{DOCS_URL}#{anchor(code, name)}"


def family(code: str) -> str:
    return FAMILIES.get(code[2], "other")


def rule_metadata() -> dict[str, RuleMeta]:
    """Every rule's code, name, summary, documentation, default severity, fix and
    documentation address, by code."""
    import inspect  # slow to import, and only reports that describe rules need it

    return {
        code: RuleMeta(
            code,
            rule.NAME,
            summary(rule),
            inspect.cleandoc(rule.__doc__ or ""),
            rule.SEVERITY,
            rule.FIX,
            documentation_url(code, rule.NAME),
        )
        for code, rule in RULES.items()
    }
