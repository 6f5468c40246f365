"""What a page says, as a text extractor sees it: prose units and table cells in reading order.

The plain-text comparison needs the page as a sequence of units it can line up with an
export: each heading, paragraph, list item and code block is a prose unit; each table cell
is a cell unit. Images are left out (extractors drop them), and so is everything inside a
table's lines, which the tables account for.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from mistune.core import BlockState, InlineState

from handbook_lint.plaintext.dialects import Fragment
from handbook_lint.plaintext.diff import matching_blocks
from handbook_lint.plaintext.extractor import (
    DIV_TEXT_LIMIT,
    REASON_TRAILING_HEADING,
    SHARING_WORD,
    LinkReader,
    table_reason,
)
from handbook_lint.plaintext.extractor import REASON_SHARING as SHARING_WORD_REASON
from handbook_lint.tables.markdown import Block, Document
from handbook_lint.tables.model import Cell, Table
from handbook_lint.tables.pipe import RULE_NAME as PIPE_TABLE

UnitKind = Literal["heading", "text", "cell"]
DivergenceKind = Literal["table-missing", "table-extra", "row-missing", "row-extra", "cell", "prose", "lost"]


@dataclass(frozen=True, slots=True)
class Divergence:
    """Where page and export part: a page position, an export position, both texts quoted."""

    kind: DivergenceKind
    line: int
    column: int
    export_line: int
    export_column: int
    message: str
    export_message: str
    page_text: str = ""  # what the page says there ("" for something only the export has)
    export_text: str = ""  # what the export says there ("" for something it lacks)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "line": self.line,
            "column": self.column,
            "export_line": self.export_line,
            "export_column": self.export_column,
            "message": self.message,
            "page_text": self.page_text,
            "export_text": self.export_text,
        }


_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f"
)
#: The tokens of text with no character from `_CJK_START` on: `_cjk_tokens` without the CJK ranges.
_TOKENS = re.compile(r"\w+|[^\w\s|\-~]")
_CJK_START = _CJK[0]  # the first range starts lowest
# GitHub's tagfilter: these tags are escaped, so a page shows them (and what they hold) as text.
_TASK_BOX = re.compile(r"^\[[ xX]\] ")
_TAGFILTER = re.compile(r"<(?=/?(?i:title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext)\b)")


@dataclass(slots=True)
class Unit:
    """A piece of the page: its visible text and where it starts."""

    kind: UnitKind
    text: str
    line: int
    column: int
    section: int  # index of the heading above (0 before the first heading)
    table: int | None = None  # index into the page's tables, for cells
    cell: Cell | None = None
    lost: str | None = None  # why the extractor is known to drop this text, if it is
    block: int = 0  # the page block (or table) it belongs to: lost text is reported once per block
    drops: tuple[str, ...] = ()  # cells: text inside the table that the extractor drops
    loose: bool = False  # prose: text in no element (raw HTML), the tail of the element before


def words(text: str) -> list[str]:
    """The tokens compared, white space and layout left out: NFKC-normalized; each CJK
    character one token (text without spaces is compared by characters); each run of
    letters and digits one token; each other symbol one token, except pipes and hyphens.

    So where an extractor adds or drops spaces (at inline code, bold, links) the tokens stay
    the same. Pipes are left out because trafilatura 1.x does not escape them in cell text;
    hyphens because 1.x writes ``- `` bullets inside cells and glued to the text before;
    tildes because GitHub reads ``1~9 … 2~5`` as strikethrough, which the export drops.
    Characters trafilatura's output drops (zero-width and other non-printing ones) are
    dropped too. Character references are decoded, as trafilatura decodes its whole output
    once more (``html.unescape`` in ``xmltotxt``): a page showing ``&#124;`` (the reference
    inside a code span) has an export showing ``|``.
    """
    text = unicodedata.normalize("NFKC", html.unescape(text))
    if not text.isprintable():
        text = "".join(ch for ch in text if ch.isprintable() or ch.isspace())
    return _token_pattern(text).findall(text)


def token_matches(text: str) -> Iterator[re.Match[str]]:
    """The tokens of `text` as `words` finds them (before its normalization), with their places."""
    return _token_pattern(text).finditer(text)


def _token_pattern(text: str) -> re.Pattern[str]:
    return _TOKENS if not text or max(text) < _CJK_START else _cjk_tokens()


@functools.cache
def _cjk_tokens() -> re.Pattern[str]:
    """The tokens of text that may hold CJK characters. Compiling the CJK ranges takes about
    9 ms (Python builds their character map in a loop), so only runs that meet such text do."""
    return re.compile(rf"[{_CJK}]|[^\W{_CJK}]+|[^\w\s|\-~{_CJK}]")


def page_units(document: Document, tables: list[Table], dialect: str = "trafilatura-2") -> list[Unit]:
    """Every unit of the page in reading order; tables at their place, row by row; each
    marked with why the extractor of `dialect` drops it, when it does."""
    spans = [(table.line, table.end_line) for table in tables]
    prose = list(_prose_units(document, spans, dialect))
    table_lost, drops = _tables_lost(document, tables, dialect)
    units: list[Unit] = []
    pending = sorted(range(len(tables)), key=lambda i: (tables[i].line, tables[i].column))
    section = 0
    for unit in prose:
        while pending and (tables[pending[0]].line, tables[pending[0]].column) < (unit.line, unit.column):
            units.extend(_cell_units(tables[pending[0]], pending[0], section, table_lost, drops))
            pending.pop(0)
        if unit.kind == "heading":
            section += 1
        unit.section = section
        units.append(unit)
    for index in pending:
        units.extend(_cell_units(tables[index], index, section, table_lost, drops))
    _trailing_headings(units)
    return units


def _trailing_headings(units: list[Unit]) -> None:
    """Mark the headings that end what the extractor keeps (trafilatura removes trailing
    titles), with the loose text that is their tail."""
    tails: list[Unit] = []
    for unit in reversed(units):
        if unit.lost:
            continue
        if unit.kind == "heading":
            for gone in [unit, *tails]:
                gone.lost = REASON_TRAILING_HEADING
            tails = []
        elif unit.loose:
            tails.append(unit)
        else:
            return


def _cell_units(
    table: Table, index: int, section: int, lost: dict[int, str], drops: dict[int, tuple[str, ...]]
) -> Iterator[Unit]:
    for cell in sorted(table.layout.cells, key=lambda c: (c.row, c.col)):
        reason = lost.get(index) or (SHARING_WORD_REASON if SHARING_WORD.fullmatch(cell.text) else None)
        mine = _searchable(words(cell.text))
        dropped = tuple(text for text in drops.get(index, ()) if _searchable(words(text)) in mine)
        yield Unit("cell", cell.text, cell.line, cell.column, section, index, cell, reason, -1 - index, dropped)


def _html(document: Document, block: Block) -> str:
    verbatim = block.token["type"] == "block_html"
    html = document.page.body[block.start : block.end] if verbatim else document.render_block(block)
    return _TAGFILTER.sub("&lt;", html)


def _prose_units(document: Document, spans: list[tuple[int, int]], dialect: str) -> Iterator[Unit]:
    """The page's prose as the extractor reads it. Blocks that stand inside raw HTML which one
    block opens and a later one closes (``<details markdown="1">``, a blank line, a list, then
    ``</details>``) are read together, so that the element holds on the page what it holds."""
    blocks = [block for block in document.blocks if block.token["type"] not in ("blank_line", "thematic_break")]
    readers: list[tuple[LinkReader, list[tuple[int, Block, int, int]]]] = []  # members: number, block, first line, end
    reader: LinkReader | None = None
    members: list[tuple[int, Block, int, int]] = []
    for number, block in enumerate(blocks):
        if block.token["type"] == PIPE_TABLE:
            continue
        first = document.lines.position(block.start)[0]
        last = document.lines.position(max(block.start, block.end - 1))[0]
        if any(start <= first and last <= end for start, end in spans):
            continue
        if reader is None:
            reader, members = LinkReader(dialect), []
            readers.append((reader, members))
        reader.feed(_html(document, block))
        reader.end_block()
        members.append((number, block, first, len(reader.blocks)))
        if not reader.inside_element:
            reader.last_block = _last_in_parent(document, blocks, number)
            reader.close()
            reader = None
    if reader is not None:  # raw HTML left open: what follows it is inside it
        reader.last_block = True
        reader.close()
    # What the extractor reads depends on the whole page: its div text only on a page of little paragraph text.
    div_text_lost = sum(reader.kept_paragraph_length() for reader, _ in readers) >= DIV_TEXT_LIMIT
    for reader, members in readers:
        reasons, loose = reader.reasons(div_text_lost), reader.loose()
        ends = [end for *_, end in members[:-1]] + [len(reader.blocks)]  # closing may end one more block
        start = 0
        for (number, block, first, _), end in zip(members, ends):
            for index in range(start, end):
                unit_kind, text = reader.blocks[index]
                if block.token["type"] == "list":
                    text = _TASK_BOX.sub("", text)  # GitHub's check box, an <input> the extractor drops
                line, column = _locate(document, block, text, first)
                yield Unit(unit_kind, text, line, column, 0, lost=reasons[index], block=number, loose=loose[index])
            start = end


_CELL_PIPE = re.compile(r"(?<!\\)\|")


def _searchable(tokens: list[str]) -> str:
    return "\x1f" + "\x1f".join(tokens) + "\x1f"


def _table_html(document: Document, block: Block) -> str:
    """A pipe table as HTML, each cell's Markdown rendered (the link-density tests need
    the links and lists of its cells)."""
    rows = []
    for number, line in enumerate(document.page.body[block.start : block.end].split("\n")):
        content = line.strip()
        if number == 1 or not content:
            continue  # the delimiter row
        content = content.removeprefix("|")
        content = content[:-1] if content.endswith("|") and not content.endswith("\\|") else content
        cells = []
        for cell in _CELL_PIPE.split(content):
            state = InlineState({})
            state.src = cell.strip().replace("\\|", "|")
            assert document.md.renderer is not None
            cells.append(f"<td>{document.md.renderer(document.md.inline.parse(state), BlockState())}</td>")
        rows.append("<tr>\n" + "\n".join(cells) + "\n</tr>")  # line breaks where cmark-gfm writes them
    return "<table>\n" + "\n".join(rows) + "\n</table>"


_CLOSING_TAGS = re.compile(r"\A(?:\s*</[a-zA-Z][^>]*>)+\s*\Z")
#: A paragraph of images alone: empty once the extractor has taken its images out, it goes.
_IMAGES_ONLY = re.compile(r"\A\s*(?:!\[[^\]\n]*\]\([^)\n]*\)|<img\b[^>]*>)+\s*\Z", re.IGNORECASE)


def _last_in_parent(document: Document, blocks: list[Block], number: int) -> bool:
    """Whether a block's last element has no next sibling: it ends the page, or only
    closing tags of raw HTML (``</div>``) or paragraphs of images alone follow it."""
    for index in range(number + 1, len(blocks)):
        source = document.page.body[blocks[index].start : blocks[index].end]
        if _CLOSING_TAGS.match(source):
            return True
        if not _IMAGES_ONLY.match(source):
            return False
    return True


def _tables_lost(
    document: Document, tables: list[Table], dialect: str
) -> tuple[dict[int, str], dict[int, tuple[str, ...]]]:
    """The page's tables the extractor drops (link-heavy ones), by index, with the reason;
    and per table, the text inside its cells that the extractor drops."""
    lost: dict[int, str] = {}
    drops: dict[int, tuple[str, ...]] = {}
    pipe_blocks = {document.lines.position(b.start)[0]: b for b in document.blocks if b.token["type"] == PIPE_TABLE}
    for index, table in enumerate(tables):
        block = pipe_blocks.get(table.line)
        if block is not None:
            html = _table_html(document, block)
        else:  # an HTML table: its own lines (blank lines may cut it into several blocks)
            html = _html_table(document, table)
        reason = table_reason(html, dialect)
        if reason:
            lost[index] = reason
        if "<" in html.replace("<table", "").replace("<tr", "").replace("<td", "").replace("</", ""):
            reader = LinkReader(dialect)
            reader.feed(html)
            reader.close()
            drops[index] = tuple(reader.cell_drops())
    return lost, drops


def _html_table(document: Document, table: Table) -> str:
    """An HTML table's lines as the extractor gets them: Markdown between its tags (a code
    block in a cell, set off by blank lines) rendered, its raw HTML as written."""
    pieces = []
    for block in document.blocks:
        first = document.lines.position(block.start)[0]
        last = document.lines.position(max(block.start, block.end - 1))[0]
        if last < table.line or first > table.end_line:
            continue
        if block.token["type"] in ("block_html", "blank_line") or first < table.line or last > table.end_line:
            lines = range(max(first, table.line), min(last, table.end_line) + 1)
            pieces.append("\n".join(document.lines.line_text(n) for n in lines))
        else:
            pieces.append(document.render_block(block))
    return "\n".join(pieces)


def _locate(document: Document, block: Block, text: str, fallback: int) -> tuple[int, int]:
    """The page line where a unit's first words stand, searched in its block's lines."""
    probe = " ".join(text.split()[:3])
    first_word = text.split()[0] if text.split() else ""
    last = document.lines.position(max(block.start, block.end - 1))[0]
    for needle in (probe, first_word):
        if not needle:
            continue
        for line in range(fallback, last + 1):
            column = document.lines.line_text(line).find(needle)
            if column >= 0:
                return line, column + 1
    return fallback, 1


# -- alignment ---------------------------------------------------------------------------


@dataclass(slots=True)
class Alignment:
    """The page's units and the export's fragments, and which unit owns which fragment."""

    units: list[Unit]
    fragments: list[Fragment]
    owner: list[int | None]  # per fragment: the unit most of its matched words belong to
    matched: list[int]  # per unit: how many of its words were matched


def align(units: list[Unit], fragments: list[Fragment]) -> Alignment:
    page_words = [(word, u) for u, unit in enumerate(units) for word in words(unit.text)]
    export_words = [(word, f) for f, fragment in enumerate(fragments) for word in words(fragment.text)]
    blocks = matching_blocks([w for w, _ in page_words], [w for w, _ in export_words])
    votes: list[dict[int, int]] = [{} for _ in fragments]
    matched = [0] * len(units)
    for a, b, size in blocks:
        for k in range(size):
            unit, fragment = page_words[a + k][1], export_words[b + k][1]
            votes[fragment][unit] = votes[fragment].get(unit, 0) + 1
            matched[unit] += 1
    owner = [_owner(units, v) for v in votes]
    return Alignment(units, fragments, owner, matched)


def _owner(units: list[Unit], votes: dict[int, int]) -> int | None:
    """The unit a fragment belongs to: a table's cells vote together (a table written on
    one line with a list item's text belongs to the table), then its best cell."""
    if not votes:
        return None
    groups: dict[tuple[str, int], int] = {}
    for u, count in votes.items():
        table = units[u].table
        group = ("table", table) if table is not None else ("unit", u)
        groups[group] = groups.get(group, 0) + count
    best = max(groups, key=lambda g: (groups[g], -g[1]))
    if best[0] == "unit":
        return best[1]
    members = [u for u in votes if units[u].table == best[1]]
    return max(members, key=lambda u: (votes[u], -u))
