"""Diagnostics: immutable, ordered by position, one per problem found."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    """How serious a diagnostic is; values match SARIF levels."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True, order=True)
class Related:
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

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column if self.end_column is not None else self.column,
            "severity": self.severity.value,
            "related": [r.to_json() for r in self.related],
        }


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """What reporters need to know about a rule (SARIF rule metadata, help text)."""

    code: str
    name: str
    summary: str
    doc: str
    severity: Severity


@dataclass(slots=True)
class Result:
    """The outcome of a run: diagnostics sorted by path and position, and files checked."""

    diagnostics: list[Diagnostic]
    files_checked: int
    rules: Mapping[str, RuleMeta] = field(default_factory=dict)
