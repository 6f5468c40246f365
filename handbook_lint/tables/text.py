"""What a reader sees of a cell: visible text, entities decoded, whitespace collapsed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bs4 import CData, NavigableString, Tag

_ASCII_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_INVISIBLE = frozenset({"script", "style", "template", "head", "title"})
_BREAKS = frozenset(
    {"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5",
     "h6", "blockquote", "pre", "hr", "dl", "dt", "dd", "section", "caption"}
)


def collapse(text: str) -> str:
    """Collapse runs of ASCII whitespace to one space and trim, as browsers display text."""
    return _ASCII_WHITESPACE.sub(" ", text).strip(" ")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE:
            self._hidden += 1
        elif tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")
        elif tag in _BREAKS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _INVISIBLE:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def text_of_html(fragment: str) -> str:
    """Visible text of an HTML fragment (as rendered from a Markdown cell)."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return collapse("".join(collector.parts))


def text_of_element(element: Tag) -> str:
    """Visible text of a parsed HTML element, nested tables included.

    The walk keeps its own stack, so deeply nested markup cannot exhaust Python's.
    """
    parts: list[str] = []
    stack: list[object] = list(reversed(list(element.children)))
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            parts.append(node)  # a break marker pushed below
        elif isinstance(node, Tag):
            if node.name in _INVISIBLE:
                continue
            if node.name == "img":
                parts.append(str(node.get("alt") or ""))
                continue
            if node.name in _BREAKS:
                parts.append(" ")
                stack.append(" ")
            stack.extend(reversed(list(node.children)))
        elif type(node) is NavigableString or isinstance(node, CData):
            parts.append(str(node))
    return collapse("".join(parts))
