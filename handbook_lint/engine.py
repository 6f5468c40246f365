"""The engine: one page through extraction, the enabled rules and its suppressions."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from handbook_lint.cache import content_digest
from handbook_lint.config import Config
from handbook_lint.diagnostics import Diagnostic, Severity
from handbook_lint.page import Page, PageError, display_path, page_from_bytes, read_bytes, read_page
from handbook_lint.plaintext.pairing import Pairing, pair
from handbook_lint.rules import RULES, internal_error, selector_prefix
from handbook_lint.rules._api import PageContext
from handbook_lint.structure_tables import StructureTable, find_structure_tables
from handbook_lint.tables.extract import extract
from handbook_lint.tables.model import Table
from handbook_lint.usage import Usage

if TYPE_CHECKING:
    from handbook_lint.fixes import Fix
    from handbook_lint.suppress import Suppressions

#: How a page finds its plain-text export: given the page and its tables, the pairing or None.
PairingFinder = Callable[[Page, list[Table]], Pairing | None]
_Lint = TypeVar("_Lint", bound=Callable[..., list[Diagnostic]])


def _internal_errors_reported(lint: _Lint) -> _Lint:
    """Make a bug met while checking one page its HL000 diagnostic, so that the other pages
    are still checked. It is reported whatever the selection, severity and suppressions say."""

    @functools.wraps(lint)
    def guarded(source: str | Page, config: Config, *args: Any, **kwargs: Any) -> list[Diagnostic]:
        try:
            return lint(source, config, *args, **kwargs)
        except Exception as error:
            path = source if isinstance(source, str) else source.path
            context = PageContext(path, [], [], config, [internal_error.problem(path, error)])
            return [
                Diagnostic(path, finding.line, finding.column, internal_error.CODE, finding.message)
                for finding in internal_error.check(context)
            ]

    return cast(_Lint, guarded)


#: What every suppression comment holds (suppress.directives): a page without it has none.
DIRECTIVE_PREFIX = "handbook-lint-"
#: Rules that audit the suppression comments: they run last, when every other rule has had its
#: findings silenced, and are not silenced by the comments they audit. (Found once: looking
#: for the attribute on every rule module of every page cost ~0.13 ms a page.)
_AUDITS_SUPPRESSIONS = frozenset(code for code, rule in RULES.items() if getattr(rule, "AUDITS_SUPPRESSIONS", False))


def enabled_codes(config: Config, path: str | None = None) -> set[str]:
    """Rule codes to run: selected (or enabled by default) and not ignored; the most
    specific selector wins, as in ruff."""
    select = config["select"]
    ignored_here = tuple(config.ignored_for(path)) if path is not None else ()
    return set(
        _enabled_codes(
            None if select is None else tuple(select),
            tuple(config["extend-select"]),
            tuple(config["ignore"]) + ignored_here,
        )
    )


@functools.lru_cache(maxsize=256)
def _enabled_codes(
    select: tuple[str, ...] | None, extend_select: tuple[str, ...], ignore: tuple[str, ...]
) -> frozenset[str]:
    """`enabled_codes` for these selectors (the same for nearly every page of a run)."""
    selectors = [(_code(s), True) for s in select or ()]
    selectors += [(_code(s), True) for s in extend_select]
    selectors += [(_code(s), False) for s in ignore]
    enabled = set()
    for code, rule in RULES.items():
        matching = [(len(prefix), on) for prefix, on in selectors if code.startswith(prefix)]
        if matching:
            longest = max(length for length, _ in matching)
            on = all(on for length, on in matching if length == longest)
        else:
            on = select is None and rule.DEFAULT_ENABLED
        if on:
            enabled.add(code)
    return frozenset(enabled)


def _code(selector: str) -> str:
    return selector_prefix(selector)


@_internal_errors_reported
def lint_file(path: str, config: Config, usage: Usage | None = None) -> list[Diagnostic]:
    """Diagnostics for one page file, its export found as the configuration says; `usage`
    records the parts of the configuration the page used."""
    try:
        page = read_page(path, max_bytes=config["max-file-size"])
    except PageError as error:
        context = PageContext(path, [], [], config, [error.problem])
        return _run(context, config, None)
    return lint_page(page, config, usage=usage)


def lint_file_digest(path: str, config: Config) -> tuple[str | None, list[Diagnostic], list[int]]:
    """As `lint_file`, with the digest of the bytes linted (None when they could not be read),
    so that a cached result is filed under exactly the content it was made from, and the
    indexes of the `structure-tables` entries its tables matched (a run's usage)."""
    try:
        data = read_bytes(path, max_bytes=config["max-file-size"])
    except PageError as error:
        return None, _run(PageContext(path, [], [], config, [error.problem]), config, None), []
    try:
        page = page_from_bytes(display_path(path), data)
    except PageError as error:
        return content_digest(data), _run(PageContext(path, [], [], config, [error.problem]), config, None), []
    usage = Usage()
    diagnostics = lint_page(page, config, usage=usage)
    return content_digest(data), diagnostics, sorted(index for _, index in usage.structure_entries)


@_internal_errors_reported
def lint_page(
    page: Page, config: Config, find_pairing: PairingFinder | None = None, usage: Usage | None = None
) -> list[Diagnostic]:
    """Diagnostics for a page read already; `find_pairing` defaults to the configured pairing."""
    return analyse_page(page, config, find_pairing, usage).diagnostics


class PageAnalysis(NamedTuple):
    """One page after a lint pass: its tables, its structure tables and its diagnostics."""

    page: Page
    tables: list[Table]
    structure_tables: list[StructureTable]
    diagnostics: list[Diagnostic]


def analyse_page(
    page: Page, config: Config, find_pairing: PairingFinder | None = None, usage: Usage | None = None
) -> PageAnalysis:
    """Lint a page read already, keeping what the pass built (for the coverage report)."""
    extraction = extract(page, max_slots=config["max-slots"], max_depth=config["max-html-depth"])
    tables = extraction.tables
    pairing = find_pairing(page, tables) if find_pairing else pair(page, tables, config)
    structure = find_structure_tables(tables, page.text, config)
    if usage is not None:
        usage.record(config, structure)
    suppressions = None
    if DIRECTIVE_PREFIX in page.text:  # (most pages have no suppression comment, and need no module for them)
        from handbook_lint.suppress import Suppressions

        suppressions = Suppressions(extraction.document, tables)
    context = PageContext(
        page.path, tables, structure, config, page.problems, page.text, pairing, extraction.facts, suppressions
    )
    return PageAnalysis(page, tables, structure, _run(context, config, suppressions))


def _run(context: PageContext, config: Config, suppressions: Suppressions | None) -> list[Diagnostic]:
    severities = {_code(key): Severity(value) for key, value in config["severity"].items()}
    diagnostics = []

    @functools.cache
    def page_digest() -> str:  # once per page, not once per fix (700 fixes of a 1 MB page took 0.5 s)
        from handbook_lint.fixes import digest_of  # most pages have no fix

        return digest_of(context.text)

    for code in sorted(enabled_codes(config, context.path), key=_AUDITS_SUPPRESSIONS.__contains__):
        rule = RULES[code]
        audits = code in _AUDITS_SUPPRESSIONS
        for finding in rule.check(context):
            if suppressions is not None and not audits and suppressions.silences(finding.line, code):
                continue
            diagnostics.append(
                Diagnostic(
                    path=context.path,
                    line=finding.line,
                    column=finding.column,
                    code=code,
                    message=finding.message,
                    severity=severities.get(code, rule.SEVERITY),
                    end_line=finding.end_line,
                    end_column=finding.end_column,
                    related=finding.related,
                    fix=_page_fix(finding.fix, context.path, page_digest) if finding.fix else None,
                )
            )
    return sorted(diagnostics)


def _page_fix(fix: Fix, path: str, page_digest: Callable[[], str]) -> Fix:
    """A rule's fix with its file named: the page, unless the rule named another."""
    if fix.path is not None:
        return fix
    return fix._replace(path=path, digest=page_digest())
