"""HL110's safe fix: the blank lines inside an HTML table are removed only when each is
followed by a table tag, so the table becomes one HTML block and shows the cells meant."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook_lint.api import extract_tables, lint_text
from handbook_lint.cli import main
from handbook_lint.fixes import Fix
from handbook_lint.rules import cut_html_table

from test_rule_docs import examples


def fix_of(text: str) -> Fix | None:
    """The fix of the page's HL110 finding (None when it has no fix, or no finding)."""
    found = [d for d in lint_text(text, path="p.md") if d.code == "HL110"]
    assert len(found) <= 1
    return found[0].fix if found else None


def applied(text: str, fix: Fix) -> str:
    for edit in sorted(fix.edits, key=lambda edit: edit.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def test_the_documented_bad_example_becomes_the_good_one():
    found = examples(cut_html_table)
    _, bad, _ = found["Bad"]
    _, good, _ = found["Good"]
    fix = fix_of(bad)
    assert fix is not None and fix.description == "remove 1 blank line inside the table"
    assert applied(bad, fix) == good.replace("\n\n", "\n")  # the Good page keeps a harmless blank line


# The cell after the blank lines is indented by four spaces: cut off, it would be a code block.
TABLE = "<table>\n<tr>\n  <td>a</td>\n{gap}    <td>b</td>\n</tr>\n{gap2}</table>\n"


@pytest.mark.parametrize(
    ("page", "fixable"),
    [
        (TABLE.format(gap="\n", gap2=""), True),
        (TABLE.format(gap="\n  \n\t\n", gap2="\n"), True),  # runs of blank lines, whitespace-only ones too
        ("<table>\n<tr>\n<td>\n\n**bold**\n\n</td>\n</tr>\n</table>\n", False),  # Markdown in a cell, on purpose
        ("<table>\n<tr>\n<td>\n\n<!-- note -->\n**x**\n</td></tr>\n</table>\n", False),  # a comment is no table tag
        ("<table>\n<tr>\n<td>a</td>\n\n    <td>b</td>\n", False),  # never closed
        ("> <table>\n> <tr><td>a</td>\n\n> <td>b</td></tr>\n> </table>\n", False),  # inside a quote
        ("Text <table>\n<tr><td>a</td>\n\n    <td>b</td></tr>\n</table>\n", False),  # after text
    ],
)
def test_only_blank_lines_followed_by_table_tags_are_removed(page, fixable):
    fix = fix_of(page)
    assert (fix is not None) == fixable
    if fix is not None:
        fixed = applied(page, fix)
        assert fixed == page.replace("\n\n", "\n").replace("\n  \n\t\n", "\n")
        assert [d.code for d in lint_text(fixed, path="p.md") if d.code == "HL110"] == []


@st.composite
def cut_tables(draw: st.DrawFn) -> tuple[str, list[list[str]]]:
    """An HTML table of distinct cells with blank lines before some of its tag lines, each
    tag line indented by up to five spaces, and the grid it is meant to have."""
    grid = [[f"r{r}c{c}" for c in range(draw(st.integers(1, 3)))] for r in range(draw(st.integers(1, 3)))]
    tags = ["<table>"]
    for row in grid:
        tags += ["<tr>", *(f"<td>{text}</td>" for text in row), "</tr>"]
    lines = [tags[0]]
    for tag in tags[1:] + ["</table>"]:
        lines += [""] * draw(st.integers(0, 2)) + [" " * draw(st.integers(0, 5)) + tag]
    return "\n".join(lines) + "\n", grid


@settings(max_examples=100, deadline=None)
@given(cut_tables())
def test_a_fixed_table_is_one_block_with_the_cells_meant(case):
    page, grid = case
    codes = [d.code for d in lint_text(page, path="p.md")]
    if "HL110" not in codes:
        return
    fix = fix_of(page)
    if fix is None:  # a blank line before an indented </table> hides it: the table is not closed
        assert "HL112" in codes
        return
    fixed = applied(page, fix)
    assert "\n\n" not in fixed
    assert "HL110" not in [d.code for d in lint_text(fixed, path="p.md")]
    (table,) = extract_tables(fixed)
    width = max(len(row) for row in grid)
    assert table.grid == [row + [None] * (width - len(row)) for row in grid]


def test_check_fix_rewrites_the_file_keeping_its_line_endings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = TABLE.format(gap="\n", gap2="").replace("\n", "\r\n")
    (tmp_path / "page.md").write_bytes(page.encode())
    result = CliRunner().invoke(main, ["check", "--isolated", "--fix", "page.md"], catch_exceptions=False)
    assert "Fixed 1 problem in 1 file." in result.stderr
    assert (tmp_path / "page.md").read_bytes() == page.replace("\r\n\r\n", "\r\n").encode()
