"""handbook-lint: lint and validate the structure tables of Markdown handbook pages.

The public API (see README, "Python API") is re-exported here and imported on first use,
so that ``import handbook_lint`` stays cheap:

- `lint_paths`, `lint_file`, `lint_text`: diagnostics for pages on disk or for text;
- `extract_tables`: the canonical tables of a page; `export_pages`: the export document;
- `load_config`, `Config`, `ConfigError`; `Diagnostic`, `Severity`, `Result`, `Table`.
"""

from __future__ import annotations

# Nothing is imported here, typing included: the console script raises the garbage
# collector's threshold first (console.py), and what is imported before runs with the low one.
TYPE_CHECKING = False

__version__ = "0.1.0"

_EXPORTS = {
    "lint_paths": "handbook_lint.api",
    "lint_file": "handbook_lint.api",
    "lint_text": "handbook_lint.api",
    "extract_tables": "handbook_lint.api",
    "export_pages": "handbook_lint.api",
    "PathNotFound": "handbook_lint.api",
    "load_config": "handbook_lint.config",
    "Config": "handbook_lint.config",
    "ConfigError": "handbook_lint.config",
    "Diagnostic": "handbook_lint.diagnostics",
    "Severity": "handbook_lint.diagnostics",
    "Result": "handbook_lint.diagnostics",
    "Table": "handbook_lint.tables.model",
}
__all__ = [
    "Config",
    "ConfigError",
    "Diagnostic",
    "PathNotFound",
    "Result",
    "Severity",
    "Table",
    "__version__",
    "export_pages",
    "extract_tables",
    "lint_file",
    "lint_paths",
    "lint_text",
    "load_config",
]

if TYPE_CHECKING:
    from typing import Any

    from handbook_lint.api import PathNotFound, export_pages, extract_tables, lint_file, lint_paths, lint_text
    from handbook_lint.config import Config, ConfigError, load_config
    from handbook_lint.diagnostics import Diagnostic, Result, Severity
    from handbook_lint.tables.model import Table


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'handbook_lint' has no attribute {name!r}")
