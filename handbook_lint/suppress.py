"""Inline suppressions written as HTML comments in the page.

- `<!-- handbook-lint-disable HL301 -->` … `<!-- handbook-lint-enable -->`: a range of lines;
- `<!-- handbook-lint-disable-next-table HL1 -->`: the lines of the next table;
- `<!-- handbook-lint-disable-file -->`: the whole page.
Codes may be codes, prefixes, rule names or ALL; none means every rule. A directive shown in
a code block or a code span is text, not a comment, and silences nothing. A directive of an
unknown kind or naming an unknown rule is recorded as a problem (HL010), and each directive
remembers whether it silenced anything (HL011 reports those that did not).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from typing import NamedTuple

from handbook_lint.rules import UnknownRule, selector_prefix
from handbook_lint.tables.markdown import Block, Document
from handbook_lint.tables.model import Table

KINDS = ("disable-next-table", "disable-file", "disable", "enable")
_DIRECTIVE = re.compile(r"<!--\s*handbook-lint-([A-Za-z]+(?:-[A-Za-z]+)*)([^>]*?)-->")
_WORD = re.compile(r"[^\s,]+")
# What containers put before a line's content: quote markers, a list marker, indentation.
_CONTAINER_PREFIX = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?[ \t>]*")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_BACKTICK_RUN = re.compile(r"`+")


class Directive(NamedTuple):
    """A suppression comment: where it is and what it says (`disable HL301`)."""

    line: int
    column: int
    text: str


class Problem(NamedTuple):
    """Something wrong with a suppression comment, at a 1-based position."""

    line: int
    column: int
    message: str


class _Span(NamedTuple):
    first: int
    last: int
    codes: tuple[str, ...]
    directive: int  # index into Suppressions.directives


class Suppressions:
    """Which (line, code) pairs the page's directives silence; which directives silenced
    something; and the problems with the directives themselves."""

    def __init__(self, document: Document, tables: list[Table]):
        self._document = document  # its line index is built at the first directive
        self._spans: list[_Span] = []
        self._used: set[int] = set()
        self.directives: list[Directive] = []
        self.problems: list[Problem] = []
        text = document.page.body
        open_ranges: dict[tuple[str, ...], tuple[int, int]] = {}
        last_line = text.count("\n") + 1
        for match in directives(document):
            kind = match.group(1).lower()
            line, column = self._document.lines.position(match.start())
            if kind not in KINDS:
                self.problems.append(Problem(line, column, _unknown_kind(match.group(1))))
                continue
            codes = self._codes(text, match)
            if kind == "enable":
                for key in [k for k in open_ranges if not codes or k == codes]:
                    first, index = open_ranges.pop(key)
                    self._spans.append(_Span(first, line, key, index))
                continue
            index = len(self.directives)
            self.directives.append(Directive(line, column, " ".join(match.group(0)[4:-3].split())))
            if kind == "disable-file":
                self._spans.append(_Span(1, last_line, codes, index))
            elif kind == "disable":
                open_ranges.setdefault(codes, (line, index))
            else:
                table = next((t for t in tables if t.line > line), None)
                if table is not None:
                    self._spans.append(_Span(table.line, table.end_line, codes, index))
        self._spans.extend(_Span(first, last_line, codes, index) for codes, (first, index) in open_ranges.items())

    def _codes(self, text: str, match: re.Match[str]) -> tuple[str, ...]:
        """The directive's code prefixes; an unknown word is recorded as a problem and kept
        as it is, so it silences nothing (dropping it could widen the directive to every rule)."""
        codes = []
        for word in _WORD.finditer(match.group(2)):
            try:
                codes.append(selector_prefix(word.group()))
            except UnknownRule as error:
                line, column = self._document.lines.position(match.start(2) + word.start())
                self.problems.append(Problem(line, column, f"the suppression comment names no rule: {error}"))
                codes.append(word.group())
        return tuple(codes)

    def silences(self, line: int, code: str) -> bool:
        """Whether a finding of `code` at `line` is silenced; the directives that silence it
        are marked as used."""
        silenced = False
        for span in self._spans:
            if span.first <= line <= span.last and (not span.codes or any(code.startswith(c) for c in span.codes)):
                self._used.add(span.directive)
                silenced = True
        return silenced

    def unused(self) -> list[Directive]:
        """The directives that have silenced nothing so far, in page order."""
        return [directive for index, directive in enumerate(self.directives) if index not in self._used]


def _unknown_kind(kind: str) -> str:
    import difflib  # only a mistyped suppression comment needs it

    close = difflib.get_close_matches(kind.lower(), KINDS, n=1)
    hint = f"; did you mean 'handbook-lint-{close[0]}'?" if close else ""
    known = ", ".join(f"handbook-lint-{k}" for k in KINDS)
    return f"'handbook-lint-{kind}' is not a suppression comment ({known}){hint}"


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
        if (index < 0 or match.start() >= ranges[index][1]) and not _escaped(text, block, match.start()):
            yield match


def _escaped(text: str, block: Block, offset: int) -> bool:
    """Whether a backslash makes the `<` at `offset` text (in Markdown, not in raw HTML)."""
    return block.token["type"] != "block_html" and _backslashes_before(text, offset, block.start) % 2 == 1


def _backslashes_before(text: str, offset: int, start: int) -> int:
    """How many backslashes stand right before `offset` (not before `start`)."""
    count = 0
    while offset - count > start and text[offset - count - 1] == "\\":
        count += 1
    return count


def _code_ranges(text: str, block: Block) -> list[tuple[int, int]]:
    """The [start, stop) ranges of a top-level block that are code, in order: fenced code
    (the opening line too: its info string is not HTML) and the code spans of each paragraph."""
    kind = block.token["type"]
    if kind in ("block_code", "block_html"):
        return [(block.start, block.end)] if kind == "block_code" else []
    ranges: list[tuple[int, int]] = []
    fence: str | None = None
    paragraph: int | None = None  # where the current run of text lines starts
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
        elif opener and not (opener.group(1)[0] == "`" and "`" in content[opener.end() :]):
            if paragraph is not None:
                ranges += _code_spans(text, paragraph, position)
            fence, paragraph = opener.group(1), None
            ranges.append((position, end + 1))
        elif not content.strip():
            if paragraph is not None:
                ranges += _code_spans(text, paragraph, position)
            paragraph = None  # a blank line ends the paragraph, and any span in it
        elif paragraph is None:
            paragraph = position
        position = end + 1
    if paragraph is not None:
        ranges += _code_spans(text, paragraph, block.end)
    return ranges


def _code_spans(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The code spans of the text in [start, stop), as CommonMark reads them: a run of
    backticks (not escaped by a backslash) opens a span that the next run of the same
    length closes; a run that no later run matches is plain text."""
    runs = [(match.start(), match.end()) for match in _BACKTICK_RUN.finditer(text, start, stop)]
    by_length: dict[int, list[int]] = {}  # run length -> indexes of the runs that long
    for index, (run_start, run_end) in enumerate(runs):
        by_length.setdefault(run_end - run_start, []).append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        run_start, run_end = runs[index]
        opening = run_start + _backslashes_before(text, run_start, start) % 2  # an escaped backtick is text
        candidates = by_length.get(run_end - opening, [])
        later = bisect.bisect_right(candidates, index)
        if opening < run_end and later < len(candidates):
            index = candidates[later]
            spans.append((opening, runs[index][1]))
        index += 1
    return spans
