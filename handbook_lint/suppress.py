"""Inline suppressions written as HTML comments in the page.

- `<!-- handbook-lint-disable HL301 -->` … `<!-- handbook-lint-enable -->`: a range of lines;
- `<!-- handbook-lint-disable-next-table HL1 -->`: the lines of the next table;
- `<!-- handbook-lint-disable-file -->`: the whole page.
Codes may be codes, prefixes or rule names; none means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook_lint.tables.model import Table

_DIRECTIVE = re.compile(
    r"<!--\s*handbook-lint-(disable-next-table|disable-file|disable|enable)\b([^>]*?)-->"
)
_ALL: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Span:
    first: int
    last: int
    codes: tuple[str, ...]


class Suppressions:
    """Which (line, code) pairs the page's directives silence."""

    def __init__(self, text: str, tables: list[Table], names: dict[str, str]):
        self._names = names
        self._spans: list[_Span] = []
        open_ranges: dict[tuple[str, ...], int] = {}
        last_line = text.count("\n") + 1
        for match in _DIRECTIVE.finditer(text):
            kind, codes = match.group(1), self._codes(match.group(2))
            line = text.count("\n", 0, match.start()) + 1
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
            span.first <= line <= span.last
            and (not span.codes or any(code.startswith(c) for c in span.codes))
            for span in self._spans
        )
