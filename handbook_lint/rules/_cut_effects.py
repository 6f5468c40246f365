"""What a blank line that cuts an HTML table changes for readers, in words, for cut-html-table.

The page is rendered with and without the blank line (by the rule); here the first table of
each rendering is parsed as browsers parse it (the light tree of `tables.html_tree`) and the
two are compared: content moved above the table, rows or cells missing or added, cell text
that became Markdown. Imported only when a cut changes the page.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from handbook_lint.tables.html_tree import INDEXED_DEPTH, Comment, Element, parse_html
from handbook_lint.tables.text import collapse, walk

#: A node of the light tree: an element, text, or a comment.
Node = Element | str | Comment

_RENDERS_DIFFERENTLY = "the page after the table renders differently"
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

_TABLE_BOUNDARY = re.compile(r"<!--.*?-->|<(/?)table(?=[\s/>])", re.IGNORECASE | re.DOTALL)


def differences(cut_html: str, joined_html: str) -> list[str]:
    """How the first table of `cut_html` differs, for readers, from that of `joined_html`."""
    try:
        cut, joined = _first_table(cut_html), _first_table(joined_html)
    except _TooDeep:
        return [_RENDERS_DIFFERENTLY]
    if cut is None or joined is None:
        return ["the table is no longer a table"]
    effects = []
    moved = _added(_preceding(cut), _preceding(joined))
    if moved:
        kind = next((_SHOWN_AS[name] for name in ("pre", "p", "ul", "ol", "blockquote") if _holds(moved, name)), "text")
        effects.append(f'{kind} ("{_snippet(moved)}") shows above the table')
    effects.extend(_row_differences(_rows(cut), _rows(joined)))
    return effects or [_RENDERS_DIFFERENTLY]


def _row_differences(cut: list[list[Element]], joined: list[list[Element]]) -> list[str]:
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


def _first_table(html: str) -> Element | None:
    """The first table of the HTML (up to that table's end) as browsers build it."""
    document, caps = parse_html(_through_first_table(html), max_depth=INDEXED_DEPTH)
    if caps.deepest > INDEXED_DEPTH:
        raise _TooDeep
    tables = document.find_all("table")
    return tables[0] if tables else None


def _preceding(table: Element) -> list[Node]:
    """What stands before the table in its parent; browsers move stray content there."""
    siblings = table.parent.contents if table.parent is not None else [table]
    return [node for node in siblings[: siblings.index(table)] if _text(node).strip()]


def _rows(table: Element) -> list[list[Element]]:
    return [
        _child_elements(row, ("td", "th"))
        for group in _child_elements(table, ("thead", "tbody", "tfoot"))
        for row in _child_elements(group, ("tr",))
    ]


def _child_elements(element: Element, names: tuple[str, ...]) -> list[Element]:
    return [child for child in element.contents if isinstance(child, Element) and child.name in names]


def _added(cut: list[Node], joined: list[Node]) -> list[Node]:
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


def _holds(nodes: list[Node], name: str) -> bool:
    return any(isinstance(node, Element) and (node.name == name or node.find_all(name)) for node in nodes)


def _shown_as(cell: Element) -> Counter[str]:
    """How many of each thing Markdown makes the cell holds (a code block's own code not counted)."""
    return Counter(
        _SHOWN_AS[element.name]
        for element in cell.descendants()
        if element.name in _SHOWN_AS
        and not (element.name == "code" and element.parent is not None and element.parent.name == "pre")
    )


def _snippet(nodes: list[Node]) -> str:
    text = collapse(" ".join(_text(node) for node in nodes))
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def _text(node: Node) -> str:
    """All the text below a node, as written (comments hold none)."""
    if isinstance(node, str):
        return node
    if not isinstance(node, Element):
        return ""
    return "".join(value for kind, value in walk(node) if kind == "data")


def _markup(node: Node) -> str:
    """A node's markup with whitespace runs as single spaces, as browsers lay it out: two
    nodes show the same when their markups are equal."""
    parts: list[str] = []
    stack: list[Node | tuple[str]] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):  # an end tag, pushed below its element's children
            parts.append(item[0])
        elif isinstance(item, str):
            parts.append(html.escape(item, quote=False))
        elif isinstance(item, Element):
            attributes = "".join(f' {name}="{html.escape(str(value))}"' for name, value in item.attributes.items())
            parts.append(f"<{item.name}{attributes}>")
            stack.append((f"</{item.name}>",))
            stack.extend(reversed(item.contents))
        else:  # a comment
            parts.append(f"<!--{item.data}-->")
    return " ".join("".join(parts).split())


class _TooDeep(Exception):
    """The HTML nests deeper than the bounded parse keeps exact (and cheap)."""
