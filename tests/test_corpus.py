"""The real handbook pages in ../shared: our tables against GitHub's renderer plus a browser parse.

For every page, cmark-gfm (GitHub's renderer) renders the page, html5lib (the WHATWG
parser browsers implement) parses the result, and every <table> is laid out by the WHATWG
table model. Our extraction must find the same tables with the same grids of text.
"""

from __future__ import annotations

import cmarkgfm
import pytest
from bs4 import BeautifulSoup
from cmarkgfm.cmark import Options

from handbook_lint.page import read_page
from handbook_lint.tables.extract import extract_tables
from handbook_lint.tables.layout import normalize
from handbook_lint.tables.model import RawCell, RawRow, RawTable, RowGroup
from handbook_lint.tables.text import text_of_element

from conftest import CORPUS, need


def reference_grids(body: str) -> list[list[list[str | None]]]:
    html = cmarkgfm.github_flavored_markdown_to_html(body, options=Options.CMARK_OPT_UNSAFE)
    soup = BeautifulSoup(html, "html5lib")
    grids = []
    for table in soup.find_all("table"):
        groups = [
            RowGroup(
                group.name,
                [
                    RawRow(
                        [
                            RawCell(
                                text_of_element(cell), cell.name == "th", 1, 1, cell.get("colspan"), cell.get("rowspan")
                            )
                            for cell in row.find_all(["td", "th"], recursive=False)
                        ],
                        1,
                        1,
                    )
                    for row in group.find_all("tr", recursive=False)
                ],
            )
            for group in table.find_all(["thead", "tbody", "tfoot"], recursive=False)
        ]
        layout = normalize(RawTable("html", 1, 1, 1, groups))
        cells = layout.cells
        grids.append([[None if i is None else cells[i].text for i in row] for row in layout.slots])
    return grids


def corpus_pages() -> list:
    if not CORPUS.exists():
        return []
    return sorted(
        p for p in CORPUS.rglob("*.md") if "<table" in (text := p.read_text(errors="replace")).lower() or "|" in text
    )


@pytest.mark.slow
@pytest.mark.parametrize("path", corpus_pages() or [None], ids=lambda p: p and str(p.relative_to(CORPUS)))
def test_tables_match_github_rendering_in_a_browser(path):
    if path is None:
        need(CORPUS)
    page = read_page(path)
    ours = [table.grid for table in extract_tables(page)]
    assert ours == reference_grids(page.body)
