"""A page that cannot hold a table is read, not parsed, and its results do not change."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handbook_lint import api
from handbook_lint.config import load_config
from handbook_lint.page import page_from_text
from handbook_lint.tables import extract, markdown
from handbook_lint.tables.extract import may_hold_table

from conftest import FIXTURES

PROSE = "---\ntitle: Prose\n---\n# Prose\n\nNo table here: just words, a list and code.\n\n- one\n- two\n\n    code\n"


def test_a_page_without_pipes_or_table_tags_is_not_parsed(monkeypatch):
    def refuse(self):
        raise AssertionError("parsed")

    monkeypatch.setattr(markdown.Document, "_parse", property(refuse))
    assert api.lint_text(PROSE) == []
    assert api.extract_tables(PROSE) == []


@pytest.mark.parametrize(
    "text",
    ["a | b", "<TABLE>", "<table\n>", "Tier\n:--\nFree\n", "Tier\n--:\n", "> Tier\n> :-:\n> Free\n"],
)
def test_what_a_table_needs_is_noticed(text):
    assert may_hold_table(page_from_text("p.md", text))


@pytest.mark.parametrize("text", [PROSE, "Tier\n---\n", "a - b : c", "<tab>le", "`table`"])
def test_prose_is_noticed_as_prose(text):
    assert not may_hold_table(page_from_text("p.md", text))


def test_a_suppression_on_an_unparsed_page_still_applies(tmp_path):
    config = load_config(isolated=True, overrides={"require-plain-text": True})
    page = tmp_path / "page.md"
    page.write_text(PROSE)
    assert [d.code for d in api.lint_file(page, config=config)] == ["HL401"]
    page.write_text(PROSE + "\n<!-- handbook-lint-disable-file HL401 -->\n")
    assert api.lint_file(page, config=config) == []
    page.write_text(PROSE + "\n```\n<!-- handbook-lint-disable-file HL401 -->\n```\n")  # shown as code
    assert [d.code for d in api.lint_file(page, config=config)] == ["HL401"]


def test_every_fixture_lints_the_same_parsed_or_not(monkeypatch):
    pages = sorted(FIXTURES.rglob("*.md"))
    assert len(pages) > 20
    config = load_config(isolated=True, overrides={"require-plain-text": True})
    skipping = [api.lint_file(page, config=config) for page in pages]
    monkeypatch.setattr(extract, "may_hold_table", lambda page: True)
    assert [api.lint_file(page, config=config) for page in pages] == skipping


#: The one pattern the page used to be searched with.
_ONE_PATTERN = re.compile(r"\||<table|^[ \t>]*(?::-+:?|-+:)[ \t\v\f]*$", re.IGNORECASE | re.MULTILINE)


@given(st.text(alphabet="|<>tablTABLE:- \n\t\v\f>xİ"))
def test_the_substring_tests_notice_what_the_one_pattern_noticed(text):
    assert may_hold_table(page_from_text("p.md", text)) == (
        _ONE_PATTERN.search(page_from_text("p.md", text).body) is not None
    )
