"""The canonical JSON export of every table of a set of pages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from handbook_lint.config import Config, default_config
from handbook_lint.page import InputProblem, Page, PageError, read_page
from handbook_lint.plaintext.pairing import Pairing, pair
from handbook_lint.rules import BY_NAME, internal_error
from handbook_lint.tables.extract import extract_tables
from handbook_lint.tables.model import Table

SCHEMA_VERSION = 1


@dataclass(slots=True)
class PageExport:
    path: str
    title: str | None = None
    tables: list[Table] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    plain_text: Pairing | None = None  # the paired plain-text export, and its verdict

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "title": self.title,
            "tables": [table.to_json() for table in self.tables],
            "problems": [
                {"code": BY_NAME[p.rule].CODE, "message": p.message, "line": p.line, "column": p.column}
                for p in self.problems
            ],
        }
        if self.plain_text is not None:
            data["plain_text"] = self.plain_text.to_json()
        return data


def export_page(path: str, *, config: Config | None = None) -> PageExport:
    """Read one page and extract its tables; input problems are recorded, not raised.

    A page with a plain-text export (found as `config` says) gets `plain_text`: the
    export's path, dialect, whether it agrees and every divergence; a required export that
    is missing is recorded there too.
    """
    config = config or default_config()
    try:
        page = read_page(path, max_bytes=config["max-file-size"])
    except PageError as error:
        return PageExport(path, problems=[error.problem])
    except Exception as error:
        return _failed(path, error)
    return export_loaded_page(page, config)


def export_loaded_page(page: Page, config: Config) -> PageExport:
    """The export of a page read already (from standard input, say), as `export_page` makes it."""
    try:
        return _export_loaded_page(page, config)
    except Exception as error:
        return _failed(page.path, error)


def _failed(path: str, error: Exception) -> PageExport:
    """A bug met on one page: the page is reported (HL000), the others are still exported."""
    return PageExport(path, problems=[internal_error.problem(path, error)])


def _export_loaded_page(page: Page, config: Config) -> PageExport:
    tables = extract_tables(page, max_slots=config["max-slots"], max_depth=config["max-html-depth"])
    pairing = pair(page, tables, config)
    if pairing is not None and pairing.error == "missing" and not config["require-plain-text"]:
        pairing = None
    return PageExport(page.path, page.title, tables, list(page.problems), pairing)


def export_document(pages: list[PageExport]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "pages": [page.to_json() for page in sorted(pages, key=lambda page: page.path)],
    }


def dumps(document: dict[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
