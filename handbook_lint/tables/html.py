"""HTML tables as the rendered page shows them, parsed by html5lib (see `html_tree`).

The page is rendered block by block (raw HTML blocks verbatim, everything else through the
Markdown renderer), and each run of blocks from a `<table>` to the `</table>` that closes it
is parsed by html5lib, the WHATWG parser: so a table whose HTML block a blank line cut gets
the cells a browser shows, Markdown between its pieces is rendered, and code blocks, code
spans and comments never yield tables. Blocks outside tables are never parsed as HTML.
html5lib also reports where each start tag stands, which is mapped back to the page.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, NamedTuple, cast

from handbook_lint.tables.markdown import Block, Document, line_starts
from handbook_lint.tables.model import Fact, GroupKind, RawCell, RawColumns, RawRow, RawTable, RowGroup
from handbook_lint.tables.text import text_of_element

if TYPE_CHECKING:  # html5lib is imported only by pages with HTML tables
    from handbook_lint.tables.html_tree import Caps, Element

_TABLE_TAG = re.compile(r"<table[\s/>]", re.IGNORECASE)
_TABLE_BOUNDARY = re.compile(r"<!--.*?-->|<(/?)table(?=[\s/>])", re.IGNORECASE | re.DOTALL)
_VERBATIM = frozenset({"block_html", "blank_line"})
_GROUPS = frozenset({"thead", "tbody", "tfoot"})
#: Chromium's nesting cap (kMaximumHTMLParserDOMTreeDepth): deeper elements attach at this depth.
CHROMIUM_MAX_DEPTH = 512


class _Segment(NamedTuple):
    stream_start: int
    block: Block
    verbatim: bool


class _Stream:
    """The rendered HTML of a run of blocks holding tables, mapped back to the page."""

    def __init__(self, document: Document, rendered: list[tuple[Block, str]]):
        self.document = document
        self.segments: list[_Segment] = []
        length = 0
        for block, html in rendered:
            self.segments.append(_Segment(length, block, block.token["type"] in _VERBATIM))
            length += len(html)
        self.html = "".join(html for _, html in rendered)
        self._starts = [segment.stream_start for segment in self.segments]
        self._line_starts = line_starts(self.html)

    def segment_at(self, offset: int) -> _Segment:
        return self.segments[bisect.bisect_right(self._starts, offset) - 1]

    def tag_offset(self, element: Element) -> int | None:
        """Stream offset of the element's own start tag; None for parser-implied elements."""
        if element.offset is None:
            return None
        start = self.html.rfind("<", 0, element.offset)
        if start < 0 or not self.html.startswith(element.name, start + 1):
            return None
        return start

    def page_offset(self, offset: int) -> int:
        """Where a stream offset stands in the page.

        Raw HTML blocks are copied verbatim, so offsets carry over. Inside a rendered block
        (a list item, a quote) the tag is found again in the block's source: its n-th
        occurrence in the rendering is taken to be its n-th occurrence in the source.
        """
        segment = self.segment_at(offset)
        if segment.verbatim:
            return segment.block.start + offset - segment.stream_start
        tag_end = self.html.find(">", offset)
        if tag_end < 0:
            return segment.block.start
        tag = self.html[offset : tag_end + 1]
        occurrence = self.html.count(tag, segment.stream_start, offset)
        body, found = self.document.page.body, segment.block.start - 1
        for _ in range(occurrence + 1):
            found = body.find(tag, found + 1, segment.block.end)
            if found < 0:
                return segment.block.start
        return found


def extract_html_tables(document: Document, *, max_depth: int = CHROMIUM_MAX_DEPTH) -> list[RawTable]:
    """Every `<table>` the rendered page holds, nested ones included, in document order.

    Elements nested deeper than `max_depth` are attached at that depth, as browsers do.
    """
    tables: list[RawTable] = []
    for run in _table_runs(document):
        from handbook_lint.tables.html_tree import parse_html

        stream = _Stream(document, run)
        tree, caps = parse_html(stream.html, max_depth=max_depth)
        found = [_raw_table(element, stream) for element in tree.find_all("table")]
        if found and caps.changed:
            _record_caps(stream, caps, found, max_depth)
        tables.extend(found)
    return tables


def _table_runs(document: Document) -> list[list[tuple[Block, str]]]:
    """Runs of rendered blocks, each from a block opening a table to the block closing it
    (to the end of the page when it is never closed)."""
    body = document.page.body
    runs: list[list[tuple[Block, str]]] = []
    depth = 0
    for block in document.blocks:
        if not depth and not _TABLE_TAG.search(body, block.start, block.end):
            continue
        verbatim = block.token["type"] in _VERBATIM
        html = body[block.start : block.end] if verbatim else document.render_block(block)
        if not depth:
            runs.append([])
        runs[-1].append((block, html))
        for match in _TABLE_BOUNDARY.finditer(html):
            if not match.group(0).startswith("<!--"):
                depth = max(0, depth - 1) if match.group(1) else depth + 1
    return runs


def _raw_table(table: Element, stream: _Stream) -> RawTable:
    start = stream.tag_offset(table) or 0
    end = _closing_offset(stream.html, start)
    line, column = _position(stream, start)
    end_line = _position(stream, end if end is not None else len(stream.html) - 1)[0]
    groups = [
        RowGroup(cast(GroupKind, group.name), [_raw_row(tr, stream, (line, column)) for tr in _children(group, {"tr"})])
        for group in _children(table, _GROUPS)
    ]
    raw = RawTable("html", line, column, end_line, groups, columns=_raw_columns(table, stream, (line, column)))
    if end is None:
        raw.facts.append(
            Fact(
                "html-table-unclosed",
                line,
                column,
                "<table> is never closed; the browser closes it at the end of the page",
            )
        )
    raw.facts.extend(_cut_facts(stream, start, end if end is not None else len(stream.html)))
    return raw


def _raw_columns(table: Element, stream: _Stream, fallback: tuple[int, int]) -> list[RawColumns]:
    """The `<col>`s of the column groups before the table's first row group (a group with
    no `<col>` counts as one, with its own span); later column groups declare nothing."""
    columns = []
    for child in _children(table, _GROUPS | {"colgroup"}):
        if child.name != "colgroup":
            break
        for element in _children(child, {"col"}) or [child]:
            offset = stream.tag_offset(element)
            line, column = _position(stream, offset) if offset is not None else fallback
            columns.append(RawColumns(element.get("span"), line, column))
    return columns


def _raw_row(tr: Element, stream: _Stream, table_position: tuple[int, int]) -> RawRow:
    cells = [_raw_cell(cell, stream, table_position) for cell in _children(tr, {"td", "th"})]
    offset = stream.tag_offset(tr)
    if offset is not None:
        line, column = _position(stream, offset)
    elif cells:
        line, column = cells[0].line, cells[0].column
    else:
        line, column = table_position
    return RawRow(cells, line, column)


def _raw_cell(cell: Element, stream: _Stream, fallback: tuple[int, int]) -> RawCell:
    offset = stream.tag_offset(cell)
    line, column = _position(stream, offset) if offset is not None else fallback
    attributes = cell.attributes
    return RawCell(
        text_of_element(cell), cell.name == "th", line, column, attributes.get("colspan"), attributes.get("rowspan")
    )


def _children(element: Element, names: set[str] | frozenset[str]) -> list[Element]:
    return [child for child in element.children if getattr(child, "name", None) in names]


def _position(stream: _Stream, offset: int) -> tuple[int, int]:
    return stream.document.lines.position(stream.page_offset(offset))


def _closing_offset(html: str, start: int) -> int | None:
    """Offset of the `</table>` that closes the table starting at `start`, if any."""
    depth = 0
    for match in _TABLE_BOUNDARY.finditer(html, start):
        if match.group(0).startswith("<!--"):
            continue
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.start()
    return None


def _cut_facts(stream: _Stream, start: int, end: int) -> list[Fact]:
    """A blank line inside the table ends its HTML block: what follows is read as Markdown.

    One fact at the first blank line; its data lists every run of blank lines inside the
    table (first and last line, and the kinds of the blocks around it) and the line where
    the run of blocks holding the table starts, for cut-html-table to compare renderings.
    """
    lines = stream.document.lines
    segments = stream.segments
    index = segments.index(stream.segment_at(start))
    cuts = []
    for at in range(index + 1, len(segments)):
        segment = segments[at]
        if segment.stream_start > end:
            break
        if segment.block.token["type"] == "blank_line":
            after = segments[at + 1].block.token["type"] if at + 1 < len(segments) else None
            cuts.append(
                {
                    "first": lines.position(segment.block.start)[0],
                    "last": lines.position(segment.block.end - 1)[0],
                    "before": segments[at - 1].block.token["type"],
                    "after": after,
                }
            )
    if not cuts:
        return []
    line = cuts[0]["first"]
    return [
        Fact(
            "html-table-cut",
            line,
            1,
            "blank line inside an HTML table ends the HTML block; what follows is rendered as Markdown",
            {"blank_line": line, "cuts": cuts, "run_line": lines.position(segments[0].block.start)[0]},
        )
    ]


def _record_caps(stream: _Stream, caps: Caps, tables: list[RawTable], max_depth: int) -> None:
    """What a bound of the parse changed, as facts on the first table it may have changed."""
    from handbook_lint.tables.html_tree import FORMATTING_LIMIT, REOPEN_LIMIT

    where = {}
    if caps.flattened_at is not None:
        where[caps.flattened_at] = (
            f"elements nested more than {max_depth} deep (up to {caps.deepest:,} here): browsers attach "
            "deeper elements at that depth, so the markup from here on is not laid out as written"
        )
    if caps.formatting_at is not None:
        where[caps.formatting_at] = (
            f"more than {FORMATTING_LIMIT} formatting elements (such as <b>, <i>, <font>) are left open: "
            "the oldest are not reopened after this point"
        )
    if caps.reopen_at is not None:
        where[caps.reopen_at] = (
            f"formatting elements left open were reopened {REOPEN_LIMIT:,} times: they are not reopened after this point"
        )
    if caps.stopped_at is not None:
        where[caps.stopped_at] = "markup nested too deep to read in bounded time: the HTML after this point is not read"
    for offset, message in sorted(where.items()):
        tag = stream.html.rfind("<", 0, offset)
        line, column = _position(stream, tag if tag >= 0 else offset)
        table = next((t for t in tables if t.end_line >= line), tables[-1])
        table.facts.append(Fact("nesting-too-deep", line, column, message, {"max_depth": max_depth}))
