"""Diagnostics: immutable, ordered by position, one per problem found."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from handbook_lint.fixes import Fix


class Severity(str, enum.Enum):
    """How serious a diagnostic is; values match SARIF levels."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class Related(NamedTuple):
    """The other end of a disagreement (for example the plain-text export line)."""

    path: str
    line: int
    column: int
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem at a 1-based position of a file as written."""

    path: str
    line: int
    column: int
    code: str
    message: str = field(compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)
    end_line: int | None = field(default=None, compare=False)
    end_column: int | None = field(default=None, compare=False)
    related: tuple[Related, ...] = field(default=(), compare=False)
    fix: Fix | None = field(default=None, compare=False, repr=False)

    def region(self) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column), every format's one convention: the end is
        exclusive (the column just past the last character, as in SARIF and ruff), and a
        missing or empty end makes the region one character wide."""
        end_line = max(self.end_line if self.end_line is not None else self.line, self.line)
        end_column = self.end_column
        if end_line == self.line:
            if end_column is None or end_column <= self.column:
                end_column = self.column + 1
        elif end_column is None or end_column < 1:
            end_column = 1
        return self.line, self.column, end_line, end_column

    def to_json(self) -> dict[str, Any]:
        _, _, end_line, end_column = self.region()
        return {
            "code": self.code,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": end_line,
            "end_column": end_column,
            "severity": self.severity.value,
            "related": [r.to_json() for r in self.related],
        }


class RuleMeta(NamedTuple):
    """What reporters need to know about a rule (SARIF rule metadata, help text)."""

    code: str
    name: str
    summary: str
    doc: str
    severity: Severity
    fix: str = ""  # what to do about a finding, one line
    url: str = ""  # the rule's documentation


@dataclass(slots=True)
class Result:
    """The outcome of a run: diagnostics sorted by path and position, files checked, and
    warnings about settings that matched nothing."""

    diagnostics: list[Diagnostic]
    files_checked: int
    rules: Mapping[str, RuleMeta] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
