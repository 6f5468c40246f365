"""The public Python API: lint paths, files and text; extract tables; export them.

Everything the command line does is a call here that returns values; `cli` only parses
options and prints. A `config` argument is a `Config` used for every page, or None to
find each page's configuration by walking up from its folder, as the command line does.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from handbook_lint import engine
from handbook_lint.config import Config, Configs, default_config
from handbook_lint.diagnostics import Diagnostic, Result
from handbook_lint.discovery import discover_pages
from handbook_lint.export import PageExport, export_document, export_page
from handbook_lint.page import Page, page_from_text, read_page
from handbook_lint.plaintext.dialects import parse_export
from handbook_lint.plaintext.generator import generator_for
from handbook_lint.plaintext.pairing import Pairing, page_for_export
from handbook_lint.rules import rule_metadata
from handbook_lint.tables.extract import DEFAULT_MAX_SLOTS
from handbook_lint.tables.extract import extract_tables as _extract_tables
from handbook_lint.tables.model import Table
from handbook_lint.usage import Usage, unused_settings

PathLike = str | os.PathLike[str]


class PathNotFound(ValueError):
    """A path given to lint or export does not exist."""


def lint_paths(
    paths: Iterable[PathLike], *, config: Config | Configs | None = None, force_exclude: bool = False
) -> Result:
    """Lint every page under `paths` (files, or folders walked with `.gitignore` and
    `exclude` honoured). Raises `PathNotFound` and `config.ConfigError`."""
    configs = _configs(config)
    names = [os.fspath(path) for path in paths]
    pages = find_pages(names, configs, force_exclude=force_exclude)
    usage = Usage()
    result = lint_pages(pages, configs, usage=usage)
    result.warnings = unused_settings(names, pages, configs, usage)
    return result


def find_pages(paths: Iterable[PathLike], configs: Configs, *, force_exclude: bool = False) -> list[str]:
    """The pages to read: folders walked, named files as given (an export names its page)."""
    names = [os.fspath(path) for path in paths]
    for name in names:
        if not os.path.lexists(name):  # a dangling link exists: reading it reports HL001
            raise PathNotFound(f"path {name!r} does not exist")
    return discover_pages(
        names,
        excluded=configs.excludes,
        force_exclude=force_exclude,
        locate_page=lambda export: page_for_export(export, configs(export)),
    )


def lint_pages(
    pages: list[str], configs: Configs, *, done: Callable[[int], Any] | None = None, usage: Usage | None = None
) -> Result:
    """Lint these page files; `done(1)` is called after each (a progress bar's update), and
    `usage` records the parts of the configuration they used."""
    diagnostics: list[Diagnostic] = []
    for path in pages:
        diagnostics.extend(engine.lint_file(path, configs(path), usage))
        if done is not None:
            done(1)
    return Result(sorted(diagnostics), len(pages), rule_metadata())


def lint_file(path: PathLike, *, config: Config | None = None) -> list[Diagnostic]:
    """Diagnostics for one page file; its export is found as the configuration says."""
    name = os.fspath(path)
    return engine.lint_file(name, config or _configs(None)(name))


def lint_text(
    text: str, *, path: str = "-", config: Config | None = None, plain_text: str | None = None
) -> list[Diagnostic]:
    """Diagnostics for page text. No file is read: the plain-text export to compare with,
    if any, is `plain_text`; `path` only names the page in diagnostics and path globs."""
    page = page_from_text(path, text)
    export = "-" if plain_text is None else f"{path}.txt"
    config = config or default_config()
    generator = generator_for(config)  # exact mode when the configuration asks for it

    def given_export(page: Page, tables: list[Table]) -> Pairing | None:
        return None if plain_text is None else Pairing(export, parse_export(plain_text), None, page, tables, generator)

    return engine.lint_page(page, config, given_export)


def extract_tables(source: str | os.PathLike[str] | Page, *, max_slots: int = DEFAULT_MAX_SLOTS) -> list[Table]:
    """Every table of a page, in document order: `source` is Markdown text (a `str`), a
    page file (a `pathlib.Path` or other path object) or a `Page`."""
    if isinstance(source, str):
        page = page_from_text("-", source)
    elif isinstance(source, Page):
        page = source
    else:
        page = read_page(source)
    return _extract_tables(page, max_slots=max_slots)


def export_pages(paths: Iterable[PathLike], *, config: Config | Configs | None = None) -> dict[str, Any]:
    """The canonical JSON document (as Python data) of every table under `paths`; input
    problems are recorded per page, not raised."""
    return export_document(export_page_list(paths, config=config))


def export_page_list(paths: Iterable[PathLike], *, config: Config | Configs | None = None) -> list[PageExport]:
    """Each page's export, in the order found."""
    configs = _configs(config)
    return [export_page(path, config=configs(path)) for path in find_pages(paths, configs)]


def _configs(config: Config | Configs | None) -> Configs:
    if isinstance(config, Configs):
        return config
    return Configs(fixed=config)
