"""Fast paths give exactly what the slow paths give: cell text without markup characters,
table ids without a search from 1 for every table."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from handbook_lint.page import page_from_text
from handbook_lint.tables import markdown
from handbook_lint.tables.extract import _TableIds, slug
from handbook_lint.tables.markdown import Document

DOCUMENT = Document(page_from_text("p.md", "| a |\n|---|\n| b |\n"))


def slow_inline_text(text: str) -> str:
    return markdown.text_of_html(DOCUMENT._render(DOCUMENT.md.inline(text, DOCUMENT.state.env)))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
@example("Team (Self Serve)")
@example("a  b\tc \u00a0 d")
@example("https://example.com/x?y=1#z")
@example("user@example.com :smile: 1.5 \"quoted\" 'single' #hash")
def test_text_without_markup_characters_reads_as_itself(text):
    text = text.strip(" \t")
    assert DOCUMENT.inline_text(text) == slow_inline_text(text)


def naive_ids(headings: list[str]) -> list[str]:
    """Table ids as first defined: the nearest heading's slug, then -2, -3 … as needed."""
    used: set[str] = set()
    ids = []
    for heading in headings:
        base = slug(heading) or "table"
        candidate, ordinal = base, 1
        while candidate in used:
            ordinal += 1
            candidate = f"{base}-{ordinal}"
        used.add(candidate)
        ids.append(candidate)
    return ids


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", "x", "x-2", "x-3", "X 2", "table", "table-2", "Our structure"]), max_size=40))
def test_table_ids_resume_where_they_left_off_and_stay_the_same(headings):
    ids = _TableIds()
    assert [ids.next(heading) for heading in headings] == naive_ids(headings)
