"""The safe fix of cut-html-table (HL110): remove the blank lines inside an HTML table.

A blank line ends the table's HTML block, and the text after it is read as Markdown. The
fix removes every blank line between ``<table>`` and ``</table>``, so that the whole table
is one HTML block again, and only when that is what the author meant: each blank line must
be followed by a line that starts with a table tag (``<tr>``, ``<td>``, ``</table>`` …).
What follows such a blank line is either an HTML block already, which stays the same
markup, or a code block of indented tags, which becomes the cells it was meant to be. Text
after a blank line may be Markdown written into a cell on purpose (GitHub renders it), so a
table with one such blank line gets no fix at all. Tables that are not closed, or do not
start their own line (in a list item, a quote or after text), get none either.
"""

from __future__ import annotations

import re

from handbook_lint.fixes import Edit, Fix
from handbook_lint.tables.markdown import line_starts
from handbook_lint.tables.model import Table

#: Compiled (and cached by `re`) when first used: few pages have a table to fix.
_TABLE_TAG = r"(?i)\s*</?(?:table|caption|colgroup|col|thead|tbody|tfoot|tr|td|th)[\s/>]"


def remove_blank_lines(text: str, table: Table) -> Fix | None:
    """The fix for a cut HTML table of the page `text`, or None when it is not safe."""
    if any(fact.kind == "html-table-unclosed" for fact in table.facts):
        return None
    lines = text.split("\n")
    if table.end_line > len(lines) or not _starts_its_line(lines[table.line - 1], table.column):
        return None
    starts = line_starts(text)
    edits: list[Edit] = []
    first = None  # the first line (0-based) of the run of blank lines being read
    for index in range(table.line, table.end_line - 1):
        if lines[index].strip():
            continue
        if first is None:
            first = index
        if not lines[index + 1].strip():
            continue
        if not re.match(_TABLE_TAG, lines[index + 1]):
            return None
        edits.append(Edit(starts[first], starts[index + 1], ""))
        first = None
    if not edits:
        return None
    removed = sum(text.count("\n", edit.start, edit.end) for edit in edits)
    return Fix(f"remove {removed} blank line{'s' if removed > 1 else ''} inside the table", tuple(edits))


def _starts_its_line(line: str, column: int) -> bool:
    """Whether `<table` at `column` starts an HTML block: only spaces, at most 3, before it."""
    before = line[: column - 1]
    return before.strip(" ") == "" and len(before) <= 3
