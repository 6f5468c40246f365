"""The canonical JSON export of every table of a set of pages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from handbook_lint.extract import DEFAULT_MAX_SLOTS, extract_tables
from handbook_lint.model import Table
from handbook_lint.page import InputProblem, PageError, read_page

SCHEMA_VERSION = 1


@dataclass(slots=True)
class PageExport:
    path: str
    title: str | None = None
    tables: list[Table] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "tables": [table.to_json() for table in self.tables],
            "problems": [
                {"code": p.code, "message": p.message, "line": p.line, "column": p.column}
                for p in self.problems
            ],
        }


def export_page(path: str, *, max_slots: int = DEFAULT_MAX_SLOTS) -> PageExport:
    """Read one page and extract its tables; input problems are recorded, not raised."""
    try:
        page = read_page(path)
    except PageError as error:
        return PageExport(path, problems=[error.problem])
    return PageExport(path, page.title, extract_tables(page, max_slots=max_slots), list(page.problems))


def export_document(pages: list[PageExport]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "pages": [page.to_json() for page in sorted(pages, key=lambda page: page.path)],
    }


def dumps(document: dict[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
