"""Fast paths give exactly what the slow paths give: cell text without markup characters."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from handbook_lint.page import page_from_text
from handbook_lint.tables import markdown
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
