"""HL110 cut-html-table against GitHub's renderer: a cut is reported iff it changes the page.

cmark-gfm (through cmarkgfm) is the outside reference. For a page whose HTML table holds
blank lines, the cut that matters is the first blank line (or run of them) whose removal
changes cmark-gfm's HTML of the page, whitespace aside; HL110 must report exactly that
line, and nothing when no blank line changes the HTML.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook_lint.api import lint_text
from handbook_lint.config import DEFAULTS, Config
from handbook_lint.engine import lint_file

from conftest import CORPUS, need

ISOLATED = Config({**DEFAULTS, "select": ["HL110"]}, Path.cwd())


def github_html(markdown: str) -> str:
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return " ".join(html.split())


def blank_runs(lines: list[str]) -> list[tuple[int, int]]:
    """Runs of blank lines as (first, last) 0-based indices."""
    runs: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if line.strip():
            continue
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def first_cut_github_shows(page: str) -> list[int]:
    """The 1-based line of the first blank run between `<table` and the last `</table>` whose
    removal changes GitHub's HTML of the page; [] when none does."""
    lines = page.split("\n")
    start = next(i for i, line in enumerate(lines) if "<table" in line)
    end = max((i for i, line in enumerate(lines) if "</table" in line), default=len(lines))
    rendered = github_html(page)
    for first, last in blank_runs(lines):
        if start < first < end and github_html("\n".join(lines[:first] + lines[last + 1 :])) != rendered:
            return [first + 1]
    return []


def hl110_lines(page: str) -> list[int]:
    return [d.line for d in lint_text(page, config=ISOLATED) if d.code == "HL110"]


# Lines that may follow a blank line inside a table: HTML block starts of every CommonMark
# kind, Markdown blocks, inline HTML, and text.
NEXT_LINES = [
    "<tr>",
    "</tr>",
    "<td>x</td>",
    "</td>",
    "<th>h</th>",
    "<td>a</td><td>b</td>",
    "<tbody>",
    "</table>",
    "<p>",
    "<br>",
    "<div>",
    "<span>",
    "<span>x</span>",
    "<b>b</b> text",
    "<img src=x>",
    "<!-- comment -->",
    "<pre>p</pre>",
    "<script>x</script>",
    "<?x?>",
    "<!X>",
    "text",
    "**bold** text",
    "&nbsp;",
    "- item",
    "1. item",
    "# heading",
    "> quote",
    "```",
    "***",
    "| a | b |",
    "x\n---",
    "\tx",
]
INDENTS = ["", "   ", "    "]
# Where the blank line stands: (page before it, page after it with {line} for the next line).
PLACES = {
    "between rows": ("<table>\n<tr><td>a</td></tr>\n", "{line}\n<tr><td>b</td></tr>\n</table>\n"),
    "between cells": ("<table>\n<tr>\n<td>a</td>\n", "{line}\n<td>b</td>\n</tr>\n</table>\n"),
    "inside a cell": ("<table>\n<tr>\n<td>\na\n", "{line}\n</td>\n</tr>\n</table>\n"),
    "after <table>": ("<table>\n", "{line}\n<tr><td>b</td></tr>\n</table>\n"),
    "after Markdown in a cell": ("<table>\n<tr>\n<td>\n\ntext a\n", "{line}\n</td>\n</tr>\n</table>\n"),
    "after a harmless cut": (
        "<table>\n<tr><td>a</td></tr>\n\n<tr>\n<td>c</td>\n",
        "{line}\n<td>b</td>\n</tr>\n</table>\n",
    ),
    "between prose": ("Intro text\n\n<table>\n<tr>\n<td>a</td>\n", "{line}\n<td>b</td></tr>\n</table>\n\nAfter.\n"),
}


@pytest.mark.parametrize(
    ("place", "line", "blank"),
    [
        *itertools.product(PLACES, [indent + line for line in NEXT_LINES for indent in INDENTS], ["\n"]),
        *itertools.product(PLACES, ["<tr>", "    <td>x</td>", "text"], ["\n\n", "  \n"]),
    ],
)
def test_a_crafted_cut_is_reported_iff_github_renders_it_differently(place, line, blank):
    before, after = PLACES[place]
    page = before + blank + after.format(line=line)
    assert hl110_lines(page) == first_cut_github_shows(page)


# Lines for random tables. Lists, quotes and `</pre>` are left out: there mistune's block
# structure itself differs from cmark-gfm's (a list item or quote takes in a following
# `<th>` or `<div>` line; `</pre>` does not end a paragraph), which is the parser's
# matter, not this rule's; single cuts before them are in NEXT_LINES above.
ROW_PIECES = [
    "<tr>",
    "</tr>",
    "<td>x</td>",
    "<td>",
    "</td>",
    "  <td>y</td>",
    "    <td>z</td>",
    "\t<td>t</td>",
    "    </td>",
    "<th>h</th>",
    "</tbody>",
    "<p>",
    "<div>",
    "</div>",
    "<pre>",
    "<span>x</span>",
    "<!-- c -->",
    "text",
    "**bold** text",
    "# h",
    "Text\n===",
    "| a | b |",
    "|---|---|",
    "<td>a\n\nb</td>",
]


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.tuples(st.sampled_from(ROW_PIECES), st.booleans()), min_size=1, max_size=10),
    prose_before=st.booleans(),
    prose_after=st.booleans(),
)
def test_any_table_reports_the_first_cut_github_renders_differently(pieces, prose_before, prose_after):
    lines = ["Intro", ""] if prose_before else []
    lines += ["<table>", "<tr>", *(("\n" if cut else "") + piece for piece, cut in pieces), "</tr>", "</table>"]
    lines += ["", "After **this**."] if prose_after else []
    page = "\n".join(lines) + "\n"
    assert hl110_lines(page) == first_cut_github_shows(page)


# What the message says readers see instead


def message(page: str) -> str:
    (diagnostic,) = [d for d in lint_text(page, config=ISOLATED) if d.code == "HL110"]
    return diagnostic.message


def test_an_indented_cell_becomes_a_code_block_above_the_table_and_leaves_its_row():
    page = "<table>\n<tr>\n<td>Team</td>\n\n    <td>10</td>\n</tr>\n</table>\n"
    assert message(page).endswith(': a code block ("<td>10</td>") shows above the table; row 1 is missing 1 cell')


def test_text_between_cells_becomes_a_paragraph_above_the_table():
    page = "<table>\n<tr>\n<td>a</td>\n\nSee **below**\n<td>b</td>\n</tr>\n</table>\n"
    assert message(page).endswith(': a paragraph ("See below") shows above the table')


def test_markdown_inside_a_cell_is_named():
    page = "<table>\n<tr>\n<td>\n\n**Similarity Bias**\n- one\n</td>\n</tr>\n</table>\n"
    assert message(page).endswith(": in row 1, cell 1 they become a paragraph, a list, bold text")


def test_a_blank_line_before_an_html_block_start_is_not_reported():
    rows = "<table>\n<tr>\n   <td>\n   Team\n\n   </td>\n\n<td>10</td>\n</tr>\n\n  <tr><td>Free</td></tr>\n</table>\n"
    assert hl110_lines(rows) == []


def test_one_finding_per_table_at_its_first_cut_that_matters():
    page = "<table>\n<tr>\n\n<td>a</td>\n\n    <td>b</td>\n\n    <td>c</td>\n</tr>\n</table>\n"
    assert hl110_lines(page) == [5]


def test_the_first_cut_that_matters_is_found_among_many_that_do_not():
    rows = [f"\n<!-- row {i} -->\n{'    ' if i in (70, 90) else ''}<tr><td>{i}</td></tr>\n" for i in range(100)]
    page = "<table>\n<tr><th>Row</th></tr>\n" + "".join(rows) + "</table>\n"
    assert hl110_lines(page) == first_cut_github_shows(page) == [3 + 3 * 70]
    assert message(page).endswith(': a code block ("<tr><td>70</td></tr>") shows above the table; row 72 is missing')


def test_a_cut_inside_a_nested_table_is_reported_once():
    page = "<table>\n<tr><td>\n<table>\n<tr>\n<td>a</td>\n\n    <td>b</td>\n</tr>\n</table>\n</td></tr>\n</table>\n"
    assert hl110_lines(page) == [6]


def test_a_fence_after_the_blank_line_that_hides_the_closing_tag_is_a_cut():
    page = "<table>\n<tr>\n<td>a</td>\n\n```\n<td>b</td>\n</tr>\n</table>\n"
    diagnostics = lint_text(page, config=Config({**DEFAULTS, "select": ["HL110", "HL112"]}, Path.cwd()))
    assert [(d.code, d.line) for d in diagnostics] == [("HL112", 1), ("HL110", 4)]


# The shared corpus: the cuts GitHub shows, and no other

REAL_CUTS = [
    ("departments/engineering/teams/cody/cody-gateway/using.md", 80),
    ("departments/people-talent/people-ops/process/compensation-and-leveling/preparing-for-calibrations.md", 171),
    ("departments/people-talent/people-ops/process/giving-feedback.md", 48),
    ("departments/people-talent/people-ops/process/giving-feedback.md", 126),
    ("departments/people-talent/people-ops/process/giving-feedback.md", 205),
    ("departments/people-talent/people-ops/process/giving-feedback.md", 302),
]


def test_the_corpus_cuts_are_exactly_those_github_renders_differently():
    corpus = need(CORPUS)
    found = []
    for path in sorted(corpus.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "<table" not in text.lower():
            continue
        lines = text.split("\n")
        for diagnostic in lint_file(str(path), ISOLATED):
            found.append((path.relative_to(corpus).as_posix(), diagnostic.line))
            first, last = next(run for run in blank_runs(lines) if run[0] == diagnostic.line - 1)
            assert github_html("\n".join(lines[:first] + lines[last + 1 :])) != github_html(text)
    assert found == REAL_CUTS
