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

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from handbook_lint.rules import UnknownRule, selector_prefix
from handbook_lint.tables.markdown import Block, Document
from handbook_lint.tables.model import Table

KINDS = ("disable-next-table", "disable-file", "disable", "enable")
_DIRECTIVE = re.compile(r"<!--\s*handbook-lint-([A-Za-z]+(?:-[A-Za-z]+)*)([^>]*?)-->")
_WORD = re.compile(r"[^\s,]+")
# What containers put before a line's content: quote markers, a list marker, indentation.
_CONTAINER_PREFIX = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?[ \t>]*")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"\\.|`+")


@dataclass(frozen=True, slots=True)
class Directive:
    """A suppression comment: where it is and what it says (`disable HL301`)."""

    line: int
    column: int
    text: str


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a suppression comment, at a 1-based position."""

    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class _Span:
    first: int
    last: int
    codes: tuple[str, ...]
    directive: int  # index into Suppressions.directives


class Suppressions:
    """Which (line, code) pairs the page's directives silence; which directives silenced
    something; and the problems with the directives themselves."""

    def __init__(self, document: Document, tables: list[Table]):
        self._spans: list[_Span] = []
        self._used: set[int] = set()
        self.directives: list[Directive] = []
        self.problems: list[Problem] = []
        text = document.page.body
        open_ranges: dict[tuple[str, ...], tuple[int, int]] = {}
        last_line = text.count("\n") + 1
        for match in directives(document):
            kind = match.group(1).lower()
            line, column = _position(text, match.start())
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
                line, column = _position(text, match.start(2) + word.start())
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


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _unknown_kind(kind: str) -> str:
    close = difflib.get_close_matches(kind.lower(), KINDS, n=1)
    hint = f"; did you mean 'handbook-lint-{close[0]}'?" if close else ""
    known = ", ".join(f"handbook-lint-{k}" for k in KINDS)
    return f"'handbook-lint-{kind}' is not a suppression comment ({known}){hint}"


def directives(document: Document) -> Iterator[re.Match[str]]:
    """The page's directive comments, in order, leaving out those shown as code."""
    text = document.page.body
    for match in _DIRECTIVE.finditer(text):
        block = document.block_at(match.start())
        if block is None or not _in_code(text, block, match.start()):
            yield match


def _in_code(text: str, block: Block, offset: int) -> bool:
    """Whether `offset` of a top-level block is inside a code block or a code span."""
    kind = block.token["type"]
    if kind in ("block_code", "block_html"):
        return kind == "block_code"
    fence: str | None = None
    span: int | None = None  # length of the open code span's backtick run
    position = block.start
    for line in text[block.start : block.end].split("\n"):
        end = position + len(line)
        content = line[_CONTAINER_PREFIX.match(line).end() :]  # type: ignore[union-attr]
        opener = _FENCE.match(content)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            elif position <= offset <= end:
                return True
        elif opener and span is None:
            fence = opener.group(1)
        elif not content.strip():
            span = None  # a blank line ends the paragraph, and any span in it
        else:
            for run in _BACKTICKS.finditer(line):
                if run.start() + position > offset:
                    break
                if run.group().startswith("\\"):
                    continue
                if span is None:
                    span = len(run.group())
                elif len(run.group()) == span:
                    span = None
            if span is not None and position <= offset <= end:
                closing = re.compile(rf"(?<!`)`{{{span}}}(?!`)")
                return closing.search(text, offset, block.end) is not None
        position = end + 1
        if position > offset:
            break
    return False
