"""Golden cases: `fixtures/cases/pass/*.md` must be clean; each `fixtures/cases/fail/*.md`
must give exactly the diagnostics stored beside it in `*.expected` (concise format).

Adding a case is adding files. `HANDBOOK_LINT_UPDATE_FIXTURES=1 pytest tests/test_fixtures.py`
writes missing or changed `.expected` files: read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook_lint.cli import main

from conftest import FIXTURES

CASES = FIXTURES / "cases"


def concise(path: Path) -> tuple[int, str]:
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        result = CliRunner().invoke(
            main, ["check", "--isolated", "--output-format", "concise", path.name], catch_exceptions=False
        )
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("page", sorted((CASES / "pass").glob("*.md")), ids=lambda p: p.stem)
def test_passing_pages_are_clean(page):
    code, output = concise(page)
    assert (code, output) == (0, "All checks passed!\n")


@pytest.mark.parametrize("page", sorted((CASES / "fail").glob("*.md")), ids=lambda p: p.stem)
def test_failing_pages_give_the_stored_diagnostics(page):
    code, output = concise(page)
    expected_file = page.with_suffix(".expected")
    if os.environ.get("HANDBOOK_LINT_UPDATE_FIXTURES"):
        expected_file.write_text(output)
    assert code == 1
    assert output == expected_file.read_text()
