"""A blank line inside an HTML table changes what the table shows.

In Markdown, an HTML block runs only to the next blank line. What follows a blank line
inside a ``<table>`` is read as Markdown again: a line indented by four spaces becomes a
code block, and text becomes a paragraph, which browsers move out of the table when it
stands between cells. Readers see tags printed as text, text above the table, or cells
missing from it. When the line after the blank line starts an HTML block of its own
(``<tr>``, ``</td>`` indented by less than four spaces), the page renders exactly as
without the blank line, and nothing is reported. The finding is at the first blank line
of a table that changes what it shows, and says what readers see instead. Remove the
blank line, or keep it when Markdown inside a cell is what you mean. Fixable: ``--fix``
removes the blank lines when each is followed by a table tag (``<tr>``, ``<td>``,
``</table>`` …), never when text that may be Markdown written into a cell follows one.

Bad (line 8): the blank line makes the indented ``<td>10</td>`` a code block, shown
above the table, and the row loses its cell.

```markdown
<table>
  <tr>
    <th>Tier</th>
    <th>Seats</th>
  </tr>
  <tr>
    <td>Team</td>

    <td>10</td>
  </tr>
</table>
```

Good: no blank line inside the table; a blank line before a tag such as ``<tr>`` is fine.

```markdown
<table>
  <tr>
    <th>Tier</th>
    <th>Seats</th>
  </tr>

  <tr>
    <td>Team</td>
    <td>10</td>
  </tr>
</table>
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from handbook_lint.diagnostics import Severity
from handbook_lint.page import Page
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.tables.markdown import Document
from handbook_lint.tables.model import Table

CODE = "HL110"
NAME = "cut-html-table"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "remove the blank lines between <table> and </table>"

_MORE_CHECKS = 16
# Patterns, compiled (and cached by `re`) when first used: few pages have a cut table.
#: HTML blocks that do not end at a blank line (CommonMark kinds 1 to 5).
_OWN_END = r"(?i) {0,3}<(?:(?:pre|script|style|textarea)(?:[\s>]|$)|!--|\?|![A-Za-z]|!\[CDATA\[)"
_TABLE_TAG = r"(?i)<(/?)table(?=[\s/>]|$)"
#: Lines that open a block a blank line does not end: HTML blocks of kinds 1 to 5, fences,
#: list items (a blank line makes a list loose), link reference definitions (page-wide).
_OUTLIVES_BLANK_LINE = (
    r"(?i) {0,3}(?:<(?:(?:pre|script|style|textarea)(?:[\s>]|$)|!--|\?|![A-Za-z]|!\[CDATA\[)"
    r"|`{3,}|~{3,}|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|\[)"
)
_INDENTED_CODE = r"(?: {4}| {0,3}\t)[ \t]*\S"


def check(context: PageContext) -> Iterator[Finding]:
    cuts = [(table, fact) for table in context.tables for fact in table.facts if fact.kind == "html-table-cut"]
    if not cuts:
        return
    from handbook_lint.rules._cut_fix import remove_blank_lines  # (most pages have no cut table)

    lines = context.text.split("\n")
    reported: set[int] = set()
    for table, fact in cuts:
        finding = _first_visible_cut(lines, table, fact.data)
        if finding is not None and finding.line not in reported:
            reported.add(finding.line)
            yield finding._replace(fix=remove_blank_lines(context.text, table))


def _first_visible_cut(lines: list[str], table: Table, data: Mapping[str, Any]) -> Finding | None:
    """The first blank line of the table whose removal alone changes what the page shows.

    A few renderings per table, however many blank lines it holds: when removing all of
    them changes nothing, none matters; otherwise bisection finds the first prefix of them
    whose removal changes the page, and its last blank line, or failing that (a blank line
    that matters only with earlier ones gone) up to `_MORE_CHECKS` after it, is checked alone.
    """
    cuts = [
        cut for cut in data["cuts"] if _inside_table(table, lines, cut["first"]) and not _joins_html_blocks(cut, lines)
    ]
    window = _Window(lines, data["run_line"], _window_end(lines, data["run_line"], table.end_line))
    if not cuts or not window.changed_without(cuts):
        return None
    unchanged, changed = 0, len(cuts)  # removing cuts[:unchanged] changes nothing, cuts[:changed] does
    while changed - unchanged > 1:
        middle = (unchanged + changed) // 2
        if window.changed_without(cuts[:middle]):
            changed = middle
        else:
            unchanged = middle
    for cut in cuts[changed - 1 : changed - 1 + _MORE_CHECKS]:
        if window.changed_without([cut]):
            from handbook_lint.rules._cut_effects import differences  # only a cut that shows needs it

            effects = differences(window.rendering([]), window.rendering([cut]))
            return Finding(
                cut["first"],
                1,
                "blank line ends the table's HTML block, and the lines after it are read as Markdown: "
                + "; ".join(effects),
            )
    return None


def _inside_table(table: Table, lines: list[str], line: int) -> bool:
    """Whether a blank line is inside what the author wrote as the table.

    An unclosed table runs to the end of the page, so any later blank line is "inside"
    it; that is one mistake, which unclosed-html-table reports. Its blank line counts
    here only when a cell of the table comes after it, or the next table tag written
    after it is a `</table>` (one the Markdown after the blank line hides, in a code block).
    """
    if not any(fact.kind == "html-table-unclosed" for fact in table.facts):
        return True
    if any(cell.line > line for cell in table.layout.cells):
        return True
    for text in lines[line:]:
        tag = re.search(_TABLE_TAG, text)
        if tag is not None:
            return tag.group(1) == "/"
    return False


def _joins_html_blocks(cut: dict[str, Any], lines: list[str]) -> bool:
    """Whether the blank lines stand between two HTML blocks that end at a blank line.

    Both are copied to the page verbatim, so without the blank lines they are one HTML
    block with the same text: the page is the same.
    """
    after = lines[cut["last"]] if cut["last"] < len(lines) else ""
    return cut["before"] == "block_html" and cut["after"] == "block_html" and not re.match(_OWN_END, after)


def _window_end(lines: list[str], first_line: int, table_end: int) -> int:
    """The last line a blank line inside the table can change.

    Without the blank line, the table's HTML block runs on to the next blank line after the
    table, and what follows reads the same either way, unless the table's lines open a block
    that a blank line does not end (an HTML block of kinds 1 to 5, a fence, a list item, a
    link definition) or an indented code block that an indented line after the table would
    continue: then the window runs to the page's end. (The whole rest of the page for every
    table would make a page of many cut tables quadratic.)
    """
    end = next((number + 1 for number in range(table_end, len(lines)) if not lines[number].strip()), len(lines))
    region = lines[first_line - 1 : end]
    following = next((line for line in lines[end:] if line.strip()), "")
    if any(re.match(_OUTLIVES_BLANK_LINE, line) for line in region) or (
        re.match(_INDENTED_CODE, following) and any(re.match(_INDENTED_CODE, line) for line in region)
    ):
        return len(lines)
    return end


class _Window:
    """The page from the first block of the table to `_window_end`, rendered as Markdown
    with and without some of the table's blank lines."""

    def __init__(self, lines: list[str], first_line: int, last_line: int):
        self.first_line = first_line
        self.lines = lines[first_line - 1 : last_line]
        self._renderings: dict[tuple[int, ...], str] = {}

    def rendering(self, cuts: list[dict[str, Any]]) -> str:
        """The HTML of the window without the blank lines of `cuts`."""
        key = tuple(cut["first"] for cut in cuts)
        if key not in self._renderings:
            dropped = {line - self.first_line for cut in cuts for line in range(cut["first"], cut["last"] + 1)}
            kept = [line for index, line in enumerate(self.lines) if index not in dropped]
            self._renderings[key] = _render("\n".join(kept))
        return self._renderings[key]

    def changed_without(self, cuts: list[dict[str, Any]]) -> bool:
        """Whether removing the blank lines of `cuts` changes the page, whitespace aside."""
        return self.rendering(cuts).split() != self.rendering([]).split()


def _render(markdown: str) -> str:
    document = Document(Page("-", markdown, markdown, {}))
    return "".join(document.render_block(block) for block in document.blocks)
