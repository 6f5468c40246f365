"""Property tests for the parsers the other property tests leave out, and the whole check.

The page reader (bytes, line endings, BOM, front matter), the plain-text export parser,
suppressions (against cmark-gfm), the span layout with arbitrary attribute text, and
`lint_text` on pages built from the pieces that break parsers: none raises, and every
position they give is inside the text it names.
"""

from __future__ import annotations

import cmarkgfm
from cmarkgfm.cmark import Options
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handbook_lint.api import lint_text
from handbook_lint.engine import DIRECTIVE_PREFIX
from handbook_lint.page import PageError, page_from_bytes, page_from_text
from handbook_lint.plaintext.dialects import PlainBlock, parse_export
from handbook_lint.suppress import directives
from handbook_lint.tables.layout import normalize
from handbook_lint.tables.markdown import Document
from handbook_lint.tables.model import RawCell, RawRow, RawTable, RowGroup

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def line_count(text: str) -> int:
    return text.count("\n") + 1


# --- the page reader -------------------------------------------------------------------

page_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(
        st.sampled_from(
            [b"---", b"...", b"\n", b"\r", b"\r\n", b"\xef\xbb\xbf", b"\x00", b"\xff", b"\xc3", b"\xa9"]
            + [b"title: x", b"a: [", b"- b", b": :", b"&a [1]", b"*a", b"\t", b"| a |", b"\xe2\x80\xae"]
        ),
        max_size=30,
    ).map(b"".join),
)


@SETTINGS
@given(page_bytes)
@example(b"---\n---")  # front matter closed on the last line: the body has its two lines, not three
def test_the_reader_gives_a_page_or_a_positioned_problem(data: bytes):
    lines = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1
    try:
        page = page_from_bytes("p.md", data)
    except PageError as error:
        problem = error.problem
        assert 1 <= problem.line <= lines and problem.column >= 1
        return
    assert "\r" not in page.text
    assert line_count(page.text) == lines == line_count(page.body)
    for problem in page.problems:
        assert 1 <= problem.line <= lines and problem.column >= 1
    assert isinstance(page.title, str | None)


yaml_text = st.lists(
    st.sampled_from(
        ["title", ":", " ", "\n", "-", "[", "]", "{", "}", "&a", "*a", "!!str", "'", '"', "#", "|", "x", "\t"]
    ),
    max_size=40,
).map("".join)


@SETTINGS
@given(yaml_text)
def test_front_matter_is_a_mapping_or_a_positioned_problem(block: str):
    page = page_from_text("p.md", f"---\n{block}\n---\nbody\n")
    assert isinstance(page.front_matter, dict)
    assert page.body.endswith("body\n") and line_count(page.body) == line_count(page.text)
    for problem in page.problems:
        assert problem.rule == "invalid-front-matter"
        assert 1 <= problem.line <= line_count(page.text) and problem.column >= 1


# --- the plain-text export parser ------------------------------------------------------

export_text = st.lists(
    st.sampled_from(["|", " | ", "| ", " |", "---|", "|---|", "\\|", "- ", "a", "b c", " ", "\n", "\n\n", "\r"]),
    max_size=60,
).map("".join)


@SETTINGS
@given(export_text, st.sampled_from([None, "trafilatura-1", "trafilatura-2", "none"]))
def test_export_positions_are_inside_the_export(text: str, dialect):
    document = parse_export(text, dialect)
    lines = document.lines
    for item in document.items:
        if isinstance(item, PlainBlock):
            assert 1 <= item.line <= len(lines) and 1 <= item.column <= len(lines[item.line - 1]) + 1
            continue
        assert 1 <= item.line <= item.end_line <= len(lines)
        for row in item.rows:
            assert item.line <= row.line <= row.end_line <= item.end_line
        for cell in item.cells:
            assert 1 <= cell.line <= len(lines) and 1 <= cell.column <= len(lines[cell.line - 1]) + 2
            for fragment in cell.fragments:
                assert 1 <= fragment.line <= len(lines)


# --- suppressions, against cmark-gfm ---------------------------------------------------

DIRECTIVE = "<!-- handbook-lint-disable-file -->"
# Containers (lists, quotes) are left to the hand-picked cases of test_suppress.py: what ends
# a fence inside them is not modelled.
pieces = st.sampled_from(["`", "``", "```", "~~~", "~", "\n", "\n\n", "text ", "\\", "\\`", "x", " "])


@SETTINGS
@given(st.lists(pieces, max_size=12), st.lists(pieces, max_size=12))
def test_a_directive_counts_exactly_where_github_renders_a_comment(before, after):
    shown = "".join(before) + DIRECTIVE + "".join(after)
    html = cmarkgfm.github_flavored_markdown_to_html(shown, options=Options.CMARK_OPT_UNSAFE)
    found = list(directives(Document(page_from_text("p.md", shown))))
    assert len(found) == html.count(DIRECTIVE), html


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            ["<!-- handbook-lint-disable HL3 -->", "<!--handbook-lint-enable-->", "<!--", "-->", " ", "\n", "`"]
            + ["handbook", "-lint", "lint-", "-", "disable", "HL3", "x", "HANDBOOK-LINT-", "handbook_lint-"]
        )
    )
)
def test_a_page_with_a_directive_holds_the_prefix_the_engine_looks_for(parts):
    """The engine builds no suppressions for a page without `DIRECTIVE_PREFIX`: it has none.
    (Taking the whole directives out of a page leaves none: the prefix is what they share.)"""
    text = "".join(parts)
    found = list(directives(Document(page_from_text("p.md", text))))
    if DIRECTIVE_PREFIX not in text:
        assert found == []
    without = text.replace(DIRECTIVE_PREFIX, "handbook-lint ")
    assert list(directives(Document(page_from_text("p.md", without)))) == []


# --- the span layout, with any attribute text ------------------------------------------

span_text = st.one_of(
    st.none(),
    st.sampled_from(["0", "1", "2", "3", "-1", "+2", " 2 ", "2x", "1e3", "99999999999999999999", "65535", "1001"]),
    st.text(max_size=6),
)
cells = st.builds(
    lambda header, colspan, rowspan: RawCell("x", header, 1, 1, colspan, rowspan), st.booleans(), span_text, span_text
)
groups = st.builds(
    RowGroup,
    st.sampled_from(["thead", "tbody", "tfoot"]),
    st.lists(st.builds(RawRow, st.lists(cells, max_size=4), st.just(1), st.just(1)), max_size=4),
)


@SETTINGS
@given(st.lists(groups, max_size=3), st.sampled_from([4, 50, 1_000_000]))
def test_layouts_are_rectangular_and_every_slot_has_one_owner_covering_it(table_groups, max_slots):
    layout = normalize(RawTable("html", 1, 1, 1, table_groups), max_slots=max_slots)
    for cell in layout.cells:
        assert cell.rowspan >= 1 and 1 <= cell.colspan <= 1000
        assert cell.row + cell.rowspan <= layout.height and cell.col + cell.colspan <= layout.width
    if layout.slots is None:
        assert [fact.kind for fact in layout.facts].count("grid-too-large") == 1
        return
    assert len(layout.slots) == layout.height and all(len(row) == layout.width for row in layout.slots)
    overlapping = any(fact.kind == "cells-overlap" for fact in layout.facts)
    for y, row in enumerate(layout.slots):
        for x, owner in enumerate(row):
            covering = [
                index
                for index, c in enumerate(layout.cells)
                if c.row <= y < c.row + c.rowspan and c.col <= x < c.col + c.colspan
            ]
            assert (owner is None) == (not covering)
            assert owner is None or owner in covering
            assert overlapping or len(covering) <= 1


# --- the whole check -------------------------------------------------------------------

page_pieces = st.sampled_from(
    [
        "| a | b |\n",
        "|---|---|\n",
        "| Function | Free | Team (Self Serve) |\n",
        "| x |",
        "\\|",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "</td>",
        "<th>",
        '<td colspan="3">',
        '<td rowspan="0">',
        '<td rowspan="-1" colspan="1001">',
        "<thead>",
        "<tfoot>",
        "<colgroup span=2>",
        "<col span=3>",
        "<!-- handbook-lint-disable HL1 -->",
        "<!-- handbook-lint-enable -->",
        "<!-- handbook-lint-disable-next-table -->",
        "<!-- handbook-lint: structure -->",
        "# Our structure\n",
        "---\n",
        "title: x\n",
        "```\n",
        "    ",
        "> ",
        "- ",
        "`",
        "&amp;",
        "&#0;",
        "\u202e",
        "\u200b",
        "\n",
        "\n\n",
        "\r",
        "text",
    ]
)


@SETTINGS
@given(st.lists(page_pieces, max_size=40).map("".join), st.one_of(st.none(), export_text))
def test_lint_text_never_fails_and_positions_every_diagnostic(text: str, export: str | None):
    lines = line_count(page_from_text("p.md", text).text)
    for diagnostic in lint_text(text, path="p.md", plain_text=export):
        assert diagnostic.code != "HL000", diagnostic.message
        assert 1 <= diagnostic.line <= lines and diagnostic.column >= 1, diagnostic
