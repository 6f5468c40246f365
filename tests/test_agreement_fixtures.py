"""Golden page/export pairs in fixtures/plaintext/: each ``<case>.md`` is linted with its
``<case>.txt`` beside it, and the HL4xx diagnostics, both ends of each, must be exactly
those stored in ``<case>.expected`` (empty: the two agree).

The ``agrees-*`` exports are what trafilatura 1.12.2 and 2.3.1 make of the page (a slow
test checks that); every other case is one of them with one edit.
``HANDBOOK_LINT_UPDATE_FIXTURES=1 pytest tests/test_agreement_fixtures.py`` rewrites the
``.expected`` files: read the diff before committing it.
"""

from __future__ import annotations

import os

import pytest

from handbook_lint.config import DEFAULTS, Config
from handbook_lint.engine import lint_file
from handbook_lint.page import read_page

from conftest import FIXTURES

CASES = FIXTURES / "plaintext"
PAGES = sorted(CASES.glob("*.md"))


def report(page) -> str:
    """HL4xx diagnostics of a fixture page, with the export end of each."""
    cwd = os.getcwd()
    os.chdir(CASES)
    try:
        diagnostics = lint_file(page.name, Config({**DEFAULTS, "select": ["HL4"]}, CASES))
    finally:
        os.chdir(cwd)
    lines = []
    for d in diagnostics:
        lines.append(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}")
        lines.extend(f"    {r.path}:{r.line}:{r.column}: {r.message}" for r in d.related)
    return "".join(line + "\n" for line in lines)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_fixture_pair_gives_the_stored_diagnostics(page):
    output = report(page)
    expected = page.with_suffix(".expected")
    if os.environ.get("HANDBOOK_LINT_UPDATE_FIXTURES"):
        expected.write_text(output)
    assert output == expected.read_text()
    assert (output == "") == page.stem.startswith("agrees-")


def test_every_case_has_its_export_and_expected_output():
    assert len(PAGES) >= 12
    for page in PAGES:
        assert page.with_suffix(".txt").is_file() and page.with_suffix(".expected").is_file()


@pytest.mark.slow
@pytest.mark.parametrize("version", ["1.12.2", "2.3.1"])
def test_the_unedited_exports_are_what_trafilatura_makes(version):
    from trafilatura_env import exports

    cases = [case for prefix in ("agrees-", "lost-") for case in CASES.glob(f"{prefix}*trafilatura{version[0]}.md")]
    made = exports(version, {case.name: read_page(case).body for case in cases})
    for case in cases:
        assert made[case.name] == case.with_suffix(".txt").read_text(), case.name
