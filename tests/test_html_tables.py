"""HTML tables: what the rendered page shows, positioned in the page as written."""

from __future__ import annotations

from handbook_lint.page import page_from_text
from handbook_lint.tables.html import extract_html_tables
from handbook_lint.tables.markdown import Document


def tables(markdown: str):
    return extract_html_tables(Document(page_from_text("page.md", markdown)))


def texts(table):
    return [[cell.text for cell in row.cells] for group in table.groups for row in group.rows]


def cell_at(markdown: str, table, row: int, col: int) -> str:
    """The page text starting at a cell's reported position."""
    cell = [r for g in table.groups for r in g.rows][row].cells[col]
    return markdown.split("\n")[cell.line - 1][cell.column - 1 :]


def test_positions_point_at_the_cell_tags():
    page = '# T\n\n<table>\n  <tr><th>A</th><th>B</th></tr>\n  <tr>\n    <td colspan="2">wide</td>\n  </tr>\n</table>\n'
    (table,) = tables(page)
    assert (table.line, table.column, table.end_line) == (3, 1, 8)
    assert cell_at(page, table, 0, 1).startswith("<th>B</th>")
    assert cell_at(page, table, 1, 0).startswith('<td colspan="2">wide')
    assert [row.cells[0].colspan for g in table.groups for row in g.rows] == [None, "2"]


def test_groups_and_header_cells_are_kept():
    (table,) = tables(
        "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>b</td></tr></tbody>"
        "<tfoot><tr><td>f</td></tr></tfoot></table>\n"
    )
    assert [g.kind for g in table.groups] == ["thead", "tbody", "tfoot"]
    assert [c.header for g in table.groups for r in g.rows for c in r.cells] == [True, False, False]


def test_cell_text_is_what_a_reader_sees():
    (table,) = tables(
        '<table><tr><td> one<br>two &amp; <a href="x">link</a> <img alt="pic" src="p.png">'
        "<!-- hidden --> <code>&lt;x&gt;</code>\n  </td></tr></table>\n"
    )
    assert texts(table) == [["one two & link pic <x>"]]


def test_unclosed_cells_and_rows_follow_html5():
    (table,) = tables("<table>\n<tr><td>a<td>b\n<tr><td>c\n</table>\n")
    assert texts(table) == [["a", "b"], ["c"]]


def test_unclosed_list_items_inside_cells_do_not_leak_cells():
    (table,) = tables("<table><tr><td><ul><li>x<li>y</td><td>z</td></tr></table>\n")
    assert texts(table) == [["x y", "z"]]


def test_never_inside_code_or_comments():
    page = (
        "```\n<table><tr><td>fenced</td></tr></table>\n```\n\n"
        "Inline `<table><tr><td>span</td></tr></table>` code.\n\n"
        "    <table><tr><td>indented</td></tr></table>\n\n"
        "<!-- <table><tr><td>commented</td></tr></table> -->\n"
    )
    assert tables(page) == []


def test_nested_tables_are_each_a_table_and_the_parent_keeps_the_text():
    outer, inner = tables("<table><tr><td>out<table><tr><td>in</td></tr></table></td><td>x</td></tr></table>\n")
    assert texts(outer) == [["out in", "x"]]
    assert texts(inner) == [["in"]]
    assert inner.column > outer.column


def test_table_cut_by_a_blank_line_renders_markdown_and_is_recorded():
    page = (
        "Intro.\n\n<table>\n<tr>\n<td>\n\n**Similarity Bias**\n\n</td>\n<td>x \\* y</td>\n</tr>\n\n"
        "    <tr><td>indented</td></tr>\n</table>\n"
    )
    (table,) = tables(page)
    assert texts(table) == [["Similarity Bias", "x \\* y"]]
    (fact,) = table.facts
    assert fact.kind == "html-table-cut" and fact.line == 6


def test_unclosed_table_swallows_the_rest_like_a_browser():
    (table,) = tables("<table><tr><td>start\n\nlater text\n")
    assert texts(table) == [["start later text"]]
    assert "html-table-unclosed" in {fact.kind for fact in table.facts}


def test_tables_in_lists_and_quotes_are_positioned_in_the_page():
    page = "- item\n\n  <table><tr><td>in list</td></tr></table>\n\n> <table><tr><td>q</td></tr>\n> <tr><td>r</td></tr></table>\n"
    listed, quoted = tables(page)
    assert (listed.line, listed.column) == (3, 3)
    assert cell_at(page, listed, 0, 0).startswith("<td>in list")
    assert cell_at(page, quoted, 1, 0).startswith("<td>r")


def test_front_matter_lines_count():
    page = "---\ntitle: x\n---\n<table><tr><td>a</td></tr></table>\n"
    (table,) = tables(page)
    assert table.line == 4


def test_span_attributes_are_kept_verbatim():
    (table,) = tables('<table><tr><td colspan=" 3 " rowspan="abc">a</td></tr></table>\n')
    cell = table.groups[0].rows[0].cells[0]
    assert (cell.colspan, cell.rowspan) == (" 3 ", "abc")


def test_deeply_nested_markup_is_read_without_exhausting_the_stack():
    depth = 1000
    nested_tables = "<table><tr><td>" * depth + "x" + "</td></tr></table>" * depth + "\n"
    assert len(tables(nested_tables)) == depth
    nested_divs = "<table><tr><td>" + "<div>" * depth + "deep" + "</div>" * depth + "</td></tr></table>\n"
    (table,) = tables(nested_divs)
    assert texts(table) == [["deep"]]
