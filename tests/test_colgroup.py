"""`<colgroup span>` and `<col span>`: a table is as wide as its column groups declare, with
empty slots where no cell is, as the HTML Standard's table model ("forming a table", the
column groups steps) and browsers make it."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook_lint.api import extract_tables, lint_text
from handbook_lint.tables.layout import normalize
from handbook_lint.tables.model import RawCell, RawColumns, RawRow, RawTable, RowGroup

ROW = "<tr><td>a</td><td>b</td></tr>"


def layout_of(html: str):
    (table,) = extract_tables(f"# Columns\n\n<table>\n{html}\n</table>\n")
    return table


#: (table content, width) by the HTML Standard; AFTER_ROWS is the one case where Chromium
#: (156) differs: it counts a column group written after the rows, which the Standard ignores.
AFTER_ROWS = f'{ROW}<colgroup span="7"></colgroup>'
WIDTHS = [
    (f'<colgroup span="4"></colgroup>{ROW}', 4),
    (f'<col span="3">{ROW}', 3),  # a bare <col> gets an implied <colgroup>
    (f'<colgroup span="9"><col><col span="2"></colgroup>{ROW}', 3),  # the group's span gives way to its cols
    (f'<colgroup span="2"></colgroup><colgroup><col span="2"></colgroup>{ROW}', 4),
    (f'<caption>Plans</caption><colgroup span="5"></colgroup>{ROW}', 5),
    (f'<colgroup span="1"></colgroup>{ROW}', 2),  # cells widen the table past its columns
    (AFTER_ROWS, 2),  # column groups after the rows declare nothing
    (f'<colgroup span="0"></colgroup><col span="x"><col span="x">{ROW}<tr><td>c</td></tr>', 3),  # 0, junk: 1
    (f'<col span="1001">{ROW}', 1000),
    (f'<col span=" 3 ">{ROW}', 3),
]


@pytest.mark.parametrize(("html", "width"), WIDTHS)
def test_the_table_is_as_wide_as_its_columns_declare(html, width):
    table = layout_of(html)
    assert table.layout.width == width
    assert table.grid is not None
    assert [row[2:] for row in table.grid] == [[None] * (width - 2) for _ in table.grid]


def test_empty_columns_are_uncovered_slots_reported_at_the_row():
    page = f'# Columns\n\n<table>\n<colgroup span="3"></colgroup>\n{ROW}\n</table>\n'
    found = [(d.code, d.line, d.message) for d in lint_text(page, path="p.md")]
    assert found == [("HL107", 5, "row 1 has no cell in 1 of its 3 columns, starting at grid column 3")]


@pytest.mark.parametrize(
    ("span", "code", "message"),
    [
        ("0", "HL103", 'span="0" is not allowed; browsers use 1'),
        ("two", "HL103", 'span="two" is not a valid number; browsers use 1'),
        ("5000", "HL104", 'span="5000" is more than 1000; browsers use 1000'),
        ("2px", "HL105", 'span="2px" is not a plain number; browsers read it as 2'),
    ],
)
def test_a_wrong_column_span_is_reported_at_its_col(span, code, message):
    page = f'# Columns\n\n<table>\n<colgroup>\n  <col span="{span}">\n</colgroup>\n{ROW}\n</table>\n'
    found = [(d.code, d.line, d.column, d.message) for d in lint_text(page, path="p.md") if d.code == code]
    assert found == [(code, 5, 3, message)]


def test_a_nested_table_has_its_own_columns():
    page = '<table><colgroup span="1"></colgroup><tr><td><table><col span="4"><tr><td>x</td></tr></table></td></tr></table>\n'
    outer, inner = extract_tables(page)
    assert (outer.layout.width, inner.layout.width) == (1, 4)


def test_the_bound_counts_declared_columns():
    raw = RawTable("html", 1, 1, 1, [RowGroup("tbody", [RawRow([RawCell("a", False, 1, 1)], 1, 1)] * 3)])
    raw.columns = [RawColumns("1000", 1, 1)] * 5
    layout = normalize(raw, max_slots=10_000)
    assert layout.slots is None and [fact.kind for fact in layout.facts] == ["grid-too-large"]


spans = st.sampled_from([None, "0", "1", "2", "3", "7", "x", "-1"])
declared_spans = st.one_of(spans, st.just("1001"))
cells = st.builds(lambda colspan, rowspan: RawCell("a", False, 1, 1, colspan, rowspan), spans, spans)
groups = st.builds(
    RowGroup,
    st.sampled_from(["thead", "tbody", "tfoot"]),
    st.lists(st.builds(RawRow, st.lists(cells, max_size=3), st.just(1), st.just(1)), max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(groups, max_size=3), st.lists(declared_spans, max_size=4))
def test_declared_columns_only_widen_the_grid_with_empty_slots(table_groups, declared):
    """Column groups change nothing in the algorithm but the starting width, so the layout
    with them is the layout without them, widened with empty columns."""
    plain = normalize(RawTable("html", 1, 1, 1, table_groups))
    raw = RawTable("html", 1, 1, 1, table_groups, columns=[RawColumns(span, 1, 1) for span in declared])
    widened = normalize(raw)
    columns = sum(min(max(int(s), 1), 1000) if s and s.isdigit() else 1 for s in declared)
    width = max(plain.width, columns)
    assert (widened.width, widened.height) == (width, plain.height)
    assert widened.cells == plain.cells
    assert plain.slots is not None and widened.slots is not None
    assert widened.slots == [row + [None] * (width - plain.width) for row in plain.slots]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
#: Each column 10 px wide, whether a cell or only a column group makes it.
MEASURED_PAGE = """<!DOCTYPE html><html><head><style>
table {{ border-spacing: 0; table-layout: fixed; width: max-content }}
td, th {{ padding: 0; border: 0; width: 10px; overflow: hidden }}
col, colgroup {{ width: 10px }}
</style></head><body>
{tables}
<script>
const widths = [...document.querySelectorAll("body > table")].map(t => t.getBoundingClientRect().width / 10);
document.body.setAttribute("data-widths", widths.join(","));
</script></body></html>
"""


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here")
def test_chromium_makes_the_tables_as_wide(tmp_path):
    page = tmp_path / "tables.html"
    page.write_text(MEASURED_PAGE.format(tables="\n".join(f"<table>{html}</table>" for html, _ in WIDTHS)))
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    (measured,) = re.findall(r'data-widths="([^"]*)"', dom)
    widths = [float(width) for width in measured.split(",")]
    expected = [7 if html == AFTER_ROWS else width for html, width in WIDTHS]
    assert widths == expected
