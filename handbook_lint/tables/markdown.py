"""A page parsed with mistune: top-level blocks with source positions, headings, tables.

mistune's tokens carry no positions, so the parser here records the offset where each
top-level block starts. Tables found inside lists or quotes are located afterwards by
their lines, which stand in the page with only the container markers in front.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import mistune
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.plugins.formatting import strikethrough
from mistune.util import unescape

from handbook_lint.page import Page
from handbook_lint.tables import pipe
from handbook_lint.tables.text import collapse, text_of_html

#: Characters that may start inline markup (escapes, code, emphasis, strikethrough, links,
#: images, HTML, autolinks, entities) or a line break (after which mistune drops any Unicode
#: whitespace); text without them renders as itself.
_INLINE_MARKUP = re.compile(r"[\\`*_~\[\]!<>&\n]")
#: Text without these (markup, or white space that collapses) reads exactly as written.
_NOT_VERBATIM = re.compile(r"[\\`*_~\[\]!<>&\n\t\r\f]|  ")
#: An ASCII pipe row without these and without two spaces inside a cell (beside a pipe they are
#: padding) has cells that all read exactly as written.
_ROW_NOT_VERBATIM = re.compile(r"[\\`*_~\[\]!<>&\t\n\r\f\v\x1c-\x1f]")
_SPACES_INSIDE_CELL = re.compile(r"[^ |]  +[^ |]")


#: A list item without these holds no table, no HTML and no link reference definition.
_ITEM_MAY_MATTER = re.compile(r"[|<]|\]:")
#: The environment key that tells the parser to leave such list items unread.
_TABLES_ONLY = "handbook_lint_tables_only"
_HTML_TABLE = re.compile(r"<table", re.IGNORECASE)


class _PositionedState(BlockState):
    def child_state(self, src: str, lazy_line_starts: set[int] | None = None) -> BlockState:
        if lazy_line_starts is None:  # a list item's: mistune records lazy lines for quotes only
            if self.env.get(_TABLES_ONLY) and not _ITEM_MAY_MATTER.search(src):
                unread = _UnreadItem(self)
                unread.process(src)
                return unread
            lazy_line_starts = _list_item_lazy_lines(self.src, self.cursor, src)
        return super().child_state(src, lazy_line_starts)

    def append_token(self, token: dict[str, Any]) -> None:
        token.setdefault("_offset", self.cursor)
        super().append_token(token)

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        super().add_paragraph(text)
        if self.tokens[-1] is not last:
            self.tokens[-1]["_offset"] = self.cursor


#: How many lines may stand between a list item's last line and where its parse stopped: the
#: blank lines after it, and the next item's marker line.
_ITEM_TAIL_LINES = 64


def _list_item_lazy_lines(page: str, cursor: int, item: str) -> set[int]:
    """Offsets in a list item's source of its lazy lines: lines the page does not indent to
    the item's content, which the item's paragraph continues (CommonMark's laziness). mistune
    takes an item's lines from `page` up to `cursor` (or one line past it, the next item's
    marker), strips the content indentation from the others and keeps lazy lines as they are:
    so a line that the item's source did not shorten is lazy. None is found when the item's
    lines cannot be matched up with the page's."""
    lines = item.rstrip("\n").split("\n")
    if len(lines) < 2:
        return set()
    for tail in (2, _ITEM_TAIL_LINES):  # nearly always a blank line or none, and a marker line or none
        raw = _lines_before(page, cursor, len(lines) + tail)
        for skip in sorted(range(min(tail, len(raw) - len(lines)) + 1), key=lambda n: n != 1):  # 1: a next item
            starts = _unshortened_lines(raw[len(raw) - skip - len(lines) : len(raw) - skip], lines)
            if starts is not None:
                return starts
    return set()


def _unshortened_lines(written: list[str], kept: list[str]) -> set[int] | None:
    """Offsets (in the kept lines joined) of the kept lines after the first that are their
    written line whole; None unless each kept line is its written line with some of its
    start (indentation, or the first line's marker) taken off."""
    starts: set[int] = set()
    offset = len(kept[0]) + 1
    if not written[0].expandtabs(4).endswith(kept[0].lstrip(" ")):
        return None
    for line, source in zip(written[1:], kept[1:]):
        if source.strip():
            line = line.expandtabs(4) if "\t" in line else line
            if not line.endswith(source.lstrip(" ")):
                return None
            if len(line) == len(source):
                starts.add(offset)
        offset += len(source) + 1
    return starts


def _lines_before(text: str, end: int, count: int) -> list[str]:
    """At most `count` lines of `text` that end at offset `end` (a line start), in order."""
    found: list[str] = []
    stop = end - 1 if end > 0 and text[end - 1] == "\n" else end
    while len(found) < count and stop > 0:
        start = text.rfind("\n", 0, stop) + 1
        found.append(text[start:stop])
        stop = start - 1
    return found[::-1]


class _UnreadItem(_PositionedState):
    """A list item that the parser reads as one paragraph of its text."""


class _PositionedBlockParser(BlockParser):
    state_cls = _PositionedState

    def parse(self, state: BlockState, rules: list[str] | None = None) -> None:
        if isinstance(state, _UnreadItem):
            state.tokens.append({"type": "paragraph", "text": state.src.strip()})
            return
        super().parse(state, rules)

    def parse_method(self, m: Any, state: BlockState) -> int | None:
        start, count = state.cursor, len(state.tokens)
        end = super().parse_method(m, state)
        if len(state.tokens) > count:
            # The rule's own token comes first; later ones (a block that ended a list)
            # were positioned when their own rule ran.
            state.tokens[count]["_offset"] = start
        return end


def _new_markdown() -> mistune.Markdown:
    md = mistune.Markdown(
        renderer=mistune.HTMLRenderer(escape=False),
        block=_PositionedBlockParser(),
        inline=mistune.InlineParser(hard_wrap=False),
    )
    pipe.install(md)
    strikethrough(md)  # GitHub's `~~text~~`; single `~text~` is not read yet
    assert md.renderer is not None
    md.renderer.register(pipe.RULE_NAME, _rendered_elsewhere)
    return md


#: Inline tokens whose visible text is their children's.
_WRAPPERS = frozenset({"emphasis", "strong", "strikethrough", "link"})
#: Inline tokens read as the white space that separates words.
_BREAKS = frozenset({"linebreak", "softbreak"})


def _visible_text(tokens: list[dict[str, Any]]) -> str | None:
    """What a reader sees of inline tokens, read from the tokens themselves: what the HTML
    renderer and `text_of_html` make of them, without either. None when they hold raw HTML
    or an image, whose text only the rendered HTML tells."""
    parts: list[str] = []
    stack = tokens[::-1]
    while stack:
        token = stack.pop()
        kind = token["type"]
        if kind == "text":
            parts.append(unescape(token["raw"]))  # the renderer's entities, as the HTML reader decodes them
        elif kind == "codespan":
            parts.append(token["raw"])
        elif kind in _WRAPPERS:
            stack.extend(reversed(token["children"]))
        elif kind in _BREAKS:
            parts.append(" ")
        else:
            return None
    return collapse("".join(parts))


def _rendered_elsewhere(renderer: Any, *args: Any, **kwargs: Any) -> str:
    """Pipe tables are extracted from their tokens, not from the rendered HTML."""
    return ""


class Heading(NamedTuple):
    line: int
    level: int
    text: str


class Block(NamedTuple):
    """A top-level block: its token and its [start, end) offsets in the page text."""

    token: dict[str, Any]
    start: int
    end: int


class PipeTableToken(NamedTuple):
    token: dict[str, Any]
    first_line: int  # 1-based page line of the header row
    prefixes: list[int]  # per table line: columns taken by container markers


def line_starts(text: str) -> list[int]:
    """The offset at which each line of `text` starts."""
    return [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n")[:-1])]


class UnrenderedPipeTable(NamedTuple):
    """A header line and delimiter row whose cell counts differ: GitHub makes no table."""

    line: int
    column: int
    header_cells: int
    delimiter_cells: int


class LineIndex:
    """Offsets to 1-based (line, column) in a text."""

    def __init__(self, text: str):
        self.text = text
        self.starts = line_starts(text)

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)]

    @property
    def line_count(self) -> int:
        return len(self.starts)


class Document:
    """The parse of one page, made when first used: a page that cannot hold a table needs it
    only to place a suppression comment, and most have none.

    With `tables_only`, on a page without HTML tables, a list item that holds no `|`, no `<`
    and no `]:` (so no table, no HTML and no link reference definition) is left unread, as
    one paragraph of its text: enough for tables, headings and suppression comments, not for
    rendering the page's prose. List items are most of what mistune's block parser spends
    on a page.
    """

    def __init__(self, page: Page, *, tables_only: bool = False):
        self.page = page
        self.tables_only = tables_only
        self._inline_texts: dict[str, str] = {}

    @functools.cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.page.body)

    @functools.cached_property
    def _parse(self) -> tuple[mistune.Markdown, BlockState, list[Block]]:
        md = _new_markdown()
        state = md.block.state_cls()
        # An HTML table left open takes the blocks after it in, list items included: such
        # a page is read whole.
        state.env[_TABLES_ONLY] = self.tables_only and not _HTML_TABLE.search(self.page.body)
        body = self.page.body
        state.process(body if body.endswith("\n") else body + "\n")
        md.block.parse(state)
        offsets = [token.get("_offset", 0) for token in state.tokens]
        ends = offsets[1:] + [len(body)]
        return md, state, [Block(t, s, e) for t, s, e in zip(state.tokens, offsets, ends)]

    @property
    def md(self) -> mistune.Markdown:
        return self._parse[0]

    @property
    def state(self) -> BlockState:
        return self._parse[1]

    @property
    def blocks(self) -> list[Block]:
        return self._parse[2]

    @functools.cached_property
    def headings(self) -> list[Heading]:
        return list(self._headings())

    @functools.cached_property
    def pipe_tables(self) -> list[PipeTableToken]:
        return list(self._locate_pipe_tables())

    @functools.cached_property
    def unrendered_pipe_tables(self) -> list[UnrenderedPipeTable]:
        return list(self._locate_mismatches())

    def block_at(self, offset: int) -> Block | None:
        """The top-level block holding a page offset (None in the blank lines between)."""
        index = bisect.bisect_right(self._block_starts, offset) - 1
        if index < 0 or offset >= self.blocks[index].end:
            return None
        return self.blocks[index]

    @functools.cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    def inline_text(self, markdown: str) -> str:
        """What a reader sees of inline Markdown (text with no markup character is itself;
        the same text is read once: tables repeat their values)."""
        if not (markdown[:1].isspace() or markdown[-1:].isspace()):  # (the renderer trims what str.strip does)
            if not _NOT_VERBATIM.search(markdown):
                return markdown
            if not _INLINE_MARKUP.search(markdown):
                return collapse(markdown)
        text = self._inline_texts.get(markdown)
        if text is None:
            tokens = self.md.inline(markdown, self.state.env)
            text = _visible_text(tokens)
            if text is None:
                text = text_of_html(self._render(tokens))
            self._inline_texts[markdown] = text
        return text

    @staticmethod
    def row_reads_as_written(line: str) -> bool:
        """Whether every cell of a pipe table line reads as its text (`inline_text` is the identity
        on them), so that a table of plain values is read a row, not a cell, at a time."""
        if not line.isascii() or _ROW_NOT_VERBATIM.search(line):
            return False
        return "  " not in line or not _SPACES_INSIDE_CELL.search(line)

    def render_block(self, block: Block) -> str:
        """The HTML a renderer makes of a top-level block."""
        return self._render(list(self.md._iter_render([dict(block.token)], self.state)))

    def _render(self, tokens: list[dict[str, Any]]) -> str:
        assert self.md.renderer is not None  # set by _new_markdown
        return str(self.md.renderer(tokens, self.state))

    def _headings(self) -> Iterator[Heading]:
        for block in self.blocks:
            token = block.token
            if token["type"] == "heading":
                line, _ = self.lines.position(block.start)
                yield Heading(line, token["attrs"]["level"], self.inline_text(token["text"].strip()))

    def _locate_pipe_tables(self) -> Iterator[PipeTableToken]:
        for block in self.blocks:
            search_from = self.lines.position(block.start)[0]
            for token in _walk(block.token, pipe.RULE_NAME):
                first_line, prefixes = self._find_lines(token["lines"], search_from)
                yield PipeTableToken(token, first_line, prefixes)
                search_from = first_line + len(token["lines"])

    def _locate_mismatches(self) -> Iterator[UnrenderedPipeTable]:
        search_from = 1
        for mismatch in self.state.env.get(pipe.MISMATCHES, []):
            first_line, prefixes = self._find_lines(mismatch["lines"], search_from)
            column = prefixes[0] + len(mismatch["lines"][0]) - len(mismatch["lines"][0].lstrip()) + 1
            yield UnrenderedPipeTable(first_line, column, mismatch["header"], mismatch["delimiter"])
            search_from = first_line + 2

    def _find_lines(self, table_lines: list[str], from_line: int) -> tuple[int, list[int]]:
        """Find where a table's lines stand in the page (inside containers, after markers)."""
        if from_line <= self.lines.line_count:  # most tables: where the search starts, in no container
            text, start = self.lines.text, self.lines.starts[from_line - 1]
            joined = "\n".join(table_lines)
            end = start + len(joined)
            if text.startswith(joined, start) and (end == len(text) or text[end] == "\n"):
                return from_line, [0] * len(table_lines)
        last_start = self.lines.line_count - len(table_lines) + 1
        for first in range(from_line, last_start + 1):
            prefixes = []
            for k, expected in enumerate(table_lines):
                actual = self.lines.line_text(first + k)
                if not actual.endswith(expected.rstrip("\n")):
                    break
                prefixes.append(len(actual) - len(expected.rstrip("\n")))
            else:
                return first, prefixes
        return from_line, [0] * len(table_lines)


def _walk(token: dict[str, Any], kind: str) -> Iterator[dict[str, Any]]:
    """The tokens of this type in a token tree, in document order, without recursion."""
    stack = [token]
    while stack:
        node = stack.pop()
        if node["type"] == kind:
            yield node
        stack.extend(child for child in reversed(node.get("children", ()) or ()) if isinstance(child, dict))
