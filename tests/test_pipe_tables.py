"""Pipe tables read as GitHub's renderer, cmark-gfm, reads them; cells positioned in the page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import cmarkgfm
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook_lint.page import page_from_text
from handbook_lint.tables.extract import DEFAULT_MAX_SLOTS, _pipe_table
from handbook_lint.tables.markdown import Document
from handbook_lint.tables.model import Cell

_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_BREAKS = frozenset({"br", "p", "div"})  # a reader sees a space where lines break


class _TableTexts(HTMLParser):
    """Every <table> of an HTML page as rows of visible cell texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif self.cell is not None and tag == "img":
            self.cell.append(dict(attrs).get("alt") or "")
        elif self.cell is not None and tag in _BREAKS:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(_WHITESPACE.sub(" ", "".join(self.cell)).strip(" "))
            self.cell = None
        elif self.cell is not None and tag in _BREAKS:
            self.cell.append(" ")

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def github_tables(markdown: str) -> list[list[list[str]]]:
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE)
    parser = _TableTexts()
    parser.feed(html)
    parser.close()
    return parser.tables


def pipe_tables(markdown: str):
    document = Document(page_from_text("page.md", markdown))
    return [_pipe_table(document, found, DEFAULT_MAX_SLOTS) for found in document.pipe_tables]


def cell_rows(table) -> list[list[Cell]]:
    """A table's cells, row by row."""
    rows: list[list[Cell]] = [[] for _ in range(table.layout.height)]
    for cell in table.layout.cells:
        rows[cell.row].append(cell)
    return rows


def our_tables(markdown: str) -> list[list[list[str]]]:
    return [[[cell.text for cell in row] for row in cell_rows(table)] for table in pipe_tables(markdown)]


def _quote_quirk(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"mistune {reason}; see the report")


CASES = [
    pytest.param("| a | b |\n|---|---|\n| c | d |\n", [[["a", "b"], ["c", "d"]]], id="basic"),
    pytest.param(
        "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n",
        [[["a", "b", "c"], ["1", "2", "3"]]],
        id="alignment-colons",
    ),
    pytest.param("| a |\n| :---: |\n", [[["a"]]], id="spaced-centre-delimiter"),
    pytest.param("a | b\n--|--\nc | d\n", [[["a", "b"], ["c", "d"]]], id="no-outer-pipes"),
    pytest.param("| a | b\n--- | ---:\n", [[["a", "b"]]], id="mixed-outer-pipes"),
    pytest.param(
        "| a | b |\n|---|---|\n| c |\n| d | e | f |\n",
        [[["a", "b"], ["c", ""], ["d", "e"]]],
        id="ragged-rows-padded-and-truncated",
    ),
    pytest.param(
        "| a \\| b | c |\n|---|---|\n| `x \\| y` | z |\n",
        [[["a | b", "c"], ["x | y", "z"]]],
        id="escaped-pipe-also-in-code",
    ),
    pytest.param("| a \\\\| b | c |\n|---|---|\n", [[["a | b", "c"]]], id="backslash-before-escaped-pipe"),
    pytest.param(
        "| a | b |\n|---|---|\n| `c|d` |\n",
        [[["a", "b"], ["`c", "d`"]]],
        id="pipe-in-code-span-splits",
    ),
    pytest.param(
        "| &amp; | &#x41; |\n|--|--|\n| &lt;b&gt; | &copy; |\n",
        [[["&", "A"], ["<b>", "©"]]],
        id="entities",
    ),
    pytest.param("| a<br>b | c |\n|--|--|\n| d<br/>e | f |\n", [[["a b", "c"], ["d e", "f"]]], id="br"),
    pytest.param(
        "| [l](http://x) | ![img](y.png) | *em* **st** |\n|--|--|--|\n| `code` | _u_ | <span>h</span> |\n",
        [[["l", "img", "em st"], ["code", "u", "h"]]],
        id="links-images-emphasis-html",
    ),
    pytest.param("| a |\n|---|\n| b |\nc\n", [[["a"], ["b"], ["c"]]], id="one-column"),
    pytest.param("a\n|---\nb\n", [[["a"], ["b"]]], id="one-column-one-pipe"),
    pytest.param("| a | b |\n|---|---|\n|  \n| c | d |\n", [[["a", "b"]]], id="pipe-and-spaces-ends"),
    pytest.param("| a | b |\n|---|---|\n|\n", [[["a", "b"]]], id="lone-pipe-ends"),
    pytest.param(
        "| a | b |\n|---|---|\n||\n| c | d |\n",
        [[["a", "b"], ["", ""], ["c", "d"]]],
        id="double-pipe-is-a-row",
    ),
    pytest.param("| a |\n---\n", [], id="setext-under-one-cell"),
    pytest.param("a\n-\n", [], id="setext-single-dash"),
    pytest.param("| a | b |\n|---|\n| c | d |\n", [], id="header-delimiter-mismatch"),
    pytest.param("|\n|-|\n", [], id="empty-header"),
    pytest.param("   | a | b |\n   |---|---|\n   | c | d |\n", [[["a", "b"], ["c", "d"]]], id="indent-3"),
    pytest.param("    | a | b |\n    |---|---|\n", [], id="indent-4-is-code"),
    pytest.param("| a | b |\n    |---|---|\n", [], id="delimiter-indent-4"),
    pytest.param("\t| a |\n|--|\n", [], id="tab-indent-is-code"),
    pytest.param("| a |\n|--|\n    | b |\n", [[["a"]]], id="indented-code-ends"),
    pytest.param("- | a | b |\n  |---|---|\n  | c | d |\n", [[["a", "b"], ["c", "d"]]], id="list-item"),
    pytest.param("1. | a |\n   |---|\n   | b |\n2. x\n", [[["a"], ["b"]]], id="ordered-list-item"),
    pytest.param(
        "- item\n\n  | a | b |\n  |---|---|\n  | c | d |\n- next\n",
        [[["a", "b"], ["c", "d"]]],
        id="list-item-second-block",
    ),
    pytest.param("- | a |\n  |---|\n- | b |\n  |---|\n", [[["a"]], [["b"]]], id="two-list-items"),
    pytest.param("> | a | b |\n> |---|---|\n> | c | d |\n", [[["a", "b"], ["c", "d"]]], id="quote"),
    pytest.param(">| a |\n>|--|\n>| b |\n", [[["a"], ["b"]]], id="quote-without-space"),
    pytest.param("> > | a |\n> > |--|\n> | b |\n", [[["a"]]], id="nested-quote-row-outside"),
    pytest.param(
        "> | a | b |\n> |---|---|\n> | c | d |\ne | f\n",
        [[["a", "b"], ["c", "d"]]],
        id="quote-lazy-line-ends",
    ),
    pytest.param("> | a | b |\n|---|---|\n", [], id="quote-lazy-delimiter"),
    pytest.param("> foo\nbar | baz\n> --|--\n", [[["bar", "baz"]]], id="quote-lazy-header"),
    pytest.param("> | a |\n> |---|\nb | c\n--|--\n", [[["a"]], [["b", "c"]]], id="table-after-quote"),
    pytest.param("> | a |\n> |---|\nb | c\n> --|--\n", [[["a"]]], id="quote-resumes"),
    pytest.param(
        "| a |\n|---|\n\npara\n\n| b | c |\n|---|---|\n| d | e |\n",
        [[["a"]], [["b", "c"], ["d", "e"]]],
        id="two-tables-paragraph-between",
    ),
    pytest.param(
        "| a |\n|---|\npara\n| b | c |\n|---|---|\n",
        [[["a"], ["para"], ["b"], ["---"]]],
        id="second-header-is-a-row",
    ),
    pytest.param(
        "some text\nmore\n| a | b |\n|---|---|\n| c | d |\n",
        [[["a", "b"], ["c", "d"]]],
        id="header-ends-paragraph",
    ),
    pytest.param("a | b\n--|--|--\nc | d\n--|--\n", [], id="paragraph-tried-once"),
    pytest.param("# t\n| a |\n|---|\n", [[["a"]]], id="after-atx-heading"),
    pytest.param("| a |\n|---|\n| b |\n```\ncode\n```\n", [[["a"], ["b"]]], id="ends-at-fence"),
    pytest.param("| a |\n|---|\n| b |\n~~~\n", [[["a"], ["b"]]], id="ends-at-tilde-fence"),
    pytest.param("| a |\n|---|\n``` `x`\n", [[["a"], ["``` x"]]], id="backtick-info-no-fence"),
    pytest.param("| a |\n|---|\n| b |\n# h\n", [[["a"], ["b"]]], id="ends-at-heading"),
    pytest.param("| a |\n|---|\n#hashtag\n", [[["a"], ["#hashtag"]]], id="hash-without-space"),
    pytest.param("| a |\n|---|\n| b |\n> q\n", [[["a"], ["b"]]], id="ends-at-quote"),
    pytest.param("| a |\n|---|\n| b |\n- l\n", [[["a"], ["b"]]], id="ends-at-list-item"),
    pytest.param("| a |\n|---|\n-\n", [[["a"]]], id="ends-at-empty-list-item"),
    pytest.param("| a |\n|---|\n2. x\n", [[["a"]]], id="ends-at-ordered-item"),
    pytest.param("| a |\n|---|\n***\n", [[["a"]]], id="ends-at-thematic-break"),
    pytest.param("| a |\n|---|\n---\n", [[["a"]]], id="ends-at-dashes"),
    pytest.param("| a |\n|---|\n===\n", [[["a"], ["==="]]], id="equals-is-a-row"),
    pytest.param("| a |\n|---|\n<div>\n", [[["a"]]], id="ends-at-html-6"),
    pytest.param("| a | b |\n|--|--|\n<div> | x\n", [[["a", "b"]]], id="ends-at-html-6-with-text"),
    pytest.param("| a |\n|---|\n<pre>\n", [[["a"]]], id="ends-at-html-1"),
    pytest.param("| a |\n|---|\n<!-- c -->\n", [[["a"]]], id="ends-at-html-comment"),
    pytest.param("| a |\n|---|\n<!DOCTYPE html>\n", [[["a"]]], id="ends-at-html-4"),
    pytest.param("| a |\n|---|\n<!doctype html>\n", [[["a"], ["<!doctype html>"]]], id="lowercase-doctype-is-a-row"),
    pytest.param("| a |\n|---|\n<span a='1'>\n", [[["a"]]], id="ends-at-html-7"),
    pytest.param("| a |\n|---|\n<span> x\n", [[["a"], ["x"]]], id="inline-html-is-a-row"),
    pytest.param("<div> | b\n--|--\n", [], id="html-block-header"),
    pytest.param("<span>\n:--\n| a |\n|---|\n", [], id="html-7-block-swallows"),
    pytest.param("foo\n<span>\n:--\n", [[[""]]], id="html-7-in-paragraph"),
    pytest.param("<span> | b\n--|--\n", [[["", "b"]]], id="inline-html-header"),
    pytest.param("a | b\n- | -\n", [], id="list-item-delimiter"),
    pytest.param("a\n==\n|-\n", [], id="setext-wins-over-header"),
    pytest.param("=\n|-\n", [[["="]]], id="equals-header"),
    pytest.param("--\n|-\n", [[["--"]]], id="dashes-header"),
    pytest.param("-\n|-\n", [], id="empty-list-item-header"),
    pytest.param("a\n*\n|-\n", [[["*"]]], id="empty-item-cannot-interrupt"),
    pytest.param("a\n2. x | y\n--|--\n", [[["2. x", "y"]]], id="item-from-2-cannot-interrupt"),
    pytest.param("```a`\n|-\n", [[["```a`"]]], id="not-a-fence-header"),
    pytest.param("> a\n===\n> |-\n", [[["==="]]], id="lazy-equals-header"),
    pytest.param("> text\n |\n> |-\n", [[[""]]], id="lazy-header-keeps-indent"),
    pytest.param("text\n |\n|-\n", [], id="header-indent-dropped"),
    pytest.param("> a\n|-\n|\n|\n> a\n|-\n", [], id="quote-reopened"),
    pytest.param("> q\n# h\na | b\n--|--\n", [[["a", "b"]]], id="lazy-heading-closes-quote"),
    pytest.param("| a |\n|-|\n| b |\n<meta x>\n", [[["a"], ["b"]]], id="meta-is-html-7"),
    pytest.param("<meta x> | b\n--|--\n", [[["", "b"]]], id="meta-is-not-html-6"),
    pytest.param("a | b\n-|-\n", [[["a", "b"]]], id="dash-pipe-delimiter"),
    pytest.param("| a |\n|--| x\n", [], id="text-after-delimiter"),
    pytest.param("| a |\n|:|\n", [], id="colon-only-delimiter"),
    pytest.param("[foo]: /url | b\n--|--\n", [[["[foo]: /url", "b"]]], id="definition-like-header"),
    pytest.param("[foo]: /url\n|---|\n", [[["[foo]: /url"]]], id="definition-as-header"),
    pytest.param(
        "[foo]: /url\n| a | b |\n|--|--|\n| [x][foo] | y |\n",
        [[["a", "b"], ["x", "y"]]],
        id="definition-before-table",
        marks=pytest.mark.xfail(
            strict=True,
            reason="cmark-gfm makes definitions right above a header plain paragraph text; "
            "mistune has already stored them; see the report",
        ),
    ),
    pytest.param("| a |\n|---|\n| b \\\n", [[["a"], ["b \\"]]], id="trailing-backslash"),
    pytest.param("| a |\\|\n|--|--|\n", [[["a", "|"]]], id="escaped-trailing-pipe"),
    pytest.param("|\ta\t|\tb\t|\n|---|---|\n|\tc|d\t|\n", [[["a", "b"], ["c", "d"]]], id="tabs-around-cells"),
    pytest.param("| a\x0b| b |\n|--|--|\n", [[["a\x0b", "b"]]], id="vertical-tab-kept"),
    pytest.param("| | |\n|---|---|\n| a | b |\n", [[["", ""], ["a", "b"]]], id="empty-header-cells"),
    pytest.param("| *a | b* |\n|--|--|\n", [[["*a", "b*"]]], id="emphasis-across-cells"),
    pytest.param("| a &#124; b |\n|--|\n", [[["a | b"]]], id="pipe-entity"),
    pytest.param("| é | 漢字 |\n|---|---|\n| ü | 😀 |\n", [[["é", "漢字"], ["ü", "😀"]]], id="unicode"),
    pytest.param("| a | b |\n|---|---|\n| c | d |", [[["a", "b"], ["c", "d"]]], id="no-final-newline"),
    pytest.param("| ~~del~~ | a ~~b~~ c |\n|--|--|\n", [[["del", "a b c"]]], id="strikethrough"),
    pytest.param(
        "| ~s~ |\n|--|\n",
        [[["s"]]],
        id="single-tilde-strikethrough",
        marks=pytest.mark.xfail(
            strict=True,
            reason="mistune's strikethrough plugin reads only `~~`; GitHub also strikes `~text~`",
        ),
    ),
    pytest.param(
        "foo\n     a | b\n--|--\n",
        [[["a", "b"]]],
        id="indented-header-in-paragraph",
        marks=pytest.mark.xfail(
            strict=True,
            reason="mistune's indented-code check appends the line to the paragraph before "
            "any rule sees it; see the report",
        ),
    ),
    pytest.param(
        "[x]:\na|b\n-|-\n",
        [[["a", "b"]]],
        id="definition-split-by-header",
        marks=pytest.mark.xfail(strict=True, reason="mistune reads both lines as one definition; see the report"),
    ),
    pytest.param(
        "> a\n> ```\nb | c\n--|--\n",
        [[["b", "c"]]],
        id="lazy-line-after-quoted-fence",
        marks=_quote_quirk("keeps lazy lines in a quote after a fence or an HTML block"),
    ),
    pytest.param(
        "> <br>\na | b\n--|--\n",
        [[["a", "b"]]],
        id="lazy-line-after-quoted-html",
        marks=_quote_quirk("keeps lazy lines in a quote after a fence or an HTML block"),
    ),
    pytest.param(
        "> \n> x\na\n|-\n",
        [],
        id="quote-opening-with-blank-line",
        marks=_quote_quirk("takes no lazy lines into a quote whose first line is blank"),
    ),
    pytest.param(
        "- | a | b |\n  |---|---|\n| c | d |\n",
        [[["a", "b"]]],
        id="list-lazy-row",
    ),
    pytest.param(
        "-  | a |\n   |--|\n  | b |\n",
        [[["a"]]],
        id="list-under-indented-row",
    ),
    pytest.param(
        "- a | b\n--|--\n",
        [],
        id="list-lazy-delimiter",
    ),
    pytest.param(
        "- foo\n| a |\n|---|\n",
        [],
        id="list-lazy-header-and-delimiter",
    ),
    pytest.param(
        "> - | a |\n>   |--|\n> | b |\n",
        [[["a"]]],
        id="quote-list-lazy-row",
    ),
]


@pytest.mark.parametrize(("markdown", "expected"), CASES)
def test_tables_match_cmark_gfm(markdown, expected):
    assert github_tables(markdown) == expected
    assert our_tables(markdown) == expected


_CELL_PARTS = ["a", "b", "xy", " ", "  ", "|", "\\|", "`", "*", "&amp;", "\\", "-", ":", "#", ">", "<br>"]
_cell = st.lists(st.sampled_from(_CELL_PARTS), max_size=4).map("".join)
_pad = st.sampled_from(["", " ", "  "])
_LIST_MARKER = re.compile(r"[ >]*[-*+](?:[ \t]|$)")


@st.composite
def _row(draw, cells) -> str:
    """One table line: cells joined by pipes, outer pipes and padding optional.

    No line starts a list item or is indented four spaces: lazy list lines and indented
    header lines are known gaps (the xfail cases above).
    """
    text = "|".join(draw(_pad) + cell + draw(_pad) for cell in cells)
    lead = draw(st.sampled_from(["", "|", "| ", " |"]))
    trail = draw(st.sampled_from(["", "|", " |"]))
    line = lead + text + trail
    line = line.lstrip(" ") if line.startswith("    ") else line
    return "|" + line if _LIST_MARKER.match(line) else line


@st.composite
def _table(draw) -> list[str]:
    width = draw(st.integers(1, 4))
    header = draw(st.lists(_cell, min_size=width, max_size=width))
    delimiter_width = draw(st.sampled_from([width] * 6 + [max(1, width - 1), width + 1]))
    marker = st.sampled_from(["-", "---", ":--", "--:", ":-:", " - "])
    markers = draw(st.lists(marker, min_size=delimiter_width, max_size=delimiter_width))
    lines = [draw(_row(header)), draw(_row(markers))]
    for cells in draw(st.lists(st.lists(_cell, max_size=6), max_size=4)):
        lines.append(draw(_row(cells)))
    return lines


@st.composite
def _document(draw) -> str:
    """Tables with paragraph lines around them, maybe inside a list item or a quote."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 2))):
        before = draw(st.sampled_from([[], ["text"], ["text", ""], ["more text", "a | b"]]))
        after = draw(st.sampled_from([[], [""], ["after"], ["", "after"]]))
        lines += before + draw(_table()) + after
    container = draw(st.sampled_from(["", "- ", "> ", "1. "]))
    if not container:
        return "\n".join(lines) + "\n"
    # mistune takes no lazy lines into a quote that opens with a blank line: a known gap.
    lines = lines[next(i for i, line in enumerate(lines) if line.strip()) :]
    indent = ">" if container == "> " else " " * len(container)
    nested = [container + lines[0].lstrip(" ")]  # more spaces would widen a list item's indent
    for line in lines[1:]:
        lazy = container == "> " and draw(st.integers(0, 9)) == 0
        nested.append(line if lazy or not line else indent + " " * (indent == ">") + line)
    return "\n".join(nested) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document())
def test_random_tables_match_cmark_gfm(markdown):
    assert our_tables(markdown) == github_tables(markdown)


def _cell_sources(markdown: str) -> list[list[list[str]]]:
    """For each table, rows of the page text that starts at each cell's reported position."""
    lines = markdown.splitlines()
    return [
        [[lines[cell.line - 1][cell.column - 1 :] for cell in row] for row in cell_rows(table)]
        for table in pipe_tables(markdown)
    ]


def _prefixes(sources: list[list[str]], expected: list[list[str]]) -> list[list[str]]:
    return [
        [source[: len(cell)] for source, cell in zip(row, cells, strict=True)]
        for row, cells in zip(sources, expected, strict=True)
    ]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param(
            "# Title\n\n| Name | `a \\| b` | **c** |\n|------|:--:|---|\n|  x  | y |\n| 1 |2|  3  | 4 |\n",
            [["Name", "`a \\| b`", "**c**"], ["x", "y", ""], ["1", "2", "3"]],
            id="top-level",
        ),
        pytest.param(
            "- item\n\n  | a | b |\n  |---|---|\n  |   c |d|\n",
            [["a", "b"], ["c", "d"]],
            id="list-item",
        ),
        pytest.param(
            "1. | a | b |\n   |---|---|\n   | c | d |\n",
            [["a", "b"], ["c", "d"]],
            id="ordered-list-first-line",
        ),
        pytest.param(
            "> | a | b |\n> |---|---|\n>| c | d |\n>  e | f\n",
            [["a", "b"], ["c", "d"], ["e", "f"]],
            id="quote",
        ),
        pytest.param(
            "- > | a | b |\n  > |---|---|\n  > | c | d |\n",
            [["a", "b"], ["c", "d"]],
            id="quote-in-list",
        ),
        pytest.param(
            "---\r\ntitle: T\r\n---\r\n\r\nText\r\n| a | b |\r\n|---|---|\r\n| c | d |\r\n",
            [["a", "b"], ["c", "d"]],
            id="front-matter-crlf",
        ),
    ],
)
def test_cells_point_at_their_text(markdown, expected):
    (sources,) = _cell_sources(markdown)
    assert _prefixes(sources, expected) == expected


def test_table_position_and_padded_cells():
    markdown = "Intro\n\n  | a | b | c |\n  |---|---|---|\n  | d |  \n  | e | f | g | h | i |\n"
    (table,) = pipe_tables(markdown)
    assert (table.line, table.column, table.end_line) == (3, 1, 6)  # the column of the header line
    (sources,) = _cell_sources(markdown)
    assert sources[1] == ["d |  ", "  ", "  "]  # padded cells sit just after the row's text
    missing, extra = table.facts
    assert (missing.kind, missing.line, missing.column) == ("pipe-row-missing-cells", 5, 8)
    assert (extra.kind, extra.line, extra.column) == ("pipe-row-extra-cells", 6, 17)
    assert extra.data["dropped"] == ["h", "i"]


#: Lines that end a table (and one that does not), for long tables.
_ENDERS = ["", "  ", "|", " | ", "# heading", "> quote", "- item", "```", "    code", "<div>", "plain text", "x | y"]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 300), st.sampled_from(_ENDERS), st.sampled_from(["", "> ", "- "]))
def test_long_tables_end_where_cmark_gfm_ends_them(rows, ender, container):
    """Rows are read a growing chunk of lines at a time: a table ends at the same line
    whatever chunk that line falls in, at the top level and in containers."""
    indent = ">" if container == "> " else " " * len(container)
    lines = [container + "| a | b |", indent + " |---|---|"]
    lines += [f"{indent} | {k} | {k * k} |" for k in range(rows)]
    lines += [indent + " " + ender if ender else "", "", "after"]
    markdown = "\n".join(lines) + "\n"
    assert our_tables(markdown) == github_tables(markdown)
