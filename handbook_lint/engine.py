"""The engine: one page through extraction, the enabled rules and its suppressions."""

from __future__ import annotations

from collections.abc import Callable

from handbook_lint.cache import content_digest
from handbook_lint.config import Config
from handbook_lint.diagnostics import Diagnostic, Severity
from handbook_lint.page import Page, PageError, display_path, page_from_bytes, read_bytes, read_page
from handbook_lint.plaintext.pairing import Pairing, pair
from handbook_lint.rules import BY_NAME, RULES
from handbook_lint.rules._api import PageContext
from handbook_lint.structure_tables import find_structure_tables
from handbook_lint.suppress import Suppressions
from handbook_lint.tables.extract import extract
from handbook_lint.tables.model import Table

_NAME_TO_CODE = {name: module.CODE for name, module in BY_NAME.items()}
#: How a page finds its plain-text export: given the page and its tables, the pairing or None.
PairingFinder = Callable[[Page, list[Table]], Pairing | None]


def enabled_codes(config: Config, path: str | None = None) -> set[str]:
    """Rule codes to run: selected (or enabled by default) and not ignored; the most
    specific selector wins, as in ruff."""
    select = config["select"]
    selectors = [(_code(s), True) for s in (select if select is not None else [])]
    selectors += [(_code(s), True) for s in config["extend-select"]]
    selectors += [(_code(s), False) for s in config["ignore"]]
    if path is not None:
        selectors += [(_code(s), False) for s in config.ignored_for(path)]
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
    return enabled


def _code(selector: str) -> str:
    return _NAME_TO_CODE.get(selector.lower(), selector.upper())


def lint_file(path: str, config: Config) -> list[Diagnostic]:
    """Diagnostics for one page file, its export found as the configuration says."""
    try:
        page = read_page(path, max_bytes=config["max-file-size"])
    except PageError as error:
        context = PageContext(path, [], [], config, [error.problem])
        return _run(context, config, None)
    return lint_page(page, config)


def lint_file_digest(path: str, config: Config) -> tuple[str | None, list[Diagnostic]]:
    """As `lint_file`, with the digest of the bytes linted (None when they could not be read),
    so that a cached result is filed under exactly the content it was made from."""
    try:
        data = read_bytes(path, max_bytes=config["max-file-size"])
    except PageError as error:
        return None, _run(PageContext(path, [], [], config, [error.problem]), config, None)
    try:
        page = page_from_bytes(display_path(path), data)
    except PageError as error:
        return content_digest(data), _run(PageContext(path, [], [], config, [error.problem]), config, None)
    return content_digest(data), lint_page(page, config)


def lint_page(page: Page, config: Config, find_pairing: PairingFinder | None = None) -> list[Diagnostic]:
    """Diagnostics for a page read already; `find_pairing` defaults to the configured pairing."""
    extraction = extract(page, max_slots=config["max-slots"], max_depth=config["max-html-depth"])
    tables = extraction.tables
    pairing = find_pairing(page, tables) if find_pairing else pair(page, tables, config)
    structure = find_structure_tables(tables, page.text, config)
    context = PageContext(
        page.path, tables, structure, config, list(page.problems), page.text, pairing, extraction.facts
    )
    return _run(context, config, lambda: Suppressions(extraction.document, tables, _NAME_TO_CODE))


def _run(context: PageContext, config: Config, suppressions: Callable[[], Suppressions] | None) -> list[Diagnostic]:
    """Run the enabled rules; `suppressions` makes the page's suppressions, when a rule finds
    something (a page that cannot hold a table is parsed only then)."""
    severities = {_code(key): Severity(value) for key, value in config["severity"].items()}
    diagnostics = []
    silencer: Suppressions | None = None
    for code in sorted(enabled_codes(config, context.path)):
        rule = RULES[code]
        for finding in rule.check(context):
            if suppressions is not None:
                silencer = silencer or suppressions()
                if silencer.silences(finding.line, code):
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
                )
            )
    return sorted(diagnostics)
