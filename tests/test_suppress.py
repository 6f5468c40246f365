"""Inline suppressions: ranges, the next table, the whole file; codes, prefixes, names."""

from __future__ import annotations

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from handbook_lint.api import lint_text

EMPTY_OWNER = "| Function | Free | Team (Self Serve) | Enterprise (C-Level) |\n|---|---|---|---|\n| Sales | A | | C |\n"


def codes_at(markdown: str) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in lint_text(markdown)]


def test_unsuppressed_baseline():
    assert codes_at(EMPTY_OWNER) == [("HL301", 3)]


def test_disable_and_enable_a_range():
    markdown = f"<!-- handbook-lint-disable HL301 -->\n\n{EMPTY_OWNER}\n<!-- handbook-lint-enable -->\n\n{EMPTY_OWNER}"
    assert codes_at(markdown) == [("HL301", 11)]


def test_disable_without_enable_runs_to_the_end():
    assert codes_at(f"<!-- handbook-lint-disable -->\n\n{EMPTY_OWNER}") == []


def test_disable_next_table_by_prefix_and_by_name():
    for codes in ("HL3", "missing-owner", "HL301, HL101"):
        markdown = f"<!-- handbook-lint-disable-next-table {codes} -->\n\n{EMPTY_OWNER}\n{EMPTY_OWNER}"
        assert codes_at(markdown) == [("HL301", 9)], codes


def test_other_codes_are_not_suppressed():
    markdown = f"<!-- handbook-lint-disable-next-table HL1 -->\n\n{EMPTY_OWNER}"
    assert codes_at(markdown) == [("HL301", 5)]


def test_disable_file():
    assert codes_at(f"{EMPTY_OWNER}\n<!-- handbook-lint-disable-file -->\n") == []
    assert codes_at(f"<!-- handbook-lint-disable-file HL1 -->\n\n{EMPTY_OWNER}") == [("HL301", 5)]


DIRECTIVE = "<!-- handbook-lint-disable-file -->"
PLACES = [  # where a page may show the directive: as code (text) or as a real comment
    "```markdown\n{d}\n```\n",
    "~~~~\n{d}\n~~~~\n",
    "    {d}\n",
    "Write `{d}` to silence a page.\n",
    "Write ``{d} `x` `` to silence it.\n",
    "A span may break\nover lines: `a\nx {d} b`.\n",
    "A span may break\nover lines: `a\n{d} b`.\n",  # the comment opens an HTML block
    "- a list item:\n\n  ```\n  {d}\n  ```\n",
    "> a quote:\n>\n> ```\n> {d}\n> ```\n",
    "{d}\n",
    "A lone ` backtick, then {d}\n",
    "`code` then {d}\n",
    "```\ncode\n```\n\n{d}\n",
    "- item {d}\n",
]


@pytest.mark.parametrize("place", PLACES)
def test_a_directive_silences_only_where_github_renders_a_comment(place):
    shown = place.format(d=DIRECTIVE)
    real = DIRECTIVE in cmarkgfm.github_flavored_markdown_to_html(shown, options=Options.CMARK_OPT_UNSAFE)
    found = codes_at(f"# Suppressions\n\n{shown}\n{EMPTY_OWNER}")
    assert [code for code, _ in found] == ([] if real else ["HL301"])
