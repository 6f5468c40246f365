"""GFM pipe tables as GitHub (cmark-gfm) reads them, as a mistune block rule.

mistune's own table plugin differs from GitHub in ways that matter for a linter: it drops
tables with ragged rows, keeps `\\|` in code spans, ends tables early and skips tables in
lists and quotes. This rule follows cmark-gfm's table extension instead:

- a table is a header line and a delimiter row with the same number of cells; the header
  is paragraph text, maybe the last line of a paragraph, and a paragraph that has met a
  delimiter row of the wrong width never becomes a table;
- the delimiter row must not be lazy or start another block (setext underline, list item);
- rows continue until a blank line, a lazy line, a line that starts another block (HTML
  blocks of every type included), or a line with no cell; a line without pipes is a
  one-cell row;
- cells split on unescaped pipes (code spans do not protect them); `\\|` becomes `|`;
- rows with missing cells are padded, extra cells dropped: both are kept as facts;
- a header and delimiter row of unequal width make no table: the pair is recorded in
  `state.env[MISMATCHES]`, since readers then see a paragraph of pipes.

The token keeps the table's lines; `row_cells` splits a row where the table is read, so that
each row is split once.

The rule runs before mistune's own block rules and leaves them every line that is not
a table header, because cmark-gfm reads as paragraph text some lines that mistune would
take as a list item, a setext underline or a fence.
"""

from __future__ import annotations

import functools
import re
import sys
from typing import Any

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.helpers import BLOCK_TAGS

from handbook_lint.tables.model import Cell

RULE_NAME = "gfm_table"
MISMATCHES = "gfm_table_mismatches"  # env key: header/delimiter pairs of unequal width
_DELIMITER_CELL = r"[ \t\v\f]*:?-+:?[ \t\v\f]*"
DELIMITER_ROW = re.compile(rf"^ {{0,3}}\|?{_DELIMITER_CELL}(?:\|{_DELIMITER_CELL})*\|?[ \t\v\f]*$")
# cmark-gfm's type 6 names are mistune's block tags without `meta`.
_TYPE_6_TAGS = "|".join(tag for tag in BLOCK_TAGS if tag != "meta")
_HTML_1_TO_6 = (
    r" {0,3}(?:<(?i:pre|script|style|textarea)(?:[ \t>]|$)"
    rf"|</?(?i:{_TYPE_6_TAGS})(?:[ \t>]|/>|$)"
    r"|<!--|<\?|<![A-Z]|<!\[CDATA\[)"
)
_TAG_NAME = r"[A-Za-z][A-Za-z0-9-]*"
_ATTRIBUTE = (
    r"[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*"
    r"""(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?"""
)
_HTML_7 = rf" {{0,3}}(?:<{_TAG_NAME}(?:{_ATTRIBUTE})*[ \t]*/?>|</{_TAG_NAME}[ \t]*>)[ \t]*$"
_STARTS_ANYWHERE = "|".join(  # block starts that interrupt a paragraph too
    (
        r" {0,3}(?:`{3,}[^`]*$|~{3,})",  # fenced code
        r" {0,3}#{1,6}(?:[ \t]|$)",  # ATX heading
        r" {0,3}>",  # block quote
        r" {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$",  # thematic break
        r" {0,3}(?:[*+-]|0{0,8}1[.)])[ \t]+[^ \t]",  # list item with text, numbered from 1
        _HTML_1_TO_6,
    )
)
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
#: What a line that `_opens_block` accepts can start with (every branch starts with a space, a
#: tab or one of the others): most rows, heads and delimiter rows start with a pipe and need no match.
_MAY_OPEN_BLOCK = frozenset(" \t`~#>*_-+0123456789<")
_MAY_INTERRUPT = _MAY_OPEN_BLOCK | {"="}  # and a setext underline


@functools.cache
def _block_starts() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Block starts that interrupt a paragraph, and those only where no paragraph is open (as
    after a table row); compiled when a line first needs them (the tag names take 1.5 ms)."""
    after_blank = rf" {{4}}| {{0,3}}\t| {{0,3}}(?:[*+-]|[0-9]{{1,9}}[.)])(?:[ \t]|$)|{_HTML_7}"
    return re.compile(_STARTS_ANYWHERE), re.compile(after_blank)


def _opens_block(text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
    """Whether the line at `pos` starts a block where no paragraph is open."""
    if pos >= min(endpos, len(text)) or text[pos] not in _MAY_OPEN_BLOCK:
        return False
    anywhere, after_blank = _block_starts()
    return bool(anywhere.match(text, pos, endpos) or after_blank.match(text, pos, endpos))


def _interrupts_paragraph(line: str) -> bool:
    """Whether a line ends an open paragraph: a block start, or a setext underline."""
    if not line or line[0] not in _MAY_INTERRUPT:
        return False
    return bool(_block_starts()[0].match(line) or _SETEXT_UNDERLINE.match(line))


PATTERN = (
    rf"^(?!{_STARTS_ANYWHERE})"
    r"(?P<gfm_table_head> {0,3}[^ \t\n][^\n]*)\n"
    r"(?P<gfm_table_delim> {0,3}[|:-][|:\- \t\v\f]*)$"
)
_TRIED = "_gfm_table_tried"  # on a paragraph that met a delimiter row of the wrong width
_WALK = "_gfm_quote_walk"  # on a paragraph in a quote: how far its lazy lines were read


#: A pipe cell: its text (`\\|` unescaped) and its 0-based offset in the line. A plain tuple:
#: tables can have hundreds of thousands of cells.
RowCell = tuple[str, int]


def split_row(line: str, *, lazy: bool = False) -> list[RowCell]:
    """Split one table line into cells exactly as cmark-gfm does; [] means "not a row".

    A lazy paragraph line keeps its indentation, so a pipe after it opens a cell. A cell
    ends at a pipe that no backslash escapes.
    """
    if lazy or "\\" in line or "\v" in line or "\f" in line:
        return _split_escaped(line, 0 if lazy else _INDENT.match(line).end())  # type: ignore[union-attr]
    pieces, start = _cell_pieces(line)
    cells = []
    for piece in pieces:
        text = piece.lstrip(" \t")
        cells.append((text.rstrip(" \t"), start + len(piece) - len(text)))
        start += len(piece) + 1
    return cells


def row_cells(line: str, row: int, line_number: int, column: int, header: bool) -> list[Cell]:
    """The cells of a table line that is not lazy, as `split_row` splits it, as grid row `row`
    of cells that span nothing, at page columns counted from `column` (the line's first)."""
    if "\\" in line or "\v" in line or "\f" in line:
        split = _split_escaped(line, _INDENT.match(line).end())  # type: ignore[union-attr]
        return [
            Cell(row, x, 1, 1, header, text, line_number, column + offset) for x, (text, offset) in enumerate(split)
        ]
    pieces, start = _cell_pieces(line)
    start += column
    cells = []
    for x, piece in enumerate(pieces):
        text = piece.lstrip(" \t")
        cells.append(Cell(row, x, 1, 1, header, text.rstrip(" \t"), line_number, start + len(piece) - len(text)))
        start += len(piece) + 1
    return cells


def _cell_pieces(line: str) -> tuple[list[str], int]:
    """The pieces of a line without escapes (not lazy) that are cells, and the offset of the first.

    Every pipe ends a cell. The piece before the first pipe is a cell unless it is only
    indentation (a leading pipe), the piece after the last unless it is empty (a trailing one).
    """
    pieces = line.split("|")
    start, first, stop = 0, 0, len(pieces)
    if not pieces[0].strip(" \t"):
        start, first = len(pieces[0]) + 1, 1
    if stop > first and not pieces[-1].strip(" \t"):
        stop -= 1
    return pieces[first:stop], start


def _split_escaped(line: str, i: int) -> list[RowCell]:
    """`split_row` after the indentation (offset `i`), for any line."""
    n = len(line)
    if i < n and line[i] == "|":
        i = _SPACE.match(line, i + 1).end()  # type: ignore[union-attr]
    cells: list[RowCell] = []
    while i < n:
        start = i
        end = _CELL_END.search(line, i)
        i = end.start() if end else n
        raw = line[start:i]
        stripped = raw.strip(" \t")
        offset = start + (len(raw) - len(raw.lstrip(" \t"))) if stripped else start
        cells.append((stripped.replace("\\|", "|") if "\\" in stripped else stripped, offset))
        if end is None:
            break
        i = _SPACE.match(line, i + 1).end()  # type: ignore[union-attr]
    return cells


_INDENT = re.compile(r"[ \t]*")
_SPACE = re.compile(r"[ \t\v\f]*")
_CELL_END = re.compile(r"(?<!\\)\|")


def parse_gfm_table(block: BlockParser, m: re.Match[str], state: BlockState) -> int:
    """mistune rule: append a `gfm_table` token, or leave the head line to other rules."""
    head_line = m.group("gfm_table_head")
    delimiter = m.group("gfm_table_delim")
    paragraph = _open_paragraph(state)
    lazy = state.lazy_line_starts
    after_quote, continues = _quote_laziness(state, paragraph, m.start())
    lazy_head = not after_quote and m.start() in lazy
    head_opens = _interrupts_paragraph if continues and not lazy_head else _opens_block
    if (
        head_opens(head_line)
        or (m.start("gfm_table_delim") in lazy) != after_quote
        or _interrupts_paragraph(delimiter)
        or (continues and paragraph is not None and paragraph.get(_TRIED))
        or not DELIMITER_ROW.match(delimiter)
    ):
        return _defer(block, state)
    header = split_row(head_line, lazy=lazy_head)
    width = len(split_row(delimiter))
    if len(header) != width:
        mismatch = {"lines": [head_line, delimiter], "header": len(header), "delimiter": width}
        state.env.setdefault(MISMATCHES, []).append(mismatch)
        return _paragraph_line(state, tried=True)
    lines = [head_line, delimiter]
    pos = _read_rows(state, m.end() + 1, after_quote, lines)
    state.append_token(
        {
            "type": RULE_NAME,
            "header": header,
            "lines": lines,
            "align": [_alignment(text) for text, _ in split_row(delimiter)],
            "root": state.parent is None,
        }
    )
    return min(pos, state.cursor_max)


def _read_rows(state: BlockState, pos: int, after_quote: bool, lines: list[str]) -> int:
    """Append the table's row lines from offset `pos` to `lines`; return where the table ends.

    A row ends the table if it is blank, lazy where the header was not (or the reverse),
    opens a block, or has no cell (a lone pipe). The lines are split a growing chunk at a
    time, so that a long table costs one `str.split` and a short one little. Rows are not
    split into cells here: `split_row` does that where cells are read.
    """
    src, stop, lazy = state.src, state.cursor_max, state.lazy_line_starts
    laziness_matters = bool(lazy) or after_quote
    chunk = 64
    while pos < stop:
        end = src.find("\n", min(pos + chunk, stop), stop)
        chunk *= 2
        for line in src[pos : stop if end < 0 else end].split("\n"):
            text = line.strip(" \t")
            if (
                not text
                or text.rstrip(" \t\v\f") == "|"  # no cell
                or _opens_block(line)
                or (laziness_matters and (pos in lazy) != after_quote)
            ):
                return pos
            lines.append(line)
            pos += len(line) + 1
    return pos


def _quote_laziness(state: BlockState, paragraph: dict[str, Any] | None, head: int) -> tuple[bool, bool]:
    """Whether the head line stands after the quote, and whether it continues a paragraph.

    mistune keeps every lazy line in the quote. For cmark-gfm a lazy line that continues
    no paragraph, or opens a block, closes the quote; a later `>` line opens a new one.
    The walk over the paragraph's lines is kept on it, to resume at its next line.
    """
    lazy = state.lazy_line_starts
    if paragraph is None:
        return head in lazy, False
    if not lazy:
        return False, True
    first = max(0, head - len(paragraph["text"]))
    line, after_quote, start = paragraph.get(_WALK) or (first, first in lazy, first)
    while line < head:
        end = state.src.index("\n", line)
        if line in lazy and _opens_block(state.src, line, end):
            after_quote, start = True, end + 1
        line = end + 1
        if after_quote and line not in lazy:
            after_quote, start = False, line
    paragraph[_WALK] = (line, after_quote, start)
    return after_quote, start < head


def _open_paragraph(state: BlockState) -> dict[str, Any] | None:
    last = state.last_token()
    return last if last and last["type"] == "paragraph" else None


def _defer(block: BlockParser, state: BlockState) -> int:
    """Leave the head line to the rules that come after this one."""
    rules = ["setex_heading", "list", "ref_link", "raw_html"]
    if state.depth() >= block.max_nested_level - 1:
        rules.remove("list")  # mistune's own bound on nesting
    other = block.compile_sc(rules).match(state.src, state.cursor)
    end = block.parse_method(other, state) if other else None
    return end or _paragraph_line(state, tried=False)


def _paragraph_line(state: BlockState, *, tried: bool) -> int:
    end = state.find_line_end()
    state.add_paragraph(state.get_text(end))
    if tried:
        state.tokens[-1][_TRIED] = True
    return end


def _alignment(marker: str) -> str | None:
    left, right = marker.startswith(":"), marker.endswith(":")
    if left and right:
        return "center"
    return "left" if left else "right" if right else None


def install(md: Any) -> None:
    """Register the rule first, at top level and inside lists and block quotes.

    It runs before mistune's rules because cmark-gfm reads a header as paragraph text
    where mistune sees a list item, a setext underline or a failed fence.
    """
    md.block.register(RULE_NAME, PATTERN, parse_gfm_table, before=md.block.rules[0])
    for rules in (md.block.list_rules, md.block.block_quote_rules):
        if RULE_NAME not in rules:
            rules.insert(0, RULE_NAME)
