"""The tables-only parse leaves list items unread, and finds what the full parse finds.

Extraction parses a page with `Document(page, tables_only=True)`: on a page without HTML
tables, a list item that holds no `|`, `<` or `]:` stays one paragraph of its text. The reference is the full parse: on any
page, both find the same pipe tables at the same places, the same headings, the same
unrendered pipe tables and the same HTML tables.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handbook_lint.page import page_from_text
from handbook_lint.tables import pipe
from handbook_lint.tables.html import extract_html_tables
from handbook_lint.tables.markdown import Document

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

pieces = st.sampled_from(
    [
        "- ",
        "* ",
        "1. ",
        "  ",
        "    ",
        "> ",
        "\n",
        "\n\n",
        "item text",
        "**bold**",
        "[docs][d]",
        "[d]: https://example.com/docs\n",
        "| a | b |\n",
        "|---|---|\n",
        "| 1 | [docs][d] |\n",
        "|---|\n",
        "<table><tr><td>x</td></tr></table>\n",
        "<table>\n",
        "</table>\n",
        "<td>",
        "# Heading [d]\n",
        "## Sub\n",
        "Setext\n---\n",
        "```\n",
        "<!-- handbook-lint-disable HL1 -->\n",
    ]
)


def findings(document: Document) -> object:
    return (
        [(found.first_line, found.prefixes, found.token) for found in document.pipe_tables],
        document.headings,
        document.unrendered_pipe_tables,
        extract_html_tables(document, max_depth=512),
        [(block.start, block.end, block.token["type"]) for block in document.blocks],
    )


@SETTINGS
@given(st.lists(pieces, max_size=30).map("".join))
@example("- [d]: https://example.com/docs\n\n| a |\n|---|\n| [x][d] |\n")
@example("- a\n  - b\n\n    | a |\n    |---|\n    | 1 |\n- c\n\n  d\n")
@example("1. text\n\n   <table><tr><td>x</td></tr></table>\n2. more\n")
@example("<table>\n<td>\n\n- - ")  # the open table takes the list in: its items are cell text
def test_the_tables_only_parse_finds_what_the_full_parse_finds(text):
    page = page_from_text("p.md", text)
    assert findings(Document(page, tables_only=True)) == findings(Document(page))


def test_a_list_item_without_a_table_is_left_unread():
    page = page_from_text("p.md", "- **a**\n\n  - b\n- | x |\n  |---|\n  | 1 |\n")
    (block,) = Document(page, tables_only=True).blocks
    first, second = block.token["children"]
    assert first["children"] == [{"type": "block_text", "text": "**a**\n\n- b"}]  # one paragraph, of a tight list
    assert [child["type"] for child in second["children"]] == [pipe.RULE_NAME]
    full = Document(page).blocks[0].token["children"][0]["children"]
    assert [child["type"] for child in full] == ["paragraph", "blank_line", "list"]
