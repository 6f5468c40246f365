"""End-to-end property: a random tiling of spans, written as an HTML table in a page in
the many ways authors write HTML, comes back as the same grid, with every cell positioned
at its own tag in the page."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from handbook_lint.page import page_from_text
from handbook_lint.tables.extract import extract_tables


@st.composite
def tilings(draw: st.DrawFn) -> tuple[int, int, dict[tuple[int, int], tuple[int, int]]]:
    """A grid partitioned into rectangles: anchor (row, col) -> (rowspan, colspan)."""
    height, width = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    taken = [[False] * width for _ in range(height)]
    rects = {}
    for row in range(height):
        for col in range(width):
            if taken[row][col]:
                continue
            max_cols = next((c - col for c in range(col, width) if taken[row][c]), width - col)
            colspan = draw(st.integers(1, max_cols))
            rowspan = draw(st.integers(1, height - row))
            for r in range(row, row + rowspan):
                for c in range(col, col + colspan):
                    taken[r][c] = True
            rects[(row, col)] = (rowspan, colspan)
    return height, width, rects


def span_attribute(name: str, value: int, style: int) -> str:
    if value == 1:
        return ["", f' {name}="1"', ""][style]
    return [f' {name}="{value}"', f" {name}={value}", f" {name.upper()}='{value}'"][style]


@settings(max_examples=150, deadline=None)
@given(
    tiling=tilings(),
    style=st.integers(0, 2),
    close_cells=st.booleans(),
    newline_cells=st.booleans(),
    indent=st.sampled_from(["", "  ", "\t"]),
)
def test_html_tables_round_trip(tiling, style, close_cells, newline_cells, indent):
    height, width, rects = tiling
    lines = ["---", "title: Property", "---", "", "# Heading", "", "<table>"]
    expected = [[None] * width for _ in range(height)]
    for row in range(height):
        cells = []
        for (r, c), (rowspan, colspan) in sorted(rects.items()):
            if r != row:
                continue
            text = f"r{r}c{c}"
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    expected[rr][cc] = text
            attributes = span_attribute("colspan", colspan, style) + span_attribute("rowspan", rowspan, style)
            cells.append(f"<td{attributes}>{text}" + ("</td>" if close_cells else ""))
        if newline_cells:
            lines.append(f"{indent}<tr>")
            lines.extend(f"{indent}{indent}{cell}" for cell in cells)
            lines.append(f"{indent}</tr>")
        else:
            lines.append(indent + "<tr>" + "".join(cells) + "</tr>")
    lines += ["</table>", ""]
    markdown = "\n".join(lines)
    (table,) = extract_tables(page_from_text("p.md", markdown))
    assert table.grid == expected
    assert table.headings == ("Heading",)
    source_lines = markdown.split("\n")
    for cell in table.layout.cells:
        at = source_lines[cell.line - 1][cell.column - 1 :]
        assert at.lower().startswith("<td") and f">{cell.text}" in at
