"""``full``: each problem with the source around it and a caret underline, ruff style.

::

    docs/team.md:4:3: HL301 owner cell is empty
      |
    3 | | Team | Owner |
    4 | | Ops  |       |
      |   ^^^^ HL301
    5 | | Web  | ana   |
      |
      = note: docs/team.txt:7:1: the export names an owner here
      = help: name an owner in the slot (write a cell, or widen a span to cover it); see https://…/docs/rules.md#hl301-missing-owner

The snippet needs ``source_reader``; it is left out when there is none, when the file cannot
be read, or when the position lies past the end of the file.
"""

from __future__ import annotations

import unicodedata

from handbook_lint.diagnostics import Diagnostic, Result, RuleMeta, Severity
from handbook_lint.reporters.base import (
    BLUE,
    BOLD,
    CYAN,
    SEVERITY_COLOR,
    Reporter,
    Span,
    header_line,
    one_line,
    paint,
    span_of,
    summary_line,
)

_UNREADABLE = object()


def _width(char: str) -> int:
    """Terminal cells taken by ``char`` (wide East Asian characters take two)."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class FullReporter(Reporter):
    name = "full"

    #: Lines of source shown before the first and after the last line of a problem.
    context_lines: int = 2
    #: At most this many lines of a multi-line problem are shown (from its first line).
    max_span_lines: int = 6

    def report(self, result: Result) -> None:
        cache: dict[str, object] = {}
        for diagnostic in result.diagnostics:
            self.write(header_line(diagnostic, color=self.color) + "\n")
            lines = self._lines(diagnostic.path, cache)
            if lines is not None:
                self._snippet(diagnostic, lines)
            for related in diagnostic.related:
                label = paint("= note", BOLD, enabled=self.color)
                where = f"{related.path}:{related.line}:{related.column}"
                self.write(f"  {label}: {where}: {one_line(related.message)}\n")
            help_text = _help(result.rules.get(diagnostic.code))
            if help_text:
                self.write(f"  {paint('= help', BOLD, enabled=self.color)}: {help_text}\n")
            self.write("\n")
        if self.summary:
            self.write(paint(summary_line(result), BOLD, enabled=self.color) + "\n")

    def _lines(self, path: str, cache: dict[str, object]) -> list[str] | None:
        """The file's lines without line endings, read once per report; None if unreadable."""
        if self.source_reader is None:
            return None
        if path not in cache:
            try:
                raw = self.source_reader(path)
            except (OSError, ValueError):  # ValueError covers UnicodeDecodeError
                raw = None
            cache[path] = _UNREADABLE if raw is None else [line.rstrip("\r\n") for line in raw]
        lines = cache[path]
        return None if lines is _UNREADABLE else lines  # type: ignore[return-value]

    def _snippet(self, diagnostic: Diagnostic, lines: list[str]) -> None:
        span = span_of(diagnostic)
        if not 1 <= span.line <= len(lines):
            return
        first = max(1, span.line - self.context_lines)
        last_of_span = min(span.end_line, span.line + self.max_span_lines - 1, len(lines))
        last = min(len(lines), last_of_span + self.context_lines)
        width = len(str(last))
        gutter_color = (BOLD, BLUE)

        def gutter(number: int | None) -> str:
            text = f"{number if number is not None else '':>{width}} |"
            return paint(text, *gutter_color, enabled=self.color)

        self.write(gutter(None) + "\n")
        for number in range(first, last + 1):
            text = lines[number - 1]
            self.write(f"{gutter(number)} {text}".rstrip() + "\n")
            if number == span.line:
                self.write(f"{gutter(None)} {self._underline(text, span, diagnostic)}\n")
        self.write(gutter(None) + "\n")

    def _underline(self, text: str, span: Span, diagnostic: Diagnostic) -> str:
        """Spaces up to ``column`` (tabs kept, so it lines up), then one caret per cell."""
        start = span.column - 1
        end = span.end_column - 1 if span.end_line == span.line else max(len(text), start + 1)
        before = text[:start]
        pad = "".join("\t" if ch == "\t" else " " * _width(ch) for ch in before)
        pad += " " * (start - len(before))  # a column past the end of the line
        cells = sum(1 if ch == "\t" else _width(ch) for ch in text[start:end])
        cells = max(1, cells + max(0, end - max(start, len(text))))
        color = SEVERITY_COLOR.get(Severity(diagnostic.severity), CYAN)
        marks = paint("^" * cells + " " + diagnostic.code, BOLD, color, enabled=self.color)
        return pad + marks


def _help(meta: RuleMeta | None) -> str:
    """The rule's fix and the address of its documentation, as one line."""
    if meta is None:
        return ""
    return "; see ".join(part for part in (meta.fix, meta.url) if part)
