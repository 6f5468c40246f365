"""The public Python API: lint paths, files and text; extract tables; export them.

Everything the command line does is a call here that returns values; `cli` only parses
options and prints. A `config` argument is a `Config` used for every page, or None to
find each page's configuration by walking up from its folder, as the command line does.
The linting machinery (parsers, rules) is imported by the functions that use it, so that
a run whose results all come from the cache never loads it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from handbook_lint.config import DEFAULTS, Config, Configs, default_config
from handbook_lint.diagnostics import Diagnostic, Result, RuleMeta
from handbook_lint.discovery import discover_pages
from handbook_lint.page import Page, page_from_text, read_page
from handbook_lint.usage import Usage, unused_settings

if TYPE_CHECKING:
    from handbook_lint.cache import ResultCache
    from handbook_lint.export import PageExport
    from handbook_lint.tables.model import Table

PathLike = str | os.PathLike[str]


class PathNotFound(ValueError):
    """A path given to lint or export does not exist."""


class RuleCatalog(Mapping[str, RuleMeta]):
    """Every rule's metadata (`rules.rule_metadata()`), read on first use: most reports never
    look at it, and a run whose results all come from the cache need not load the rules."""

    def __init__(self) -> None:
        self._rules: dict[str, RuleMeta] | None = None

    def _loaded(self) -> dict[str, RuleMeta]:
        if self._rules is None:
            from handbook_lint.rules import rule_metadata

            self._rules = rule_metadata()
        return self._rules

    def __getitem__(self, code: str) -> RuleMeta:
        return self._loaded()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


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
        listed=configs.listed,
        force_exclude=force_exclude,
        locate_page=lambda export: _page_for_export(export, configs(export)),
    )


def lint_pages(
    pages: list[str],
    configs: Configs,
    *,
    done: Callable[[int], Any] | None = None,
    usage: Usage | None = None,
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> Result:
    """Lint these page files; `done(1)` is called after each (a progress bar's update), and
    `usage` records the parts of the configuration they used.

    With `jobs` over 1, runs of `pool.PARALLEL_THRESHOLD` pages or more are linted in that
    many processes; with a `cache`, pages whose results it holds are not linted again, and
    it is given the others' (the caller saves it). The result is the same either way.
    """
    from handbook_lint.pool import lint_files

    found: list[list[Diagnostic] | None] = [None] * len(pages)
    keys: list[str | None] = [None] * len(pages)
    todo: list[int] = []
    for index, path in enumerate(pages):
        hit = None
        if cache is not None:
            config = configs(path)
            keys[index], hit = cache.lookup(path, config)
        if hit is None:
            todo.append(index)
            continue
        found[index], entries = hit
        _record(usage, config, entries)
        if done is not None:
            done(1)
    linted = lint_files([(pages[index], configs(pages[index])) for index in todo], jobs=jobs, done=done)
    for index, (content, diagnostics, entries) in zip(todo, linted):
        found[index] = diagnostics
        config = configs(pages[index])
        _record(usage, config, entries)
        if cache is not None:
            cache.store(pages[index], config, keys[index], content, diagnostics, entries)
    return Result(sorted(d for page in found for d in page or ()), len(pages), RuleCatalog())


def _record(usage: Usage | None, config: Config, entries: list[int]) -> None:
    """Record the `structure-tables` entries (by index) a page's tables matched."""
    if usage is not None and config.source is not None:
        usage.structure_entries.update((config.source, index) for index in entries)


def lint_file(path: PathLike, *, config: Config | None = None) -> list[Diagnostic]:
    """Diagnostics for one page file; its export is found as the configuration says."""
    from handbook_lint import engine

    name = os.fspath(path)
    return engine.lint_file(name, config or _configs(None)(name))


def lint_text(
    text: str, *, path: str = "-", config: Config | None = None, plain_text: str | None = None
) -> list[Diagnostic]:
    """Diagnostics for page text. No file is read: the plain-text export to compare with,
    if any, is `plain_text`; `path` only names the page in diagnostics and path globs."""
    from handbook_lint import engine
    from handbook_lint.plaintext.dialects import parse_export
    from handbook_lint.plaintext.generator import generator_for
    from handbook_lint.plaintext.pairing import Pairing

    page = page_from_text(path, text)
    export = "-" if plain_text is None else f"{path}.txt"
    config = config or default_config()
    generator = generator_for(config)  # exact mode when the configuration asks for it

    def given_export(page: Page, tables: list[Table]) -> Pairing | None:
        return None if plain_text is None else Pairing(export, parse_export(plain_text), None, page, tables, generator)

    return engine.lint_page(page, config, given_export)


def extract_tables(source: str | os.PathLike[str] | Page, *, max_slots: int = DEFAULTS["max-slots"]) -> list[Table]:
    """Every table of a page, in document order: `source` is Markdown text (a `str`), a
    page file (a `pathlib.Path` or other path object) or a `Page`."""
    from handbook_lint.tables.extract import extract_tables as _extract_tables

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
    from handbook_lint.export import export_document

    return export_document(export_page_list(paths, config=config))


def export_page_list(paths: Iterable[PathLike], *, config: Config | Configs | None = None) -> list[PageExport]:
    """Each page's export, in the order found."""
    from handbook_lint.export import export_page

    configs = _configs(config)
    return [export_page(path, config=configs(path)) for path in find_pages(paths, configs)]


def _page_for_export(export: str, config: Config) -> str | None:
    from handbook_lint.plaintext.pairing import page_for_export  # only a named export needs it

    return page_for_export(export, config)


def _configs(config: Config | Configs | None) -> Configs:
    if isinstance(config, Configs):
        return config
    return Configs(fixed=config)
