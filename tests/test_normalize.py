"""Span layout, checked clause by clause against the HTML "forming a table" algorithm."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handbook_lint.tables.layout import SpanValue, normalize, parse_span
from handbook_lint.tables.model import Fact, Layout, RawCell, RawRow, RawTable, RowGroup

TABLE_LINE = 1


def td(text: str, colspan: str | None = None, rowspan: str | None = None) -> RawCell:
    """A cell without a position yet; text starting with "#" makes a header cell."""
    return RawCell(text.removeprefix("#"), text.startswith("#"), 0, 0, colspan, rowspan)


def group(kind: str, *rows: list[str | RawCell]) -> RowGroup:
    cells = [[td(cell) if isinstance(cell, str) else cell for cell in row] for row in rows]
    return RowGroup(kind, [RawRow(row, 0, 0) for row in cells])  # type: ignore[arg-type]


def head(*rows: list[str | RawCell]) -> RowGroup:
    return group("thead", *rows)


def body(*rows: list[str | RawCell]) -> RowGroup:
    return group("tbody", *rows)


def foot(*rows: list[str | RawCell]) -> RowGroup:
    return group("tfoot", *rows)


def table(*groups: RowGroup) -> RawTable:
    """Number the rows from line 2 in tree order; cell k of a row sits at column 2 + 5k."""
    line = TABLE_LINE
    numbered = []
    for group in groups:
        rows = []
        for row in group.rows:
            line += 1
            rows.append(
                RawRow([cell._replace(line=line, column=2 + 5 * k) for k, cell in enumerate(row.cells)], line, 1)
            )
        numbered.append(group._replace(rows=rows))
    return RawTable("html", TABLE_LINE, 1, line + 1, numbered)


def grid(layout: Layout) -> list[str]:
    """Each row as the texts of the cells covering its slots; "." for an empty slot."""
    assert layout.slots is not None
    texts = [["." if i is None else layout.cells[i].text for i in row] for row in layout.slots]
    return [" ".join(row) for row in texts]


def facts(layout: Layout, kind: str) -> list[Fact]:
    return [fact for fact in layout.facts if fact.kind == kind]


# --- parse_span -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kind", "expected"),
    [
        (None, "colspan", SpanValue(1)),
        ("3", "colspan", SpanValue(3)),
        ("007", "rowspan", SpanValue(7)),
        (" 3 ", "colspan", SpanValue(3, "span-lenient")),
        ("2px", "colspan", SpanValue(2, "span-lenient")),
        ("+2", "rowspan", SpanValue(2, "span-lenient")),
        ("\t\n\f\r 4", "rowspan", SpanValue(4, "span-lenient")),
        ("abc", "colspan", SpanValue(1, "span-invalid")),
        ("", "colspan", SpanValue(1, "span-invalid")),
        ("   ", "rowspan", SpanValue(1, "span-invalid")),
        ("-1", "rowspan", SpanValue(1, "span-invalid")),
        ("+", "colspan", SpanValue(1, "span-invalid")),
        ("\v3", "colspan", SpanValue(1, "span-invalid")),  # not ASCII whitespace
        ("\u0663", "colspan", SpanValue(1, "span-invalid")),  # not an ASCII digit
        ("0", "colspan", SpanValue(1, "colspan-zero")),
        ("0x10", "colspan", SpanValue(1, "colspan-zero")),
        ("-0", "colspan", SpanValue(1, "colspan-zero")),
        ("0", "rowspan", SpanValue(0)),
        ("1000", "colspan", SpanValue(1000)),
        ("1001", "colspan", SpanValue(1000, "span-clamped")),
        (" 5000px", "colspan", SpanValue(1000, "span-clamped")),
        ("65534", "rowspan", SpanValue(65534)),
        ("65535", "rowspan", SpanValue(65534, "span-clamped")),
        ("9" * 5000, "rowspan", SpanValue(65534, "span-clamped")),
    ],
)
def test_parse_span(written: str | None, kind: str, expected: SpanValue) -> None:
    assert parse_span(written, kind=kind) == expected  # type: ignore[arg-type]


def reference_span(written: str, kind: str) -> SpanValue:
    """The same rules, written independently with regular expressions."""
    match = re.match(r"[\t\n\f\r ]*([-+]?)([0-9]+)", written)
    if match is None:
        return SpanValue(1, "span-invalid")
    sign, digits = match.groups()
    number = int(digits) if len(digits) < 100 else 10**100
    if sign == "-" and number > 0:
        return SpanValue(1, "span-invalid")
    if kind == "colspan" and number == 0:
        return SpanValue(1, "colspan-zero")
    limit = {"colspan": 1000, "rowspan": 65534}[kind]
    if number > limit:
        return SpanValue(limit, "span-clamped")
    return SpanValue(number, None if re.fullmatch(r"[0-9]+", written) else "span-lenient")


span_texts = st.one_of(
    st.text(),
    st.builds(
        lambda *parts: "".join(parts),
        st.text("\t\n\f\r \v\xa0", max_size=3),
        st.sampled_from(["", "+", "-", "--"]),
        st.text("0123456789", max_size=7),
        st.text(max_size=3),
    ),
)


@given(written=span_texts, kind=st.sampled_from(["colspan", "rowspan"]))
def test_parse_span_matches_reference(written: str, kind: str) -> None:
    assert parse_span(written, kind=kind) == reference_span(written, kind)  # type: ignore[arg-type]


# --- placement --------------------------------------------------------------------------


def test_plain_table() -> None:
    layout = normalize(table(body(["a", "b"], ["c", "d"])))
    assert (layout.width, layout.height, layout.facts) == (2, 2, [])
    assert grid(layout) == ["a b", "c d"]
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in layout.cells] == [
        (0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1),
    ]  # fmt: skip
    assert (layout.cells[3].line, layout.cells[3].column) == (3, 7)


def test_cells_skip_slots_taken_by_rowspans_from_above() -> None:
    raw = table(body(["a", td("b", rowspan="2"), "c"], ["d", "e"], [td("f", colspan="3")]))
    layout = normalize(raw)
    assert grid(layout) == ["a b c", "d b e", "f f f"]
    assert layout.facts == []


def test_width_is_the_widest_row_and_short_rows_leave_empty_slots() -> None:
    layout = normalize(table(body(["a"], ["b", td("c", colspan="2")])))
    assert (layout.width, layout.height) == (3, 2)
    assert grid(layout) == ["a . .", "b c c"]


@pytest.mark.parametrize(
    ("colspan", "rowspan", "kind", "message"),
    [
        ("abc", None, "span-invalid", 'colspan="abc" is not a valid number; browsers use 1'),
        (None, "-1", "span-invalid", 'rowspan="-1" is not a valid number; browsers use 1'),
        ("2px", None, "span-lenient", 'colspan="2px" is not a plain number; browsers read it as 2'),
        ("0", None, "colspan-zero", 'colspan="0" is not allowed; browsers use 1'),
        ("2000", None, "span-clamped", 'colspan="2000" is more than 1000; browsers use 1000'),
    ],
)
def test_span_problems_are_facts_at_the_cell(colspan: str | None, rowspan: str | None, kind: str, message: str) -> None:
    layout = normalize(table(body(["a", td("b", colspan, rowspan)])), max_slots=10_000)
    [fact] = [fact for fact in layout.facts if fact.kind.startswith(("span", "colspan"))]
    assert (fact.kind, fact.line, fact.column, fact.message) == (kind, 2, 7, message)


def test_rowspan_zero_grows_to_the_end_of_its_group() -> None:
    raw = table(body(["a", td("b", rowspan="0")], ["c"], []), body(["d", "e"]))
    layout = normalize(raw)
    assert grid(layout) == ["a b", "c b", ". b", "d e"]
    assert layout.cells[1].rowspan == 3
    assert facts(layout, "cells-overlap") == []


def test_rowspan_zero_in_the_last_row_covers_one_row() -> None:
    layout = normalize(table(body(["a", td("b", rowspan="0")])))
    assert layout.cells[1].rowspan == 1
    assert layout.height == 1


def test_rowspan_past_its_group_adds_rows_to_that_group() -> None:
    raw = table(body([td("a", rowspan="3"), "b"]), body(["c", "d"]))
    layout = normalize(raw)
    assert layout.height == 4
    assert grid(layout) == ["a b", "a .", "a .", "c d"]
    assert layout.cells[0].rowspan == 3
    assert (layout.cells[2].row, layout.cells[2].col) == (3, 0)


def test_rowspan_zero_also_covers_rows_a_rowspan_added() -> None:
    layout = normalize(table(body([td("a", rowspan="0"), td("b", rowspan="3")])))
    assert grid(layout) == ["a b", "a b", "a b"]
    assert layout.cells[0].rowspan == 3


def test_tfoot_groups_are_laid_out_last_in_tree_order() -> None:
    raw = table(foot(["f1"]), body(["b1"]), foot(["f2"]), head(["#h"]), body(["b2"]))
    assert grid(normalize(raw)) == ["b1", "h", "b2", "f1", "f2"]


def test_row_without_cells_still_advances() -> None:
    layout = normalize(table(body(["a"], [], ["b"])))
    assert layout.height == 3
    assert grid(layout) == ["a", ".", "b"]


def test_row_without_cells_under_a_rowspan() -> None:
    layout = normalize(table(body([td("a", rowspan="2"), "b"], [], ["c", "d"])))
    assert grid(layout) == ["a b", "a .", "c d"]


# --- overlaps ---------------------------------------------------------------------------


def test_overlap_is_a_fact_at_the_later_cell_and_the_first_claimant_keeps_the_slot() -> None:
    raw = table(body(["a", td("b", rowspan="2")], [td("c", colspan="2")]))
    layout = normalize(raw)
    assert grid(layout) == ["a b", "c b"]
    [fact] = layout.facts
    assert (fact.kind, fact.line, fact.column) == ("cells-overlap", 3, 2)
    assert fact.data == {"row": 1, "col": 0, "overlaps": [1]}
    assert fact.message == (
        "cell in row 2, grid column 1 overlaps the cell from line 2, column 7, whose span reaches into it"
    )


def test_a_cell_overlapping_several_cells_is_one_fact() -> None:
    raw = table(body(["a", td("b", rowspan="2"), td("c", rowspan="2")], [td("d", colspan="3")]))
    layout = normalize(raw)
    [fact] = facts(layout, "cells-overlap")
    assert fact.data["overlaps"] == [1, 2]
    assert grid(layout) == ["a b c", "d b c"]


def test_a_growing_cell_keeps_slots_it_grew_into_first_only() -> None:
    # b grows into row 2 before c is placed there; c claims row 3 before b grows into it.
    raw = table(body(["a", td("b", rowspan="0")], [td("c", colspan="2", rowspan="2")]))
    layout = normalize(raw)
    assert grid(layout) == ["a b", "c b", "c c"]
    assert layout.cells[1].rowspan == 3
    assert [fact.kind for fact in layout.facts] == ["cells-overlap"]


def test_cells_skip_overlapping_cells_from_above() -> None:
    # In row 3, c holds columns 1-3 and b, inside it, column 2: d goes to column 4.
    raw = table(body(["a", td("b", rowspan="3")], [td("c", colspan="3", rowspan="2")], ["d"]))
    assert grid(normalize(raw)) == ["a b . .", "c b c .", "c b c d"]


def test_overlaps_are_found_without_the_dense_grid() -> None:
    raw = table(body(["a", td("b", rowspan="2")], [td("c", colspan="2")]))
    layout = normalize(raw, max_slots=4)  # a 2 x 2 grid, but 5 slots painted: not built
    assert layout.slots is None
    assert [fact.kind for fact in layout.facts] == ["cells-overlap", "grid-too-large"]


# --- uncovered slots --------------------------------------------------------------------


def test_uncovered_slots_are_one_fact_per_row() -> None:
    layout = normalize(table(body(["a", "b", "c"], ["d"], [], ["e", "f", "g"])))
    uncovered = facts(layout, "slots-uncovered")
    assert [(f.line, f.column, f.data) for f in uncovered] == [
        (3, 1, {"row": 1, "columns": [1, 2]}),
        (4, 1, {"row": 2, "columns": [0, 1, 2]}),
    ]
    assert uncovered[0].message == "row 2 has no cell in 2 of its 3 columns, starting at grid column 2"


def test_uncovered_rows_a_rowspan_added_point_at_that_cell() -> None:
    raw = table(body(["a", td("b", rowspan="2")], ["c", "d", td("e", rowspan="4")]))
    uncovered = facts(normalize(raw), "slots-uncovered")
    positions = [(f.data["row"], f.line, f.column) for f in uncovered]
    assert positions == [(0, 2, 1), (2, 3, 12), (3, 3, 12), (4, 3, 12)]


# --- size bound -------------------------------------------------------------------------


def test_grid_over_the_bound_is_not_built() -> None:
    layout = normalize(table(body(["a", "b"], ["c", "d"])), max_slots=3)
    assert (layout.width, layout.height, layout.slots) == (2, 2, None)
    [fact] = layout.facts
    assert (fact.kind, fact.line, fact.column) == ("grid-too-large", TABLE_LINE, 1)
    assert fact.data == {"width": 2, "height": 2, "slots": 4, "max_slots": 3}


def test_huge_spans_stay_cheap() -> None:
    layout = normalize(table(body([td("a", colspan="1000", rowspan="65534")])))
    assert (layout.width, layout.height, layout.slots) == (1000, 65534, None)
    assert [fact.kind for fact in layout.facts] == ["grid-too-large"]
    assert (layout.cells[0].rowspan, layout.cells[0].colspan) == (65534, 1000)


def test_many_huge_spans_stay_cheap() -> None:
    # Each row's cell lands right of the growing cells above it: the grid widens with
    # every row, so layout stops as soon as the grid passes the bound.
    rows = [[td(str(i), colspan="1000", rowspan="0")] for i in range(100_000)]
    layout = normalize(table(body(*rows), body([td("x", rowspan="65534")] * 500)))
    assert layout.slots is None
    assert layout.width * layout.height > 1_000_000
    assert len(layout.cells) < 100
    (fact,) = facts(layout, "grid-too-large")
    assert "needs more than" in fact.message
    assert layout.cells[0].rowspan == layout.height


def test_overlapping_cells_count_towards_the_bound() -> None:
    raw = table(body(["a", td("b", rowspan="2")], [td("c", colspan="2")]))
    layout = normalize(raw, max_slots=4)  # 2 x 2 grid, but 5 slots painted
    assert layout.slots is None
    assert facts(layout, "grid-too-large")[0].data["slots"] == 5


# --- header rows ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        pytest.param([head(["h"], ["i"]), body(["#a"])], 2, id="thead-rows"),
        pytest.param([head([td("h", rowspan="3")]), body(["a"])], 3, id="thead-with-added-rows"),
        pytest.param([head(), body(["#a"], ["b"])], 1, id="empty-thead-is-not-laid-out"),
        pytest.param([foot(["#f"]), head(["h"]), body(["a"])], 1, id="tfoot-first-in-tree"),
        pytest.param([body(["#a"]), head(["h"])], 1, id="thead-not-first"),
        pytest.param([body(["#a", "#b"], ["#c", "d"], ["#e"])], 1, id="mixed-row-stops"),
        pytest.param([body(["#a"], [], ["#b"])], 1, id="empty-row-stops"),
        pytest.param([body(["a", "#b"])], 0, id="no-header"),
        pytest.param([body(["#a", "#b"], ["#c", "#d"])], 2, id="all-header"),
        pytest.param([body([td("#a", rowspan="2"), "#b"], ["#c"])], 2, id="rowspan-header"),
        pytest.param([], 0, id="no-rows"),
    ],
)
def test_header_rows(groups: list[RowGroup], expected: int) -> None:
    assert normalize(table(*groups)).header_rows == expected


def test_all_header_table_has_header_rows_equal_to_height() -> None:
    layout = normalize(table(body(["#a"], ["#b"], ["#c"])))
    assert layout.header_rows == layout.height == 3


# --- round trip over random tilings -----------------------------------------------------

Rect = tuple[int, int, int, int]  # row, col, rowspan, colspan


@st.composite
def tilings(draw: st.DrawFn) -> tuple[int, int, list[Rect], list[int]]:
    """A grid cut into rectangles, listed in row-major anchor order, and the row-group
    boundaries (first row of each group, then the height) that no rectangle crosses."""
    height, width = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    cuts = draw(st.sets(st.integers(1, height - 1), max_size=3)) if height > 1 else set()
    bounds = [0, *sorted(cuts), height]
    owner: dict[tuple[int, int], int] = {}
    rects: list[Rect] = []
    for row in range(height):
        group_end = next(b for b in bounds if b > row)
        for col in range(width):
            if (row, col) in owner:
                continue
            free = next((c for c in range(col, width) if (row, c) in owner), width) - col
            rect = (row, col, draw(st.integers(1, group_end - row)), draw(st.integers(1, free)))
            for r in range(row, row + rect[2]):
                for c in range(col, col + rect[3]):
                    owner[r, c] = len(rects)
            rects.append(rect)
    return height, width, rects, bounds


def spans_as_written(rect: Rect, group_end: int) -> st.SearchStrategy[tuple[str | None, ...]]:
    """Ways to write a rectangle's colspan and rowspan that mean the same."""
    row, _, rowspan, colspan = rect
    colspans = [str(colspan)] + ([None] if colspan == 1 else [])
    rowspans = [str(rowspan)] + ([None] if rowspan == 1 else [])
    rowspans += ["0"] if row + rowspan == group_end else []
    return st.tuples(st.sampled_from(colspans), st.sampled_from(rowspans))


@given(tiling=tilings(), data=st.data())
def test_tilings_come_back_unchanged(tiling: tuple[int, int, list[Rect], list[int]], data: st.DataObject) -> None:
    height, width, rects, bounds = tiling
    rows: list[list[str | RawCell]] = [[] for _ in range(height)]
    for index, rect in enumerate(rects):
        group_end = next(b for b in bounds if b > rect[0])
        colspan, rowspan = data.draw(spans_as_written(rect, group_end))
        rows[rect[0]].append(td(str(index), colspan, rowspan))
    layout = normalize(table(*(body(*rows[a:b]) for a, b in zip(bounds, bounds[1:]))))

    assert (layout.width, layout.height, layout.facts) == (width, height, [])
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in layout.cells] == rects
    expected: list[list[int | None]] = [[None] * width for _ in range(height)]
    for index, (row, col, rowspan, colspan) in enumerate(rects):
        for r in range(row, row + rowspan):
            expected[r][col : col + colspan] = [index] * colspan
    assert layout.slots == expected


# --- random tables against a slot-by-slot transcription of the algorithm ---------------


@dataclass
class Reference:
    width: int = 0
    height: int = 0
    rects: list[list[int]] = field(default_factory=list)  # [row, col, rowspan, colspan]
    slots: dict[tuple[int, int], list[int]] = field(default_factory=dict)  # claimants in order
    overlaps: dict[int, set[int]] = field(default_factory=dict)  # cell -> cells it ran into


def reference_layout(raw: RawTable) -> Reference:
    """The HTML algorithm step by step, on a dict of slots."""
    ref = Reference()
    y = 0

    def grow(growing: list[int]) -> None:
        for index in growing:
            row, col, _, colspan = ref.rects[index]
            ref.rects[index][2] = y - row + 1
            for x in range(col, col + colspan):
                ref.slots.setdefault((y, x), []).append(index)

    for grp in sorted(raw.groups, key=lambda grp: grp.kind == "tfoot"):
        growing: list[int] = []
        for row in grp.rows:
            ref.height += ref.height == y
            x = 0
            grow(growing)
            for cell in row.cells:
                while x < ref.width and (y, x) in ref.slots:
                    x += 1
                colspan = parse_span(cell.colspan, kind="colspan").value
                rowspan = parse_span(cell.rowspan, kind="rowspan").value
                index = len(ref.rects)
                if rowspan == 0:
                    growing.append(index)
                rows = max(rowspan, 1)
                ref.width, ref.height = max(ref.width, x + colspan), max(ref.height, y + rows)
                area = [(r, c) for r in range(y, y + rows) for c in range(x, x + colspan)]
                if earlier := {i for slot in area for i in ref.slots.get(slot, [])}:
                    ref.overlaps[index] = earlier
                for slot in area:
                    ref.slots.setdefault(slot, []).append(index)
                ref.rects.append([y, x, rows, colspan])
                x += colspan
            y += 1
        while y < ref.height:
            grow(growing)
            y += 1
    return ref


random_cells = st.builds(
    td,
    st.sampled_from(["a", "#h"]),
    st.sampled_from([None, "1", "2", "3", "0"]),
    st.sampled_from([None, "1", "2", "3", "0"]),
)
random_groups = st.builds(
    lambda kind, rows: group(kind, *rows),
    st.sampled_from(["thead", "tbody", "tfoot"]),
    st.lists(st.lists(random_cells, max_size=4), max_size=4),
)


@given(st.lists(random_groups, max_size=3))
def test_random_tables_match_the_algorithm_slot_by_slot(groups: list[RowGroup]) -> None:
    raw = table(*groups)
    layout, ref = normalize(raw), reference_layout(raw)
    assert (layout.width, layout.height) == (ref.width, ref.height)
    assert [[c.row, c.col, c.rowspan, c.colspan] for c in layout.cells] == ref.rects
    assert layout.slots == [[ref.slots.get((r, c), [None])[0] for c in range(ref.width)] for r in range(ref.height)]
    anchors = {(c.row, c.col): index for index, c in enumerate(layout.cells)}
    overlaps = {
        anchors[fact.data["row"], fact.data["col"]]: set(fact.data["overlaps"])
        for fact in facts(layout, "cells-overlap")
    }
    assert overlaps == ref.overlaps
