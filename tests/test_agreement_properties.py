"""Random tables on a page, their exports written in each dialect: the two agree; one edited
export cell is found at its page cell; a change a dialect cannot show is never reported."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_plaintext import tables

from handbook_lint.page import page_from_text
from handbook_lint.plaintext.compare import compare
from handbook_lint.plaintext.dialects import parse_export
from handbook_lint.tables.extract import extract_tables

from plaintext_dialects import Slot, html_table, write_1, write_2

INTRO = "Every function has an owner at every tier, and this page names them for each one."
OUTRO = "Ask in the support channel when a function has no owner yet."
WRITERS = {"trafilatura-1": write_1, "trafilatura-2": write_2}


def page_of(rows: list[list[Slot]]) -> str:
    return f"## Owners\n\n{INTRO}\n\n{html_table(rows)}\n\n{OUTRO}\n"


def export_of(rows: list[list[Slot]], dialect: str) -> str:
    return "\n".join(["Owners", INTRO, *WRITERS[dialect](rows), OUTRO])


def divergences(page_text: str, export_text: str):
    page = page_from_text("page.md", page_text)
    return compare(page, extract_tables(page), parse_export(export_text))


@settings(max_examples=150, deadline=None)
@given(tables(pipes=False), st.sampled_from(sorted(WRITERS)))
def test_an_export_written_from_the_page_agrees(rows, dialect):
    assert divergences(page_of(rows), export_of(rows, dialect)) == []


@settings(max_examples=150, deadline=None)
@given(tables(pipes=False), st.sampled_from(sorted(WRITERS)), st.data())
def test_one_edited_export_cell_is_reported_at_its_page_cell(rows, dialect, data):
    filled = [(r, c) for r, row in enumerate(rows) for c, slot in enumerate(row) if slot.text]
    r, c = data.draw(st.sampled_from(filled))
    edited = [list(row) for row in rows]
    edited[r][c] = Slot("Zebra crossing", rows[r][c].colspan, rows[r][c].header)
    found = divergences(page_of(rows), export_of(edited, dialect))
    assert [d.kind for d in found] == ["cell"]
    assert "Zebra crossing" in found[0].message
    texts = [slot.text for row in rows for slot in row]
    if texts.count(rows[r][c].text) == 1:  # a repeated text may be matched at a twin
        page_line = (
            page_of(rows)
            .splitlines()
            .index(
                f"    <{'th' if rows[r][c].header else 'td'}"
                f"{_span(rows[r][c])}>{rows[r][c].text}</"
                f"{'th' if rows[r][c].header else 'td'}>"
            )
            + 1
        )
        assert found[0].line == page_line


def _span(slot: Slot) -> str:
    return f' colspan="{slot.colspan}"' if slot.colspan > 1 else ""


@settings(max_examples=150, deadline=None)
@given(tables(pipes=False), st.data())
def test_a_value_moved_into_an_empty_neighbour_slot_is_seen_by_2x_only(rows, data):
    moves = [
        (r, c)
        for r, row in enumerate(rows)
        for c in range(len(row) - 1)
        if row[c].text and not row[c + 1].text and row[c].colspan == row[c + 1].colspan == 1
    ]
    assume(moves)
    r, c = data.draw(st.sampled_from(moves))
    moved = [list(row) for row in rows]
    moved[r][c], moved[r][c + 1] = rows[r][c + 1], rows[r][c]
    page = page_of(rows)
    assert divergences(page, export_of(moved, "trafilatura-1")) == []
    found = divergences(page, export_of(moved, "trafilatura-2"))
    assert [d.kind for d in found] == ["cell", "cell"]


#: The one token pattern `words` used for all text, before text without CJK got a cheaper one.
_CJK_RANGES = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f"
)
_ALL_TEXT_TOKENS = re.compile(rf"[{_CJK_RANGES}]|[^\W{_CJK_RANGES}]+|[^\w\s|\-~{_CJK_RANGES}]")
_AROUND_CJK = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=0x2E7F),  # below the first CJK range, where the cheap pattern applies
        st.sampled_from("\u2e7f\u2e80\u3000\u3001\u3041\u4e2d\u9fff\ua000\uac00\uff01\uffef\U00020000\U0003134f"),
        st.sampled_from("|-~ \t\n"),
    )
)


@given(_AROUND_CJK)
def test_tokens_are_those_of_the_one_pattern_for_all_text(text):
    from handbook_lint.plaintext.units import token_matches

    expected = [(m.start(), m.group()) for m in _ALL_TEXT_TOKENS.finditer(text)]
    assert [(m.start(), m.group()) for m in token_matches(text)] == expected
