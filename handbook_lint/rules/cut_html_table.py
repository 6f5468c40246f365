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
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from handbook_lint.diagnostics import Severity
from handbook_lint.page import Page
from handbook_lint.rules._api import Finding, PageContext
from handbook_lint.rules._cut_fix import remove_blank_lines
from handbook_lint.tables.markdown import Document
from handbook_lint.tables.model import Table
from handbook_lint.tables.text import collapse

if TYPE_CHECKING:  # bs4 is imported only to describe a cut that changes the page
    from bs4 import PageElement, Tag

CODE = "HL110"
NAME = "cut-html-table"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "remove the blank lines between <table> and </table>"

#: HTML blocks that do not end at a blank line (CommonMark kinds 1 to 5).
_OWN_END = re.compile(r" {0,3}<(?:(?:pre|script|style|textarea)(?:[\s>]|$)|!--|\?|![A-Za-z]|!\[CDATA\[)", re.IGNORECASE)
#: What Markdown makes of lines, as readers see it.
_SHOWN_AS = {
    "pre": "a code block",
    "p": "a paragraph",
    "ul": "a list",
    "ol": "a list",
    "blockquote": "a quote",
    "h1": "a heading",
    "h2": "a heading",
    "h3": "a heading",
    "h4": "a heading",
    "h5": "a heading",
    "h6": "a heading",
    "hr": "a rule",
    "strong": "bold text",
    "em": "italics",
    "del": "struck-out text",
    "code": "code",
    "a": "a link",
    "img": "an image",
}
_SNIPPET = 40
_MORE_CHECKS = 16
_TABLE_TAG = re.compile(r"<(/?)table(?=[\s/>]|$)", re.IGNORECASE)
#: Lines that open a block a blank line does not end: HTML blocks of kinds 1 to 5, fences,
#: list items (a blank line makes a list loose), link reference definitions (page-wide).
_OUTLIVES_BLANK_LINE = re.compile(
    r" {0,3}(?:<(?:(?:pre|script|style|textarea)(?:[\s>]|$)|!--|\?|![A-Za-z]|!\[CDATA\[)"
    r"|`{3,}|~{3,}|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|\[)",
    re.IGNORECASE,
)
_INDENTED_CODE = re.compile(r"(?: {4}| {0,3}\t)[ \t]*\S")
_TABLE_BOUNDARY = re.compile(r"<!--.*?-->|<(/?)table(?=[\s/>])", re.IGNORECASE | re.DOTALL)


def check(context: PageContext) -> Iterator[Finding]:
    cuts = [(table, fact) for table in context.tables for fact in table.facts if fact.kind == "html-table-cut"]
    if not cuts:
        return
    lines = context.text.split("\n")
    reported: set[int] = set()
    for table, fact in cuts:
        finding = _first_visible_cut(lines, table, fact.data)
        if finding is not None and finding.line not in reported:
            reported.add(finding.line)
            yield replace(finding, fix=remove_blank_lines(context.text, table))


def _first_visible_cut(lines: list[str], table: Table, data: dict[str, Any]) -> Finding | None:
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
            effects = _differences(window.rendering([]), window.rendering([cut]))
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
        tag = _TABLE_TAG.search(text)
        if tag is not None:
            return tag.group(1) == "/"
    return False


def _joins_html_blocks(cut: dict[str, Any], lines: list[str]) -> bool:
    """Whether the blank lines stand between two HTML blocks that end at a blank line.

    Both are copied to the page verbatim, so without the blank lines they are one HTML
    block with the same text: the page is the same.
    """
    after = lines[cut["last"]] if cut["last"] < len(lines) else ""
    return cut["before"] == "block_html" and cut["after"] == "block_html" and not _OWN_END.match(after)


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
    if any(_OUTLIVES_BLANK_LINE.match(line) for line in region) or (
        _INDENTED_CODE.match(following) and any(_INDENTED_CODE.match(line) for line in region)
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


def _differences(cut_html: str, joined_html: str) -> list[str]:
    """How the first table of `cut_html` differs, for readers, from that of `joined_html`."""
    cut_html, joined_html = _through_first_table(cut_html), _through_first_table(joined_html)
    if _deep(cut_html) or _deep(joined_html):
        return ["the page after the table renders differently"]
    cut, joined = _first_table(cut_html), _first_table(joined_html)
    if cut is None or joined is None:
        return ["the table is no longer a table"]
    effects = []
    moved = _added(_preceding(cut), _preceding(joined))
    if moved:
        kind = next((_SHOWN_AS[name] for name in ("pre", "p", "ul", "ol", "blockquote") if _holds(moved, name)), "text")
        effects.append(f'{kind} ("{_snippet(moved)}") shows above the table')
    effects.extend(_row_differences(_rows(cut), _rows(joined)))
    return effects or ["the page after the table renders differently"]


def _row_differences(cut: list[list[Tag]], joined: list[list[Tag]]) -> list[str]:
    """How the first row that differs differs (later rows follow from it)."""
    same = 0
    while same < min(len(cut), len(joined)) and list(map(_markup, cut[same])) == list(map(_markup, joined[same])):
        same += 1
    if len(cut) != len(joined):
        missing = len(joined) - len(cut)
        if missing > 0:
            return [f"row {same + 1} is missing" if missing == 1 else f"{missing} rows are missing from row {same + 1}"]
        return [f"the table has {_count(-missing, 'row')} more from row {same + 1}"]
    if same == len(cut):
        return []
    cut_row, joined_row = cut[same], joined[same]
    if len(cut_row) < len(joined_row):
        return [f"row {same + 1} is missing {_count(len(joined_row) - len(cut_row), 'cell')}"]
    if len(cut_row) > len(joined_row):
        return [f"row {same + 1} has {_count(len(cut_row) - len(joined_row), 'cell')} more"]
    number, cut_cell, joined_cell = next(
        (number, a, b) for number, (a, b) in enumerate(zip(cut_row, joined_row), 1) if _markup(a) != _markup(b)
    )
    new = _shown_as(cut_cell) - _shown_as(joined_cell)
    if not new:
        return [f"the text of row {same + 1}, cell {number} changes"]
    kinds = sorted(new, key=list(_SHOWN_AS.values()).index)
    return [f"in row {same + 1}, cell {number} they become {', '.join(kinds)}"]


def _markup(node: PageElement) -> str:
    """Markup with whitespace runs as single spaces, as browsers lay it out."""
    return " ".join(str(node).split())


def _through_first_table(html: str) -> str:
    """The HTML up to the end of its first table: what follows cannot change that table or
    what browsers move before it, and parsing it could cost more than the whole check."""
    depth = 0
    for match in _TABLE_BOUNDARY.finditer(html):
        if match.group(0).startswith("<!--"):
            continue
        depth += -1 if match.group(1) else 1
        if depth <= 0 and match.group(1):
            return html[: html.index(">", match.end()) + 1] if ">" in html[match.end() :] else html
    return html


def _deep(html: str) -> bool:
    """Whether the HTML nests so deep that bs4's html5lib tree (which walks every open
    element on nearly every tag) would take long; its bounded parse decides, at its cost."""
    from handbook_lint.tables.html_tree import INDEXED_DEPTH, parse_html

    return parse_html(html, max_depth=INDEXED_DEPTH)[1].deepest > INDEXED_DEPTH


def _first_table(html: str) -> Tag | None:
    from bs4 import BeautifulSoup, Tag

    table = BeautifulSoup(html, "html5lib").find("table")
    return table if isinstance(table, Tag) else None


def _preceding(table: Tag) -> list[PageElement]:
    """What stands before the table in its parent; browsers move stray content there."""
    return [node for node in reversed(list(table.previous_siblings)) if node.get_text().strip()]


def _rows(table: Tag) -> list[list[Tag]]:
    return [
        [cell for cell in row.find_all(["td", "th"], recursive=False)]
        for group in table.find_all(["thead", "tbody", "tfoot"], recursive=False)
        for row in group.find_all("tr", recursive=False)
    ]


def _added(cut: list[PageElement], joined: list[PageElement]) -> list[PageElement]:
    """The nodes of `cut` that `joined` does not have (compared by markup), in order."""
    left = Counter(_markup(node) for node in joined)
    added = []
    for node in cut:
        markup = _markup(node)
        if left[markup]:
            left[markup] -= 1
        else:
            added.append(node)
    return added


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _holds(nodes: list[PageElement], name: str) -> bool:
    from bs4 import Tag

    return any(isinstance(node, Tag) and (node.name == name or node.find(name) is not None) for node in nodes)


def _shown_as(cell: Tag) -> Counter[str]:
    """How many of each thing Markdown makes the cell holds (a code block's own code not counted)."""
    return Counter(
        _SHOWN_AS[element.name]
        for element in cell.find_all(list(_SHOWN_AS))
        if not (element.name == "code" and element.parent is not None and element.parent.name == "pre")
    )


def _snippet(nodes: list[PageElement]) -> str:
    text = collapse(" ".join(node.get_text() for node in nodes))
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"
