"""Inline suppressions: ranges, the next table, the whole file; codes, prefixes, names."""

from __future__ import annotations

from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from handbook_lint.api import lint_text
from handbook_lint.config import DEFAULTS, Config

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


# --- problems with the comments themselves (HL010) and comments that silence nothing (HL011) ---


def diagnostics(markdown: str, **options) -> list[tuple[str, int, int]]:
    config = Config({**DEFAULTS, **options}, Path.cwd())
    return [(d.code, d.line, d.column) for d in lint_text(markdown, config=config)]


def test_an_unknown_rule_in_a_comment_is_reported_where_it_is_written():
    markdown = f"# Owners\n\nText <!-- handbook-lint-disable-next-table HL301, missing-ownr -->\n\n{EMPTY_OWNER}"
    (problem,) = [d for d in lint_text(markdown) if d.code == "HL010"]
    assert (problem.line, problem.column) == (3, markdown.splitlines()[2].index("missing-ownr") + 1)
    assert "did you mean 'missing-owner'" in problem.message
    # HL301 still counts as silenced: the known code does its work
    assert [code for code, *_ in diagnostics(markdown)] == ["HL010"]


def test_an_unknown_word_never_widens_a_comment_to_every_rule():
    markdown = f"<!-- handbook-lint-disable-next-table HL999 -->\n\n{EMPTY_OWNER}"
    assert [code for code, *_ in diagnostics(markdown)] == ["HL010", "HL301"]


@pytest.mark.parametrize(
    ("comment", "hint"),
    [
        ("handbook-lint-enabel", "did you mean 'handbook-lint-enable'"),
        ("handbook-lint-disable-next-tabel HL3", "did you mean 'handbook-lint-disable-next-table'"),
        ("handbook-lint-silence HL3", "handbook-lint-disable-next-table, handbook-lint-disable-file"),
    ],
)
def test_an_unknown_directive_is_reported(comment, hint):
    markdown = f"<!-- handbook-lint-disable HL3 -->\n\n{EMPTY_OWNER}\n<!-- {comment} -->\n\n{EMPTY_OWNER}"
    found = lint_text(markdown)
    assert [(d.code, d.line) for d in found if d.code == "HL010"] == [("HL010", 7)]
    assert hint in next(d.message for d in found if d.code == "HL010")


def test_unused_suppressions_are_reported_only_when_selected():
    clean = EMPTY_OWNER.replace("| A | | C |", "| A | B | C |")
    markdown = (
        f"<!-- handbook-lint-disable-next-table HL301 -->\n\n{clean}\n"  # line 1: nothing to silence
        f"<!-- handbook-lint-disable-next-table missing-owner -->\n\n{EMPTY_OWNER}\n"  # line 7: silences HL301
        "<!-- handbook-lint-disable HL1 -->\n\nprose\n\n<!-- handbook-lint-enable -->\n\n"  # line 13: nothing
        "<!-- handbook-lint-disable-next-table -->\n"  # line 19: no table after it
    )
    assert diagnostics(markdown) == []  # off by default
    found = diagnostics(markdown, **{"extend-select": ["HL011"]})
    assert found == [("HL011", 1, 1), ("HL011", 13, 1), ("HL011", 19, 1)]
    message = next(d.message for d in lint_text(markdown, config=Config({**DEFAULTS, "select": ["HL011"]}, Path.cwd())))
    assert message == "`handbook-lint-disable-next-table HL301` silences nothing here; remove it"


def test_a_comment_for_a_rule_not_selected_silences_nothing():
    markdown = f"<!-- handbook-lint-disable-next-table HL301 -->\n\n{EMPTY_OWNER}"
    assert diagnostics(markdown, select=["HL301", "HL011"]) == []
    assert diagnostics(markdown, select=["HL011"]) == [("HL011", 1, 1)]


def test_unused_suppression_findings_are_not_silenced_by_the_comments_they_report():
    markdown = "# Clean\n\n<!-- handbook-lint-disable-file -->\n"
    assert diagnostics(markdown, **{"extend-select": ["HL011"]}) == [("HL011", 3, 1)]
