"""The plain-text export parser: dialects, tables, text blocks, positions.

Examples come from ../shared/PLAIN-TEXT-DIALECTS.md and the seed export; random tables are
written in each dialect by tests/plaintext_dialects.py and must read back as written.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from handbook_lint.plaintext.dialects import PlainBlock, PlainTable, detect_dialect, parse_export

from conftest import SEED, need
from plaintext_dialects import Slot, write_1, write_2


def rows_of(table: PlainTable) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_seed_export_is_dialect_1_with_two_tables_and_text_between():
    document = parse_export(need(SEED).with_suffix(".txt").read_text())
    assert document.dialect == "trafilatura-1"
    first, second = document.tables
    assert (first.line, first.end_line, first.header_rows, first.width) == (7, 10, 1, 4)
    assert rows_of(first)[0] == ["1 - Free", "2 - Team (Self Serve)", "3 - Enterprise (C-Level)"]
    assert first.rows[0].padding == 1
    assert rows_of(second)[3] == ["Support", "Developer Experience"] and second.rows[3].padding == 2
    assert rows_of(second)[5] == ["Sales Ops", "Sales Ops"] and second.rows[5].padding == 0
    assert isinstance(document.items[0], PlainBlock) and document.items[0].text == "Self-serve"
    cell = second.rows[1].cells[1]
    assert (cell.text, cell.line, cell.column) == ("Marketing (Developer Evangelism)", 22, 13)


def test_dialect_2_keeps_every_slot_and_unescapes_pipes():
    text = "Intro line.\n|  | Free | Team | \n|---|---|---|\n| a \\| b | 1 |  | \nAfter."
    document = parse_export(text)
    assert document.dialect == "trafilatura-2"
    (table,) = document.tables
    assert rows_of(table) == [["", "Free", "Team"], ["a | b", "1", ""]]
    assert (table.header_rows, table.width) == (1, 3)
    assert [block.text for block in document.blocks] == ["Intro line.", "After."]
    assert [(c.line, c.column) for c in table.rows[1].cells] == [(4, 3), (4, 12), (4, 16)]


def test_dialect_2_row_whose_cell_breaks_over_lines():
    text = "Intro.\n| Q | A | \n|---|---|\n| one | first part\nsecond part | \n| two | x | \nEnd."
    (table,) = parse_export(text).tables
    assert rows_of(table) == [["Q", "A"], ["one", "first part second part"], ["two", "x"]]
    assert [f.line for f in table.rows[1].cells[1].fragments] == [4, 5]


def test_dialect_1_without_header_has_no_separator_and_no_header_row():
    (table,) = parse_export("Intro line.\na | b |\nc | d |\nEnd.").tables
    assert (rows_of(table), table.header_rows, table.width) == ([["a", "b"], ["c", "d"]], 0, None)


def test_dialect_1_list_in_a_cell_breaks_the_row_over_lines():
    text = "Intro line.\nk | v |\n---|---|\none two | para one para two |\n- x\n- y\n| plain |\nEnd line."
    document = parse_export(text)
    (table,) = document.tables
    assert [cell.text for cell in table.cells] == ["k", "v", "one two", "para one para two", "x", "y", "plain"]
    assert document.blocks[-1].text == "End line." and table.end_line == 7


def test_dialect_1_one_cell_per_line_rows():
    text = "Risks\nCVE | Severity |\n---|---|\nCVE-2023-45142 |\n|\nHigh |\nCVE-2023-1 | Low |\nDone."
    (table,) = parse_export(text).tables
    assert [cell.text for cell in table.cells] == ["CVE", "Severity", "CVE-2023-45142", "High", "CVE-2023-1", "Low"]


def test_dialect_1_row_that_starts_on_a_line_of_its_own_text():
    text = "Channels\n#announce | Critical news.\nMore about it. |\n#ask | Questions. |\nEnd."
    (table,) = parse_export(text).tables
    assert [cell.text for cell in table.cells] == [
        "#announce",
        "Critical news.",
        "More about it.",
        "#ask",
        "Questions.",
    ]


def test_dialect_1_lines_that_start_with_a_pipe_open_no_table():
    """1.x drops empty cells, so its rows never start with a pipe: such lines are a code
    block's text (a table drawn in ASCII), not a table."""
    text = "The command prints:\n|---|---|\n| App Password | Scope |\n|---|---|\nRoles:\nRole | Scope |\n---|---|\nadmin | all |"
    document = parse_export(text, "trafilatura-1")
    (table,) = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["Role", "Scope"], ["admin", "all"]]
    assert [block.text for block in document.items if isinstance(block, PlainBlock)][:3] == [
        "The command prints:",
        "|---|---|",
        "| App Password | Scope |",
    ]


def test_two_dialect_1_tables_separated_by_a_heading_line():
    text = "A | B |\n---|---|\n1 | 2 |\nNext table\nC | D |\n---|---|\n3 | 4 |"
    document = parse_export(text)
    assert [rows_of(t) for t in document.tables] == [[["A", "B"], ["1", "2"]], [["C", "D"], ["3", "4"]]]
    assert [b.text for b in document.blocks] == ["Next table"]


def test_list_items_are_blocks_of_kind_item_and_text_without_pipes_has_no_dialect():
    document = parse_export("Title\n- first item\nA paragraph.")
    assert document.dialect == "none"
    assert [(b.kind, b.text, b.column) for b in document.blocks] == [
        ("text", "Title", 1),
        ("item", "first item", 3),
        ("text", "A paragraph.", 1),
    ]


def test_detect_dialect():
    assert detect_dialect(["a | b |", "---|---|"]) == "trafilatura-1"
    assert detect_dialect(["| a | b | ", "|---|---|"]) == "trafilatura-2"
    assert detect_dialect(["plain text"]) == "none"


# -- random tables, written in each dialect, read back -------------------------------------

TEXTS = st.sampled_from(["", "", "Free", "Team", "Sales Ops", "Customer Success", "$0", "Per seat", "a | b", "x"])


@st.composite
def tables(draw, pipes: bool = True) -> list[list[Slot]]:
    columns = draw(st.integers(1, 5))
    texts = TEXTS if pipes else TEXTS.filter(lambda t: "|" not in t)
    header = draw(st.booleans())
    rows = []
    for r in range(draw(st.integers(1, 6))):
        row, used = [], 0
        while used < columns:
            span = draw(st.integers(1, columns - used))
            row.append(Slot(draw(texts), span, header and r == 0))
            used += span
        rows.append(row)
    rows[-1][0] = Slot("Last", rows[-1][0].colspan, rows[-1][0].header)  # no all-empty last row
    return rows


def embed(lines: list[str]) -> str:
    return "\n".join(["Intro line of the page.", *lines, "A closing paragraph."])


@settings(max_examples=200)
@given(tables())
def test_dialect_2_tables_read_back_slot_for_slot(rows):
    document = parse_export(embed(write_2(rows)))
    (table,) = document.tables
    expected = []
    for row in rows:
        if any(slot.text for slot in row):
            slots = [text for slot in row for text in [slot.text] + [""] * (slot.colspan - 1)]
            expected.append(slots + [""] * (max(sum(s.colspan for s in r) for r in rows) - len(slots)))
    assert rows_of(table) == expected
    assert table.header_rows == (1 if any(slot.header for slot in rows[0]) and any(s.text for s in rows[0]) else 0)
    assert [b.text for b in document.blocks] == ["Intro line of the page.", "A closing paragraph."]


@settings(max_examples=200)
@given(tables(pipes=False))
def test_dialect_1_tables_read_back_as_their_non_empty_cells(rows):
    document = parse_export(embed(write_1(rows)))
    (table,) = document.tables
    expected = [[slot.text for slot in row if slot.text] for row in rows if any(slot.text for slot in row)]
    assert rows_of(table) == expected
    width = max(sum(slot.colspan for slot in row) for row in rows)
    for row, cells in zip(table.rows[:-1], expected[:-1]):
        assert row.padding == width - len(cells)
    assert [b.text for b in document.blocks] == ["Intro line of the page.", "A closing paragraph."]
