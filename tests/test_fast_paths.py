"""Fast paths give exactly what the slow paths give: cell text without markup characters, rows
without escapes or markup, lines that cannot open a block, layout of cells that span nothing,
pipe tables stacked as their grid, HTML cells of one text, table ids without a search from 1
for every table."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from handbook_lint.page import page_from_text
from handbook_lint.tables import markdown, pipe
from handbook_lint.tables.extract import _TableIds, slug
from handbook_lint.tables.html_tree import parse_html
from handbook_lint.tables.layout import normalize, stack_rows
from handbook_lint.tables.markdown import Document
from handbook_lint.tables.model import Cell, RawCell, RawRow, RawTable, RowGroup
from handbook_lint.tables.text import VisibleText, text_of_element

DOCUMENT = Document(page_from_text("p.md", "| a |\n|---|\n| b |\n"))


def slow_inline_text(text: str) -> str:
    return markdown.text_of_html(DOCUMENT._render(DOCUMENT.md.inline(text, DOCUMENT.state.env)))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
@example("Team (Self Serve)")
@example("a  b\tc \u00a0 d")
@example("https://example.com/x?y=1#z")
@example("user@example.com :smile: 1.5 \"quoted\" 'single' #hash")
def test_text_without_markup_characters_reads_as_itself(text):
    text = text.strip(" \t")
    assert DOCUMENT.inline_text(text) == slow_inline_text(text)


#: Pieces of inline Markdown: every kind of markup the token reading meets, and entities.
INLINE_PIECES = st.sampled_from(
    [
        "a",
        "é",
        "日本",
        " ",
        "  ",
        "\t",
        "\n",
        "  \n",
        "\\\n",
        "\u00a0",
        "*",
        "**",
        "_",
        "__",
        "~~",
        "`",
        "``",
        "[",
        "]",
        "(",
        ")",
        "[x](http://e.com)",
        '[x](<a b> "t")',
        "[r]",
        "[r][]",
        "![i](p.png)",
        "<b>",
        "</b>",
        "<br>",
        "<http://e.com>",
        "<a@b.co>",
        "&amp;",
        "&copy;",
        "&copy",
        "&#42;",
        "&#x2A;",
        "&#0;",
        "&",
        "\\",
        "\\*",
        "\\&",
        "<",
        ">",
        '"',
        "!",
        "<!-- c -->",
    ]
)
DOCUMENT_WITH_REFERENCE = Document(page_from_text("p.md", '| a |\n|---|\n| b |\n\n[r]: http://e.com/*x* "T"\n'))


@settings(max_examples=3000, deadline=None)
@given(st.lists(INLINE_PIECES, max_size=14).map("".join))
@example("**a** [b](http://e.com) `c&amp;` ~~d~~ &copy;")
@example("a  \nb")
@example("`a\nb`")
@example("[*x*][r]")
def test_inline_tokens_read_as_their_rendered_html(text):
    """The visible text read from inline tokens is what reading their rendered HTML gives."""
    text = text.strip(" \t")
    document = DOCUMENT_WITH_REFERENCE
    tokens = document.md.inline(text, document.state.env)
    seen = markdown._visible_text(tokens)
    if seen is not None:
        assert seen == markdown.text_of_html(document._render(tokens))


def test_raw_html_and_images_are_read_from_the_rendered_html():
    document = DOCUMENT_WITH_REFERENCE
    for text in ["a<br>b", "![alt *x*](p.png)", "**<i>a</i>**"]:
        assert markdown._visible_text(document.md.inline(text, document.state.env)) is None
    assert document.inline_text("a<br>b") == "a b"
    assert document.inline_text("![alt *x*](p.png)") == "alt x"


def naive_ids(headings: list[str]) -> list[str]:
    """Table ids as first defined: the nearest heading's slug, then -2, -3 … as needed."""
    used: set[str] = set()
    ids = []
    for heading in headings:
        base = slug(heading) or "table"
        candidate, ordinal = base, 1
        while candidate in used:
            ordinal += 1
            candidate = f"{base}-{ordinal}"
        used.add(candidate)
        ids.append(candidate)
    return ids


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", "x", "x-2", "x-3", "X 2", "table", "table-2", "Our structure"]), max_size=40))
def test_table_ids_resume_where_they_left_off_and_stay_the_same(headings):
    ids = _TableIds()
    assert [ids.next(heading) for heading in headings] == naive_ids(headings)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=" \t|ab-:\r\u00a0", max_size=30), st.booleans())
def test_rows_without_backslashes_split_as_any_row(line, lazy):
    """The split of a row with no escape (`str.split`) is the one the general loop gives."""
    indent = 0 if lazy else len(line) - len(line.lstrip(" \t"))
    assert pipe.split_row(line, lazy=lazy) == pipe._split_escaped(line, indent)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=" \t|ab-:\\\v\u00a0", max_size=30), st.integers(1, 9))
def test_row_cells_are_the_split_of_the_row(line, column):
    """Grid cells of a row are its split, at page columns counted from the line's first."""
    cells = pipe.row_cells(line, 3, 7, column, False)
    assert [(cell.text, cell.column - column) for cell in cells] == pipe.split_row(line)
    assert [(cell.row, cell.col, cell.line) for cell in cells] == [(3, x, 7) for x in range(len(cells))]


#: Characters that make pipe rows interesting: markup, every kind of white space, pipes, escapes.
ROW_ALPHABET = st.sampled_from(list("ab1 |\\`*_~[]!<>&#:-.\t\n\r\f\v\x1c\x85\u00a0\u3000é") + ["  ", "| ", " |"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(ROW_ALPHABET, max_size=20).map("".join))
@example("| a  b | c |")
@example("| a |  b  |")
@example("| a\u00a0| b |")
@example("| a\x1c | b |")
def test_rows_that_read_as_written_have_cells_that_read_as_written(line):
    """A row line `row_reads_as_written` accepts has cells whose inline text is their text."""
    if DOCUMENT.row_reads_as_written(line):
        for text, _ in pipe.split_row(line):
            assert slow_inline_text(text) == text


@settings(max_examples=2000, deadline=None)
@given(st.lists(ROW_ALPHABET, max_size=12).map("".join))
@example("    | a |")
@example("   \t| a |")
@example("1. a")
@example("<div>")
def test_lines_that_open_a_block_start_with_a_character_that_may(line):
    """A row whose first character cannot start a block is not matched against block starts."""
    if pipe._opens_block(line):
        assert line[:1] in pipe._MAY_OPEN_BLOCK


@st.composite
def raw_tables(draw) -> RawTable:
    """Tables of cells that mostly span nothing, some rows with spans, in any row groups."""
    spans = st.sampled_from([None, None, None, "2", "0", "3"])
    groups = []
    for kind in draw(st.lists(st.sampled_from(["thead", "tbody", "tfoot"]), min_size=1, max_size=3)):
        rows = []
        for line in range(draw(st.integers(0, 5))):
            cells = [
                RawCell(f"c{line}.{x}", draw(st.booleans()), line + 1, x + 1, draw(spans), draw(spans))
                for x in range(draw(st.integers(0, 4)))
            ]
            rows.append(RawRow(cells, line + 1, 1))
        groups.append(RowGroup(kind, rows))
    return RawTable("html", 1, 1, 1, groups)


@settings(max_examples=500, deadline=None)
@given(raw_tables(), st.sampled_from([4, 12, 1_000_000]))
def test_cells_that_span_nothing_are_laid_out_as_the_general_path_does(table, max_slots):
    """A span-less row where nothing reaches from above is placed without the span
    machinery, and a grid of one-slot cells painted without claims: the same layout as a
    rowspan="1" on every such cell gives (which takes the general path)."""
    spelled = RawTable(
        "html",
        1,
        1,
        1,
        [
            RowGroup(
                group.kind,
                [
                    RawRow([cell._replace(rowspan=cell.rowspan or "1") for cell in row.cells], row.line, row.column)
                    for row in group.rows
                ],
            )
            for group in table.groups
        ],
    )
    assert normalize(table, max_slots=max_slots) == normalize(spelled, max_slots=max_slots)


@settings(max_examples=500, deadline=None)
@given(st.integers(1, 4), st.integers(0, 6), st.integers(0, 30))
@example(2, 3, 4)  # stops in the body: a lower bound in the message
@example(2, 1, 4)  # every row laid out, and still too large
def test_rows_that_span_nothing_stack_as_normalize_forms_them(width, body_rows, max_slots):
    """A pipe table's rows are its grid: `stack_rows` gives what `normalize` gives for a `thead`
    of the first row and a `tbody` of the others, the slot bound included."""
    rows = [
        [Cell(y, x, 1, 1, y == 0, f"c{y}.{x}", y + 1, 4 * x + 2) for x in range(width)] for y in range(body_rows + 1)
    ]
    raw_rows = [RawRow([RawCell(c.text, c.header, c.line, c.column) for c in row], row[0].line, 1) for row in rows]
    groups = [RowGroup("thead", raw_rows[:1])] + ([RowGroup("tbody", raw_rows[1:])] if body_rows else [])
    raw = RawTable("markdown", 1, 2, body_rows + 1, groups)
    cells = [cell for row in rows for cell in row]
    assert stack_rows(cells, width, max_slots=max_slots, where=(1, 2)) == normalize(raw, max_slots=max_slots)


@settings(max_examples=300, deadline=None)
@given(raw_tables(), st.sampled_from([12, 1_000_000]))
def test_cells_are_placed_row_by_row_so_header_cells_come_first(table, max_slots):
    """Rules read a layout's header cells as a prefix of its cells."""
    layout = normalize(table, max_slots=max_slots)
    assert layout.cells == sorted(layout.cells, key=lambda cell: (cell.row, cell.col))
    assert layout.header_cells() == [cell for cell in layout.cells if cell.row < layout.header_rows]


def slow_text_of_element(element) -> str:
    reader = VisibleText()
    reader.feed_element(element)
    return reader.text


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                " ",
                "\t",
                "\n",
                "\u00a0",
                "&amp;",
                "&nbsp;",
                "<b>",
                "</b>",
                "<br>",
                "<!-- c -->",
                "<img alt=x>",
                "<script>s</script>",
                "<p>",
                "</td><td>",
            ]
        ),
        max_size=12,
    ).map("".join)
)
@example("  a \n b  ")
@example("")
def test_cells_of_one_text_read_as_the_walk_reads_them(content):
    """A cell holding one run of text (or nothing) reads as the visible-text walk reads it."""
    tree, _ = parse_html(f"<table><tr><td>{content}</td></tr></table>", max_depth=512)
    for cell in tree.find_all("td"):
        assert text_of_element(cell) == slow_text_of_element(cell)
