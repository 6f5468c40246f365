"""Input rules (HL0xx) and table-structure rules (HL1xx).

Each rule fires at the exact position on a failing page and not at all on the fixed page,
and the Bad and Good examples in its docstring (its documentation) behave as they say.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

from handbook_lint.api import lint_text
from handbook_lint.config import DEFAULTS, Config
from handbook_lint.diagnostics import Diagnostic, Related, Severity
from handbook_lint.engine import lint_file
from handbook_lint.page import PageError, read_page
from handbook_lint.rules import RULES
from handbook_lint.rules._api import PageContext

from conftest import SEED, need

ERROR, WARNING = Severity.ERROR, Severity.WARNING
MODULES = {
    "unreadable_file": ("HL001", "unreadable-file", ERROR),
    "invalid_utf8": ("HL002", "invalid-utf8", ERROR),
    "binary_file": ("HL003", "binary-file", ERROR),
    "invalid_front_matter": ("HL004", "invalid-front-matter", ERROR),
    "table_too_large": ("HL005", "table-too-large", ERROR),
    "file_too_large": ("HL006", "file-too-large", ERROR),
    "pipe_row_missing_cells": ("HL101", "pipe-row-missing-cells", ERROR),
    "pipe_row_extra_cells": ("HL102", "pipe-row-extra-cells", ERROR),
    "invalid_span": ("HL103", "invalid-span", ERROR),
    "clamped_span": ("HL104", "clamped-span", ERROR),
    "lenient_span": ("HL105", "lenient-span", WARNING),
    "overlapping_cells": ("HL106", "overlapping-cells", ERROR),
    "uncovered_slots": ("HL107", "uncovered-slots", WARNING),
    "empty_header_cell": ("HL108", "empty-header-cell", WARNING),
    "duplicate_header_cell": ("HL109", "duplicate-header-cell", WARNING),
    "cut_html_table": ("HL110", "cut-html-table", ERROR),
    "header_only_table": ("HL111", "header-only-table", WARNING),
    "unclosed_html_table": ("HL112", "unclosed-html-table", ERROR),
    "pipe_table_not_rendered": ("HL113", "pipe-table-not-rendered", ERROR),
}


def rule(module_name: str) -> ModuleType:
    return importlib.import_module(f"handbook_lint.rules.{module_name}")


def config(tmp_path: Path, **options: object) -> Config:
    return Config({**DEFAULTS, **options}, tmp_path)


def at(diagnostics: list[Diagnostic], code: str) -> list[tuple[int, int]]:
    """Where the diagnostics with this code are, as (line, column)."""
    return [(d.line, d.column) for d in diagnostics if d.code == code]


def only(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    (diagnostic,) = [d for d in diagnostics if d.code == code]
    return diagnostic


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# -- metadata ---------------------------------------------------------------------------


@pytest.mark.parametrize("module_name", MODULES)
def test_rule_metadata(module_name):
    module = rule(module_name)
    code, name, severity = MODULES[module_name]
    assert (module.CODE, module.NAME, module.SEVERITY, module.DEFAULT_ENABLED) == (
        code,
        name,
        severity,
        True,
    )
    assert RULES[code] is module


# -- input rules (HL0xx): files on disk --------------------------------------------------


def check_file(module_name: str, path: Path, max_bytes: int = DEFAULTS["max-file-size"]):
    """Run one rule's check() on a page file, as the engine would."""
    try:
        page_read = read_page(path, max_bytes=max_bytes)
        problems = list(page_read.problems)
    except PageError as error:
        problems = [error.problem]
    context = PageContext(str(path), [], [], config(path.parent), problems)
    return [(f.line, f.column) for f in rule(module_name).check(context)]


GOOD_PAGE = page("| Tier | Café |", "|------|------|", "| Team | 10   |").encode()


def test_unreadable_file_directory(tmp_path):
    folder = tmp_path / "pricing.md"
    folder.mkdir()
    assert check_file("unreadable_file", folder) == [(1, 1)]
    diagnostic = only(lint_file(str(folder), config(tmp_path)), "HL001")
    assert (diagnostic.line, diagnostic.column) == (1, 1)
    assert diagnostic.message.startswith("cannot read file")


def test_unreadable_file_dangling_symlink(tmp_path):
    link = tmp_path / "pricing.md"
    link.symlink_to(tmp_path / "deleted.md")
    assert check_file("unreadable_file", link) == [(1, 1)]
    assert at(lint_file(str(link), config(tmp_path)), "HL001") == [(1, 1)]


def test_readable_file_is_not_unreadable(tmp_path):
    path = tmp_path / "pricing.md"
    path.write_bytes(GOOD_PAGE)
    assert check_file("unreadable_file", path) == []
    assert lint_file(str(path), config(tmp_path)) == []


def test_invalid_utf8_at_the_first_bad_byte(tmp_path):
    path = tmp_path / "pricing.md"
    latin1 = page("| Tier | Price |", "|------|-------|", "| Caf\xe9 | 10 |").encode("latin-1")
    path.write_bytes(latin1)
    assert check_file("invalid_utf8", path) == [(3, 6)]
    diagnostic = only(lint_file(str(path), config(tmp_path)), "HL002")
    assert (diagnostic.line, diagnostic.column) == (3, 6)
    assert "0xe9" in diagnostic.message


def test_invalid_utf8_column_counts_characters_before_it(tmp_path):
    path = tmp_path / "pricing.md"
    path.write_bytes("# Café\r\nCafé ".encode() + b"\xff\n")
    assert check_file("invalid_utf8", path) == [(2, 6)]


def test_valid_utf8_with_bom_is_fine(tmp_path):
    path = tmp_path / "pricing.md"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_PAGE)
    assert check_file("invalid_utf8", path) == []
    assert at(lint_file(str(path), config(tmp_path)), "HL002") == []


def test_binary_file(tmp_path):
    path = tmp_path / "pricing.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert check_file("binary_file", path) == [(1, 1)]
    assert at(lint_file(str(path), config(tmp_path)), "HL003") == [(1, 1)]


def test_text_file_is_not_binary(tmp_path):
    path = tmp_path / "pricing.md"
    path.write_bytes(GOOD_PAGE)
    assert check_file("binary_file", path) == []


def test_invalid_front_matter_at_the_yaml_error(tmp_path):
    path = tmp_path / "pricing.md"
    path.write_text(page("---", "owner: Sales", "title: Pricing: tiers", "---", "# Pricing"))
    assert check_file("invalid_front_matter", path) == [(3, 15)]
    assert at(lint_text(path.read_text()), "HL004") == [(3, 15)]


def test_front_matter_that_is_not_a_mapping(tmp_path):
    path = tmp_path / "pricing.md"
    path.write_text(page("---", "- Pricing", "---", "# Pricing"))
    assert check_file("invalid_front_matter", path) == [(2, 1)]
    assert "mapping" in only(lint_file(str(path), config(tmp_path)), "HL004").message


def test_valid_front_matter(tmp_path):
    path = tmp_path / "pricing.md"
    path.write_text(page("---", 'title: "Pricing: tiers"', "---", "# Pricing"))
    assert check_file("invalid_front_matter", path) == []
    assert at(lint_file(str(path), config(tmp_path)), "HL004") == []


def test_file_too_large(tmp_path):
    path = tmp_path / "pricing.md"
    path.write_bytes(GOOD_PAGE)
    size = len(GOOD_PAGE)
    assert check_file("file_too_large", path, max_bytes=size - 1) == [(1, 1)]
    diagnostics = lint_file(str(path), config(tmp_path, **{"max-file-size": size - 1}))
    diagnostic = only(diagnostics, "HL006")
    assert (diagnostic.line, diagnostic.column) == (1, 1)
    assert f"{size:,} bytes" in diagnostic.message


def test_file_at_the_size_limit_is_fine(tmp_path):
    path = tmp_path / "pricing.md"
    path.write_bytes(GOOD_PAGE)
    assert check_file("file_too_large", path, max_bytes=len(GOOD_PAGE)) == []
    assert lint_file(str(path), config(tmp_path, **{"max-file-size": len(GOOD_PAGE)})) == []


# -- table-structure rules (HL005, HL1xx) -------------------------------------------------

WIDE = page(
    "# Limits",
    "",
    "<table>",
    '<tr><td colspan="1000" rowspan="1001">x</td></tr>',
    "</table>",
)


def test_table_too_large_at_the_table():
    diagnostic = only(lint_text(WIDE), "HL005")
    assert (diagnostic.line, diagnostic.column) == (3, 1)
    assert "1001000 slots" in diagnostic.message


def test_table_too_large_follows_the_max_slots_option(tmp_path):
    table = page("| a | b |", "|---|---|", "| 1 | 2 |")
    assert at(lint_text(table, config=config(tmp_path, **{"max-slots": 3})), "HL005") == [(1, 1)]
    assert at(lint_text(table, config=config(tmp_path, **{"max-slots": 4})), "HL005") == []


# Each case: code, failing page, where the code must be reported (line, column), fixed page.
CASES = {
    "missing-cells": (
        "HL101",
        page("| Tier | Seats |", "|------|-------|", "| Team |", "| Free | 1 |"),
        [(3, 9)],
        page("| Tier | Seats |", "|------|-------|", "| Team |  |", "| Free | 1 |"),
    ),
    "missing-cells-in-a-quote": (
        "HL101",
        page("Intro.", "", "> | Tier | Seats |", "> |------|-------|", "> | Team |"),
        [(5, 11)],
        page("Intro.", "", "> | Tier | Seats |", "> |------|-------|", "> | Team | 10 |"),
    ),
    "extra-cells": (
        "HL102",
        page("| Tier | Seats |", "|------|-------|", "| Team | 10 | 50 |"),
        [(3, 15)],
        page("| Tier | Seats |", "|------|-------|", "| Team | 10 \\| 50 |"),
    ),
    "extra-cells-all-empty": (  # a stray pipe: GitHub drops an empty cell, the row shows as meant
        "HL102",
        page("| Tier | Seats | Storage |", "|---|---|---|", "| Team | 10 | 5 GB | |", "| Free | 1 | 1 GB |  |  |"),
        [],
        page("| Tier | Seats | Storage |", "|---|---|---|", "| Team | 10 | 5 GB |", "| Free | 1 | 1 GB |"),
    ),
    "invalid-colspan": (
        "HL103",
        page("<table>", '<tr><th>Tier</th><th colspan="two">Limits</th></tr>', "</table>"),
        [(2, 18)],
        page("<table>", '<tr><th>Tier</th><th colspan="2">Limits</th></tr>', "</table>"),
    ),
    "negative-rowspan": (
        "HL103",
        page("<table>", '<tr><td rowspan="-1">a</td></tr>', "</table>"),
        [(2, 5)],
        page("<table>", '<tr><td rowspan="1">a</td></tr>', "</table>"),
    ),
    "zero-colspan": (
        "HL103",
        page("<table>", '<tr><td>a</td><td colspan="0">b</td></tr>', "</table>"),
        [(2, 15)],
        page("<table>", '<tr><td>a</td><td colspan="1">b</td></tr>', "</table>"),
    ),
    "clamped-colspan": (
        "HL104",
        page("<table>", '<tr><td colspan="1001">a</td></tr>', "</table>"),
        [(2, 5)],
        page("<table>", '<tr><td colspan="1000">a</td></tr>', "</table>"),
    ),
    "clamped-rowspan": (
        "HL104",
        page("<table>", '<tr><td>a</td><td rowspan="65535">b</td></tr>', "</table>"),
        [(2, 15)],
        page("<table>", '<tr><td>a</td><td rowspan="1">b</td></tr>', "</table>"),
    ),
    "span-with-unit": (
        "HL105",
        page("<table>", '<tr><td colspan="2px">a</td></tr>', "</table>"),
        [(2, 5)],
        page("<table>", '<tr><td colspan="2">a</td></tr>', "</table>"),
    ),
    "span-with-spaces": (
        "HL105",
        page("<table>", '<tr><td>a</td><td rowspan=" 3 ">b</td></tr>', "</table>"),
        [(2, 15)],
        page("<table>", '<tr><td>a</td><td rowspan="3">b</td></tr>', "</table>"),
    ),
    "overlapping-cells": (
        "HL106",
        page(
            "<table>",
            '<tr><td>Team</td><td>10</td><td rowspan="2">Billed monthly</td></tr>',
            '<tr><td colspan="3">Enterprise</td></tr>',
            "</table>",
        ),
        [(3, 5)],
        page(
            "<table>",
            '<tr><td>Team</td><td>10</td><td rowspan="2">Billed monthly</td></tr>',
            '<tr><td colspan="2">Enterprise</td></tr>',
            "</table>",
        ),
    ),
    "uncovered-slots": (
        "HL107",
        page(
            "<table>",
            "<tr><th>Tier</th><th>Seats</th><th>Storage</th></tr>",
            "  <tr><td>Team</td><td>10</td></tr>",
            "</table>",
        ),
        [(3, 3)],
        page(
            "<table>",
            "<tr><th>Tier</th><th>Seats</th><th>Storage</th></tr>",
            "  <tr><td>Team</td><td>10</td><td></td></tr>",
            "</table>",
        ),
    ),
    "empty-header-cell": (
        "HL108",
        page("| Tier | | Storage |", "|---|---|---|", "| Team | 10 | 5 GB |"),
        [(1, 10)],
        page("| Tier | Seats | Storage |", "|---|---|---|", "| Team | 10 | 5 GB |"),
    ),
    "empty-header-cell-in-a-second-header-row": (
        "HL108",
        page(
            "<table>",
            '<thead><tr><th></th><th colspan="2">Limits</th></tr>',
            "<tr><th></th><th>Seats</th><th>&nbsp;</th></tr></thead>",
            "<tbody><tr><th>Team</th><td>10</td><td>5 GB</td></tr></tbody>",
            "</table>",
        ),
        [(3, 5), (3, 28)],
        page(
            "<table>",
            '<thead><tr><th rowspan="2"></th><th colspan="2">Limits</th></tr>',
            "<tr><th>Seats</th><th>Storage</th></tr></thead>",
            "<tbody><tr><th>Team</th><td>10</td><td>5 GB</td></tr></tbody>",
            "</table>",
        ),
    ),
    "duplicate-header-cell": (
        "HL109",
        page("| Tier | Seats | SEATS  |", "|---|---|---|", "| Team | 10 | 50 |"),
        [(1, 18)],
        page("| Tier | Seats | Max seats |", "|---|---|---|", "| Team | 10 | 50 |"),
    ),
    "duplicate-header-cell-under-one-group": (
        "HL109",
        page(
            "<table>",
            '<tr><th rowspan="2">Tier</th><th colspan="2">Limits</th></tr>',
            "<tr><th>Seats</th><th>Seats</th></tr>",
            "<tr><td>Team</td><td>10</td><td>50</td></tr>",
            "</table>",
        ),
        [(3, 19)],
        page(
            "<table>",
            '<tr><th rowspan="2">Tier</th><th colspan="2">Limits</th></tr>',
            "<tr><th>Seats</th><th>Max\n  seats</th></tr>",
            "<tr><td>Team</td><td>10</td><td>50</td></tr>",
            "</table>",
        ),
    ),
    "cut-html-table": (
        "HL110",
        page(
            "<table>",
            "  <tr>",
            "    <td>Team</td>",
            "",
            "    <td>10</td>",
            "  </tr>",
            "</table>",
        ),
        [(4, 1)],
        page(
            "<table>",
            "  <tr>",
            "    <td>Team</td>",
            "    <td>10</td>",
            "  </tr>",
            "</table>",
        ),
    ),
    "header-only-table": (
        "HL111",
        page("# Tiers", "", "| Tier | Seats |", "|------|-------|"),
        [(3, 1)],
        page("# Tiers", "", "| Tier | Seats |", "|------|-------|", "| Team | 10 |"),
    ),
    "header-only-html-table": (
        "HL111",
        page("Intro.", "", "  <table><thead><tr><td>Tier</td></tr></thead></table>"),
        [(3, 3)],
        page(
            "Intro.",
            "",
            "  <table><thead><tr><td>Tier</td></tr></thead>",
            "  <tr><td>Team</td></tr></table>",
        ),
    ),
    "unclosed-html-table": (
        "HL112",
        page("Intro.", "", "<table>", "<tr><td>Team</td></tr>", "", "More text."),
        [(3, 1)],
        page("Intro.", "", "<table>", "<tr><td>Team</td></tr>", "</table>", "", "More text."),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_rule_fires_where_it_should(case):
    code, failing, expected, _ = CASES[case]
    assert at(lint_text(failing), code) == expected


@pytest.mark.parametrize("case", CASES)
def test_rule_is_quiet_on_the_fixed_page(case):
    code, _, _, fixed = CASES[case]
    assert at(lint_text(fixed), code) == []


def test_fact_messages_are_reused():
    failing = CASES["invalid-colspan"][1]
    assert only(lint_text(failing), "HL103").message == ('colspan="two" is not a valid number; browsers use 1')


def test_rows_a_rowspan_added_are_reported_once():
    text = page(
        "<table>",
        "<tr><th>A</th><th>B</th></tr>",
        '<tr><td>a</td><td rowspan="4">b</td></tr>',
        "</table>",
    )
    diagnostic = only(lint_text(text), "HL107")
    assert (diagnostic.line, diagnostic.column) == (3, 15)
    assert diagnostic.message == (
        "row 3 has no cell in 1 of its 2 columns, starting at grid column 1; rows 4 to 5 also have slots no cell covers"
    )


def test_uncovered_rows_at_different_places_are_reported_apart():
    text = page(
        "<table>",
        "<tr><th>A</th><th>B</th></tr>",
        "<tr><td>a</td></tr>",
        "<tr><td>b</td></tr>",
        "</table>",
    )
    assert at(lint_text(text), "HL107") == [(3, 1), (4, 1)]


def test_top_left_header_cell_may_be_empty(seed_path):
    assert at(lint_text(need(SEED).read_text()), "HL108") == []
    corner = page("| | Free | Team |", "|---|---|---|", "| Value | Creation | Collaboration |")
    assert at(lint_text(corner), "HL108") == []


def test_empty_cells_outside_the_header_are_not_empty_headers():
    text = page("| Tier | Seats |", "|---|---|", "| | |", "| Team |")
    assert at(lint_text(text), "HL108") == []


def test_duplicate_header_points_at_the_first():
    failing = CASES["duplicate-header-cell"][1]
    diagnostic = only(lint_text(failing, path="docs/tiers.md"), "HL109")
    assert diagnostic.related == (Related("docs/tiers.md", 1, 10, 'first header "Seats"'),)
    assert "line 1, column 10" in diagnostic.message


def test_duplicate_header_in_each_header_row_is_reported_in_that_row():
    text = page(
        "<table><thead>",
        "<tr><th>Region</th><th>Region</th></tr>",
        "<tr><th>Q1</th><th>Q1</th></tr>",
        "</thead></table>",
    )
    assert at(lint_text(text), "HL109") == [(2, 20), (3, 16)]


def test_a_spanning_header_cell_counts_once():
    text = page(
        "<table>",
        '<tr><th>Tier</th><th colspan="2">Limits</th></tr>',
        "<tr><td>Team</td><td>10</td><td>5 GB</td></tr>",
        "</table>",
    )
    assert at(lint_text(text), "HL109") == []


def test_same_sub_heading_under_different_groups_is_fine():
    text = page(
        "<table>",
        '<tr><th rowspan="2">Metric</th>',
        '<th colspan="2">Minimum</th><th colspan="2">Maximum</th></tr>',
        "<tr><th>Value</th><th>Date</th><th>Value</th><th>Date</th></tr>",
        "<tr><td>Seats</td><td>1</td><td>Jan</td><td>10</td><td>Jun</td></tr>",
        "</table>",
    )
    assert at(lint_text(text), "HL109") == []


def test_duplicate_body_cells_are_not_duplicate_headers():
    text = page("| Tier | Seats |", "|---|---|", "| Team | Team |", "| Team | Team |")
    assert at(lint_text(text), "HL109") == []


def test_unclosed_table_is_not_also_reported_as_cut():
    text = CASES["unclosed-html-table"][1]
    assert at(lint_text(text), "HL110") == []


def test_blank_line_between_the_rows_of_an_unclosed_table_is_still_a_cut():
    text = page("<table>", "<tr><td>Team</td></tr>", "", "    <tr><td>Free</td></tr>", "<tr><td>Pro</td></tr>")
    diagnostics = lint_text(text)
    assert (at(diagnostics, "HL112"), at(diagnostics, "HL110")) == ([(1, 1)], [(3, 1)])


def test_unrendered_pipe_tables_at_their_header_line_at_top_level_and_in_lists():
    markdown = page(
        "Intro.",
        "| Tier | Owner |",
        "|---|---|---|",
        "| Free | DevEx |",
        "",
        "- item",
        "",
        "  | a | b |",
        "  |---|",
    )
    assert at(lint_text(markdown), "HL113") == [(2, 1), (8, 3)]
    first = only(lint_text(page("Intro.", "| Tier | Owner |", "|---|---|---|")), "HL113")
    assert "2 cells but the delimiter row below it has 3" in first.message


def test_tables_github_renders_are_not_reported_as_unrendered():
    markdown = page("| a | b |", "|---|---|", "| 1 | 2 | 3 |", "", "a | b", "--|--")
    assert at(lint_text(markdown), "HL113") == []
