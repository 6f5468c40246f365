"""What a page says, as a text extractor sees it: prose units and table cells in reading order.

The plain-text comparison needs the page as a sequence of units it can line up with an
export: each heading, paragraph, list item and code block is a prose unit; each table cell
is a cell unit. Images are left out (extractors drop them), and so is everything inside a
table's lines, which the tables account for.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from handbook_lint.plaintext.dialects import Fragment
from handbook_lint.tables.markdown import Block, Document
from handbook_lint.tables.model import Cell, Table
from handbook_lint.tables.pipe import RULE_NAME as PIPE_TABLE
from handbook_lint.tables.text import prose_blocks

UnitKind = Literal["heading", "text", "cell"]
DivergenceKind = Literal["table-missing", "table-extra", "row-missing", "row-extra", "cell", "prose", "lost"]


@dataclass(frozen=True, slots=True)
class Divergence:
    """Where page and export part: a page position, an export position, both texts quoted."""

    kind: DivergenceKind
    line: int
    column: int
    export_line: int
    export_column: int
    message: str
    export_message: str
    page_text: str = ""  # what the page says there ("" for something only the export has)
    export_text: str = ""  # what the export says there ("" for something it lacks)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "line": self.line,
            "column": self.column,
            "export_line": self.export_line,
            "export_column": self.export_column,
            "message": self.message,
            "page_text": self.page_text,
            "export_text": self.export_text,
        }


_WORD_SPLIT = re.compile(r"[\s|]+")
# GitHub's tagfilter: these tags are escaped, so a page shows them (and what they hold) as text.
_TAGFILTER = re.compile(r"<(?=/?(?i:title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext)\b)")


@dataclass(slots=True)
class Unit:
    """A piece of the page: its visible text and where it starts."""

    kind: UnitKind
    text: str
    line: int
    column: int
    section: int  # index of the heading above (0 before the first heading)
    table: int | None = None  # index into the page's tables, for cells
    cell: Cell | None = None


def words(text: str) -> list[str]:
    """The words compared: NFKC-normalized, split on white space and on pipes, lone
    hyphens left out.

    Pipes are separators because trafilatura 1.x does not escape them in cell text; a lone
    hyphen may be the bullet 1.x writes for a list item inside a cell.
    """
    return [word for word in _WORD_SPLIT.split(unicodedata.normalize("NFKC", text)) if word and word != "-"]


def page_units(document: Document, tables: list[Table]) -> list[Unit]:
    """Every unit of the page in reading order; tables at their place, row by row."""
    spans = [(table.line, table.end_line) for table in tables]
    prose = list(_prose_units(document, spans))
    units: list[Unit] = []
    pending = sorted(range(len(tables)), key=lambda i: (tables[i].line, tables[i].column))
    section = 0
    for unit in prose:
        while pending and (tables[pending[0]].line, tables[pending[0]].column) < (unit.line, unit.column):
            units.extend(_cell_units(tables[pending[0]], pending[0], section))
            pending.pop(0)
        if unit.kind == "heading":
            section += 1
        unit.section = section
        units.append(unit)
    for index in pending:
        units.extend(_cell_units(tables[index], index, section))
    return units


def _cell_units(table: Table, index: int, section: int) -> Iterator[Unit]:
    for cell in sorted(table.layout.cells, key=lambda c: (c.row, c.col)):
        yield Unit("cell", cell.text, cell.line, cell.column, section, index, cell)


def _prose_units(document: Document, spans: list[tuple[int, int]]) -> Iterator[Unit]:
    for block in document.blocks:
        kind = block.token["type"]
        if kind in ("blank_line", "thematic_break", PIPE_TABLE):
            continue
        first = document.lines.position(block.start)[0]
        last = document.lines.position(max(block.start, block.end - 1))[0]
        if any(start <= first and last <= end for start, end in spans):
            continue
        verbatim = kind == "block_html"
        html = document.page.body[block.start : block.end] if verbatim else document.render_block(block)
        html = _TAGFILTER.sub("&lt;", html)
        for unit_kind, text in prose_blocks(html):
            line, column = _locate(document, block, text, first)
            yield Unit(unit_kind, text, line, column, 0)


def _locate(document: Document, block: Block, text: str, fallback: int) -> tuple[int, int]:
    """The page line where a unit's first words stand, searched in its block's lines."""
    probe = " ".join(text.split()[:3])
    first_word = text.split()[0] if text.split() else ""
    last = document.lines.position(max(block.start, block.end - 1))[0]
    for needle in (probe, first_word):
        if not needle:
            continue
        for line in range(fallback, last + 1):
            column = document.lines.line_text(line).find(needle)
            if column >= 0:
                return line, column + 1
    return fallback, 1


# -- alignment ---------------------------------------------------------------------------


@dataclass(slots=True)
class Alignment:
    """The page's units and the export's fragments, and which unit owns which fragment."""

    units: list[Unit]
    fragments: list[Fragment]
    owner: list[int | None]  # per fragment: the unit most of its matched words belong to
    matched: list[int]  # per unit: how many of its words were matched


def align(units: list[Unit], fragments: list[Fragment]) -> Alignment:
    page_words = [(word, u) for u, unit in enumerate(units) for word in words(unit.text)]
    export_words = [(word, f) for f, fragment in enumerate(fragments) for word in words(fragment.text)]
    matcher = difflib.SequenceMatcher(None, [w for w, _ in page_words], [w for w, _ in export_words], autojunk=False)
    votes: list[dict[int, int]] = [{} for _ in fragments]
    matched = [0] * len(units)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            unit, fragment = page_words[a + k][1], export_words[b + k][1]
            votes[fragment][unit] = votes[fragment].get(unit, 0) + 1
            matched[unit] += 1
    owner = [max(v, key=lambda u: (v[u], -u)) if v else None for v in votes]
    return Alignment(units, fragments, owner, matched)
