"""Inline suppressions written as HTML comments in the page.

- `<!-- handbook-lint-disable HL301 -->` … `<!-- handbook-lint-enable -->`: a range of lines;
- `<!-- handbook-lint-disable-next-table HL1 -->`: the lines of the next table;
- `<!-- handbook-lint-disable-file -->`: the whole page.
Codes may be codes, prefixes or rule names; none means every rule. A directive shown in a
code block or a code span is text, not a comment, and silences nothing.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from handbook_lint.tables.markdown import Block, Document
from handbook_lint.tables.model import Table

_DIRECTIVE = re.compile(r"<!--\s*handbook-lint-(disable-next-table|disable-file|disable|enable)\b([^>]*?)-->")
# What containers put before a line's content: quote markers, a list marker, indentation.
_CONTAINER_PREFIX = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?[ \t>]*")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"\\.|`+")


@dataclass(frozen=True, slots=True)
class _Span:
    first: int
    last: int
    codes: tuple[str, ...]


class Suppressions:
    """Which (line, code) pairs the page's directives silence."""

    def __init__(self, document: Document, tables: list[Table], names: dict[str, str]):
        self._names = names
        self._spans: list[_Span] = []
        text = document.page.body
        open_ranges: dict[tuple[str, ...], int] = {}
        last_line = text.count("\n") + 1
        for match in directives(document):
            kind, codes = match.group(1), self._codes(match.group(2))
            line, _ = document.lines.position(match.start())
            if kind == "disable-file":
                self._spans.append(_Span(1, last_line, codes))
            elif kind == "disable":
                open_ranges.setdefault(codes, line)
            elif kind == "enable":
                for key in [k for k in open_ranges if not codes or k == codes]:
                    self._spans.append(_Span(open_ranges.pop(key), line, key))
            else:
                table = next((t for t in tables if t.line > line), None)
                if table is not None:
                    self._spans.append(_Span(table.line, table.end_line, codes))
        self._spans.extend(_Span(first, last_line, codes) for codes, first in open_ranges.items())

    def _codes(self, text: str) -> tuple[str, ...]:
        words = [w for w in re.split(r"[\s,]+", text.strip()) if w]
        return tuple(self._names.get(w.lower(), w.upper()) for w in words)

    def silences(self, line: int, code: str) -> bool:
        return any(
            span.first <= line <= span.last and (not span.codes or any(code.startswith(c) for c in span.codes))
            for span in self._spans
        )


def directives(document: Document) -> Iterator[re.Match[str]]:
    """The page's directive comments, in order, leaving out those shown as code."""
    text = document.page.body
    code: dict[int, list[tuple[int, int]]] = {}  # each block's code ranges, found once
    for match in _DIRECTIVE.finditer(text):
        block = document.block_at(match.start())
        if block is None:
            yield match
            continue
        if block.start not in code:
            code[block.start] = _code_ranges(text, block)
        ranges = code[block.start]
        index = bisect.bisect_right(ranges, (match.start(), math.inf)) - 1
        if index < 0 or match.start() >= ranges[index][1]:
            yield match


def _code_ranges(text: str, block: Block) -> list[tuple[int, int]]:
    """The [start, stop) ranges of a top-level block that are code (fenced code block lines
    and code spans), in order, found in one pass over the block."""
    kind = block.token["type"]
    if kind in ("block_code", "block_html"):
        return [(block.start, block.end)] if kind == "block_code" else []
    ranges: list[tuple[int, int]] = []
    fence: str | None = None
    span: int | None = None  # length of the open code span's backtick run
    span_start = 0
    position = block.start
    for line in text[block.start : block.end].split("\n"):
        end = position + len(line)
        content = line[_CONTAINER_PREFIX.match(line).end() :]  # type: ignore[union-attr]
        opener = _FENCE.match(content)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            else:
                ranges.append((position, end + 1))
        elif opener and span is None:
            fence = opener.group(1)
        elif not content.strip():
            span = None  # a blank line ends the paragraph, and any span in it
        else:
            at = 0
            while True:
                if span is None:
                    run = _BACKTICKS.search(line, at)
                    if run is None:
                        break
                    at = run.end()
                    if not run.group().startswith("\\"):
                        span, span_start = len(run.group()), position + run.start()
                else:  # inside a span a backslash is text: only the same run of backticks closes it
                    closing = re.compile(rf"(?<!`)`{{{span}}}(?!`)").search(line, at)
                    if closing is None:
                        break
                    ranges.append((span_start, position + closing.end()))
                    span, at = None, closing.end()
        position = end + 1
    return ranges
