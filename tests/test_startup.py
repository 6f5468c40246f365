"""Start-up stays cheap: checking a page with no table loads no HTML parser and no jsonschema.

An import-time ceiling, checked in CI: `python -X importtime -m handbook_lint check` on a page
without a table. Timings on a shared machine are noisy, so the ceiling counts modules, with
only a generous bound on time.
"""

from __future__ import annotations

import re
import subprocess
import sys

NOT_AT_START_UP = ("bs4", "html5lib", "jsonschema", "soupsieve", "referencing")
#: Imported only by the commands, formats and pages that need them: no configuration file
#: (tomllib), no export (its parser), no --diff, no mistyped selector, no bug, other formats.
ONLY_WHEN_NEEDED = (
    "tomllib",
    "handbook_lint.plaintext.dialects",
    "difflib",
    "traceback",
    *(
        f"handbook_lint.reporters.{name}"
        for name in ("full", "json_", "json_lines", "github", "sarif", "junit", "gitlab")
    ),
)
#: Modules a check of a page with no table may import (the interpreter's own included):
#: about 256 before the imports above were made lazy, 232 since (Python 3.11).
MODULE_CEILING = 250
#: Modules a check whose result comes from the cache may import: no engine, rules or
#: parser (about 156 when every reporter and tomllib were imported at start-up, 132 since).
CACHED_MODULE_CEILING = 145
#: Microseconds for `handbook_lint` and everything it imports: a bound only a regression
#: (a parser at start-up, say) or a badly overloaded machine reaches.
CUMULATIVE_CEILING_US = 2_000_000


def imports(tmp_path, page: str, *args: str) -> dict[str, int]:
    """Every module the check imports, with its cumulative import time (µs); the key
    `TOTAL` holds the time of the top-level imports of handbook_lint's own modules."""
    (tmp_path / "page.md").write_text(page)
    command = [sys.executable, "-X", "importtime", "-m", "handbook_lint", "check", *args, "page.md"]
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    found = re.findall(r"^import time:\s+\d+ \|\s+(\d+) \| ( *)(\S+)$", run.stderr, re.M)
    assert found
    modules = {name: int(cumulative) for cumulative, _, name in found}
    own = [int(cumulative) for cumulative, nesting, name in found if not nesting and name.startswith("handbook_lint")]
    return {**modules, "TOTAL": sum(own)}


def test_a_page_without_tables_starts_without_parsers_or_jsonschema(tmp_path):
    modules = imports(tmp_path, "---\ntitle: A page\n---\n# A page\n\nJust prose, and no table.\n")
    assert sorted(m for m in modules if m.split(".")[0] in NOT_AT_START_UP) == []
    assert len(modules) - 1 <= MODULE_CEILING, f"{len(modules) - 1} modules at start-up"
    assert modules["TOTAL"] <= CUMULATIVE_CEILING_US


def test_a_check_imports_only_what_it_uses(tmp_path):
    modules = imports(tmp_path, "# A page\n\nNo table.\n", "--no-cache", "--output-format", "concise")
    assert "handbook_lint.reporters.concise" in modules
    assert sorted(m for m in ONLY_WHEN_NEEDED if m in modules) == []


def test_a_result_from_the_cache_needs_no_engine_rules_parser_or_export_pairing(tmp_path):
    imports(tmp_path, "| a | b |\n|---|---|\n| 1 | 2 |\n")  # fills the cache
    modules = imports(tmp_path, "| a | b |\n|---|---|\n| 1 | 2 |\n")
    loaded = [
        m
        for m in modules
        if m.startswith(
            ("handbook_lint.engine", "handbook_lint.rules", "handbook_lint.tables", "handbook_lint.plaintext")
        )
    ]
    assert loaded + [m for m in ("mistune", *ONLY_WHEN_NEEDED) if m in modules] == []
    assert len(modules) - 1 <= CACHED_MODULE_CEILING, f"{len(modules) - 1} modules for a cached result"


def test_a_configuration_file_is_checked_without_jsonschema_when_valid(tmp_path):
    (tmp_path / "handbook-lint.toml").write_text('select = ["HL1", "missing-owner"]\nmax-slots = 5000\n')
    modules = imports(tmp_path, "# A page\n\nNo table.\n", "--no-cache")
    assert "jsonschema" not in modules


def test_only_a_page_with_an_html_table_loads_the_html_parser(tmp_path):
    modules = imports(tmp_path, "| a | b |\n|---|---|\n| 1 | 2 |\n", "--no-cache")
    assert "mistune" in modules and "html5lib" not in modules
    modules = imports(tmp_path, "<table><tr><td>1</td></tr></table>\n", "--no-cache")
    assert "html5lib" in modules and "bs4" not in modules


def test_a_pipe_table_page_with_nothing_to_fix_loads_no_fix_or_export_generator_code(tmp_path):
    """What only some pages need stays out of the common one: fixes (a finding with a fix),
    the cut-table machinery (a cut HTML table) and exact mode's generator."""
    unneeded = ("handbook_lint.fixes", "handbook_lint.rules._cut_fix", "handbook_lint.plaintext.generator")
    modules = imports(tmp_path, "# Owners\n\n| a | b |\n|---|---|\n| 1 | *2* |\n", "--no-cache")
    assert "handbook_lint.rules.cut_html_table" in modules
    assert sorted(m for m in unneeded if m in modules) == []
    modules = imports(tmp_path, "| a | b |\n|---|---|\n| 1 |\n", "--no-cache", "--exit-zero")  # a missing cell
    assert "handbook_lint.fixes" in modules


def test_a_cut_that_changes_the_page_is_described_without_bs4(tmp_path):
    """bs4 (with soupsieve, ~90 ms to import) is not needed to say what a cut HTML table shows."""
    page = "<table>\n<tr>\n<td>\n\n    indented, so a code block\n</td>\n</tr>\n</table>\n"
    (tmp_path / "page.md").write_text(page)
    command = [sys.executable, "-X", "importtime", "-m", "handbook_lint", "check", "--no-cache", "page.md"]
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert "HL110" in run.stdout and "code block" in run.stdout, run.stdout + run.stderr
    assert not re.search(r"\| +bs4$", run.stderr, re.M)
