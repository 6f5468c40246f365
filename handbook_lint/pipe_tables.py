"""GFM pipe tables as GitHub (cmark-gfm) reads them, as a mistune block rule.

mistune's own table plugin differs from GitHub in ways that matter for a linter: it drops
tables with ragged rows, keeps `\\|` in code spans, ends tables early and skips tables in
lists and quotes. This rule follows cmark-gfm's table extension instead:

- a table is a header line and a delimiter row with the same number of cells; the header
  may be the last line of a paragraph;
- rows continue until a blank line, a line that starts another block, or a line with no
  cell; a line without pipes is a one-cell row;
- cells split on unescaped pipes (code spans do not protect them); `\\|` becomes `|`;
- rows with missing cells are padded, extra cells dropped: both are kept as facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mistune.block_parser import BlockParser
from mistune.core import BlockState

RULE_NAME = "gfm_table"
_DELIMITER_CELL = r"[ \t]*:?-+:?[ \t]*"
DELIMITER_ROW = re.compile(
    rf"^ {{0,3}}\|?{_DELIMITER_CELL}(?:\|{_DELIMITER_CELL})*\|?[ \t]*$"
)
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}-+[ \t]*$")
_HTML_BLOCK_START = BlockParser.BLOCK_HTML.removeprefix("^")
PATTERN = (
    rf"^(?!{_HTML_BLOCK_START})"
    r"(?P<gfm_table_head> {0,3}[^ \t\n][^\n]*)\n"
    r"(?P<gfm_table_delim> {0,3}[|:-][|:\- \t]*)$"
)
_ROW_INTERRUPT = re.compile(
    r"^(?:"
    r" {4}| {0,3}\t"  # indented code
    r"| {0,3}(?:`{3,}|~{3,})"  # fenced code
    r"| {0,3}#{1,6}(?:[ \t]|$)"  # ATX heading
    r"| {0,3}>"  # block quote
    r"| {0,3}(?:[*+-]|[0-9]{1,9}[.)])(?:[ \t]|$)"  # list item
    r"| {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$"  # thematic break
    rf"|{_HTML_BLOCK_START}"
    r")"
)


@dataclass(frozen=True, slots=True)
class RowCell:
    """A pipe cell: its text with `\\|` unescaped, and its 0-based offset in the line."""

    text: str
    offset: int


def split_row(line: str) -> list[RowCell]:
    """Split one table line into cells exactly as cmark-gfm does; [] means "not a row"."""
    n = len(line)
    i = _skip_spaces(line, 0)
    if i < n and line[i] == "|":
        i = _skip_spaces(line, i + 1)
    cells: list[RowCell] = []
    while i < n:
        start = i
        while i < n and line[i] != "|":
            i += 2 if line.startswith("\\|", i) else 1
        has_pipe = i < n
        raw = line[start:i]
        stripped = raw.strip(" \t\v\f")
        offset = start + (len(raw) - len(raw.lstrip(" \t\v\f"))) if stripped else start
        cells.append(RowCell(stripped.replace("\\|", "|"), offset))
        if not has_pipe:
            break
        i = _skip_spaces(line, i + 1)
    return cells


def _skip_spaces(line: str, i: int) -> int:
    while i < len(line) and line[i] in " \t\v\f":
        i += 1
    return i


def parse_gfm_table(block: BlockParser, m: re.Match[str], state: BlockState) -> int | None:
    """mistune rule: append a `gfm_table` token, or return None to leave a paragraph line."""
    head_line = m.group("gfm_table_head")
    delimiter = m.group("gfm_table_delim")
    if not DELIMITER_ROW.match(delimiter):
        return None
    if "|" not in delimiter and _SETEXT_UNDERLINE.match(delimiter):
        return None
    header = split_row(head_line)
    if len(header) != len(split_row(delimiter)):
        return None
    lines = [head_line, delimiter]
    rows: list[list[RowCell]] = []
    pos = m.end() + 1
    while pos < state.cursor_max:
        end = state.src.find("\n", pos)
        end = state.cursor_max if end < 0 else end
        line = state.src[pos:end]
        if not line.strip() or pos in state.lazy_line_starts or _ROW_INTERRUPT.match(line):
            break
        cells = split_row(line)
        if not cells:
            break
        rows.append(cells)
        lines.append(line)
        pos = end + 1
    state.append_token(
        {
            "type": RULE_NAME,
            "header": header,
            "rows": rows,
            "lines": lines,
            "align": [_alignment(cell.text) for cell in split_row(delimiter)],
            "root": state.parent is None,
        }
    )
    return min(pos, state.cursor_max)


def _alignment(marker: str) -> str | None:
    left, right = marker.startswith(":"), marker.endswith(":")
    if left and right:
        return "center"
    return "left" if left else "right" if right else None


def install(md: Any) -> None:
    """Register the rule at top level and inside lists and block quotes."""
    md.block.register(RULE_NAME, PATTERN, parse_gfm_table, before="raw_html")
    for rules in (md.block.list_rules, md.block.block_quote_rules):
        if RULE_NAME not in rules:
            rules.insert(rules.index("raw_html"), RULE_NAME)
